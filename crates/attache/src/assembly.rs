//! Which components make up Attaché's pipelines, in which order, with which models and
//! dictionaries. This module is the one place that knows; everything else asks it.

use crate::Error;
use attache_actors::dictionary::{ActorDictionary, AgentDictionary};
use attache_actors::ActorCoder;
use attache_events::{discards::Discards, lexicon::VerbLexicon, EventCoder};
use attache_learn::WordClasses;
use attache_ner::EntityRecognizer;
use attache_parser::Parser;
use attache_tagger::Tagger;
use attache_text::SentenceSplitter;
use std::path::{Path, PathBuf};

/// The user's PETRARCH-format dictionaries, added before Attaché's built-in ones. The
/// default adds none: the built-in pipeline.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Actor dictionaries, to code people and organisations by name (roles dated against
    /// the article date); consulted before the built-in one.
    pub actors: Vec<PathBuf>,
    /// Agent dictionaries of role nouns and titles ("FOREIGN_MINISTER [~GOV]"); consulted
    /// before the built-in one.
    pub agents: Vec<PathBuf>,
    /// Verb dictionaries (synsets, verb blocks, patterns, codes); their verbs are tried
    /// before Attaché's built-in lexicon.
    pub verbs: Vec<PathBuf>,
    /// Discard lists: sentences (or, with '+', stories) holding one of their phrases are
    /// not coded.
    pub discards: Vec<PathBuf>,
    /// Code events with the `verbs` dictionaries only, not Attaché's built-in lexicon.
    pub only_user_verbs: bool,
}

/// The dictionaries of a [`Config`], read.
#[derive(Default)]
pub(crate) struct Dictionaries {
    actors: Vec<ActorDictionary>,
    agents: Vec<AgentDictionary>,
    verbs: Vec<VerbLexicon>,
    discards: Vec<Discards>,
    only_user_verbs: bool,
}

impl Dictionaries {
    /// Reads the files of `config` in order, giving `warn` each file's skipped lines.
    pub(crate) fn read(config: &Config, warn: &mut dyn FnMut(&Path, &[String])) -> Result<Dictionaries, Error> {
        let mut read = Dictionaries { only_user_verbs: config.only_user_verbs, ..Dictionaries::default() };
        for path in &config.actors {
            let dictionary = ActorDictionary::load(path)?;
            warn(path, &dictionary.warnings);
            read.actors.push(dictionary);
        }
        for path in &config.agents {
            let dictionary = AgentDictionary::load(path)?;
            warn(path, &dictionary.warnings);
            read.agents.push(dictionary);
        }
        for path in &config.verbs {
            let lexicon = VerbLexicon::load(path)?;
            warn(path, &lexicon.warnings);
            read.verbs.push(lexicon);
        }
        for path in &config.discards {
            read.discards.push(Discards::load(path)?);
        }
        Ok(read)
    }
}

/// The actor and event coders: the built-in dictionaries after the user's.
pub(crate) fn coders(dictionaries: Dictionaries) -> (ActorCoder, EventCoder) {
    let mut actors = ActorCoder::builtin();
    for dictionary in dictionaries.actors {
        actors = actors.with_actors(dictionary);
    }
    for dictionary in dictionaries.agents {
        actors = actors.with_agents(dictionary);
    }
    let mut events = EventCoder::builtin();
    for lexicon in dictionaries.verbs {
        events = events.with_verbs(lexicon);
    }
    if dictionaries.only_user_verbs {
        // PETRARCH's coding, as its dictionaries expect it.
        events = events.without_builtin_verbs();
        actors = actors.without_sentence_countries();
    }
    for discards in dictionaries.discards {
        events = events.with_discards(discards);
    }
    (actors, events)
}

/// The built-in actor coder, as the standard pipeline runs it.
pub fn actor_coder() -> ActorCoder {
    coders(Dictionaries::default()).0
}

/// The built-in event coder, as the standard pipeline runs it.
pub fn event_coder() -> EventCoder {
    coders(Dictionaries::default()).1
}

/// The whole analysis, in stage order.
pub(crate) fn standard(dictionaries: Dictionaries) -> attache_doc::Pipeline {
    let (actors, events) = coders(dictionaries);
    segmentation(sentence_splitter())
        .with(tagger())
        .with(parser())
        .with(recognizer())
        .with(attache_places::PlaceResolver)
        .with(actors)
        .with(attache_time::TimexTagger)
        .with(attache_quotes::QuoteFinder)
        .with(events)
}

/// Tokenizer and sentence splitter only.
pub(crate) fn segmentation(splitter: SentenceSplitter) -> attache_doc::Pipeline {
    attache_doc::Pipeline::new().with(attache_text::Tokenizer).with(splitter)
}

/// Segmentation, tagging and parsing.
pub(crate) fn syntax(tagger: Tagger, parser: Parser) -> attache_doc::Pipeline {
    segmentation(sentence_splitter()).with(tagger).with(parser)
}

/// The sentence splitter shipped in `models/sentences.bin`.
pub fn sentence_splitter() -> SentenceSplitter {
    SentenceSplitter::from_bytes(attache_models::SENTENCES.bytes).expect("the built-in sentence model is valid")
}

/// The word-class table shipped in `models/word_classes.bin`, read in place.
pub fn word_classes() -> WordClasses {
    WordClasses::from_bytes(std::borrow::Cow::Borrowed(attache_models::WORD_CLASSES.bytes))
        .expect("the built-in word-class table is valid")
}

/// The tagger shipped in `models/tagger.bin`.
pub fn tagger() -> Tagger {
    Tagger::from_bytes(attache_models::TAGGER.bytes, word_classes()).expect("the built-in tagger model is valid")
}

/// The parser shipped in `models/parser.bin`.
pub fn parser() -> Parser {
    Parser::from_bytes(attache_models::PARSER.bytes, word_classes()).expect("the built-in parser model is valid")
}

/// The named-entity recogniser shipped in `models/ner.bin`.
pub fn recognizer() -> EntityRecognizer {
    EntityRecognizer::from_bytes(attache_models::NER.bytes).expect("the built-in named-entity model is valid")
}
