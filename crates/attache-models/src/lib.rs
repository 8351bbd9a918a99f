//! Attaché's trained models, compiled into every program that links this crate, with the
//! manifest of `models/manifest.json`: for each model, its training data and that data's
//! licence, the command that made it, and its scores.
//!
//! This crate holds bytes only; the crates of the models read them (`from_bytes`).

use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A model file shipped in `models/`.
#[derive(Clone, Copy, Debug)]
pub struct Model {
    /// The name the manifest and `attache train` know it by.
    pub name: &'static str,
    /// Its file name in `models/`.
    pub file: &'static str,
    /// The file's content.
    pub bytes: &'static [u8],
}

impl Model {
    /// Where the file lives relative to the repository root, where `attache train` writes it.
    pub fn path(&self) -> PathBuf {
        PathBuf::from("models").join(self.file)
    }

    /// The model's manifest entry.
    pub fn entry(&self) -> &'static Entry {
        manifest().iter().find(|e| e.name == self.name).expect("every shipped model is in models/manifest.json")
    }
}

/// The sentence splitter (`attache_text::SentenceSplitter`).
pub const SENTENCES: Model =
    Model { name: "sentences", file: "sentences.bin", bytes: include_bytes!("../../../models/sentences.bin") };
/// The word-class table the tagger, parser and recogniser share (`attache_learn::WordClasses`).
pub const WORD_CLASSES: Model =
    Model { name: "word_classes", file: "word_classes.bin", bytes: include_bytes!("../../../models/word_classes.bin") };
/// The part-of-speech tagger and lemmatizer (`attache_tagger::Tagger`).
pub const TAGGER: Model =
    Model { name: "tagger", file: "tagger.bin", bytes: include_bytes!("../../../models/tagger.bin") };
/// The dependency parser (`attache_parser::Parser`).
pub const PARSER: Model =
    Model { name: "parser", file: "parser.bin", bytes: include_bytes!("../../../models/parser.bin") };
/// The named-entity recogniser (`attache_ner::EntityRecognizer`).
pub const NER: Model = Model { name: "ner", file: "ner.bin", bytes: include_bytes!("../../../models/ner.bin") };

/// Every shipped model, in pipeline order.
pub const ALL: [Model; 5] = [SENTENCES, WORD_CLASSES, TAGGER, PARSER, NER];

/// What the manifest says of one model.
#[derive(Clone, Debug, Deserialize)]
pub struct Entry {
    /// The model's name, as in [`Model::name`].
    pub name: String,
    /// Its file name in `models/`.
    pub file: String,
    /// What the model does and how.
    pub description: String,
    /// The data it was trained on.
    pub training_data: Vec<Dataset>,
    /// The command, run from the repository root, that wrote the file.
    pub command: String,
    /// Its scores, as the README's "Measured quality" reports them.
    pub scores: Vec<Score>,
}

/// A training corpus and the licence it is under.
#[derive(Clone, Debug, Deserialize)]
pub struct Dataset {
    /// The corpus and split.
    pub name: String,
    /// Its licence or terms of use.
    pub licence: String,
}

/// One measured score of a model.
#[derive(Clone, Debug, Deserialize)]
pub struct Score {
    /// The test set and conditions (gold tokens or raw text).
    pub test_set: String,
    /// What was measured, e.g. "UAS / LAS".
    pub measure: String,
    /// The figure(s), in percent unless the measure says otherwise.
    pub value: String,
}

/// The manifest of every shipped model, read once from `models/manifest.json`.
pub fn manifest() -> &'static [Entry] {
    static MANIFEST: OnceLock<Vec<Entry>> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        serde_json::from_str(include_str!("../../../models/manifest.json"))
            .expect("models/manifest.json is a valid manifest")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_and_files_agree() {
        assert_eq!(manifest().len(), ALL.len());
        for model in ALL {
            let entry = model.entry();
            assert_eq!(entry.file, model.file);
            assert!(!model.bytes.is_empty());
            assert!(!entry.training_data.is_empty() && !entry.scores.is_empty() && !entry.command.is_empty());
            assert!(entry.command.starts_with(&format!(
                "attache train {}",
                if model.name == "sentences" { "segmenter".into() } else { model.name.replace('_', "-") }
            )));
        }
    }

    #[test]
    fn every_model_file_is_shipped() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
        for file in std::fs::read_dir(folder).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".bin") {
                assert!(ALL.iter().any(|m| m.file == name), "{name} is not embedded");
            }
        }
    }
}
