//! Word senses the argument frame decides, for Attaché's lexicon: the same word names
//! different acts, or none, depending on what it takes. "Attacked the budget plan" is
//! criticism, not force; "recognized that …" is no diplomatic recognition; "said in a
//! release" frees nobody; "withheld aid" gives none.

use super::sentence::Sentence;
use super::Coding;
use attache_doc::Deprel;

/// What the frame makes of a coding.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Sense {
    /// The lexicon's code stands.
    Kept,
    /// The words name no event here, and why.
    NoEvent(&'static str),
    /// Another code, and why.
    Recoded(&'static str, &'static str),
}

/// Nouns of proposals, policies and words: attacking one is criticising it.
const ABSTRACT_OBJECTS: &[&str] = &[
    "plan",
    "policy",
    "proposal",
    "budget",
    "decision",
    "remark",
    "statement",
    "bill",
    "law",
    "record",
    "comment",
    "idea",
    "strategy",
    "reform",
    "program",
    "programme",
    "approach",
    "handling",
    "stance",
    "position",
    "view",
    "claim",
    "report",
    "speech",
    "agenda",
    "leadership",
    "rhetoric",
    "campaign",
    "deal",
    "move",
    "measure",
];

/// Political competitors: attacking one is criticising them.
const RIVALS: &[&str] = &["candidate", "rival", "opponent", "critic", "challenger", "predecessor", "successor"];

/// What governments "fight" without arms.
const SOCIAL_ILLS: &[&str] = &[
    "crime",
    "corruption",
    "poverty",
    "drug",
    "drugs",
    "terrorism",
    "inflation",
    "disease",
    "epidemic",
    "fire",
    "flood",
    "smuggling",
    "trafficking",
    "unemployment",
    "hunger",
    "illiteracy",
    "pollution",
    "fraud",
    "racism",
    "extremism",
    "piracy",
    "addiction",
];

/// Verbs that keep the act their object names from happening, or end it: "withheld aid",
/// "dropped the investigation", "called off the talks".
const PREVENTING_VERBS: &[&str] = &[
    "withhold", "halt", "suspend", "cut", "stop", "end", "drop", "cancel", "block", "freeze", "deny", "refuse",
    "reject", "abandon", "scrap", "postpone", "delay", "shelve", "close", "oppose", "prevent", "avoid",
];

/// The sense of a coding of Attaché's lexicon in its frame.
pub(super) fn sense(s: &Sentence, coding: &Coding) -> Sense {
    let Some(code) = coding.code.forward.as_deref() else { return Sense::Kept };
    let verb = coding.verb;
    let children: Vec<usize> = s.doc.children(verb).collect();
    let lemma_of = |t: usize| s.lemma(t).to_lowercase();
    // "fighting crime", "the battle against corruption": a campaign against a social ill,
    // not combat.
    if code.starts_with("19") {
        let against = |c: usize| {
            s.deprel(c) == Deprel::Obj
                || s.doc.children(c).any(|m| s.deprel(m) == Deprel::Case && lemma_of(m) == "against")
        };
        if children.iter().any(|&c| against(c) && SOCIAL_ILLS.contains(&lemma_of(c).as_str())) {
            return Sense::NoEvent("fighting a social ill is no combat");
        }
    }
    if coding.is_noun {
        if let Some(head) = s.doc.tokens[verb].head {
            if s.deprel(verb) == Deprel::Obj && PREVENTING_VERBS.contains(&lemma_of(head).as_str()) {
                return Sense::NoEvent("the verb governing the event noun keeps it from happening");
            }
        }
        // "the release of the hostages", "Griner's release"; not "said in a release".
        let names_who = children.iter().any(|&c| matches!(s.deprel(c), Deprel::Nmod | Deprel::NmodPoss));
        if code.starts_with("084") && !names_who {
            return Sense::NoEvent("a release that names no one released");
        }
        return Sense::Kept;
    }
    // "the spokesman, who asked not to be identified": a source's wish to stay anonymous.
    let anonymity = children.iter().any(|&c| {
        matches!(s.deprel(c), Deprel::Xcomp | Deprel::Advcl | Deprel::Ccomp)
            && matches!(lemma_of(c).as_str(), "name" | "identify" | "quote" | "disclose")
    });
    if code.starts_with("02") && anonymity {
        return Sense::NoEvent("asking not to be named is no appeal");
    }
    if code.starts_with("054") && children.iter().any(|&c| s.deprel(c) == Deprel::Ccomp) {
        return Sense::NoEvent("recognising that something is so is no diplomatic recognition");
    }
    if code.starts_with("19") && lemma_of(verb) == "attack" {
        let object = children.iter().copied().find(|&c| s.deprel(c) == Deprel::Obj);
        if object.is_some_and(|o| ABSTRACT_OBJECTS.contains(&lemma_of(o).as_str())) {
            return Sense::Recoded("111", "attacking a plan, policy or words is criticism");
        }
        if object.is_some_and(|o| RIVALS.contains(&lemma_of(o).as_str())) {
            return Sense::Recoded("111", "attacking a political rival is criticism");
        }
    }
    Sense::Kept
}
