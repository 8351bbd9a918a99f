use crate::ModelError;
use rustc_hash::FxHashMap;
use std::io::{Read, Write};

/// One class weight of a feature while training, with what averaging needs.
#[derive(Clone, Copy, Debug)]
struct TrainingWeight {
    class: u16,
    weight: f32,
    /// Sum of the weight over all ticks up to `stamp`.
    total: f64,
    stamp: u64,
}

/// A multiclass averaged perceptron over hashed features, for training.
///
/// Each feature keeps weights only for the classes it was ever updated for, so memory
/// grows with what the data teaches, not with features × classes. [`Perceptron::freeze`]
/// averages the weights and packs them into a compact [`FrozenPerceptron`].
#[derive(Debug)]
pub struct Perceptron {
    classes: usize,
    rows: FxHashMap<u64, Vec<TrainingWeight>>,
    clock: u64,
}

impl Perceptron {
    /// A zero model over `classes` classes.
    pub fn new(classes: usize) -> Perceptron {
        assert!(classes > 0 && classes <= MAX_ROW, "between 1 and {MAX_ROW} classes");
        Perceptron { classes, rows: FxHashMap::default(), clock: 0 }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the current weights of `features` into `scores` (one slot per class).
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for key in features {
            if let Some(row) = self.rows.get(key) {
                for w in row {
                    scores[w.class as usize] += w.weight;
                }
            }
        }
    }

    /// Advances the clock by one example; call once per training example.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Moves the weights of `features` towards `truth` and away from `guess`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &key in features {
            let row = self.rows.entry(key).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let class = class as u16;
                let slot = match row.iter().position(|w| w.class == class) {
                    Some(i) => i,
                    None => {
                        row.push(TrainingWeight { class, weight: 0.0, total: 0.0, stamp: self.clock });
                        row.len() - 1
                    }
                };
                let w = &mut row[slot];
                w.total += (self.clock - w.stamp) as f64 * f64::from(w.weight);
                w.stamp = self.clock;
                w.weight += delta;
            }
        }
    }

    /// Averages the weights over all ticks, drops those smaller than `prune` in absolute
    /// value, and packs the rest for fast scoring.
    pub fn freeze(&self, prune: f32) -> FrozenPerceptron {
        let clock = self.clock.max(1);
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable(); // a stable order makes saved models byte-identical
        let mut rows: Vec<(u32, Vec<(u16, f32)>)> = Vec::new();
        for key in keys {
            let mut row: Vec<(u16, f32)> = self.rows[key]
                .iter()
                .map(|w| {
                    let total = w.total + (clock - w.stamp) as f64 * f64::from(w.weight);
                    (w.class, (total / clock as f64) as f32)
                })
                .filter(|(_, w)| w.abs() >= prune && *w != 0.0)
                .collect();
            row.sort_unstable_by_key(|(c, _)| *c);
            if !row.is_empty() {
                rows.push((short_key(*key), row));
            }
        }
        // Features whose keys fold to one short key share a row: their weights add up, as
        // their scores would have.
        rows.sort_by_key(|(key, _)| *key);
        rows.dedup_by(|later, kept| {
            if later.0 != kept.0 {
                return false;
            }
            for &(class, weight) in &later.1 {
                match kept.1.binary_search_by_key(&class, |(c, _)| *c) {
                    Ok(at) => kept.1[at].1 += weight,
                    Err(at) => kept.1.insert(at, (class, weight)),
                }
            }
            true
        });
        let max = rows.iter().flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs())).fold(0.0f32, f32::max);
        let scale = max.max(f32::MIN_POSITIVE) / f32::from(i16::MAX);
        let mut model = FrozenPerceptron {
            classes: self.classes,
            scale,
            index: RowIndex { classes: self.classes, ..RowIndex::default() },
        };
        for (key, row) in rows {
            model.push_row(key, row.into_iter().map(|(c, w)| (c, (w / scale).round() as i16)));
        }
        model
    }
}

/// Folds a 64-bit feature key to the 32 bits a frozen model stores: with a million
/// features, an unknown feature borrows a known one's weights about once in 4,000.
/// Never 0, which marks an empty slot of [`RowIndex`].
fn short_key(key: u64) -> u32 {
    ((key ^ (key >> 32)) as u32).max(1)
}

/// One slot of [`RowIndex`]: a feature key and its row of (class, weight) pairs, the
/// row stored in the slot itself when it has at most [`INLINE`] pairs (most do), so that
/// scoring a feature usually costs a single cache miss.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    len: u8,
    /// Inline: `len` × (class u8, weight i16 little-endian). Else: the row's start in
    /// `RowIndex::overflow`, little-endian, and for a row of [`DENSE_MIN`] weights or more,
    /// its start in `RowIndex::dense` next.
    data: [u8; 11],
}

