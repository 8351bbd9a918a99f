//! `import attache`: the library for Python. Each function calls the `attache` crate and
//! hands back its JSON, which `python/attache/__init__.py` turns into dicts and data
//! frames; analyses and queries run with the GIL released, on Rust threads.

use attache::formats::json::document_json;
use attache::store::{EventFilter, Period, Store};
use attache::{BodyKind, Item, Pipeline, ReadOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

create_exception!(_attache, AttacheError, PyException, "An error reported by Attaché, with its message.");

fn error(message: impl ToString) -> PyErr {
    AttacheError::new_err(message.to_string())
}

/// The built-in pipeline, loaded on first use and shared by every call.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::builtin)
}

/// The documents of a body, or the first problem reading it as an error.
fn documents(name: &str, body: &[u8], kind: BodyKind) -> PyResult<Vec<Item>> {
    let items = attache::read_body(name, "document", body, kind, ReadOptions::default());
    if let Some(Item::Problem(problem)) = items.iter().find(|i| matches!(i, Item::Problem(_))) {
        return Err(error(problem));
    }
    Ok(items)
}

/// Analyses `items` on `threads` threads (all cores with None), in order: each document's
/// JSON (docs/schema.md).
fn analyse(items: Vec<Item>, threads: Option<usize>, tokens: bool) -> PyResult<Vec<String>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build().map_err(error)?;
    let mut out = Vec::with_capacity(items.len());
    pool.install(|| {
        pipeline().analyze_items(items.into_iter(), 256, |item| match item {
            Item::Document(doc) => {
                out.push(serde_json::to_string(&document_json(&doc, tokens)).map_err(error)?);
                Ok(())
            }
            Item::Problem(problem) => Err(error(problem)),
        })
    })?;
    Ok(out)
}

/// One article's analysis as JSON: `text` read as `attache analyze` reads a text file (its
/// optional header line too), or, with `record`, a JSON Lines record.
#[pyfunction]
#[pyo3(signature = (text, record = None, tokens = false))]
fn analyze_json(py: Python<'_>, text: String, record: Option<String>, tokens: bool) -> PyResult<String> {
    py.detach(|| {
        let items = match record {
            Some(line) => documents("record", line.as_bytes(), BodyKind::JsonLines)?,
            None => documents("text", text.as_bytes(), BodyKind::Text)?,
        };
        analyse(items, Some(1), tokens)?.pop().ok_or_else(|| error("no document to analyse"))
    })
}

/// The analyses of JSON Lines records (one a string), on `threads` threads, in order.
#[pyfunction]
#[pyo3(signature = (records, threads = None, tokens = false))]
fn analyze_records(
    py: Python<'_>,
    records: Vec<String>,
    threads: Option<usize>,
    tokens: bool,
) -> PyResult<Vec<String>> {
    py.detach(|| {
        let body = records.join("\n");
        analyse(documents("records", body.as_bytes(), BodyKind::JsonLines)?, threads, tokens)
    })
}

fn day(name: &str, value: Option<&str>) -> PyResult<Option<chrono::NaiveDate>> {
    value
        .map(|text| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| error(format!("{name}={text:?} is not a date: write YYYY-MM-DD")))
        })
        .transpose()
}

/// The store's filter for the arguments `events` and `timeline` share.
fn event_filter(
    actor: Option<String>,
    with_: Option<String>,
    code: Option<String>,
    since: Option<&str>,
    until: Option<&str>,
    place: Option<String>,
    conflicting: bool,
) -> PyResult<EventFilter> {
    Ok(EventFilter {
        actor,
        with: with_,
        code,
        from: day("since", since)?,
        to: day("until", until)?,
        place,
        conflicting,
        ..EventFilter::default()
    })
}

/// An event store, opened for each call (read-only for queries).
#[pyclass(module = "attache._attache")]
struct NativeStore {
    path: PathBuf,
}

#[pymethods]
impl NativeStore {
    #[new]
    fn new(path: PathBuf) -> NativeStore {
        NativeStore { path }
    }

