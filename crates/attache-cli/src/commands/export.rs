//! `attache export`: every stored event as JSON Lines, CSV, GDELT rows or Parquet.

use anyhow::Context;
use attache::formats::{parquet, stored};
use attache::store::{EventFilter, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The store written by `attache ingest`.
    #[arg(long, default_value = "attache.db")]
    db: PathBuf,
    /// JSON Lines (events with their accounts), CSV, GDELT 2.0 event rows, or Parquet.
    #[arg(long, value_enum)]
    format: Format,
    /// Write to this file instead of standard output (Parquet needs one).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    Gdelt,
    Parquet,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let events = store.events(&EventFilter::default())?;
    let format = match args.format {
        Format::Jsonl => stored::Format::Json,
        Format::Csv => stored::Format::Csv,
        Format::Gdelt => stored::Format::Gdelt,
        Format::Parquet => {
            let path = args
                .output
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("Parquet is binary: give a file with -o FILE.parquet"))?;
            let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            parquet::write(file, &events)?;
            eprintln!("attache: exported {} events to {}", events.len(), path.display());
            return Ok(ExitCode::SUCCESS);
        }
    };
    let mut out = super::output(args.output.as_deref())?;
    stored::write_events(&mut out, &events, format, false)?;
    out.flush()?;
    eprintln!("attache: exported {} events", events.len());
    Ok(ExitCode::SUCCESS)
}