/// Rows with at least this many weights are also kept with a weight for every class:
/// these are the frequent features, whose rows are added up most often, and a full row
/// adds up in a few vector instructions where a sparse one takes a step per weight.
const DENSE_MIN: usize = 16;

/// Pairs a slot holds inline.
const INLINE: usize = 3;
/// Rows hold at most one weight per class.
const MAX_ROW: usize = 255;

impl Slot {
    /// The bytes of `data` in use: the inline pairs, or the long row's start.
    fn stored_bytes(&self) -> usize {
        let len = self.len as usize;
        if len <= INLINE {
            len * 3
        } else {
            4
        }
    }

    /// Where a long row starts in `RowIndex::overflow`.
    fn overflow_start(&self) -> usize {
        u32::from_le_bytes(self.data[..4].try_into().unwrap()) as usize
    }

    /// Where a row of [`DENSE_MIN`] weights or more starts in `RowIndex::dense`.
    fn dense_start(&self) -> Option<usize> {
        (self.len as usize >= DENSE_MIN).then(|| u32::from_le_bytes(self.data[4..8].try_into().unwrap()) as usize)
    }

    fn for_each(&self, overflow: &[(u16, i16)], mut f: impl FnMut(u16, i16)) {
        let len = self.len as usize;
        if len <= INLINE {
            for pair in self.data[..len * 3].chunks_exact(3) {
                f(u16::from(pair[0]), i16::from_le_bytes([pair[1], pair[2]]));
            }
        } else {
            let start = self.overflow_start();
            for &(class, weight) in &overflow[start..start + len] {
                f(class, weight);
            }
        }
    }
}

/// Open-addressing table (linear probing, at most half full) from short feature keys to
/// rows of weights.
#[derive(Clone, Debug, Default)]
struct RowIndex {
    slots: Vec<Slot>,
    overflow: Vec<(u16, i16)>,
    /// The rows of [`DENSE_MIN`] weights or more again, `classes` weights each; built
    /// from `overflow`, never stored.
    dense: Vec<i16>,
    classes: usize,
    features: usize,
    weights: usize,
}

impl RowIndex {
    fn position(&self, key: u32) -> usize {
        let bits = self.slots.len().trailing_zeros();
        ((u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> (64 - bits)) as usize
    }

    /// Adds a row; rows come sorted by class and hold at most [`MAX_ROW`] pairs.
    fn insert(&mut self, key: u32, row: &[(u16, i16)]) {
        assert!(!row.is_empty() && row.len() <= MAX_ROW && key != 0);
        let mut slot = Slot { key, len: row.len() as u8, data: [0; 11] };
        if row.len() <= INLINE {
            for (i, &(class, weight)) in row.iter().enumerate() {
                slot.data[i * 3] = class as u8;
                slot.data[i * 3 + 1..i * 3 + 3].copy_from_slice(&weight.to_le_bytes());
            }
        } else {
            slot.data[..4].copy_from_slice(&(self.overflow.len() as u32).to_le_bytes());
            self.overflow.extend_from_slice(row);
            self.add_dense(&mut slot);
        }
        if (self.features + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![Slot::default(); (old.len() * 2).max(1024)];
            for s in old.into_iter().filter(|s| s.key != 0) {
                self.place(s);
            }
        }
        if self.place(slot) {
            self.features += 1;
        }
        self.weights += row.len();
    }

    /// Puts a slot in the table; false when it replaced one with the same key.
    fn place(&mut self, slot: Slot) -> bool {
        let mask = self.slots.len() - 1;
        let mut at = self.position(slot.key);
        while self.slots[at].key != 0 && self.slots[at].key != slot.key {
            at = (at + 1) & mask;
        }
        let new = self.slots[at].key == 0;
        self.slots[at] = slot;
        new
    }

    /// Asks the processor to start loading the slot where `key` would be, so that
    /// several lookups wait on memory at the same time.
    #[inline]
    fn prefetch(&self, key: u32) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            let at = self.position(key);
            // SAFETY: prefetching is a hint; the pointer is in bounds of `slots`.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(at).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = key;
    }

