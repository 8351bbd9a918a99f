//! Learning machinery shared by Attaché's trained components.
//!
//! Features are hashed to 64-bit keys ([`FeatureHasher`]) and folded into a fixed-size
//! weight table, so models need no vocabulary and scoring allocates nothing. Models
//! train deterministically: the caller fixes the example order.

mod binio;
mod hashing;
mod multiclass;
mod perceptron;

pub use binio::{ModelReader, ModelWriter};
pub use hashing::{shape_key, FeatureHasher};
pub use multiclass::{argmax, FrozenPerceptron, Perceptron};
pub use perceptron::{BinaryPerceptron, ModelError};

/// The indices `0..n` in a pseudo-random order fixed by `seed` (Fisher-Yates driven by
/// splitmix64), so that training visits examples in the same order on every machine.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    for i in (1..n).rev() {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        order.swap(i, (z % (i as u64 + 1)) as usize);
    }
    order
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
