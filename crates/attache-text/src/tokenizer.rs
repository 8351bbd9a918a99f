use crate::lexicon;
use attache_doc::{Component, Document, Layer, MultiwordToken, Span, Token, TokenKind};

/// Splits text into Universal Dependencies words with byte offsets.
///
/// Whitespace separates chunks; each chunk loses its opening and closing punctuation,
/// then its inner punctuation is split by rules that keep numbers ("1,000.50"), URLs,
/// e-mail addresses, abbreviations ("U.S.", "Dr."), prefixed words ("e-mail") and
/// emoticons whole. Contractions become multiword tokens ("don't" = "do" + "n't").
#[derive(Clone, Copy, Debug, Default)]
pub struct Tokenizer;

/// Tokens and multiword tokens under construction.
#[derive(Default)]
struct Output {
    tokens: Vec<Token>,
    multiword: Vec<MultiwordToken>,
}

impl Output {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if start < end {
            self.tokens.push(Token::new(Span::new(start, end), kind));
        }
    }

    /// Pushes a surface token made of words split at `cuts` (byte offsets inside it).
    fn push_multiword(&mut self, text: &str, start: usize, cuts: &[usize], end: usize) {
        let first = self.tokens.len();
        let mut from = start;
        for &cut in cuts.iter().chain(std::iter::once(&end)) {
            self.push(from, cut, classify(&text[from..cut]));
            from = cut;
        }
        self.multiword.push(MultiwordToken { tokens: first..self.tokens.len(), span: Span::new(start, end) });
    }
}

impl Tokenizer {
    /// Tokenizes `text`, returning its words and the multiword tokens among them.
    pub fn tokenize(&self, text: &str) -> (Vec<Token>, Vec<MultiwordToken>) {
        let mut out = Output { tokens: Vec::with_capacity(text.len() / 5), multiword: Vec::new() };
        let mut chunk_start = None;
        for (i, ch) in text.char_indices() {
            if ch.is_whitespace() {
                if let Some(start) = chunk_start.take() {
                    chunk(text, start, i, &mut out);
                }
            } else if chunk_start.is_none() {
                chunk_start = Some(i);
            }
        }
        if let Some(start) = chunk_start {
            chunk(text, start, text.len(), &mut out);
        }
        (out.tokens, out.multiword)
    }
}

impl Component for Tokenizer {
    fn name(&self) -> &'static str {
        "tokenizer"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn process(&self, doc: &mut Document) {
        let (tokens, multiword) = self.tokenize(&doc.text);
        doc.tokens = tokens;
        doc.multiword_tokens = multiword;
    }
}

/// Characters that open a quotation or bracket and split off the front of a chunk.
fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '`' | '¿' | '¡' | '„' | '<' | '>' | '*' | '~')
}

/// Characters that close a clause, quotation or bracket and split off the end of a chunk.
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '"' | '”' | '»' | ',' | ';' | ':' | '!' | '?' | '’' | '\'' | '…' | '*' | '>')
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or('\0')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or('\0')
}