    /// Asks the processor to start loading a long row's weights.
    #[inline]
    fn prefetch_row(&self, slot: &Slot) {
        #[cfg(target_arch = "x86_64")]
        if let Some(start) = slot.dense_start() {
            // SAFETY: prefetching is a hint; the pointers are in bounds of `dense`.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                let row = self.dense.as_ptr().add(start);
                for line in (0..self.classes).step_by(32) {
                    _mm_prefetch::<_MM_HINT_T0>(row.add(line).cast());
                }
            }
        } else if slot.len as usize > INLINE {
            // SAFETY: as above, in bounds of `overflow`.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(self.overflow.as_ptr().add(slot.overflow_start()).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = slot;
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&Slot> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.position(key);
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Writes a long row out in full in `dense` and points the slot at it.
    fn add_dense(&mut self, slot: &mut Slot) {
        if (slot.len as usize) < DENSE_MIN {
            return;
        }
        let start = self.dense.len();
        self.dense.resize(start + self.classes, 0);
        let row = &mut self.dense[start..];
        slot.for_each(&self.overflow, |class, weight| row[class as usize] = weight);
        slot.data[4..8].copy_from_slice(&(start as u32).to_le_bytes());
    }

    /// Every row with its key, in key order.
    fn rows(&self) -> Vec<(u32, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| {
                let mut row = Vec::with_capacity(s.len as usize);
                s.for_each(&self.overflow, |c, w| row.push((c, w)));
                (s.key, row)
            })
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows
    }
}

/// A trained multiclass perceptron: feature key → the nonzero weights of its classes,
/// as 16-bit integers times one scale factor (half the memory of floats, same decisions).
#[derive(Clone, Debug)]
pub struct FrozenPerceptron {
    classes: usize,
    scale: f32,
    index: RowIndex,
}

const MAGIC: &[u8; 8] = b"ATCHMP03";

impl FrozenPerceptron {
    fn push_row(&mut self, key: u32, row: impl Iterator<Item = (u16, i16)>) {
        let row: Vec<(u16, i16)> = row.filter(|(_, w)| *w != 0).collect();
        if !row.is_empty() {
            self.index.insert(key, &row);
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of stored weights.
    pub fn len(&self) -> usize {
        self.index.weights
    }

    /// True when the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.index.weights == 0
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.index.features
    }

    /// A copy without the weights smaller than `threshold` in absolute value: a smaller
    /// model, usually at little cost in accuracy.
    pub fn pruned(&self, threshold: f32) -> FrozenPerceptron {
        let mut model = FrozenPerceptron {
            classes: self.classes,
            scale: self.scale,
            index: RowIndex { classes: self.classes, ..RowIndex::default() },
        };
        for (key, row) in self.index.rows() {
            model.push_row(key, row.into_iter().filter(|(_, w)| f32::from(*w).abs() * self.scale >= threshold));
        }
        model
    }

    /// Writes the class scores of `features` into `scores`.
    ///
    /// Lookups come first and additions after, so the processor can wait on many cache
    /// misses at once instead of one after another: large models are memory-bound. Long
    /// rows are fetched ahead the same way, and weights add up as integers (exact, and no
    /// conversion per weight).
    #[inline]
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        const CHUNK: usize = 64;
        let mut totals = [0i32; MAX_ROW];
        let totals = &mut totals[..self.classes];
        let mut rows: [Option<&Slot>; CHUNK] = [None; CHUNK];
        for chunk in features.chunks(CHUNK) {
            for &key in chunk {
                self.index.prefetch(short_key(key));
            }
            let mut found = 0;
            for &key in chunk {
                if let Some(slot) = self.index.get(short_key(key)) {
                    self.index.prefetch_row(slot);
                    rows[found] = Some(slot);
                    found += 1;
                }
            }
            for slot in rows[..found].iter().flatten() {
                match slot.dense_start() {
                    Some(start) => {
                        let row = &self.index.dense[start..start + self.classes];
                        for (total, &weight) in totals.iter_mut().zip(row) {
                            *total += i32::from(weight);
                        }
                    }
                    None => {
                        slot.for_each(&self.index.overflow, |class, weight| totals[class as usize] += i32::from(weight))
                    }
                }
            }
        }
        for (score, &total) in scores.iter_mut().zip(totals.iter()) {
            *score = total as f32 * self.scale;
        }
    }

