//! `attache ingest`: stores an archive with the library's ingest loop, with a progress bar
//! and a summary.

use super::Dictionaries;
use attache::ingest::{ingest, Options};
use attache::store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, or - for standard input: text articles, JSON Lines, HTML pages
    /// and WARC archives (.warc, .warc.gz).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// The store: an SQLite database, created if it does not exist.
    #[arg(long, default_value = "attache.db")]
    db: PathBuf,
    /// Documents analysed together and stored in one transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    batch: u32,
    /// Analysis threads (all cores by default).
    #[arg(long)]
    threads: Option<usize>,
    /// Report every problem, not only the first hundred.
    #[arg(long)]
    all_problems: bool,
    #[command(flatten)]
    reading: super::Reading,
    #[command(flatten)]
    dictionaries: Dictionaries,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = args.dictionaries.pipeline()?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents stored ({per_sec}) {elapsed} {msg}").unwrap(),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let options = Options { batch: args.batch as usize, threads: args.threads };
    let mut shown = 0usize;
    let problem = |message: String| {
        shown += 1;
        if shown <= 100 || args.all_problems {
            progress.suspend(|| eprintln!("attache: {message}"));
        }
    };
    let bar = progress.clone();
    let stored = move |n: usize| bar.inc(n as u64);
    let summary = ingest(&pipeline, args.reading.read(&args.inputs), &args.db, options, problem, stored)?;
    progress.finish_and_clear();
    let stats = Store::open_read_only(&args.db)?.stats()?;
    let memory = peak_memory_mb().map(|mb| format!(" Peak memory {mb:.0} MB.")).unwrap_or_default();
    eprintln!(
        "attache: stored {} new document{} ({} event report{}) in {}; {} already stored; {} problem{}. The store holds {} documents, {} events ({} conflicting).{memory}",
        summary.stored,
        if summary.stored == 1 { "" } else { "s" },
        summary.reports,
        if summary.reports == 1 { "" } else { "s" },
        args.db.display(),
        summary.already,
        summary.problems,
        if summary.problems == 1 { "" } else { "s" },
        stats.documents,
        stats.events,
        stats.conflicting
    );
    Ok(if summary.stored == 0 && summary.already == 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The most memory this process has held (Linux: VmHWM), in megabytes.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kilobytes: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kilobytes / 1024.0)
}
