//! Questions rules ask of a dialogue, answered once so no two rules answer them differently.
//!
//! Owns the shared readings of a [`Dialogue`] ([`SessionFacts`], made once per session): commands
//! with the reply that answered them, its refusals, the analyses of its AUTH exchanges, whether
//! the session's start is in the capture, whether (and when) the client authenticated, evidence
//! lines with secrets redacted, and the Windows event texts (7004/7010). Must not: decide whether
//! something is a finding (that is each rule's own file).

use std::cell::OnceCell;

use crate::auth::Analysis;
use crate::l10n::Text;
use crate::message::Message;
use crate::net::Direction;
use crate::session::Session;
use crate::smtp::dialogue::{
    AuthOutcome, CommandItem, Content, Dialogue, Item, ItemKind, Origin, Position, ReplyItem, Transaction,
};
use crate::smtp::reply::Reply;

use super::refusal::Refusals;
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
            lines.push(reply_evidence(item, reply));
        }
        lines
    }

    /// Where the command was.
    pub fn at(&self) -> Position {
        self.item.at
    }

    /// A finding of `info` anchored at this command, its lines the first evidence.
    pub fn finding(&self, info: &'static RuleInfo, summary: impl Into<Text>) -> Finding {
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

/// Seconds the capture may go on after a connection's last packet and still be said to have cut
/// the connection short: a reply or the rest of a transfer normally follows within this time, so
/// when the capture ends sooner nothing can be said about what followed. (After longer silence the
/// connection itself stalled, and the rules about unanswered commands and short transfers apply.)
pub const CAPTURE_CUT_SECS: u64 = 30;

/// Whether the capture ended with `session` still open, within [`CAPTURE_CUT_SECS`] of its last
/// packet: then what never came may simply not have been captured.
pub fn cut_by_capture_end(session: &Session) -> bool {
    session
        .capture_end
        .is_some_and(|end| end < session.end().plus_secs(CAPTURE_CUT_SECS))
}

/// A number of occurrences as a finding count.
pub fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Whether `frame` comes before TLS began in the session (everything visible is then in clear).
pub fn before_tls(dialogue: &Dialogue, frame: u64) -> bool {
    dialogue.tls.frame.is_none_or(|tls| frame < tls)
}

/// Whether a transcript item can be judged: sent in clear before TLS, or decrypted from inside it.
pub fn visible(dialogue: &Dialogue, item: &Item) -> bool {
    item.decrypted || before_tls(dialogue, item.at.frame)
}

/// The readings of one session that several rules take, made once before the rules run: its
/// exchanges, its refusals with their kinds, and (on first use: most sessions never ask) the
/// analysis of each AUTH or X-EXPS exchange. Rules reach them through [`RuleInput`].
#[derive(Debug)]
pub struct SessionFacts<'a> {
    dialogue: &'a Dialogue,
    exchanges: Vec<Exchange<'a>>,
    refusals: Refusals<'a>,
    auth: OnceCell<Vec<Analysis>>,
}

impl<'a> SessionFacts<'a> {
    /// The facts of `dialogue`.
    pub fn new(dialogue: &'a Dialogue) -> Self {
        let exchanges = exchanges(dialogue);
        let refusals = Refusals::new(dialogue, &exchanges);
        SessionFacts {
            dialogue,
            exchanges,
            refusals,
            auth: OnceCell::new(),
        }
    }

    /// Every client command with the reply that answered it ([`exchanges`]).
    pub fn exchanges(&self) -> &[Exchange<'a>] {
        &self.exchanges
    }

    /// The command with verb `verb` sent in frame `frame`, with its reply.
    pub fn exchange_at(&self, verb: &str, frame: u64) -> Option<Exchange<'a>> {
        self.exchanges
            .iter()
            .find(|e| e.command.verb == verb && e.item.at.frame == frame)
            .copied()
    }

    /// Every decoded message of the session, in order.
    pub fn messages(&self) -> impl Iterator<Item = MessageRef<'a>> + '_ {
        self.dialogue.transactions.iter().filter_map(move |t| {
            let content = t.data.as_ref()?;
            let message = content.message.as_deref()?;
            Some(MessageRef {
                transaction: t,
                content,
                message,
                command: self.exchange_at(content.verb, content.frame),
            })
        })
    }

    /// Every refusal with its kind.
    pub fn refusals(&self) -> &Refusals<'a> {
        &self.refusals
    }

    /// The analysis of each of the dialogue's AUTH and X-EXPS exchanges, in its order
    /// ([`crate::auth::analyze`], which decodes every token).
    pub fn auth(&self) -> &[Analysis] {
        self.auth
            .get_or_init(|| self.dialogue.auth.iter().map(crate::auth::analyze).collect())
    }
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
                ..
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

/// Replies the decoder knows answer no command: none was waiting, and no capture gap explains
/// them (a reply to a command the capture lost, or one a gap left unpaired, is not among them).
pub fn unsolicited_replies(dialogue: &Dialogue) -> impl Iterator<Item = (&Item, &Reply)> {
    dialogue.transcript.iter().filter_map(|item| match &item.kind {
        ItemKind::Reply(r) if r.unsolicited => Some((item, &r.reply)),
        _ => None,
    })
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
            && frame.is_none_or(|f| a.reply.as_ref().is_some_and(|r| r.at.frame < f))
    })
}