    /// Writes the model in the layout it is used in: the slot table as it stands, then the
    /// long rows, so that loading is a copy, not a rebuild of the table.
    pub fn save(&self, out: &mut impl Write) -> Result<(), ModelError> {
        let index = &self.index;
        out.write_all(MAGIC)?;
        out.write_all(&(self.classes as u32).to_le_bytes())?;
        out.write_all(&self.scale.to_le_bytes())?;
        out.write_all(&(index.features as u64).to_le_bytes())?;
        out.write_all(&(index.weights as u64).to_le_bytes())?;
        out.write_all(&(index.slots.len() as u64).to_le_bytes())?;
        // Only the slots in use, in table order with their positions: small on disk, and
        // written back in order (sequential stores) when loading.
        let mut bytes = Vec::with_capacity(index.features * 16);
        for (at, slot) in index.slots.iter().enumerate().filter(|(_, s)| s.key != 0) {
            bytes.extend_from_slice(&(at as u32).to_le_bytes());
            bytes.extend_from_slice(&slot.key.to_le_bytes());
            bytes.push(slot.len);
            bytes.extend_from_slice(&slot.data[..slot.stored_bytes()]);
        }
        out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        out.write_all(&bytes)?;
        out.write_all(&(index.overflow.len() as u64).to_le_bytes())?;
        let mut bytes = Vec::with_capacity(index.overflow.len() * 4);
        for &(class, weight) in &index.overflow {
            bytes.extend_from_slice(&class.to_le_bytes());
            bytes.extend_from_slice(&weight.to_le_bytes());
        }
        out.write_all(&bytes)?;
        Ok(())
    }

    /// Reads a model written by [`FrozenPerceptron::save`], checking that every row lies
    /// within the file and every class within the model.
    pub fn load(input: &mut impl Read) -> Result<FrozenPerceptron, ModelError> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError::BadHeader { expected: "multiclass perceptron" });
        }
        let classes = read_array::<4>(input).map(u32::from_le_bytes)? as usize;
        let scale = read_array::<4>(input).map(f32::from_le_bytes)?;
        let features = read_array::<8>(input).map(u64::from_le_bytes)? as usize;
        let weights = read_array::<8>(input).map(u64::from_le_bytes)? as usize;
        let slots = read_array::<8>(input).map(u64::from_le_bytes)? as usize;
        let table_fits = slots.is_power_of_two() && slots <= 1 << 32 && features * 2 <= slots;
        if classes == 0 || classes > MAX_ROW || !(slots == 0 || table_fits) || !scale.is_finite() {
            return Err(ModelError::Corrupt(format!(
                "{classes} classes, {features} features in {slots} slots, scale {scale}"
            )));
        }
        let used = read_array::<8>(input).map(u64::from_le_bytes)? as usize;
        let bytes = read_vec(input, used)?;
        let mut table = vec![Slot::default(); slots];
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            let corrupt = || ModelError::Corrupt("a slot cut short or out of the table".into());
            let head: &[u8; 9] = rest.get(..9).and_then(|h| h.try_into().ok()).ok_or_else(corrupt)?;
            let at = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
            let mut slot =
                Slot { key: u32::from_le_bytes([head[4], head[5], head[6], head[7]]), len: head[8], data: [0; 11] };
            let stored = slot.stored_bytes();
            let data = rest.get(9..9 + stored).ok_or_else(corrupt)?;
            slot.data[..stored].copy_from_slice(data);
            *table.get_mut(at).ok_or_else(corrupt)? = slot;
            rest = &rest[9 + stored..];
        }
        let slots = table;
        let overflow_len = read_array::<8>(input).map(u64::from_le_bytes)? as usize;
        if overflow_len > weights {
            return Err(ModelError::Corrupt(format!("{overflow_len} weights in long rows of {weights}")));
        }
        let bytes = read_vec(input, overflow_len * 4)?;
        let overflow: Vec<(u16, i16)> = bytes
            .chunks_exact(4)
            .map(|b| (u16::from_le_bytes([b[0], b[1]]), i16::from_le_bytes([b[2], b[3]])))
            .collect();
        let mut index = RowIndex { slots, overflow, dense: Vec::new(), classes, features, weights };
        index.check(classes)?;
        for at in 0..index.slots.len() {
            let mut slot = index.slots[at];
            index.add_dense(&mut slot);
            index.slots[at] = slot;
        }
        Ok(FrozenPerceptron { classes, scale, index })
    }
}

impl RowIndex {
    /// Checks a table read from a file: as many rows and weights as its header says, long
    /// rows within `overflow`, and only classes below `classes`.
    fn check(&self, classes: usize) -> Result<(), ModelError> {
        let (mut features, mut weights) = (0, 0);
        for slot in self.slots.iter().filter(|s| s.key != 0) {
            let len = slot.len as usize;
            if len > INLINE {
                let start = slot.overflow_start();
                if start + len > self.overflow.len() {
                    return Err(ModelError::Corrupt(format!("a row of {len} weights past the end of the long rows")));
                }
            }
            let mut bad = false;
            slot.for_each(&self.overflow, |class, _| bad |= class as usize >= classes);
            if bad || len == 0 {
                return Err(ModelError::Corrupt(format!("a row of {len} weights with a class past {classes}")));
            }
            features += 1;
            weights += len;
        }
        if (features, weights) != (self.features, self.weights) {
            return Err(ModelError::Corrupt(format!(
                "{features} features and {weights} weights where the header says {} and {}",
                self.features, self.weights
            )));
        }
        Ok(())
    }
}

