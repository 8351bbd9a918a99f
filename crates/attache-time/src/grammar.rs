//! Recognises temporal expressions in a sentence's words, as unresolved [`Expr`]s.

use chrono::Weekday;

/// A unit of time, as TIMEX3 writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Which way from the document date a relative expression points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// "last July", "last week".
    Last,
    /// "this week", "this July".
    This,
    /// "next Friday".
    Next,
    /// No word says: the verb's tense decides ("on Wednesday", "in December").
    Tense,
}

/// A quantity of units: a number, or one the text leaves open ("several", "a few").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    Number(f64),
    Vague,
}

/// Parts of the day TIMEX3 names: MO, AF, EV, NI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// A season: SP, SU, FA, WI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// A temporal expression before it is anchored to the document date.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// "Thursday", "last Friday", "Wednesday night".
    Weekday { day: Weekday, shift: Shift, part: Option<PartOfDay> },
    /// "December", "last July", "March 2023".
    Month { month: u32, year: Option<i32>, shift: Shift },
    /// "March 2, 2023", "2 March", "March 2".
    MonthDay { month: u32, day: u32, year: Option<i32> },
    /// "2022", "mid-2022".
    Year(i32),
    /// "the 1990s".
    Decade(i32),
    /// "last summer", "spring 2022".
    Season { season: Season, year: Option<i32>, shift: Shift },
    /// "last week", "this month", "next year", "earlier this week".
    Calendar { unit: Unit, shift: Shift },
    /// "a year ago" (negative), "two days later" stays a duration.
    Ago { amount: Amount, unit: Unit },
    /// "today" (0), "yesterday" (-1), "tomorrow" (1), with "this morning", "tonight".
    Day { offset: i64, part: Option<PartOfDay> },
    /// "the future". ("Now" and "recently" date nothing and are left out.)
    Reference(&'static str),
    /// "10 minutes", "the past year", "two-day".
    Duration { amount: Amount, unit: Unit },
    /// "every week", "daily".
    Every { unit: Unit },
    /// "every Monday".
    EveryWeekday(Weekday),
    /// "10 a.m.", "3:30 p.m.", "noon".
    Clock { hour: u32, minute: u32 },
}

/// A recognised expression: word range within the sentence, the expression, the TIMEX3
/// modifier its words give, and the name of the rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub modifier: Option<&'static str>,
    pub rule: &'static str,
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon." => Weekday::Mon,
        "tuesday" | "tue." | "tues." => Weekday::Tue,
        "wednesday" | "wed." => Weekday::Wed,
        "thursday" | "thu." | "thur." | "thurs." => Weekday::Thu,
        "friday" | "fri." => Weekday::Fri,
        "saturday" | "sat." => Weekday::Sat,
        "sunday" | "sun." => Weekday::Sun,
        _ => return None,
    })
}

fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan." | "jan" => 1,
        "february" | "feb." | "feb" => 2,
        "march" | "mar." => 3,
        "april" | "apr." => 4,
        "may" => 5,
        "june" | "jun." => 6,
        "july" | "jul." => 7,
        "august" | "aug." | "aug" => 8,
        "september" | "sept." | "sep." | "sept" => 9,
        "october" | "oct." | "oct" => 10,
        "november" | "nov." | "nov" => 11,
        "december" | "dec." | "dec" => 12,
        _ => return None,
    })
}

fn season(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "second" | "seconds" => Unit::Second,
        "minute" | "minutes" => Unit::Minute,
        "hour" | "hours" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "weekend" | "weekends" => Unit::Weekend,
        "month" | "months" => Unit::Month,
        "quarter" | "quarters" => Unit::Quarter,
        "year" | "years" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        _ => return None,
    })
}

fn part_of_day(word: &str) -> Option<PartOfDay> {
    Some(match word {
        "morning" => PartOfDay::Morning,
        "afternoon" => PartOfDay::Afternoon,
        "evening" => PartOfDay::Evening,
        "night" => PartOfDay::Night,
        _ => return None,
    })
}

fn shift(word: &str) -> Option<Shift> {
    Some(match word {
        "last" | "past" | "previous" => Shift::Last,
        "this" | "current" => Shift::This,
        "next" | "coming" => Shift::Next,
        _ => return None,
    })
}

/// A number written in words or digits ("ten", "10", "1,000", "2.5").
fn number(word: &str) -> Option<f64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    let tens = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = tens.iter().position(|w| *w == word) {
        return Some(30.0 + 10.0 * n as f64);
    }
    match word {
        "a" | "an" => return Some(1.0),
        "dozen" => return Some(12.0),
        "hundred" => return Some(100.0),
        _ => {}
    }
    let digits = word.replace(',', "");
    (digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.'))
    .then(|| digits.parse().ok())
    .flatten()
}

