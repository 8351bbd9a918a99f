use crate::Lemmatizer;
use attache_doc::{Component, Document, Layer, Upos};
use attache_learn::{
    argmax, shape_key, shuffled, CaseClasses, Casing, FeatureHasher, FrozenPerceptron, ModelError, ModelReader,
    ModelWriter, Perceptron, SplitMix64, WordClasses,
};
use rustc_hash::FxHashMap;
use std::path::Path;

/// A sentence with gold annotation, for training.
#[derive(Clone, Debug, Default)]
pub struct TrainingSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Universal POS tags.
    pub upos: Vec<String>,
    /// Penn Treebank tags.
    pub xpos: Vec<String>,
    /// Lemmas.
    pub lemmas: Vec<String>,
}

/// The tags of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaggedWord<'a> {
    /// Universal POS.
    pub upos: &'a str,
    /// Penn Treebank POS.
    pub xpos: &'a str,
}

/// Greedy averaged-perceptron tagger for (UPOS, XPOS) pairs, with a lemmatizer.
pub struct Tagger {
    classes: Vec<(String, String)>,
    model: FrozenPerceptron,
    /// Frequent words that always take one tag skip the model.
    dictionary: FxHashMap<String, u16>,
    /// For words seen often enough, a key for the set of tags they took ("ambiguity
    /// class"), by exact and by lower-cased form: "Laughter" borrows from "laughter".
    ambiguity: FxHashMap<String, u64>,
    lemmatizer: Lemmatizer,
    word_classes: WordClasses,
}

const MAGIC: &[u8] = b"ATCHTAG2";
/// Shares of training sentences seen in lower case and in capitals in each epoch.
const LOWER_CASED: f64 = 0.1;
const UPPER_CASED: f64 = 0.04;
/// Stands for "no tag" before the sentence start.
const NO_TAG: u64 = u16::MAX as u64;
/// A word joins the tag dictionary when seen this often...
const DICTIONARY_MIN_COUNT: u32 = 20;
/// ...with this share of its occurrences under one tag.
const DICTIONARY_MIN_SHARE: f64 = 0.995;

/// A word must be seen this often for its ambiguity class to be stored; rarer words look
/// unknown in training, as unseen words will at run time.
const AMBIGUITY_MIN_COUNT: u32 = 3;
/// The ambiguity key of a word with no stored class.
const UNKNOWN: u64 = 3;

/// Per-sentence keys computed once and shared by the features of every word.
struct SentenceKeys {
    lower: Vec<u64>,
    shape: Vec<u64>,
    suffix3: Vec<u64>,
    /// Ambiguity class of the exact form.
    exact_class: Vec<u64>,
    /// Ambiguity class of the lower-cased form.
    lower_class: Vec<u64>,
    /// Word classes of each word's case variants.
    classes: Vec<CaseClasses>,
}

impl SentenceKeys {
    fn new<S: AsRef<str>>(words: &[S], ambiguity: &FxHashMap<String, u64>, word_classes: &WordClasses) -> SentenceKeys {
        let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        let class = |w: &str| ambiguity.get(w).copied().unwrap_or(UNKNOWN);
        SentenceKeys {
            lower: words.iter().map(|w| FeatureHasher::new(0).lowercase(w).finish()).collect(),
            shape: words.iter().map(|w| shape_key(w)).collect(),
            suffix3: words.iter().map(|w| FeatureHasher::new(0).lowercase(suffix(w, 3)).finish()).collect(),
            exact_class: words.iter().map(|w| class(w)).collect(),
            lower_class: words.iter().map(|w| class(&format!("\u{1}{}", w.to_lowercase()))).collect(),
            classes: words.iter().map(|w| word_classes.of(w)).collect(),
        }
    }
}

