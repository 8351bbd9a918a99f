//! Inputs that used to take Attaché down or that real archives are full of: deep HTML,
//! run-on text, very long documents and lines, endless inputs, legacy encodings, empty
//! files and things that are not files. Each must give a document or a clear message, in
//! bounded time: the time bounds here guard against hangs and are far above the real times
//! (the speed itself is measured by `attache bench --scaling`).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// Generous: each case takes a few seconds in a release build.
const BOUND: u64 = 180;

fn analyze_within(args: &[&str], path: &Path) -> std::process::Output {
    run_within(attache().arg("analyze").args(args).arg(path), b"", BOUND)
}

#[test]
fn deeply_nested_html_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "<p>The foreign ministers of two neighbouring countries met on Tuesday to discuss the drought, officials said.</p>";
    for (name, closed) in [("closed.html", true), ("unclosed.html", false)] {
        let close = if closed { "</div>".repeat(100_000) } else { String::new() };
        let page = format!("<html><body>{}{paragraph}{close}</body></html>", "<div>".repeat(100_000));
        let path = dir.path().join(name);
        std::fs::write(&path, page).unwrap();
        let out = analyze_within(&[], &path);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(json_lines(&out)[0]["text"].as_str().unwrap().contains("met on Tuesday"), "{name}");
    }
}

#[test]
fn run_on_text_is_cut_into_bounded_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["the", "minister", "said", "talks", "with", "rebels", "in", "the", "north", "would", "resume"];
    let text: Vec<&str> = (0..100_000).map(|i| words[(i * 7 + i / 3) % words.len()]).collect();
    let path = dir.path().join("transcript.txt");
    std::fs::write(&path, text.join(" ")).unwrap();
    let out = analyze_within(&["--tokens"], &path);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &json_lines(&out)[0];
    let longest = doc["sentences"].as_array().unwrap().iter().map(|s| {
        let tokens = s["tokens"].as_array().unwrap();
        tokens[1].as_u64().unwrap() - tokens[0].as_u64().unwrap()
    });
    assert!(longest.max().unwrap() <= 200);
    assert_eq!(doc["tokens"].as_array().unwrap().len(), 100_000, "every word is kept");
}

#[test]
fn one_long_document_of_many_names_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // About 1 MB of prose naming thousands of different people and places.
    let mut text = String::new();
    let mut n = 0u64;
    while text.len() < 1_000_000 {
        let person = format!("Minister Karl{} Vandemeer{}", n % 997, n % 1009);
        let place = ["Geneva", "Nairobi", "Lima", "Oslo", "Hanoi"][(n % 5) as usize];
        text.push_str(&format!(
            "{person} met \"Ana{} Ruiz\" in {place} on Monday, officials said. \"We will talk again,\" he told reporters.\n\n",
            n % 1013
        ));
        n += 1;
    }
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let out = analyze_within(&[], &path);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &json_lines(&out)[0];
    assert!(doc["entities"].as_array().unwrap().len() > 1000);
    assert!(doc["quotes"].as_array().unwrap().len() as u64 >= n);
}

#[test]
fn endless_and_oversized_inputs_are_refused_with_the_limit() {
    let out = run_within(attache().args(["analyze", "/dev/zero"]), b"", BOUND);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("/dev/zero: the file is over the 16777216-byte limit") && err.contains("--max-document-bytes"),
        "{err}"
    );

    let text = "word ".repeat(2_000_000);
    let out = run_within(attache().args(["analyze", "--max-document-bytes", "1000000", "-"]), text.as_bytes(), BOUND);
    assert!(stderr(&out).contains("-: standard input is over the 1000000-byte limit"), "{}", stderr(&out));

    let dir = tempfile::tempdir().unwrap();
    let one_line = dir.path().join("one-line.txt");
    std::fs::write(&one_line, "word ".repeat(10_000_000)).unwrap();
    let out = analyze_within(&[], &one_line);
    assert!(stderr(&out).contains("the file is 50000000 bytes, over the 16777216-byte limit"), "{}", stderr(&out));
}

#[test]
fn a_huge_json_lines_record_is_skipped_and_the_next_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let huge = serde_json::json!({"id": "huge", "text": "word ".repeat(5_000_000)});
    let fine = serde_json::json!({"id": "fine", "text": "Talks resumed in Geneva."});
    let over = serde_json::json!({"id": "over", "text": "word ".repeat(300_000)});
    std::fs::write(&path, format!("{huge}\n{fine}\n{over}\n")).unwrap();
    let out = analyze_within(&["--max-document-bytes", "1000000"], &path);
    let err = stderr(&out);
    assert!(err.contains(":1: line is 25000024 bytes, over the"), "{err}");
    assert!(err.contains(":3:1: \"text\" is 1500000 bytes, over the 1000000-byte limit"), "{err}");
    let ids: Vec<String> = json_lines(&out).iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["fine"]);
    // Standard input streams the same way.
    let out = run_within(
        attache().args(["analyze", "--max-document-bytes", "1000000", "-"]),
        &std::fs::read(&path).unwrap(),
        BOUND,
    );
    assert_eq!(json_lines(&out).len(), 1, "{}", stderr(&out));
}

fn decoding(doc: &Value) -> (String, String) {
    let d = &doc["decoding"];
    (d["encoding"].as_str().unwrap_or("").to_string(), d["how"].as_str().unwrap_or("").to_string())
}

