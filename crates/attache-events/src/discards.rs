//! PETRARCH discard lists: phrases that mark a sentence (or, with a leading `+`, a whole
//! story) as not political news — sports results, chronologies.

use crate::lexicon::LexiconError;
use std::path::Path;

/// A discard list.
#[derive(Clone, Debug, Default)]
pub struct Discards {
    /// Phrases that discard the sentence they occur in: (words upper case, whole-word end).
    sentence: Vec<(String, bool)>,
    /// Phrases that discard the whole story.
    story: Vec<(String, bool)>,
}

impl Discards {
    /// Reads a discard list: one phrase per line, `#` comments, `+` for story level, a
    /// trailing `_` for a whole word (else the last word may go on: a stem).
    pub fn parse(text: &str) -> Discards {
        let mut discards = Discards::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let (story, phrase) = match line.strip_prefix('+') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            if phrase.is_empty() || phrase.starts_with("<!--") {
                continue;
            }
            let whole = phrase.ends_with('_');
            let words = phrase.trim_end_matches('_').replace('_', " ").to_uppercase();
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            if story { &mut discards.story } else { &mut discards.sentence }.push((words, whole));
        }
        discards
    }

    /// Loads a discard list from a file.
    pub fn load(path: &Path) -> Result<Discards, LexiconError> {
        let text = std::fs::read(path).map_err(|e| LexiconError {
            kind: "discard list",
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(Discards::parse(&String::from_utf8_lossy(&text)))
    }

    /// The phrase that discards a sentence with these words, if any.
    pub fn sentence_discard(&self, words: &[String]) -> Option<&str> {
        find(&self.sentence, words)
    }

    /// The phrase that discards a story with these words, if any.
    pub fn story_discard(&self, words: &[String]) -> Option<&str> {
        find(&self.story, words)
    }
}

/// The first phrase found in `words` (upper case, one per token).
fn find<'a>(phrases: &'a [(String, bool)], words: &[String]) -> Option<&'a str> {
    let text = format!(" {} ", words.join(" "));
    phrases.iter().find_map(|(phrase, whole)| {
        let needle = format!(" {phrase}");
        let mut from = 0;
        while let Some(at) = text[from..].find(&needle) {
            let end = from + at + needle.len();
            let next = text[end..].chars().next();
            if !whole || next.is_none_or(|c| !c.is_alphanumeric()) {
                return Some(phrase.as_str());
            }
            from = end;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_uppercase).collect()
    }

    #[test]
    fn sentence_and_story_discards_with_stems_and_whole_words() {
        let discards = Discards::parse("# sports\nNATIONS CUP\n+WORLD SERIES_ # story\nBASEBALL_\n");
        assert_eq!(discards.sentence_discard(&words("they won the Nations Cups")), Some("NATIONS CUP"));
        assert_eq!(discards.sentence_discard(&words("baseballs flew")), None);
        assert_eq!(discards.sentence_discard(&words("a baseball flew")), Some("BASEBALL"));
        assert_eq!(discards.story_discard(&words("the World Series opened")), Some("WORLD SERIES"));
        assert_eq!(discards.sentence_discard(&words("the World Series opened")), None);
    }
}