/// Tokenizes one whitespace-free chunk `text[lo..hi]`.
fn chunk(text: &str, mut lo: usize, mut hi: usize, out: &mut Output) {
    let whole = &text[lo..hi];
    if whole.bytes().all(|b| b.is_ascii_alphabetic()) || whole.bytes().all(|b| b.is_ascii_digit()) {
        word(text, lo, hi, out);
        return;
    }
    if lexicon::is_emoticon(whole) {
        out.push(lo, hi, TokenKind::Emoticon);
        return;
    }
    if !whole.chars().any(char::is_alphanumeric) {
        punctuation_chunk(text, lo, hi, out);
        return;
    }
    let mut opened_quote = false;
    while lo < hi {
        let rest = &text[lo..hi];
        let c = first_char(rest);
        // An apostrophe opens a quotation unless it starts a word such as "'em" or "'90s".
        let opens_quote = matches!(c, '\'' | '’') && !lexicon::is_apostrophe_word(&rest[c.len_utf8()..]);
        if !is_opener(c) && !opens_quote {
            break;
        }
        if lexicon::is_emoticon(rest) {
            break;
        }
        // `` and '' are one token each, as in PTB-style text.
        let len = if rest.starts_with("``") || rest.starts_with("''") {
            2
        } else if matches!(c, '<' | '>' | '*') {
            rest.bytes().take_while(|&b| b == c as u8).count() // "<<", "***"
        } else {
            c.len_utf8()
        };
        opened_quote |= matches!(c, '\'' | '‘' | '`');
        out.push(lo, lo + len, TokenKind::Punct);
        lo += len;
    }
    // Closing punctuation is found back to front and emitted after the core.
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while lo < hi {
        let core = &text[lo..hi];
        let c = last_char(core);
        if is_url(core) || is_email(core) {
            // Addresses may contain any punctuation but rarely end in it.
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '>' | '"' | '\'' | '”' | '’')
                && !core.ends_with("..")
            {
                trailing.push((hi - c.len_utf8(), hi));
                hi -= c.len_utf8();
                continue;
            }
            break;
        }
        if lexicon::is_emoticon(core) {
            break;
        }
        let len = match c {
            '.' => {
                let dots = core.bytes().rev().take_while(|&b| b == b'.').count();
                let stem = &core[..core.len() - dots];
                if dots <= 2 && keeps_period(stem) {
                    if dots == 1 {
                        break;
                    }
                    1 // "Inc.." is "Inc." and a full stop
                } else if dots == core.len() {
                    break;
                } else {
                    dots
                }
            }
            // "?!", ".?" and "!!!" are one token.
            '!' | '?' => core.bytes().rev().take_while(|&b| matches!(b, b'!' | b'?' | b'.')).count(),
            '\'' | '’' if core.ends_with("''") || core.ends_with("’’") => 2 * c.len_utf8(),
            ')' | ']' | '}' if has_opener_inside(core, c) => break,
            '\'' | '’' if !opened_quote && is_plural_possessive(core) => break,
            '>' if core.ends_with("->") => break,
            _ if is_closer(c) => {
                if core.len() == c.len_utf8() {
                    break;
                }
                if matches!(c, '>' | '*') {
                    core.bytes().rev().take_while(|&b| b == c as u8).count() // ">>", "**"
                } else {
                    c.len_utf8()
                }
            }
            _ => break,
        };
        if len == core.len() {
            break;
        }
        trailing.push((hi - len, hi));
        hi -= len;
    }
    if lo < hi {
        core(text, lo, hi, out);
    }
    for &(start, end) in trailing.iter().rev() {
        out.push(start, end, classify(&text[start..end]));
    }
}

/// Splits a chunk of only punctuation and symbols: quotation marks and brackets stand
/// alone, other runs stay whole ("***", "<<", ".?", "----==").
fn punctuation_chunk(text: &str, lo: usize, hi: usize, out: &mut Output) {
    let mut run = lo;
    for (i, c) in text[lo..hi].char_indices() {
        let at = lo + i;
        if matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»') {
            out.push(run, at, classify(&text[run..at]));
            out.push(at, at + c.len_utf8(), TokenKind::Punct);
            run = at + c.len_utf8();
        }
    }
    out.push(run, hi, classify(&text[run..hi]));
}

/// Whether a word before a final period keeps it: "Dr", "U.S", "a.m", initials.
fn keeps_period(stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    if lexicon::is_abbreviation(stem) {
        return true;
    }
    let mut chars = stem.chars();
    let first = chars.next().unwrap();
    if first.is_alphabetic() && chars.next().is_none() {
        return true; // an initial: "J."
    }
    // Letter-period sequences: "U.S", "e.g", "D.C", "Ph.D".
    stem.contains('.')
        && stem.split('.').all(|part| !part.is_empty() && part.len() <= 2 && part.chars().all(char::is_alphabetic))
}

