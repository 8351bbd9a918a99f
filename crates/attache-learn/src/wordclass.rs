//! Word classes: which cluster of pretrained word vectors a word falls in, at three
//! granularities. Words of one class behave alike ("Lavrov" and "Blinken", "talks" and
//! "negotiations"), so a model that has learnt from some words of a class generalises to
//! the rest, including words its training data never had (Turian et al. 2010; Koo et al.
//! 2008; Ratinov and Roth 2009).
//!
//! The table keeps no strings: an open-addressing table of 64-bit word hashes, split into
//! a slot position and a 32-bit fingerprint, each with the word's three cluster ids. It is
//! stored in the layout it is used in, so a table compiled into the program is read in
//! place, with no copy.

use crate::{FeatureHasher, ModelError};
use std::borrow::Cow;
use std::io::Write;

const MAGIC: &[u8] = b"ATCHWCL1";
/// Bytes of a slot: fingerprint (u32 LE), then packed classes (u32 LE).
const SLOT: usize = 8;
/// The granularities kept: numbers of clusters.
pub const GRANULARITIES: [u32; 3] = [256, 1024, 4096];
const KNOWN: u32 = 1 << 31;

/// A word's classes at each granularity, or unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WordClass(u32);

impl WordClass {
    /// The classes of a word: ids below 256, 1,024 and 4,096.
    pub fn new(coarse: u16, middle: u16, fine: u16) -> WordClass {
        assert!(u32::from(coarse) < 256 && u32::from(middle) < 1024 && u32::from(fine) < 4096);
        WordClass(KNOWN | u32::from(coarse) | u32::from(middle) << 8 | u32::from(fine) << 18)
    }

    /// True when the word was in the table.
    pub fn is_known(self) -> bool {
        self.0 & KNOWN != 0
    }

    /// A key for the class at granularity `level` (0: 256 classes, 1: 1,024, 2: 4,096),
    /// distinct across levels; every unknown word shares one key per level.
    pub fn key(self, level: usize) -> u64 {
        let id = match level {
            0 => self.0 & 0xff,
            1 => (self.0 >> 8) & 0x3ff,
            _ => (self.0 >> 18) & 0xfff,
        };
        let known = u64::from(self.is_known());
        (level as u64 + 1) << 40 | known << 32 | u64::from(id)
    }
}

/// The classes of a word as written, in lower case and capitalised: the last two do not
/// depend on how the text is cased, so features from them hold for headlines in capitals
/// and lower-cased transcripts alike, and the capitalised form says whether the word is
/// used as a name ("putin" looks up "Putin").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaseClasses {
    /// The form as written.
    pub exact: WordClass,
    /// The lower-cased form.
    pub lower: WordClass,
    /// The lower-cased form with a capital first letter.
    pub title: WordClass,
}

/// The table from words to their classes.
#[derive(Clone, Debug)]
pub struct WordClasses {
    bytes: Cow<'static, [u8]>,
    /// Slots minus one (the slot count is a power of two); `usize::MAX` for no slots.
    mask: usize,
    bits: u32,
}

fn word_hash(word: &str) -> u64 {
    FeatureHasher::new(0x00c1_a55e).bytes(word.as_bytes()).finish()
}

impl WordClasses {
    /// A table that knows no word, for models trained without word classes.
    pub fn empty() -> WordClasses {
        WordClasses::build(std::iter::empty())
    }

