//! The life of one mounted console: when it is unmounted, its requests in
//! flight are aborted and a running apply sends nothing more.

use web_sys::{AbortController, AbortSignal};

/// Ends when the console is unmounted.
#[derive(Clone, PartialEq)]
pub struct Lifetime {
    controller: AbortController,
}

impl Lifetime {
    /// A lifetime that has not ended.
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().expect("AbortController is supported"),
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
