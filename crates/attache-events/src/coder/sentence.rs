//! The sentence an event is coded in, and the parse questions the rules ask of it: a
//! token's clause, whether it lies in a phrase, whether a verb is passive.

use crate::chart::Chart;
use attache_doc::{Deprel, Document, Span, Upos};
use std::ops::Range;

/// Clause relations: the words under them belong to another clause.
pub(super) const CLAUSE_RELATIONS: &[Deprel] = &[
    Deprel::Acl,
    Deprel::AclRelcl,
    Deprel::Advcl,
    Deprel::Ccomp,
    Deprel::Parataxis,
    Deprel::Xcomp,
    Deprel::Csubj,
    Deprel::Conj,
    Deprel::List,
];

/// The layers rules look up by sentence — timexes, entity mentions, quotes and claims —
/// grouped once per document, so that a rule reads its own sentence's and coding stays
/// linear in the document's length. Each list keeps the layer's order.
pub(super) struct SentenceLayers {
    pub(super) timexes: Vec<Vec<usize>>,
    pub(super) mentions: Vec<Vec<(usize, usize)>>,
    pub(super) quotes: Vec<Vec<usize>>,
    pub(super) claims: Vec<Vec<usize>>,
}

impl SentenceLayers {
    pub(super) fn of(doc: &Document) -> SentenceLayers {
        let count = doc.sentences.len();
        let sentence = |token: usize| doc.sentence_of(token).unwrap_or(0);
        let mut layers = SentenceLayers {
            timexes: vec![Vec::new(); count],
            mentions: vec![Vec::new(); count],
            quotes: vec![Vec::new(); count],
            claims: vec![Vec::new(); count],
        };
        if count == 0 {
            return layers;
        }
        for (i, timex) in doc.timexes.iter().enumerate() {
            layers.timexes[sentence(timex.tokens.start)].push(i);
        }
        for entity in &doc.entities {
            for (m, mention) in entity.mentions.iter().enumerate() {
                layers.mentions[sentence(mention.tokens.start)].push((entity.id, m));
            }
        }
        // A quotation or claim may run over several sentences: it is listed under each.
        let overlapped = |span: Span| {
            let first = doc.tokens.partition_point(|t| t.span.end <= span.start);
            let last = doc.tokens.partition_point(|t| t.span.start < span.end).max(first + 1) - 1;
            sentence(first)..sentence(last) + 1
        };
        for (i, quote) in doc.quotes.iter().enumerate() {
            overlapped(quote.span).for_each(|k| layers.quotes[k].push(i));
        }
        for (i, claim) in doc.claims.iter().enumerate() {
            overlapped(claim.span).for_each(|k| layers.claims[k].push(i));
        }
        layers
    }
}

/// Per-sentence state.
pub(super) struct Sentence<'a> {
    pub(super) doc: &'a Document,
    pub(super) tokens: Range<usize>,
    /// Indexes in [`Document::timexes`] of the timexes starting in the sentence.
    pub(super) timexes: &'a [usize],
    /// Entity and mention indexes of the mentions starting in the sentence.
    pub(super) mentions: &'a [(usize, usize)],
    /// Indexes in [`Document::quotes`] and [`Document::claims`] of those overlapping it.
    pub(super) quotes: &'a [usize],
    pub(super) claims: &'a [usize],
    /// Upper-case words, one per token of the sentence.
    pub(super) words: Vec<String>,
    /// Upper-case lemmas, one per token (the word where the tagger gave none).
    pub(super) lemmas: Vec<String>,
    pub(super) chart: Chart<'a>,
    /// Under Attaché's rules, personal pronouns stand for the subject they refer to.
    pub(super) resolve_pronouns: bool,
}

impl<'a> Sentence<'a> {
    pub(super) fn word(&self, t: usize) -> &str {
        &self.words[t - self.tokens.start]
    }

    /// The token's relation (`dep` where the parse gave none).
    pub(super) fn deprel(&self, t: usize) -> Deprel {
        self.doc.tokens[t].deprel.unwrap_or(Deprel::Dep)
    }

    pub(super) fn lemma(&self, t: usize) -> String {
        self.doc.tokens[t].lemma.clone().unwrap_or_else(|| self.doc.token_text(t).to_lowercase())
    }

    /// True when `t` lies under `root` without crossing into another clause.
    pub(super) fn in_phrase(&self, t: usize, root: usize) -> bool {
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

    /// True when `t` depends on `verb`, or on one of its dependents, in its own clause.
    pub(super) fn near_in_phrase(&self, t: usize, verb: usize) -> bool {
        let clause = |at: usize| {
            CLAUSE_RELATIONS.contains(&self.deprel(at))
                && matches!(self.doc.tokens[at].upos, Some(Upos::Verb | Upos::Aux))
        };
        let head = |at: usize| self.doc.tokens[at].head.filter(|_| !clause(at));
        head(t).is_some_and(|h| h == verb || head(h) == Some(verb))
    }

    /// The nearest verb or event-noun ancestor clause of `t`: the first ancestor reached
    /// through a clause relation, or the root.
    pub(super) fn clause_of(&self, t: usize) -> usize {
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
    pub(super) fn in_clause(&self, t: usize, verb: usize) -> bool {
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
    pub(super) fn parent_clause(&self, verb: usize) -> Option<usize> {
        if !matches!(self.deprel(verb), Deprel::AclRelcl | Deprel::Acl | Deprel::Advcl | Deprel::Xcomp) {
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

    /// The noun a past participle describes, the participle standing for a passive clause
    /// ("a partisan seized by the South and jailed"): the noun is what was acted upon.
    pub(super) fn participle_noun(&self, verb: usize) -> Option<usize> {
        let participle = |t: usize| self.doc.tokens[t].xpos.as_deref() == Some("VBN");
        let mut at = verb;
        if self.deprel(at) == Deprel::Conj && participle(at) {
            at = self.doc.tokens[at].head?;
        }
        // One with an object is an active verb the tagger took for a participle.
        let has_object = |t: usize| self.doc.children(t).any(|c| self.deprel(c) == Deprel::Obj);
        let passive = self.deprel(at) == Deprel::Acl && participle(at) && !has_object(at) && !has_object(verb);
        passive.then(|| self.doc.tokens[at].head).flatten()
    }

    pub(super) fn is_passive(&self, verb: usize) -> bool {
        self.doc
            .children(verb)
            .any(|c| matches!(self.deprel(c), Deprel::NsubjPass | Deprel::AuxPass | Deprel::CsubjPass))
    }
}

/// How deep token `t` is in the parse.
pub(super) fn depth(doc: &Document, t: usize) -> usize {
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
pub(super) fn in_time_phrase(s: &Sentence, t: usize, clause: usize) -> bool {
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
pub(super) fn has_case(s: &Sentence, t: usize, cases: &[&str]) -> bool {
    s.doc
        .children(t)
        .any(|c| matches!(s.deprel(c), Deprel::Case | Deprel::Mark) && cases.contains(&s.lemma(c).as_str()))
}
