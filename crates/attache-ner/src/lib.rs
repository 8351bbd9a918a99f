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

use attache_doc::{Component, Document, Mention, Span};

impl Component for EntityRecognizer {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn process(&self, doc: &mut Document) {
        let mut history = History::default();
        let mut mentions = Vec::new();
        for sentence in &doc.sentences {
            let range = sentence.tokens.clone();
            let words: Vec<&str> = range.clone().map(|i| doc.token_text(i)).collect();
            let tags: Vec<&str> = range.clone().map(|i| doc.tokens[i].xpos.as_deref().unwrap_or("_")).collect();
            for (found, kind) in self.recognize(&words, &tags, &mut history) {
                let tokens = range.start + found.start..range.start + found.end;
                let span = Span::new(doc.tokens[tokens.start].span.start, doc.tokens[tokens.end - 1].span.end);
                mentions.push((Mention { tokens, span }, kind));
            }
        }
        doc.entities = link(doc, mentions);
    }
}
