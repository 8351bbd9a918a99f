//! What the store answers — deduplicated events, quotations, search hits, counts — as a
//! table for people or as JSON Lines, CSV or GDELT rows for programs.

use crate::gdelt::GdeltEvent;
use crate::Error;
use attache_store::{EventRow, QuoteRow, SearchHit, Stats};
use std::io::Write;

/// How the store's answers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Lines for people.
    Table,
    /// One JSON object a line.
    Json,
    /// CSV with a header row.
    Csv,
    /// GDELT 2.0 event-table rows (events only).
    Gdelt,
}

/// The events in `format`; `one_line` keeps a table to one line per event (a timeline).
pub fn write_events(out: &mut dyn Write, events: &[EventRow], format: Format, one_line: bool) -> Result<(), Error> {
    match format {
        Format::Table => {
            for event in events {
                writeln!(out, "{}", table_line(event))?;
                if event.conflict && !one_line {
                    for account in &event.accounts {
                        let speaker = account.speaker.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
                        writeln!(
                            out,
                            "      {} ({}{speaker}): “{}” [{} {}–{}]",
                            account.stance,
                            account.outlet.as_deref().unwrap_or(&account.document),
                            account.evidence,
                            account.document,
                            account.evidence_start,
                            account.evidence_end
                        )?;
                    }
                }
            }
        }
        Format::Json => json_lines(out, events)?,
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "id",
                "date",
                "cameo",
                "description",
                "source_code",
                "source_name",
                "target_code",
                "target_name",
                "place",
                "country",
                "latitude",
                "longitude",
                "goldstein",
                "quad_class",
                "plover",
                "mentions",
                "num_sources",
                "num_articles",
                "conflict",
                "outlets",
            ])?;
            for e in events {
                let side = |s: &Option<attache_store::Side>| {
                    (
                        s.as_ref().and_then(|s| s.code.clone()).unwrap_or_default(),
                        s.as_ref().and_then(|s| s.name.clone()).unwrap_or_default(),
                    )
                };
                let (source_code, source_name) = side(&e.source);
                let (target_code, target_name) = side(&e.target);
                let coordinates = e.place.as_ref().and_then(|p| p.coordinates);
                let optional = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
                writer.write_record([
                    e.id.to_string(),
                    e.date.clone().unwrap_or_default(),
                    e.cameo.clone(),
                    e.description.clone(),
                    source_code,
                    source_name,
                    target_code,
                    target_name,
                    e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                    e.place.as_ref().and_then(|p| p.country.clone()).unwrap_or_default(),
                    optional(coordinates.map(|c| c.0)),
                    optional(coordinates.map(|c| c.1)),
                    optional(e.goldstein),
                    e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                    e.plover.clone().unwrap_or_default(),
                    e.mentions.to_string(),
                    e.num_sources.to_string(),
                    e.num_articles.to_string(),
                    u8::from(e.conflict).to_string(),
                    outlets(e).join("; "),
                ])?;
            }
            writer.flush()?;
        }
        Format::Gdelt => {
            // GDELT lists what happened: events every account denies are left out.
            for e in events.iter().filter(|e| e.accounts.iter().any(|a| a.stance != "denies")) {
                writeln!(out, "{}", GdeltEvent::of_stored(e).row())?;
            }
        }
    }
    Ok(())
}

