//! Events against Attaché's own real-news event gold (`eval/events-gold.jsonl`, annotated
//! by `docs/coding-guidelines.md`): precision, recall and F1 at root and exact-code level,
//! with and without both actors' countries, by half, and the dates and places of the
//! events found.

use crate::events::Half;
use crate::gold_sets::analysed;
use crate::{percent, Counts, Report};
use anyhow::Context;
use attache_doc::{Document, Event, OffsetMap, Participant};
use attache_events::compose::{compose, is_conflict, Stance};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// One document's gold events.
#[derive(Deserialize)]
struct GoldDocument {
    doc: String,
    events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldEvent {
    trigger: (usize, usize),
    code: String,
    source: Option<GoldActor>,
    target: Option<GoldActor>,
    #[serde(default)]
    symmetric: bool,
    date: Option<String>,
    place: Option<GoldPlace>,
    modality: String,
    #[serde(default)]
    negated: bool,
}

#[derive(Deserialize)]
struct GoldActor {
    code: String,
}

#[derive(Deserialize)]
struct GoldPlace {
    country: String,
}

/// How strictly a found event must agree with a gold one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The first two digits of the code (CAMEO's twenty root classes).
    Root,
    /// The whole code.
    Exact,
}

/// The four ways of matching: root or exact code, without and with both actors' countries.
pub const MEASURES: [(Level, bool); 4] =
    [(Level::Root, false), (Level::Root, true), (Level::Exact, false), (Level::Exact, true)];

fn measure_name((level, actors): (Level, bool)) -> &'static str {
    match (level, actors) {
        (Level::Root, false) => "root",
        (Level::Root, true) => "root + countries",
        (Level::Exact, false) => "exact",
        (Level::Exact, true) => "exact + countries",
    }
}

/// The scores of one half (or of all documents).
#[derive(Clone, Debug, Default)]
pub struct GoldEventScores {
    /// Documents scored.
    pub documents: usize,
    /// Counts for each of [`MEASURES`].
    pub counts: [Counts; 4],
    /// Root-level matches whose gold event has a date, and of those with the gold date.
    pub dates: (usize, usize),
    /// Root-level matches whose gold event has a place, and of those in the gold country.
    pub places: (usize, usize),
    /// Root-level matches, and of those with the gold modality.
    pub modality: (usize, usize),
}

impl GoldEventScores {
    fn add(&mut self, other: &GoldEventScores) {
        self.documents += other.documents;
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        let sum = |a: &mut (usize, usize), b: (usize, usize)| {
            a.0 += b.0;
            a.1 += b.1;
        };
        sum(&mut self.dates, other.dates);
        sum(&mut self.places, other.places);
        sum(&mut self.modality, other.modality);
    }
}

/// Scores of the tuning half, the held-out half, and all documents.
#[derive(Clone, Debug, Default)]
pub struct GoldEventReport {
    /// Per [`Half`] (tuning, held-out).
    pub halves: [GoldEventScores; 2],
}

impl GoldEventReport {
    /// Both halves together.
    pub fn all(&self) -> GoldEventScores {
        let mut all = self.halves[0].clone();
        all.add(&self.halves[1]);
        all
    }
}

impl fmt::Display for GoldEventReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<14} {:<18} {:>6} {:>6} {:>7} {:>7} {:>7}", "half", "match", "gold", "found", "P", "R", "F1")?;
        let all = self.all();
        let rows = [(Half::Tune.name(), &self.halves[0]), (Half::Held.name(), &self.halves[1]), ("all", &all)];
        for (name, scores) in rows {
            for (i, measure) in MEASURES.iter().enumerate() {
                let c = scores.counts[i];
                writeln!(
                    f,
                    "{:<14} {:<18} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}",
                    name,
                    measure_name(*measure),
                    c.gold,
                    c.system,
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
        }
        for (name, scores) in rows {
            writeln!(
                f,
                "{name} ({} documents): of events found at root level, date right {:.2}% ({}/{}), place country right {:.2}% ({}/{}), modality right {:.2}% ({}/{})",
                scores.documents,
                percent(scores.dates.1, scores.dates.0),
                scores.dates.1,
                scores.dates.0,
                percent(scores.places.1, scores.places.0),
                scores.places.1,
                scores.places.0,
                percent(scores.modality.1, scores.modality.0),
                scores.modality.1,
                scores.modality.0
            )?;
        }
        let root = all.counts[1];
        write!(
            f,
            "event gold: root + countries P {:.2}% R {:.2}% F1 {:.2}; held-out half P {:.2}% R {:.2}%",
            root.precision(),
            root.recall(),
            root.f1(),
            self.halves[1].counts[1].precision(),
            self.halves[1].counts[1].recall()
        )
    }
}

