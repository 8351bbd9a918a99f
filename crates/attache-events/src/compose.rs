//! Codes built from two parts, as CAMEO builds them: a stance toward an action ("called on
//! Y to", "promised to", "demanded that Y", "refused to", "threatened to") and the action
//! itself ("release Z", "cut ties"). CAMEO's appeal (02), intent (03), demand (10), reject
//! (12) and threaten (13) classes run parallel sub-codes for the same actions: an appeal,
//! a promise, a demand or a refusal to release someone are 0253, 0353, 1053 and 1243.

/// A stance toward an action: what CAMEO class an action becomes under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stance {
    /// "called on Y to …", "Y should …": appeals, 02.
    Appeal,
    /// "agreed to …", "will …" of cooperation: intents, 03.
    Intent,
    /// "demanded that Y …", "Y must …": demands, 10.
    Demand,
    /// "refused to …", "will not …": rejections, 12.
    Reject,
    /// "threatened to …", "will …" of conflict: threats, 13.
    Threaten,
}

impl Stance {
    /// The stance a generic code of the five classes takes ("020", "130"); a specific code
    /// ("0253") already names its action and takes none.
    pub fn of_generic(code: &str) -> Option<Stance> {
        match code {
            "020" => Some(Stance::Appeal),
            "030" => Some(Stance::Intent),
            "100" => Some(Stance::Demand),
            "120" => Some(Stance::Reject),
            "130" => Some(Stance::Threaten),
            _ => None,
        }
    }

    /// The generic code of the stance's class.
    pub fn generic(self) -> &'static str {
        match self {
            Stance::Appeal => "020",
            Stance::Intent => "030",
            Stance::Demand => "100",
            Stance::Reject => "120",
            Stance::Threaten => "130",
        }
    }

    fn column(self) -> usize {
        match self {
            Stance::Appeal => 0,
            Stance::Intent => 1,
            Stance::Demand => 2,
            Stance::Reject => 3,
            Stance::Threaten => 4,
        }
    }
}

/// Action code prefix → the code under each stance (appeal, intent, demand, reject,
/// threaten); "" where CAMEO has no sub-code, which gives the stance's generic code. The
/// longest matching prefix wins.
const PARALLEL_CODES: &[(&str, [&str; 5])] = &[
    // Meet or negotiate, mediate.
    ("04", ["026", "036", "108", "125", ""]),
    ("045", ["028", "039", "105", "126", ""]),
    // Diplomatic cooperation; settling a dispute.
    ("05", ["022", "032", "102", "", ""]),
    ("057", ["027", "037", "", "127", ""]),
    // Material cooperation.
    ("06", ["021", "031", "101", "121", ""]),
    ("061", ["0211", "0311", "1011", "1211", ""]),
    ("062", ["0212", "0312", "1012", "1212", ""]),
    ("063", ["0213", "0313", "1013", "121", ""]),
    ("064", ["0214", "0314", "1014", "121", ""]),
    // Aid.
    ("07", ["023", "033", "103", "122", ""]),
    ("071", ["0231", "0331", "1031", "1221", ""]),
    ("072", ["0232", "0332", "1032", "1222", ""]),
    ("073", ["0233", "0333", "1033", "1223", ""]),
    ("074", ["0234", "0334", "1034", "1224", ""]),
    // Yield, and its kinds.
    ("08", ["025", "035", "105", "124", ""]),
    ("081", ["0251", "0351", "1051", "1241", ""]),
    ("082", ["0252", "0352", "1052", "1242", ""]),
    ("083", ["024", "034", "104", "123", ""]),
    ("0831", ["0241", "0341", "1041", "1231", ""]),
    ("0832", ["0242", "0342", "1042", "1232", ""]),
    ("0833", ["0243", "0343", "1043", "1233", ""]),
    ("0834", ["0244", "0344", "1044", "1234", ""]),
    ("084", ["0253", "0353", "1053", "1243", ""]),
    ("085", ["0254", "0354", "1054", "1244", ""]),
    ("086", ["0255", "0355", "1055", "1245", ""]),
    ("087", ["0256", "0356", "1056", "1246", ""]),
    ("0871", ["0256", "0356", "107", "1246", ""]),
    ("0873", ["0256", "0356", "106", "1246", ""]),
    ("0874", ["0256", "0356", "106", "1246", ""]),
    // Conflict: only threats (and intents to it, which are threats) have parallel codes.
    ("14", ["", "133", "", "", "133"]),
    ("15", ["", "138", "", "", "138"]),
    ("16", ["", "131", "", "", "131"]),
    ("161", ["", "1313", "", "", "1313"]),
    ("162", ["", "1311", "", "", "1311"]),
    ("163", ["", "1312", "", "", "1312"]),
    ("164", ["", "134", "", "", "134"]),
    ("165", ["", "135", "", "", "135"]),
    ("166", ["", "136", "", "", "136"]),
    ("17", ["", "130", "", "", "130"]),
    ("172", ["", "132", "", "", "132"]),
    ("1721", ["", "1321", "", "", "1321"]),
    ("1722", ["", "1322", "", "", "1322"]),
    ("1723", ["", "1323", "", "", "1323"]),
    ("1724", ["", "1324", "", "", "1324"]),
    ("175", ["", "137", "", "", "137"]),
    ("18", ["", "1383", "", "", "1383"]),
    ("19", ["", "1384", "", "", "1384"]),
    ("191", ["", "1381", "", "", "1381"]),
    ("192", ["", "1382", "", "", "1382"]),
    ("20", ["", "1383", "", "", "1383"]),
    ("204", ["", "1385", "", "", "1385"]),
];

