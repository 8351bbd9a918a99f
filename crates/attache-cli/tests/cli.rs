//! End-to-end tests of the `attache` command on inputs written for the repository,
//! and on ../shared data when it is present.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn analyzes_the_bundled_example_with_header_and_dateline() {
    let out = run(attache().arg("analyze").arg(repo().join("examples/ministers-meet.txt")).arg("--tokens"));
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["id"], "ministers-meet");
    assert_eq!(doc["date"], "2024-05-14");
    assert_eq!(doc["byline"], serde_json::json!(["Ana Ruiz", "Tom Becker"]));
    assert_eq!(doc["source"], "Attaché Wire");
    assert_eq!(doc["dateline"]["place"], "GENEVA");
    assert_eq!(doc["dateline"]["text"], "GENEVA (Attaché Wire) -");
    let sents = sentences(doc);
    assert_eq!(sents.len(), 8, "{sents:#?}");
    assert!(sents[3].starts_with("\"We don't expect") && sents[3].ends_with("tomorrow."));
    assert!(sents[7].starts_with("Aid convoys haven't reached El Fasher since Feb. 12"));
    // Every token's offsets give back its text, including after the non-ASCII "é".
    let text = doc["text"].as_str().unwrap();
    for token in doc["tokens"].as_array().unwrap() {
        assert_eq!(char_slice(text, &token["start"], &token["end"]), token["text"].as_str().unwrap());
    }
    let words: Vec<&str> = doc["tokens"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert!(words.windows(2).any(|w| w == ["have", "n't"]));
    assert!(doc["multiword_tokens"].as_array().unwrap().iter().any(|m| m["text"] == "haven't"));
}

#[test]
fn pretty_report_lists_metadata_and_sentences() {
    let out = run(attache().arg("analyze").arg("--pretty").arg(repo().join("examples/ministers-meet.txt")));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("byline: Ana Ruiz; Tom Becker"), "{report}");
    assert!(report.contains("[  8] Aid convoys"), "{report}");
}

#[test]
fn reads_json_lines_and_reports_bad_lines_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(br#"{"id": "a", "text": "Talks resumed. Both sides attended.", "date": "2024-01-02", "title": "Talks", "source": "Wire"}"#);
    bytes.extend_from_slice(b"\n{\"id\": \"broken\", \"text\": \n");
    bytes.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"   \"}\n\n");
    bytes.extend_from_slice(br#"{"id": 7, "text": "A second report.", "date": "2024-02-30"}"#);
    bytes.push(b'\n');
    bytes.extend_from_slice(br#"{"id": "notext"}"#);
    std::fs::write(&path, bytes).unwrap();
    let out = run(attache().arg("analyze").arg(&path));
    assert!(out.status.success(), "some documents were fine, so the run succeeds");
    let docs = json_lines(&out);
    assert_eq!(docs.iter().map(|d| d["id"].as_str().unwrap()).collect::<Vec<_>>(), ["a", "latin1", "7"]);
    assert_eq!(docs[1]["text"], "café", "a line in a legacy encoding is read");
    assert_eq!(docs[0]["date"], "2024-01-02");
    assert_eq!(docs[0]["title"], "Talks");
    assert_eq!(sentences(&docs[0]), ["Talks resumed.", "Both sides attended."]);
    assert_eq!(docs[2]["date"], Value::Null);
    let err = stderr(&out);
    let name = path.display().to_string();
    assert!(err.contains(&format!("{name}:2:")) && err.contains("malformed JSON"), "{err}");
    assert!(err.contains(&format!("{name}:3: the line is not UTF-8; read as windows-1252")), "{err}");
    assert!(err.contains(&format!("{name}:4:")) && err.contains("empty document"), "{err}");
    assert!(err.contains(&format!("{name}:6:")) && err.contains("2024-02-30"), "{err}");
    assert!(err.contains(&format!("{name}:7:")) && err.contains("missing the \"text\" field"), "{err}");
}

#[test]
fn fails_only_when_nothing_could_be_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x00\x01\x02binary\xff\xfe\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b" date 2023-03-02 By A. Writer, Wire\n\n   \n").unwrap();
    let out = run(attache().arg("analyze").arg(&bad).arg(&empty).arg(dir.path().join("missing.txt")));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:1:10: invalid UTF-8 at byte 9", bad.display())), "{err}");
    assert!(err.contains("empty document"), "{err}");
    assert!(err.contains("missing.txt: no such file or directory"), "{err}");
    assert!(err.contains("no document could be analysed"), "{err}");
}

