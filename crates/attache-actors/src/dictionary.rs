//! PETRARCH-format actor and agent dictionaries.
//!
//! The format (PETRARCH's `docs/source/dictionaries.rst`, inherited from TABARI):
//! - comments run from `#` to the end of the line, or between `<!--` and `-->`;
//! - a phrase joins its words with `_` (or spaces) and matches whole words (PETRARCH does no
//!   stemming; a final `_`, TABARI's whole-word mark, is accepted and changes nothing);
//! - actors: a phrase, then synonyms on lines starting with `+`, then codes in brackets on
//!   the phrase's line or on their own lines, each optionally dated: `[RUSGOV]`,
//!   `[USAGOV >20210120]` (from), `[USAGOV <20170120]` (until), `[CHNGOV 030101-080228]`
//!   (between); dates are `YYYYMMDD` or `YYMMDD`;
//! - agents: a phrase, optional plural forms in braces (`{}` for none, else the plurals
//!   themselves), and a code placed after the actor's country (`[~GOV]`) or before it
//!   (`[IGO~]`); without braces the regular plural of the last word is added;
//! - substitution sets `!PERSON! = MAN, MEN, WOMAN` stand for each of their words.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use std::path::Path;

/// A dictionary file that cannot be read at all. (Malformed lines are not errors: they are
/// skipped with a warning naming the file and line, as dictionaries in the wild have typos.)
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct DictionaryError {
    /// The file name.
    pub file: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

/// The normalised form of a text word for dictionary matching.
pub fn normalise(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// Splits a dictionary phrase into word patterns the way Attaché's tokenizer splits text
/// ("SECRETARY-GENERAL" → "secretary", "-", "general"; "RUSSIA'S" → "russia", "'s").
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for part in phrase.split(['_', ' ', '\t']).filter(|p| !p.is_empty()) {
        let part = normalise(part);
        let mut pieces: Vec<&str> = part.split('-').collect();
        if pieces.iter().any(|p| p.is_empty()) {
            pieces = vec![part.as_str()];
        }
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                words.push("-".to_string());
            }
            match piece.strip_suffix("'s").filter(|w| !w.is_empty()) {
                Some(stem) => {
                    words.push(stem.to_string());
                    words.push("'s".to_string());
                }
                None => words.push(piece.to_string()),
            }
        }
    }
    words
}

/// Phrases with values, looked up by their first word.
#[derive(Clone, Debug)]
struct PhraseTable<T> {
    by_first: FxHashMap<String, Vec<usize>>,
    phrases: Vec<(Vec<String>, T)>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { by_first: FxHashMap::default(), phrases: Vec::new() }
    }
}

impl<T> PhraseTable<T> {
    fn insert(&mut self, words: Vec<String>, value: T) {
        let Some(first) = words.first() else { return };
        let index = self.phrases.len();
        self.by_first.entry(first.clone()).or_default().push(index);
        self.phrases.push((words, value));
    }

    /// The longest phrase matching `words` from `start`: its length in words and its value.
    /// Among phrases of the same length the first inserted wins.
    fn longest_at(&self, words: &[String], start: usize) -> Option<(usize, &T)> {
        let first = words.get(start)?;
        let candidates = self.by_first.get(first)?;
        let mut best: Option<(usize, &T)> = None;
        for &index in candidates {
            let (pattern, value) = &self.phrases[index];
            let fits = pattern.len() <= words.len() - start && pattern.iter().zip(&words[start..]).all(|(p, w)| p == w);
            if fits && best.is_none_or(|(len, _)| pattern.len() > len) {
                best = Some((pattern.len(), value));
            }
        }
        best
    }
}

/// A code and the dates it holds between (either end open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO code, upper case ("USAGOV").
    pub code: String,
    /// The first day it holds, if restricted.
    pub from: Option<NaiveDate>,
    /// The last day it holds, if restricted.
    pub until: Option<NaiveDate>,
}

impl DatedCode {
    fn holds_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }

    fn is_dated(&self) -> bool {
        self.from.is_some() || self.until.is_some()
    }
}

/// An actor: its primary phrase, where it was defined, and its codes over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase as written ("VLADIMIR_PUTIN_").
    pub name: String,
    /// The line the entry starts on.
    pub line: usize,
    /// Its codes, in file order.
    pub codes: Vec<DatedCode>,
}