/// A quantity at word `i`: a number, or a vague one; with the words it takes.
fn amount(words: &[String], i: usize) -> Option<(Amount, usize)> {
    let w = words.get(i)?.as_str();
    if let Some(n) = number(w) {
        // "twenty-five" and "2.5" are single tokens; "a few" and "half an" are not numbers.
        if w == "a" && words.get(i + 1).is_some_and(|n| n == "few" || n == "couple") {
            let of = usize::from(words.get(i + 2).is_some_and(|w| w == "of"));
            return Some((Amount::Vague, 2 + of));
        }
        return Some((Amount::Number(n), 1));
    }
    match w {
        "several" | "few" | "many" | "some" => Some((Amount::Vague, 1)),
        _ => None,
    }
}

/// A number written in exactly four digits.
fn four_digits(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

/// A year from 1900 to 2099.
fn year(word: &str) -> Option<i32> {
    four_digits(word).filter(|y| (1900..=2099).contains(y))
}

/// A year from 1000 to 1899.
fn old_year(word: &str) -> Option<i32> {
    four_digits(word).filter(|y| (1000..1900).contains(y))
}

/// A day of the month: "2", "2nd", "21st".
fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !["", "st", "nd", "rd", "th"].contains(&suffix) || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Modifiers before a core expression, with the words they take.
fn modifier(words: &[String], i: usize) -> Option<(&'static str, usize)> {
    let w = |k: usize| words.get(i + k).map(String::as_str);
    // "over the past year" is a span of time, not more than one.
    if matches!(w(0)?, "over" | "under") && w(1) == Some("the") {
        return None;
    }
    Some(match (w(0)?, w(1)) {
        ("more", Some("than")) | ("over", _) => ("MORE_THAN", if w(0) == Some("more") { 2 } else { 1 }),
        ("less", Some("than")) | ("under", _) => ("LESS_THAN", if w(0) == Some("less") { 2 } else { 1 }),
        ("at", Some("least")) => ("EQUAL_OR_MORE", 2),
        ("nearly" | "almost", _) => ("LESS_THAN", 1),
        ("about" | "around" | "roughly" | "approximately" | "some", _) => ("APPROX", 1),
        ("early", _) => ("START", 1),
        ("mid", _) => ("MID", 1),
        ("late", _) => ("END", 1),
        _ => return None,
    })
}

/// All temporal expressions in a sentence's words, left to right, longest first.
pub fn find(original: &[&str]) -> Vec<Found> {
    let words: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(&words, original, i) {
            Some(found) => {
                i = found.end;
                out.push(found);
            }
            None => i += 1,
        }
    }
    out
}

/// The expression starting at word `i`, with any modifier before it.
fn at(words: &[String], original: &[&str], i: usize) -> Option<Found> {
    if let Some((modifier, taken)) = modifier(words, i) {
        // "early" and "late" modify dates only, the others quantities.
        if let Some(mut found) = core(words, original, i + taken) {
            let fits = match modifier {
                "START" | "MID" | "END" => !matches!(found.expr, Expr::Duration { .. } | Expr::Ago { .. }),
                _ => matches!(found.expr, Expr::Duration { .. } | Expr::Ago { .. }),
            };
            if fits {
                found.start = i;
                found.modifier = Some(modifier);
                return Some(found);
            }
        }
    }
    // "mid-2022", "early-2023" as one token.
    for (prefix, modifier) in [("mid-", "MID"), ("early-", "START"), ("late-", "END")] {
        if let Some(y) = words[i].strip_prefix(prefix).and_then(year) {
            let expr = Expr::Year(y);
            return Some(Found { start: i, end: i + 1, expr, modifier: Some(modifier), rule: "year" });
        }
    }
    core(words, original, i)
}

fn found(start: usize, end: usize, expr: Expr, rule: &'static str) -> Option<Found> {
    Some(Found { start, end, expr, modifier: None, rule })
}

/// The words around a candidate expression: `w(k)` is the lower-case word `k` after the
/// start, `capitalised(k)` whether it was written with a capital.
struct Window<'a> {
    words: &'a [String],
    original: &'a [&'a str],
    i: usize,
}

impl Window<'_> {
    fn w(&self, k: usize) -> &str {
        self.words.get(self.i + k).map(String::as_str).unwrap_or("")
    }

    fn capitalised(&self, k: usize) -> bool {
        self.original.get(self.i + k).is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    }

    /// The word before the start, if any.
    fn before(&self) -> Option<&str> {
        self.i.checked_sub(1).map(|p| self.words[p].as_str())
    }
}