#[test]
fn refuses_oversized_text_files_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    // A sparse file: large on paper, no disk used.
    std::fs::File::create(&huge).unwrap().set_len(300 << 20).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Still analysed.").unwrap();
    let out = run(attache().arg("analyze").arg(&huge).arg(&small));
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("split it into articles (JSON Lines) or raise --max-document-bytes"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn reads_directories_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Second story.").unwrap();
    std::fs::write(dir.path().join("a.txt"), "First story.").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "Never read.").unwrap();
    std::fs::write(dir.path().join("more/c.jsonl"), "{\"id\": \"c1\", \"text\": \"Third.\"}\n").unwrap();
    let out = run(attache().arg("analyze").arg(dir.path()));
    let ids: Vec<String> = json_lines(&out).iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b", "c1"]);
}

#[test]
fn reads_standard_input_as_text_or_json_lines() {
    let out = run_with_stdin(
        &["analyze", "-"],
        b" date 2022-07-29 By Sam Lee, Wire\n\nMinisters spoke by phone. No deal was reached.\n",
    );
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["id"], "stdin");
    assert_eq!(doc["date"], "2022-07-29");
    assert_eq!(sentences(doc).len(), 2);
    let out = run_with_stdin(
        &["analyze", "-"],
        b"{\"id\": \"x\", \"text\": \"One.\"}\n{\"id\": \"y\", \"text\": \"Two.\"}\n",
    );
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn writes_to_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let out = run(attache().arg("analyze").arg(repo().join("examples/ministers-meet.txt")).arg("-o").arg(&target));
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written.lines().count(), 1);
}

#[test]
fn evaluates_segmentation_on_a_treebank() {
    let fixture = repo().join("crates/attache-cli/tests/fixtures/mini.conllu");
    let out = run(attache().args(["eval", "segment", "--json", "--conllu"]).arg(&fixture));
    assert!(out.status.success(), "{}", stderr(&out));
    let scores: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scores["scores"]["tokens"]["gold"], 10);
    assert_eq!(scores["scores"]["words"]["gold"], 11);
    assert_eq!(scores["sentence_f1"], 100.0);
    assert_eq!(scores["token_f1"], 100.0);
}

#[test]
fn seed_article_metadata_and_sentences() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let out = run(attache().arg("analyze").arg(&path));
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["date"], "2023-03-02");
    assert_eq!(doc["byline"], serde_json::json!(["Jennifer Hansler", "Kylie Atwood"]));
    assert_eq!(doc["source"], "CNN");
    // The article has no abbreviations: sentences end at ". " before a capital or an
    // opening quote, and at paragraph ends.
    let text = doc["text"].as_str().unwrap();
    let mut expected: Vec<String> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let mut start = 0;
        for (i, _) in paragraph.match_indices(". ") {
            let next = paragraph[i + 2..].chars().next().unwrap();
            if next.is_uppercase() || next == '“' {
                expected.push(paragraph[start..=i].to_string());
                start = i + 2;
            }
        }
        expected.push(paragraph[start..].to_string());
    }
    assert_eq!(sentences(doc), expected);
    assert_eq!(expected.len(), 14);
}

#[test]
fn gum_news_documents_are_processed_without_error() {
    let Some(path) = shared("corpora/gum_news.jsonl") else { return };
    let out = run(attache().arg("analyze").arg(&path));
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 23);
    for doc in &docs {
        assert!(doc["date"].is_string(), "{} has a date", doc["id"]);
        assert!(doc["sentences"].as_array().unwrap().len() > 5);
    }
}

