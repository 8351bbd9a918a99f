use crate::decode::{decode, decoded, NotText, VALID_UTF8};
use crate::header::{parse_dateline, parse_header, parse_iso_date};
use crate::web::{html_charset, read_html, read_warc};
use crate::IngestError;
use attache_doc::{Decoding, Document, Metadata, Origin};
use chrono::Datelike;
use encoding_rs::{Encoding, UTF_8};
use serde_json::Value;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Limits on what is read, so that no input can exhaust memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest document read, in bytes: a text or HTML file, a page of a WARC file, the
    /// text of a JSON Lines record, or standard input.
    pub max_document_bytes: usize,
}

/// 16 MiB: a hundred times a long article, and about a gigabyte of memory in analysis.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 << 20;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions { max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES }
    }
}

impl ReadOptions {
    /// The message for a document over the limit.
    /// The message for a document over the limit, of `size` bytes where that is known.
    fn too_large(&self, what: &str, size: Option<u64>) -> String {
        let size = size.map(|n| format!(" {n} bytes,")).unwrap_or_default();
        format!(
            "{what} is{size} over the {}-byte limit for one document; split it into articles (JSON Lines) or raise --max-document-bytes; skipped",
            self.max_document_bytes
        )
    }

    /// The longest JSON Lines line read: a record's text may be escaped to several times
    /// its length.
    fn max_line_bytes(&self) -> usize {
        self.max_document_bytes.saturating_mul(4).saturating_add(1 << 16)
    }
}

/// What reading inputs yields: a document, or a problem to report.
#[derive(Debug)]
pub enum Item {
    /// A document ready for analysis.
    Document(Box<Document>),
    /// A document or line that was skipped, or a field that was ignored.
    Problem(IngestError),
}

enum Source {
    File(PathBuf),
    Stdin,
}

/// Reads every input in order with the default [`ReadOptions`]: files, directories
/// (recursively, in name order), or `-` for standard input. JSON Lines files (`.jsonl`,
/// `.ndjson`, `.json`) hold one document a line; any other file is one plain-text article.
/// Standard input is JSON Lines when its first non-blank character is `{`.
pub fn read_inputs(inputs: &[String]) -> impl Iterator<Item = Item> {
    read_inputs_with(inputs, ReadOptions::default())
}

/// [`read_inputs`] with limits of one's own.
pub fn read_inputs_with(inputs: &[String], options: ReadOptions) -> impl Iterator<Item = Item> {
    let mut sources = VecDeque::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input == "-" {
            sources.push_back(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(&path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => sources.push_back(Source::File(e.into_path())),
                    Ok(e) if e.file_type().is_dir() || e.path_is_symlink() => {}
                    Ok(e) => problems.push(IngestError::new(
                        e.path().display().to_string(),
                        "not a regular file (a FIFO, socket or device); skipped: name it on its own to read it",
                    )),
                    Err(err) => problems.push(IngestError::new(input, format!("cannot list directory: {err}"))),
                }
            }
        } else if path.exists() {
            sources.push_back(Source::File(path));
        } else {
            problems.push(IngestError::new(input, "no such file or directory"));
        }
    }
    problems
        .into_iter()
        .map(Item::Problem)
        .chain(sources.into_iter().flat_map(move |source| read_source(source, options)))
}

/// What a body of bytes handed over in memory (an upload, a request) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// One plain-text article, with its optional header line.
    Text,
    /// One HTML page: its article text and metadata are read.
    Html,
    /// One JSON object (`{"text", "id"?, "date"?, "title"?, "source"?, "byline"?}`) or an
    /// array of them.
    Json,
    /// JSON Lines: one such object a line.
    JsonLines,
}

