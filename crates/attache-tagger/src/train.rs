//! Training data for the tagger: the gold sentences of UD treebanks.

use crate::TrainingSentence;
use attache_conllu::ConlluError;
use std::path::PathBuf;

/// Passes the shipped tagger is trained for.
pub const EPOCHS: usize = 10;

/// The gold sentences of treebanks, for training taggers.
pub fn sentences(paths: &[PathBuf]) -> Result<Vec<TrainingSentence>, ConlluError> {
    let mut out = Vec::new();
    for path in paths {
        for s in attache_conllu::read_file(path)?.sentences {
            out.push(TrainingSentence {
                words: s.words.iter().map(|w| w.form.clone()).collect(),
                upos: s.words.iter().map(|w| w.upos.clone()).collect(),
                xpos: s.words.iter().map(|w| w.xpos.clone()).collect(),
                lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
            });
        }
    }
    Ok(out)
}
