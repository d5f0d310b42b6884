//! `verb-dropped`: something between the two servers dropped or rewrote SMTP verbs, EHLO keywords
//! or the banner. Diff only: it needs the sending and the receiving side's captures of the same
//! conversation; `diff` makes these findings from its divergences, this file holds the catalogue
//! entry.
//!
//! Reference: FINDINGS.md, PROTOCOL.md §5 (PIX `fixup protocol smtp` replaces verbs by NOOP and
//! masks the banner; ASA `inspect esmtp` overwrites verbs with X's and masks EHLO keywords), KB
//! 843106 ("check that the firewall does not block extended verbs such as XEXCH50"), KB 320027.

use super::{RuleInfo, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "verb-dropped",
    severity: Severity::Error,
    title: "A command, EHLO keyword or banner was dropped or rewritten between the two servers (diff only)",
    trigger: "`smtpscope diff SENDER RECEIVER` only, on a matched pair of sessions: a command the sending \
              side sent does not arrive on the receiving side, or arrives altered (masked with X's, replaced \
              by NOOP, argument rewritten); or an EHLO keyword the receiver sent is missing or masked on the \
              sender's side; or the banner differs. Evidence: the line on each side with its frame.",
    advice: &[
        "Something between the two servers inspects SMTP: on a Cisco PIX `no fixup protocol smtp 25`; on \
         an ASA `no inspect esmtp` in the global policy, or an ESMTP policy map that allows X-EXPS, \
         XEXCH50, X-LINK2STATE, BDAT and STARTTLS.",
        "If no Cisco firewall is in the path, look for another SMTP proxy, an anti-virus or anti-spam SMTP \
         gateway, or an IPS rule between the capture points.",
        "A command missing with no reply on the receiving side and a reply on the sending side means the \
         device in between answered it itself.",
    ],
    caveats: "The two captures must show the same conversation: a pair matched only heuristically (see its \
              confidence) may compare two different sessions. A command absent from a receiving capture \
              that misses bytes is reported as capture loss, not as a dropped verb.",
    refs: &[
        "KB 843106",
        "KB 320027",
        "docs/middleboxes.md#detecting-them-in-a-capture",
    ],
};
