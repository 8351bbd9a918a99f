use crate::state::State;
use attache_learn::{FeatureHasher, WordClasses};

/// Keys of a sentence's words and tags, computed once per sentence.
pub struct SentenceKeys {
    /// Lower-cased word form of each word, then the root.
    pub words: Vec<u64>,
    /// Penn tag of each word, then the root.
    pub tags: Vec<u64>,
    /// Universal tag of each word, then the root: coarser, so it generalises.
    pub coarse: Vec<u64>,
    /// Last three letters of each word, then the root: morphology of unknown words.
    pub suffixes: Vec<u64>,
    /// Punctuation tokens before each position (for counting those between two words).
    pub punctuation_before: Vec<u32>,
    /// Word classes of each word's lower-cased form, then the root, at each granularity:
    /// words the treebanks lack attach like the words of their class.
    pub classes: [Vec<u64>; 3],
}

const NONE: u64 = 0x9e37_79b9;

impl SentenceKeys {
    pub fn new(words: &[&str], tags: &[(&str, &str)], word_classes: &WordClasses) -> SentenceKeys {
        let mut w: Vec<u64> = words.iter().map(|s| FeatureHasher::new(0).lowercase(s).finish()).collect();
        let mut t: Vec<u64> = tags.iter().map(|(_, x)| FeatureHasher::new(0).bytes(x.as_bytes()).finish()).collect();
        let mut coarse: Vec<u64> =
            tags.iter().map(|(u, _)| FeatureHasher::new(1).bytes(u.as_bytes()).finish()).collect();
        let mut suffixes: Vec<u64> = words
            .iter()
            .map(|s| {
                let mut start = s.len().saturating_sub(3);
                while !s.is_char_boundary(start) {
                    start -= 1;
                }
                FeatureHasher::new(0).lowercase(&s[start..]).finish()
            })
            .collect();
        let root = FeatureHasher::new(0).bytes(b"<ROOT>").finish();
        w.push(root);
        t.push(root);
        coarse.push(root);
        suffixes.push(root);
        let mut punctuation_before = Vec::with_capacity(words.len() + 2);
        let mut count = 0;
        punctuation_before.push(0);
        for s in words {
            count += u32::from(!s.is_empty() && s.chars().all(|c| c.is_ascii_punctuation()));
            punctuation_before.push(count);
        }
        punctuation_before.push(count);
        let lower: Vec<_> = words.iter().map(|w| word_classes.lower(w)).collect();
        let classes = [0, 1, 2].map(|level| lower.iter().map(|c| c.key(level)).chain([root]).collect());
        SentenceKeys { words: w, tags: t, coarse, suffixes, punctuation_before, classes }
    }
}