/// Reads the documents of a body held in memory, named `name` in problems. A text or HTML
/// article is given the id `id`. The body is read as [`read_inputs_with`] reads a file of
/// that kind, with the same limits.
pub fn read_body(name: &str, id: &str, bytes: &[u8], kind: BodyKind, options: ReadOptions) -> Vec<Item> {
    let too_large =
        || vec![Item::Problem(IngestError::new(name, options.too_large("the body", Some(bytes.len() as u64))))];
    match kind {
        BodyKind::Text | BodyKind::Html if bytes.len() > options.max_document_bytes => too_large(),
        BodyKind::Text => vec![text_document(name, id, bytes)],
        BodyKind::Html => vec![html_document(name, id, bytes, None, None, None)],
        BodyKind::JsonLines => {
            JsonLines::new(name.into(), Box::new(std::io::Cursor::new(bytes.to_vec())), options).collect()
        }
        BodyKind::Json => {
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let value: Value = match serde_json::from_slice(text) {
                Ok(value) => value,
                Err(e) => {
                    let message = e.to_string();
                    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
                    let at = format!("{name}:{}:{}", e.line(), e.column());
                    return vec![Item::Problem(IngestError::new(at, format!("malformed JSON: {message}")))];
                }
            };
            // Each record on a line of its own: record n is then line n of JSON Lines.
            let records = match value {
                Value::Array(records) => records,
                record => vec![record],
            };
            let mut lines = Vec::new();
            for record in &records {
                serde_json::to_writer(&mut lines, record).expect("a JSON value serialises");
                lines.push(b'\n');
            }
            JsonLines::new(format!("{name}, record"), Box::new(std::io::Cursor::new(lines)), options).collect()
        }
    }
}

fn is_json_lines(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("jsonl" | "ndjson" | "json")
    )
}

fn extension(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.ends_with(".warc.gz") {
        return "warc.gz".into();
    }
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// Builds a document from an HTML page's bytes: its article text and metadata. `charset`
/// is the one an HTTP header declared; the page's own `<meta>` is read otherwise.
fn html_document(
    name: &str,
    id: &str,
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
    fallback_date: Option<chrono::NaiveDate>,
) -> Item {
    let declared = charset.map(str::to_string).or_else(|| html_charset(bytes));
    let decoded = match decode(bytes, declared.as_deref()) {
        Ok(decoded) => decoded,
        Err(NotText::Binary(err)) => return Item::Problem(utf8_error(name, bytes, err, None)),
    };
    match read_html(&decoded.text, url, name) {
        Ok(page) => {
            let mut doc = finish(id, &page.text, page.meta);
            // A crawl's date stands in for a page that gives none of its own.
            if doc.meta.date.is_none() {
                doc.meta.date = fallback_date;
            }
            doc.meta.decoding = decoded.decoding;
            Item::Document(Box::new(doc))
        }
        Err(problem) => Item::Problem(problem),
    }
}

/// The documents of a WARC file, one per archived page.
fn warc_documents(path: &Path, name: &str, options: ReadOptions) -> impl Iterator<Item = Item> {
    let name = name.to_string();
    read_warc(path, &name, options.max_document_bytes).map(move |page| match page {
        Ok(page) if page.body.len() > options.max_document_bytes => Item::Problem(IngestError::new(
            format!("{name}: {}", page.url),
            options.too_large("the page", Some(page.body.len() as u64)),
        )),
        Ok(page) if page.html => html_document(
            &format!("{name}: {}", page.url),
            &page.url,
            &page.body,
            Some(&page.url),
            page.charset.as_deref(),
            page.crawled,
        ),
        Ok(page) => match text_document(&format!("{name}: {}", page.url), &page.url, &page.body) {
            Item::Document(mut doc) => {
                doc.meta.date = doc.meta.date.or(page.crawled);
                Item::Document(doc)
            }
            problem => problem,
        },
        Err(problem) => Item::Problem(problem),
    })
}

/// All of `reader`, or `None` when it holds more than `limit` bytes (of which no more
/// than that are read).
fn read_bounded(reader: impl Read, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

/// True when text starts, after a byte-order mark and blanks, with `{`: JSON Lines.
fn starts_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

fn one(problem: IngestError) -> Box<dyn Iterator<Item = Item>> {
    Box::new(std::iter::once(Item::Problem(problem)))
}

fn read_source(source: Source, options: ReadOptions) -> Box<dyn Iterator<Item = Item>> {
    match source {
        Source::Stdin => {
            let mut input = BufReader::with_capacity(1 << 16, std::io::stdin());
            let json = match input.fill_buf() {
                Ok(head) => starts_like_json(head),
                Err(err) => return one(IngestError::new("-", format!("cannot read: {err}"))),
            };
            if json {
                // Read as it comes: a feed of any length in constant memory.
                return Box::new(JsonLines::new("-".into(), Box::new(input), options));
            }
            match read_bounded(input, options.max_document_bytes) {
                Ok(Some(bytes)) => Box::new(std::iter::once(text_document("-", "stdin", &bytes))),
                Ok(None) => one(IngestError::new("-", options.too_large("standard input", None))),
                Err(err) => one(IngestError::new("-", format!("cannot read: {err}"))),
            }
        }
        Source::File(path) => {
            let name = path.display().to_string();
            let file = match std::fs::File::open(&path) {
                Ok(file) => file,
                Err(err) => return one(IngestError::new(name, format!("cannot open: {err}"))),
            };
            if is_json_lines(&path) {
                return Box::new(JsonLines::new(name, Box::new(BufReader::new(file)), options));
            }
            let kind = extension(&path);
            if kind == "warc" || kind == "warc.gz" {
                return Box::new(warc_documents(&path, &name, options));
            }
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > options.max_document_bytes as u64 {
                return one(IngestError::new(name, options.too_large("the file", Some(size))));
            }
            // (The size on disk is no bound: a device or a file that grows has none.)
            let bytes = match read_bounded(BufReader::new(file), options.max_document_bytes) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    let message = options.too_large("the file", None);
                    return one(IngestError::new(name, message));
                }
                Err(err) => return one(IngestError::new(name, format!("cannot read: {err}"))),
            };
            let id = path.file_stem().map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
            if matches!(kind.as_str(), "html" | "htm" | "xhtml") {
                return Box::new(std::iter::once(html_document(&name, &id, &bytes, None, None, None)));
            }
            Box::new(std::iter::once(text_document(&name, &id, &bytes)))
        }
    }
}

