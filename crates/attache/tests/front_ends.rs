//! What every front end relies on: the analyse loop keeps input order (problems in their
//! place), reads a bounded amount ahead and hands each result on as soon as it can; the
//! ingest loop stores each document once.

use attache::ingest::{ingest, Options};
use attache::{read_inputs, Item, Pipeline};
use std::path::Path;

/// A JSON Lines file of `n` short articles, with a malformed line after the second.
fn feed(dir: &Path, n: usize) -> String {
    let mut lines: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "a{i}", "text": "Article number {i} says little. It ends here.", "date": "2024-05-14"}}"#
            )
        })
        .collect();
    lines.insert(2, "{not json".into());
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn analysed_documents_come_back_in_input_order_with_problems_where_they_were_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [feed(dir.path(), 5)];
    let mut seen: Vec<String> = Vec::new();
    Pipeline::segmentation()
        .analyze_items(read_inputs(&inputs), 2, |item| -> Result<(), ()> {
            match item {
                Item::Document(doc) => {
                    assert!(!doc.sentences.is_empty(), "{} was not analysed", doc.id);
                    seen.push(doc.id.clone());
                }
                Item::Problem(problem) => seen.push(format!("problem at {}", problem.location)),
            }
            Ok(())
        })
        .unwrap();
    let problem = seen.iter().position(|s| s.starts_with("problem at")).expect("the malformed line is reported");
    assert!(seen[problem].contains("feed.jsonl:3"), "{seen:?}");
    let ids: Vec<&String> = seen.iter().filter(|s| !s.starts_with("problem")).collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4"]);
}

#[test]
fn an_error_from_the_caller_stops_the_loop() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [feed(dir.path(), 5)];
    let mut documents = 0;
    let stopped = Pipeline::segmentation().analyze_items(read_inputs(&inputs), 2, |item| match item {
        Item::Document(_) if documents == 1 => Err("full"),
        Item::Document(_) => {
            documents += 1;
            Ok(())
        }
        Item::Problem(_) => Ok(()),
    });
    assert_eq!((stopped, documents), (Err("full"), 1));
}

#[test]
fn ingesting_stores_each_document_once_and_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [feed(dir.path(), 4)];
    let db = dir.path().join("store.db");
    let pipeline = Pipeline::segmentation();
    let options = Options { batch: 3, threads: Some(1) };
    let mut problems = Vec::new();
    let first = ingest(&pipeline, read_inputs(&inputs), &db, options, |p| problems.push(p), |_| {}).unwrap();
    assert_eq!((first.stored, first.already, first.problems), (4, 0, 1));
    assert!(problems[0].contains("feed.jsonl:3"), "{problems:?}");
    let again = ingest(&pipeline, read_inputs(&inputs), &db, options, |_| {}, |_| {}).unwrap();
    assert_eq!((again.stored, again.already), (0, 4));
}

#[test]
fn big_documents_are_fewer_in_flight() {
    // Three documents of 5 MB: the first two are past 8 MiB of text in flight, so the first
    // is handed over before the third is read, and memory holds two analysed, not three.
    let pulled = std::cell::Cell::new(0);
    let text = "Talks resumed. ".repeat(350_000);
    let items = (0..3).map(|i| {
        pulled.set(pulled.get() + 1);
        Item::Document(Box::new(attache::Document::new(format!("big{i}"), text.as_str(), attache::Metadata::default())))
    });
    let mut pulled_at_first = None;
    Pipeline::segmentation()
        .analyze_items(items, 256, |_| -> Result<(), ()> {
            pulled_at_first.get_or_insert(pulled.get());
            Ok(())
        })
        .unwrap();
    assert!(text.len() * 2 >= attache::BATCH_TEXT_BYTES && text.len() < attache::BATCH_TEXT_BYTES);
    assert_eq!(pulled_at_first, Some(2));
}

#[test]
fn results_come_in_input_order_as_soon_as_they_are_ready_with_a_bounded_read_ahead() {
    // Many documents of very different lengths on two workers: the long ones finish
    // last, yet every item comes back in input order, and never more than the window is
    // read ahead of what was handed on.
    let pulled = std::sync::atomic::AtomicUsize::new(0);
    let items = (0..200).map(|i| {
        pulled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let text = if i % 7 == 0 { "A long report follows. ".repeat(400) } else { format!("Short note {i}.") };
        if i % 50 == 25 {
            return Item::Problem(attache_ingest_error(i));
        }
        Item::Document(Box::new(attache::Document::new(format!("d{i}"), text.as_str(), attache::Metadata::default())))
    });
    let mut seen = Vec::new();
    let pipeline = Pipeline::segmentation();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    pool.install(|| {
        pipeline.analyze_items(items, 8, |item| -> Result<(), ()> {
            let read = pulled.load(std::sync::atomic::Ordering::Relaxed);
            assert!(read <= seen.len() + 1 + 8 + 1, "read {read} with {} handed on", seen.len());
            seen.push(match item {
                Item::Document(doc) => {
                    assert!(!doc.sentences.is_empty());
                    doc.id.trim_start_matches('d').parse::<usize>().unwrap()
                }
                Item::Problem(problem) => problem.location.parse::<usize>().unwrap(),
            });
            Ok(())
        })
    })
    .unwrap();
    assert_eq!(seen, (0..200).collect::<Vec<_>>());
}

fn attache_ingest_error(i: usize) -> attache_ingest::IngestError {
    attache_ingest::IngestError { location: i.to_string(), message: "a problem in its place".into() }
}
