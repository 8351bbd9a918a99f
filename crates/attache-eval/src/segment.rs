//! Tokenization and sentence splitting from raw text against a treebank's gold spans.

use crate::{score_segmentation, system_spans, Report, SegmentationScores};
use anyhow::Context;
use attache::Pipeline;
use attache_conllu::GoldText;
use attache_doc::Metadata;
use std::path::Path;

/// Segments each document of a treebank from its raw text with `pipeline` and scores it;
/// the errors are up to `errors` missed gold tokens and up to `errors` missed sentences,
/// each with the system's spans around it.
pub fn segment_file(path: &Path, errors: usize, pipeline: &Pipeline) -> anyhow::Result<Report<SegmentationScores>> {
    let treebank = attache_conllu::read_file(path)?;
    let golds = treebank.running_text().with_context(|| format!("rebuilding the text of {}", path.display()))?;
    let mut total = SegmentationScores::default();
    let mut shown = Vec::new();
    let (mut token_errors, mut sentence_errors) = (0, 0);
    for gold in &golds {
        let doc = pipeline.analyze("gold", &gold.text, Metadata::default());
        let system = system_spans(&doc);
        total += score_segmentation(gold, &system);
        if token_errors < errors {
            token_errors += differences(&mut shown, "token", gold, &gold.tokens, &system.tokens, errors - token_errors);
        }
        if sentence_errors < errors {
            sentence_errors +=
                differences(&mut shown, "sentence", gold, &gold.sentences, &system.sentences, errors - sentence_errors);
        }
    }
    Ok(Report { scores: total, errors: shown })
}

/// Lists up to `limit` gold spans the system missed, with the system's spans around them;
/// returns how many it listed.
fn differences(
    out: &mut Vec<String>,
    what: &str,
    gold: &GoldText,
    gold_spans: &[(usize, usize)],
    system_spans: &[(usize, usize)],
    limit: usize,
) -> usize {
    let system: std::collections::HashSet<_> = system_spans.iter().collect();
    let before = out.len();
    for span in gold_spans.iter().filter(|s| !system.contains(s)).take(limit) {
        let found: Vec<&str> =
            system_spans.iter().filter(|s| s.0 < span.1 && s.1 > span.0).map(|s| &gold.text[s.0..s.1]).collect();
        out.push(format!("{what} missed: {:?}\n    system: {:?}", &gold.text[span.0..span.1], found));
    }
    out.len() - before
}
