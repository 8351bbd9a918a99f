//! Questions every stage asks of a parsed document — which sentence holds a token, a token's
//! children and subtree, the head of a phrase, which entity a token names — answered once
//! here, as spaCy's `Token.children`, `Token.subtree` and `Span.root` are.

use crate::{Deprel, Document, Span, Upos};
use std::ops::Range;

impl Document {
    /// From the first token's start to the last token's end; `tokens` must not be empty.
    pub fn span_of(&self, tokens: &Range<usize>) -> Span {
        Span::new(self.tokens[tokens.start].span.start, self.tokens[tokens.end - 1].span.end)
    }

    /// The text of a run of tokens, with the spaces between them.
    pub fn text_of(&self, tokens: &Range<usize>) -> &str {
        self.slice(self.span_of(tokens))
    }

    /// The index in [`Document::sentences`] of the sentence holding token `token`; the last
    /// sentence for a token past the end, `None` before sentences are split.
    pub fn sentence_of(&self, token: usize) -> Option<usize> {
        let at = self.sentences.partition_point(|s| s.tokens.end <= token);
        (!self.sentences.is_empty()).then(|| at.min(self.sentences.len() - 1))
    }

    /// The tokens of the sentence holding token `token`; every token before sentences are
    /// split.
    pub fn sentence_tokens(&self, token: usize) -> Range<usize> {
        self.sentence_of(token).map_or(0..self.tokens.len(), |s| self.sentences[s].tokens.clone())
    }

    /// The tokens whose syntactic head is `token`, in text order (a head and its dependents
    /// share a sentence).
    pub fn children(&self, token: usize) -> impl Iterator<Item = usize> + '_ {
        self.sentence_tokens(token).filter(move |&c| self.tokens[c].head == Some(token))
    }

    /// The first child of `token` whose relation is one of `relations`.
    pub fn child_with(&self, token: usize, relations: &[Deprel]) -> Option<usize> {
        self.children(token).find(|&c| self.tokens[c].deprel.is_some_and(|d| relations.contains(&d)))
    }

    /// The relation of token `token` to its head, if parsed.
    pub fn deprel(&self, token: usize) -> Option<Deprel> {
        self.tokens[token].deprel
    }

    /// The universal part of speech of token `token`, if tagged.
    pub fn upos(&self, token: usize) -> Option<Upos> {
        self.tokens[token].upos
    }

    /// The tokens `token` dominates, itself included, from the leftmost to the rightmost (a
    /// range: the parser's trees are projective).
    pub fn subtree(&self, token: usize) -> Range<usize> {
        let sentence = self.sentence_tokens(token);
        let (mut first, mut last) = (token, token);
        for i in sentence.clone() {
            let mut at = i;
            for _ in 0..sentence.len() {
                if at == token {
                    first = first.min(i);
                    last = last.max(i);
                    break;
                }
                match self.tokens[at].head {
                    Some(h) => at = h,
                    None => break,
                }
            }
        }
        first..last + 1
    }

    /// The token of a phrase whose head lies outside it (the last such, as English phrases
    /// are head-final more often than not); the last token when the parse says nothing.
    pub fn phrase_head(&self, tokens: &Range<usize>) -> usize {
        tokens
            .clone()
            .rev()
            .find(|&t| self.tokens[t].head.is_none_or(|h| !tokens.contains(&h)))
            .unwrap_or(tokens.end - 1)
    }

    /// Which entity mention each token stands in, for looking up many tokens at once.
    pub fn entity_index(&self) -> EntityIndex {
        let mut at: Vec<Option<(usize, usize)>> = vec![None; self.tokens.len()];
        for entity in &self.entities {
            for (m, mention) in entity.mentions.iter().enumerate() {
                for t in mention.tokens.clone() {
                    at[t].get_or_insert((entity.id, m));
                }
            }
        }
        EntityIndex { at }
    }
}

/// The entity mention at each token, built once by [`Document::entity_index`]: where mentions
/// overlap ("Russian" inside "his Russian counterpart"), the entity listed first.
#[derive(Clone, Debug)]
pub struct EntityIndex {
    at: Vec<Option<(usize, usize)>>,
}

impl EntityIndex {
    /// The entity (its id) and the index of its mention at token `token`, if any.
    pub fn mention_at(&self, token: usize) -> Option<(usize, usize)> {
        self.at.get(token).copied().flatten()
    }

    /// The entity (its id) named at token `token`, if any.
    pub fn entity_at(&self, token: usize) -> Option<usize> {
        self.mention_at(token).map(|(e, _)| e)
    }
}
