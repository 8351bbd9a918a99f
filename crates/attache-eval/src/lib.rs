//! Scoring Attaché's output against gold annotations.
//!
//! Segmentation follows the CoNLL 2018 shared task: a token, word or sentence counts as
//! correct when its character span matches a gold span exactly, and precision, recall
//! and F1 are computed over all spans of a file.

use attache_conllu::{ByteSpan, GoldText};
use attache_doc::Document;
use serde::Serialize;
use std::collections::HashSet;

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

fn percent(part: usize, whole: usize) -> f64 {
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
