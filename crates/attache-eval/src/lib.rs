//! Scoring Attaché's output against gold annotations.
//!
//! Segmentation follows the CoNLL 2018 shared task: a token, word or sentence counts as
//! correct when its character span matches a gold span exactly, and precision, recall
//! and F1 are computed over all spans of a file ([`segment`]). Beside it: tagging and
//! parsing ([`syntax`]), named entities and temporal expressions ([`entities`]), event
//! coding against PETRARCH2's validation suite and PLOVER's gold records ([`events`]), and
//! the small gold sets of `eval/` ([`gold_sets`]).
//!
//! Each scorer returns its scores, and the errors asked for as lines for people in a
//! [`Report`]; printing is the caller's.

pub mod entities;
pub mod event_gold;
pub mod events;
pub mod gold_sets;
pub mod news_corpus;
pub mod segment;
pub mod syntax;

use attache_conllu::{ByteSpan, GoldText};
use attache_doc::{Deprel, Document, Upos};
use serde::Serialize;
use std::collections::HashSet;

/// Scores, with the errors asked for: lines for people, each naming what went wrong.
#[derive(Clone, Debug, Default)]
pub struct Report<S> {
    /// The scores.
    pub scores: S,
    /// Up to the number of errors asked for.
    pub errors: Vec<String>,
}

/// Counts for precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items in the gold annotation.
    pub gold: usize,
    /// Items the system produced.
    pub system: usize,
    /// Items in both.
    pub correct: usize,
}

impl Counts {
    /// Compares two sets of spans.
    pub fn of_spans(gold: &[ByteSpan], system: &[ByteSpan]) -> Counts {
        let gold_set: HashSet<&ByteSpan> = gold.iter().collect();
        let correct = system.iter().filter(|s| gold_set.contains(s)).count();
        Counts { gold: gold.len(), system: system.len(), correct }
    }

    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.system)
    }

    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.correct += other.correct;
    }
}

/// `part` as a percentage of `whole` (0 when `whole` is 0).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Segmentation scores for a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SegmentationScores {
    /// Surface tokens ("don't" counts once).
    pub tokens: Counts,
    /// Syntactic words ("do" and "n't").
    pub words: Counts,
    /// Sentences.
    pub sentences: Counts,
}

impl std::ops::AddAssign for SegmentationScores {
    fn add_assign(&mut self, other: SegmentationScores) {
        self.tokens += other.tokens;
        self.words += other.words;
        self.sentences += other.sentences;
    }
}

/// Scores of tagging and parsing from raw text, over words aligned by exact span
/// (CoNLL 2018: a word counts when its span, and for attachment its head's span, match).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AlignedScores {
    /// Words with the right span and UPOS.
    pub upos: Counts,
    /// Words with the right span and head.
    pub uas: Counts,
    /// Words with the right span, head and relation (subtypes ignored).
    pub las: Counts,
}

impl std::ops::AddAssign for AlignedScores {
    fn add_assign(&mut self, other: AlignedScores) {
        self.upos += other.upos;
        self.uas += other.uas;
        self.las += other.las;
    }
}

/// Compares a tagged and parsed document with the gold annotation of the same text.
pub fn score_aligned(gold: &GoldText, doc: &Document) -> AlignedScores {
    let gold_index: std::collections::HashMap<ByteSpan, usize> =
        gold.words.iter().enumerate().map(|(i, &span)| (span, i)).collect();
    let aligned: Vec<Option<usize>> =
        doc.tokens.iter().map(|t| gold_index.get(&(t.span.start, t.span.end)).copied()).collect();
    let (mut upos, mut uas, mut las) = (0, 0, 0);
    for (i, token) in doc.tokens.iter().enumerate() {
        let Some(g) = aligned[i] else { continue };
        upos += usize::from(token.upos.is_some() && token.upos == Upos::parse(&gold.upos[g]));
        let head_matches = match (token.head, gold.heads[g]) {
            (None, None) => true,
            (Some(h), Some(gh)) => aligned[h] == Some(gh),
            _ => false,
        };
        if head_matches && token.deprel.is_some() {
            uas += 1;
            las += usize::from(token.deprel.map(Deprel::base) == Deprel::parse(&gold.deprels[g]).map(Deprel::base));
        }
    }
    let counts = |correct| Counts { gold: gold.words.len(), system: doc.tokens.len(), correct };
    AlignedScores { upos: counts(upos), uas: counts(uas), las: counts(las) }
}

