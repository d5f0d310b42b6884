//! The decoder's product: one [`Dialogue`] per session, owned and serialisable, so that rules,
//! diff and output judge and render it without ever touching bytes again.
//!
//! Owns the record types only; [`super::decoder`] fills them. Sizes of everything kept here are
//! bounded by the decoder's named limits. Must not: parse, judge or print.

use serde::Serialize;

use super::anomaly::{Anomaly, AnomalyKind};
use super::body::DataFacts;
use super::command::{is_mechanism_name, PathArg, SizeArg};
use super::reply::{Extension, Reply};
use crate::message::Message;
use crate::net::Direction;
use crate::time::Timestamp;
use crate::tls::TlsFacts;

/// Where a unit starts: the frame of its first byte and that frame's capture time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based frame number (a frame reference in a capture of several files).
    #[serde(serialize_with = "crate::capture::set::serialize_frame")]
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
}

impl Position {
    /// The key that orders positions in time: capture time, then frame. Frame references alone
    /// are not in time order when several files are read (each file numbers its own frames).
    pub fn time_order(self) -> (Timestamp, u64) {
        (self.ts, self.frame)
    }
}

/// Everything decoded from one SMTP session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dialogue {
    /// The greeting reply (220, or a 421/554 refusal).
    pub banner: Option<Located<Reply>>,
    /// The last HELO/EHLO/LHLO in clear text.
    pub helo: Option<Helo>,
    /// The keywords of the last clear-text EHLO reply, in order.
    pub extensions: Vec<Extension>,
    /// SASL exchanges (AUTH, XAUTH, X-EXPS), in order.
    pub auth: Vec<AuthExchange>,
    /// SASL exchanges beyond the kept limit (counted, not kept).
    pub auth_dropped: u64,
    /// TLS on the session (STARTTLS, X-ANONYMOUSTLS or implicit): the handshake facts, and what
    /// decryption achieved when keys were given.
    pub tls: TlsFacts,
    /// The HELO/EHLO/LHLO sent inside TLS (decrypted).
    pub tls_helo: Option<Helo>,
    /// The keywords of the EHLO reply inside TLS (decrypted), in order.
    pub tls_extensions: Vec<Extension>,
    /// Mail transactions, in order.
    pub transactions: Vec<Transaction>,
    /// Every command, reply and bulk unit, in decoding order.
    pub transcript: Vec<Item>,
    /// Items of a transcript past its limit not kept (between its first and its last items).
    pub transcript_dropped: u64,
    /// Where they were: the index of the first kept item after them.
    pub transcript_dropped_at: usize,
    /// Protocol anomalies, in order.
    pub anomalies: Vec<Anomaly>,
}

impl Dialogue {
    /// Whether an anomaly of `kind` was recorded.
    pub fn has_anomaly(&self, kind: AnomalyKind) -> bool {
        self.anomalies.iter().any(|a| a.kind == kind)
    }

    /// The commands of the transcript, in order.
    pub fn commands(&self) -> impl Iterator<Item = (&Item, &CommandItem)> {
        self.transcript.iter().filter_map(|item| match &item.kind {
            ItemKind::Command(c) => Some((item, c)),
            _ => None,
        })
    }

    /// The replies of the transcript, in order.
    pub fn replies(&self) -> impl Iterator<Item = (&Item, &ReplyItem)> {
        self.transcript.iter().filter_map(|item| match &item.kind {
            ItemKind::Reply(r) => Some((item, r)),
            _ => None,
        })
    }
}

/// A value with the position it was seen at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// Where.
    #[serde(flatten)]
    pub at: Position,
    /// What.
    #[serde(flatten)]
    pub value: T,
}

/// HELO / EHLO / LHLO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Helo {
    /// The verb, upper-cased.
    pub verb: String,
    /// The name the client gave.
    pub name: String,
    /// Where the command was.
    #[serde(skip)]
    pub at: Position,
    /// The reply code, once seen.
    #[serde(skip)]
    pub reply: Option<u16>,
}

/// How a SASL exchange ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthOutcome {
    /// 235.
    Success,
    /// Any other final reply.
    Failure,
    /// The client sent `*`.
    Cancelled,
    /// No final reply was captured.
    Incomplete,
}

