//! `tls-weak-cipher`: the session was protected with a weak cipher suite (RC4, 3DES or DES, export
//! grade, no encryption, anonymous key exchange) or a certificate key under 2048 bits.
//!
//! Why it matters: RC4 is prohibited (RFC 7465), 3DES is open to Sweet32, export and NULL suites
//! protect nothing, and RSA keys under 2048 bits are refused by current CAs and clients. Exchange
//! 2003 (Windows 2003 SChannel) negotiates RC4 and 3DES suites; a session that still does so is
//! the sign of an old peer. Known false positives: none.
//! Captures: `captures/lab/tls-windows2003.pcap` (RC4, 3DES), `captures/lab/tls-certs.pcap`
//! (session 5, a 1024-bit key).

use super::tls_facts::{handshake_at, weak_suite};
use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// RSA (and DSA) keys shorter than this are weak (NIST SP 800-131A, CA/Browser Forum).
pub const MIN_RSA_BITS: u32 = 2048;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-weak-cipher",
    severity: Severity::Warning,
    title: "TLS used a weak cipher suite or a short certificate key",
    trigger: "The ServerHello chose an RC4, 3DES, DES, RC2/IDEA, export-grade, NULL or anonymous suite, or \
              a certificate of the handshake has an RSA or DSA key under 2048 bits.",
    advice: &[
        "Disable RC4, 3DES and export suites on both sides (Windows: the SChannel cipher settings, IIS \
         Crypto; Postfix: smtpd_tls_exclude_ciphers / smtp_tls_exclude_ciphers) and keep AES-GCM or \
         ChaCha20-Poly1305.",
        "A peer that can only do RC4/3DES is Windows 2003 era: plan its replacement.",
        "Re-issue short keys as RSA 2048 or longer (or ECDSA P-256).",
    ],
    caveats: "Only what was negotiated is judged, not everything a side would accept.",
    refs: &["RFC 7465", "RFC 7525", "CVE-2016-2183"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let tls = &input.session.dialogue.tls;
    let mut evidence = Vec::new();
    if let Some(sh) = &tls.server_hello {
        if let Some(why) = weak_suite(sh.suite.0) {
            evidence.push(Evidence::fact(
                Some(sh.at),
                crate::msg!(
                    "evidence-weak-suite",
                    suite = sh.suite.name().into_owned(),
                    why = why
                ),
            ));
        }
    }
    for (server, index, cert) in super::tls_facts::all_certificates(tls) {
        let short =
            matches!(cert.key.as_str(), "RSA" | "DSA") && cert.key_bits.is_some_and(|b| b < MIN_RSA_BITS);
        if short {
            let whose = if server {
                super::tls_facts::which(index)
            } else {
                crate::msg!("cert-the-client")
            };
            evidence.push(Evidence::fact(
                None,
                crate::msg!(
                    "evidence-short-key",
                    whose = whose,
                    subject = &cert.subject,
                    bits = cert.key_bits.unwrap_or(0).to_string(),
                    key = &cert.key
                ),
            ));
        }
    }
    if evidence.is_empty() {
        return None;
    }
    let count = facts::count(evidence.len());
    let summary = match &tls.server_hello {
        Some(sh) if weak_suite(sh.suite.0).is_some() => {
            crate::msg!("summary-tls-weak-suite", suite = sh.suite.name().to_string())
        }
        _ => crate::msg!("summary-tls-short-key"),
    };
    Some(
        Finding::new(&INFO, handshake_at(tls), None, summary)
            .evidence(evidence)
            .count(count),
    )
}
