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
    /// The first thing in any layer that does not fit the document, described; `None` when
    /// all do. Spans lie within the text on character boundaries; tokens are non-empty and
    /// in order; sentences cover the tokens in order, each spanning its tokens; every token
    /// range and every index into tokens, sentences, entities, mentions and timexes is in
    /// bounds. Fuzzing and property tests hold every stage to it.
    pub fn inconsistency(&self) -> Option<String> {
        let text = &self.text;
        let mut problems: Vec<Option<String>> = Vec::new();
        let mut span = |what: &str, span: Span| {
            let inside = span.start <= span.end && span.end <= text.len();
            problems.push(
                (!(inside && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)))
                    .then(|| format!("{what} {}..{} in a text of {} bytes", span.start, span.end, text.len())),
            );
        };
        let mut previous_end = 0;
        for (i, token) in self.tokens.iter().enumerate() {
            span("token", token.span);
            if token.span.is_empty() || token.span.start < previous_end {
                return Some(format!("token {i} at {} is empty or overlaps the one before", token.span.start));
            }
            previous_end = token.span.end;
        }
        self.multiword_tokens.iter().for_each(|m| span("multiword token", m.span));
        self.sentences.iter().for_each(|s| span("sentence", s.span));
        self.meta.dateline.iter().for_each(|d| span("dateline", d.span));
        for entity in &self.entities {
            entity.mentions.iter().for_each(|m| span("mention", m.span));
            entity.actor.iter().flat_map(|a| a.evidence).for_each(|s| span("actor evidence", s));
        }
        for description in &self.descriptions {
            span("description", description.span);
            description.actor.iter().flat_map(|a| a.evidence).for_each(|s| span("actor evidence", s));
        }
        self.timexes.iter().for_each(|t| span("timex", t.span));
        for quote in &self.quotes {
            span("quote", quote.span);
            quote.cue.iter().for_each(|&c| span("quote cue", c));
            quote.speaker.iter().for_each(|a| span("quote speaker", a.span));
        }
        for claim in &self.claims {
            span("claim", claim.span);
            span("claim cue", claim.cue);
            span("claim source", claim.source.span);
        }
        for event in &self.events {
            span("event trigger", event.trigger);
            span("event evidence", event.evidence);
            event.source.iter().chain(&event.target).for_each(|p| span("event participant", p.span));
            event.attribution.iter().for_each(|a| span("event attribution", a.span));
        }
        problems.into_iter().flatten().next().or_else(|| self.bad_reference())
    }

    /// The first token range or index of any layer that is out of bounds, or sentence that
    /// does not follow on from the one before.
    fn bad_reference(&self) -> Option<String> {
        let (tokens, entities, timexes) = (self.tokens.len(), self.entities.len(), self.timexes.len());
        let mut ranges: Vec<(&str, &std::ops::Range<usize>)> = Vec::new();
        let mut indexes: Vec<(&str, usize, usize)> = Vec::new();
        let mut next = 0;
        for (i, sentence) in self.sentences.iter().enumerate() {
            let (first, last) =
                (self.tokens.get(sentence.tokens.start), self.tokens.get(sentence.tokens.end.wrapping_sub(1)));
            let spanned = first
                .zip(last)
                .is_some_and(|(f, l)| (f.span.start, l.span.end) == (sentence.span.start, sentence.span.end));
            if sentence.tokens.start != next || sentence.tokens.is_empty() || !spanned {
                return Some(format!(
                    "sentence {i} ({:?}) does not follow on from the one before or span its tokens",
                    sentence.tokens
                ));
            }
            next = sentence.tokens.end;
        }
        if next != tokens && !self.sentences.is_empty() {
            return Some(format!("the sentences cover {next} of {tokens} tokens"));
        }
        indexes.extend(self.tokens.iter().filter_map(|t| t.head).map(|h| ("token head", h, tokens)));
        ranges.extend(self.multiword_tokens.iter().map(|m| ("multiword token", &m.tokens)));
        for entity in &self.entities {
            ranges.extend(entity.mentions.iter().map(|m| ("mention", &m.tokens)));
            if !entity.mentions.is_empty() {
                indexes.push(("canonical mention", entity.canonical, entity.mentions.len()));
            }
        }
        for description in &self.descriptions {
            ranges.push(("description", &description.tokens));
            indexes.extend(description.entities.iter().map(|&e| ("description's entity", e, entities)));
        }
        for actor in &self.actors {
            ranges.push(("actor phrase", &actor.tokens));
            indexes.push(("actor phrase head", actor.head, tokens));
            indexes.extend(actor.entity.map(|e| ("actor phrase's entity", e, entities)));
        }
        ranges.extend(self.timexes.iter().map(|t| ("timex", &t.tokens)));
        let attributions =
            self.quotes.iter().filter_map(|q| q.speaker.as_ref()).chain(self.claims.iter().map(|c| &c.source));
        let attributions = attributions.chain(self.events.iter().filter_map(|e| e.attribution.as_ref()));
        indexes.extend(attributions.filter_map(|a| a.entity).map(|e| ("attribution's entity", e, entities)));
        for event in &self.events {
            for participant in event.source.iter().chain(&event.target) {
                ranges.push(("event participant", &participant.tokens));
                indexes.extend(participant.entity.map(|e| ("participant's entity", e, entities)));
            }
            indexes.extend(event.date.as_ref().and_then(|d| d.timex).map(|t| ("event date's timex", t, timexes)));
            indexes.extend(event.place.as_ref().and_then(|p| p.entity).map(|e| ("event place's entity", e, entities)));
            indexes.push(("event sentence", event.sentence, self.sentences.len()));
        }
        ranges
            .into_iter()
            .find(|(_, r)| r.start > r.end || r.end > tokens)
            .map(|(what, r)| format!("{what} tokens {}..{} of {tokens}", r.start, r.end))
            .or_else(|| {
                indexes.into_iter().find(|&(_, i, len)| i >= len).map(|(what, i, len)| format!("{what} {i} of {len}"))
            })
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::{Metadata, Token, TokenKind};

    #[test]
    fn spans_off_the_text_or_inside_a_character_and_indexes_out_of_bounds_are_found() {
        let mut doc = Document::new("d", "Zürich", Metadata::default());
        doc.tokens.push(Token::new(Span::new(0, 7), TokenKind::Word));
        assert_eq!(doc.inconsistency(), None);
        doc.tokens[0].span = Span::new(0, 2);
        assert_eq!(doc.inconsistency().as_deref(), Some("token 0..2 in a text of 7 bytes"), "inside \"ü\"");
        doc.tokens[0].span = Span::new(0, 8);
        assert!(doc.inconsistency().is_some(), "past the end");
        doc.tokens[0].span = Span::new(0, 7);
        doc.tokens[0].head = Some(1);
        assert_eq!(doc.inconsistency().as_deref(), Some("token head 1 of 1"));
    }
}
