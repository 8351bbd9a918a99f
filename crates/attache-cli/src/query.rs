//! `attache query` and `attache export`: what the store knows, as a table for people or
//! JSON Lines, CSV or GDELT rows for programs.

use anyhow::Context;
use attache_events::gdelt::{day_of, place_type, GdeltEvent, GdeltPlace, Reports};
use attache_store::{EventFilter, EventRow, Store};
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
    let format = args.format;
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
            };
            write_events(&mut out, &store.events(&filter)?, format, false)?;
        }
        Question::Timeline { actor, with } => {
            let filter = EventFilter { actor: Some(actor), with, ..EventFilter::default() };
            write_events(&mut out, &store.events(&filter)?, format, true)?;
        }
        Question::Quotes { speaker, limit } => {
            let quotes = store.quotes(speaker.as_deref(), limit)?;
            match format {
                Format::Table => {
                    for q in &quotes {
                        let speaker = q.speaker.as_deref().unwrap_or("(unknown)");
                        writeln!(
                            out,
                            "{} {} {:<24} “{}”  [{} {}–{}]",
                            q.article_date.as_deref().unwrap_or("----------"),
                            q.outlet.as_deref().unwrap_or("-"),
                            speaker,
                            q.text,
                            q.document,
                            q.start,
                            q.end
                        )?;
                    }
                }
                Format::Json => json_lines(&mut out, &quotes)?,
                Format::Csv => csv_rows(&mut out, &quotes)?,
                Format::Gdelt => anyhow::bail!("--format gdelt is for events; quotations are table, json or csv"),
            }
        }
        Question::Search { words, limit } => {
            let hits = store.search(&words.join(" "), limit)?;
            match format {
                Format::Table => {
                    for h in &hits {
                        let who = h.speaker.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
                        writeln!(
                            out,
                            "{:<8} {} {}{who}: {}",
                            h.kind,
                            h.document,
                            h.outlet.as_deref().unwrap_or("-"),
                            h.snippet.replace('\n', " ")
                        )?;
                    }
                }
                Format::Json => json_lines(&mut out, &hits)?,
                Format::Csv => csv_rows(&mut out, &hits)?,
                Format::Gdelt => anyhow::bail!("--format gdelt is for events; search results are table, json or csv"),
            }
        }
        Question::Stats => {
            let stats = store.stats()?;
            match format {
                Format::Json => {
                    serde_json::to_writer(&mut out, &stats)?;
                    writeln!(out)?;
                }
                Format::Table => {
                    writeln!(
                        out,
                        "{} documents, {} quotations, {} event reports → {} events ({} conflicting)",
                        stats.documents, stats.quotes, stats.reports, stats.events, stats.conflicting
                    )?;
                    writeln!(out, "\nroot  events  reports  class")?;
                    for (root, description, events, reports) in &stats.by_root {
                        writeln!(out, "{root:<4} {events:>7} {reports:>8}  {description}")?;
                    }
                    writeln!(out, "\nmonth    events  reports")?;
                    for (month, events, reports) in &stats.by_month {
                        writeln!(out, "{month:<8} {events:>6} {reports:>8}")?;
                    }
                }
                Format::Csv => {
                    let mut writer = csv::Writer::from_writer(&mut out);
                    writer.write_record(["group", "key", "events", "reports"])?;
                    for (root, _, events, reports) in &stats.by_root {
                        writer.write_record(["root", root, &events.to_string(), &reports.to_string()])?;
                    }
                    for (month, events, reports) in &stats.by_month {
                        writer.write_record(["month", month, &events.to_string(), &reports.to_string()])?;
                    }
                    writer.flush()?;
                }
                Format::Gdelt => anyhow::bail!("--format gdelt is for events; stats are table, json or csv"),
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The store written by `attache ingest`.
    #[arg(long, default_value = "attache.db")]
    db: PathBuf,
    /// JSON Lines (events with their accounts), CSV, GDELT 2.0 event rows, or Parquet.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of standard output (Parquet needs one).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Gdelt,
    Parquet,
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let events = store.events(&EventFilter::default())?;
    if args.format == ExportFormat::Parquet {
        let path = args
            .output
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("Parquet is binary: give a file with -o FILE.parquet"))?;
        let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        crate::parquet_export::write(file, &events, outlets)?;
        eprintln!("attache: exported {} events to {}", events.len(), path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let format = match args.format {
        ExportFormat::Jsonl => Format::Json,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Gdelt => Format::Gdelt,
        ExportFormat::Parquet => unreachable!("written above"),
    };
    write_events(&mut out, &events, format, false)?;
    out.flush()?;
    eprintln!("attache: exported {} events", events.len());
    Ok(ExitCode::SUCCESS)
}

/// The events in a format; `one_line` keeps a table to one line per event (a timeline).
fn write_events(out: &mut dyn Write, events: &[EventRow], format: Format, one_line: bool) -> anyhow::Result<()> {
    match format {
        Format::Table => {
            for event in events {
                writeln!(out, "{}", table_line(event))?;
                if event.conflict && !one_line {
                    for account in &event.accounts {
                        let speaker = account.speaker.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
                        writeln!(
                            out,
                            "      {} ({}{speaker}): “{}” [{} {}–{}]",
                            account.stance,
                            account.outlet.as_deref().unwrap_or(&account.document),
                            account.evidence,
                            account.document,
                            account.evidence_start,
                            account.evidence_end
                        )?;
                    }
                }
            }
        }
        Format::Json => json_lines(out, events)?,
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "id",
                "date",
                "cameo",
                "description",
                "source_code",
                "source_name",
                "target_code",
                "target_name",
                "place",
                "country",
                "latitude",
                "longitude",
                "goldstein",
                "quad_class",
                "plover",
                "mentions",
                "num_sources",
                "num_articles",
                "conflict",
                "outlets",
            ])?;
            for e in events {
                let side = |s: &Option<attache_store::Side>| {
                    (
                        s.as_ref().and_then(|s| s.code.clone()).unwrap_or_default(),
                        s.as_ref().and_then(|s| s.name.clone()).unwrap_or_default(),
                    )
                };
                let (source_code, source_name) = side(&e.source);
                let (target_code, target_name) = side(&e.target);
                let coordinates = e.place.as_ref().and_then(|p| p.coordinates);
                let optional = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
                writer.write_record([
                    e.id.to_string(),
                    e.date.clone().unwrap_or_default(),
                    e.cameo.clone(),
                    e.description.clone(),
                    source_code,
                    source_name,
                    target_code,
                    target_name,
                    e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                    e.place.as_ref().and_then(|p| p.country.clone()).unwrap_or_default(),
                    optional(coordinates.map(|c| c.0)),
                    optional(coordinates.map(|c| c.1)),
                    optional(e.goldstein),
                    e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                    e.plover.clone().unwrap_or_default(),
                    e.mentions.to_string(),
                    e.num_sources.to_string(),
                    e.num_articles.to_string(),
                    u8::from(e.conflict).to_string(),
                    outlets(e).join("; "),
                ])?;
            }
            writer.flush()?;
        }
        Format::Gdelt => {
            for e in events.iter().filter(|e| e.accounts.iter().any(|a| a.stance != "denies")) {
                writeln!(out, "{}", gdelt_event(e).row())?;
            }
        }
    }
    Ok(())
}

