//! Anchors an [`Expr`] to the document date, giving a TIMEX3 type and value.

use crate::grammar::{Amount, Expr, PartOfDay, Season, Shift, Unit};
use attache_doc::TimexKind;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way the verb governing an expression points from the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// "met", "has met", "was freed".
    Past,
    /// "will meet", "is going to meet".
    Future,
    /// Present or no verb: the nearest date either way.
    Unknown,
}

impl Tense {
    /// How `--explain` names an anchoring by this tense.
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Past => "tense/past",
            Tense::Future => "tense/future",
            Tense::Unknown => "tense/nearest",
        }
    }
}

/// A resolved expression: its type, value, and how it was anchored (for the rule name).
pub struct Resolved {
    pub kind: TimexKind,
    pub value: String,
    pub anchoring: &'static str,
}

fn resolved(kind: TimexKind, value: String, anchoring: &'static str) -> Option<Resolved> {
    Some(Resolved { kind, value, anchoring })
}

fn part_code(part: PartOfDay) -> &'static str {
    match part {
        PartOfDay::Morning => "MO",
        PartOfDay::Afternoon => "AF",
        PartOfDay::Evening => "EV",
        PartOfDay::Night => "NI",
    }
}

fn season_code(season: Season) -> &'static str {
    match season {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

fn day_value(date: NaiveDate, part: Option<PartOfDay>) -> String {
    match part {
        Some(p) => format!("{}T{}", date.format("%Y-%m-%d"), part_code(p)),
        None => date.format("%Y-%m-%d").to_string(),
    }
}

fn week_value(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// A duration's TIMEX3 value: "P1Y", "PT10M", "PXY" for a vague amount.
fn duration_value(amount: Amount, unit: Unit) -> String {
    let (scale, letter, time) = match unit {
        Unit::Second => (1.0, "S", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Hour => (1.0, "H", true),
        Unit::Day => (1.0, "D", false),
        Unit::Week => (1.0, "W", false),
        Unit::Weekend => (1.0, "WE", false),
        Unit::Month => (1.0, "M", false),
        Unit::Quarter => (1.0, "Q", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Century => (100.0, "Y", false),
    };
    let n = match amount {
        Amount::Number(n) => {
            let n = n * scale;
            if n.fract() == 0.0 {
                format!("{n}")
            } else {
                format!("{n:.1}")
            }
        }
        Amount::Vague => "X".to_string(),
    };
    format!("P{}{n}{letter}", if time { "T" } else { "" })
}

/// The date `n` units before (negative) or after `anchor`, written at the unit's
/// granularity: "2022" for years, "2022-12" for months, "2023-W07" for weeks.
fn shifted(anchor: NaiveDate, n: i64, unit: Unit) -> Option<String> {
    let months = |k: i64| {
        if k >= 0 {
            anchor.checked_add_months(Months::new(k as u32))
        } else {
            anchor.checked_sub_months(Months::new((-k) as u32))
        }
    };
    let days = |k: i64| {
        if k >= 0 {
            anchor.checked_add_days(Days::new(k as u64))
        } else {
            anchor.checked_sub_days(Days::new((-k) as u64))
        }
    };
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            days(if unit == Unit::Day { n } else { 0 })?.format("%Y-%m-%d").to_string()
        }
        Unit::Week => week_value(days(7 * n)?),
        Unit::Weekend => format!("{}-WE", week_value(days(7 * n)?)),
        Unit::Month => months(n)?.format("%Y-%m").to_string(),
        Unit::Quarter => {
            let date = months(3 * n)?;
            format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1)
        }
        Unit::Year => format!("{}", anchor.year() + n as i32),
        Unit::Decade => format!("{}", (anchor.year() + 10 * n as i32) / 10),
        Unit::Century => format!("{}", (anchor.year() + 100 * n as i32) / 100),
    })
}

/// The weekday `day` nearest `anchor` in the direction `tense` gives (the anchor's own day
/// counts: "met on Thursday" in a Thursday's paper is that day).
fn weekday_date(anchor: NaiveDate, day: Weekday, tense: Tense) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    let ahead = (7 - back) % 7;
    let past = anchor - Days::new(u64::from(back));
    let future = anchor + Days::new(u64::from(ahead));
    match tense {
        Tense::Past => past,
        Tense::Future => future,
        Tense::Unknown if back <= ahead => past,
        Tense::Unknown => future,
    }
}

/// The year of month `month` nearest `anchor` in the direction `tense` gives (either way
/// when the tense says neither).
fn month_year(anchor: NaiveDate, month: u32, tense: Tense) -> i32 {
    let year = anchor.year();
    let (now, then) = (anchor.month() as i32, month as i32);
    match tense {
        Tense::Future if then < now => year + 1,
        Tense::Future => year,
        Tense::Past if then <= now => year,
        Tense::Past => year - 1,
        Tense::Unknown if then - now > 6 => year - 1,
        Tense::Unknown if now - then > 6 => year + 1,
        Tense::Unknown => year,
    }
}