    /// Stores documents (files, folders, or JSON Lines records as strings); returns
    /// (stored, already, reports, problems).
    #[pyo3(signature = (paths, records, threads = None))]
    fn ingest(
        &self,
        py: Python<'_>,
        paths: Vec<String>,
        records: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<(usize, usize, usize, Vec<String>)> {
        py.detach(|| {
            let mut problems = Vec::new();
            let body = records.join("\n");
            let from_records = if records.is_empty() {
                Vec::new()
            } else {
                attache::read_body("records", "", body.as_bytes(), BodyKind::JsonLines, ReadOptions::default())
            };
            let items = attache::read_inputs(&paths).chain(from_records);
            let options = attache::ingest::Options { threads, ..Default::default() };
            let summary = attache::ingest::ingest(pipeline(), items, &self.path, options, |p| problems.push(p), |_| {})
                .map_err(error)?;
            Ok((summary.stored, summary.already, summary.reports, problems))
        })
    }

    /// Events as JSON, one string each, with `attache query events`'s filters.
    #[pyo3(signature = (actor = None, with_ = None, code = None, since = None, until = None, place = None, conflicting = false, limit = None, offset = 0))]
    #[allow(clippy::too_many_arguments)]
    fn events(
        &self,
        py: Python<'_>,
        actor: Option<String>,
        with_: Option<String>,
        code: Option<String>,
        since: Option<String>,
        until: Option<String>,
        place: Option<String>,
        conflicting: bool,
        limit: Option<usize>,
        offset: usize,
    ) -> PyResult<Vec<String>> {
        let filter = EventFilter {
            limit,
            offset,
            ..event_filter(actor, with_, code, since.as_deref(), until.as_deref(), place, conflicting)?
        };
        py.detach(|| {
            let events = Store::open_read_only(&self.path).and_then(|s| s.events(&filter)).map_err(error)?;
            events.iter().map(|e| serde_json::to_string(e).map_err(error)).collect()
        })
    }

    /// Events counted by period and dyad, as JSON strings.
    #[pyo3(signature = (actor = None, with_ = None, code = None, since = None, until = None, place = None, conflicting = false, by = "month"))]
    #[allow(clippy::too_many_arguments)]
    fn timeline(
        &self,
        py: Python<'_>,
        actor: Option<String>,
        with_: Option<String>,
        code: Option<String>,
        since: Option<String>,
        until: Option<String>,
        place: Option<String>,
        conflicting: bool,
        by: &str,
    ) -> PyResult<Vec<String>> {
        let period = match by {
            "day" => Period::Day,
            "month" => Period::Month,
            "year" => Period::Year,
            other => return Err(error(format!("by={other:?}: give \"day\", \"month\" or \"year\""))),
        };
        let filter = event_filter(actor, with_, code, since.as_deref(), until.as_deref(), place, conflicting)?;
        py.detach(|| {
            let points = Store::open_read_only(&self.path).and_then(|s| s.timeline(&filter, period)).map_err(error)?;
            points.iter().map(|p| serde_json::to_string(p).map_err(error)).collect()
        })
    }

    /// Quotations as JSON strings.
    #[pyo3(signature = (speaker = None, limit = None, offset = 0))]
    fn quotes(
        &self,
        py: Python<'_>,
        speaker: Option<String>,
        limit: Option<usize>,
        offset: usize,
    ) -> PyResult<Vec<String>> {
        py.detach(|| {
            let quotes = Store::open_read_only(&self.path)
                .and_then(|s| s.quotes(speaker.as_deref(), limit, offset))
                .map_err(error)?;
            quotes.iter().map(|q| serde_json::to_string(q).map_err(error)).collect()
        })
    }

    /// What the store holds, as JSON.
    fn stats(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| {
            let stats = Store::open_read_only(&self.path).and_then(|s| s.stats()).map_err(error)?;
            serde_json::to_string(&stats).map_err(error)
        })
    }
}

#[pymodule]
fn _attache(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_records, m)?)?;
    m.add_class::<NativeStore>()?;
    m.add("AttacheError", m.py().get_type::<AttacheError>())?;
    Ok(())
}
