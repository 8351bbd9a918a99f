use anyhow::Context;
use attache_doc::Token;
use attache_ner::EntityRecognizer;
use attache_parser::{Parser, TrainingTree};
use attache_tagger::{Tagger, TrainingSentence};
use attache_text::{SentenceSplitter, Tokenizer};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Model {
    /// The sentence splitter, from UD treebanks (e.g. the EWT and GUM train files).
    Segmenter {
        /// Training treebanks (.conllu).
        #[arg(long, required = true, num_args = 1..)]
        train: Vec<PathBuf>,
        /// A development treebank to report sentence F1 on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 6)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = crate::default_model_path("sentences.bin"))]
        out: PathBuf,
    },
    /// The dependency parser, from UD treebanks.
    Parser {
        /// Training treebanks (.conllu).
        #[arg(long, required = true, num_args = 1..)]
        train: Vec<PathBuf>,
        /// A development treebank to report attachment scores on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Train on the gold Penn tags instead of tags predicted by jackknifing.
        #[arg(long)]
        gold_tags: bool,
        /// Drop averaged weights below this magnitude: weights learnt from a handful of
        /// updates. 1.0 shrinks the model threefold for about 0.1 LAS.
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
        /// Where to write the model.
        #[arg(long, default_value_os_t = crate::default_model_path("parser.bin"))]
        out: PathBuf,
    },
    /// The named-entity recogniser, from CoNLL-2003 and GUM's named mentions.
    Ner {
        #[command(flatten)]
        corpora: crate::evaluate::NerCorpora,
        /// A CoNLL-2003 development file to report entity F1 on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = crate::default_model_path("ner.bin"))]
        out: PathBuf,
    },
    /// The part-of-speech tagger and lemmatizer, from UD treebanks.
    Tagger {
        /// Training treebanks (.conllu).
        #[arg(long, required = true, num_args = 1..)]
        train: Vec<PathBuf>,
        /// A development treebank to report accuracy on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = TAGGER_EPOCHS)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = crate::default_model_path("tagger.bin"))]
        out: PathBuf,
    },
}

/// The gold trees of treebanks, for training parsers, with Penn tags from `tagger` when
/// given (so the parser learns to live with tagging errors) or else the gold tags.
pub fn parser_trees(paths: &[PathBuf], tagger: Option<&Tagger>) -> anyhow::Result<Vec<TrainingTree>> {
    let mut out = Vec::new();
    for path in paths {
        for s in attache_conllu::read_file(path)?.sentences {
            let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let tags = match tagger {
                Some(tagger) => {
                    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                    tagger.tag(&refs).iter().map(|t| (t.upos.to_string(), t.xpos.to_string())).collect()
                }
                None => s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone())).collect(),
            };
            out.push(TrainingTree {
                words,
                tags,
                heads: s.words.iter().map(|w| w.head).collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            });
        }
    }
    Ok(out)
}

/// Parts into which the training sentences are cut for jackknifed tagging.
const JACKKNIFE_FOLDS: usize = 4;

