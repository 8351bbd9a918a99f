//! Training data for the parser: the gold trees of UD treebanks.

use crate::TrainingTree;
use attache_conllu::ConlluError;
use std::path::PathBuf;

/// The gold trees of treebanks, with their gold tags (a tagger's tags replace them for
/// training on realistic input: `attache::train::jackknifed_trees`).
pub fn trees(paths: &[PathBuf]) -> Result<Vec<TrainingTree>, ConlluError> {
    let mut out = Vec::new();
    for path in paths {
        for s in attache_conllu::read_file(path)?.sentences {
            out.push(TrainingTree {
                words: s.words.iter().map(|w| w.form.clone()).collect(),
                tags: s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone())).collect(),
                heads: s.words.iter().map(|w| w.head).collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            });
        }
    }
    Ok(out)
}
