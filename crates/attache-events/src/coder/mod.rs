//! The event coder: finds verbs (and event nouns) of the lexicons in each sentence, matches
//! their patterns, and reads the source and target from the parse — subject and object,
//! the agent of a passive ("X was freed by Y"), the controller of an infinitive ("X agreed
//! to meet Y", "X called on Y to release Z") — falling back to the first actor before and
//! after the verb as TABARI did.
//!
//! - [`matching`]: the lexicons' verbs and patterns in a sentence;
//! - [`frames`]: word senses the argument frame decides (attacking a plan is criticism);
//! - [`stance`]: stances toward an action (appeals, demands, intents, threats);
//! - [`arguments`]: the rules that read source and target from the parse;
//! - [`attributes`]: date, place, negation, modality and attribution;
//! - [`emit`]: the events a coding makes;
//! - [`sentence`]: the parse questions all of them ask.

mod arguments;
mod attributes;
mod emit;
mod frames;
mod matching;
mod sentence;
mod stance;

use crate::chart::Chart;
use crate::discards::Discards;
use crate::lexicon::{Code, Trigger, VerbLexicon};
use attache_doc::{Component, Deprel, Document, Event, Layer};
use attributes::is_negated;
use frames::Sense;
use sentence::{depth, Sentence, SentenceLayers};
use stance::{embedded_infinitive, light_verb};
use std::ops::Range;

/// The pipeline component that fills [`Document::events`].
#[derive(Clone, Debug)]
pub struct EventCoder {
    /// The user's lexicons first, the built-in one (if kept) last.
    lexicons: Vec<VerbLexicon>,
    discards: Vec<Discards>,
}

impl EventCoder {
    /// The coder with Attaché's built-in lexicons: its own, then the CAMEO dictionary's
    /// verbs it lacks.
    pub fn builtin() -> EventCoder {
        EventCoder { lexicons: vec![VerbLexicon::builtin(), VerbLexicon::builtin_cameo()], discards: Vec::new() }
    }

    /// Adds a user's verb lexicon, consulted before those added earlier and the built-in one.
    pub fn with_verbs(mut self, lexicon: VerbLexicon) -> EventCoder {
        self.lexicons.insert(0, lexicon);
        self
    }

    /// Drops the built-in lexicon: only the user's verbs code events.
    pub fn without_builtin_verbs(mut self) -> EventCoder {
        self.lexicons.retain(|l| !l.is_builtin());
        self
    }

    /// Adds a discard list.
    pub fn with_discards(mut self, discards: Discards) -> EventCoder {
        self.discards.push(discards);
        self
    }
}

/// Where a pattern's actor marks matched: token positions of the hits.
#[derive(Default)]
pub(super) struct Bindings {
    pub(super) source: Option<usize>,
    pub(super) target: Option<usize>,
    pub(super) compound: Option<usize>,
    /// Tokens of the pattern's words.
    pub(super) words: Vec<usize>,
    /// True when the pattern's words include a negation.
    pub(super) negation: bool,
}

/// A verb of a lexicon found in the sentence.
pub(super) struct Found<'l> {
    pub(super) lexicon: &'l VerbLexicon,
    pub(super) trigger: &'l Trigger,
    /// The verb token.
    pub(super) verb: usize,
    /// The trigger's words ("broke down").
    pub(super) tokens: Range<usize>,
}

/// An event found, before its participants are read: the verb or event noun, its code, and
/// where its participants and circumstances come from.
pub(super) struct Coding {
    /// The verb or event noun.
    pub(super) verb: usize,
    /// The words naming the event.
    pub(super) trigger: Range<usize>,
    /// Coded under Attaché's rules (a lemma lexicon) rather than PETRARCH's.
    pub(super) by_lemma: bool,
    pub(super) is_noun: bool,
    pub(super) code: Code,
    pub(super) rule: String,
    pub(super) bindings: Bindings,
    pub(super) negated: bool,
    /// The clause the date, place, modality and attribution come from: the verb's own, a
    /// light verb's ("staged a protest"), or a speech verb's ("said Y must").
    pub(super) clause: usize,
    /// The complement whose action the code took in ("threatened to cut ties"); its objects
    /// are targets.
    pub(super) complement: Option<usize>,
    /// Heads of the arguments a rule assigned: the speaker and the one obliged ("X said Y
    /// must …").
    pub(super) source_head: Option<usize>,
    pub(super) target_head: Option<usize>,
}

