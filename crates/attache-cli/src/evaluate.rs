use anyhow::Context;
use attache_conllu::GoldText;
use attache_doc::{Document, Metadata, Pipeline};
use attache_eval::{score_segmentation, system_spans, SegmentationScores};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Task {
    /// Tokenization and sentence splitting against UD gold, from raw text
    /// (CoNLL 2018 style: exact character spans of tokens, words and sentences).
    Segment {
        /// UD treebank files, e.g. ../shared/corpora/ud-ewt/en_ewt-ud-test.conllu.
        #[arg(long, required = true, num_args = 1..)]
        conllu: Vec<PathBuf>,
        /// Print up to N token and N sentence errors per file, for error analysis.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Use this sentence model instead of the built-in one.
        #[arg(long)]
        segmenter: Option<PathBuf>,
    },
}

pub fn run(task: Task) -> anyhow::Result<ExitCode> {
    match task {
        Task::Segment { conllu, errors, json, segmenter } => {
            let pipeline = match segmenter {
                Some(path) => {
                    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                    crate::pipeline_with(attache_text::SentenceSplitter::from_bytes(&bytes)?)
                }
                None => crate::pipeline(),
            };
            if !json {
                println!("{:<28} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}", "file", "tok P", "tok R", "tok F1", "word F1", "sent P", "sent R");
            }
            for path in &conllu {
                let scores = segment_file(path, errors, &pipeline)?;
                let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                if json {
                    println!("{}", serde_json::json!({ "file": name, "scores": scores,
                        "token_f1": scores.tokens.f1(), "word_f1": scores.words.f1(), "sentence_f1": scores.sentences.f1() }));
                } else {
                    let t = scores.tokens;
                    let s = scores.sentences;
                    println!(
                        "{:<28} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}   sentence F1 {:.2}",
                        name, t.precision(), t.recall(), t.f1(), scores.words.f1(), s.precision(), s.recall(), s.f1()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Segments each document of a treebank from its raw text and scores it.
pub fn segment_file(path: &Path, errors: usize, pipeline: &Pipeline) -> anyhow::Result<SegmentationScores> {
    let treebank = attache_conllu::read_file(path)?;
    let golds = treebank.running_text().with_context(|| format!("rebuilding the text of {}", path.display()))?;
    let mut total = SegmentationScores::default();
    let (mut token_errors, mut sentence_errors) = (0, 0);
    for gold in &golds {
        let mut doc = Document::new("gold", gold.text.clone(), Metadata::default());
        pipeline.process(&mut doc);
        let system = system_spans(&doc);
        total += score_segmentation(gold, &system);
        if token_errors < errors {
            token_errors += print_differences("token", gold, &gold.tokens, &system.tokens, errors - token_errors);
        }
        if sentence_errors < errors {
            sentence_errors +=
                print_differences("sentence", gold, &gold.sentences, &system.sentences, errors - sentence_errors);
        }
    }
    Ok(total)
}

/// Prints gold spans the system missed, with the system's spans around them.
fn print_differences(
    what: &str,
    gold: &GoldText,
    gold_spans: &[(usize, usize)],
    system_spans: &[(usize, usize)],
    limit: usize,
) -> usize {
    let system: std::collections::HashSet<_> = system_spans.iter().collect();
    let mut printed = 0;
    for span in gold_spans.iter().filter(|s| !system.contains(s)).take(limit) {
        let found: Vec<&str> = system_spans
            .iter()
            .filter(|s| s.0 < span.1 && s.1 > span.0)
            .map(|s| &gold.text[s.0..s.1])
            .collect();
        eprintln!("{what} missed: {:?}\n    system: {:?}", &gold.text[span.0..span.1], found);
        printed += 1;
    }
    printed
}
