//! End-to-end tests of event coding on sentences written for the repository (one or more
//! per CAMEO root class, passives, compounds, negation, reported speech, dates and places),
//! on PETRARCH-format dictionaries written for the tests, and on ../shared data when present.

mod common;

use common::*;
use serde_json::Value;

/// An event as (source code, target code, CAMEO code).
type Triple = (String, String, String);

fn analyze_with(args: &[&str], text: &str) -> Value {
    let input = format!(" date 2024-03-04 By Test Writer, Attaché Wire\n\n{text}");
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    all.push("-");
    let output = run_with_stdin(&all, input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    json_lines(&output).remove(0)
}

fn events(doc: &Value) -> Vec<&Value> {
    doc["events"].as_array().unwrap().iter().collect()
}

fn triples(doc: &Value) -> Vec<Triple> {
    let code = |p: &Value| p["code"].as_str().unwrap_or("---").to_string();
    events(doc)
        .iter()
        .map(|e| (code(&e["source"]), code(&e["target"]), e["cameo"].as_str().unwrap().to_string()))
        .collect()
}

/// The first event whose CAMEO code starts with `root`, checking its provenance.
fn event_in<'d>(doc: &'d Value, root: &str) -> &'d Value {
    let body = doc["text"].as_str().unwrap();
    let found = events(doc).into_iter().find(|e| e["cameo"].as_str().unwrap().starts_with(root));
    let event = found.unwrap_or_else(|| panic!("no {root} event in {:?}", triples(doc)));
    assert_eq!(
        char_slice(body, &event["trigger"]["start"], &event["trigger"]["end"]),
        event["trigger"]["text"].as_str().unwrap()
    );
    assert!(!event["rule"].as_str().unwrap().is_empty(), "every event names its pattern");
    event
}

fn country(p: &Value) -> &str {
    p["code"].as_str().map_or("", |c| &c[..3.min(c.len())])
}

#[test]
fn one_sentence_per_cameo_root_with_the_builtin_lexicon() {
    let cases = [
        ("01", "The Kenyan government claimed responsibility for the raid on Somalia.", "KEN", "SOM"),
        ("02", "Brazil urged Argentina to release the detained fishermen.", "BRA", "ARG"),
        ("03", "Japan pledged humanitarian aid to Nepal.", "JPN", "NPL"),
        ("04", "The Indian prime minister visited Bhutan on Monday.", "IND", "BTN"),
        ("05", "Canada praised Mexico for its handling of the crisis.", "CAN", "MEX"),
        ("06", "Norway shared intelligence with Sweden.", "NOR", "SWE"),
        ("07", "Italy sent humanitarian aid to Libya.", "ITA", "LBY"),
        ("08", "Egypt lifted the sanctions on Sudan.", "EGY", "SDN"),
        ("09", "Chile investigated Peru's role in the smuggling ring.", "CHL", "PER"),
        ("10", "Poland demanded that Belarus release the journalists.", "POL", "BLR"),
        ("11", "Greece condemned Turkey's drilling near Cyprus.", "GRC", "TUR"),
        ("12", "Armenia rejected Azerbaijan's proposal.", "ARM", "AZE"),
        ("13", "China threatened Taiwan with sanctions.", "CHN", "TWN"),
        ("14", "Georgian protesters demonstrated against the Russian government.", "GEO", "RUS"),
        ("15", "Russia mobilized troops against Ukraine.", "RUS", "UKR"),
        ("16", "Lithuania expelled Russian diplomats.", "LTU", "RUS"),
        ("17", "Iranian police detained a French journalist.", "IRN", "FRA"),
        ("18", "Somali militants kidnapped Kenyan aid workers.", "SOM", "KEN"),
        ("19", "Russia invaded Ukraine.", "RUS", "UKR"),
        ("20", "Syrian forces massacred Lebanese civilians.", "SYR", "LBN"),
    ];
    assert_codes(&cases);
}

