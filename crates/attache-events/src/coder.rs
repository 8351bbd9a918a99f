//! The event coder: finds verbs (and event nouns) of the lexicons in each sentence, matches
//! their patterns, and reads the source and target from the parse — subject and object,
//! the agent of a passive ("X was freed by Y"), the controller of an infinitive ("X agreed
//! to meet Y", "X called on Y to release Z") — falling back to the first actor before and
//! after the verb as TABARI did.

use crate::cameo::CameoTable;
use crate::chart::Chart;
use crate::compose::{compose, is_conflict, is_cooperation, Stance};
use crate::discards::Discards;
use crate::lexicon::{Code, Element, Pattern, Step, Trigger, VerbLexicon};
use attache_doc::{
    ActorPhrase, Attribution, Component, Document, EntityType, Event, EventDate, EventPlace, Layer, Modality,
    Participant,
};
use attache_gazetteer::Gazetteer;
use attache_quotes::is_speech_verb;
use std::ops::Range;

/// The pipeline component that fills [`Document::events`].
#[derive(Clone, Debug)]
pub struct EventCoder {
    /// The user's lexicons first, the built-in one (if kept) last.
    lexicons: Vec<VerbLexicon>,
    discards: Vec<Discards>,
}

/// Words that negate the verb they modify.
const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", "WITHOUT"];

/// Auxiliaries that make an event planned or hypothetical.
const PLANNED_AUX: &[&str] = &["will", "shall", "'ll"];
const HYPOTHETICAL_AUX: &[&str] = &["would", "could", "might", "may", "should", "can", "must", "'d"];

/// Verbs whose infinitive complement is planned ("agreed to meet") or only wished for
/// ("urged Y to release Z").
const PLANNING_VERBS: &[&str] = &[
    "plan", "intend", "agree", "expect", "aim", "prepare", "promise", "pledge", "vow", "decide", "schedule", "set",
    "about", "go", "offer", "propose", "try", "seek", "attempt", "want", "hope", "wish", "threaten", "refuse", "ready",
    "willing", "due",
];
const APPEAL_VERBS: &[&str] =
    &["urge", "call", "ask", "demand", "appeal", "press", "request", "invite", "tell", "order", "encourage", "push"];

/// Verbs of belief: like a speech verb's, their complement is what their subject holds true.
const BELIEF_VERBS: &[&str] = &["believe", "think"];

/// Personal pronouns that refer back to an actor.
const PRONOUNS: &[&str] = &["HE", "SHE", "IT", "THEY", "WE", "HIM", "HER", "THEM", "US", "HIS", "ITS", "THEIR", "OUR"];

/// Verbs and adjectives by which an actor commits to what its infinitive says ("agreed to",
/// "is ready to"): the action becomes an intent (CAMEO 03), or a threat.
const COMMITMENT_VERBS: &[&str] = &[
    "plan",
    "intend",
    "prepare",
    "prepared",
    "promise",
    "pledge",
    "vow",
    "decide",
    "agree",
    "offer",
    "propose",
    "ready",
    "willing",
    "commit",
    "committed",
    "determined",
    "resolve",
    "about",
];

/// Prepositions that introduce a target ("talked with", "appealed to", "fired at").
const TARGET_CASES: &[&str] = &[
    "with", "to", "against", "on", "at", "into", "toward", "towards", "for", "from", "over", "about", "upon", "of",
    "between", "in", "by",
];

/// Clause relations: the words under them belong to another clause.
const CLAUSE_RELATIONS: &[&str] =
    &["acl", "acl:relcl", "advcl", "ccomp", "parataxis", "xcomp", "csubj", "conj", "list"];

impl EventCoder {
    /// The coder with Attaché's built-in lexicon.
    pub fn builtin() -> EventCoder {
        EventCoder { lexicons: vec![VerbLexicon::builtin()], discards: Vec::new() }
    }

    /// Adds a user's verb lexicon, consulted before those added earlier and the built-in one.
    pub fn with_verbs(mut self, lexicon: VerbLexicon) -> EventCoder {
        self.lexicons.insert(0, lexicon);
        self
    }

    /// Drops the built-in lexicon: only the user's verbs code events.
    pub fn without_builtin_verbs(mut self) -> EventCoder {
        self.lexicons.retain(|l| l.name != "attache:verbs");
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
struct Bindings {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// Tokens of the pattern's words.
    words: Vec<usize>,
    /// True when the pattern's words include a negation.
    negation: bool,
}

/// A verb of a lexicon found in the sentence.
struct Found<'l> {
    lexicon: &'l VerbLexicon,
    trigger: &'l Trigger,
    /// The verb token.
    verb: usize,
    /// The trigger's words ("broke down").
    tokens: Range<usize>,
}

/// An event found, before its participants are read: the verb or event noun, its code, and
/// where its participants and circumstances come from.
struct Coding {
    /// The verb or event noun.
    verb: usize,
    /// The words naming the event.
    trigger: Range<usize>,
    /// Coded under Attaché's rules (a lemma lexicon) rather than PETRARCH's.
    by_lemma: bool,
    is_noun: bool,
    code: Code,
    rule: String,
    bindings: Bindings,
    negated: bool,
    /// The clause the date, place, modality and attribution come from: the verb's own, a
    /// light verb's ("staged a protest"), or a speech verb's ("said Y must").
    clause: usize,
    /// The complement whose action the code took in ("threatened to cut ties"); its objects
    /// are targets.
    complement: Option<usize>,
    /// Heads of the arguments a rule assigned: the speaker and the one obliged ("X said Y
    /// must …").
    source_head: Option<usize>,
    target_head: Option<usize>,
}

/// Per-sentence state.
struct Sentence<'a> {
    doc: &'a Document,
    tokens: Range<usize>,
    /// Upper-case words, one per token of the sentence.
    words: Vec<String>,
    /// Upper-case lemmas, one per token (the word where the tagger gave none).
    lemmas: Vec<String>,
    chart: Chart<'a>,
    /// Under Attaché's rules, personal pronouns stand for the subject they refer to.
    resolve_pronouns: bool,
}

impl<'a> Sentence<'a> {
    fn word(&self, t: usize) -> &str {
        &self.words[t - self.tokens.start]
    }

    fn deprel(&self, t: usize) -> &str {
        self.doc.tokens[t].deprel.as_deref().unwrap_or("")
    }

    fn lemma(&self, t: usize) -> String {
        self.doc.tokens[t].lemma.clone().unwrap_or_else(|| self.doc.token_text(t).to_lowercase())
    }

