//! `starttls-stripped`: STARTTLS was hidden from the client — masked in the EHLO reply by a
//! firewall's SMTP inspection (`250-XXXXXXXA` where `250-STARTTLS` was: same length, PROTOCOL.md
//! §5), or absent from it while the client asked for STARTTLS all the same and was refused.
//!
//! Why it matters: the session that should have been encrypted goes in clear — credentials and
//! mail included — and a sender that requires TLS cannot deliver. The Cisco ASA's default `inspect
//! esmtp` removes the STARTTLS indication (PROTOCOL.md §5, R23). In `diff`, STARTTLS offered on
//! the receiving side only is the same finding, proven. Known false positives: an 8-letter keyword
//! of another extension masked by the same firewall reads the same when STARTTLS was never offered.
//! Captures: `captures/lab/middlebox-asa-sender.pcap`, `captures/synthetic/asa-masked.pcap`; diff:
//! `captures/lab/middlebox-asa-sender.pcap` against `captures/lab/middlebox-asa-receiver.pcap`.

use super::middlebox_rewrite::asa_masked_keyword;
use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "starttls-stripped",
    severity: Severity::Warning,
    title: "STARTTLS was stripped between the servers: the session could not be encrypted",
    trigger: "The EHLO reply lacks STARTTLS and holds an X-masked keyword of its length (`XXXXXXXA`), or the \
              client sent STARTTLS although the reply did not offer it and was refused. In `diff`: the \
              receiver's EHLO reply offers STARTTLS and the sender's does not.",
    advice: &[
        "A firewall's SMTP inspection hides STARTTLS: on a Cisco ASA/PIX allow it in the ESMTP policy map or \
         disable `inspect esmtp` between the mail servers.",
        "Until then the servers talk in clear text (credentials and mail included), and a sender that \
         requires TLS cannot deliver.",
    ],
    caveats: "An 8-letter keyword of another extension, masked the same way, reads the same when the server \
              never offered STARTTLS.",
    refs: &["RFC 3207", "KB 320027", "docs/middleboxes.md#cisco-pix-7-and-asa-inspect-esmtp"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if facts::advertised(dialogue, "STARTTLS") {
        return None;
    }
    let exchanges = input.exchanges();
    // Masking keeps a keyword's length; which mask is STARTTLS's cannot be told from one side.
    let masked: Vec<&str> = dialogue
        .extensions
        .iter()
        .map(|e| e.keyword.as_str())
        .filter(|k| asa_masked_keyword(k) && k.len() == "STARTTLS".len())
        .collect();
    let ehlo_reply = exchanges
        .iter()
        .find(|e| e.command.verb == "EHLO")
        .and_then(|e| e.reply);
    let finding = match (masked.is_empty(), ehlo_reply) {
        (false, Some((item, _))) => Finding::new(
            &INFO,
            Some(item.at),
            Some(item.dir),
            crate::msg!(
                "summary-starttls-masked",
                count = masked.len(),
                keywords = masked.join(", ")
            ),
        )
        .evidence(
            masked
                .iter()
                .map(|k| Evidence::line(item.at, item.dir, format!("250-{k}"))),
        ),
        _ => {
            let asked = exchanges
                .iter()
                .find(|e| e.command.verb == "STARTTLS" && e.code().is_some_and(|c| c != 220))?;
            if !facts::ehlo_list_seen(input.session) {
                return None;
            }
            asked.finding(&INFO, crate::msg!("summary-starttls-not-offered-refused"))
        }
    };
    Some(finding.maybe_explained_by(input.earlier("middlebox-rewrite")))
}
