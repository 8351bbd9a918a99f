//! Events out of a coding: the dyads its arguments make, each with its code, date, place,
//! modality and attribution; and event nouns that only refer back to, or deny, an earlier
//! event.

use super::arguments::{arresting_police, implicit_agent, is_mutual, pair_they_refer_to, Arguments, Dyad};
use super::attributes::{attribution, date, modality, place};
use super::sentence::{has_case, Sentence};
use super::{Coding, EventCoder};
use crate::cameo::CameoTable;
use crate::lexicon::Code;
use attache_doc::{ActorPhrase, Deprel, Document, Event, EventPlace, Modality, Participant, PlaceBasis};

impl EventCoder {
    /// The events of one coding, added to those the article's earlier codings made (which
    /// its rules may read: the actor last appealed to, the pair last met).
    pub(super) fn emit(&self, s: &Sentence, index: usize, coding: Coding, events: &mut Vec<Event>) {
        let doc = s.doc;
        let passive = !coding.is_noun && (s.is_passive(coding.verb) || s.participle_noun(coding.verb).is_some());
        let mut args = Arguments::bound(s, &coding);
        if coding.is_noun {
            args.of_event_noun(s, &coding);
        } else {
            args.of_verb(s, &coding, passive);
        }
        let implicit = implicit_agent(doc, &coding, passive, &args, events);
        if let Some(agent) = &implicit {
            args.set_sources(vec![agent], "agent of the passive, from the appeal");
        }
        let police = arresting_police(s, index, &coding, passive, &args);
        if let Some(police) = &police {
            args.set_sources(vec![police], "agent of the arrest");
        }
        let pair = pair_they_refer_to(s, &coding, index, &args, events);
        if pair.len() == 2 {
            args.sources = pair.iter().collect();
        }
        let Coding { verb, is_noun, code, rule, negated, clause, by_lemma, .. } = coding;
        let forward = code.forward.as_deref();
        // Statements, consultations and cooperation always have a partner: without one
        // ("Lavrov spoke on the go") they are no event.
        let needs_partner = forward.is_some_and(|c| matches!(&c[..2], "01" | "04" | "06"));
        let date = date(s, clause);
        let place = place(s, clause);
        // Force and restrictions imposed on an area act on its country ("imposed a curfew in
        // Abidjan", "shelled villages in Chechnya"), and protests address its authorities
        // ("protested in Monrovia"); for other acts a place only sets the scene ("In Paris,
        // the spokesman condemned …", "police seized heroin in Pattaya").
        let on_an_area = forward.is_some_and(|c| {
            matches!(&c[..2], "14" | "15" | "17" | "18" | "19" | "20") && !c.starts_with("171") && !c.starts_with("173")
        });
        if by_lemma && on_an_area {
            args.target_the_place(s, place.as_ref());
        }
        let dyads = args.dyads(forward.is_some_and(is_mutual));
        // An act done to someone with no agent named ("forty people were arrested") is an
        // event of an unknown source. Not so for acts two sides do together (a meeting
        // needs its two sides), nor for event nouns: "the release of X" is as often what an
        // appeal asks for as what happened, and "the meeting" refers back to, or denies, an
        // event before.
        let together = forward.is_some_and(|c| matches!(&c[..2], "01" | "03" | "04" | "05" | "06"));
        let agentless = by_lemma && passive && !together && dyads.iter().any(|d| d.target.is_some());
        // "50,000 people have been killed since 1992": a toll over a period, not an event.
        if agentless && dyads.iter().all(|d| d.source.is_none()) && is_toll(s, clause) {
            return;
        }
        if is_noun && dyads.iter().all(|d| d.source.is_none()) {
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
        for Dyad { source: a, target: b, how_source: how_a, how_target: how_b } in dyads {
            // Who did what to whom; Attaché's lexicon also reports what an actor did alone
            // ("resigned", "rioted"), as PLOVER does, where PETRARCH's dictionaries are dyadic.
            if a.is_none() && !(agentless && b.is_some()) || b.is_none() && (!by_lemma || needs_partner) {
                continue;
            }
            // Speaking to journalists is a statement to the press, not a consultation.
            let consults = forward.is_some_and(|c| c.starts_with("04"));
            let to_the_press =
                b.is_some_and(|y| y.code.ends_with("MED")) && !a.is_some_and(|x| x.code.ends_with("MED"));
            if consults && to_the_press {
                continue;
            }
            let same = a.zip(b).is_some_and(|(x, y)| match (x.entity, y.entity) {
                (Some(e), Some(f)) => e == f,
                _ => x.tokens == y.tokens,
            });
            if same && how_a != "“between”: one group, on itself" {
                continue;
            }
            let mut directions = vec![(code.forward.as_ref(), a, b, how_a, how_b)];
            // The reverse ("received the visit") needs both sides.
            if a.is_some() && b.is_some() {
                directions.push((code.reverse.as_ref(), b, a, how_b, how_a));
            }
            for (cameo, from, to, how_from, how_to) in directions {
                let Some(cameo) = cameo else { continue };
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
                domestic_country(&mut event);
                events.push(event);
            }
        }
    }
}

/// "The brief meeting … in New Delhi": an event noun with "the" and no participants of its
/// own names again the last event of its kind (in this or the two sentences before); the
/// place it gives becomes that event's, if that event had none from its own clause.
pub(super) fn refer_back(
    s: &Sentence,
    noun: usize,
    index: usize,
    code: &Code,
    place: Option<EventPlace>,
    events: &mut [Event],
) {
    let definite =
        s.doc.children(noun).any(|c| s.deprel(c) == Deprel::Det && matches!(s.word(c), "THE" | "THIS" | "THAT"));
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
            event.place = Some(EventPlace { rule, basis: PlaceBasis::ReferredBack, ..place });
        }
    }
}

