use attache_doc::{Component, Document, Layer, Sentence, Span, Token, TokenKind};
use attache_learn::{shape_key as shape, BinaryPerceptron, FeatureHasher, ModelError, ModelWriter};
use std::path::Path;

/// Table size of the sentence model's weights (2^18 slots).
const MODEL_BITS: u32 = 18;

/// The most tokens a sentence may have. Longer stretches without a boundary (transcripts,
/// scraped lists, text without punctuation) are cut into pieces of at most this size, so
/// that the parser's and every later stage's work per sentence stays bounded. News
/// sentences are far shorter: the longest in UD English's treebanks have about 160 tokens.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Decides where sentences end, given tokens.
///
/// A blank line always ends a sentence. Elsewhere every gap after sentence-final
/// punctuation, before a capitalised or non-alphabetic token, or at a line break is a
/// candidate, and an averaged perceptron over the surrounding tokens decides it. This
/// handles abbreviations ("Gen. Smith"), quotations that close after the period
/// (`act."`), and the unpunctuated headlines and sign-offs of news and web text.
pub struct SentenceSplitter {
    model: BinaryPerceptron,
}

/// How two neighbouring tokens are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// Adjacent: never a sentence boundary.
    None,
    /// Spaces or tabs.
    Space,
    /// One line break.
    Line,
    /// A blank line: always a boundary.
    Paragraph,
}

fn gap(text: &str, before: &Token, after: &Token) -> Gap {
    let between = &text[before.span.end..after.span.start];
    match between.bytes().filter(|&b| b == b'\n').count() {
        0 if between.is_empty() => Gap::None,
        0 => Gap::Space,
        1 => Gap::Line,
        _ => Gap::Paragraph,
    }
}

/// The feature keys of the gap after one token; reused across gaps to avoid allocation.
#[derive(Default)]
pub struct SentenceFeatures {
    keys: Vec<u64>,
}

fn is_final_punct(s: &str) -> bool {
    matches!(s.as_bytes().last(), Some(b'.' | b'!' | b'?')) || s.ends_with('…')
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "''" | "»")
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn length_bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=5 => 4,
        6..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// Tracks whether a double quotation is open, so a quote's closing mark stays with it.
#[derive(Default, Clone, Copy)]
struct QuoteState {
    open: bool,
}

impl QuoteState {
    fn update(&mut self, token: &str) {
        match token {
            "“" | "``" => self.open = true,
            "”" | "''" => self.open = false,
            "\"" => self.open = !self.open,
            _ => {}
        }
    }
}

/// What the features of one gap see.
struct GapContext<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Index of the token before the gap.
    at: usize,
    gap: Gap,
    since_boundary: usize,
    /// Tokens after the gap before the paragraph ends.
    until_paragraph_end: usize,
    quote_open: bool,
}

impl SentenceFeatures {
    /// Whether the gap after `tokens[at]` may end a sentence at all; others are never scored.
    fn is_candidate(ctx: &GapContext) -> bool {
        let a = &ctx.text[ctx.tokens[ctx.at].span.range()];
        let b = &ctx.text[ctx.tokens[ctx.at + 1].span.range()];
        match ctx.gap {
            Gap::None | Gap::Paragraph => false,
            Gap::Line => true,
            Gap::Space => is_final_punct(a) || is_closing(a) || !starts_lowercase(b) || matches!(a, ":" | ";"),
        }
    }

    fn compute(&mut self, ctx: &GapContext) -> &[u64] {
        let token = |i: usize| ctx.tokens.get(i).map_or("<none>", |t| &ctx.text[t.span.range()]);
        let a = token(ctx.at);
        let b = token(ctx.at + 1);
        let before_a = if ctx.at == 0 { "<start>" } else { token(ctx.at - 1) };
        let after_b = token(ctx.at + 2);
        let (sa, sb, s_before, s_after) = (shape(a), shape(b), shape(before_a), shape(after_b));
        let gap = ctx.gap as u64;
        let abbreviation = a.len() > 1 && a.ends_with('.');
        let word = |t: u32, s: &str| FeatureHasher::new(t).lowercase(s);
        self.keys.clear();
        self.keys.extend([
            FeatureHasher::new(1).finish(),
            word(2, a).finish(),
            word(3, b).finish(),
            FeatureHasher::new(4).key(sa).finish(),
            FeatureHasher::new(5).key(sb).finish(),
            word(6, before_a).finish(),
            FeatureHasher::new(7).key(s_before).key(sa).key(sb).finish(),
            FeatureHasher::new(8).number(gap).finish(),
            FeatureHasher::new(9).number(gap).key(sb).key(sa).finish(),
            word(10, a).key(sb).finish(),
            FeatureHasher::new(11).number(u64::from(abbreviation)).key(sb).finish(),
            FeatureHasher::new(12).key(sb).key(s_after).finish(),
            FeatureHasher::new(13).number(length_bucket(ctx.since_boundary)).finish(),
            FeatureHasher::new(14).number(length_bucket(ctx.since_boundary)).key(sa).finish(),
            FeatureHasher::new(15).number(u64::from(ctx.quote_open)).key(sa).key(sb).finish(),
            word(16, before_a).lowercase(a).finish(),
            word(17, a).lowercase(b).finish(),
            word(18, b).lowercase(after_b).finish(),
            FeatureHasher::new(19).number(a.len().min(8) as u64).key(sa).key(sb).finish(),
            FeatureHasher::new(20).number(length_bucket(ctx.until_paragraph_end)).key(sb).finish(),
            FeatureHasher::new(21).number(length_bucket(ctx.until_paragraph_end)).key(sa).key(sb).finish(),
            word(22, a).number(u64::from(ctx.quote_open)).key(sb).finish(),
        ]);
        &self.keys
    }
}

