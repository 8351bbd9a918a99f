//! `attache`: turns news articles into structured, source-attributed data. Each command
//! parses its arguments, calls the `attache` library and prints (`commands/`).

mod commands;

use clap::{Parser, Subcommand};
use commands::*;
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
        task: eval::Task,
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
    Export(export::Args),
    /// Serve the JSON API and the web page over a store (analyse, ingest, browse, export).
    Serve(serve::Args),
    /// Measure throughput on a JSON Lines corpus, optionally against the spaCy peer.
    Bench(bench::Args),
    /// Measure `attache ingest`: one core against two, and the size and memory of a
    /// 10,000-document store.
    BenchIngest(bench_ingest::Args),
    /// Measure `attache serve` under load: /api/events on a 10,000-document store and
    /// /api/analyze, at 1, 8 and 64 clients.
    BenchServe(bench_serve::Args),
    /// Measure `attache analyze -` as a filter: one thread against all cores, and peak
    /// memory as the input grows tenfold.
    BenchStream(bench_stream::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Eval { task } => eval::run(task),
        Command::Train { model } => train::run(model),
        Command::Bench(args) => bench::run(args),
        Command::BenchIngest(args) => bench_ingest::run(args),
        Command::BenchServe(args) => bench_serve::run(args),
        Command::BenchStream(args) => bench_stream::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attache: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
