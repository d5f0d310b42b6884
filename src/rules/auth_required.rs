//! `auth-required`: the server refused to go on because the client had not authenticated.
//!
//! Reference: RFC 4954 §6 (530 5.7.0 Authentication required), RFC 3463, KB 895853 (anonymous
//! access on the virtual server), Exchange's `530 5.7.1 Client was not authenticated`.
//! Known false positives: a submission port refusing an unauthenticated client is working as
//! designed; the finding still names the refusal.

use super::facts;
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::reply::Reply;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "auth-required",
    severity: Severity::Error,
    title: "The server requires authentication and the client had not authenticated",
    trigger: "A reply 530 (unless it asks for STARTTLS: tls-required), or a 5xx reply with enhanced status 5.7.0, 5.7.1 or 5.7.3 whose text speaks of \
              authentication (`Client was not authenticated`, `Authentication required`).",
    advice: &[
        "Anonymous access is disabled on the receiving SMTP virtual server (Access > Authentication): \
         servers that accept mail from the Internet or from other organisations need it.",
        "If the sender is an Exchange server of the organisation, it did not authenticate: look for \
         X-EXPS failures or middlebox findings in the same session.",
    ],
    caveats: "A submission service that requires authentication by design raises it for every anonymous \
              client.",
    refs: &["RFC 4954 §6", "RFC 3463", "KB 895853"],
};

/// Whether `reply` says authentication is required.
pub fn requires_auth(reply: &Reply) -> bool {
    let security_refusal =
        reply.class() == 5 && matches!(reply.enhanced.as_deref(), Some("5.7.0" | "5.7.1" | "5.7.3"));
    // Only those two kinds of reply read the text (most replies are neither).
    if reply.code != 530 && !security_refusal {
        return false;
    }
    let text = reply.text().to_ascii_lowercase();
    let speaks_of_auth = text.contains("authenticat");
    // `530 5.7.0 Must issue a STARTTLS command first` asks for TLS, not credentials: tls-required.
    (reply.code == 530 && !super::refusal::says_tls_required(&text)) || (security_refusal && speaks_of_auth)
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let refused: Vec<_> = input
        .exchanges()
        .iter()
        .filter(|e| e.reply.is_some_and(|(_, r)| requires_auth(r)))
        .collect();
    let first = refused.first()?;
    let (_, reply) = first.reply?;
    let finding = Finding::new(
        &INFO,
        Some(first.at()),
        Some(first.item.dir),
        crate::msg!(
            "summary-auth-required",
            verb = &first.command.verb,
            reply = reply.first_line()
        ),
    )
    .evidence(first.evidence())
    .count(u64::try_from(refused.len()).unwrap_or(u64::MAX));
    Some(facts::refusal(
        finding,
        input,
        first,
        facts::ANONYMOUS_SENDER_CAUSES,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::single(code, text)
    }

    #[test]
    fn codes_and_authentication_texts() {
        assert!(requires_auth(&reply(530, "5.7.1 Client was not authenticated")));
        assert!(requires_auth(&reply(530, "Authentication required")));
        assert!(requires_auth(&reply(550, "5.7.0 Authentication required")));
        assert!(!requires_auth(&reply(550, "5.7.1 Unable to relay")));
        assert!(!requires_auth(&reply(504, "Need to authenticate first")));
        assert!(!requires_auth(&reply(
            535,
            "5.7.8 Authentication credentials invalid"
        )));
        assert!(!requires_auth(&reply(
            503,
            "5.5.1 Error: authentication not enabled"
        )));
    }
}
