//! Scores against small gold sets that Attaché's developers annotated over a JSON Lines
//! corpus (`eval/*.tsv`): rows of document id and character offsets, never the text.

use crate::{percent, Report};
use anyhow::{bail, Context};
use attache::Pipeline;
use attache_doc::{Document, OffsetMap, Span};
use attache_ingest::{read_inputs, Item};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The tab-separated rows of a gold file (without comments and blank lines), with line numbers.
fn rows(path: &Path, columns: usize) -> anyhow::Result<Vec<(usize, Vec<String>)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        if fields.len() != columns {
            bail!("{}:{}: expected {columns} tab-separated columns, found {}", path.display(), n + 1, fields.len());
        }
        out.push((n + 1, fields));
    }
    Ok(out)
}

fn number(path: &Path, line: usize, field: &str) -> anyhow::Result<usize> {
    field.parse().with_context(|| format!("{}:{line}: {field:?} is not a character offset", path.display()))
}

/// Analyses the documents of the `corpora` whose ids are in `ids`.
pub(crate) fn analysed(corpora: &[&Path], ids: &HashSet<String>) -> anyhow::Result<HashMap<String, Document>> {
    let names: Vec<String> = corpora.iter().map(|c| c.display().to_string()).collect();
    let mut documents: Vec<Document> = read_inputs(&names)
        .filter_map(|item| match item {
            Item::Document(doc) if ids.contains(&doc.id) => Some(*doc),
            _ => None,
        })
        .collect();
    let pipeline = Pipeline::builtin();
    documents.par_iter_mut().for_each(|doc| pipeline.process(doc));
    let found: HashMap<String, Document> = documents.into_iter().map(|d| (d.id.clone(), d)).collect();
    if let Some(missing) = ids.iter().find(|id| !found.contains_key(*id)) {
        bail!(
            "document {missing:?} of the gold set is not in {}; pass the corpus it was annotated on",
            names.join(" or ")
        );
    }
    Ok(found)
}

/// Character offsets of a span: start and end.
type CharSpan = (usize, usize);

pub(crate) fn overlaps(a: CharSpan, b: CharSpan) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn chars(offsets: &OffsetMap, span: Span) -> (usize, usize) {
    offsets.char_span(span)
}

/// Timex values against hand-annotated values.
#[derive(Debug, Default)]
pub struct ValueScores {
    pub gold: usize,
    pub found: usize,
    /// Found expressions overlapping a gold one.
    pub found_overlapping: usize,
    /// Gold expressions overlapping a found one.
    pub gold_found: usize,
    /// Gold expressions found with exactly the gold value.
    pub values_right: usize,
}

impl std::fmt::Display for ValueScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = percent;
        write!(
            f,
            "gold {} found {}  overlap P {:.2} R {:.2}  value accuracy {:.2} of found ({}/{}), {:.2} of gold",
            self.gold,
            self.found,
            pct(self.found_overlapping, self.found),
            pct(self.gold_found, self.gold),
            pct(self.values_right, self.gold_found),
            self.values_right,
            self.gold_found,
            pct(self.values_right, self.gold)
        )
    }
}

/// Scores the timexes of the annotated documents against `gold` (document id, start, end,
/// value); the errors are up to `errors` wrong or missed values.
pub fn timex_values(corpus: &Path, gold: &Path, errors: usize) -> anyhow::Result<Report<ValueScores>> {
    let rows = rows(gold, 4)?;
    let ids: HashSet<String> = rows.iter().map(|(_, r)| r[0].clone()).collect();
    let documents = analysed(&[corpus], &ids)?;
    let mut scores = ValueScores::default();
    let mut shown = Vec::new();
    let mut gold_by_doc: BTreeMap<&str, Vec<(CharSpan, &str)>> = BTreeMap::new();
    for (line, row) in &rows {
        let span = (number(gold, *line, &row[1])?, number(gold, *line, &row[2])?);
        gold_by_doc.entry(row[0].as_str()).or_default().push((span, row[3].as_str()));
    }
    for (id, golds) in gold_by_doc {
        let doc = &documents[id];
        let offsets = OffsetMap::new(&doc.text);
        let found: Vec<((usize, usize), &str)> =
            doc.timexes.iter().map(|t| (chars(&offsets, t.span), t.value.as_str())).collect();
        scores.gold += golds.len();
        scores.found += found.len();
        scores.found_overlapping += found.iter().filter(|f| golds.iter().any(|g| overlaps(f.0, g.0))).count();
        for (span, value) in golds {
            let text: String = doc.text.chars().skip(span.0).take(span.1 - span.0).collect();
            match found.iter().find(|f| overlaps(f.0, span)) {
                Some((_, got)) => {
                    scores.gold_found += 1;
                    if *got == value {
                        scores.values_right += 1;
                    } else if shown.len() < errors {
                        shown.push(format!("  {id} {text:?}: gold {value}, found {got}"));
                    }
                }
                None if shown.len() < errors => shown.push(format!("  {id} {text:?}: gold {value}, missed")),
                None => {}
            }
        }
    }
    Ok(Report { scores, errors: shown })
}

