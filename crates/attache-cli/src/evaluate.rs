use anyhow::Context;
use attache_conllu::GoldText;
use attache_doc::{Document, Metadata, Pipeline};
use attache_eval::{score_segmentation, system_spans, SegmentationScores};
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
        #[arg(long, default_value_os_t = crate::event_evals::default_dictionaries())]
        dictionaries: PathBuf,
        /// Print up to N records coded wrongly, with the rules that fired.
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
        /// Print up to N records not fully matched, with the events found.
        #[arg(long, default_value_t = 0)]
        errors: usize,
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
    },
}

/// Attachment scores on gold tokens with predicted tags.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct ParserScores {
    pub words: usize,
    /// Right head.
    pub unlabeled: usize,
    /// Right head and relation, subtypes ignored (CoNLL 2018 LAS).
    pub labeled: usize,
    /// Right head and full relation, subtypes included.
    pub labeled_full: usize,
}

impl ParserScores {
    pub fn uas(&self) -> f64 {
        100.0 * self.unlabeled as f64 / self.words.max(1) as f64
    }
    pub fn las(&self) -> f64 {
        100.0 * self.labeled as f64 / self.words.max(1) as f64
    }
}

impl std::fmt::Display for ParserScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let full = 100.0 * self.labeled_full as f64 / self.words.max(1) as f64;
        write!(f, "UAS {:.2}  LAS {:.2}  (with subtypes {full:.2}; {} words)", self.uas(), self.las(), self.words)
    }
}

/// Tags and parses every sentence of a treebank from its gold words and scores the trees.
/// Tags come from `tagger`, or from the treebank when it is `None`.
pub fn parser_scores(
    path: &Path,
    tagger: Option<&attache_tagger::Tagger>,
    parser: &attache_parser::Parser,
) -> anyhow::Result<ParserScores> {
    let mut scores = ParserScores::default();
    for sentence in attache_conllu::read_file(path)?.sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let tags: Vec<(&str, &str)> = match tagger {
            Some(tagger) => tagger.tag(&words).iter().map(|t| (t.upos, t.xpos)).collect(),
            None => sentence.words.iter().map(|w| (w.upos.as_str(), w.xpos.as_str())).collect(),
        };
        for (gold, parsed) in sentence.words.iter().zip(parser.parse(&words, &tags)) {
            scores.words += 1;
            let head = parsed.head.map_or(0, |h| h + 1);
            if head == gold.head {
                scores.unlabeled += 1;
                let universal = |l: &str| l.split(':').next().unwrap_or(l).to_string();
                scores.labeled += usize::from(universal(&gold.deprel) == universal(parsed.deprel));
                scores.labeled_full += usize::from(gold.deprel == parsed.deprel);
            }
        }
    }
    Ok(scores)
}

/// The model in the file at `path`, or the built-in one when no path is given.
fn model_or<T, E: std::error::Error + Send + Sync + 'static>(
    path: Option<&Path>,
    from_bytes: fn(&[u8]) -> Result<T, E>,
    builtin: fn() -> T,
) -> anyhow::Result<T> {
    match path {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok(from_bytes(&bytes).with_context(|| format!("{} is not a valid model", path.display()))?)
        }
        None => Ok(builtin()),
    }
}

/// Gold NER documents from CoNLL-2003 files and GUM treebanks, with Penn tags from
/// Attaché's `tagger` (as the recogniser sees them at run time).
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

pub fn ner_documents(
    conll: &[PathBuf],
    gum: &[PathBuf],
    tagger: &attache_tagger::Tagger,
) -> anyhow::Result<Vec<attache_ner::NerDocument>> {
    let mut documents = Vec::new();
    for path in conll {
        let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        documents.extend(
            attache_ner::conll2003_documents(&content, &path.display().to_string()).map_err(anyhow::Error::msg)?,
        );
    }
    for path in gum {
        documents.extend(attache_ner::gum_documents(&attache_conllu::read_file(path)?));
    }
    for sentence in documents.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        sentence.tags = tagger.tag(&words).iter().map(|t| t.xpos.to_string()).collect();
    }
    Ok(documents)
}

/// Entity scores of `recognizer` on gold documents.
pub fn ner_scores(
    documents: &[attache_ner::NerDocument],
    recognizer: &attache_ner::EntityRecognizer,
) -> attache_ner::EntityScores {
    let mut scores = attache_ner::EntityScores::default();
    for document in documents {
        let sentences: Vec<(Vec<&str>, Vec<&str>)> = document
            .sentences
            .iter()
            .map(|s| (s.words.iter().map(String::as_str).collect(), s.tags.iter().map(String::as_str).collect()))
            .collect();
        for (sentence, found) in document.sentences.iter().zip(recognizer.recognize_document(&sentences)) {
            scores.add(&sentence.entities, &found);
        }
    }
    scores
}

