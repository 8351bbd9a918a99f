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
    dictionaries: Dictionaries,
}

/// The user's PETRARCH-format dictionaries, added before Attaché's built-in ones.
#[derive(clap::Args, Default)]
pub struct Dictionaries {
    /// A PETRARCH-format actor dictionary to code people and organisations by name (roles
    /// dated against the article date); consulted before the built-in one. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// A PETRARCH-format agent dictionary of role nouns and titles ("FOREIGN_MINISTER
    /// [~GOV]"); consulted before the built-in one. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// A PETRARCH-format verb dictionary (synsets, verb blocks, patterns, codes); its
    /// verbs are tried before Attaché's built-in lexicon. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// A PETRARCH discard list: sentences (or, with '+', stories) holding one of its phrases
    /// are not coded. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub discards: Vec<PathBuf>,
    /// Code events with the --verbs dictionaries only, not Attaché's built-in lexicon.
    #[arg(long, requires = "verbs")]
    pub only_user_verbs: bool,
}

impl Dictionaries {
    /// The built-in actor and event coders with the user's dictionaries; skipped lines are
    /// reported on standard error.
    pub fn coders(&self) -> anyhow::Result<(attache_actors::ActorCoder, attache_events::EventCoder)> {
        use attache_actors::dictionary::{ActorDictionary, AgentDictionary};
        use attache_events::{discards::Discards, lexicon::VerbLexicon};
        let mut actors = attache_actors::ActorCoder::builtin();
        let report = |warnings: &[String]| {
            for warning in warnings.iter().take(5) {
                eprintln!("attache: warning: {warning}");
            }
            if warnings.len() > 5 {
                eprintln!("attache: warning: … and {} more skipped dictionary lines", warnings.len() - 5);
            }
        };
        for path in &self.actors {
            let dictionary = ActorDictionary::load(path)?;
            report(&dictionary.warnings);
            actors = actors.with_actors(dictionary);
        }
        for path in &self.agents {
            let dictionary = AgentDictionary::load(path)?;
            report(&dictionary.warnings);
            actors = actors.with_agents(dictionary);
        }
        let mut events = attache_events::EventCoder::builtin();
        for path in &self.verbs {
            let lexicon = VerbLexicon::load(path)?;
            report(&lexicon.warnings);
            events = events.with_verbs(lexicon);
        }
        if self.only_user_verbs {
            events = events.without_builtin_verbs();
            actors = actors.without_sentence_countries();
        }
        for path in &self.discards {
            events = events.with_discards(Discards::load(path)?);
        }
        Ok((actors, events))
    }
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
    let format = if args.pretty { Format::Pretty } else { args.format };
    let (actors, events) = args.dictionaries.coders()?;
    let pipeline = crate::pipeline_with(attache_text::SentenceSplitter::builtin(), actors, events);
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
                Format::Gdelt => {
                    // GDELT lists what happened: denied events are left out.
                    for index in (0..doc.events.len()).filter(|&i| !doc.events[i].negated) {
                        writeln!(
                            out,
                            "{}",
                            attache_events::gdelt::row(doc, index, attache_events::gdelt::Reports::ONE)
                        )?;
                    }
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