/// The system's spans of a segmented document, in the gold format.
pub fn system_spans(doc: &Document) -> GoldText {
    let mut out = GoldText { text: doc.text.clone(), ..GoldText::default() };
    let mut multi = doc.multiword_tokens.iter().peekable();
    let mut i = 0;
    while i < doc.tokens.len() {
        if let Some(m) = multi.next_if(|m| m.tokens.start == i) {
            out.tokens.push((m.span.start, m.span.end));
            i = m.tokens.end;
        } else {
            let span = doc.tokens[i].span;
            out.tokens.push((span.start, span.end));
            i += 1;
        }
    }
    out.words = doc.tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
    out.sentences = doc.sentences.iter().map(|s| (s.span.start, s.span.end)).collect();
    out.sentence_first_word = doc.sentences.iter().map(|s| s.tokens.start).collect();
    out
}

/// Scores a segmented document against the gold spans of the same text.
pub fn score_segmentation(gold: &GoldText, system: &GoldText) -> SegmentationScores {
    SegmentationScores {
        tokens: Counts::of_spans(&gold.tokens, &system.tokens),
        words: Counts::of_spans(&gold.words, &system.words),
        sentences: Counts::of_spans(&gold.sentences, &system.sentences),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{Metadata, Span, Token, TokenKind};

    #[test]
    fn aligned_scores_follow_spans_and_heads() {
        // "Envoys met ." : Envoys <-nsubj- met (root) -punct-> .
        let gold = GoldText {
            text: "Envoys met .".into(),
            words: vec![(0, 6), (7, 10), (11, 12)],
            heads: vec![Some(1), None, Some(1)],
            upos: vec!["NOUN".into(), "VERB".into(), "PUNCT".into()],
            deprels: vec!["nsubj".into(), "root".into(), "punct".into()],
            ..GoldText::default()
        };
        let mut doc = Document::new("d", gold.text.clone(), Metadata::default());
        for (i, &(s, e)) in gold.words.iter().enumerate() {
            let mut t = Token::new(Span::new(s, e), TokenKind::Word);
            t.upos = Upos::parse(&gold.upos[i]);
            t.head = gold.heads[i];
            t.deprel = Deprel::parse(&gold.deprels[i]);
            doc.tokens.push(t);
        }
        let perfect = score_aligned(&gold, &doc);
        assert_eq!((perfect.upos.f1(), perfect.uas.f1(), perfect.las.f1()), (100.0, 100.0, 100.0));
        doc.tokens[2].head = Some(0);
        doc.tokens[0].deprel = Some(Deprel::NsubjPass); // subtypes are ignored
        doc.tokens[1].upos = Some(Upos::Aux);
        let scores = score_aligned(&gold, &doc);
        assert_eq!(scores.upos.correct, 2);
        assert_eq!(scores.uas.correct, 2);
        assert_eq!(scores.las.correct, 2);
    }

    #[test]
    fn f1_counts_exact_span_matches() {
        let gold = [(0, 3), (4, 7), (8, 9)];
        let system = [(0, 3), (4, 9)];
        let c = Counts::of_spans(&gold, &system);
        assert_eq!(c, Counts { gold: 3, system: 2, correct: 1 });
        assert!((c.precision() - 50.0).abs() < 1e-9);
        assert!((c.recall() - 100.0 / 3.0).abs() < 1e-9);
        assert!((c.f1() - 40.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
