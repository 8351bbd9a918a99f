//! Attaché as a library: news articles in, structured and source-attributed events out.
//!
//! Every front end (the `attache` command, and later a server or language bindings) builds
//! on this crate: [`Pipeline::builtin`] is the standard analysis with the shipped models and
//! dictionaries, [`Pipeline::with_config`] adds the user's PETRARCH dictionaries, and
//! [`analyze`] analyses one text; [`ingest::ingest`] stores an archive. [`assembly`] is
//! where the pipelines are put together;
//! [`train`] holds the training recipes that need several models. Documents come from
//! [`read_inputs`] and are written by [`formats`]; [`store`] keeps them.

pub mod assembly;
pub mod ingest;
mod stream;
pub mod train;

pub use assembly::Config;
pub use attache_doc::{Component, Document, Metadata};
pub use attache_formats as formats;
pub use attache_ingest::{
    read_body, read_inputs, read_inputs_with, BodyKind, Item, ReadOptions, DEFAULT_MAX_DOCUMENT_BYTES,
};
pub use attache_models as models;
pub use attache_store as store;

use assembly::Dictionaries;
use attache_learn::ModelError;
use attache_parser::Parser;
use attache_tagger::Tagger;
use attache_text::SentenceSplitter;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Why a pipeline, a model or training data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An actor or agent dictionary could not be read.
    #[error(transparent)]
    Dictionary(#[from] attache_actors::dictionary::DictionaryError),
    /// A verb dictionary or discard list could not be read.
    #[error(transparent)]
    Lexicon(#[from] attache_events::lexicon::LexiconError),
    /// A treebank could not be read.
    #[error(transparent)]
    Treebank(#[from] attache_conllu::ConlluError),
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A model file is not a model of the kind asked for.
    #[error("{} is not a valid model", path.display())]
    Model {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: ModelError,
    },
    /// A corpus file is not in its format.
    #[error("{0}")]
    Corpus(String),
    /// The event store refused an operation.
    #[error(transparent)]
    Store(#[from] attache_store::StoreError),
    /// Worker threads could not be started or failed.
    #[error("{0}")]
    Threads(String),
}

/// The most text a batch of documents holds: analysed documents keep their layers (about
/// seventy times their text) until they are written, so big documents make small batches.
pub const BATCH_TEXT_BYTES: usize = 8 << 20;

/// A configured analysis pipeline: its components run in order on each document.
///
/// Pipelines are shared across threads: [`Pipeline::process`] takes `&self`.
pub struct Pipeline(attache_doc::Pipeline);

impl Pipeline {
    /// The standard analysis with the shipped models and dictionaries: tokens, sentences,
    /// tags, parses, entities, places, actors, times, quotations and events.
    pub fn builtin() -> Pipeline {
        Pipeline(assembly::standard(Dictionaries::default()))
    }

    /// The standard analysis with the user's dictionaries of `config` before the built-in
    /// ones; `warn` is given each dictionary file with the lines it skipped.
    pub fn with_config(config: &Config, mut warn: impl FnMut(&Path, &[String])) -> Result<Pipeline, Error> {
        Ok(Pipeline(assembly::standard(Dictionaries::read(config, &mut warn)?)))
    }

    /// Tokenization and sentence splitting only, with the shipped sentence model.
    pub fn segmentation() -> Pipeline {
        Pipeline::segmentation_with(assembly::sentence_splitter())
    }

    /// Tokenization and sentence splitting with a given sentence model.
    pub fn segmentation_with(splitter: SentenceSplitter) -> Pipeline {
        Pipeline(assembly::segmentation(splitter))
    }

    /// Segmentation, then tagging and parsing with the given models.
    pub fn syntax(tagger: Tagger, parser: Parser) -> Pipeline {
        Pipeline(assembly::syntax(tagger, parser))
    }

    /// Runs every component on `doc`, in order.
    pub fn process(&self, doc: &mut Document) {
        self.0.process(doc);
    }

    /// Analyses `text` as the document `id` with its metadata (the date anchors relative
    /// dates).
    pub fn analyze(&self, id: &str, text: &str, metadata: Metadata) -> Document {
        let mut doc = Document::new(id, text, metadata);
        self.process(&mut doc);
        doc
    }

    /// Analyses the documents of `items` on all cores (rayon's thread count:
    /// `RAYON_NUM_THREADS`, else one per core) and gives `each` every item in input order —
    /// problems too — as soon as it and those before it are done. At most `in_flight`
    /// documents (and [`BATCH_TEXT_BYTES`] of text) are read ahead, so memory stays flat
    /// however long the input. Stops at the first error `each` returns.
    pub fn analyze_items<E>(
        &self,
        items: impl Iterator<Item = Item>,
        in_flight: usize,
        each: impl FnMut(Item) -> Result<(), E>,
    ) -> Result<(), E> {
        stream::analyze_stream(self, items, rayon::current_num_threads(), in_flight, each)
    }

    /// The names of the components, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.0.names()
    }
}

/// Analyses one text with the built-in pipeline (built on first use); the document's id
/// is empty.
pub fn analyze(text: &str, metadata: Metadata) -> Document {
    static BUILTIN: OnceLock<Pipeline> = OnceLock::new();
    BUILTIN.get_or_init(Pipeline::builtin).analyze("", text, metadata)
}

/// The content of a file, naming the file when it cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

/// The model in the file at `path`, read by `from_bytes` (e.g. [`Tagger::from_bytes`]).
pub fn read_model<T>(path: &Path, from_bytes: impl Fn(&[u8]) -> Result<T, ModelError>) -> Result<T, Error> {
    from_bytes(&read_file(path)?).map_err(|source| Error::Model { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_pipeline_codes_an_event() {
        let doc = analyze(
            "Russia's foreign minister met India's prime minister in New Delhi on Monday.",
            Metadata::default(),
        );
        assert!(!doc.sentences.is_empty() && !doc.entities.is_empty());
        assert!(!doc.events.is_empty(), "no event in {:?}", doc.events);
    }

    #[test]
    fn missing_dictionaries_are_errors_and_warnings_go_to_the_caller() {
        let config = Config { verbs: vec!["no/such/verbs.txt".into()], ..Config::default() };
        let mut warned = 0;
        let error = Pipeline::with_config(&config, |_, lines| warned += lines.len()).err().unwrap();
        assert!(error.to_string().contains("no/such/verbs.txt"), "{error}");
        assert_eq!(warned, 0);
    }
}
