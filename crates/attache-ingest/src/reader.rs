use crate::header::{parse_dateline, parse_header, parse_iso_date};
use crate::web::{read_html, read_warc};
use crate::IngestError;
use attache_doc::{Document, Metadata, Origin};
use chrono::Datelike;
use serde_json::Value;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest plain-text file read as one document.
const MAX_TEXT_BYTES: u64 = 256 << 20;

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

/// Reads every input in order: files, directories (recursively, in name order), or `-`
/// for standard input. JSON Lines files (`.jsonl`, `.ndjson`, `.json`) hold one document
/// a line; any other file is one plain-text article. Standard input is JSON Lines when
/// its first non-blank character is `{`.
pub fn read_inputs(inputs: &[String]) -> impl Iterator<Item = Item> {
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
                    Ok(_) => {}
                    Err(err) => problems.push(IngestError::new(input, format!("cannot list directory: {err}"))),
                }
            }
        } else if path.exists() {
            sources.push_back(Source::File(path));
        } else {
            problems.push(IngestError::new(input, "no such file or directory"));
        }
    }
    problems.into_iter().map(Item::Problem).chain(sources.into_iter().flat_map(read_source))
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

/// Builds a document from an HTML page: its article text and metadata.
fn html_document(
    name: &str,
    id: &str,
    html: &str,
    url: Option<&str>,
    fallback_date: Option<chrono::NaiveDate>,
) -> Item {
    match read_html(html, url, name) {
        Ok(page) => {
            let mut doc = finish(id, &page.text, page.meta);
            // A crawl's date stands in for a page that gives none of its own.
            if doc.meta.date.is_none() {
                doc.meta.date = fallback_date;
            }
            Item::Document(Box::new(doc))
        }
        Err(problem) => Item::Problem(problem),
    }
}

/// The documents of a WARC file, one per archived page.
fn warc_documents(path: &Path, name: &str) -> Vec<Item> {
    read_warc(path, name)
        .into_iter()
        .map(|page| match page {
            Ok(page) if page.html => {
                html_document(&format!("{name}: {}", page.url), &page.url, &page.body, Some(&page.url), page.crawled)
            }
            Ok(page) => match text_document(&format!("{name}: {}", page.url), &page.url, page.body.as_bytes()) {
                Item::Document(mut doc) => {
                    doc.meta.date = doc.meta.date.or(page.crawled);
                    Item::Document(doc)
                }
                problem => problem,
            },
            Err(problem) => Item::Problem(problem),
        })
        .collect()
}

fn read_source(source: Source) -> Box<dyn Iterator<Item = Item>> {
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            if let Err(err) = std::io::stdin().read_to_end(&mut bytes) {
                return Box::new(std::iter::once(Item::Problem(IngestError::new("-", format!("cannot read: {err}")))));
            }
            let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
            if first == Some(&b'{') {
                Box::new(JsonLines::new("-".into(), Box::new(std::io::Cursor::new(bytes))))
            } else {
                Box::new(std::iter::once(text_document("-", "stdin", &bytes)))
            }
        }
        Source::File(path) => {
            let name = path.display().to_string();
            let file = match std::fs::File::open(&path) {
                Ok(file) => file,
                Err(err) => {
                    return Box::new(std::iter::once(Item::Problem(IngestError::new(
                        name,
                        format!("cannot open: {err}"),
                    ))))
                }
            };
            if is_json_lines(&path) {
                return Box::new(JsonLines::new(name, Box::new(BufReader::new(file))));
            }
            let kind = extension(&path);
            if kind == "warc" || kind == "warc.gz" {
                return Box::new(warc_documents(&path, &name).into_iter());
            }
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_TEXT_BYTES {
                let message = format!(
                    "file is {size} bytes, over the {MAX_TEXT_BYTES}-byte limit for one text document; split it or use JSON Lines"
                );
                return Box::new(std::iter::once(Item::Problem(IngestError::new(name, message))));
            }
            let mut bytes = Vec::with_capacity(size as usize);
            if let Err(err) = BufReader::new(file).read_to_end(&mut bytes) {
                return Box::new(std::iter::once(Item::Problem(IngestError::new(name, format!("cannot read: {err}")))));
            }
            let id = path.file_stem().map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
            if matches!(kind.as_str(), "html" | "htm" | "xhtml") {
                return Box::new(std::iter::once(match std::str::from_utf8(&bytes) {
                    Ok(html) => html_document(&name, &id, html, None, None),
                    Err(err) => Item::Problem(utf8_error(&name, &bytes, err, None)),
                }));
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
            "invalid UTF-8 at byte {} of the {}; re-encode it as UTF-8; {} skipped",
            err.valid_up_to(),
            if line_offset.is_some() { "line" } else { "file" },
            if line_offset.is_some() { "line" } else { "document" }
        ),
    )
}

/// Builds a document from a plain-text article, with its optional header line.
fn text_document(name: &str, id: &str, bytes: &[u8]) -> Item {
    let content = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(err) => return Item::Problem(utf8_error(name, bytes, err, None)),
    };
    let mut meta = Metadata { origin: Origin { path: name.to_string(), line: None }, ..Metadata::default() };
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
    line: usize,
    buffer: Vec<u8>,
    queued: VecDeque<Item>,
    broken: bool,
}

impl JsonLines {
    fn new(name: String, reader: Box<dyn BufRead>) -> JsonLines {
        JsonLines { name, reader, line: 0, buffer: Vec::new(), queued: VecDeque::new(), broken: false }
    }

    fn record(&self, line: &str) -> Result<(Document, Vec<IngestError>), IngestError> {
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
        let mut warnings = Vec::new();
        let mut meta = Metadata {
            title: string("title")?,
            source: string("source")?,
            origin: Origin { path: self.name.clone(), line: Some(self.line) },
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
            self.buffer.clear();
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => self.line += 1,
                Err(err) => {
                    let at = format!("{}:{}", self.name, self.line + 1);
                    self.broken = true;
                    return Some(Item::Problem(IngestError::new(at, format!("cannot read: {err}"))));
                }
            }
            let line = match std::str::from_utf8(&self.buffer) {
                Ok(line) => line.trim(),
                Err(err) => return Some(Item::Problem(utf8_error(&self.name, &self.buffer, err, Some(self.line - 1)))),
            };
            if line.is_empty() {
                continue;
            }
            match self.record(line) {
                Ok((doc, warnings)) => {
                    self.queued.extend(warnings.into_iter().map(Item::Problem));
                    self.queued.push_back(Item::Document(Box::new(doc)));
                }
                Err(problem) => return Some(Item::Problem(problem)),
            }
        }
    }
}
