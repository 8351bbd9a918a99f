//! Hand-written analyses as [`Document`]s: the fixtures that rule components are tested on.
//!
//! [`parse_document`] turns one CoNLL-U document into a [`Document`] with every layer a
//! tagger, parser and recogniser would give it, so a rule can be tested against the exact
//! parse it is meant for (as spaCy's tests build `Doc(words=…, heads=…, deps=…)` by hand):
//!
//! - **text and tokens**: the surface forms joined by single spaces, with no space after a
//!   token whose MISC column says `SpaceAfter=No`; a sentence after `# newpar` starts a new
//!   paragraph, separated from the one before by a blank line ("\n\n"), as
//!   [`Treebank::running_text`](crate::Treebank::running_text) rebuilds treebank text. A
//!   range line (`2-3 don't`) becomes a [`MultiwordToken`]. A `# text` comment, when given,
//!   must be the sentence as rebuilt (a check on the fixture's spacing). Sentences are
//!   separated by blank lines as in any CoNLL-U file, but a fixture may leave out the blank
//!   line before a comment (`# newpar`, `# text`) that starts the next sentence;
//! - **tags and parse**: `lemma`, `upos` and `xpos` as the tagger fills them, `head` as an
//!   index into [`Document::tokens`] (`None` for the root) and `deprel` as the parser's label
//!   ("root" for the root); `_` leaves a field empty;
//! - **named entities**: from `NE=` in the MISC column, in BIO form: `NE=B-PERSON` begins a
//!   mention, `NE=I-PERSON` continues it, a word with neither (or `NE=O`) is outside; the
//!   types are those of [`EntityType`]: `PERSON`, `ORG`, `PLACE`, `MISC`. Mentions with the
//!   same words and type are one entity (its `name` is their text, `canonical` 0); entities
//!   are numbered in order of first mention. A mention ends at its sentence's end;
//! - **metadata**: `# date = YYYY-MM-DD` (anywhere in the document) sets [`Metadata::date`],
//!   the anchor of relative dates and the date of events with none of their own.
//!
//! ```text
//! # date = 2024-05-14
//! # text = Mara Quill met Ivan Petrov.
//! 1   Mara    Mara    PROPN  NNP  _  3  nsubj  _  NE=B-PERSON
//! 2   Quill   Quill   PROPN  NNP  _  1  flat   _  NE=I-PERSON
//! 3   met     meet    VERB   VBD  _  0  root   _  _
//! 4   Ivan    Ivan    PROPN  NNP  _  3  obj    _  NE=B-PERSON
//! 5   Petrov  Petrov  PROPN  NNP  _  4  flat   _  NE=I-PERSON|SpaceAfter=No
//! 6   .       .       PUNCT  .    _  3  punct  _  _
//! ```

use crate::{parse, ConlluError};
use attache_doc::{
    Deprel, Document, Entity, EntityType, Mention, Metadata, MultiwordToken, Sentence, Span, Token, TokenKind, Upos,
};
use chrono::NaiveDate;

