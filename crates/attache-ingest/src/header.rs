use attache_doc::{Dateline, Span};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Metadata from an article's header line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The publication date.
    pub date: Option<NaiveDate>,
    /// Authors in byline order.
    pub byline: Vec<String>,
    /// The outlet named after the authors.
    pub source: Option<String>,
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*date\s+(\S+)(?:\s+by\s+(.+?))?\s*$").unwrap());

/// Parses a header line such as ` date 2023-03-02 By Jane Doe and John Roe, CNN`.
///
/// Returns `None` when the line is not a header, and an error message when it is one
/// but its date is not a valid `YYYY-MM-DD` date.
pub fn parse_header(line: &str) -> Option<Result<Header, String>> {
    let caps = HEADER.captures(line)?;
    let raw_date = &caps[1];
    let date = match parse_iso_date(raw_date) {
        Some(date) => date,
        None => return Some(Err(format!("header date {raw_date:?} is not a valid date (expected YYYY-MM-DD)"))),
    };
    let (byline, source) = caps.get(2).map_or((Vec::new(), None), |m| parse_byline(m.as_str()));
    Some(Ok(Header { date: Some(date), byline, source }))
}

/// Parses `YYYY-MM-DD`, also when followed by a time (`2023-03-02T10:00:00Z`).
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let day = s.get(..10)?;
    if s.len() > 10 && !s[10..].starts_with(['T', ' ', 't']) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Splits "Jane Doe, John Roe and Ann Poe, CNN" into authors and outlet. With several
/// comma-separated parts the last one is the outlet.
pub(crate) fn parse_byline(s: &str) -> (Vec<String>, Option<String>) {
    let mut parts: Vec<&str> = s.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let source = if parts.len() >= 2 { parts.pop().map(str::to_string) } else { None };
    let authors = parts
        .iter()
        .flat_map(|p| p.split(" and "))
        .map(|a| a.trim().trim_start_matches("and ").trim())
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    (authors, source)
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+)*)?)(?:, (?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?))?\s*(?:\((?P<source>[^()\n]{{1,40}})\))?\s*(?:--|-|—|–)\s+"
    ))
    .unwrap()
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?P<date>{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})\s*$"
    ))
    .unwrap()
});

/// Parses a month-day-year or day-month-year date as written in news text.
fn parse_written_date(s: &str, year_hint: Option<i32>) -> Option<NaiveDate> {
    let cleaned: String = s.replace([',', '.'], " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let month_of = |w: &str| -> Option<u32> {
        let lower = w.to_ascii_lowercase();
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .iter()
            .position(|m| lower.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    let (month, day, year) = match words.as_slice() {
        [m, d, y] if month_of(m).is_some() => (month_of(m)?, d.parse().ok()?, y.parse().ok()?),
        [d, m, y] => (month_of(m)?, d.parse().ok()?, y.parse().ok()?),
        [m, d] => (month_of(m)?, d.parse().ok()?, year_hint?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Finds a dateline at the start of `body`: a place line ("WASHINGTON (Reuters) -") or a
/// paragraph holding only a date ("Friday, July 21, 2017") among the first two
/// paragraphs (news sites put the headline first). `year_hint` completes dates without
/// a year.
pub fn parse_dateline(body: &str, year_hint: Option<i32>) -> Option<Dateline> {
    let lead = body.len() - body.trim_start().len();
    if let Some(caps) = PLACE_DATELINE.captures(&body[lead..]) {
        let whole = caps.get(0).unwrap();
        let place = caps["place"].trim().to_string();
        let date = caps.name("date").and_then(|d| parse_written_date(d.as_str(), year_hint));
        return Some(Dateline {
            span: Span::new(lead, lead + whole.as_str().trim_end().len()),
            place: Some(place),
            date,
            source: caps.name("source").map(|s| s.as_str().trim().to_string()),
        });
    }
    let mut offset = 0;
    for paragraph in body.split("\n\n").take(2) {
        let trimmed = paragraph.trim();
        if let Some(caps) = DATE_LINE.captures(trimmed) {
            let start = offset + paragraph.find(trimmed).unwrap_or(0);
            return Some(Dateline {
                span: Span::new(start, start + trimmed.len()),
                place: None,
                date: parse_written_date(&caps["date"], year_hint),
                source: None,
            });
        }
        offset += paragraph.len() + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn parses_header_with_byline_and_outlet() {
        let h = parse_header(" date 2023-03-02 By Jennifer Hansler and Kylie Atwood, CNN").unwrap().unwrap();
        assert_eq!(h.date, date(2023, 3, 2));
        assert_eq!(h.byline, ["Jennifer Hansler", "Kylie Atwood"]);
        assert_eq!(h.source.as_deref(), Some("CNN"));
        let h = parse_header("date 2020-01-31 by A. Writer, B. Writer and C. Writer, Reuters").unwrap().unwrap();
        assert_eq!(h.byline, ["A. Writer", "B. Writer", "C. Writer"]);
        assert_eq!(parse_header("date 2021-05-06").unwrap().unwrap().byline, Vec::<String>::new());
    }

    #[test]
    fn rejects_impossible_header_dates_and_ignores_ordinary_lines() {
        let err = parse_header("date 2023-02-30 By Someone, AP").unwrap().unwrap_err();
        assert!(err.contains("2023-02-30"), "{err}");
        assert!(parse_header("Dates are hard to parse.").is_none());
    }

    #[test]
    fn finds_place_datelines() {
        let body = "WASHINGTON (Reuters) - The Senate voted on Tuesday.";
        let d = parse_dateline(body, None).unwrap();
        assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.source.as_deref(), Some("Reuters"));
        assert_eq!(&body[d.span.range()], "WASHINGTON (Reuters) -");
        let d = parse_dateline("NEW DELHI, India, March 2 (CNN) — Talks began.", Some(2023)).unwrap();
        assert_eq!(d.place.as_deref(), Some("NEW DELHI, India"));
        assert_eq!(d.date, date(2023, 3, 2));
        assert!(parse_dateline("US Secretary of State Antony Blinken met Lavrov.", None).is_none());
    }

    #[test]
    fn finds_date_paragraphs_after_a_headline() {
        let body = "Robots win medal\n\nFriday, July 21, 2017\n\nA group of teenagers won.";
        let d = parse_dateline(body, None).unwrap();
        assert_eq!(d.date, date(2017, 7, 21));
        assert_eq!(&body[d.span.range()], "Friday, July 21, 2017");
        assert_eq!(parse_dateline("21 March 2019\n\nText.", None).unwrap().date, date(2019, 3, 21));
    }
}