#[test]
fn every_encoding_of_a_news_archive_is_read_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let utf16 = |text: &str, bom: bool| -> Vec<u8> {
        let bom = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bom.into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
    };
    let paths = [
        write("latin1.txt", b"Colombia's president met officials in Bogot\xe1 on Monday, \x93a good meeting\x94, aides said."),
        write("utf16.txt", &utf16("Peru's president met officials in Lima on Monday.", true)),
        write("utf16-bare.txt", &utf16("Chile's president met officials in Santiago on Monday.", false)),
        write("mojibake.txt", "Mexico\u{e2}\u{20ac}\u{2122}s president met Jos\u{c3}\u{a9} Ram\u{c3}\u{ad}rez.".as_bytes()),
        write("bom.jsonl", b"\xEF\xBB\xBF{\"id\": \"bom\", \"text\": \"Talks resumed in Geneva.\"}\n"),
        write("utf16.jsonl", &utf16("{\"id\": \"wide\", \"text\": \"Talks resumed in Oslo.\"}\n", true)),
        write(
            "page.html",
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article><p>Ecuador\x92s foreign minister met Peru\x92s foreign minister in Quito on Monday to discuss the drought in the region.</p></article></body></html>",
        ),
    ];
    let out = run_within(attache().arg("analyze").args(&paths), b"", BOUND);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = json_lines(&out);
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} read: {}", stderr(&out)));
    assert!(by_id("latin1")["text"].as_str().unwrap().contains("Bogotá on Monday, “a good meeting”"));
    assert_eq!(decoding(by_id("latin1")), ("windows-1252".into(), "detected".into()));
    assert_eq!(by_id("utf16")["text"], "Peru's president met officials in Lima on Monday.");
    assert_eq!(decoding(by_id("utf16")), ("UTF-16LE".into(), "byte-order mark".into()));
    assert_eq!(by_id("utf16-bare")["text"], "Chile's president met officials in Santiago on Monday.");
    assert_eq!(by_id("mojibake")["text"], "Mexico’s president met José Ramírez.");
    assert_eq!(by_id("mojibake")["decoding"]["mojibake_repaired"], 3);
    assert_eq!(by_id("bom")["text"], "Talks resumed in Geneva.");
    assert!(by_id("bom").get("decoding").is_none(), "a UTF-8 byte-order mark is no news");
    assert_eq!(by_id("wide")["text"], "Talks resumed in Oslo.");
    assert_eq!(decoding(by_id("wide")).0, "UTF-16LE");
    assert!(by_id("page")["text"].as_str().unwrap().starts_with("Ecuador’s foreign minister"));
    assert_eq!(decoding(by_id("page")), ("windows-1252".into(), "declared charset".into()));
}

/// A WARC response record of `body` served with `content_type`, claiming `length` bytes.
fn warc_record(n: usize, content_type: &str, body: &[u8], length: Option<usize>) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    http.extend_from_slice(body);
    let header = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Date: 2024-05-13T10:00:00Z\r\nWARC-Target-URI: https://news.example/{n}\r\nContent-Length: {}\r\n\r\n",
        length.unwrap_or(http.len())
    );
    [header.into_bytes(), http, b"\r\n\r\n".to_vec()].concat()
}

#[test]
fn web_archives_declare_charsets_and_cannot_claim_unbounded_records() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html><body><article><p>Ecuador's foreign minister met Peru's foreign minister in Quito on Monday to discuss the drought in the r\xe9gion.</p></article></body></html>";
    let mut archive = warc_record(1, "text/html; charset=ISO-8859-1", page, None);
    // A header value that is not UTF-8 (the warc crate's own accessor panicked on it).
    let odd = b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:odd>\r\nWARC-Date: 2024-05-13T10:00:00Z\r\nContent-Type: text/h\x84\x8b\xc4ml\r\nContent-Length: 5\r\n\r\nHello\r\n\r\n";
    archive.extend_from_slice(odd);
    archive.extend(warc_record(2, "text/html", page, Some(1 << 40)));
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, archive).unwrap();
    let out = analyze_within(&[], &path);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1, "{}", stderr(&out));
    assert!(docs[0]["text"].as_str().unwrap().contains("in the région."));
    assert_eq!(decoding(&docs[0]), ("windows-1252".into(), "declared charset".into()));
    let err = stderr(&out);
    assert!(err.contains("record 3") && err.contains("1099511627776 bytes"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // Not a WARC file: one long line, and no blank line ending a header.
    let fake = dir.path().join("fake.warc");
    std::fs::write(&fake, "WARC/1.1 ".to_string() + &"x".repeat(5_000_000)).unwrap();
    let out = analyze_within(&[], &fake);
    assert!(
        stderr(&out).contains("malformed WARC record") && stderr(&out).contains("header is over"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn empty_files_and_things_that_are_not_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.jsonl", "empty.warc", "empty.warc.gz"] {
        std::fs::write(dir.path().join(name), b"").unwrap();
    }
    std::fs::write(dir.path().join("blank.jsonl"), b"\n \n").unwrap();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = run_within(attache().arg("analyze").arg(dir.path()), b"", BOUND);
    let err = stderr(&out);
    assert!(err.contains("empty.jsonl: empty file: no JSON Lines record to read"), "{err}");
    assert!(err.contains("blank.jsonl: only blank lines: no JSON Lines record to read"), "{err}");
    assert!(err.contains("empty.warc: empty file: no WARC record to read"), "{err}");
    assert!(err.contains("empty.warc.gz: empty file: no WARC record to read"), "{err}");
    assert!(err.contains("pipe: not a regular file (a FIFO, socket or device); skipped"), "{err}");
    assert!(err.contains("no document could be analysed (5 problems reported)"), "{err}");
}