/// The country part of an actor code ("USAGOV" → "USA"; "IGOUNO" → "IGO").
fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// A found event as the scorer sees it, in character offsets.
struct Found<'a> {
    event: &'a Event,
    evidence: (usize, usize),
    source: Option<&'a str>,
    target: Option<&'a str>,
}

fn actor_country(p: &Option<Participant>) -> Option<&str> {
    p.as_ref().and_then(|p| p.code.as_deref()).map(country)
}

fn codes_agree(level: Level, gold: &str, found: &str) -> bool {
    match level {
        Level::Root => gold.get(..2).is_some_and(|root| found.starts_with(root)),
        Level::Exact => gold == found,
    }
}

fn countries_agree(gold: &GoldEvent, found: &Found) -> bool {
    let g = |a: &Option<GoldActor>| a.as_ref().map(|a| country(&a.code).to_string());
    let (gs, gt) = (g(&gold.source), g(&gold.target));
    let (fs, ft) = (found.source.map(str::to_string), found.target.map(str::to_string));
    (gs == fs && gt == ft) || (gold.symmetric && gs == ft && gt == fs)
}

/// The code of a commitment to an act ("will meet" → 036, "will attack" → 138): CAMEO's
/// intents and threats run parallel to the acts.
fn as_commitment(code: &str) -> String {
    let stance = if is_conflict(code) { Stance::Threaten } else { Stance::Intent };
    compose(stance, code)
}

/// Codes agree, a planned act agreeing with the commitment to it: the guidelines let "will
/// meet" be coded either way (036, or 040 planned).
fn codes_match(level: Level, gold: &GoldEvent, found: &Event) -> bool {
    let planned = |m: &str| m == "planned";
    codes_agree(level, &gold.code, &found.cameo)
        || planned(&gold.modality) && codes_agree(level, &as_commitment(&gold.code), &found.cameo)
        || planned(found.modality.as_str()) && codes_agree(level, &gold.code, &as_commitment(&found.cameo))
}

fn agrees(gold: &GoldEvent, found: &Found, (level, actors): (Level, bool)) -> bool {
    found.evidence.0 <= gold.trigger.0
        && gold.trigger.0 < found.evidence.1
        && gold.negated == found.event.negated
        && codes_match(level, gold, found.event)
        && (!actors || countries_agree(gold, found))
}

/// One-to-one matches (gold index, found index) under `measure`, gold events in order
/// each taking the first free found event that agrees.
fn matches(gold: &[GoldEvent], found: &[Found], measure: (Level, bool)) -> Vec<(usize, usize)> {
    let mut taken = vec![false; found.len()];
    let mut pairs = Vec::new();
    for (g, gold_event) in gold.iter().enumerate() {
        if let Some(f) = (0..found.len()).find(|&f| !taken[f] && agrees(gold_event, &found[f], measure)) {
            taken[f] = true;
            pairs.push((g, f));
        }
    }
    pairs
}

/// The text between two character offsets.
fn excerpt(doc: &Document, (start, end): (usize, usize)) -> String {
    doc.text.chars().skip(start).take(end.saturating_sub(start)).collect::<String>().replace('\n', " ")
}