impl SentenceSplitter {
    /// Reads a model saved by [`SentenceSplitter::save`].
    pub fn from_bytes(mut bytes: &[u8]) -> Result<SentenceSplitter, ModelError> {
        Ok(SentenceSplitter { model: BinaryPerceptron::load(&mut bytes)? })
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let mut out = ModelWriter::create(path)?;
        self.model.save(out.inner())?;
        out.finish()
    }

    /// Trains a model on texts whose gold sentence ends are given as
    /// `ends[i] == true` when a sentence ends after `tokens[i]`. Deterministic: each of
    /// the `epochs` passes visits the documents in a fixed pseudo-random order.
    pub fn train(examples: &[(&str, &[Token], &[bool])], epochs: usize) -> SentenceSplitter {
        let mut model = BinaryPerceptron::new(MODEL_BITS);
        let mut features = SentenceFeatures::default();
        for epoch in 0..epochs {
            for index in attache_learn::shuffled(examples.len(), epoch as u64) {
                let (text, tokens, ends) = examples[index];
                walk_gaps(text, tokens, |ctx| {
                    let truth = ends[ctx.at];
                    if SentenceFeatures::is_candidate(ctx) {
                        model.train(features.compute(ctx), truth);
                    }
                    truth
                });
            }
        }
        model.finalise();
        SentenceSplitter { model }
    }

    /// Groups `tokens` of `text` into sentences.
    pub fn split(&self, text: &str, tokens: &[Token]) -> Vec<Sentence> {
        let mut features = SentenceFeatures::default();
        let mut sentences = Vec::with_capacity(tokens.len() / 20 + 1);
        let mut start = 0;
        walk_gaps(text, tokens, |ctx| {
            let ends = ctx.gap == Gap::Paragraph
                || (SentenceFeatures::is_candidate(ctx) && self.model.score(features.compute(ctx)) > 0.0);
            if ends {
                push_cut(text, tokens, start..ctx.at + 1, &mut sentences);
                start = ctx.at + 1;
            }
            ends
        });
        if start < tokens.len() {
            push_cut(text, tokens, start..tokens.len(), &mut sentences);
        }
        sentences
    }
}

/// Pushes the sentence of `range`, cut into pieces of at most [`MAX_SENTENCE_TOKENS`]
/// tokens; each cut falls after the last comma, semicolon, colon or dash of the piece's
/// second half where there is one.
fn push_cut(text: &str, tokens: &[Token], range: std::ops::Range<usize>, sentences: &mut Vec<Sentence>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_TOKENS {
        let limit = start + MAX_SENTENCE_TOKENS;
        let cut = (start + MAX_SENTENCE_TOKENS / 2..limit)
            .rev()
            .find(|&t| matches!(&text[tokens[t].span.range()], "," | ";" | ":" | "-" | "–" | "—"))
            .map_or(limit, |t| t + 1);
        sentences.push(sentence(tokens, start, cut));
        start = cut;
    }
    sentences.push(sentence(tokens, start, range.end));
}

fn sentence(tokens: &[Token], start: usize, end: usize) -> Sentence {
    Sentence { tokens: start..end, span: Span::new(tokens[start].span.start, tokens[end - 1].span.end) }
}

/// Visits each gap between tokens in order; `decide` returns whether a sentence ends
/// there, which resets the per-sentence context. Kinds of tokens that never end a
/// sentence mid-paragraph are still visited so the context stays right.
fn walk_gaps(text: &str, tokens: &[Token], mut decide: impl FnMut(&GapContext) -> bool) {
    let gaps: Vec<Gap> = tokens.windows(2).map(|pair| gap(text, &pair[0], &pair[1])).collect();
    let mut since_boundary = 0;
    let mut quotes = QuoteState::default();
    let mut paragraph_end = 0;
    for at in 0..gaps.len() {
        if paragraph_end <= at {
            paragraph_end = (at + 1..gaps.len()).find(|&i| gaps[i] == Gap::Paragraph).unwrap_or(gaps.len());
        }
        let token = &tokens[at];
        if matches!(token.kind, TokenKind::Punct) {
            quotes.update(&text[token.span.range()]);
        }
        since_boundary += 1;
        let ctx = GapContext {
            text,
            tokens,
            at,
            gap: gaps[at],
            since_boundary,
            until_paragraph_end: paragraph_end - at,
            quote_open: quotes.open,
        };
        if ctx.gap == Gap::Paragraph {
            quotes = QuoteState::default();
        }
        if decide(&ctx) {
            since_boundary = 0;
        }
    }
}

