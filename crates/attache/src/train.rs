//! Training recipes that need more than one model: the parser learns from tags that a
//! tagger predicted, and the recogniser reads the shipped tagger's tags. Recipes for one
//! model live beside it (`attache_tagger::train`, `attache_parser::train`,
//! `attache_text::train`).

use crate::Error;
use attache_learn::{Casing, SplitMix64, WordClass, WordClasses};
use attache_ner::NerDocument;
use attache_parser::TrainingTree;
use attache_tagger::{Tagger, TrainingSentence};
use rayon::prelude::*;
use std::path::PathBuf;

/// The (UPOS, Penn) tags of a sentence.
type Tags = Vec<(String, String)>;

/// Shares of the parser's training sentences tagged in lower case and in capitals.
const RECASED_LOWER: f64 = 0.1;
const RECASED_UPPER: f64 = 0.04;

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
            let tagger = Tagger::train(&rest, attache_tagger::train::EPOCHS, crate::assembly::word_classes());
            fold.iter()
                .map(|&i| {
                    // Tags of recased sentences too, so the parser learns what the tagger
                    // does to text in capitals or lower case (its own features ignore case).
                    let mut coin = SplitMix64::new(i as u64);
                    let recased = Casing::draw(&mut coin, RECASED_LOWER, RECASED_UPPER).apply(&sentences[i].words);
                    let words: Vec<&str> = recased.iter().map(String::as_str).collect();
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

/// Gold named-entity documents from CoNLL-2003 files and GUM treebanks, each recased by
/// `casing` (given the document's number), with Penn tags from `tagger` (as the
/// recogniser sees them at run time).
pub fn ner_documents(
    conll: &[PathBuf],
    gum: &[PathBuf],
    tagger: &Tagger,
    casing: &dyn Fn(usize) -> Casing,
) -> Result<Vec<NerDocument>, Error> {
    let mut documents = Vec::new();
    for path in conll {
        let content = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.clone(), source })?;
        documents
            .extend(attache_ner::conll2003_documents(&content, &path.display().to_string()).map_err(Error::Corpus)?);
    }
    for path in gum {
        documents.extend(attache_ner::gum_documents(&attache_conllu::read_file(path)?));
    }
    for (number, document) in documents.iter_mut().enumerate() {
        let casing = casing(number);
        for sentence in &mut document.sentences {
            sentence.words = casing.apply(&sentence.words);
        }
    }
    for sentence in documents.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        sentence.tags = tagger.tag(&words).iter().map(|t| t.xpos.to_string()).collect();
    }
    Ok(documents)
}

/// The word-class table from `clusters.tsv` of `../shared/vectors` (one word a line: word,
/// then its clusters among 64, 256, 1,024 and 4,096, then its vector row). Phrases (words
/// joined by spaces) are left out: the models look up single tokens.
pub fn word_classes(path: &std::path::Path) -> Result<WordClasses, Error> {
    let content = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let mut entries = Vec::new();
    for (number, line) in content.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| Error::Corpus(format!("{}:{}: {what}", path.display(), number + 1));
        let [word, _, coarse, middle, fine, _] = fields[..] else {
            return Err(bad("expected six tab-separated fields: word, four cluster ids, vector row"));
        };
        let id = |field: &str, below: u16| {
            field
                .parse::<u16>()
                .ok()
                .filter(|&v| v < below)
                .ok_or_else(|| bad(&format!("{field:?} is not a class below {below}")))
        };
        let class = WordClass::new(id(coarse, 256)?, id(middle, 1024)?, id(fine, 4096)?);
        if !word.is_empty() && !word.contains(char::is_whitespace) {
            entries.push((word.to_string(), class));
        }
    }
    Ok(WordClasses::build(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_are_read_from_the_clusters_file_and_bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clusters.tsv");
        std::fs::write(&path, "talks\t1\t2\t3\t4\t5\nnegotiations\t1\t2\t3\t9\t6\nNew York\t0\t0\t0\t0\t0\n").unwrap();
        let table = word_classes(&path).unwrap();
        assert_eq!(table.len(), 2, "the phrase is left out");
        assert_eq!(table.get("talks").key(1), table.get("negotiations").key(1));
        assert_ne!(table.get("talks").key(2), table.get("negotiations").key(2));
        std::fs::write(&path, "talks\t1\t2\t3\t4\t5\nmeets\t1\t2\t3000\t4\t5\n").unwrap();
        let error = word_classes(&path).unwrap_err().to_string();
        assert!(error.contains("clusters.tsv:2") && error.contains("3000"), "{error}");
        std::fs::write(&path, "talks\t1\t2\n").unwrap();
        assert!(word_classes(&path).unwrap_err().to_string().contains("clusters.tsv:1"));
    }
}
