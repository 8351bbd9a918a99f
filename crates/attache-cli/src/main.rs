//! `attache`: turns news articles into structured, source-attributed data.

mod analyze;
mod bench;
mod bench_ingest;
mod evaluate;
mod event_evals;
mod gold_sets;
mod ingest;
mod output;
mod parquet_export;
mod query;
mod train;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Attaché reads the news and files the report: who did what to whom, when, where,
/// according to whom.
#[derive(Parser)]
#[command(
    name = "attache",
    version,
    about = "Attaché reads the news and files the report: who did what to whom, when, where, according to whom."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles and write one JSON object per document (JSON Lines).
    Analyze(analyze::Args),
    /// Score Attaché against gold data.
    Eval {
        #[command(subcommand)]
        task: evaluate::Task,
    },
    /// Train one of Attaché's models.
    Train {
        #[command(subcommand)]
        model: train::Model,
    },
    /// Analyse an archive and store it: documents, quotes and events deduplicated across articles.
    Ingest(ingest::Args),
    /// Ask the store: events, timelines, quotations, search, counts.
    Query(query::Args),
    /// Write every stored event as JSON Lines, CSV, GDELT rows or Parquet.
    Export(query::ExportArgs),
    /// Measure throughput on a JSON Lines corpus, optionally against the spaCy peer.
    Bench(bench::Args),
    /// Measure `attache ingest`: one core against two, and the size and memory of a
    /// 10,000-document store.
    BenchIngest(bench_ingest::Args),
}

/// The analysis pipeline with the built-in models and dictionaries, in stage order.
pub fn pipeline() -> attache_doc::Pipeline {
    let actors = attache_actors::ActorCoder::builtin();
    let events = attache_events::EventCoder::builtin();
    pipeline_with(attache_text::SentenceSplitter::builtin(), actors, events)
}

/// The analysis pipeline with a given sentence splitter, actor coder and event coder.
pub fn pipeline_with(
    splitter: attache_text::SentenceSplitter,
    actors: attache_actors::ActorCoder,
    events: attache_events::EventCoder,
) -> attache_doc::Pipeline {
    segmentation_with(splitter)
        .with(builtin_tagger())
        .with(builtin_parser())
        .with(builtin_recognizer())
        .with(attache_places::PlaceResolver)
        .with(actors)
        .with(attache_time::TimexTagger)
        .with(attache_quotes::QuoteFinder)
        .with(events)
}

/// Tokenizer and sentence splitter only.
pub fn segmentation_with(splitter: attache_text::SentenceSplitter) -> attache_doc::Pipeline {
    attache_doc::Pipeline::new().with(attache_text::Tokenizer).with(splitter)
}

/// The tagger shipped in `models/tagger.bin`.
pub fn builtin_tagger() -> attache_tagger::Tagger {
    attache_tagger::Tagger::from_bytes(include_bytes!("../../../models/tagger.bin"))
        .expect("the built-in tagger model is valid")
}

/// The named-entity recogniser shipped in `models/ner.bin`.
pub fn builtin_recognizer() -> attache_ner::EntityRecognizer {
    attache_ner::EntityRecognizer::from_bytes(include_bytes!("../../../models/ner.bin"))
        .expect("the built-in named-entity model is valid")
}

/// The parser shipped in `models/parser.bin`.
pub fn builtin_parser() -> attache_parser::Parser {
    attache_parser::Parser::from_bytes(include_bytes!("../../../models/parser.bin"))
        .expect("the built-in parser model is valid")
}

/// The default place of a shipped model file, relative to the repository root.
pub fn default_model_path(name: &str) -> PathBuf {
    PathBuf::from("models").join(name)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Eval { task } => evaluate::run(task),
        Command::Train { model } => train::run(model),
        Command::Bench(args) => bench::run(args),
        Command::BenchIngest(args) => bench_ingest::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => query::export(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attache: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
