//! `attache ingest`: analyses an archive in parallel and stores it, batch by batch.

use super::Dictionaries;
use anyhow::Context;
use attache::store::{content_hash, BatchOutcome, Known, Store};
use attache::{read_inputs, Document, Item};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
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
    dictionaries: Dictionaries,
}

/// What an ingest did, as it reports it at the end.
#[derive(Default)]
struct Tally {
    stored: usize,
    reports: usize,
    already: usize,
    problems: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = args.dictionaries.pipeline()?;
    let mut writer = Store::open(&args.db)?;
    let reader = Store::open_read_only(&args.db)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start the analysis threads")?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents stored ({per_sec}) {elapsed} {msg}").unwrap(),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut tally = Tally::default();
    let report = |tally: &mut Tally, message: String| {
        tally.problems += 1;
        if tally.problems <= 100 || args.all_problems {
            progress.suspend(|| eprintln!("attache: {message}"));
        }
    };
    // Analysis of one batch overlaps the storing of the one before it.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Box<Document>>>(1);
    let progress_for_writer = progress.clone();
    let storing = std::thread::spawn(move || -> anyhow::Result<BatchOutcome> {
        let mut total = BatchOutcome::default();
        for batch in receive {
            let docs: Vec<&Document> = batch.iter().map(|d| d.as_ref()).collect();
            let outcome = writer.write_batch(&docs)?;
            progress_for_writer.inc(outcome.stored as u64);
            total.stored += outcome.stored;
            total.reports += outcome.reports;
            total.skipped.extend(outcome.skipped);
        }
        writer.checkpoint()?;
        Ok(total)
    });
    let mut seen: HashSet<String> = HashSet::new();
    let mut items = read_inputs(&args.inputs).peekable();
    while items.peek().is_some() {
        let mut batch: Vec<Box<Document>> = Vec::with_capacity(args.batch as usize);
        for item in items.by_ref() {
            match item {
                Item::Problem(problem) => report(&mut tally, problem.to_string()),
                Item::Document(mut doc) => {
                    let hash = content_hash(&doc.text);
                    // An article piped in has no name of its own: its text names it.
                    if doc.meta.origin.path == "-" && doc.meta.origin.line.is_none() {
                        doc.id = format!("stdin-{}", &hash[..16]);
                    }
                    // Stored before, or met earlier in this run: nothing to do.
                    match reader.known(&doc.id, &hash)? {
                        Known::Stored => tally.already += 1,
                        Known::IdClash => report(
                            &mut tally,
                            format!("{}: document id {:?} is already stored with a different text; skipped (give it a new id to store both)", doc.meta.origin, doc.id),
                        ),
                        Known::New if !seen.insert(doc.id.clone()) || !seen.insert(hash) => tally.already += 1,
                        Known::New => batch.push(doc),
                    }
                }
            }
            if batch.len() == args.batch as usize {
                break;
            }
        }
        pool.install(|| batch.par_iter_mut().for_each(|doc| pipeline.process(doc)));
        if send.send(batch).is_err() {
            break; // the writer stopped; its error is reported below
        }
    }
    drop(send);
    let written = storing.join().map_err(|_| anyhow::anyhow!("the storing thread panicked"))??;
    progress.finish_and_clear();
    tally.stored = written.stored;
    tally.reports = written.reports;
    tally.already += written.skipped.len();
    let stats = reader.stats()?;
    let memory = peak_memory_mb().map(|mb| format!(" Peak memory {mb:.0} MB.")).unwrap_or_default();
    eprintln!(
        "attache: stored {} new document{} ({} event report{}) in {}; {} already stored; {} problem{}. The store holds {} documents, {} events ({} conflicting).{memory}",
        tally.stored,
        if tally.stored == 1 { "" } else { "s" },
        tally.reports,
        if tally.reports == 1 { "" } else { "s" },
        args.db.display(),
        tally.already,
        tally.problems,
        if tally.problems == 1 { "" } else { "s" },
        stats.documents,
        stats.events,
        stats.conflicting
    );
    Ok(if tally.stored == 0 && tally.already == 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The most memory this process has held (Linux: VmHWM), in megabytes.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kilobytes: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kilobytes / 1024.0)
}
