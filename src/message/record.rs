//! The message decoder's product: one owned, serialisable [`Message`] per DATA body or BDAT
//! sequence, so rules and output read it without ever touching bytes again.
//!
//! Owns the record types only; [`super::MessageDecoder`] fills them, within the limits named in
//! [`super::Limits`]. Must not: parse, judge or print.

use serde::Serialize;

use crate::time::Timestamp;

/// Everything decoded from one message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Message bytes that travelled (dot-unstuffed for DATA), including the bytes lost in gaps.
    pub size: u64,
    /// Whether the message ended as the protocol says, with no byte missing.
    pub complete: bool,
    /// Bytes lost in gaps inside the message.
    pub gap_bytes: u64,
    /// Past `--max-message-size`: the MIME walk stopped there (parts open at that point are
    /// incomplete, later ones unreported); its size still counts every byte.
    pub too_large: bool,
    /// The top-level header fields.
    pub headers: Headers,
    /// The `Received:` chain, oldest hop first.
    pub received: Vec<Hop>,
    /// `Received:` fields beyond the kept limit.
    pub received_dropped: u64,
    /// Seconds from the newest hop's date to the capture time of the message's end (whole seconds:
    /// `Received:` dates have no finer resolution).
    pub capture_delay_s: Option<i64>,
    /// Every MIME entity, in the order they start (the tree flattened; see [`Part::path`]).
    pub parts: Vec<Part>,
    /// Entities beyond the kept limit (walked, not recorded).
    pub parts_dropped: u64,
    /// What the message did that MIME does not allow, or that hit a limit.
    pub anomalies: Vec<MessageAnomaly>,
}

impl Message {
    /// The parts that are attachments (named, or with disposition `attachment`).
    pub fn attachments(&self) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(|p| p.is_attachment())
    }

    /// The header `name` (case-insensitive) among the kept fields: its first value.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.headers
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.as_str())
    }
}

/// A mailbox of an address header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    /// The display name, decoded.
    pub name: Option<String>,
    /// The address (`local@domain`), when there was one.
    pub addr: Option<String>,
}

impl Mailbox {
    /// The domain of the address, lower-cased.
    pub fn domain(&self) -> Option<String> {
        self.addr
            .as_deref()
            .and_then(|a| a.rsplit_once('@'))
            .map(|(_, d)| d.trim_end_matches('>').to_ascii_lowercase())
    }
}

impl std::fmt::Display for Mailbox {
    /// `Name <addr>`, `addr` or `Name`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.name, &self.addr) {
            (Some(n), Some(a)) => write!(f, "{n} <{a}>"),
            (None, Some(a)) => f.write_str(a),
            (Some(n), None) => f.write_str(n),
            (None, None) => Ok(()),
        }
    }
}

/// One header field as sent: its name and its unfolded value (RFC 2047 words left encoded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field name as sent.
    pub name: String,
    /// The value, unfolded, trimmed, lossy UTF-8.
    pub value: String,
}

/// The header fields of the message that say which message it was and how it was treated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Headers {
    /// `From`.
    pub from: Vec<Mailbox>,
    /// `Sender`.
    pub sender: Vec<Mailbox>,
    /// `To`.
    pub to: Vec<Mailbox>,
    /// `Cc`.
    pub cc: Vec<Mailbox>,
    /// `Reply-To`.
    pub reply_to: Vec<Mailbox>,
    /// `Date` as sent.
    pub date: Option<String>,
    /// `Date` in UTC, when it parsed.
    pub date_utc: Option<Timestamp>,
    /// `Subject`, RFC 2047 decoded.
    pub subject: Option<String>,
    /// `Message-ID`, without its angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To`, without angle brackets.
    pub in_reply_to: Option<String>,
    /// `User-Agent`, else `X-Mailer`.
    pub user_agent: Option<String>,
    /// `Authentication-Results` verdicts.
    pub authentication_results: Vec<AuthResult>,
    /// `DKIM-Signature` signers.
    pub dkim_signatures: Vec<DkimSignature>,
    /// `X-MS-Exchange-Organization-*`, `X-MS-Has-Attach`, `X-MS-TNEF-Correlator` and the other
    /// `X-MS-Exchange-*` fields, in order, as sent.
    pub exchange: Vec<Field>,
    /// Every header field, in order (at most [`super::MAX_FIELDS`], values cut at
    /// [`super::MAX_FIELD_VALUE`] characters).
    pub fields: Vec<Field>,
    /// Fields beyond the kept limit.
    pub fields_dropped: u64,
}

impl Headers {
    /// The value of the Exchange header `name` (case-insensitive), e.g.
    /// `X-MS-Exchange-Organization-AuthAs`.
    pub fn exchange(&self, name: &str) -> Option<&str> {
        self.exchange
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.as_str())
    }
}

/// One method's verdict in an `Authentication-Results` field (RFC 8601).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthResult {
    /// The authserv-id: who judged.
    pub authserv_id: String,
    /// `spf`, `dkim`, `dmarc`, `arc`, …
    pub method: String,
    /// `pass`, `fail`, `none`, …
    pub result: String,
    /// The domain judged (`header.d`, `header.i`, `header.from` or `smtp.mailfrom`), lower-cased.
    pub domain: Option<String>,
}

/// One `DKIM-Signature` (RFC 6376 §3.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DkimSignature {
    /// `d=`: the signing domain, lower-cased.
    pub domain: Option<String>,
    /// `s=`: the selector.
    pub selector: Option<String>,
}

