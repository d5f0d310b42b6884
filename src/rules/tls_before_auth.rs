//! `tls-before-auth`: TLS began before any successful authentication, so the authentication and
//! everything after it are encrypted.
//!
//! Reference: KB 843106 step 3 (STARTTLS sinks running before AUTH on Exchange 2000/2003), RFC 3207.
//! Known false positives: between Internet hosts TLS before AUTH is exactly what RFC 8314 asks for,
//! so only sessions with an Exchange receiver (one that offers X-EXPS) are judged; Exchange 2007+
//! does X-ANONYMOUSTLS before X-EXPS by design, and there the finding only says that the rest of the
//! session cannot be inspected.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::smtp::dialogue::{AuthOutcome, Dialogue};

/// What the decrypted part of the session shows, in words: its authentication and XEXCH50.
fn inside(dialogue: &Dialogue) -> Text {
    let tls_frame = dialogue.tls.frame.unwrap_or(0);
    let mut parts: Vec<Text> = dialogue
        .auth
        .iter()
        .filter(|a| a.at.frame >= tls_frame)
        .map(|a| {
            let outcome = match a.outcome {
                AuthOutcome::Success => crate::msg!("inside-auth-succeeded"),
                AuthOutcome::Failure => crate::msg!("inside-auth-failed"),
                AuthOutcome::Cancelled => crate::msg!("inside-auth-cancelled"),
                AuthOutcome::Incomplete => crate::msg!("inside-auth-incomplete"),
            };
            let auth = format!("{} {}", a.verb, a.mechanism);
            match &a.reply {
                Some(r) => crate::msg!(
                    "inside-auth-code",
                    auth = auth,
                    outcome = outcome,
                    code = r.value.code.to_string()
                ),
                None => crate::msg!("inside-auth", auth = auth, outcome = outcome),
            }
        })
        .collect();
    parts.extend(
        dialogue
            .transactions
            .iter()
            .flat_map(|t| &t.xexch50)
            .filter(|x| x.frame >= tls_frame)
            .map(|x| match (x.reply, x.blob_reply) {
                (Some(354), Some(code)) => crate::msg!(
                    "inside-xexch50-blob",
                    bytes = x.blob_bytes.to_string(),
                    code = code.to_string()
                ),
                (Some(code), _) => crate::msg!("inside-xexch50", code = code.to_string()),
                (None, _) => crate::msg!("inside-xexch50-no-reply"),
            }),
    );
    if parts.is_empty() {
        crate::msg!("inside-nothing")
    } else {
        Text::join(parts, ", ")
    }
}

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-before-auth",
    severity: Severity::Warning,
    title: "TLS began before authentication: the rest of the session cannot be inspected",
    trigger: "STARTTLS or X-ANONYMOUSTLS was accepted and TLS began before any successful authentication, \
              towards a server that offers X-EXPS.",
    advice: &[
        "Everything after the TLS handshake is encrypted: authentication, XEXCH50 and the message cannot be \
         inspected without the session keys.",
        "On Exchange 2000/2003: if XEXCH50 fails in such sessions, the STARTTLS event sinks run before AUTH \
         (KB 843106 step 3); check TLS settings on the virtual servers between Exchange servers.",
        "On Exchange 2007 and later, X-ANONYMOUSTLS before X-EXPS is the normal order; look at the servers' \
         protocol logs instead.",
    ],
    caveats: "Only judged towards servers that offer X-EXPS.",
    refs: &["KB 843106", "RFC 3207"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !dialogue.tls.started || !facts::advertised(dialogue, "X-EXPS") {
        return None;
    }
    let asked = input.exchanges().iter().find(|e| {
        matches!(e.command.verb.as_str(), "STARTTLS" | "X-ANONYMOUSTLS") && e.code() == Some(220)
    })?;
    if facts::authenticated_before(dialogue, Some(asked.at().frame)) {
        return None;
    }
    let tls = &dialogue.tls;
    let decryption = tls.decryption.as_ref().filter(|_| tls.decrypted());
    let summary = match decryption {
        Some(_) => crate::msg!(
            "summary-tls-before-auth-decrypted",
            verb = asked.command.verb.clone(),
            inside = inside(dialogue),
        ),
        None => crate::msg!("summary-tls-before-auth", verb = asked.command.verb.clone()),
    };
    let mut finding = asked.finding(&INFO, summary).evidence([Evidence::fact(
        None,
        crate::msg!(
            "evidence-tls-began",
            frame = crate::l10n::frame(tls.frame.unwrap_or(asked.at().frame)),
            client = tls.c2s_bytes,
            server = tls.s2c_bytes,
        ),
    )]);
    if let Some(d) = decryption {
        finding = finding
            .evidence([Evidence::fact(
                None,
                match d.key.as_deref() {
                    Some(key) => crate::msg!("evidence-decrypted-with", key = key, inside = inside(dialogue)),
                    None => crate::msg!("evidence-decrypted", inside = inside(dialogue)),
                },
            )])
            .advice_first(crate::msg!("advice-tls-decrypted"));
    }
    if facts::banner_is_exchange_2000_2003(dialogue) {
        finding = finding.advice_first(crate::msg!("advice-tls-exchange-2003"));
    }
    Some(finding)
}
