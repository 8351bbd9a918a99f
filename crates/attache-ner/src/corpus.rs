//! Gold named entities from public corpora, and their scoring.

use crate::recognizer::{NerDocument, NerSentence};
use attache_conllu::Treebank;
use attache_doc::EntityType;
use attache_gazetteer::{Gazetteer, Kind};
use std::ops::Range;

/// Reads CoNLL-2003 data (`TOKEN POS CHUNK NER` lines, IOB1 or IOB2 tags, `-DOCSTART-`
/// between documents) into documents with gold entities; tags are left empty for the
/// caller to fill with Attaché's own tagger. `name` is used in error messages.
pub fn conll2003_documents(content: &str, name: &str) -> Result<Vec<NerDocument>, String> {
    let mut documents = vec![NerDocument::default()];
    let mut sentence = NerSentence::default();
    let mut open: Option<(usize, EntityType)> = None;
    let flush =
        |sentence: &mut NerSentence, open: &mut Option<(usize, EntityType)>, documents: &mut Vec<NerDocument>| {
            if let Some((start, t)) = open.take() {
                sentence.entities.push((start..sentence.words.len(), t));
            }
            if !sentence.words.is_empty() {
                documents.last_mut().expect("a document is open").sentences.push(std::mem::take(sentence));
            }
        };
    for (n, line) in content.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut sentence, &mut open, &mut documents);
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            flush(&mut sentence, &mut open, &mut documents);
            if !documents.last().expect("a document is open").sentences.is_empty() {
                documents.push(NerDocument::default());
            }
            continue;
        }
        let tag = *fields.last().expect("not empty");
        if fields.len() < 2 {
            return Err(format!("{name}:{}: expected `TOKEN ... TAG`, found {line:?}", n + 1));
        }
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, Some(k)),
            None if tag == "O" => ("O", None),
            None => return Err(format!("{name}:{}: unknown tag {tag:?}", n + 1)),
        };
        let kind = match kind {
            None => None,
            Some("PER") => Some(EntityType::Person),
            Some("ORG") => Some(EntityType::Org),
            Some("LOC") => Some(EntityType::Place),
            Some("MISC") => Some(EntityType::Misc),
            Some(other) => return Err(format!("{name}:{}: unknown entity type {other:?}", n + 1)),
        };
        let i = sentence.words.len();
        let continues = prefix == "I" && open.is_some_and(|(_, t)| Some(t) == kind);
        if !continues {
            if let Some((start, t)) = open.take() {
                sentence.entities.push((start..i, t));
            }
            open = kind.map(|t| (i, t));
        }
        sentence.words.push(fields[0].to_string());
    }
    flush(&mut sentence, &mut open, &mut documents);
    documents.retain(|d| !d.sentences.is_empty());
    Ok(documents)
}

/// Named mentions of a GUM treebank as NER documents: entity annotations whose minimal
/// span holds a proper noun, outermost ones only, trimmed to the name as CoNLL-2003 marks
/// it (no leading "the", "his" or titles; no trailing possessive). GUM types map to
/// PERSON, ORG and PLACE; time and quantity mentions are dropped; the rest become MISC.
/// Tags are the treebank's Penn tags (callers may replace them with predicted ones).
pub fn gum_documents(treebank: &Treebank) -> Vec<NerDocument> {
    let gazetteer = Gazetteer::builtin();
    let mut documents: Vec<NerDocument> = Vec::new();
    for s in &treebank.sentences {
        if s.new_document || documents.is_empty() {
            documents.push(NerDocument::default());
        }
        let mentions = s.entity_mentions();
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let named: Vec<(Range<usize>, EntityType)> = mentions
            .iter()
            .filter(|m| m.minspan.iter().any(|&k| s.words.get(m.start + k - 1).is_some_and(|w| w.upos == "PROPN")))
            .filter_map(|m| {
                let kind = match m.etype.as_str() {
                    "person" => EntityType::Person,
                    "organization" => EntityType::Org,
                    "place" => EntityType::Place,
                    "time" | "quantity" => return None,
                    _ => EntityType::Misc,
                };
                // A mention with an apposition, relative clause, list or citation
                // ("Amsterdam, the Netherlands", "Hobhouse, who ...", "X and Y") names
                // what comes before the first such break.
                let cut = (m.start..m.end)
                    .find(|&i| i > m.start && matches!(words[i], "," | "(" | ")" | "and" | ";" | ":" | "–" | "—"))
                    .unwrap_or(m.end);
                let range = trim(&words, gazetteer, m.start..cut, kind)?;
                Some((range, kind))
            })
            .collect();
        let mut entities: Vec<(Range<usize>, EntityType)> = named
            .iter()
            .filter(|(r, _)| !named.iter().any(|(o, _)| o != r && o.start <= r.start && r.end <= o.end))
            .cloned()
            .collect();
        entities.sort_by_key(|(r, _)| (r.start, r.end));
        entities.dedup_by(|a, b| a.0.start < b.0.end);
        documents.last_mut().expect("a document is open").sentences.push(NerSentence {
            words: words.iter().map(|w| w.to_string()).collect(),
            tags: s.words.iter().map(|w| w.xpos.clone()).collect(),
            entities,
        });
    }
    documents
}