fn has_opener_inside(core: &str, closer: char) -> bool {
    let opener = match closer {
        ')' => '(',
        ']' => '[',
        _ => '{',
    };
    core[first_char(core).len_utf8()..].contains(opener) && !core.starts_with(opener)
}

/// "students'" ends in a possessive apostrophe, not a closing quote.
fn is_plural_possessive(core: &str) -> bool {
    let stem = &core[..core.len() - last_char(core).len_utf8()];
    stem.len() >= 2 && matches!(last_char(stem), 's' | 'S') && stem.chars().all(char::is_alphabetic)
}

fn is_url(s: &str) -> bool {
    let lower_start = |p: &str| s.len() > p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    lower_start("http://") || lower_start("https://") || lower_start("ftp://") || lower_start("www.")
}

fn is_email(s: &str) -> bool {
    match s.find('@') {
        Some(at) if at > 0 => {
            let domain = &s[at + 1..];
            domain.contains('.')
                && !domain.starts_with('.')
                && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '_' | '-' | '+' | '\''))
        }
        _ => false,
    }
}

/// The kind of a finished token string.
fn classify(s: &str) -> TokenKind {
    let mut letters = false;
    let mut digits = false;
    let mut other = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters = true;
        } else if c.is_ascii_digit() {
            digits = true;
        } else if !matches!(c, '.' | ',' | ':' | '/' | '-' | '\'' | '’') {
            other = true;
        }
    }
    if letters || (digits && other) {
        TokenKind::Word
    } else if digits {
        TokenKind::Number
    } else if s.chars().all(|c| {
        c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '&' | '+' | '=' | '#' | '@' | '^' | '|' | '~' | '<' | '>')
            || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»' | '¿' | '¡' | '„')
    }) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '¢')
}

/// Splits the inner punctuation of a chunk core `text[lo..hi]`.
fn core(text: &str, lo: usize, hi: usize, out: &mut Output) {
    let s = &text[lo..hi];
    if is_url(s) {
        out.push(lo, hi, TokenKind::Url);
        return;
    }
    if is_email(s) {
        out.push(lo, hi, TokenKind::Email);
        return;
    }
    if matches!(first_char(s), '#' | '@')
        && s[1..].starts_with(char::is_alphabetic)
        && s[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        out.push(lo, hi, TokenKind::Tag);
        return;
    }
    if lexicon::is_slash_word(s) {
        out.push(lo, hi, TokenKind::Word);
        return;
    }
    if lexicon::is_emoticon(s) {
        out.push(lo, hi, TokenKind::Emoticon);
        return;
    }
    let mut piece = lo;
    let mut chars = s.char_indices().map(|(i, c)| (lo + i, c)).peekable();
    let mut prev = '\0';
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map_or('\0', |&(_, n)| n);
        if starts_unit(&text[piece..hi], at - piece, prev, c) {
            // "375mm", "39K", "10am": a number and its unit are two words.
            word(text, piece, at, out);
            piece = at;
            prev = c;
            continue;
        }
        let split_here = match c {
            '$' | '£' | '€' | '¥' | '₹' | '₽' | '¢' => at == piece || next.is_ascii_digit(),
            '%' => true,
            // "18+", "A++": a trailing plus sign is a symbol of its own.
            '+' => prev.is_alphanumeric() && text[at..hi].bytes().all(|b| b == b'+'),
            '-' => splits_hyphen(&text[piece..at], &text[at + 1..hi], prev, next),
            '–' | '—' | ';' | '!' | '?' | '"' | '“' | '”' | '(' | ')' | '[' | ']' | '{' | '}' | '…' | '=' => {
                true
            }
            ',' => !(prev.is_ascii_digit() && next.is_ascii_digit()),
            ':' => !(prev.is_ascii_digit() && next.is_ascii_digit()) && prev != '\0',
            '/' => prev.is_alphabetic() && next.is_alphabetic() && !text[lo..at].contains('/'),
            '.' if next == '.' || (prev == '.' && at > piece) => true,
            // "quality.You'll": a missing space after a full stop.
            '.' => prev.is_lowercase() && next.is_uppercase() && at - piece >= 3,
            '#' => next.is_ascii_digit() && at == lo || next == '\0',
            _ => false,
        };
        if split_here {
            if piece < at {
                word(text, piece, at, out);
            }
            // Runs of the same mark ("--", "...", "!!") are one token.
            let mut end = at + c.len_utf8();
            while chars.peek().is_some_and(|&(_, n)| n == c && matches!(c, '-' | '.' | '!' | '?' | '—' | '=' | '+')) {
                let (i, n) = chars.next().unwrap();
                end = i + n.len_utf8();
            }
            out.push(
                at,
                end,
                if is_currency(c) || matches!(c, '%' | '=' | '+') { TokenKind::Symbol } else { TokenKind::Punct },
            );
            piece = end;
            prev = text[..end].chars().next_back().unwrap_or('\0');
            continue;
        }
        prev = c;
    }
    if piece < hi {
        word(text, piece, hi, out);
    }
}

