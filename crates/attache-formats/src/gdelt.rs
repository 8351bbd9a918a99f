//! GDELT 2.0 event-table rows: the 61 tab-separated fields of GDELT's event codebook, so
//! Attaché's events load into tools written for GDELT.
//!
//! Attaché fills what it knows and leaves the rest empty:
//! - `GLOBALEVENTID` is a stable hash of the document id and the event's number in it,
//!   so the same input gives the same ids on every run;
//! - dates are the event's resolved date ("last July" → 2022-07), not the article's; a
//!   month or a year stands at its first day;
//! - actors: the CAMEO code split into country, known group and type codes, the name as
//!   written; ethnic and religion codes are left empty;
//! - `IsRootEvent` is 1 for events of the first sentence;
//! - `NumMentions`, `NumSources`, `NumArticles` are 1 for an event of one article and the
//!   clustered counts for a store's deduplicated event; `AvgTone` is empty (Attaché scores
//!   no tone);
//! - `ActionGeo_*` is the event's place (type, name, latitude, longitude); GDELT's FIPS
//!   country and ADM codes and GeoNames feature ids are left empty, as are the actors' geo
//!   fields;
//! - `DATEADDED` is the article date at midnight (deterministic, unlike GDELT's processing
//!   time); `SOURCEURL` is the document id.

use attache_doc::{Document, Participant};
use attache_gazetteer::Gazetteer;
use attache_store::EventRow;
use chrono::{Datelike, NaiveDate};

/// The column names, in order, as GDELT's codebook gives them.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// How often an event was reported: GDELT's NumMentions, NumSources and NumArticles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reports {
    pub mentions: usize,
    pub sources: usize,
    pub articles: usize,
}

impl Reports {
    /// One mention in one article of one source.
    pub const ONE: Reports = Reports { mentions: 1, sources: 1, articles: 1 };
}

/// A stable GLOBALEVENTID: FNV-1a of the document id and the event's number, within the
/// positive range of a signed 64-bit integer (GDELT's column type).
pub fn event_id(document: &str, index: usize) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in document.bytes().chain(*b"#").chain(index.to_string().bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash & (u64::MAX >> 1)
}

/// One event as GDELT sees it: what a row is made of, from a document's event or from a
/// store's deduplicated one.
#[derive(Clone, Debug, PartialEq)]
pub struct GdeltEvent {
    /// GLOBALEVENTID.
    pub id: u64,
    /// The event's day: year, month, day (a month or year alone at its first day).
    pub day: (u32, u32, u32),
    /// Actor1 and Actor2: CAMEO code and name as written.
    pub actors: [Option<(String, String)>; 2],
    /// True for an event of the article's first sentence.
    pub root_event: bool,
    /// CAMEO event code.
    pub cameo: String,
    /// QuadClass.
    pub quad_class: Option<u8>,
    /// GoldsteinScale.
    pub goldstein: Option<f32>,
    /// NumMentions, NumSources, NumArticles.
    pub reports: Reports,
    /// ActionGeo: where the event took place.
    pub place: Option<GdeltPlace>,
    /// DATEADDED's day, the article date.
    pub added: Option<NaiveDate>,
    /// SOURCEURL: the document id.
    pub source_url: String,
}

/// An ActionGeo place.
#[derive(Clone, Debug, PartialEq)]
pub struct GdeltPlace {
    /// GDELT's place type (1–5, see [`place_type`]).
    pub kind: u8,
    /// Its name.
    pub name: String,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
}

/// GDELT's place type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
pub fn place_type(kind: &str, country: Option<&str>) -> u8 {
    match (kind, country == Some("USA")) {
        ("country", _) => 1,
        ("region", true) => 2,
        ("region", false) => 5,
        (_, true) => 3,
        (_, false) => 4,
    }
}

/// The day a TIMEX3 value names: "2022-07" → (2022, 7, 1); None for unknown years.
pub fn day_of(value: &str) -> Option<(u32, u32, u32)> {
    let mut parts = value.get(..10).unwrap_or(value).split('-').map(|p| p.parse::<u32>().ok());
    let year = parts.next()??;
    let month = parts.next().flatten().unwrap_or(1);
    let day = parts.next().flatten().unwrap_or(1);
    Some((year, month, day))
}

impl GdeltEvent {
    /// `doc.events[index]` with its report counts.
    pub fn of(doc: &Document, index: usize, reports: Reports) -> GdeltEvent {
        let event = &doc.events[index];
        let article = doc.meta.date.map(|d| (d.year().unsigned_abs(), d.month(), d.day()));
        let actor = |p: &Option<Participant>| {
            p.as_ref().map(|p| (p.code.clone().unwrap_or_default(), doc.slice(p.span).to_string()))
        };
        let place = event.place.as_ref().map(|p| {
            let kind =
                p.entity.and_then(|e| doc.entities[e].location.as_ref()).map(|l| l.kind.as_str()).unwrap_or("city");
            GdeltPlace {
                kind: place_type(kind, p.country.as_deref()),
                name: p.name.clone(),
                coordinates: p.coordinates,
            }
        });
        GdeltEvent {
            id: event_id(&doc.id, index),
            day: event.date.as_ref().and_then(|d| day_of(&d.value)).or(article).unwrap_or((0, 0, 0)),
            actors: [actor(&event.source), actor(&event.target)],
            root_event: event.sentence == 0,
            cameo: event.cameo.clone(),
            quad_class: event.quad_class,
            goldstein: event.goldstein,
            reports,
            place,
            added: doc.meta.date,
            source_url: doc.id.clone(),
        }
    }