/// "2023-03-02  040 Consult  USAGOV Antony Blinken → RUSGOV Sergey Lavrov  in New Delhi (IND)  3 reports, 2 articles, 2 sources: CNN, TASS  CONFLICTING: denied by …"
fn table_line(e: &EventRow) -> String {
    let side = |s: &Option<attache_store::Side>| match s {
        Some(s) => [s.code.as_deref(), s.name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
        None => "—".into(),
    };
    let place = e
        .place
        .as_ref()
        .map(|p| format!("  in {}{}", p.name, p.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()))
        .unwrap_or_default();
    let mut line = format!(
        "{:<10}  {} {}  {} → {}{place}  {} report{}, {} article{}, {} source{}: {}",
        e.date.as_deref().unwrap_or("undated"),
        e.cameo,
        e.description,
        side(&e.source),
        side(&e.target),
        e.mentions,
        if e.mentions == 1 { "" } else { "s" },
        e.num_articles,
        if e.num_articles == 1 { "" } else { "s" },
        e.num_sources,
        if e.num_sources == 1 { "" } else { "s" },
        outlets(e).join(", ")
    );
    if e.accounts.iter().all(|a| a.stance == "denies") {
        line += "  DENIED";
    } else if e.conflict {
        let denials: Vec<String> = e
            .accounts
            .iter()
            .filter(|a| a.stance == "denies")
            .map(|a| {
                format!(
                    "{} ({})",
                    a.speaker.as_deref().unwrap_or("unattributed"),
                    a.outlet.as_deref().unwrap_or(&a.document)
                )
            })
            .collect();
        line += &if denials.is_empty() {
            "  CONFLICTING: characterised differently".to_string()
        } else {
            format!("  CONFLICTING: denied by {}", denials.join(", "))
        };
    }
    line
}

/// The outlets that reported an event, each once, in order of first report.
fn outlets(e: &EventRow) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for a in &e.accounts {
        let name = a.outlet.clone().unwrap_or_else(|| a.document.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// A deduplicated event as a GDELT row: its counts are the clustered ones.
fn gdelt_event(e: &EventRow) -> GdeltEvent {
    let first = e.accounts.first();
    let added = e
        .accounts
        .iter()
        .filter_map(|a| a.article_date.as_deref())
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .min();
    let side = |s: &Option<attache_store::Side>| {
        s.as_ref().map(|s| (s.code.clone().unwrap_or_default(), s.name.clone().unwrap_or_default()))
    };
    GdeltEvent {
        id: e.id as u64,
        day: e.date.as_deref().and_then(day_of).unwrap_or((0, 0, 0)),
        actors: [side(&e.source), side(&e.target)],
        root_event: e.accounts.iter().any(|a| a.sentence == 0),
        cameo: e.cameo.clone(),
        quad_class: e.quad_class.map(|q| q as u8),
        goldstein: e.goldstein.map(|g| g as f32),
        reports: Reports {
            mentions: e.mentions as usize,
            sources: e.num_sources as usize,
            articles: e.num_articles as usize,
        },
        place: e.place.as_ref().map(|p| GdeltPlace {
            kind: place_type(if p.whole_country { "country" } else { "city" }, p.country.as_deref()),
            name: p.name.clone(),
            coordinates: p.coordinates,
        }),
        added,
        source_url: first.map(|a| a.document.clone()).unwrap_or_default(),
    }
}

fn json_lines<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> anyhow::Result<()> {
    for row in rows {
        serde_json::to_writer(&mut *out, row)?;
        writeln!(out)?;
    }
    Ok(())
}

fn csv_rows<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row)?;
    }
    writer.flush()?;
    Ok(())
}
