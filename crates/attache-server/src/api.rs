//! The JSON API: what `attache analyze`, `attache ingest` and `attache query` do, over
//! HTTP. `/api/openapi.json` describes every endpoint; [`ROUTES`] lists them.

use crate::{ApiError, AppState};
use attache::formats::{json::document_json, stored};
use attache::store::{DocumentRow, EventFilter, EventRow, Period, QuoteRow, Stats, Store, StoreError};
use attache::{BodyKind, Document, Item, ReadOptions};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

/// Every endpoint, as method and path (OpenAPI's way of writing path parameters).
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/api/analyze"),
    ("post", "/api/ingest"),
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/timeline"),
    ("get", "/api/quotes"),
    ("get", "/api/search"),
    ("get", "/api/stats"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/export"),
    ("get", "/api/openapi.json"),
];

/// The OpenAPI 3.1 description of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Events or quotations a page lists when the request does not say.
const DEFAULT_PAGE: usize = 50;
/// The most a page may list.
const MAX_PAGE: usize = 1000;

/// The API's routes; bodies over `max_body_bytes` are refused with 413.
pub fn routes(max_body_bytes: usize) -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/analyze", post(analyze))
        .route("/api/ingest", post(ingest))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/timeline", get(timeline))
        .route("/api/quotes", get(quotes))
        .route("/api/search", get(search))
        .route("/api/stats", get(stats))
        .route("/api/documents/{id}", get(document))
        .route("/api/export", get(export))
        .route("/api/openapi.json", get(openapi))
        .layer(DefaultBodyLimit::max(max_body_bytes))
}

/// Query parameters, refused with 400 when malformed or unknown (each parameter struct
/// denies unknown fields).
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params<T>, ApiError> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or(""))
            .map(Params)
            .map_err(|e| ApiError::bad_request(format!("bad query parameters: {e}")))
    }
}

/// The query parameters of the endpoints that list events, and of those that list them
/// otherwise (`extra`).
macro_rules! event_params {
    ($name:ident { $($extra:ident: $kind:ty),* }) => {
        #[derive(Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        struct $name {
            actor: Option<String>,
            with: Option<String>,
            code: Option<String>,
            from: Option<String>,
            to: Option<String>,
            place: Option<String>,
            conflicting: Option<bool>,
            $($extra: $kind),*
        }

        impl $name {
            /// The store's filter; `limit` and `offset` are the page's.
            fn filter(&self, limit: Option<usize>, offset: usize) -> Result<EventFilter, ApiError> {
                Ok(EventFilter {
                    actor: self.actor.clone(),
                    with: self.with.clone(),
                    code: self.code.clone(),
                    from: day("from", self.from.as_deref())?,
                    to: day("to", self.to.as_deref())?,
                    place: self.place.clone(),
                    conflicting: self.conflicting.unwrap_or(false),
                    limit,
                    offset,
                })
            }
        }
    };
}

event_params!(EventsParams { limit: Option<usize>, offset: Option<usize> });
event_params!(TimelineParams { by: Option<Period> });
event_params!(ExportParams { format: Option<ExportFormat>, limit: Option<usize> });

fn day(name: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    value
        .map(|text| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(format!("{name}={text:?} is not a date: write YYYY-MM-DD, such as 2023-03-02"))
            })
        })
        .transpose()
}

/// A page size within bounds.
fn page(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit.unwrap_or(DEFAULT_PAGE) {
        0 => Err(ApiError::bad_request("limit=0 lists nothing: give 1 or more")),
        n if n > MAX_PAGE => {
            Err(ApiError::bad_request(format!("limit={n} is over {MAX_PAGE}: page with offset= instead")))
        }
        n => Ok(n),
    }
}

/// Runs `query` on a read-only connection, off the async threads.
async fn query<T: Send + 'static>(
    state: &Arc<AppState>,
    query: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let _turn = state.queries.acquire().await.map_err(|e| ApiError::internal(e.to_string()))?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.readers.with(query))
        .await
        .map_err(|e| ApiError::internal(format!("a query failed: {e}")))?
        .map_err(ApiError::from)
}