impl ActorEntry {
    /// The code that holds on `date` (a dated code before an undated one); without a date,
    /// the undated code, else the latest-starting one. The second value says which case
    /// applied, for explanations.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<(&DatedCode, &'static str)> {
        match date {
            Some(d) => self
                .codes
                .iter()
                .find(|c| c.is_dated() && c.holds_on(d))
                .map(|c| (c, "dated role holding on the article date"))
                .or_else(|| self.codes.iter().find(|c| !c.is_dated()).map(|c| (c, "undated role"))),
            None => self.codes.iter().find(|c| !c.is_dated()).map(|c| (c, "undated role")).or_else(|| {
                self.codes.iter().max_by_key(|c| c.from).map(|c| (c, "latest role (the article has no date)"))
            }),
        }
    }
}

/// Where an agent's code goes relative to the actor's country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// `[~GOV]`: after the country ("RUS" + "GOV").
    AfterCountry,
    /// `[IGO~]`: before it.
    BeforeCountry,
}

/// An agent: a role noun or title and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase as written ("FOREIGN_MINISTER").
    pub name: String,
    /// The code without the `~` ("GOV").
    pub code: String,
    /// Where the code goes.
    pub placement: Placement,
}

/// A PETRARCH actor dictionary.
#[derive(Clone, Debug, Default)]
pub struct ActorDictionary {
    /// The file name it came from, for explanations.
    pub name: String,
    table: PhraseTable<usize>,
    entries: Vec<ActorEntry>,
    /// Lines that were skipped, with why (a malformed date, say).
    pub warnings: Vec<String>,
}

/// A PETRARCH agent dictionary.
#[derive(Clone, Debug, Default)]
pub struct AgentDictionary {
    /// The file name it came from, for explanations.
    pub name: String,
    table: PhraseTable<AgentEntry>,
    /// Lines that were skipped, with why.
    pub warnings: Vec<String>,
}

/// The lines of a dictionary without comments: (1-based line number, text).
fn content_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        if let Some(hash) = line.find('#') {
            line.truncate(hash);
        }
        if !line.trim().is_empty() {
            out.push((n + 1, line));
        }
    }
    out
}

/// A line split into its phrase, braces and bracketed code.
struct Parts<'a> {
    phrase: &'a str,
    braces: Option<&'a str>,
    code: Option<&'a str>,
}

fn split_line(line: &str) -> Result<Parts<'_>, String> {
    let (before, code) = match line.find('[') {
        Some(open) => {
            let close = line[open..]
                .find(']')
                .ok_or_else(|| format!("'[' without ']' in {:?}; close the code bracket", line.trim()))?;
            (&line[..open], Some(line[open + 1..open + close].trim()))
        }
        None => (line, None),
    };
    let (phrase, braces) = match before.find('{') {
        Some(open) => {
            let close = before[open..]
                .find('}')
                .ok_or_else(|| format!("'{{' without '}}' in {:?}; close the plural braces", line.trim()))?;
            (&before[..open], Some(before[open + 1..open + close].trim()))
        }
        None => (before, None),
    };
    Ok(Parts { phrase: phrase.trim(), braces, code })
}

