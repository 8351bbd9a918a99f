//! Finds quoted passages by their quotation marks.

/// A passage between quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offsets of the words inside the marks, trimmed of spaces and a trailing comma.
    pub inner: (usize, usize),
    /// True when the passage goes on from the previous paragraph's unclosed quotation (news
    /// style: a quote running over paragraphs reopens each paragraph and closes only once).
    pub continues: bool,
}

/// True when a quotation mark at byte `at` can open a quotation: at the start, or after a
/// space, bracket or dash.
fn may_open(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
}

/// True when a single closing quote at byte `at` ends a quotation rather than being an
/// apostrophe ("don’t", "Russia’s").
fn may_close_single(text: &str, at: usize, mark: char) -> bool {
    text[at + mark.len_utf8()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim_end().trim_end_matches(',').trim_end();
    (start + lead, start + body.len().max(lead))
}

/// The quoted passages of `text`, in order. Curly double quotes pair as opened and closed;
/// straight double quotes alternate; curly single quotes count only where they cannot be
/// apostrophes. A paragraph ending inside a quotation ends that passage there.
pub fn quoted(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    // (byte of the opening mark, byte after it, the mark, continues)
    let mut open: Option<(usize, usize, char, bool)> = None;
    let mut continues_next = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' && chars.peek().is_some_and(|(_, n)| *n == '\n') {
            if let Some((mark, start, _, continues)) = open.take() {
                let next = text[at..].trim_start();
                continues_next = next.starts_with(['“', '"']);
                out.push(Marked { open: mark, inner: trimmed(text, start, at), continues });
            }
            continue;
        }
        let after = at + c.len_utf8();
        match (c, open) {
            ('“', None) => {
                open = Some((at, after, '”', std::mem::take(&mut continues_next)));
            }
            ('"', None) if may_open(text, at) => {
                open = Some((at, after, '"', std::mem::take(&mut continues_next)));
            }
            ('‘', None) if may_open(text, at) => {
                open = Some((at, after, '’', false));
            }
            ('“', Some((_, _, '”', _))) => {
                // A new opening before a close: the first was never closed; start again.
                open = Some((at, after, '”', false));
            }
            (close, Some((mark, start, expected, continues)))
                if close == expected && (close != '’' || may_close_single(text, at, close)) =>
            {
                open = None;
                out.push(Marked { open: mark, inner: trimmed(text, start, at), continues });
            }
            _ => {}
        }
    }
    if let Some((mark, start, _, continues)) = open {
        out.push(Marked { open: mark, inner: trimmed(text, start, text.len()), continues });
    }
    out.retain(|m| m.inner.1 > m.inner.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        quoted(text).iter().map(|m| (&text[m.inner.0..m.inner.1], m.continues)).collect()
    }

    #[test]
    fn pairs_curly_straight_and_single_marks() {
        assert_eq!(
            texts("“We will talk,” she said. He called it a \"frank\" talk."),
            [("We will talk", false), ("frank", false)]
        );
        assert_eq!(texts("Russia’s envoy said ‘no deal’ was near and didn’t elaborate."), [("no deal", false)]);
    }

    #[test]
    fn a_quote_running_over_paragraphs_continues() {
        let text = "“We met for an hour.\n\n“It went well,” he said.\n\nNo quote here.";
        assert_eq!(texts(text), [("We met for an hour.", false), ("It went well", true)]);
    }

    #[test]
    fn unclosed_marks_end_at_the_paragraph() {
        assert_eq!(texts("He said “this never closes\n\nNext paragraph."), [("this never closes", false)]);
        assert!(texts("").is_empty());
    }
}