impl Component for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn process(&self, doc: &mut Document) {
        doc.sentences = self.split(&doc.text, &doc.tokens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tokenizer;

    /// The model Attaché ships (`models/sentences.bin`).
    fn shipped() -> SentenceSplitter {
        SentenceSplitter::from_bytes(attache_models::SENTENCES.bytes).unwrap()
    }

    fn split(text: &str) -> Vec<&str> {
        let (tokens, _) = Tokenizer.tokenize(text);
        shipped().split(text, &tokens).into_iter().map(|s| &text[s.span.range()]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Gen. Mark Smith met Sen. Jones in Washington, D.C. on Monday. They talked at 10 a.m. and left."),
            ["Gen. Mark Smith met Sen. Jones in Washington, D.C. on Monday.", "They talked at 10 a.m. and left."]
        );
        assert_eq!(
            split("J. R. R. Tolkien wrote it. He was British."),
            ["J. R. R. Tolkien wrote it.", "He was British."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said: “We will go. We will win.” Then he left. “It is over,” she said."),
            ["He said: “We will go.", "We will win.”", "Then he left.", "“It is over,” she said."]
        );
        assert_eq!(
            split("\"We don't expect a breakthrough,\" Mr. Eide said. \"But we hope.\" The U.S. agreed."),
            ["\"We don't expect a breakthrough,\" Mr. Eide said.", "\"But we hope.\"", "The U.S. agreed."]
        );
    }

    #[test]
    fn headlines_and_bylines_are_their_own_sentences() {
        assert_eq!(
            split("Ministers Meet in Geneva\n\nBy Ana Ruiz\n\nThe ministers met on Tuesday."),
            ["Ministers Meet in Geneva", "By Ana Ruiz", "The ministers met on Tuesday."]
        );
    }

    #[test]
    fn ellipses_and_exclamations() {
        assert_eq!(
            split("The talks... well, they failed. Nobody knows why... The end came fast!"),
            ["The talks... well, they failed.", "Nobody knows why...", "The end came fast!"]
        );
    }

    #[test]
    fn sentences_cover_every_token_once() {
        let text = "One. Two!\n\nThree? “Four.” Five";
        let (tokens, _) = Tokenizer.tokenize(text);
        let sentences = shipped().split(text, &tokens);
        let mut next = 0;
        for s in &sentences {
            assert_eq!(s.tokens.start, next);
            assert!(s.tokens.end > s.tokens.start);
            next = s.tokens.end;
        }
        assert_eq!(next, tokens.len());
        assert!(shipped().split("", &[]).is_empty());
    }

    #[test]
    fn over_long_stretches_are_cut_at_a_clause_mark() {
        let clause = "officials met the rebels in the north and talked for hours";
        let text = vec![clause; 60].join(", ");
        let (tokens, _) = Tokenizer.tokenize(&text);
        let sentences = shipped().split(&text, &tokens);
        assert!(sentences.len() > 1, "{} tokens in one sentence", tokens.len());
        let mut next = 0;
        for s in &sentences {
            assert_eq!(s.tokens.start, next, "pieces cover every token once");
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
            next = s.tokens.end;
        }
        assert_eq!(next, tokens.len());
        for s in &sentences[..sentences.len() - 1] {
            assert_eq!(&text[tokens[s.tokens.end - 1].span.range()], ",", "cut after a comma");
        }
        // Without any clause mark, pieces are cut at the limit.
        let words = vec!["talks"; 450].join(" ");
        let (tokens, _) = Tokenizer.tokenize(&words);
        let lengths: Vec<usize> = shipped().split(&words, &tokens).iter().map(|s| s.tokens.len()).collect();
        assert_eq!(lengths, [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 50]);
    }

    #[test]
    fn training_is_deterministic_and_round_trips() {
        let text = "Rain fell. Crops grew. Farmers smiled. Prices rose. Trade slowed.";
        let (tokens, _) = Tokenizer.tokenize(text);
        let ends: Vec<bool> = tokens.iter().map(|t| &text[t.span.range()] == ".").collect();
        let examples = [(text, tokens.as_slice(), ends.as_slice())];
        let a = SentenceSplitter::train(&examples, 3);
        let b = SentenceSplitter::train(&examples, 3);
        let dir = std::env::temp_dir().join(format!("attache-sent-{}", std::process::id()));
        a.save(&dir).unwrap();
        let bytes = std::fs::read(&dir).unwrap();
        std::fs::remove_file(&dir).unwrap();
        let mut other = Vec::new();
        b.model.save(&mut other).unwrap();
        assert_eq!(bytes, other, "same data, same model bytes");
        let loaded = SentenceSplitter::from_bytes(&bytes).unwrap();
        assert_eq!(loaded.split(text, &tokens).len(), 5);
    }
}
