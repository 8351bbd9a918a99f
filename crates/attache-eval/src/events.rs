//! Event-coding evaluations on public gold data: PETRARCH2's validation suite (records of
//! raw text with expected CAMEO events, coded with its `PETR.Validate.*` dictionaries) and
//! PLOVER's gold-standard records (news sentences with a gold PLOVER type and actors, coded
//! with Attaché's own lexicon).

use crate::{percent, Counts, Report};
use anyhow::Context;
use attache::{Config, Pipeline};
use attache_doc::{Document, Metadata};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A PETRARCH validation record (the fields Attaché reads).
#[derive(Deserialize)]
struct PetrarchRecord {
    id: String,
    #[serde(default)]
    category: String,
    date: String,
    text: String,
    #[serde(default)]
    expected: Vec<ExpectedEvent>,
    #[serde(default)]
    expect_no_event: bool,
    #[serde(default)]
    expect_error: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedEvent {
    source: String,
    target: String,
    code: String,
}

/// Reads a JSON Lines file of records, naming the file and line of a bad one.
fn read_records<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).with_context(|| format!("{}:{}: not a valid record", path.display(), n + 1))
        })
        .collect()
}

/// Analyses one record's text as an article of `date`.
fn analyse(pipeline: &Pipeline, id: &str, text: &str, date: &str) -> Document {
    let meta = Metadata { date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(), ..Metadata::default() };
    pipeline.analyze(id, text, meta)
}

/// The coded events of a document as (source, target, code) with "---" for a missing side.
fn triples(doc: &Document) -> Vec<(String, String, String)> {
    let code =
        |p: &Option<attache_doc::Participant>| p.as_ref().and_then(|p| p.code.clone()).unwrap_or_else(|| "---".into());
    doc.events.iter().map(|e| (code(&e.source), code(&e.target), e.cameo.clone())).collect()
}

/// Which half of a development set a document belongs to. Each set is divided once, by
/// document: rules are chosen by looking at the tuning half only, and the held-out half
/// is measured, never read, so its figures say how the rules do on unseen text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Half {
    /// Errors are shown and rules tuned on these documents.
    Tune,
    /// Only scored.
    Held,
}

impl Half {
    /// The half of the document `id`: the parity of its FNV-1a hash, so the division is
    /// fixed by the ids alone and the same on every machine.
    pub fn of(id: &str) -> Half {
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        if hash & 1 == 0 {
            Half::Tune
        } else {
            Half::Held
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The half's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Half::Tune => "tuning half",
            Half::Held => "held-out half",
        }
    }
}

/// Multiset overlap of two lists.
fn overlap<T: PartialEq + Clone>(gold: &[T], found: &[T]) -> usize {
    let mut left = gold.to_vec();
    found.iter().filter(|f| left.iter().position(|g| g == *f).map(|i| left.swap_remove(i)).is_some()).count()
}

/// PETRARCH validation scores: events overall and records coded exactly, by category.
#[derive(Clone, Debug, Default)]
pub struct PetrarchScores {
    /// Records scored.
    pub records: usize,
    /// Records whose events are exactly the expected ones.
    pub exact: usize,
    /// Events against expected events.
    pub events: Counts,
    /// Per category: events, exact records, records.
    pub by_category: BTreeMap<String, (Counts, usize, usize)>,
    /// Per [`Half`]: events, exact records, records.
    pub by_half: [(Counts, usize, usize); 2],
}

impl fmt::Display for PetrarchScores {
    /// The table by category, then the totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<12} {:>8} {:>8} {:>8} {:>8}", "category", "records", "exact", "P", "R")?;
        for (name, (counts, right, n)) in &self.by_category {
            writeln!(f, "{:<12} {:>8} {:>8} {:>8.2} {:>8.2}", name, n, right, counts.precision(), counts.recall())?;
        }
        for half in [Half::Tune, Half::Held] {
            let (counts, right, n) = &self.by_half[half.index()];
            writeln!(
                f,
                "{} ({} records): exact records {:.2}%; events P {:.2}% R {:.2}% F1 {:.4}",
                half.name(),
                n,
                percent(*right, *n),
                counts.precision(),
                counts.recall(),
                counts.f1() / 100.0
            )?;
        }
        let total = &self.events;
        write!(
            f,
            "PETRARCH validation ({} records): exact records {:.2}% ({}); events P {:.2}% R {:.2}% F1 {:.4} (tp {} fp {} fn {})",
            self.records,
            percent(self.exact, self.records),
            self.exact,
            total.precision(),
            total.recall(),
            total.f1() / 100.0,
            total.correct,
            total.system - total.correct,
            total.gold - total.correct
        )
    }
}

