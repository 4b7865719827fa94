//! Everything that talks to the network: requests with the model's retry
//! policy, paged reads, writes, IAM and the directory, and the lifetimes
//! that abort them.

pub mod access;
pub mod api;
pub mod apply;
pub mod directory_api;
pub mod flows;
pub mod iam;
pub mod lifetime;
pub mod reads;
pub mod write;
