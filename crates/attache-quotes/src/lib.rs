//! Quotations and claims in news: who said what, and on whose word the writer reports it.
//!
//! Direct and partial quotations are found by their marks ([`marks`]); indirect speech
//! ("X said that …") and claims ("…, according to X") by the dependency parse. A
//! quotation's speaker is the subject of the nearest speech verb outside the quotation in
//! its sentence; pronouns and bare titles ("she", "the spokeswoman") are resolved to the
//! last person the text named that way; a quotation without a speech verb continues the
//! previous one's speaker. Every fact keeps the name of the rule that produced it.

pub mod marks;

use attache_doc::{
    Attribution, Claim, Component, Deprel, Document, EntityIndex, EntityType, Layer, Quote, QuoteKind, Span, Upos,
};
use std::ops::Range;

/// Lemmas of verbs that introduce speech: the one list every stage asks through
/// [`is_speech_verb`].
const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "ask",
    "state",
    "write",
    "insist",
    "warn",
    "note",
    "explain",
    "declare",
    "claim",
    "argue",
    "announce",
    "tweet",
    "post",
    "suggest",
    "stress",
    "underscore",
    "emphasize",
    "emphasise",
    "acknowledge",
    "admit",
    "deny",
    "reply",
    "respond",
    "recall",
    "confirm",
    "report",
    "comment",
    "remark",
    "conclude",
    "urge",
    "predict",
    "vow",
    "pledge",
    "promise",
    "maintain",
    "contend",
    "observe",
    "testify",
    "allege",
    "assert",
    "caution",
    "reiterate",
    "indicate",
];

/// True for the lemma of a verb that introduces speech ("say", "tell", "warn", "deny").
pub fn is_speech_verb(lemma: &str) -> bool {
    SPEECH_VERBS.contains(&lemma)
}

/// The pipeline component that adds [`Document::quotes`] and [`Document::claims`].
#[derive(Clone, Copy, Debug, Default)]
pub struct QuoteFinder;

/// What the finder needs to know about the document, computed once.
struct Context<'a> {
    doc: &'a Document,
    /// The entity each token belongs to, if any.
    entities: EntityIndex,
    /// Byte offsets where paragraphs start.
    paragraphs: Vec<usize>,
    /// Every mention of a person (entity, span), by start; among mentions that start
    /// together, the first entity's last.
    persons: Vec<(usize, Span, Range<usize>)>,
}

/// How many person mentions back a pronoun or bare title looks for its person: far more
/// than an article holds, while a book-length document stays linear.
const PERSONS_BACK: usize = 500;

