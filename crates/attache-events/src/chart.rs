//! The actors of one sentence as events see them: its stretch of the actor layer
//! ([`Document::actors`], written by the actors stage), and which of them are listed
//! together ("X and Y", "X, Y and Z").

use attache_doc::{ActorPhrase, Deprel, Document, EntityType};
use std::ops::Range;

/// The actor phrases of a sentence, in text order.
pub struct Chart<'d> {
    /// The phrases, sorted by first token.
    pub hits: &'d [ActorPhrase],
}

fn is_conj(doc: &Document, t: usize) -> bool {
    doc.tokens[t].deprel == Some(Deprel::Conj)
}

impl<'d> Chart<'d> {
    /// The phrases of the actor layer that start in `sentence` (a token range of `doc`).
    pub fn of_sentence(doc: &'d Document, sentence: &Range<usize>) -> Chart<'d> {
        let start = doc.actors.partition_point(|p| p.tokens.start < sentence.start);
        let end = doc.actors.partition_point(|p| p.tokens.start < sentence.end);
        Chart { hits: &doc.actors[start..end] }
    }

    /// Hit `first` and the hits conjoined with it, by the parse or by "and"/","/"nor"
    /// between them.
    pub fn with_conjuncts(&self, doc: &Document, first: usize, inside: impl Fn(usize) -> bool) -> Vec<&'d ActorPhrase> {
        let mut group = vec![first];
        let mut k = 0;
        'member: while k < group.len() {
            let hit = &self.hits[group[k]];
            let at = anchor(doc, hit.head);
            // A listing follows the whole name phrase: "US Secretary of State Antony Blinken and …".
            let end = self
                .hits
                .iter()
                .filter(|h| anchor(doc, h.head) == at)
                .map(|h| h.tokens.end)
                .fold(hit.tokens.end, usize::max);
            for (n, other) in self.hits.iter().enumerate() {
                if group.contains(&n) || !inside(other.head) {
                    continue;
                }
                // "the Foreign Minister" and "Sergey Lavrov" are one person, not two.
                if other.entity.is_some() && group.iter().any(|&g| self.hits[g].entity == other.entity) {
                    continue;
                }
                let other_at = anchor(doc, other.head);
                // "US Secretary" and "Antony Blinken" in one name phrase: one actor, the person.
                if let Some(g) = group
                    .iter()
                    .position(|&g| anchor(doc, self.hits[g].head) == other_at && self.hits[g].tokens != other.tokens)
                {
                    let is_person =
                        |h: &ActorPhrase| h.entity.is_some_and(|e| doc.entities[e].kind == EntityType::Person);
                    // (Only where both say the same: a title's code is the article's own words.)
                    if is_person(other) && !is_person(&self.hits[group[g]]) && other.code == self.hits[group[g]].code {
                        group[g] = n;
                        // The person's own words may be what is listed with the next actor.
                        if g <= k {
                            k = g;
                            continue 'member;
                        }
                    }
                    continue;
                }
                let together = other.tokens == hit.tokens;
                let parsed = together
                    || (is_conj(doc, other_at) && doc.tokens[other_at].head == Some(at))
                    || (is_conj(doc, at) && doc.tokens[at].head == Some(other_at))
                    || (is_conj(doc, other_at) && is_conj(doc, at) && doc.tokens[other_at].head == doc.tokens[at].head);
                let between: Vec<String> =
                    (end..other.tokens.start.max(end)).map(|t| doc.token_text(t).to_lowercase()).collect();
                let between: Vec<&str> = between.iter().map(String::as_str).collect();
                let listed = other.tokens.start > end
                    && matches!(
                        between.as_slice(),
                        [","]
                            | ["and" | "or" | "nor" | "&"]
                            | [",", "and" | "or"]
                            | ["and", "the"]
                            | [",", "and", "the"]
                    );
                if parsed || listed {
                    group.push(n);
                }
            }
            k += 1;
        }
        group.sort_unstable();
        group.into_iter().map(|n| &self.hits[n]).collect()
    }

    /// The index of the hit covering token `t`.
    pub fn at(&self, t: usize) -> Option<usize> {
        self.hits.iter().position(|h| h.tokens.contains(&t))
    }
}

/// The head of the name a word is part of: "Minister" in "Foreign Minister Sergey Lavrov"
/// (a descriptive modifier of "Sergey"), "Blinken" in a flat name or an apposition, lead to
/// "Sergey", "US".
fn anchor(doc: &Document, mut t: usize) -> usize {
    for _ in 0..8 {
        match (doc.tokens[t].deprel, doc.tokens[t].head) {
            (
                Some(Deprel::Flat | Deprel::FlatName | Deprel::Compound | Deprel::NmodDesc | Deprel::Appos),
                Some(head),
            ) => t = head,
            _ => break,
        }
    }
    t
}