/// Whether the hyphen between `left` and `right` separates two words.
fn splits_hyphen(left: &str, right: &str, prev: char, next: char) -> bool {
    if next == '-' || prev == '-' || left.is_empty() {
        return true; // a dash run, or a leading hyphen ("-5", "-Page")
    }
    if next == '\0' {
        return false; // a stuttered "th-"
    }
    if prev.is_ascii_digit() && next.is_ascii_digit() {
        // Ranges split ("13-17", "1998-2000"); phone numbers, dates and codes stay whole.
        let before = left.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        let after = right.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        if left.len() != before.len() || right.len() != after.len() {
            return false;
        }
        let year = before.len() == 4 && matches!(before.as_bytes()[0], b'1' | b'2');
        return (year && matches!(after.len(), 2 | 4)) || before.len() < 3 || after.len() < 3;
    }
    let left_word = left.rsplit('-').next().unwrap_or(left);
    if lexicon::is_hyphen_prefix(left_word) || lexicon::is_tens_word(left_word) {
        return false;
    }
    // Keep file names and identifiers such as "ld2d-#69366-1.DOC" or "SAC-D" whole.
    let right_word = right.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let is_code = |w: &str| w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic);
    if is_code(left_word) || is_code(right_word) || right_word.is_empty() {
        return false;
    }
    left_word.len() > 1 || right_word.len() > 1
}

/// Whether letter `c` at byte `at` of `piece` starts a unit after a number: the piece so
/// far is a number and the letters are not a plural or ordinal ("1990s", "2nd").
fn starts_unit(piece: &str, at: usize, prev: char, c: char) -> bool {
    if !(c.is_alphabetic() && prev.is_ascii_digit()) {
        return false;
    }
    let (number, rest) = piece.split_at(at);
    let letters = rest.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
    number.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':'))
        && !matches!(letters.to_ascii_lowercase().as_str(), "s" | "st" | "nd" | "rd" | "th" | "d")
        && letters.len() == rest.len()
}

/// Emits a word, splitting clitics and fused contractions into a multiword token.
fn word(text: &str, start: usize, end: usize, out: &mut Output) {
    let w = &text[start..end];
    if let Some(cut) = clitic_cut(w) {
        out.push_multiword(text, start, &[start + cut], end);
    } else if let Some(first) = lexicon::fused_split(w) {
        out.push_multiword(text, start, &[start + first], end);
    } else {
        out.push(start, end, classify(w));
    }
}

