//! `attache query`: what the store knows, as a table for people or JSON Lines, CSV or
//! GDELT rows for programs.

use attache::formats::stored;
use attache::store::{EventFilter, Store};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The store written by `attache ingest`.
    #[arg(long, default_value = "attache.db", global = true)]
    db: PathBuf,
    /// Output: a table for people, or JSON Lines, CSV, or GDELT 2.0 event rows (events).
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    format: Format,
    #[command(subcommand)]
    question: Question,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Gdelt,
}

impl From<Format> for stored::Format {
    fn from(format: Format) -> stored::Format {
        match format {
            Format::Table => stored::Format::Table,
            Format::Json => stored::Format::Json,
            Format::Csv => stored::Format::Csv,
            Format::Gdelt => stored::Format::Gdelt,
        }
    }
}

#[derive(clap::Subcommand)]
enum Question {
    /// Deduplicated events, in date order, with who reported them.
    Events(Filter),
    /// One line per deduplicated event involving an actor (and another), in date order.
    Timeline {
        /// The actor: a name ("Blinken") or a CAMEO code ("USA", "RUSGOV").
        #[arg(long)]
        actor: String,
        /// The actor on the other side.
        #[arg(long)]
        with: Option<String>,
    },
    /// Quotations, by speaker.
    Quotes {
        /// Words of the speaker's name.
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Documents and quotations containing every word given.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Counts: documents, events by CAMEO root class and by month.
    Stats,
}

#[derive(clap::Args)]
struct Filter {
    /// An actor on either side: a name ("Lavrov") or a CAMEO code or its start ("RUS").
    #[arg(long)]
    actor: Option<String>,
    /// With --actor, the actor on the other side.
    #[arg(long, requires = "actor")]
    with: Option<String>,
    /// A CAMEO root class ("04") or code ("043").
    #[arg(long)]
    code: Option<String>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    to: Option<NaiveDate>,
    /// A place name ("Geneva") or country code ("CHE").
    #[arg(long)]
    place: Option<String>,
    /// Only events whose accounts conflict.
    #[arg(long)]
    conflicting: bool,
    #[arg(long)]
    limit: Option<usize>,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: write YYYY-MM-DD, such as 2023-03-02"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let format = args.format.into();
    match args.question {
        Question::Events(f) => {
            let filter = EventFilter {
                actor: f.actor,
                with: f.with,
                code: f.code,
                from: f.from,
                to: f.to,
                place: f.place,
                conflicting: f.conflicting,
                limit: f.limit,
                offset: 0,
            };
            stored::write_events(&mut out, &store.events(&filter)?, format, false)?;
        }
        Question::Timeline { actor, with } => {
            let filter = EventFilter { actor: Some(actor), with, ..EventFilter::default() };
            stored::write_events(&mut out, &store.events(&filter)?, format, true)?;
        }
        Question::Quotes { speaker, limit } => {
            stored::write_quotes(&mut out, &store.quotes(speaker.as_deref(), limit, 0)?, format)?
        }
        Question::Search { words, limit } => {
            stored::write_hits(&mut out, &store.search(&words.join(" "), limit)?, format)?
        }
        Question::Stats => stored::write_stats(&mut out, &store.stats()?, format)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
