//! Questions asked of the store: events by actor, dyad, code, dates and place; timelines;
//! quotations by speaker; full-text search; counts by root class and month.
//!
//! Arguments are always bound as SQL parameters, and search text is quoted term by term
//! before it reaches FTS5, so no argument can change a query's meaning.

use crate::{day_text, Result, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Serialize;

/// Which events to list. Empty fields match everything.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// An actor on either side: a CAMEO code or its start, in capitals ("USA", "RUSGOV"),
    /// or words of a name ("Blinken", "Russia").
    pub actor: Option<String>,
    /// With `actor`, the actor on the other side (a dyad).
    pub with: Option<String>,
    /// CAMEO root class ("04") or code ("043"): events whose code starts with it.
    pub code: Option<String>,
    /// Events on or after this day.
    pub from: Option<NaiveDate>,
    /// Events on or before this day.
    pub to: Option<NaiveDate>,
    /// A place name ("New Delhi") or country code ("IND").
    pub place: Option<String>,
    /// Only events whose accounts conflict.
    pub conflicting: bool,
    /// At most this many events.
    pub limit: Option<usize>,
    /// Events skipped before the first listed, in the listing's order (for pages).
    pub offset: usize,
}

/// How a timeline groups events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// By day (`2023-03-02`).
    Day,
    /// By month (`2023-03`).
    Month,
    /// By year (`2023`).
    Year,
}

impl Period {
    /// Characters of a `YYYY-MM-DD` date that name the period.
    fn width(self) -> usize {
        match self {
            Period::Day => 10,
            Period::Month => 7,
            Period::Year => 4,
        }
    }
}

/// The events of one period and one dyad: how many, and how cooperative or hostile.
#[derive(Clone, Debug, Serialize)]
pub struct TimelinePoint {
    /// The period (`2023`, `2023-03` or `2023-03-02`) its events begin in.
    pub period: String,
    /// The dyad: the source's and target's country or actor code, as stored for
    /// deduplication ("RUS|USA"; meetings in either order are one dyad).
    pub dyad: String,
    /// Deduplicated events.
    pub events: i64,
    /// Their reports.
    pub reports: i64,
    /// The mean Goldstein score of the events (−10 hostile to +10 cooperative).
    pub goldstein: Option<f64>,
    /// Events whose accounts conflict.
    pub conflicting: i64,
}

/// A stored document with what was found in it, for a reader that highlights it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub text: String,
    /// People, organisations and places, with their actor codes.
    pub entities: Vec<StoredEntity>,
    /// Quotations, with character offsets into `text`.
    pub quotes: Vec<QuoteRow>,
    /// Event reports in this document: the store's event id, code, stance and offsets.
    pub reports: Vec<DocumentReport>,
}

/// An entity of a stored document.
#[derive(Clone, Debug, Serialize)]
pub struct StoredEntity {
    pub kind: String,
    pub name: String,
    pub actor: Option<String>,
    pub country: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    pub mentions: i64,
}

/// One event report of a stored document.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentReport {
    /// The deduplicated event it joined.
    pub event: i64,
    #[serde(flatten)]
    pub account: Account,
}

/// A deduplicated event with its reports.
#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    /// The store's event id.
    pub id: i64,
    /// CAMEO code (the most common among the reports that assert it).
    pub cameo: String,
    /// What the code means.
    pub description: String,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// Goldstein scale score.
    pub goldstein: Option<f64>,
    /// CAMEO quad class (1–4).
    pub quad_class: Option<i64>,
    /// Source actor: code and name.
    pub source: Option<Side>,
    /// Target actor: code and name.
    pub target: Option<Side>,
    /// The date (TIMEX3 value, the most precise any report gives).
    pub date: Option<String>,
    /// Where, if a report says.
    pub place: Option<Place>,
    /// Reports of it (GDELT's NumMentions).
    pub mentions: i64,
    /// Outlets reporting it (GDELT's NumSources).
    pub num_sources: i64,
    /// Articles reporting it (GDELT's NumArticles).
    pub num_articles: i64,
    /// True when one account denies what another asserts, or they characterise it far
    /// apart on the Goldstein scale.
    pub conflict: bool,
    /// Who reported it, and how.
    pub accounts: Vec<Account>,
}

