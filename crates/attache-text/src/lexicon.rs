//! Word lists the tokenizer consults. Written for Attaché; compared case-insensitively.

/// Abbreviations that keep their final period ("Dr.", "Jan.", "Calif.").
/// Letter-period sequences such as "U.S." and "a.m." and single initials need no entry.
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govt", "gen", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "maj", "pres", "rev", "fr", "hon", "amb", "atty", "supt", "insp", "cpl", "pvt", "brig",
    "st", "jr", "sr", "esq", "mt", "ft", // organisations
    "inc", "corp", "ltd", "co", "bros", "dept", "assn", "univ", "intl", "plc", "llc", // months and days
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", // US states as written in datelines
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", // common Latin and reference abbreviations
    "vs", "etc", "cf", "al", "approx", "est", "fig", "figs", "vol", "vols", "nos", "ed", "eds", "pp", "drs", "sts",
    "ca", "viz", "ibid", "op", "cit", "ave", "blvd", "rd", "hwy", "sq", "tel", "ext", "min", "max",
];

/// True when `word` (without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    word.len() <= 7 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Prefixes that stay joined to the rest of a hyphenated word ("e-mail", "non-profit").
/// UD English otherwise splits hyphenated compounds into three tokens.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pro", "anti", "co", "re", "pre", "post", "mid", "ex", "multi", "cross", "semi", "neo", "over", "sub",
    "pan", "socio", "psycho", "mini", "inter", "intra", "counter", "un", "de", "bi", "tri", "micro", "macro", "ultra",
    "mega", "super", "quasi", "pseudo", "trans", "geo", "bio", "eco", "euro", "afro", "sino", "franco", "anglo",
    "russo", "extra", "hyper", "infra", "meta", "proto", "mis", "t", "u", "a", "b", "d",
];

/// True when the hyphen after `prefix` should not split the word.
pub fn is_hyphen_prefix(prefix: &str) -> bool {
    prefix.len() <= 7 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(prefix))
}

/// Number words joined by hyphens ("ninety-nine") stay one token.
const NUMBER_TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// True when `word` is a tens number word ("twenty" .. "ninety").
pub fn is_tens_word(word: &str) -> bool {
    NUMBER_TENS.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Contractions written without an apostrophe, with the length of their first word:
/// "dont" = "do" + "nt", "gonna" = "gon" + "na", "cannot" = "can" + "not".
const FUSED_WORDS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("outta", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("aint", 2),
    ("cant", 2),
    ("wont", 2),
    ("alot", 1),
    ("im", 1),
    ("ive", 1),
    ("youre", 3),
    ("theyre", 4),
    ("thats", 4),
    ("whats", 4),
    ("youll", 3),
];

/// The length of the first word of a fused contraction, if `word` is one.
pub fn fused_split(word: &str) -> Option<usize> {
    FUSED_WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|&(_, n)| n)
}

/// Clitics after an apostrophe that UD splits off as their own word ("it's" = "it" + "'s").
const CLITICS: &[&str] = &["s", "m", "re", "ve", "ll", "d"];

/// True when `suffix` (the letters after an apostrophe) is a clitic.
pub fn is_clitic(suffix: &str) -> bool {
    CLITICS.iter().any(|c| c.eq_ignore_ascii_case(suffix))
}

/// Words that begin with an apostrophe and are not quotations ("'em", "'til", "'90s").
const APOSTROPHE_WORDS: &[&str] = &["em", "til", "cause", "n", "tis", "twas", "bout", "round"];

/// True when the letters after a leading apostrophe make a word of their own.
pub fn is_apostrophe_word(rest: &str) -> bool {
    let letters = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
    APOSTROPHE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(letters))
        || (letters.len() >= 2 && letters.bytes().take(2).all(|b| b.is_ascii_digit()))
}

/// Emoticons kept as one token.
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":/", ":-/", ":'(", "<3", "^_^",
    "^^", ":o", ":O", "XD", "xD", ":|", "=)", "=(",
];

/// True when `text` is an emoticon.
pub fn is_emoticon(text: &str) -> bool {
    EMOTICONS.contains(&text)
}

/// Abbreviations written with a slash ("w/o", "b/c") that stay one token.
const SLASH_WORDS: &[&str] = &["w/", "w/o", "b/c", "c/o", "n/a", "a/c", "s/he"];

/// True when `text` is a slash abbreviation.
pub fn is_slash_word(text: &str) -> bool {
    SLASH_WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
}
