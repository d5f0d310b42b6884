//! The explicit, ordered list of every rule.
//!
//! Order matters: rules run top to bottom on each session and later rules see earlier findings, so
//! middlebox signatures come before the authentication, XEXCH50 and relay diagnoses they explain
//! (PROTOCOL.md §9), and transport findings come last. Capture-wide rules (`capture-drops`,
//! `connection-flood`) are not per-session and are listed in [`CAPTURE_WIDE`]; findings only `diff`
//! makes are in [`DIFF`].
//! Must not: hold rule logic.

use super::{Rule, RuleInfo};

/// Every per-session rule, in evaluation order.
pub static RULES: &[Rule] = &[
    // Middleboxes (first: they explain what follows, PROTOCOL.md §9).
    Rule {
        info: &super::middlebox_rewrite::INFO,
        check: super::middlebox_rewrite::check,
    },
    Rule {
        info: &super::starttls_stripped::INFO,
        check: super::starttls_stripped::check,
    },
    Rule {
        info: &super::ehlo_rejected::INFO,
        check: super::ehlo_rejected::check,
    },
    Rule {
        info: &super::extended_verbs_missing::INFO,
        check: super::extended_verbs_missing::check,
    },
    // The exploit shape first: it explains why such a client never authenticates.
    Rule {
        info: &super::xexch50_bad_size::INFO,
        check: super::xexch50_bad_size::check,
    },
    // Authentication and XEXCH50 (after the middlebox signatures that explain them).
    Rule {
        info: &super::exps_not_offered::INFO,
        check: super::exps_not_offered::check,
    },
    Rule {
        info: &super::exps_not_attempted::INFO,
        check: super::exps_not_attempted::check,
    },
    Rule {
        info: &super::exps_failed::INFO,
        check: super::exps_failed::check,
    },
    Rule {
        info: &super::kerberos_downgrade::INFO,
        check: super::kerberos_downgrade::check,
    },
    Rule {
        info: &super::identity_mismatch::INFO,
        check: super::identity_mismatch::check,
    },
    Rule {
        info: &super::xexch50_without_auth::INFO,
        check: super::xexch50_without_auth::check,
    },
    Rule {
        info: &super::xexch50_rejected_after_auth::INFO,
        check: super::xexch50_rejected_after_auth::check,
    },
    Rule {
        info: &super::xexch50_rejected::INFO,
        check: super::xexch50_rejected::check,
    },
    Rule {
        info: &super::xexch50_not_advertised::INFO,
        check: super::xexch50_not_advertised::check,
    },
    Rule {
        info: &super::xexch50_count_mismatch::INFO,
        check: super::xexch50_count_mismatch::check,
    },
    Rule {
        info: &super::blob_size_mismatch::INFO,
        check: super::blob_size_mismatch::check,
    },
    Rule {
        info: &super::tls_before_auth::INFO,
        check: super::tls_before_auth::check,
    },
    Rule {
        info: &super::starttls_no_tls::INFO,
        check: super::starttls_no_tls::check,
    },
    // TLS: the request, the handshake, what was negotiated, the certificates.
    Rule {
        info: &super::starttls_refused::INFO,
        check: super::starttls_refused::check,
    },
    Rule {
        info: &super::tls_handshake_failed::INFO,
        check: super::tls_handshake_failed::check,
    },
    Rule {
        info: &super::tls_version_obsolete::INFO,
        check: super::tls_version_obsolete::check,
    },
    Rule {
        info: &super::tls_weak_cipher::INFO,
        check: super::tls_weak_cipher::check,
    },
    Rule {
        info: &super::tls_cert_expired::INFO,
        check: super::tls_cert_expired::check,
    },
    Rule {
        info: &super::tls_cert_not_yet_valid::INFO,
        check: super::tls_cert_not_yet_valid::check,
    },
    Rule {
        info: &super::tls_cert_name_mismatch::INFO,
        check: super::tls_cert_name_mismatch::check,
    },
    Rule {
        info: &super::tls_cert_self_signed::INFO,
        check: super::tls_cert_self_signed::check,
    },
    // Security and protocol hygiene.
    Rule {
        info: &super::smtp_smuggling::INFO,
        check: super::smtp_smuggling::check,
    },
    Rule {
        info: &super::bare_lf::INFO,
        check: super::bare_lf::check,
    },
    Rule {
        info: &super::xlink2state_overflow::INFO,
        check: super::xlink2state_overflow::check,
    },
    Rule {
        info: &super::hostname_not_fqdn::INFO,
        check: super::hostname_not_fqdn::check,
    },
    Rule {
        info: &super::credentials_in_clear::INFO,
        check: super::credentials_in_clear::check,
    },
    Rule {
        info: &super::sequence_error::INFO,
        check: super::sequence_error::check,
    },
    // Delivery and relay.
    Rule {
        info: &super::tls_required::INFO,
        check: super::tls_required::check,
    },
    Rule {
        info: &super::relay_denied::INFO,
        check: super::relay_denied::check,
    },
    Rule {
        info: &super::auth_required::INFO,
        check: super::auth_required::check,
    },
    Rule {
        info: &super::not_authorized::INFO,
        check: super::not_authorized::check,
    },
    Rule {
        info: &super::recipient_unknown::INFO,
        check: super::recipient_unknown::check,
    },
    Rule {
        info: &super::spam_rejected::INFO,
        check: super::spam_rejected::check,
    },
    Rule {
        info: &super::message_too_large::INFO,
        check: super::message_too_large::check,
    },
    Rule {
        info: &super::back_pressure::INFO,
        check: super::back_pressure::check,
    },
    Rule {
        info: &super::throttled::INFO,
        check: super::throttled::check,
    },
    Rule {
        info: &super::temporary_failure::INFO,
        check: super::temporary_failure::check,
    },
    Rule {
        info: &super::open_relay::INFO,
        check: super::open_relay::check,
    },
    Rule {
        info: &super::delivery_failed::INFO,
        check: super::delivery_failed::check,
    },
    // The messages themselves.
    Rule {
        info: &super::exchange_anonymous_submission::INFO,
        check: super::exchange_anonymous_submission::check,
    },
    Rule {
        info: &super::mail_loop_suspected::INFO,
        check: super::mail_loop_suspected::check,
    },
    Rule {
        info: &super::received_delay::INFO,
        check: super::received_delay::check,
    },
    Rule {
        info: &super::header_from_mismatch::INFO,
        check: super::header_from_mismatch::check,
    },
    // The capture itself (first among the transport rules: they say when the capture, not the
    // network, explains what is missing).
    Rule {
        info: &super::capture_truncated::INFO,
        check: super::capture_truncated::check,
    },
    Rule {
        info: &super::capture_ended::INFO,
        check: super::capture_ended::check,
    },
    // Transport.
    Rule {
        info: &super::connection_refused::INFO,
        check: super::connection_refused::check,
    },
    Rule {
        info: &super::no_banner::INFO,
        check: super::no_banner::check,
    },
    Rule {
        info: &super::tcp_gap::INFO,
        check: super::tcp_gap::check,
    },
    Rule {
        info: &super::unsolicited_reply::INFO,
        check: super::unsolicited_reply::check,
    },
    Rule {
        info: &super::unanswered_command::INFO,
        check: super::unanswered_command::check,
    },
    Rule {
        info: &super::tcp_retransmission::INFO,
        check: super::tcp_retransmission::check,
    },
    Rule {
        info: &super::tcp_reset::INFO,
        check: super::tcp_reset::check,
    },
    Rule {
        info: &super::slow_reply::INFO,
        check: super::slow_reply::check,
    },
];

