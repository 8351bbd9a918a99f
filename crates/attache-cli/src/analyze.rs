use crate::output::{document_json, pretty};
use anyhow::Context;
use attache_ingest::{read_inputs, Item};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Documents analysed in parallel before their output is written, in input order.
const BATCH: usize = 256;

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
    /// Output format: JSON Lines, CoNLL-U, or a human-readable report.
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
    /// A PETRARCH-format actor dictionary to code people and organisations by name (roles
    /// dated against the article date); consulted before the built-in one. Repeatable.
    #[arg(long, value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// A PETRARCH-format agent dictionary of role nouns and titles ("FOREIGN_MINISTER
    /// [~GOV]"); consulted before the built-in one. Repeatable.
    #[arg(long, value_name = "FILE")]
    agents: Vec<PathBuf>,
}

/// The built-in actor coder with the user's dictionaries; their skipped lines are reported.
pub fn actor_coder(actors: &[PathBuf], agents: &[PathBuf]) -> anyhow::Result<attache_actors::ActorCoder> {
    use attache_actors::dictionary::{ActorDictionary, AgentDictionary};
    let mut coder = attache_actors::ActorCoder::builtin();
    let report = |warnings: &[String]| {
        for warning in warnings.iter().take(5) {
            eprintln!("attache: warning: {warning}");
        }
        if warnings.len() > 5 {
            eprintln!("attache: warning: … and {} more skipped dictionary lines", warnings.len() - 5);
        }
    };
    for path in actors {
        let dictionary = ActorDictionary::load(path)?;
        report(&dictionary.warnings);
        coder = coder.with_actors(dictionary);
    }
    for path in agents {
        let dictionary = AgentDictionary::load(path)?;
        report(&dictionary.warnings);
        coder = coder.with_agents(dictionary);
    }
    Ok(coder)
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per document (docs/schema.md).
    Json,
    /// CoNLL-U, the Universal Dependencies format, for parsers' users.
    Conllu,
    /// A report for people.
    Pretty,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = if args.pretty { Format::Pretty } else { args.format };
    let pipeline =
        crate::pipeline_with(attache_text::SentenceSplitter::builtin(), actor_coder(&args.actors, &args.agents)?);
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
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
    let mut items = read_inputs(&args.inputs).peekable();
    while items.peek().is_some() {
        let mut batch = Vec::with_capacity(BATCH);
        for item in items.by_ref() {
            match item {
                Item::Document(doc) => batch.push(doc),
                Item::Problem(problem) => {
                    problems += 1;
                    progress.suspend(|| eprintln!("attache: {problem}"));
                }
            }
            if batch.len() == BATCH {
                break;
            }
        }
        batch.par_iter_mut().for_each(|doc| pipeline.process(doc));
        for doc in &batch {
            match format {
                Format::Pretty => writeln!(out, "{}", pretty(doc, args.tokens, args.explain))?,
                Format::Json => {
                    serde_json::to_writer(&mut out, &document_json(doc, args.tokens))?;
                    out.write_all(b"\n")?;
                }
                Format::Conllu => {
                    let mut text = String::new();
                    attache_conllu::write_document(doc, &mut text);
                    out.write_all(text.as_bytes())?;
                }
            }
        }
        documents += batch.len();
        progress.inc(batch.len() as u64);
    }
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