impl<'a> Context<'a> {
    fn new(doc: &'a Document) -> Context<'a> {
        let mut paragraphs = vec![0];
        paragraphs.extend(doc.text.match_indices("\n\n").map(|(i, _)| i + 2));
        let mut persons: Vec<(usize, Span, Range<usize>)> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .flat_map(|e| e.mentions.iter().map(|m| (e.id, m.span, m.tokens.clone())))
            .collect();
        persons.sort_by_key(|&(e, span, _)| (span.start, std::cmp::Reverse(e)));
        Context { doc, entities: doc.entity_index(), paragraphs, persons }
    }

    fn paragraph(&self, byte: usize) -> usize {
        self.paragraphs.partition_point(|&p| p <= byte)
    }

    fn lemma(&self, i: usize) -> &str {
        self.doc.tokens[i].lemma.as_deref().unwrap_or("")
    }

    /// The token's relation (`dep` where the parse gave none).
    fn deprel(&self, i: usize) -> Deprel {
        self.doc.tokens[i].deprel.unwrap_or(Deprel::Dep)
    }

    /// The token's part of speech (`X` where the tagger gave none).
    fn upos(&self, i: usize) -> Upos {
        self.doc.tokens[i].upos.unwrap_or(Upos::X)
    }

    /// The last person mentioned before byte `before` (in its last mention's span),
    /// optionally only one whose mention follows a word with lemma `title`.
    fn last_person(&self, before: usize, title: Option<&str>) -> Option<(usize, Span)> {
        let earlier = &self.persons[..self.persons.partition_point(|(_, span, _)| span.start < before)];
        earlier
            .iter()
            .rev()
            .take(PERSONS_BACK)
            .find(|(_, span, tokens)| span.end <= before && title.is_none_or(|t| self.titled(tokens, t)))
            .map(|&(e, span, _)| (e, span))
    }

    /// True when a mention carries title `title`: a word shortly before it in its sentence
    /// ("spokeswoman Karin Berg", "the spokeswoman for the ministry, Karin Berg") or in
    /// apposition with it.
    fn titled(&self, mention: &Range<usize>, title: &str) -> bool {
        let is_title = |i: usize| self.lemma(i).eq_ignore_ascii_case(title);
        let sentence_start = self.doc.sentence_tokens(mention.start).start;
        let before = (mention.start.saturating_sub(6).max(sentence_start)..mention.start).any(is_title);
        let apposed = mention.clone().any(|i| {
            let head = self.doc.tokens[i].head;
            let head_is_title = self.deprel(i) == Deprel::Appos && head.is_some_and(is_title);
            head_is_title || self.doc.children(i).any(|c| self.deprel(c) == Deprel::Appos && is_title(c))
        });
        before || apposed
    }

    /// The noun a relative pronoun's clause describes ("who" in "a diplomat, who asked …").
    fn relative_antecedent(&self, pronoun: usize) -> Option<usize> {
        let relative = matches!(self.doc.tokens[pronoun].xpos.as_deref(), Some("WP" | "WDT"));
        let clause = self.doc.tokens[pronoun].head.filter(|&h| self.deprel(h) == Deprel::AclRelcl)?;
        relative.then(|| self.doc.tokens[clause].head).flatten()
    }

    /// Who the subject `subject` of a speech verb is: the entity it names, an earlier
    /// person for a pronoun or bare title, or just its words.
    fn attribution(&self, subject: usize) -> (Attribution, &'static str) {
        // "a diplomat, who asked not to be named, told …": the relative pronoun stands for
        // the noun its clause describes.
        let subject = self.relative_antecedent(subject).unwrap_or(subject);
        if let Some((entity, mention)) = self.entities.mention_at(subject) {
            let span = self.doc.entities[entity].mentions[mention].span;
            return (Attribution { span, entity: Some(entity) }, "subject of the speech verb");
        }
        let own = self.doc.tokens[subject].span;
        if self.upos(subject) == Upos::Pron {
            let person = matches!(self.lemma(subject).to_lowercase().as_str(), "he" | "she" | "i");
            let found = person.then(|| self.last_person(own.start, None)).flatten();
            let entity = found.map(|(id, _)| id);
            return (Attribution { span: own, entity }, "pronoun subject: the last person named");
        }
        // "spokesperson Maria Zakharova" parses with the name as head; "the spokeswoman,
        // Jane Doe," with the name as apposition.
        let named = self.doc.children(subject).find(|&c| {
            matches!(self.deprel(c), Deprel::Appos | Deprel::Compound | Deprel::Flat | Deprel::Nmod)
                && self.entities.entity_at(c).is_some()
        });
        let words = self.doc.subtree(subject);
        let words = words.start..words.end.min(self.first_clause_break(subject, &words));
        let span = self.doc.span_of(&words);
        if let Some(c) = named.filter(|&c| {
            self.doc.entities[self.entities.entity_at(c).unwrap()].kind == EntityType::Person
                || self.deprel(c) == Deprel::Appos
        }) {
            return (Attribution { span, entity: self.entities.entity_at(c) }, "subject of the speech verb");
        }
        let title = self.lemma(subject).to_string();
        match self.last_person(own.start, Some(&title)) {
            Some((id, _)) if self.upos(subject) == Upos::Noun && named.is_none() => {
                (Attribution { span, entity: Some(id) }, "titled subject: the last person with that title")
            }
            _ => (
                Attribution { span, entity: named.and_then(|c| self.entities.entity_at(c)) },
                "subject of the speech verb",
            ),
        }
    }

    /// Where a noun phrase's own words end: before a comma or relative clause after the head.
    fn first_clause_break(&self, head: usize, words: &Range<usize>) -> usize {
        (head + 1..words.end)
            .find(|&i| self.doc.token_text(i) == "," || matches!(self.deprel(i), Deprel::AclRelcl))
            .unwrap_or(words.end)
    }

    /// A subject the parse ran across the dateline ("CAIRO - President Hosni Mubarak
    /// said"): the highest of its words after the dateline, since the dateline's place is
    /// where the story was filed, not who spoke.
    fn after_dateline(&self, subject: usize) -> Option<usize> {
        let in_dateline = |t: usize| self.doc.in_dateline(t);
        if !in_dateline(subject) {
            return Some(subject);
        }
        let depth = |mut t: usize| {
            let mut depth = 0;
            while let Some(h) = self.doc.tokens[t].head.filter(|_| depth < 64) {
                t = h;
                depth += 1;
            }
            depth
        };
        self.doc.subtree(subject).filter(|&t| !in_dateline(t)).min_by_key(|&t| depth(t))
    }

    /// The subject of speech verb `verb`: its nominal subject (outside the quotation, when
    /// there is one), else a person's name right after it ("…,” said Blinken).
    fn speaker_token(&self, verb: usize, sentence: &Range<usize>, quote: Option<(usize, usize)>) -> Option<usize> {
        // "Varga called … and said …": a conjoined verb shares its first verb's subject.
        let mut at = verb;
        let outside = |c: usize| quote.is_none_or(|q| !inside(self.doc, c, q));
        loop {
            let subjects = self.doc.children(at).filter(|&c| self.deprel(c) == Deprel::Nsubj && outside(c));
            if let Some(subject) = subjects.filter_map(|c| self.after_dateline(c)).next() {
                return Some(subject);
            }
            match self.doc.tokens[at].head {
                Some(head) if self.deprel(at) == Deprel::Conj && sentence.contains(&head) => at = head,
                _ => break,
            }
        }
        (verb + 1 < sentence.end && self.entities.entity_at(verb + 1).is_some()).then_some(verb + 1)
    }
}

/// The source an attribution phrase outside the quotation names, in the sentences it touches.
fn source_phrase(cx: &Context, sentences: Range<usize>, inner: (usize, usize)) -> Option<Attribution> {
    sentences.clone().filter(|&i| !inside(cx.doc, i, inner)).find_map(|i| {
        let sentence = cx.doc.sentence_tokens(i);
        let (_, words) = attribution_phrase(cx, i, &sentence)?;
        Some(Attribution { span: cx.doc.span_of(&words), entity: source_entity(cx, words) })
    })
}

/// True for a token inside byte range `inner`.
fn inside(doc: &Document, token: usize, inner: (usize, usize)) -> bool {
    let span = doc.tokens[token].span;
    span.start >= inner.0 && span.end <= inner.1
}

impl Component for QuoteFinder {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tags, Layer::Parse, Layer::Entities]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn process(&self, doc: &mut Document) {
        if doc.sentences.is_empty() {
            return;
        }
        let cx = Context::new(doc);
        let marked = marks::quoted(&doc.text);
        let mut quotes: Vec<Quote> = Vec::new();
        let mut last_speaker: Option<(Attribution, usize)> = None;
        for m in &marked {
            let first = doc.tokens.partition_point(|t| t.span.end <= m.inner.0);
            let last = doc.tokens.partition_point(|t| t.span.start < m.inner.1).saturating_sub(1).max(first);
            if first >= doc.tokens.len() {
                continue;
            }
            // The sentences the quotation touches: a speech verb outside it in them is its cue.
            let sentences =
                cx.doc.sentence_tokens(first).start..cx.doc.sentence_tokens(last.min(doc.tokens.len() - 1)).end;
            let cue = sentences
                .clone()
                .filter(|&i| !inside(doc, i, m.inner) && cx.upos(i) == Upos::Verb && is_speech_verb(cx.lemma(i)))
                .min_by_key(|&i| {
                    let at = doc.tokens[i].span.start;
                    if at < m.open {
                        m.open - at
                    } else {
                        at - m.inner.1
                    }
                });
            let before = doc.text[..m.open].trim_end().chars().next_back();
            let starts_lower = doc.text[m.inner.0..].chars().next().is_some_and(char::is_lowercase);
            let kind = if before.is_some_and(char::is_alphanumeric) && starts_lower {
                QuoteKind::Partial
            } else {
                QuoteKind::Direct
            };
            let paragraph = cx.paragraph(m.open);
            let (speaker, rule) = match cue {
                Some(verb) => {
                    let sentence = cx.doc.sentence_tokens(verb);
                    match cx.speaker_token(verb, &sentence, Some(m.inner)) {
                        Some(subject) => {
                            let (attribution, rule) = cx.attribution(subject);
                            (Some(attribution), rule.to_string())
                        }
                        None => (None, "speech verb without a subject".to_string()),
                    }
                }
                None => match source_phrase(&cx, sentences.clone(), m.inner) {
                    Some(attribution) => (
                        Some(attribution),
                        "no speech verb: the source named by 'according to' or 'in the words of'".to_string(),
                    ),
                    None => match &last_speaker {
                        Some((speaker, p)) if paragraph <= p + 1 => (
                            Some(speaker.clone()),
                            "no speech verb: continues the previous quote's speaker".to_string(),
                        ),
                        _ => (None, "no speech verb and no earlier speaker".to_string()),
                    },
                },
            };
            if let Some(s) = &speaker {
                last_speaker = Some((s.clone(), paragraph));
            }
            quotes.push(Quote {
                span: Span::new(m.inner.0, m.inner.1),
                speaker,
                cue: cue.map(|v| doc.tokens[v].span),
                kind,
                rule,
            });
        }
        quotes.extend(indirect_speech(&cx, &marked));
        quotes.sort_by_key(|q| q.span.start);
        let claims = according_to(&cx);
        doc.quotes = quotes;
        doc.claims = claims;
    }
}

