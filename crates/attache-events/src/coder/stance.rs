//! Stances toward an action, coded as CAMEO prescribes: an appeal, demand, intent,
//! rejection or threat takes the code of the action its complement names ("threatened to
//! cut ties" → 1313), a commitment makes an action an intent ("agreed to send aid" → 0333),
//! and "X said Y must …" is a demand of X on Y.

use super::arguments::UNDERGOING_VERBS;
use super::attributes::is_negated;
use super::attributes::PLANNED_AUX;
use super::sentence::{has_case, Sentence};
use super::{Bindings, Coding, EventCoder};
use crate::compose::{compose, is_conflict, is_cooperation, Stance};
use crate::lexicon::Code;
use attache_doc::{Deprel, Upos};

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
    "eager",
    "keen",
    "poised",
];

impl EventCoder {
    /// Codes a stance toward an action as CAMEO does ("threatened to cut ties" → 1313,
    /// "refused to release" → 1243), from a generic appeal, intent, demand, rejection or
    /// threat and the action of its complement; and an action the actor commits to ("will
    /// send aid", "is ready to host talks") as an intent, or a threat for conflict.
    pub(super) fn take_stance(&self, s: &Sentence, coding: &mut Coding, used: &mut Vec<usize>) {
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
    pub(super) fn obligation(&self, s: &Sentence, clause: usize, used: &mut Vec<usize>) -> Option<Coding> {
        let modal = s
            .doc
            .children(clause)
            .find(|&c| s.deprel(c) == Deprel::Aux && matches!(s.lemma(c).as_str(), "must" | "should" | "ought"))?;
        // The verb (or noun, "a reminder that") whose content the clause is.
        let content = s.deprel(clause) == Deprel::Ccomp
            || s.doc.children(clause).any(|c| s.deprel(c) == Deprel::Mark && s.word(c) == "THAT");
        let mut speech = s.doc.tokens[clause].head.filter(|_| content)?;
        while !matches!(s.doc.tokens[speech].upos, Some(Upos::Verb | Upos::Noun)) {
            speech = s.doc.tokens[speech].head?;
        }
        let obliged = s.doc.child_with(clause, &[Deprel::Nsubj, Deprel::NsubjPass])?;
        let speaker = match s.doc.tokens[speech].upos {
            Some(Upos::Noun) => s
                .doc
                .child_with(speech, &[Deprel::NmodPoss])
                .or_else(|| light_verb(s, speech, &[]).and_then(|v| s.subject(v))),
            _ => s.subject(speech),
        }?;
        let stance = if s.lemma(modal) == "must" { Stance::Demand } else { Stance::Appeal };
        let clause_negated = is_negated(s, clause);
        // "must be ready to mediate": the action is the adjective's complement.
        let action_verb = if self.triggers_at(s, clause).is_empty() {
            s.doc.child_with(clause, &[Deprel::Xcomp]).unwrap_or(clause)
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
}

/// True for an infinitive that only names an aim: of a noun ("efforts to stop") or of a
/// verb already coded ("urged Y to help").
pub(super) fn embedded_infinitive(s: &Sentence, verb: usize, coded: &[usize]) -> bool {
    let to = s.doc.children(verb).any(|c| s.deprel(c) == Deprel::Mark && s.word(c) == "TO");
    let head = s.doc.tokens[verb].head;
    match s.deprel(verb) {
        Deprel::Acl => to,
        Deprel::Xcomp | Deprel::Advcl => to && head.is_some_and(|h| coded.contains(&h)),
        _ => false,
    }
}

/// Verbs by which an actor does the act an event noun names ("staged a protest", "held
/// talks", "lodged a complaint"); the verbs of undergoing ("faced criticism") are light too.
const LIGHT_VERBS: &[&str] = &[
    "make",
    "issue",
    "stage",
    "hold",
    "launch",
    "carry",
    "conduct",
    "mount",
    "wage",
    "lodge",
    "file",
    "submit",
    "present",
    "deliver",
    "engage",
    "give",
    "take",
    "pay",
    "begin",
    "start",
    "continue",
    "resume",
    "step",
    "renew",
    "express",
    "voice",
    "level",
    "reach",
    "open",
    "call",
    "organise",
    "organize",
    "lead",
    "join",
    "extend",
    "send",
    "offer",
    "provide",
    "grant",
    "impose",
    "declare",
    "announce",
    "order",
    "sign",
    "conclude",
    "strike",
    "seal",
    "host",
    "attend",
    "have",
    "do",
    "perform",
    "unleash",
    "escalate",
    "intensify",
    "go",
];

/// The verb an event noun is the object of when that verb codes nothing itself: "staged a
/// protest", "issued an ultimatum", "engaged in ethnic cleansing", "came under attack". The noun's actors are
/// the verb's.
pub(super) fn light_verb(s: &Sentence, noun: usize, coded: &[usize]) -> Option<usize> {
    let head = s.doc.tokens[noun].head?;
    // Only verbs that do the act their noun names: "considered the demand" is no demand.
    let lemma = s.lemma(head);
    if !LIGHT_VERBS.contains(&lemma.as_str()) && !UNDERGOING_VERBS.contains(&lemma.as_str()) {
        return None;
    }
    let object =
        s.deprel(noun) == Deprel::Obj || (s.deprel(noun) == Deprel::Obl && has_case(s, noun, &["in", "under", "on"]));
    let verb = s.doc.tokens[head].upos == Some(Upos::Verb);
    (object && verb && !coded.contains(&head) && !s.is_passive(head)).then_some(head)
}

/// The clause that says what a stance is toward: an infinitive or "that" clause of a verb
/// ("refused to meet", "demanded that Y release"), a clause of a noun ("its demand that Y
/// ease").
pub(super) fn complement_of(s: &Sentence, head: usize, is_noun: bool) -> Option<usize> {
    let relations: &[Deprel] = if is_noun { &[Deprel::Acl, Deprel::Ccomp] } else { &[Deprel::Xcomp, Deprel::Ccomp] };
    let infinitive = |c: usize| {
        s.deprel(c) == Deprel::Advcl && s.doc.children(c).any(|m| s.deprel(m) == Deprel::Mark && s.word(m) == "TO")
    };
    s.doc.children(head).find(|&c| {
        (relations.contains(&s.deprel(c)) || infinitive(c))
            && matches!(s.doc.tokens[c].upos, Some(Upos::Verb | Upos::Noun | Upos::Adj))
    })
}

/// Why the actor commits to the event at `verb`, if it does: "will" or "shall", "would" in
/// what someone said ("said it would boycott"), or an infinitive under a verb of commitment
/// ("agreed to", "is ready to"). "If" makes it no commitment.
pub(super) fn commitment(s: &Sentence, verb: usize) -> Option<String> {
    let mut at = verb;
    for _ in 0..6 {
        for c in s.doc.children(at) {
            let lemma = s.lemma(c);
            match s.deprel(c) {
                Deprel::Aux if PLANNED_AUX.contains(&lemma.as_str()) => {
                    return Some(format!("“{}”", s.doc.token_text(c)))
                }
                Deprel::Aux if matches!(lemma.as_str(), "would" | "'d") && reported(s, at) => {
                    return Some(format!("“{}” in what was said", s.doc.token_text(c)))
                }
                Deprel::Mark if matches!(lemma.as_str(), "if" | "unless" | "whether") => return None,
                _ => {}
            }
        }
        if !matches!(s.deprel(at), Deprel::Xcomp | Deprel::Conj | Deprel::Advcl) {
            return None;
        }
        let head = s.doc.tokens[at].head?;
        let lemma = s.lemma(head);
        if s.deprel(at) != Deprel::Conj && COMMITMENT_VERBS.contains(&lemma.as_str()) {
            return Some(format!("under “{}”", s.doc.token_text(head)));
        }
        at = head;
    }
    None
}

/// True when the clause of `verb` is what someone said ("said they would boycott").
pub(super) fn reported(s: &Sentence, verb: usize) -> bool {
    s.deprel(verb) == Deprel::Ccomp && s.doc.tokens[verb].head.is_some_and(|h| s.doc.tokens[h].upos == Some(Upos::Verb))
}
