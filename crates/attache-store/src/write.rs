//! Storing analysed documents, and joining each coded event to the event it reports.

use crate::dedup::{compatible, date_range, dyad_key, overlaps, PlaceKey};
use crate::{day_text, Result, Store};
use attache_doc::{Attribution, Document, Event, OffsetMap, Participant, PlaceBasis};
use rusqlite::{params, Connection, OptionalExtension};

/// Whether a document is already in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// Neither its id nor its text is stored.
    New,
    /// Stored already (same id and text, or the same text under another id).
    Stored,
    /// Its id is stored with a different text.
    IdClash,
}

/// What writing a batch did.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    /// Documents stored.
    pub stored: usize,
    /// Event reports stored.
    pub reports: usize,
    /// Documents skipped, with why: already stored, or a clash of ids.
    pub skipped: Vec<(String, String)>,
}

/// The BLAKE3 hash of a document's text, in hex: the same text always hashes the same.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

impl Store {
    /// Whether the document with this id and text hash is stored.
    pub fn known(&self, doc_id: &str, hash: &str) -> Result<Known> {
        lookup(&self.connection, doc_id, hash).map_err(|e| self.error("cannot look up a document", e))
    }

    /// Stores analysed documents in one transaction, each whole or not at all; documents
    /// already stored are skipped.
    pub fn write_batch(&mut self, docs: &[&Document]) -> Result<BatchOutcome> {
        let mut outcome = BatchOutcome::default();
        let path = self.path.clone();
        let error =
            |doing: &str, source| crate::StoreError::Sqlite { path: path.clone(), doing: doing.to_string(), source };
        // IMMEDIATE: the write lock is taken (or waited for) at the start, so a second writer
        // waits its turn rather than failing when its read turns into a write.
        let mut tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| error("cannot begin a transaction", e))?;
        let mut touched: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
        for doc in docs {
            let hash = content_hash(&doc.text);
            let why = match lookup(&tx, &doc.id, &hash).map_err(|e| error("cannot look up a document", e))? {
                Known::New => None,
                Known::Stored => Some("already stored"),
                Known::IdClash => Some("its id is stored with a different text; give it a new id to store both"),
            };
            if let Some(why) = why {
                outcome.skipped.push((doc.id.clone(), why.to_string()));
                continue;
            }
            // A document that fails midway rolls back to here: never half-stored.
            let savepoint = tx.savepoint().map_err(|e| error("cannot begin a savepoint", e))?;
            let events = insert_document(&savepoint, doc, &hash)
                .map_err(|e| error(&format!("cannot store document {}", doc.id), e))?;
            savepoint.commit().map_err(|e| error("cannot release a savepoint", e))?;
            outcome.stored += 1;
            outcome.reports += doc.events.len();
            touched.extend(events);
        }
        // Once per batch, not per report: a large event's reports are read once.
        for event in touched {
            refresh_event(&tx, event).map_err(|e| error("cannot update an event", e))?;
        }
        tx.commit().map_err(|e| error("cannot commit", e))?;
        Ok(outcome)
    }
}

/// Whether a document with this id or text is stored.
fn lookup(connection: &Connection, doc_id: &str, hash: &str) -> rusqlite::Result<Known> {
    let by_id: Option<String> = connection
        .query_row("SELECT content_hash FROM documents WHERE doc_id = ?1", [doc_id], |r| r.get(0))
        .optional()?;
    Ok(match by_id {
        Some(stored) if stored == hash => Known::Stored,
        Some(_) => Known::IdClash,
        None => {
            let by_text = connection.query_row(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE content_hash = ?1)",
                [hash],
                |r| r.get::<_, bool>(0),
            )?;
            if by_text {
                Known::Stored
            } else {
                Known::New
            }
        }
    })
}

