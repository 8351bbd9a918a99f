//! Web pages and web archives: HTML articles (main text and metadata by readability, the
//! algorithm of Firefox's reader view, as the `dom_smoothie` crate implements it) and WARC
//! files of crawled pages.

use crate::header::{parse_byline, parse_iso_date};
use crate::IngestError;
use attache_doc::{Metadata, Origin};
use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting of HTML elements read. Readability and the HTML tree builder take
/// time that grows with the square of the depth, and real pages stay far below this; tags
/// nested deeper (generated or hostile pages) are dropped, their text kept.
const MAX_HTML_DEPTH: usize = 256;

/// An HTML page's article: its main text, boilerplate (menus, links, footers) removed.
pub struct Page {
    /// The article's text, a paragraph a line.
    pub text: String,
    /// Title, date, authors and outlet from the page's metadata.
    pub meta: Metadata,
}

/// Extracts the article of an HTML page. `location` names the page in errors.
pub fn read_html(html: &str, url: Option<&str>, location: &str) -> Result<Page, IngestError> {
    // A short news brief is an article too: one paragraph of about 100 characters will do.
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        readable_min_content_length: 80,
        readable_min_score: 5.0,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(cap_nesting(html).as_ref(), url, Some(config))
        .map_err(|e| IngestError::new(location, format!("cannot read the HTML: {e}; skipped")))?;
    if !readability.is_probably_readable() {
        return Err(IngestError::new(
            location,
            "no article text found in the HTML (no paragraph of prose: a menu, index or error page?); skipped",
        ));
    }
    let article = readability
        .parse()
        .map_err(|e| IngestError::new(location, format!("no article text found in the HTML ({e}); skipped")))?;
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        return Err(IngestError::new(location, "no article text found in the HTML; skipped"));
    }
    let (mut byline, outlet) = article
        .byline
        .as_deref()
        .map(|b| parse_byline(b.trim().trim_start_matches("By ").trim_start_matches("by ")))
        .unwrap_or_default();
    byline.retain(|a| a.len() < 80);
    let meta = Metadata {
        title: Some(article.title.trim().to_string()).filter(|t| !t.is_empty()),
        date: article.published_time.as_deref().and_then(|t| parse_iso_date(t.trim())),
        byline,
        source: article.site_name.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).or(outlet),
        origin: Origin { path: location.to_string(), line: None },
        ..Metadata::default()
    };
    Ok(Page { text, meta })
}

/// Elements whose tags hold no other tags: their content is skipped.
const RAW_TEXT: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noscript"];

/// Elements that never nest (void) or whose end tag may be left out (closed by the next
/// one): they add no depth, since an unclosed `<p>` or `<li>` is no deeper than its sibling.
const FLAT: [&str; 33] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rtc",
    "rp", "html", "body",
];

/// `html` with the start and end tags of elements nested deeper than [`MAX_HTML_DEPTH`]
/// removed, in one pass; the page itself when nothing is that deep.
fn cap_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut kept = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        let end_of =
            |from: usize, pattern: &str| html[from..].find(pattern).map_or(html.len(), |i| from + i + pattern.len());
        if rest.starts_with("<!--") {
            at = end_of(start + 4, "-->");
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // "<!DOCTYPE", "<?xml", or a "<" of the text.
            at = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let end = tag_end(bytes, name_start + name_len);
        at = end;
        let lower = name.to_ascii_lowercase();
        if !closing && RAW_TEXT.contains(&lower.as_str()) {
            let close = format!("</{lower}");
            at = bytes[end..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(html.len(), |i| end + i);
            continue;
        }
        if FLAT.contains(&lower.as_str()) || bytes[..end].ends_with(b"/>") {
            continue;
        }
        let drop = if closing {
            // Dropped elements are the innermost ones, so an end tag closes them first.
            match dropped.get_mut(&lower) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    true
                }
                _ => {
                    if let Some(k) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                        open.truncate(k);
                    }
                    false
                }
            }
        } else if open.len() < MAX_HTML_DEPTH {
            open.push(name);
            false
        } else {
            *dropped.entry(lower).or_default() += 1;
            true
        };
        if drop {
            kept.push_str(&html[copied..start]);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    kept.push_str(&html[copied..]);
    Cow::Owned(kept)
}

