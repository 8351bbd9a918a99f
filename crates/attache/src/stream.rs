//! Analysis as a stream: documents are read, analysed on every core and handed on in
//! input order, with a bounded number in flight, so that a feed of any length runs in
//! constant memory and the first result comes as soon as the first document is analysed.

use crate::{Pipeline, BATCH_TEXT_BYTES};
use attache_doc::Document;
use attache_ingest::Item;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

/// What a worker hands back: the analysed document, or the panic that stopped it.
type Done = (usize, std::thread::Result<Box<Document>>);

/// Analyses the documents of `items` on `threads` workers and gives `each` every item in
/// input order. At most `in_flight` documents (and, beyond the first, at most
/// [`BATCH_TEXT_BYTES`] of their text) are read ahead of what `each` has been given. Stops
/// at the first error `each` returns; a panic in the analysis is resumed here.
pub fn analyze_stream<E>(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Item>,
    threads: usize,
    in_flight: usize,
    mut each: impl FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    let in_flight = in_flight.max(1);
    let (jobs, job_queue) = mpsc::channel::<(usize, Box<Document>)>();
    let job_queue = Mutex::new(job_queue);
    let (finished, results) = mpsc::channel::<Done>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (job_queue, finished, stop) = (&job_queue, finished.clone(), &stop);
            scope.spawn(move || loop {
                let job = job_queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((number, mut doc)) = job else { return };
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pipeline.process(&mut doc);
                    doc
                }));
                if finished.send((number, analysed)).is_err() {
                    return;
                }
            });
        }
        drop(finished);
        // Items by their place in the input: analysed documents, and problems, waiting for
        // the ones before them.
        let mut ready: BTreeMap<usize, Item> = BTreeMap::new();
        // Documents read and not yet handed on (being analysed, or waiting for one before
        // them), and their bytes: what the read-ahead bound counts.
        let (mut read, mut given, mut held, mut held_bytes) = (0, 0, 0, 0);
        // Of those, the ones the workers have.
        let mut analysing = 0;
        let mut items = items.fuse();
        let mut exhausted = false;
        let outcome = loop {
            // What is done is handed on first, before more is read.
            let mut failed = None;
            while let Some(item) = ready.remove(&given) {
                given += 1;
                if let Item::Document(doc) = &item {
                    held -= 1;
                    held_bytes -= doc.text.len();
                }
                if let Err(err) = each(item) {
                    failed = Some(err);
                    break;
                }
            }
            if let Some(err) = failed {
                break Err(err);
            }
            if exhausted && given == read {
                break Ok(());
            }
            let full = held >= in_flight || held_bytes >= BATCH_TEXT_BYTES;
            if analysing > 0 && (exhausted || full) {
                let (number, analysed) = results.recv().expect("a document in flight comes back");
                match analysed {
                    Ok(doc) => {
                        analysing -= 1;
                        ready.insert(number, Item::Document(doc));
                    }
                    Err(panic) => {
                        stop.store(true, Ordering::Relaxed);
                        drop(jobs);
                        std::panic::resume_unwind(panic);
                    }
                }
                continue;
            }
            match items.next() {
                None => exhausted = true,
                Some(Item::Document(doc)) => {
                    held += 1;
                    analysing += 1;
                    held_bytes += doc.text.len();
                    jobs.send((read, doc)).expect("the workers wait for jobs until the jobs end");
                    read += 1;
                }
                Some(problem) => {
                    ready.insert(read, problem);
                    read += 1;
                }
            }
        };
        // The workers stop at the end of the jobs, or at once after an error.
        stop.store(outcome.is_err(), Ordering::Relaxed);
        drop(jobs);
        outcome
    })
}
