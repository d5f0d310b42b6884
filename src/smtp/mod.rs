//! SMTP decoding: each session's two reassembled byte streams → one [`Dialogue`].
//!
//! Owns framing (lines, dot-terminated DATA, counted XEXCH50 BLOBs and BDAT chunks, opaque TLS),
//! command and reply parsing, EHLO keywords, SASL exchanges (AUTH, X-EXPS) as units, the session
//! state of PROTOCOL.md §1.3, and protocol anomalies with stable names. The [`Dialogue`] is owned
//! and complete, so rules, diff and output never touch bytes.
//!
//! - [`decoder`]: the per-session state machine ([`SmtpDecoder`]).
//! - [`inbox`]: one direction's buffered bytes, cut into lines.
//! - [`command`], [`reply`]: pure line parsers.
//! - [`body`]: the DATA scanner and the header reader.
//! - [`dialogue`]: the product; [`anomaly`]: the anomaly names.
//!
//! Must not: decide what is a problem for a mail system (rules do), read packets, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod anomaly;
pub mod body;
pub mod command;
pub mod decoder;
pub mod dialogue;
pub mod inbox;
pub mod reply;
pub mod tap;

pub use anomaly::{Anomaly, AnomalyKind};
pub use decoder::SmtpDecoder;
pub use dialogue::{Dialogue, Item, ItemKind, Position};
pub use tap::ContentTap;