/// Reads a date of a restriction: `YYYYMMDD`, or `YYMMDD` (years before 30 are 20xx).
fn restriction_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match text.len() {
        8 => (text[..4].parse::<i32>().ok()?, &text[4..]),
        6 => {
            let yy: i32 = text[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &text[2..])
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// Reads `CODE`, `CODE >DATE`, `CODE <DATE` or `CODE DATE-DATE`.
fn dated_code(text: &str) -> Result<Option<DatedCode>, String> {
    let text = text.trim();
    let (code, restriction) = match text.find(char::is_whitespace) {
        Some(at) => (&text[..at], text[at..].trim()),
        None => (text, ""),
    };
    if code.is_empty() || code.chars().all(|c| c == '-') {
        return Ok(None);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("code {code:?} is not letters and digits"));
    }
    let code = code.to_ascii_uppercase();
    let bad_date = |d: &str| format!("date {d:?} is neither YYYYMMDD nor YYMMDD");
    let (mut from, mut until) = (None, None);
    if let Some(d) = restriction.strip_prefix('>') {
        from = Some(restriction_date(d).ok_or_else(|| bad_date(d))?);
    } else if let Some(d) = restriction.strip_prefix('<') {
        until = Some(restriction_date(d).ok_or_else(|| bad_date(d))?);
    } else if let Some((a, b)) = restriction.split_once('-') {
        let start = restriction_date(a).ok_or_else(|| bad_date(a))?;
        let end = restriction_date(b).ok_or_else(|| bad_date(b))?;
        // A six-digit start later than its end is from the previous century ("540101-640101").
        let start = if start > end && a.trim().len() == 6 {
            start.with_year(start.year() - 100).unwrap_or(start)
        } else {
            start
        };
        (from, until) = (Some(start), Some(end));
    } else if !restriction.is_empty() {
        return Err(format!("restriction {restriction:?} is not >DATE, <DATE or DATE-DATE"));
    }
    Ok(Some(DatedCode { code, from, until }))
}

/// Substitution sets (`!PERSON! = MAN, WOMAN`) and the expansion of phrases that use them.
#[derive(Default)]
struct Substitutions(Vec<(String, Vec<String>)>);

impl Substitutions {
    /// Reads a set definition, if the line is one.
    fn define(&mut self, line: &str) -> bool {
        let Some((name, words)) = line.split_once('=') else { return false };
        let name = name.trim();
        if !(name.len() > 2 && name.starts_with('!') && name.ends_with('!')) {
            return false;
        }
        self.0.push((
            name.to_string(),
            words.split(',').map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect(),
        ));
        true
    }

    /// The phrases `phrase` stands for, in order: each use of a set replaced by each of its
    /// words in turn. An error when that takes over [`MAX_EXPANSIONS`] phrases or
    /// substitutions, or writes over [`MAX_EXPANDED_BYTES`]: a phrase using many sets, or a
    /// set that names itself (`!PERSON! = MAN, !PERSON!S`), which would otherwise never end.
    fn expand(&self, phrase: &str) -> Result<Vec<String>, String> {
        let too_far = || {
            format!(
                "its substitution sets expand it too far (over {MAX_EXPANSIONS} phrases or \
                 {MAX_EXPANDED_BYTES} bytes; does a set name itself?)"
            )
        };
        let mut phrases = Vec::new();
        let mut pending = vec![phrase.to_string()];
        let (mut steps, mut bytes) = (0, 0);
        while let Some(phrase) = pending.pop() {
            let Some((name, words)) = self.0.iter().find(|(name, _)| phrase.contains(name.as_str())) else {
                phrases.push(phrase);
                continue;
            };
            steps += 1;
            if steps > MAX_EXPANSIONS || phrases.len() + pending.len() + words.len() > MAX_EXPANSIONS {
                return Err(too_far());
            }
            for word in words.iter().rev() {
                let expanded = phrase.replacen(name.as_str(), word, 1);
                bytes += expanded.len();
                if bytes > MAX_EXPANDED_BYTES {
                    return Err(too_far());
                }
                pending.push(expanded);
            }
        }
        Ok(phrases)
    }
}

/// The most phrases, and the most substitutions, one phrase of an agent dictionary may
/// expand to through substitution sets.
const MAX_EXPANSIONS: usize = 1000;

/// The most text the substitutions for one phrase may write, in bytes.
const MAX_EXPANDED_BYTES: usize = 1 << 20;

/// The regular plural of a phrase's last word ("MINISTER" → "MINISTERS", "PARTY" →
/// "PARTIES", "CHAIRMAN" → "CHAIRMEN").
fn regular_plural(phrase: &str) -> String {
    let trimmed = phrase.trim_end_matches('_');
    let tail = if phrase.ends_with('_') { "_" } else { "" };
    let upper = trimmed.to_ascii_uppercase();
    let plural = if upper.ends_with("MAN") {
        format!("{}EN", &trimmed[..trimmed.len() - 2])
    } else if upper.ends_with('Y') && !upper.ends_with("AY") && !upper.ends_with("EY") && !upper.ends_with("OY") {
        format!("{}IES", &trimmed[..trimmed.len() - 1])
    } else if ["S", "X", "Z", "CH", "SH"].iter().any(|e| upper.ends_with(e)) {
        format!("{trimmed}ES")
    } else {
        format!("{trimmed}S")
    };
    format!("{plural}{tail}")
}

fn read_file(path: &Path) -> Result<String, DictionaryError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| DictionaryError { file: file.clone(), message: format!("cannot read the dictionary: {e}") })?;
    String::from_utf8(bytes).or_else(|e| {
        // Old dictionaries are often Latin-1; every byte is then one character.
        let bytes = e.into_bytes();
        if bytes.contains(&0) {
            return Err(DictionaryError { file, message: "not a text file (it holds NUL bytes)".to_string() });
        }
        Ok(bytes.iter().map(|&b| b as char).collect())
    })
}