/// The byte after the `>` that ends the tag whose attributes start at `from` (a quoted
/// attribute value may hold `>`), or the end of the page.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if q == b => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals => quote = Some(b),
            (None, b'>') => return from + i + 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.len()
}

/// Trims each line and keeps one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(paragraph);
    }
    out
}

/// One record of a WARC file worth reading: an HTML or text page.
pub struct ArchivedPage {
    /// The page's address (`WARC-Target-URI`), else the record's id.
    pub url: String,
    /// The crawl's date of the record.
    pub crawled: Option<chrono::NaiveDate>,
    /// The page's bytes.
    pub body: Vec<u8>,
    /// The charset its HTTP header declared.
    pub charset: Option<String>,
    /// True for HTML, false for plain text.
    pub html: bool,
}

/// The most bytes a WARC record's header block may have: real ones have a few hundred.
const MAX_WARC_HEADER_BYTES: usize = 1 << 20;

/// A reader that fails when the bytes read through `fill_buf`/`consume` since the last
/// plain `read` pass a limit. The `warc` crate reads header blocks line by line, until a blank line, and
/// bodies with `read`: this bounds a header block, which in a file that is no WARC could
/// otherwise be the whole file.
struct HeaderBound<R> {
    inner: R,
    in_header: usize,
}

impl<R: std::io::BufRead> std::io::Read for HeaderBound<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        self.in_header = 0;
        self.inner.read(buffer)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for HeaderBound<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.in_header > MAX_WARC_HEADER_BYTES {
            let message = format!("a record's header is over {MAX_WARC_HEADER_BYTES} bytes");
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, message));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.in_header += amount;
        self.inner.consume(amount);
    }
}

/// Reads a WARC file's `response` and `resource` records of HTML or plain text, in order,
/// as a stream: other records (requests, metadata, images) and pages over `max_bytes` are
/// passed over without being held in memory. A malformed record ends the file: WARC has no
/// way to find the next record after a broken one.
pub fn read_warc(
    path: &std::path::Path,
    name: &str,
    max_bytes: usize,
) -> Box<dyn Iterator<Item = Result<ArchivedPage, IngestError>>> {
    use std::io::BufReader;
    let once = |problem: IngestError| Box::new(std::iter::once(Err(problem))) as Box<dyn Iterator<Item = _>>;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return once(IngestError::new(name, format!("cannot open: {e}"))),
    };
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        return once(IngestError::new(name, "empty file: no WARC record to read"));
    }
    let reader: Box<dyn std::io::BufRead> = if name.ends_with(".gz") {
        match libflate::gzip::MultiDecoder::new(BufReader::new(file)) {
            Ok(decoder) => Box::new(BufReader::new(decoder)),
            Err(e) => return once(IngestError::new(name, format!("not a gzip file: {e}; skipped"))),
        }
    } else {
        Box::new(BufReader::new(file))
    };
    let reader = HeaderBound { inner: reader, in_header: 0 };
    Box::new(WarcPages { reader, name: name.to_string(), max_bytes, count: 0, unread: 0, done: false })
}

/// The pages of a WARC file, read a record at a time.
struct WarcPages {
    reader: HeaderBound<Box<dyn std::io::BufRead>>,
    name: String,
    max_bytes: usize,
    count: usize,
    /// What is left of the record last returned: its unread body and the blank lines after it.
    unread: u64,
    done: bool,
}

