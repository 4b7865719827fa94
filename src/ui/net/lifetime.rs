//! The life of one mounted console, or of one load inside it: when it ends,
//! its requests in flight are aborted and a running apply sends nothing more.

use std::rc::Rc;

use gloo_events::EventListener;
use web_sys::{AbortController, AbortSignal};

/// Ends when the console is unmounted (or, for a child, when it is stopped).
#[derive(Clone)]
pub struct Lifetime {
    controller: AbortController,
    /// A child's link to its parent: the parent's end ends it too.
    _parent: Option<Rc<EventListener>>,
}

impl PartialEq for Lifetime {
    fn eq(&self, other: &Self) -> bool {
        self.controller == other.controller
    }
}

impl Lifetime {
    /// A lifetime that has not ended.
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().expect("AbortController is supported"),
            _parent: None,
        }
    }

    /// A shorter lifetime inside this one: ending it leaves this one alone;
    /// ending this one ends it.
    pub fn child(&self) -> Self {
        let controller = AbortController::new().expect("AbortController is supported");
        if self.is_over() {
            controller.abort();
        }
        let link = {
            let controller = controller.clone();
            EventListener::once(&self.signal(), "abort", move |_| controller.abort())
        };
        Self {
            controller,
            _parent: Some(Rc::new(link)),
        }
    }

    /// Ends it: aborts every request linked to it.
    pub fn end(&self) {
        self.controller.abort();
    }

    /// Whether it has ended.
    pub fn is_over(&self) -> bool {
        self.controller.signal().aborted()
    }

    /// The signal requests listen to.
    pub fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }
}

impl Default for Lifetime {
    fn default() -> Self {
        Self::new()
    }
}
