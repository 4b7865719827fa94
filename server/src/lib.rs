//! hotspot-users-server: the console's one server, with two backends behind
//! the same site ([`site`]: static files and security headers): the
//! [`sandbox`], a local stand-in for the cloud, and the [`gateway`], a
//! stateless forwarder to a Huawei Cloud region.

pub mod gateway;
pub mod sandbox;
pub mod site;