/// One side of an event.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    /// CAMEO actor code.
    pub code: Option<String>,
    /// The named entity, if one was linked.
    pub name: Option<String>,
}

/// Where an event took place.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    /// Its name.
    pub name: String,
    /// Its country code.
    pub country: Option<String>,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    /// True when the place is a whole country.
    pub whole_country: bool,
}

/// One report of an event: which article, which outlet, who said it, and whether it
/// asserts or denies the event.
#[derive(Clone, Debug, Serialize)]
pub struct Account {
    /// The document's id.
    pub document: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its date.
    pub article_date: Option<String>,
    /// "asserts", "denies", "expects" (planned) or "supposes" (hypothetical).
    pub stance: String,
    /// The code this report gave.
    pub cameo: String,
    /// The sentence's number in the document (0 for the first).
    pub sentence: i64,
    /// Whose words the report is, when the article attributes them.
    pub speaker: Option<String>,
    /// The sentence that says so, and its character offsets in the document's text.
    pub evidence: String,
    pub evidence_start: i64,
    pub evidence_end: i64,
    /// The trigger word's character offsets.
    pub trigger_start: i64,
    pub trigger_end: i64,
    /// The rule or pattern that coded it.
    pub rule: String,
}

/// A quotation with its speaker and article.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteRow {
    pub document: String,
    pub outlet: Option<String>,
    pub article_date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_actor: Option<String>,
    pub text: String,
    pub start: i64,
    pub end: i64,
}

/// A search result: a document or a quotation, with a snippet around the match.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    /// "document" or "quote".
    pub kind: String,
    pub document: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub article_date: Option<String>,
    /// Who said it (quotations).
    pub speaker: Option<String>,
    /// The matching words in context, marked with [ ].
    pub snippet: String,
}

/// What the store holds.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub documents: i64,
    pub quotes: i64,
    pub reports: i64,
    pub events: i64,
    pub conflicting: i64,
    /// Events by root class: code, description, events, reports.
    pub by_root: Vec<(String, String, i64, i64)>,
    /// Events by month ("2023-03", or "undated"): events, reports.
    pub by_month: Vec<(String, i64, i64)>,
}