/// Builds ambiguity classes from word → tag counts: exact forms, and lower-cased forms
/// under a "\u{1}" prefix.
fn ambiguity_classes(counts: &FxHashMap<String, FxHashMap<u16, u32>>) -> FxHashMap<String, u64> {
    let mut lower: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
    for (word, tags) in counts {
        let entry = lower.entry(format!("\u{1}{}", word.to_lowercase())).or_default();
        for (tag, n) in tags {
            *entry.entry(*tag).or_default() += n;
        }
    }
    counts
        .iter()
        .chain(lower.iter())
        .filter(|(_, tags)| tags.values().sum::<u32>() >= AMBIGUITY_MIN_COUNT)
        .map(|(word, tags)| {
            let total: u32 = tags.values().sum();
            // Tags that make up at least 5% of the word's uses, in a fixed order.
            let mut common: Vec<u16> = tags.iter().filter(|(_, n)| **n * 20 >= total).map(|(t, _)| *t).collect();
            common.sort_unstable();
            let key = common.iter().fold(FeatureHasher::new(0), |h, t| h.number(u64::from(*t))).finish();
            (word.clone(), key)
        })
        .collect()
}

/// The last `n` bytes of `word`, widened to a character boundary.
fn suffix(word: &str, n: usize) -> &str {
    let mut start = word.len().saturating_sub(n);
    while !word.is_char_boundary(start) {
        start -= 1;
    }
    &word[start..]
}

/// The first `n` bytes of `word`, widened to a character boundary.
fn prefix(word: &str, n: usize) -> &str {
    let mut end = n.min(word.len());
    while !word.is_char_boundary(end) {
        end += 1;
    }
    &word[..end]
}

/// Features of word `i` given the two previous tags.
fn features(words: &[&str], keys: &SentenceKeys, i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    const START: u64 = 1;
    const END: u64 = 2;
    let at = |j: isize, v: &[u64]| -> u64 {
        if j < 0 {
            START
        } else {
            v.get(j as usize).copied().unwrap_or(END)
        }
    };
    let i_ = i as isize;
    let w = words[i];
    let f = FeatureHasher::new;
    let lower = keys.lower[i];
    let has = |p: fn(char) -> bool| u64::from(w.chars().any(p));
    let class = |j: isize, level: usize| -> u64 {
        if j < 0 {
            START
        } else {
            keys.classes.get(j as usize).map_or(END, |c| c.lower.key(level))
        }
    };
    let here = keys.classes[i];
    out.clear();
    out.extend([
        f(1).finish(),
        f(2).key(lower).finish(),
        f(3).bytes(w.as_bytes()).finish(),
        f(4).lowercase(suffix(w, 1)).finish(),
        f(5).lowercase(suffix(w, 2)).finish(),
        f(6).key(keys.suffix3[i]).finish(),
        f(7).lowercase(suffix(w, 4)).finish(),
        f(8).bytes(prefix(w, 1).as_bytes()).finish(),
        f(9).lowercase(prefix(w, 2)).finish(),
        f(10).lowercase(prefix(w, 3)).finish(),
        f(11).key(keys.shape[i]).finish(),
        f(12).key(at(i_ - 1, &keys.lower)).finish(),
        f(13).key(at(i_ + 1, &keys.lower)).finish(),
        f(14).key(at(i_ - 2, &keys.lower)).finish(),
        f(15).key(at(i_ + 2, &keys.lower)).finish(),
        f(16).key(at(i_ - 1, &keys.suffix3)).finish(),
        f(17).key(at(i_ + 1, &keys.suffix3)).finish(),
        f(18).number(prev).finish(),
        f(19).number(prev).number(prev2).finish(),
        f(20).number(prev).key(lower).finish(),
        f(21).key(at(i_ - 1, &keys.lower)).key(lower).finish(),
        f(22).key(lower).key(at(i_ + 1, &keys.lower)).finish(),
        f(23).number(u64::from(i == 0)).key(keys.shape[i]).finish(),
        f(24).key(at(i_ + 1, &keys.shape)).finish(),
        f(25).key(at(i_ - 1, &keys.shape)).finish(),
        f(26).number(prev).key(keys.suffix3[i]).finish(),
        f(27).key(keys.suffix3[i]).key(at(i_ + 1, &keys.lower)).finish(),
        f(28).number(has(|c| c == '-')).number(has(|c| c.is_ascii_digit())).number(has(char::is_uppercase)).finish(),
        f(29).key(at(i_ + 1, &keys.lower)).key(at(i_ + 2, &keys.lower)).finish(),
        f(30).key(at(i_ - 1, &keys.lower)).key(at(i_ + 1, &keys.lower)).finish(),
        f(31).key(keys.exact_class[i]).finish(),
        f(32).key(keys.lower_class[i]).finish(),
        f(33).key(keys.lower_class[i]).key(keys.shape[i]).finish(),
        f(34).key(at(i_ + 1, &keys.lower_class)).finish(),
        f(35).key(at(i_ + 2, &keys.lower_class)).finish(),
        f(36).key(keys.lower_class[i]).key(at(i_ + 1, &keys.lower_class)).finish(),
        f(37).number(prev).key(keys.lower_class[i]).finish(),
        f(38).key(keys.exact_class[i]).key(keys.suffix3[i]).finish(),
        // word classes of pretrained vectors: unseen words borrow from their neighbours
        f(40).key(here.lower.key(0)).finish(),
        f(41).key(here.lower.key(1)).finish(),
        f(42).key(here.lower.key(2)).finish(),
        f(43).key(here.exact.key(2)).finish(),
        f(44).key(here.title.key(1)).finish(),
        f(45).key(class(i_ - 1, 1)).finish(),
        f(46).key(class(i_ + 1, 1)).finish(),
        f(47).key(class(i_ + 2, 0)).finish(),
        f(48).key(class(i_ - 2, 0)).finish(),
        f(49).number(prev).key(here.lower.key(1)).finish(),
        f(50).key(here.lower.key(1)).key(class(i_ + 1, 1)).finish(),
        f(51).key(keys.suffix3[i]).key(here.lower.key(0)).finish(),
        f(52).key(here.lower.key(2)).key(keys.shape[i]).finish(),
    ]);
}