/// Resolves `expr` against the document date `anchor` (unknown dates give `X`s) and the
/// governing verb's `tense`.
pub fn resolve(expr: &Expr, anchor: Option<NaiveDate>, tense: Tense) -> Option<Resolved> {
    use TimexKind::{Date, Duration, Set};
    match *expr {
        Expr::Duration { amount, unit } => resolved(Duration, duration_value(amount, unit), "absolute"),
        Expr::Every { unit } => resolved(Set, duration_value(Amount::Number(1.0), unit), "absolute"),
        Expr::EveryWeekday(day) => resolved(Set, format!("XXXX-WXX-{}", day.number_from_monday()), "absolute"),
        Expr::Year(y) => resolved(Date, y.to_string(), "absolute"),
        Expr::Decade(y) => resolved(Date, (y / 10).to_string(), "absolute"),
        Expr::MonthDay { month, day, year: Some(y) } => {
            let date = NaiveDate::from_ymd_opt(y, month, day)?;
            resolved(Date, day_value(date, None), "absolute")
        }
        Expr::Month { month, year: Some(y), .. } => resolved(Date, format!("{y}-{month:02}"), "absolute"),
        Expr::Season { season, year: Some(y), .. } => {
            resolved(Date, format!("{y}-{}", season_code(season)), "absolute")
        }
        Expr::Reference(r) => resolved(Date, r.to_string(), "absolute"),
        _ => {
            let Some(anchor) = anchor else {
                return unanchored(expr);
            };
            anchored(expr, anchor, tense)
        }
    }
}

/// Expressions that need the document date, with it.
fn anchored(expr: &Expr, anchor: NaiveDate, tense: Tense) -> Option<Resolved> {
    use TimexKind::{Date, Time};
    let by_tense = tense.as_str();
    match *expr {
        Expr::Weekday { day, shift, part } => {
            let date = match shift {
                Shift::Tense => weekday_date(anchor, day, tense),
                // "last Friday": the one before this week's; "next Friday": after this week's.
                Shift::Last => weekday_date(anchor - Days::new(1), day, Tense::Past),
                Shift::Next => weekday_date(anchor + Days::new(1), day, Tense::Future),
                Shift::This => {
                    let monday = anchor - Days::new(u64::from(anchor.weekday().num_days_from_monday()));
                    monday + Days::new(u64::from(day.num_days_from_monday()))
                }
            };
            let kind = if part.is_some() { Time } else { Date };
            let how = if shift == Shift::Tense { by_tense } else { "document date" };
            resolved(kind, day_value(date, part), how)
        }
        Expr::Month { month, shift, .. } => {
            // AP style: "last July" is the previous year's; a month alone is the nearest one
            // the tense points to.
            let (year, how) = match shift {
                Shift::Last => (anchor.year() - 1, "document date"),
                Shift::This => (anchor.year(), "document date"),
                Shift::Next => {
                    (month_year(anchor, month, Tense::Future) + i32::from(month == anchor.month()), "document date")
                }
                Shift::Tense => (month_year(anchor, month, tense), by_tense),
            };
            resolved(Date, format!("{year}-{month:02}"), how)
        }
        Expr::MonthDay { month, day, year: None } => {
            let mut year = month_year(anchor, month, tense);
            let date = |y| NaiveDate::from_ymd_opt(y, month, day);
            // Within the anchor's month the day decides: "March 5" in a March 2 paper, past tense.
            if month == anchor.month() {
                let this = date(year)?;
                if tense == Tense::Past && this > anchor {
                    year -= 1;
                } else if tense == Tense::Future && this < anchor {
                    year += 1;
                }
            }
            resolved(Date, day_value(date(year)?, None), by_tense)
        }
        Expr::Season { season, shift, .. } => {
            let year = match shift {
                Shift::Last => anchor.year() - 1,
                Shift::Next => anchor.year() + 1,
                _ => anchor.year(),
            };
            resolved(Date, format!("{year}-{}", season_code(season)), "document date")
        }
        Expr::Calendar { unit, shift } => {
            let n = match shift {
                Shift::Last => -1,
                Shift::Next => 1,
                _ => 0,
            };
            resolved(Date, shifted(anchor, n, unit)?, "document date")
        }
        Expr::Ago { amount: Amount::Number(n), unit } => {
            resolved(Date, shifted(anchor, -(n.round() as i64), unit)?, "document date")
        }
        Expr::Ago { amount: Amount::Vague, .. } => resolved(Date, "PAST_REF".into(), "absolute"),
        Expr::Day { offset, part } => {
            let date = anchor.checked_add_signed(chrono::TimeDelta::days(offset))?;
            let kind = if part.is_some() { Time } else { Date };
            resolved(kind, day_value(date, part), "document date")
        }
        Expr::Clock { hour, minute } => {
            resolved(Time, format!("{}T{hour:02}:{minute:02}", anchor.format("%Y-%m-%d")), "document date")
        }
        _ => None,
    }
}

