//! Plain-text articles (`x.txt`) through `read_inputs`: encoding detection (BOM, UTF-16,
//! chardetng), mojibake repair, the header line and the dateline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attache_fuzz::read_file_input("x.txt", data);
});
