//! HTML pages: `web::read_html` on the text, and an `x.html` file through `read_inputs`,
//! which also decodes declared and detected charsets and caps the nesting depth.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(page) = attache_ingest::web::read_html(&html, None, "fuzz") {
        let _ = page.text.len();
    }
    attache_fuzz::read_file_input("x.html", data);
});
