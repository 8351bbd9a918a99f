use crate::features::{extract, SentenceKeys};
use crate::state::{Action, Allowed, Costs, State};
use attache_doc::{Component, Deprel, Document, Layer, Upos};
use attache_learn::{
    shuffled, FrozenPerceptron, ModelError, ModelReader, ModelWriter, Perceptron, SplitMix64, WordClasses,
};
use std::path::Path;

/// A gold dependency tree, for training.
#[derive(Clone, Debug, Default)]
pub struct TrainingTree {
    /// Word forms.
    pub words: Vec<String>,
    /// (UPOS, Penn) tags; predicted ones train a parser that copes with tagging errors.
    pub tags: Vec<(String, String)>,
    /// Heads as in CoNLL-U: 1-based, 0 for the root.
    pub heads: Vec<usize>,
    /// Relations.
    pub labels: Vec<String>,
}

/// The parse of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedWord<'a> {
    /// Index of the head word in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// The relation to the head.
    pub deprel: &'a str,
}

/// The greedy arc-hybrid parser.
pub struct Parser {
    labels: Vec<String>,
    root_label: u16,
    model: FrozenPerceptron,
    word_classes: WordClasses,
}

const MAGIC: &[u8] = b"ATCHPAR2";
/// Share of training steps that follow the model's own prediction once exploring.
const EXPLORE: f64 = 0.9;

/// The highest-scoring allowed action. Only the root relation attaches to the root.
fn best_allowed(
    scores: &[f32],
    allowed: Allowed,
    state: &State,
    labels: usize,
    root: u16,
    costs: Option<&Costs>,
) -> Option<Action> {
    let root_next = state.front == state.n;
    let mut best: Option<(Action, f32)> = None;
    for (index, &score) in scores.iter().enumerate() {
        let action = Action::from_index(index, labels);
        let ok = match action {
            Action::Shift => allowed.shift,
            Action::Left(l) => allowed.left && ((l == root) == root_next),
            Action::Right(l) => allowed.right && l != root,
        };
        if !ok || costs.is_some_and(|c| c.of(action) > 0) {
            continue;
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((action, score));
        }
    }
    best.map(|(a, _)| a)
}

