use crate::labels::{decode, encode, Label, Position, LABELS};
use attache_doc::EntityType;
use attache_gazetteer::{Gazetteer, Kind, Kinds};
use attache_learn::{
    shape_key, shuffled, FeatureHasher, FrozenPerceptron, ModelError, ModelReader, ModelWriter, Perceptron,
};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::path::Path;

/// A sentence for training or evaluation: words, their Penn tags, gold entities.
#[derive(Clone, Debug, Default)]
pub struct NerSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Penn Treebank tags (predicted ones, as at run time).
    pub tags: Vec<String>,
    /// Gold entities as word ranges.
    pub entities: Vec<(Range<usize>, EntityType)>,
}

/// A document: sentences in order, so that later mentions can learn from earlier ones.
#[derive(Clone, Debug, Default)]
pub struct NerDocument {
    /// The sentences.
    pub sentences: Vec<NerSentence>,
}

/// What the recogniser remembers across a document's sentences: the last label type
/// given to each capitalised word ("Blinken" was part of a person's name before).
#[derive(Default)]
pub struct History {
    types: FxHashMap<u64, u64>,
}

/// A greedy left-to-right averaged-perceptron sequence labeller over BILOU labels, with
/// gazetteer, part-of-speech and document-history features.
pub struct EntityRecognizer {
    /// Weights for text with case.
    cased: FrozenPerceptron,
    /// Weights for sentences without a capital (lower-cased transcripts and posts),
    /// learnt apart from lower-cased documents: case is the strongest clue to a name, and
    /// one set of weights for both kinds of text reads ordinary news worse.
    caseless: FrozenPerceptron,
    gazetteer: &'static Gazetteer,
}

const MAGIC: &[u8] = b"ATCHNER2";
const NONE: u64 = 0x51_7cc1_b727_220a;

/// Per-sentence keys shared by the features of every word.
struct SentenceKeys {
    lower: Vec<u64>,
    exact: Vec<u64>,
    shape: Vec<u64>,
    tag: Vec<u64>,
    capitalised: Vec<bool>,
    /// Gazetteer kinds of the name a word is in, and its BILOU position there.
    gazetteer: Vec<(u64, u64)>,
    /// The whole sentence is upper case (a headline or sports table).
    shouting: bool,
    /// The sentence has letters but no capital: a transcript or a post in lower case.
    caseless: bool,
}

impl SentenceKeys {
    fn new(words: &[&str], tags: &[&str], gazetteer: &Gazetteer) -> SentenceKeys {
        let letters = words.iter().filter(|w| w.chars().any(char::is_alphabetic)).count();
        let caseless = letters > 2 && !words.iter().any(|w| w.chars().any(char::is_uppercase));
        // Without case, any word may be a name: the gazetteer reads them all capitalised.
        let capitalised: Vec<String>;
        let gazetteer_words = if caseless {
            capitalised = words.iter().map(|w| capitalise(w)).collect();
            capitalised.iter().map(String::as_str).collect()
        } else {
            words.to_vec()
        };
        let mut gaz = vec![(0u64, 0u64); words.len()];
        for m in gazetteer.matches(&gazetteer_words) {
            for (i, slot) in gaz[m.start..m.end].iter_mut().enumerate() {
                let position = match (i, m.end - m.start) {
                    (_, 1) => Position::Unit,
                    (0, _) => Position::Begin,
                    (i, n) if i + 1 == n => Position::Last,
                    _ => Position::Inside,
                };
                *slot = (u64::from(m.entry.kinds.bits()), position as u64 + 1);
            }
        }
        SentenceKeys {
            lower: words.iter().map(|w| FeatureHasher::new(0).lowercase(w).finish()).collect(),
            exact: words.iter().map(|w| FeatureHasher::new(0).bytes(w.as_bytes()).finish()).collect(),
            shape: words.iter().map(|w| shape_key(w)).collect(),
            tag: tags.iter().map(|t| FeatureHasher::new(0).bytes(t.as_bytes()).finish()).collect(),
            capitalised: words.iter().map(|w| w.chars().next().is_some_and(char::is_uppercase)).collect(),
            gazetteer: gaz,
            shouting: letters > 2 && is_shouting(words),
            caseless,
        }
    }
}

/// True for a sentence in capitals: no lower-case letter, and some word of several capitals.
fn is_shouting(words: &[&str]) -> bool {
    words.iter().all(|w| !w.chars().any(char::is_lowercase))
        && words.iter().any(|w| w.chars().filter(|c| c.is_uppercase()).count() > 1)
}

