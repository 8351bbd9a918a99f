//! `attache bench`: throughput of each stage and of the whole pipeline on one core, and
//! the ratio to the spaCy peer.

use anyhow::Context;
use attache::{assembly, Component, Document, Metadata, Pipeline};
use attache_text::Tokenizer;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// A JSON Lines corpus with a "text" field per line.
    #[arg(long, default_value = "../shared/corpora/gum_news.jsonl")]
    corpus: PathBuf,
    /// Process the corpus this many times for segmentation (more gives steadier figures).
    #[arg(long, default_value_t = 50)]
    repeat: usize,
    /// Process the corpus this many times for tagging and parsing.
    #[arg(long, default_value_t = 5)]
    model_repeat: usize,
    /// The Python with spaCy for the peer run (see ../shared/peers/setup.sh);
    /// by default the peers' virtual environment, when it exists.
    #[arg(long)]
    peer_python: Option<PathBuf>,
    /// Skip the spaCy peer.
    #[arg(long)]
    no_peer: bool,
    /// Instead: the time per MB of one document of the corpus's texts, from 10 KB to 10 MB
    /// (flat when every stage is linear in its input).
    #[arg(long)]
    scaling: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let texts = read_texts(&args.corpus)?;
    if args.scaling {
        scaling(&texts);
        return Ok(ExitCode::SUCCESS);
    }
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let segmentation_words_per_s = segmentation(&texts, args.repeat);
    let stages = models(&texts, args.model_repeat);
    let pipeline = Pipeline::builtin();
    let start = Instant::now();
    for _ in 0..args.model_repeat {
        for text in &texts {
            let mut doc = Document::new("bench", text.as_str(), Metadata::default());
            pipeline.process(&mut doc);
            std::hint::black_box(&doc);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let pipeline_words_per_s = (words * args.model_repeat) as f64 / seconds;
    println!(
        "attache pipeline ({}): seconds={seconds:.3} tokens_per_sec={:.0} words_per_sec={pipeline_words_per_s:.0}",
        pipeline.names().join(" > "),
        stages.tokens as f64 / seconds
    );
    println!("attache ner share of the pipeline's time: {:.0}%", 100.0 * stages.ner_seconds / seconds);
    actors_and_events(&pipeline, &texts, args.model_repeat, stages.tokens, seconds);
    if args.no_peer {
        return Ok(ExitCode::SUCCESS);
    }
    let Some(peer_words_per_s) = peer(args.peer_python, &args.corpus)? else { return Ok(ExitCode::SUCCESS) };
    println!(
        "ratio: attache's pipeline runs {:.1}x the words/s of spaCy en_core_web_sm's (segmentation alone {:.0}x)",
        pipeline_words_per_s / peer_words_per_s,
        segmentation_words_per_s / peer_words_per_s
    );
    Ok(ExitCode::SUCCESS)
}

/// Analyses one document of growing size, the corpus's texts one after another (repeated
/// as needed) and cut at a paragraph, and prints the seconds per MB at each size.
fn scaling(texts: &[String]) {
    let pipeline = Pipeline::builtin();
    let joined = texts.join("\n\n");
    for size in [10_000, 100_000, 1_000_000, 10_000_000] {
        let mut text = String::with_capacity(size + joined.len());
        while text.len() < size {
            text.push_str(&joined);
            text.push_str("\n\n");
        }
        let cut = text[..size].rfind("\n\n").unwrap_or_else(|| text.floor_char_boundary(size));
        text.truncate(cut);
        let start = Instant::now();
        let mut doc = Document::new("scaling", text.as_str(), Metadata::default());
        pipeline.process(&mut doc);
        let seconds = start.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!(
            "scaling: bytes={} tokens={} events={} seconds={seconds:.3} seconds_per_mb={:.2}",
            text.len(),
            doc.tokens.len(),
            doc.events.len(),
            seconds / mb
        );
    }
}

/// The "text" of each line of a JSON Lines corpus.
fn read_texts(corpus: &Path) -> anyhow::Result<Vec<String>> {
    let content = std::fs::read_to_string(corpus).with_context(|| {
        format!("cannot read the corpus {} (is ../shared beside the repository?)", corpus.display())
    })?;
    content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| -> anyhow::Result<String> {
            let v: serde_json::Value = serde_json::from_str(l)?;
            Ok(v["text"].as_str().context("a corpus line has no \"text\"")?.to_string())
        })
        .collect()
}

