//! The JSON view of an analysed document: one line of `attache analyze` (schema in
//! docs/schema.md).

use attache_doc::{Deprel, Document, OffsetMap, Span, Upos};
use serde::Serialize;

/// A span of text in the output: character offsets and the text itself.
#[derive(Serialize)]
pub struct TextSpan<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct SentenceJson {
    pub start: usize,
    pub end: usize,
    /// Index of the first token, and one past the last.
    pub tokens: [usize; 2],
}

#[derive(Serialize)]
pub struct TokenJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: attache_doc::TokenKind,
    /// False when the next token follows without whitespace.
    pub space_after: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upos: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xpos: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lemma: Option<&'a str>,
    /// Index of the head token in `tokens`; null for the sentence root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Option<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprel: Option<&'a str>,
}

#[derive(Serialize)]
pub struct MultiwordJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Index of the first word, and one past the last.
    pub tokens: [usize; 2],
}

#[derive(Serialize)]
pub struct DatelineJson<'a> {
    #[serde(flatten)]
    pub span: TextSpan<'a>,
    pub place: Option<&'a str>,
    pub date: Option<chrono::NaiveDate>,
    pub source: Option<&'a str>,
}

/// A named entity: its canonical name's span, its type, and every mention.
#[derive(Serialize)]
pub struct EntityJson<'a> {
    pub id: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: attache_doc::EntityType,
    pub start: usize,
    pub end: usize,
    pub mentions: Vec<MentionJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a attache_doc::Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorJson<'a>>,
}

/// A mention: its span and, for descriptions linked by a rule, the rule.
#[derive(Serialize)]
pub struct MentionJson<'a> {
    #[serde(flatten)]
    pub span: TextSpan<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'a str>,
}

/// A CAMEO actor code with the words it was read from.
#[derive(Serialize)]
pub struct ActorJson<'a> {
    pub code: &'a str,
    pub country: Option<&'a str>,
    pub role: Option<&'a str>,
    pub evidence: Option<TextSpan<'a>>,
    pub rule: &'a str,
}

/// A phrase referring to actors that is not a name.
#[derive(Serialize)]
pub struct DescriptionJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub entities: &'a [usize],
    pub actor: Option<ActorJson<'a>>,
    pub rule: &'a str,
}

/// A temporal expression with its normalised value and the rule behind it.
#[derive(Serialize)]
pub struct TimexJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: attache_doc::TimexKind,
    pub value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'a str>,
    pub rule: &'a str,
}

/// Who said something: their words and the entity they are.
#[derive(Serialize)]
pub struct AttributionJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub entity: Option<usize>,
}

/// A quotation with its speaker and cue.
#[derive(Serialize)]
pub struct QuoteJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<AttributionJson<'a>>,
    pub cue: Option<TextSpan<'a>>,
    pub kind: attache_doc::QuoteKind,
    pub rule: &'a str,
}

/// A statement attributed to a source.
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub source: AttributionJson<'a>,
    pub cue: TextSpan<'a>,
    pub rule: &'a str,
}

/// One side of an event.
#[derive(Serialize)]
pub struct ParticipantJson<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub entity: Option<usize>,
    pub code: Option<&'a str>,
    pub rule: &'a str,
}

/// A coded event with its evidence.
#[derive(Serialize)]
pub struct EventJson<'a> {
    pub source: Option<ParticipantJson<'a>>,
    pub target: Option<ParticipantJson<'a>>,
    pub cameo: &'a str,
    pub cameo_description: Option<&'static str>,
    pub plover: Option<&'a str>,
    pub plover_mode: Option<&'a str>,
    pub plover_context: Option<&'a str>,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub date: Option<&'a attache_doc::EventDate>,
    pub place: Option<&'a attache_doc::EventPlace>,
    pub sentence: usize,
    pub trigger: TextSpan<'a>,
    pub evidence: TextSpan<'a>,
    pub rule: &'a str,
    pub negated: bool,
    pub modality: attache_doc::Modality,
    pub attribution: Option<AttributionJson<'a>>,
}

