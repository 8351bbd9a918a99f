//! Matching the lexicons: the verbs and event nouns of a sentence, and the most specific
//! pattern of each that its words fit (PETRARCH's verb-pattern format).

use super::sentence::Sentence;
use super::{Bindings, EventCoder, Found};
use crate::lexicon::{Code, Element, Pattern, Step, Trigger};
use attache_doc::{Deprel, Upos};

/// Words that negate the verb they modify.
pub(super) const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", "WITHOUT"];

/// Whether the sentence's words at `at` spell `phrase`, word by word or, for a lexicon
/// matched by lemma, lemma by lemma ("* TALK" matches "talks").
pub(super) fn spells_in(s: &Sentence, by_lemma: bool, at: usize, phrase: &[String]) -> bool {
    at + phrase.len() <= s.words.len()
        && phrase.iter().enumerate().all(|(i, p)| s.words[at + i] == *p || (by_lemma && s.lemmas[at + i] == *p))
}

impl EventCoder {
    /// The lexicon verbs at token `t` (a word may head several blocks): the first lexicon
    /// that knows the word wins.
    pub(super) fn triggers_at<'l>(&'l self, s: &Sentence, t: usize) -> Vec<Found<'l>> {
        let upos = s.doc.tokens[t].upos;
        if !matches!(upos, Some(Upos::Verb | Upos::Noun)) {
            return Vec::new();
        }
        // A gerund standing where a noun does ("Fighting broke out") names an event as a
        // noun would.
        let gerund = s.doc.tokens[t].xpos.as_deref() == Some("VBG")
            && matches!(s.deprel(t), Deprel::Nsubj | Deprel::NsubjPass | Deprel::Obj | Deprel::Obl);
        let noun = upos == Some(Upos::Noun) || gerund;
        for lexicon in &self.lexicons {
            let mut found = Vec::new();
            let word = s.word(t).to_string();
            let keys = if lexicon.by_lemma { vec![s.lemma(t).to_uppercase(), word] } else { vec![word] };
            // The first key with a trigger of the word's kind: a gerund's lemma ("fight") is
            // a verb, its form ("fighting") the noun.
            let of_kind = |t: &&[Trigger]| t.iter().any(|tr| lexicon.blocks[tr.block].nouns == noun);
            let triggers = keys.iter().map(|k| lexicon.triggers(k)).find(of_kind).unwrap_or(&[]);
            for trigger in triggers {
                if lexicon.blocks[trigger.block].nouns != noun {
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
    pub(super) fn match_pattern(&self, s: &Sentence, found: &Found, pattern: &Pattern) -> Option<Bindings> {
        let mut bindings = Bindings::default();
        let rel_start = found.tokens.start - s.tokens.start;
        let rel_end = found.tokens.end - s.tokens.start;
        // Before the verb, nearest first: `pos` is the relative index the next element must end at or before.
        let mut pos = rel_start;
        for step in &pattern.before {
            pos = self.match_step(s, step, pos, false, found, &mut bindings)?;
        }
        let mut pos = rel_end;
        for step in &pattern.after {
            pos = self.match_step(s, step, pos, true, found, &mut bindings)?;
        }
        Some(bindings)
    }

    /// Matches one element going forward from (or backward to) relative index `pos`;
    /// returns the new position. Under Attaché's rules (a lemma lexicon) a pattern's words
    /// belong to the verb's own phrase, as its dependents or theirs: "said … attack" is no
    /// attack by the speaker, nor "approached X, according to Y" a move to Y.
    pub(super) fn match_step(
        &self,
        s: &Sentence,
        step: &Step,
        pos: usize,
        forward: bool,
        found: &Found,
        bindings: &mut Bindings,
    ) -> Option<usize> {
        let n = s.words.len();
        let base = s.tokens.start;
        let by_lemma = found.lexicon.by_lemma;
        let local = |at: usize, len: usize| {
            !by_lemma
                || (at..at + len).all(|i| found.tokens.contains(&(base + i)) || s.near_in_phrase(base + i, found.verb))
        };
        match &step.element {
            Element::Words(phrases) => {
                let fits = |at: usize| {
                    if !local(at, 1) {
                        return None;
                    }
                    phrases.iter().find(|p| spells_in(s, by_lemma, at, p) && local(at, p.len())).map(|p| p.len())
                };
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
    pub(super) fn code_verb<'f, 'l>(
        &self,
        s: &Sentence,
        candidates: &'f [Found<'l>],
    ) -> (&'f Found<'l>, Code, String, Bindings) {
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
}