/// The name inside a mention: without leading lower-case words, determiners and (for
/// people) titles, nor trailing lower-case words and punctuation.
fn trim(words: &[&str], gazetteer: &Gazetteer, mut range: Range<usize>, kind: EntityType) -> Option<Range<usize>> {
    let named = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let title = |w: &str| gazetteer.get(&[w]).is_some_and(|e| e.kinds.contains(Kind::Title));
    if kind == EntityType::Person {
        // "Former President Obama" → "Obama": the name starts after the last title.
        if let Some(last_title) = (range.start..range.end - 1).rev().find(|&i| title(words[i])) {
            range.start = last_title + 1;
        }
    }
    while range.start < range.end {
        let w = words[range.start];
        let determiner = matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "this" | "that");
        if !named(w) || determiner {
            range.start += 1;
        } else {
            break;
        }
    }
    while range.start < range.end && !named(words[range.end - 1]) {
        range.end -= 1;
    }
    (!range.is_empty()).then_some(range)
}

/// Exact-match entity scores per type (conlleval semantics: an entity counts only with
/// the same first word, last word and type).
#[derive(Clone, Debug, Default)]
pub struct EntityScores {
    /// (true positives, false positives, false negatives) per type, in [`EntityType::ALL`] order.
    pub counts: [(usize, usize, usize); 4],
}

impl EntityScores {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[(Range<usize>, EntityType)], predicted: &[(Range<usize>, EntityType)]) {
        let slot = |t: EntityType| EntityType::ALL.iter().position(|x| *x == t).expect("listed");
        for p in predicted {
            if gold.contains(p) {
                self.counts[slot(p.1)].0 += 1;
            } else {
                self.counts[slot(p.1)].1 += 1;
            }
        }
        for g in gold.iter().filter(|g| !predicted.contains(g)) {
            self.counts[slot(g.1)].2 += 1;
        }
    }

    /// Precision, recall and F1 (percentages) of one type, or of all with `None`.
    pub fn prf(&self, kind: Option<EntityType>) -> (f64, f64, f64) {
        let (tp, fp, fn_) = self
            .counts
            .iter()
            .zip(EntityType::ALL)
            .filter(|(_, t)| kind.is_none_or(|k| k == *t))
            .fold((0, 0, 0), |a, (c, _)| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        let p = 100.0 * tp as f64 / (tp + fp).max(1) as f64;
        let r = 100.0 * tp as f64 / (tp + fn_).max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

impl std::fmt::Display for EntityScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (p, r, f1) = self.prf(None);
        write!(f, "F1 {f1:.2} (P {p:.2} R {r:.2})")?;
        for t in EntityType::ALL {
            let (_, _, f1) = self.prf(Some(t));
            write!(f, "  {t} {f1:.2}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_and_iob2() {
        let data = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n\
                    call NN I-NP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nSmith NNP I-NP B-PER\n\n\
                    -DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n";
        let docs = conll2003_documents(data, "mem").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences[0].entities, vec![(0..1, EntityType::Org), (2..3, EntityType::Misc)]);
        assert_eq!(docs[0].sentences[1].entities, vec![(0..2, EntityType::Person), (2..3, EntityType::Person)]);
        assert_eq!(docs[1].sentences[0].entities, vec![(0..1, EntityType::Place)]);
        let err = conll2003_documents("EU NNP B-NP X-FOO\n", "bad.txt").unwrap_err();
        assert!(err.starts_with("bad.txt:1:"), "{err}");
    }

    #[test]
    fn reads_gum_named_mentions() {
        let conllu = "# newdoc id = d1\n# sent_id = 1\n# text = Former President Obama visited the White House .\n\
1\tFormer\tformer\tADJ\tJJ\t_\t3\tamod\t_\tEntity=(1-person-new-nnnnn-cf1-3-sgl-Barack_Obama\n\
2\tPresident\tpresident\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n\
3\tObama\tObama\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n\
4\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(2-place-new-nnnnn-cf2-2,3-sgl-White_House\n\
6\tWhite\twhite\tPROPN\tNNP\t_\t7\tcompound\t_\t_\n\
7\tHouse\tHouse\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=2)\n\
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tEntity=(3-abstract-new-nnnnn-cf3-1-sgl)\n\n";
        let treebank = attache_conllu::parse(conllu, "mem").unwrap();
        let docs = gum_documents(&treebank);
        assert_eq!(docs[0].sentences[0].entities, vec![(2..3, EntityType::Person), (5..7, EntityType::Place)]);
    }

    #[test]
    fn scores_exact_matches() {
        let mut s = EntityScores::default();
        s.add(
            &[(0..2, EntityType::Person), (3..4, EntityType::Place)],
            &[(0..2, EntityType::Person), (3..5, EntityType::Place)],
        );
        let (p, r, f) = s.prf(None);
        assert_eq!((p, r, f), (50.0, 50.0, 50.0));
        assert_eq!(s.prf(Some(EntityType::Person)).2, 100.0);
    }
}
