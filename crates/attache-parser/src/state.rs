/// Where the parser is in a sentence of `n` words; word `n` is the artificial root.
#[derive(Clone, Debug)]
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// The first word of the buffer; the buffer is `front..=n`.
    pub front: usize,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<u16>,
    /// Left and right dependents of each word, in the order they were attached: left
    /// dependents nearest first, right dependents leftmost first.
    pub lefts: Vec<Vec<usize>>,
    pub rights: Vec<Vec<usize>>,
}

/// A transition: shift, or attach the stack top leftward (to the buffer front) or
/// rightward (to the word below it on the stack) with a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Shift,
    Left(u16),
    Right(u16),
}

impl Action {
    /// The action's class index given `labels` labels: shift, lefts, rights.
    pub fn index(self, labels: usize) -> usize {
        match self {
            Action::Shift => 0,
            Action::Left(l) => 1 + l as usize,
            Action::Right(l) => 1 + labels + l as usize,
        }
    }

    /// The action of class `index`.
    pub fn from_index(index: usize, labels: usize) -> Action {
        if index == 0 {
            Action::Shift
        } else if index <= labels {
            Action::Left((index - 1) as u16)
        } else {
            Action::Right((index - 1 - labels) as u16)
        }
    }
}

/// Which kinds of action are allowed now.
#[derive(Clone, Copy, Debug)]
pub struct Allowed {
    pub shift: bool,
    pub left: bool,
    pub right: bool,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![None; n],
            labels: vec![0; n],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.front == self.n
    }

    /// The `i`-th word from the top of the stack.
    pub fn stack_at(&self, i: usize) -> Option<usize> {
        self.stack.len().checked_sub(i + 1).map(|k| self.stack[k])
    }

    /// The `i`-th word of the buffer (the root counts as a word).
    pub fn buffer_at(&self, i: usize) -> Option<usize> {
        let w = self.front + i;
        (w <= self.n).then_some(w)
    }

    /// The root may take only one dependent: it attaches the last word left on the stack.
    pub fn allowed(&self) -> Allowed {
        let depth = self.stack.len();
        Allowed { shift: self.front < self.n, left: depth > 0 && (self.front < self.n || depth == 1), right: depth > 1 }
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Action::Left(label) => {
                let dependent = self.stack.pop().expect("left-arc needs a stack");
                self.attach(dependent, self.front, label);
            }
            Action::Right(label) => {
                let dependent = self.stack.pop().expect("right-arc needs a stack");
                let head = *self.stack.last().expect("right-arc needs two words");
                self.attach(dependent, head, label);
            }
        }
    }

    fn attach(&mut self, dependent: usize, head: usize, label: u16) {
        self.heads[dependent] = Some(head);
        self.labels[dependent] = label;
        if dependent < head {
            self.lefts[head].push(dependent);
        } else {
            self.rights[head].push(dependent);
        }
    }

    /// Cost of each kind of action: how many gold arcs (and labels) it makes unreachable,
    /// given gold heads (`n` for the root) and labels. Exact for projective trees.
    pub fn costs(&self, gold_heads: &[usize], gold_labels: &[u16], gold_children: &[Vec<usize>]) -> Costs {
        let in_buffer = |w: usize| w >= self.front;
        let s0 = self.stack_at(0);
        let s1 = self.stack_at(1);
        let unattached_children_in_buffer = |w: usize| gold_children[w].iter().filter(|&&d| in_buffer(d)).count();
        let mut costs = Costs { shift: 0, left: 0, right: 0, left_label: None, right_label: None };
        if let Some(s0) = s0 {
            let head = gold_heads[s0];
            let children = unattached_children_in_buffer(s0);
            costs.left = children + usize::from(head != self.front && (Some(head) == s1 || in_buffer(head)));
            if head == self.front {
                costs.left_label = Some(gold_labels[s0]);
            }
            costs.right = children + usize::from(in_buffer(head));
            if Some(head) == s1 {
                costs.right_label = Some(gold_labels[s0]);
            }
        }
        if self.front < self.n {
            let b = self.front;
            let head_in_stack = self.stack.iter().rev().skip(1).any(|&w| w == gold_heads[b]);
            let children_in_stack = self.stack.iter().filter(|&&w| gold_heads[w] == b).count();
            costs.shift = usize::from(head_in_stack) + children_in_stack;
        }
        costs
    }
}

/// Costs of the three kinds of action, and the gold label when an arc would be gold.
#[derive(Clone, Copy, Debug)]
pub struct Costs {
    pub shift: usize,
    pub left: usize,
    pub right: usize,
    pub left_label: Option<u16>,
    pub right_label: Option<u16>,
}

impl Costs {
    /// The cost of a labelled action: a wrong label on a gold arc costs one.
    pub fn of(&self, action: Action) -> usize {
        match action {
            Action::Shift => self.shift,
            Action::Left(l) => self.left + usize::from(self.left_label.is_some_and(|g| g != l)),
            Action::Right(l) => self.right + usize::from(self.right_label.is_some_and(|g| g != l)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "She met him" with gold heads met(1) <- she(0), met -> him(2), met <- root(3).
    fn gold() -> (Vec<usize>, Vec<u16>, Vec<Vec<usize>>) {
        let heads = vec![1, 3, 1];
        let mut children = vec![Vec::new(); 4];
        for (d, &h) in heads.iter().enumerate() {
            children[h].push(d);
        }
        (heads, vec![0, 1, 2], children)
    }

    #[test]
    fn following_zero_cost_actions_rebuilds_the_gold_tree() {
        let (heads, labels, children) = gold();
        let mut state = State::new(3);
        while !state.is_final() {
            let costs = state.costs(&heads, &labels, &children);
            let allowed = state.allowed();
            let action = [
                (allowed.left, Action::Left(costs.left_label.unwrap_or(0))),
                (allowed.right, Action::Right(costs.right_label.unwrap_or(0))),
                (allowed.shift, Action::Shift),
            ]
            .into_iter()
            .find(|(ok, a)| *ok && costs.of(*a) == 0)
            .map(|(_, a)| a)
            .expect("a zero-cost action exists for a projective tree");
            state.apply(action);
        }
        assert_eq!(state.heads, vec![Some(1), Some(3), Some(1)]);
        assert_eq!(state.labels, labels);
    }

    #[test]
    fn wrong_attachments_cost() {
        let (heads, labels, children) = gold();
        let mut state = State::new(3);
        state.apply(Action::Shift); // she
        let costs = state.costs(&heads, &labels, &children);
        assert_eq!(costs.left, 0, "she <- met is gold");
        assert_eq!(costs.of(Action::Left(5)), 1, "with the wrong label");
        assert_eq!(state.costs(&heads, &labels, &children).shift, 1, "she could no longer attach to met");
        state.apply(Action::Shift); // met
                                    // Attaching met under she loses met's root arc and its dependent "him".
        assert_eq!(state.costs(&heads, &labels, &children).right, 2);
    }

    #[test]
    fn action_indices_round_trip() {
        for a in [Action::Shift, Action::Left(0), Action::Left(4), Action::Right(0), Action::Right(4)] {
            assert_eq!(Action::from_index(a.index(5), 5), a);
        }
    }
}
