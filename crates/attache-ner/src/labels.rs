use attache_doc::EntityType;
use std::ops::Range;

/// Where a word stands in an entity (BILOU encoding): Begin, Inside, Last, Unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

/// A word's label: outside any entity, or a position in an entity of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Outside,
    In(EntityType, Position),
}

/// Number of labels: O plus four positions for each type.
pub const LABELS: usize = 1 + 4 * EntityType::ALL.len();

impl Label {
    /// The model class of the label.
    pub fn index(self) -> usize {
        match self {
            Label::Outside => 0,
            Label::In(t, p) => {
                let t = EntityType::ALL.iter().position(|x| *x == t).expect("every type is listed");
                1 + 4 * t + p as usize
            }
        }
    }

    /// The label of model class `index`.
    pub fn from_index(index: usize) -> Label {
        if index == 0 {
            return Label::Outside;
        }
        let position = [Position::Begin, Position::Inside, Position::Last, Position::Unit][(index - 1) % 4];
        Label::In(EntityType::ALL[(index - 1) / 4], position)
    }

    /// Whether this label may follow `prev` (None at the sentence start), and whether it
    /// may close the sentence: an entity that began must end, with its own type.
    pub fn may_follow(self, prev: Option<Label>, last: bool) -> bool {
        let open = match prev {
            Some(Label::In(t, Position::Begin | Position::Inside)) => Some(t),
            _ => None,
        };
        let ok = match (open, self) {
            (Some(t), Label::In(u, Position::Inside | Position::Last)) => t == u,
            (Some(_), _) => false,
            (None, Label::Outside | Label::In(_, Position::Begin | Position::Unit)) => true,
            (None, _) => false,
        };
        ok && !(last && matches!(self, Label::In(_, Position::Begin | Position::Inside)))
    }
}

/// BILOU labels for a sentence of `n` words with the given entities (word ranges).
pub fn encode(n: usize, entities: &[(Range<usize>, EntityType)]) -> Vec<Label> {
    let mut labels = vec![Label::Outside; n];
    for (range, t) in entities {
        if range.is_empty() || range.end > n {
            continue;
        }
        if range.len() == 1 {
            labels[range.start] = Label::In(*t, Position::Unit);
            continue;
        }
        for i in range.clone() {
            let p = if i == range.start {
                Position::Begin
            } else if i + 1 == range.end {
                Position::Last
            } else {
                Position::Inside
            };
            labels[i] = Label::In(*t, p);
        }
    }
    labels
}

/// The entities that a well-formed label sequence spells.
pub fn decode(labels: &[Label]) -> Vec<(Range<usize>, EntityType)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, label) in labels.iter().enumerate() {
        match *label {
            Label::In(t, Position::Unit) => out.push((i..i + 1, t)),
            Label::In(_, Position::Begin) => start = Some(i),
            Label::In(t, Position::Last) => {
                if let Some(s) = start.take() {
                    out.push((s..i + 1, t));
                }
            }
            Label::In(_, Position::Inside) => {}
            Label::Outside => start = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_constrain() {
        for i in 0..LABELS {
            assert_eq!(Label::from_index(i).index(), i);
        }
        let entities = vec![(0..2, EntityType::Person), (3..4, EntityType::Place)];
        let labels = encode(5, &entities);
        assert_eq!(decode(&labels), entities);
        let b = Label::In(EntityType::Org, Position::Begin);
        assert!(b.may_follow(None, false));
        assert!(!b.may_follow(None, true), "an entity cannot begin on the last word");
        assert!(!Label::Outside.may_follow(Some(b), false), "an open entity must go on");
        assert!(!Label::In(EntityType::Person, Position::Last).may_follow(Some(b), false), "types agree");
        assert!(Label::In(EntityType::Org, Position::Last).may_follow(Some(b), true));
    }
}
