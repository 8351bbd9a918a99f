//! Tagging and parsing on the gold words of UD treebanks, and parsing from raw text.

use crate::{score_aligned, AlignedScores};
use attache::Pipeline;
use attache_doc::{Document, Metadata};
use attache_learn::Casing;
use attache_parser::Parser;
use attache_tagger::Tagger;
use std::collections::HashMap;
use std::path::Path;

/// Attachment scores on gold tokens with predicted tags.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct ParserScores {
    /// Words scored.
    pub words: usize,
    /// Right head.
    pub unlabeled: usize,
    /// Right head and relation, subtypes ignored (CoNLL 2018 LAS).
    pub labeled: usize,
    /// Right head and full relation, subtypes included.
    pub labeled_full: usize,
}

impl ParserScores {
    /// Unlabelled attachment score, in percent.
    pub fn uas(&self) -> f64 {
        100.0 * self.unlabeled as f64 / self.words.max(1) as f64
    }

    /// Labelled attachment score (subtypes ignored), in percent.
    pub fn las(&self) -> f64 {
        100.0 * self.labeled as f64 / self.words.max(1) as f64
    }
}

impl std::fmt::Display for ParserScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let full = 100.0 * self.labeled_full as f64 / self.words.max(1) as f64;
        write!(f, "UAS {:.2}  LAS {:.2}  (with subtypes {full:.2}; {} words)", self.uas(), self.las(), self.words)
    }
}

/// Tags and parses every sentence of a treebank from its gold words, cased by `casing`,
/// and scores the trees. Tags come from `tagger`, or from the treebank when it is `None`.
pub fn parser_scores(
    path: &Path,
    tagger: Option<&Tagger>,
    parser: &Parser,
    casing: Casing,
) -> anyhow::Result<ParserScores> {
    let mut scores = ParserScores::default();
    for sentence in attache_conllu::read_file(path)?.sentences {
        let forms = casing.apply(&sentence.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>());
        let words: Vec<&str> = forms.iter().map(String::as_str).collect();
        let tags: Vec<(&str, &str)> = match tagger {
            Some(tagger) => tagger.tag(&words).iter().map(|t| (t.upos, t.xpos)).collect(),
            None => sentence.words.iter().map(|w| (w.upos.as_str(), w.xpos.as_str())).collect(),
        };
        for (gold, parsed) in sentence.words.iter().zip(parser.parse(&words, &tags)) {
            scores.words += 1;
            let head = parsed.head.map_or(0, |h| h + 1);
            if head == gold.head {
                scores.unlabeled += 1;
                let universal = |l: &str| l.split(':').next().unwrap_or(l).to_string();
                scores.labeled += usize::from(universal(&gold.deprel) == universal(parsed.deprel));
                scores.labeled_full += usize::from(gold.deprel == parsed.deprel);
            }
        }
    }
    Ok(scores)
}

/// Tagging and parsing from raw text: each document of a treebank is analysed by
/// `pipeline` from its running text and scored over words aligned by span.
pub fn raw_text_scores(path: &Path, pipeline: &Pipeline) -> anyhow::Result<AlignedScores> {
    let mut total = AlignedScores::default();
    for gold in attache_conllu::read_file(path)?.running_text()? {
        let doc: Document = pipeline.analyze("gold", &gold.text, Metadata::default());
        total += score_aligned(&gold, &doc);
    }
    Ok(total)
}

/// Tagging accuracy on gold tokens.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct TaggerScores {
    /// Words scored.
    pub words: usize,
    /// Right universal tag.
    pub upos: usize,
    /// Right Penn tag.
    pub xpos: usize,
    /// Right lemma.
    pub lemma: usize,
}

impl std::fmt::Display for TaggerScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |n: usize| 100.0 * n as f64 / self.words.max(1) as f64;
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  ({} words)",
            pct(self.upos),
            pct(self.xpos),
            pct(self.lemma),
            self.words
        )
    }
}

/// UPOS confusions: how often each gold tag was tagged as another.
#[derive(Debug, Default)]
pub struct Confusions(HashMap<(String, String), (usize, String)>);

/// One confusion: the gold and predicted tags, how often, and the first words confused.
pub struct Confusion {
    /// The gold tag.
    pub gold: String,
    /// The tag predicted instead.
    pub predicted: String,
    /// How often.
    pub count: usize,
    /// The first words so tagged, each followed by a space (about 60 characters).
    pub examples: String,
}

impl Confusions {
    /// The `n` most frequent confusions, most frequent first (ties by tags).
    pub fn most_frequent(self, n: usize) -> Vec<Confusion> {
        let mut rows: Vec<_> = self.0.into_iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
        rows.into_iter()
            .take(n)
            .map(|((gold, predicted), (count, examples))| Confusion { gold, predicted, count, examples })
            .collect()
    }
}

/// Tags every sentence of a treebank from its gold words, cased by `casing` (gold lemmas
/// too), and counts agreements and UPOS confusions.
pub fn tagger_scores(path: &Path, tagger: &Tagger, casing: Casing) -> anyhow::Result<(TaggerScores, Confusions)> {
    let mut scores = TaggerScores::default();
    let mut confusions = Confusions::default();
    for sentence in attache_conllu::read_file(path)?.sentences {
        let forms = casing.apply(&sentence.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>());
        let lemmas = casing.apply(&sentence.words.iter().map(|w| w.lemma.as_str()).collect::<Vec<_>>());
        let words: Vec<&str> = forms.iter().map(String::as_str).collect();
        for (((gold, tagged), form), lemma) in sentence.words.iter().zip(tagger.tag(&words)).zip(&words).zip(&lemmas) {
            scores.words += 1;
            scores.upos += usize::from(gold.upos == tagged.upos);
            if gold.upos != tagged.upos {
                let entry = confusions.0.entry((gold.upos.clone(), tagged.upos.to_string())).or_default();
                entry.0 += 1;
                if entry.1.len() < 60 {
                    entry.1.push_str(form);
                    entry.1.push(' ');
                }
            }
            scores.xpos += usize::from(gold.xpos == tagged.xpos);
            scores.lemma += usize::from(*lemma == tagger.lemma(form, tagged.xpos));
        }
    }
    Ok((scores, confusions))
}
