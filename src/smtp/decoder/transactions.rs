//! Mail transactions as the server kept them (RFC 5321 §3.3), not as the client's commands cut
//! them.
//!
//! While decoding, a MAIL opens a transaction record and what follows it (RCPT, XEXCH50, DATA,
//! BDAT) goes into it: the replies that say otherwise may come later (pipelining). At the end of
//! the session the replies decide: a transaction exists on the server from a MAIL answered 2xx to
//! the reply that ends its content (or a RSET). A MAIL refused while the server holds a
//! transaction (`503 sender already given`) opens nothing: the RCPT, XEXCH50 and content after it
//! belong to the transaction the server still holds, and the refused MAIL stays a record of its own
//! with nothing else in it; so does content accepted without a MAIL the capture shows, while the
//! server holds a transaction. Smuggled transactions ([`super::smuggling`]) are the server's own.
//! Must not: pair replies (their codes are final here) or touch the transcript.

use super::SmtpDecoder;
use crate::smtp::dialogue::Transaction;

impl SmtpDecoder {
    /// Moves what the server put in another transaction where it belongs.
    pub(super) fn settle_transactions(&mut self) {
        let transactions = &mut self.dialogue.transactions;
        let mut open: Option<usize> = None;
        for i in 0..transactions.len() {
            let (earlier, rest) = transactions.split_at_mut(i);
            let Some(t) = rest.first_mut() else {
                break;
            };
            let mail = t.mail_from.as_ref().map(|m| m.reply);
            let accepted = mail.flatten().is_some_and(|c| (200..300).contains(&c));
            let refused = mail.flatten().is_some_and(|c| c >= 400);
            let owner = if accepted {
                open = Some(i);
                Some(t)
            } else if (refused || mail.is_none()) && !t.smuggled {
                match open.and_then(|o| earlier.get_mut(o)) {
                    Some(held) => {
                        move_into(t, held);
                        Some(held)
                    }
                    None => None,
                }
            } else {
                None
            };
            if owner.is_some_and(ended) {
                open = None;
            }
        }
    }
}

/// Whether the server ended `t`: a final reply to its content, or a RSET.
fn ended(t: &mut Transaction) -> bool {
    t.reset || t.data.as_ref().is_some_and(|d| d.reply.is_some())
}

/// Moves the recipients, XEXCH50 commands, content and reset of `from` into `into`.
fn move_into(from: &mut Transaction, into: &mut Transaction) {
    into.rcpt_to.append(&mut from.rcpt_to);
    into.rcpt_dropped = into
        .rcpt_dropped
        .saturating_add(std::mem::take(&mut from.rcpt_dropped));
    into.xexch50.append(&mut from.xexch50);
    if into.data.is_none() {
        into.data = from.data.take();
    }
    into.reset |= std::mem::take(&mut from.reset);
}
