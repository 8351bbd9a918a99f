use std::io::{Read, Write};

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the expected header.
    #[error("not an Attaché {expected} model (bad header); retrain it with `attache train`")]
    BadHeader {
        /// The kind of model that was expected.
        expected: &'static str,
    },
    /// The file ended early or has an impossible size.
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(String),
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A binary averaged perceptron over hashed features.
///
/// Scores are sums of the weights of active feature keys; a positive score means "yes".
/// Training keeps running totals so that the saved weights are the average over all
/// updates (Collins 2002), which generalises much better than the last weights.
#[derive(Clone, Debug)]
pub struct BinaryPerceptron {
    mask: u64,
    weights: Vec<f32>,
    training: Option<Averaging>,
}

#[derive(Clone, Debug)]
struct Averaging {
    totals: Vec<f64>,
    stamps: Vec<u64>,
    clock: u64,
}

const MAGIC: &[u8; 8] = b"ATCHBP01";

impl BinaryPerceptron {
    /// A zero model with `2^bits` weights, ready to train.
    pub fn new(bits: u32) -> BinaryPerceptron {
        let size = 1usize << bits;
        BinaryPerceptron {
            mask: (size - 1) as u64,
            weights: vec![0.0; size],
            training: Some(Averaging { totals: vec![0.0; size], stamps: vec![0; size], clock: 0 }),
        }
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key & self.mask) as usize
    }

    /// The score of an example given its feature keys.
    #[inline]
    pub fn score(&self, keys: &[u64]) -> f32 {
        keys.iter().map(|&k| self.weights[self.slot(k)]).sum()
    }

    /// Learns from one example: updates the weights when the prediction is wrong.
    /// Returns whether the prediction before the update was right.
    pub fn train(&mut self, keys: &[u64], truth: bool) -> bool {
        let predicted = self.score(keys) > 0.0;
        let avg = self.training.as_mut().expect("train() called on a finalised model");
        avg.clock += 1;
        if predicted == truth {
            return true;
        }
        let delta = if truth { 1.0 } else { -1.0 };
        for &key in keys {
            let slot = (key & self.mask) as usize;
            let elapsed = avg.clock - avg.stamps[slot];
            avg.totals[slot] += elapsed as f64 * f64::from(self.weights[slot]);
            avg.stamps[slot] = avg.clock;
            self.weights[slot] += delta;
        }
        false
    }

    /// Replaces the weights by their averages; the model can no longer train.
    pub fn finalise(&mut self) {
        if let Some(avg) = self.training.take() {
            let clock = avg.clock.max(1);
            for (slot, weight) in self.weights.iter_mut().enumerate() {
                let total = avg.totals[slot] + (clock - avg.stamps[slot]) as f64 * f64::from(*weight);
                *weight = (total / clock as f64) as f32;
            }
        }
    }

    /// Writes the model: a header, the table size and the non-zero weights.
    pub fn save(&self, out: &mut impl Write) -> Result<(), ModelError> {
        let nonzero: Vec<(u32, f32)> =
            self.weights.iter().enumerate().filter(|(_, w)| **w != 0.0).map(|(i, w)| (i as u32, *w)).collect();
        out.write_all(MAGIC)?;
        out.write_all(&(self.weights.len() as u64).to_le_bytes())?;
        out.write_all(&(nonzero.len() as u64).to_le_bytes())?;
        for (slot, weight) in nonzero {
            out.write_all(&slot.to_le_bytes())?;
            out.write_all(&weight.to_le_bytes())?;
        }
        Ok(())
    }

    /// Reads a model written by [`BinaryPerceptron::save`].
    pub fn load(input: &mut impl Read) -> Result<BinaryPerceptron, ModelError> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError::BadHeader { expected: "binary perceptron" });
        }
        let size = read_u64(input)? as usize;
        if !size.is_power_of_two() || size > 1 << 28 {
            return Err(ModelError::Corrupt(format!("weight table of {size} entries")));
        }
        let count = read_u64(input)? as usize;
        if count > size {
            return Err(ModelError::Corrupt(format!("{count} weights for a table of {size}")));
        }
        let mut weights = vec![0.0f32; size];
        let mut pair = [0u8; 8];
        for _ in 0..count {
            input.read_exact(&mut pair)?;
            let slot = u32::from_le_bytes(pair[..4].try_into().unwrap()) as usize;
            let weight = f32::from_le_bytes(pair[4..].try_into().unwrap());
            *weights.get_mut(slot).ok_or_else(|| ModelError::Corrupt(format!("weight slot {slot} out of range")))? =
                weight;
        }
        Ok(BinaryPerceptron { mask: (size - 1) as u64, weights, training: None })
    }
}

fn read_u64(input: &mut impl Read) -> Result<u64, ModelError> {
    let mut bytes = [0u8; 8];
    input.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<(Vec<u64>, bool)> {
        // "yes" exactly when key 7 is present; keys 1 and 2 are noise.
        (0..200u64).map(|i| (vec![1, 2 + (i % 3), if i % 2 == 0 { 7 } else { 9 }], i % 2 == 0)).collect()
    }

    #[test]
    fn learns_a_separable_rule_and_round_trips() {
        let mut model = BinaryPerceptron::new(10);
        for _ in 0..5 {
            for (keys, truth) in examples() {
                model.train(&keys, truth);
            }
        }
        model.finalise();
        for (keys, truth) in examples() {
            assert_eq!(model.score(&keys) > 0.0, truth);
        }
        let mut bytes = Vec::new();
        model.save(&mut bytes).unwrap();
        let loaded = BinaryPerceptron::load(&mut bytes.as_slice()).unwrap();
        assert_eq!(loaded.score(&[1, 2, 7]), model.score(&[1, 2, 7]));
    }

    #[test]
    fn rejects_foreign_and_truncated_files() {
        assert!(matches!(BinaryPerceptron::load(&mut &b"NOTAMODEL......."[..]), Err(ModelError::BadHeader { .. })));
        let mut bytes = Vec::new();
        let mut model = BinaryPerceptron::new(4);
        model.train(&[3], true);
        model.finalise();
        model.save(&mut bytes).unwrap();
        bytes.truncate(bytes.len() - 2);
        assert!(BinaryPerceptron::load(&mut bytes.as_slice()).is_err());
    }
}
