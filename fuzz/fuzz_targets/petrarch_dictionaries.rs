//! The PETRARCH-format dictionary readers on arbitrary text: actor and agent dictionaries,
//! verb-pattern lexicons and discard lists skip what they cannot read and never panic.
#![no_main]

use attache_actors::dictionary::{ActorDictionary, AgentDictionary};
use attache_events::discards::Discards;
use attache_events::lexicon::VerbLexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = attache_fuzz::truncate(&text, 1 << 16);
    let _ = ActorDictionary::parse("fuzz", text);
    let _ = AgentDictionary::parse("fuzz", text);
    let _ = VerbLexicon::parse("fuzz", text);
    let _ = VerbLexicon::parse_lemmas("fuzz", text);
    let _ = Discards::parse(text);
});
