//! Named entities on gold tokens, and temporal expressions against GUM's time entities.

use crate::{percent, Report};
use attache_ner::{EntityRecognizer, EntityScores, NerDocument};
use std::path::Path;

/// Entity scores of `recognizer` on gold documents.
pub fn ner_scores(documents: &[NerDocument], recognizer: &EntityRecognizer) -> EntityScores {
    let mut scores = EntityScores::default();
    for document in documents {
        let sentences: Vec<(Vec<&str>, Vec<&str>)> = document
            .sentences
            .iter()
            .map(|s| (s.words.iter().map(String::as_str).collect(), s.tags.iter().map(String::as_str).collect()))
            .collect();
        for (sentence, found) in document.sentences.iter().zip(recognizer.recognize_document(&sentences)) {
            scores.add(&sentence.entities, &found);
        }
    }
    scores
}

/// Timex spans against gold time mentions: counts of exact and overlapping matches.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimexScores {
    /// Gold time mentions.
    pub gold: usize,
    /// Expressions found.
    pub found: usize,
    /// Found expressions with exactly a gold mention's span.
    pub exact: usize,
    /// Found expressions overlapping some gold mention.
    pub found_overlapping: usize,
    /// Gold mentions overlapping some found expression.
    pub gold_overlapping: usize,
}

impl std::fmt::Display for TimexScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "found {} gold {}  exact P {:.2} R {:.2}  overlap P {:.2} R {:.2}",
            self.found,
            self.gold,
            percent(self.exact, self.found),
            percent(self.exact, self.gold),
            percent(self.found_overlapping, self.found),
            percent(self.gold_overlapping, self.gold)
        )
    }
}

/// Scores Attaché's timex grammar against the time mentions of a treebank with GUM's entity
/// annotations; the errors are up to `errors` expressions found that GUM does not mark,
/// then up to `errors` missed ones.
pub fn timex_scores(path: &Path, errors: usize) -> anyhow::Result<Report<TimexScores>> {
    let treebank = attache_conllu::read_file(path)?;
    let mut scores = TimexScores::default();
    let (mut spurious, mut missed) = (Vec::new(), Vec::new());
    for sentence in &treebank.sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let gold: Vec<(usize, usize)> =
            sentence.entity_mentions().iter().filter(|m| m.etype == "time").map(|m| (m.start, m.end)).collect();
        let found: Vec<(usize, usize)> = attache_time::grammar::find(&words).iter().map(|f| (f.start, f.end)).collect();
        let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
        scores.gold += gold.len();
        scores.found += found.len();
        scores.exact += found.iter().filter(|f| gold.contains(f)).count();
        let phrase = |(s, e): (usize, usize)| words[s..e].join(" ");
        for f in &found {
            if gold.iter().any(|g| overlaps(f, g)) {
                scores.found_overlapping += 1;
            } else {
                spurious.push(phrase(*f));
            }
        }
        for g in &gold {
            if found.iter().any(|f| overlaps(f, g)) {
                scores.gold_overlapping += 1;
            } else {
                missed.push(phrase(*g));
            }
        }
    }
    let mut shown = Vec::new();
    for (what, list) in [("not in gold", &spurious), ("missed", &missed)] {
        shown.extend(list.iter().take(errors).map(|phrase| format!("  {what}: {phrase}")));
    }
    Ok(Report { scores, errors: shown })
}