/// `attache eval events`: Attaché's events on the documents of the `gold` file (read from
/// `corpora`) against their gold events. The errors are, for the tuning half only, up to
/// `errors` gold events missed and events found wrongly at root level with countries.
pub fn gold_events(gold: &Path, corpora: &[&Path], errors: usize) -> anyhow::Result<Report<GoldEventReport>> {
    let text = std::fs::read_to_string(gold).with_context(|| format!("cannot read {}", gold.display()))?;
    let mut documents = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let document: GoldDocument = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a gold document record", gold.display(), n + 1))?;
        documents.push(document);
    }
    let ids: HashSet<String> = documents.iter().map(|d| d.doc.clone()).collect();
    let analysed = analysed(corpora, &ids)?;
    let mut report = Report { scores: GoldEventReport::default(), errors: Vec::new() };
    for gold_doc in &documents {
        let doc = &analysed[&gold_doc.doc];
        let offsets = OffsetMap::new(&doc.text);
        let found: Vec<Found> = doc
            .events
            .iter()
            .map(|event| Found {
                event,
                evidence: offsets.char_span(event.evidence),
                source: actor_country(&event.source),
                target: actor_country(&event.target),
            })
            .collect();
        let half = Half::of(&gold_doc.doc);
        let scores = &mut report.scores.halves[half.index()];
        scores.documents += 1;
        for (i, measure) in MEASURES.into_iter().enumerate() {
            let pairs = matches(&gold_doc.events, &found, measure);
            scores.counts[i] += Counts { gold: gold_doc.events.len(), system: found.len(), correct: pairs.len() };
            if measure == (Level::Root, false) {
                for &(g, f) in &pairs {
                    let (gold_event, event) = (&gold_doc.events[g], found[f].event);
                    if let Some(date) = &gold_event.date {
                        scores.dates.0 += 1;
                        scores.dates.1 += usize::from(event.date.as_ref().is_some_and(|d| &d.value == date));
                    }
                    if let Some(place) = &gold_event.place {
                        scores.places.0 += 1;
                        let country = event.place.as_ref().and_then(|p| p.country.as_deref());
                        scores.places.1 += usize::from(country == Some(place.country.as_str()));
                    }
                    scores.modality.0 += 1;
                    scores.modality.1 += usize::from(event.modality.as_str() == gold_event.modality);
                }
            }
            if measure == (Level::Root, true) && half == Half::Tune {
                let matched_gold: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
                let matched_found: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
                for (g, gold_event) in gold_doc.events.iter().enumerate().filter(|(g, _)| !matched_gold.contains(g)) {
                    if report.errors.len() >= errors {
                        break;
                    }
                    let actor = |a: &Option<GoldActor>| a.as_ref().map_or("---", |a| a.code.as_str()).to_string();
                    report.errors.push(format!(
                        "{} missed #{g}: {} {} → {} at {:?}",
                        gold_doc.doc,
                        gold_event.code,
                        actor(&gold_event.source),
                        actor(&gold_event.target),
                        excerpt(doc, gold_event.trigger)
                    ));
                }
                for (_, f) in found.iter().enumerate().filter(|(i, _)| !matched_found.contains(i)) {
                    if report.errors.len() >= errors {
                        break;
                    }
                    report.errors.push(format!(
                        "{} wrong: {} {} → {} at {:?} ({})",
                        gold_doc.doc,
                        f.event.cameo,
                        f.source.unwrap_or("---"),
                        f.target.unwrap_or("---"),
                        excerpt(doc, offsets.char_span(f.event.trigger)),
                        f.event.rule
                    ));
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planned_act_is_the_commitment_to_it() {
        assert_eq!(as_commitment("040"), "036", "will meet: intent to meet");
        assert_eq!(as_commitment("0841"), "0353", "will release: intent to release");
        assert_eq!(as_commitment("190"), "1384", "will attack: threat of a conventional attack");
        assert!(codes_agree(Level::Root, "040", "042") && !codes_agree(Level::Exact, "040", "042"));
    }
}