/// Where a clitic starts in `w`: "it's" -> 2, "don't" -> 2, "students'" -> 8.
fn clitic_cut(w: &str) -> Option<usize> {
    let apostrophe = w.rfind(['\'', '’', '`'])?;
    let stem = &w[..apostrophe];
    let suffix = &w[apostrophe + w[apostrophe..].chars().next()?.len_utf8()..];
    if stem.is_empty() || !stem.chars().next_back()?.is_alphanumeric() {
        return None;
    }
    if suffix.eq_ignore_ascii_case("t") && stem.len() >= 2 && matches!(last_char(stem), 'n' | 'N') {
        return Some(apostrophe - 1);
    }
    if lexicon::is_clitic(suffix) || (suffix.is_empty() && is_plural_possessive(w)) {
        return Some(apostrophe);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let (tokens, _) = Tokenizer.tokenize(text);
        tokens.iter().map(|t| &text[t.span.range()]).collect()
    }

    #[test]
    fn splits_contractions_ud_style() {
        assert_eq!(words("I don't know, they can't."), ["I", "do", "n't", "know", ",", "they", "ca", "n't", "."]);
        assert_eq!(
            words("It’s Google's and the students' turn"),
            ["It", "’s", "Google", "'s", "and", "the", "students", "'", "turn"]
        );
        assert_eq!(words("we cannot, gonna"), ["we", "can", "not", ",", "gon", "na"]);
        let (tokens, multi) = Tokenizer.tokenize("don't");
        assert_eq!(tokens.len(), 2);
        assert_eq!(multi, [MultiwordToken { tokens: 0..2, span: Span::new(0, 5) }]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            words("Dr. J. Smith of the U.S. met Sen. Jones at 9 a.m. today."),
            ["Dr.", "J.", "Smith", "of", "the", "U.S.", "met", "Sen.", "Jones", "at", "9", "a.m.", "today", "."]
        );
        assert_eq!(words("On Jan. 5 (Reuters)."), ["On", "Jan.", "5", "(", "Reuters", ")", "."]);
    }

    #[test]
    fn keeps_numbers_currencies_and_dates() {
        assert_eq!(
            words("$1,000.50 or 3.5% on 3/4/2005 at 10:30, 713-853-3989"),
            ["$", "1,000.50", "or", "3.5", "%", "on", "3/4/2005", "at", "10:30", ",", "713-853-3989"]
        );
        assert_eq!(words("€20m and 10am"), ["€", "20", "m", "and", "10", "am"]);
    }

    #[test]
    fn keeps_urls_emails_hashtags_and_emoticons() {
        assert_eq!(
            words("See http://www.example.com/a-b?x=1. Mail jo.doe@example.org :) #G20 @CNN"),
            ["See", "http://www.example.com/a-b?x=1", ".", "Mail", "jo.doe@example.org", ":)", "#G20", "@CNN"]
        );
    }

    #[test]
    fn splits_quotes_dashes_and_ellipses() {
        assert_eq!(
            words("“No plans,” he said—then... ‘maybe’?"),
            ["“", "No", "plans", ",", "”", "he", "said", "—", "then", "...", "‘", "maybe", "’", "?"]
        );
        assert_eq!(words("\"Yes.\" (Really!)"), ["\"", "Yes", ".", "\"", "(", "Really", "!", ")"]);
        assert_eq!(
            words("a search-engine, an e-mail, non-profit, ninety-nine"),
            ["a", "search", "-", "engine", ",", "an", "e-mail", ",", "non-profit", ",", "ninety-nine"]
        );
        assert_eq!(words("rock -- and roll"), ["rock", "--", "and", "roll"]);
    }

    #[test]
    fn offsets_reproduce_the_text() {
        let text = "  Zoë’s “café” costs €5 — isn't it? \n\n Next…";
        let (tokens, _) = Tokenizer.tokenize(text);
        let mut rebuilt = String::new();
        let mut last = 0;
        for t in &tokens {
            assert!(t.span.start >= last, "tokens overlap or go backwards");
            assert!(text[last..t.span.start].chars().all(char::is_whitespace), "text skipped between tokens");
            rebuilt.push_str(&text[t.span.range()]);
            last = t.span.end;
        }
        assert!(text[last..].chars().all(char::is_whitespace));
        let no_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(rebuilt, no_space);
    }
}
