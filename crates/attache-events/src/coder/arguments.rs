//! Who did it and to whom: the argument rules that read an event's source and target from
//! the parse — subject and object, the agent of a passive, the controller of an infinitive,
//! possessors and objects of event nouns, pronouns and relative pronouns — and, where the
//! parse says nothing, TABARI's fallbacks (the first actor before and after the verb).

use super::sentence::{has_case, Sentence, CLAUSE_RELATIONS};
use super::Coding;
use attache_doc::{ActorPhrase, Deprel, Document, EntityType, Event, EventPlace, Participant, Upos};
use std::ops::Range;

/// Verbs whose subject undergoes the act their object names ("faced criticism", "came
/// under attack", "drew condemnation").
pub(super) const UNDERGOING_VERBS: &[&str] = &["face", "receive", "draw", "attract", "suffer", "endure", "come"];

/// Personal pronouns that refer back to an actor.
pub(super) const PRONOUNS: &[&str] =
    &["HE", "SHE", "IT", "THEY", "WE", "HIM", "HER", "THEM", "US", "HIS", "ITS", "THEIR", "OUR"];

/// Prepositions that introduce a target ("talked with", "appealed to", "fired at").
pub(super) const TARGET_CASES: &[&str] = &[
    "with", "to", "against", "on", "at", "into", "toward", "towards", "for", "from", "over", "about", "upon", "of",
    "between", "in", "by",
];

impl<'a> Sentence<'a> {
    /// The subject of `verb`, following shared subjects of conjoined verbs and the
    /// controllers of infinitives. The bool is true for a passive subject.
    pub(super) fn subject(&self, verb: usize) -> Option<usize> {
        let mut at = verb;
        for _ in 0..8 {
            if let Some(s) = self.doc.child_with(at, &[Deprel::Nsubj, Deprel::NsubjPass, Deprel::Csubj]) {
                return Some(s);
            }
            let head = self.doc.tokens[at].head?;
            match self.deprel(at) {
                Deprel::Xcomp => {
                    if let Some(object) = self.doc.child_with(head, &[Deprel::Obj, Deprel::Iobj]) {
                        return Some(object);
                    }
                }
                // A finite adverbial clause has a subject of its own ("since Russia
                // invaded"): where the parse lost it, the actor just before the verb.
                Deprel::Advcl if matches!(self.doc.tokens[at].xpos.as_deref(), Some("VBD" | "VBZ" | "VBP")) => {
                    return self.chart.hits.iter().find(|h| h.tokens.end == at).map(|h| h.head);
                }
                Deprel::Conj | Deprel::Advcl => {}
                Deprel::AclRelcl | Deprel::Acl => return Some(head),
                _ => return None,
            }
            at = head;
        }
        None
    }