impl Iterator for WarcPages {
    type Item = Result<ArchivedPage, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        use std::io::Read;
        use warc::{RecordType, WarcHeader};
        let name = &self.name;
        if self.unread > 0 && !self.done {
            let skipped = std::io::copy(&mut (&mut self.reader).take(self.unread), &mut std::io::sink());
            if !skipped.is_ok_and(|n| n == self.unread) {
                self.done = true;
                return Some(Err(IngestError::new(
                    format!("{name}: record {}", self.count),
                    "malformed WARC record: the file ends inside it",
                )));
            }
            self.unread = 0;
        }
        // (Within a call, the stream skips what is left of each record passed over.)
        let mut warc = warc::WarcReader::new(&mut self.reader);
        let mut records = warc.stream_records();
        while !self.done {
            let record = match records.next_item() {
                None => {
                    self.done = true;
                    if self.count == 0 {
                        return Some(Err(IngestError::new(
                            name,
                            "no WARC record found: the file does not start with a WARC/1.x header; skipped",
                        )));
                    }
                    return None;
                }
                Some(Ok(record)) => record,
                Some(Err(e)) => {
                    self.done = true;
                    let detail = match &e {
                        warc::Error::ReadData(io) => format!("{e} {io}"),
                        _ => e.to_string(),
                    };
                    return Some(Err(IngestError::new(
                        format!("{name}: record {}", self.count + 1),
                        format!("malformed WARC record: {detail}; the rest of the file is skipped"),
                    )));
                }
            };
            self.count += 1;
            if !matches!(record.warc_type(), RecordType::Response | RecordType::Resource) {
                continue;
            }
            let crawled = Some(record.date().date_naive());
            let is_response = matches!(record.warc_type(), RecordType::Response);
            let id = record.warc_id().to_string();
            let count = self.count;
            let at_record = || format!("{name}: record {count} ({id})");
            // (Checked before reading: the body is allocated at the size the header claims.)
            let size = record.content_length();
            if size > self.max_bytes as u64 + 64 * 1024 {
                self.unread = size + 4;
                return Some(Err(IngestError::new(
                    at_record(),
                    format!(
                        "the record is {size} bytes, over the limit for one document (--max-document-bytes); skipped"
                    ),
                )));
            }
            // The blank lines that end the record are read with the next one.
            self.unread = 4;
            let record = match record.into_buffered() {
                Ok(record) => record,
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::new(
                        at_record(),
                        format!("malformed WARC record: cannot read its body: {e}; the rest of the file is skipped"),
                    )));
                }
            };
            // Header values read from the raw bytes: the warc crate's `header()` panics on
            // a value that is not UTF-8 (found by fuzzing).
            let (header, body) = record.into_raw_parts();
            let field = |key: WarcHeader| header.headers.get(&key).map(|v| String::from_utf8_lossy(v).into_owned());
            let url = field(WarcHeader::TargetURI).unwrap_or(id);
            let location = format!("{name}: record {} ({url})", self.count);
            let record_type = field(WarcHeader::ContentType).map(|c| c.to_lowercase()).unwrap_or_default();
            let (content_type, payload) = if is_response {
                match split_http(&body) {
                    Some((status, _, _)) if !(200..300).contains(&status) => continue,
                    Some((_, content_type, payload)) => (content_type, payload),
                    None => {
                        return Some(Err(IngestError::new(
                            location,
                            "the response holds no HTTP message; record skipped",
                        )))
                    }
                }
            } else {
                (record_type, &body[..])
            };
            let html = content_type.contains("html");
            if !html && !content_type.starts_with("text/plain") {
                continue;
            }
            return Some(Ok(ArchivedPage {
                url,
                crawled,
                body: payload.to_vec(),
                charset: charset_in(content_type.as_bytes()),
                html,
            }));
        }
        None
    }
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`).
pub(crate) fn html_charset(page: &[u8]) -> Option<String> {
    charset_in(&page[..page.len().min(4096)])
}

/// The value after the first `charset=` in `text`, quotes and case aside.
fn charset_in(text: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"charset=";
    let at = text.windows(KEY.len()).position(|w| w.eq_ignore_ascii_case(KEY))? + KEY.len();
    let value: String = text[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| char::from(b.to_ascii_lowercase()))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// An HTTP response's status, content type (lower case) and payload.
fn split_http(message: &[u8]) -> Option<(u16, String, &[u8])> {
    let end = message.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&message[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let content_type = lines
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.trim().to_lowercase())
        })
        .unwrap_or_default();
    Some((status, content_type, &message[end + 4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_give_their_article_and_metadata() {
        let html = r#"<html><head><title>Ministers meet | The Example Courier</title>
            <meta property="og:site_name" content="The Example Courier">
            <meta property="article:published_time" content="2024-05-14T09:30:00Z">
            <meta name="author" content="Ada Writer">
            </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Ministers meet</h1>
            <p>The foreign ministers of two neighbouring countries met on Tuesday in the capital to discuss the drought, officials said.</p>
            <p>They agreed to share water data every week and to meet again in June, according to a statement issued after the talks.</p>
            </article><footer>Copyright The Example Courier. All rights reserved.</footer></body></html>"#;
        let page = read_html(html, None, "page.html").unwrap();
        assert!(page.text.contains("met on Tuesday"), "{}", page.text);
        assert!(page.text.contains("\n\nThey agreed"), "paragraphs kept: {}", page.text);
        assert!(!page.text.contains("Copyright") && !page.text.contains("Home"), "boilerplate removed: {}", page.text);
        assert_eq!(page.meta.date, chrono::NaiveDate::from_ymd_opt(2024, 5, 14));
        assert_eq!(page.meta.source.as_deref(), Some("The Example Courier"));
        assert_eq!(page.meta.byline, ["Ada Writer"]);
    }

    #[test]
    fn nesting_deeper_than_the_cap_is_dropped_and_its_text_kept() {
        let shallow = "<div><p>One<p>Two</div><script>if (a<b) { x = '<div>'; }</script>";
        assert!(matches!(cap_nesting(shallow), Cow::Borrowed(_)), "a page within the cap is read as it is");
        let many_paragraphs = "<div>".to_string() + &"<p>text ".repeat(5_000) + "</div>";
        assert!(matches!(cap_nesting(&many_paragraphs), Cow::Borrowed(_)), "unclosed paragraphs are not nesting");
        let depth = MAX_HTML_DEPTH + 100;
        let deep = format!(
            "<body>{}<p>Deep text.</p>{}<p>After.</p></body>",
            "<div class=\"a>b\">".repeat(depth),
            "</div>".repeat(depth)
        );
        let capped = cap_nesting(&deep);
        assert_eq!(capped.matches("<div").count(), MAX_HTML_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_HTML_DEPTH);
        assert!(capped.contains("<p>Deep text.</p>") && capped.ends_with("<p>After.</p></body>"));
        let unclosed = "<div>".repeat(depth) + "Text.";
        assert_eq!(cap_nesting(&unclosed).matches("<div>").count(), MAX_HTML_DEPTH);
    }

    #[test]
    fn charsets_are_read_from_meta_tags_and_headers() {
        assert_eq!(html_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(), Some("iso-8859-1"));
        let equiv = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>";
        assert_eq!(html_charset(equiv).as_deref(), Some("windows-1252"));
        assert_eq!(charset_in(b"text/html; charset=utf-8").as_deref(), Some("utf-8"));
        assert_eq!(html_charset(b"<p>No declaration.</p>"), None);
    }

    #[test]
    fn http_responses_split_into_status_type_and_payload() {
        let (status, kind, body) =
            split_http(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>").unwrap();
        assert_eq!((status, kind.as_str(), body), (200, "text/html; charset=utf-8", &b"<p>x</p>"[..]));
        assert!(split_http(b"not http").is_none());
    }
}
