//! The document model that flows through every stage of Attaché.
//!
//! A [`Document`] owns the text of one news article and the layers that pipeline
//! components add to it: tokens, multiword tokens and sentences now; tags, parses,
//! entities, timexes, quotes and events later. Every layer refers back to the text by
//! byte [`Span`]s, so any fact can be traced to the exact characters that support it.
//! Output formats convert byte offsets to character offsets with [`OffsetMap`].

mod offsets;
mod parse;
mod pipeline;
mod tags;

pub use offsets::OffsetMap;
pub use parse::EntityIndex;
pub use pipeline::{Component, Layer, Pipeline};
pub use tags::{Deprel, Upos};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no text.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The byte range, for slicing the document text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What kind of string a token is; set by the tokenizer and used by later stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, periods or hyphens ("U.S.", "e-mail").
    Word,
    /// Digits with separators ("1,000.50", "3/4/2005", "10:30").
    Number,
    /// Punctuation marks ("," "." "..." "“").
    Punct,
    /// Symbols such as currency signs, "%", "&", "+".
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A hashtag or @-mention.
    Tag,
    /// An emoticon such as ":-)".
    Emoticon,
}

/// One syntactic word (UD "word"), the unit that taggers and parsers annotate.
///
/// A contraction such as "don't" is one surface token but two words, "do" and "n't";
/// [`Document::multiword_tokens`] records that grouping. The tagger fills `upos`,
/// `xpos` and `lemma`; the parser fills `head` and `deprel`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the word stands in the text.
    pub span: Span,
    /// The tokenizer's class of the string.
    pub kind: TokenKind,
    /// Universal part of speech ("PROPN").
    pub upos: Option<Upos>,
    /// Penn Treebank part of speech ("NNP").
    pub xpos: Option<String>,
    /// Dictionary form ("meet" for "met").
    pub lemma: Option<String>,
    /// Index of the syntactic head in [`Document::tokens`]; `None` for the sentence root
    /// or before parsing.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head ("nsubj"; "root" for the root).
    pub deprel: Option<Deprel>,
}

impl Token {
    /// A token with no annotation yet.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        Token { span, kind, upos: None, xpos: None, lemma: None, head: None, deprel: None }
    }
}

/// A surface token made of several words ("don't" = "do" + "n't", "Google's").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiwordToken {
    /// The words it contains, as indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// The surface string's span.
    pub span: Span,
}

/// A sentence: a contiguous run of tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// From the first token's start to the last token's end.
    pub span: Span,
}

/// The place, date and outlet that open a news story ("WASHINGTON (Reuters) -").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline's span in the body text, including its closing dash.
    pub span: Span,
    /// The place name as written ("WASHINGTON").
    pub place: Option<String>,
    /// A date given in the dateline.
    pub date: Option<NaiveDate>,
    /// A wire service or outlet named in it ("Reuters").
    pub source: Option<String>,
}

/// Where a document came from, for error messages and provenance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The input path, or "-" for standard input.
    pub path: String,
    /// The 1-based line of a JSON Lines record.
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    /// `path`, or `path:line` for a JSON Lines record.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// Article metadata read from headers, JSON fields or the dateline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Publication date: the anchor for resolving relative dates.
    pub date: Option<NaiveDate>,
    /// Authors, in byline order.
    pub byline: Vec<String>,
    /// The outlet ("CNN").
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// The dateline at the start of the body, when there is one.
    pub dateline: Option<Dateline>,
    /// Where the document was read from.
    pub origin: Origin,
    /// How its bytes became text, when that took more than reading UTF-8.
    pub decoding: Option<Decoding>,
}

/// How a document's bytes were decoded: the encoding and how it was chosen, and the
/// mojibake ("â€™" for "’") repaired.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoding {
    /// The encoding's WHATWG name ("windows-1252", "UTF-16LE", "UTF-8").
    pub encoding: String,
    /// How it was chosen: "byte-order mark", "declared charset", "detected", "valid UTF-8".
    pub how: String,
    /// Runs of mojibake replaced by the characters they stood for.
    pub mojibake_repaired: usize,
}