impl Tagger {
    /// Trains on gold sentences: `epochs` passes in a fixed pseudo-random order, a share of
    /// the sentences lower-cased or in capitals in each, with features of `word_classes`.
    pub fn train(sentences: &[TrainingSentence], epochs: usize, word_classes: WordClasses) -> Tagger {
        let mut class_index: FxHashMap<(String, String), u16> = FxHashMap::default();
        let mut classes: Vec<(String, String)> = Vec::new();
        let mut counts: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
        let gold: Vec<Vec<u16>> = sentences
            .iter()
            .map(|s| {
                s.upos
                    .iter()
                    .zip(&s.xpos)
                    .zip(&s.words)
                    .map(|((u, x), w)| {
                        let pair = (u.clone(), x.clone());
                        let id = *class_index.entry(pair.clone()).or_insert_with(|| {
                            classes.push(pair);
                            (classes.len() - 1) as u16
                        });
                        *counts.entry(w.clone()).or_default().entry(id).or_default() += 1;
                        id
                    })
                    .collect()
            })
            .collect();
        let ambiguity = ambiguity_classes(&counts);
        let dictionary: FxHashMap<String, u16> = counts
            .into_iter()
            .filter_map(|(word, tags)| {
                let total: u32 = tags.values().sum();
                let (&tag, &best) = tags.iter().max_by_key(|(t, c)| (**c, std::cmp::Reverse(**t)))?;
                (total >= DICTIONARY_MIN_COUNT && f64::from(best) / f64::from(total) >= DICTIONARY_MIN_SHARE)
                    .then_some((word, tag))
            })
            .collect();
        let mut model = Perceptron::new(classes.len());
        let mut scores = vec![0.0f32; classes.len()];
        let mut feats = Vec::new();
        let mut coin = SplitMix64::new(11);
        for epoch in 0..epochs {
            for index in shuffled(sentences.len(), epoch as u64 + 1) {
                let recased = Casing::draw(&mut coin, LOWER_CASED, UPPER_CASED).apply(&sentences[index].words);
                let words: Vec<&str> = recased.iter().map(String::as_str).collect();
                let keys = SentenceKeys::new(&words, &ambiguity, &word_classes);
                let (mut prev, mut prev2) = (NO_TAG, NO_TAG);
                for (i, &truth) in gold[index].iter().enumerate() {
                    let guess = match dictionary.get(words[i]) {
                        Some(&tag) => tag,
                        None => {
                            features(&words, &keys, i, prev, prev2, &mut feats);
                            model.tick();
                            model.scores(&feats, &mut scores);
                            let guess = argmax(&scores) as u16;
                            model.update(&feats, truth as usize, guess as usize);
                            guess
                        }
                    };
                    prev2 = prev;
                    prev = u64::from(guess);
                }
            }
        }
        let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| {
            s.words.iter().zip(&s.xpos).zip(&s.lemmas).map(|((w, x), l)| (w.as_str(), x.as_str(), l.as_str()))
        }));
        Tagger { classes, model: model.freeze(1e-3), dictionary, ambiguity, lemmatizer, word_classes }
    }

    /// Tags a sentence's words.
    pub fn tag<'a>(&'a self, words: &[&str]) -> Vec<TaggedWord<'a>> {
        let keys = SentenceKeys::new(words, &self.ambiguity, &self.word_classes);
        let mut scores = vec![0.0f32; self.classes.len()];
        let mut feats = Vec::with_capacity(32);
        let (mut prev, mut prev2) = (NO_TAG, NO_TAG);
        let mut out = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let class = match self.dictionary.get(words[i]) {
                Some(&tag) => tag as usize,
                None => {
                    features(words, &keys, i, prev, prev2, &mut feats);
                    self.model.scores(&feats, &mut scores);
                    argmax(&scores)
                }
            };
            prev2 = prev;
            prev = class as u64;
            let (upos, xpos) = &self.classes[class];
            out.push(TaggedWord { upos, xpos });
        }
        out
    }

    /// The lemma of `word` with Penn tag `xpos`.
    pub fn lemma(&self, word: &str, xpos: &str) -> String {
        self.lemmatizer.lemma(word, xpos)
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let mut out = ModelWriter::create(path)?;
        out.bytes(MAGIC)?;
        out.u64(self.word_classes.id())?;
        out.u32(self.classes.len() as u32)?;
        for (upos, xpos) in &self.classes {
            out.str(upos)?;
            out.str(xpos)?;
        }
        let mut dictionary: Vec<_> = self.dictionary.iter().collect();
        dictionary.sort();
        out.u32(dictionary.len() as u32)?;
        for (word, tag) in dictionary {
            out.str(word)?;
            out.u32(u32::from(*tag))?;
        }
        let mut ambiguity: Vec<_> = self.ambiguity.iter().collect();
        ambiguity.sort();
        out.u32(ambiguity.len() as u32)?;
        for (word, key) in ambiguity {
            out.str(word)?;
            out.u64(*key)?;
        }
        self.lemmatizer.save(&mut out)?;
        self.model.save(out.inner())?;
        out.finish()
    }

    /// Reads a model written by [`Tagger::save`], to use with the word classes it learnt from.
    pub fn from_bytes(bytes: &[u8], word_classes: WordClasses) -> Result<Tagger, ModelError> {
        let mut input = ModelReader::new(bytes);
        input.expect(MAGIC, "tagger")?;
        word_classes.check(input.u64()?, "tagger")?;
        let mut classes = Vec::new();
        for _ in 0..input.count()? {
            let upos = input.str()?;
            classes.push((upos, input.str()?));
        }
        let mut dictionary = FxHashMap::default();
        for _ in 0..input.count()? {
            let word = input.str()?;
            let tag = input.u32()?;
            if tag as usize >= classes.len() {
                return Err(ModelError::Corrupt(format!("dictionary tag {tag} of {}", classes.len())));
            }
            dictionary.insert(word, tag as u16);
        }
        let mut ambiguity = FxHashMap::default();
        for _ in 0..input.count()? {
            let word = input.str()?;
            ambiguity.insert(word, input.u64()?);
        }
        let lemmatizer = Lemmatizer::load(&mut input)?;
        let model = FrozenPerceptron::load(input.inner())?;
        if model.classes() != classes.len() {
            return Err(ModelError::Corrupt("tag count differs from the model's".into()));
        }
        Ok(Tagger { classes, model, dictionary, ambiguity, lemmatizer, word_classes })
    }
}

