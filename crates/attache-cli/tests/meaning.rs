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
        "The envoys met on Tuesday in Oslo. They will meet again on Friday. They agreed to sign the text in July. \
         Talks collapsed last January and resumed in December. The minister said she would travel next week. \
         A ceasefire was agreed on March 2, 2023, and broke down on 5 April. Elections are due in mid-2024.",
        Some("2023-06-14"),
    );
    let found = timexes(&doc);
    assert_eq!(value_of(&found, "Tuesday"), "2023-06-13", "past tense: the Tuesday before");
    assert_eq!(value_of(&found, "Friday"), "2023-06-16", "will meet: the Friday after");
    assert_eq!(value_of(&found, "July"), "2023-07", "agreed to sign: ahead");
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
    assert!(figure(&line, "overlap P ") > 85.0, "{line}");
    assert!(figure(&line, "found ") > 100.0, "{line}");
}

/// (quote text, speaker's entity name or speaker text, kind) of each quotation.
fn quotes(doc: &Value) -> Vec<(String, String, String)> {
    let body = doc["text"].as_str().unwrap();
    let entities = doc["entities"].as_array().unwrap();
    doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let text = q["text"].as_str().unwrap().to_string();
            assert_eq!(char_slice(body, &q["start"], &q["end"]), text, "quote offsets");
            let speaker = match &q["speaker"] {
                Value::Null => String::new(),
                s => match s["entity"].as_u64() {
                    Some(e) => entities[e as usize]["text"].as_str().unwrap().to_string(),
                    None => s["text"].as_str().unwrap().to_string(),
                },
            };
            (text, speaker, q["kind"].as_str().unwrap().to_string())
        })
        .collect()
}

fn quote_by<'a>(found: &'a [(String, String, String)], start: &str) -> &'a (String, String, String) {
    found.iter().find(|q| q.0.starts_with(start)).unwrap_or_else(|| panic!("no quote {start:?} in {found:?}"))
}

#[test]
fn direct_quotes_with_speakers_pronouns_and_titles() {
    let doc = analyze(
        "Foreign Minister Anna Lindqvist met her Danish counterpart Lars Holm in Oslo.\n\n\
         \"We agreed on a timetable,\" Lindqvist told reporters. \"The next round is in May.\"\n\n\
         “There is no deal yet,” said Holm.\n\n\
         The spokeswoman for the ministry, Karin Berg, declined to give details. \
         “We will publish the text,” the spokeswoman said.\n\n\
         “It was a good day,” she added.",
        Some("2023-03-02"),
    );
    let found = quotes(&doc);
    assert_eq!(quote_by(&found, "We agreed").1, "Anna Lindqvist", "straight marks, subject of told");
    assert_eq!(quote_by(&found, "We agreed").2, "direct");
    assert_eq!(quote_by(&found, "The next round").1, "Anna Lindqvist", "a quote with no cue continues its speaker");
    assert_eq!(quote_by(&found, "There is no deal").1, "Lars Holm", "inverted: said Holm");
    assert_eq!(quote_by(&found, "We will publish").1, "Karin Berg", "the spokeswoman: the person with that title");
    assert_eq!(quote_by(&found, "It was a good day").1, "Karin Berg", "she: the last person named");
    let doc_cue = doc["quotes"].as_array().unwrap().iter().find(|q| q["text"] == "There is no deal yet").unwrap();
    assert_eq!(doc_cue["cue"]["text"], "said");
}

#[test]
fn a_relative_clause_does_not_hide_the_speaker() {
    let doc = analyze("\"We will not accept this,\" a diplomat, who asked not to be named, told Reuters.", None);
    let found = quotes(&doc);
    assert_eq!(quote_by(&found, "We will not").1, "a diplomat", "the diplomat spoke, not Reuters nor 'who'");
    // Nor does the dateline's place speak when the parse makes it a subject.
    let doc = analyze("ROME - President Lia Moretti said on Friday that Italy would not negotiate.", None);
    let found = quotes(&doc);
    assert_eq!(quote_by(&found, "Italy would not").1, "Lia Moretti", "the president spoke, not Rome");
}