/// A LIKE pattern (with `ESCAPE '\'`) for text containing `words` as written: their `%`
/// and `_` match only themselves.
fn containing(words: &str) -> String {
    let escaped = words.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// SQL selecting `what` (a column of reports `r`: its id, its event) of the reports with the
/// actor `term` on one of `sides` ("source", "target"), binding its parameters: a code by
/// its start, when the term is written like one (capitals, "RUS", "USAGOV"), or words of a
/// name or of the article's words for the actor ("Lavrov", "Sergey Lavrov", "Russian"; the
/// last word may be the start of one).
fn reports_with_actor(what: &str, sides: &[&str], term: &str, values: &mut Vec<SqlValue>) -> String {
    let mut parts = Vec::new();
    let words: Vec<&str> = term.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if !words.is_empty() {
        // Words hold letters and digits only, so the phrase needs no escaping.
        values.push(SqlValue::Text(format!("{{{}}} : \"{}\" *", sides.join(" "), words.join(" "))));
        parts.push(format!(
            "SELECT {what} FROM report_actors JOIN reports r ON r.id = report_actors.rowid WHERE report_actors MATCH ?{}",
            values.len()
        ));
    }
    let is_code = term.len() >= 3 && term.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
    if is_code {
        // The codes starting with the term sort from it up to the term with its last
        // letter's successor.
        let mut after = term.as_bytes().to_vec();
        *after.last_mut().expect("a code has letters") += 1;
        values.push(SqlValue::Text(term.to_string()));
        values.push(SqlValue::Text(String::from_utf8(after).expect("ASCII stays ASCII")));
        let (from, to) = (values.len() - 1, values.len());
        for side in sides {
            parts.push(format!(
                "SELECT {what} FROM reports r WHERE r.{side}_actor >= ?{from} AND r.{side}_actor < ?{to}"
            ));
        }
    }
    if parts.is_empty() {
        return "SELECT NULL WHERE 0".into();
    }
    parts.join(" UNION ")
}

/// Refuses a blank name, code or place, which as a substring would match everything.
fn refuse_blank(option: &str, value: Option<&String>) -> Result<()> {
    match value {
        Some(text) if text.trim().is_empty() => Err(StoreError::BadArgument(format!(
            "{option} {text:?} is blank: give a name or code (a blank one would match everything), or leave the option out"
        ))),
        _ => Ok(()),
    }
}

/// The SQL conditions on events `e` that `filter` asks for (all to hold), with their
/// parameters; its limit and offset are left to the caller.
fn filter_conditions(filter: &EventFilter) -> Result<(Vec<String>, Vec<SqlValue>)> {
    refuse_blank("--actor", filter.actor.as_ref())?;
    refuse_blank("--with", filter.with.as_ref())?;
    refuse_blank("--place", filter.place.as_ref())?;
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<SqlValue> = Vec::new();
    match (&filter.actor, &filter.with) {
        (Some(a), Some(b)) => {
            let a_source = reports_with_actor("r.id", &["source"], a, &mut values);
            let b_target = reports_with_actor("r.id", &["target"], b, &mut values);
            let b_source = reports_with_actor("r.id", &["source"], b, &mut values);
            let a_target = reports_with_actor("r.id", &["target"], a, &mut values);
            conditions.push(format!(
                "e.id IN (SELECT event FROM reports WHERE (id IN ({a_source}) AND id IN ({b_target})) OR (id IN ({b_source}) AND id IN ({a_target})))"
            ));
        }
        (Some(a), None) | (None, Some(a)) => {
            conditions
                .push(format!("e.id IN ({})", reports_with_actor("r.event", &["source", "target"], a, &mut values)));
        }
        (None, None) => {}
    }
    if let Some(code) = &filter.code {
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StoreError::BadArgument(format!("--code {code:?}: a CAMEO code is digits, such as 04 or 043")));
        }
        values.push(SqlValue::Text(code.clone()));
        conditions.push(format!("substr(e.cameo, 1, {}) = ?{}", code.len(), values.len()));
    }
    if let Some(from) = filter.from {
        values.push(SqlValue::Text(day_text(from)));
        conditions.push(format!("e.date_end >= ?{}", values.len()));
    }
    if let Some(to) = filter.to {
        values.push(SqlValue::Text(day_text(to)));
        conditions.push(format!("e.date_start <= ?{}", values.len()));
    }
    if let Some(place) = &filter.place {
        values.push(SqlValue::Text(place.clone()));
        let n = values.len();
        conditions.push(format!("(e.place = ?{n} COLLATE NOCASE OR e.place_country = ?{n})"));
    }
    if filter.conflicting {
        conditions.push("e.conflict = 1".into());
    }
    Ok((conditions, values))
}

