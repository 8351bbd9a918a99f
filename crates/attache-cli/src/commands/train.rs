//! `attache train`: trains a model and writes its file (the recipes are beside each model,
//! and in `attache::train` where they need several).

use super::eval::NerCorpora;
use anyhow::Context;
use attache::{assembly, Pipeline};
use attache_learn::Casing;
use attache_ner::EntityRecognizer;
use attache_parser::Parser;
use attache_tagger::Tagger;
use attache_text::SentenceSplitter;
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
        #[arg(long, default_value_os_t = attache::models::SENTENCES.path())]
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
        #[arg(long, default_value_os_t = attache::models::PARSER.path())]
        out: PathBuf,
    },
    /// The named-entity recogniser, from CoNLL-2003 and GUM's named mentions.
    Ner {
        #[command(flatten)]
        corpora: super::eval::NerCorpora,
        /// A CoNLL-2003 development file to report entity F1 on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = attache::models::NER.path())]
        out: PathBuf,
    },
    /// The word-class table the tagger, parser and recogniser share, from the clusters of
    /// pretrained word vectors (`../shared/vectors/clusters.tsv`). Train it first: the
    /// models it serves learn features of its classes.
    WordClasses {
        /// The clusters file: word, ids among 64, 256, 1,024 and 4,096 clusters, vector row.
        #[arg(long)]
        clusters: PathBuf,
        /// Where to write the table.
        #[arg(long, default_value_os_t = attache::models::WORD_CLASSES.path())]
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
        #[arg(long, default_value_t = attache_tagger::train::EPOCHS)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = attache::models::TAGGER.path())]
        out: PathBuf,
    },
}

pub fn run(model: Model) -> anyhow::Result<ExitCode> {
    match model {
        Model::Segmenter { train, dev, epochs, out } => {
            let examples = attache_text::train::examples(&train)?;
            eprintln!(
                "training the sentence splitter on {} documents, {} sentence ends, {epochs} epochs",
                examples.len(),
                attache_text::train::sentence_ends(&examples)
            );
            let splitter = attache_text::train::train(&examples, epochs);
            splitter.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            if let Some(dev) = dev {
                let saved = SentenceSplitter::from_bytes(&std::fs::read(&out)?)?;
                let scores = attache_eval::segment::segment_file(&dev, 0, &Pipeline::segmentation_with(saved))?.scores;
                eprintln!(
                    "{}: sentence F1 {:.2}, token F1 {:.2}",
                    dev.display(),
                    scores.sentences.f1(),
                    scores.tokens.f1()
                );
            }
        }
        Model::Parser { train, dev, epochs, gold_tags, prune, out } => {
            let trees = if gold_tags {
                attache_parser::train::trees(&train)?
            } else {
                attache::train::jackknifed_trees(&train, &|k| {
                    eprintln!("jackknife: tagging fold {} of {}", k + 1, attache::train::JACKKNIFE_FOLDS)
                })?
            };
            let words: usize = trees.iter().map(|t| t.words.len()).sum();
            eprintln!("training the parser on {} sentences, {words} words, {epochs} epochs", trees.len());
            let started = std::time::Instant::now();
            let parser = Parser::train(&trees, epochs, prune, assembly::word_classes());
            parser.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = Parser::from_bytes(&std::fs::read(&out)?, assembly::word_classes())?;
                let scores =
                    attache_eval::syntax::parser_scores(&dev, Some(&assembly::tagger()), &saved, Casing::AsWritten)?;
                eprintln!("{}: {scores}", dev.display());
            }
        }
        Model::Ner { corpora: NerCorpora { conll, gum }, dev, epochs, out } => {
            anyhow::ensure!(!conll.is_empty() || !gum.is_empty(), "give training data with --conll and/or --gum");
            let tagger = assembly::tagger();
            let documents = attache::train::ner_documents(&conll, &gum, &tagger, &|_| Casing::AsWritten)?;
            let caseless = attache::train::ner_documents(&conll, &gum, &tagger, &|_| Casing::Lower)?;
            let sentences: usize = documents.iter().map(|d| d.sentences.len()).sum();
            eprintln!(
                "training the recogniser on {} documents, {sentences} sentences, {epochs} epochs",
                documents.len()
            );
            let started = std::time::Instant::now();
            let recognizer = EntityRecognizer::train(&documents, &caseless, epochs);
            recognizer.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = EntityRecognizer::from_bytes(&std::fs::read(&out)?)?;
                let documents =
                    attache::train::ner_documents(std::slice::from_ref(&dev), &[], &tagger, &|_| Casing::AsWritten)?;
                eprintln!("{}: {}", dev.display(), attache_eval::entities::ner_scores(&documents, &saved));
            }
        }
        Model::WordClasses { clusters, out } => {
            let table = attache::train::word_classes(&clusters)?;
            table.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} ({} words)", out.display(), table.len());
        }
        Model::Tagger { train, dev, epochs, out } => {
            let sentences = attache_tagger::train::sentences(&train)?;
            let words: usize = sentences.iter().map(|s| s.words.len()).sum();
            eprintln!("training the tagger on {} sentences, {words} words, {epochs} epochs", sentences.len());
            let started = std::time::Instant::now();
            let tagger = Tagger::train(&sentences, epochs, assembly::word_classes());
            tagger.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
            if let Some(dev) = dev {
                let saved = Tagger::from_bytes(&std::fs::read(&out)?, assembly::word_classes())?;
                let (scores, _) = attache_eval::syntax::tagger_scores(&dev, &saved, Casing::AsWritten)?;
                eprintln!("{}: {scores}", dev.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