/// One line of `attache analyze` output.
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    pub id: &'a str,
    pub date: Option<chrono::NaiveDate>,
    pub byline: &'a [String],
    pub source: Option<&'a str>,
    pub title: Option<&'a str>,
    pub dateline: Option<DatelineJson<'a>>,
    /// How the input's bytes became the text, when that took more than reading UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decoding: Option<&'a attache_doc::Decoding>,
    pub text: &'a str,
    pub sentences: Vec<SentenceJson>,
    pub entities: Vec<EntityJson<'a>>,
    pub timexes: Vec<TimexJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    pub claims: Vec<ClaimJson<'a>>,
    pub descriptions: Vec<DescriptionJson<'a>>,
    pub events: Vec<EventJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiword_tokens: Option<Vec<MultiwordJson<'a>>>,
}

/// Builds the JSON view of `doc`; tokens only when `with_tokens`.
pub fn document_json(doc: &Document, with_tokens: bool) -> DocumentJson<'_> {
    let view = View { doc, offsets: OffsetMap::new(&doc.text) };
    DocumentJson {
        id: &doc.id,
        date: doc.meta.date,
        byline: &doc.meta.byline,
        source: doc.meta.source.as_deref(),
        title: doc.meta.title.as_deref(),
        dateline: doc.meta.dateline.as_ref().map(|d| DatelineJson {
            span: view.span(d.span),
            place: d.place.as_deref(),
            date: d.date,
            source: d.source.as_deref(),
        }),
        decoding: doc.meta.decoding.as_ref(),
        text: &doc.text,
        sentences: view.sentences(),
        entities: view.entities(),
        timexes: view.timexes(),
        quotes: view.quotes(),
        claims: view.claims(),
        descriptions: view.descriptions(),
        events: view.events(),
        tokens: with_tokens.then(|| view.tokens()),
        multiword_tokens: with_tokens.then(|| view.multiword_tokens()),
    }
}

/// A document seen from the output: byte spans turned into character offsets and text.
struct View<'a> {
    doc: &'a Document,
    offsets: OffsetMap,
}