/// Line and column (1-based, in characters) of byte `offset` in valid UTF-8 `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reports invalid UTF-8 in `bytes`, a whole file or (with `line_offset`) one line of one.
fn utf8_error(name: &str, bytes: &[u8], err: std::str::Utf8Error, line_offset: Option<usize>) -> IngestError {
    let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
    let (line, column) = line_column(valid, valid.len());
    IngestError::new(
        format!("{name}:{}:{column}", line + line_offset.unwrap_or(0)),
        format!(
            "invalid UTF-8 at byte {} of the {}, and no other encoding reads it as text (binary data?); {} skipped",
            err.valid_up_to(),
            if line_offset.is_some() { "line" } else { "file" },
            if line_offset.is_some() { "line" } else { "document" }
        ),
    )
}

/// Builds a document from a plain-text article, with its optional header line.
fn text_document(name: &str, id: &str, bytes: &[u8]) -> Item {
    let decoded = match decode(bytes, None) {
        Ok(decoded) => decoded,
        Err(NotText::Binary(err)) => return Item::Problem(utf8_error(name, bytes, err, None)),
    };
    let content = decoded.text.as_str();
    let mut meta = Metadata {
        origin: Origin { path: name.to_string(), line: None },
        decoding: decoded.decoding,
        ..Metadata::default()
    };
    let first_line = content.lines().next().unwrap_or("");
    let body = match parse_header(first_line) {
        Some(Ok(header)) => {
            meta.date = header.date;
            meta.byline = header.byline;
            meta.source = header.source;
            &content[first_line.len()..]
        }
        Some(Err(message)) => {
            return Item::Problem(IngestError::new(format!("{name}:1"), format!("{message}; skipped")))
        }
        None => content,
    };
    let body = body.trim_start_matches(['\n', '\r']).trim_end();
    if body.trim().is_empty() {
        return Item::Problem(IngestError::new(name, "empty document: no text to analyse; skipped"));
    }
    Item::Document(Box::new(finish(id, body, meta)))
}

