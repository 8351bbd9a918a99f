//! The tokenizer and the shipped sentence splitter: tokens lie in the text in order on
//! character boundaries, and the sentences cover the tokens in order.
#![no_main]

use attache_doc::{Document, Metadata};
use attache_text::{SentenceSplitter, Tokenizer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn splitter() -> &'static SentenceSplitter {
    static SPLITTER: OnceLock<SentenceSplitter> = OnceLock::new();
    SPLITTER.get_or_init(|| SentenceSplitter::from_bytes(attache_models::SENTENCES.bytes).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (tokens, multiword_tokens) = Tokenizer.tokenize(&text);
    let sentences = splitter().split(&text, &tokens);
    let mut doc = Document::new("fuzz", text.as_ref(), Metadata::default());
    doc.tokens = tokens;
    doc.multiword_tokens = multiword_tokens;
    doc.sentences = sentences;
    attache_fuzz::check_document(&doc);
});
