//! The event store end to end: `attache ingest`, `query` and `export` on the example archive
//! (repo-written reports of the same meetings by several outlets, as text, HTML and WARC),
//! with ../shared's seed article and GUM news when present.

mod common;

use common::{attache, repo, run, shared, stderr};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn ingest(db: &Path, inputs: &[PathBuf]) -> Output {
    let output = run(attache().arg("ingest").args(inputs).arg("--db").arg(db));
    assert!(output.status.success(), "ingest failed: {}", stderr(&output));
    output
}

fn query(db: &Path, args: &[&str]) -> Output {
    run(attache().arg("query").arg("--db").arg(db).args(args))
}

fn query_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let output = query(db, &[args, &["--format", "json"]].concat());
    assert!(output.status.success(), "query {args:?} failed: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn stats(db: &Path) -> Value {
    query_json(db, &["stats"]).remove(0)
}

fn archive() -> PathBuf {
    repo().join("examples/archive")
}

/// The deduplicated event of `root` class in `place` (or, with "", without one) on a date
/// starting with `date`.
fn event<'a>(events: &'a [Value], root: &str, date: &str, place: &str) -> &'a Value {
    events
        .iter()
        .find(|e| {
            e["cameo"].as_str().unwrap().starts_with(root)
                && e["date"].as_str().unwrap_or("").starts_with(date)
                && (place.is_empty() || e["place"]["name"] == place)
        })
        .unwrap_or_else(|| panic!("no {root} event on {date} in {place:?}: {events:#?}"))
}

fn counts(e: &Value) -> (i64, i64, i64) {
    (e["mentions"].as_i64().unwrap(), e["num_articles"].as_i64().unwrap(), e["num_sources"].as_i64().unwrap())
}

#[test]
#[ignore = "issue 16's parser misreads coordinated title-and-name subjects in the example \
            crawl (\"US Secretary of State Antony Blinken and Russian Foreign Minister Sergey \
            Lavrov spoke …\": \"Russian\" as a conjunct of \"Antony\"), so the New Delhi \
            reports lose their event or target; the event coder must not depend on it (issue 17)"]
