use crate::Span;

/// Converts byte offsets of a text into character (Unicode scalar) offsets.
///
/// Attaché works on byte offsets internally; its JSON output gives character offsets so
/// that `text[start:end]` works as written in Python and most other languages.
pub struct OffsetMap {
    /// For each byte offset that starts a character (and the end), the character index.
    /// `None` for ASCII-only text, where the two are equal.
    chars_at: Option<Vec<u32>>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> OffsetMap {
        if text.is_ascii() {
            return OffsetMap { chars_at: None };
        }
        let mut chars_at = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        for (byte, ch) in text.char_indices() {
            for slot in &mut chars_at[byte..byte + ch.len_utf8()] {
                *slot = count;
            }
            count += 1;
        }
        chars_at[text.len()] = count;
        OffsetMap { chars_at: Some(chars_at) }
    }

    /// The character offset of byte offset `byte`.
    pub fn char_offset(&self, byte: usize) -> usize {
        match &self.chars_at {
            None => byte,
            Some(map) => map[byte] as usize,
        }
    }

    /// A byte span as a pair of character offsets.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_multibyte_text_to_character_offsets() {
        let text = "“Hi” – Zoë said.";
        let map = OffsetMap::new(text);
        let zoe = text.find("Zoë").unwrap();
        let (start, end) = map.char_span(Span::new(zoe, zoe + "Zoë".len()));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[start..end].iter().collect::<String>(), "Zoë");
        assert_eq!(map.char_offset(text.len()), chars.len());
    }

    #[test]
    fn ascii_offsets_are_unchanged() {
        let map = OffsetMap::new("plain text");
        assert_eq!(map.char_span(Span::new(6, 10)), (6, 10));
    }
}