impl Parser {
    /// Trains on gold trees with a dynamic oracle; exploration starts after the first epoch.
    /// Averaged weights below `prune` in magnitude are dropped (see [`Parser::pruned`]).
    pub fn train(trees: &[TrainingTree], epochs: usize, prune: f32, word_classes: WordClasses) -> Parser {
        let mut labels: Vec<String> = trees.iter().flat_map(|t| t.labels.iter().cloned()).collect();
        labels.sort();
        labels.dedup();
        if !labels.iter().any(|l| l == "root") {
            labels.push("root".into());
        }
        let root_label = labels.iter().position(|l| l == "root").unwrap() as u16;
        let label_id = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).map_or(root_label, |i| i as u16);
        let n_labels = labels.len();
        let mut model = Perceptron::new(1 + 2 * n_labels);
        let mut scores = vec![0.0f32; model.classes()];
        let mut feats = Vec::with_capacity(128);
        let mut coin = SplitMix64::new(7);
        for epoch in 0..epochs {
            for index in shuffled(trees.len(), 100 + epoch as u64) {
                let tree = &trees[index];
                let n = tree.words.len();
                if n == 0 {
                    continue;
                }
                let gold_heads: Vec<usize> = tree.heads.iter().map(|&h| if h == 0 { n } else { h - 1 }).collect();
                let gold_labels: Vec<u16> = tree.labels.iter().map(|l| label_id(l)).collect();
                let mut children = vec![Vec::new(); n + 1];
                for (d, &h) in gold_heads.iter().enumerate() {
                    children[h.min(n)].push(d);
                }
                let words: Vec<&str> = tree.words.iter().map(String::as_str).collect();
                let tags: Vec<(&str, &str)> = tree.tags.iter().map(|(u, x)| (u.as_str(), x.as_str())).collect();
                let keys = SentenceKeys::new(&words, &tags, &word_classes);
                let mut state = State::new(n);
                while !state.is_final() {
                    extract(&state, &keys, &mut feats);
                    model.tick();
                    model.scores(&feats, &mut scores);
                    let allowed = state.allowed();
                    let predicted = best_allowed(&scores, allowed, &state, n_labels, root_label, None)
                        .expect("a non-final state allows an action");
                    let costs = state.costs(&gold_heads, &gold_labels, &children);
                    let zero_cost = best_allowed(&scores, allowed, &state, n_labels, root_label, Some(&costs));
                    let truth = zero_cost.unwrap_or_else(|| {
                        // No zero-cost action (a non-projective arc): take the cheapest.
                        (0..scores.len())
                            .map(|i| Action::from_index(i, n_labels))
                            .filter(|&a| match a {
                                Action::Shift => allowed.shift,
                                Action::Left(l) => allowed.left && ((l == root_label) == (state.front == n)),
                                Action::Right(l) => allowed.right && l != root_label,
                            })
                            .min_by_key(|&a| costs.of(a))
                            .expect("a non-final state allows an action")
                    });
                    if costs.of(predicted) > costs.of(truth) {
                        model.update(&feats, truth.index(n_labels), predicted.index(n_labels));
                    }
                    let follow = if epoch > 0 && coin.next_f64() < EXPLORE { predicted } else { truth };
                    state.apply(follow);
                }
            }
        }
        Parser { labels, root_label, model: model.freeze(prune), word_classes }
    }

    /// Parses a sentence tagged with (UPOS, Penn) pairs. Always returns a tree with
    /// exactly one root.
    pub fn parse<'a>(&'a self, words: &[&str], tags: &[(&str, &str)]) -> Vec<ParsedWord<'a>> {
        let n = words.len();
        let keys = SentenceKeys::new(words, tags, &self.word_classes);
        let mut state = State::new(n);
        let mut scores = vec![0.0f32; self.model.classes()];
        let mut feats = Vec::with_capacity(128);
        while !state.is_final() {
            extract(&state, &keys, &mut feats);
            self.model.scores(&feats, &mut scores);
            let action = best_allowed(&scores, state.allowed(), &state, self.labels.len(), self.root_label, None)
                .expect("a non-final state allows an action");
            state.apply(action);
        }
        (0..n)
            .map(|i| {
                let head = state.heads[i].filter(|&h| h < n);
                let deprel = if head.is_none() { "root" } else { &self.labels[state.labels[i] as usize] };
                ParsedWord { head, deprel }
            })
            .collect()
    }

    /// A smaller copy without weights below `threshold` (see [`FrozenPerceptron::pruned`]).
    pub fn pruned(&self, threshold: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            root_label: self.root_label,
            model: self.model.pruned(threshold),
            word_classes: self.word_classes.clone(),
        }
    }

    /// Number of (feature, weights) entries, a measure of model size.
    pub fn size(&self) -> (usize, usize) {
        (self.model.features(), self.model.len())
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let mut out = ModelWriter::create(path)?;
        out.bytes(MAGIC)?;
        out.u64(self.word_classes.id())?;
        out.u32(self.labels.len() as u32)?;
        for label in &self.labels {
            out.str(label)?;
        }
        self.model.save(out.inner())?;
        out.finish()
    }

    /// Reads a model written by [`Parser::save`], to use with the word classes it learnt from.
    pub fn from_bytes(bytes: &[u8], word_classes: WordClasses) -> Result<Parser, ModelError> {
        let mut input = ModelReader::new(bytes);
        input.expect(MAGIC, "parser")?;
        word_classes.check(input.u64()?, "parser")?;
        let mut labels = Vec::new();
        for _ in 0..input.count()? {
            labels.push(input.str()?);
        }
        let root_label =
            labels.iter().position(|l| l == "root").ok_or_else(|| ModelError::Corrupt("no root relation".into()))?
                as u16;
        let model = FrozenPerceptron::load(input.inner())?;
        if model.classes() != 1 + 2 * labels.len() {
            return Err(ModelError::Corrupt("action count differs from the relations'".into()));
        }
        Ok(Parser { labels, root_label, model, word_classes })
    }
}

