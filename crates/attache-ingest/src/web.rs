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
    /// The page, decoded.
    pub body: String,
    /// True for HTML, false for plain text.
    pub html: bool,
}

/// Reads a WARC file's `response` and `resource` records of HTML or plain text, in order;
/// other records (requests, metadata, images) are passed over. A malformed record ends the
/// file: WARC has no way to find the next record after a broken one.
pub fn read_warc(path: &std::path::Path, name: &str) -> Vec<Result<ArchivedPage, IngestError>> {
    use warc::{RecordType, WarcHeader, WarcReader};
    let gzip = name.ends_with(".gz");
    type Records = Box<dyn Iterator<Item = Result<warc::Record<warc::BufferedBody>, warc::Error>>>;
    let opened: std::io::Result<Records> = if gzip {
        WarcReader::from_path_gzip(path).map(|r| Box::new(r.iter_records()) as Records)
    } else {
        // (Not `WarcReader::from_path`, which opens for writing and fails on read-only files.)
        std::fs::File::open(path)
            .map(|f| Box::new(WarcReader::new(std::io::BufReader::new(f)).iter_records()) as Records)
    };
    let records = match opened {
        Ok(records) => records,
        Err(e) => return vec![Err(IngestError::new(name, format!("cannot open: {e}")))],
    };
    let mut pages = Vec::new();
    let mut count = 0;
    for record in records {
        count += 1;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let detail = match &e {
                    warc::Error::ReadData(io) => format!("{e} {io}"),
                    _ => e.to_string(),
                };
                pages.push(Err(IngestError::new(
                    format!("{name}: record {count}"),
                    format!("malformed WARC record: {detail}; the rest of the file is skipped"),
                )));
                return pages;
            }
        };
        if !matches!(record.warc_type(), RecordType::Response | RecordType::Resource) {
            continue;
        }
        let url = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.into_owned())
            .unwrap_or_else(|| record.warc_id().to_string());
        let location = format!("{name}: record {count} ({url})");
        let (content_type, payload) = match record.warc_type() {
            RecordType::Response => match split_http(record.body()) {
                Some((status, content_type, payload)) => {
                    if !(200..300).contains(&status) {
                        continue;
                    }
                    (content_type, payload)
                }
                None => {
                    pages.push(Err(IngestError::new(location, "the response holds no HTTP message; record skipped")));
                    continue;
                }
            },
            _ => (record.header(WarcHeader::ContentType).map(|c| c.to_lowercase()).unwrap_or_default(), record.body()),
        };
        let html = content_type.contains("html");
        if !html && !content_type.starts_with("text/plain") {
            continue;
        }
        match std::str::from_utf8(payload) {
            Ok(body) => pages.push(Ok(ArchivedPage {
                url,
                crawled: Some(record.date().date_naive()),
                body: body.to_string(),
                html,
            })),
            Err(e) => pages.push(Err(IngestError::new(
                location,
                format!("invalid UTF-8 at byte {} of the page; re-encode it as UTF-8; record skipped", e.valid_up_to()),
            ))),
        }
    }
    if count == 0 && std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
        pages.push(Err(IngestError::new(
            name,
            "no WARC record found: the file does not start with a WARC/1.x header; skipped",
        )));
    }
    pages
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
    fn http_responses_split_into_status_type_and_payload() {
        let (status, kind, body) =
            split_http(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>").unwrap();
        assert_eq!((status, kind.as_str(), body), (200, "text/html; charset=utf-8", &b"<p>x</p>"[..]));
        assert!(split_http(b"not http").is_none());
    }
}