impl EventCoder {
    fn code_sentence(&self, doc: &Document, index: usize, layers: &SentenceLayers, events: &mut Vec<Event>) {
        let sentence = &doc.sentences[index];
        let tokens = sentence.tokens.clone();
        let words: Vec<String> = tokens.clone().map(|t| doc.token_text(t).to_uppercase().replace('’', "'")).collect();
        if self.discards.iter().any(|d| d.sentence_discard(&words).is_some()) {
            return;
        }
        let attache_rules = self.lexicons.iter().any(|l| l.by_lemma);
        let chart = Chart::of_sentence(doc, &tokens);
        let lemmas = tokens
            .clone()
            .map(|t| doc.tokens[t].lemma.as_deref().map_or_else(|| words[t - tokens.start].clone(), str::to_uppercase))
            .collect();
        let s = Sentence {
            doc,
            tokens: tokens.clone(),
            timexes: &layers.timexes[index],
            mentions: &layers.mentions[index],
            quotes: &layers.quotes[index],
            claims: &layers.claims[index],
            words,
            lemmas,
            chart,
            resolve_pronouns: attache_rules,
        };
        let mut verbs: Vec<Vec<Found>> =
            tokens.clone().map(|t| self.triggers_at(&s, t)).filter(|f| !f.is_empty()).collect();
        // Higher clauses first, so a pattern that spans a lower verb ("* TO RELEASE") uses it up.
        verbs.sort_by_key(|f| depth(doc, f[0].verb));
        let mut used: Vec<usize> = Vec::new();
        let mut coded: Vec<usize> = Vec::new();
        let mut codings = Vec::new();
        if attache_rules {
            let modals = tokens
                .clone()
                .filter(|&t| matches!(s.word(t), "MUST" | "SHOULD" | "OUGHT") && s.deprel(t) == Deprel::Aux);
            let clauses: Vec<usize> = modals.filter_map(|t| doc.tokens[t].head).collect();
            for clause in clauses {
                if let Some(coding) = self.obligation(&s, clause, &mut used) {
                    coded.push(coding.verb);
                    codings.push(coding);
                }
            }
        }
        for candidates in &verbs {
            let verb = candidates[0].verb;
            // A participle describing a noun ("detained American Paul Whelan") is no report.
            let participle = matches!(s.deprel(verb), Deprel::Amod) && candidates[0].lexicon.by_lemma;
            if used.contains(&verb) || participle || embedded_infinitive(&s, verb, &coded) {
                continue;
            }
            let (f, code, rule, bindings) = self.code_verb(&s, candidates);
            used.extend(bindings.words.iter().copied());
            if code.is_null() {
                continue;
            }
            coded.push(f.verb);
            let is_noun = f.lexicon.blocks[f.trigger.block].nouns;
            let mut coding = Coding {
                verb: f.verb,
                trigger: f.tokens.clone(),
                by_lemma: f.lexicon.by_lemma,
                is_noun,
                code,
                rule,
                bindings,
                negated: is_negated(&s, f.verb),
                clause: f.verb,
                complement: None,
                source_head: None,
                target_head: None,
            };
            if coding.by_lemma {
                match frames::sense(&s, &coding) {
                    Sense::NoEvent(_) => continue,
                    Sense::Recoded(code, why) => {
                        coding.code = Code { forward: Some(code.to_string()), reverse: None };
                        coding.rule = format!("{}; {why}: {code}", coding.rule);
                    }
                    Sense::Kept => {}
                }
                self.take_stance(&s, &mut coding, &mut used);
                used.extend(accused_act(&s, &coding));
                if is_noun {
                    coding.clause = light_verb(&s, f.verb, &coded).unwrap_or(f.verb);
                }
            }
            // A denied event is kept, flagged, with Attaché's lexicon (a store weighs it
            // against the reports that assert it); PETRARCH's dictionaries code none.
            if coding.negated && !coding.bindings.negation && !coding.by_lemma {
                continue;
            }
            codings.push(coding);
        }
        // Emitted in text order: a later event may read an earlier one (an implicit agent).
        codings.sort_by_key(|c| c.verb);
        for coding in codings {
            self.emit(&s, index, coding, events);
        }
    }
}

