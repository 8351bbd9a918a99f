use crate::Document;

/// A layer of analysis a [`Component`] adds to a [`Document`] and later ones read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// [`Document::tokens`] and [`Document::multiword_tokens`].
    Tokens,
    /// [`Document::sentences`].
    Sentences,
    /// Each token's `upos`, `xpos` and `lemma`.
    Tags,
    /// Each token's `head` and `deprel`.
    Parse,
    /// [`Document::entities`] with their mentions.
    Entities,
    /// Each place entity's `location`.
    Places,
    /// Each entity's `actor`, [`Document::descriptions`] and [`Document::actors`].
    Actors,
    /// [`Document::timexes`].
    Timexes,
    /// [`Document::quotes`] and [`Document::claims`].
    Quotes,
    /// [`Document::events`].
    Events,
}

/// One stage of analysis: reads a [`Document`] and adds its layer to it.
///
/// Components are shared across threads, so they hold only read-only state
/// (rules, trained models) and keep per-document state on the stack.
pub trait Component: Send + Sync {
    /// A short stable name used in `--explain` output and error messages.
    fn name(&self) -> &'static str;

    /// The layers it reads: each must be assigned by a component before it.
    fn requires(&self) -> &'static [Layer];

    /// The layers it adds.
    fn assigns(&self) -> &'static [Layer];

    /// Adds this component's layer to `doc`.
    fn process(&self, doc: &mut Document);
}

/// An ordered list of components applied to each document, each after the components that
/// assign what it requires.
#[derive(Default)]
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
    /// Layers the input documents come with (gold tokens, say).
    given: Vec<Layer>,
}

impl Pipeline {
    /// An empty pipeline for raw text.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// An empty pipeline for documents that already hold `layers` (a treebank's gold tokens
    /// and tags, for instance).
    pub fn given(layers: &[Layer]) -> Pipeline {
        Pipeline { components: Vec::new(), given: layers.to_vec() }
    }

    /// Appends a component; it runs after those already added.
    ///
    /// # Panics
    /// When a layer it requires is neither given nor assigned by an earlier component: the
    /// order of stages is checked where the pipeline is built, not remembered by its builder.
    pub fn with(mut self, component: impl Component + 'static) -> Pipeline {
        if let Some(missing) = component.requires().iter().find(|layer| !self.has(**layer)) {
            panic!(
                "pipeline component '{}' requires the {missing:?} layer, which no component before it assigns (components so far: {:?})",
                component.name(),
                self.names()
            );
        }
        self.components.push(Box::new(component));
        self
    }

    /// True when the documents will hold `layer` after the components added so far.
    pub fn has(&self, layer: Layer) -> bool {
        self.given.contains(&layer) || self.components.iter().any(|c| c.assigns().contains(&layer))
    }

    /// The names of the components, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Runs every component on `doc`, in order.
    pub fn process(&self, doc: &mut Document) {
        for component in &self.components {
            component.process(doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Stage(&'static str, &'static [Layer], &'static [Layer]);

    impl Component for Stage {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn process(&self, _: &mut Document) {}
    }

    #[test]
    fn a_stage_after_what_it_requires_is_accepted() {
        let pipeline = Pipeline::new().with(Stage("tokens", &[], &[Layer::Tokens])).with(Stage(
            "tagger",
            &[Layer::Tokens],
            &[Layer::Tags],
        ));
        assert_eq!(pipeline.names(), ["tokens", "tagger"]);
        assert!(pipeline.has(Layer::Tags) && !pipeline.has(Layer::Parse));
    }

    #[test]
    #[should_panic(expected = "'parser' requires the Tags layer")]
    fn a_stage_before_what_it_requires_is_refused() {
        let _ = Pipeline::new().with(Stage("tokens", &[], &[Layer::Tokens])).with(Stage(
            "parser",
            &[Layer::Tokens, Layer::Tags],
            &[Layer::Parse],
        ));
    }

    #[test]
    fn given_layers_count_as_assigned() {
        let pipeline = Pipeline::given(&[Layer::Tokens, Layer::Sentences]).with(Stage(
            "tagger",
            &[Layer::Tokens, Layer::Sentences],
            &[Layer::Tags],
        ));
        assert_eq!(pipeline.names(), ["tagger"]);
    }
}