impl Component for Parser {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Tags]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Parse]
    }

    fn process(&self, doc: &mut Document) {
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].tokens.clone();
            let words: Vec<&str> = range.clone().map(|i| doc.slice(doc.tokens[i].span)).collect();
            let tags: Vec<(&str, &str)> = range
                .clone()
                .map(|i| (doc.tokens[i].upos.map_or("_", Upos::as_str), doc.tokens[i].xpos.as_deref().unwrap_or("_")))
                .collect();
            let parsed: Vec<(Option<usize>, Option<Deprel>)> =
                self.parse(&words, &tags).into_iter().map(|p| (p.head, Deprel::parse(p.deprel))).collect();
            for (i, (head, deprel)) in range.clone().zip(parsed) {
                doc.tokens[i].head = head.map(|h| range.start + h);
                doc.tokens[i].deprel = deprel;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_trees() -> Vec<TrainingTree> {
        let tree = |words: &str, tags: &str, heads: &[usize], labels: &str| TrainingTree {
            words: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(|t| (t.chars().take(1).collect(), t.to_string())).collect(),
            heads: heads.to_vec(),
            labels: labels.split(' ').map(String::from).collect(),
        };
        vec![
            tree("Ministers met diplomats .", "NNS VBD NNS .", &[2, 0, 2, 2], "nsubj root obj punct"),
            tree(
                "Officials said talks failed .",
                "NNS VBD NNS VBD .",
                &[2, 0, 4, 2, 2],
                "nsubj root nsubj ccomp punct",
            ),
            tree("Envoys met in Geneva .", "NNS VBD IN NNP .", &[2, 0, 4, 2, 2], "nsubj root case obl punct"),
        ]
    }

    /// Exactly one root, heads in range, and no cycles.
    fn assert_tree(parsed: &[ParsedWord]) {
        assert_eq!(parsed.iter().filter(|p| p.head.is_none()).count(), 1);
        for start in 0..parsed.len() {
            let (mut at, mut steps) = (start, 0);
            while let Some(h) = parsed[at].head {
                assert!(h < parsed.len());
                at = h;
                steps += 1;
                assert!(steps <= parsed.len(), "cycle through word {start}");
            }
        }
    }

    #[test]
    fn learns_toy_trees_and_round_trips() {
        let parser = Parser::train(&toy_trees(), 10, 0.0, WordClasses::empty());
        let parsed = parser
            .parse(&["Ministers", "met", "diplomats", "."], &[("N", "NNS"), ("V", "VBD"), ("N", "NNS"), (".", ".")]);
        assert_eq!(parsed.iter().map(|p| p.head).collect::<Vec<_>>(), [Some(1), None, Some(1), Some(1)]);
        assert_eq!(parsed[0].deprel, "nsubj");
        assert_eq!(parsed[1].deprel, "root");
        let path = std::env::temp_dir().join(format!("attache-parser-{}", std::process::id()));
        parser.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let loaded = Parser::from_bytes(&bytes, WordClasses::empty()).unwrap();
        let tags = [("N", "NNS"), ("V", "VBD")];
        assert_eq!(loaded.parse(&["Envoys", "met"], &tags), parser.parse(&["Envoys", "met"], &tags));
        let again = Parser::train(&toy_trees(), 10, 0.0, WordClasses::empty());
        let path2 = path.with_extension("2");
        again.save(&path2).unwrap();
        assert_eq!(std::fs::read(&path2).unwrap(), bytes, "training is deterministic");
        std::fs::remove_file(&path2).unwrap();
    }

    #[test]
    fn long_and_odd_sentences_give_valid_trees() {
        let parser = Parser::train(&toy_trees(), 3, 0.0, WordClasses::empty());
        let words: Vec<String> =
            (0..1000).map(|i| ["talks", ",", "🙂", "", "U.S.", "\u{200b}", "---"][i % 7].to_string()).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags: Vec<(&str, &str)> =
            (0..1000).map(|i| [("NOUN", "NNS"), ("PUNCT", ","), ("X", "XYZ"), ("_", "_")][i % 4]).collect();
        let parsed = parser.parse(&refs, &tags);
        assert_eq!(parsed.len(), 1000);
        assert_tree(&parsed);
        assert!(parser.parse(&[], &[]).is_empty());
        assert_tree(&parser.parse(&["."], &[("PUNCT", ".")]));
    }

    #[test]
    fn rejects_foreign_bytes() {
        assert!(Parser::from_bytes(b"ATCHTAG1....", WordClasses::empty()).is_err());
        assert!(Parser::from_bytes(b"", WordClasses::empty()).is_err());
    }
}
