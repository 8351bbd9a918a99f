//! Attaché's event layer: codes "source does action to target" events in CAMEO and PLOVER.
//!
//! - [`lexicon`] reads verb-pattern lexicons in PETRARCH's verb-dictionary format — the
//!   user's (`--verbs`) and Attaché's own (`data/verbs.txt`, matched by lemma, with event
//!   nouns);
//! - [`chart`] finds the actors of a sentence as events see them (names, dictionary phrases,
//!   role nouns joined to their country);
//! - [`coder`] is the pipeline component: it matches the patterns around each verb and reads
//!   source and target from the dependency parse, with the date, place, modality and
//!   attribution of each event;
//! - [`discards`] reads PETRARCH discard lists;
//! - [`cameo`] is the CAMEO event table every code is read against — Goldstein score, GDELT
//!   quad class, PLOVER type, mode and context. `data/cameo.tsv` is written by
//!   `scripts/cameo-tables.py` from the CAMEO codebook tables and PLOVER's official
//!   CAMEO→PLOVER table (CC BY-SA 4.0).

pub mod cameo;
pub mod chart;
pub mod coder;
pub mod compose;
pub mod discards;
pub mod lexicon;

pub use coder::EventCoder;