/// Asserts each (code prefix, sentence, source country, target country) is coded.
fn assert_codes(cases: &[(&str, &str, &str, &str)]) {
    let mut failures = Vec::new();
    for (code, text, source, target) in cases {
        let doc = analyze_with(&[], text);
        let ok = events(&doc).iter().any(|e| {
            e["cameo"].as_str().unwrap().starts_with(code)
                && country(&e["source"]) == *source
                && country(&e["target"]) == *target
        });
        if !ok {
            failures.push(format!("{code} {text}: {:?}", triples(&doc)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn plover_type_goldstein_and_quad_class_come_with_the_code() {
    let doc = analyze_with(&[], "Russia invaded Ukraine.");
    let event = event_in(&doc, "19");
    assert_eq!(event["plover"], "COERCE", "PLOVER's table maps 192 (occupy territory) to COERCE");
    assert_eq!((event["plover_mode"].as_str(), event["plover_context"].as_str()), (Some("seize"), Some("military")));
    assert_eq!(event["quad_class"], 4);
    assert!(event["goldstein"].as_f64().unwrap() < -5.0);
}

#[test]
fn passives_compounds_and_negation() {
    let doc = analyze_with(&[], "Ukraine was attacked by Russia.");
    let event = event_in(&doc, "19");
    assert_eq!((country(&event["source"]), country(&event["target"])), ("RUS", "UKR"), "the agent of a passive acts");

    let doc = analyze_with(&[], "France and Germany condemned Russia.");
    let mut found = triples(&doc);
    found.sort();
    assert_eq!(
        found,
        [("DEU".into(), "RUS".into(), "111".into()), ("FRA".into(), "RUS".into(), "111".into())],
        "an event per member"
    );

    let doc = analyze_with(&[], "Chad and Niger met in Geneva.");
    assert_eq!(triples(&doc).len(), 1, "a symmetric meeting once per dyad: {:?}", triples(&doc));

    let doc = analyze_with(&[], "Russia did not attack Ukraine. Serbia would not meet Kosovo.");
    let all = events(&doc);
    assert!(all.iter().all(|e| e["negated"] == true), "negated events are only reported flagged: {:?}", triples(&doc));
    assert!(
        all.iter().any(|e| e["cameo"].as_str().unwrap().starts_with("19") && country(&e["source"]) == "RUS"),
        "the denied attack is kept, flagged: {:?}",
        triples(&doc)
    );
}

#[test]
fn denials_and_the_pair_they_refers_to() {
    // What a denial verb governs did not happen, and the denier is its source.
    let doc =
        analyze_with(&[], "Maria Zakharova denied that Sergey Lavrov had met Antony Blinken in New Delhi on Thursday.");
    let denied = event_in(&doc, "04");
    assert_eq!(denied["negated"], true, "{denied}");
    assert!(denied["attribution"]["text"].as_str().unwrap().contains("Zakharova"), "{denied}");
    let doc = analyze_with(&[], "Russia denied attacking the convoy near Kharkiv.");
    let attack = event_in(&doc, "19");
    assert_eq!((country(&attack["source"]), attack["negated"].as_bool()), ("RUS", Some(true)), "{attack}");

    // "They" doing what only two can do are the pair of the last act of that class.
    let doc = analyze_with(
        &[],
        "Chad's foreign minister met Niger's foreign minister in Geneva. They spoke by telephone again in July.",
    );
    let call = event_in(&doc, "041");
    assert_eq!((country(&call["source"]), country(&call["target"])), ("TCD", "NER"), "{call}");
    assert!(call["source"]["rule"].as_str().unwrap().contains("“they”"), "{call}");
    let doc = analyze_with(&[], "Chad's foreign minister praised Niger. They spoke by telephone in July.");
    assert!(
        events(&doc).iter().all(|e| !e["cameo"].as_str().unwrap().starts_with("04")),
        "no pair of that class to refer to: {:?}",
        triples(&doc)
    );
}

#[test]
fn dates_places_modality_and_reported_speech() {
    let doc = analyze_with(&[], "Russian troops attacked Ukrainian soldiers in Kharkiv on Friday.");
    let event = event_in(&doc, "19");
    assert_eq!(event["date"]["value"], "2024-03-01", "the Friday before the article date");
    assert_eq!(event["place"]["name"], "Kharkiv");
    assert_eq!(event["place"]["country"], "UKR");
    assert_eq!(event["modality"], "asserted");

    let doc = analyze_with(&[], "Japan will send humanitarian aid to Nepal.");
    let event = event_in(&doc, "0333");
    assert_eq!(
        event["modality"],
        "planned",
        "aid it will send is an intent to provide humanitarian aid: {:?}",
        triples(&doc)
    );
    assert_eq!((country(&event["source"]), country(&event["target"])), ("JPN", "NPL"));

    let doc = analyze_with(&[], "Ukraine's foreign minister said Russia attacked Georgia.");
    let event = event_in(&doc, "19");
    assert_eq!(event["attribution"]["text"], "Ukraine's foreign minister");

    let doc = analyze_with(&[], "The dispute grew worse. Without a date the event takes the article's.");
    assert!(events(&doc).is_empty());
    let doc = analyze_with(&[], "Chile condemned Peru.");
    assert_eq!(event_in(&doc, "11")["date"]["value"], "2024-03-04", "no timex: the article date");
}

/// CAMEO codes a stance toward an action by the action: an appeal, a promise, a demand, a
/// refusal or a threat to do it.
#[test]
fn stances_take_the_code_of_their_action() {
    let cases = [
        ("1313", "Chile threatened to break diplomatic relations with Peru.", "CHL", "PER"),
        ("1243", "Egypt refused to release the Sudanese fishermen.", "EGY", "SDN"),
        ("0333", "Kenya agreed to send food to Somalia.", "KEN", "SOM"),
        ("036", "Morocco said it is ready to host talks with Algeria.", "MAR", "DZA"),
        ("032", "Hungary said it will support Croatia.", "HUN", "HRV"),
        ("032", "Qatar is about to restore ties with Egypt.", "QAT", "EGY"),
        ("1312", "Laos said they would impose sanctions on Thailand.", "LAO", "THA"),
        ("1053", "Norway declared that Iceland must release the sailors.", "NOR", "ISL"),
        ("026", "Ghana said that Togo should meet Benin.", "GHA", "TGO"),
        ("13", "Peru has issued an ultimatum to Ecuador.", "PER", "ECU"),
        ("14", "Tunisian students staged a protest against the Libyan embassy.", "TUN", "LBY"),
    ];
    assert_codes(&cases);
}

#[test]
fn lone_actors_pronouns_and_roles_in_their_country() {
    let doc = analyze_with(&[], "The Georgian president resigned on Sunday.");
    let event = event_in(&doc, "08");
    assert_eq!(country(&event["source"]), "GEO");
    assert!(event["target"].is_null(), "an event of one actor has no target");
    let doc = analyze_with(&[], "GENEVA (Attaché Wire) - The envoys met on Tuesday to discuss the war in Sudan.");
    assert!(events(&doc).is_empty(), "neither the dateline nor a meeting's aim is a participant: {:?}", triples(&doc));
    let doc = analyze_with(&[], "The foreign minister spoke briefly.");
    assert!(events(&doc).is_empty(), "talk needs a partner: {:?}", triples(&doc));
    let doc = analyze_with(&[], "Uganda said it would expel Kenyan diplomats.");
    let event = event_in(&doc, "136");
    assert!(event["source"]["rule"].as_str().unwrap().contains("Uganda"), "the pronoun is Uganda: {event}");
    let doc = analyze_with(&[], "The president imposed a curfew on the rebels in Sudan.");
    let event = event_in(&doc, "172");
    assert_eq!(event["source"]["code"], "SDNGOV", "a role takes the one country the sentence names");
    assert!(event["source"]["rule"].as_str().unwrap().contains("one country"));
}

#[test]
fn gdelt_rows_carry_the_event_in_gdelt_columns() {
    let text = " date 2024-03-04 By Test Writer, Attaché Wire\n\nRussian troops attacked Ukrainian soldiers in Kharkiv on Friday. Chile condemned Peru.";
    let output = run_with_stdin(&["analyze", "--format", "gdelt", "-"], text.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "a row per event: {stdout}");
    assert!(rows.iter().all(|r| r.len() == 61), "GDELT 2.0 has 61 columns");
    let attack = &rows[0];
    assert_eq!(attack[1], "20240301", "SQLDATE is the event's date");
    assert_eq!((attack[5], attack[7], attack[12]), ("RUSMIL", "RUS", "MIL"), "Actor1 code, country, type");
    assert_eq!((attack[15], attack[17]), ("UKRMIL", "UKR"));
    assert_eq!((attack[26], attack[27], attack[28]), ("190", "190", "19"));
    assert_eq!((attack[25], rows[1][25]), ("1", "0"), "the first sentence's events are root events");
    assert_eq!((attack[29], attack[31]), ("4", "1"), "quad class and one mention");
    assert_eq!((attack[51], attack[52]), ("4", "Kharkiv"), "the action's place, a world city");
    assert!(attack[56].starts_with("49.") && attack[57].starts_with("36."), "Kharkiv's coordinates: {attack:?}");
    assert_ne!(attack[0], rows[1][0], "event ids differ");
    assert_eq!(rows[1][26], "111");
}

#[test]
fn petrarch_format_dictionaries_from_the_command_line() {
    let dir = tempdir();
    let verbs = dir.join("test.verbs.txt");
    let actors = dir.join("test.actors.txt");
    std::fs::write(
        &verbs,
        "&SWEETS\n+CAKE\n+HONEY_BREAD\n\n--- OFFER [050] ---\nOFFER\n- * &SWEETS TO + [073]\n- * + WAS_WELCOME [:051]\n\n",
    )
    .unwrap();
    std::fs::write(&actors, "ARNOR [ARN]\nGONDOR [GON]\n").unwrap();
    let args = ["--verbs", verbs.to_str().unwrap(), "--actors", actors.to_str().unwrap(), "--only-user-verbs"];
    let doc = analyze_with(&args, "Arnor offered honey bread to Gondor.");
    assert_eq!(triples(&doc), [("ARN".into(), "GON".into(), "073".into())]);
    assert!(event_in(&doc, "073")["rule"].as_str().unwrap().contains("&SWEETS TO +"));
    let doc = analyze_with(&args, "Arnor offered peace to Gondor.");
    assert_eq!(triples(&doc), [("ARN".into(), "GON".into(), "050".into())], "the verb's own code without a pattern");
}

#[test]
fn unreadable_verb_dictionary_is_an_error_naming_it() {
    let output = run_with_stdin(&["analyze", "--verbs", "no/such/verbs.txt", "-"], b"Arnor met Gondor.");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("no/such/verbs.txt"), "{}", stderr(&output));
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("attache-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each event of a document as (source country, target country, CAMEO code, date, place).
fn dyads(doc: &Value) -> Vec<(&str, &str, &str, &str, &str)> {
    events(doc)
        .iter()
        .map(|e| {
            (
                country(&e["source"]),
                country(&e["target"]),
                e["cameo"].as_str().unwrap(),
                e["date"]["value"].as_str().unwrap_or(""),
                e["place"]["name"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

/// Whether `found` holds an event of `dyad` (either way round for meetings) under CAMEO
/// `root` whose date and place start with `date` and `place`.
fn has(found: &[(&str, &str, &str, &str, &str)], dyad: [&str; 2], root: &str, date: &str, place: &str) -> bool {
    found.iter().any(|(s, t, code, d, p)| {
        let pair = (*s == dyad[0] && *t == dyad[1]) || (root == "04" && *s == dyad[1] && *t == dyad[0]);
        pair && code.starts_with(root) && d.starts_with(date) && p.starts_with(place)
    })
}

#[test]
fn seed_article_events() {
    let Some(path) = shared("examples/seed-article.txt") else { return };
    let output = run(attache().arg("analyze").arg(path));
    let doc = &json_lines(&output)[0];
    let found = dyads(doc);
    let has = |dyad: [&str; 2], root: &str, date: &str, place: &str| has(&found, dyad, root, date, place);
    assert!(has(["USA", "RUS"], "04", "2023-03-02", "New Delhi"), "{found:?}");
    assert!(has(["USA", "RUS"], "02", "", ""), "appeal to release Whelan: {found:?}");
    assert!(has(["USA", "UKR"], "05", "", ""), "support for Ukraine: {found:?}");
    assert!(has(["RUS", "UKR"], "19", "2022-02", ""), "the invasion: {found:?}");
    assert!(has(["USA", "RUS"], "04", "2022-01", "Geneva"), "{found:?}");
    assert!(has(["USA", "RUS"], "041", "2022-07", ""), "the phone call: {found:?}");
    assert!(has(["RUS", "USA"], "08", "2022-12", ""), "Griner's release: {found:?}");
    let sentence_of = |needle: &str| sentences(doc).iter().position(|s| s.contains(needle)).unwrap();
    for needle in ["would not meet", "no negotiations"] {
        let n = sentence_of(needle);
        let coded: Vec<&Value> = events(doc)
            .into_iter()
            .filter(|e| e["sentence"] == n && e["cameo"].as_str().unwrap().starts_with("04") && e["negated"] == false)
            .collect();
        assert!(coded.is_empty(), "no meeting coded from {needle:?}: {coded:?}");
    }
    // Zakharova's "no negotiations, meetings" denies the contact the article reported.
    let n = sentence_of("no negotiations");
    let denial = events(doc)
        .into_iter()
        .find(|e| e["sentence"] == n && e["negated"] == true)
        .expect("the denial is coded, flagged");
    let countries =
        [&denial["source"]["code"], &denial["target"]["code"]].map(|c| c.as_str().unwrap()[..3].to_string());
    assert_eq!(countries, ["RUS", "USA"], "{denial}");
    assert_eq!(denial["date"]["value"], "2023-03-02");
    assert!(denial["attribution"]["text"].as_str().unwrap().contains("Zakharova"), "{denial}");
}

#[test]
fn petrarch_validation_suite_scores_at_least_three_quarters() {
    let Some(records) = shared("petrarch/validation-dev.jsonl") else { return };
    let output = run(attache().args(["eval", "petrarch", "--records"]).arg(records).current_dir(repo()));
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    // The last line holds the figures over all records (the halves' lines come before).
    let f1: f64 = text
        .rsplit("F1 ")
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect(&text);
    assert!(f1 >= 0.75, "{text}");
}

#[test]
fn plover_gold_records_reach_the_goals_with_the_builtin_lexicon() {
    let Some(records) = shared("plover/gsr-dev.jsonl") else { return };
    let output = run(attache().args(["eval", "plover", "--records"]).arg(records));
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let percent = |label: &str| -> f64 {
        text.split(label)
            .nth(1)
            .and_then(|rest| rest.split('%').next())
            .and_then(|v| v.trim().parse().ok())
            .expect(&text)
    };
    // 159 records: one record is 0.6 points and the standard error of either share is
    // about 4 points, so these guard against a collapse, not against a retrained parser
    // getting a few other sentences wrong (45.9 % before the models of issue 16, 44.7 %
    // with them, while their attachment scores rose).
    assert!(percent("type found ") >= 70.0, "{text}");
    assert!(percent("source and target countries ") >= 47.0, "{text}");
}

#[test]
fn event_gold_scores_codes_countries_dates_and_places() {
    let dir = tempdir();
    let corpus = dir.join("gold-corpus.jsonl");
    let text = "Turkish police arrested 40 Kurdish protesters in Ankara on Tuesday.\n\n\
                French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Wednesday.";
    let record = serde_json::json!({"id": "made-up-1", "date": "2024-05-10", "text": text});
    std::fs::write(&corpus, format!("{record}\n")).unwrap();
    let at = |word: &str| {
        let start = text[..text.find(word).unwrap()].chars().count();
        [start, start + word.chars().count()]
    };
    let event =
        |trigger: [usize; 2], code: &str, source: &str, target: &str, symmetric: bool, date: &str, place: &str| {
            serde_json::json!({"trigger": trigger, "code": code,
            "source": {"span": null, "code": source}, "target": {"span": null, "code": target},
            "symmetric": symmetric, "date": date, "place": {"span": null, "country": place},
            "modality": "asserted", "negated": false})
        };
    let gold = dir.join("events-gold.jsonl");
    let document = serde_json::json!({"doc": "made-up-1", "half": "tune", "events": [
        // Found exactly: the police's arrest of Turkish protesters, on Tuesday, in Turkey.
        event(at("arrested"), "173", "TURCOP", "TURCVL", false, "2024-05-07", "TUR"),
        // A meeting written the other way round: found only as symmetric, and with the root
        // of the code only; the gold date is not the one the text gives.
        event(at("met"), "042", "DEUGOV", "FRAGOV", true, "2024-05-09", "DEU"),
        // An accusation nobody made: missed.
        event(at("met"), "112", "DEUGOV", "FRAGOV", false, "2024-05-08", "DEU"),
    ]});
    std::fs::write(&gold, format!("{document}\n")).unwrap();
    let output =
        run(attache().args(["eval", "events", "--errors", "5", "--gold"]).arg(&gold).arg("--corpus").arg(&corpus));
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let row = |half: &str, measure: &str| -> Vec<String> {
        let label = format!("{half:<14} {measure:<18} ");
        let line = text.lines().find(|l| l.starts_with(&label)).expect(&text);
        line[label.len()..].split_whitespace().map(str::to_string).collect()
    };
    assert_eq!(row("tuning half", "root"), ["3", "2", "100.00", "66.67", "80.00"], "{text}");
    assert_eq!(row("tuning half", "root + countries"), ["3", "2", "100.00", "66.67", "80.00"], "{text}");
    assert_eq!(row("tuning half", "exact"), ["3", "2", "50.00", "33.33", "40.00"], "{text}");
    assert_eq!(row("held-out half", "root"), ["0", "0", "0.00", "0.00", "0.00"], "{text}");
    assert!(text.contains("date right 50.00% (1/2), place country right 100.00% (2/2)"), "{text}");
    assert!(text.contains("made-up-1 missed #2: 112 DEUGOV → FRAGOV at \"met\""), "{text}");
}

#[test]
fn pronouns_are_not_acronyms_of_actors() {
    // "who" is the World Health Organization's acronym only when written as one.
    let doc = analyze_with(
        &[],
        "Protesters who marched on the capital were arrested by police.\n\n\
         Who attacked the embassy remains unclear.\n\n\
         THE MEN WHO ATTACKED THE EMBASSY WERE ARRESTED.\n\n\
         The WHO urged China to share data.",
    );
    let codes: Vec<Triple> = triples(&doc);
    assert!(codes.iter().all(|(s, t, _)| s != "IGOUNOHLH" || t == "CHN"), "{codes:?}");
    assert!(codes.contains(&("IGOUNOHLH".into(), "CHN".into(), "020".into())), "{codes:?}");
}

#[test]
fn acts_without_a_named_agent_are_events_of_an_unknown_or_implied_source() {
    let doc = analyze_with(
        &[],
        "Forty people were arrested after the march.\n\n\
         Two soldiers were killed in the north.\n\n\
         Police in Nairobi said on Monday that three journalists had been detained.",
    );
    let found = triples(&doc);
    assert!(found.contains(&("---".into(), "---CVL".into(), "173".into())), "{found:?}");
    assert!(found.iter().any(|(s, t, c)| s == "---" && t == "---MIL" && c.starts_with("18")), "{found:?}");
    let detained = events(&doc)
        .into_iter()
        .find(|e| e["target"]["code"].as_str().is_some_and(|c| c.ends_with("MED")))
        .expect("the detention");
    assert_eq!(detained["source"]["code"], "KENCOP", "{detained}");
    assert!(detained["source"]["rule"].as_str().unwrap().contains("police the article names"), "{detained}");
}

#[test]
fn speaking_to_the_press_is_no_consultation() {
    let doc = analyze_with(&[], "Putin spoke to journalists in Moscow.\n\nPutin met Xi in Moscow.");
    let found = triples(&doc);
    assert!(found.iter().all(|(_, t, c)| !(c.starts_with("04") && t.ends_with("MED"))), "{found:?}");
    assert!(found.contains(&("RUSGOV".into(), "CHNGOV".into(), "040".into())), "{found:?}");
}

#[test]
fn the_frame_decides_the_sense_of_a_word() {
    let doc = analyze_with(
        &[],
        "The senator attacked the president's budget plan.\n\n\
         The ministry said in a release that the talks had ended.\n\n\
         Iran recognized that sanctions had hurt its economy.\n\n\
         Rebels attacked the army base.\n\n\
         The minister has faced criticism from Germany.\n\n\
         Israel came under attack from Hezbollah.\n\n\
         The Kenyan government would consider the demand.\n\n\
         The Kenyan army launched a battle against drug trafficking.\n\n\
         A Kenyan diplomat who asked not to be named said the talks had failed.",
    );
    let in_sentence = |n: u64| -> Vec<Triple> {
        let code = |p: &Value| p["code"].as_str().unwrap_or("---").to_string();
        events(&doc)
            .into_iter()
            .filter(|e| e["sentence"] == n)
            .map(|e| (code(&e["source"]), code(&e["target"]), e["cameo"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(in_sentence(0), [("---LEG".into(), "---GOV".into(), "111".into())]);
    assert!(in_sentence(1).iter().all(|(_, _, c)| !c.starts_with("084")), "{:?}", in_sentence(1));
    assert!(in_sentence(2).iter().all(|(_, _, c)| c != "054"), "{:?}", in_sentence(2));
    assert_eq!(in_sentence(3), [("---REB".into(), "---MIL".into(), "190".into())]);
    assert!(
        in_sentence(4).iter().any(|(s, t, c)| s == "DEU" && t.ends_with("GOV") && c == "111"),
        "{:?}",
        in_sentence(4)
    );
    assert_eq!(in_sentence(5), [("LBNREB".into(), "ISR".into(), "190".into())]);
    // Considering a demand is not making one: "consider" is no light verb.
    assert!(in_sentence(6).is_empty(), "{:?}", in_sentence(6));
    // A campaign against a social ill is no combat.
    assert!(in_sentence(7).is_empty(), "{:?}", in_sentence(7));
    // A source's wish to stay anonymous is no appeal.
    assert!(in_sentence(8).iter().all(|(_, _, c)| !c.starts_with("02")), "{:?}", in_sentence(8));
}

#[test]
fn basic_verbs_and_nouns_of_protest_and_agreement() {
    let doc = analyze_with(
        &[],
        "Kenyan workers went on strike.\n\nKenya ratified the treaty with Eritrea.\n\n\
         Kenya's foreign minister contacted Uganda's foreign minister.",
    );
    let found = triples(&doc);
    assert!(found.contains(&("KENGOV".into(), "UGAGOV".into(), "040".into())), "{found:?}");
    assert!(found.contains(&("KENLAB".into(), "---".into(), "143".into())), "{found:?}");
    assert!(found.contains(&("KEN".into(), "ERI".into(), "057".into())), "{found:?}");
}

#[test]
fn ceasefires_are_declared_between_their_sides() {
    assert_codes(&[
        ("0871", "Ethiopia and Eritrea agreed a truce on Friday.", "ETH", "ERI"),
        ("0871", "The ceasefire agreement between Ethiopia and Eritrea held.", "ETH", "ERI"),
    ]);
    // "between X and Y" with one side not coded is no side acting on itself.
    let doc = analyze_with(&[], "The truce between Ethiopian minister Abel Tesfaye and his rivals held.");
    assert!(events(&doc).iter().all(|e| e["source"]["code"] != e["target"]["code"]), "{:?}", triples(&doc));
}

#[test]
fn eagerness_is_intent_and_likelihood_a_prospect() {
    let doc =
        analyze_with(&[], "Russia is eager to withdraw its troops from Syria.\n\nChina is likely to deploy warships.");
    let all = events(&doc);
    let eager = all.iter().find(|e| e["sentence"] == 0).expect("the intent");
    assert_eq!((eager["cameo"].as_str(), eager["modality"].as_str()), (Some("0356"), Some("planned")), "{eager}");
    let likely = all.iter().find(|e| e["sentence"] == 1).expect("the deployment");
    assert_eq!(likely["modality"], "hypothetical", "{likely}");
}

#[test]
fn dateline_country_places_and_scenes() {
    let doc = analyze_with(
        &[],
        "BANGKOK - A Hong Kong carpenter was arrested in the seaside town of Pattaya after police seized \
         heroin, police said.\n\nIn Paris, the French spokesman condemned Iran.",
    );
    let all = events(&doc);
    let arrest = all.iter().find(|e| e["cameo"] == "173").expect("the arrest");
    assert_eq!(arrest["source"]["code"], "THACOP", "police in a story filed from Bangkok: {arrest}");
    assert_eq!(arrest["place"]["name"], "Pattaya", "{arrest}");
    let seizure = all.iter().find(|e| e["cameo"].as_str().unwrap().starts_with("171")).expect("the seizure");
    assert!(seizure["target"].is_null(), "the town sets the scene of the seizure: {seizure}");
    let condemned = all.iter().find(|e| e["cameo"] == "111").expect("the condemnation");
    assert_eq!(condemned["target"]["code"], "IRN", "{condemned}");
}

#[test]
fn a_participle_acts_on_the_noun_it_describes_and_bounds_an_apposition() {
    let doc = analyze_with(&[], "Iran freed John Smith, a British sailor detained by Iranian police in May.");
    let found = triples(&doc);
    assert!(found.contains(&("IRNCOP".into(), "GBR".into(), "173".into())), "{found:?}");
    // The police in the participle's clause are not the sailor's: he is no Iranian.
    assert!(found.iter().all(|(_, t, _)| !t.starts_with("IRN")), "{found:?}");
}

#[test]
fn groups_without_a_country_are_of_the_state_they_face() {
    let doc = analyze_with(&[], "Algeria and Egypt are fighting armed militants.\n\nRebels attacked Kenyan troops.");
    let found = triples(&doc);
    assert!(found.contains(&("DZA".into(), "DZAREB".into(), "190".into())), "{found:?}");
    assert!(found.contains(&("EGY".into(), "EGYREB".into(), "190".into())), "{found:?}");
    assert!(found.contains(&("KENREB".into(), "KENMIL".into(), "190".into())), "{found:?}");
    // Attackers and kidnappers named only by what they did are armed actors.
    let doc = analyze_with(&[], "Kidnappers seized two Kenyan aid workers.");
    assert!(triples(&doc).iter().any(|(s, _, _)| s.ends_with("UAF")), "{:?}", triples(&doc));
}

#[test]
fn fighting_between_sides_is_combat_between_them() {
    let doc = analyze_with(&[], "Fighting broke out between the two main Iraqi Kurdish rebel groups.");
    let found = triples(&doc);
    assert!(found.contains(&("IRQREB".into(), "IRQREB".into(), "190".into())), "{found:?}");
}

#[test]
fn event_gold_of_real_news_is_scored_by_half() {
    let (Some(train), Some(valid), Some(gum)) = (
        shared("corpora/conll2003/train.txt"),
        shared("corpora/conll2003/valid.txt"),
        shared("corpora/gum_news.jsonl"),
    ) else {
        return;
    };
    let dir = tempdir();
    let news = dir.join("conll-news.jsonl");
    let output = run(attache().args(["eval", "news-corpus", "--conll2003"]).arg(&train).arg(&valid));
    std::fs::write(&news, &output.stdout).unwrap();
    let gold = repo().join("eval/events-gold.jsonl");
    let output = run(attache().args(["eval", "events", "--gold"]).arg(&gold).arg("--corpus").arg(&news).arg(&gum));
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let row = |half: &str, measure: &str| -> Vec<f64> {
        let label = format!("{half:<14} {measure:<18} ");
        let line = text.lines().find(|l| l.starts_with(&label)).expect(&text);
        line[label.len()..].split_whitespace().map(|v| v.parse().unwrap()).collect()
    };
    let all = row("all", "root");
    assert!(all[0] >= 500.0, "at least 500 gold events: {text}");
    assert!(row("tuning half", "root")[0] > 0.0 && row("held-out half", "root")[0] > 0.0, "{text}");
    // Guards against a collapse, not goals: precision and recall at root level with both
    // countries were 24.3 % and 14.1 % when the set was made (see the README; issue 17 asks
    // for 70 % and 60 % on the held-out half).
    let countries = row("all", "root + countries");
    assert!(countries[2] >= 21.0 && countries[3] >= 16.0, "{text}");
}

#[test]
fn the_lead_sentence_after_a_dateline_keeps_its_actors() {
    let doc = analyze_with(&[], "LIMA, Peru - Peruvian guerrillas killed one man.");
    let found = triples(&doc);
    assert!(found.iter().any(|(s, _, c)| s == "PERREB" && c == "180"), "{found:?}");
    let event = &events(&doc)[0];
    assert_eq!(event["source"]["text"], "Peruvian guerrillas", "the dateline is no part of the actor: {event}");
    assert_eq!(event["place"]["country"], "PER", "'LIMA, Peru' is Lima in Peru: {event}");
    // The dateline's place does not give a country to the role nouns after it.
    let doc =
        analyze_with(&[], "NICOSIA - An Iraqi Kurdish guerrilla group accused Iraqi government forces of torture.");
    let found = triples(&doc);
    assert!(found.iter().any(|(s, t, c)| s == "IRQREB" && t.starts_with("IRQ") && c.starts_with("112")), "{found:?}");
}

#[test]
fn verbs_of_the_cameo_dictionary_code_as_reviewed_and_patterns_stay_in_their_phrase() {
    // Verbs the built-in lexicon lacks come from PETRARCH's CAMEO dictionary.
    assert_codes(&[
        ("020", "The Peruvian farmers' union petitioned the Chilean government for compensation.", "PER", "CHL"),
        ("175", "Colombian police quelled a riot.", "COL", ""),
        ("170", "Ecuador harassed Peruvian fishing boats.", "ECU", "PER"),
    ]);
    // Its WordNet synonyms that name no event of their code were reviewed out.
    for text in [
        "The Uruguayan minister quoted the Argentine president.",
        "The Mexican president linked Guatemala to the smuggling.",
    ] {
        let doc = analyze_with(&[], text);
        assert!(events(&doc).is_empty(), "{text}: {:?}", triples(&doc));
    }
    // "said … attack" is no attack by the speaker: a pattern's words are the verb's own.
    let doc = analyze_with(&[], "The Cuban spokesman said the Haitian attack had failed.");
    assert!(
        !events(&doc).iter().any(|e| country(&e["source"]) == "CUB"),
        "the speaker did nothing: {:?}",
        triples(&doc)
    );
}

#[test]
fn a_titled_person_keeps_the_country_the_title_took() {
    // "President" has no country of its own; in a story filed from Rome it is Italian, and
    // so is the person where named again.
    let doc = analyze_with(
        &[],
        "ROME - President Lia Moretti said on Friday that Italy would not negotiate.\n\n\
         Protesters tried to attack Moretti in Naples last year.",
    );
    let attack = event_in(&doc, "19");
    assert_eq!(attack["target"]["code"], "ITAGOV", "{attack}");
    assert!(attack["target"]["rule"].as_str().unwrap().contains("titled earlier"), "{attack}");
}

#[test]
fn condemning_an_act_targets_whoever_did_it() {
    // The "by" phrase names the act's agent, whether the parse hangs it from the noun or
    // the verb; without one the object's actors remain the target.
    assert_codes(&[
        ("111", "The African Union condemned the coup by the Burundian army.", "IGO", "BDI"),
        ("111", "Chile condemned the attack on Malian troops by Libyan militants.", "CHL", "LBY"),
        ("111", "Chile condemned the attack on Malian troops.", "CHL", "MLI"),
    ]);
}

#[test]
fn groups_and_office_holders_of_the_phoenix_dictionaries_have_codes() {
    // Attaché's own dictionary does not list this group; the converted Phoenix one does.
    let doc = analyze_with(&[], "The Shining Path attacked a police station in Peru.");
    let attack = event_in(&doc, "19");
    assert_eq!(attack["source"]["code"], "PERREB", "{attack}");
    assert!(attack["source"]["rule"].as_str().unwrap().contains("attache:phoenix-actors"), "{attack}");
}

#[test]
fn the_act_an_accusation_charges_is_not_reported_as_done() {
    let doc = analyze_with(
        &[],
        "A Chadian rebel group accused Chadian government forces of killing two civilians in shelling.\n\n\
         The Chadian government blamed the rebels for the killing of 20 villagers.",
    );
    let found = triples(&doc);
    assert!(found.iter().filter(|(_, _, c)| c.starts_with("112")).count() == 2, "{found:?}");
    assert!(
        found.iter().all(|(_, _, c)| !c.starts_with("18") && !c.starts_with("19")),
        "the killing and the shelling are alleged, not reported: {found:?}"
    );
}

#[test]
fn a_toll_over_a_period_is_no_event() {
    let doc = analyze_with(
        &[],
        "More than 9,000 Chadians have been killed since 2006.

Twelve Chadians were killed on Monday.",
    );
    let found: Vec<&Value> =
        events(&doc).into_iter().filter(|e| e["cameo"].as_str().unwrap().starts_with("18")).collect();
    assert_eq!(found.len(), 1, "{:?}", triples(&doc));
    assert_eq!(found[0]["sentence"], 1, "the killing of Monday is the event: {:?}", found[0]);
}

#[test]
fn an_act_reported_again_in_the_next_sentences_is_counted_once() {
    let doc = analyze_with(
        &[],
        "Chad's president met Niger's president on Monday.\n\n\
         Chad's president met Niger's president at the palace on Monday.\n\n\
         Chad's president met Niger's president on Friday.",
    );
    let meetings: Vec<&Value> =
        events(&doc).into_iter().filter(|e| e["cameo"].as_str().unwrap().starts_with("04")).collect();
    let sentences: Vec<&Value> = meetings.iter().map(|e| &e["sentence"]).collect();
    // The second sentence repeats the first; Friday's meeting is another.
    assert_eq!(sentences, [0, 2], "{:?}", triples(&doc));
}

#[test]
fn a_protest_is_aimed_at_whom_its_demand_names() {
    let doc = analyze_with(
        &[],
        "Thousands of Kenyan protesters marched through Nairobi demanding the removal of the Kenyan prime minister.",
    );
    let protest = event_in(&doc, "14");
    assert_eq!(protest["target"]["code"], "KENGOV", "{protest}");
}

#[test]
fn the_head_of_a_group_is_of_that_group() {
    let doc = analyze_with(&[], "The leader of the rebels met the Sudanese president.");
    let meeting = event_in(&doc, "04");
    assert_eq!(meeting["source"]["code"], "SDNREB", "a rebel leader, not a government one: {meeting}");
}