/// Builds a [`Document`] with gold tokens, sentences, tags, parse, named entities and date
/// from the CoNLL-U text of one document (see the [module documentation](self) for the
/// conventions); `name` is the document's id and the name in error messages.
pub fn parse_document(content: &str, name: &str) -> Result<Document, ConlluError> {
    let error = |line: usize, message: String| ConlluError::Format { path: name.to_string(), line, message };
    let (separated, origins) = with_sentence_breaks(content);
    let treebank = parse(&separated, name).map_err(|e| match e {
        ConlluError::Format { path, line, message } => {
            ConlluError::Format { path, line: origins.get(line.wrapping_sub(1)).copied().unwrap_or(line), message }
        }
        other => other,
    })?;
    let lines = LineNumbers::of(content);
    let mut golds = treebank.running_text()?;
    if golds.len() > 1 {
        let second = treebank.sentences.iter().skip(1).position(|s| s.new_document).map_or(0, |n| n + 1);
        let line = lines.first_word_of_sentence(&treebank.sentences, second);
        return Err(error(line, "a fixture holds one document: a second '# newdoc' starts another".into()));
    }
    let meta = Metadata { date: date_comment(content, name)?, ..Metadata::default() };
    let Some(gold) = golds.pop() else { return Ok(Document::new(name, "", meta)) };
    let mut doc = Document::new(name, gold.text.clone(), meta);
    let mut entities = Entities::default();
    for (n, sentence) in treebank.sentences.iter().enumerate() {
        let first = doc.tokens.len();
        let span = Span::new(gold.sentences[n].0, gold.sentences[n].1);
        if let Some(text) = &sentence.text {
            if doc.slice(span) != text {
                let line = lines.first_word_of_sentence(&treebank.sentences, n);
                let rebuilt = doc.slice(span).to_string();
                return Err(error(
                    line,
                    format!("'# text' is {text:?} but the words make {rebuilt:?} (SpaceAfter=No?)"),
                ));
            }
        }
        for (i, word) in sentence.words.iter().enumerate() {
            let at = first + i;
            let line = lines.words[at];
            let (start, end) = gold.words[at];
            let field = |value: &str| (value != "_").then(|| value.to_string());
            let head = match word.head {
                0 => None,
                h if h <= sentence.words.len() => Some(first + h - 1),
                h => {
                    return Err(error(line, format!("head {h} is past the sentence's {} words", sentence.words.len())))
                }
            };
            // A fixture's labels are exact: a misspelt one is an error, not a fallback.
            let upos = match word.upos.as_str() {
                "_" => None,
                tag => Some(Upos::parse(tag).ok_or_else(|| error(line, format!("unknown UPOS tag '{tag}'")))?),
            };
            let deprel = match word.deprel.as_str() {
                "_" => None,
                rel => Some(Deprel::exactly(rel).ok_or_else(|| error(line, format!("unknown relation '{rel}'")))?),
            };
            doc.tokens.push(Token {
                span: Span::new(start, end),
                kind: kind_of(&word.form, &word.upos),
                upos,
                xpos: field(&word.xpos),
                lemma: field(&word.lemma),
                head,
                deprel,
            });
            let label = word.misc.split('|').find_map(|f| f.strip_prefix("NE="));
            entities.word(at, label).map_err(|message| error(line, message))?;
        }
        entities.close();
        for m in &sentence.multiwords {
            let tokens = first + m.first..first + m.last + 1;
            let span = doc.span_of(&tokens);
            doc.multiword_tokens.push(MultiwordToken { tokens, span });
        }
        doc.sentences.push(Sentence { tokens: first..doc.tokens.len(), span });
    }
    doc.entities = entities.finish(&doc);
    Ok(doc)
}

/// `content` with a blank line before each comment that follows a word line (the blank line a
/// fixture may leave out before `# newpar` or `# text`), and for each of its lines the 1-based
/// line of `content` it stands for.
fn with_sentence_breaks(content: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(content.len());
    let mut origins = Vec::new();
    let mut after_word = false;
    for (n, line) in content.lines().enumerate() {
        let comment = line.starts_with('#');
        if comment && after_word {
            out.push('\n');
            origins.push(n + 1);
        }
        after_word = !comment && !line.trim().is_empty();
        out.push_str(line);
        out.push('\n');
        origins.push(n + 1);
    }
    (out, origins)
}

/// The 1-based line of each word (integer id) line, in document order.
struct LineNumbers {
    words: Vec<usize>,
}

impl LineNumbers {
    fn of(content: &str) -> LineNumbers {
        let words = content
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                let id = line.split('\t').next().unwrap_or("");
                !line.starts_with('#') && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
            })
            .map(|(n, _)| n + 1)
            .collect();
        LineNumbers { words }
    }

    fn first_word_of_sentence(&self, sentences: &[crate::TreebankSentence], n: usize) -> usize {
        let before: usize = sentences[..n].iter().map(|s| s.words.len()).sum();
        self.words.get(before).copied().unwrap_or(0)
    }
}

