//! Training the sentence splitter on the running text of UD treebanks.

use crate::{SentenceSplitter, Tokenizer};
use attache_conllu::ConlluError;
use attache_doc::Token;
use std::collections::HashSet;
use std::path::PathBuf;

/// A document's text, its tokens, and whether each token ends a sentence.
pub struct Example {
    /// The running text, rebuilt from the treebank.
    pub text: String,
    /// Its tokens, from Attaché's tokenizer.
    pub tokens: Vec<Token>,
    /// For each token, whether a gold sentence ends with it.
    pub ends: Vec<bool>,
}

/// The documents of treebanks, tokenized, with the gold sentence ends.
pub fn examples(paths: &[PathBuf]) -> Result<Vec<Example>, ConlluError> {
    let mut out = Vec::new();
    for path in paths {
        for gold in attache_conllu::read_file(path)?.running_text()? {
            let (tokens, _) = Tokenizer.tokenize(&gold.text);
            let ends: HashSet<usize> = gold.sentences.iter().map(|s| s.1).collect();
            let labels = tokens.iter().map(|t| ends.contains(&t.span.end)).collect();
            out.push(Example { text: gold.text, tokens, ends: labels });
        }
    }
    Ok(out)
}

/// The number of sentence ends in `examples`.
pub fn sentence_ends(examples: &[Example]) -> usize {
    examples.iter().map(|e| e.ends.iter().filter(|&&b| b).count()).sum()
}

/// A sentence splitter trained on `examples` for `epochs` passes.
pub fn train(examples: &[Example], epochs: usize) -> SentenceSplitter {
    let views: Vec<(&str, &[Token], &[bool])> =
        examples.iter().map(|e| (e.text.as_str(), e.tokens.as_slice(), e.ends.as_slice())).collect();
    SentenceSplitter::train(&views, epochs)
}
