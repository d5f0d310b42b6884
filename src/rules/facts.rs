//! Questions rules ask of a dialogue, answered once so no two rules answer them differently.
//!
//! Owns the shared readings of a [`Dialogue`]: commands with the reply that answered them, whether
//! the session's start is in the capture, whether (and when) the client authenticated, evidence
//! lines with secrets redacted, and the Windows event texts (7004/7010). Must not: decide whether
//! something is a finding (that is each rule's own file).

use crate::net::Direction;
use crate::session::Session;
use crate::smtp::dialogue::{AuthOutcome, CommandItem, Dialogue, Item, ItemKind, Position, ReplyItem};
use crate::smtp::reply::Reply;

use super::{Evidence, Finding, RuleInfo, RuleInput, WindowsEvent};

/// A client command and, when one came, the reply that answered it.
#[derive(Clone, Copy, Debug)]
pub struct Exchange<'a> {
    /// The command's transcript entry.
    pub item: &'a Item,
    /// The command.
    pub command: &'a CommandItem,
    /// The reply's transcript entry and the reply.
    pub reply: Option<(&'a Item, &'a Reply)>,
}

impl<'a> Exchange<'a> {
    /// The reply code, when a reply came.
    pub fn code(&self) -> Option<u16> {
        self.reply.map(|(_, r)| r.code)
    }

    /// The command line as sent, secrets redacted.
    pub fn command_line(&self) -> String {
        self.command.redacted_line()
    }

    /// The evidence: the command line (shortened past [`EVIDENCE_LINE_CHARS`]), then the reply's
    /// first line.
    pub fn evidence(&self) -> Vec<Evidence> {
        let mut lines = vec![Evidence::line(
            self.item.at,
            self.item.dir,
            shortened(self.command_line()),
        )];
        if let Some((item, reply)) = self.reply {
            lines.push(Evidence::line(item.at, item.dir, reply.first_line()));
        }
        lines
    }

    /// Where the command was.
    pub fn at(&self) -> Position {
        self.item.at
    }

    /// A finding of `info` anchored at this command, its lines the first evidence.
    pub fn finding(&self, info: &'static RuleInfo, summary: String) -> Finding {
        Finding::new(info, Some(self.at()), Some(self.item.dir), summary).evidence(self.evidence())
    }
}

/// Characters of a command line quoted in evidence before it is shortened.
pub const EVIDENCE_LINE_CHARS: usize = 120;

/// `line` cut to [`EVIDENCE_LINE_CHARS`] characters with its full length noted, when it is longer.
pub fn shortened(line: String) -> String {
    if line.chars().count() <= EVIDENCE_LINE_CHARS {
        return line;
    }
    let head: String = line.chars().take(EVIDENCE_LINE_CHARS).collect();
    format!("{head}… ({} bytes)", line.len())
}

/// The command with verb `verb` sent in frame `frame`, with its reply.
pub fn exchange_at<'a>(dialogue: &'a Dialogue, verb: &str, frame: u64) -> Option<Exchange<'a>> {
    exchanges(dialogue)
        .into_iter()
        .find(|e| e.command.verb == verb && e.item.at.frame == frame)
}

/// A number of occurrences as a finding count.
pub fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Whether `frame` comes before TLS began in the session (everything visible is then in clear).
pub fn before_tls(dialogue: &Dialogue, frame: u64) -> bool {
    dialogue.tls.frame.map_or(true, |tls| frame < tls)
}

/// Every client command with the reply that answered it, in transcript order. Rules get them
/// from [`super::RuleInput::exchanges`], computed once per session.
pub fn exchanges(dialogue: &Dialogue) -> Vec<Exchange<'_>> {
    let commands = dialogue
        .transcript
        .iter()
        .filter(|item| matches!(item.kind, ItemKind::Command(_)))
        .count();
    let mut out: Vec<Exchange<'_>> = Vec::with_capacity(commands);
    // (transcript index of each command, its slot in `out`), in transcript order.
    let mut index_of_command: Vec<(usize, usize)> = Vec::with_capacity(commands);
    for (index, item) in dialogue.transcript.iter().enumerate() {
        match &item.kind {
            ItemKind::Command(command) => {
                index_of_command.push((index, out.len()));
                out.push(Exchange {
                    item,
                    command,
                    reply: None,
                });
            }
            ItemKind::Reply(ReplyItem {
                reply,
                answers: Some(answered),
            }) => {
                let slot = index_of_command
                    .binary_search_by_key(answered, |(transcript, _)| *transcript)
                    .ok()
                    .and_then(|at| index_of_command.get(at))
                    .map(|(_, slot)| *slot);
                if let Some(exchange) = slot.and_then(|s| out.get_mut(s)) {
                    exchange.reply.get_or_insert((item, reply));
                }
            }
            _ => {}
        }
    }
    out
}

/// The exchanges of `verb` (upper case) among `exchanges`.
pub fn of_verb<'a>(exchanges: &[Exchange<'a>], verb: &str) -> Vec<Exchange<'a>> {
    exchanges
        .iter()
        .filter(|e| e.command.verb == verb)
        .copied()
        .collect()
}