impl ActorDictionary {
    /// Reads an actor dictionary from text; `name` names it in warnings and explanations.
    /// Malformed lines are skipped and described in [`ActorDictionary::warnings`].
    pub fn parse(name: &str, text: &str) -> ActorDictionary {
        let mut dictionary = ActorDictionary { name: name.to_string(), ..ActorDictionary::default() };
        // The current block: its entry and its phrases.
        let mut block: Option<(ActorEntry, Vec<String>)> = None;
        for (number, line) in content_lines(text) {
            let parts = match split_line(&line) {
                Ok(parts) => parts,
                Err(why) => {
                    dictionary.warnings.push(format!("{name}:{number}: {why}; the line is skipped"));
                    continue;
                }
            };
            let code = match parts.code.map(dated_code).transpose() {
                Ok(code) => code.flatten(),
                Err(why) => {
                    dictionary.warnings.push(format!("{name}:{number}: {why}; the code is skipped"));
                    None
                }
            };
            let trimmed = parts.phrase;
            if let Some(synonym) = trimmed.strip_prefix('+') {
                match block.as_mut() {
                    Some((_, phrases)) => phrases.push(synonym.trim().to_string()),
                    None => dictionary.warnings.push(format!(
                        "{name}:{number}: synonym {trimmed:?} comes before any actor; the line is skipped"
                    )),
                }
            } else if !trimmed.is_empty() {
                if let Some(done) = block.take() {
                    dictionary.add(done);
                }
                block = Some((
                    ActorEntry { name: trimmed.to_string(), line: number, codes: Vec::new() },
                    vec![trimmed.to_string()],
                ));
            }
            if let (Some(code), Some((entry, _))) = (code, block.as_mut()) {
                entry.codes.push(code);
            }
        }
        if let Some(done) = block.take() {
            dictionary.add(done);
        }
        dictionary
    }

    /// Reads an actor dictionary file.
    pub fn load(path: &Path) -> Result<ActorDictionary, DictionaryError> {
        Ok(ActorDictionary::parse(&path.display().to_string(), &read_file(path)?))
    }

    fn add(&mut self, (entry, phrases): (ActorEntry, Vec<String>)) {
        if entry.codes.is_empty() {
            return;
        }
        let index = self.entries.len();
        self.entries.push(entry);
        for phrase in phrases {
            self.table.insert(phrase_words(&phrase), index);
        }
    }

    /// The number of actors with a code.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no actor has a code.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The actor whose phrase matches the longest run of `words` (normalised) from `start`.
    pub fn longest_at(&self, words: &[String], start: usize) -> Option<(usize, &ActorEntry)> {
        self.table.longest_at(words, start).map(|(len, &i)| (len, &self.entries[i]))
    }

    /// The actor whose phrase matches all of `words` (normalised).
    pub fn exactly(&self, words: &[String]) -> Option<&ActorEntry> {
        self.longest_at(words, 0).filter(|(len, _)| *len == words.len()).map(|(_, e)| e)
    }
}