#[test]
fn segmentation_meets_its_quality_targets_on_ud_test_sets() {
    let (Some(ewt), Some(gum)) =
        (shared("corpora/ud-ewt/en_ewt-ud-test.conllu"), shared("corpora/gum/en_gum-ud-test.conllu"))
    else {
        return;
    };
    let out = run(attache().args(["eval", "segment", "--json", "--conllu"]).arg(&ewt).arg(&gum));
    let lines: Vec<Value> = json_lines(&out);
    let f1 = |i: usize, key: &str| lines[i][key].as_f64().unwrap();
    assert!(f1(0, "token_f1") >= 99.0 && f1(1, "token_f1") >= 99.0, "{lines:?}");
    assert!(f1(0, "sentence_f1") >= 85.0, "{lines:?}");
    assert!(f1(1, "sentence_f1") >= 96.0, "{lines:?}");
}

/// Tags and parses `text` with the shipped models; returns (word, upos, lemma, head word, relation).
fn parse(text: &str) -> Vec<(String, String, String, String, String)> {
    let out = run_with_stdin(&["analyze", "--tokens", "-"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &json_lines(&out)[0];
    let tokens = doc["tokens"].as_array().unwrap();
    let word =
        |i: &Value| i.as_u64().map_or("ROOT".to_string(), |i| tokens[i as usize]["text"].as_str().unwrap().to_string());
    tokens
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or("").to_string();
            let rel = s("deprel");
            (s("text"), s("upos"), s("lemma"), word(&t["head"]), rel.split(':').next().unwrap().to_string())
        })
        .collect()
}

fn relation(parsed: &[(String, String, String, String, String)], word: &str) -> (String, String) {
    let t = parsed.iter().find(|t| t.0 == word).unwrap_or_else(|| panic!("{word} in {parsed:?}"));
    (t.3.clone(), t.4.clone())
}

#[test]
fn parses_key_relations_of_news_sentences() {
    let p = parse("The minister signed the agreement.");
    assert_eq!(relation(&p, "minister"), ("signed".into(), "nsubj".into()));
    assert_eq!(relation(&p, "agreement"), ("signed".into(), "obj".into()));
    assert_eq!(relation(&p, "signed"), ("ROOT".into(), "root".into()));

    let p = parse("The minister met diplomats in Geneva on Tuesday.");
    assert_eq!(relation(&p, "diplomats"), ("met".into(), "obj".into()));
    assert_eq!(relation(&p, "Geneva"), ("met".into(), "obl".into()));
    assert_eq!(relation(&p, "Tuesday"), ("met".into(), "obl".into()));

    let p = parse("Officials said the talks had failed.");
    assert_eq!(relation(&p, "Officials"), ("said".into(), "nsubj".into()));
    assert_eq!(relation(&p, "failed"), ("said".into(), "ccomp".into()));
    assert_eq!(relation(&p, "talks"), ("failed".into(), "nsubj".into()));

    let p = parse("Russia released him in December.");
    assert_eq!(relation(&p, "Russia"), ("released".into(), "nsubj".into()));
    assert_eq!(relation(&p, "him"), ("released".into(), "obj".into()));
    assert_eq!(relation(&p, "December"), ("released".into(), "obl".into()));
}

#[test]
fn tags_and_lemmatizes_news_words() {
    let p = parse("The ministers met in New Delhi and discussed sanctions.");
    let find = |w: &str| p.iter().find(|t| t.0 == w).unwrap().clone();
    assert_eq!((find("ministers").1, find("ministers").2), ("NOUN".into(), "minister".into()));
    assert_eq!((find("met").1, find("met").2), ("VERB".into(), "meet".into()));
    assert_eq!(find("Delhi").1, "PROPN");
    assert_eq!(find("discussed").2, "discuss");
}