fn reports_of_one_meeting_by_several_outlets_become_one_event() {
    let dir = temp();
    let db = dir.path().join("archive.db");
    ingest(&db, &[archive()]);
    let events = query_json(&db, &["events", "--actor", "Blinken", "--with", "Lavrov"]);
    // Courier Daily (HTML in the WARC) and Volga Daily report the New Delhi contact; Volga
    // Daily quotes Zakharova denying there were negotiations.
    let delhi = event(&events, "04", "2023-03-02", "New Delhi");
    assert_eq!(counts(delhi), (3, 2, 2), "{delhi:#}");
    assert_eq!(delhi["conflict"], true);
    let stances: Vec<(&str, &str)> = delhi["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["outlet"].as_str().unwrap(), a["stance"].as_str().unwrap()))
        .collect();
    assert!(
        stances.contains(&("Volga Daily", "denies")) && stances.contains(&("Courier Daily", "asserts")),
        "{stances:?}"
    );
    let geneva = event(&events, "04", "2022-01-21", "Geneva");
    assert_eq!(counts(geneva), (2, 1, 1), "the wire story's two mentions, one event: {geneva:#}");
    assert_eq!(geneva["conflict"], false);
    let call = event(&events, "041", "2022-07-29", "");
    assert_eq!(
        counts(call),
        (2, 2, 2),
        "The Northern Herald, and Courier Daily's “they spoke by telephone in July 2022”: {call:#}"
    );
    // Every account carries its evidence with offsets into its document's text.
    for account in delhi["accounts"].as_array().unwrap() {
        let (start, end) = (account["evidence_start"].as_i64().unwrap(), account["evidence_end"].as_i64().unwrap());
        assert_eq!(account["evidence"].as_str().unwrap().chars().count() as i64, end - start);
        assert!(account["rule"].as_str().unwrap().len() > 5);
    }
}

#[test]
#[ignore = "issue 16's parser misreads coordinated title-and-name subjects in the example \
            crawl (\"US Secretary of State Antony Blinken and Russian Foreign Minister Sergey \
            Lavrov spoke …\": \"Russian\" as a conjunct of \"Antony\"), so the New Delhi \
            reports lose their event or target; the event coder must not depend on it (issue 17)"]
fn archive_with_the_seed_article_and_gum_news() {
    let (Some(seed), Some(gum)) = (shared("examples/seed-article.txt"), shared("corpora/gum_news.jsonl")) else {
        return;
    };
    let dir = temp();
    let db = dir.path().join("all.db");
    ingest(&db, &[gum, archive(), seed]);
    let events = query_json(&db, &["events"]);
    let geneva = event(&events, "04", "2022-01", "Geneva");
    assert_eq!(counts(geneva), (3, 2, 2), "Meridian Wire and CNN: {geneva:#}");
    let call = event(&events, "041", "2022-07", "");
    assert_eq!(
        counts(call),
        (3, 3, 3),
        "The Northern Herald, CNN and Courier Daily (“they spoke by telephone”): {call:#}"
    );
    let delhi = event(&events, "04", "2023-03-02", "New Delhi");
    assert_eq!(counts(delhi), (6, 3, 3), "Courier Daily, CNN and Volga Daily: {delhi:#}");
    let invasion = event(&events, "19", "2022-02", "");
    assert_eq!(counts(invasion).1, 2, "CNN and The Northern Herald recall the invasion: {invasion:#}");
    let totals = stats(&db);
    assert_eq!(totals["documents"], 28, "{totals}");
    assert_eq!(totals["conflicting"], 1, "only the New Delhi contact is disputed: {totals}");

    let output = query(&db, &["timeline", "--actor", "Blinken", "--with", "Lavrov"]);
    let timeline = String::from_utf8(output.stdout).unwrap();
    let line_of = |needle: &str| {
        timeline.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in\n{timeline}"))
    };
    let (geneva, call, delhi) = (line_of("in Geneva"), line_of("041"), line_of("in New Delhi"));
    assert!(geneva < call && call < delhi, "in date order:\n{timeline}");
    let delhi = timeline.lines().nth(delhi).unwrap();
    assert!(delhi.starts_with("2023-03-02") && delhi.contains("CONFLICTING") && delhi.contains("Zakharova"), "{delhi}");
    assert!(timeline.lines().nth(geneva).unwrap().starts_with("2022-01"), "{timeline}");
}

#[test]
fn accounts_far_apart_on_the_goldstein_scale_conflict() {
    let dir = temp();
    let feed = dir.path().join("feed.jsonl");
    let record = |id: &str, outlet: &str, text: &str| {
        serde_json::json!({"id": id, "text": text, "date": "2024-05-15", "source": outlet}).to_string()
    };
    let lines = [
        record("a", "Outlet A", "Chad's foreign minister negotiated with Niger's foreign minister in Geneva on Tuesday."),
        record("b", "Outlet B", "Chad's foreign minister spoke briefly with Niger's foreign minister in Geneva on Tuesday."),
        record("c", "Outlet C", "Kenya's foreign minister met Norway's foreign minister in Oslo on Tuesday."),
        record("d", "Outlet D", "Kenya's foreign minister spoke with Norway's foreign minister in Oslo on Tuesday."),
        // Without dates, two articles' meetings may be of any days: they stay apart.
        serde_json::json!({"id": "e", "text": "Chad's foreign minister met Niger's foreign minister.", "source": "Outlet E"}).to_string(),
        serde_json::json!({"id": "f", "text": "Chad's foreign minister met Niger's foreign minister.  They met again.", "source": "Outlet F"}).to_string(),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let db = dir.path().join("characterised.db");
    ingest(&db, &[feed]);
    let events = query_json(&db, &["events", "--code", "04"]);
    let undated: Vec<&Value> = events.iter().filter(|e| e["date"].is_null()).collect();
    assert_eq!(undated.len(), 2, "one per undated article: {undated:#?}");
    let events: Vec<Value> = events.iter().filter(|e| !e["date"].is_null()).cloned().collect();
    assert_eq!(events.len(), 2, "{events:#?}");
    let geneva = event(&events, "04", "2024-05-14", "Geneva");
    assert_eq!(counts(geneva), (2, 2, 2));
    assert_eq!(geneva["conflict"], true, "negotiations (7.0) against a brief talk (1.0): {geneva:#}");
    let oslo = event(&events, "04", "2024-05-14", "Oslo");
    assert_eq!(
        (counts(oslo), &oslo["conflict"]),
        ((2, 2, 2), &Value::Bool(false)),
        "a meeting and a talk agree: {oslo:#}"
    );
    let table = String::from_utf8(query(&db, &["events", "--conflicting"]).stdout).unwrap();
    assert!(
        table.contains("CONFLICTING: characterised differently")
            && table.contains("negotiated")
            && table.contains("spoke briefly"),
        "both evidence spans: {table}"
    );
}

#[test]
fn ingesting_again_changes_nothing() {
    let dir = temp();
    let db = dir.path().join("again.db");
    ingest(&db, &[archive()]);
    let before = query(&db, &["events", "--format", "json"]).stdout;
    let again = ingest(&db, &[archive()]);
    assert!(
        stderr(&again).contains("stored 0 new documents") && stderr(&again).contains("4 already stored"),
        "{}",
        stderr(&again)
    );
    assert_eq!(query(&db, &["events", "--format", "json"]).stdout, before);
    // The same text under another name is the same document.
    let copy = dir.path().join("copy.txt");
    std::fs::copy(archive().join("2022-01-21-meridian-geneva.txt"), &copy).unwrap();
    let output = ingest(&db, &[copy]);
    assert!(stderr(&output).contains("1 already stored"), "{}", stderr(&output));
    assert_eq!(stats(&db)["documents"], 4);
    // Articles piped in are named by their text: two texts are two documents, one text once.
    let db_arg = db.to_str().unwrap();
    for text in [
        "Chad's foreign minister met Niger's foreign minister in Geneva on Tuesday.",
        "Kenya's president praised Norway.",
        "Kenya's president praised Norway.",
    ] {
        let output = common::run_with_stdin(&["ingest", "-", "--db", db_arg], text.as_bytes());
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(stats(&db)["documents"], 6);
}

/// Distinct short articles as JSON Lines, for volume.
fn synthetic_feed(path: &Path, count: usize) {
    let lines: Vec<String> = (0..count)
        .map(|i| {
            let text = format!("Chad's foreign minister met Niger's foreign minister in N'Djamena on Tuesday, officials said. The talks were the {i}th round this year, and both sides agreed to meet again.");
            serde_json::json!({"id": format!("feed-{i}"), "text": text, "date": "2024-05-14", "source": format!("Outlet {}", i % 7)}).to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The documents stored, read as a query would while others may write: none where the
/// store is not there yet, or is empty because its first ingest stopped at once.
fn stored_documents(db: &Path) -> i64 {
    match attache_store::Store::open_read_only(db) {
        Ok(store) => store.stats().expect("the store can be read").documents,
        Err(e) if !db.exists() || e.to_string().contains("an empty store") => 0,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn an_ingest_killed_twenty_times_leaves_a_sound_store_and_resumes() {
    const DOCUMENTS: usize = 6000;
    let dir = temp();
    let feed = dir.path().join("feed.jsonl");
    synthetic_feed(&feed, DOCUMENTS);
    let clean_db = dir.path().join("clean.db");
    ingest(&clean_db, std::slice::from_ref(&feed));
    let clean = stats(&clean_db);
    let per_document = |key: &str| clean[key].as_i64().unwrap() / DOCUMENTS as i64;
    assert!(per_document("reports") >= 1);

    let db = dir.path().join("killed.db");
    // Moments from before the store exists to mid-batch and mid-checkpoint, spread by a
    // fixed generator so that a failure can be replayed.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut kills_midway = 0;
    for round in 0..20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let moment = std::time::Duration::from_millis(50 + state % 850);
        let mut child = attache()
            .args(["ingest", "--batch", "8", "--threads", "1"])
            .arg(&feed)
            .arg("--db")
            .arg(&db)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(moment);
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        if stored_documents(&db) == 0 {
            continue;
        }
        let store = attache_store::Store::open_read_only(&db).unwrap();
        assert!(store.is_intact().unwrap(), "round {round}: integrity check after a kill at {moment:?}");
        let partial = store.stats().unwrap();
        kills_midway += usize::from(partial.documents > 0 && partial.documents < DOCUMENTS as i64);
        // Each stored document is whole: as many event reports and quotations as a clean run gives.
        assert_eq!(partial.reports, per_document("reports") * partial.documents, "round {round}");
        assert_eq!(partial.quotes, per_document("quotes") * partial.documents, "round {round}");
    }
    assert!(kills_midway >= 5, "the kills fell mid-ingest: {kills_midway}");
    let before = stored_documents(&db);
    let resumed = ingest(&db, std::slice::from_ref(&feed));
    assert!(stderr(&resumed).contains(&format!("{before} already stored")), "{}", stderr(&resumed));
    let resumed = stats(&db);
    for key in ["documents", "reports", "events", "quotes"] {
        assert_eq!(resumed[key], clean[key], "{key}: resumed {resumed} clean {clean}");
    }
}

#[test]
fn two_ingests_on_one_store_take_turns_while_it_is_queried() {
    let dir = temp();
    let (first, second) = (dir.path().join("first.jsonl"), dir.path().join("second.jsonl"));
    synthetic_feed(&first, 300);
    // The second feed: other ids and texts.
    let text = std::fs::read_to_string(&first).unwrap().replace("feed-", "other-").replace("th round", "th meeting");
    std::fs::write(&second, text).unwrap();
    let db = dir.path().join("shared.db");
    let spawn = |feed: &Path| {
        attache()
            .args(["ingest", "--batch", "4", "--threads", "1"])
            .arg(feed)
            .arg("--db")
            .arg(&db)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(&first), spawn(&second));
    let mut queries = 0;
    while stored_documents(&db) < 600 {
        if stored_documents(&db) > 0 {
            let output = query(&db, &["events", "--actor", "TCD", "--limit", "5"]);
            assert!(output.status.success(), "a query during the ingests: {}", stderr(&output));
            queries += 1;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(queries < 3000, "the ingests did not finish");
    }
    for child in [a, b] {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(queries > 0);
    let store = attache_store::Store::open_read_only(&db).unwrap();
    assert!(store.is_intact().unwrap());
    assert_eq!(store.stats().unwrap().documents, 600);
}

#[test]
fn an_id_read_twice_with_different_texts_is_reported() {
    let dir = temp();
    let feed = dir.path().join("feed.jsonl");
    let line = |text: &str| serde_json::json!({"id": "same", "text": text}).to_string();
    let lines = [line("Chad's foreign minister met Niger's foreign minister."), line("A different story.")];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let output = run(attache().arg("ingest").arg(&feed).arg("--db").arg(dir.path().join("ids.db")));
    let err = stderr(&output);
    assert!(
        err.contains("feed.jsonl:2: document id \"same\" was read earlier in this run (")
            && err.contains("feed.jsonl:1)"),
        "{err}"
    );
    assert!(err.contains("stored 1 new document ") && err.contains("; 1 problem."), "{err}");
}

#[test]
fn a_read_only_archive_is_queried_and_not_written() {
    let dir = temp();
    let folder = dir.path().join("archive");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("attache.db");
    ingest(&db, &[archive()]);
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    mode(dir.path(), 0o755);
    mode(&db, 0o444);
    mode(&folder, 0o555);
    // Root writes anywhere: run as an unprivileged user where that can be arranged.
    let privileged = std::fs::write(folder.join("probe"), b"").is_ok();
    let setpriv = Path::new("/usr/bin/setpriv");
    let as_user = |args: &[&str]| {
        let mut cmd = if privileged {
            let mut cmd = std::process::Command::new(setpriv);
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_attache")]);
            cmd
        } else {
            attache()
        };
        run(cmd.args(args).arg("--db").arg(&db))
    };
    if privileged && !setpriv.exists() {
        eprintln!("SKIPPED: running as root without setpriv, so no user for whom the archive is read-only");
    } else {
        let stats = as_user(&["query", "stats"]);
        assert!(stats.status.success(), "{}", stderr(&stats));
        assert!(String::from_utf8_lossy(&stats.stdout).contains("4 documents"));
        let refused = as_user(&["ingest", archive().to_str().unwrap()]);
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains("read-only; queries work"), "{}", stderr(&refused));
    }
    mode(&folder, 0o755);
}

#[test]
fn blank_filters_are_refused() {
    let dir = temp();
    let db = dir.path().join("a.db");
    ingest(&db, &[archive()]);
    for args in [&["events", "--actor", ""][..], &["quotes", "--speaker", " "], &["events", "--place", ""]] {
        let output = query(&db, args);
        assert!(!output.status.success() && stderr(&output).contains("is blank"), "{args:?}: {}", stderr(&output));
    }
    let folder = query(dir.path(), &["stats"]);
    assert!(stderr(&folder).contains("is a folder; give --db the store's file name"), "{}", stderr(&folder));
}

#[test]
fn malformed_documents_are_reported_and_skipped() {
    let dir = temp();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("empty.html"),
        "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    .unwrap();
    std::fs::write(
        inputs.join("latin1.html"),
        b"<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Colombia's foreign minister met Ecuador's foreign minister in Bogot\xe1 on Monday to discuss the drought in the region.</p></article></body></html>",
    )
    .unwrap();
    std::fs::write(inputs.join("feed.jsonl"), "{\"id\": \"good\", \"text\": \"Chad's foreign minister met Niger's foreign minister on Tuesday.\", \"date\": \"2024-05-14\"}\n{\"id\": \"bad\", \"text\": \"unterminated}\n").unwrap();
    std::fs::write(inputs.join("not-a-crawl.warc"), "this is not a web archive\n").unwrap();
    // A WARC whose second record claims more bytes than it holds.
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>Kenya's foreign minister met Norway's foreign minister in Nairobi on Monday to discuss the drought in the region.</p></article></body></html>";
    let record = |length: usize, body: &str| {
        format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{length}>\r\nWARC-Date: 2024-05-13T10:00:00Z\r\nWARC-Target-URI: https://news.example/{length}\r\nContent-Length: {length}\r\n\r\n{body}\r\n\r\n")
    };
    std::fs::write(inputs.join("truncated.warc"), record(page.len(), page) + &record(page.len() + 500, page)).unwrap();
    let db = dir.path().join("bad.db");
    let output = run(attache().arg("ingest").arg(&inputs).arg("--db").arg(&db));
    let messages = stderr(&output);
    assert!(output.status.success(), "the good documents are stored: {messages}");
    assert!(messages.contains("empty.html") && messages.contains("no article text"), "{messages}");
    assert!(messages.contains("feed.jsonl:2:") && messages.contains("malformed JSON"), "{messages}");
    assert!(messages.contains("not-a-crawl.warc") && messages.contains("no WARC record"), "{messages}");
    assert!(messages.contains("truncated.warc: record 2") && messages.contains("malformed WARC record"), "{messages}");
    let totals = stats(&db);
    assert_eq!(totals["documents"], 3, "the Latin-1 page, the JSON line and the first WARC record: {totals}");
    let store = attache_store::Store::open_read_only(&db).unwrap();
    assert!(store.is_intact().unwrap());
}

#[test]
#[ignore = "issue 16's parser misreads coordinated title-and-name subjects in the example \
            crawl (\"US Secretary of State Antony Blinken and Russian Foreign Minister Sergey \
            Lavrov spoke …\": \"Russian\" as a conjunct of \"Antony\"), so the New Delhi \
            reports lose their event or target; the event coder must not depend on it (issue 17)"]
fn queries_filter_by_actor_code_date_and_place() {
    let dir = temp();
    let db = dir.path().join("filters.db");
    ingest(&db, &[archive()]);
    let all = query_json(&db, &["events"]);
    let codes = |events: &[Value]| events.iter().map(|e| e["cameo"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let meetings = query_json(&db, &["events", "--code", "04"]);
    assert!(!meetings.is_empty() && meetings.len() < all.len());
    assert!(codes(&meetings).iter().all(|c| c.starts_with("04")), "{:?}", codes(&meetings));
    let geneva = query_json(&db, &["events", "--place", "Geneva"]);
    assert!(!geneva.is_empty() && geneva.iter().all(|e| e["place"]["name"] == "Geneva"));
    let by_country = query_json(&db, &["events", "--place", "IND"]);
    assert!(!by_country.is_empty() && by_country.iter().all(|e| e["place"]["country"] == "IND"));
    let in_2023 = query_json(&db, &["events", "--from", "2023-01-01", "--to", "2023-12-31"]);
    assert!(!in_2023.is_empty() && in_2023.iter().all(|e| e["date"].as_str().unwrap().starts_with("2023")));
    let dyad = query_json(&db, &["events", "--actor", "USA", "--with", "RUS"]);
    assert!(dyad.iter().all(|e| {
        let sides = [e["source"]["code"].as_str().unwrap_or(""), e["target"]["code"].as_str().unwrap_or("")];
        sides.iter().any(|c| c.starts_with("USA")) && sides.iter().any(|c| c.starts_with("RUS"))
    }));
    assert!(dyad.len() >= 3, "{:?}", codes(&dyad));
    let conflicting = query_json(&db, &["events", "--conflicting"]);
    assert_eq!(conflicting.len(), 1);
    assert_eq!(query_json(&db, &["events", "--limit", "2"]).len(), 2);

    let quotes = query_json(&db, &["quotes", "--speaker", "Zakharova"]);
    assert!(quotes.len() >= 2 && quotes.iter().all(|q| q["speaker"].as_str().unwrap().contains("Zakharova")));
    let hits = query_json(&db, &["search", "no", "negotiations"]);
    assert!(
        hits.iter().any(|h| h["kind"] == "quote" && h["speaker"].as_str().unwrap_or("").contains("Zakharova")),
        "{hits:?}"
    );

    let csv = String::from_utf8(query(&db, &["events", "--format", "csv"]).stdout).unwrap();
    assert!(csv.starts_with("id,date,cameo,description,source_code"));
    assert_eq!(csv.lines().count(), all.len() + 1);
    let gdelt =
        String::from_utf8(run(attache().args(["export", "--format", "gdelt", "--db"]).arg(&db)).stdout).unwrap();
    let delhi = gdelt
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f[1] == "20230302" && f[26].starts_with("04"))
        .expect("the New Delhi row");
    assert_eq!(delhi.len(), 61);
    assert_eq!(
        (delhi[31], delhi[32], delhi[33]),
        ("3", "2", "2"),
        "NumMentions, NumSources, NumArticles of the clustered event"
    );
    let jsonl = run(attache().args(["export", "--format", "jsonl", "--db"]).arg(&db)).stdout;
    assert_eq!(String::from_utf8(jsonl).unwrap().lines().count(), all.len());
    let path = dir.path().join("events.parquet");
    let output = run(attache().args(["export", "--format", "parquet", "-o"]).arg(&path).arg("--db").arg(&db));
    assert!(output.status.success(), "{}", stderr(&output));
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, all.len());
    let rows: Vec<String> = reader.get_row_iter(None).unwrap().map(|r| r.unwrap().to_string()).collect();
    let delhi = rows
        .iter()
        .find(|r| r.contains("date: \"2023-03-02\"") && r.contains("cameo: \"040\""))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        delhi.contains("num_articles: 2") && delhi.contains("conflict: true") && delhi.contains("place: \"New Delhi\""),
        "{delhi}"
    );
    let missing = run(attache().args(["export", "--format", "parquet", "--db"]).arg(&db));
    assert!(!missing.status.success() && stderr(&missing).contains("-o FILE.parquet"), "{}", stderr(&missing));
}

#[test]
fn query_arguments_cannot_inject_sql() {
    let dir = temp();
    let db = dir.path().join("inject.db");
    ingest(&db, &[archive()]);
    let before = stats(&db);
    for actor in ["x' OR '1'='1", "%", "_", "') OR 1=1 --", "Blinken\" OR \"1\"=\"1"] {
        let found = query_json(&db, &["events", "--actor", actor]);
        assert!(found.is_empty(), "--actor {actor:?} matched {} events", found.len());
    }
    assert!(query_json(&db, &["events", "--place", "'; DROP TABLE events; --"]).is_empty());
    assert!(query_json(&db, &["quotes", "--speaker", "%' OR 1=1 --"]).is_empty());
    for text in ["\" OR 1=1 --", "text:Lavrov", "NEAR(Lavrov Blinken", "*", "Lavrov) OR (x"] {
        let output = query(&db, &["search", text, "--format", "json"]);
        assert!(output.status.success(), "search {text:?}: {}", stderr(&output));
    }
    let bad_code = query(&db, &["events", "--code", "04' OR 1=1 --"]);
    assert!(!bad_code.status.success() && stderr(&bad_code).contains("CAMEO code is digits"), "{}", stderr(&bad_code));
    assert_eq!(stats(&db), before, "nothing changed");
    assert!(attache_store::Store::open_read_only(&db).unwrap().is_intact().unwrap());
}

#[test]
fn a_store_that_is_not_one_is_refused() {
    let dir = temp();
    let missing = query(&dir.path().join("nowhere.db"), &["stats"]);
    assert!(!missing.status.success() && stderr(&missing).contains("attache ingest"), "{}", stderr(&missing));
    let other = dir.path().join("other.db");
    std::fs::write(&other, "not a database at all, just text").unwrap();
    let output = run(attache().arg("ingest").arg(archive()).arg("--db").arg(&other));
    assert!(!output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "not a database at all, just text", "left as it was");
}

#[test]
fn reports_without_both_actors_merge_only_within_their_article() {
    let dir = temp();
    let feed = dir.path().join("feed.jsonl");
    let record = |id: &str, text: &str| serde_json::json!({"id": id, "text": text, "date": "2024-05-15"}).to_string();
    let lines = [
        // Two stories of attacks with no target named: nothing says they are one attack.
        record("a", "Rebels attacked on Tuesday."),
        record("b", "Rebels attacked early on Tuesday."),
        // Two stories of one attack between named sides are one event.
        record("c", "Chadian troops attacked Niger on Tuesday."),
        record("d", "Chadian troops attacked Niger early on Tuesday."),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let db = dir.path().join("merging.db");
    ingest(&db, &[feed]);
    let events = query_json(&db, &["events", "--code", "19"]);
    let documents = |e: &Value| e["accounts"].as_array().unwrap().len();
    let mut sizes: Vec<usize> = events.iter().map(documents).collect();
    sizes.sort();
    assert_eq!(sizes, [1, 1, 2], "two one-sided attacks apart, the named one merged: {events:#?}");
}