/// Adds the dateline and returns the document.
fn finish(id: &str, body: &str, mut meta: Metadata) -> Document {
    meta.dateline = parse_dateline(body, meta.date.map(|d| d.year()));
    if meta.date.is_none() {
        meta.date = meta.dateline.as_ref().and_then(|d| d.date);
    }
    if meta.source.is_none() {
        meta.source = meta.dateline.as_ref().and_then(|d| d.source.clone());
    }
    Document::new(id, body, meta)
}

/// Streams documents from JSON Lines, one problem per bad line.
struct JsonLines {
    name: String,
    reader: Box<dyn BufRead>,
    options: ReadOptions,
    line: usize,
    buffer: Vec<u8>,
    queued: VecDeque<Item>,
    broken: bool,
    /// Lines that held more than blanks.
    records: usize,
    /// How the stream was decoded, when a byte-order mark said UTF-16.
    decoding: Option<Decoding>,
}

impl JsonLines {
    fn new(name: String, mut reader: Box<dyn BufRead>, options: ReadOptions) -> JsonLines {
        // A UTF-16 feed (with its byte-order mark) is decoded as it is read.
        let bom = reader.fill_buf().ok().and_then(Encoding::for_bom).map(|(encoding, _)| encoding);
        let decoding = bom.filter(|&e| e != UTF_8).map(|encoding| Decoding {
            encoding: encoding.name().to_string(),
            how: "byte-order mark".into(),
            mojibake_repaired: 0,
        });
        if decoding.is_some() {
            let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new().strip_bom(true).build(reader);
            reader = Box::new(BufReader::new(decoder));
        }
        JsonLines {
            name,
            reader,
            options,
            line: 0,
            buffer: Vec::new(),
            queued: VecDeque::new(),
            broken: false,
            records: 0,
            decoding,
        }
    }

