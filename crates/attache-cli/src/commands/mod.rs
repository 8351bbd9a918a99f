//! One module per command: each parses its arguments, calls the library and prints.

pub mod analyze;
pub mod bench;
pub mod bench_ingest;
pub mod bench_serve;
pub mod bench_stream;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod query;
pub mod serve;
pub mod train;

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Limits on reading inputs.
#[derive(clap::Args)]
pub struct Reading {
    /// The largest document read, in bytes (a text or HTML file, a WARC page, a JSON Lines
    /// record's text, standard input); larger ones are skipped with a message.
    #[arg(long, value_name = "BYTES", default_value_t = attache::DEFAULT_MAX_DOCUMENT_BYTES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1 << 32))]
    pub max_document_bytes: usize,
}

impl Reading {
    /// The documents of `inputs`, read within these limits.
    pub fn read(&self, inputs: &[String]) -> impl Iterator<Item = attache::Item> {
        attache::read_inputs_with(inputs, attache::ReadOptions { max_document_bytes: self.max_document_bytes })
    }
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
    /// The pipeline with these dictionaries; skipped lines are reported on standard error.
    pub fn pipeline(self) -> anyhow::Result<attache::Pipeline> {
        let Dictionaries { actors, agents, verbs, discards, only_user_verbs } = self;
        let config = attache::Config { actors, agents, verbs, discards, only_user_verbs };
        Ok(attache::Pipeline::with_config(&config, warn_skipped)?)
    }
}

/// Reports the first few lines a dictionary skipped, and how many more there are.
pub fn warn_skipped(_: &Path, warnings: &[String]) {
    for warning in warnings.iter().take(5) {
        eprintln!("attache: warning: {warning}");
    }
    if warnings.len() > 5 {
        eprintln!("attache: warning: … and {} more skipped dictionary lines", warnings.len() - 5);
    }
}

/// A buffered writer to `path`, or to standard output without one.
pub fn output(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// A file's name, for score tables.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
