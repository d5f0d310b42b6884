//! smtpscope: an SMTP packet-capture dissector for mail administrators.
//!
//! The pipeline, one module per stage (each module's doc states its contract):
//!
//! ```text
//!  capture ──Packet──▶ net ──Segment──▶ reasm ──StreamEvent──▶ classify ──▶ smtp ──▶ app ──Session──▶ output
//!  (files, sets,       (link, IP,        (TCP streams,          (SMTP or not:  (the     (wiring,          (text,
//!   compression,        TCP headers,      gaps, snap-length      port, content, dialogue) summary)         JSON Lines)
//!   interfaces)         duplicates)       cuts, close)           tunnels, TLS)
//! ```
//!
//! `Packet` and `Segment` borrow and live for one call; `StreamEvent::Data` borrows the segment's
//! bytes; everything from `Session` on is owned, so it outlives the capture. A connection that
//! `classify` finds not to be SMTP is released by `reasm` and costs one lookup per packet after.
//! `app` is the only module that knows every stage: it runs them on the reading thread, or spreads the
//! connections over worker threads by flow with the same report; `cli` turns arguments into a
//! validated config;
//! `diff` compares the sessions of two captures of the same conversation.

pub mod app;
pub mod auth;
pub mod capture;
pub mod classify;
pub mod cli;
pub mod codes;
pub mod diff;
pub mod dns;
pub mod export;
pub mod flow;
pub mod l10n;
pub mod message;
pub mod net;
pub mod output;
pub mod reasm;
pub mod rules;
pub mod select;
pub mod session;
pub mod smtp;
pub mod time;
pub mod tls;
