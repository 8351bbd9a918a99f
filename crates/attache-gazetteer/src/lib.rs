//! Attaché's world knowledge: names of countries, demonyms, regions, cities,
//! organisations and outlets, and the cue words that surround names (titles before people,
//! "Ministry" inside organisations, "River" inside places).
//!
//! Countries, their demonyms, coordinates and subdivisions come from the `keshvar` crate;
//! `data/names.tsv` adds common short forms, capitals and major cities, international
//! bodies, outlets and cue words. The named-entity recogniser uses matches as features (the
//! model learns how far to trust them); later stages use the codes to type and place names.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a gazetteer name is. A name can be several kinds at once ("Washington": a city;
/// "Georgia": a country and a US state).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    /// A country ("India", "U.S.").
    Country = 0,
    /// A nationality, demonym or group adjective ("Russian", "Kurdish").
    Demonym,
    /// A region, subdivision or geographic area ("Crimea", "Texas", "Middle East").
    Region,
    /// A city ("New Delhi").
    City,
    /// An organisation or government body ("NATO", "State Department").
    Org,
    /// A news outlet ("CNN").
    Outlet,
    /// A title or role that precedes a person's name ("Secretary of State", "Mr.").
    Title,
    /// A word typical of organisation names ("Ministry", "Party").
    OrgWord,
    /// A word typical of place names ("River", "Street").
    PlaceWord,
    /// A common given name ("Sergey").
    GivenName,
}

impl Kind {
    /// Every kind, in a fixed order.
    pub const ALL: [Kind; 10] = [
        Kind::Country,
        Kind::Demonym,
        Kind::Region,
        Kind::City,
        Kind::Org,
        Kind::Outlet,
        Kind::Title,
        Kind::OrgWord,
        Kind::PlaceWord,
        Kind::GivenName,
    ];

    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "country" => Kind::Country,
            "demonym" => Kind::Demonym,
            "region" => Kind::Region,
            "city" => Kind::City,
            "org" => Kind::Org,
            "outlet" => Kind::Outlet,
            "title" => Kind::Title,
            "orgword" => Kind::OrgWord,
            "placeword" => Kind::PlaceWord,
            "given" => Kind::GivenName,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// A set of [`Kind`]s, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Kinds(u16);

impl Kinds {
    /// True when the set holds `kind`.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in [`Kind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.contains(*k))
    }

    /// The set as a number, for hashing into features.
    pub fn bits(self) -> u16 {
        self.0
    }
}

impl From<Kind> for Kinds {
    fn from(kind: Kind) -> Kinds {
        Kinds(kind.bit())
    }
}

/// One entry: what the name is and, for places and national bodies, the country's ISO
/// 3166 alpha-3 code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The kinds the name has.
    pub kinds: Kinds,
    /// The country code of the first entry that gave one.
    pub country: Option<String>,
}

/// A run of words that matches a gazetteer name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match<'a> {
    /// First word of the run.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// What the name is.
    pub entry: &'a Entry,
}

/// Names keyed by their normalised word sequence, with a quick first-word filter.
#[derive(Debug, Default)]
pub struct Gazetteer {
    names: FxHashMap<String, Entry>,
    /// The most words of any name starting with a given (normalised) word.
    longest_from: FxHashMap<String, usize>,
}

/// The normalised form of a word: lower case, so "BRUSSELS" and "Brussels" match.
fn normalise(word: &str) -> String {
    word.to_lowercase()
}

/// Splits a name into words the way Attaché's tokenizer does for the cases that matter
/// here: at spaces, and around hyphens ("Guinea-Bissau" → "guinea - bissau"; "al-Qaeda"
/// stays whole both ways round because both forms are keyed).
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace().map(normalise).collect()
}

