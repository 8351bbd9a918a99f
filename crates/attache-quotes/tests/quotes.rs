//! Quotations, speakers and claims on hand-parsed fixtures (tests/fixtures/*.conllu).

use attache_doc::{Attribution, Component, Document, Quote, QuoteKind};
use attache_quotes::QuoteFinder;

fn found(fixture: &str, name: &str) -> Document {
    let mut doc = attache_conllu::parse_document(fixture, name).unwrap_or_else(|e| panic!("{e}"));
    QuoteFinder.process(&mut doc);
    doc
}

fn entity_id(doc: &Document, name: &str) -> usize {
    doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name:?}")).id
}

/// A speaker as (words, entity name).
fn who<'d>(doc: &'d Document, speaker: &Attribution) -> (&'d str, Option<&'d str>) {
    (doc.slice(speaker.span), speaker.entity.map(|e| doc.entities[e].name.as_str()))
}

fn only_quote(doc: &Document) -> &Quote {
    assert_eq!(doc.quotes.len(), 1, "{:?}", doc.quotes);
    &doc.quotes[0]
}

#[test]
fn a_direct_quotation_with_said_after_it_is_the_following_names() {
    let doc = found(include_str!("fixtures/said_after.conllu"), "said-after");
    let quote = only_quote(&doc);
    assert_eq!(quote.kind, QuoteKind::Direct);
    assert_eq!(doc.slice(quote.span), "We will not give up", "inside the marks, without the comma");
    assert_eq!(quote.cue.map(|c| doc.slice(c)), Some("said"));
    assert_eq!(who(&doc, quote.speaker.as_ref().unwrap()), ("Ingrid Vik", Some("Ingrid Vik")));
    assert_eq!(quote.rule, "subject of the speech verb");
    assert!(doc.claims.is_empty());
}

#[test]
fn a_pronoun_speaker_is_the_last_person_named() {
    let doc = found(include_str!("fixtures/pronoun.conllu"), "pronoun");
    let quote = only_quote(&doc);
    assert_eq!(doc.slice(quote.span), "The talks were useful");
    let speaker = quote.speaker.as_ref().unwrap();
    assert_eq!(who(&doc, speaker), ("she", Some("Ingrid Vik")), "not Pavel Orlov, named before her");
    assert_eq!(speaker.entity, Some(entity_id(&doc, "Ingrid Vik")));
    assert_eq!(quote.rule, "pronoun subject: the last person named");
}

#[test]
fn a_bare_title_speaker_is_the_last_person_with_that_title() {
    let doc = found(include_str!("fixtures/titled.conllu"), "titled");
    let quote = only_quote(&doc);
    assert_eq!(doc.slice(quote.span), "No decision has been taken");
    assert_eq!(who(&doc, quote.speaker.as_ref().unwrap()), ("the spokeswoman", Some("Lena Dahl")));
    assert_eq!(quote.rule, "titled subject: the last person with that title");
}

#[test]
fn a_quotation_without_a_speech_verb_continues_the_previous_speaker() {
    let doc = found(include_str!("fixtures/continued.conllu"), "continued");
    assert_eq!(doc.quotes.len(), 2, "{:?}", doc.quotes);
    let (first, second) = (&doc.quotes[0], &doc.quotes[1]);
    assert_eq!(first.cue.map(|c| doc.slice(c)), Some("told"));
    assert_eq!(who(&doc, first.speaker.as_ref().unwrap()), ("Ingrid Vik", Some("Ingrid Vik")));
    assert_eq!(doc.slice(second.span), "The next step belongs to Moscow.");
    assert_eq!((second.kind, second.cue), (QuoteKind::Direct, None));
    assert_eq!(second.speaker, first.speaker);
    assert_eq!(second.rule, "no speech verb: continues the previous quote's speaker");
}

#[test]
fn indirect_speech_is_the_clause_a_speech_verb_reports() {
    let doc = found(include_str!("fixtures/indirect.conllu"), "indirect");
    let quote = only_quote(&doc);
    assert_eq!(quote.kind, QuoteKind::Indirect);
    assert_eq!(doc.slice(quote.span), "the border would stay open", "without 'that' and the full stop");
    assert_eq!(quote.cue.map(|c| doc.slice(c)), Some("said"));
    assert_eq!(who(&doc, quote.speaker.as_ref().unwrap()), ("Pavel Orlov", Some("Pavel Orlov")));
    assert_eq!(quote.rule, "reported clause of a speech verb; subject of the speech verb");
}

#[test]
fn according_to_makes_the_rest_of_the_sentence_a_claim() {
    let doc = found(include_str!("fixtures/according_to.conllu"), "according-to");
    assert!(doc.quotes.is_empty(), "{:?}", doc.quotes);
    assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
    let claim = &doc.claims[0];
    assert_eq!(doc.slice(claim.span), "The convoy reached the city on Sunday");
    assert_eq!(doc.slice(claim.cue), "according to");
    assert_eq!(who(&doc, &claim.source), ("Ingrid Vik", Some("Ingrid Vik")));
    assert_eq!(claim.rule, "according to");
}

#[test]
fn speech_verbs_are_one_list() {
    assert!(["say", "tell", "warn", "deny", "indicate"].into_iter().all(attache_quotes::is_speech_verb));
    assert!(!attache_quotes::is_speech_verb("meet"));
    assert!(!attache_quotes::is_speech_verb("believe"), "verbs of belief are the events' own");
}