/// `attache eval petrarch`: codes each record's raw text with the PETRARCH validation
/// dictionaries in `dictionaries` (`warn` is given their skipped lines) and scores the
/// events against `expected`, over all records and over each [`Half`]; the errors are up
/// to `errors` records of the tuning half coded wrongly, with the rules that fired.
pub fn petrarch(
    records: &Path,
    dictionaries: &Path,
    errors: usize,
    warn: impl FnMut(&Path, &[String]),
) -> anyhow::Result<Report<PetrarchScores>> {
    let records: Vec<PetrarchRecord> = read_records(records)?;
    let file = |name: &str| {
        let path = dictionaries.join(name);
        anyhow::ensure!(
            path.is_file(),
            "{} not found: --dictionaries must hold PETRARCH's PETR.Validate.* files",
            path.display()
        );
        Ok(path)
    };
    let config = Config {
        actors: vec![file("PETR.Validate.actors.txt")?],
        agents: vec![file("PETR.Validate.agents.txt")?],
        verbs: vec![file("PETR.Validate.verbs.txt")?],
        discards: vec![file("PETR.Validate.discards.txt")?],
        only_user_verbs: true,
    };
    let pipeline = Pipeline::with_config(&config, warn)?;
    let mut report =
        Report { scores: PetrarchScores { records: records.len(), ..PetrarchScores::default() }, errors: Vec::new() };
    let scores = &mut report.scores;
    for record in &records {
        let doc = analyse(&pipeline, &record.id, &record.text, &record.date);
        let found = triples(&doc);
        let gold: Vec<(String, String, String)> = if record.expect_no_event || record.expect_error.is_some() {
            Vec::new()
        } else {
            record.expected.iter().map(|e| (e.source.clone(), e.target.clone(), e.code.clone())).collect()
        };
        let counts = Counts { gold: gold.len(), system: found.len(), correct: overlap(&gold, &found) };
        let right = counts.correct == counts.gold && counts.correct == counts.system;
        scores.exact += usize::from(right);
        scores.events += counts;
        let category = scores.by_category.entry(record.category.clone()).or_default();
        category.0 += counts;
        category.1 += usize::from(right);
        category.2 += 1;
        let half = Half::of(&record.id);
        let in_half = &mut scores.by_half[half.index()];
        in_half.0 += counts;
        in_half.1 += usize::from(right);
        in_half.2 += 1;
        if !right && half == Half::Tune && report.errors.len() < errors {
            let mut error = format!("{} {}\n  expected {:?}\n  found    {:?}", record.id, record.text, gold, found);
            for e in &doc.events {
                error += &format!("\n    {} by {}", e.cameo, e.rule);
            }
            report.errors.push(error);
        }
    }
    Ok(report)
}

/// The default place of PETRARCH's dictionaries beside the repository.
pub fn default_dictionaries() -> PathBuf {
    PathBuf::from("../shared/petrarch/dictionaries")
}

/// A PLOVER gold-standard record (the fields Attaché reads).
#[derive(Deserialize)]
struct PloverRecord {
    id: String,
    date: String,
    text: String,
    event: String,
    #[serde(default, deserialize_with = "actors_or_none")]
    source: Vec<PloverActor>,
    #[serde(default, deserialize_with = "actors_or_none")]
    target: Vec<PloverActor>,
}

#[derive(Deserialize)]
struct PloverActor {
    code: String,
}

/// Actor lists, where a few records put a string or nothing instead.
fn actors_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PloverActor>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// PLOVER scores: records whose gold type Attaché found, and found with the right countries.
#[derive(Clone, Debug, Default)]
pub struct PloverScores {
    /// Records scored.
    pub records: usize,
    /// Records with an event of the gold type.
    pub typed: usize,
    /// Records with an event of the gold type between the gold countries.
    pub typed_with_actors: usize,
    /// Per gold type: records, typed, typed with actors.
    pub by_type: BTreeMap<String, (usize, usize, usize)>,
    /// Per [`Half`]: records, typed, typed with actors.
    pub by_half: [(usize, usize, usize); 2],
}