/// A page of results (`items` names them: `events`, `quotes`), with where the next page
/// starts (none after the last).
#[derive(Serialize)]
struct Page<T> {
    offset: usize,
    limit: usize,
    next_offset: Option<usize>,
    #[serde(flatten)]
    items: T,
}

impl<T> Page<T> {
    /// The page of `count` results from `offset` on, `limit` asked for: a full page may
    /// have another after it.
    fn new(items: T, count: usize, limit: usize, offset: usize) -> Page<T> {
        Page { offset, limit, next_offset: (count == limit).then_some(offset + limit), items }
    }
}

#[derive(Serialize)]
struct Events {
    events: Vec<EventRow>,
}

#[derive(Serialize)]
struct Quotes {
    quotes: Vec<QuoteRow>,
}

async fn events(
    State(state): State<Arc<AppState>>,
    Params(params): Params<EventsParams>,
) -> Result<Json<Page<Events>>, ApiError> {
    let limit = page(params.limit)?;
    let offset = params.offset.unwrap_or(0);
    let filter = params.filter(Some(limit), offset)?;
    let events = query(&state, move |store| store.events(&filter)).await?;
    let count = events.len();
    Ok(Json(Page::new(Events { events }, count, limit, offset)))
}

async fn event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<EventRow>, ApiError> {
    let number: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("event id {id:?} is not a number (events have the store's ids)")))?;
    match query(&state, move |store| store.event(number)).await? {
        Some(event) => Ok(Json(event)),
        None => Err(ApiError::not_found(format!("no event {number} in the store"))),
    }
}