/// One SASL token or line as it travelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaslToken {
    /// Who sent it.
    pub dir: Direction,
    /// Where.
    pub at: Position,
    /// The base64-decoded bytes (the line's own bytes when it was not base64), at most
    /// [`super::decoder::MAX_TOKEN_BYTES`].
    pub bytes: Vec<u8>,
    /// Whether the line was valid base64 (a server's human-readable 334 text is not).
    pub base64: bool,
    /// A server 334 text that is not base64 (`GSSAPI supported`), kept as text.
    pub text: Option<String>,
    /// The client cancelled with `*`.
    pub cancel: bool,
}

/// One AUTH / XAUTH / X-EXPS exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthExchange {
    /// `AUTH`, `XAUTH` or `X-EXPS`.
    pub verb: String,
    /// The mechanism, upper-cased (`GSSAPI`, `NTLM`, `LOGIN`, `PLAIN`, `EXCHANGEAUTH`…).
    pub mechanism: String,
    /// EXCHANGEAUTH's hash argument.
    pub hash: Option<String>,
    /// Where the command was.
    pub at: Position,
    /// Every token of the exchange in order, the initial response first when there was one.
    pub tokens: Vec<SaslToken>,
    /// How it ended.
    pub outcome: AuthOutcome,
    /// The final reply.
    pub reply: Option<Located<Reply>>,
}

/// A MAIL FROM or RCPT TO with its reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Envelope {
    /// The path and its parameters (`None` when the argument did not parse).
    #[serde(flatten)]
    pub path: Option<PathArg>,
    /// The argument as sent.
    #[serde(skip)]
    pub arg: String,
    /// Frame of the command.
    pub frame: u64,
    /// The reply code.
    pub reply: Option<u16>,
}

/// One XEXCH50 command and its BLOB.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Xexch50 {
    /// The announced BLOB size.
    pub size: SizeArg,
    /// The second argument (recipients + 1).
    pub count: SizeArg,
    /// Frame of the command.
    pub frame: u64,
    /// The reply to the command (354 lets the BLOB follow).
    pub reply: Option<u16>,
    /// BLOB bytes that travelled.
    pub blob_bytes: u64,
    /// Whether all announced bytes travelled without a gap.
    pub blob_complete: bool,
    /// SHA-256 of the BLOB (hex), when it was complete.
    pub sha256: Option<String>,
    /// The first bytes of the BLOB, hex.
    pub head: String,
    /// The reply after the BLOB.
    pub blob_reply: Option<u16>,
}

/// One BDAT chunk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chunk {
    /// The announced size.
    pub size: SizeArg,
    /// `LAST` was given.
    pub last: bool,
    /// Frame of the command.
    pub frame: u64,
    /// Bytes that travelled.
    pub bytes: u64,
    /// The reply.
    pub reply: Option<u16>,
    /// Whether chunk bytes followed the command (false: a malformed BDAT after which the client
    /// sent commands, not a chunk).
    #[serde(skip)]
    pub framed: bool,
}

/// The message content of a transaction: a DATA body or a series of BDAT chunks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Content {
    /// `DATA` or `BDAT`.
    pub verb: &'static str,
    /// Frame of the (first) command.
    pub frame: u64,
    /// Content bytes that travelled (raw, before unstuffing).
    pub bytes: u64,
    /// The final reply (after the terminator, or to `BDAT … LAST`).
    pub reply: Option<u16>,
    /// The reply to the DATA command itself (354 or a refusal).
    pub command_reply: Option<u16>,
    /// Whether the content ended as the protocol says (terminator seen, or LAST chunk complete).
    pub complete: bool,
    /// DATA only: sizes, line endings and end-of-data candidates.
    pub data: Option<DataFacts>,
    /// BDAT only: the chunks.
    pub chunks: Vec<Chunk>,
    /// The decoded message (headers, `Received:` path, MIME parts), once the content ended.
    #[serde(skip)]
    pub message: Option<Box<Message>>,
}

impl Content {
    /// The message's `Message-ID` (without its angle brackets), as the message decoder read it.
    pub fn message_id(&self) -> Option<&str> {
        self.message.as_deref()?.headers.message_id.as_deref()
    }

    /// The message's `Subject`, its encoded words decoded, as the message decoder read it.
    pub fn subject(&self) -> Option<&str> {
        self.message.as_deref()?.headers.subject.as_deref()
    }
}