    /// A store's deduplicated event: its counts are the clustered ones, its day added the
    /// earliest article date, its source the first account's document.
    pub fn of_stored(e: &EventRow) -> GdeltEvent {
        let first = e.accounts.first();
        let added = e
            .accounts
            .iter()
            .filter_map(|a| a.article_date.as_deref())
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .min();
        let side = |s: &Option<attache_store::Side>| {
            s.as_ref().map(|s| (s.code.clone().unwrap_or_default(), s.name.clone().unwrap_or_default()))
        };
        GdeltEvent {
            id: e.id as u64,
            day: e.date.as_deref().and_then(day_of).unwrap_or((0, 0, 0)),
            actors: [side(&e.source), side(&e.target)],
            root_event: e.accounts.iter().any(|a| a.sentence == 0),
            cameo: e.cameo.clone(),
            quad_class: e.quad_class.map(|q| q as u8),
            goldstein: e.goldstein.map(|g| g as f32),
            reports: Reports {
                mentions: e.mentions as usize,
                sources: e.num_sources as usize,
                articles: e.num_articles as usize,
            },
            place: e.place.as_ref().map(|p| GdeltPlace {
                kind: place_type(if p.whole_country { "country" } else { "city" }, p.country.as_deref()),
                name: p.name.clone(),
                coordinates: p.coordinates,
            }),
            added,
            source_url: first.map(|a| a.document.clone()).unwrap_or_default(),
        }
    }

    /// The tab-separated row, without a line end.
    pub fn row(&self) -> String {
        let mut fields: Vec<String> = Vec::with_capacity(COLUMNS.len());
        let (year, month, day) = self.day;
        fields.push(self.id.to_string());
        fields.push(format!("{year:04}{month:02}{day:02}"));
        fields.push(format!("{year:04}{month:02}"));
        fields.push(format!("{year:04}"));
        fields.push(format!("{:.4}", f64::from(year) + f64::from(month * 30 + day) / 365.0));
        for actor in &self.actors {
            fields.extend(actor_fields(actor.as_ref()));
        }
        fields.push(u8::from(self.root_event).to_string());
        fields.push(self.cameo.clone());
        fields.push(self.cameo.chars().take(3).collect());
        fields.push(self.cameo.chars().take(2).collect());
        fields.push(self.quad_class.map(|q| q.to_string()).unwrap_or_default());
        fields.push(self.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
        fields.extend([self.reports.mentions, self.reports.sources, self.reports.articles].map(|n| n.to_string()));
        fields.push(String::new());
        for _ in 0..2 {
            fields.extend(geo_fields(None));
        }
        fields.extend(geo_fields(self.place.as_ref()));
        fields.push(self.added.map(|d| d.format("%Y%m%d000000").to_string()).unwrap_or_default());
        fields.push(self.source_url.clone());
        // A tab or line break inside a field would shift every column after it.
        fields.iter().map(|f| f.replace(['\t', '\n', '\r'], " ")).collect::<Vec<_>>().join("\t")
    }
}

/// The row for `doc.events[index]`, without a line end.
pub fn row(doc: &Document, index: usize, reports: Reports) -> String {
    GdeltEvent::of(doc, index, reports).row()
}

/// Code, name, country, known group, ethnic, two religions and three type codes.
fn actor_fields(actor: Option<&(String, String)>) -> [String; 10] {
    let mut fields: [String; 10] = Default::default();
    let Some((code, name)) = actor else { return fields };
    fields[1] = name.to_uppercase();
    let chunks: Vec<String> =
        code.as_bytes().chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).filter(|c| c != "---").collect();
    let mut types: Vec<String> = Vec::new();
    match chunks.split_first() {
        Some((country, rest)) if Gazetteer::builtin().is_country_code(country) => {
            fields[2] = country.clone();
            types.extend_from_slice(rest);
        }
        // "IGOUNO": an international body (its type), the United Nations (its group).
        Some((kind, rest)) if matches!(kind.as_str(), "IGO" | "NGO" | "IMG" | "MNC") => {
            types.push(kind.clone());
            if let Some((group, rest)) = rest.split_first() {
                fields[3] = group.clone();
                types.extend_from_slice(rest);
            }
        }
        _ => types = chunks.clone(),
    }
    for (slot, code) in (7..10).zip(types) {
        fields[slot] = code;
    }
    fields[0] = code.clone();
    fields
}

/// Type, full name, country, ADM1, ADM2, latitude, longitude and feature id of a place.
fn geo_fields(place: Option<&GdeltPlace>) -> [String; 8] {
    let mut fields: [String; 8] = Default::default();
    fields[0] = "0".into();
    let Some(place) = place else { return fields };
    fields[0] = place.kind.to_string();
    fields[1] = place.name.clone();
    if let Some((latitude, longitude)) = place.coordinates {
        fields[5] = format!("{latitude:.4}");
        fields[6] = format!("{longitude:.4}");
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_are_stable_and_distinct() {
        assert_eq!(event_id("doc-1", 0), event_id("doc-1", 0));
        assert_ne!(event_id("doc-1", 0), event_id("doc-1", 1));
        assert_ne!(event_id("doc-1", 0), event_id("doc-2", 0));
        assert!(event_id("doc-1", 0) <= i64::MAX as u64);
    }
}