/// The word with a capital first letter.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect()
}

/// The last `n` characters of a word, lower-cased.
fn suffix(word: &str, n: usize) -> String {
    let chars: Vec<char> = word.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().flat_map(|c| c.to_lowercase()).collect()
}

/// Features of word `i` given the previous two labels and the document's history.
fn features(words: &[&str], keys: &SentenceKeys, i: usize, prev: [u64; 2], history: &History, out: &mut Vec<u64>) {
    let at = |v: &[u64], j: isize| -> u64 {
        if j < 0 {
            1
        } else {
            v.get(j as usize).copied().unwrap_or(2)
        }
    };
    let gaz_at = |j: isize| if j < 0 { 1 } else { keys.gazetteer.get(j as usize).map_or(2, |g| g.0) };
    let j = i as isize;
    let w = words[i];
    let f = FeatureHasher::new;
    let lower = keys.lower[i];
    let shape = keys.shape[i];
    let tag = keys.tag[i];
    let (gaz_kinds, gaz_position) = keys.gazetteer[i];
    let remembered =
        if keys.capitalised[i] || keys.shouting { history.types.get(&lower).copied().unwrap_or(NONE) } else { NONE };
    let flags = u64::from(w.chars().any(|c| c.is_ascii_digit()))
        | u64::from(w.contains('-')) << 1
        | u64::from(w.contains('.')) << 2
        | u64::from(w.chars().count() == 1) << 3;
    out.clear();
    out.extend([
        f(1).finish(),
        f(2).key(lower).finish(),
        f(3).key(keys.exact[i]).finish(),
        f(4).key(shape).finish(),
        f(5).bytes(suffix(w, 2).as_bytes()).finish(),
        f(6).bytes(suffix(w, 3).as_bytes()).finish(),
        f(7).bytes(suffix(w, 4).as_bytes()).finish(),
        f(8).lowercase(w.get(..3).unwrap_or(w)).finish(),
        f(9).key(at(&keys.lower, j - 1)).finish(),
        f(10).key(at(&keys.lower, j + 1)).finish(),
        f(11).key(at(&keys.lower, j - 2)).finish(),
        f(12).key(at(&keys.lower, j + 2)).finish(),
        f(13).key(at(&keys.lower, j - 1)).key(lower).finish(),
        f(14).key(lower).key(at(&keys.lower, j + 1)).finish(),
        f(15).key(at(&keys.shape, j - 1)).key(shape).key(at(&keys.shape, j + 1)).finish(),
        f(16).key(shape).key(at(&keys.shape, j + 1)).finish(),
        f(17).key(at(&keys.shape, j - 1)).key(shape).finish(),
        f(18).key(tag).finish(),
        f(19).key(at(&keys.tag, j - 1)).key(tag).finish(),
        f(20).key(tag).key(at(&keys.tag, j + 1)).finish(),
        f(21).key(at(&keys.tag, j - 1)).finish(),
        f(22).key(at(&keys.tag, j + 1)).finish(),
        f(23).number(prev[0]).finish(),
        f(24).number(prev[0]).number(prev[1]).finish(),
        f(25).number(prev[0]).key(shape).finish(),
        f(26).number(prev[0]).key(lower).finish(),
        f(27).number(prev[0]).key(tag).finish(),
        f(28).number(gaz_kinds).number(gaz_position).finish(),
        f(29).number(gaz_at(j - 1)).finish(),
        f(30).number(gaz_at(j + 1)).finish(),
        f(31).number(gaz_kinds).number(gaz_position).key(shape).finish(),
        f(32).number(remembered).finish(),
        f(33).number(remembered).key(shape).finish(),
        f(34).number(remembered).number(prev[0]).finish(),
        f(35).number(u64::from(keys.shouting)).key(shape).key(tag).finish(),
        f(36).number(u64::from(i == 0)).key(shape).finish(),
        f(37).key(at(&keys.lower, j - 1)).key(shape).finish(),
        f(38).key(shape).key(at(&keys.lower, j + 1)).finish(),
        f(39).number(flags).key(shape).finish(),
        f(40).number(gaz_kinds).number(prev[0]).finish(),
        f(41).number(gaz_at(j - 1)).key(shape).finish(),
    ]);
}