impl<'a> View<'a> {
    fn span(&self, s: Span) -> TextSpan<'a> {
        let (start, end) = self.offsets.char_span(s);
        TextSpan { start, end, text: self.doc.slice(s) }
    }

    fn attribution(&self, a: &attache_doc::Attribution) -> AttributionJson<'a> {
        let TextSpan { start, end, text } = self.span(a.span);
        AttributionJson { text, start, end, entity: a.entity }
    }

    fn actor(&self, a: &'a attache_doc::Actor) -> ActorJson<'a> {
        ActorJson {
            code: &a.code,
            country: a.country.as_deref(),
            role: a.role.as_deref(),
            evidence: a.evidence.map(|e| self.span(e)),
            rule: &a.rule,
        }
    }

    fn tokens(&self) -> Vec<TokenJson<'a>> {
        let doc = self.doc;
        doc.tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let TextSpan { start, end, text } = self.span(t.span);
                TokenJson {
                    start,
                    end,
                    text,
                    kind: t.kind,
                    space_after: !doc.no_space_after(i),
                    upos: t.upos.map(Upos::as_str),
                    xpos: t.xpos.as_deref(),
                    lemma: t.lemma.as_deref(),
                    head: t.deprel.as_ref().map(|_| t.head),
                    deprel: t.deprel.map(Deprel::as_str),
                }
            })
            .collect()
    }

    fn multiword_tokens(&self) -> Vec<MultiwordJson<'a>> {
        self.doc
            .multiword_tokens
            .iter()
            .map(|m| {
                let TextSpan { start, end, text } = self.span(m.span);
                MultiwordJson { start, end, text, tokens: [m.tokens.start, m.tokens.end] }
            })
            .collect()
    }

    fn sentences(&self) -> Vec<SentenceJson> {
        self.doc
            .sentences
            .iter()
            .map(|s| {
                let (start, end) = self.offsets.char_span(s.span);
                SentenceJson { start, end, tokens: [s.tokens.start, s.tokens.end] }
            })
            .collect()
    }

    fn entities(&self) -> Vec<EntityJson<'a>> {
        self.doc
            .entities
            .iter()
            .map(|e| {
                let canonical = self.span(e.mentions[e.canonical].span);
                EntityJson {
                    id: e.id,
                    text: canonical.text,
                    kind: e.kind,
                    start: canonical.start,
                    end: canonical.end,
                    mentions: e
                        .mentions
                        .iter()
                        .map(|m| MentionJson { span: self.span(m.span), rule: m.rule.as_deref() })
                        .collect(),
                    location: e.location.as_ref(),
                    actor: e.actor.as_ref().map(|a| self.actor(a)),
                }
            })
            .collect()
    }

    fn timexes(&self) -> Vec<TimexJson<'a>> {
        self.doc
            .timexes
            .iter()
            .map(|t| {
                let TextSpan { start, end, text } = self.span(t.span);
                TimexJson {
                    text,
                    start,
                    end,
                    kind: t.kind,
                    value: &t.value,
                    modifier: t.modifier.as_deref(),
                    rule: &t.rule,
                }
            })
            .collect()
    }

    fn quotes(&self) -> Vec<QuoteJson<'a>> {
        self.doc
            .quotes
            .iter()
            .map(|q| {
                let TextSpan { start, end, text } = self.span(q.span);
                QuoteJson {
                    text,
                    start,
                    end,
                    speaker: q.speaker.as_ref().map(|a| self.attribution(a)),
                    cue: q.cue.map(|c| self.span(c)),
                    kind: q.kind,
                    rule: &q.rule,
                }
            })
            .collect()
    }

    fn claims(&self) -> Vec<ClaimJson<'a>> {
        self.doc
            .claims
            .iter()
            .map(|c| {
                let TextSpan { start, end, text } = self.span(c.span);
                let source = self.attribution(&c.source);
                ClaimJson { text, start, end, source, cue: self.span(c.cue), rule: &c.rule }
            })
            .collect()
    }

    fn descriptions(&self) -> Vec<DescriptionJson<'a>> {
        self.doc
            .descriptions
            .iter()
            .map(|d| {
                let TextSpan { start, end, text } = self.span(d.span);
                DescriptionJson {
                    text,
                    start,
                    end,
                    entities: &d.entities,
                    actor: d.actor.as_ref().map(|a| self.actor(a)),
                    rule: &d.rule,
                }
            })
            .collect()
    }

    fn participant(&self, p: &'a attache_doc::Participant) -> ParticipantJson<'a> {
        let TextSpan { start, end, text } = self.span(p.span);
        ParticipantJson { text, start, end, entity: p.entity, code: p.code.as_deref(), rule: &p.rule }
    }

    fn events(&self) -> Vec<EventJson<'a>> {
        self.doc
            .events
            .iter()
            .map(|e| EventJson {
                source: e.source.as_ref().map(|p| self.participant(p)),
                target: e.target.as_ref().map(|p| self.participant(p)),
                cameo: &e.cameo,
                cameo_description: attache_events::cameo::CameoTable::builtin()
                    .get(&e.cameo)
                    .map(|c| c.description.as_str()),
                plover: e.plover.as_deref(),
                plover_mode: e.plover_mode.as_deref(),
                plover_context: e.plover_context.as_deref(),
                goldstein: e.goldstein,
                quad_class: e.quad_class,
                date: e.date.as_ref(),
                place: e.place.as_ref(),
                sentence: e.sentence,
                trigger: self.span(e.trigger),
                evidence: self.span(e.evidence),
                rule: &e.rule,
                negated: e.negated,
                modality: e.modality,
                attribution: e.attribution.as_ref().map(|a| self.attribution(a)),
            })
            .collect()
    }
}
