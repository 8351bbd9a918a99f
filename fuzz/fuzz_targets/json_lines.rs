//! JSON Lines files (`x.jsonl`) through `read_inputs`: every line is a document or a
//! problem, never a panic, and every document's dateline lies in its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attache_fuzz::read_file_input("x.jsonl", data);
});
