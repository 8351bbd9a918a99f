/// Builds 64-bit feature keys from a template id and string or numeric values.
///
/// The hash is FNV-1a with a final avalanche step: stable across runs, platforms and
/// Rust versions (unlike `std`'s `DefaultHasher`), which a committed model requires.
#[derive(Clone, Copy, Debug)]
pub struct FeatureHasher {
    state: u64,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl FeatureHasher {
    /// Starts a feature of template `template`.
    #[inline]
    pub fn new(template: u32) -> FeatureHasher {
        FeatureHasher { state: FNV_OFFSET ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15) }
    }

    /// Adds bytes to the key.
    #[inline]
    pub fn bytes(mut self, bytes: &[u8]) -> FeatureHasher {
        for &b in bytes {
            self.state = (self.state ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self.separator()
    }

    /// Adds a string to the key, ASCII-lowercased, so "The" and "the" share a feature.
    #[inline]
    pub fn lowercase(mut self, text: &str) -> FeatureHasher {
        for &b in text.as_bytes() {
            self.state = (self.state ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        }
        self.separator()
    }

    /// Adds a number to the key.
    #[inline]
    pub fn number(mut self, value: u64) -> FeatureHasher {
        self.state = (self.state ^ value).wrapping_mul(FNV_PRIME);
        self.state = (self.state ^ (value >> 32)).wrapping_mul(FNV_PRIME);
        self.separator()
    }

    /// Adds another finished key (for conjunctions of precomputed features).
    #[inline]
    pub fn key(self, key: u64) -> FeatureHasher {
        self.number(key)
    }

    #[inline]
    fn separator(mut self) -> FeatureHasher {
        self.state = (self.state ^ 0xff).wrapping_mul(FNV_PRIME);
        self
    }

    /// The finished key.
    #[inline]
    pub fn finish(self) -> u64 {
        // SplitMix64's mixer spreads FNV's weak low bits across the table index.
        crate::mix64(self.state)
    }
}

/// A key for a word's shape: capitals become "X", lower case "x", digits "d", runs
/// collapse and at most five classes count ("Blinken" -> "Xx", "U.S." -> "X.X.",
/// "2023" -> "d"). Shapes let models generalise to words they never saw.
pub fn shape_key(word: &str) -> u64 {
    let mut h = FeatureHasher::new(0);
    let mut last = 0u8;
    let mut classes = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if class != last {
            h = h.bytes(&[class]);
            last = class;
            classes += 1;
            if classes == 5 {
                break;
            }
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_group_words_alike() {
        assert_eq!(shape_key("Blinken"), shape_key("Lavrov"));
        assert_eq!(shape_key("2023"), shape_key("7"));
        assert_ne!(shape_key("Blinken"), shape_key("blinken"));
        assert_ne!(shape_key("U.S."), shape_key("US"));
    }

    #[test]
    fn keys_are_stable_and_distinguish_templates_and_values() {
        let a = FeatureHasher::new(1).lowercase("The").finish();
        assert_eq!(a, FeatureHasher::new(1).bytes(b"the").finish());
        assert_ne!(a, FeatureHasher::new(2).bytes(b"the").finish());
        assert_ne!(a, FeatureHasher::new(1).bytes(b"then").finish());
        // "ab"+"c" and "a"+"bc" must differ: values are separated.
        assert_ne!(
            FeatureHasher::new(1).bytes(b"ab").bytes(b"c").finish(),
            FeatureHasher::new(1).bytes(b"a").bytes(b"bc").finish()
        );
    }
}