impl Gazetteer {
    /// The built-in gazetteer, built once and shared.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut g = Gazetteer::default();
            for country in keshvar::CountryIterator::new() {
                let code = country.alpha3().to_string();
                let short = country.iso_short_name();
                // "Korea (Republic of)" and "Taiwan, Province of China" are not how news
                // writes them; the hand-written list has the usual forms.
                let plain = |n: &str| !n.contains(['(', ',', '[']) && n.is_ascii();
                for name in std::iter::once(&short).chain(country.unofficial_name_list()) {
                    if plain(name) {
                        g.add(name, Kind::Country, Some(&code));
                    }
                }
                if let Some(demonym) = country.maybe_nationality() {
                    g.add(demonym, Kind::Demonym, Some(&code));
                    // "Russians", "Indians": the plural names the people.
                    if demonym.ends_with("an") || demonym.ends_with("i") {
                        g.add(&format!("{demonym}s"), Kind::Demonym, Some(&code));
                    }
                }
                for subdivision in country.subdivisions().values() {
                    let name = subdivision.name();
                    if plain(name) && name.len() > 2 {
                        g.add(name, Kind::Region, Some(&code));
                    }
                }
            }
            g.add_table(include_str!("../data/names.tsv")).expect("the built-in name list is well formed");
            g
        })
    }

    /// Adds a name of `kind`, keeping the kinds it already had.
    pub fn add(&mut self, name: &str, kind: Kind, country: Option<&str>) {
        let words = name_words(name);
        if words.is_empty() {
            return;
        }
        let longest = self.longest_from.entry(words[0].clone()).or_default();
        *longest = (*longest).max(words.len());
        let entry = self.names.entry(words.join(" ")).or_default();
        entry.kinds.0 |= kind.bit();
        if entry.country.is_none() {
            entry.country = country.filter(|c| !c.is_empty()).map(str::to_string);
        }
    }

    /// Adds the lines of a table `kind<TAB>name<TAB>code`; `#` starts a comment line.
    pub fn add_table(&mut self, table: &str) -> Result<(), String> {
        for (n, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (kind, name) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
            let kind = Kind::parse(kind).ok_or_else(|| format!("line {}: unknown kind {kind:?}", n + 1))?;
            if name.is_empty() {
                return Err(format!("line {}: no name", n + 1));
            }
            self.add(name, kind, fields.next());
        }
        Ok(())
    }

    /// The entry for a name given as words, if any.
    pub fn get(&self, words: &[&str]) -> Option<&Entry> {
        let key: Vec<String> = words.iter().map(|w| normalise(w)).collect();
        self.names.get(&key.join(" "))
    }

    /// The longest names in `words`, scanning left to right: at each position the
    /// longest name starting there, then on after it.
    pub fn matches(&self, words: &[&str]) -> Vec<Match<'_>> {
        let lower: Vec<String> = words.iter().map(|w| normalise(w)).collect();
        let mut out = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < lower.len() {
            let longest = self.longest_from.get(&lower[i]).copied().unwrap_or(0).min(lower.len() - i);
            let mut found = None;
            key.clear();
            for len in 1..=longest {
                if len > 1 {
                    key.push(' ');
                }
                key.push_str(&lower[i + len - 1]);
                if let Some(entry) = self.names.get(&key) {
                    found = Some((len, entry));
                }
            }
            match found {
                Some((len, entry)) => {
                    out.push(Match { start: i, end: i + len, entry });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_countries_demonyms_cities_and_cue_words() {
        let g = Gazetteer::builtin();
        let india = g.get(&["India"]).unwrap();
        assert!(india.kinds.contains(Kind::Country));
        assert_eq!(india.country.as_deref(), Some("IND"));
        assert_eq!(g.get(&["Russian"]).unwrap().country.as_deref(), Some("RUS"));
        assert_eq!(g.get(&["RUSSIA"]).unwrap().country.as_deref(), Some("RUS"));
        assert!(g.get(&["Texas"]).unwrap().kinds.contains(Kind::Region));
        let delhi = g.get(&["New", "Delhi"]).unwrap();
        assert!(delhi.kinds.contains(Kind::City));
        assert_eq!(delhi.country.as_deref(), Some("IND"));
        assert!(g.get(&["Ministry"]).unwrap().kinds.contains(Kind::OrgWord));
        assert!(g.get(&["Secretary", "of", "State"]).unwrap().kinds.contains(Kind::Title));
        assert!(g.get(&["Blinken"]).is_none());
    }

    #[test]
    fn matches_prefer_the_longest_name() {
        let g = Gazetteer::builtin();
        let words = ["Talks", "in", "New", "Delhi", "and", "the", "State", "Department", "."];
        let found: Vec<(usize, usize)> = g.matches(&words).iter().map(|m| (m.start, m.end)).collect();
        assert!(found.contains(&(2, 4)), "New Delhi as one name: {found:?}");
        assert!(found.contains(&(6, 8)) || found.contains(&(5, 8)), "the State Department: {found:?}");
        assert!(g.matches(&[]).is_empty());
    }

    #[test]
    fn tables_report_bad_lines() {
        let mut g = Gazetteer::default();
        assert!(g.add_table("city\tAtlantis\t\n").is_ok());
        assert!(g.get(&["atlantis"]).is_some());
        let err = g.add_table("# note\nplanet\tMars\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("planet"), "{err}");
    }
}