/// The grammar's rules for a core expression, tried in order: the first that matches wins.
const RULES: &[fn(&Window) -> Option<Found>] = &[
    relative_week,
    duration_up_to_now,
    recurrence,
    shifted,
    deictic_day,
    weekday_name,
    month_first,
    day_first,
    season_year,
    decade,
    quantity,
    clock_time,
    bare_year,
];

/// A core expression starting at word `i`.
fn core(words: &[String], original: &[&str], i: usize) -> Option<Found> {
    let window = Window { words, original, i };
    RULES.iter().find_map(|rule| rule(&window))
}

/// "earlier this week", "later this year".
fn relative_week(at: &Window) -> Option<Found> {
    let i = at.i;
    if matches!(at.w(0), "earlier" | "later") {
        if let (Some(s), Some(u)) = (shift(at.w(1)), unit(at.w(2))) {
            if s == Shift::This {
                return found(i, i + 3, Expr::Calendar { unit: u, shift: s }, "calendar");
            }
        }
    }
    None
}

/// "the past year", "the last two weeks": a duration up to now.
fn duration_up_to_now(at: &Window) -> Option<Found> {
    let (words, i) = (at.words, at.i);
    if at.w(0) == "the" && matches!(at.w(1), "past" | "last" | "previous" | "next" | "coming") {
        if let Some((amount, taken)) = amount(words, i + 2) {
            if let Some(u) = unit(at.w(2 + taken)) {
                return found(i, i + 3 + taken, Expr::Duration { amount, unit: u }, "duration/the past");
            }
        }
        if let Some(u) = unit(at.w(2)) {
            return found(i, i + 3, Expr::Duration { amount: Amount::Number(1.0), unit: u }, "duration/the past");
        }
    }
    None
}

/// "every week", "each Monday", "daily".
fn recurrence(at: &Window) -> Option<Found> {
    let i = at.i;
    if matches!(at.w(0), "every" | "each") {
        if let Some(u) = unit(at.w(1)) {
            return found(i, i + 2, Expr::Every { unit: u }, "set");
        }
        if let Some(d) = weekday(at.w(1)) {
            return found(i, i + 2, Expr::EveryWeekday(d), "set");
        }
    }
    let every = match at.w(0) {
        "daily" | "nightly" => Some(Unit::Day),
        "weekly" => Some(Unit::Week),
        "monthly" => Some(Unit::Month),
        "annually" | "yearly" => Some(Unit::Year),
        _ => None,
    };
    if let Some(u) = every {
        return found(i, i + 1, Expr::Every { unit: u }, "set");
    }
    None
}

/// "last Friday", "next March", "this summer", "last year", "this morning".
fn shifted(at: &Window) -> Option<Found> {
    let i = at.i;
    if let Some(s) = shift(at.w(0)) {
        if let Some(day) = weekday(at.w(1)) {
            let part = part_of_day(at.w(2));
            let end = i + 2 + usize::from(part.is_some());
            return found(i, end, Expr::Weekday { day, shift: s, part }, "weekday/shifted");
        }
        if let Some(m) = month(at.w(1)).filter(|_| at.capitalised(1)) {
            return found(i, i + 2, Expr::Month { month: m, year: None, shift: s }, "month/shifted");
        }
        if let Some(season) = season(at.w(1)) {
            return found(i, i + 2, Expr::Season { season, year: None, shift: s }, "season");
        }
        if let Some(u) = unit(at.w(1)).filter(|_| at.w(1) != "second") {
            return found(i, i + 2, Expr::Calendar { unit: u, shift: s }, "calendar");
        }
        if s == Shift::This {
            if let Some(part) = part_of_day(at.w(1)) {
                return found(i, i + 2, Expr::Day { offset: 0, part: Some(part) }, "day");
            }
        }
    }
    None
}

/// "today", "yesterday", "tomorrow", "tonight" (with a part of the day); "the future".
fn deictic_day(at: &Window) -> Option<Found> {
    let i = at.i;
    let day = match at.w(0) {
        "today" => Some((0, None)),
        "tonight" => Some((0, Some(PartOfDay::Night))),
        "yesterday" => Some((-1, None)),
        "tomorrow" => Some((1, None)),
        _ => None,
    };
    if let Some((offset, part)) = day {
        let later = part_of_day(at.w(1)).filter(|_| part.is_none());
        let end = i + 1 + usize::from(later.is_some());
        return found(i, end, Expr::Day { offset, part: part.or(later) }, "day");
    }
    if matches!(at.w(0), "the" | "in") && at.w(1) == "future" {
        return found(i + 1, i + 2, Expr::Reference("FUTURE_REF"), "reference");
    }
    None
}