/// The kind of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person ("Antony Blinken").
    Person,
    /// An organisation: governments' bodies, companies, parties, outlets ("State Department").
    Org,
    /// A place: countries, cities, regions, landmarks ("New Delhi").
    Place,
    /// Other names: nationalities, events, laws, groups ("Russian", "G20 summit", "New START").
    Misc,
}

impl EntityType {
    /// Every type, in a fixed order (the order of model classes).
    pub const ALL: [EntityType; 4] = [EntityType::Person, EntityType::Org, EntityType::Place, EntityType::Misc];

    /// The name used in output and gold files ("PERSON").
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Misc => "MISC",
        }
    }
}

impl std::fmt::Display for EntityType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mention of a named entity: a contiguous run of tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Empty for names the recogniser found; for descriptions a later stage linked to the
    /// entity ("his Russian counterpart", "the Indian capital"), the rule that linked them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Where on the map a place entity is: the gazetteer entry it resolved to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The gazetteer's name for it ("New Delhi", "India").
    pub name: String,
    /// "country", "city" or "region".
    pub kind: String,
    /// ISO 3166 alpha-3 code of its country.
    pub country: String,
    /// Latitude in degrees north.
    pub latitude: f64,
    /// Longitude in degrees east.
    pub longitude: f64,
    /// How it was resolved ("gazetteer: name, the likeliest of 4 places").
    pub rule: String,
}

/// A named entity and all its mentions in the document ("Antony Blinken" … "Blinken").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The entity's number in [`Document::entities`].
    pub id: usize,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The canonical name: its fullest mention's text.
    pub name: String,
    /// Index into `mentions` of the mention the name comes from.
    pub canonical: usize,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// For places: where it is.
    pub location: Option<Location>,
    /// The CAMEO actor the entity is, when known.
    pub actor: Option<Actor>,
}

impl Entity {
    /// Adds a mention in text order, keeping the canonical mention the same.
    pub fn add_mention(&mut self, mention: Mention) {
        let at = self.mentions.partition_point(|m| m.span.start < mention.span.start);
        if at <= self.canonical {
            self.canonical += 1;
        }
        self.mentions.insert(at, mention);
    }
}

/// A CAMEO actor code with its parts and its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The whole code: a country or international sector followed by roles ("USAGOV",
    /// "RUS", "IGOUNO", "USAGOVMIL").
    pub code: String,
    /// The ISO 3166 alpha-3 country the code starts with, if it starts with one.
    pub country: Option<String>,
    /// The first role after the country ("GOV", "MIL", "MED"), or the sector of a code
    /// without a country ("IGO", "NGO").
    pub role: Option<String>,
    /// The words in the text the code was read from ("US Secretary of State"), if any.
    pub evidence: Option<Span>,
    /// How the code was found ("title: US + Secretary of State", "dictionary: …").
    pub rule: String,
}

/// A phrase that names no one but refers to actors: "the two" (two entities), "Russian
/// troops" or "a State Department official" (an actor code, no entity).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// The entities it refers to, if any.
    pub entities: Vec<usize>,
    /// The actor it is, when its words say.
    pub actor: Option<Actor>,
    /// The rule that found it.
    pub rule: String,
}

/// A phrase that names a coded actor, as the actors stage found it: an entity or description
/// it coded, a phrase of an actor dictionary, a country or nationality, or a role noun with
/// the names it governs ("Gondor's government", "soldiers from Gondor", "lawmakers"). Events
/// take their participants from these.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorPhrase {
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// The token of the phrase that the rest of its sentence attaches to.
    pub head: usize,
    /// Its CAMEO actor code ("USAGOV", "RUS", "---LEG").
    pub code: String,
    /// The entity it names, if any.
    pub entity: Option<usize>,
    /// How it was found and coded.
    pub rule: String,
    /// A role noun with no country of its own ("the rebels"), even where the sentence's
    /// country was given to it: a named actor is the better participant.
    pub bare: bool,
}

/// The TIMEX3 type of a temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or period ("Thursday", "last July", "2022").
    Date,
    /// A time of day ("10 a.m.", "this morning").
    Time,
    /// A length of time ("roughly 10 minutes", "the past year").
    Duration,
    /// A recurrence ("every week", "daily").
    Set,
}