#[test]
fn partial_multi_paragraph_and_indirect_speech() {
    let doc = analyze(
        "Prime Minister Tomas Varga called the talks a “frank exchange” and said he had “pressed hard \
         for a ceasefire.”\n\n\
         “We came with a plan. We leave with a promise.\n\n\
         “Now the work begins,” Varga said.\n\n\
         Varga told state television that the border would reopen on Monday.",
        Some("2023-03-02"),
    );
    let found = quotes(&doc);
    assert_eq!(quote_by(&found, "frank exchange").2, "partial");
    assert_eq!(quote_by(&found, "frank exchange").1, "Tomas Varga");
    assert_eq!(quote_by(&found, "pressed hard").2, "partial");
    assert_eq!(quote_by(&found, "We came with a plan. We leave").1, "Tomas Varga", "multi-sentence, runs on");
    assert_eq!(quote_by(&found, "Now the work begins").1, "Tomas Varga");
    let indirect = quote_by(&found, "the border would reopen");
    assert_eq!((indirect.1.as_str(), indirect.2.as_str()), ("Tomas Varga", "indirect"));
}

#[test]
fn according_to_claims_name_their_sources() {
    let doc = analyze(
        "According to a Foreign Ministry official, the envoys spoke for an hour. \
         The talks will resume in March, according to Reuters.",
        Some("2023-03-02"),
    );
    let body = doc["text"].as_str().unwrap();
    let claims: Vec<(String, String)> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(char_slice(body, &c["start"], &c["end"]), c["text"].as_str().unwrap(), "claim offsets");
            (c["text"].as_str().unwrap().to_string(), c["source"]["text"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        claims,
        [
            ("the envoys spoke for an hour".to_string(), "a Foreign Ministry official".to_string()),
            ("The talks will resume in March".to_string(), "Reuters".to_string())
        ]
    );
    assert!(doc["claims"][1]["source"]["entity"].is_u64(), "Reuters is an entity");
}

#[test]
fn seed_article_quotes_and_claims() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let output = run(attache().arg("analyze").arg(path));
    let doc = &json_lines(&output)[0];
    let found = quotes(doc);
    let direct: Vec<&(String, String, String)> = found.iter().filter(|q| q.2 != "indirect").collect();
    assert_eq!(direct.len(), 5, "{found:?}");
    let speakers: Vec<&str> = direct.iter().map(|q| q.1.as_str()).collect();
    assert_eq!(speakers, ["Maria Zakharova", "Maria Zakharova", "Antony Blinken", "Antony Blinken", "Antony Blinken"]);
    assert_eq!(quote_by(&found, "frank and direct conversation").2, "partial");
    assert_eq!(quote_by(&found, "pressed the Kremlin").2, "partial");
    let sources: Vec<&str> =
        doc["claims"].as_array().unwrap().iter().map(|c| c["source"]["text"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(sources[0].starts_with("a State Department official") && sources[1] == "the US official", "{sources:?}");
    assert!(sources[2].contains("Maria Zakharova"), "{sources:?}");
}

/// (entity name, location name, country, latitude, longitude) of each located place.
fn locations(doc: &Value) -> Vec<(String, String, String, f64, f64)> {
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["location"].is_object())
        .map(|e| {
            let l = &e["location"];
            assert!(!l["rule"].as_str().unwrap().is_empty(), "every location names its rule");
            (
                e["text"].as_str().unwrap().to_string(),
                l["name"].as_str().unwrap().to_string(),
                l["country"].as_str().unwrap().to_string(),
                l["latitude"].as_f64().unwrap(),
                l["longitude"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn places_get_countries_and_coordinates() {
    let doc = analyze(
        "Ministers met in New Delhi on Thursday. The talks in the Indian capital followed a summit in \
         Geneva, and officials from Kenya flew in from Paris.",
        Some("2023-03-02"),
    );
    let found = locations(&doc);
    let place = |name: &str| found.iter().find(|p| p.0 == name).unwrap_or_else(|| panic!("{name} in {found:?}"));
    let delhi = place("New Delhi");
    assert_eq!(delhi.2, "IND");
    assert!((delhi.3 - 28.6).abs() < 0.2 && (delhi.4 - 77.2).abs() < 0.2, "{delhi:?}");
    assert_eq!(place("Geneva").2, "CHE", "the Swiss city, not the American town");
    assert_eq!(place("Paris").2, "FRA");
    assert_eq!(place("Kenya").1, "Kenya");
    let delhi_entity = doc["entities"].as_array().unwrap().iter().find(|e| e["text"] == "New Delhi").unwrap();
    let mentions: Vec<&str> =
        delhi_entity["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(mentions, ["New Delhi", "the Indian capital"]);
}

#[test]
fn seed_article_places() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let output = run(attache().arg("analyze").arg(path));
    let found = locations(&json_lines(&output)[0]);
    let delhi = found.iter().find(|p| p.0 == "New Delhi").expect("New Delhi located");
    assert_eq!(delhi.2, "IND");
    assert!((delhi.3 - 28.6).abs() < 0.2 && (delhi.4 - 77.2).abs() < 0.2, "{delhi:?}");
    assert_eq!(found.iter().find(|p| p.0 == "Geneva").unwrap().2, "CHE");
}

/// (entity name, actor code, rule) of each coded entity, checking the evidence offsets.
fn actors(doc: &Value) -> Vec<(String, String, String)> {
    let body = doc["text"].as_str().unwrap();
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"].is_object())
        .map(|e| {
            let a = &e["actor"];
            let evidence = &a["evidence"];
            assert_eq!(char_slice(body, &evidence["start"], &evidence["end"]), evidence["text"].as_str().unwrap());
            (
                e["text"].as_str().unwrap().to_string(),
                a["code"].as_str().unwrap().to_string(),
                a["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn code_of(found: &[(String, String, String)], name: &str) -> String {
    found.iter().find(|a| a.0 == name).unwrap_or_else(|| panic!("no actor for {name:?} in {found:?}")).1.clone()
}

/// (text, entity names, code) of each description.
fn descriptions(doc: &Value) -> Vec<(String, Vec<String>, String)> {
    let entities = doc["entities"].as_array().unwrap();
    doc["descriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let names = d["entities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| entities[i.as_u64().unwrap() as usize]["text"].as_str().unwrap().to_string())
                .collect();
            (d["text"].as_str().unwrap().to_string(), names, d["actor"]["code"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn actors_from_titles_appositions_and_role_nouns() {
    let doc = analyze(
        "Kremlin spokesman Dmitry Peskov said on Monday that Moscow was ready for talks. Ingrid Solberg, \
         Norway's foreign minister, told reporters the offer was welcome. Ukrainian troops shelled positions \
         near Donetsk, Russian officials said. Pentagon spokesman Pat Ryder declined to comment. A UN \
         spokesman said aid convoys had stopped.",
        Some("2024-05-20"),
    );
    let found = actors(&doc);
    assert_eq!(code_of(&found, "Dmitry Peskov"), "RUSGOV", "a Kremlin spokesman speaks for the Kremlin");
    assert_eq!(code_of(&found, "Ingrid Solberg"), "NORGOV");
    assert!(found.iter().any(|a| a.0 == "Ingrid Solberg" && a.2.starts_with("apposition")), "{found:?}");
    assert_eq!(code_of(&found, "Pat Ryder"), "USAMIL", "the Pentagon's code, not a generic spokesman's");
    assert_eq!(code_of(&found, "Moscow"), "RUS", "a capital stands for its country");
    assert_eq!(code_of(&found, "Kremlin"), "RUSGOV");
    let described = descriptions(&doc);
    let code = |text: &str| {
        described.iter().find(|d| d.0 == text).unwrap_or_else(|| panic!("{text} in {described:?}")).2.clone()
    };
    assert_eq!(code("Ukrainian troops"), "UKRMIL");
    assert_eq!(code("Russian officials"), "RUSGOV");
    assert_eq!(code("UN spokesman"), "IGOUNO");
    assert!(
        !described.iter().any(|d| d.0.contains("foreign minister")),
        "an apposition is the person's, not a new actor"
    );
}

#[test]
fn explain_shows_the_rule_behind_each_actor() {
    let input = " date 2024-05-20 By Test Writer, Attaché Wire\n\nKremlin spokesman Dmitry Peskov said the two sides would meet.";
    let output = run_with_stdin(&["analyze", "--pretty", "--explain", "-"], input.as_bytes());
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("Dmitry Peskov  = RUSGOV [title: Kremlin (RUSGOV)]"), "{report}");
    assert!(report.contains("= RUSGOV [dictionary attache:actors: \"Kremlin\" is KREMLIN_"), "{report}");
}

#[test]
fn counterparts_and_the_two_resolve_to_people_named_before() {
    let doc = analyze(
        "Hungarian Foreign Minister Lena Varga met Brazilian Foreign Minister Carlos Mendes in Rome on \
         Friday. Varga said she had invited her Brazilian counterpart to Budapest. The two spoke for an \
         hour. Later Varga called her Japanese counterpart.",
        Some("2024-05-20"),
    );
    let found = actors(&doc);
    assert_eq!(code_of(&found, "Lena Varga"), "HUNGOV");
    assert_eq!(code_of(&found, "Carlos Mendes"), "BRAGOV");
    let mendes = doc["entities"].as_array().unwrap().iter().find(|e| e["text"] == "Carlos Mendes").unwrap();
    let counterpart = mendes["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "her Brazilian counterpart");
    let counterpart = counterpart.unwrap_or_else(|| panic!("the counterpart is a mention of Mendes: {mendes}"));
    assert!(counterpart["rule"].as_str().unwrap().contains("BRA"), "{counterpart}");
    let described = descriptions(&doc);
    let two = described.iter().find(|d| d.0 == "The two").unwrap_or_else(|| panic!("{described:?}"));
    let mut names = two.1.clone();
    names.sort();
    assert_eq!(names, ["Carlos Mendes", "Lena Varga"]);
    let japanese =
        described.iter().find(|d| d.0 == "her Japanese counterpart").unwrap_or_else(|| panic!("{described:?}"));
    assert_eq!(japanese.2, "JPNGOV", "no Japanese named: the country with Varga's role");
}

#[test]
fn actor_and_agent_dictionaries_with_dated_roles() {
    let dir = tempfile::tempdir().unwrap();
    let actors_file = dir.path().join("my.actors.txt");
    std::fs::write(
        &actors_file,
        "# test actors\nLENA_VARGA_\n+VARGA_\n\t[HUNGOV 20200101-20231231]\n\t[HUNELI >20240101]\nBROKEN [HUN\n",
    )
    .unwrap();
    let agents_file = dir.path().join("my.agents.txt");
    std::fs::write(&agents_file, "BORDER_WATCHER_ [~SPY]\n").unwrap();
    let text = "Lena Varga spoke in Budapest. Hungarian border watchers were alerted.";
    let code_on = |date: &str, with_dictionaries: bool| {
        let input = format!(" date {date} By Test Writer, Attaché Wire\n\n{text}");
        let mut args = vec!["analyze".to_string(), "-".to_string()];
        if with_dictionaries {
            args.extend(["--actors".to_string(), actors_file.display().to_string()]);
            args.extend(["--agents".to_string(), agents_file.display().to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run_with_stdin(&args, input.as_bytes());
        assert!(output.status.success(), "{}", stderr(&output));
        if with_dictionaries {
            assert!(
                stderr(&output).contains("my.actors.txt:6: '[' without ']'"),
                "malformed lines are reported: {}",
                stderr(&output)
            );
        }
        let doc = json_lines(&output).remove(0);
        let varga = actors(&doc).into_iter().find(|a| a.0 == "Lena Varga").map(|a| a.1);
        let watchers = descriptions(&doc).into_iter().find(|d| d.0.contains("border watchers")).map(|d| d.2);
        (varga, watchers)
    };
    assert_eq!(code_on("2022-06-01", true), (Some("HUNGOV".to_string()), Some("HUNSPY".to_string())));
    assert_eq!(code_on("2025-01-15", true).0.as_deref(), Some("HUNELI"), "the role held on the article date");
    assert_eq!(code_on("2022-06-01", false), (None, None), "neither is in the built-in dictionaries");
    let missing = run(attache().args(["analyze", "--actors", "/nonexistent/actors.txt", "-"]));
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("/nonexistent/actors.txt: cannot read"), "{}", stderr(&missing));
}

#[test]
fn seed_article_actors() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let output = run(attache().arg("analyze").arg(path));
    let doc = &json_lines(&output)[0];
    let found = actors(doc);
    for (name, code) in [
        ("Antony Blinken", "USAGOV"),
        ("Sergey Lavrov", "RUSGOV"),
        ("Maria Zakharova", "RUSGOV"),
        ("Putin", "RUSGOV"),
        ("Qin Gang", "CHNGOV"),
        ("Paul Whelan", "USA"),
        ("Brittney Griner", "USA"),
        ("Kremlin", "RUSGOV"),
        ("State Department", "USAGOV"),
    ] {
        assert_eq!(code_of(&found, name), code, "{name}");
    }
    let lavrov = doc["entities"].as_array().unwrap().iter().find(|e| e["text"] == "Sergey Lavrov").unwrap();
    assert!(lavrov["mentions"].as_array().unwrap().iter().any(|m| m["text"] == "his Russian counterpart"), "{lavrov}");
    let described = descriptions(doc);
    let pairs: Vec<&(String, Vec<String>, String)> =
        described.iter().filter(|d| d.0.eq_ignore_ascii_case("the two")).collect();
    assert_eq!(pairs.len(), 2, "{described:?}");
    for pair in pairs {
        let mut names = pair.1.clone();
        names.sort();
        assert_eq!(names, ["Antony Blinken", "Sergey Lavrov"]);
    }
}

#[test]
fn quotes_attributed_by_according_to_and_in_the_words_of() {
    let doc = analyze(
        "The storm left the harbour “worse than anything we have seen in decades,” according to port \
         director Ana Lima.\n\n\
         Repairs will take months, and in the words of the mayor, Pedro Alves, “the city will rebuild \
         every pier.”",
        Some("2023-03-02"),
    );
    let found = quotes(&doc);
    assert_eq!(quote_by(&found, "worse than anything").1, "Ana Lima");
    assert_eq!(quote_by(&found, "the city will rebuild").1, "Pedro Alves", "the name set off after the title");
}

/// The figure after `label` in a line of `attache eval` output.
fn figure(line: &str, label: &str) -> f64 {
    let at = line.find(label).unwrap_or_else(|| panic!("{label} in {line}")) + label.len();
    line[at..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn scores_timex_values_and_quote_speakers_on_annotated_gum_news() {
    let Some(corpus) = shared("corpora/gum_news.jsonl") else { return };
    let values = repo().join("eval/timex-values-gum-news-test.tsv");
    let output = run(attache().args(["eval", "timex", "--values"]).arg(&values).arg("--corpus").arg(&corpus));
    assert!(output.status.success(), "{}", stderr(&output));
    let line = String::from_utf8(output.stdout).unwrap();
    assert!(figure(&line, "value accuracy ") >= 90.0, "{line}");
    assert!(figure(&line, "overlap P ") >= 90.0 && figure(&line, " R ") >= 85.0, "{line}");
    let gold = repo().join("eval/quote-speakers-gum-news.tsv");
    let output = run(attache().args(["eval", "quotes", "--gold"]).arg(&gold).arg("--corpus").arg(&corpus));
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8(output.stdout).unwrap();
    for split in ["dev", "test"] {
        let line =
            report.lines().find(|l| l.contains(&format!(" {split} "))).unwrap_or_else(|| panic!("{split} in {report}"));
        assert!(figure(line, "speaker accuracy ") >= 70.0, "{line}");
        assert!(figure(line, "found ") >= 8.0, "{line}");
    }
}

#[test]
fn malformed_gold_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.tsv");
    std::fs::write(&gold, "# a comment\nGUM_news_x\t12\n").unwrap();
    let output = run(attache().args(["eval", "quotes", "--gold"]).arg(&gold).args(["--corpus", "/nonexistent.jsonl"]));
    assert!(!output.status.success());
    assert!(stderr(&output).contains("gold.tsv:2: expected 5 tab-separated columns"), "{}", stderr(&output));
}