impl AgentDictionary {
    /// Reads an agent dictionary from text; `name` names it in warnings and explanations.
    /// Malformed lines are skipped and described in [`AgentDictionary::warnings`].
    pub fn parse(name: &str, text: &str) -> AgentDictionary {
        let mut dictionary = AgentDictionary { name: name.to_string(), ..AgentDictionary::default() };
        let mut substitutions = Substitutions::default();
        for (number, line) in content_lines(text) {
            if substitutions.define(&line) {
                continue;
            }
            let parts = match split_line(&line) {
                Ok(parts) => parts,
                Err(why) => {
                    dictionary.warnings.push(format!("{name}:{number}: {why}; the line is skipped"));
                    continue;
                }
            };
            let Some(code) = parts.code else { continue };
            let (code, placement) = match (code.strip_prefix('~'), code.strip_suffix('~')) {
                (Some(c), _) => (c, Placement::AfterCountry),
                (None, Some(c)) => (c, Placement::BeforeCountry),
                _ => {
                    dictionary.warnings.push(format!(
                        "{name}:{number}: agent code {code:?} has no '~' to say where it goes; read as [~{code}]"
                    ));
                    (code, Placement::AfterCountry)
                }
            };
            let code = code.trim().to_ascii_uppercase();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                dictionary.warnings.push(format!("{name}:{number}: agent code {code:?} is not letters; skipped"));
                continue;
            }
            let phrases = match substitutions.expand(parts.phrase) {
                Ok(phrases) => phrases,
                Err(why) => {
                    dictionary.warnings.push(format!("{name}:{number}: {why}; the line is skipped"));
                    continue;
                }
            };
            for phrase in phrases {
                let entry = AgentEntry { name: phrase.clone(), code: code.clone(), placement };
                let mut forms = vec![phrase.clone()];
                match parts.braces {
                    None => forms.push(regular_plural(&phrase)),
                    Some(plurals) => {
                        forms.extend(plurals.split(',').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string))
                    }
                }
                for form in forms {
                    dictionary.table.insert(phrase_words(&form), entry.clone());
                }
            }
        }
        dictionary
    }

    /// Reads an agent dictionary file.
    pub fn load(path: &Path) -> Result<AgentDictionary, DictionaryError> {
        Ok(AgentDictionary::parse(&path.display().to_string(), &read_file(path)?))
    }

    /// Every word of every phrase (normalised), for telling title words from others.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.table.phrases.iter().flat_map(|(words, _)| words.iter().map(String::as_str))
    }

    /// The agent whose phrase (or plural) matches the longest run of `words` from `start`.
    pub fn longest_at(&self, words: &[String], start: usize) -> Option<(usize, &AgentEntry)> {
        self.table.longest_at(words, start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(normalise).collect()
    }

    const ACTORS: &str = "\
# a comment
<!-- an XML comment
over two lines -->
ARDENIA_  [ARD]
+ARDENIAN_
+PORT_LYSE # its capital

MARTA_VOSS_
+VOSS_
\t[ARDGOV 150101-201231]
\t[ARDOPP >20210101]
GREY_BRIGADE [ARDREB]
BROKEN_DATE
\t[ARDGOV 2004017-20061201]
";

    #[test]
    fn actors_read_synonyms_and_dated_codes() {
        let d = ActorDictionary::parse("test", ACTORS);
        assert_eq!(d.len(), 3, "the entry whose only code is malformed has no code");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].starts_with("test:14:"), "{:?}", d.warnings);
        let ardenia = d.exactly(&words("Port Lyse")).unwrap();
        assert_eq!(ardenia.codes[0].code, "ARD");
        let voss = d.exactly(&words("Voss")).unwrap();
        let on = |y, m, day| voss.code_on(NaiveDate::from_ymd_opt(y, m, day)).unwrap().0.code.clone();
        assert_eq!(on(2018, 5, 1), "ARDGOV");
        assert_eq!(on(2023, 5, 1), "ARDOPP");
        assert!(voss.code_on(NaiveDate::from_ymd_opt(2012, 1, 1)).is_none(), "no role held then");
        assert_eq!(voss.code_on(None).unwrap().0.code, "ARDOPP", "the latest role without a date");
        assert_eq!(voss.codes[0].from, NaiveDate::from_ymd_opt(2015, 1, 1));
    }

    #[test]
    fn phrases_match_whole_words() {
        let d = ActorDictionary::parse("test", ACTORS);
        assert!(d.exactly(&words("Grey Brigades")).is_none(), "no stemming: 'BRIGADE' is not 'Brigades'");
        assert!(d.exactly(&words("Ardenians")).is_none(), "'ARDENIAN_' is a whole word");
        assert!(d.exactly(&words("Grey")).is_none());
        let (len, entry) = d.longest_at(&words("the Grey Brigade fighters"), 1).unwrap();
        assert_eq!((len, entry.name.as_str()), (2, "GREY_BRIGADE"));
    }

    #[test]
    fn agents_expand_substitutions_and_plurals() {
        let text = "!PERSON! = MAN, WOMAN\nSPOKES!PERSON! [~GOV]\nFOREIGN_MINISTER [~GOV]\nPOLICE_ {} [~COP]\nPEACEKEEPER [IGO~]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n";
        let d = AgentDictionary::parse("agents", text);
        for phrase in ["spokeswoman", "spokesmen", "foreign ministers", "police", "attorneys general"] {
            assert!(d.longest_at(&words(phrase), 0).is_some_and(|(n, _)| n == words(phrase).len()), "{phrase}");
        }
        assert!(d.longest_at(&words("polices"), 0).is_none(), "{{}} means no plural");
        let (_, keeper) = d.longest_at(&words("peacekeepers"), 0).unwrap();
        assert_eq!((keeper.code.as_str(), keeper.placement), ("IGO", Placement::BeforeCountry));
    }

    /// Found by fuzzing (fuzz/fuzz_targets/petrarch_dictionaries.rs): a substitution set that
    /// names itself expanded a phrase for ever and overflowed the stack; one that makes too
    /// many phrases would exhaust memory. Such a line is skipped with a warning.
    #[test]
    fn agents_skip_phrases_whose_substitutions_never_end() {
        let fuzzed: &[u8] = b"!PERSON! = MNE,NA M,\xd9!PERSON!N, WOMAN, WO+SPO<!! = M = MAN, MEN, WOMAN, WO+SPO<!! = MA&\x03\xb0APIN, M-WOTAL\n+KYVAS0O!PERSON! = MAEN, MEN, WOMAN, W- % * [043]\n-";
        let d = AgentDictionary::parse("fuzz", &String::from_utf8_lossy(fuzzed));
        assert!(d.warnings.iter().any(|w| w.contains("expand it too far")), "{:?}", d.warnings);

        let text = "!PERSON! = MAN, !PERSON!S\nSPOKES!PERSON! [~GOV]\n!X! = A, B, C, D, E, F, G, H, I, J\n!X!_!X!_!X!_!X! [~GOV]\nPRESIDENT [~GOV]\n";
        let d = AgentDictionary::parse("loops.txt", text);
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(d.warnings[0].starts_with("loops.txt:2: its substitution sets expand it too far"), "{:?}", d.warnings);
        assert!(d.warnings[1].starts_with("loops.txt:4: "), "{:?}", d.warnings);
        assert!(d.longest_at(&words("spokesman"), 0).is_none(), "the looping line is skipped whole");
        assert!(d.longest_at(&words("president"), 0).is_some(), "the good lines are kept");

        // A set that names itself in a long word: the text it writes is what stops it.
        let long = format!("!P! = {}!P!\nX!P! [~GOV]\n", "W".repeat(5000));
        let d = AgentDictionary::parse("long.txt", &long);
        assert!(d.warnings.len() == 1 && d.warnings[0].starts_with("long.txt:2: its substitution"), "{:?}", d.warnings);
    }

    #[test]
    fn malformed_lines_are_skipped_with_file_and_line() {
        let d = ActorDictionary::parse("mine.txt", "ARDENIA [ARD\n+ORPHAN\nLYSE [LYS]\n");
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(d.warnings[0].starts_with("mine.txt:1: '[' without ']'"), "{:?}", d.warnings);
        assert!(d.warnings[1].starts_with("mine.txt:2: synonym"), "{:?}", d.warnings);
        assert!(d.exactly(&words("Lyse")).is_some(), "the good lines are kept");
        let missing = ActorDictionary::load(Path::new("/nonexistent/actors.txt")).unwrap_err();
        assert!(missing.to_string().starts_with("/nonexistent/actors.txt: cannot read"), "{missing}");
    }

    #[test]
    fn the_shared_petrarch_dictionaries_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/petrarch/dictionaries");
        if !dir.exists() {
            eprintln!("skipped: ../shared/petrarch/dictionaries is absent");
            return;
        }
        let actors = ActorDictionary::load(&dir.join("Phoenix.Countries.actors.txt")).unwrap();
        assert!(actors.len() > 5000, "{}", actors.len());
        let putin = actors.exactly(&words("Putin")).unwrap();
        assert!(putin.code_on(NaiveDate::from_ymd_opt(2023, 3, 2)).unwrap().0.code.starts_with("RUS"));
        let agents = AgentDictionary::load(&dir.join("Phoenix.agents.txt")).unwrap();
        assert!(agents.longest_at(&words("foreign ministers"), 0).is_some());
        for file in ["PETR.Validate.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"] {
            ActorDictionary::load(&dir.join(file)).unwrap();
        }
        AgentDictionary::load(&dir.join("PETR.Validate.agents.txt")).unwrap();
    }
}
