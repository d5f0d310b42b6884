//! `sequence-error`: a `503` reply, or a command the SMTP state machine says is out of place.
//!
//! Reference: RFC 5321 §4.1.4 (command order) and §4.3.2 (`503 Bad sequence of commands`), RFC 2920
//! (with PIPELINING a DATA after refused recipients is answered 503 by design), PROTOCOL.md §3.3
//! (XEXCH50 belongs inside a transaction).
//! Known false positives: a pipelining client legitimately sends DATA before it knows that every
//! recipient was refused; the 503 it gets is reported, at info. Out-of-place commands are only
//! judged when the session's start is in the capture.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "sequence-error",
    severity: Severity::Info,
    title: "A command out of sequence (503, or a command out of place)",
    trigger:
        "A 503 reply, or a command out of place: RCPT before MAIL, DATA/BDAT before RCPT, XEXCH50 outside \
              a transaction.",
    advice: &[
        "A pipelining client sent DATA after all its recipients were refused: harmless, the recipients' \
         refusals are the real problem.",
        "A client or script that does not follow RFC 5321 command order: fix the client.",
        "A middlebox swallowed or rewrote an earlier command (MAIL or RCPT), so the server never saw it.",
    ],
    caveats: "Out-of-place commands are only judged when the session's start is in the capture.",
    refs: &["RFC 5321 §4.1.4", "RFC 2920"],
};

/// Where a transaction stands, by the commands the client sent.
#[derive(Default)]
struct State {
    mail: bool,
    rcpt: bool,
}

/// Why `verb` is out of place in `state`, updating the state.
fn out_of_place(state: &mut State, verb: &str, arg: &str, code: Option<u16>) -> Option<Text> {
    let problem = match verb {
        "RCPT" if !state.mail => Some(crate::msg!("sequence-rcpt-before-mail")),
        "DATA" | "BDAT" if !state.rcpt => Some(crate::msg!("sequence-data-before-rcpt")),
        "XEXCH50" if !state.mail => Some(crate::msg!("sequence-xexch50-outside")),
        _ => None,
    };
    let ends_bdat = verb == "BDAT" && arg.to_ascii_uppercase().contains("LAST");
    match verb {
        "MAIL" => {
            state.mail = true;
            state.rcpt = false;
        }
        "RCPT" => state.rcpt = true,
        "RSET" | "HELO" | "EHLO" => *state = State::default(),
        "DATA" if code == Some(354) => *state = State::default(),
        _ if ends_bdat => *state = State::default(),
        _ => {}
    }
    problem
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let judge_order = facts::start_seen(input.session);
    let mut state = State::default();
    let mut errors: Vec<(&facts::Exchange<'_>, Text)> = Vec::new();
    for exchange in input.exchanges() {
        let misplaced = out_of_place(
            &mut state,
            &exchange.command.verb,
            &exchange.command.arg,
            exchange.code(),
        )
        .filter(|_| judge_order);
        let why = match (exchange.code(), misplaced) {
            (_, Some(why)) => why,
            (Some(503), None) => crate::msg!("sequence-answered-503", verb = &exchange.command.verb),
            _ => continue,
        };
        errors.push((exchange, why));
    }
    let (first, why) = errors.first()?;
    Some(
        first
            .finding(&INFO, crate::msg!("summary-sequence-error", why = why.clone()))
            .evidence([Evidence::fact(None, why.clone())])
            .count(facts::count(errors.len())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(commands: &[(&str, &str, Option<u16>)]) -> Vec<String> {
        let mut state = State::default();
        commands
            .iter()
            .filter_map(|(verb, arg, code)| out_of_place(&mut state, verb, arg, *code))
            .map(|why| why.en())
            .collect()
    }

    #[test]
    fn order_is_judged_by_what_the_client_sent() {
        assert_eq!(run(&[("RCPT", "TO:<b@x>", Some(503))]), ["RCPT before MAIL"]);
        assert_eq!(
            run(&[("MAIL", "", Some(250)), ("DATA", "", Some(503))]),
            ["DATA or BDAT before any RCPT"]
        );
        assert_eq!(
            run(&[("XEXCH50", "2336 3", Some(504))]),
            ["XEXCH50 outside a mail transaction"]
        );
        // A normal transaction, then one ended by BDAT LAST, then RSET: nothing out of place.
        let ok = [
            ("MAIL", "", Some(250)),
            ("RCPT", "", Some(250)),
            ("XEXCH50", "2336 3", Some(354)),
            ("DATA", "", Some(354)),
            ("MAIL", "", Some(250)),
            ("RCPT", "", Some(550)),
            ("BDAT", "10 LAST", Some(250)),
            ("RSET", "", Some(250)),
        ];
        assert_eq!(run(&ok), Vec::<&str>::new());
        // After the transaction ended, RCPT needs a new MAIL.
        assert_eq!(
            run(&[
                ("MAIL", "", None),
                ("RCPT", "", None),
                ("DATA", "", Some(354)),
                ("RCPT", "", None)
            ]),
            ["RCPT before MAIL"]
        );
    }
}
