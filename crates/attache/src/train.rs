//! Training recipes that need more than one model: the parser learns from tags that a
//! tagger predicted, and the recogniser reads the shipped tagger's tags. Recipes for one
//! model live beside it (`attache_tagger::train`, `attache_parser::train`,
//! `attache_text::train`).

use crate::Error;
use attache_ner::NerDocument;
use attache_parser::TrainingTree;
use attache_tagger::{Tagger, TrainingSentence};
use rayon::prelude::*;
use std::path::PathBuf;

/// The (UPOS, Penn) tags of a sentence.
type Tags = Vec<(String, String)>;

/// Parts into which the training sentences are cut for jackknifed tagging.
pub const JACKKNIFE_FOLDS: usize = 4;

/// Gold trees whose tags come from taggers that did not see them: each fold is tagged by a
/// tagger trained on the other folds, so the parser trains on realistic tags. `on_fold` is
/// told when the tagger of each fold (0-based) starts training.
pub fn jackknifed_trees(paths: &[PathBuf], on_fold: &(dyn Fn(usize) + Sync)) -> Result<Vec<TrainingTree>, Error> {
    let sentences = attache_tagger::train::sentences(paths)?;
    let mut trees = attache_parser::train::trees(paths)?;
    let folds: Vec<Vec<usize>> =
        (0..JACKKNIFE_FOLDS).map(|k| (0..sentences.len()).filter(|i| i % JACKKNIFE_FOLDS == k).collect()).collect();
    let tagged: Vec<Vec<(usize, Tags)>> = folds
        .par_iter()
        .enumerate()
        .map(|(k, fold)| {
            on_fold(k);
            let rest: Vec<TrainingSentence> =
                (0..sentences.len()).filter(|i| i % JACKKNIFE_FOLDS != k).map(|i| sentences[i].clone()).collect();
            let tagger = Tagger::train(&rest, attache_tagger::train::EPOCHS);
            fold.iter()
                .map(|&i| {
                    let words: Vec<&str> = sentences[i].words.iter().map(String::as_str).collect();
                    (i, tagger.tag(&words).iter().map(|t| (t.upos.to_string(), t.xpos.to_string())).collect())
                })
                .collect()
        })
        .collect();
    for (i, tags) in tagged.into_iter().flatten() {
        trees[i].tags = tags;
    }
    Ok(trees)
}

/// Gold named-entity documents from CoNLL-2003 files and GUM treebanks, with Penn tags
/// from `tagger` (as the recogniser sees them at run time).
pub fn ner_documents(conll: &[PathBuf], gum: &[PathBuf], tagger: &Tagger) -> Result<Vec<NerDocument>, Error> {
    let mut documents = Vec::new();
    for path in conll {
        let content = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.clone(), source })?;
        documents
            .extend(attache_ner::conll2003_documents(&content, &path.display().to_string()).map_err(Error::Corpus)?);
    }
    for path in gum {
        documents.extend(attache_ner::gum_documents(&attache_conllu::read_file(path)?));
    }
    for sentence in documents.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        sentence.tags = tagger.tag(&words).iter().map(|t| t.xpos.to_string()).collect();
    }
    Ok(documents)
}
