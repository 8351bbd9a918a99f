//! The whole built-in pipeline on up to 4 KB of text (an optional header line supplies the
//! date that anchors relative dates, as in text files): every span of every layer lies in
//! the text on character boundaries, every index is in bounds, and every output format
//! writes the document without panicking.
#![no_main]

use attache::formats::{json::document_json, write_document, DocumentFormat};
use attache::{Metadata, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::builtin)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = attache_fuzz::truncate(&text, attache_fuzz::MAX_TEXT);
    let mut meta = Metadata::default();
    let first_line = text.lines().next().unwrap_or("");
    let body = match attache_ingest::parse_header(first_line) {
        Some(Ok(header)) => {
            meta.date = header.date;
            meta.byline = header.byline;
            meta.source = header.source;
            &text[first_line.len()..]
        }
        _ => text,
    };
    meta.dateline = attache_ingest::parse_dateline(body, meta.date.map(|d| chrono::Datelike::year(&d)));
    let doc = pipeline().analyze("fuzz", body, meta);
    attache_fuzz::check_document(&doc);
    let json = serde_json::to_string(&document_json(&doc, true)).expect("the JSON view serialises");
    assert!(json.starts_with('{'));
    for format in [
        DocumentFormat::Json { tokens: false },
        DocumentFormat::Conllu,
        DocumentFormat::Report { tokens: true, explain: true },
        DocumentFormat::Gdelt,
    ] {
        write_document(&mut std::io::sink(), &doc, format).expect("writing to a sink succeeds");
    }
});