/// Gives an event its CAMEO code and what the code table says with it: PLOVER type, mode
/// and context, Goldstein score, quad class.
pub(super) fn set_code(event: &mut Event, code: &str) {
    let entry = CameoTable::builtin().get(code);
    event.cameo = code.to_string();
    event.plover = entry.and_then(|e| e.plover.clone());
    event.plover_mode = entry.and_then(|e| e.plover_mode.clone());
    event.plover_context = entry.and_then(|e| e.plover_context.clone());
    event.goldstein = entry.map(|e| e.goldstein);
    event.quad_class = entry.map(|e| e.quad_class as u8);
}

/// "There were no negotiations, meetings": a denied event noun with no participants of its
/// own denies the last event of its root class the article reported (its dyad, date and
/// place), with this sentence as evidence and its speaker as the one who denies it.
pub(super) fn deny_earlier(s: &Sentence, noun: usize, index: usize, code: &Code, events: &mut Vec<Event>) {
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

/// A perfect passive counted from a time ("have been killed since 1992", "has been
/// detained since the war began").
fn is_toll(s: &Sentence, clause: usize) -> bool {
    let perfect = s.doc.children(clause).any(|c| s.deprel(c) == Deprel::Aux && s.lemma(c) == "have");
    let since = s
        .doc
        .children(clause)
        .any(|c| matches!(s.deprel(c).base(), Deprel::Obl | Deprel::Advcl) && has_case(s, c, &["since"]));
    perfect && since
}

/// Roles of people who are not a state's: rebels, militants, protesters, civilians.
const NON_STATE_ROLES: &[&str] = &["REB", "INS", "OPP", "CVL", "UAF", "REF", "LAB", "EDU"];

/// "Algeria is fighting militants", "rebels attacked the Algerian army", "police beat
/// protesters in Lagos": in conflict (protest, coercion, force) a group with no country of
/// its own is of the country of the state actor it faces.
fn domestic_country(event: &mut Event) {
    if !matches!(event.cameo.get(..2), Some("14" | "15" | "17" | "18" | "19" | "20")) {
        return;
    }
    let country = |p: &Option<Participant>| {
        p.as_ref().and_then(|p| p.code.as_deref()).and_then(|c| c.get(..3)).filter(|c| *c != "---").map(str::to_string)
    };
    let stateless = |p: &Option<Participant>| {
        p.as_ref()
            .and_then(|p| p.code.as_deref())
            .is_some_and(|c| c.len() == 6 && c.starts_with("---") && NON_STATE_ROLES.contains(&&c[3..]))
    };
    let (source_country, target_country) = (country(&event.source), country(&event.target));
    for (side, other) in [(&mut event.source, target_country), (&mut event.target, source_country)] {
        if let Some(country) = other.filter(|_| stateless(side)) {
            let p = side.as_mut().expect("a stateless side is a participant");
            let role = p.code.as_deref().map_or("", |c| &c[3..]).to_string();
            p.code = Some(format!("{country}{role}"));
            p.rule = format!("{}; of the country of the state it faces, {country}", p.rule);
        }
    }
}

pub(super) fn participant(doc: &Document, hit: &ActorPhrase, how: &str) -> Participant {
    let span = doc.span_of(&hit.tokens);
    Participant {
        tokens: hit.tokens.clone(),
        span,
        entity: hit.entity,
        code: Some(hit.code.clone()),
        rule: format!("{how}; {}", hit.rule),
    }
}
