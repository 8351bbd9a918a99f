use anyhow::Context;
use attache_doc::Token;
use attache_tagger::{Tagger, TrainingSentence};
use attache_text::{SentenceSplitter, Tokenizer};
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
    /// The part-of-speech tagger and lemmatizer, from UD treebanks.
    Tagger {
        /// Training treebanks (.conllu).
        #[arg(long, required = true, num_args = 1..)]
        train: Vec<PathBuf>,
        /// A development treebank to report accuracy on after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 10)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value_os_t = crate::default_model_path("tagger.bin"))]
        out: PathBuf,
    },
}

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
            eprintln!("training the sentence splitter on {} documents, {boundaries} sentence ends, {epochs} epochs", examples.len());
            let views: Vec<(&str, &[Token], &[bool])> =
                examples.iter().map(|(text, tokens, labels)| (text.as_str(), tokens.as_slice(), labels.as_slice())).collect();
            let splitter = SentenceSplitter::train(&views, epochs);
            splitter.save(&out).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            if let Some(dev) = dev {
                let saved = SentenceSplitter::from_bytes(&std::fs::read(&out)?)?;
                let scores = crate::evaluate::segment_file(&dev, 0, &crate::pipeline_with(saved))?;
                eprintln!("{}: sentence F1 {:.2}, token F1 {:.2}", dev.display(), scores.sentences.f1(), scores.tokens.f1());
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