impl TimexKind {
    /// Its TIMEX3 name, as in the JSON: "DATE", "TIME", "DURATION", "SET".
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// A temporal expression, normalised TIMEX3-style against the document date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: TimexKind,
    /// The normalised value: "2023-03-02", "2022-07", "2023-W09", "PT10M", "P1W", or with
    /// `X` for what the text leaves open ("XXXX-12" without a document date).
    pub value: String,
    /// A TIMEX3 modifier where the text gives one: "APPROX" ("roughly 10 minutes"), "MORE_THAN"
    /// ("more than a year ago"), "MID", "START", "END" ("mid-2022", "early 2023").
    pub modifier: Option<String>,
    /// The rule that recognised it and how it was anchored ("weekday/past").
    pub rule: String,
}

/// How a quotation reports speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks standing as the speaker's own sentence or clause.
    Direct,
    /// A phrase in quotation marks inside the writer's sentence ("a “frank” talk").
    Partial,
    /// Reported speech without quotation marks ("X said that …").
    Indirect,
}

impl QuoteKind {
    /// Its name, as in the JSON: "direct", "partial", "indirect".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who a quotation or claim is attributed to: the words naming them and, when those words
/// name (or refer back to) an entity, its id in [`Document::entities`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The speaker's or source's words in the text ("Zakharova", "a State Department official").
    pub span: Span,
    /// The entity they are, if known.
    pub entity: Option<usize>,
}

/// A quotation: what was said, by whom, introduced by which verb.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words (inside the quotation marks, or the reported clause).
    pub span: Span,
    /// The speaker, when found.
    pub speaker: Option<Attribution>,
    /// The speech verb or phrase ("told", "said"), when there is one.
    pub cue: Option<Span>,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// How the speaker was found ("subject of the cue verb", "continues the previous quote").
    pub rule: String,
}

/// A statement the text attributes to a source without quoting it ("…, according to the US
/// official").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The attributed statement.
    pub span: Span,
    /// Who the text says it comes from.
    pub source: Attribution,
    /// The attributing words ("according to").
    pub cue: Span,
    /// The rule that found it.
    pub rule: String,
}

/// One side of an event: the words naming the actor and what they were coded as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Indices into [`Document::tokens`] of the actor's words.
    pub tokens: Range<usize>,
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// The entity they name, if any.
    pub entity: Option<usize>,
    /// The CAMEO actor code, when the words give one ("USAGOV", "RUS").
    pub code: Option<String>,
    /// How the actor was found and coded ("subject; title: US + Secretary of State").
    pub rule: String,
}

/// When an event happened: a timex in its clause, else the article's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// A TIMEX3 value ("2023-03-02", "2022-07").
    pub value: String,
    /// The timex it was read from (index into [`Document::timexes`]), if any.
    pub timex: Option<usize>,
    /// Where the date came from ("timex in the clause", "article date").
    pub rule: String,
}

/// Where an event happened: a place in its clause, else the dateline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// The place's entity, if the place is named in the text.
    pub entity: Option<usize>,
    /// The place's name.
    pub name: String,
    /// Its country (ISO 3166 alpha-3), when known.
    pub country: Option<String>,
    /// Latitude and longitude, when the gazetteer knows them.
    pub coordinates: Option<(f64, f64)>,
    /// What the text says that puts the event there; later stages weigh a dateline less.
    pub basis: PlaceBasis,
    /// Where the place came from, in words ("place in the clause: in New Delhi").
    pub rule: String,
}

/// What puts an event at its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceBasis {
    /// A place named in the event's own clause ("met in Geneva").
    Clause,
    /// A place named in the clause the event's clause belongs to.
    GoverningClause,
    /// A later phrase that names the event again with its place ("the meeting in …").
    ReferredBack,
    /// Only the dateline: where the story was filed, which need not be where it happened.
    Dateline,
}