/// Catalogue entries of the rules that judge a whole capture rather than a session.
pub static CAPTURE_WIDE: &[&RuleInfo] = &[&super::capture_drops::INFO, &super::connection_flood::INFO];

/// Catalogue entries of the findings the flow stage makes from finished records: the DNS lookups
/// linked to a session (connected-not-to-mx, no-ptr), every lookup of a capture
/// (dns-lookup-failed), and all the sessions of a run (retry-storm, connection-churn).
pub static CROSS_SESSION: &[&RuleInfo] = &[
    &super::dns_lookup_failed::INFO,
    &super::connected_not_to_mx::INFO,
    &super::no_ptr::INFO,
    &super::retry_storm::INFO,
    &super::connection_churn::INFO,
];

/// Catalogue entries of the findings only `diff` makes, from two captures of one conversation.
pub static DIFF: &[&RuleInfo] = &[&super::verb_dropped::INFO];

/// Every catalogue entry: per-session rules in evaluation order, then capture-wide, cross-session
/// and diff ones.
pub fn catalogue() -> impl Iterator<Item = &'static RuleInfo> {
    RULES
        .iter()
        .map(|r| r.info)
        .chain(CAPTURE_WIDE.iter().copied())
        .chain(CROSS_SESSION.iter().copied())
        .chain(DIFF.iter().copied())
}

/// The catalogue entry of `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    catalogue().find(|info| info.id == id)
}