/// The commands with verb `verb` (upper case), with their replies.
pub fn exchanges_of<'a>(dialogue: &'a Dialogue, verb: &str) -> Vec<Exchange<'a>> {
    of_verb(&exchanges(dialogue), verb)
}

/// Replies no command is recorded as answering, other than the greeting.
pub fn unsolicited_replies(dialogue: &Dialogue) -> impl Iterator<Item = (&Item, &Reply)> {
    let banner_frame = dialogue.banner.as_ref().map(|b| b.at.frame);
    dialogue
        .transcript
        .iter()
        .enumerate()
        .filter_map(move |(index, item)| match &item.kind {
            ItemKind::Reply(ReplyItem { reply, answers: None })
                if !(index == first_reply_index(dialogue) && Some(item.at.frame) == banner_frame) =>
            {
                Some((item, reply))
            }
            _ => None,
        })
}

fn first_reply_index(dialogue: &Dialogue) -> usize {
    dialogue
        .transcript
        .iter()
        .position(|i| matches!(i.kind, ItemKind::Reply(_)))
        .unwrap_or(usize::MAX)
}

/// Whether the session's start — the banner and the client's HELO/EHLO — is in the capture in clear
/// text, so that "never happened" statements about the session are safe.
pub fn start_seen(session: &Session) -> bool {
    let dialogue = &session.dialogue;
    dialogue.banner.is_some()
        && dialogue.helo.is_some()
        && !dialogue.has_anomaly(crate::smtp::anomaly::AnomalyKind::MidstreamStart)
}

/// Whether the session's start is in the capture and the client's EHLO got a `250` keyword list, so
/// that what the list lacks was not offered.
pub fn ehlo_list_seen(session: &Session) -> bool {
    start_seen(session)
        && session
            .dialogue
            .helo
            .as_ref()
            .is_some_and(|h| h.verb == "EHLO" && h.reply == Some(250))
}

/// Whether a SASL exchange ended in 235 before `frame` (`None`: any time in the session).
pub fn authenticated_before(dialogue: &Dialogue, frame: Option<u64>) -> bool {
    dialogue.auth.iter().any(|a| {
        a.outcome == AuthOutcome::Success
            && frame.map_or(true, |f| a.reply.as_ref().is_some_and(|r| r.at.frame < f))
    })
}

/// Whether the server's EHLO reply advertised `keyword` (case-insensitive).
pub fn advertised(dialogue: &Dialogue, keyword: &str) -> bool {
    dialogue.extensions.iter().any(|e| e.is(keyword))
}

/// Whether the banner identifies Microsoft Exchange 2000/2003 (PROTOCOL R1: the IIS SMTP service,
/// version 5.0.2195 or 6.0.3790).
pub fn banner_is_exchange_2000_2003(dialogue: &Dialogue) -> bool {
    dialogue.banner.as_ref().is_some_and(|b| {
        let text = b.value.text();
        text.contains("Microsoft ESMTP MAIL Service, Version: 5.0.2195")
            || text.contains("Microsoft ESMTP MAIL Service, Version: 6.0.3790")
    })
}

/// The evidence line of a reply.
pub fn reply_evidence(item: &Item, reply: &Reply) -> Evidence {
    Evidence::line(item.at, item.dir, reply.first_line())
}

/// The event an Exchange 2000/2003 server logs when a command it sent gets an error reply: 7004
/// on the sending side (the client of this session).
pub fn event_7004(session: &Session, exchange: &Exchange<'_>) -> Option<WindowsEvent> {
    let (_, reply) = exchange.reply?;
    Some(WindowsEvent {
        id: 7004,
        text: format!(
            "This is an SMTP protocol error log for virtual server ID 1, connection #{}. The remote host \
             \"{}\", responded to the SMTP command \"{}\" with \"{}\". The full command sent was \"{}\". \
             This will probably cause the connection to fail.",
            session.id(),
            session.info.server.ip(),
            exchange.command.verb.to_ascii_lowercase(),
            reply.first_line(),
            exchange.command_line(),
        ),
    })
}

/// The likely causes of a refusal that an anonymous sender gets, most likely first (PROTOCOL.md §9).
pub const ANONYMOUS_SENDER_CAUSES: &[&str] = &["middlebox-rewrite", "exps-failed"];

/// A refusal's finding completed with the sender's event 7004 for `exchange`, and with the first of
/// `causes` that fired earlier in the session named as its likely cause.
pub fn refusal(finding: Finding, input: &RuleInput<'_>, exchange: &Exchange<'_>, causes: &[&str]) -> Finding {
    finding
        .maybe_event(event_7004(input.session, exchange))
        .maybe_explained_by(input.cause(causes))
}

/// "the client" / "the server", for sentences.
pub fn side(dir: Direction) -> &'static str {
    match dir {
        Direction::ClientToServer => "the client",
        Direction::ServerToClient => "the server",
    }
}
