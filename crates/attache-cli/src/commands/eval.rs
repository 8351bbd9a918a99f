//! `attache eval`: scores Attaché against gold data (the scorers are in `attache-eval`).

use super::file_name;
use anyhow::Context;
use attache::assembly;
use attache::{read_model, Pipeline};
use attache_eval::Report;
use attache_learn::Casing;
use attache_ner::EntityRecognizer;
use attache_parser::Parser;
use attache_tagger::Tagger;
use attache_text::SentenceSplitter;
use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Task {
    /// Tokenization and sentence splitting against UD gold, from raw text
    /// (CoNLL 2018 style: exact character spans of tokens, words and sentences).
    Segment {
        /// UD treebank files, e.g. ../shared/corpora/ud-ewt/en_ewt-ud-test.conllu.
        #[arg(long, required = true, num_args = 1..)]
        conllu: Vec<PathBuf>,
        /// Print up to N token and N sentence errors per file, for error analysis.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Use this sentence model instead of the built-in one.
        #[arg(long)]
        segmenter: Option<PathBuf>,
    },
    /// Dependency parses on gold tokens with Attaché's predicted tags (UAS, LAS).
    Parser {
        /// UD treebank files.
        #[arg(long, required = true, num_args = 1..)]
        conllu: Vec<PathBuf>,
        /// Use this parser model instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Evaluate the model pruned of weights below this magnitude (see its size shrink).
        #[arg(long)]
        prune: Option<f32>,
        /// Parse with the treebank's gold tags instead of predicted ones (an upper bound).
        #[arg(long)]
        gold_tags: bool,
        /// Recase every word first: the models' accuracy on text in capitals or lower case.
        #[arg(long, value_enum, default_value_t = Case::AsWritten)]
        case: Case,
        /// Also score end to end from raw text, with Attaché's own segmentation
        /// (CoNLL 2018 aligned F1 of UPOS, UAS and LAS).
        #[arg(long)]
        raw: bool,
    },
    /// Named entities on gold tokens with Attaché's predicted tags: exact-span F1 per type
    /// (conlleval semantics).
    Ner {
        #[command(flatten)]
        corpora: NerCorpora,
        /// Use this model instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Recase every word first: the model's accuracy on text in capitals or lower case.
        #[arg(long, value_enum, default_value_t = Case::AsWritten)]
        case: Case,
    },
    /// Temporal expressions: spans on gold tokens against GUM's time entities (precision
    /// and recall, exact and overlapping), and normalised values against hand-annotated ones.
    #[command(arg_required_else_help = true)]
    Timex {
        /// UD treebanks with GUM entity annotations, e.g. ../shared/corpora/gum/en_gum-ud-test.conllu.
        #[arg(long, num_args = 1..)]
        gum: Vec<PathBuf>,
        /// Hand-annotated values (document id, start, end, value), e.g.
        /// eval/timex-values-gum-news-test.tsv; scored on the documents of --corpus.
        #[arg(long, requires = "corpus")]
        values: Option<PathBuf>,
        /// The JSON Lines corpus the values were annotated on (../shared/corpora/gum_news.jsonl).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Print up to N errors (spans found that GUM does not mark and missed ones; wrong values).
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Quotation speakers against hand-annotated speakers (eval/quote-speakers-gum-news.tsv).
    Quotes {
        /// The gold file: document id, split, quote start and end, speaker spans.
        #[arg(long)]
        gold: PathBuf,
        /// The JSON Lines corpus it was annotated on (../shared/corpora/gum_news.jsonl).
        #[arg(long)]
        corpus: PathBuf,
        /// Print up to N missed quotations and wrong speakers.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Event coding against PETRARCH2's validation suite: each record's raw text is coded
    /// with the PETR.Validate.* dictionaries and the record date; reports exact records and
    /// event precision, recall and F1 against `expected`.
    Petrarch {
        /// The records, e.g. ../shared/petrarch/validation-dev.jsonl.
        #[arg(long)]
        records: PathBuf,
        /// The folder holding PETR.Validate.{actors,agents,verbs,discards}.txt.
        #[arg(long, default_value_os_t = default_dictionaries())]
        dictionaries: PathBuf,
        /// Print up to N records of the tuning half coded wrongly, with the rules that fired
        /// (the held-out half is only scored).
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Event coding against PLOVER's gold-standard records with Attaché's own lexicon: the
    /// share of records whose gold PLOVER type is found, and found with the gold source and
    /// target countries.
    Plover {
        /// The records, e.g. ../shared/plover/gsr-dev.jsonl.
        #[arg(long)]
        records: PathBuf,
        /// Print up to N records of the tuning half not fully matched, with the events found
        /// (the held-out half is only scored).
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Events against Attaché's real-news event gold (eval/events-gold.jsonl): precision,
    /// recall and F1 at root and exact-code level, with and without both actors' countries,
    /// for the tuning and the held-out half; dates, places and modality of the events found.
    Events {
        /// The gold file, e.g. eval/events-gold.jsonl.
        #[arg(long)]
        gold: PathBuf,
        /// The JSON Lines corpora it was annotated on: ../shared/corpora/gum_news.jsonl and
        /// the output of `attache eval news-corpus` (see docs/coding-guidelines.md).
        #[arg(long, required = true, num_args = 1..)]
        corpus: Vec<PathBuf>,
        /// Print up to N gold events missed and events found wrongly (tuning half only).
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Writes CoNLL-2003's Reuters documents as a JSON Lines news corpus (headline as title,
    /// dateline date as date, the tokens joined as printed text): the text the event gold
    /// in eval/ is annotated on, and input for `attache analyze` or `ingest`.
    NewsCorpus {
        /// CoNLL-2003 files, e.g. ../shared/corpora/conll2003/train.txt; the file name
        /// (without extension) goes into each document id.
        #[arg(long, required = true, num_args = 1..)]
        conll2003: Vec<PathBuf>,
    },
    /// How many of a treebank's words the word-class table knows, as written and in
    /// lower case.
    WordClasses {
        /// UD treebank files.
        #[arg(long, required = true, num_args = 1..)]
        conllu: Vec<PathBuf>,
    },
    /// Part-of-speech tags and lemmas on gold tokens.
    Tagger {
        /// UD treebank files.
        #[arg(long, required = true, num_args = 1..)]
        conllu: Vec<PathBuf>,
        /// Use this tagger model instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Print the N most frequent UPOS confusions (gold -> predicted).
        #[arg(long, default_value_t = 0)]
        confusions: usize,
        /// Recase every word (and gold lemma) first: the models' accuracy on text in
        /// capitals or lower case.
        #[arg(long, value_enum, default_value_t = Case::AsWritten)]
        case: Case,
    },
}

/// How the evaluation recases its input.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Case {
    /// As the gold data has it.
    AsWritten,
    /// Every letter lower-cased.
    Lower,
    /// Every letter in capitals.
    Upper,
}

impl From<Case> for Casing {
    fn from(case: Case) -> Casing {
        match case {
            Case::AsWritten => Casing::AsWritten,
            Case::Lower => Casing::Lower,
            Case::Upper => Casing::Upper,
        }
    }
}

/// Gold named-entity data, as training and evaluation commands take it.
#[derive(clap::Args)]
pub struct NerCorpora {
    /// CoNLL-2003 files (`TOKEN POS CHUNK NER`), e.g. ../shared/corpora/conll2003/train.txt.
    #[arg(long, num_args = 1..)]
    pub conll: Vec<PathBuf>,
    /// UD treebanks with GUM entity annotations (their named mentions are the gold), e.g.
    /// ../shared/corpora/gum/en_gum-ud-train.conllu.
    #[arg(long, num_args = 1..)]
    pub gum: Vec<PathBuf>,
}

/// The default place of PETRARCH's dictionaries beside the repository.
fn default_dictionaries() -> PathBuf {
    PathBuf::from("../shared/petrarch/dictionaries")
}

/// Prints a report's errors, then its scores.
fn print<S: Display>(report: Report<S>) {
    print_errors(&report.errors);
    println!("{}", report.scores);
}

/// Prints the errors a scorer listed, one a line.
fn print_errors(errors: &[String]) {
    for error in errors {
        println!("{error}");
    }
}

pub fn run(task: Task) -> anyhow::Result<ExitCode> {
    match task {
        Task::Plover { records, errors } => print(attache_eval::events::plover(&records, errors)?),
        Task::Petrarch { records, dictionaries, errors } => {
            print(attache_eval::events::petrarch(&records, &dictionaries, errors, super::warn_skipped)?)
        }
        Task::Events { gold, corpus, errors } => {
            let corpora: Vec<&Path> = corpus.iter().map(PathBuf::as_path).collect();
            print(attache_eval::event_gold::gold_events(&gold, &corpora, errors)?)
        }
        Task::NewsCorpus { conll2003 } => {
            let mut out = std::io::stdout().lock();
            for path in conll2003 {
                let content = attache::read_file(&path)?;
                let content =
                    String::from_utf8(content).with_context(|| format!("{} is not UTF-8 text", path.display()))?;
                let name = path.file_stem().map_or_else(|| "conll2003".into(), |s| s.to_string_lossy());
                for record in attache_eval::news_corpus::conll2003_news(&content, &name).map_err(anyhow::Error::msg)? {
                    writeln!(out, "{}", serde_json::to_string(&record)?)?;
                }
            }
        }
        Task::Segment { conllu, errors, json, segmenter } => {
            let pipeline = match segmenter {
                Some(path) => Pipeline::segmentation_with(SentenceSplitter::from_bytes(&attache::read_file(&path)?)?),
                None => Pipeline::segmentation(),
            };
            if !json {
                println!(
                    "{:<28} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
                    "file", "tok P", "tok R", "tok F1", "word F1", "sent P", "sent R"
                );
            }
            for path in &conllu {
                let report = attache_eval::segment::segment_file(path, errors, &pipeline)?;
                for error in &report.errors {
                    eprintln!("{error}");
                }
                let scores = report.scores;
                let name = file_name(path);
                if json {
                    println!(
                        "{}",
                        serde_json::json!({ "file": name, "scores": scores,
                        "token_f1": scores.tokens.f1(), "word_f1": scores.words.f1(), "sentence_f1": scores.sentences.f1() })
                    );
                } else {
                    let t = scores.tokens;
                    let s = scores.sentences;
                    println!(
                        "{:<28} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}   sentence F1 {:.2}",
                        name,
                        t.precision(),
                        t.recall(),
                        t.f1(),
                        scores.words.f1(),
                        s.precision(),
                        s.recall(),
                        s.f1()
                    );
                }
            }
        }
        Task::Parser { conllu, model, prune, gold_tags, case, raw } => {
            let mut parser = match model {
                Some(path) => read_model(&path, |b| Parser::from_bytes(b, assembly::word_classes()))?,
                None => assembly::parser(),
            };
            if let Some(threshold) = prune {
                parser = parser.pruned(threshold);
                let (features, weights) = parser.size();
                println!("pruned at {threshold}: {features} features, {weights} weights");
            }
            let tagger = assembly::tagger();
            for path in &conllu {
                let tags = if gold_tags { None } else { Some(&tagger) };
                println!(
                    "{:<28} {}",
                    file_name(path),
                    attache_eval::syntax::parser_scores(path, tags, &parser, case.into())?
                );
            }
            if raw {
                let pipeline = Pipeline::syntax(tagger, parser);
                for path in &conllu {
                    let total = attache_eval::syntax::raw_text_scores(path, &pipeline)?;
                    println!(
                        "{:<28} from raw text: UPOS F1 {:.2}  UAS F1 {:.2}  LAS F1 {:.2}",
                        file_name(path),
                        total.upos.f1(),
                        total.uas.f1(),
                        total.las.f1()
                    );
                }
            }
        }
        Task::Ner { corpora: NerCorpora { conll, gum }, model, case } => {
            let recognizer = match model {
                Some(path) => read_model(&path, EntityRecognizer::from_bytes)?,
                None => assembly::recognizer(),
            };
            let tagger = assembly::tagger();
            let report = |path: &Path, documents: Vec<attache_ner::NerDocument>| {
                println!("{:<28} {}", file_name(path), attache_eval::entities::ner_scores(&documents, &recognizer));
            };
            for path in &conll {
                report(
                    path,
                    attache::train::ner_documents(std::slice::from_ref(path), &[], &tagger, &|_| case.into())?,
                );
            }
            for path in &gum {
                report(
                    path,
                    attache::train::ner_documents(&[], std::slice::from_ref(path), &tagger, &|_| case.into())?,
                );
            }
        }
        Task::Timex { gum, values, corpus, errors } => {
            for path in &gum {
                let report = attache_eval::entities::timex_scores(path, errors)?;
                print_errors(&report.errors);
                println!("{:<28} {}", file_name(path), report.scores);
            }
            if let (Some(values), Some(corpus)) = (values, corpus) {
                let report = attache_eval::gold_sets::timex_values(&corpus, &values, errors)?;
                print_errors(&report.errors);
                println!("{:<28} {}", file_name(&values), report.scores);
            }
        }
        Task::Quotes { gold, corpus, errors } => {
            let report = attache_eval::gold_sets::quote_speakers(&corpus, &gold, errors)?;
            print_errors(&report.errors);
            for (split, scores) in report.scores {
                println!("{:<28} {split:<6} {scores}", file_name(&gold));
            }
        }
        Task::WordClasses { conllu } => {
            let table = assembly::word_classes();
            for path in &conllu {
                let (mut words, mut exact, mut lower) = (0, 0, 0);
                for word in attache_conllu::read_file(path)?.sentences.iter().flat_map(|s| &s.words) {
                    words += 1;
                    exact += usize::from(table.get(&word.form).is_known());
                    lower += usize::from(table.lower(&word.form).is_known());
                }
                let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
                println!(
                    "{:<28} words known: {:.2} % as written, {:.2} % lower-cased ({words} words)",
                    file_name(path),
                    pct(exact),
                    pct(lower)
                );
            }
        }
        Task::Tagger { conllu, model, confusions, case } => {
            let tagger = match model {
                Some(path) => read_model(&path, |b| Tagger::from_bytes(b, assembly::word_classes()))?,
                None => assembly::tagger(),
            };
            for path in &conllu {
                let (scores, table) = attache_eval::syntax::tagger_scores(path, &tagger, case.into())?;
                println!("{:<28} {scores}", file_name(path));
                for c in table.most_frequent(confusions) {
                    println!("  {:>5}  {:>6} -> {:<6} {}", c.count, c.gold, c.predicted, c.examples);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
