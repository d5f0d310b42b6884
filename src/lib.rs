//! smtpscope: an SMTP packet-capture dissector for mail administrators.
//!
//! The pipeline (each stage a module; see the module docs for its contract):
//!
//! ```text
//! capture ──Packet──▶ net ──Segment──▶ reasm ──StreamEvent──▶ (smtp) ──Dialogue──▶ (rules) ──▶ output
//! ```
//!
//! `app` is the only module that knows every stage.

pub mod capture;
pub mod net;
pub mod reasm;
pub mod synth;
pub mod time;