/// "X said (that) …" without quotation marks: a speech verb with a clausal complement.
fn indirect_speech(cx: &Context, marked: &[marks::Marked]) -> Vec<Quote> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        let quoted = marked.iter().any(|m| m.inner.0 < sentence.span.end && sentence.span.start < m.inner.1);
        if quoted {
            continue;
        }
        for verb in range.clone().filter(|&i| cx.upos(i) == Upos::Verb && is_speech_verb(cx.lemma(i))) {
            let Some(clause) = cx.doc.children(verb).find(|&c| cx.deprel(c) == Deprel::Ccomp) else { continue };
            let Some(subject) = cx.speaker_token(verb, &range, None) else { continue };
            let mut words = cx.doc.subtree(clause);
            // Leave out "that" and the sentence's final stop.
            while words.len() > 1 && matches!(doc.token_text(words.start), "that" | ",") {
                words.start += 1;
            }
            while words.len() > 1 && cx.upos(words.end - 1) == Upos::Punct {
                words.end -= 1;
            }
            if words.contains(&verb) || words.contains(&subject) {
                continue;
            }
            let (speaker, rule) = cx.attribution(subject);
            out.push(Quote {
                span: cx.doc.span_of(&words),
                speaker: Some(speaker),
                cue: Some(doc.tokens[verb].span),
                kind: QuoteKind::Indirect,
                rule: format!("reported clause of a speech verb; {rule}"),
            });
        }
    }
    out
}