/// The best label allowed after `prev`.
fn best_allowed(scores: &[f32], prev: Option<Label>, last: bool) -> Label {
    let mut best = (Label::Outside, f32::NEG_INFINITY);
    for (index, &score) in scores.iter().enumerate() {
        let label = Label::from_index(index);
        if score > best.1 && label.may_follow(prev, last) {
            best = (label, score);
        }
    }
    best.0
}

/// Remembers the types the sentence's labels gave its capitalised words.
fn remember(history: &mut History, keys: &SentenceKeys, labels: &[Label]) {
    for (i, label) in labels.iter().enumerate() {
        if keys.capitalised[i] {
            let t = match label {
                Label::Outside => 0,
                Label::In(t, _) => *t as u64 + 1,
            };
            history.types.insert(keys.lower[i], t);
        }
    }
}

/// Titles are not part of names ("Secretary of State Antony Blinken" names "Antony
/// Blinken"): a mention with a gazetteer title in it keeps only the words after the last
/// title, and they name a person ("US Secretary of State Antony Blinken" too, where the
/// title is not the first word). A mention that ends in a title is no name.
fn without_title(keys: &SentenceKeys, range: Range<usize>, kind: EntityType) -> Option<(Range<usize>, EntityType)> {
    let title = u64::from(Kinds::from(Kind::Title).bits());
    match range.clone().rev().find(|&i| keys.gazetteer[i].0 & title != 0) {
        None => Some((range, kind)),
        Some(last) if last + 1 < range.end => Some((last + 1..range.end, EntityType::Person)),
        Some(_) => None,
    }
}

/// A mention in capitals cut to the person the story has named in it: without case, the
/// story is the best evidence of where a name ends ("KARLSSON" of "KARLSSON TALKS TRADE",
/// after "Erik Karlsson" in the story). Other mentions stay as they are.
fn as_the_story_names_it(
    keys: &SentenceKeys,
    history: &History,
    mut range: Range<usize>,
    kind: EntityType,
) -> (Range<usize>, EntityType) {
    let person = EntityType::Person as u64 + 1;
    let named = |i: usize| history.types.get(&keys.lower[i]) == Some(&person);
    if range.clone().any(named) {
        while !named(range.start) {
            range.start += 1;
        }
        while !named(range.end - 1) {
            range.end -= 1;
        }
        return (range, EntityType::Person);
    }
    (range, kind)
}

/// The weights learnt from `documents` in `epochs` passes.
fn train_weights(documents: &[NerDocument], epochs: usize, gazetteer: &Gazetteer) -> FrozenPerceptron {
    let mut model = Perceptron::new(LABELS);
    let mut scores = vec![0.0f32; LABELS];
    let mut feats = Vec::with_capacity(48);
    for epoch in 0..epochs {
        for index in shuffled(documents.len(), 1000 + epoch as u64) {
            let mut history = History::default();
            for sentence in &documents[index].sentences {
                let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
                let tags: Vec<&str> = sentence.tags.iter().map(String::as_str).collect();
                let keys = SentenceKeys::new(&words, &tags, gazetteer);
                let gold = encode(words.len(), &sentence.entities);
                let mut labels: Vec<Label> = Vec::with_capacity(words.len());
                for (i, truth) in gold.iter().enumerate() {
                    let prev = [1, 2].map(|k| i.checked_sub(k).map_or(NONE, |p| labels[p].index() as u64));
                    features(&words, &keys, i, prev, &history, &mut feats);
                    model.tick();
                    model.scores(&feats, &mut scores);
                    let guess = best_allowed(&scores, labels.last().copied(), i + 1 == words.len());
                    model.update(&feats, truth.index(), guess.index());
                    labels.push(guess);
                }
                remember(&mut history, &keys, &labels);
            }
        }
    }
    model.freeze(1e-3)
}

/// PERSON for a one-word PLACE mention that the gazetteer knows as a surname and as no
/// place ("Putin" in "… from which Putin suspended …"): its place tables hold every
/// country, region and town of 15,000 people, so a surname outside them is likelier a
/// person than a place they lack.
fn person_by_surname(gazetteer: &Gazetteer, words: &[&str], kind: EntityType) -> EntityType {
    let Some(entry) = gazetteer.get(words).filter(|_| words.len() == 1 && kind == EntityType::Place) else {
        return kind;
    };
    let place = [Kind::Country, Kind::Region, Kind::City, Kind::Locality, Kind::Demonym, Kind::PlaceWord]
        .iter()
        .any(|k| entry.kinds.contains(*k));
    if entry.kinds.contains(Kind::Surname) && !place {
        EntityType::Person
    } else {
        kind
    }
}

