//! CoNLL-U, the file format of Universal Dependencies treebanks.
//!
//! [`read_file`] parses a treebank into documents, paragraphs and sentences, keeping the
//! comments that matter for rebuilding running text (`# newdoc`, `# newpar`, `# text`).
//! [`Treebank::running_text`] rebuilds each document as plain text with the gold span
//! of every token, word and sentence, which is how Attaché scores its own segmentation
//! from raw text. [`parse_document`] builds an analysed [`attache_doc::Document`] from a
//! hand-written CoNLL-U fixture, with named entities and a date, for testing the rule
//! components on the exact parse they are meant for.

mod document;

pub use document::parse_document;

use attache_doc::{Deprel, Upos};
use std::path::Path;

/// Errors reading a CoNLL-U file.
#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A line does not follow the format.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One syntactic word of a sentence (a CoNLL-U line with an integer id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech (Penn Treebank tags in English).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Head word, 1-based; 0 for the root.
    pub head: usize,
    /// Dependency relation to the head.
    pub deprel: String,
    /// The MISC column.
    pub misc: String,
}

impl Word {
    /// True when the MISC column says no space follows.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A surface token spanning several words (a CoNLL-U range line such as `3-4`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Multiword {
    /// First word, 0-based index into [`TreebankSentence::words`].
    pub first: usize,
    /// Last word, inclusive.
    pub last: usize,
    /// The surface form.
    pub form: String,
    /// The MISC column of the range line.
    pub misc: String,
}

/// One sentence of a treebank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreebankSentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`, if given.
    pub text: Option<String>,
    /// True when a `# newdoc` comment precedes it.
    pub new_document: bool,
    /// True when a `# newpar` (or `# newdoc`) comment precedes it.
    pub new_paragraph: bool,
    /// Other comments, as `key = value` pairs or whole lines.
    pub comments: Vec<String>,
    /// Words in order (empty nodes such as `8.1` are skipped).
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiwords: Vec<Multiword>,
}

/// A mention from GUM's entity annotation (`Entity=` in MISC): words `start..end` of the
/// sentence, its entity type ("person", "time", …) and the word positions of its minimal
/// span, relative to its first word and 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// GUM's entity type.
    pub etype: String,
    /// Minimal-span word positions (1-based, from `start`).
    pub minspan: Vec<usize>,
}

impl EntityMention {
    /// Reads the fields of `(id-etype-infstat-salience-centering-minspan-…`.
    fn new(start: usize, end: usize, fields: &[&str]) -> EntityMention {
        EntityMention {
            start,
            end,
            etype: fields.get(1).copied().unwrap_or_default().to_string(),
            minspan: fields
                .get(5)
                .map_or(vec![1], |m| m.split(',').filter_map(|k| k.parse().ok()).filter(|&k| k >= 1).collect()),
        }
    }
}

impl TreebankSentence {
    /// The entity mentions GUM's `Entity=` annotation opens and closes in this sentence,
    /// in the order they close.
    pub fn entity_mentions(&self) -> Vec<EntityMention> {
        let mut open: std::collections::BTreeMap<&str, (usize, Vec<&str>)> = Default::default();
        let mut mentions = Vec::new();
        for (i, word) in self.words.iter().enumerate() {
            let Some(value) = word.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else { continue };
            let bytes = value.as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                if bytes[at] == b'(' {
                    let end = value[at + 1..].find(['(', ')']).map_or(value.len(), |e| at + 1 + e);
                    let fields: Vec<&str> = value[at + 1..end].split('-').collect();
                    if value[end..].starts_with(')') {
                        mentions.push(EntityMention::new(i, i + 1, &fields));
                        at = end + 1;
                    } else {
                        open.insert(fields[0], (i, fields));
                        at = end;
                    }
                } else {
                    let end = value[at..].find(')').map_or(value.len(), |e| at + e);
                    if let Some((start, fields)) = open.remove(&value[at..end]) {
                        mentions.push(EntityMention::new(start, i + 1, &fields));
                    }
                    at = end + 1;
                }
            }
        }
        mentions
    }

    /// The surface tokens as `(form, first word, last word, no space after)`.
    pub fn surface_tokens(&self) -> Vec<(&str, usize, usize, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        let mut multi = self.multiwords.iter().peekable();
        while i < self.words.len() {
            if let Some(m) = multi.next_if(|m| m.first == i) {
                let no_space = m.misc.split('|').any(|x| x == "SpaceAfter=No");
                out.push((m.form.as_str(), m.first, m.last, no_space));
                i = m.last + 1;
            } else {
                let w = &self.words[i];
                out.push((w.form.as_str(), i, i, w.no_space_after()));
                i += 1;
            }
        }
        out
    }
}