/// The words of the source named by an attribution phrase at token `at` in `sentence`:
/// "according to X" or "in the words of X". The source runs to the next comma or the end of
/// the sentence, taking in a person's name set off after it ("the Crown prosecutor, Ann
/// Bell,"). Returns (the cue's tokens, the source's tokens).
fn attribution_phrase(cx: &Context, at: usize, sentence: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let doc = cx.doc;
    let word = |k: usize| (k < sentence.end).then(|| doc.token_text(k).to_lowercase());
    let cue_len = if word(at)? == "according" && word(at + 1)?.as_str() == "to" {
        2
    } else if word(at)? == "in" && word(at + 1)? == "the" && word(at + 2)? == "words" && word(at + 3)? == "of" {
        4
    } else {
        return None;
    };
    let start = at + cue_len;
    let mut end = (start..sentence.end)
        .find(|&k| doc.token_text(k) == "," || (k + 1 == sentence.end && cx.upos(k) == Upos::Punct))
        .unwrap_or(sentence.end);
    if end <= start {
        return None;
    }
    let person_after = end + 1 < sentence.end
        && doc.token_text(end) == ","
        && cx.entities.entity_at(end + 1).is_some_and(|e| doc.entities[e].kind == EntityType::Person);
    if person_after {
        let e = cx.entities.entity_at(end + 1).unwrap();
        end = doc.entities[e].mentions.iter().find(|m| m.tokens.contains(&(end + 1))).map_or(end + 2, |m| m.tokens.end);
    }
    Some((at..start, start..end))
}

/// "…, according to X" and "According to X, …": the rest of the sentence is X's claim.
fn according_to(cx: &Context) -> Vec<Claim> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        for i in range.clone() {
            let Some((cue, source_words)) = attribution_phrase(cx, i, &range) else { continue };
            if cue.len() != 2 {
                continue;
            }
            // The claim: the sentence on the other side of the attribution.
            let mut claim = if i == range.start { source_words.end..range.end } else { range.start..i };
            while claim.len() > 1 && matches!(doc.token_text(claim.start), "," | "—") {
                claim.start += 1;
            }
            while claim.len() > 1 && cx.upos(claim.end - 1) == Upos::Punct {
                claim.end -= 1;
            }
            if claim.is_empty() {
                continue;
            }
            out.push(Claim {
                span: cx.doc.span_of(&claim),
                source: Attribution { span: cx.doc.span_of(&source_words), entity: source_entity(cx, source_words) },
                cue: cx.doc.span_of(&cue),
                rule: "according to".to_string(),
            });
        }
    }
    out
}

/// The entity a source phrase names: a person in it, else the organisation its head
/// belongs to ("a State Department official").
fn source_entity(cx: &Context, words: Range<usize>) -> Option<usize> {
    let mut entities = words.clone().filter_map(|i| cx.entities.entity_at(i));
    let person =
        words.clone().filter_map(|i| cx.entities.entity_at(i)).find(|&e| cx.doc.entities[e].kind == EntityType::Person);
    // A person after "with" or "of" is a companion, not the source ("an official traveling with Blinken").
    let companion = |e: usize| {
        cx.doc.entities[e].mentions.iter().filter(|m| words.contains(&m.tokens.start)).all(|m| {
            let before = m.tokens.start.checked_sub(1).map(|p| cx.doc.token_text(p).to_lowercase());
            matches!(before.as_deref(), Some("with" | "of" | "for" | "by"))
        })
    };
    person.filter(|&e| !companion(e)).or_else(|| entities.find(|&e| cx.doc.entities[e].kind != EntityType::Person))
}
