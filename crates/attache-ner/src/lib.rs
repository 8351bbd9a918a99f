//! Named-entity recognition for news, and linking of an entity's mentions.
//!
//! [`EntityRecognizer`] labels words with BILOU tags over four types (PERSON, ORG,
//! PLACE, MISC) using a greedy averaged perceptron with word, shape, affix,
//! part-of-speech, gazetteer and document-history features (a word's earlier label in
//! the same article). [`link`] then groups mentions into [`attache_doc::Entity`]s.

mod corpus;
mod labels;
mod link;
mod recognizer;

pub use corpus::{conll2003_documents, gum_documents, EntityScores};
pub use labels::{decode, encode, Label, Position};
pub use link::link;
pub use recognizer::{EntityRecognizer, History, NerDocument, NerSentence};

use attache_doc::{Component, Deprel, Document, EntityType, Layer, Mention, Span, Upos};
use attache_gazetteer::{Gazetteer, Kind};
use std::ops::Range;

/// True when a mention is the place a dateline gives ("GENEVA (Reuters) -").
fn names_dateline_place(doc: &Document, span: Span) -> bool {
    doc.meta
        .dateline
        .as_ref()
        .is_some_and(|d| span.end <= d.span.end && d.place.as_deref().is_some_and(|place| place == doc.slice(span)))
}

/// A capital standing for its government ("Washington warned Moscow"): a city mention
/// that is the subject of a verb. Countries keep their place type (actor coding turns
/// them into state actors later); cities elsewhere ("talks in Washington") stay places.
fn acts_as_government(doc: &Document, tokens: &Range<usize>, kind: EntityType) -> bool {
    let last = &doc.tokens[tokens.end - 1];
    let words: Vec<&str> = tokens.clone().map(|i| doc.token_text(i)).collect();
    let in_dateline = doc.meta.dateline.as_ref().is_some_and(|d| last.span.end <= d.span.end);
    kind == EntityType::Place
        && !in_dateline
        && last.deprel == Some(Deprel::Nsubj)
        && last.head.is_some_and(|h| doc.tokens[h].upos == Some(Upos::Verb))
        && Gazetteer::builtin()
            .get(&words)
            .is_some_and(|e| e.kinds.contains(Kind::City) && !e.kinds.contains(Kind::Country))
}

impl Component for EntityRecognizer {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Tags, Layer::Parse]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn process(&self, doc: &mut Document) {
        let sentences: Vec<(Vec<&str>, Vec<&str>)> = doc
            .sentences
            .iter()
            .map(|s| {
                let words = s.tokens.clone().map(|i| doc.token_text(i)).collect();
                let tags = s.tokens.clone().map(|i| doc.tokens[i].xpos.as_deref().unwrap_or("_")).collect();
                (words, tags)
            })
            .collect();
        let found = self.recognize_document(&sentences);
        let mut mentions = Vec::new();
        for (sentence, entities) in doc.sentences.iter().zip(found) {
            for (range, kind) in entities {
                let tokens = sentence.tokens.start + range.start..sentence.tokens.start + range.end;
                let span = doc.span_of(&tokens);
                let kind = if names_dateline_place(doc, span) {
                    EntityType::Place
                } else if acts_as_government(doc, &tokens, kind) {
                    EntityType::Org
                } else {
                    kind
                };
                mentions.push((Mention { tokens, span, rule: None }, kind));
            }
        }
        doc.entities = link(doc, mentions);
    }
}
