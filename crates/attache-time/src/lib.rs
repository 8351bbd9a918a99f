//! Temporal expressions in news: dates ("Thursday", "last July", "March 2, 2023"), times
//! ("10 a.m.", "this morning"), durations ("roughly 10 minutes", "the past year") and sets
//! ("every week"), normalised TIMEX3-style against the document date.
//!
//! Recognition is a hand-written grammar over the sentence's words ([`grammar`]); the
//! direction of an underspecified date ("Wednesday", "in December") comes from the tense of
//! the verb that governs it in the dependency parse, so "said Wednesday" is the past one and
//! "will meet Friday" the next one ([`resolve`]).

pub mod grammar;
pub mod resolve;

use attache_doc::{Component, Deprel, Document, Layer, Timex, Upos};
use resolve::Tense;

/// The pipeline component that adds [`Document::timexes`].
#[derive(Clone, Copy, Debug, Default)]
pub struct TimexTagger;

/// Words that put a clause in the future when they are its auxiliaries.
const FUTURE_AUXILIARIES: [&str; 4] = ["will", "'ll", "shall", "wo"];

/// The tense of the verb governing token `index`: the nearest verb up the tree from it
/// (or the sentence's root), read from its tag and auxiliaries; "is going to", "plans to"
/// and "agreed to" count as future.
fn tense_at(doc: &Document, index: usize, sentence: std::ops::Range<usize>) -> Tense {
    let mut at = index;
    for _ in 0..sentence.len() {
        let token = &doc.tokens[at];
        if matches!(token.upos, Some(Upos::Verb | Upos::Aux)) && at != index {
            break;
        }
        match token.head {
            Some(h) if sentence.contains(&h) => at = h,
            _ => break,
        }
    }
    let verb = &doc.tokens[at];
    let auxiliaries: Vec<usize> = sentence
        .clone()
        .filter(|&i| doc.tokens[i].head == Some(at) && doc.tokens[i].deprel.is_some_and(|d| d.base() == Deprel::Aux))
        .collect();
    let word = |i: usize| doc.token_text(i).to_lowercase();
    if auxiliaries.iter().any(|&i| FUTURE_AUXILIARIES.contains(&word(i).as_str())) {
        return Tense::Future;
    }
    // "is going to meet", "plans to meet": the governing verb of "meet" is "going"/"plans".
    let xcomp_of = verb.head.filter(|_| verb.deprel == Some(Deprel::Xcomp));
    let plans = |h: usize| {
        matches!(
            doc.tokens[h].lemma.as_deref(),
            Some("go" | "plan" | "expect" | "schedule" | "intend" | "agree" | "hope" | "aim")
        )
    };
    if xcomp_of.is_some_and(plans) {
        return Tense::Future;
    }
    let past_tag = |i: usize| doc.tokens[i].xpos.as_deref() == Some("VBD");
    let perfect = verb.xpos.as_deref() == Some("VBN")
        && auxiliaries.iter().any(|&i| matches!(word(i).as_str(), "has" | "have" | "had"));
    if past_tag(at) || perfect || auxiliaries.iter().any(|&i| past_tag(i)) {
        return Tense::Past;
    }
    Tense::Unknown
}

impl Component for TimexTagger {
    fn name(&self) -> &'static str {
        "timex"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tags, Layer::Parse]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }

    fn process(&self, doc: &mut Document) {
        let anchor = doc.meta.date;
        let mut timexes = Vec::new();
        for sentence in &doc.sentences {
            let words: Vec<&str> = sentence.tokens.clone().map(|i| doc.token_text(i)).collect();
            for found in grammar::find(&words) {
                let tokens = sentence.tokens.start + found.start..sentence.tokens.start + found.end;
                let tense = tense_at(doc, tokens.end - 1, sentence.tokens.clone());
                let Some(resolved) = resolve::resolve(&found.expr, anchor, tense) else { continue };
                let span = doc.span_of(&tokens);
                timexes.push(Timex {
                    tokens,
                    span,
                    kind: resolved.kind,
                    value: resolved.value,
                    modifier: found.modifier.map(str::to_string),
                    rule: match resolved.anchoring {
                        "absolute" => found.rule.to_string(),
                        anchoring => format!("{}; anchored by {anchoring}", found.rule),
                    },
                });
            }
        }
        doc.timexes = timexes;
    }
}
