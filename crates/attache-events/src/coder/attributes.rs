//! What an event carries besides its actors: its date, its place, whether it is negated or
//! denied, its modality (asserted, planned, hypothetical), and who reports it.

use super::matching::NEGATIONS;
use super::sentence::{has_case, in_time_phrase, Sentence};
use attache_doc::{Attribution, Deprel, EventDate, EventPlace, Modality, PlaceBasis, TimexKind};
use attache_gazetteer::Gazetteer;
use attache_quotes::is_speech_verb;

/// Auxiliaries that make an event planned or hypothetical.
pub(super) const PLANNED_AUX: &[&str] = &["will", "shall", "'ll"];
const HYPOTHETICAL_AUX: &[&str] = &["would", "could", "might", "may", "should", "can", "must", "'d"];

/// Verbs whose infinitive complement is planned ("agreed to meet") or only wished for
/// ("urged Y to release Z").
pub(super) const PLANNING_VERBS: &[&str] = &[
    "plan", "intend", "agree", "expect", "aim", "prepare", "promise", "pledge", "vow", "decide", "schedule", "set",
    "about", "go", "offer", "propose", "try", "seek", "attempt", "want", "hope", "wish", "threaten", "refuse", "ready",
    "willing", "due", "eager", "keen", "poised",
];

pub(super) const APPEAL_VERBS: &[&str] =
    &["urge", "call", "ask", "demand", "appeal", "press", "request", "invite", "tell", "order", "encourage", "push"];

/// Adjectives whose infinitive is only a prospect, the writer's or a source's ("is likely to
/// deploy").
const PROSPECT_ADJECTIVES: &[&str] = &["likely", "unlikely", "certain", "sure", "bound"];

/// Verbs of belief: like a speech verb's, their complement is what their subject holds true.
pub(super) const BELIEF_VERBS: &[&str] = &["believe", "think"];