async fn timeline(
    State(state): State<Arc<AppState>>,
    Params(params): Params<TimelineParams>,
) -> Result<Json<Value>, ApiError> {
    let by = params.by.unwrap_or(Period::Month);
    let filter = params.filter(None, 0)?;
    let series = query(&state, move |store| store.timeline(&filter, by)).await?;
    Ok(Json(json!({ "by": by, "series": series })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesParams {
    speaker: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn quotes(
    State(state): State<Arc<AppState>>,
    Params(params): Params<QuotesParams>,
) -> Result<Json<Page<Quotes>>, ApiError> {
    let limit = page(params.limit)?;
    let offset = params.offset.unwrap_or(0);
    let speaker = params.speaker;
    let quotes = query(&state, move |store| store.quotes(speaker.as_deref(), Some(limit), offset)).await?;
    let count = quotes.len();
    Ok(Json(Page::new(Quotes { quotes }, count, limit, offset)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

async fn search(
    State(state): State<Arc<AppState>>,
    Params(params): Params<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let words = params.q.ok_or_else(|| ApiError::bad_request("give the words to search for: q=…"))?;
    let limit = page(Some(params.limit.unwrap_or(20)))?;
    let hits = query(&state, move |store| store.search(&words, limit)).await?;
    Ok(Json(json!({ "hits": hits })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

async fn stats(State(state): State<Arc<AppState>>, Params(_): Params<NoParams>) -> Result<Json<Stats>, ApiError> {
    Ok(Json(query(&state, |store| store.stats()).await?))
}

async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<DocumentRow>, ApiError> {
    let wanted = id.clone();
    match query(&state, move |store| store.document(&wanted)).await? {
        Some(document) => Ok(Json(document)),
        None => Err(ApiError::not_found(format!("no document {id:?} in the store"))),
    }
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ExportFormat {
    Csv,
    Jsonl,
    Gdelt,
}

async fn export(
    State(state): State<Arc<AppState>>,
    Params(params): Params<ExportParams>,
) -> Result<Response, ApiError> {
    let format = params.format.unwrap_or(ExportFormat::Jsonl);
    let filter = params.filter(params.limit, 0)?;
    let events = query(&state, move |store| store.events(&filter)).await?;
    let (written, content_type, extension) = match format {
        ExportFormat::Csv => (stored::Format::Csv, "text/csv; charset=utf-8", "csv"),
        ExportFormat::Jsonl => (stored::Format::Json, "application/x-ndjson", "jsonl"),
        ExportFormat::Gdelt => (stored::Format::Gdelt, "text/tab-separated-values; charset=utf-8", "tsv"),
    };
    let mut body = Vec::new();
    stored::write_events(&mut body, &events, written, false)
        .map_err(|e| ApiError::internal(format!("cannot write the export: {e}")))?;
    let disposition = format!("attachment; filename=\"attache-events.{extension}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// What a body holds, by its Content-Type (plain text when none is given).
fn body_kind(headers: &HeaderMap) -> Result<BodyKind, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else { return Ok(BodyKind::Text) };
    let essence = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "" | "text/plain" => Ok(BodyKind::Text),
        "text/html" | "application/xhtml+xml" => Ok(BodyKind::Html),
        "application/json" => Ok(BodyKind::Json),
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" | "application/x-jsonlines" => {
            Ok(BodyKind::JsonLines)
        }
        other => Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: format!(
                "Content-Type {other:?} is not read: send text/plain, text/html, application/json or application/x-ndjson"
            ),
        }),
    }
}

/// The fields a document record may have.
const RECORD_FIELDS: &[&str] = &["id", "text", "date", "title", "source", "byline", "authors"];

/// A JSON record checked for unknown fields, with an id made from its text when it has
/// none (so that the same text sent twice is one document).
fn prepare_record(mut record: Value) -> Result<Value, String> {
    let Value::Object(fields) = &mut record else { return Ok(record) };
    if let Some(unknown) = fields.keys().find(|k| !RECORD_FIELDS.contains(&k.as_str())) {
        return Err(format!("unknown field {unknown:?}: a record has {}", RECORD_FIELDS.join(", ")));
    }
    if !fields.contains_key("id") {
        if let Some(Value::String(text)) = fields.get("text") {
            let id = format!("doc-{}", &attache::store::content_hash(text)[..16]);
            fields.insert("id".into(), Value::String(id));
        }
    }
    Ok(record)
}

/// The documents of a request body, and the problems met reading it (each naming the body
/// and line or record). `id` names a text or HTML article.
fn read_request(
    kind: BodyKind,
    body: &[u8],
    id: Option<String>,
    options: ReadOptions,
) -> Result<(Vec<Document>, Vec<String>), ApiError> {
    const NAME: &str = "request body";
    let mut problems = Vec::new();
    let items = match kind {
        BodyKind::Text | BodyKind::Html => {
            let id = id.unwrap_or_else(|| {
                let prefix = if kind == BodyKind::Html { "page" } else { "text" };
                format!("{prefix}-{}", &attache::store::content_hash(&String::from_utf8_lossy(body))[..16])
            });
            attache::read_body(NAME, &id, body, kind, options)
        }
        BodyKind::Json | BodyKind::JsonLines => {
            if id.is_some() {
                return Err(ApiError::bad_request("id= names a text or HTML body; a JSON record has its own \"id\""));
            }
            let (records, name) = if kind == BodyKind::Json {
                let text = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
                let value: Value = serde_json::from_slice(text).map_err(|e| {
                    ApiError::bad_request(format!("{NAME}:{}:{}: malformed JSON: {e}", e.line(), e.column()))
                })?;
                let records = match value {
                    Value::Array(records) => records.into_iter().map(Ok).collect(),
                    record => vec![Ok(record)],
                };
                (records, format!("{NAME}, record"))
            } else {
                let text = String::from_utf8_lossy(body);
                // A line that is no JSON is passed on, to be reported with its position.
                let records: Vec<Result<Value, String>> =
                    text.split('\n').map(|line| serde_json::from_str(line).map_err(|_| line.to_string())).collect();
                (records, NAME.to_string())
            };
            let mut lines = String::new();
            for (n, record) in records.into_iter().enumerate() {
                match record.map(prepare_record) {
                    Ok(Ok(record)) => lines += &record.to_string(),
                    Ok(Err(problem)) => problems.push(format!("{name}:{}: {problem}; skipped", n + 1)),
                    Err(line) => lines += &line,
                }
                lines.push('\n');
            }
            // Records refused above leave blank lines: with none left there is nothing to read.
            if lines.trim().is_empty() && !problems.is_empty() {
                Vec::new()
            } else {
                attache::read_body(&name, "", lines.as_bytes(), BodyKind::JsonLines, options)
            }
        }
    };
    let mut documents = Vec::new();
    for item in items {
        match item {
            Item::Document(doc) => documents.push(*doc),
            Item::Problem(problem) => problems.push(problem.to_string()),
        }
    }
    Ok((documents, problems))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeParams {
    /// Include tokens with their tags and heads.
    tokens: Option<bool>,
    /// The document's id (text and HTML bodies).
    id: Option<String>,
}

async fn analyze(
    State(state): State<Arc<AppState>>,
    Params(params): Params<AnalyzeParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let kind = body_kind(&headers)?;
    let options = ReadOptions { max_document_bytes: state.limits.max_body_bytes };
    let (mut documents, problems) = read_request(kind, &body, params.id, options)?;
    if !problems.is_empty() {
        return Err(ApiError::bad_request(problems.join("; ")));
    }
    let mut doc = match (documents.pop(), documents.is_empty()) {
        (Some(doc), true) => doc,
        (None, _) => return Err(ApiError::bad_request("the body holds no document to analyse")),
        (Some(_), false) => {
            return Err(ApiError::bad_request(
                "analyze takes one document; send several to /api/ingest, or one request each",
            ))
        }
    };
    let _turn = state.analyses.acquire().await.map_err(|e| ApiError::internal(e.to_string()))?;
    let tokens = params.tokens.unwrap_or(false);
    let worker = state.clone();
    let json = tokio::task::spawn_blocking(move || {
        worker.pipeline.process(&mut doc);
        serde_json::to_vec(&document_json(&doc, tokens))
    })
    .await
    .map_err(|e| ApiError::internal(format!("the analysis failed: {e}")))?
    .map_err(|e| ApiError::internal(format!("cannot write the analysis: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestParams {
    /// The document's id (text and HTML bodies).
    id: Option<String>,
}

/// What an ingest request did.
#[derive(Serialize)]
struct IngestReply {
    /// The ids of the documents the body held, stored now or before.
    ids: Vec<String>,
    stored: usize,
    already: usize,
    reports: usize,
    problems: Vec<String>,
}

async fn ingest(
    State(state): State<Arc<AppState>>,
    Params(params): Params<IngestParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestReply>, ApiError> {
    if state.read_only {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: format!("{} is read-only here: the server answers queries only", state.db.display()),
        });
    }
    let kind = body_kind(&headers)?;
    let options = ReadOptions { max_document_bytes: state.limits.max_body_bytes };
    let (documents, problems) = read_request(kind, &body, params.id, options)?;
    if documents.is_empty() {
        let why = if problems.is_empty() { "the body holds no document".to_string() } else { problems.join("; ") };
        return Err(ApiError::bad_request(why));
    }
    let ids = documents.iter().map(|d| d.id.clone()).collect();
    let _writer = state.writer.lock().await;
    let worker = state.clone();
    let (summary, problems) = tokio::task::spawn_blocking(move || {
        let mut problems = problems;
        let items = documents.into_iter().map(|doc| Item::Document(Box::new(doc)));
        let options = attache::ingest::Options::default();
        let summary =
            attache::ingest::ingest(&worker.pipeline, items, &worker.db, options, |p| problems.push(p), |_| {});
        summary.map(|summary| (summary, problems))
    })
    .await
    .map_err(|e| ApiError::internal(format!("the ingest failed: {e}")))?
    .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(Json(IngestReply { ids, stored: summary.stored, already: summary.already, reports: summary.reports, problems }))
}
