//! Protocol anomalies: what the decoder saw that the protocol does not allow, or that the capture
//! does not show, each with a stable snake_case name.
//!
//! The names are part of the JSON output and rules match on them, so they never change meaning.
//! Every variant's doc cites the rule it departs from. Must not: say what an anomaly means for a
//! mail system (rules do that).

use serde::Serialize;

use super::dialogue::Position;
use crate::l10n::Text;
use crate::net::Direction;

/// The kinds of protocol anomaly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnomalyKind {
    /// A complete reply arrived while no command was waiting for one (RFC 2920 §3: replies come in
    /// command order, one per command).
    ReplyWithoutCommand,
    /// The connection ended while a command still waited for its reply (RFC 2920 §3).
    CommandUnanswered,
    /// A continuation line of a multi-line reply carried another code (RFC 5321 §4.2.1).
    ReplyCodeChanged,
    /// A multi-line reply was cut off by a gap or the end of the connection.
    ReplyUnfinished,
    /// A reply of more lines than the decoder keeps: its first lines and its last are kept, the
    /// count and bytes of those between them are given.
    ReplyTruncated,
    /// A server line that is not a reply line (RFC 5321 §4.2).
    MalformedReply,
    /// A client line that is not a command where a command was due (RFC 5321 §4.1).
    MalformedCommand,
    /// A command or reply line ended with LF alone (RFC 5321 §2.3.8 requires CRLF).
    BareLf,
    /// A command line longer than 512 octets outside a SASL exchange, or a reply line longer than
    /// 512 octets (RFC 5321 §4.5.3.1.4–5).
    LineTooLong,
    /// A line longer than the decoder keeps whole: still one line, its first and last parts kept,
    /// the count of the bytes between them given (a SASL token is decoded from the first part).
    LineTruncated,
    /// The connection ended in the middle of a line (no terminator).
    LineUnterminated,
    /// The client sent a command before the server's greeting (RFC 5321 §3.1: the client waits).
    ClientSpokeBeforeBanner,
    /// The first reply of a connection whose handshake was captured was not a 220/421/554 greeting.
    NoGreeting,
    /// The client sent bytes that a reply had to authorise (after DATA, XEXCH50, AUTH, STARTTLS)
    /// before that reply arrived, and the decoder could not wait for it any longer.
    AuthorisingReplyNotSeen,
    /// Bytes were missing inside a command or reply line.
    GapInLine,
    /// Bytes were missing inside a DATA body; the body ends there and decoding resumes at the next
    /// reply.
    GapInData,
    /// Bytes were missing inside an XEXCH50 BLOB.
    GapInBlob,
    /// Bytes were missing inside a BDAT chunk.
    GapInChunk,
    /// The connection ended inside a DATA body (no `CRLF.CRLF`).
    DataTruncated,
    /// The server replied while the DATA body had not reached `CRLF.CRLF`: it took something else
    /// (a bare-LF or other non-canonical end-of-data sequence, when one is recorded) as the end
    /// (RFC 5321 §4.1.1.4; SMTP smuggling, PROTOCOL.md §1.5).
    ReplyBeforeEndOfData,
    /// Fewer BLOB bytes than `XEXCH50` announced arrived before the connection ended.
    BlobTruncated,
    /// Fewer chunk bytes than `BDAT` announced arrived before the connection ended.
    ChunkTruncated,
    /// An `XEXCH50` size that is signed, not decimal, missing or beyond 64 bits, answered with 354:
    /// the BLOB cannot be framed.
    Xexch50SizeInvalid,
    /// A `BDAT` size that is signed, not decimal, missing or beyond 64 bits: the chunk cannot be
    /// framed (RFC 3030 §2).
    BdatSizeInvalid,
    /// A `BDAT` whose arguments are not `size [LAST]` (RFC 3030 §2: `BDAT 1234 SCRAMBLE`): a server
    /// refuses it, and whether chunk bytes follow is decided by its reply and what the client sends
    /// next, not by the size.
    BdatArgumentsInvalid,
    /// After the 220 to STARTTLS or X-ANONYMOUSTLS the client's next bytes were not a TLS
    /// ClientHello (RFC 3207 §4).
    StarttlsNotFollowedByTls,
    /// A SASL exchange line was not valid base64 (RFC 4954 §4).
    InvalidBase64,
    /// The session was picked up mid-stream: what came before is unknown.
    MidstreamStart,
    /// Client lines skipped while resynchronising (not commands, after a gap or mid-stream).
    Unparsed,
    /// No server-to-client byte was captured: replies are unknown.
    ServerDirectionMissing,
    /// No client-to-server byte was captured: commands are unknown.
    ClientDirectionMissing,
    /// The session's transcript reached its size limit; later items are counted, not kept.
    TranscriptTruncated,
    /// A count the decoder keeps records of reached its limit (MAIL transactions, recipients of one
    /// transaction, SASL exchanges, tokens of one exchange): the detail says which, and how many
    /// were counted and not kept.
    LimitReached,
    /// The server executed commands after a non-canonical end-of-data sequence, and more bytes
    /// followed it than the decoder keeps to replay them (the rest is counted, not decoded).
    SmuggledTailTruncated,
}

