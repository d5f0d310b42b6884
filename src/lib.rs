//! smtpscope: an SMTP packet-capture dissector for mail administrators.
//!
//! The pipeline, one module per stage (each module's doc states its contract):
//!
//! ```text
//!  capture ──Packet──▶ net ──Segment──▶ reasm ──StreamEvent──▶ app ──Session──▶ output
//!  (files,             (link, IP,        (TCP streams,          (wiring,          (text,
//!   interfaces)         TCP headers)      gaps, close)           summary)          JSON Lines)
//! ```
//!
//! `Packet` and `Segment` borrow and live for one call; `StreamEvent::Data` borrows the segment's
//! bytes; everything from `Session` on is owned, so it outlives the capture.
//! `app` is the only module that knows every stage: it runs them on the reading thread, or spreads the
//! connections over worker threads by flow with the same report; `cli` turns arguments into a
//! validated config;
//! `diff` compares the sessions of two captures of the same conversation.

pub mod app;
pub mod auth;
pub mod capture;
pub mod cli;
pub mod codes;
pub mod diff;
pub mod dns;
pub mod flow;
pub mod net;
pub mod output;
pub mod reasm;
pub mod rules;
pub mod session;
pub mod smtp;
pub mod time;
