//! `attache bench-stream`: `attache analyze -` as a filter, JSON Lines in and out, on one
//! thread and on all cores, over a corpus repeated 10 and 100 times: the speed-up of all
//! cores, and whether peak memory stays flat as the input grows.

use super::bench_ingest::{read_corpus, synthesise};
use anyhow::Context;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// A JSON Lines corpus with "id" and "text" fields.
    #[arg(long, default_value = "../shared/corpora/gum_news.jsonl")]
    corpus: PathBuf,
    /// How many times the corpus is repeated, for each run.
    #[arg(long, value_delimiter = ',', default_value = "10,100")]
    copies: Vec<usize>,
}

/// What one run of the filter took.
struct Run {
    seconds: f64,
    lines: usize,
    peak_mb: Option<f64>,
}

/// The high-water mark of a process's memory (Linux: VmHWM), in megabytes.
fn peak_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs `attache analyze -` with `threads` analysis threads (all cores with None), `input`
/// on its standard input, counting its output lines and watching its memory.
fn run_filter(input: &Path, threads: Option<usize>) -> anyhow::Result<Run> {
    let mut command = Command::new(std::env::current_exe()?);
    command.args(["analyze", "-"]).stdin(std::fs::File::open(input)?).stdout(Stdio::piped()).stderr(Stdio::null());
    match threads {
        Some(n) => command.env("RAYON_NUM_THREADS", n.to_string()),
        None => command.env_remove("RAYON_NUM_THREADS"),
    };
    let started = Instant::now();
    let mut child = command.spawn().context("cannot run attache analyze")?;
    let pid = child.id();
    let stdout = child.stdout.take().expect("piped");
    // The high-water mark only grows: the last reading before the end is the peak.
    let watcher = std::thread::spawn(move || {
        let mut peak = None;
        while let Some(mb) = peak_mb(pid) {
            peak = Some(mb);
            std::thread::sleep(Duration::from_millis(20));
        }
        peak
    });
    let lines = BufReader::new(stdout).lines().map_while(Result::ok).count();
    let status = child.wait()?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(status.success(), "attache analyze - failed ({status})");
    let peak_mb = watcher.join().ok().flatten();
    Ok(Run { seconds, lines, peak_mb })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let records = read_corpus(&args.corpus)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    println!(
        "attache analyze - (JSON Lines in and out), {} documents a copy of {}, {cores} cores",
        records.len(),
        args.corpus.display()
    );
    let mut peaks = Vec::new();
    for &copies in &args.copies {
        let input = dir.path().join(format!("x{copies}.jsonl"));
        synthesise(&records, records.len() * copies, &input)?;
        let one = run_filter(&input, Some(1))?;
        let all = run_filter(&input, None)?;
        for (threads, run) in [(1, &one), (cores, &all)] {
            anyhow::ensure!(
                run.lines == records.len() * copies,
                "{} lines out for {} in",
                run.lines,
                records.len() * copies
            );
            println!(
                "x{copies:<4} documents={:<6} threads={threads} seconds={:<7.2} documents_per_sec={:<7.1} peak_memory_MB={}",
                run.lines,
                run.seconds,
                run.lines as f64 / run.seconds,
                run.peak_mb.map_or("unknown".into(), |mb| format!("{mb:.0}"))
            );
        }
        println!("x{copies:<4} speed-up of {cores} threads over 1: {:.2}x", one.seconds / all.seconds);
        peaks.push((copies, all.peak_mb));
    }
    if let [(small, Some(first)), .., (large, Some(last))] = peaks.as_slice() {
        println!("peak memory at x{large} is {:.2} times that at x{small}", last / first);
    }
    Ok(ExitCode::SUCCESS)
}