/// Expressions that need a document date, without one: what the text fixes, and `X`s.
fn unanchored(expr: &Expr) -> Option<Resolved> {
    use TimexKind::{Date, Time};
    let open = "no document date";
    match *expr {
        Expr::Weekday { day, part, .. } => {
            let value = format!("XXXX-WXX-{}", day.number_from_monday());
            let kind = if part.is_some() { Time } else { Date };
            resolved(kind, part.map_or(value.clone(), |p| format!("{value}T{}", part_code(p))), open)
        }
        Expr::Month { month, .. } => resolved(Date, format!("XXXX-{month:02}"), open),
        Expr::MonthDay { month, day, .. } => resolved(Date, format!("XXXX-{month:02}-{day:02}"), open),
        Expr::Clock { hour, minute } => resolved(Time, format!("XXXX-XX-XXT{hour:02}:{minute:02}"), open),
        Expr::Day { offset: 0, .. } => resolved(Date, "PRESENT_REF".into(), open),
        Expr::Ago { .. } | Expr::Day { .. } | Expr::Calendar { shift: Shift::Last, .. } => {
            resolved(Date, "PAST_REF".into(), open)
        }
        Expr::Calendar { shift: Shift::Next, .. } => resolved(Date, "FUTURE_REF".into(), open),
        _ => resolved(Date, "PRESENT_REF".into(), open),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday::*;

    fn value(expr: Expr, tense: Tense) -> String {
        resolve(&expr, NaiveDate::from_ymd_opt(2023, 3, 2), tense).unwrap().value
    }

    #[test]
    fn weekdays_follow_the_tense() {
        let day = |d, tense| value(Expr::Weekday { day: d, shift: Shift::Tense, part: None }, tense);
        assert_eq!(day(Thu, Tense::Past), "2023-03-02", "the paper's own day");
        assert_eq!(day(Wed, Tense::Past), "2023-03-01");
        assert_eq!(day(Fri, Tense::Future), "2023-03-03");
        assert_eq!(day(Wed, Tense::Future), "2023-03-08");
        assert_eq!(day(Tue, Tense::Unknown), "2023-02-28");
        assert_eq!(value(Expr::Weekday { day: Fri, shift: Shift::Last, part: None }, Tense::Past), "2023-02-24");
        let night = Expr::Weekday { day: Wed, shift: Shift::Tense, part: Some(PartOfDay::Night) };
        assert_eq!(value(night, Tense::Past), "2023-03-01TNI");
    }

    #[test]
    fn months_follow_ap_style_and_the_tense() {
        let month = |m, shift, tense| value(Expr::Month { month: m, year: None, shift }, tense);
        assert_eq!(month(1, Shift::Last, Tense::Past), "2022-01");
        assert_eq!(month(7, Shift::Last, Tense::Past), "2022-07");
        assert_eq!(month(12, Shift::Tense, Tense::Past), "2022-12");
        assert_eq!(month(12, Shift::Tense, Tense::Future), "2023-12");
        assert_eq!(month(2, Shift::Tense, Tense::Future), "2024-02");
        assert_eq!(month(5, Shift::Next, Tense::Unknown), "2023-05");
        assert_eq!(month(4, Shift::Tense, Tense::Unknown), "2023-04", "nearest: a month ahead");
        assert_eq!(month(11, Shift::Tense, Tense::Unknown), "2022-11", "nearest: four months back");
        let day = |m, d, tense| value(Expr::MonthDay { month: m, day: d, year: None }, tense);
        assert_eq!(day(3, 5, Tense::Past), "2022-03-05");
        assert_eq!(day(3, 5, Tense::Future), "2023-03-05");
    }

    #[test]
    fn relative_and_absolute_values() {
        let ago = |n, unit| value(Expr::Ago { amount: Amount::Number(n), unit }, Tense::Past);
        assert_eq!(ago(1.0, Unit::Year), "2022");
        assert_eq!(ago(3.0, Unit::Month), "2022-12");
        assert_eq!(ago(2.0, Unit::Week), "2023-W07");
        assert_eq!(ago(5.0, Unit::Day), "2023-02-25");
        assert_eq!(value(Expr::Calendar { unit: Unit::Week, shift: Shift::This }, Tense::Past), "2023-W09");
        assert_eq!(value(Expr::Calendar { unit: Unit::Year, shift: Shift::Last }, Tense::Past), "2022");
        let duration = |n, unit| value(Expr::Duration { amount: n, unit }, Tense::Past);
        assert_eq!(duration(Amount::Number(10.0), Unit::Minute), "PT10M");
        assert_eq!(duration(Amount::Number(1.0), Unit::Year), "P1Y");
        assert_eq!(duration(Amount::Number(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Amount::Vague, Unit::Week), "PXW");
        let no_such_day = Expr::MonthDay { month: 2, day: 30, year: Some(2023) };
        assert!(resolve(&no_such_day, NaiveDate::from_ymd_opt(2023, 3, 2), Tense::Past).is_none());
    }

    #[test]
    fn without_a_document_date_the_open_parts_are_x() {
        let open = |expr| resolve(&expr, None, Tense::Past).unwrap().value;
        assert_eq!(open(Expr::Month { month: 12, year: None, shift: Shift::Tense }), "XXXX-12");
        assert_eq!(open(Expr::Weekday { day: Wed, shift: Shift::Tense, part: None }), "XXXX-WXX-3");
        assert_eq!(open(Expr::Year(2022)), "2022");
    }
}