#[test]
fn writes_conllu_that_reads_back() {
    let out = run(attache().args(["analyze", "--format", "conllu"]).arg(repo().join("examples/ministers-meet.txt")));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# newdoc id = ministers-meet\n# sent_id = ministers-meet-1\n"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.conllu");
    std::fs::write(&path, &text).unwrap();
    // Our own output, scored against itself, must be perfect: the format round-trips.
    let scored = run(attache().args(["eval", "segment", "--json", "--conllu"]).arg(&path));
    let scores: Value = serde_json::from_slice(&scored.stdout).unwrap();
    assert_eq!(scores["token_f1"], 100.0, "{scores}");
    let roots = text.lines().filter(|l| l.split('\t').nth(7) == Some("root")).count();
    assert_eq!(roots, 8, "one root per sentence");
}

/// The entities of `text` as (type, canonical text, mention texts), checking that every
/// offset slices the text it reports.
fn entities(text: &str) -> Vec<(String, String, Vec<String>)> {
    let output = run_with_stdin(&["analyze", "-"], text.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = &json_lines(&output)[0];
    let body = doc["text"].as_str().unwrap();
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = e["text"].as_str().unwrap().to_string();
            assert_eq!(char_slice(body, &e["start"], &e["end"]), name, "entity offsets");
            let mentions: Vec<String> = e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let t = m["text"].as_str().unwrap().to_string();
                    assert_eq!(char_slice(body, &m["start"], &m["end"]), t, "mention offsets");
                    t
                })
                .collect();
            assert!(mentions.contains(&name), "the canonical name is one of the mentions");
            (e["type"].as_str().unwrap().to_string(), name, mentions)
        })
        .collect()
}

fn entity<'a>(found: &'a [(String, String, Vec<String>)], name: &str) -> &'a (String, String, Vec<String>) {
    found.iter().find(|e| e.1 == name).unwrap_or_else(|| panic!("no entity {name:?} in {found:?}"))
}

#[test]
fn names_after_titles_are_people_linked_across_mentions() {
    let found = entities(
        "Secretary of State Jane Holloway met Foreign Minister Pavel Dorokhov in Vienna on Monday. \
         Holloway said the talks were useful, and Dorokhov agreed.\n",
    );
    let holloway = entity(&found, "Jane Holloway");
    assert_eq!(holloway.0, "PERSON");
    assert_eq!(holloway.2, ["Jane Holloway", "Holloway"]);
    assert_eq!(entity(&found, "Pavel Dorokhov").2.len(), 2);
    assert_eq!(entity(&found, "Vienna").0, "PLACE");
    assert!(found.iter().all(|e| !e.1.contains("Secretary") && !e.1.contains("Minister")), "{found:?}");
}

#[test]
fn government_seats_and_capitals_acting_are_organisations() {
    let found = entities(
        "Washington warned Moscow on Tuesday. The Kremlin rejected the warning, \
         and envoys met again in Washington.\n",
    );
    let washington: Vec<&String> = found.iter().filter(|e| e.1 == "Washington").map(|e| &e.0).collect();
    assert_eq!(washington.len(), 2, "the acting government and the place are different entities: {found:?}");
    assert!(washington.contains(&&"ORG".to_string()) && washington.contains(&&"PLACE".to_string()));
    assert!(found.iter().any(|e| e.1.ends_with("Kremlin") && e.0 == "ORG"), "{found:?}");
}

#[test]
fn dateline_places_are_places() {
    let found = entities("OSLO (Reuters) - Norway's foreign minister arrived in Oslo on Monday.\n");
    let oslo = entity(&found, "Oslo");
    assert_eq!(oslo.0, "PLACE");
    assert_eq!(oslo.2, ["OSLO", "Oslo"], "the dateline and the story's mention are one place");
}

