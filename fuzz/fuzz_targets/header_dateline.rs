//! The header line (` date 2023-03-02 By Jane Doe, CNN`) and the dateline
//! (`WASHINGTON (Reuters) -`) parsers on arbitrary text: they never panic, a header's date is
//! a real date, and a dateline's span lies in the body on character boundaries.
#![no_main]

use attache_fuzz::check_span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let first_line = text.lines().next().unwrap_or("");
    let year = match attache_ingest::parse_header(first_line) {
        Some(Ok(header)) => {
            assert!(header.byline.iter().all(|name| !name.is_empty()), "an empty name in the byline: {header:?}");
            header.date.map(|d| chrono::Datelike::year(&d))
        }
        Some(Err(message)) => {
            assert!(!message.is_empty());
            None
        }
        None => None,
    };
    for hint in [None, Some(2023), year] {
        if let Some(dateline) = attache_ingest::parse_dateline(&text, hint) {
            check_span(&text, dateline.span, "dateline");
        }
    }
});