impl Store {
    /// The events that pass the filter, in date order (undated last), with their accounts:
    /// `filter.limit` of them from `filter.offset` on.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let (conditions, mut values) = filter_conditions(filter)?;
        let mut sql = format!("SELECT {EVENT_COLUMNS} FROM events e");
        if !conditions.is_empty() {
            sql += " WHERE ";
            sql += &conditions.join(" AND ");
        }
        sql += " ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id";
        values.push(SqlValue::Integer(filter.limit.map_or(-1, |n| n as i64)));
        values.push(SqlValue::Integer(filter.offset as i64));
        sql += &format!(" LIMIT ?{} OFFSET ?{}", values.len() - 1, values.len());
        let mut statement =
            self.connection.prepare_cached(&sql).map_err(|e| self.error("cannot prepare the event query", e))?;
        let table = attache_events::cameo::CameoTable::builtin();
        let mut events: Vec<EventRow> = statement
            .query_map(params_from_iter(values), |r| event_row(r, table))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.error("cannot list events", e))?;
        self.add_accounts(&mut events)?;
        Ok(events)
    }

    /// Gives each event its reports, in article order, read in one query.
    fn add_accounts(&self, events: &mut [EventRow]) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let ids = serde_json::to_string(&events.iter().map(|e| e.id).collect::<Vec<_>>()).expect("ids serialise");
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT {ACCOUNT_COLUMNS}, r.event FROM reports r JOIN documents d ON d.id = r.document
                 WHERE r.event IN (SELECT value FROM json_each(?1)) ORDER BY r.event, d.date, r.document, r.idx"
            ))
            .map_err(|e| self.error("cannot prepare the report query", e))?;
        let mut accounts: std::collections::HashMap<i64, Vec<Account>> = std::collections::HashMap::new();
        let rows = statement
            .query_map([ids], |r| Ok((r.get::<_, i64>(14)?, account_row(r)?)))
            .map_err(|e| self.error("cannot list reports", e))?;
        for row in rows {
            let (event, account) = row.map_err(|e| self.error("cannot list reports", e))?;
            accounts.entry(event).or_default().push(account);
        }
        for event in events {
            event.accounts = accounts.remove(&event.id).unwrap_or_default();
        }
        Ok(())
    }

    /// The quotations of speakers whose name contains `speaker` (all, with None),
    /// `limit` of them from `offset` on, in date order).
    pub fn quotes(&self, speaker: Option<&str>, limit: Option<usize>, offset: usize) -> Result<Vec<QuoteRow>> {
        refuse_blank("--speaker", speaker.map(str::to_string).as_ref())?;
        let mut values: Vec<SqlValue> = Vec::new();
        let mut sql = String::from(
            "SELECT d.doc_id, d.outlet, d.date, q.speaker, q.speaker_actor, q.text, q.start, q.end FROM quotes q JOIN documents d ON d.id = q.document",
        );
        if let Some(speaker) = speaker {
            values.push(SqlValue::Text(containing(speaker)));
            sql += " WHERE q.speaker LIKE ?1 ESCAPE '\\'";
        }
        sql += " ORDER BY d.date, d.id, q.start";
        values.push(SqlValue::Integer(limit.map_or(-1, |n| n as i64)));
        values.push(SqlValue::Integer(offset as i64));
        sql += &format!(" LIMIT ?{} OFFSET ?{}", values.len() - 1, values.len());
        let mut statement =
            self.connection.prepare_cached(&sql).map_err(|e| self.error("cannot prepare the quote query", e))?;
        let rows = statement.query_map(params_from_iter(values), quote_row);
        rows.and_then(|rows| rows.collect()).map_err(|e| self.error("cannot list quotations", e))
    }

    /// Documents and quotations containing every word of `text` (best matches first).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = fts_query(text)
            .ok_or_else(|| StoreError::BadArgument(format!("search text {text:?} has no words to search for")))?;
        let sql = "SELECT * FROM (
                SELECT 'document', d.doc_id, d.title, d.outlet, d.date, NULL, snippet(documents_fts, 1, '[', ']', '…', 12), bm25(documents_fts)
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ?1
                UNION ALL
                SELECT 'quote', d.doc_id, d.title, d.outlet, d.date, q.speaker, snippet(quotes_fts, 0, '[', ']', '…', 12), bm25(quotes_fts)
                FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN documents d ON d.id = q.document WHERE quotes_fts MATCH ?1
            ) ORDER BY 8, 2 LIMIT ?2";
        let mut statement = self.connection.prepare(sql).map_err(|e| self.error("cannot prepare the search", e))?;
        let rows = statement.query_map(rusqlite::params![query, limit as i64], |r| {
            Ok(SearchHit {
                kind: r.get(0)?,
                document: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                article_date: r.get(4)?,
                speaker: r.get(5)?,
                snippet: r.get(6)?,
            })
        });
        rows.and_then(|rows| rows.collect()).map_err(|e| self.error("cannot search", e))
    }

    /// The event with the store's id `id`, with its accounts; `None` when there is none.
    pub fn event(&self, id: i64) -> Result<Option<EventRow>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1");
        let mut statement =
            self.connection.prepare_cached(&sql).map_err(|e| self.error("cannot prepare the event query", e))?;
        let table = attache_events::cameo::CameoTable::builtin();
        let event = statement
            .query_row([id], |r| event_row(r, table))
            .optional()
            .map_err(|e| self.error("cannot read the event", e))?;
        let mut events: Vec<EventRow> = event.into_iter().collect();
        self.add_accounts(&mut events)?;
        Ok(events.pop())
    }

    /// The stored document `doc_id` with its entities, quotations and event reports;
    /// `None` when there is none.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentRow>> {
        let found = self
            .connection
            .query_row(
                "SELECT id, doc_id, title, date, outlet, byline, text FROM documents WHERE doc_id = ?1",
                [doc_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentRow {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            date: r.get(3)?,
                            outlet: r.get(4)?,
                            byline: r.get(5)?,
                            text: r.get(6)?,
                            entities: Vec::new(),
                            quotes: Vec::new(),
                            reports: Vec::new(),
                        },
                    ))
                },
            )
            .optional()
            .map_err(|e| self.error("cannot read the document", e))?;
        let Some((key, mut document)) = found else { return Ok(None) };
        let listed = |doing: &str, sql: &str| {
            self.connection.prepare_cached(sql).map_err(|e| self.error(&format!("cannot prepare {doing}"), e))
        };
        let mut statement = listed(
            "the entity query",
            "SELECT kind, name, actor, country, latitude, longitude, mentions FROM entities WHERE document = ?1 ORDER BY idx",
        )?;
        document.entities = statement
            .query_map([key], |r| {
                let coordinates = match (r.get::<_, Option<f64>>(4)?, r.get::<_, Option<f64>>(5)?) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => None,
                };
                Ok(StoredEntity {
                    kind: r.get(0)?,
                    name: r.get(1)?,
                    actor: r.get(2)?,
                    country: r.get(3)?,
                    coordinates,
                    mentions: r.get(6)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.error("cannot list entities", e))?;
        let mut statement = listed(
            "the quote query",
            "SELECT d.doc_id, d.outlet, d.date, q.speaker, q.speaker_actor, q.text, q.start, q.end FROM quotes q JOIN documents d ON d.id = q.document WHERE q.document = ?1 ORDER BY q.start",
        )?;
        document.quotes = statement
            .query_map([key], quote_row)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.error("cannot list quotations", e))?;
        let mut statement = listed(
            "the report query",
            &format!("SELECT {ACCOUNT_COLUMNS}, r.event FROM reports r JOIN documents d ON d.id = r.document WHERE r.document = ?1 ORDER BY r.idx"),
        )?;
        document.reports = statement
            .query_map([key], |r| Ok(DocumentReport { event: r.get(14)?, account: account_row(r)? }))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.error("cannot list reports", e))?;
        Ok(Some(document))
    }

    /// The events that pass `filter` (its limit and offset aside) counted by period and
    /// dyad, in period order; undated events are left out.
    pub fn timeline(&self, filter: &EventFilter, period: Period) -> Result<Vec<TimelinePoint>> {
        let (mut conditions, values) = filter_conditions(filter)?;
        conditions.push("e.date_start IS NOT NULL".into());
        let sql = format!(
            "SELECT substr(e.date_start, 1, {}) AS period, e.dyad, count(*), sum(e.mentions), avg(e.goldstein), sum(e.conflict)
             FROM events e WHERE {} GROUP BY period, e.dyad ORDER BY period, e.dyad",
            period.width(),
            conditions.join(" AND ")
        );
        let mut statement =
            self.connection.prepare_cached(&sql).map_err(|e| self.error("cannot prepare the timeline", e))?;
        let rows = statement.query_map(params_from_iter(values), |r| {
            Ok(TimelinePoint {
                period: r.get(0)?,
                dyad: r.get(1)?,
                events: r.get(2)?,
                reports: r.get(3)?,
                goldstein: r.get(4)?,
                conflicting: r.get(5)?,
            })
        });
        rows.and_then(|rows| rows.collect()).map_err(|e| self.error("cannot count the timeline", e))
    }

    /// Counts of what the store holds, and events by root class and by month.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> {
            self.connection.query_row(sql, [], |r| r.get(0)).map_err(|e| self.error("cannot count", e))
        };
        let table = attache_events::cameo::CameoTable::builtin();
        let grouped = |sql: &str| -> Result<Vec<(String, i64, i64)>> {
            let mut statement = self.connection.prepare(sql).map_err(|e| self.error("cannot prepare the counts", e))?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
            rows.and_then(|rows| rows.collect()).map_err(|e| self.error("cannot count", e))
        };
        let by_root = grouped("SELECT root, count(*), sum(mentions) FROM events GROUP BY root ORDER BY root")?
            .into_iter()
            .map(|(root, events, reports)| {
                let description = table.get(&root).map(|c| c.description.clone()).unwrap_or_default();
                (root, description, events, reports)
            })
            .collect();
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            reports: count("SELECT count(*) FROM reports")?,
            events: count("SELECT count(*) FROM events")?,
            conflicting: count("SELECT count(*) FROM events WHERE conflict = 1")?,
            by_root,
            by_month: grouped("SELECT coalesce(substr(date_start, 1, 7), 'undated') AS month, count(*), sum(mentions) FROM events GROUP BY month ORDER BY month = 'undated', month")?,
        })
    }
}