/// Quotation speakers against hand-annotated speakers.
#[derive(Debug, Default)]
pub struct SpeakerScores {
    /// Gold quotations.
    pub quotes: usize,
    /// Gold quotations overlapped by a quotation Attaché found.
    pub found: usize,
    /// Of those, how many Attaché gave a speaker.
    pub with_speaker: usize,
    /// Of those, how many speakers are right.
    pub right: usize,
}

impl std::fmt::Display for SpeakerScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = percent;
        write!(
            f,
            "quotes {} found {} ({:.1} %)  speaker accuracy {:.2} of found ({}/{}), {:.2} of gold",
            self.quotes,
            self.found,
            pct(self.found, self.quotes),
            pct(self.right, self.found),
            self.right,
            self.found,
            pct(self.right, self.quotes)
        )
    }
}

/// Scores quotation speakers against `gold` (document id, split, quote start, quote end,
/// speaker spans "start-end;…"), per split; the errors are up to `errors` missed quotations
/// and wrong speakers.
pub fn quote_speakers(
    corpus: &Path,
    gold: &Path,
    errors: usize,
) -> anyhow::Result<Report<BTreeMap<String, SpeakerScores>>> {
    let rows = rows(gold, 5)?;
    let ids: HashSet<String> = rows.iter().map(|(_, r)| r[0].clone()).collect();
    let documents = analysed(&[corpus], &ids)?;
    let mut by_split: BTreeMap<String, SpeakerScores> = BTreeMap::new();
    let mut shown = Vec::new();
    for (line, row) in &rows {
        let doc = &documents[&row[0]];
        let offsets = OffsetMap::new(&doc.text);
        let quote = (number(gold, *line, &row[2])?, number(gold, *line, &row[3])?);
        let mut speakers = Vec::new();
        for pair in row[4].split(';') {
            let (a, b) = pair
                .split_once('-')
                .with_context(|| format!("{}:{line}: speaker span {pair:?} is not START-END", gold.display()))?;
            speakers.push((number(gold, *line, a)?, number(gold, *line, b)?));
        }
        let scores = by_split.entry(row[1].clone()).or_default();
        scores.quotes += 1;
        let Some(found) = doc.quotes.iter().find(|q| overlaps(chars(&offsets, q.span), quote)) else {
            if shown.len() < errors {
                shown.push(format!("  {} quote at {}: missed", row[0], quote.0));
            }
            continue;
        };
        scores.found += 1;
        let Some(speaker) = &found.speaker else {
            if shown.len() < errors {
                shown.push(format!("  {} quote at {}: no speaker ({})", row[0], quote.0, found.rule));
            }
            continue;
        };
        scores.with_speaker += 1;
        let mut spans = vec![chars(&offsets, speaker.span)];
        if let Some(entity) = speaker.entity {
            spans.extend(doc.entities[entity].mentions.iter().map(|m| chars(&offsets, m.span)));
        }
        if spans.iter().any(|s| speakers.iter().any(|g| overlaps(*s, *g))) {
            scores.right += 1;
        } else if shown.len() < errors {
            shown.push(format!(
                "  {} quote at {}: speaker {:?} ({})",
                row[0],
                quote.0,
                doc.slice(speaker.span),
                found.rule
            ));
        }
    }
    Ok(Report { scores: by_split, errors: shown })
}
