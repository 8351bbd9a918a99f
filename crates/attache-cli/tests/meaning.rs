//! End-to-end tests of the meaning layer (times, quotations and claims, actors, places) on
//! news sentences written for the repository, and on ../shared data when it is present.

mod common;

use common::*;
use serde_json::Value;

/// Analyses `text` (with a ` date …` header when `date` is given) and returns the document.
fn analyze(text: &str, date: Option<&str>) -> Value {
    let input = match date {
        Some(d) => format!(" date {d} By Test Writer, Attaché Wire\n\n{text}"),
        None => text.to_string(),
    };
    let output = run_with_stdin(&["analyze", "-"], input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    json_lines(&output).remove(0)
}

/// (text, type, value) of each timex, checking that offsets give the text.
fn timexes(doc: &Value) -> Vec<(String, String, String)> {
    let body = doc["text"].as_str().unwrap();
    doc["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let text = t["text"].as_str().unwrap().to_string();
            assert_eq!(char_slice(body, &t["start"], &t["end"]), text, "timex offsets");
            assert!(!t["rule"].as_str().unwrap().is_empty(), "every timex names its rule");
            (text, t["type"].as_str().unwrap().to_string(), t["value"].as_str().unwrap().to_string())
        })
        .collect()
}

fn value_of(found: &[(String, String, String)], text: &str) -> String {
    found.iter().find(|t| t.0 == text).unwrap_or_else(|| panic!("no timex {text:?} in {found:?}")).2.clone()
}

#[test]
fn dates_resolve_against_the_article_date_by_tense() {
    let doc = analyze(
        "The envoys met on Tuesday in Oslo. They will meet again on Friday. \
         Talks collapsed last January and resumed in December. The minister said she would travel next week. \
         A ceasefire was agreed on March 2, 2023, and broke down on 5 April. Elections are due in mid-2024.",
        Some("2023-06-14"),
    );
    let found = timexes(&doc);
    assert_eq!(value_of(&found, "Tuesday"), "2023-06-13", "past tense: the Tuesday before");
    assert_eq!(value_of(&found, "Friday"), "2023-06-16", "will meet: the Friday after");
    assert_eq!(value_of(&found, "last January"), "2022-01");
    assert_eq!(value_of(&found, "December"), "2022-12", "resumed in December: the last December");
    assert_eq!(value_of(&found, "next week"), "2023-W25");
    assert_eq!(value_of(&found, "March 2, 2023"), "2023-03-02");
    assert_eq!(value_of(&found, "5 April"), "2023-04-05");
    assert_eq!(value_of(&found, "mid-2024"), "2024");
    let mid = doc["timexes"].as_array().unwrap().iter().find(|t| t["text"] == "mid-2024").unwrap();
    assert_eq!(mid["mod"], "MID");
}

#[test]
fn durations_relative_dates_and_sets() {
    let doc = analyze(
        "The two spoke for roughly 10 minutes, more than a year ago. Over the past year the \
         envoys have met every week, and earlier this week they held a two-hour session.",
        Some("2023-03-02"),
    );
    let found = timexes(&doc);
    assert_eq!(value_of(&found, "roughly 10 minutes"), "PT10M");
    assert_eq!(value_of(&found, "more than a year ago"), "2022");
    assert_eq!(value_of(&found, "the past year"), "P1Y");
    assert_eq!(value_of(&found, "every week"), "P1W");
    assert_eq!(value_of(&found, "earlier this week"), "2023-W09");
    assert_eq!(value_of(&found, "two-hour"), "PT2H");
    let kinds: Vec<&str> = found.iter().map(|t| t.1.as_str()).collect();
    assert!(kinds.contains(&"SET") && kinds.contains(&"DURATION") && kinds.contains(&"DATE"), "{kinds:?}");
}

#[test]
fn without_an_article_date_open_parts_stay_open() {
    let found = timexes(&analyze("The talks resumed on Wednesday and ended in 2019.", None));
    assert_eq!(value_of(&found, "Wednesday"), "XXXX-WXX-3");
    assert_eq!(value_of(&found, "2019"), "2019");
}

#[test]
fn explain_shows_the_rule_behind_each_time() {
    let input = " date 2023-03-02 By Test Writer, Attaché Wire\n\nThe ministers met on Wednesday.\n";
    let output = run_with_stdin(&["analyze", "--pretty", "--explain", "-"], input.as_bytes());
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("Wednesday → 2023-03-01"), "{report}");
    assert!(report.contains("anchored by tense/past"), "{report}");
}

#[test]
fn seed_article_times() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let output = run(attache().arg("analyze").arg(path));
    let found = timexes(&json_lines(&output)[0]);
    for (text, value) in [
        ("Thursday", "2023-03-02"),
        ("Wednesday", "2023-03-01"),
        ("last January", "2022-01"),
        ("last February", "2022-02"),
        ("last July", "2022-07"),
        ("December", "2022-12"),
        ("roughly 10 minutes", "PT10M"),
    ] {
        assert_eq!(value_of(&found, text), value, "{text}");
    }
}

#[test]
fn evaluates_timexes_against_gum_time_entities() {
    let Some(dev) = shared("corpora/gum/en_gum-ud-dev.conllu") else { return };
    let output = run(attache().args(["eval", "timex", "--gum"]).arg(dev));
    assert!(output.status.success(), "{}", stderr(&output));
    let line = String::from_utf8(output.stdout).unwrap();
    let figure = |label: &str| -> f64 {
        let at = line.find(label).unwrap_or_else(|| panic!("{label} in {line}")) + label.len();
        line[at..].split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(figure("overlap P ") > 85.0, "{line}");
    assert!(figure("found ") > 100.0, "{line}");
}