/// The columns of an event `e`, as [`event_row`] reads them.
const EVENT_COLUMNS: &str = "e.id, e.cameo, e.plover, e.goldstein, e.quad_class, e.source_actor, e.source_name, e.target_actor, e.target_name, e.date,
    e.place, e.place_country, e.latitude, e.longitude, e.mentions, e.num_sources, e.num_articles, e.conflict, e.whole_country";

/// A quotation from the columns document id, outlet, date, speaker, speaker's actor,
/// text, start, end.
fn quote_row(r: &Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        document: r.get(0)?,
        outlet: r.get(1)?,
        article_date: r.get(2)?,
        speaker: r.get(3)?,
        speaker_actor: r.get(4)?,
        text: r.get(5)?,
        start: r.get(6)?,
        end: r.get(7)?,
    })
}

/// The columns of an account, in the order [`ACCOUNT_COLUMNS`] lists them.
const ACCOUNT_COLUMNS: &str = "d.doc_id, d.outlet, d.date, r.negated, r.modality, r.cameo, r.speaker, r.evidence, r.evidence_start, r.evidence_end, r.trigger_start, r.trigger_end, r.rule, r.sentence";

/// An account from [`ACCOUNT_COLUMNS`] of reports `r` joined to documents `d`.
fn account_row(r: &Row) -> rusqlite::Result<Account> {
    let negated: bool = r.get(3)?;
    let modality: String = r.get(4)?;
    let stance = match (negated, modality.as_str()) {
        (true, _) => "denies",
        (false, "planned") => "expects",
        (false, "hypothetical") => "supposes",
        _ => "asserts",
    };
    Ok(Account {
        document: r.get(0)?,
        outlet: r.get(1)?,
        article_date: r.get(2)?,
        stance: stance.to_string(),
        cameo: r.get(5)?,
        speaker: r.get(6)?,
        evidence: r.get(7)?,
        evidence_start: r.get(8)?,
        evidence_end: r.get(9)?,
        trigger_start: r.get(10)?,
        trigger_end: r.get(11)?,
        rule: r.get(12)?,
        sentence: r.get(13)?,
    })
}