/// Timex spans against gold time mentions: counts of exact and overlapping matches.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimexScores {
    pub gold: usize,
    pub found: usize,
    /// Found expressions with exactly a gold mention's span.
    pub exact: usize,
    /// Found expressions overlapping some gold mention.
    pub found_overlapping: usize,
    /// Gold mentions overlapping some found expression.
    pub gold_overlapping: usize,
}

impl std::fmt::Display for TimexScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = attache_eval::percent;
        write!(
            f,
            "found {} gold {}  exact P {:.2} R {:.2}  overlap P {:.2} R {:.2}",
            self.found,
            self.gold,
            pct(self.exact, self.found),
            pct(self.exact, self.gold),
            pct(self.found_overlapping, self.found),
            pct(self.gold_overlapping, self.gold)
        )
    }
}

/// Scores Attaché's timex grammar against a GUM treebank's time mentions, printing up to
/// `errors` unmatched expressions each way.
pub fn timex_scores(treebank: &attache_conllu::Treebank, errors: usize) -> TimexScores {
    let mut scores = TimexScores::default();
    let (mut spurious, mut missed) = (Vec::new(), Vec::new());
    for sentence in &treebank.sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let gold: Vec<(usize, usize)> =
            sentence.entity_mentions().iter().filter(|m| m.etype == "time").map(|m| (m.start, m.end)).collect();
        let found: Vec<(usize, usize)> = attache_time::grammar::find(&words).iter().map(|f| (f.start, f.end)).collect();
        let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
        scores.gold += gold.len();
        scores.found += found.len();
        scores.exact += found.iter().filter(|f| gold.contains(f)).count();
        let phrase = |(s, e): (usize, usize)| words[s..e].join(" ");
        for f in &found {
            if gold.iter().any(|g| overlaps(f, g)) {
                scores.found_overlapping += 1;
            } else {
                spurious.push(phrase(*f));
            }
        }
        for g in &gold {
            if found.iter().any(|f| overlaps(f, g)) {
                scores.gold_overlapping += 1;
            } else {
                missed.push(phrase(*g));
            }
        }
    }
    for (what, list) in [("not in gold", &spurious), ("missed", &missed)] {
        for phrase in list.iter().take(errors) {
            println!("  {what}: {phrase}");
        }
    }
    scores
}

/// Tagging accuracy on gold tokens.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct TaggerScores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
}

impl std::fmt::Display for TaggerScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |n: usize| 100.0 * n as f64 / self.words.max(1) as f64;
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  ({} words)",
            pct(self.upos),
            pct(self.xpos),
            pct(self.lemma),
            self.words
        )
    }
}

/// Tags every sentence of a treebank from its gold words and counts agreements.
pub fn tagger_scores(path: &Path, tagger: &attache_tagger::Tagger) -> anyhow::Result<TaggerScores> {
    tagger_scores_with_confusions(path, tagger, &mut Default::default())
}

/// Like [`tagger_scores`], also counting (gold, predicted, word) UPOS confusions.
fn tagger_scores_with_confusions(
    path: &Path,
    tagger: &attache_tagger::Tagger,
    confusions: &mut std::collections::HashMap<(String, String), (usize, String)>,
) -> anyhow::Result<TaggerScores> {
    let mut scores = TaggerScores::default();
    for sentence in attache_conllu::read_file(path)?.sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        for (gold, tagged) in sentence.words.iter().zip(tagger.tag(&words)) {
            scores.words += 1;
            scores.upos += usize::from(gold.upos == tagged.upos);
            if gold.upos != tagged.upos {
                let entry = confusions.entry((gold.upos.clone(), tagged.upos.to_string())).or_default();
                entry.0 += 1;
                if entry.1.len() < 60 {
                    entry.1.push_str(&gold.form);
                    entry.1.push(' ');
                }
            }
            scores.xpos += usize::from(gold.xpos == tagged.xpos);
            scores.lemma += usize::from(gold.lemma == tagger.lemma(&gold.form, tagged.xpos));
        }
    }
    Ok(scores)
}

