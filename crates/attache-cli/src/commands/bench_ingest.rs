//! `attache bench-ingest`: how fast `attache ingest` stores an archive on one core and on
//! all, and what a 10,000-document store costs in disk and memory. The archive is
//! synthesised by repeating a corpus with new ids (each copy marked, so that no copy is
//! skipped as a duplicate of another).

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// A JSON Lines corpus with "id" and "text" fields.
    #[arg(long, default_value = "../shared/corpora/gum_news.jsonl")]
    corpus: PathBuf,
    /// Documents for the one-core and two-core throughput runs.
    #[arg(long, default_value_t = 460)]
    scaling_documents: usize,
    /// Documents for the size and memory run (0 to skip it).
    #[arg(long, default_value_t = 10_000)]
    documents: usize,
}

/// What one ingest run took.
struct Run {
    seconds: f64,
    documents: usize,
    database_bytes: u64,
    peak_memory: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let records = read_corpus(&args.corpus)?;
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let scaling = dir.path().join("scaling.jsonl");
    synthesise(&records, args.scaling_documents, &scaling)?;
    let one = ingest(&scaling, &dir.path().join("one.db"), Some(1))?;
    let two = ingest(&scaling, &dir.path().join("two.db"), Some(2))?;
    let rate = |r: &Run| r.documents as f64 / r.seconds;
    println!(
        "attache ingest, 1 thread: documents={} seconds={:.2} documents_per_sec={:.1}",
        one.documents,
        one.seconds,
        rate(&one)
    );
    println!(
        "attache ingest, 2 threads: documents={} seconds={:.2} documents_per_sec={:.1}",
        two.documents,
        two.seconds,
        rate(&two)
    );
    println!(
        "ingest scaling: 2 threads run {:.2}x the documents/s of 1 ({} cores here)",
        rate(&two) / rate(&one),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if args.documents > 0 {
        let archive = dir.path().join("archive.jsonl");
        synthesise(&records, args.documents, &archive)?;
        let big = ingest(&archive, &dir.path().join("archive.db"), None)?;
        println!(
            "attache ingest of {} documents: seconds={:.1} documents_per_sec={:.1} database_MB={:.1} ({:.1} KB a document) peak_memory={}",
            big.documents,
            big.seconds,
            rate(&big),
            big.database_bytes as f64 / 1e6,
            big.database_bytes as f64 / 1e3 / big.documents.max(1) as f64,
            big.peak_memory.as_deref().unwrap_or("unknown")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn read_corpus(path: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let content = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the corpus {} (is ../shared beside the repository?)", path.display()))?;
    content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).context("a corpus line is not JSON"))
        .collect()
}

/// Writes `count` documents: the corpus over and over, copy k of a record with the id
/// "ID~k" and its text closed by a line naming the copy.
pub(crate) fn synthesise(records: &[serde_json::Value], count: usize, path: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(!records.is_empty(), "the corpus is empty");
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for k in 0..count {
        let mut record = records[k % records.len()].clone();
        let copy = k / records.len();
        let id = record["id"].as_str().map_or_else(|| format!("doc{}", k % records.len()), str::to_string);
        record["id"] = format!("{id}~{copy}").into();
        let text = record["text"].as_str().context("a corpus line has no \"text\"")?;
        record["text"] = format!("{text}\n\nArchive copy {copy}.").into();
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Runs `attache ingest` as its own process (so its memory is its own) and times it.
fn ingest(input: &Path, db: &Path, threads: Option<usize>) -> anyhow::Result<Run> {
    let mut command = Command::new(std::env::current_exe()?);
    command.arg("ingest").arg(input).arg("--db").arg(db);
    if let Some(threads) = threads {
        command.arg("--threads").arg(threads.to_string());
    }
    let start = Instant::now();
    let output = command.output().context("cannot run attache ingest")?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(output.status.success(), "attache ingest failed: {stderr}");
    let documents = stderr
        .split("stored ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .context("cannot read how many documents were stored")?;
    let peak_memory = stderr.split("Peak memory ").nth(1).and_then(|s| s.split('.').next()).map(str::to_string);
    let size = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let database_bytes = size(db.to_path_buf()) + size(db.with_extension("db-wal"));
    Ok(Run { seconds, documents, database_bytes, peak_memory })
}