impl EntityRecognizer {
    /// Trains on documents for `epochs` passes in a fixed pseudo-random document order:
    /// the weights for text with case on `documents`, those for text without on
    /// `caseless` (the same documents lower-cased, with the tags of their lower-cased words).
    pub fn train(documents: &[NerDocument], caseless: &[NerDocument], epochs: usize) -> EntityRecognizer {
        let gazetteer = Gazetteer::builtin();
        EntityRecognizer {
            cased: train_weights(documents, epochs, gazetteer),
            caseless: train_weights(caseless, epochs, gazetteer),
            gazetteer,
        }
    }

    /// The entities of one sentence (word ranges), given its Penn tags and the history of
    /// the document so far, which it updates.
    pub fn recognize(&self, words: &[&str], tags: &[&str], history: &mut History) -> Vec<(Range<usize>, EntityType)> {
        let mut keys = SentenceKeys::new(words, tags, self.gazetteer);
        // A sentence in capitals has no more case than one in lower case: it is read as
        // lower case, then cut to the names the story gave.
        let shouting = keys.shouting;
        let lowered: Vec<String> = if shouting { words.iter().map(|w| w.to_lowercase()).collect() } else { Vec::new() };
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let words = if shouting {
            keys = SentenceKeys::new(&lowered, tags, self.gazetteer);
            &lowered[..]
        } else {
            words
        };
        let model = if keys.caseless { &self.caseless } else { &self.cased };
        let mut scores = vec![0.0f32; LABELS];
        let mut feats = Vec::with_capacity(48);
        let mut labels: Vec<Label> = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let prev = [1, 2].map(|k| i.checked_sub(k).map_or(NONE, |p| labels[p].index() as u64));
            features(words, &keys, i, prev, history, &mut feats);
            model.scores(&feats, &mut scores);
            labels.push(best_allowed(&scores, labels.last().copied(), i + 1 == words.len()));
        }
        let mut found = decode(&labels);
        if shouting {
            found = found.into_iter().map(|(range, kind)| as_the_story_names_it(&keys, history, range, kind)).collect();
        }
        remember(history, &keys, &labels);
        found
            .into_iter()
            .filter_map(|(range, kind)| without_title(&keys, range, kind))
            .map(|(range, kind)| {
                let named = &words[range.clone()];
                let kind = self.known_organisation(named).unwrap_or(kind);
                (range, person_by_surname(self.gazetteer, named, kind))
            })
            .collect()
    }

    /// The entities of a document's sentences (words and Penn tags each). Sentences in
    /// capitals (headlines, which come first) are read last, when the names in them have
    /// been seen in ordinary case: "LAVROV MEETS BLINKEN" after "Sergey Lavrov".
    pub fn recognize_document(&self, sentences: &[(Vec<&str>, Vec<&str>)]) -> Vec<Vec<(Range<usize>, EntityType)>> {
        let mut history = History::default();
        let shouting: Vec<bool> = sentences.iter().map(|(words, _)| is_shouting(words)).collect();
        let mut out = vec![Vec::new(); sentences.len()];
        for pass in [false, true] {
            for (i, (words, tags)) in sentences.iter().enumerate() {
                if shouting[i] == pass {
                    out[i] = self.recognize(words, tags, &mut history);
                }
            }
        }
        out
    }

    /// ORG for a mention that is exactly the name of an organisation, government seat or
    /// outlet the gazetteer knows ("G20", "the Kremlin", "CNN") and not also a place name.
    fn known_organisation(&self, words: &[&str]) -> Option<EntityType> {
        let entry = self.gazetteer.get(words)?;
        let organisation = entry.kinds.contains(Kind::Org) || entry.kinds.contains(Kind::Outlet);
        let place = [Kind::Country, Kind::City, Kind::Region].iter().any(|k| entry.kinds.contains(*k));
        (organisation && !place).then_some(EntityType::Org)
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let mut out = ModelWriter::create(path)?;
        out.bytes(MAGIC)?;
        self.cased.save(out.inner())?;
        self.caseless.save(out.inner())?;
        out.finish()
    }

    /// Reads a model written by [`EntityRecognizer::save`].
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityRecognizer, ModelError> {
        let mut input = ModelReader::new(bytes);
        input.expect(MAGIC, "named-entity recogniser")?;
        let cased = FrozenPerceptron::load(input.inner())?;
        let caseless = FrozenPerceptron::load(input.inner())?;
        for model in [&cased, &caseless] {
            if model.classes() != LABELS {
                return Err(ModelError::Corrupt(format!("{} labels, expected {LABELS}", model.classes())));
            }
        }
        Ok(EntityRecognizer { cased, caseless, gazetteer: Gazetteer::builtin() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<NerDocument> {
        let sentence = |text: &str, tags: &str, entities: Vec<(Range<usize>, EntityType)>| NerSentence {
            words: text.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
            entities,
        };
        (0..6)
            .map(|_| NerDocument {
                sentences: vec![
                    sentence(
                        "Olga Petrova visited Lisbon .",
                        "NNP NNP VBD NNP .",
                        vec![(0..2, EntityType::Person), (3..4, EntityType::Place)],
                    ),
                    sentence(
                        "Petrova thanked NATO .",
                        "NNP VBD NNP .",
                        vec![(0..1, EntityType::Person), (2..3, EntityType::Org)],
                    ),
                ],
            })
            .collect()
    }

    #[test]
    fn a_place_the_gazetteer_knows_only_as_a_surname_is_a_person() {
        let g = Gazetteer::builtin();
        assert_eq!(person_by_surname(g, &["Putin"], EntityType::Place), EntityType::Person);
        assert_eq!(person_by_surname(g, &["Geneva"], EntityType::Place), EntityType::Place);
        assert_eq!(person_by_surname(g, &["Washington"], EntityType::Place), EntityType::Place, "also a city");
        assert_eq!(person_by_surname(g, &["Putin"], EntityType::Org), EntityType::Org, "only places change");
    }

    /// The toy documents in lower case.
    fn lower_toy() -> Vec<NerDocument> {
        let mut documents = toy();
        for sentence in documents.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
            sentence.words = sentence.words.iter().map(|w| w.to_lowercase()).collect();
        }
        documents
    }

    #[test]
    fn sentences_without_capitals_are_read_with_their_own_weights() {
        // Trained on lower case only for caseless text: the cased weights know nothing.
        let recognizer = EntityRecognizer::train(&[], &lower_toy(), 5);
        let tags = ["NNP", "NNP", "VBD", "NNP", "."];
        let found =
            recognizer.recognize(&["olga", "petrova", "visited", "lisbon", "."], &tags, &mut History::default());
        assert_eq!(found, vec![(0..2, EntityType::Person), (3..4, EntityType::Place)]);
        let cased =
            recognizer.recognize(&["Olga", "Petrova", "visited", "Lisbon", "."], &tags, &mut History::default());
        assert!(cased.is_empty(), "{cased:?}");
    }

    #[test]
    fn learns_toy_entities_round_trips_and_is_deterministic() {
        let recognizer = EntityRecognizer::train(&toy(), &lower_toy(), 5);
        let words = ["Olga", "Petrova", "visited", "Lisbon", "."];
        let tags = ["NNP", "NNP", "VBD", "NNP", "."];
        let found = recognizer.recognize(&words, &tags, &mut History::default());
        assert_eq!(found, vec![(0..2, EntityType::Person), (3..4, EntityType::Place)]);
        let dir = std::env::temp_dir();
        let (a, b) =
            (dir.join(format!("ner-a-{}", std::process::id())), dir.join(format!("ner-b-{}", std::process::id())));
        recognizer.save(&a).unwrap();
        EntityRecognizer::train(&toy(), &lower_toy(), 5).save(&b).unwrap();
        let (bytes_a, bytes_b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        std::fs::remove_file(&a).unwrap();
        std::fs::remove_file(&b).unwrap();
        assert_eq!(bytes_a, bytes_b, "same data, same model bytes");
        let loaded = EntityRecognizer::from_bytes(&bytes_a).unwrap();
        assert_eq!(loaded.recognize(&words, &tags, &mut History::default()), found);
        assert!(EntityRecognizer::from_bytes(&bytes_a[..bytes_a.len() / 2]).is_err());
        assert!(EntityRecognizer::from_bytes(b"ATCHTAG1").is_err());
        assert!(loaded.recognize(&[], &[], &mut History::default()).is_empty());
        let odd: Vec<&str> = (0..1000).map(|i| ["🙂", "", "ÉTAT", "-", "x"][i % 5]).collect();
        let odd_tags = vec!["XX"; 1000];
        for (range, _) in loaded.recognize(&odd, &odd_tags, &mut History::default()) {
            assert!(range.start < range.end && range.end <= 1000);
        }
    }
}
