use attache_learn::{ModelError, ModelReader, ModelWriter};
use rustc_hash::FxHashMap;
use std::io::{Read, Write};

/// Finds lemmas: a table of (lower-cased form, XPOS) seen in training, then the most
/// frequent suffix rewrite for the tag and the longest matching word ending.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    known: FxHashMap<String, String>,
    /// (xpos, ending) → (characters to strip, text to append).
    rules: FxHashMap<String, (u32, String)>,
}

/// Longest word ending that rules look at, in characters.
const MAX_ENDING: usize = 5;

fn key(lower: &str, xpos: &str) -> String {
    format!("{lower}\t{xpos}")
}

fn is_proper(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

/// The rewrite turning `form` into `lemma`: characters to strip from the end, and what to add.
fn rewrite(form: &str, lemma: &str) -> (u32, String) {
    let common = form.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let strip = form.chars().count() - common;
    (strip as u32, lemma.chars().skip(common).collect())
}

/// The most frequent value; ties go to the smallest, so training is deterministic.
fn most_frequent<T: Ord>(counts: FxHashMap<T, u32>) -> Option<T> {
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(value, _)| value)
}

fn apply(form: &str, strip: u32, append: &str) -> Option<String> {
    let chars: Vec<char> = form.chars().collect();
    let keep = chars.len().checked_sub(strip as usize)?;
    if keep == 0 {
        return None;
    }
    Some(chars[..keep].iter().collect::<String>() + append)
}

impl Lemmatizer {
    /// Learns from (form, xpos, lemma) triples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut table: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
        let mut rule_counts: FxHashMap<String, FxHashMap<(u32, String), u32>> = FxHashMap::default();
        for (form, xpos, lemma) in examples {
            if lemma == "_" {
                continue;
            }
            let lower = form.to_lowercase();
            *table.entry(key(&lower, xpos)).or_default().entry(lemma.to_string()).or_default() += 1;
            let source = if is_proper(xpos) { form.to_string() } else { lower.clone() };
            let edit = rewrite(&source, lemma);
            let chars: Vec<char> = lower.chars().collect();
            for n in 0..=MAX_ENDING.min(chars.len()) {
                let ending: String = chars[chars.len() - n..].iter().collect();
                *rule_counts.entry(key(&ending, xpos)).or_default().entry(edit.clone()).or_default() += 1;
            }
        }
        let known = table.into_iter().filter_map(|(k, lemmas)| most_frequent(lemmas).map(|l| (k, l))).collect();
        let rules = rule_counts.into_iter().filter_map(|(k, edits)| most_frequent(edits).map(|e| (k, e))).collect();
        Lemmatizer { known, rules }
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(lemma) = self.known.get(&key(&lower, xpos)) {
            return if is_proper(xpos) && lemma.to_lowercase() == lower { form.to_string() } else { lemma.clone() };
        }
        let source = if is_proper(xpos) { form.to_string() } else { lower.clone() };
        let chars: Vec<char> = lower.chars().collect();
        for n in (0..=MAX_ENDING.min(chars.len())).rev() {
            let ending: String = chars[chars.len() - n..].iter().collect();
            if let Some((strip, append)) = self.rules.get(&key(&ending, xpos)) {
                if let Some(lemma) = apply(&source, *strip, append) {
                    return lemma;
                }
            }
        }
        source
    }

    /// Writes the tables, sorted so that the same model gives the same bytes.
    pub fn save(&self, out: &mut ModelWriter<impl Write>) -> Result<(), ModelError> {
        let mut known: Vec<_> = self.known.iter().collect();
        known.sort();
        out.u32(known.len() as u32)?;
        for (k, lemma) in known {
            out.str(k)?;
            out.str(lemma)?;
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.u32(rules.len() as u32)?;
        for (k, (strip, append)) in rules {
            out.str(k)?;
            out.u32(*strip)?;
            out.str(append)?;
        }
        Ok(())
    }

    /// Reads what [`Lemmatizer::save`] wrote.
    pub fn load(input: &mut ModelReader<impl Read>) -> Result<Lemmatizer, ModelError> {
        let mut known = FxHashMap::default();
        for _ in 0..input.count()? {
            let k = input.str()?;
            known.insert(k, input.str()?);
        }
        let mut rules = FxHashMap::default();
        for _ in 0..input.count()? {
            let k = input.str()?;
            let strip = input.u32()?;
            rules.insert(k, (strip, input.str()?));
        }
        Ok(Lemmatizer { known, rules })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_known_words_and_generalises_endings() {
        let data = [
            ("met", "VBD", "meet"),
            ("talks", "NNS", "talk"),
            ("meetings", "NNS", "meeting"),
            ("walked", "VBD", "walk"),
            ("jumped", "VBD", "jump"),
            ("Americans", "NNPS", "American"),
            ("Russia", "NNP", "Russia"),
            ("The", "DT", "the"),
        ];
        let lemmatizer = Lemmatizer::train(data.iter().copied());
        assert_eq!(lemmatizer.lemma("met", "VBD"), "meet");
        assert_eq!(lemmatizer.lemma("Met", "VBD"), "meet");
        assert_eq!(lemmatizer.lemma("summits", "NNS"), "summit");
        assert_eq!(lemmatizer.lemma("pressed", "VBD"), "press");
        assert_eq!(lemmatizer.lemma("Europeans", "NNPS"), "European");
        assert_eq!(lemmatizer.lemma("Lavrov", "NNP"), "Lavrov");
        assert_eq!(lemmatizer.lemma("THE", "DT"), "the");
        let mut writer = ModelWriter::new(Vec::new());
        lemmatizer.save(&mut writer).unwrap();
        let bytes = writer.inner().clone();
        let loaded = Lemmatizer::load(&mut ModelReader::new(bytes.as_slice())).unwrap();
        assert_eq!(loaded.lemma("summits", "NNS"), "summit");
    }
}