impl Component for Tagger {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tags]
    }

    fn process(&self, doc: &mut Document) {
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].tokens.clone();
            let words: Vec<&str> = range.clone().map(|i| doc.slice(doc.tokens[i].span)).collect();
            let tagged = self.tag(&words);
            let lemmas: Vec<String> = words.iter().zip(&tagged).map(|(w, t)| self.lemma(w, t.xpos)).collect();
            for ((i, t), lemma) in range.zip(tagged).zip(lemmas) {
                let token = &mut doc.tokens[i];
                token.upos = Upos::parse(t.upos);
                token.xpos = Some(t.xpos.to_string());
                token.lemma = Some(lemma);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<TrainingSentence> {
        let sentence = |text: &str, tags: &str| {
            let words: Vec<String> = text.split(' ').map(String::from).collect();
            let pairs: Vec<(&str, &str)> = tags.split(' ').map(|t| t.split_once('/').unwrap()).collect();
            TrainingSentence {
                lemmas: words.iter().map(|w| w.to_lowercase()).collect(),
                words,
                upos: pairs.iter().map(|p| p.0.to_string()).collect(),
                xpos: pairs.iter().map(|p| p.1.to_string()).collect(),
            }
        };
        let mut out = Vec::new();
        for _ in 0..5 {
            out.push(sentence("Ministers met envoys .", "NOUN/NNS VERB/VBD NOUN/NNS PUNCT/."));
            out.push(sentence("The talks failed .", "DET/DT NOUN/NNS VERB/VBD PUNCT/."));
            out.push(sentence("Envoys talks resumed .", "NOUN/NNS NOUN/NNS VERB/VBD PUNCT/."));
        }
        out
    }

    #[test]
    fn learns_toy_tags_round_trips_and_is_deterministic() {
        let tagger = Tagger::train(&toy(), 5, WordClasses::empty());
        let tags: Vec<&str> = tagger.tag(&["Ministers", "met", "envoys", "."]).iter().map(|t| t.upos).collect();
        assert_eq!(tags, ["NOUN", "VERB", "NOUN", "PUNCT"]);
        let dir = std::env::temp_dir();
        let (a, b) = (
            dir.join(format!("tagger-a-{}", std::process::id())),
            dir.join(format!("tagger-b-{}", std::process::id())),
        );
        tagger.save(&a).unwrap();
        Tagger::train(&toy(), 5, WordClasses::empty()).save(&b).unwrap();
        let (bytes_a, bytes_b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        std::fs::remove_file(&a).unwrap();
        std::fs::remove_file(&b).unwrap();
        assert_eq!(bytes_a, bytes_b, "same data, same model bytes");
        let loaded = Tagger::from_bytes(&bytes_a, WordClasses::empty()).unwrap();
        assert_eq!(loaded.tag(&["The", "talks", "failed"]), tagger.tag(&["The", "talks", "failed"]));
        assert!(Tagger::from_bytes(&bytes_a[..bytes_a.len() / 2], WordClasses::empty()).is_err());
        assert!(loaded.tag(&[]).is_empty());
    }
}