/// "Monday" (with a part of the day).
fn weekday_name(at: &Window) -> Option<Found> {
    let i = at.i;
    if let Some(day) = weekday(at.w(0)).filter(|_| at.capitalised(0)) {
        let part = part_of_day(at.w(1));
        let end = i + 1 + usize::from(part.is_some());
        return found(i, end, Expr::Weekday { day, shift: Shift::Tense, part }, "weekday");
    }
    None
}

/// "March 2, 2023", "March 2023", "in March".
fn month_first(at: &Window) -> Option<Found> {
    let (words, i) = (at.words, at.i);
    if let Some(m) = month(at.w(0)).filter(|_| at.capitalised(0)) {
        // "May" is a modal verb more often than a month: only with a day or a year.
        if let Some(d) = day_of_month(at.w(1)) {
            let comma = usize::from(at.w(2) == ",");
            if let Some(y) = year(at.w(2 + comma)) {
                return found(i, i + 3 + comma, Expr::MonthDay { month: m, day: d, year: Some(y) }, "date");
            }
            return found(i, i + 2, Expr::MonthDay { month: m, day: d, year: None }, "date");
        }
        if let Some(y) = year(at.w(1)) {
            return found(i, i + 2, Expr::Month { month: m, year: Some(y), shift: Shift::Tense }, "month");
        }
        if at.w(0) != "may" && at.w(0) != "march"
            || words.get(i.wrapping_sub(1)).is_some_and(|p| p == "in" || p == "since")
        {
            return found(i, i + 1, Expr::Month { month: m, year: None, shift: Shift::Tense }, "month");
        }
    }
    None
}

/// "2 March 2023", "2nd of March".
fn day_first(at: &Window) -> Option<Found> {
    let i = at.i;
    if let Some(d) = day_of_month(at.w(0)) {
        let of = usize::from(at.w(1) == "of");
        if let Some(m) = month(at.w(1 + of)).filter(|_| at.capitalised(1 + of)) {
            if let Some(y) = year(at.w(2 + of)) {
                return found(i, i + 3 + of, Expr::MonthDay { month: m, day: d, year: Some(y) }, "date");
            }
            return found(i, i + 2 + of, Expr::MonthDay { month: m, day: d, year: None }, "date");
        }
    }
    None
}

/// "summer 2022".
fn season_year(at: &Window) -> Option<Found> {
    let i = at.i;
    if let Some(season) = season(at.w(0)) {
        if let Some(y) = year(at.w(1)) {
            return found(i, i + 2, Expr::Season { season, year: Some(y), shift: Shift::Tense }, "season");
        }
    }
    None
}

/// "the 1990s".
fn decade(at: &Window) -> Option<Found> {
    let i = at.i;
    let the = usize::from(at.w(0) == "the");
    if let Some(decade) = at.w(the).strip_suffix('s').and_then(year).filter(|y| y % 10 == 0) {
        return found(i, i + the + 1, Expr::Decade(decade), "decade");
    }
    None
}

/// "10 minutes", "a year ago", "two-day", "10 - minute".
fn quantity(at: &Window) -> Option<Found> {
    let (words, i) = (at.words, at.i);
    if let Some((amount, taken)) = amount(words, i) {
        let hyphen = usize::from(at.w(taken) == "-");
        let age = at.w(taken + hyphen + 1) == "old" || at.w(taken + hyphen + 2) == "old";
        if let Some(u) = unit(at.w(taken + hyphen)).filter(|_| !age) {
            let end = i + taken + hyphen + 1;
            if words.get(end).is_some_and(|w| w == "ago") {
                return found(i, end + 1, Expr::Ago { amount, unit: u }, "ago");
            }
            // "a day" alone is too often "a day of talks"; a number or vague amount is not.
            let article = matches!(at.w(0), "a" | "an");
            if !article || words.get(end).is_some_and(|w| matches!(w.as_str(), "later" | "earlier" | "long")) || {
                let before = at.before();
                matches!(before, Some("for" | "than" | "about" | "roughly" | "nearly" | "almost" | "over" | "within"))
            } {
                return found(i, end, Expr::Duration { amount, unit: u }, "duration");
            }
        }
    }
    if let Some((n, unit)) = hyphenated_duration(at.w(0)).filter(|_| at.w(1) != "old" && at.w(2) != "old") {
        return found(i, i + 1, Expr::Duration { amount: Amount::Number(n), unit }, "duration");
    }
    None
}