/// Reads `len` bytes, in steps, so that a corrupt length fails at the end of the input
/// instead of allocating what it claims.
fn read_vec(input: &mut impl Read, len: usize) -> Result<Vec<u8>, ModelError> {
    let mut bytes = Vec::new();
    let read = input.take(len as u64).read_to_end(&mut bytes)?;
    if read != len {
        return Err(ModelError::Corrupt(format!("{read} bytes where {len} were expected")));
    }
    Ok(bytes)
}

fn read_array<const N: usize>(input: &mut impl Read) -> Result<[u8; N], ModelError> {
    let mut bytes = [0u8; N];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// The index of the highest score (the first one on ties).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_fold_together_share_one_row() {
        // 7 and 3 << 32 | 4 both fold to the short key 7.
        let (a, b) = (7u64, 3 << 32 | 4);
        assert_eq!(short_key(a), short_key(b));
        let mut model = Perceptron::new(3);
        model.tick();
        model.update(&[a], 0, 2);
        model.update(&[b], 1, 2);
        model.tick();
        let frozen = model.freeze(0.0);
        assert_eq!(frozen.features(), 1);
        let mut bytes = Vec::new();
        frozen.save(&mut bytes).unwrap();
        let loaded = FrozenPerceptron::load(&mut bytes.as_slice()).unwrap();
        let mut scores = vec![0.0; 3];
        loaded.scores(&[a], &mut scores);
        // Each feature pushed its class up by one and class 2 down by one: their sum.
        assert!(scores[0] > 0.0 && scores[0] == scores[1], "{scores:?}");
        assert!((scores[2] + 2.0 * scores[0]).abs() < 1e-3, "{scores:?}");
    }

    #[test]
    fn learns_three_classes_and_round_trips() {
        // Class = key 10, 11 or 12 present; key 1 is shared noise.
        let data: Vec<(Vec<u64>, usize)> = (0..300).map(|i| (vec![1, 10 + (i % 3) as u64], i % 3)).collect();
        let mut model = Perceptron::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..4 {
            for (features, truth) in &data {
                model.tick();
                model.scores(features, &mut scores);
                model.update(features, *truth, argmax(&scores));
            }
        }
        let frozen = model.freeze(0.0);
        for (features, truth) in &data {
            frozen.scores(features, &mut scores);
            assert_eq!(argmax(&scores), *truth);
        }
        let mut bytes = Vec::new();
        frozen.save(&mut bytes).unwrap();
        let loaded = FrozenPerceptron::load(&mut bytes.as_slice()).unwrap();
        let mut again = vec![0.0; 3];
        loaded.scores(&[1, 11], &mut again);
        frozen.scores(&[1, 11], &mut scores);
        for (a, b) in again.iter().zip(&scores) {
            assert!((a - b).abs() < 1e-3 * b.abs().max(1.0));
        }
        let mut resaved = Vec::new();
        loaded.save(&mut resaved).unwrap();
        assert_eq!(bytes, resaved, "saving is deterministic");
        assert!(FrozenPerceptron::load(&mut &bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn a_damaged_model_file_is_refused_not_believed() {
        let mut model = Perceptron::new(3);
        for _ in 0..10 {
            model.tick();
            model.update(&[7], 2, 0);
        }
        let mut bytes = Vec::new();
        model.freeze(0.0).save(&mut bytes).unwrap();
        let header = 8 + 4 + 4 + 8 + 8 + 8 + 8;
        // The first stored slot: position, key, length, then (class, weight) pairs.
        let mut bad_class = bytes.clone();
        bad_class[header + 9] = 200;
        let error = FrozenPerceptron::load(&mut bad_class.as_slice()).unwrap_err();
        assert!(error.to_string().contains("class"), "{error}");
        let mut bad_position = bytes.clone();
        bad_position[header..header + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(FrozenPerceptron::load(&mut bad_position.as_slice()).is_err());
        let mut bad_count = bytes;
        bad_count[16..24].copy_from_slice(&5u64.to_le_bytes());
        assert!(FrozenPerceptron::load(&mut bad_count.as_slice()).is_err());
    }
}
