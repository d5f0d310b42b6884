//! The picture across sessions: a stage on finished records, after the sessions are decoded.
//!
//! Owns [`Linker`] (DNS lookups linked to the SMTP sessions they led to, the findings that need
//! both — connected-not-to-mx, no-ptr — and the capture's failed lookups, dns-lookup-failed) and
//! [`FlowTable`] (the mail-flow summary per client→server pair, retries recognised, and the
//! cross-session findings retry-storm and connection-churn).
//!
//! Contract: both consume owned records only (a [`crate::dns::Lookup`], a [`Session`]), so they run
//! wherever the finished records meet, whichever worker decoded them. [`Linker::session`] must have
//! seen every lookup that finished before the session ended — feed records in the order they ended.
//! Order is time (then frame): frame references are not in time order when several files are read. Limits: [`MAX_LOOKUPS_KEPT`] lookups of the last [`LINK_WINDOW_SECS`] capture seconds
//! (older ones are forgotten, counted in [`Linker::forgotten`]); [`MAX_PAIRS`] pairs and
//! [`MAX_ENVELOPES`] envelopes per run (beyond, counted and not tracked); latency samples per pair
//! decimated beyond [`MAX_LATENCY_SAMPLES`]. Must not: decode bytes or print.

pub mod link;
pub mod table;

pub use link::{Linker, LINK_WINDOW_SECS, MAX_LOOKUPS_KEPT};
pub use table::{Flow, FlowTable, MAX_ENVELOPES, MAX_LATENCY_SAMPLES, MAX_PAIRS};

#[allow(unused_imports)]
use crate::session::Session;
