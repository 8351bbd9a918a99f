//! `attache analyze`: analyses articles on all cores as a stream (the library's
//! `Pipeline::analyze_items`) and writes them in input order, each as soon as it and those
//! before it are done: `attache analyze -` is a filter of JSON Lines in constant memory.

use super::Dictionaries;
use attache::formats::{write_document, DocumentFormat};
use attache::Item;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The most documents read ahead of the output: enough that a slow one does not idle the
/// other cores, few enough that memory stays small.
const IN_FLIGHT: usize = 256;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, or - for standard input. Text files are single articles
    /// (optionally with a ` date YYYY-MM-DD By AUTHORS, OUTLET` header line);
    /// .jsonl files hold one {"id","text","date","title","source"} object per line.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format: JSON Lines, CoNLL-U, GDELT 2.0 event rows, or a human-readable report.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Shorthand for `--format pretty`.
    #[arg(long)]
    pretty: bool,
    /// Include tokens (and multiword tokens) in the output.
    #[arg(long)]
    tokens: bool,
    /// In the report, show the rule or model decision behind each fact (JSON always has it).
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    reading: super::Reading,
    #[command(flatten)]
    dictionaries: Dictionaries,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per document (docs/schema.md).
    Json,
    /// CoNLL-U, the Universal Dependencies format, for parsers' users.
    Conllu,
    /// A report for people.
    Pretty,
    /// GDELT 2.0 event-table rows, tab-separated, one per event (docs/schema.md).
    Gdelt,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = match if args.pretty { Format::Pretty } else { args.format } {
        Format::Json => DocumentFormat::Json { tokens: args.tokens },
        Format::Conllu => DocumentFormat::Conllu,
        Format::Pretty => DocumentFormat::Report { tokens: args.tokens, explain: args.explain },
        Format::Gdelt => DocumentFormat::Gdelt,
    };
    let pipeline = args.dictionaries.pipeline()?;
    let mut out = super::output(args.output.as_deref())?;
    let single_article = args.inputs.len() == 1 && {
        let path = std::path::Path::new(&args.inputs[0]);
        path.is_file() && !matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson" | "json"))
    };
    let progress = if std::io::stderr().is_terminal() && !single_article {
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {elapsed}").unwrap());
        bar
    } else {
        ProgressBar::hidden()
    };
    let (mut documents, mut problems) = (0usize, 0usize);
    pipeline.analyze_items(args.reading.read(&args.inputs), IN_FLIGHT, |item| -> anyhow::Result<()> {
        match item {
            Item::Document(doc) => {
                write_document(&mut out, &doc, format)?;
                documents += 1;
                progress.inc(1);
            }
            Item::Problem(problem) => {
                problems += 1;
                progress.suspend(|| eprintln!("attache: {problem}"));
            }
        }
        Ok(())
    })?;
    out.flush()?;
    progress.finish_and_clear();
    if documents == 0 {
        eprintln!(
            "attache: no document could be analysed ({problems} problem{} reported)",
            if problems == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::FAILURE);
    }
    if problems > 0 {
        eprintln!("attache: analysed {documents} documents; {problems} problems reported above");
    }
    Ok(ExitCode::SUCCESS)
}