/// "2023-03-02  040 Consult  USAGOV Antony Blinken → RUSGOV Sergey Lavrov  in New Delhi (IND)  3 reports, 2 articles, 2 sources: CNN, TASS  CONFLICTING: denied by …"
fn table_line(e: &EventRow) -> String {
    let side = |s: &Option<attache_store::Side>| match s {
        Some(s) => [s.code.as_deref(), s.name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
        None => "—".into(),
    };
    let place = e
        .place
        .as_ref()
        .map(|p| format!("  in {}{}", p.name, p.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()))
        .unwrap_or_default();
    let mut line = format!(
        "{:<10}  {} {}  {} → {}{place}  {} report{}, {} article{}, {} source{}: {}",
        e.date.as_deref().unwrap_or("undated"),
        e.cameo,
        e.description,
        side(&e.source),
        side(&e.target),
        e.mentions,
        if e.mentions == 1 { "" } else { "s" },
        e.num_articles,
        if e.num_articles == 1 { "" } else { "s" },
        e.num_sources,
        if e.num_sources == 1 { "" } else { "s" },
        outlets(e).join(", ")
    );
    if e.accounts.iter().all(|a| a.stance == "denies") {
        line += "  DENIED";
    } else if e.conflict {
        let denials: Vec<String> = e
            .accounts
            .iter()
            .filter(|a| a.stance == "denies")
            .map(|a| {
                format!(
                    "{} ({})",
                    a.speaker.as_deref().unwrap_or("unattributed"),
                    a.outlet.as_deref().unwrap_or(&a.document)
                )
            })
            .collect();
        line += &if denials.is_empty() {
            "  CONFLICTING: characterised differently".to_string()
        } else {
            format!("  CONFLICTING: denied by {}", denials.join(", "))
        };
    }
    line
}

/// The outlets that reported an event, each once, in order of first report.
pub fn outlets(e: &EventRow) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for a in &e.accounts {
        let name = a.outlet.clone().unwrap_or_else(|| a.document.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Quotations, by speaker.
pub fn write_quotes(out: &mut dyn Write, quotes: &[QuoteRow], format: Format) -> Result<(), Error> {
    match format {
        Format::Table => {
            for q in quotes {
                let speaker = q.speaker.as_deref().unwrap_or("(unknown)");
                writeln!(
                    out,
                    "{} {} {:<24} “{}”  [{} {}–{}]",
                    q.article_date.as_deref().unwrap_or("----------"),
                    q.outlet.as_deref().unwrap_or("-"),
                    speaker,
                    q.text,
                    q.document,
                    q.start,
                    q.end
                )?;
            }
        }
        Format::Json => json_lines(out, quotes)?,
        Format::Csv => csv_rows(out, quotes)?,
        Format::Gdelt => return Err(Error::NotEvents("quotations")),
    }
    Ok(())
}

/// Search hits: documents and quotations.
pub fn write_hits(out: &mut dyn Write, hits: &[SearchHit], format: Format) -> Result<(), Error> {
    match format {
        Format::Table => {
            for h in hits {
                let who = h.speaker.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
                writeln!(
                    out,
                    "{:<8} {} {}{who}: {}",
                    h.kind,
                    h.document,
                    h.outlet.as_deref().unwrap_or("-"),
                    h.snippet.replace('\n', " ")
                )?;
            }
        }
        Format::Json => json_lines(out, hits)?,
        Format::Csv => csv_rows(out, hits)?,
        Format::Gdelt => return Err(Error::NotEvents("search results")),
    }
    Ok(())
}

/// The store's counts: documents, events by CAMEO root class and by month.
pub fn write_stats(out: &mut dyn Write, stats: &Stats, format: Format) -> Result<(), Error> {
    match format {
        Format::Json => json_lines(out, std::slice::from_ref(stats))?,
        Format::Table => {
            writeln!(
                out,
                "{} documents, {} quotations, {} event reports → {} events ({} conflicting)",
                stats.documents, stats.quotes, stats.reports, stats.events, stats.conflicting
            )?;
            writeln!(out, "\nroot  events  reports  class")?;
            for (root, description, events, reports) in &stats.by_root {
                writeln!(out, "{root:<4} {events:>7} {reports:>8}  {description}")?;
            }
            writeln!(out, "\nmonth    events  reports")?;
            for (month, events, reports) in &stats.by_month {
                writeln!(out, "{month:<8} {events:>6} {reports:>8}")?;
            }
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["group", "key", "events", "reports"])?;
            for (root, _, events, reports) in &stats.by_root {
                writer.write_record(["root", root, &events.to_string(), &reports.to_string()])?;
            }
            for (month, events, reports) in &stats.by_month {
                writer.write_record(["month", month, &events.to_string(), &reports.to_string()])?;
            }
            writer.flush()?;
        }
        Format::Gdelt => return Err(Error::NotEvents("stats")),
    }
    Ok(())
}

/// One JSON object a line.
fn json_lines<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<(), Error> {
    for row in rows {
        serde_json::to_writer(&mut *out, row)?;
        writeln!(out)?;
    }
    Ok(())
}

/// CSV with a header row of the rows' field names.
fn csv_rows<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row)?;
    }
    writer.flush()?;
    Ok(())
}