/// Tokenization and sentence splitting, then the tokenizer alone; returns words per second.
fn segmentation(texts: &[String], repeat: usize) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * repeat;
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum::<usize>() * repeat;
    let splitter = assembly::sentence_splitter();
    // One core, one document at a time: the figure the issues' speed goals refer to.
    let mut tokens = 0usize;
    let mut sentences = 0usize;
    let start = Instant::now();
    for _ in 0..repeat {
        for text in texts {
            let (toks, _) = Tokenizer.tokenize(text);
            sentences += splitter.split(text, &toks).len();
            tokens += toks.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let mb_per_s = bytes as f64 / seconds / 1e6;
    let words_per_s = words as f64 / seconds;
    println!(
        "attache segment: docs={} MB={:.1} tokens={tokens} sentences={sentences} seconds={seconds:.3} MB_per_sec={mb_per_s:.1} tokens_per_sec={:.0} words_per_sec={words_per_s:.0}",
        texts.len() * repeat,
        bytes as f64 / 1e6,
        tokens as f64 / seconds
    );
    // Tokenizer alone, to show where the time goes.
    let start = Instant::now();
    for _ in 0..repeat {
        for text in texts {
            std::hint::black_box(Tokenizer.tokenize(text));
        }
    }
    println!("attache tokenize: MB_per_sec={:.1}", bytes as f64 / start.elapsed().as_secs_f64() / 1e6);
    words_per_s
}

/// What the trained models' timing gives the later figures.
struct ModelTimes {
    /// Tokens processed, over all repeats.
    tokens: usize,
    ner_seconds: f64,
}

/// Tagging, parsing and named entities of segmented documents, stage by stage.
fn models(texts: &[String], repeat: usize) -> ModelTimes {
    let segmentation = Pipeline::segmentation();
    let (tagger, parser, recognizer) = (assembly::tagger(), assembly::parser(), assembly::recognizer());
    let mut docs: Vec<Document> = texts
        .iter()
        .map(|t| {
            let mut doc = Document::new("bench", t.as_str(), Metadata::default());
            segmentation.process(&mut doc);
            doc
        })
        .collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum::<usize>() * repeat;
    let (mut tag_seconds, mut parse_seconds, mut ner_seconds) = (0.0, 0.0, 0.0);
    for _ in 0..repeat {
        for doc in docs.iter_mut() {
            let start = Instant::now();
            tagger.process(doc);
            tag_seconds += start.elapsed().as_secs_f64();
            let start = Instant::now();
            parser.process(doc);
            parse_seconds += start.elapsed().as_secs_f64();
            let start = Instant::now();
            recognizer.process(doc);
            ner_seconds += start.elapsed().as_secs_f64();
        }
    }
    println!(
        "attache tag+parse: tokens={tokens} seconds={:.3} tokens_per_sec={:.0} (tagger {:.0}/s, parser {:.0}/s)",
        tag_seconds + parse_seconds,
        tokens as f64 / (tag_seconds + parse_seconds),
        tokens as f64 / tag_seconds,
        tokens as f64 / parse_seconds
    );
    println!("attache ner: tokens_per_sec={:.0}", tokens as f64 / ner_seconds);
    ModelTimes { tokens, ner_seconds }
}

/// The actors stage (codes, descriptions and the actor layer) and event coding alone, rerun
/// on analysed documents (each replaces its layer), as shares of the pipeline's time.
fn actors_and_events(pipeline: &Pipeline, texts: &[String], repeat: usize, tokens: usize, pipeline_seconds: f64) {
    let mut analysed: Vec<Document> = texts
        .iter()
        .map(|text| {
            let mut doc = Document::new("bench", text.as_str(), Metadata::default());
            pipeline.process(&mut doc);
            doc
        })
        .collect();
    let actors = assembly::actor_coder();
    let events = assembly::event_coder();
    for (name, stage) in [("actor coding", &actors as &dyn Component), ("event coding", &events)] {
        let start = Instant::now();
        for _ in 0..repeat {
            for doc in analysed.iter_mut() {
                stage.process(doc);
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "attache {name}: tokens_per_sec={:.0}, {:.1}% of the pipeline's time",
            tokens as f64 / seconds,
            100.0 * seconds / pipeline_seconds
        );
    }
}

/// The spaCy peer's words per second on the same corpus, or `None` (said) without a peer
/// Python.
fn peer(python: Option<PathBuf>, corpus: &Path) -> anyhow::Result<Option<f64>> {
    let python = python.or_else(|| {
        let home = std::env::var_os("HOME")?;
        let venv = PathBuf::from(home).join(".cache/attache-peers/venv/bin/python");
        venv.exists().then_some(venv)
    });
    let Some(python) = python else {
        println!("spacy peer: skipped (no peer Python; run ../shared/peers/setup.sh or pass --peer-python)");
        return Ok(None);
    };
    let script = corpus.parent().and_then(|c| c.parent()).map(|s| s.join("peers/spacy_peer.py"));
    let script =
        script.filter(|s| s.exists()).context("cannot find ../shared/peers/spacy_peer.py beside the corpus")?;
    let output = Command::new(&python)
        .arg(&script)
        .arg(corpus)
        .arg("--quiet")
        .output()
        .with_context(|| format!("cannot run {}", python.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line =
        stderr.lines().rev().find(|l| l.starts_with("spacy:")).context("the spaCy peer printed no timing line")?;
    println!("{line}");
    let words_per_s = line
        .split_whitespace()
        .find_map(|f| f.strip_prefix("words_per_sec="))
        .and_then(|v| v.parse().ok())
        .context("cannot read words_per_sec from the peer")?;
    Ok(Some(words_per_s))
}