    /// True when `t` lies under `root` without crossing into another clause.
    fn in_phrase(&self, t: usize, root: usize) -> bool {
        let mut at = t;
        for _ in 0..64 {
            if at == root {
                return true;
            }
            if CLAUSE_RELATIONS.contains(&self.deprel(at)) {
                return false;
            }
            match self.doc.tokens[at].head {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// The nearest verb or event-noun ancestor clause of `t`: the first ancestor reached
    /// through a clause relation, or the root.
    fn clause_of(&self, t: usize) -> usize {
        let mut at = t;
        for _ in 0..64 {
            let Some(h) = self.doc.tokens[at].head else { return at };
            if CLAUSE_RELATIONS.contains(&self.deprel(at)) && at != t {
                return at;
            }
            at = h;
        }
        at
    }

    /// True when token `t`'s nearest clause head is `verb`.
    fn in_clause(&self, t: usize, verb: usize) -> bool {
        let mut at = t;
        for _ in 0..64 {
            if at == verb {
                return true;
            }
            if at != t && CLAUSE_RELATIONS.contains(&self.deprel(at)) {
                return false;
            }
            if CLAUSE_RELATIONS.contains(&self.deprel(at)) && at == t && self.doc.tokens[t].head != Some(verb) {
                return false;
            }
            match self.doc.tokens[at].head {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// The head of the clause a relative, adverbial or infinitive clause belongs to.
    fn parent_clause(&self, verb: usize) -> Option<usize> {
        if !matches!(self.deprel(verb), "acl:relcl" | "acl" | "advcl" | "xcomp") {
            return None;
        }
        let mut at = self.doc.tokens[verb].head?;
        for _ in 0..16 {
            if CLAUSE_RELATIONS.contains(&self.deprel(at)) || self.doc.tokens[at].head.is_none() {
                return Some(at);
            }
            at = self.doc.tokens[at].head?;
        }
        None
    }

    fn is_passive(&self, verb: usize) -> bool {
        self.doc.children(verb).any(|c| matches!(self.deprel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }

    /// The subject of `verb`, following shared subjects of conjoined verbs and the
    /// controllers of infinitives. The bool is true for a passive subject.
    fn subject(&self, verb: usize) -> Option<usize> {
        let mut at = verb;
        for _ in 0..8 {
            if let Some(s) = self.doc.child_with(at, &["nsubj", "nsubj:pass", "csubj"]) {
                return Some(s);
            }
            let head = self.doc.tokens[at].head?;
            match self.deprel(at) {
                "xcomp" => {
                    if let Some(object) = self.doc.child_with(head, &["obj", "iobj"]) {
                        return Some(object);
                    }
                }
                // A finite adverbial clause has a subject of its own ("since Russia
                // invaded"): where the parse lost it, the actor just before the verb.
                "advcl" if matches!(self.doc.tokens[at].xpos.as_deref(), Some("VBD" | "VBZ" | "VBP")) => {
                    return self.chart.hits.iter().find(|h| h.tokens.end == at).map(|h| h.head);
                }
                "conj" | "advcl" => {}
                "acl:relcl" | "acl" => return Some(head),
                _ => return None,
            }
            at = head;
        }
        None
    }

    /// The object of `verb`, or where it has none (or only a bare role, "mobilized troops
    /// against Ukraine"), a named prepositional object; with how it was found.
    fn objects(&self, verb: usize) -> (Vec<&ActorPhrase>, &'static str) {
        let objects = self.doc.child_with(verb, &["obj", "iobj"]).map(|h| self.argument(h)).unwrap_or_default();
        let bare = !objects.is_empty() && objects.iter().all(|h| h.bare);
        if !objects.is_empty() && !bare {
            return (objects, "object");
        }
        let named = self.prepositional_objects(verb, TARGET_CASES);
        if named.is_empty() {
            (objects, "object")
        } else {
            (named, "prepositional object")
        }
    }

    /// The first prepositional object of `verb` with one of `cases` that names an actor (not
    /// "by", not a city the event happens in, not a time: "on Thursday in New Delhi").
    fn prepositional_objects(&self, verb: usize, cases: &[&str]) -> Vec<&ActorPhrase> {
        let is_time = |t: usize| self.doc.timexes.iter().any(|x| x.tokens.contains(&t));
        // "on the sidelines of a meeting of G20 ministers" says where, not with whom.
        let is_setting = |t: usize| matches!(self.lemma(t).as_str(), "sideline" | "sidelines" | "margin" | "margins");
        self.doc
            .children(verb)
            .filter(|&c| {
                matches!(self.deprel(c), "obl" | "nmod" | "obl:arg")
                    && has_case(self, c, cases)
                    && !has_case(self, c, &["by"])
                    && !is_place_in(self, c)
                    && !is_time(c)
                    && !is_setting(c)
            })
            .find_map(|c| non_empty(self.argument(c)))
            .unwrap_or_default()
    }

    /// The hits of an argument phrase headed by `head`; a relative pronoun stands for the
    /// noun its clause modifies ("Griner, the latter of whom was freed"), a personal pronoun
    /// for the subject it refers to ("Hungary said it will support").
    fn argument(&self, head: usize) -> Vec<&ActorPhrase> {
        if self.resolve_pronouns && PRONOUNS.contains(&self.word(head)) {
            return self.pronoun_antecedent(head).map(|a| self.argument(a)).unwrap_or_default();
        }
        if let Some(antecedent) = self.relative_antecedent(head) {
            let hits = self.argument(antecedent);
            let words: Vec<&str> =
                self.tokens.clone().filter(|&t| self.in_phrase(t, head)).map(|t| self.word(t)).collect();
            if words.contains(&"LATTER") {
                return hits.last().map(|h| vec![*h]).unwrap_or_default();
            }
            if words.contains(&"FORMER") {
                return hits.first().map(|h| vec![*h]).unwrap_or_default();
            }
            return hits;
        }
        self.phrase_hits(head)
    }

    /// The subject a personal pronoun refers to: the nearest subject of a clause above it
    /// that names an actor the pronoun can stand for ("Hungary said it will", "Israel
    /// strengthened its forces"; "it" is no person, "he" no country); an object pronoun skips
    /// its own clause's subject ("Russia attacked them"). Failing that, the nearest such
    /// actor before it ("a reminder to Iraq that it must").
    fn pronoun_antecedent(&self, pronoun: usize) -> Option<usize> {
        let word = self.word(pronoun);
        let fits = |hit: &ActorPhrase| {
            let kind = hit.entity.map(|e| self.doc.entities[e].kind);
            let country = kind == Some(EntityType::Place) || (kind.is_none() && !hit.bare && hit.code.len() == 3);
            match word {
                "IT" | "ITS" => kind != Some(EntityType::Person),
                "HE" | "SHE" | "HIM" | "HER" | "HIS" => !country,
                _ => true,
            }
        };
        let object = matches!(self.deprel(pronoun), "obj" | "iobj");
        let mut below = pronoun;
        let mut at = self.doc.tokens[pronoun].head;
        for _ in 0..16 {
            let Some(clause) = at else { break };
            let own_clause =
                below == pronoun || !CLAUSE_RELATIONS.contains(&self.deprel(below)) && self.in_clause(pronoun, clause);
            if let Some(subject) = self.doc.child_with(clause, &["nsubj", "nsubj:pass"]) {
                let candidate = subject != pronoun
                    && subject != below
                    && !PRONOUNS.contains(&self.word(subject))
                    && !(object && own_clause);
                if candidate && self.phrase_hits(subject).first().is_some_and(|h| fits(h)) {
                    return Some(subject);
                }
            }
            below = clause;
            at = self.doc.tokens[clause].head;
        }
        self.chart.hits.iter().rev().find(|h| h.tokens.end <= pronoun && fits(h)).map(|h| h.head)
    }

    /// For a phrase holding a relative pronoun, the noun its relative clause modifies.
    fn relative_antecedent(&self, head: usize) -> Option<usize> {
        let relative =
            self.tokens.clone().any(|t| {
                self.in_phrase(t, head) && matches!(self.word(t), "WHO" | "WHOM" | "WHICH" | "THAT" | "WHOSE")
            }) && self.doc.tokens[head].upos.as_deref() != Some("PROPN");
        if !relative {
            return None;
        }
        let mut at = head;
        for _ in 0..8 {
            let Some(parent) = self.doc.tokens[at].head else { break };
            if self.deprel(at) == "acl:relcl" {
                return Some(parent);
            }
            at = parent;
        }
        // A relative clause the parse cut loose: the name just before it.
        let start = self.tokens.clone().find(|&t| self.in_phrase(t, head))?;
        self.chart.hits.iter().rev().find(|h| h.tokens.end <= start).map(|h| h.head)
    }

    /// The hits in the phrase headed by `head`, with their conjuncts.
    fn phrase_hits(&self, head: usize) -> Vec<&ActorPhrase> {
        // A name with a country before a bare role noun ("military ties with Gondor").
        let inside = |h: &ActorPhrase| self.in_phrase(h.head, head);
        let first = self
            .chart
            .hits
            .iter()
            .position(|h| inside(h) && !h.bare)
            .or_else(|| self.chart.hits.iter().position(inside));
        match first {
            Some(first) => self.chart.with_conjuncts(self.doc, first, |_| true),
            None => Vec::new(),
        }
    }

    /// The first hit at or after token `from` (before `to`), with its conjuncts.
    fn hit_forward(&self, from: usize, adjacent: bool) -> Option<usize> {
        let n = self.chart.hits.iter().position(|h| h.tokens.start >= from)?;
        let start = self.chart.hits[n].tokens.start;
        let skippable = |t: usize| matches!(self.word(t), "THE" | "A" | "AN");
        if adjacent && !(from..start).all(skippable) {
            return None;
        }
        Some(n)
    }

    /// The last hit ending at or before token `to`.
    fn hit_backward(&self, to: usize, adjacent: bool) -> Option<usize> {
        let n = self.chart.hits.iter().rposition(|h| h.tokens.end <= to && h.tokens.start >= self.tokens.start)?;
        if adjacent && self.chart.hits[n].tokens.end != to {
            return None;
        }
        Some(n)
    }
}

/// Whether the sentence's words at `at` spell `phrase`, word by word or, for a lexicon
/// matched by lemma, lemma by lemma ("* TALK" matches "talks").
fn spells_in(s: &Sentence, by_lemma: bool, at: usize, phrase: &[String]) -> bool {
    at + phrase.len() <= s.words.len()
        && phrase.iter().enumerate().all(|(i, p)| s.words[at + i] == *p || (by_lemma && s.lemmas[at + i] == *p))
}

impl EventCoder {
    /// The lexicon verbs at token `t` (a word may head several blocks): the first lexicon
    /// that knows the word wins.
    fn triggers_at<'l>(&'l self, s: &Sentence, t: usize) -> Vec<Found<'l>> {
        let upos = s.doc.tokens[t].upos.as_deref().unwrap_or("");
        if !matches!(upos, "VERB" | "NOUN") {
            return Vec::new();
        }
        for lexicon in &self.lexicons {
            let mut found = Vec::new();
            let word = s.word(t).to_string();
            let keys = if lexicon.by_lemma { vec![s.lemma(t).to_uppercase(), word] } else { vec![word] };
            let triggers = keys.iter().map(|k| lexicon.triggers(k)).find(|t| !t.is_empty()).unwrap_or(&[]);
            for trigger in triggers {
                let nouns = lexicon.blocks[trigger.block].nouns;
                if nouns != (upos == "NOUN") {
                    continue;
                }
                let rel = t - s.tokens.start;
                let before_ok =
                    rel >= trigger.before.len() && spells_in(s, false, rel - trigger.before.len(), &trigger.before);
                let after_ok = spells_in(s, false, rel + 1, &trigger.after);
                if before_ok && after_ok {
                    let tokens = t - trigger.before.len()..t + 1 + trigger.after.len();
                    found.push(Found { lexicon, trigger, verb: t, tokens });
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// Matches a pattern around the trigger's words.
    fn match_pattern(&self, s: &Sentence, found: &Found, pattern: &Pattern) -> Option<Bindings> {
        let mut bindings = Bindings::default();
        let rel_start = found.tokens.start - s.tokens.start;
        let rel_end = found.tokens.end - s.tokens.start;
        // Before the verb, nearest first: `pos` is the relative index the next element must end at or before.
        let mut pos = rel_start;
        let by_lemma = found.lexicon.by_lemma;
        for step in &pattern.before {
            pos = self.match_step(s, step, pos, false, by_lemma, &mut bindings)?;
        }
        let mut pos = rel_end;
        for step in &pattern.after {
            pos = self.match_step(s, step, pos, true, by_lemma, &mut bindings)?;
        }
        Some(bindings)
    }

    /// Matches one element going forward from (or backward to) relative index `pos`;
    /// returns the new position.
    fn match_step(
        &self,
        s: &Sentence,
        step: &Step,
        pos: usize,
        forward: bool,
        by_lemma: bool,
        bindings: &mut Bindings,
    ) -> Option<usize> {
        let n = s.words.len();
        let base = s.tokens.start;
        match &step.element {
            Element::Words(phrases) => {
                let fits = |at: usize| phrases.iter().find(|p| spells_in(s, by_lemma, at, p)).map(|p| p.len());
                let found = if forward {
                    let last = if step.adjacent { pos.min(n) } else { n.saturating_sub(1) };
                    (pos..=last).filter(|&at| at < n).find_map(|at| fits(at).map(|len| (at, len)))
                } else {
                    (0..pos).rev().find_map(|at| {
                        fits(at)
                            .filter(|len| at + len <= pos && (!step.adjacent || at + len == pos))
                            .map(|len| (at, len))
                    })
                }?;
                let (at, len) = found;
                if phrases.iter().any(|p| p.iter().any(|w| NEGATIONS.contains(&w.as_str()))) {
                    bindings.negation = true;
                }
                bindings.words.extend((at..at + len).map(|i| base + i));
                Some(if forward { at + len } else { at })
            }
            Element::Source | Element::Target | Element::Compound => {
                let hit = if forward {
                    s.hit_forward(base + pos, step.adjacent)?
                } else {
                    s.hit_backward(base + pos, step.adjacent)?
                };
                let tokens = s.chart.hits[hit].tokens.clone();
                let slot = match step.element {
                    Element::Source => &mut bindings.source,
                    Element::Target => &mut bindings.target,
                    _ => &mut bindings.compound,
                };
                *slot = Some(hit);
                Some(if forward { tokens.end - base } else { tokens.start - base })
            }
            Element::Skip => {
                if forward {
                    let at = base + pos;
                    let end = s.chart.at(at).map_or(at + 1, |h| s.chart.hits[h].tokens.end);
                    (end - base <= n).then_some(end - base)
                } else {
                    let at = (base + pos).checked_sub(1).filter(|&a| a >= base)?;
                    Some(s.chart.at(at).map_or(at, |h| s.chart.hits[h].tokens.start) - base)
                }
            }
        }
    }

    /// The most specific pattern of the verb's blocks that matches, else the verb alone
    /// (its first entry with a code): the entry used, its code, the rule and the bindings.
    fn code_verb<'f, 'l>(&self, s: &Sentence, candidates: &'f [Found<'l>]) -> (&'f Found<'l>, Code, String, Bindings) {
        for found in candidates {
            let block = &found.lexicon.blocks[found.trigger.block];
            for pattern in &block.patterns {
                if let Some(bindings) = self.match_pattern(s, found, pattern) {
                    let rule =
                        format!("{} {} line {}: - {}", found.lexicon.name, block.name, pattern.line, pattern.text);
                    return (found, pattern.code.clone(), rule, bindings);
                }
            }
        }
        let found = candidates.iter().find(|f| !f.trigger.code.is_null()).unwrap_or(&candidates[0]);
        let block = &found.lexicon.blocks[found.trigger.block];
        let rule = format!("{} {}: {} alone", found.lexicon.name, block.name, found.trigger.text);
        (found, found.trigger.code.clone(), rule, Bindings::default())
    }

    fn code_sentence(&self, doc: &Document, index: usize, events: &mut Vec<Event>) {
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
        let s = Sentence { doc, tokens: tokens.clone(), words, lemmas, chart, resolve_pronouns: attache_rules };
        let mut verbs: Vec<Vec<Found>> =
            tokens.clone().map(|t| self.triggers_at(&s, t)).filter(|f| !f.is_empty()).collect();
        // Higher clauses first, so a pattern that spans a lower verb ("* TO RELEASE") uses it up.
        verbs.sort_by_key(|f| depth(doc, f[0].verb));
        let mut used: Vec<usize> = Vec::new();
        let mut coded: Vec<usize> = Vec::new();
        let mut codings = Vec::new();
        if attache_rules {
            let modals =
                tokens.clone().filter(|&t| matches!(s.word(t), "MUST" | "SHOULD" | "OUGHT") && s.deprel(t) == "aux");
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
            let participle = matches!(s.deprel(verb), "amod") && candidates[0].lexicon.by_lemma;
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
                self.take_stance(&s, &mut coding, &mut used);
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

    /// Codes a stance toward an action as CAMEO does ("threatened to cut ties" → 1313,
    /// "refused to release" → 1243), from a generic appeal, intent, demand, rejection or
    /// threat and the action of its complement; and an action the actor commits to ("will
    /// send aid", "is ready to host talks") as an intent, or a threat for conflict.
    fn take_stance(&self, s: &Sentence, coding: &mut Coding, used: &mut Vec<usize>) {
        let Some(forward) = coding.code.forward.clone() else { return };
        if let Some(mut stance) = Stance::of_generic(&forward) {
            let complement = complement_of(s, coding.verb, coding.is_noun);
            let mut action = None;
            if let Some(c) = complement.filter(|c| !used.contains(c)) {
                coding.complement = Some(c);
                used.push(c);
                let candidates = self.triggers_at(s, c);
                if !candidates.is_empty() && !is_negated(s, c) {
                    let (_, code, rule, bindings) = self.code_verb(s, &candidates);
                    used.extend(bindings.words);
                    if let Some(code) = code.forward {
                        coding.rule = format!("{}; of the complement, {rule}", coding.rule);
                        action = Some(code);
                    }
                }
            }
            if coding.negated && stance == Stance::Intent {
                stance = Stance::Reject;
                coding.negated = false;
                coding.rule = format!("{}; negated intent: a rejection", coding.rule);
            }
            let code = action.map_or_else(|| stance.generic().to_string(), |a| compose(stance, &a));
            coding.code = Code { forward: Some(code), reverse: None };
            return;
        }
        let Some(why) = commitment(s, coding.verb) else { return };
        let stance = match (is_cooperation(&forward), is_conflict(&forward), coding.negated) {
            (true, _, false) => Stance::Intent,
            (true, _, true) => Stance::Reject,
            (_, true, false) => Stance::Threaten,
            _ => return,
        };
        coding.negated = false;
        coding.rule =
            format!("{}; {why}: {}", coding.rule, if stance == Stance::Threaten { "a threat" } else { "an intent" });
        coding.code = Code { forward: Some(compose(stance, &forward)), reverse: None };
    }

    /// "X said Y must release Z": a demand of the speaker on the clause's subject ("should": an
    /// appeal), its code from the clause's action.
    fn obligation(&self, s: &Sentence, clause: usize, used: &mut Vec<usize>) -> Option<Coding> {
        let modal = s
            .doc
            .children(clause)
            .find(|&c| s.deprel(c) == "aux" && matches!(s.lemma(c).as_str(), "must" | "should" | "ought"))?;
        // The verb (or noun, "a reminder that") whose content the clause is.
        let content =
            s.deprel(clause) == "ccomp" || s.doc.children(clause).any(|c| s.deprel(c) == "mark" && s.word(c) == "THAT");
        let mut speech = s.doc.tokens[clause].head.filter(|_| content)?;
        while !matches!(s.doc.tokens[speech].upos.as_deref(), Some("VERB" | "NOUN")) {
            speech = s.doc.tokens[speech].head?;
        }
        let obliged = s.doc.child_with(clause, &["nsubj", "nsubj:pass"])?;
        let speaker = match s.doc.tokens[speech].upos.as_deref() {
            Some("NOUN") => s
                .doc
                .child_with(speech, &["nmod:poss"])
                .or_else(|| light_verb(s, speech, &[]).and_then(|v| s.subject(v))),
            _ => s.subject(speech),
        }?;
        let stance = if s.lemma(modal) == "must" { Stance::Demand } else { Stance::Appeal };
        let clause_negated = is_negated(s, clause);
        // "must be ready to mediate": the action is the adjective's complement.
        let action_verb = if self.triggers_at(s, clause).is_empty() {
            s.doc.child_with(clause, &["xcomp"]).unwrap_or(clause)
        } else {
            clause
        };
        let mut rule = format!("attache:rules obligation: “{}” in what the speaker said", s.doc.token_text(modal));
        let mut code = stance.generic().to_string();
        let candidates = self.triggers_at(s, action_verb);
        if !candidates.is_empty() && !clause_negated {
            let (_, action, action_rule, bindings) = self.code_verb(s, &candidates);
            used.extend(bindings.words);
            if let Some(action) = action.forward {
                code = compose(stance, &action);
                rule = format!("{rule}; of the clause, {action_rule}");
            }
        }
        used.extend([clause, action_verb]);
        Some(Coding {
            verb: clause,
            trigger: modal.min(clause)..clause.max(modal) + 1,
            by_lemma: true,
            is_noun: false,
            code: Code { forward: Some(code), reverse: None },
            rule,
            bindings: Bindings::default(),
            negated: false,
            clause: speech,
            complement: None,
            source_head: Some(speaker),
            target_head: Some(obliged),
        })
    }

    fn emit(&self, s: &Sentence, index: usize, coding: Coding, events: &mut Vec<Event>) {
        let doc = s.doc;
        let Coding { verb, is_noun, code, rule, bindings, negated, clause, .. } = coding;
        let group = |n: usize| s.chart.with_conjuncts(doc, n, |_| true);
        let passive = !is_noun && s.is_passive(verb);
        let mut how_source = "pattern $";
        let mut how_target = "pattern +";
        let mut sources: Vec<&ActorPhrase> = bindings.source.map(group).unwrap_or_default();
        let mut targets: Vec<&ActorPhrase> = bindings.target.map(group).unwrap_or_default();
        let compound: Vec<&ActorPhrase> = bindings.compound.map(group).unwrap_or_default();
        if let Some(head) = coding.source_head {
            how_source = "subject of the speech";
            sources = s.argument(head);
        }
        if let Some(head) = coding.target_head {
            how_target = "subject of the clause";
            targets = s.argument(head);
        }
        if is_noun {
            // "Russia's invasion of Ukraine", "an attack by X on Y".
            if sources.is_empty() {
                how_source = "possessor of the event noun";
                sources = s
                    .doc
                    .children(verb)
                    .filter(|&c| {
                        matches!(s.deprel(c), "nmod:poss" | "compound") && c < verb
                            || (s.deprel(c) == "nmod" && has_case(s, c, &["by"]))
                            || (s.deprel(c) == "amod" && s.chart.at(c).is_some())
                    })
                    .find_map(|c| non_empty(s.argument(c)))
                    .unwrap_or_default();
            }
            if sources.is_empty() && clause != verb {
                how_source = "subject of the light verb";
                sources = s.subject(clause).map(|h| s.argument(h)).unwrap_or_default();
            }
            if targets.is_empty() {
                how_target = "object of the event noun";
                targets = s
                    .doc
                    .children(verb)
                    .filter(|&c| {
                        s.deprel(c) == "nmod"
                            && has_case(s, c, &["of", "on", "against", "into", "in", "with", "to", "for", "between"])
                            && !is_place_in(s, c)
                    })
                    .find_map(|c| non_empty(s.argument(c)))
                    .unwrap_or_default();
            }
            if targets.is_empty() && clause != verb {
                how_target = "object of the light verb";
                targets = s.prepositional_objects(clause, &["to", "against", "on", "with", "at", "into", "over"]);
            }
            if targets.is_empty() {
                if let Some(c) = coding.complement {
                    how_target = "subject of the complement clause";
                    targets = s.doc.child_with(c, &["nsubj", "nsubj:pass"]).map(|h| s.argument(h)).unwrap_or_default();
                }
            }
        } else {
            if sources.is_empty() && compound.is_empty() {
                if passive {
                    how_source = "agent of the passive";
                    sources = s
                        .doc
                        .children(verb)
                        .filter(|&c| s.deprel(c).starts_with("obl") && has_case(s, c, &["by"]))
                        .find_map(|c| non_empty(s.argument(c)))
                        .unwrap_or_default();
                } else {
                    how_source = "subject";
                    sources = s.subject(verb).map(|h| s.argument(h)).unwrap_or_default();
                }
            }
            if targets.is_empty() && compound.is_empty() {
                if passive {
                    how_target = "subject of the passive";
                    targets = s.subject(verb).map(|h| s.argument(h)).unwrap_or_default();
                } else {
                    (targets, how_target) = s.objects(verb);
                    if targets.is_empty() {
                        how_target = "subject of the complement clause";
                        // "condemned Turkey's drilling": the subject or possessor of a complement.
                        targets = s
                            .doc
                            .children(verb)
                            .filter(|&c| matches!(s.deprel(c), "ccomp" | "xcomp" | "advcl"))
                            .filter_map(|c| s.doc.child_with(c, &["nsubj", "nsubj:pass", "nmod:poss"]))
                            .find_map(|h| non_empty(s.argument(h)))
                            .unwrap_or_default();
                    }
                    if targets.is_empty() && coding.by_lemma {
                        // (An infinitive of purpose, "met to discuss the war in Sudan", names no target.)
                        if let Some(c) = coding.complement.or_else(|| s.doc.child_with(verb, &["xcomp"])) {
                            // "threatened to cut off electricity to Nakhichevan".
                            (targets, _) = s.objects(c);
                            how_target = "object of the complement";
                        }
                    }
                }
            }
            // TABARI's fallbacks: the first actor before the verb, the first after it (a
            // passive without "by" names no source).
            if sources.is_empty() && compound.is_empty() && !passive {
                how_source = "first actor before the verb";
                sources = s
                    .chart
                    .hits
                    .iter()
                    .position(|h| h.tokens.end <= coding.trigger.start)
                    .map(group)
                    .unwrap_or_default();
            }
            let source_tokens: Vec<Range<usize>> = sources.iter().map(|h| h.tokens.clone()).collect();
            // (Only for PETRARCH dictionaries, written for it: Attaché's lexicon trusts the parse.)
            if targets.is_empty() && compound.is_empty() && sources.len() < 2 && !coding.by_lemma {
                how_target = "first actor after the verb";
                targets = s
                    .chart
                    .hits
                    .iter()
                    .position(|h| {
                        h.tokens.start >= coding.trigger.end
                            && !source_tokens.contains(&h.tokens)
                            && !is_place_hit(s, h, verb)
                    })
                    .map(group)
                    .unwrap_or_default();
            }
        }
        // "X was freed" after "Y was asked to free X": the actor last appealed to is the one
        // who yielded.
        let implicit: Option<ActorPhrase> = (passive
            && sources.is_empty()
            && compound.is_empty()
            && code.forward.as_deref().is_some_and(|c| c.starts_with("08")))
        .then(|| {
            let appeal = events.iter().rev().find(|e| e.cameo.starts_with("02") || e.cameo.starts_with("10"))?;
            let p = appeal.target.as_ref()?;
            let rule = format!(
                "implicit agent: the actor last appealed to, {} (sentence {})",
                doc.slice(p.span),
                appeal.sentence + 1
            );
            Some(ActorPhrase {
                tokens: p.tokens.clone(),
                head: p.tokens.end - 1,
                code: p.code.clone()?,
                entity: p.entity,
                rule,
                bare: false,
            })
        })
        .flatten();
        if let Some(agent) = &implicit {
            how_source = "agent of the passive, from the appeal";
            sources = vec![agent];
        }
        // "They spoke by telephone": "they" with no antecedent in its sentence, doing what
        // only two can do, are the pair of the article's last act of that class (three
        // sentences back at most).
        let earlier_pair: Vec<ActorPhrase> = if coding.by_lemma
            && sources.is_empty()
            && targets.is_empty()
            && compound.is_empty()
            && code.forward.as_deref().is_some_and(is_mutual)
        {
            let they = s.subject(verb).is_some_and(|h| s.word(h) == "THEY");
            let root = code.forward.as_deref().and_then(|c| c.get(..2)).unwrap_or("");
            let last = events
                .iter()
                .rev()
                .take_while(|e| e.sentence + 3 >= index)
                .find(|e| e.sentence < index && !e.negated && e.target.is_some() && e.cameo.starts_with(root));
            let hit = |p: &Participant, e: &Event| -> Option<ActorPhrase> {
                let rule = format!("“they”: the pair of sentence {}, {}", e.sentence + 1, doc.slice(p.span));
                Some(ActorPhrase {
                    tokens: p.tokens.clone(),
                    head: p.tokens.end - 1,
                    code: p.code.clone()?,
                    entity: p.entity,
                    rule,
                    bare: false,
                })
            };
            match last.filter(|_| they) {
                Some(e) => {
                    [e.source.as_ref(), e.target.as_ref()].into_iter().flatten().filter_map(|p| hit(p, e)).collect()
                }
                None => Vec::new(),
            }
        } else {
            Vec::new()
        };
        if earlier_pair.len() == 2 {
            sources = earlier_pair.iter().collect();
        }
        // Statements, consultations and cooperation always have a partner: without one
        // ("Lavrov spoke on the go") they are no event.
        let needs_partner = code.forward.as_deref().is_some_and(|c| matches!(&c[..2], "01" | "04" | "06"));
        let date = self.date(s, clause);
        let place = self.place(s, clause);
        // "imposed a curfew in Abidjan": an act on no one named acts on the country of the
        // place in its clause, as TABARI read a location.
        if coding.by_lemma && targets.is_empty() && compound.is_empty() && sources.len() == 1 && !needs_partner {
            let located =
                place.as_ref().and_then(|p| p.entity).and_then(|e| s.chart.hits.iter().find(|h| h.entity == Some(e)));
            if let Some(hit) = located.filter(|h| h.tokens != sources[0].tokens) {
                how_target = "the place in its clause";
                targets = vec![hit];
            }
        }
        // A compound subject that acts with no one else acts on itself, pair by pair.
        let compound = if !compound.is_empty() {
            compound
        } else if targets.is_empty() && sources.len() >= 2 && code.forward.as_deref().is_some_and(is_mutual) {
            how_source = "compound subject";
            std::mem::take(&mut sources)
        } else {
            Vec::new()
        };
        let mut dyads: Vec<(Option<&ActorPhrase>, Option<&ActorPhrase>, &str, &str)> = Vec::new();
        if compound.len() >= 2 {
            for (i, a) in compound.iter().enumerate() {
                for b in &compound[i + 1..] {
                    dyads.push((Some(a), Some(b), "compound", "compound"));
                }
            }
        } else {
            let sources: Vec<Option<&ActorPhrase>> = if sources.is_empty() {
                compound.iter().copied().map(Some).collect()
            } else {
                sources.into_iter().map(Some).collect()
            };
            let sources = if sources.is_empty() { vec![None] } else { sources };
            let targets: Vec<Option<&ActorPhrase>> =
                if targets.is_empty() { vec![None] } else { targets.into_iter().map(Some).collect() };
            for a in &sources {
                for b in &targets {
                    dyads.push((*a, *b, how_source, how_target));
                }
            }
        }
        if is_noun && dyads.iter().all(|(a, _, _, _)| a.is_none()) {
            if negated {
                deny_earlier(s, verb, index, &code, events);
            } else {
                refer_back(s, verb, index, &code, place, events);
            }
            return;
        }
        let modality = modality(s, clause);
        let attribution = attribution(s, clause);
        let trigger = doc.span_of(&coding.trigger);
        let evidence = doc.sentences[index].span;
        for (a, b, how_a, how_b) in dyads {
            // Who did what to whom; Attaché's lexicon also reports what an actor did alone
            // ("resigned", "rioted"), as PLOVER does, where PETRARCH's dictionaries are dyadic.
            let Some(x) = a else { continue };
            if b.is_none() && (!coding.by_lemma || needs_partner) {
                continue;
            }
            let same = b.is_some_and(|y| match (x.entity, y.entity) {
                (Some(e), Some(f)) => e == f,
                _ => x.tokens == y.tokens,
            });
            if same {
                continue;
            }
            let directions = [(code.forward.as_ref(), a, b, how_a, how_b), (code.reverse.as_ref(), b, a, how_b, how_a)];
            for (cameo, from, to, how_from, how_to) in directions {
                let (Some(cameo), Some(_)) = (cameo, from) else { continue };
                let repeated = events.iter().any(|e: &Event| {
                    e.sentence == index
                        && e.cameo == *cameo
                        && e.source.as_ref().map(|p| &p.tokens) == from.map(|h| &h.tokens)
                        && e.target.as_ref().map(|p| &p.tokens) == to.map(|h| &h.tokens)
                });
                if repeated {
                    continue;
                }
                let mut event = Event {
                    source: from.map(|h| participant(doc, h, how_from)),
                    target: to.map(|h| participant(doc, h, how_to)),
                    cameo: String::new(),
                    plover: None,
                    plover_mode: None,
                    plover_context: None,
                    goldstein: None,
                    quad_class: None,
                    date: date.clone(),
                    place: place.clone(),
                    sentence: index,
                    trigger,
                    evidence,
                    rule: rule.clone(),
                    negated,
                    modality,
                    attribution: attribution.clone(),
                };
                set_code(&mut event, cameo);
                events.push(event);
            }
        }
    }

    /// A date or time timex in the verb's clause (or, for a relative or adverbial clause, the
    /// clause it belongs to), else the article date.
    fn date(&self, s: &Sentence, verb: usize) -> Option<EventDate> {
        let doc = s.doc;
        // A date attached to the verb itself before one deeper in its clause.
        let in_clause = |clause: usize| {
            doc.timexes
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    matches!(x.kind, attache_doc::TimexKind::Date | attache_doc::TimexKind::Time)
                        && s.tokens.contains(&x.tokens.start)
                        && s.in_clause(doc.phrase_head(&x.tokens), clause)
                })
                .min_by_key(|(i, x)| (doc.tokens[doc.phrase_head(&x.tokens)].head != Some(clause), *i))
        };
        let found = in_clause(verb)
            .map(|x| (x, "timex in the clause"))
            .or_else(|| s.parent_clause(verb).and_then(in_clause).map(|x| (x, "timex in the governing clause")));
        // "had not spoken on those occasions": the past perfect is before the article's time.
        let past_perfect = s
            .doc
            .children(verb)
            .any(|c| s.deprel(c) == "aux" && s.lemma(c) == "have" && doc.tokens[c].xpos.as_deref() == Some("VBD"));
        match found {
            Some(((i, x), how)) => Some(EventDate {
                value: x.value.clone(),
                timex: Some(i),
                rule: format!("{how}: {}", doc.slice(x.span)),
            }),
            None if past_perfect => None,
            None => doc.meta.date.map(|d| EventDate {
                value: d.format("%Y-%m-%d").to_string(),
                timex: None,
                rule: "article date".into(),
            }),
        }
    }

    /// A place named in the verb's clause ("in New Delhi") or the clause a relative or
    /// adverbial clause belongs to, else the dateline's.
    fn place(&self, s: &Sentence, verb: usize) -> Option<EventPlace> {
        let doc = s.doc;
        let clauses = [Some(verb), s.parent_clause(verb)];
        for (clause, how) in clauses.into_iter().zip(["place in the clause", "place in the governing clause"]) {
            let Some(clause) = clause else { continue };
            for entity in &doc.entities {
                let Some(location) = &entity.location else { continue };
                for mention in &entity.mentions {
                    let head = doc.phrase_head(&mention.tokens);
                    if s.tokens.contains(&head)
                        && s.in_clause(head, clause)
                        && has_case(s, head, &["in", "at", "near", "outside", "inside"])
                        && !in_time_phrase(s, head, clause)
                    {
                        return Some(EventPlace {
                            entity: Some(entity.id),
                            name: location.name.clone(),
                            country: Some(location.country.clone()),
                            coordinates: Some((location.latitude, location.longitude)),
                            rule: format!("{how}: {}", doc.slice(mention.span)),
                        });
                    }
                }
            }
        }
        let dateline = doc.meta.dateline.as_ref()?.place.as_ref()?;
        let words: Vec<&str> = dateline.split_whitespace().collect();
        let found = Gazetteer::builtin().places(&words).into_iter().next();
        Some(EventPlace {
            entity: None,
            name: found.map_or_else(|| dateline.clone(), |p| p.name.clone()),
            country: found.map(|p| p.country.clone()),
            coordinates: found.map(|p| (p.latitude, p.longitude)),
            rule: "dateline".into(),
        })
    }
}

/// "The brief meeting … in New Delhi": an event noun with "the" and no participants of its
/// own names again the last event of its kind (in this or the two sentences before); the
/// place it gives becomes that event's, if that event had none from its own clause.
fn refer_back(s: &Sentence, noun: usize, index: usize, code: &Code, place: Option<EventPlace>, events: &mut [Event]) {
    let definite = s.doc.children(noun).any(|c| s.deprel(c) == "det" && matches!(s.word(c), "THE" | "THIS" | "THAT"));
    let (Some(code), Some(place)) = (code.forward.as_deref(), place) else { return };
    if !definite || place.entity.is_none() {
        return;
    }
    let root = &code[..code.len().min(2)];
    let earlier = events
        .iter_mut()
        .rev()
        .take_while(|e| e.sentence + 2 >= index)
        .find(|e| e.cameo.starts_with(root) && e.sentence < index);
    if let Some(event) = earlier {
        if event.place.as_ref().is_none_or(|p| p.entity.is_none()) {
            let rule = format!(
                "{}, of “{}” (sentence {}), which refers back to this event",
                place.rule,
                s.doc.token_text(noun),
                index + 1
            );
            event.place = Some(EventPlace { rule, ..place });
        }
    }
}

/// Gives an event its CAMEO code and what the code table says with it: PLOVER type, mode
/// and context, Goldstein score, quad class.
fn set_code(event: &mut Event, code: &str) {
    let entry = CameoTable::builtin().get(code);
    event.cameo = code.to_string();
    event.plover = entry.and_then(|e| e.plover.clone());
    event.plover_mode = entry.and_then(|e| e.plover_mode.clone());
    event.plover_context = entry.and_then(|e| e.plover_context.clone());
    event.goldstein = entry.map(|e| e.goldstein);
    event.quad_class = entry.map(|e| e.quad_class as u8);
}

/// Acts two actors can only do together ("X and Y met", "X and Y clashed"): a compound
/// subject of one with no object acts on itself, pair by pair; "X and Y held Z" does not.
fn is_mutual(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "19"))
}

/// "There were no negotiations, meetings": a denied event noun with no participants of its
/// own denies the last event of its root class the article reported (its dyad, date and
/// place), with this sentence as evidence and its speaker as the one who denies it.
fn deny_earlier(s: &Sentence, noun: usize, index: usize, code: &Code, events: &mut Vec<Event>) {
    let Some(code) = code.forward.as_deref() else { return };
    let root = &code[..code.len().min(2)];
    let Some(earlier) = events
        .iter()
        .rev()
        .find(|e| e.cameo.starts_with(root) && e.sentence < index && !e.negated && e.source.is_some())
    else {
        return;
    };
    let doc = s.doc;
    let word = doc.token_text(noun);
    let rule = format!(
        "attache:rules denial: “no {word}” with no participants of its own denies the event of sentence {}",
        earlier.sentence + 1
    );
    let mut denial = Event {
        sentence: index,
        trigger: doc.tokens[noun].span,
        evidence: doc.sentences[index].span,
        rule,
        negated: true,
        modality: Modality::Asserted,
        attribution: attribution(s, noun),
        ..earlier.clone()
    };
    set_code(&mut denial, code);
    let repeated = events.iter().any(|e| e.sentence == index && e.negated && e.cameo[..2] == code[..2]);
    if !repeated {
        events.push(denial);
    }
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

/// True for an infinitive that only names an aim: of a noun ("efforts to stop") or of a
/// verb already coded ("urged Y to help").
fn embedded_infinitive(s: &Sentence, verb: usize, coded: &[usize]) -> bool {
    let to = s.doc.children(verb).any(|c| s.deprel(c) == "mark" && s.word(c) == "TO");
    let head = s.doc.tokens[verb].head;
    match s.deprel(verb) {
        "acl" => to,
        "xcomp" | "advcl" => to && head.is_some_and(|h| coded.contains(&h)),
        _ => false,
    }
}

/// The verb an event noun is the object of when that verb codes nothing itself: "staged a
/// protest", "issued an ultimatum", "engaged in ethnic cleansing". The noun's actors are
/// the verb's.
fn light_verb(s: &Sentence, noun: usize, coded: &[usize]) -> Option<usize> {
    let head = s.doc.tokens[noun].head?;
    let object = s.deprel(noun) == "obj" || (s.deprel(noun) == "obl" && has_case(s, noun, &["in"]));
    let verb = s.doc.tokens[head].upos.as_deref() == Some("VERB");
    (object && verb && !coded.contains(&head) && !s.is_passive(head)).then_some(head)
}

/// The clause that says what a stance is toward: an infinitive or "that" clause of a verb
/// ("refused to meet", "demanded that Y release"), a clause of a noun ("its demand that Y
/// ease").
fn complement_of(s: &Sentence, head: usize, is_noun: bool) -> Option<usize> {
    let relations: &[&str] = if is_noun { &["acl", "ccomp"] } else { &["xcomp", "ccomp"] };
    let infinitive =
        |c: usize| s.deprel(c) == "advcl" && s.doc.children(c).any(|m| s.deprel(m) == "mark" && s.word(m) == "TO");
    s.doc.children(head).find(|&c| {
        (relations.contains(&s.deprel(c)) || infinitive(c))
            && matches!(s.doc.tokens[c].upos.as_deref(), Some("VERB" | "NOUN" | "ADJ"))
    })
}

/// Why the actor commits to the event at `verb`, if it does: "will" or "shall", "would" in
/// what someone said ("said it would boycott"), or an infinitive under a verb of commitment
/// ("agreed to", "is ready to"). "If" makes it no commitment.
fn commitment(s: &Sentence, verb: usize) -> Option<String> {
    let mut at = verb;
    for _ in 0..6 {
        for c in s.doc.children(at) {
            let lemma = s.lemma(c);
            match s.deprel(c) {
                "aux" if PLANNED_AUX.contains(&lemma.as_str()) => return Some(format!("“{}”", s.doc.token_text(c))),
                "aux" if matches!(lemma.as_str(), "would" | "'d") && reported(s, at) => {
                    return Some(format!("“{}” in what was said", s.doc.token_text(c)))
                }
                "mark" if matches!(lemma.as_str(), "if" | "unless" | "whether") => return None,
                _ => {}
            }
        }
        if !matches!(s.deprel(at), "xcomp" | "conj" | "advcl") {
            return None;
        }
        let head = s.doc.tokens[at].head?;
        let lemma = s.lemma(head);
        if s.deprel(at) != "conj" && COMMITMENT_VERBS.contains(&lemma.as_str()) {
            return Some(format!("under “{}”", s.doc.token_text(head)));
        }
        at = head;
    }
    None
}

/// True when the clause of `verb` is what someone said ("said they would boycott").
fn reported(s: &Sentence, verb: usize) -> bool {
    s.deprel(verb) == "ccomp"
        && s.doc.tokens[verb].head.is_some_and(|h| s.doc.tokens[h].upos.as_deref() == Some("VERB"))
}

/// How deep token `t` is in the parse.
fn depth(doc: &Document, t: usize) -> usize {
    let mut at = t;
    let mut d = 0;
    while let Some(h) = doc.tokens[at].head {
        at = h;
        d += 1;
        if d > 64 {
            break;
        }
    }
    d
}

/// True when token `t` hangs from a phrase of time ("since the war in Ukraine"): a place
/// there is not where the event happened.
fn in_time_phrase(s: &Sentence, t: usize, clause: usize) -> bool {
    let mut at = t;
    while at != clause {
        if at != t && has_case(s, at, &["since", "before", "after", "until", "till"]) {
            return true;
        }
        match s.doc.tokens[at].head {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// True when token `t` has a case marker among `cases`.
fn has_case(s: &Sentence, t: usize, cases: &[&str]) -> bool {
    s.doc.children(t).any(|c| matches!(s.deprel(c), "case" | "mark") && cases.contains(&s.lemma(c).as_str()))
}

/// True for "in New Delhi": a located place (not a country) with a locative preposition.
fn is_place_in(s: &Sentence, t: usize) -> bool {
    has_case(s, t, &["in", "at", "near", "outside", "inside"])
        && s.chart.at(t).is_some_and(|h| is_located_city(s, &s.chart.hits[h]))
}

fn is_located_city(s: &Sentence, hit: &ActorPhrase) -> bool {
    hit.entity.is_some_and(|e| {
        let entity = &s.doc.entities[e];
        entity.kind == EntityType::Place && entity.location.as_ref().is_some_and(|l| l.kind != "country")
    })
}

/// True when a hit is the place of the verb's clause rather than a participant.
fn is_place_hit(s: &Sentence, hit: &ActorPhrase, verb: usize) -> bool {
    is_located_city(s, hit) && has_case(s, hit.head, &["in", "at", "near"]) && s.in_clause(hit.head, verb)
}

/// True when the verb (or the verb it depends on as a complement) is negated.
fn is_negated(s: &Sentence, verb: usize) -> bool {
    let negates = |t: usize| {
        s.doc.children(t).any(|c| {
            let word = s.word(c);
            (s.deprel(c) == "advmod" || s.deprel(c) == "det" || s.deprel(c) == "cc:preconj")
                && NEGATIONS.contains(&word)
                && word != "NOR"
                && word != "WITHOUT"
        })
    };
    if negates(verb) || is_denied(s, verb) {
        return true;
    }
    // "did not manage to meet": a complement whose head is negated did not happen either
    // (a negated plan, "did not agree to meet", is left to the plan's own coding).
    if s.deprel(verb) == "xcomp" {
        if let Some(head) = s.doc.tokens[verb].head {
            return negates(head) && !PLANNING_VERBS.contains(&s.lemma(head).as_str());
        }
    }
    false
}

/// Verbs that say their complement did not happen.
const DENIAL_VERBS: &[&str] = &["deny", "refute"];

/// "denied that Y attacked Z", "denied attacking Z", "denied reports of a meeting": an
/// action in what a denial verb governs is denied.
fn is_denied(s: &Sentence, verb: usize) -> bool {
    let mut at = verb;
    for _ in 0..3 {
        let Some(head) = s.doc.tokens[at].head else { return false };
        if !matches!(s.deprel(at), "ccomp" | "xcomp" | "obj" | "nmod" | "acl") {
            return false;
        }
        if DENIAL_VERBS.contains(&s.lemma(head).as_str()) {
            return true;
        }
        at = head;
    }
    false
}

/// Planned ("will meet", "agreed to meet"), hypothetical ("could meet", "urged Y to
/// release Z", "if they meet") or asserted.
fn modality(s: &Sentence, verb: usize) -> Modality {
    let mut at = verb;
    for _ in 0..6 {
        for c in s.doc.children(at) {
            let lemma = s.lemma(c);
            match s.deprel(c) {
                "aux" if PLANNED_AUX.contains(&lemma.as_str()) => return Modality::Planned,
                "aux" if HYPOTHETICAL_AUX.contains(&lemma.as_str()) => return Modality::Hypothetical,
                "mark" if matches!(lemma.as_str(), "if" | "unless" | "whether") => return Modality::Hypothetical,
                _ => {}
            }
        }
        if !matches!(s.deprel(at), "xcomp" | "conj") {
            break;
        }
        let Some(head) = s.doc.tokens[at].head else { break };
        let lemma = s.lemma(head);
        if s.deprel(at) == "xcomp" {
            if PLANNING_VERBS.contains(&lemma.as_str()) {
                return Modality::Planned;
            }
            if APPEAL_VERBS.contains(&lemma.as_str()) {
                return Modality::Hypothetical;
            }
        }
        at = head;
    }
    Modality::Asserted
}

/// Who reports the event: the speaker of a quotation holding it, the source of a claim, or
/// the subject of a speech verb whose complement it is.
fn attribution(s: &Sentence, verb: usize) -> Option<Attribution> {
    let doc = s.doc;
    let at = doc.tokens[verb].span;
    if let Some(quote) = doc.quotes.iter().find(|q| q.span.start <= at.start && at.end <= q.span.end) {
        return quote.speaker.clone();
    }
    if let Some(claim) = doc.claims.iter().find(|c| c.span.start <= at.start && at.end <= c.span.end) {
        return Some(claim.source.clone());
    }
    let clause = s.clause_of(verb);
    if s.deprel(clause) == "ccomp" || clause == verb && s.deprel(verb) == "ccomp" {
        let speech = doc.tokens[clause].head?;
        let lemma = s.lemma(speech);
        if is_speech_verb(&lemma) || BELIEF_VERBS.contains(&lemma.as_str()) {
            let subject = s.doc.child_with(speech, &["nsubj"])?;
            let hits = s.argument(subject);
            let span = match hits.first() {
                Some(h) => doc.span_of(&h.tokens),
                None => doc.tokens[subject].span,
            };
            return Some(Attribution { span, entity: hits.first().and_then(|h| h.entity) });
        }
    }
    None
}

fn participant(doc: &Document, hit: &ActorPhrase, how: &str) -> Participant {
    let span = doc.span_of(&hit.tokens);
    Participant {
        tokens: hit.tokens.clone(),
        span,
        entity: hit.entity,
        code: Some(hit.code.clone()),
        rule: format!("{how}; {}", hit.rule),
    }
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
        for index in 0..doc.sentences.len() {
            self.code_sentence(doc, index, &mut events);
        }
        doc.events = events;
    }
}