impl AnomalyKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [AnomalyKind] = &[
        AnomalyKind::ReplyWithoutCommand,
        AnomalyKind::CommandUnanswered,
        AnomalyKind::ReplyCodeChanged,
        AnomalyKind::ReplyUnfinished,
        AnomalyKind::ReplyTruncated,
        AnomalyKind::MalformedReply,
        AnomalyKind::MalformedCommand,
        AnomalyKind::BareLf,
        AnomalyKind::LineTooLong,
        AnomalyKind::LineTruncated,
        AnomalyKind::LineUnterminated,
        AnomalyKind::ClientSpokeBeforeBanner,
        AnomalyKind::NoGreeting,
        AnomalyKind::AuthorisingReplyNotSeen,
        AnomalyKind::GapInLine,
        AnomalyKind::GapInData,
        AnomalyKind::GapInBlob,
        AnomalyKind::GapInChunk,
        AnomalyKind::DataTruncated,
        AnomalyKind::ReplyBeforeEndOfData,
        AnomalyKind::BlobTruncated,
        AnomalyKind::ChunkTruncated,
        AnomalyKind::Xexch50SizeInvalid,
        AnomalyKind::BdatSizeInvalid,
        AnomalyKind::BdatArgumentsInvalid,
        AnomalyKind::StarttlsNotFollowedByTls,
        AnomalyKind::InvalidBase64,
        AnomalyKind::MidstreamStart,
        AnomalyKind::Unparsed,
        AnomalyKind::ServerDirectionMissing,
        AnomalyKind::ClientDirectionMissing,
        AnomalyKind::TranscriptTruncated,
        AnomalyKind::LimitReached,
        AnomalyKind::SmuggledTailTruncated,
    ];

    /// The stable name (as in JSON).
    pub fn name(self) -> &'static str {
        match self {
            AnomalyKind::ReplyWithoutCommand => "reply_without_command",
            AnomalyKind::CommandUnanswered => "command_unanswered",
            AnomalyKind::ReplyCodeChanged => "reply_code_changed",
            AnomalyKind::ReplyUnfinished => "reply_unfinished",
            AnomalyKind::ReplyTruncated => "reply_truncated",
            AnomalyKind::MalformedReply => "malformed_reply",
            AnomalyKind::MalformedCommand => "malformed_command",
            AnomalyKind::BareLf => "bare_lf",
            AnomalyKind::LineTooLong => "line_too_long",
            AnomalyKind::LineTruncated => "line_truncated",
            AnomalyKind::LineUnterminated => "line_unterminated",
            AnomalyKind::ClientSpokeBeforeBanner => "client_spoke_before_banner",
            AnomalyKind::NoGreeting => "no_greeting",
            AnomalyKind::AuthorisingReplyNotSeen => "authorising_reply_not_seen",
            AnomalyKind::GapInLine => "gap_in_line",
            AnomalyKind::GapInData => "gap_in_data",
            AnomalyKind::GapInBlob => "gap_in_blob",
            AnomalyKind::GapInChunk => "gap_in_chunk",
            AnomalyKind::DataTruncated => "data_truncated",
            AnomalyKind::ReplyBeforeEndOfData => "reply_before_end_of_data",
            AnomalyKind::BlobTruncated => "blob_truncated",
            AnomalyKind::ChunkTruncated => "chunk_truncated",
            AnomalyKind::Xexch50SizeInvalid => "xexch50_size_invalid",
            AnomalyKind::BdatSizeInvalid => "bdat_size_invalid",
            AnomalyKind::BdatArgumentsInvalid => "bdat_arguments_invalid",
            AnomalyKind::StarttlsNotFollowedByTls => "starttls_not_followed_by_tls",
            AnomalyKind::InvalidBase64 => "invalid_base64",
            AnomalyKind::MidstreamStart => "midstream_start",
            AnomalyKind::Unparsed => "unparsed",
            AnomalyKind::ServerDirectionMissing => "server_direction_missing",
            AnomalyKind::ClientDirectionMissing => "client_direction_missing",
            AnomalyKind::TranscriptTruncated => "transcript_truncated",
            AnomalyKind::LimitReached => "limit_reached",
            AnomalyKind::SmuggledTailTruncated => "smuggled_tail_truncated",
        }
    }
}

/// One anomaly, where it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Anomaly {
    /// What it is.
    pub kind: AnomalyKind,
    /// The direction whose bytes showed it.
    pub dir: Direction,
    /// Where.
    #[serde(flatten)]
    pub at: Position,
    /// A short description with the specifics (the verb, the sizes, the line), in the report's
    /// language when shown and in English in JSON.
    pub detail: Text,
    /// Index of the transcript item it precedes (where the text report shows it).
    #[serde(skip)]
    pub item: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_equal_the_json_names() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in AnomalyKind::ALL {
            assert!(seen.insert(kind.name()), "{} twice", kind.name());
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
    }

    #[test]
    fn the_readme_lists_every_name() {
        let readme = include_str!("../../README.md");
        for kind in AnomalyKind::ALL {
            assert!(
                readme.contains(&format!("`{}`", kind.name())),
                "README lacks {}",
                kind.name()
            );
        }
    }
}