/// True for actions an intent to which is a threat ("will impose sanctions", "plans to
/// attack"): protest, force posture and the material conflict classes.
pub fn is_conflict(action: &str) -> bool {
    matches!(action.get(..2), Some("14" | "15" | "16" | "17" | "18" | "19" | "20"))
}

/// True for the actions CAMEO has intents for: meetings, cooperation, aid and yielding.
pub fn is_cooperation(action: &str) -> bool {
    matches!(action.get(..2), Some("04" | "05" | "06" | "07" | "08"))
}

/// The code for `stance` toward `action` (a CAMEO code), or the stance's generic code where
/// CAMEO has no parallel one ("threatened to meet").
pub fn compose(stance: Stance, action: &str) -> String {
    PARALLEL_CODES
        .iter()
        .filter(|(prefix, _)| action.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, codes)| codes[stance.column()])
        .filter(|code| !code.is_empty())
        .unwrap_or(stance.generic())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stance_has_its_parallel_code() {
        assert_eq!(compose(Stance::Appeal, "0841"), "0253");
        assert_eq!(compose(Stance::Intent, "0841"), "0353");
        assert_eq!(compose(Stance::Demand, "0841"), "1053");
        assert_eq!(compose(Stance::Reject, "0841"), "1243");
        assert_eq!(compose(Stance::Intent, "042"), "036");
        assert_eq!(compose(Stance::Threaten, "161"), "1313");
        assert_eq!(compose(Stance::Intent, "1723"), "1323", "an intent to impose a curfew is a threat to");
    }

    #[test]
    fn no_parallel_code_gives_the_generic_one() {
        assert_eq!(compose(Stance::Threaten, "040"), "130");
        assert_eq!(compose(Stance::Demand, "190"), "100");
        assert_eq!(compose(Stance::Reject, "111"), "120");
        assert_eq!(Stance::of_generic("130"), Some(Stance::Threaten));
        assert_eq!(Stance::of_generic("0253"), None);
    }

    #[test]
    fn every_composed_code_is_in_the_cameo_table() {
        let table = crate::cameo::CameoTable::builtin();
        for (prefix, codes) in PARALLEL_CODES {
            for code in codes.iter().filter(|c| !c.is_empty()) {
                assert!(table.get(code).is_some(), "{prefix} → {code}");
            }
        }
    }
}
