//! WARC archives (`x.warc`) through `read_inputs`: records, HTTP headers and payloads of any
//! shape give documents or problems, never a panic or an unbounded read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attache_fuzz::read_file_input("x.warc", data);
});