/// The date of a `# date = YYYY-MM-DD` comment, if there is one.
fn date_comment(content: &str, name: &str) -> Result<Option<NaiveDate>, ConlluError> {
    for (n, line) in content.lines().enumerate() {
        let Some((key, value)) = line.strip_prefix('#').and_then(|c| c.split_once('=')) else { continue };
        if key.trim() != "date" {
            continue;
        }
        let value = value.trim();
        return NaiveDate::parse_from_str(value, "%Y-%m-%d").map(Some).map_err(|e| ConlluError::Format {
            path: name.to_string(),
            line: n + 1,
            message: format!("bad date {value:?} ({e}); write YYYY-MM-DD"),
        });
    }
    Ok(None)
}

/// The tokenizer's class of a word, as near as its form and tag tell.
fn kind_of(form: &str, upos: &str) -> TokenKind {
    match upos {
        "PUNCT" => TokenKind::Punct,
        "SYM" => TokenKind::Symbol,
        "NUM" if form.chars().any(|c| c.is_ascii_digit()) => TokenKind::Number,
        _ => TokenKind::Word,
    }
}

/// The entity type named in an `NE=` label.
fn entity_type(name: &str) -> Option<EntityType> {
    EntityType::ALL.into_iter().find(|t| t.as_str() == name)
}

/// Mentions read so far, and the one still open.
#[derive(Default)]
struct Entities {
    mentions: Vec<(std::ops::Range<usize>, EntityType)>,
    open: Option<(std::ops::Range<usize>, EntityType)>,
}

impl Entities {
    /// Reads the label of token `at` (`None` when the word has no `NE=`).
    fn word(&mut self, at: usize, label: Option<&str>) -> Result<(), String> {
        let parsed = match label {
            None | Some("O") => None,
            Some(label) => {
                let (position, name) = label
                    .split_once('-')
                    .ok_or_else(|| format!("bad entity label NE={label}; write NE=B-TYPE or NE=I-TYPE"))?;
                let kind = entity_type(name).ok_or_else(|| {
                    format!("unknown entity type {name:?} in NE={label}; use PERSON, ORG, PLACE or MISC")
                })?;
                Some((position, kind, label))
            }
        };
        match parsed {
            None => self.close(),
            Some(("B", kind, _)) => {
                self.close();
                self.open = Some((at..at + 1, kind));
            }
            Some(("I", kind, label)) => match &mut self.open {
                Some((tokens, open_kind)) if *open_kind == kind => tokens.end = at + 1,
                _ => return Err(format!("NE={label} continues no B-{} mention", kind.as_str())),
            },
            Some((_, _, label)) => return Err(format!("bad entity label NE={label}; write NE=B-TYPE or NE=I-TYPE")),
        }
        Ok(())
    }

    fn close(&mut self) {
        if let Some(mention) = self.open.take() {
            self.mentions.push(mention);
        }
    }