    /// Reads the next line into the buffer, keeping at most the line limit of it; the
    /// bytes the line had, and whether it was over the limit. `Ok((0, _))` at the end.
    fn read_line(&mut self) -> std::io::Result<(usize, bool)> {
        self.buffer.clear();
        let limit = self.options.max_line_bytes();
        let (mut read, mut over) = (0, false);
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok((read, over));
            }
            let end = available.iter().position(|&b| b == b'\n').map(|i| i + 1);
            let take = end.unwrap_or(available.len());
            let room = limit.saturating_sub(self.buffer.len());
            over |= take > room;
            self.buffer.extend_from_slice(&available[..take.min(room)]);
            self.reader.consume(take);
            read += take;
            if end.is_some() {
                return Ok((read, over));
            }
        }
    }

    fn record(&self, line: &str, decoding: Option<Decoding>) -> Result<(Document, Vec<IngestError>), IngestError> {
        let at = |column: usize| format!("{}:{}:{column}", self.name, self.line);
        let value: Value = serde_json::from_str(line).map_err(|e| {
            let message = e.to_string();
            // serde_json appends "at line L column C"; the location says it already.
            let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
            IngestError::new(at(e.column()), format!("malformed JSON: {message}; line skipped"))
        })?;
        let Value::Object(fields) = value else {
            return Err(IngestError::new(at(1), "expected a JSON object per line; line skipped"));
        };
        let string = |key: &str| -> Result<Option<String>, IngestError> {
            match fields.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
                Some(other) => Err(IngestError::new(
                    at(1),
                    format!("field \"{key}\" must be a string, found {}; line skipped", kind(other)),
                )),
            }
        };
        let text =
            string("text")?.ok_or_else(|| IngestError::new(at(1), "missing the \"text\" field; line skipped"))?;
        if text.trim().is_empty() {
            return Err(IngestError::new(at(1), "empty document: \"text\" is blank; line skipped"));
        }
        // Mojibake in a UTF-8 feed ("â€™"), repaired; a legacy line was repaired as decoded.
        let (text, decoding) = match decoding {
            Some(decoding) => (text, Some(decoding)),
            None => {
                let repaired = decoded(text, UTF_8, VALID_UTF8);
                (repaired.text, repaired.decoding)
            }
        };
        if text.len() > self.options.max_document_bytes {
            let message =
                self.options.too_large("\"text\"", Some(text.len() as u64)).replace("; skipped", "; line skipped");
            return Err(IngestError::new(at(1), message));
        }
        let mut warnings = Vec::new();
        let mut meta = Metadata {
            title: string("title")?,
            source: string("source")?,
            origin: Origin { path: self.name.clone(), line: Some(self.line) },
            decoding,
            ..Metadata::default()
        };
        if let Some(raw) = string("date")? {
            meta.date = parse_iso_date(&raw);
            if meta.date.is_none() {
                warnings.push(IngestError::new(
                    at(1),
                    format!("\"date\" {raw:?} is not a valid YYYY-MM-DD date; the document is analysed without a date"),
                ));
            }
        }
        meta.byline = match fields.get("byline").or_else(|| fields.get("authors")) {
            Some(Value::String(s)) => s
                .split(" and ")
                .flat_map(|p| p.split(','))
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let stem =
            Path::new(&self.name).file_stem().map_or_else(|| self.name.clone(), |s| s.to_string_lossy().into_owned());
        let id = string("id")?.unwrap_or_else(|| format!("{stem}:{}", self.line));
        Ok((finish(&id, &text, meta), warnings))
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            if self.broken {
                return None;
            }
            match self.read_line() {
                Ok((0, _)) => {
                    self.broken = true;
                    if self.records == 0 {
                        let what = if self.line == 0 { "empty file" } else { "only blank lines" };
                        let message = format!("{what}: no JSON Lines record to read");
                        return Some(Item::Problem(IngestError::new(&self.name, message)));
                    }
                    return None;
                }
                Ok((read, over)) => {
                    self.line += 1;
                    if over {
                        self.records += 1;
                        let message = format!(
                            "line is {read} bytes, over the {}-byte limit for a record (4 times --max-document-bytes); line skipped",
                            self.options.max_line_bytes()
                        );
                        return Some(Item::Problem(IngestError::new(format!("{}:{}", self.name, self.line), message)));
                    }
                }
                Err(err) => {
                    let at = format!("{}:{}", self.name, self.line + 1);
                    self.broken = true;
                    return Some(Item::Problem(IngestError::new(at, format!("cannot read: {err}"))));
                }
            }
            let bytes = if self.line == 1 {
                self.buffer.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.buffer)
            } else {
                &self.buffer[..]
            };
            let (line, decoding) = match std::str::from_utf8(bytes) {
                Ok(line) => (line.to_string(), self.decoding.clone()),
                // JSON should be UTF-8; a line in a legacy encoding is read, and said so.
                Err(err) => match decode(bytes, None) {
                    Ok(decoded) => {
                        let decoding = decoded.decoding.unwrap_or_default();
                        self.queued.push_back(Item::Problem(IngestError::new(
                            format!("{}:{}", self.name, self.line),
                            format!("the line is not UTF-8; read as {} ({})", decoding.encoding, decoding.how),
                        )));
                        (decoded.text, Some(decoding))
                    }
                    Err(NotText::Binary(_)) => {
                        return Some(Item::Problem(utf8_error(&self.name, &self.buffer, err, Some(self.line - 1))))
                    }
                },
            };
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            self.records += 1;
            match self.record(line, decoding) {
                Ok((doc, warnings)) => {
                    self.queued.extend(warnings.into_iter().map(Item::Problem));
                    self.queued.push_back(Item::Document(Box::new(doc)));
                }
                Err(problem) => {
                    self.queued.clear();
                    return Some(Item::Problem(problem));
                }
            }
        }
    }
}
