//! The console's state as one Yew reducer. The state and its transitions
//! are the model's ([`crate::model::console`]); storage, requests and
//! timers live in hooks.

use std::rc::Rc;

use yew::prelude::*;

pub use crate::model::console::{Console, Key, LoadFailure, Loading, Msg, PageRetry, Run};

impl Reducible for Console {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.update(msg);
        Rc::new(s)
    }
}

/// The state handle components get through context.
pub type ConsoleHandle = UseReducerHandle<Console>;