/// One mail transaction (MAIL to the end of the content, RSET, or the next MAIL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Transaction {
    /// MAIL FROM (`None` when the capture began after it).
    pub mail_from: Option<Envelope>,
    /// RCPT TO, in order.
    pub rcpt_to: Vec<Envelope>,
    /// RCPT commands beyond the kept limit.
    pub rcpt_dropped: u64,
    /// XEXCH50 commands.
    pub xexch50: Vec<Xexch50>,
    /// The content.
    pub data: Option<Content>,
    /// Ended by RSET.
    pub reset: bool,
    /// Opened by a MAIL the server executed inside another transaction's DATA body (SMTP
    /// smuggling; see [`Origin::Smuggled`]).
    pub smuggled: bool,
}

impl Transaction {
    /// Recipients the server accepted (2xx).
    pub fn accepted_recipients(&self) -> usize {
        self.rcpt_to
            .iter()
            .filter(|r| r.reply.is_some_and(|c| (200..300).contains(&c)))
            .count()
    }
}

/// One transcript entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Who sent it.
    pub dir: Direction,
    /// Where it starts.
    pub at: Position,
    /// What it is.
    pub kind: ItemKind,
    /// How the decoder knows it.
    pub origin: Origin,
    /// It travelled inside TLS and was decrypted.
    pub decrypted: bool,
}

impl Item {
    /// An item seen on the wire.
    pub fn new(dir: Direction, at: Position, kind: ItemKind) -> Self {
        Item {
            dir,
            at,
            kind,
            origin: Origin::Captured,
            decrypted: false,
        }
    }
}

/// How the decoder knows a transcript item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Its bytes are in the capture, framed as a strict reader of RFC 5321 frames them.
    #[default]
    Captured,
    /// Reconstructed: a reply lost in a capture gap whose existence and meaning what followed
    /// proves (the client sent a message after DATA, a SASL line after AUTH, a ClientHello after
    /// STARTTLS, a BLOB of the announced size after XEXCH50). Its position is where it must have
    /// been; its text is unknown.
    Inferred,
    /// A command the server executed although a strict reader sees it inside a DATA body (the
    /// server ended the body at a non-canonical end-of-data sequence), or the server's reply to
    /// one.
    Smuggled,
}

/// A command in the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandItem {
    /// The verb, upper-cased, whole.
    pub verb: String,
    /// The argument as sent.
    pub arg: String,
    /// Whether the argument carries a secret: a SASL initial response, or (after a verb the
    /// decoder does not know, such as a damaged `AUTH`) a word shaped like a SASL token
    /// ([`looks_like_token`]).
    pub carries_secret: bool,
}

/// Whether a word has the shape of a SASL token rather than of a word of an SMTP command: at least
/// 8 characters of the base64 alphabet, and padded, or mixing lower and upper case with a digit or
/// running to 16 characters. Redaction by shape needs no AUTH to be recognised.
pub fn looks_like_token(word: &str) -> bool {
    let body = word.trim_end_matches('=');
    let padded = body.len() < word.len();
    let alphabet = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    let lower = body.bytes().any(|b| b.is_ascii_lowercase());
    let upper = body.bytes().any(|b| b.is_ascii_uppercase());
    let digit = body.bytes().any(|b| b.is_ascii_digit());
    word.len() >= 8
        && word.len().saturating_sub(body.len()) <= 2
        && alphabet
        && (padded || (lower && upper && (digit || body.len() >= 16)))
}

impl CommandItem {
    /// The command line as sent, any SASL initial response redacted unless `show_secrets`.
    pub fn line(&self, show_secrets: bool) -> String {
        let arg = if show_secrets {
            self.arg.clone()
        } else {
            self.redacted_arg()
        };
        if arg.is_empty() {
            self.verb.clone()
        } else {
            format!("{} {arg}", self.verb)
        }
    }

    /// The command line as sent, any SASL initial response redacted.
    pub fn redacted_line(&self) -> String {
        self.line(false)
    }