/// One `Received:` field, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// `from`: the host the hop received the message from (as it named itself or was looked up).
    pub from: Option<String>,
    /// The sending host's address, when the field gives it.
    pub from_ip: Option<String>,
    /// `by`: the host that received it.
    pub by: Option<String>,
    /// `with`: the protocol (`ESMTP`, `ESMTPS`, `SMTP`, `LMTP`, `Microsoft SMTP Server`…).
    pub with: Option<String>,
    /// `id`: the receiver's queue id.
    pub id: Option<String>,
    /// `for`: the recipient.
    pub for_addr: Option<String>,
    /// The date after `;`, in UTC, when it parsed.
    pub date: Option<Timestamp>,
    /// The field value as sent (unfolded).
    pub raw: String,
    /// Seconds since the previous (older) hop with a date, when this one has a date too.
    pub delay_s: Option<i64>,
}

/// What a MIME entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// `multipart/*`: a container of parts.
    Multipart,
    /// `message/rfc822` (or `message/global`): a message inside.
    Message,
    /// Any other content.
    Leaf,
}

/// One MIME entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// Where it sits: `1` is the message itself, `1.2` its second child, `1.2.1` the first child of
    /// that, and so on (a `message/rfc822` entity's message is its child `.1`).
    pub path: String,
    /// Nesting depth (the message itself is 0).
    pub depth: u32,
    /// What it is.
    pub kind: PartKind,
    /// The content type, lower-cased (`text/plain` when none was given).
    pub content_type: String,
    /// The `charset` parameter.
    pub charset: Option<String>,
    /// `Content-Transfer-Encoding` as sent, lower-cased.
    pub transfer_encoding: Option<String>,
    /// `Content-Disposition` type (`attachment`, `inline`).
    pub disposition: Option<String>,
    /// The file name (`Content-Disposition` `filename`, else `Content-Type` `name`), decoded.
    pub name: Option<String>,
    /// `Content-ID`.
    pub content_id: Option<String>,
    /// Body bytes as sent (encoded).
    pub encoded_bytes: u64,
    /// Body bytes once the transfer encoding is undone (leaf and message parts).
    pub decoded_bytes: u64,
    /// SHA-256 (hex) of the decoded body of an attachment or inline part (named, with a
    /// `Content-Disposition`, or not `text/*`), when all of it was captured. Text bodies are
    /// measured, not hashed (see [`Part::hashed`]).
    pub sha256: Option<String>,
    /// The body reached its end (the next boundary, or the end of a complete message).
    pub complete: bool,
    /// Bytes of this part were lost in a gap.
    pub damaged: bool,
    /// A Transport Neutral Encapsulation Format body (`winmail.dat`, `application/ms-tnef`, or the
    /// TNEF signature `78 9F 3E 22`).
    pub tnef: bool,
    /// Bytes outside the transfer encoding's alphabet or broken escapes.
    pub invalid_encoding_bytes: u64,
    /// For a `message/rfc822` part: the inner message's `Subject`, decoded.
    pub inner_subject: Option<String>,
    /// For a `message/rfc822` part: the inner message's `From`.
    pub inner_from: Option<String>,
}

impl Part {
    /// Whether its body is hashed: an attachment or inline part — named, with a
    /// `Content-Disposition`, or not `text/*` — as opposed to the message's own text.
    pub fn hashed(&self) -> bool {
        self.kind != PartKind::Multipart
            && (self.name.is_some() || self.disposition.is_some() || !self.content_type.starts_with("text/"))
    }

    /// Whether the part is an attachment: named, or with disposition `attachment`.
    pub fn is_attachment(&self) -> bool {
        self.kind != PartKind::Multipart
            && (self.name.is_some() || self.disposition.as_deref() == Some("attachment"))
    }
}

/// Names of what a message did that MIME does not allow, or that hit a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageAnomalyKind {
    /// Bytes were lost inside the message (a capture gap).
    Gap,
    /// The message ended inside its header section (no blank line).
    HeadersUnterminated,
    /// A header section was larger than [`super::Limits::max_header_bytes`]; the rest was skipped.
    HeaderTooLarge,
    /// The total of header bytes held across open sessions reached its cap.
    MemoryCap,
    /// MIME nesting deeper than [`super::Limits::max_depth`]: deeper entities are opaque.
    DepthLimit,
    /// More entities than [`super::Limits::max_parts`]: later ones are walked, not recorded.
    PartLimit,
    /// A multipart ended (a boundary of an outer one, or the message's end) before its closing
    /// delimiter.
    MultipartUnterminated,
    /// A multipart without a usable `boundary` parameter: read as one opaque part.
    MissingBoundary,
    /// Bytes outside the transfer encoding's alphabet, or broken escapes.
    BadEncoding,
    /// A transfer encoding the decoder does not know: the part's bytes are reported as sent.
    UnknownEncoding,
    /// The message passed `--max-message-size`.
    TooLarge,
    /// A line longer than RFC 5322 §2.1.1's 998 characters.
    LongLine,
}

/// One message anomaly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageAnomaly {
    /// What.
    pub kind: MessageAnomalyKind,
    /// Offset in the message where it was seen.
    pub offset: u64,
    /// The part it concerns (its [`Part::path`]), if one.
    pub part: Option<String>,
    /// One sentence.
    pub detail: String,
}