/// Whether the server's EHLO reply advertised `keyword` (case-insensitive), in clear or inside
/// decrypted TLS.
pub fn advertised(dialogue: &Dialogue, keyword: &str) -> bool {
    dialogue
        .extensions
        .iter()
        .chain(&dialogue.tls_extensions)
        .any(|e| e.is(keyword))
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

/// Whether the session is between Exchange servers, where Exchange's own advice applies: the
/// banner names Microsoft's SMTP service (Exchange 2000/2003) or Exchange, the server offers an
/// Exchange verb (`X-EXPS`, `XEXCH50`, `X-LINK2STATE`, `X-ANONYMOUSTLS`), or the client used
/// `X-EXPS`.
pub fn exchange_session(dialogue: &Dialogue) -> bool {
    let banner = dialogue.banner.as_ref().is_some_and(|b| {
        b.value
            .lines
            .iter()
            .any(|l| l.contains("Microsoft ESMTP MAIL Service") || l.contains("Microsoft Exchange"))
    });
    banner
        || ["X-EXPS", "XEXCH50", "X-LINK2STATE", "X-ANONYMOUSTLS"]
            .iter()
            .any(|k| advertised(dialogue, k))
        || dialogue.auth.iter().any(|a| a.verb == "X-EXPS")
}

/// The evidence line of a reply (a reply inferred from a capture gap says so).
pub fn reply_evidence(item: &Item, reply: &Reply) -> Evidence {
    let text = match item.origin {
        Origin::Inferred => crate::msg!("evidence-reply-inferred", reply = reply.first_line()),
        Origin::Captured | Origin::Smuggled => reply.first_line().into(),
    };
    Evidence::line(item.at, item.dir, text)
}

/// The event an Exchange 2000/2003 server logs when a command it sent gets an error reply: 7004
/// on the sending side (the client of this session).
pub fn event_7004(session: &Session, exchange: &Exchange<'_>) -> Option<WindowsEvent> {
    let (_, reply) = exchange.reply?;
    Some(WindowsEvent {
        id: 7004,
        text: crate::msg!(
            "event-7004",
            connection = session.id(),
            host = session.info.server.ip().to_string(),
            command = exchange.command.verb.to_ascii_lowercase(),
            reply = reply.first_line(),
            sent = exchange.command_line(),
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

/// A decoded message of the session, with its transaction and where its content began.
#[derive(Clone, Copy, Debug)]
pub struct MessageRef<'a> {
    /// The transaction.
    pub transaction: &'a Transaction,
    /// Its content record.
    pub content: &'a Content,
    /// The decoded message.
    pub message: &'a Message,
    /// The DATA/BDAT command that began the content, when it is in the transcript.
    pub command: Option<Exchange<'a>>,
}

impl MessageRef<'_> {
    /// Where the content's command was (the anchor of a message finding).
    pub fn at(&self) -> Option<Position> {
        self.command.map(|c| c.at())
    }

    /// `Message-ID <id>`, or the transaction's content frame when the message has none.
    pub fn name(&self) -> String {
        self.name_text().en()
    }

    /// [`MessageRef::name`] in the report's language.
    pub fn name_text(&self) -> Text {
        match &self.message.headers.message_id {
            Some(id) => crate::msg!("message-named", id = shortened(id.clone())),
            None => crate::msg!("message-of-frame", frame = crate::l10n::frame(self.content.frame)),
        }
    }

    /// A fact about this message, anchored at its command.
    pub fn fact(&self, text: impl Into<Text>) -> Evidence {
        Evidence::fact(self.at(), text)
    }

    /// A finding of `info` anchored at this message's command: the command and its reply, then
    /// `facts`; `count` messages of the session had it.
    pub fn finding(
        &self,
        info: &'static RuleInfo,
        summary: impl Into<Text>,
        facts: Vec<Evidence>,
        count: usize,
    ) -> Finding {
        let mut evidence = self.command.map(|c| c.evidence()).unwrap_or_default();
        evidence.extend(facts);
        Finding::new(info, self.at(), self.command.map(|c| c.item.dir), summary)
            .evidence(evidence)
            .count(self::count(count))
    }
}

/// Whether the session is between Exchange servers, as far as the capture shows: the server
/// offered X-EXPS or XEXCH50, the client used one of them, or the banner is Microsoft's.
pub fn exchange_peers(dialogue: &Dialogue) -> bool {
    advertised(dialogue, "X-EXPS")
        || advertised(dialogue, "XEXCH50")
        || dialogue
            .commands()
            .any(|(_, c)| c.verb == "X-EXPS" || c.verb == "XEXCH50")
        || dialogue
            .banner
            .as_ref()
            .is_some_and(|b| b.value.lines.first().is_some_and(|l| l.contains("Microsoft")))
}

/// Whether two mail domains belong together the way relaxed DMARC alignment would see them:
/// equal, or one a subdomain of the other (a simplification of the organisational domain, which
/// needs the public suffix list).
pub fn domains_aligned(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let under =
        |child: &str, parent: &str| child.strip_suffix(parent).is_some_and(|head| head.ends_with('.'));
    a == b || under(&a, &b) || under(&b, &a)
}