/// Stores one document and its layers; returns the events its reports joined.
fn insert_document(tx: &Connection, doc: &Document, hash: &str) -> rusqlite::Result<Vec<i64>> {
    let offsets = OffsetMap::new(&doc.text);
    let origin = doc.meta.origin.to_string();
    let date = doc.meta.date.map(day_text);
    let byline = (!doc.meta.byline.is_empty()).then(|| doc.meta.byline.join("; "));
    tx.execute(
        "INSERT INTO documents (doc_id, content_hash, title, date, outlet, byline, origin, text, tokens, sentences) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![doc.id, hash, doc.meta.title, date, doc.meta.source, byline, origin, doc.text, doc.tokens.len(), doc.sentences.len()],
    )?;
    let document = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![document, doc.meta.title.as_deref().unwrap_or(""), doc.text],
    )?;
    let mut entity = tx.prepare_cached("INSERT INTO entities (document, idx, kind, name, actor, country, latitude, longitude, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    for e in &doc.entities {
        let country =
            e.location.as_ref().map(|l| l.country.clone()).or_else(|| e.actor.as_ref().and_then(|a| a.country.clone()));
        entity.execute(params![
            document,
            e.id,
            e.kind.as_str(),
            e.name,
            e.actor.as_ref().map(|a| a.code.as_str()),
            country,
            e.location.as_ref().map(|l| l.latitude),
            e.location.as_ref().map(|l| l.longitude),
            e.mentions.len()
        ])?;
    }
    let speaker = |a: Option<&Attribution>| -> (Option<String>, Option<String>) {
        let Some(a) = a else { return (None, None) };
        match a.entity {
            Some(e) => (Some(doc.entities[e].name.clone()), doc.entities[e].actor.as_ref().map(|x| x.code.clone())),
            None => (Some(doc.slice(a.span).to_string()), None),
        }
    };
    let mut quote = tx.prepare_cached("INSERT INTO quotes (document, start, end, text, speaker, speaker_actor, kind, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut quote_fts = tx.prepare_cached("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?1, ?2, ?3)")?;
    for q in &doc.quotes {
        let (start, end) = offsets.char_span(q.span);
        let (name, actor) = speaker(q.speaker.as_ref());
        quote.execute(params![document, start, end, doc.slice(q.span), name, actor, q.kind.as_str(), q.rule])?;
        quote_fts.execute(params![tx.last_insert_rowid(), doc.slice(q.span), name.as_deref().unwrap_or("")])?;
    }
    let mut claim = tx.prepare_cached(
        "INSERT INTO claims (document, start, end, text, source, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in &doc.claims {
        let (start, end) = offsets.char_span(c.span);
        let (name, _) = speaker(Some(&c.source));
        claim.execute(params![document, start, end, doc.slice(c.span), name, c.rule])?;
    }
    let mut joined = Vec::new();
    for (index, event) in doc.events.iter().enumerate() {
        let report = Report::of(doc, &offsets, event);
        let event_id = match find_event(tx, &report, document)? {
            Some(id) => id,
            None => {
                // Until the batch's refresh, a new event has its first report's date and place.
                let place = Some(&report.place).filter(|p| !p.weak);
                tx.execute(
                    "INSERT INTO events (root, dyad, cameo, date_start, date_end, place, place_country, whole_country, mentions, num_sources, num_articles, asserts, denies, conflict)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, 0, 0, 0)",
                    params![
                        report.root,
                        report.dyad,
                        event.cameo,
                        report.range.map(|r| day_text(r.0)),
                        report.range.map(|r| day_text(r.1)),
                        place.and_then(|p| p.name.clone()),
                        place.and_then(|p| p.country.clone()),
                        place.is_some_and(|p| p.whole_country)
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        report.insert(tx, event_id, document, index, doc, &speaker(event.attribution.as_ref()).0)?;
        joined.push(event_id);
    }
    Ok(joined)
}

/// One coded event as the store keeps it.
struct Report<'a> {
    event: &'a Event,
    root: String,
    dyad: String,
    range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    place: PlaceKey,
    trigger: (usize, usize),
    evidence: (usize, usize),
}

impl<'a> Report<'a> {
    fn of(doc: &Document, offsets: &OffsetMap, event: &'a Event) -> Report<'a> {
        let root = event.cameo.get(..2).unwrap_or(&event.cameo).to_string();
        let code = |p: &Option<Participant>| p.as_ref().and_then(|p| p.code.clone());
        let dyad = dyad_key(&root, code(&event.source).as_deref(), code(&event.target).as_deref());
        let range = event.date.as_ref().and_then(|d| date_range(&d.value));
        let place = event
            .place
            .as_ref()
            .map(|p| PlaceKey {
                name: Some(p.name.clone()),
                country: p.country.clone(),
                whole_country: p
                    .entity
                    .and_then(|e| doc.entities[e].location.as_ref())
                    .is_some_and(|l| l.kind == "country"),
                weak: p.basis == PlaceBasis::Dateline,
            })
            .unwrap_or_default();
        Report {
            event,
            root,
            dyad,
            range,
            place,
            trigger: offsets.char_span(event.trigger),
            evidence: offsets.char_span(event.evidence),
        }
    }

    fn insert(
        &self,
        tx: &Connection,
        event_id: i64,
        document: i64,
        index: usize,
        doc: &Document,
        speaker: &Option<String>,
    ) -> rusqlite::Result<()> {
        let e = self.event;
        let side = |p: &Option<Participant>| -> (Option<String>, Option<String>, Option<String>) {
            match p {
                Some(p) => (
                    p.code.clone(),
                    Some(doc.slice(p.span).to_string()),
                    p.entity.map(|i| doc.entities[i].name.clone()),
                ),
                None => (None, None, None),
            }
        };
        let (source_actor, source_text, source_name) = side(&e.source);
        let (target_actor, target_text, target_name) = side(&e.target);
        let mut insert = tx.prepare_cached(
            "INSERT INTO reports (event, document, idx, sentence, cameo, source_actor, source_text, source_name, target_actor, target_text, target_name, date, date_rule, place, place_country, whole_country, weak_place, latitude, longitude, goldstein, quad_class, plover, negated, modality, speaker, trigger_start, trigger_end, evidence_start, evidence_end, evidence, rule)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
        )?;
        insert.execute(params![
            event_id,
            document,
            index,
            e.sentence,
            e.cameo,
            source_actor,
            source_text,
            source_name,
            target_actor,
            target_text,
            target_name,
            e.date.as_ref().map(|d| d.value.as_str()),
            e.date.as_ref().map(|d| d.rule.as_str()),
            e.place.as_ref().map(|p| p.name.as_str()),
            e.place.as_ref().and_then(|p| p.country.as_deref()),
            self.place.whole_country,
            self.place.weak,
            e.place.as_ref().and_then(|p| p.coordinates).map(|c| c.0),
            e.place.as_ref().and_then(|p| p.coordinates).map(|c| c.1),
            e.goldstein,
            e.quad_class,
            e.plover,
            e.negated,
            e.modality.as_str(),
            speaker,
            self.trigger.0,
            self.trigger.1,
            self.evidence.0,
            self.evidence.1,
            doc.slice(e.evidence),
            e.rule,
        ])?;
        let words =
            |name: Option<&str>, text: Option<&str>| [name, text].into_iter().flatten().collect::<Vec<_>>().join(" ");
        tx.prepare_cached("INSERT INTO report_actors (rowid, source, target) VALUES (?1, ?2, ?3)")?.execute(
            params![
                tx.last_insert_rowid(),
                words(source_name.as_deref(), source_text.as_deref()),
                words(target_name.as_deref(), target_text.as_deref()),
            ],
        )?;
        Ok(())
    }
}

/// The stored event this report is of: same root and dyad, overlapping dates (or both
/// undated, in one article), compatible places; the one with the same code, then the narrowest dates, first.
/// Within one article, acts of different kinds (base codes) are different events: an
/// article that tells of an appeal and of a request for talks tells of two.
fn find_event(tx: &Connection, report: &Report, document: i64) -> rusqlite::Result<Option<i64>> {
    let base = report.event.cameo.get(..3).unwrap_or(&report.event.cameo);
    let mut other_kind = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM reports WHERE event = ?1 AND document = ?2 AND substr(cameo, 1, 3) != ?3)",
    )?;
    let mut same_document =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM reports WHERE event = ?1 AND document = ?2)")?;
    let mut candidates = tx.prepare_cached("SELECT id, cameo, date_start, date_end, place, place_country, whole_country FROM events WHERE root = ?1 AND dyad = ?2")?;
    let rows = candidates.query_map(params![report.root, report.dyad], |r| {
        let day = |s: Option<String>| s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let range = match (day(r.get(2)?), day(r.get(3)?)) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let place = PlaceKey { name: r.get(4)?, country: r.get(5)?, whole_country: r.get(6)?, weak: false };
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, range, place))
    })?;
    let mut best: Option<(bool, i64, i64)> = None;
    for row in rows {
        let (id, cameo, range, place) = row?;
        let dates_agree = match (range, report.range) {
            // Across articles, only reports that name who acted on whom can be of one event:
            // "someone attacked" in two stories is not one attack.
            (Some(a), Some(b)) if identified(&report.dyad) => overlaps(a, b),
            (Some(a), Some(b)) => {
                overlaps(a, b) && same_document.query_row(params![id, document], |r| r.get::<_, bool>(0))?
            }
            // Undated reports may be of any day: only one article's are known to be one event.
            (None, None) => same_document.query_row(params![id, document], |r| r.get::<_, bool>(0))?,
            _ => false,
        };
        if !dates_agree
            || !compatible(&place, &report.place)
            || other_kind.query_row(params![id, document, base], |r| r.get::<_, bool>(0))?
        {
            continue;
        }
        let span = range.map_or(i64::MAX, |(a, b)| (b - a).num_days());
        let rank = (cameo != report.event.cameo, span, id);
        if best.is_none_or(|b| rank < b) {
            best = Some(rank);
        }
    }
    Ok(best.map(|(_, _, id)| id))
}

