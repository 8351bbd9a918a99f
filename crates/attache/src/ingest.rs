//! Storing an archive: documents read, analysed in parallel batch by batch, and written to
//! the event store while the next batch is analysed. Every front end that stores (the
//! `ingest` command, a server's upload) runs this one loop.

use crate::{Error, Pipeline};
use attache_doc::Document;
use attache_ingest::Item;
use attache_store::{content_hash, BatchOutcome, Known, Store};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// How to ingest.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Documents analysed together and stored in one transaction.
    pub batch: usize,
    /// Analysis threads; all cores when `None`.
    pub threads: Option<usize>,
}

impl Default for Options {
    fn default() -> Options {
        Options { batch: 64, threads: None }
    }
}

/// What an ingest did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents stored by this run.
    pub stored: usize,
    /// Event reports they held.
    pub reports: usize,
    /// Documents skipped because the store (or this run) already held them.
    pub already: usize,
    /// Inputs that could not be read or stored, each given to the caller's `problem`.
    pub problems: usize,
}

/// Analyses the documents of `items` with `pipeline` and stores them in the store at `db`
/// (created if missing). Unreadable inputs and documents whose id is stored with another
/// text are given to `problem` and skipped; `stored` is told how many documents each batch
/// stored.
pub fn ingest(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Item>,
    db: &Path,
    options: Options,
    mut problem: impl FnMut(String),
    stored: impl Fn(usize) + Send + 'static,
) -> Result<Summary, Error> {
    let mut writer = Store::open(db)?;
    let reader = Store::open_read_only(db)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let mut summary = Summary::default();
    // Analysis of one batch overlaps the storing of the one before it.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Box<Document>>>(1);
    let storing = std::thread::spawn(move || -> attache_store::Result<BatchOutcome> {
        let mut total = BatchOutcome::default();
        for batch in receive {
            let docs: Vec<&Document> = batch.iter().map(|d| d.as_ref()).collect();
            let outcome = writer.write_batch(&docs)?;
            stored(outcome.stored);
            total.stored += outcome.stored;
            total.reports += outcome.reports;
            total.skipped.extend(outcome.skipped);
        }
        writer.checkpoint()?;
        Ok(total)
    });
    let mut report = |summary: &mut Summary, message: String| {
        summary.problems += 1;
        problem(message);
    };
    // Ids and texts met earlier in this run: an id's text, and where it was read.
    let mut seen_ids: HashMap<String, (String, String)> = HashMap::new();
    let mut seen_texts: HashSet<String> = HashSet::new();
    let mut items = items.peekable();
    while items.peek().is_some() {
        let mut batch: Vec<Box<Document>> = Vec::with_capacity(options.batch);
        let mut bytes = 0;
        for item in items.by_ref() {
            match item {
                Item::Problem(p) => report(&mut summary, p.to_string()),
                Item::Document(mut doc) => {
                    let hash = content_hash(&doc.text);
                    // An article piped in has no name of its own: its text names it.
                    if doc.meta.origin.path == "-" && doc.meta.origin.line.is_none() {
                        doc.id = format!("stdin-{}", &hash[..16]);
                    }
                    // Stored before, or met earlier in this run: nothing to do.
                    match reader.known(&doc.id, &hash)? {
                        Known::Stored => summary.already += 1,
                        Known::IdClash => report(
                            &mut summary,
                            format!("{}: document id {:?} is already stored with a different text; skipped (give it a new id to store both)", doc.meta.origin, doc.id),
                        ),
                        Known::New => match seen_ids.get(&doc.id) {
                            Some((text, _)) if *text == hash => summary.already += 1,
                            Some((_, first)) => report(
                                &mut summary,
                                format!("{}: document id {:?} was read earlier in this run ({first}) with a different text; skipped (give it a new id to store both)", doc.meta.origin, doc.id),
                            ),
                            None if !seen_texts.insert(hash.clone()) => summary.already += 1,
                            None => {
                                seen_ids.insert(doc.id.clone(), (hash, doc.meta.origin.to_string()));
                                bytes += doc.text.len();
                                batch.push(doc);
                            }
                        },
                    }
                }
            }
            if batch.len() == options.batch || bytes >= crate::BATCH_TEXT_BYTES {
                break;
            }
        }
        pool.install(|| batch.par_iter_mut().for_each(|doc| pipeline.process(doc)));
        if send.send(batch).is_err() {
            break; // the writer stopped; its error is returned below
        }
    }
    drop(send);
    let written = storing.join().map_err(|_| Error::Threads("the storing thread panicked".into()))??;
    summary.stored = written.stored;
    summary.reports = written.reports;
    summary.already += written.skipped.len();
    Ok(summary)
}
