use crate::{Document, Span};

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

impl Document {
    /// The first span of any layer that does not lie within the text on character
    /// boundaries, or token range that runs past the tokens, described; `None` when every
    /// one does. Fuzzing and property tests hold every stage to it.
    pub fn invalid_span(&self) -> Option<String> {
        let text = &self.text;
        let bad_span = |what: &str, span: Span| {
            let inside = span.start <= span.end && span.end <= text.len();
            (!(inside && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)))
                .then(|| format!("{what} {}..{} in a text of {} bytes", span.start, span.end, text.len()))
        };
        let bad_tokens = |what: &str, tokens: &std::ops::Range<usize>| {
            (tokens.start > tokens.end || tokens.end > self.tokens.len())
                .then(|| format!("{what} tokens {}..{} of {}", tokens.start, tokens.end, self.tokens.len()))
        };
        let mut spans: Vec<(&str, Span)> = Vec::new();
        let mut ranges: Vec<(&str, &std::ops::Range<usize>)> = Vec::new();
        spans.extend(self.tokens.iter().map(|t| ("token", t.span)));
        spans.extend(self.multiword_tokens.iter().map(|m| ("multiword token", m.span)));
        for sentence in &self.sentences {
            spans.push(("sentence", sentence.span));
            ranges.push(("sentence", &sentence.tokens));
        }
        spans.extend(self.meta.dateline.iter().map(|d| ("dateline", d.span)));
        for entity in &self.entities {
            for mention in &entity.mentions {
                spans.push(("mention", mention.span));
                ranges.push(("mention", &mention.tokens));
            }
            spans.extend(entity.actor.iter().flat_map(|a| a.evidence).map(|s| ("actor evidence", s)));
        }
        for description in &self.descriptions {
            spans.push(("description", description.span));
            ranges.push(("description", &description.tokens));
        }
        ranges.extend(self.actors.iter().map(|a| ("actor phrase", &a.tokens)));
        for timex in &self.timexes {
            spans.push(("timex", timex.span));
            ranges.push(("timex", &timex.tokens));
        }
        for quote in &self.quotes {
            spans.extend([("quote", quote.span)].into_iter().chain(quote.cue.map(|c| ("quote cue", c))));
            spans.extend(quote.speaker.iter().map(|a| ("quote speaker", a.span)));
        }
        for claim in &self.claims {
            spans.extend([("claim", claim.span), ("claim cue", claim.cue), ("claim source", claim.source.span)]);
        }
        for event in &self.events {
            spans.extend([("event trigger", event.trigger), ("event evidence", event.evidence)]);
            for participant in event.source.iter().chain(&event.target) {
                spans.push(("event participant", participant.span));
                ranges.push(("event participant", &participant.tokens));
            }
            spans.extend(event.attribution.iter().map(|a| ("event attribution", a.span)));
        }
        let sentences = self.sentences.len();
        let bad_sentence =
            self.events.iter().find(|e| e.sentence >= sentences).map(|e| format!("event in sentence {}", e.sentence));
        spans
            .into_iter()
            .find_map(|(what, span)| bad_span(what, span))
            .or_else(|| ranges.into_iter().find_map(|(what, tokens)| bad_tokens(what, tokens)))
            .or(bad_sentence)
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::{Metadata, Token, TokenKind};

    #[test]
    fn spans_off_the_text_or_inside_a_character_are_found() {
        let mut doc = Document::new("d", "Zürich", Metadata::default());
        doc.tokens.push(Token::new(Span::new(0, 7), TokenKind::Word));
        assert_eq!(doc.invalid_span(), None);
        doc.tokens[0].span = Span::new(0, 2);
        assert_eq!(doc.invalid_span().as_deref(), Some("token 0..2 in a text of 7 bytes"), "inside \"ü\"");
        doc.tokens[0].span = Span::new(0, 8);
        assert!(doc.invalid_span().is_some(), "past the end");
    }
}