fn bucket(distance: usize) -> u64 {
    match distance {
        0..=4 => distance as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// The features of a parser state (templates after Zhang and Nivre 2011).
pub fn extract(state: &State, keys: &SentenceKeys, out: &mut Vec<u64>) {
    let word = |w: Option<usize>| w.map_or(NONE, |i| keys.words[i]);
    let tag = |w: Option<usize>| w.map_or(NONE, |i| keys.tags[i]);
    let coarse = |w: Option<usize>| w.map_or(NONE, |i| keys.coarse[i]);
    let label = |w: Option<usize>| w.map_or(NONE, |i| u64::from(state.labels[i]) + 1);
    let [coarse_class, class, fine_class] = &keys.classes;
    let coarse_class = |w: Option<usize>| w.map_or(NONE, |i| coarse_class[i]);
    let class = |w: Option<usize>| w.map_or(NONE, |i| class[i]);
    let fine_class = |w: Option<usize>| w.map_or(NONE, |i| fine_class[i]);
    // Left dependents attach nearest first, so the leftmost is the last attached.
    let leftmost = |w: Option<usize>, k: usize| w.and_then(|i| state.lefts[i].iter().rev().nth(k).copied());
    let rightmost = |w: Option<usize>, k: usize| w.and_then(|i| state.rights[i].iter().rev().nth(k).copied());
    let label_set = |children: Option<&Vec<usize>>| {
        let mut set = 0u64;
        for &c in children.into_iter().flatten() {
            set |= 1 << (state.labels[c] % 64);
        }
        set
    };

    let (s0, s1, s2) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (b0, b1, b2) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let (s0w, s0t, s1w, s1t, s2t) = (word(s0), tag(s0), word(s1), tag(s1), tag(s2));
    let (b0w, b0t, b1w, b1t, b2t) = (word(b0), tag(b0), word(b1), tag(b1), tag(b2));
    let (s0l, s0r, s1l, s1r, b0l) =
        (leftmost(s0, 0), rightmost(s0, 0), leftmost(s1, 0), rightmost(s1, 0), leftmost(b0, 0));
    let (s0l2, s0r2, b0l2, s1r2) = (leftmost(s0, 1), rightmost(s0, 1), leftmost(b0, 1), rightmost(s1, 1));
    let dist_s0b0 = match (s0, b0) {
        (Some(a), Some(b)) => bucket(b - a),
        _ => 8,
    };
    let dist_s1s0 = match (s1, s0) {
        (Some(a), Some(b)) => bucket(b - a),
        _ => 8,
    };
    let valency = |w: Option<usize>, left: bool| {
        w.map_or(9, |i| (if left { &state.lefts[i] } else { &state.rights[i] }).len().min(4) as u64)
    };
    let f = FeatureHasher::new;
    out.clear();
    out.extend([
        f(1).finish(),
        // single words
        f(2).key(s0w).finish(),
        f(3).key(s0t).finish(),
        f(4).key(s0w).key(s0t).finish(),
        f(5).key(s1w).finish(),
        f(6).key(s1t).finish(),
        f(7).key(s1w).key(s1t).finish(),
        f(8).key(b0w).finish(),
        f(9).key(b0t).finish(),
        f(10).key(b0w).key(b0t).finish(),
        f(11).key(b1w).finish(),
        f(12).key(b1t).finish(),
        f(13).key(b1w).key(b1t).finish(),
        f(14).key(b2t).finish(),
        f(15).key(s2t).finish(),
        // pairs
        f(20).key(s0w).key(s0t).key(b0w).key(b0t).finish(),
        f(21).key(s0w).key(s0t).key(b0w).finish(),
        f(22).key(s0w).key(b0w).key(b0t).finish(),
        f(23).key(s0w).key(s0t).key(b0t).finish(),
        f(24).key(s0t).key(b0w).key(b0t).finish(),
        f(25).key(s0w).key(b0w).finish(),
        f(26).key(s0t).key(b0t).finish(),
        f(27).key(b0t).key(b1t).finish(),
        f(28).key(s1t).key(s0t).finish(),
        f(29).key(s1w).key(s0w).finish(),
        f(30).key(s1w).key(s1t).key(s0w).key(s0t).finish(),
        f(31).key(s1t).key(s0w).key(s0t).finish(),
        f(32).key(s1w).key(s1t).key(s0t).finish(),
        f(33).key(b0w).key(b1w).finish(),
        // triples of tags
        f(40).key(b0t).key(b1t).key(b2t).finish(),
        f(41).key(s0t).key(b0t).key(b1t).finish(),
        f(42).key(s1t).key(s0t).key(b0t).finish(),
        f(43).key(s2t).key(s1t).key(s0t).finish(),
        f(44).key(s0t).key(tag(s0l)).key(b0t).finish(),
        f(45).key(s0t).key(tag(s0r)).key(b0t).finish(),
        f(46).key(s0t).key(b0t).key(tag(b0l)).finish(),
        f(47).key(s1t).key(tag(s1r)).key(s0t).finish(),
        f(48).key(s1t).key(tag(s1l)).key(s0t).finish(),
        f(49).key(s1t).key(s0t).key(tag(s0r)).finish(),
        f(50).key(s1t).key(s0t).key(tag(s0l)).finish(),
        // distance
        f(60).number(dist_s0b0).key(s0w).finish(),
        f(61).number(dist_s0b0).key(s0t).finish(),
        f(62).number(dist_s0b0).key(b0w).finish(),
        f(63).number(dist_s0b0).key(b0t).finish(),
        f(64).number(dist_s0b0).key(s0t).key(b0t).finish(),
        f(65).number(dist_s1s0).key(s1t).key(s0t).finish(),
        f(66).number(dist_s1s0).key(s1w).key(s0w).finish(),
        // valency
        f(70).number(valency(s0, true)).key(s0w).finish(),
        f(71).number(valency(s0, true)).key(s0t).finish(),
        f(72).number(valency(s0, false)).key(s0w).finish(),
        f(73).number(valency(s0, false)).key(s0t).finish(),
        f(74).number(valency(b0, true)).key(b0w).finish(),
        f(75).number(valency(b0, true)).key(b0t).finish(),
        f(76).number(valency(s1, false)).key(s1t).finish(),
        // children
        f(80).key(word(s0l)).finish(),
        f(81).key(tag(s0l)).finish(),
        f(82).number(label(s0l)).finish(),
        f(83).key(word(s0r)).finish(),
        f(84).key(tag(s0r)).finish(),
        f(85).number(label(s0r)).finish(),
        f(86).key(word(b0l)).finish(),
        f(87).key(tag(b0l)).finish(),
        f(88).number(label(b0l)).finish(),
        f(89).key(tag(s1r)).number(label(s1r)).finish(),
        f(90).key(tag(s1l)).number(label(s1l)).finish(),
        f(91).key(s0t).key(tag(s0l)).key(tag(s0l2)).finish(),
        f(92).key(s0t).key(tag(s0r)).key(tag(s0r2)).finish(),
        f(93).key(b0t).key(tag(b0l)).key(tag(b0l2)).finish(),
        f(94).key(s1t).key(tag(s1r)).key(tag(s1r2)).finish(),
        f(95).number(label(s0l2)).number(label(s0r2)).finish(),
        // label sets
        f(100).key(s0w).number(label_set(s0.map(|i| &state.lefts[i]))).finish(),
        f(101).key(s0t).number(label_set(s0.map(|i| &state.lefts[i]))).finish(),
        f(102).key(s0w).number(label_set(s0.map(|i| &state.rights[i]))).finish(),
        f(103).key(s0t).number(label_set(s0.map(|i| &state.rights[i]))).finish(),
        f(104).key(b0w).number(label_set(b0.map(|i| &state.lefts[i]))).finish(),
        f(105).key(b0t).number(label_set(b0.map(|i| &state.lefts[i]))).finish(),
        // prepositional attachment: head candidate, preposition, object (Collins-style)
        f(120).key(s0w).key(word(b0l)).key(b0w).finish(),
        f(121).key(s1w).key(word(b0l)).key(b0w).finish(),
        f(122).key(s0t).key(word(b0l)).key(b0w).finish(),
        f(123).key(s1t).key(word(b0l)).key(b0w).finish(),
        f(124).key(s0w).key(b0w).key(b1w).finish(),
        f(125).key(s1w).key(b0w).key(b1w).finish(),
        f(126).key(s1w).key(s0w).key(b0w).finish(),
        f(127).key(s1t).key(s0t).key(b0w).finish(),
        // unknown words, punctuation in between, more context
        f(130).key(s0.map_or(NONE, |i| keys.suffixes[i])).key(b0t).finish(),
        f(131).key(b0.map_or(NONE, |i| keys.suffixes[i])).key(s0t).finish(),
        f(132)
            .number(match (s0, b0) {
                (Some(a), Some(b)) => u64::from((keys.punctuation_before[b] - keys.punctuation_before[a + 1]).min(3)),
                _ => 9,
            })
            .key(s0t)
            .key(b0t)
            .finish(),
        f(133)
            .number(match (s1, b0) {
                (Some(a), Some(b)) => bucket(b - a),
                _ => 8,
            })
            .key(s1t)
            .key(b0t)
            .finish(),
        f(134).key(s0t).key(b0t).key(b1t).number(label(b0l)).finish(),
        f(135).key(s0w).number(label(s0r)).key(b0t).finish(),
        f(136).key(b0w).number(label(b0l)).key(b1t).finish(),
        // which of the verb and the nouns on the stack takes the prepositional phrase
        f(137).key(word(s2)).key(word(b0l)).key(b0w).finish(),
        f(138).key(tag(s2)).key(s1t).key(s0t).key(word(b0l)).finish(),
        f(139).key(s1w).key(s0w).key(word(b0l)).finish(),
        f(140).key(s1t).key(s0t).key(word(b0l)).key(b0t).finish(),
        // universal tags
        f(150).key(coarse(s0)).key(coarse(b0)).finish(),
        f(151).key(coarse(s1)).key(coarse(s0)).key(coarse(b0)).finish(),
        f(152).key(coarse(b0)).key(coarse(b1)).key(coarse(b2)).finish(),
        f(153).number(dist_s0b0).key(coarse(s0)).key(coarse(b0)).finish(),
        f(154).key(s0w).key(coarse(b0)).finish(),
        f(155).key(coarse(s0)).key(b0w).finish(),
        f(156).key(coarse(s0)).key(coarse(s0l)).key(coarse(s0r)).key(coarse(b0)).finish(),
        // word classes of pretrained vectors, in place of words (after Koo et al. 2008)
        f(160).key(class(s0)).finish(),
        f(161).key(class(b0)).finish(),
        f(162).key(class(s1)).finish(),
        f(163).key(coarse_class(s0)).key(coarse_class(b0)).finish(),
        f(164).key(class(s0)).key(class(b0)).finish(),
        f(165).key(class(s0)).key(b0t).finish(),
        f(166).key(s0t).key(class(b0)).finish(),
        f(167).key(coarse_class(s1)).key(coarse_class(s0)).key(coarse_class(b0)).finish(),
        f(168).key(class(b0)).key(class(b1)).finish(),
        f(169).key(coarse_class(s0)).key(word(b0l)).key(coarse_class(b0)).finish(),
        f(170).key(coarse_class(s1)).key(word(b0l)).key(coarse_class(b0)).finish(),
        f(171).key(fine_class(s0)).key(fine_class(b0)).finish(),
        f(172).key(class(s1)).key(class(s0)).finish(),
        f(173).key(s0t).key(class(s0l)).key(class(s0r)).finish(),
        f(174).number(dist_s0b0).key(class(s0)).key(class(b0)).finish(),
        // whether the root has been reached
        f(110).number(u64::from(b0 == Some(state.n))).key(s0t).number(state.stack.len().min(3) as u64).finish(),
    ]);
}
