//! `tls-handshake-failed`: TLS began but its handshake never finished — a fatal alert, or the
//! connection closed or was reset before both sides' Finished.
//!
//! Why it matters: the sending server falls back (to clear text, to another MX) or queues the
//! mail; Exchange logs it as a TLS negotiation failure and, with "Require TLS" or domain security,
//! the message waits in the queue. The alert says who gave up and why (RFC 5246 §7.2, RFC 8446
//! §6): `protocol_version` (no common version), `handshake_failure`/`insufficient_security` (no
//! common suite), `bad_certificate`/`unknown_ca`/`certificate_expired` (the client refused the
//! server's certificate). Known false positives: none when the alert is seen; a connection closed
//! during the handshake for another reason (a timeout) reads the same. A capture that ends during
//! the handshake is not judged. TLS 1.3 without keys: the handshake's end is inferred from the
//! server speaking after the client's Finished, and alerts are encrypted.
//! Captures: `captures/lab/tls-failed.pcap` (version refused, no shared suite, certificate rejected).

use super::tls_facts::{answer_evidence, offer_evidence};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::CloseCause;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-handshake-failed",
    severity: Severity::Error,
    title: "The TLS handshake failed: the session could not go on encrypted",
    trigger: "TLS began (a ClientHello after the 220 to STARTTLS or X-ANONYMOUSTLS, or implicit TLS) and the \
              handshake did not finish: a fatal alert before both sides' Finished, or the connection closed \
              or was reset before them.",
    advice: &[
        "Read the alert: protocol_version means no common TLS version, handshake_failure or \
         insufficient_security no common cipher suite, bad_certificate/unknown_ca/certificate_expired a \
         certificate the client refused.",
        "Compare the client's offer (evidence) with what the server allows: on Exchange the TLS protocol and \
         cipher settings of SChannel (registry, IIS Crypto), on Postfix smtpd_tls_protocols and \
         smtpd_tls_ciphers.",
        "A sender that requires TLS (Exchange Send connector RequireTLS, domain security) queues the mail \
         until this is fixed; an opportunistic one falls back to clear text.",
    ],
    caveats: "A capture that ends during the handshake is not judged. Without a key log, TLS 1.3 alerts are \
              encrypted and the end of the handshake is inferred from the server speaking after the \
              client's Finished.",
    refs: &["RFC 5246 §7.2", "RFC 8446 §6", "RFC 3207"],
};

fn advice_for(description: u8) -> Option<crate::l10n::Text> {
    Some(match description {
        70 => {
            crate::msg!("advice-tls-alert-protocol-version")
        }
        40 | 71 => {
            crate::msg!("advice-tls-alert-no-suite")
        }
        42..=46 | 48 | 49 => {
            crate::msg!("advice-tls-alert-bad-certificate")
        }
        112 => {
            crate::msg!("advice-tls-alert-unrecognized-name")
        }
        116 => {
            crate::msg!("advice-tls-alert-certificate-required")
        }
        _ => return None,
    })
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let tls = &session.dialogue.tls;
    if !tls.started || tls.established {
        return None;
    }
    let closed = matches!(session.summary.cause, CloseCause::Fin | CloseCause::Rst);
    let alert = tls.fatal_alert();
    if alert.is_none() && !closed {
        return None;
    }
    let how = match alert {
        Some(a) => {
            let alert = a.describe();
            match a.dir {
                Direction::ClientToServer => crate::msg!("tls-failed-client-sent", alert = alert),
                Direction::ServerToClient => crate::msg!("tls-failed-server-sent", alert = alert),
            }
        }
        None if session.reset() => crate::msg!("tls-failed-reset"),
        None => crate::msg!("tls-failed-closed"),
    };
    let at = alert.map(|a| a.at).or(tls.client_hello.as_ref().map(|c| c.at));
    let mut evidence: Vec<Evidence> = Vec::new();
    if let Some(ch) = &tls.client_hello {
        evidence.push(offer_evidence(ch));
    }
    evidence.push(
        answer_evidence(tls).unwrap_or_else(|| Evidence::fact(None, crate::msg!("evidence-no-server-hello"))),
    );
    if let Some(a) = alert {
        evidence.push(Evidence::line(
            a.at,
            a.dir,
            crate::msg!("evidence-alert", alert = a.describe()),
        ));
    }
    let mut finding = Finding::new(
        &INFO,
        at,
        alert.map(|a| a.dir),
        crate::msg!("summary-tls-handshake-failed", how = how),
    )
    .evidence(evidence);
    if let Some(advice) = alert.and_then(|a| a.description).and_then(advice_for) {
        finding = finding.advice_first(advice);
    }
    Some(finding)
}