/// Whether an event is said to have happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as having happened or happening.
    #[default]
    Asserted,
    /// Announced, agreed, intended or expected ("will meet", "plans to visit").
    Planned,
    /// Possible, conditional or wished for ("could meet", "if they meet").
    Hypothetical,
}

impl Modality {
    /// Its name, as in the JSON: "asserted", "planned", "hypothetical".
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// One "source does action to target" event, coded in CAMEO and PLOVER, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who acted.
    pub source: Option<Participant>,
    /// Who was acted upon.
    pub target: Option<Participant>,
    /// The CAMEO event code ("042", "0253").
    pub cameo: String,
    /// The PLOVER event type ("CONSULT"), when CAMEO maps to one.
    pub plover: Option<String>,
    /// The PLOVER mode ("visit", "arrest"), where clear.
    pub plover_mode: Option<String>,
    /// The PLOVER context ("diplomatic", "military", "economic"), where clear.
    #[serde(default)]
    pub plover_context: Option<String>,
    /// The Goldstein score of the code (-10 conflict … +10 cooperation).
    pub goldstein: Option<f32>,
    /// GDELT's quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: Option<u8>,
    /// When it happened.
    pub date: Option<EventDate>,
    /// Where it happened.
    pub place: Option<EventPlace>,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// The words that name the action ("met", "called on … to release").
    pub trigger: Span,
    /// The sentence that reports the event.
    pub evidence: Span,
    /// The pattern that coded it ("attache:verbs MEET line 12: * WITH +").
    pub rule: String,
    /// True when the text says it did not happen and the pattern codes that negation.
    pub negated: bool,
    /// Asserted, planned or hypothetical.
    pub modality: Modality,
    /// Who reports the event, when it is reported speech (a quotation's speaker or a claim's
    /// source).
    pub attribution: Option<Attribution>,
}

/// One article and every layer of analysis added to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// A stable identifier (from the input, else derived from the path).
    pub id: String,
    /// The body text; every span indexes into it.
    pub text: String,
    /// Article metadata.
    pub meta: Metadata,
    /// Words, in text order.
    pub tokens: Vec<Token>,
    /// Surface tokens that hold several words, in text order.
    pub multiword_tokens: Vec<MultiwordToken>,
    /// Sentences, in text order, covering every token once.
    pub sentences: Vec<Sentence>,
    /// Named entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Temporal expressions, in text order.
    pub timexes: Vec<Timex>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
    /// Attributed statements that are not quotations, in text order.
    pub claims: Vec<Claim>,
    /// Phrases referring to actors that are not names, in text order.
    pub descriptions: Vec<Description>,
    /// Every phrase naming a coded actor, sentence by sentence, in text order.
    #[serde(default)]
    pub actors: Vec<ActorPhrase>,
    /// Coded events, in text order.
    pub events: Vec<Event>,
}

impl Document {
    /// A document with text and metadata and no analysis yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>, meta: Metadata) -> Document {
        Document { id: id.into(), text: text.into(), meta, ..Document::default() }
    }

    /// The text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The text of token `index`.
    pub fn token_text(&self, index: usize) -> &str {
        self.slice(self.tokens[index].span)
    }

    /// True when token `index` lies in the dateline ("GENEVA (Reuters) -"), which says where
    /// the story was filed, not who acted or spoke.
    pub fn in_dateline(&self, index: usize) -> bool {
        self.meta.dateline.as_ref().is_some_and(|d| self.tokens[index].span.start < d.span.end)
    }

    /// The words of a mention as a name: without a leading "the" and a trailing possessive
    /// ("the Kremlin's" → "Kremlin").
    pub fn name_words(&self, mention: &Mention) -> Vec<&str> {
        let mut words: Vec<&str> = mention.tokens.clone().map(|i| self.token_text(i)).collect();
        if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
            words.remove(0);
        }
        if words.len() > 1 && matches!(*words.last().unwrap(), "'s" | "’s") {
            words.pop();
        }
        words
    }

    /// True when no whitespace separates token `index` from the next token.
    pub fn no_space_after(&self, index: usize) -> bool {
        self.tokens.get(index + 1).is_some_and(|next| next.span.start == self.tokens[index].span.end)
    }
}