/// Events that report again, in the next sentences, an event the article already gave:
/// the same kind of act (CAMEO root) between the same actors, on the same date, with the
/// same modality and negation, by the same source ("X and Y consulted on Sunday … The two
/// met at the residence"). Counting them again would count one act twice.
fn without_repeats(events: Vec<Event>) -> Vec<Event> {
    const NEAR: usize = 2;
    let code = |p: &Option<attache_doc::Participant>| p.as_ref().and_then(|p| p.code.clone());
    let date = |e: &Event| e.date.as_ref().map(|d| d.value.clone());
    let same = |a: &Event, b: &Event| {
        let pair = (code(&a.source), code(&a.target)) == (code(&b.source), code(&b.target))
            || (arguments::is_mutual(&a.cameo)
                && (code(&a.source), code(&a.target)) == (code(&b.target), code(&b.source)));
        a.cameo.get(..2) == b.cameo.get(..2)
            && pair
            && code(&a.source).is_some()
            && code(&a.target).is_some()
            && date(a) == date(b)
            && a.modality == b.modality
            && a.negated == b.negated
            && source_of_report(a) == source_of_report(b)
    };
    let mut kept: Vec<Event> = Vec::new();
    for event in events {
        // Events come in sentence order: only the last few kept can be near.
        let repeat = kept
            .iter()
            .rev()
            .take_while(|k| event.sentence <= k.sentence + NEAR)
            .any(|k| k.sentence < event.sentence && same(k, &event));
        if !repeat {
            kept.push(event);
        }
    }
    kept
}

/// Who reports an event, for [`without_repeats`]: reports by different speakers are kept
/// apart, as a store weighs them against each other.
fn source_of_report(e: &Event) -> Option<(Option<usize>, attache_doc::Span)> {
    e.attribution.as_ref().map(|a| (a.entity, a.span))
}

/// The words of the act an accusation charges ("accused X of killing civilians in
/// shelling", "blames Y for the violence that killed 2,000"): what is alleged is no report
/// that it happened, so it is not coded on its own (docs/coding-guidelines.md §7).
fn accused_act(s: &Sentence, coding: &Coding) -> Vec<usize> {
    if !coding.code.forward.as_deref().is_some_and(|c| c.starts_with("112")) {
        return Vec::new();
    }
    let charge = |c: &usize| {
        matches!(s.deprel(*c).base(), Deprel::Advcl | Deprel::Acl | Deprel::Obl | Deprel::Nmod)
            && sentence::has_case(s, *c, &["of", "for"])
    };
    // The charge hangs from the verb or, in many parses, from the accused.
    let accused = s.doc.children(coding.verb).filter(|&c| s.deprel(c) == Deprel::Obj);
    let heads: Vec<usize> = std::iter::once(coding.verb).chain(accused).collect();
    heads.into_iter().flat_map(|h| s.doc.children(h)).filter(charge).flat_map(|c| s.doc.subtree(c)).collect()
}

impl Component for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tags, Layer::Parse, Layer::Places, Layer::Actors, Layer::Timexes, Layer::Quotes]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn process(&self, doc: &mut Document) {
        let discarded = !self.discards.is_empty() && {
            let words: Vec<String> = (0..doc.tokens.len()).map(|t| doc.token_text(t).to_uppercase()).collect();
            self.discards.iter().any(|d| d.story_discard(&words).is_some())
        };
        if discarded {
            doc.events.clear();
            return;
        }
        let mut events = Vec::new();
        let layers = SentenceLayers::of(doc);
        for index in 0..doc.sentences.len() {
            self.code_sentence(doc, index, &layers, &mut events);
        }
        doc.events = without_repeats(events);
    }
}