    /// One entity per distinct (words, type), in order of first mention.
    fn finish(mut self, doc: &Document) -> Vec<Entity> {
        self.close();
        let mut entities: Vec<Entity> = Vec::new();
        for (tokens, kind) in self.mentions {
            let span = doc.span_of(&tokens);
            let mention = Mention { tokens, span, rule: None };
            let name = doc.slice(span);
            match entities.iter_mut().find(|e| e.kind == kind && e.name == name) {
                Some(entity) => entity.add_mention(mention),
                None => entities.push(Entity {
                    id: entities.len(),
                    kind,
                    name: name.to_string(),
                    canonical: 0,
                    mentions: vec![mention],
                    location: None,
                    actor: None,
                }),
            }
        }
        entities
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two paragraphs: "Mara Quill met Ivan Petrov in Oslo." / "“We talked,” she said."
    const FIXTURE: &str = "# newdoc id = quill\n# date = 2024-05-14\n# newpar\n\
# text = Mara Quill met Ivan Petrov in Oslo.\n\
1\tMara\tMara\tPROPN\tNNP\t_\t3\tnsubj\t_\tNE=B-PERSON\n\
2\tQuill\tQuill\tPROPN\tNNP\t_\t1\tflat\t_\tNE=I-PERSON\n\
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tIvan\tIvan\tPROPN\tNNP\t_\t3\tobj\t_\tNE=B-PERSON\n\
5\tPetrov\tPetrov\tPROPN\tNNP\t_\t4\tflat\t_\tNE=I-PERSON\n\
6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n\
7\tOslo\tOslo\tPROPN\tNNP\t_\t3\tobl\t_\tNE=B-PLACE|SpaceAfter=No\n\
8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
# newpar\n\
# text = “We didn't talk,” Quill said.\n\
1\t“\t\"\tPUNCT\t``\t_\t5\tpunct\t_\tSpaceAfter=No\n\
2\tWe\twe\tPRON\tPRP\t_\t5\tnsubj\t_\t_\n\
3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tdid\tdo\tAUX\tVBD\t_\t5\taux\t_\t_\n\
4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_\n\
5\ttalk\ttalk\tVERB\tVB\t_\t9\tccomp\t_\tSpaceAfter=No\n\
6\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\tSpaceAfter=No\n\
7\t”\t\"\tPUNCT\t''\t_\t5\tpunct\t_\t_\n\
8\tQuill\tQuill\tPROPN\tNNP\t_\t9\tnsubj\t_\tNE=B-PERSON\n\
9\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
10\t.\t.\tPUNCT\t.\t_\t9\tpunct\t_\t_\n\n";

    /// An entity as (id, name, type, mention token ranges).
    type Summary<'d> = (usize, &'d str, EntityType, Vec<(usize, usize)>);

