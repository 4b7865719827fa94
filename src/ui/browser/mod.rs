//! What the console needs from the browser besides the DOM: local storage,
//! files, focus, the custom element and what the host page supplies.

pub mod embed;
pub mod files;
pub mod focus;
pub mod host;
pub mod on_demand;
pub mod startup;
pub mod storage;