/// A parsed treebank file.
#[derive(Clone, Debug, Default)]
pub struct Treebank {
    /// Where it was read from.
    pub path: String,
    /// All sentences in file order.
    pub sentences: Vec<TreebankSentence>,
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Treebank, ConlluError> {
    let name = path.display().to_string();
    let content = std::fs::read_to_string(path).map_err(|source| ConlluError::Io { path: name.clone(), source })?;
    parse(&content, &name)
}

/// Parses CoNLL-U text; `name` is used in error messages.
pub fn parse(content: &str, name: &str) -> Result<Treebank, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = TreebankSentence::default();
    let mut pending_doc = false;
    let mut pending_par = false;
    let error = |line: usize, message: String| ConlluError::Format { path: name.to_string(), line, message };
    for (index, raw) in content.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if comment.starts_with("newdoc") {
                pending_doc = true;
                pending_par = true;
            } else if comment.starts_with("newpar") {
                pending_par = true;
            } else if let Some(id) = comment.strip_prefix("sent_id =") {
                current.id = id.trim().to_string();
            } else if let Some(text) = comment.strip_prefix("text =") {
                current.text = Some(text.trim().to_string());
            } else {
                current.comments.push(comment.to_string());
            }
            continue;
        }
        if current.words.is_empty() && current.multiwords.is_empty() {
            current.new_document = std::mem::take(&mut pending_doc) || sentences.is_empty();
            current.new_paragraph = std::mem::take(&mut pending_par) || current.new_document;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(error(line_no, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty nodes belong to enhanced dependencies only
        }
        if let Some((a, b)) = id.split_once('-') {
            let parse = |s: &str| s.parse::<usize>().map_err(|_| error(line_no, format!("bad range id {id:?}")));
            let (first, last) = (parse(a)?, parse(b)?);
            if first == 0 || last < first {
                return Err(error(line_no, format!("bad range id {id:?}")));
            }
            current.multiwords.push(Multiword {
                first: first - 1,
                last: last - 1,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let number: usize = id.parse().map_err(|_| error(line_no, format!("bad word id {id:?}")))?;
        if number != current.words.len() + 1 {
            return Err(error(line_no, format!("word id {number} out of sequence")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| error(line_no, format!("bad head {:?}", cols[6])))?
        };
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(Treebank { path: name.to_string(), sentences })
}

/// A byte range into a rebuilt text.
pub type ByteSpan = (usize, usize);

/// A treebank document rebuilt as running text, with the gold segmentation.
#[derive(Clone, Debug, Default)]
pub struct GoldText {
    /// Paragraphs separated by blank lines; sentences by a space unless the
    /// treebank says no space follows.
    pub text: String,
    /// Surface token spans.
    pub tokens: Vec<ByteSpan>,
    /// Syntactic word spans (words of a multiword token split by their forms).
    pub words: Vec<ByteSpan>,
    /// Sentence spans.
    pub sentences: Vec<ByteSpan>,
    /// For each sentence, the index of its first word in `words`.
    pub sentence_first_word: Vec<usize>,
    /// For each word, the index of its head in `words` (`None` for a root).
    pub heads: Vec<Option<usize>>,
    /// For each word, its universal part of speech.
    pub upos: Vec<String>,
    /// For each word, its dependency relation.
    pub deprels: Vec<String>,
}

impl Treebank {
    /// Rebuilds each document as plain text with gold spans.
    pub fn running_text(&self) -> Result<Vec<GoldText>, ConlluError> {
        let mut docs = Vec::new();
        let mut doc = GoldText::default();
        let mut last_no_space = false;
        for sentence in &self.sentences {
            if sentence.new_document && !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            if !doc.text.is_empty() {
                doc.text.push_str(if sentence.new_paragraph {
                    "\n\n"
                } else if last_no_space {
                    ""
                } else {
                    " "
                });
            }
            let start = doc.text.len();
            let first_word = doc.words.len();
            doc.sentence_first_word.push(first_word);
            for w in &sentence.words {
                doc.heads.push(w.head.checked_sub(1).map(|h| first_word + h));
                doc.upos.push(w.upos.clone());
                doc.deprels.push(w.deprel.clone());
            }
            let tokens = sentence.surface_tokens();
            for (i, &(form, first, last, no_space)) in tokens.iter().enumerate() {
                let token_start = doc.text.len();
                doc.text.push_str(form);
                doc.tokens.push((token_start, doc.text.len()));
                let mut at = token_start;
                for w in &sentence.words[first..=last] {
                    // Words of a multiword token are substrings of it in UD English;
                    // where they are not, each word gets the whole token.
                    if first != last && doc.text[at..].starts_with(w.form.as_str()) {
                        doc.words.push((at, at + w.form.len()));
                        at += w.form.len();
                    } else {
                        doc.words.push((token_start, doc.text.len()));
                    }
                }
                last_no_space = no_space;
                if i + 1 < tokens.len() && !no_space {
                    doc.text.push(' ');
                }
            }
            doc.sentences.push((start, doc.text.len()));
        }
        if !doc.text.is_empty() {
            docs.push(doc);
        }
        Ok(docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# newpar\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# sent_id = s2\n# text = Fine.\n\
1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n\
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";

    #[test]
    fn parses_words_ranges_and_paragraphs() {
        let tb = parse(SAMPLE, "sample").unwrap();
        assert_eq!(tb.sentences.len(), 2);
        let s = &tb.sentences[0];
        assert!(s.new_document && s.new_paragraph);
        assert!(!tb.sentences[1].new_paragraph);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(s.multiwords[0].first, 1);
        assert_eq!(s.surface_tokens().iter().map(|t| t.0).collect::<Vec<_>>(), ["I", "don't", "know", "."]);
    }

    #[test]
    fn rebuilds_running_text_with_gold_spans() {
        let docs = parse(SAMPLE, "sample").unwrap().running_text().unwrap();
        let doc = &docs[0];
        assert_eq!(doc.text, "I don't know. Fine.");
        let span_text = |s: &ByteSpan| &doc.text[s.0..s.1];
        assert_eq!(doc.words.iter().map(span_text).collect::<Vec<_>>(), ["I", "do", "n't", "know", ".", "Fine", "."]);
        assert_eq!(doc.sentences.iter().map(span_text).collect::<Vec<_>>(), ["I don't know.", "Fine."]);
    }

    #[test]
    fn reports_the_line_of_a_malformed_row() {
        let err = parse("1\tonly\tthree\n", "bad.conllu").unwrap_err();
        assert!(err.to_string().starts_with("bad.conllu:1:"), "{err}");
    }
}

/// Writes an analysed document as CoNLL-U: one block per sentence, multiword tokens as
/// range lines, `SpaceAfter=No` where no whitespace follows a token.
pub fn write_document(doc: &attache_doc::Document, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(out, "# newdoc id = {}", doc.id);
    let mut multi = doc.multiword_tokens.iter().peekable();
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let _ = writeln!(out, "# sent_id = {}-{}", doc.id, n + 1);
        let text: String = doc.slice(sentence.span).split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "# text = {text}");
        let first = sentence.tokens.start;
        let field = |v: Option<&str>| v.unwrap_or("_").to_string();
        let misc = |last: usize| if doc.no_space_after(last) { "SpaceAfter=No" } else { "_" };
        for i in sentence.tokens.clone() {
            while multi.peek().is_some_and(|m| m.tokens.end <= i) {
                multi.next();
            }
            if let Some(m) = multi.peek().filter(|m| m.tokens.start == i) {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    i - first + 1,
                    m.tokens.end - first,
                    doc.slice(m.span),
                    misc(m.tokens.end - 1)
                );
            }
            let token = &doc.tokens[i];
            let inside_multiword = multi.peek().is_some_and(|m| m.tokens.contains(&i));
            let head = match (&token.deprel, token.head) {
                (None, _) => "_".to_string(),
                (Some(_), None) => "0".to_string(),
                (Some(_), Some(h)) => (h - first + 1).to_string(),
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i - first + 1,
                doc.token_text(i),
                field(token.lemma.as_deref()),
                field(token.upos.map(Upos::as_str)),
                field(token.xpos.as_deref()),
                head,
                field(token.deprel.map(Deprel::as_str)),
                if inside_multiword { "_" } else { misc(i) }
            );
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod writer_tests {
    use super::*;
    use attache_doc::{Document, Metadata, MultiwordToken, Sentence, Span, Token, TokenKind};

    #[test]
    fn writes_ranges_heads_and_spacing_that_read_back() {
        let mut doc = Document::new("d", "I don't know.", Metadata::default());
        let spans = [(0, 1), (2, 4), (4, 7), (8, 12), (12, 13)];
        doc.tokens = spans.iter().map(|&(s, e)| Token::new(Span::new(s, e), TokenKind::Word)).collect();
        for (i, (head, rel)) in
            [(Some(3), "nsubj"), (Some(3), "aux"), (Some(3), "advmod"), (None, "root"), (Some(3), "punct")]
                .into_iter()
                .enumerate()
        {
            doc.tokens[i].head = head;
            doc.tokens[i].deprel = Deprel::parse(rel);
        }
        doc.multiword_tokens = vec![MultiwordToken { tokens: 1..3, span: Span::new(2, 7) }];
        doc.sentences = vec![Sentence { tokens: 0..5, span: Span::new(0, 13) }];
        let mut out = String::new();
        write_document(&doc, &mut out);
        let tb = parse(&out, "written").unwrap();
        let s = &tb.sentences[0];
        assert_eq!(s.text.as_deref(), Some("I don't know."));
        assert_eq!(s.words.iter().map(|w| w.head).collect::<Vec<_>>(), [4, 4, 4, 0, 4]);
        assert_eq!(s.multiwords[0].form, "don't");
        assert!(s.words[3].no_space_after());
        let docs = tb.running_text().unwrap();
        assert_eq!(docs[0].text, "I don't know.");
    }
}