impl fmt::Display for PloverScores {
    /// The table by type, then the totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<12} {:>8} {:>8} {:>12}", "type", "records", "type", "type+actors")?;
        for (name, (n, typed, with_actors)) in &self.by_type {
            writeln!(f, "{:<12} {:>8} {:>8} {:>12}", name, n, typed, with_actors)?;
        }
        for half in [Half::Tune, Half::Held] {
            let (n, typed, with_actors) = self.by_half[half.index()];
            writeln!(
                f,
                "{} ({} records): type {:.2}%, with countries {:.2}%",
                half.name(),
                n,
                percent(typed, n),
                percent(with_actors, n)
            )?;
        }
        write!(
            f,
            "PLOVER gold records ({}): type found {:.2}% ({}); type with source and target countries {:.2}% ({})",
            self.records,
            percent(self.typed, self.records),
            self.typed,
            percent(self.typed_with_actors, self.records),
            self.typed_with_actors
        )
    }
}

/// The country (or sector, "IGO") an actor code starts with.
fn country_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// `attache eval plover`: codes PLOVER's gold records with Attaché's own lexicon; a record
/// counts when an event has the gold type (or its older name), and with actors when that
/// event's source and target countries are among the gold ones (the target only when the
/// record has one), over all records and over each [`Half`]. The errors are up to
/// `errors` records of the tuning half not fully matched, with the events found.
pub fn plover(records: &Path, errors: usize) -> anyhow::Result<Report<PloverScores>> {
    let records: Vec<PloverRecord> = read_records(records)?;
    let pipeline = Pipeline::builtin();
    let table = attache_events::cameo::CameoTable::builtin();
    let mut report =
        Report { scores: PloverScores { records: records.len(), ..PloverScores::default() }, errors: Vec::new() };
    let scores = &mut report.scores;
    for record in &records {
        let doc = analyse(&pipeline, &record.id, &record.text, &record.date);
        // A denied event did not happen: it codes nothing.
        let is_type = |e: &attache_doc::Event| {
            !e.negated && e.plover.as_deref() == Some(record.event.as_str())
                || table.get(&e.cameo).and_then(|c| c.legacy_plover()) == Some(record.event.as_str())
        };
        let country = |p: &Option<attache_doc::Participant>| {
            p.as_ref().and_then(|p| p.code.as_deref()).map(country_of).map(str::to_string)
        };
        let among = |gold: &[PloverActor], found: Option<String>| {
            found.is_some_and(|f| gold.iter().any(|g| country_of(&g.code) == f))
        };
        let typed = doc.events.iter().any(is_type);
        let with_actors = doc.events.iter().filter(|e| is_type(e)).any(|e| {
            among(&record.source, country(&e.source))
                && (record.target.is_empty() || among(&record.target, country(&e.target)))
        });
        scores.typed += usize::from(typed);
        scores.typed_with_actors += usize::from(with_actors);
        let entry = scores.by_type.entry(record.event.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(typed);
        entry.2 += usize::from(with_actors);
        let half = Half::of(&record.id);
        let in_half = &mut scores.by_half[half.index()];
        in_half.0 += 1;
        in_half.1 += usize::from(typed);
        in_half.2 += usize::from(with_actors);
        if !with_actors && half == Half::Tune && report.errors.len() < errors {
            let gold = |actors: &[PloverActor]| actors.iter().map(|a| a.code.clone()).collect::<Vec<_>>().join("/");
            let mut error = format!(
                "{} [{} {} → {}] {}",
                record.id,
                record.event,
                gold(&record.source),
                gold(&record.target),
                record.text.trim()
            );
            for e in &doc.events {
                let code =
                    |p: &Option<attache_doc::Participant>| p.as_ref().and_then(|p| p.code.clone()).unwrap_or_default();
                error += &format!(
                    "\n    found {} {} {} → {}  ({})",
                    e.cameo,
                    e.plover.as_deref().unwrap_or("-"),
                    code(&e.source),
                    code(&e.target),
                    e.rule
                );
            }
            report.errors.push(error);
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_are_fixed_by_the_id_and_divide_a_set_evenly() {
        // FNV-1a of "a" is 0xaf63dc4c8601ec8c (even) and of "b" 0xaf63df4c8601f1a5 (odd).
        assert_eq!(Half::of("a"), Half::Tune);
        assert_eq!(Half::of("b"), Half::Held);
        let ids: Vec<String> = (0..1000).map(|i| format!("DOC-{i:04}")).collect();
        let tune = ids.iter().filter(|id| Half::of(id) == Half::Tune).count();
        assert!((450..=550).contains(&tune), "{tune} of 1000 in the tuning half");
    }
}
