//! Learning machinery shared by Attaché's trained components.
//!
//! Features are hashed to 64-bit keys ([`FeatureHasher`]) and folded into a fixed-size
//! weight table, so models need no vocabulary and scoring allocates nothing. Models
//! train deterministically: the caller fixes the example order.

mod hashing;
mod perceptron;

pub use hashing::FeatureHasher;
pub use perceptron::{BinaryPerceptron, ModelError};
