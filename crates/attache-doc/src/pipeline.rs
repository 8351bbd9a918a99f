use crate::Document;

/// One stage of analysis: reads a [`Document`] and adds its layer to it.
///
/// Components are shared across threads, so they hold only read-only state
/// (rules, trained models) and keep per-document state on the stack.
pub trait Component: Send + Sync {
    /// A short stable name used in `--explain` output and error messages.
    fn name(&self) -> &'static str;

    /// Adds this component's layer to `doc`.
    fn process(&self, doc: &mut Document);
}

/// An ordered list of components applied to each document.
#[derive(Default)]
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// An empty pipeline.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// Appends a component; it runs after those already added.
    pub fn with(mut self, component: impl Component + 'static) -> Pipeline {
        self.components.push(Box::new(component));
        self
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