    fn texts(doc: &Document) -> Vec<&str> {
        (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
    }

    #[test]
    fn spans_join_words_with_spaces_except_after_space_after_no() {
        let doc = parse_document(FIXTURE, "quill").unwrap();
        assert_eq!(doc.id, "quill");
        assert_eq!(doc.text, "Mara Quill met Ivan Petrov in Oslo.\n\n“We didn't talk,” Quill said.");
        assert_eq!(
            texts(&doc),
            [
                "Mara", "Quill", "met", "Ivan", "Petrov", "in", "Oslo", ".", "“", "We", "did", "n't", "talk", ",", "”",
                "Quill", "said", "."
            ]
        );
        assert!(doc.no_space_after(6) && !doc.no_space_after(5));
        let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(sentences, ["Mara Quill met Ivan Petrov in Oslo.", "“We didn't talk,” Quill said."]);
        assert_eq!(doc.sentences[1].tokens, 8..18);
    }

    #[test]
    fn the_blank_line_before_a_new_paragraph_may_be_left_out() {
        let dense = FIXTURE
            .replace(".\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n# newpar", ".\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n# newpar");
        assert_ne!(dense, FIXTURE);
        assert_eq!(parse_document(&dense, "quill").unwrap(), parse_document(FIXTURE, "quill").unwrap());
        // Errors give lines of the fixture as written, whether the reader or the parser finds them.
        let err = |from: &str, to: &str| parse_document(&dense.replace(from, to), "f").unwrap_err().to_string();
        assert!(err("\t9\tccomp", "\t99\tccomp").starts_with("f:20: head 99"));
        assert!(err("\t9\tccomp", "\tX\tccomp").starts_with("f:20: bad head"));
    }

    #[test]
    fn a_range_line_makes_a_multiword_token() {
        let doc = parse_document(FIXTURE, "quill").unwrap();
        assert_eq!(doc.multiword_tokens.len(), 1);
        let m = &doc.multiword_tokens[0];
        assert_eq!((m.tokens.clone(), doc.slice(m.span)), (10..12, "didn't"));
    }

    #[test]
    fn heads_index_the_document_and_the_root_has_none() {
        let doc = parse_document(FIXTURE, "quill").unwrap();
        let met = &doc.tokens[2];
        assert_eq!((met.head, met.deprel), (None, Some(Deprel::Root)));
        assert_eq!(
            (met.upos, met.xpos.as_deref(), met.lemma.as_deref()),
            (Some(Upos::Verb), Some("VBD"), Some("meet"))
        );
        assert_eq!(doc.tokens[0].head, Some(2));
        // Heads of the second sentence count from the document's first token.
        assert_eq!((doc.tokens[12].head, doc.tokens[12].deprel), (Some(16), Some(Deprel::Ccomp)));
        assert_eq!(doc.children(16).collect::<Vec<_>>(), [12, 15, 17]);
        assert_eq!(doc.tokens[7].kind, TokenKind::Punct);
        assert_eq!(doc.tokens[0].kind, TokenKind::Word);
    }

    #[test]
    fn bio_labels_make_entities_and_a_repeated_name_is_one_entity() {
        let doc = parse_document(FIXTURE, "quill").unwrap();
        let entities: Vec<Summary> = doc
            .entities
            .iter()
            .map(|e| {
                (e.id, e.name.as_str(), e.kind, e.mentions.iter().map(|m| (m.tokens.start, m.tokens.end)).collect())
            })
            .collect();
        assert_eq!(
            entities,
            [
                (0, "Mara Quill", EntityType::Person, vec![(0, 2)]),
                (1, "Ivan Petrov", EntityType::Person, vec![(3, 5)]),
                (2, "Oslo", EntityType::Place, vec![(6, 7)]),
                (3, "Quill", EntityType::Person, vec![(15, 16)]),
            ]
        );
        assert!(doc.entities.iter().all(|e| e.canonical == 0 && e.location.is_none() && e.actor.is_none()));
        assert_eq!(doc.slice(doc.entities[2].mentions[0].span), "Oslo");
    }

    #[test]
    fn the_same_words_twice_are_one_entity_with_two_mentions() {
        let text = "1\tOslo\tOslo\tPROPN\tNNP\t_\t0\troot\t_\tNE=B-PLACE\n\
2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n\
3\tOslo\tOslo\tPROPN\tNNP\t_\t1\tconj\t_\tNE=B-PLACE\n\n";
        let doc = parse_document(text, "t").unwrap();
        assert_eq!(doc.entities.len(), 1);
        let mentions: Vec<(usize, usize)> =
            doc.entities[0].mentions.iter().map(|m| (m.tokens.start, m.tokens.end)).collect();
        assert_eq!(mentions, [(0, 1), (2, 3)]);
    }

    #[test]
    fn a_date_comment_sets_the_article_date() {
        let doc = parse_document(FIXTURE, "quill").unwrap();
        assert_eq!(doc.meta.date, NaiveDate::from_ymd_opt(2024, 5, 14));
        let undated = parse_document(&FIXTURE.replace("# date = 2024-05-14\n", ""), "quill").unwrap();
        assert_eq!(undated.meta.date, None);
    }

    #[test]
    fn mistakes_in_a_fixture_are_reported_with_their_line() {
        let err = |text: &str| parse_document(text, "f.conllu").unwrap_err().to_string();
        assert!(err(&FIXTURE.replace("NE=I-PERSON\n", "NE=I-ORG\n")).starts_with("f.conllu:6: NE=I-ORG continues no"));
        assert!(err(&FIXTURE.replace("NE=B-PLACE", "NE=B-LOC")).contains("unknown entity type \"LOC\""));
        assert!(err(&FIXTURE.replace("2024-05-14", "14/05/2024")).starts_with("f.conllu:2: bad date"));
        let spacing = err(&FIXTURE.replace("NE=B-PLACE|SpaceAfter=No", "NE=B-PLACE"));
        assert!(spacing.starts_with("f.conllu:5: '# text' is"), "{spacing}");
        let two = format!("{FIXTURE}# newdoc id = other\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
        assert!(err(&two).contains("one document"));
    }
}
