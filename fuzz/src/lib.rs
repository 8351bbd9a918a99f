//! What the fuzz targets share: a scratch folder for input files, and the check that every
//! span and index of a [`Document`] points inside it ([`Document::inconsistency`]).
//!
//! A failed check panics, which libFuzzer reports as a crash with the input that caused it.

use attache_doc::{Document, Span};
use attache_ingest::Item;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The largest text the fast targets hand on: longer inputs are cut at a character
/// boundary at or below this many bytes.
pub const MAX_TEXT: usize = 4096;

/// `file_name` in this process's own scratch folder, made on first use and reused by every
/// run (libFuzzer runs millions of inputs in one process). The folder is under the system's
/// temporary folder and named after the process, so parallel jobs do not collide; libFuzzer
/// leaves without cleaning up, so the folders of processes that are gone are removed first.
pub fn scratch_file(file_name: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        remove_stale_scratch();
        let dir = std::env::temp_dir().join(format!("attache-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("cannot make the fuzz scratch folder");
        dir
    });
    dir.join(file_name)
}

/// Removes the scratch folders of fuzzing processes that have ended (Linux: a process is
/// alive while `/proc/PID` exists; elsewhere nothing is removed).
fn remove_stale_scratch() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("attache-fuzz-")) else { continue };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes `data` to the scratch file `file_name`, reads it with
/// [`attache_ingest::read_inputs`] to the end, and checks every document read.
/// Returns how many documents were read.
pub fn read_file_input(file_name: &str, data: &[u8]) -> usize {
    let path = scratch_file(file_name);
    std::fs::write(&path, data).expect("cannot write the fuzz scratch file");
    read_path(&path)
}

/// Reads `path` with [`attache_ingest::read_inputs`] to the end and checks every document.
pub fn read_path(path: &Path) -> usize {
    let mut documents = 0;
    for item in attache_ingest::read_inputs(&[path.to_string_lossy().into_owned()]) {
        match item {
            Item::Document(doc) => {
                check_document(&doc);
                documents += 1;
            }
            Item::Problem(problem) => {
                // Problems are expected on hostile input; they must still name the input.
                assert!(!problem.location.is_empty(), "a problem without a location: {problem:?}");
            }
        }
    }
    documents
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Panics unless `span` lies within `text` with both ends on character boundaries.
#[track_caller]
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside the text of {} bytes",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on character boundaries",
        span.start,
        span.end
    );
}

/// Panics unless every layer of `doc` fits it ([`Document::inconsistency`]): every span lies
/// within the text on character boundaries; tokens are non-empty, in order and do not
/// overlap; the sentences cover the tokens in order, each from its first token's start to
/// its last token's end; every token range and every index into tokens, sentences,
/// entities, mentions and timexes is in bounds.
#[track_caller]
pub fn check_document(doc: &Document) {
    if let Some(problem) = doc.inconsistency() {
        panic!("inconsistent document: {problem}");
    }
    assert!(doc.tokens.is_empty() || !doc.sentences.is_empty(), "{} tokens and no sentence", doc.tokens.len());
}
