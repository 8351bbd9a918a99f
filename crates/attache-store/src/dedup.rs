//! When two reports are of the same real-world event: the same dyad (by country, or by the
//! actor code when it has none), the same CAMEO root class, dates that overlap and places
//! that do not contradict each other.

use chrono::NaiveDate;

/// The root classes whose events are mutual: "A met B" and "B met A" are one meeting.
const MUTUAL_ROOTS: &[&str] = &["04"];

/// The part of an actor code that identifies who acted across articles: its country or
/// international sector ("USAGOV" → "USA", "IGOUNO" → "IGOUNO"), else the whole code.
pub fn actor_key(code: Option<&str>) -> String {
    let Some(code) = code.filter(|c| !c.is_empty()) else { return String::new() };
    let head = code.get(..3).unwrap_or(code);
    match head {
        "IGO" | "NGO" | "IMG" | "MNC" => code.get(..6).unwrap_or(code).to_string(),
        _ if head.bytes().all(|b| b.is_ascii_uppercase()) && head != "---" => head.to_string(),
        _ => code.to_string(),
    }
}

/// The dyad key of a report: source and target keys, in order unless the root class is
/// mutual.
pub fn dyad_key(root: &str, source: Option<&str>, target: Option<&str>) -> String {
    let (mut a, mut b) = (actor_key(source), actor_key(target));
    if MUTUAL_ROOTS.contains(&root) && b < a {
        std::mem::swap(&mut a, &mut b);
    }
    format!("{a}|{b}")
}

/// The days a TIMEX3 date value covers: "2023-03-02" one day, "2022-07" a month, "2022" a
/// year; a time ("2023-03-02T10:00") its day. Values with unknown parts ("XXXX-12"), weeks,
/// seasons and references ("PRESENT_REF") cover no known days.
pub fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let day = value.get(..10).unwrap_or(value);
    let parts: Vec<&str> = day.split('-').collect();
    let number = |s: &str| s.parse::<u32>().ok().filter(|_| s.bytes().all(|b| b.is_ascii_digit()));
    let year = parts.first().filter(|y| y.len() == 4).and_then(|y| number(y))? as i32;
    match parts.as_slice() {
        [_] => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?)),
        [_, month] => {
            let first = NaiveDate::from_ymd_opt(year, number(month)?, 1)?;
            let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
            Some((first, last))
        }
        [_, month, day] => {
            let date = NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)?;
            Some((date, date))
        }
        _ => None,
    }
}

/// True when two date ranges share a day.
pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Where a report says its event took place, as far as deduplication needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceKey {
    /// The place's name ("New Delhi").
    pub name: Option<String>,
    /// Its country code.
    pub country: Option<String>,
    /// True when the place is a whole country.
    pub whole_country: bool,
    /// True when the place is only the story's dateline: where it was filed, which need
    /// not be where the event happened, so it contradicts nothing.
    pub weak: bool,
}

/// True unless both places are known, firm, and different: in different countries, or
/// different places of one country (a country and a city in it agree).
pub fn compatible(a: &PlaceKey, b: &PlaceKey) -> bool {
    if a.weak || b.weak {
        return true;
    }
    match (&a.country, &b.country) {
        (Some(x), Some(y)) if x != y => false,
        _ => match (&a.name, &b.name) {
            (Some(x), Some(y)) => x == y || a.whole_country || b.whole_country,
            _ => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn actor_keys_keep_the_country_or_the_sector() {
        assert_eq!(actor_key(Some("USAGOV")), "USA");
        assert_eq!(actor_key(Some("RUS")), "RUS");
        assert_eq!(actor_key(Some("IGOUNOKFR")), "IGOUNO");
        assert_eq!(actor_key(Some("---GOV")), "---GOV");
        assert_eq!(actor_key(None), "");
    }

    #[test]
    fn meetings_are_one_dyad_either_way_but_attacks_are_not() {
        assert_eq!(dyad_key("04", Some("USAGOV"), Some("RUSGOV")), dyad_key("04", Some("RUS"), Some("USA")));
        assert_ne!(dyad_key("19", Some("USA"), Some("RUS")), dyad_key("19", Some("RUS"), Some("USA")));
    }

    #[test]
    fn dates_cover_their_days() {
        assert_eq!(date_range("2023-03-02"), Some((day("2023-03-02"), day("2023-03-02"))));
        assert_eq!(date_range("2022-02"), Some((day("2022-02-01"), day("2022-02-28"))));
        assert_eq!(date_range("2024"), Some((day("2024-01-01"), day("2024-12-31"))));
        assert_eq!(date_range("2023-03-02T10:00"), Some((day("2023-03-02"), day("2023-03-02"))));
        assert_eq!(date_range("XXXX-12"), None);
        assert_eq!(date_range("2023-02-30"), None);
        assert_eq!(date_range("PRESENT_REF"), None);
        assert!(overlaps(date_range("2022").unwrap(), date_range("2022-07").unwrap()));
        assert!(!overlaps(date_range("2022-01").unwrap(), date_range("2022-07").unwrap()));
    }

    #[test]
    fn places_contradict_only_when_both_are_firm_and_different() {
        let place = |name: &str, country: &str, weak| PlaceKey {
            name: Some(name.into()),
            country: Some(country.into()),
            whole_country: name == "India",
            weak,
        };
        assert!(compatible(&place("New Delhi", "IND", false), &place("New Delhi", "IND", false)));
        assert!(!compatible(&place("New Delhi", "IND", false), &place("Geneva", "CHE", false)));
        assert!(!compatible(&place("New Delhi", "IND", false), &place("Mumbai", "IND", false)));
        assert!(
            compatible(&place("New Delhi", "IND", false), &place("Moscow", "RUS", true)),
            "a dateline contradicts nothing"
        );
        assert!(
            compatible(&place("New Delhi", "IND", false), &place("India", "IND", false)),
            "a city is in its country"
        );
        assert!(compatible(&place("New Delhi", "IND", false), &PlaceKey::default()));
    }
}