fn event_row(r: &Row, table: &attache_events::cameo::CameoTable) -> rusqlite::Result<EventRow> {
    let cameo: String = r.get(1)?;
    let side =
        |code: Option<String>, name: Option<String>| (code.is_some() || name.is_some()).then_some(Side { code, name });
    let place = r.get::<_, Option<String>>(10)?.map(|name| -> rusqlite::Result<Place> {
        let coordinates = match (r.get::<_, Option<f64>>(12)?, r.get::<_, Option<f64>>(13)?) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        Ok(Place { name, country: r.get(11)?, coordinates, whole_country: r.get(18)? })
    });
    Ok(EventRow {
        id: r.get(0)?,
        description: table.get(&cameo).map(|c| c.description.clone()).unwrap_or_default(),
        cameo,
        plover: r.get(2)?,
        goldstein: r.get(3)?,
        quad_class: r.get(4)?,
        source: side(r.get(5)?, r.get(6)?),
        target: side(r.get(7)?, r.get(8)?),
        date: r.get(9)?,
        place: place.transpose()?,
        mentions: r.get(14)?,
        num_sources: r.get(15)?,
        num_articles: r.get(16)?,
        conflict: r.get(17)?,
        accounts: Vec::new(),
    })
}

/// FTS5 query text for the words of `text`: each quoted (inner quotes doubled), so every
/// word must appear and FTS5's operators and column filters in the input mean nothing.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_quoted_word_by_word() {
        assert_eq!(fts_query("Lavrov Blinken").unwrap(), "\"Lavrov\" \"Blinken\"");
        assert_eq!(fts_query("x\" OR 1=1 --").unwrap(), "\"x\"\"\" \"OR\" \"1=1\" \"--\"");
        assert_eq!(fts_query("text:Lavrov NEAR(a b)").unwrap(), "\"text:Lavrov\" \"NEAR(a\" \"b)\"");
        assert!(fts_query("   ").is_none());
    }
}