#[test]
fn headlines_in_capitals_borrow_names_from_the_story() {
    let found = entities(
        "KARLSSON TALKS TRADE IN OSLO\n\nSwedish envoy Erik Karlsson arrived in Oslo on Friday. \
         Karlsson met ministers from Norway.\n",
    );
    let karlsson = entity(&found, "Erik Karlsson");
    assert_eq!(karlsson.0, "PERSON");
    assert!(karlsson.2.contains(&"KARLSSON".to_string()), "{found:?}");
    assert!(found.iter().any(|e| e.1 == "Norway" && e.0 == "PLACE"));
    assert!(found.iter().any(|e| e.1 == "Swedish" && e.0 == "MISC"));
}

#[test]
fn seed_article_people_organisations_and_places() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let found = entities(&text);
    let typed =
        |kind: &str, name: &str| found.iter().any(|e| e.0 == kind && (e.1 == name || e.2.iter().any(|m| m == name)));
    for person in
        ["Antony Blinken", "Sergey Lavrov", "Paul Whelan", "Putin", "Maria Zakharova", "Qin Gang", "Brittney Griner"]
    {
        assert!(typed("PERSON", person), "{person} as PERSON: {found:?}");
    }
    for (name, surname) in
        [("Antony Blinken", "Blinken"), ("Sergey Lavrov", "Lavrov"), ("Maria Zakharova", "Zakharova")]
    {
        assert!(entity(&found, name).2.iter().any(|m| m == surname), "{surname} linked to {name}");
    }
    for org in ["State Department", "G20", "CNN"] {
        assert!(typed("ORG", org), "{org} as ORG: {found:?}");
    }
    assert!(found.iter().any(|e| e.0 == "ORG" && e.1.contains("Ministry of Foreign Affairs")), "{found:?}");
    for place in ["New Delhi", "Geneva", "Ukraine", "Russia"] {
        assert!(typed("PLACE", place), "{place} as PLACE: {found:?}");
    }
    assert!(!typed("PLACE", "Blinken") && !typed("ORG", "Lavrov"), "spaCy's mistakes are not ours");
}

#[test]
fn evaluates_named_entities_on_conll_2003() {
    let Some(valid) = shared("corpora/conll2003/valid.txt") else { return };
    let output = run(attache().args(["eval", "ner", "--conll"]).arg(valid));
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8(output.stdout).unwrap();
    let f1: f64 = report.split("F1 ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!(f1 > 85.0, "CoNLL-2003 valid entity F1 {f1}: {report}");
}

#[test]
fn names_are_found_in_text_in_lower_case_or_capitals() {
    let sentence = "Russian President Vladimir Putin warned NATO on Monday that talks with Ukraine had failed.\n";
    for text in [sentence.to_lowercase(), sentence.to_uppercase()] {
        let found = entities(&text);
        let typed = |kind: &str, name: &str| found.iter().any(|e| e.0 == kind && e.1.eq_ignore_ascii_case(name));
        assert!(typed("PERSON", "Vladimir Putin"), "{found:?}");
        assert!(typed("ORG", "NATO"), "{found:?}");
        assert!(typed("PLACE", "Ukraine"), "{found:?}");
    }
}

/// The first number after `label` in `report`.
fn figure(report: &str, label: &str) -> f64 {
    report
        .split(label)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect(report)
}

#[test]
fn tags_parses_and_names_hold_in_lower_case() {
    let (Some(ewt), Some(conll)) =
        (shared("corpora/ud-ewt/en_ewt-ud-dev.conllu"), shared("corpora/conll2003/valid.txt"))
    else {
        return;
    };
    let eval = |task: &str, flag: &str, path: &std::path::Path| {
        let output = run(attache().args(["eval", task, flag]).arg(path).args(["--case", "lower"]));
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let tags = eval("tagger", "--conllu", &ewt);
    assert!(figure(&tags, "UPOS ") >= 94.0, "{tags}");
    let trees = eval("parser", "--conllu", &ewt);
    assert!(figure(&trees, "LAS ") >= 81.5, "{trees}");
    let names = eval("ner", "--conll", &conll);
    assert!(figure(&names, "F1 ") >= 76.0, "{names}");
}
