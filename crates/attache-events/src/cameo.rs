//! The CAMEO event codes and what each maps to.

use std::collections::HashMap;
use std::sync::OnceLock;

/// GDELT's four quad classes of CAMEO roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuadClass {
    /// Roots 01–05: statements, appeals, intents, consultations, diplomatic cooperation.
    VerbalCooperation = 1,
    /// Roots 06–09: material cooperation, aid, yielding, investigation.
    MaterialCooperation = 2,
    /// Roots 10–14: demands, disapproval, rejection, threats, protest.
    VerbalConflict = 3,
    /// Roots 15–20: force posture, reducing relations, coercion, assault, fighting, mass violence.
    MaterialConflict = 4,
}

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code: two digits for a root ("04"), three or four for its children ("041").
    pub code: String,
    /// The codebook's description ("Discuss by telephone").
    pub description: String,
    /// Goldstein's conflict–cooperation score, −10 to +10.
    pub goldstein: f32,
    /// The quad class of its root.
    pub quad_class: QuadClass,
    /// The PLOVER event type ("CONSULT"), where PLOVER's table gives one; appeals (root 02,
    /// which the table leaves out) are REQUEST, statements (root 01) have none.
    pub plover: Option<String>,
    /// The PLOVER mode ("phone", "visit"), where given.
    pub plover_mode: Option<String>,
    /// The PLOVER context ("diplomatic", "economic"), where given.
    pub plover_context: Option<String>,
}

impl CameoCode {
    /// The two-digit root class ("041" → "04").
    pub fn root(&self) -> &str {
        &self.code[..2]
    }

    /// The event type in the older PLOVER drafts that early gold records use, where it
    /// differs: DEMAND (appeals and demands, now REQUEST), DISAPPROVE and INVESTIGATE (now
    /// parts of ACCUSE), FIGHT (conventional military force, now part of ASSAULT).
    pub fn legacy_plover(&self) -> Option<&'static str> {
        match self.root() {
            "02" | "10" => Some("DEMAND"),
            "09" => Some("INVESTIGATE"),
            "11" => Some("DISAPPROVE"),
            "19" => Some("FIGHT"),
            _ => None,
        }
    }
}

/// The CAMEO codes by code.
#[derive(Debug)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

/// A malformed row of the table: which line and why.
#[derive(Debug, PartialEq, Eq)]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for TableError {}

fn quad_class(root: u8) -> Option<QuadClass> {
    Some(match root {
        1..=5 => QuadClass::VerbalCooperation,
        6..=9 => QuadClass::MaterialCooperation,
        10..=14 => QuadClass::VerbalConflict,
        15..=20 => QuadClass::MaterialConflict,
        _ => return None,
    })
}

impl CameoTable {
    /// The table built into Attaché.
    pub fn builtin() -> &'static CameoTable {
        static BUILTIN: OnceLock<CameoTable> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            CameoTable::parse(include_str!("../data/cameo.tsv")).expect("the built-in CAMEO table is well formed")
        })
    }

    /// Reads a table of `code, goldstein, quad class, plover, mode, context, description`
    /// rows; the quad class is checked against the code's root.
    pub fn parse(text: &str) -> Result<CameoTable, TableError> {
        let mut codes = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| TableError { line: n + 1, message };
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, goldstein, quad, plover, mode, context, description] = fields[..] else {
                return Err(error(format!("expected 7 tab-separated fields, found {}", fields.len())));
            };
            let root: u8 = code
                .get(..2)
                .filter(|_| code.len() >= 2 && code.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|r| r.parse().ok())
                .ok_or_else(|| error(format!("{code:?} is not a CAMEO code")))?;
            let quad_class = quad_class(root).ok_or_else(|| error(format!("{code:?} has no root class 01-20")))?;
            if quad != (quad_class as u8).to_string() {
                return Err(error(format!("quad class {quad} does not fit root {root:02}")));
            }
            let goldstein: f32 =
                goldstein.parse().map_err(|_| error(format!("Goldstein score {goldstein:?} is not a number")))?;
            let optional = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let entry = CameoCode {
                code: code.to_string(),
                description: description.to_string(),
                goldstein,
                quad_class,
                plover: optional(plover),
                plover_mode: optional(mode),
                plover_context: optional(context),
            };
            codes.insert(code.to_string(), entry);
        }
        Ok(CameoTable { codes })
    }

    /// The entry for `code`.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// The number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when the table holds no code.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_covers_every_root_with_scores_and_plover_types() {
        let table = CameoTable::builtin();
        assert!(table.len() > 280, "{}", table.len());
        for root in 1..=20 {
            assert!(table.get(&format!("{root:02}")).is_some(), "root {root:02}");
        }
        let phone = table.get("041").unwrap();
        assert_eq!(
            (phone.root(), phone.plover.as_deref(), phone.plover_mode.as_deref()),
            ("04", Some("CONSULT"), Some("phone"))
        );
        assert_eq!(phone.quad_class, QuadClass::VerbalCooperation);
        let assault = table.get("190").unwrap();
        assert_eq!(assault.quad_class, QuadClass::MaterialConflict);
        assert!(assault.goldstein <= -9.0, "{}", assault.goldstein);
        assert!(table.get("057").unwrap().goldstein > 0.0, "signing an agreement is cooperative");
    }

    #[test]
    fn malformed_rows_name_their_line() {
        let bad = "# header\n041\t1.0\t3\tCONSULT\tphone\t\tDiscuss by telephone\n";
        assert_eq!(CameoTable::parse(bad).unwrap_err().line, 2, "quad class 3 does not fit root 04");
        let short = "041\t1.0\n";
        assert!(CameoTable::parse(short).unwrap_err().message.contains("7 tab-separated"));
        assert!(CameoTable::parse("4x1\t1\t1\t\t\t\td\n").is_err());
    }
}