    /// The object of `verb`, or where it has none (or only a bare role, "mobilized troops
    /// against Ukraine"), a named prepositional object; with how it was found.
    pub(super) fn objects(&self, verb: usize) -> (Vec<&ActorPhrase>, &'static str) {
        let object = self.doc.child_with(verb, &[Deprel::Obj, Deprel::Iobj]);
        // "condemned the attack on Malian troops by Islamist militants": an object that
        // names an act, not an actor, stands for the act's agent.
        if let Some(agent) = object.and_then(|o| self.agent_of_act(verb, o)) {
            return (agent, "agent of the act the object names");
        }
        let objects = object.map(|h| self.argument(h)).unwrap_or_default();
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

    /// The actor a noun naming an act, object of active `verb`, was done by ("the coup by
    /// the army"), when the noun names no actor itself. The "by" phrase may hang from the
    /// verb in the parse: an active verb with an object has no agent of its own.
    fn agent_of_act(&self, verb: usize, noun: usize) -> Option<Vec<&ActorPhrase>> {
        if self.chart.at(noun).is_some() || self.doc.tokens[noun].upos != Some(Upos::Noun) || self.is_passive(verb) {
            return None;
        }
        let by =
            |c: &usize| matches!(self.deprel(*c).base(), Deprel::Nmod | Deprel::Obl) && has_case(self, *c, &["by"]);
        self.doc.children(noun).chain(self.doc.children(verb)).filter(by).find_map(|c| non_empty(self.argument(c)))
    }

    /// The first prepositional object of `verb` with one of `cases` that names an actor (not
    /// "by", not a city the event happens in, not a time: "on Thursday in New Delhi").
    pub(super) fn prepositional_objects(&self, verb: usize, cases: &[&str]) -> Vec<&ActorPhrase> {
        let is_time = |t: usize| self.timexes.iter().any(|&x| self.doc.timexes[x].tokens.contains(&t));
        // "on the sidelines of a meeting of G20 ministers" says where, not with whom.
        let is_setting = |t: usize| matches!(self.lemma(t).as_str(), "sideline" | "sidelines" | "margin" | "margins");
        self.doc
            .children(verb)
            .filter(|&c| {
                matches!(self.deprel(c), Deprel::Obl | Deprel::Nmod | Deprel::OblArg)
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
    pub(super) fn argument(&self, head: usize) -> Vec<&ActorPhrase> {
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
    pub(super) fn pronoun_antecedent(&self, pronoun: usize) -> Option<usize> {
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
        let object = matches!(self.deprel(pronoun), Deprel::Obj | Deprel::Iobj);
        let mut below = pronoun;
        let mut at = self.doc.tokens[pronoun].head;
        for _ in 0..16 {
            let Some(clause) = at else { break };
            let own_clause =
                below == pronoun || !CLAUSE_RELATIONS.contains(&self.deprel(below)) && self.in_clause(pronoun, clause);
            if let Some(subject) = self.doc.child_with(clause, &[Deprel::Nsubj, Deprel::NsubjPass]) {
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
    pub(super) fn relative_antecedent(&self, head: usize) -> Option<usize> {
        let relative =
            self.tokens.clone().any(|t| {
                self.in_phrase(t, head) && matches!(self.word(t), "WHO" | "WHOM" | "WHICH" | "THAT" | "WHOSE")
            }) && self.doc.tokens[head].upos != Some(Upos::Propn);
        if !relative {
            return None;
        }
        let mut at = head;
        for _ in 0..8 {
            let Some(parent) = self.doc.tokens[at].head else { break };
            if self.deprel(at) == Deprel::AclRelcl {
                return Some(parent);
            }
            at = parent;
        }
        // A relative clause the parse cut loose: the name just before it.
        let start = self.tokens.clone().find(|&t| self.in_phrase(t, head))?;
        self.chart.hits.iter().rev().find(|h| h.tokens.end <= start).map(|h| h.head)
    }

    /// The hits in the phrase headed by `head`, with their conjuncts.
    pub(super) fn phrase_hits(&self, head: usize) -> Vec<&ActorPhrase> {
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
    pub(super) fn hit_forward(&self, from: usize, adjacent: bool) -> Option<usize> {
        let n = self.chart.hits.iter().position(|h| h.tokens.start >= from)?;
        let start = self.chart.hits[n].tokens.start;
        let skippable = |t: usize| matches!(self.word(t), "THE" | "A" | "AN");
        if adjacent && !(from..start).all(skippable) {
            return None;
        }
        Some(n)
    }

    /// The last hit ending at or before token `to`.
    pub(super) fn hit_backward(&self, to: usize, adjacent: bool) -> Option<usize> {
        let n = self.chart.hits.iter().rposition(|h| h.tokens.end <= to && h.tokens.start >= self.tokens.start)?;
        if adjacent && self.chart.hits[n].tokens.end != to {
            return None;
        }
        Some(n)
    }
}

pub(super) fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

/// True for "in New Delhi": a located place (not a country) with a locative preposition.
pub(super) fn is_place_in(s: &Sentence, t: usize) -> bool {
    has_case(s, t, &["in", "at", "near", "outside", "inside"])
        && s.chart.at(t).is_some_and(|h| is_located_city(s, &s.chart.hits[h]))
}

pub(super) fn is_located_city(s: &Sentence, hit: &ActorPhrase) -> bool {
    hit.entity.is_some_and(|e| {
        let entity = &s.doc.entities[e];
        entity.kind == EntityType::Place && entity.location.as_ref().is_some_and(|l| l.kind != "country")
    })
}

/// True when a hit is the place of the verb's clause rather than a participant.
pub(super) fn is_place_hit(s: &Sentence, hit: &ActorPhrase, verb: usize) -> bool {
    is_located_city(s, hit) && has_case(s, hit.head, &["in", "at", "near"]) && s.in_clause(hit.head, verb)
}

/// An event's sources and targets as the rules find them, each side with the rule that found
/// it; later rules fill only what earlier ones left empty.
pub(super) struct Arguments<'h> {
    pub(super) sources: Vec<&'h ActorPhrase>,
    pub(super) targets: Vec<&'h ActorPhrase>,
    /// Actors a pattern marked as acting together ("&").
    pub(super) compound: Vec<&'h ActorPhrase>,
    pub(super) how_source: &'static str,
    pub(super) how_target: &'static str,
}

impl<'h> Arguments<'h> {
    /// The actors a pattern bound ($, +, &), and those a rule assigned: the speaker and the
    /// one obliged ("X said Y must …").
    pub(super) fn bound(s: &'h Sentence<'h>, coding: &Coding) -> Arguments<'h> {
        let group = |n: usize| s.chart.with_conjuncts(s.doc, n, |_| true);
        let mut args = Arguments {
            sources: coding.bindings.source.map(group).unwrap_or_default(),
            targets: coding.bindings.target.map(group).unwrap_or_default(),
            compound: coding.bindings.compound.map(group).unwrap_or_default(),
            how_source: "pattern $",
            how_target: "pattern +",
        };
        if let Some(head) = coding.source_head {
            args.set_sources(s.argument(head), "subject of the speech");
        }
        if let Some(head) = coding.target_head {
            args.set_targets(s.argument(head), "subject of the clause");
        }
        args
    }

    pub(super) fn set_sources(&mut self, sources: Vec<&'h ActorPhrase>, how: &'static str) {
        self.sources = sources;
        self.how_source = how;
    }

    pub(super) fn set_targets(&mut self, targets: Vec<&'h ActorPhrase>, how: &'static str) {
        self.targets = targets;
        self.how_target = how;
    }

    /// "Russia's invasion of Ukraine", "an attack by X on Y", "staged a protest against Y":
    /// the possessor, "by" or adjective of an event noun, else the subject of its light verb,
    /// acts; its "of", "on", "against" … object, else the light verb's, is acted upon.
    pub(super) fn of_event_noun(&mut self, s: &'h Sentence<'h>, coding: &Coding) {
        let (noun, clause) = (coding.verb, coding.clause);
        // "The minister has faced criticism from Germany": who undergoes the act is its
        // target, and "from" names who does it.
        if clause != noun && UNDERGOING_VERBS.contains(&s.lemma(clause).as_str()) {
            if self.sources.is_empty() {
                let from = s.prepositional_objects(clause, &["from"]);
                let from = if from.is_empty() { s.prepositional_objects(noun, &["from"]) } else { from };
                self.set_sources(from, "“from” of a verb of undergoing");
            }
            if self.targets.is_empty() {
                let subject = s.subject(clause).map(|h| s.argument(h)).unwrap_or_default();
                self.set_targets(subject, "subject of a verb of undergoing");
            }
            return;
        }
        if self.sources.is_empty() {
            let possessor = s
                .doc
                .children(noun)
                .filter(|&c| {
                    matches!(s.deprel(c), Deprel::NmodPoss | Deprel::Compound) && c < noun
                        || (s.deprel(c) == Deprel::Nmod && has_case(s, c, &["by"]))
                        || (s.deprel(c) == Deprel::Amod && s.chart.at(c).is_some())
                })
                .find_map(|c| non_empty(s.argument(c)))
                .unwrap_or_default();
            self.set_sources(possessor, "possessor of the event noun");
        }
        if self.sources.is_empty() && clause != noun {
            self.set_sources(s.subject(clause).map(|h| s.argument(h)).unwrap_or_default(), "subject of the light verb");
        }
        // "fighting between the two Kurdish groups": the sides named together act on each
        // other, or a group on itself.
        if self.sources.is_empty() && self.targets.is_empty() && self.compound.is_empty() {
            // The phrase may hang from the noun or, for "fighting broke out between …", from
            // the verb the noun is the subject of.
            let governing = Some(s.doc.tokens[noun].head)
                .flatten()
                .filter(|_| matches!(s.deprel(noun), Deprel::Nsubj | Deprel::NsubjPass));
            let between = s
                .doc
                .children(noun)
                .chain(governing.into_iter().flat_map(|v| s.doc.children(v)))
                .filter(|&c| matches!(s.deprel(c).base(), Deprel::Nmod | Deprel::Obl))
                .filter(|&c| has_case(s, c, &["between", "among"]))
                .find_map(|c| non_empty(s.argument(c)).map(|hits| (c, hits)));
            // "between X and Y" with only one side coded names no group on itself.
            let coordinated = |c: usize| s.doc.subtree(c).any(|x| s.deprel(x) == Deprel::Conj);
            let between = match between {
                Some((c, hits)) if hits.len() > 1 || !coordinated(c) => hits,
                _ => Vec::new(),
            };
            match between.len() {
                0 => {}
                1 => {
                    self.set_sources(between.clone(), "“between”: one group, on itself");
                    self.set_targets(between, "“between”: one group, on itself");
                }
                _ => {
                    self.compound = between;
                    self.how_source = "“between”";
                }
            }
        }
        if self.targets.is_empty() && self.compound.is_empty() {
            let object = s
                .doc
                .children(noun)
                .filter(|&c| {
                    s.deprel(c) == Deprel::Nmod
                        && has_case(s, c, &["of", "on", "against", "into", "in", "with", "to", "for", "between"])
                        && !is_place_in(s, c)
                })
                .find_map(|c| non_empty(s.argument(c)))
                .unwrap_or_default();
            self.set_targets(object, "object of the event noun");
        }
        if self.targets.is_empty() && clause != noun {
            let object = s.prepositional_objects(clause, &["to", "against", "on", "with", "at", "into", "over"]);
            self.set_targets(object, "object of the light verb");
        }
        if self.targets.is_empty() {
            if let Some(c) = coding.complement {
                let subject =
                    s.doc.child_with(c, &[Deprel::Nsubj, Deprel::NsubjPass]).map(|h| s.argument(h)).unwrap_or_default();
                self.set_targets(subject, "subject of the complement clause");
            }
        }
    }

    /// Subject and object; the agent and subject of a passive; the subject of a complement
    /// ("condemned Turkey's drilling") or the object of an infinitive ("threatened to cut off
    /// electricity to Nakhichevan"); then TABARI's fallbacks.
    pub(super) fn of_verb(&mut self, s: &'h Sentence<'h>, coding: &Coding, passive: bool) {
        let verb = coding.verb;
        if self.sources.is_empty() && self.compound.is_empty() {
            if passive {
                let agent = s
                    .doc
                    .children(verb)
                    .filter(|&c| s.deprel(c).base() == Deprel::Obl && has_case(s, c, &["by"]))
                    .find_map(|c| non_empty(s.argument(c)))
                    .unwrap_or_default();
                self.set_sources(agent, "agent of the passive");
            } else {
                self.set_sources(s.subject(verb).map(|h| s.argument(h)).unwrap_or_default(), "subject");
            }
        }
        if self.targets.is_empty() && self.compound.is_empty() {
            if let Some(noun) = s.participle_noun(verb) {
                self.set_targets(s.argument(noun), "the noun the participle describes");
            } else if passive {
                self.set_targets(s.subject(verb).map(|h| s.argument(h)).unwrap_or_default(), "subject of the passive");
            } else {
                let (objects, how) = s.objects(verb);
                self.set_targets(objects, how);
                if self.targets.is_empty() {
                    let subject = s
                        .doc
                        .children(verb)
                        .filter(|&c| matches!(s.deprel(c), Deprel::Ccomp | Deprel::Xcomp | Deprel::Advcl))
                        .filter_map(|c| s.doc.child_with(c, &[Deprel::Nsubj, Deprel::NsubjPass, Deprel::NmodPoss]))
                        .find_map(|h| non_empty(s.argument(h)))
                        .unwrap_or_default();
                    self.set_targets(subject, "subject of the complement clause");
                }
                // "marched through Karachi demanding the removal of the prime minister":
                // a protest is aimed at whom its demand names.
                let protest = coding.code.forward.as_deref().is_some_and(|c| c.starts_with("14"));
                if self.targets.is_empty() && coding.by_lemma && protest {
                    let demand = s.doc.children(verb).find(|&c| {
                        matches!(s.deprel(c), Deprel::Advcl | Deprel::Xcomp)
                            && matches!(s.lemma(c).as_str(), "demand" | "call" | "urge" | "seek" | "protest")
                    });
                    if let Some(d) = demand {
                        let aimed = non_empty(s.objects(d).0)
                            .or_else(|| non_empty(s.prepositional_objects(d, &["for", "against", "on"])))
                            .unwrap_or_default();
                        self.set_targets(aimed, "whom the protest's demand names");
                    }
                }
                // (An infinitive of purpose, "met to discuss the war in Sudan", names no target.)
                if self.targets.is_empty() && coding.by_lemma {
                    if let Some(c) = coding.complement.or_else(|| s.doc.child_with(verb, &[Deprel::Xcomp])) {
                        self.set_targets(s.objects(c).0, "object of the complement");
                    }
                }
            }
        }
        self.tabari_fallbacks(s, coding, passive);
    }

    /// TABARI's fallbacks: the first actor before the verb (a passive without "by" names no
    /// source) and, for PETRARCH's dictionaries only, the first after it (Attaché's lexicon
    /// trusts the parse).
    fn tabari_fallbacks(&mut self, s: &'h Sentence<'h>, coding: &Coding, passive: bool) {
        let group = |n: usize| s.chart.with_conjuncts(s.doc, n, |_| true);
        if self.sources.is_empty() && self.compound.is_empty() && !passive {
            let before = s.chart.hits.iter().position(|h| h.tokens.end <= coding.trigger.start);
            self.set_sources(before.map(group).unwrap_or_default(), "first actor before the verb");
        }
        if self.targets.is_empty() && self.compound.is_empty() && self.sources.len() < 2 && !coding.by_lemma {
            let sources: Vec<&Range<usize>> = self.sources.iter().map(|h| &h.tokens).collect();
            let after = s.chart.hits.iter().position(|h| {
                h.tokens.start >= coding.trigger.end
                    && !sources.contains(&&h.tokens)
                    && !is_place_hit(s, h, coding.verb)
            });
            self.set_targets(after.map(group).unwrap_or_default(), "first actor after the verb");
        }
    }

    /// "imposed a curfew in Abidjan": an act of one actor on no one named acts on the country
    /// of the place in its clause, as TABARI read a location.
    pub(super) fn target_the_place(&mut self, s: &'h Sentence<'h>, place: Option<&EventPlace>) {
        if !(self.targets.is_empty() && self.compound.is_empty() && self.sources.len() == 1) {
            return;
        }
        let located = place.and_then(|p| p.entity).and_then(|e| s.chart.hits.iter().find(|h| h.entity == Some(e)));
        if let Some(hit) = located.filter(|h| h.tokens != self.sources[0].tokens) {
            self.set_targets(vec![hit], "the place in its clause");
        }
    }

    /// Who did what to whom, pair by pair: each source with each target, or, for actors
    /// acting together (a pattern's "&", or a compound subject of a mutual act with no one
    /// else), each pair of them.
    pub(super) fn dyads(mut self, mutual: bool) -> Vec<Dyad<'h>> {
        if self.compound.is_empty() && self.targets.is_empty() && self.sources.len() >= 2 && mutual {
            self.compound = std::mem::take(&mut self.sources);
            self.how_source = "compound subject";
        }
        let mut dyads = Vec::new();
        if self.compound.len() >= 2 {
            for (i, a) in self.compound.iter().enumerate() {
                for b in &self.compound[i + 1..] {
                    dyads.push(Dyad {
                        source: Some(a),
                        target: Some(b),
                        how_source: "compound",
                        how_target: "compound",
                    });
                }
            }
            return dyads;
        }
        let sources: Vec<Option<&ActorPhrase>> = if self.sources.is_empty() {
            self.compound.iter().copied().map(Some).collect()
        } else {
            self.sources.into_iter().map(Some).collect()
        };
        let sources = if sources.is_empty() { vec![None] } else { sources };
        let targets: Vec<Option<&ActorPhrase>> =
            if self.targets.is_empty() { vec![None] } else { self.targets.into_iter().map(Some).collect() };
        for source in &sources {
            for target in &targets {
                dyads.push(Dyad {
                    source: *source,
                    target: *target,
                    how_source: self.how_source,
                    how_target: self.how_target,
                });
            }
        }
        dyads
    }
}

/// One source and one target of an event, with the rules that found them.
pub(super) struct Dyad<'h> {
    pub(super) source: Option<&'h ActorPhrase>,
    pub(super) target: Option<&'h ActorPhrase>,
    pub(super) how_source: &'static str,
    pub(super) how_target: &'static str,
}

/// A participant of an earlier event standing in again, with why.
fn phrase_of(p: &Participant, rule: String) -> Option<ActorPhrase> {
    Some(ActorPhrase {
        tokens: p.tokens.clone(),
        head: p.tokens.end - 1,
        code: p.code.clone()?,
        entity: p.entity,
        rule,
        bare: false,
    })
}

/// "X was freed" after "Y was asked to free X": the actor last appealed to is the one who
/// yielded (a passive yielding with no agent of its own).
pub(super) fn implicit_agent(
    doc: &Document,
    coding: &Coding,
    passive: bool,
    args: &Arguments,
    events: &[Event],
) -> Option<ActorPhrase> {
    let yields = coding.code.forward.as_deref().is_some_and(|c| c.starts_with("08"));
    if !(passive && args.sources.is_empty() && args.compound.is_empty() && yields) {
        return None;
    }
    let appeal = events.iter().rev().find(|e| e.cameo.starts_with("02") || e.cameo.starts_with("10"))?;
    let p = appeal.target.as_ref()?;
    let rule =
        format!("implicit agent: the actor last appealed to, {} (sentence {})", doc.slice(p.span), appeal.sentence + 1);
    phrase_of(p, rule)
}

/// "Forty people were arrested": an arrest of someone with no agent named is the police's
/// that the article names — in its sentence ("…, police said"), else the last before it.
pub(super) fn arresting_police(
    s: &Sentence,
    index: usize,
    coding: &Coding,
    passive: bool,
    args: &Arguments,
) -> Option<ActorPhrase> {
    let arrest = coding.code.forward.as_deref().is_some_and(|c| c.starts_with("173"));
    let agentless = coding.by_lemma && passive && args.sources.is_empty();
    if !(arrest && agentless && args.compound.is_empty() && !args.targets.is_empty()) {
        return None;
    }
    let doc = s.doc;
    let sentence = &doc.sentences[index].tokens;
    let police = |p: &&ActorPhrase| p.code.ends_with("COP");
    let in_sentence = s.chart.hits.iter().filter(|p| sentence.contains(&p.head)).find(police);
    let earlier = &doc.actors[..doc.actors.partition_point(|p| p.tokens.start < sentence.start)];
    let before = || earlier.iter().rev().filter(|p| p.tokens.end <= sentence.start).find(police);
    let found = in_sentence.or_else(before)?;
    let rule = format!(
        "the police the article names, {} (sentence {})",
        doc.slice(doc.span_of(&found.tokens)),
        doc.sentence_of(found.head).map_or(0, |n| n + 1)
    );
    Some(ActorPhrase { rule, ..found.clone() })
}

/// "They spoke by telephone": "they" with no antecedent in its sentence, doing what only two
/// can do, are the pair of the article's last act of that class (three sentences back at
/// most).
pub(super) fn pair_they_refer_to(
    s: &Sentence,
    coding: &Coding,
    index: usize,
    args: &Arguments,
    events: &[Event],
) -> Vec<ActorPhrase> {
    let Some(code) = coding.code.forward.as_deref().filter(|c| is_mutual(c)) else { return Vec::new() };
    if !(coding.by_lemma && args.sources.is_empty() && args.targets.is_empty() && args.compound.is_empty()) {
        return Vec::new();
    }
    let they = s.subject(coding.verb).is_some_and(|h| s.word(h) == "THEY");
    if !they {
        return Vec::new();
    }
    let root = code.get(..2).unwrap_or("");
    let last = events
        .iter()
        .rev()
        .take_while(|e| e.sentence + 3 >= index)
        .find(|e| e.sentence < index && !e.negated && e.target.is_some() && e.cameo.starts_with(root));
    let Some(e) = last else { return Vec::new() };
    [e.source.as_ref(), e.target.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|p| {
            phrase_of(p, format!("“they”: the pair of sentence {}, {}", e.sentence + 1, s.doc.slice(p.span)))
        })
        .collect()
}

/// Acts two actors can only do together ("X and Y met", "X and Y clashed"): a compound
/// subject of one with no object acts on itself, pair by pair; "X and Y held Z" does not.
pub(super) fn is_mutual(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "19")) || code == "0871"
}