/// A date or time timex in the verb's clause (or, for a relative or adverbial clause, the
/// clause it belongs to), else the article date.
pub(super) fn date(s: &Sentence, verb: usize) -> Option<EventDate> {
    let doc = s.doc;
    // A date attached to the verb itself before one deeper in its clause.
    let in_clause = |clause: usize| {
        s.timexes
            .iter()
            .map(|&i| (i, &doc.timexes[i]))
            .filter(|(_, x)| {
                matches!(x.kind, TimexKind::Date | TimexKind::Time)
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
        .any(|c| s.deprel(c) == Deprel::Aux && s.lemma(c) == "have" && doc.tokens[c].xpos.as_deref() == Some("VBD"));
    match found {
        Some(((i, x), how)) => {
            Some(EventDate { value: x.value.clone(), timex: Some(i), rule: format!("{how}: {}", doc.slice(x.span)) })
        }
        None if past_perfect => None,
        None => doc.meta.date.map(|d| EventDate {
            value: d.format("%Y-%m-%d").to_string(),
            timex: None,
            rule: "article date".into(),
        }),
    }
}

/// Nouns that a place's name can describe: "in the seaside town of Pattaya".
const PLACE_NOUNS: &[&str] =
    &["town", "city", "village", "capital", "province", "region", "district", "port", "suburb", "area", "state"];

/// True when a place name says where something happened: "in Geneva", or "in the town
/// of Pattaya".
fn is_located_at(s: &Sentence, name: usize) -> bool {
    const LOCATING: &[&str] = &["in", "at", "near", "outside", "inside"];
    if has_case(s, name, LOCATING) {
        return true;
    }
    let described = s.doc.tokens[name].head.filter(|&h| PLACE_NOUNS.contains(&s.lemma(h).as_str()));
    has_case(s, name, &["of"]) && described.is_some_and(|noun| has_case(s, noun, LOCATING))
}

/// A place named in the verb's clause ("in New Delhi") or the clause a relative or
/// adverbial clause belongs to, else the dateline's.
pub(super) fn place(s: &Sentence, verb: usize) -> Option<EventPlace> {
    let doc = s.doc;
    let clauses = [Some(verb), s.parent_clause(verb)];
    let bases =
        [(PlaceBasis::Clause, "place in the clause"), (PlaceBasis::GoverningClause, "place in the governing clause")];
    for (clause, (basis, how)) in clauses.into_iter().zip(bases) {
        let Some(clause) = clause else { continue };
        for &(e, m) in s.mentions {
            let entity = &doc.entities[e];
            let Some(location) = &entity.location else { continue };
            let mention = &entity.mentions[m];
            let head = doc.phrase_head(&mention.tokens);
            if s.tokens.contains(&head)
                && s.in_clause(head, clause)
                && is_located_at(s, head)
                && !in_time_phrase(s, head, clause)
            {
                return Some(EventPlace {
                    entity: Some(entity.id),
                    name: location.name.clone(),
                    country: Some(location.country.clone()),
                    coordinates: Some((location.latitude, location.longitude)),
                    basis,
                    rule: format!("{how}: {}", doc.slice(mention.span)),
                });
            }
        }
    }
    let dateline = doc.meta.dateline.as_ref()?.place.as_ref()?;
    let found = Gazetteer::builtin().dateline_place(dateline);
    Some(EventPlace {
        entity: None,
        name: found.map_or_else(|| dateline.clone(), |p| p.name.clone()),
        country: found.map(|p| p.country.clone()),
        coordinates: found.map(|p| (p.latitude, p.longitude)),
        basis: PlaceBasis::Dateline,
        rule: "dateline".into(),
    })
}

/// True when the verb (or the verb it depends on as a complement) is negated.
pub(super) fn is_negated(s: &Sentence, verb: usize) -> bool {
    let negates = |t: usize| {
        s.doc.children(t).any(|c| {
            let word = s.word(c);
            (s.deprel(c) == Deprel::Advmod || s.deprel(c) == Deprel::Det || s.deprel(c) == Deprel::CcPreconj)
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
    if s.deprel(verb) == Deprel::Xcomp {
        if let Some(head) = s.doc.tokens[verb].head {
            return negates(head) && !PLANNING_VERBS.contains(&s.lemma(head).as_str());
        }
    }
    false
}

/// Verbs that say their complement did not happen.
pub(super) const DENIAL_VERBS: &[&str] = &["deny", "refute"];

/// "denied that Y attacked Z", "denied attacking Z", "denied reports of a meeting": an
/// action in what a denial verb governs is denied.
pub(super) fn is_denied(s: &Sentence, verb: usize) -> bool {
    let mut at = verb;
    for _ in 0..3 {
        let Some(head) = s.doc.tokens[at].head else { return false };
        if !matches!(s.deprel(at), Deprel::Ccomp | Deprel::Xcomp | Deprel::Obj | Deprel::Nmod | Deprel::Acl) {
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
pub(super) fn modality(s: &Sentence, verb: usize) -> Modality {
    let mut at = verb;
    for _ in 0..6 {
        for c in s.doc.children(at) {
            let lemma = s.lemma(c);
            match s.deprel(c) {
                Deprel::Aux if PLANNED_AUX.contains(&lemma.as_str()) => return Modality::Planned,
                Deprel::Aux if HYPOTHETICAL_AUX.contains(&lemma.as_str()) => return Modality::Hypothetical,
                Deprel::Mark if matches!(lemma.as_str(), "if" | "unless" | "whether") => return Modality::Hypothetical,
                _ => {}
            }
        }
        if !matches!(s.deprel(at), Deprel::Xcomp | Deprel::Conj) {
            break;
        }
        let Some(head) = s.doc.tokens[at].head else { break };
        let lemma = s.lemma(head);
        if s.deprel(at) == Deprel::Xcomp {
            if PLANNING_VERBS.contains(&lemma.as_str()) {
                return Modality::Planned;
            }
            if APPEAL_VERBS.contains(&lemma.as_str()) || PROSPECT_ADJECTIVES.contains(&lemma.as_str()) {
                return Modality::Hypothetical;
            }
        }
        at = head;
    }
    Modality::Asserted
}

/// Who reports the event: the speaker of a quotation holding it, the source of a claim, or
/// the subject of a speech verb whose complement it is.
pub(super) fn attribution(s: &Sentence, verb: usize) -> Option<Attribution> {
    let doc = s.doc;
    let at = doc.tokens[verb].span;
    let quotes = s.quotes.iter().map(|&i| &doc.quotes[i]);
    if let Some(quote) = quotes.clone().find(|q| q.span.start <= at.start && at.end <= q.span.end) {
        return quote.speaker.clone();
    }
    let claims = s.claims.iter().map(|&i| &doc.claims[i]);
    if let Some(claim) = claims.clone().find(|c| c.span.start <= at.start && at.end <= c.span.end) {
        return Some(claim.source.clone());
    }
    // The clause the event stands in: the verb's own when it is a complement, else the
    // nearest clause above it.
    let clause = if s.deprel(verb) == Deprel::Ccomp { verb } else { s.clause_of(verb) };
    if s.deprel(clause) == Deprel::Ccomp {
        let speech = doc.tokens[clause].head?;
        let lemma = s.lemma(speech);
        if is_speech_verb(&lemma) || BELIEF_VERBS.contains(&lemma.as_str()) {
            let subject = s.doc.child_with(speech, &[Deprel::Nsubj])?;
            // A coded actor, else the name the subject is a mention of ("Ingrid Vik", whom
            // nothing codes), else the subject's word.
            if let Some(hit) = s.argument(subject).first() {
                return Some(Attribution { span: doc.span_of(&hit.tokens), entity: hit.entity });
            }
            let named = s.mentions.iter().find_map(|&(e, m)| {
                let mention = &doc.entities[e].mentions[m];
                mention.tokens.contains(&subject).then_some((mention.span, e))
            });
            return Some(match named {
                Some((span, entity)) => Attribution { span, entity: Some(entity) },
                None => Attribution { span: doc.tokens[subject].span, entity: None },
            });
        }
    }
    None
}