    /// The argument with any SASL initial response (everything after the mechanism, and all of it
    /// when its first word is not a mechanism name) or, after a verb the decoder does not know, any
    /// word shaped like a token, replaced by `<redacted>`.
    pub fn redacted_arg(&self) -> String {
        if !self.carries_secret {
            return self.arg.clone();
        }
        let words: Vec<&str> = self.arg.split_ascii_whitespace().collect();
        if !matches!(self.verb.as_str(), "AUTH" | "XAUTH" | "X-EXPS") {
            return words
                .iter()
                .map(|w| if looks_like_token(w) { "<redacted>" } else { w })
                .collect::<Vec<_>>()
                .join(" ");
        }
        // Only the mechanism (and EXCHANGEAUTH's hash) stay, when they are shaped like names;
        // everything after them is the initial response.
        let mut kept: Vec<&str> = Vec::new();
        let mut rest = words.iter().copied().peekable();
        if let Some(mechanism) = rest.next_if(|w| is_mechanism_name(w)) {
            kept.push(mechanism);
            if mechanism.eq_ignore_ascii_case("EXCHANGEAUTH") {
                kept.extend(rest.next_if(|w| is_mechanism_name(w)));
            }
        }
        if rest.peek().is_some() {
            kept.push("<redacted>");
        }
        kept.join(" ")
    }
}

/// A reply in the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyItem {
    /// The reply.
    pub reply: Reply,
    /// The transcript index of what it answers (a command, a SASL line, a DATA body or a BLOB;
    /// `None`: the greeting, a reply to something the capture lost, one whose pairing a gap left
    /// open, or an unsolicited one).
    pub answers: Option<usize>,
    /// The decoder knows it answers nothing: no command was waiting, and no gap can explain it
    /// (the anomaly `reply_without_command`).
    pub unsolicited: bool,
}

impl ReplyItem {
    /// A reply not paired (yet).
    pub fn new(reply: Reply) -> Self {
        ReplyItem {
            reply,
            answers: None,
            unsolicited: false,
        }
    }
}

/// What a transcript entry is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A client command.
    Command(CommandItem),
    /// A server reply.
    Reply(ReplyItem),
    /// A client SASL line (index into [`Dialogue::auth`] and into its tokens).
    AuthData {
        /// The exchange.
        exchange: usize,
        /// The token.
        token: usize,
    },
    /// An XEXCH50 BLOB.
    Blob {
        /// Bytes that travelled.
        bytes: u64,
        /// The announced size.
        declared: u64,
    },
    /// A DATA body or BDAT chunk.
    Content {
        /// `DATA` or `BDAT`.
        verb: &'static str,
        /// Bytes that travelled.
        bytes: u64,
    },
    /// Opaque TLS bytes.
    Tls {
        /// Bytes.
        bytes: u64,
    },
    /// Bytes missing from the capture.
    Gap {
        /// Missing bytes.
        bytes: u64,
    },
    /// Lines skipped while resynchronising.
    Unparsed {
        /// Bytes skipped.
        bytes: u64,
        /// Lines skipped.
        lines: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shaped_words_are_told_from_command_words() {
        for token in [
            "AGFsaWNlAHNlY3JldA==",
            "c2VjcmV0",
            "dXNlcg==",
            "TlRMTVNTUAABAAAAB4IIogAA",
            "YWxpY2VAZXhhbXBsZS5vcmc=",
        ] {
            assert!(looks_like_token(token), "{token}");
        }
        for word in [
            "PLAIN",
            "LOGIN",
            "FROM:<a@b>",
            "BODY=8BITMIME",
            "XEXCH50",
            "2336",
            "CHUNK=LAST",
            "Hello",
            "12345678",
            "localhost",
        ] {
            assert!(!looks_like_token(word), "{word}");
        }
    }

    #[test]
    fn an_unknown_verb_s_token_shaped_words_are_redacted() {
        let c = CommandItem {
            verb: "AUTX".into(),
            arg: "PLAIN AGFsaWNlAHNlY3JldA==".into(),
            carries_secret: true,
        };
        assert_eq!(c.line(false), "AUTX PLAIN <redacted>");
        assert_eq!(c.line(true), "AUTX PLAIN AGFsaWNlAHNlY3JldA==");
    }

    #[test]
    fn everything_after_the_mechanism_is_redacted() {
        let line = |arg: &str| {
            CommandItem {
                verb: "AUTH".into(),
                arg: arg.into(),
                carries_secret: true,
            }
            .line(false)
        };
        assert_eq!(line("PLAIN AGFsaWNlAHNlY3JldA=="), "AUTH PLAIN <redacted>");
        assert_eq!(line("PLAIN AGFsaWNl AHNlY3JldA=="), "AUTH PLAIN <redacted>");
        assert_eq!(line("PLAIN\0AGFsaWNlAHNlY3JldA=="), "AUTH <redacted>");
        assert_eq!(
            line("EXCHANGEAUTH SHA256 AAEC"),
            "AUTH EXCHANGEAUTH SHA256 <redacted>"
        );
    }
}
