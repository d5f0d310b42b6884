//! The explicit, ordered list of every rule.
//!
//! Order matters: rules run top to bottom on each session and later rules see earlier findings, so
//! middlebox signatures come before the authentication, XEXCH50 and relay diagnoses they explain
//! (PROTOCOL.md §9), and transport findings come last. Capture-wide rules (`capture-drops`) are not
//! per-session and are listed in [`CAPTURE_WIDE`]. Must not: hold rule logic.

use super::{Rule, RuleInfo};

/// Every per-session rule, in evaluation order.
pub static RULES: &[Rule] = &[
    // Authentication and XEXCH50.
    Rule {
        info: &super::xexch50_rejected::INFO,
        check: super::xexch50_rejected::check,
    },
    // Transport.
    Rule {
        info: &super::tcp_reset::INFO,
        check: super::tcp_reset::check,
    },
];

/// Catalogue entries of the rules that judge a whole capture rather than a session.
pub static CAPTURE_WIDE: &[&RuleInfo] = &[&super::capture_drops::INFO];

/// Every catalogue entry: per-session rules in evaluation order, then capture-wide ones.
pub fn catalogue() -> impl Iterator<Item = &'static RuleInfo> {
    RULES.iter().map(|r| r.info).chain(CAPTURE_WIDE.iter().copied())
}

/// The catalogue entry of `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    catalogue().find(|info| info.id == id)
}