/// "10 a.m.", "3:30 pm", "noon", "midnight".
fn clock_time(at: &Window) -> Option<Found> {
    let i = at.i;
    if let Some((hour, minute)) = clock(at.w(0), at.w(1)) {
        let end = i + 1 + usize::from(matches!(at.w(1), "a.m." | "p.m." | "am" | "pm"));
        return found(i, end, Expr::Clock { hour, minute }, "clock");
    }
    match at.w(0) {
        "noon" | "midday" => return found(i, i + 1, Expr::Clock { hour: 12, minute: 0 }, "clock"),
        "midnight" => return found(i, i + 1, Expr::Clock { hour: 0, minute: 0 }, "clock"),
        _ => {}
    }
    None
}

/// "2022 election", "in 2022", "in 1805".
fn bare_year(at: &Window) -> Option<Found> {
    let i = at.i;
    // ("in 1805"), since "1500 soldiers" is more likely than the year 1500.
    let before = at.before().unwrap_or("");
    if let Some(y) = old_year(at.w(0))
        .filter(|_| matches!(before, "in" | "since" | "until" | "by" | "from" | "to" | "of" | "(" | "," | "–" | "-"))
    {
        return found(i, i + 1, Expr::Year(y), "year");
    }
    if let Some(y) = year(at.w(0)) {
        let after = at.w(1);
        let counted = unit(after).is_some() || matches!(after, "%" | "people" | "percent");
        if !counted && !matches!(before, "$" | "#" | "no." | "number") {
            return found(i, i + 1, Expr::Year(y), "year");
        }
    }
    None
}

/// "10-minute", "two-day", "three-year" as one token.
fn hyphenated_duration(word: &str) -> Option<(f64, Unit)> {
    let (n, u) = word.split_once('-')?;
    Some((number(n)?, unit(u)?))
}

/// A time of day: "10" or "3:30" followed by a.m./p.m., or "15:30".
fn clock(word: &str, next: &str) -> Option<(u32, u32)> {
    let (h, m) = match word.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (word.parse::<u32>().ok()?, 0),
    };
    let meridiem = match next {
        "a.m." | "am" => Some(false),
        "p.m." | "pm" => Some(true),
        _ => None,
    };
    if m > 59 {
        return None;
    }
    match meridiem {
        Some(pm) if (1..=12).contains(&h) => Some((h % 12 + if pm { 12 } else { 0 }, m)),
        None if word.contains(':') && h < 24 => Some((h, m)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(text: &str) -> Vec<(String, Expr, Option<&'static str>)> {
        let words: Vec<&str> = text.split(' ').collect();
        find(&words).into_iter().map(|f| (words[f.start..f.end].join(" "), f.expr, f.modifier)).collect()
    }

    #[test]
    fn recognises_the_forms_news_uses() {
        let found = exprs("they met on Thursday for the first time since the war began more than a year ago");
        assert_eq!(found[0].0, "Thursday");
        assert_eq!(
            found[1],
            (
                "more than a year ago".into(),
                Expr::Ago { amount: Amount::Number(1.0), unit: Unit::Year },
                Some("MORE_THAN")
            )
        );
        let found = exprs("the two spoke for roughly 10 minutes in Geneva last January");
        assert_eq!(found[0].0, "roughly 10 minutes");
        assert_eq!(found[0].2, Some("APPROX"));
        assert_eq!(found[1].1, Expr::Month { month: 1, year: None, shift: Shift::Last });
        assert_eq!(exprs("as recently as Wednesday")[0].0, "Wednesday");
        assert_eq!(exprs("met often over the past year")[0].2, None);
        let found = exprs("on March 2 , 2023 and 2 March and mid-2022 and earlier this week and the past year");
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["March 2 , 2023", "2 March", "mid-2022", "earlier this week", "the past year"]);
        assert_eq!(found[2].2, Some("MID"));
        let found = exprs("meetings every week and daily briefings at 3:30 p.m. since the 1990s");
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["every week", "daily", "3:30 p.m.", "the 1990s"]);
        assert_eq!(found[2].1, Expr::Clock { hour: 15, minute: 30 });
    }

    #[test]
    fn leaves_look_alikes_alone() {
        assert!(exprs("she may march on a day of talks with 2022 people").is_empty());
        assert!(exprs("a 21 - year - old soldier and 1500 troops now").is_empty());
        assert_eq!(exprs("born in 1805")[0].1, Expr::Year(1805));
        assert!(exprs("the second of two").is_empty());
        assert_eq!(exprs("a 10 - minute call")[0].0, "10 - minute");
    }
}