/// Gold trees whose tags come from taggers that did not see them: each fold is tagged
/// by a tagger trained on the other folds, so the parser trains on realistic tags.
fn jackknifed_trees(paths: &[PathBuf]) -> anyhow::Result<Vec<TrainingTree>> {
    let sentences = tagger_sentences(paths)?;
    let mut trees = parser_trees(paths, None)?;
    let folds: Vec<Vec<usize>> =
        (0..JACKKNIFE_FOLDS).map(|k| (0..sentences.len()).filter(|i| i % JACKKNIFE_FOLDS == k).collect()).collect();
    let tagged: Vec<Vec<(usize, Vec<(String, String)>)>> = folds
        .par_iter()
        .enumerate()
        .map(|(k, fold)| {
            eprintln!("jackknife: tagging fold {} of {JACKKNIFE_FOLDS}", k + 1);
            let rest: Vec<TrainingSentence> =
                (0..sentences.len()).filter(|i| i % JACKKNIFE_FOLDS != k).map(|i| sentences[i].clone()).collect();
            let tagger = Tagger::train(&rest, crate::train::TAGGER_EPOCHS);
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

/// Passes the shipped tagger is trained for.
pub const TAGGER_EPOCHS: usize = 10;

/// The gold sentences of treebanks, for training taggers.
pub fn tagger_sentences(paths: &[PathBuf]) -> anyhow::Result<Vec<TrainingSentence>> {
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

pub fn run(model: Model) -> anyhow::Result<ExitCode> {
    match model {
        Model::Segmenter { train, dev, epochs, out } => {
            let mut examples: Vec<(String, Vec<Token>, Vec<bool>)> = Vec::new();
            for path in &train {
                let treebank = attache_conllu::read_file(path)?;
                for gold in treebank.running_text()? {
                    let (tokens, _) = Tokenizer.tokenize(&gold.text);
                    let ends: HashSet<usize> = gold.sentences.iter().map(|s| s.1).collect();
                    let labels = tokens.iter().map(|t| ends.contains(&t.span.end)).collect();
                    examples.push((gold.text, tokens, labels));
                }
            }
            let boundaries: usize = examples.iter().map(|e| e.2.iter().filter(|&&b| b).count()).sum();
            eprintln!(
                "training the sentence splitter on {} documents, {boundaries} sentence ends, {epochs} epochs",
                examples.len()
            );
            let views: Vec<(&str, &[Token], &[bool])> = examples
                .iter()
                .map(|(text, tokens, labels)| (text.as_str(), tokens.as_slice(), labels.as_slice()))
                .collect();
            let splitter = SentenceSplitter::train(&views, epochs);
            splitter.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            if let Some(dev) = dev {
                let saved = SentenceSplitter::from_bytes(&std::fs::read(&out)?)?;
                let scores = crate::evaluate::segment_file(&dev, 0, &crate::segmentation_with(saved))?;
                eprintln!(
                    "{}: sentence F1 {:.2}, token F1 {:.2}",
                    dev.display(),
                    scores.sentences.f1(),
                    scores.tokens.f1()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Model::Parser { train, dev, epochs, gold_tags, prune, out } => {
            let trees = if gold_tags { parser_trees(&train, None)? } else { jackknifed_trees(&train)? };
            let words: usize = trees.iter().map(|t| t.words.len()).sum();
            eprintln!("training the parser on {} sentences, {words} words, {epochs} epochs", trees.len());
            let started = std::time::Instant::now();
            let parser = Parser::train(&trees, epochs, prune);
            parser.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = Parser::from_bytes(&std::fs::read(&out)?)?;
                let scores = crate::evaluate::parser_scores(&dev, Some(&crate::builtin_tagger()), &saved)?;
                eprintln!("{}: {scores}", dev.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Model::Ner { corpora: crate::evaluate::NerCorpora { conll, gum }, dev, epochs, out } => {
            anyhow::ensure!(!conll.is_empty() || !gum.is_empty(), "give training data with --conll and/or --gum");
            let tagger = crate::builtin_tagger();
            let documents = crate::evaluate::ner_documents(&conll, &gum, &tagger)?;
            let sentences: usize = documents.iter().map(|d| d.sentences.len()).sum();
            eprintln!(
                "training the recogniser on {} documents, {sentences} sentences, {epochs} epochs",
                documents.len()
            );
            let started = std::time::Instant::now();
            let recognizer = EntityRecognizer::train(&documents, epochs);
            recognizer.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = EntityRecognizer::from_bytes(&std::fs::read(&out)?)?;
                let documents = crate::evaluate::ner_documents(std::slice::from_ref(&dev), &[], &tagger)?;
                eprintln!("{}: {}", dev.display(), crate::evaluate::ner_scores(&documents, &saved));
            }
            Ok(ExitCode::SUCCESS)
        }
        Model::Tagger { train, dev, epochs, out } => {
            let sentences = tagger_sentences(&train)?;
            let words: usize = sentences.iter().map(|s| s.words.len()).sum();
            eprintln!("training the tagger on {} sentences, {words} words, {epochs} epochs", sentences.len());
            let started = std::time::Instant::now();
            let tagger = Tagger::train(&sentences, epochs);
            tagger.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = Tagger::from_bytes(&std::fs::read(&out)?)?;
                let scores = crate::evaluate::tagger_scores(&dev, &saved)?;
                eprintln!("{}: {scores}", dev.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
