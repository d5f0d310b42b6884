//! `smtp-smuggling`: a non-canonical end-of-data sequence inside DATA followed by SMTP commands.
//!
//! Reference: SEC Consult "SMTP Smuggling" (2023), CVE-2023-51764/51765/51766, CERT VU#302671,
//! RFC 5321 §4.1.1.4, PROTOCOL.md §1.5 and R34. The decoder keeps each candidate with the bytes
//! after it ([`crate::smtp::body::DataFacts`]); this rule looks for a command line among them.
//! When the server's replies prove it executed them, the decoder shows the smuggled commands and
//! replies in the transcript (marked smuggled): the rule quotes them and says the server answered.
//! Known false positives: a message that quotes an SMTP dialogue with LF-only line ends right after a
//! lone dot; rare, and still worth a look. Only the first bytes after each candidate are kept, so a
//! command further on is missed.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::body::EndOfDataCandidate;
use crate::smtp::dialogue::{Item, ItemKind, Origin};

/// Smuggled commands and replies quoted in the evidence.
const MAX_SMUGGLED_EVIDENCE: usize = 12;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "smtp-smuggling",
    severity: Severity::Critical,
    title: "SMTP smuggling: a non-canonical end-of-data followed by SMTP commands inside DATA",
    trigger:
        "Inside DATA, a non-canonical end-of-data sequence (LF.LF, LF.CRLF, CRLF.LF, CR.CR, …) followed, \
              before the real CRLF.CRLF, by a line that starts with an SMTP command (MAIL FROM, RCPT TO, \
              DATA, BDAT, RSET, QUIT, EHLO, HELO).",
    advice: &[
        "Someone is smuggling a second message past the outbound server (spoofed sender): find the client \
         and the account it used.",
        "If the receiver answered the smuggled commands, it takes the non-canonical sequence as the end of \
         data: patch it or make it reject bare LF (Postfix smtpd_forbid_bare_newline, Exchange 2007+ \
         rejects it with 554 5.6.0).",
        "Make the sending server normalise or reject bare CR and LF in messages.",
    ],
    caveats: "Only the first bytes after each candidate are kept; a command further on is missed.",
    refs: &["CVE-2023-51764", "CERT VU#302671", "RFC 5321 §4.1.1.4"],
};

/// Commands whose appearance after a candidate makes it smuggling.
const COMMANDS: &[&str] = &[
    "MAIL FROM",
    "RCPT TO",
    "DATA",
    "BDAT",
    "RSET",
    "QUIT",
    "EHLO",
    "HELO",
];

/// The command a line starts with, if any.
fn command_in(line: &str) -> Option<&'static str> {
    let upper = line.trim_start().to_ascii_uppercase();
    COMMANDS.iter().copied().find(|c| upper.starts_with(c))
}

/// The first command among the lines after a candidate.
fn smuggled_command(candidate: &EndOfDataCandidate) -> Option<&'static str> {
    candidate.followed_by.split(['\n', '\r']).find_map(command_in)
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let found: Vec<(u64, &EndOfDataCandidate, &'static str)> = dialogue
        .transactions
        .iter()
        .filter_map(|t| t.data.as_ref())
        .filter_map(|content| content.data.as_ref().map(|d| (content.frame, d)))
        .flat_map(|(frame, d)| d.end_of_data_candidates.iter().map(move |c| (frame, c)))
        .filter_map(|(frame, c)| smuggled_command(c).map(|cmd| (frame, c, cmd)))
        .collect();
    let (frame, candidate, command) = found.first()?;
    let data = input.exchange_at("DATA", *frame)?;
    // The decoder shows what the server executed inside the body, marked smuggled, when the
    // replies prove it; a reply before the end of the body is the same proof.
    let smuggled: Vec<&Item> = dialogue
        .transcript
        .iter()
        .filter(|i| i.origin == Origin::Smuggled)
        .collect();
    let answered = smuggled.iter().any(|i| i.dir == Direction::ServerToClient)
        || dialogue.has_anomaly(AnomalyKind::ReplyBeforeEndOfData);
    let mut finding = data
        .finding(
            &INFO,
            if answered {
                crate::msg!(
                    "summary-smtp-smuggling-answered",
                    sequence = candidate.sequence.to_string(),
                    command = command.to_string(),
                )
            } else {
                crate::msg!(
                    "summary-smtp-smuggling",
                    sequence = candidate.sequence.to_string(),
                    command = command.to_string(),
                )
            },
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!(
                "evidence-smuggling-at",
                sequence = candidate.sequence.to_string(),
                offset = candidate.offset.to_string(),
                followed = format!("{:?}", candidate.followed_by),
            ),
        )])
        .evidence(
            smuggled
                .iter()
                .take(MAX_SMUGGLED_EVIDENCE)
                .filter_map(|i| match &i.kind {
                    ItemKind::Command(c) => Some(Evidence::line(
                        i.at,
                        i.dir,
                        crate::msg!("line-smuggled", line = c.redacted_line()),
                    )),
                    ItemKind::Reply(r) => Some(Evidence::line(
                        i.at,
                        i.dir,
                        crate::msg!("line-smuggled", line = r.reply.first_line()),
                    )),
                    ItemKind::Content { verb, bytes } => Some(Evidence::line(
                        i.at,
                        i.dir,
                        crate::msg!("line-smuggled", line = format!("[{verb} {bytes} bytes]")),
                    )),
                    _ => None,
                }),
        )
        .count(facts::count(found.len()));
    if answered {
        finding = finding.advice_first(crate::msg!("advice-smuggling-answered"));
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(sequence: &str, followed_by: &str) -> EndOfDataCandidate {
        EndOfDataCandidate {
            offset: 10,
            sequence: sequence.to_string(),
            followed_by: followed_by.to_string(),
        }
    }

    #[test]
    fn a_command_on_any_kept_line_after_the_candidate_counts() {
        for (followed_by, found) in [
            (
                "MAIL FROM:<spoof@contoso.com>\r\nRCPT TO:<v@example.net>",
                Some("MAIL FROM"),
            ),
            ("rcpt to:<v@example.net>\r\n", Some("RCPT TO")),
            ("\r\nQUIT\r\n", Some("QUIT")),
            ("Regards\nDATA\n", Some("DATA")),
            ("Regards, Alice\r\nThanks\r\n", None),
            ("MAILBOX full\r\n", None),
            ("", None),
        ] {
            assert_eq!(
                smuggled_command(&candidate("LF.CRLF", followed_by)),
                found,
                "{followed_by:?}"
            );
        }
    }
}
