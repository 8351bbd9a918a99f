//! What every front end relies on: the analyse loop keeps input order and hands problems
//! over as they are read; the ingest loop stores each document once.

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
fn big_documents_make_small_batches() {
    // Three documents of 5 MB: the first two fill a batch (past 8 MiB of text), so the first
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