/// True when both sides of a dyad key name an actor: a country or organisation, not a bare
/// role ("---MED") or nobody.
fn identified(dyad: &str) -> bool {
    dyad.split('|').all(|side| !side.is_empty() && !side.starts_with("---"))
}

/// Recomputes an event from its reports: its code and date (the most common code, the
/// narrowest date of the reports that assert it), its firm place, its counts and whether
/// its accounts conflict.
fn refresh_event(tx: &Connection, event_id: i64) -> rusqlite::Result<()> {
    struct Row {
        cameo: String,
        source: (Option<String>, Option<String>),
        target: (Option<String>, Option<String>),
        date: Option<String>,
        place: Option<String>,
        place_country: Option<String>,
        whole_country: bool,
        weak_place: bool,
        latitude: Option<f64>,
        longitude: Option<f64>,
        goldstein: Option<f64>,
        quad_class: Option<i64>,
        plover: Option<String>,
        negated: bool,
        document: i64,
        outlet: String,
        speaker: Option<String>,
    }
    let mut select = tx.prepare_cached(
        "SELECT r.cameo, r.source_actor, r.source_name, r.target_actor, r.target_name, r.date, r.place, r.place_country, r.whole_country, r.weak_place, r.latitude, r.longitude,
                r.goldstein, r.quad_class, r.plover, r.negated, r.document, coalesce(d.outlet, d.doc_id), r.speaker
         FROM reports r JOIN documents d ON d.id = r.document WHERE r.event = ?1 ORDER BY r.id",
    )?;
    let rows: Vec<Row> = select
        .query_map([event_id], |r| {
            Ok(Row {
                cameo: r.get(0)?,
                source: (r.get(1)?, r.get(2)?),
                target: (r.get(3)?, r.get(4)?),
                date: r.get(5)?,
                place: r.get(6)?,
                place_country: r.get(7)?,
                whole_country: r.get(8)?,
                weak_place: r.get(9)?,
                latitude: r.get(10)?,
                longitude: r.get(11)?,
                goldstein: r.get(12)?,
                quad_class: r.get(13)?,
                plover: r.get(14)?,
                negated: r.get(15)?,
                document: r.get(16)?,
                outlet: r.get(17)?,
                speaker: r.get(18)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let asserting: Vec<&Row> = rows.iter().filter(|r| !r.negated).collect();
    let basis: Vec<&Row> = if asserting.is_empty() { rows.iter().collect() } else { asserting.clone() };
    // The most common value; the first reported wins a tie.
    let most_common = |values: Vec<&String>| -> Option<String> {
        let mut counts: Vec<(&String, usize)> = Vec::new();
        for value in values {
            match counts.iter_mut().find(|(v, _)| *v == value) {
                Some((_, n)) => *n += 1,
                None => counts.push((value, 1)),
            }
        }
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v.clone())
    };
    let cameo = most_common(basis.iter().map(|r| &r.cameo).collect()).unwrap_or_default();
    let typical = basis.iter().find(|r| r.cameo == cameo).copied().unwrap_or(basis[0]);
    let dated = basis
        .iter()
        .filter_map(|r| Some((r, date_range(r.date.as_deref()?)?)))
        .min_by_key(|(_, (a, b))| (*b - *a).num_days());
    let (date, range) = match dated {
        Some((r, range)) => (r.date.clone(), Some(range)),
        None => (None, None),
    };
    let firm_place = most_common(basis.iter().filter(|r| !r.weak_place).filter_map(|r| r.place.as_ref()).collect());
    let place_row = firm_place.as_ref().and_then(|name| basis.iter().find(|r| r.place.as_ref() == Some(name)));
    let mut documents: Vec<i64> = rows.iter().map(|r| r.document).collect();
    documents.sort_unstable();
    documents.dedup();
    let mut outlets: Vec<&str> = rows.iter().map(|r| r.outlet.as_str()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let denies = rows.len() - asserting.len();
    let voices: Vec<Voice> = asserting
        .iter()
        .map(|r| Voice { goldstein: r.goldstein, outlet: &r.outlet, speaker: r.speaker.as_deref() })
        .collect();
    let conflict = (!asserting.is_empty() && denies > 0) || characterised_apart(&voices);
    tx.prepare_cached(
        "UPDATE events SET cameo = ?2, source_actor = ?3, source_name = ?4, target_actor = ?5, target_name = ?6, date = ?7, date_start = ?8, date_end = ?9,
             place = ?10, place_country = ?11, whole_country = ?12, latitude = ?13, longitude = ?14, goldstein = ?15, quad_class = ?16, plover = ?17,
             mentions = ?18, num_sources = ?19, num_articles = ?20, asserts = ?21, denies = ?22, conflict = ?23 WHERE id = ?1",
    )?
    .execute(params![
        event_id,
        cameo,
        typical.source.0,
        typical.source.1,
        typical.target.0,
        typical.target.1,
        date,
        range.map(|r| day_text(r.0)),
        range.map(|r| day_text(r.1)),
        place_row.and_then(|r| r.place.clone()),
        place_row.and_then(|r| r.place_country.clone()),
        place_row.is_some_and(|r| r.whole_country),
        place_row.and_then(|r| r.latitude),
        place_row.and_then(|r| r.longitude),
        typical.goldstein,
        typical.quad_class,
        typical.plover,
        rows.len(),
        outlets.len(),
        documents.len(),
        asserting.len(),
        denies,
        conflict,
    ])?;
    Ok(())
}

/// How far apart on the Goldstein scale two accounts must put an event to characterise it
/// differently ("a brief chat", 1.0, against "negotiations", 7.0).
const CHARACTERISATION_GAP: f64 = 5.0;

/// Who asserts an event, and where its code puts it on the Goldstein scale.
struct Voice<'a> {
    goldstein: Option<f64>,
    outlet: &'a str,
    speaker: Option<&'a str>,
}

/// True when two different voices (outlet and speaker) put the event at least
/// [`CHARACTERISATION_GAP`] apart. Each voice's range is gathered first, so a large event
/// costs one pass over its reports and a comparison of its few voices.
fn characterised_apart(voices: &[Voice]) -> bool {
    let mut ranges: std::collections::BTreeMap<(&str, Option<&str>), (f64, f64)> = std::collections::BTreeMap::new();
    for voice in voices {
        let Some(g) = voice.goldstein else { continue };
        let range = ranges.entry((voice.outlet, voice.speaker)).or_insert((g, g));
        *range = (range.0.min(g), range.1.max(g));
    }
    let ranges: Vec<(f64, f64)> = ranges.into_values().collect();
    ranges.iter().enumerate().any(|(i, a)| {
        ranges[i + 1..].iter().any(|b| a.1 - b.0 >= CHARACTERISATION_GAP || b.1 - a.0 >= CHARACTERISATION_GAP)
    })
}