    /// Builds the table; a word given twice keeps its first classes.
    pub fn build(entries: impl IntoIterator<Item = (String, WordClass)>) -> WordClasses {
        let entries: Vec<(u64, WordClass)> = entries.into_iter().map(|(w, c)| (word_hash(&w), c)).collect();
        // At most two-thirds full, so that probes stay short.
        let slots = (entries.len() * 3 / 2 + 1).next_power_of_two().max(8);
        let bits = slots.trailing_zeros();
        let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + slots * SLOT);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(slots as u32).to_le_bytes());
        bytes.resize(MAGIC.len() + 4 + slots * SLOT, 0);
        let mut table = WordClasses { bytes: Cow::Owned(bytes), mask: slots - 1, bits };
        for (hash, class) in entries {
            let (mut at, print) = table.position(hash);
            let body = table.bytes.to_mut();
            loop {
                let offset = MAGIC.len() + 4 + at * SLOT;
                let stored = u32::from_le_bytes(body[offset..offset + 4].try_into().unwrap());
                if stored == print {
                    break;
                }
                if stored == 0 {
                    body[offset..offset + 4].copy_from_slice(&print.to_le_bytes());
                    body[offset + 4..offset + 8].copy_from_slice(&class.0.to_le_bytes());
                    break;
                }
                at = (at + 1) & table.mask;
            }
        }
        table
    }

    /// Reads a table written by [`WordClasses::save`], in place when the bytes are static.
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<WordClasses, ModelError> {
        let corrupt = |what: &str| ModelError::Corrupt(format!("word classes: {what}"));
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::Corrupt("not a word-class table".into()));
        }
        let slots = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().unwrap()) as usize;
        if !slots.is_power_of_two() {
            return Err(corrupt("the slot count is not a power of two"));
        }
        if bytes.len() != MAGIC.len() + 4 + slots * SLOT {
            return Err(corrupt("the file's length does not match its slot count"));
        }
        // Every probe ends at an empty slot only if there is one.
        let empty = (0..slots).any(|at| bytes[MAGIC.len() + 4 + at * SLOT..][..4] == [0; 4]);
        if !empty {
            return Err(corrupt("no empty slot"));
        }
        Ok(WordClasses { bytes, mask: slots - 1, bits: slots.trailing_zeros() })
    }

    /// Writes the table.
    pub fn save(&self, path: &std::path::Path) -> Result<(), ModelError> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        out.write_all(&self.bytes)?;
        Ok(out.flush()?)
    }

    /// A fingerprint of the table that models store, so that a model is never used with
    /// a table other than the one it learnt from: the slot count and the first slots.
    pub fn id(&self) -> u64 {
        let head = &self.bytes[MAGIC.len()..self.bytes.len().min(MAGIC.len() + 4 + 512 * SLOT)];
        FeatureHasher::new(0x1d).bytes(head).finish()
    }

    /// Checks that a model that learnt from the table with [`WordClasses::id`] `id` can use
    /// this one.
    pub fn check(&self, id: u64, model: &str) -> Result<(), ModelError> {
        if id == self.id() {
            Ok(())
        } else {
            Err(ModelError::Corrupt(format!("the {model} model was trained with another word-class table")))
        }
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        (0..=self.mask).filter(|&at| self.fingerprint_at(at) != 0).count()
    }

    /// True for a table of no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn position(&self, hash: u64) -> (usize, u32) {
        let at = if self.bits == 0 { 0 } else { (hash >> (64 - self.bits)) as usize };
        (at, (hash as u32).max(1))
    }

    fn fingerprint_at(&self, at: usize) -> u32 {
        let offset = MAGIC.len() + 4 + at * SLOT;
        u32::from_le_bytes(self.bytes[offset..offset + 4].try_into().unwrap())
    }

    /// The classes of `word` exactly as written.
    pub fn get(&self, word: &str) -> WordClass {
        let (mut at, print) = self.position(word_hash(word));
        loop {
            match self.fingerprint_at(at) {
                0 => return WordClass::default(),
                stored if stored == print => {
                    let offset = MAGIC.len() + 4 + at * SLOT + 4;
                    return WordClass(u32::from_le_bytes(self.bytes[offset..offset + 4].try_into().unwrap()));
                }
                _ => at = (at + 1) & self.mask,
            }
        }
    }

    /// The classes of `word` lower-cased.
    pub fn lower(&self, word: &str) -> WordClass {
        if word.chars().any(char::is_uppercase) {
            self.get(&word.to_lowercase())
        } else {
            self.get(word)
        }
    }

    /// The classes of `word` as written, lower-cased and capitalised.
    pub fn of(&self, word: &str) -> CaseClasses {
        let exact = self.get(word);
        if !word.chars().any(char::is_alphabetic) {
            return CaseClasses { exact, lower: exact, title: exact };
        }
        let lower_form = word.to_lowercase();
        let lower = if lower_form == word { exact } else { self.get(&lower_form) };
        let mut chars = lower_form.chars();
        let title_form: String = chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
        let title = if title_form == word {
            exact
        } else if title_form == lower_form {
            lower
        } else {
            self.get(&title_form)
        };
        CaseClasses { exact, lower, title }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> WordClasses {
        WordClasses::build([
            ("talks".to_string(), WordClass::new(3, 30, 300)),
            ("negotiations".to_string(), WordClass::new(3, 30, 301)),
            ("Putin".to_string(), WordClass::new(7, 70, 700)),
            ("putin".to_string(), WordClass::new(9, 90, 900)),
            ("NATO".to_string(), WordClass::new(8, 80, 800)),
        ])
    }

    #[test]
    fn finds_words_and_their_case_variants() {
        let t = table();
        assert_eq!(t.len(), 5);
        assert_eq!(t.get("talks").key(0), t.get("negotiations").key(0), "one coarse class");
        assert_ne!(t.get("talks").key(2), t.get("negotiations").key(2), "two fine classes");
        assert_ne!(t.get("talks").key(0), t.get("talks").key(1), "levels do not share keys");
        assert!(!t.get("Talks").is_known());
        assert_eq!(t.get("unheard-of").key(1), WordClass::default().key(1));
        let lower = t.of("putin");
        assert_eq!((lower.exact, lower.lower, lower.title), (t.get("putin"), t.get("putin"), t.get("Putin")));
        let shouted = t.of("PUTIN");
        assert_eq!((shouted.lower, shouted.title), (lower.lower, lower.title), "case-free classes");
        assert!(!shouted.exact.is_known());
        assert_eq!(t.of("NATO").exact, t.get("NATO"));
        assert_eq!(t.lower("PUTIN"), t.get("putin"));
        assert_eq!(t.lower("talks"), t.get("talks"));
        assert_eq!(t.of(""), CaseClasses::default());
    }

    #[test]
    fn round_trips_and_refuses_foreign_bytes() {
        let t = table();
        let path = std::env::temp_dir().join(format!("attache-wordclass-{}", std::process::id()));
        t.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(bytes, table().bytes.as_ref(), "building is deterministic");
        let loaded = WordClasses::from_bytes(Cow::Owned(bytes.clone())).unwrap();
        assert_eq!(loaded.get("negotiations"), t.get("negotiations"));
        assert!(WordClasses::from_bytes(Cow::Owned(bytes[..bytes.len() - 1].to_vec())).is_err());
        assert!(WordClasses::from_bytes(Cow::Borrowed(b"ATCHTAG1")).is_err());
        let mut full = bytes;
        for slot in full[MAGIC.len() + 4..].chunks_exact_mut(SLOT) {
            slot[..4].copy_from_slice(&1u32.to_le_bytes());
        }
        assert!(WordClasses::from_bytes(Cow::Owned(full)).is_err(), "a full table would loop");
        assert!(WordClasses::empty().is_empty());
        assert!(!WordClasses::empty().get("talks").is_known());
    }
}