pub fn run(task: Task) -> anyhow::Result<ExitCode> {
    match task {
        Task::Plover { records, errors } => {
            crate::event_evals::plover(&records, errors)?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Petrarch { records, dictionaries, errors } => {
            crate::event_evals::petrarch(&records, &dictionaries, errors)?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Segment { conllu, errors, json, segmenter } => {
            let pipeline = match segmenter {
                Some(path) => {
                    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                    crate::segmentation_with(attache_text::SentenceSplitter::from_bytes(&bytes)?)
                }
                None => crate::segmentation_with(attache_text::SentenceSplitter::builtin()),
            };
            if !json {
                println!(
                    "{:<28} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
                    "file", "tok P", "tok R", "tok F1", "word F1", "sent P", "sent R"
                );
            }
            for path in &conllu {
                let scores = segment_file(path, errors, &pipeline)?;
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
            Ok(ExitCode::SUCCESS)
        }
        Task::Parser { conllu, model, prune, gold_tags, raw } => {
            let mut parser = model_or(model.as_deref(), attache_parser::Parser::from_bytes, crate::builtin_parser)?;
            if let Some(threshold) = prune {
                parser = parser.pruned(threshold);
                let (features, weights) = parser.size();
                println!("pruned at {threshold}: {features} features, {weights} weights");
            }
            let tagger = crate::builtin_tagger();
            for path in &conllu {
                let tags = if gold_tags { None } else { Some(&tagger) };
                println!("{:<28} {}", file_name(path), parser_scores(path, tags, &parser)?);
            }
            if raw {
                let pipeline =
                    crate::segmentation_with(attache_text::SentenceSplitter::builtin()).with(tagger).with(parser);
                for path in &conllu {
                    let mut total = attache_eval::AlignedScores::default();
                    for gold in attache_conllu::read_file(path)?.running_text()? {
                        let mut doc = Document::new("gold", gold.text.clone(), Metadata::default());
                        pipeline.process(&mut doc);
                        total += attache_eval::score_aligned(&gold, &doc);
                    }
                    println!(
                        "{:<28} from raw text: UPOS F1 {:.2}  UAS F1 {:.2}  LAS F1 {:.2}",
                        file_name(path),
                        total.upos.f1(),
                        total.uas.f1(),
                        total.las.f1()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Task::Ner { corpora: NerCorpora { conll, gum }, model } => {
            let recognizer =
                model_or(model.as_deref(), attache_ner::EntityRecognizer::from_bytes, crate::builtin_recognizer)?;
            let tagger = crate::builtin_tagger();
            let report = |path: &Path, documents: Vec<attache_ner::NerDocument>| {
                println!("{:<28} {}", file_name(path), ner_scores(&documents, &recognizer));
            };
            for path in &conll {
                report(path, ner_documents(std::slice::from_ref(path), &[], &tagger)?);
            }
            for path in &gum {
                report(path, ner_documents(&[], std::slice::from_ref(path), &tagger)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Task::Timex { gum, values, corpus, errors } => {
            for path in &gum {
                let scores = timex_scores(&attache_conllu::read_file(path)?, errors);
                println!("{:<28} {scores}", file_name(path));
            }
            if let (Some(values), Some(corpus)) = (values, corpus) {
                let scores = crate::gold_sets::timex_values(&corpus, &values, errors)?;
                println!("{:<28} {scores}", file_name(&values));
            }
            Ok(ExitCode::SUCCESS)
        }
        Task::Quotes { gold, corpus, errors } => {
            for (split, scores) in crate::gold_sets::quote_speakers(&corpus, &gold, errors)? {
                println!("{:<28} {split:<6} {scores}", file_name(&gold));
            }
            Ok(ExitCode::SUCCESS)
        }
        Task::Tagger { conllu, model, confusions } => {
            let tagger = model_or(model.as_deref(), attache_tagger::Tagger::from_bytes, crate::builtin_tagger)?;
            for path in &conllu {
                let mut table = std::collections::HashMap::new();
                println!("{:<28} {}", file_name(path), tagger_scores_with_confusions(path, &tagger, &mut table)?);
                let mut rows: Vec<_> = table.into_iter().collect();
                rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
                for ((gold, predicted), (count, examples)) in rows.into_iter().take(confusions) {
                    println!("  {count:>5}  {gold:>6} -> {predicted:<6} {examples}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Segments each document of a treebank from its raw text and scores it.
pub fn segment_file(path: &Path, errors: usize, pipeline: &Pipeline) -> anyhow::Result<SegmentationScores> {
    let treebank = attache_conllu::read_file(path)?;
    let golds = treebank.running_text().with_context(|| format!("rebuilding the text of {}", path.display()))?;
    let mut total = SegmentationScores::default();
    let (mut token_errors, mut sentence_errors) = (0, 0);
    for gold in &golds {
        let mut doc = Document::new("gold", gold.text.clone(), Metadata::default());
        pipeline.process(&mut doc);
        let system = system_spans(&doc);
        total += score_segmentation(gold, &system);
        if token_errors < errors {
            token_errors += print_differences("token", gold, &gold.tokens, &system.tokens, errors - token_errors);
        }
        if sentence_errors < errors {
            sentence_errors +=
                print_differences("sentence", gold, &gold.sentences, &system.sentences, errors - sentence_errors);
        }
    }
    Ok(total)
}

/// Prints gold spans the system missed, with the system's spans around them.
fn print_differences(
    what: &str,
    gold: &GoldText,
    gold_spans: &[(usize, usize)],
    system_spans: &[(usize, usize)],
    limit: usize,
) -> usize {
    let system: std::collections::HashSet<_> = system_spans.iter().collect();
    let mut printed = 0;
    for span in gold_spans.iter().filter(|s| !system.contains(s)).take(limit) {
        let found: Vec<&str> =
            system_spans.iter().filter(|s| s.0 < span.1 && s.1 > span.0).map(|s| &gold.text[s.0..s.1]).collect();
        eprintln!("{what} missed: {:?}\n    system: {:?}", &gold.text[span.0..span.1], found);
        printed += 1;
    }
    printed
}
