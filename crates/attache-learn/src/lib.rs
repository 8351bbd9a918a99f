//! Learning machinery shared by Attaché's trained components.
//!
//! Features are hashed to 64-bit keys ([`FeatureHasher`]) and folded into a fixed-size
//! weight table, so models need no vocabulary and scoring allocates nothing. Models
//! train deterministically: the caller fixes the example order.

mod binio;
mod hashing;
mod multiclass;
mod perceptron;
mod wordclass;

pub use binio::{ModelReader, ModelWriter};
pub use hashing::{shape_key, FeatureHasher};
pub use multiclass::{argmax, FrozenPerceptron, Perceptron};
pub use perceptron::{BinaryPerceptron, ModelError};
pub use wordclass::{CaseClasses, WordClass, WordClasses, GRANULARITIES};

/// The indices `0..n` in a pseudo-random order fixed by `seed` (Fisher-Yates driven by
/// [`SplitMix64`]), so that training visits examples in the same order on every machine.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed.wrapping_add(GOLDEN_GAMMA));
    for i in (1..n).rev() {
        order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
    }
    order
}

/// How a training sentence is cased: real text comes as written, in lower case
/// (transcripts, social media) or in capitals (headlines, wires), and models learn all
/// three from treebanks written mostly the first way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// As the treebank has it.
    AsWritten,
    /// Every letter in lower case.
    Lower,
    /// Every letter in capitals.
    Upper,
}

impl Casing {
    /// A casing drawn from `coin`: lower case with probability `lower`, capitals with
    /// probability `upper`, else as written.
    pub fn draw(coin: &mut SplitMix64, lower: f64, upper: f64) -> Casing {
        let x = coin.next_f64();
        if x < lower {
            Casing::Lower
        } else if x < lower + upper {
            Casing::Upper
        } else {
            Casing::AsWritten
        }
    }

    /// `words` cased this way.
    pub fn apply<S: AsRef<str>>(self, words: &[S]) -> Vec<String> {
        words
            .iter()
            .map(|w| match self {
                Casing::AsWritten => w.as_ref().to_string(),
                Casing::Lower => w.as_ref().to_lowercase(),
                Casing::Upper => w.as_ref().to_uppercase(),
            })
            .collect()
    }
}

/// The increment of SplitMix64's state (2^64 divided by the golden ratio).
const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function: a bijection that spreads every input bit over the output.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small, fast pseudo-random generator (Steele et al.'s SplitMix64) whose sequence
/// depends only on its seed: training runs repeat exactly.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix64(self.state)
    }

    /// A number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shuffles_deterministically_and_completely() {
        let a = super::shuffled(50, 3);
        assert_eq!(a, super::shuffled(50, 3));
        assert_ne!(a, super::shuffled(50, 4));
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }
}
