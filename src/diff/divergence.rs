//! What changed between the two ends of one SMTP conversation.
//!
//! Owns turning an aligned pair of sessions into [`Divergence`]s — commands that never arrived or
//! arrived altered, replies only one side saw, a changed banner, EHLO keywords missing or masked on
//! the sender's side, bulk sizes that differ, TLS on one side only, bytes missing from one capture
//! or lost between the two — and measuring the time the path added to each round trip
//! ([`added_latency`]). Must not: pair sessions, align transcripts, or print.

use serde::Serialize;

use super::align::Row;
use crate::l10n::Text;
use crate::net::Direction;
use crate::session::Session;
use crate::smtp::dialogue::{Dialogue, Item, ItemKind, Position};
use crate::smtp::reply::Extension;

/// What kind of difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivergenceKind {
    /// A command the sender sent never reached the receiver.
    CommandMissing,
    /// A command reached the receiver altered (masked, replaced by NOOP, argument rewritten).
    CommandAltered,
    /// The receiver got a command the sender never sent.
    CommandAdded,
    /// The sender got a reply the receiver never sent: something in between answered.
    ReplyAdded,
    /// The receiver sent a reply the sender never got.
    ReplyMissing,
    /// A reply reached the sender altered.
    ReplyAltered,
    /// The greeting the sender saw is not the one the receiver sent.
    BannerChanged,
    /// An EHLO keyword the receiver sent is missing on the sender's side.
    KeywordMissing,
    /// An EHLO keyword the receiver sent reached the sender masked.
    KeywordMasked,
    /// The sender saw an EHLO keyword the receiver never sent.
    KeywordAdded,
    /// An XEXCH50 BLOB, DATA body or BDAT chunk has different sizes on the two sides.
    SizeDiffers,
    /// TLS began on one side only.
    TlsOneSide,
    /// TLS on both sides, with a different version, suite or server certificate: something in
    /// between terminates TLS and opens its own.
    TlsDiffers,
    /// Bytes are missing from one capture (or both), not from the conversation.
    CaptureLoss,
    /// Segments were lost between the two capture points and sent again.
    LostBetween,
}

impl DivergenceKind {
    /// The name used in the output.
    pub fn name(self) -> &'static str {
        match self {
            DivergenceKind::CommandMissing => "command_missing",
            DivergenceKind::CommandAltered => "command_altered",
            DivergenceKind::CommandAdded => "command_added",
            DivergenceKind::ReplyAdded => "reply_added",
            DivergenceKind::ReplyMissing => "reply_missing",
            DivergenceKind::ReplyAltered => "reply_altered",
            DivergenceKind::BannerChanged => "banner_changed",
            DivergenceKind::KeywordMissing => "keyword_missing",
            DivergenceKind::KeywordMasked => "keyword_masked",
            DivergenceKind::KeywordAdded => "keyword_added",
            DivergenceKind::SizeDiffers => "size_differs",
            DivergenceKind::TlsOneSide => "tls_one_side",
            DivergenceKind::TlsDiffers => "tls_differs",
            DivergenceKind::CaptureLoss => "capture_loss",
            DivergenceKind::LostBetween => "lost_between",
        }
    }

    /// Whether this is a verb, keyword or banner dropped or rewritten on the way (`verb-dropped`).
    pub fn drops_verb(self) -> bool {
        matches!(
            self,
            DivergenceKind::CommandMissing
                | DivergenceKind::CommandAltered
                | DivergenceKind::BannerChanged
                | DivergenceKind::KeywordMissing
                | DivergenceKind::KeywordMasked
        )
    }
}

impl Serialize for DivergenceKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One side's line of a divergence, with where it was captured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SideLine {
    /// Where.
    #[serde(flatten)]
    pub at: Position,
    /// The line as captured (secrets redacted).
    pub text: String,
}

/// One difference between the two ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Divergence {
    /// What kind.
    pub kind: DivergenceKind,
    /// The direction of the traffic concerned.
    pub dir: Direction,
    /// The line on the sender's side, when there is one.
    pub sender: Option<SideLine>,
    /// The line on the receiver's side, when there is one.
    pub receiver: Option<SideLine>,
    /// One sentence (English in JSON).
    pub detail: Text,
}

/// The time the path between the two capture points added to each command's round trip.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Latency {
    /// Command/reply round trips measured on both sides.
    pub samples: usize,
    /// The median added time, in milliseconds.
    pub median_ms: f64,
    /// The largest added time, in milliseconds.
    pub max_ms: f64,
}

/// One transcript item as a single line, secrets redacted.
fn item_line(dialogue: &Dialogue, item: &Item) -> String {
    match &item.kind {
        ItemKind::Command(c) => c.redacted_line(),
        ItemKind::Reply(r) => {
            let more = r.reply.lines.len().saturating_sub(1);
            if more == 0 {
                r.reply.first_line()
            } else {
                format!("{} (+{more} lines)", r.reply.first_line())
            }
        }
        ItemKind::AuthData { exchange, token } => {
            let bytes = dialogue
                .auth
                .get(*exchange)
                .and_then(|a| a.tokens.get(*token))
                .map_or(0, |t| t.bytes.len() as u64);
            format!("[SASL data, {} bytes]", bytes)
        }
        ItemKind::Blob { bytes, .. } => format!("[XEXCH50 BLOB {} bytes]", *bytes),
        ItemKind::Content { verb, bytes } => format!("[{verb} {} bytes]", *bytes),
        ItemKind::Tls { bytes } => format!("[TLS {} bytes]", *bytes),
        ItemKind::Gap { bytes } => format!("[gap: {} bytes missing]", *bytes),
        ItemKind::Unparsed { bytes, lines } => {
            format!("[{lines} lines skipped, {} bytes]", *bytes)
        }
    }
}

fn side_line(dialogue: &Dialogue, item: &Item) -> SideLine {
    SideLine {
        at: item.at,
        text: item_line(dialogue, item),
    }
}

/// How a command was altered, in words.
fn alteration(sent: &str, arrived: &str) -> Text {
    let verb = |line: &str| line.split_ascii_whitespace().next().unwrap_or("").to_string();
    let (sent_verb, arrived_verb) = (verb(sent), verb(arrived));
    let masked = arrived_verb.len() == sent_verb.len() && arrived_verb.bytes().all(|b| b == b'X');
    if masked && !arrived_verb.is_empty() {
        crate::msg!("diff-altered-masked", sent = sent, arrived = arrived)
    } else if arrived_verb == "NOOP" && sent_verb != "NOOP" {
        crate::msg!("diff-altered-noop", sent = sent, arrived = arrived)
    } else if sent_verb == arrived_verb {
        crate::msg!("diff-altered-argument", sent = sent, arrived = arrived)
    } else {
        crate::msg!("diff-altered", sent = sent, arrived = arrived)
    }
}

/// Whether `item` is a reply of `dialogue` to an EHLO (its keywords are compared apart).
fn answers_ehlo(dialogue: &Dialogue, item: &Item) -> bool {
    let ItemKind::Reply(r) = &item.kind else {
        return false;
    };
    r.answers
        .and_then(|i| dialogue.transcript.get(i))
        .is_some_and(|c| matches!(&c.kind, ItemKind::Command(c) if c.verb == "EHLO"))
}

/// Whether `item` is the greeting of `dialogue`.
fn is_banner(dialogue: &Dialogue, item: &Item) -> bool {
    dialogue.banner.as_ref().is_some_and(|b| b.at == item.at)
        && matches!(&item.kind, ItemKind::Reply(r) if r.answers.is_none())
}

/// The differences between two sessions of one conversation, given their alignment.
pub fn divergences(sender: &Session, receiver: &Session, rows: &[Row]) -> Vec<Divergence> {
    let (a, b) = (&sender.dialogue, &receiver.dialogue);
    let mut found = Vec::new();
    for row in rows.iter().filter(|r| !r.same) {
        let s = row.sender.and_then(|i| a.transcript.get(i));
        let r = row.receiver.and_then(|i| b.transcript.get(i));
        if let Some(d) = row_divergence(sender, receiver, s, r) {
            found.push(d);
        }
    }
    found.extend(keyword_divergences(a, b));
    found.extend(tls_divergence(a, b));
    found.extend(tls_fact_divergences(a, b));
    found.extend(transport_divergences(sender, receiver));
    found
}

/// What an item is, as far as a difference between the two ends goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Command,
    Reply,
    /// An XEXCH50 BLOB or message content: compared by size.
    Bulk,
    /// SASL data, TLS, skipped lines and gaps: a difference there is not one of the dialogue.
    Other,
}

impl Shape {
    fn of(item: &Item) -> Shape {
        match &item.kind {
            ItemKind::Command(_) => Shape::Command,
            ItemKind::Reply(_) => Shape::Reply,
            ItemKind::Blob { .. } | ItemKind::Content { .. } => Shape::Bulk,
            _ => Shape::Other,
        }
    }
}

fn row_divergence(
    sender: &Session,
    receiver: &Session,
    s: Option<&Item>,
    r: Option<&Item>,
) -> Option<Divergence> {
    let (a, b) = (&sender.dialogue, &receiver.dialogue);
    let dir = s.or(r)?.dir;
    let sl = s.map(|i| side_line(a, i));
    let rl = r.map(|i| side_line(b, i));
    let divergence = |kind, detail: Text| Divergence {
        kind,
        dir,
        sender: sl.clone(),
        receiver: rl.clone(),
        detail,
    };
    match (s, r) {
        (Some(s), Some(r)) => match Shape::of(s) {
            Shape::Command => Some(divergence(
                DivergenceKind::CommandAltered,
                alteration(&item_line(a, s), &item_line(b, r)),
            )),
            Shape::Reply if is_banner(a, s) || is_banner(b, r) => Some(divergence(
                DivergenceKind::BannerChanged,
                crate::msg!(
                    "diff-banner-changed",
                    receiver = item_line(b, r),
                    sender = item_line(a, s)
                ),
            )),
            Shape::Reply if answers_ehlo(a, s) && answers_ehlo(b, r) => None,
            Shape::Reply => Some(divergence(
                DivergenceKind::ReplyAltered,
                crate::msg!(
                    "diff-reply-altered",
                    receiver = item_line(b, r),
                    sender = item_line(a, s)
                ),
            )),
            Shape::Bulk => Some(divergence(
                DivergenceKind::SizeDiffers,
                crate::msg!(
                    "diff-size-differs",
                    sender = item_line(a, s),
                    receiver = item_line(b, r)
                ),
            )),
            _ => None,
        },
        (Some(s), None) => match Shape::of(s) {
            Shape::Command if receiver.stats(dir).gap_count > 0 => Some(divergence(
                DivergenceKind::CaptureLoss,
                crate::msg!("diff-command-unseen", line = item_line(a, s)),
            )),
            Shape::Command => Some(divergence(
                DivergenceKind::CommandMissing,
                crate::msg!("diff-command-missing", line = item_line(a, s)),
            )),
            Shape::Reply => Some(divergence(
                DivergenceKind::ReplyAdded,
                crate::msg!("diff-reply-added", line = item_line(a, s)),
            )),
            Shape::Bulk => Some(divergence(
                DivergenceKind::SizeDiffers,
                crate::msg!("diff-bulk-missing", line = item_line(a, s)),
            )),
            _ => None,
        },
        (None, Some(r)) => match Shape::of(r) {
            Shape::Command => Some(divergence(
                DivergenceKind::CommandAdded,
                crate::msg!("diff-command-added", line = item_line(b, r)),
            )),
            Shape::Reply if answers_ehlo(b, r) => None,
            Shape::Reply => Some(divergence(
                DivergenceKind::ReplyMissing,
                crate::msg!("diff-reply-missing", line = item_line(b, r)),
            )),
            _ => None,
        },
        (None, None) => None,
    }
}

fn ehlo_reply_position(d: &Dialogue) -> Option<Position> {
    d.replies()
        .filter(|(item, _)| answers_ehlo(d, item))
        .last()
        .map(|(item, _)| item.at)
}

fn keyword_line(at: Option<Position>, e: &Extension) -> Option<SideLine> {
    let text = if e.params.is_empty() {
        e.keyword.clone()
    } else {
        format!("{} {}", e.keyword, e.params.join(" "))
    };
    at.map(|at| SideLine { at, text })
}

/// EHLO keywords the receiver sent that the sender did not see as sent (masked or missing), and
/// keywords only the sender saw.
fn keyword_divergences(sender: &Dialogue, receiver: &Dialogue) -> Vec<Divergence> {
    if sender.extensions.is_empty() && receiver.extensions.is_empty() {
        return Vec::new();
    }
    let (sat, rat) = (ehlo_reply_position(sender), ehlo_reply_position(receiver));
    let same = |x: &Extension, y: &Extension| x.keyword.eq_ignore_ascii_case(&y.keyword);
    // Masks seen by the sender that stand for no keyword the receiver sent as is.
    let masks: Vec<&Extension> = sender
        .extensions
        .iter()
        .filter(|e| crate::rules::asa_masked_keyword(&e.keyword))
        .filter(|e| !receiver.extensions.iter().any(|r| same(r, e)))
        .collect();
    let mut mask_used = vec![false; masks.len()];
    let mut found = Vec::new();
    for (position, sent) in receiver.extensions.iter().enumerate() {
        if sender.extensions.iter().any(|seen| same(seen, sent)) {
            continue;
        }
        // Masking keeps the length and the place in the list: the mask at the keyword's own
        // position if it has the length, else the first unused mask of that length.
        let in_place = sender.extensions.get(position);
        let fits = |m: &Extension| m.keyword.len() == sent.keyword.len();
        let mask = masks
            .iter()
            .zip(mask_used.iter_mut())
            .filter(|(m, used)| !**used && fits(m))
            .min_by_key(|(m, _)| !in_place.is_some_and(|p| std::ptr::eq(**m, p)));
        if let Some((mask, used)) = mask {
            *used = true;
            found.push(Divergence {
                kind: DivergenceKind::KeywordMasked,
                dir: Direction::ServerToClient,
                sender: keyword_line(sat, mask),
                receiver: keyword_line(rat, sent),
                detail: crate::msg!("diff-keyword-masked", sent = &sent.keyword, seen = &mask.keyword),
            });
        } else if sat.is_some() {
            found.push(Divergence {
                kind: DivergenceKind::KeywordMissing,
                dir: Direction::ServerToClient,
                sender: None,
                receiver: keyword_line(rat, sent),
                detail: crate::msg!("diff-keyword-missing", keyword = &sent.keyword),
            });
        }
    }
    if rat.is_some() {
        for seen in &sender.extensions {
            let masked = crate::rules::asa_masked_keyword(&seen.keyword);
            if !masked && !receiver.extensions.iter().any(|r| same(r, seen)) {
                found.push(Divergence {
                    kind: DivergenceKind::KeywordAdded,
                    dir: Direction::ServerToClient,
                    sender: keyword_line(sat, seen),
                    receiver: None,
                    detail: crate::msg!("diff-keyword-added", keyword = &seen.keyword),
                });
            }
        }
    }
    found
}

fn tls_divergence(sender: &Dialogue, receiver: &Dialogue) -> Option<Divergence> {
    if sender.tls.started == receiver.tls.started {
        return None;
    }
    let detail = if sender.tls.started {
        crate::msg!("diff-tls-sender-only")
    } else {
        crate::msg!("diff-tls-receiver-only")
    };
    Some(Divergence {
        kind: DivergenceKind::TlsOneSide,
        dir: Direction::ClientToServer,
        sender: None,
        receiver: None,
        detail,
    })
}

/// What each side's TLS showed, where it can be compared: the negotiated version and suite, and
/// the server certificate (subject and fingerprint).
fn tls_fact_divergences(sender: &Dialogue, receiver: &Dialogue) -> Vec<Divergence> {
    let (s, r) = (&sender.tls, &receiver.tls);
    let (Some(s_hello), Some(r_hello)) = (&s.server_hello, &r.server_hello) else {
        return Vec::new();
    };
    let line = |at: Position, text: String| Some(SideLine { at, text });
    let mut found = Vec::new();
    if (s_hello.version, s_hello.suite) != (r_hello.version, r_hello.suite) {
        let text = |h: &crate::tls::facts::ServerHello| format!("{} {}", h.version.name(), h.suite.name());
        found.push(Divergence {
            kind: DivergenceKind::TlsDiffers,
            dir: Direction::ServerToClient,
            sender: line(s_hello.at, text(s_hello)),
            receiver: line(r_hello.at, text(r_hello)),
            detail: crate::msg!("diff-tls-differs"),
        });
    }
    if let (Some(sc), Some(rc)) = (s.leaf(), r.leaf()) {
        if sc.sha256 != rc.sha256 {
            let text = |c: &crate::tls::facts::Certificate| {
                format!(
                    "certificate {} sha256 {}",
                    c.subject,
                    c.sha256.get(..16).unwrap_or(&c.sha256)
                )
            };
            found.push(Divergence {
                kind: DivergenceKind::TlsDiffers,
                dir: Direction::ServerToClient,
                sender: line(s_hello.at, text(sc)),
                receiver: line(r_hello.at, text(rc)),
                detail: crate::msg!("diff-certificate-differs"),
            });
        }
    }
    found
}

/// Bytes missing from a capture, and segments lost between the capture points.
fn transport_divergences(sender: &Session, receiver: &Session) -> Vec<Divergence> {
    let mut found = Vec::new();
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        let (a, b) = (sender.stats(dir), receiver.stats(dir));
        let missing = |s: &crate::reasm::DirStats| s.gaps.iter().fold(0u64, |n, g| n.saturating_add(g.len));
        let who = match dir {
            Direction::ClientToServer => "client",
            Direction::ServerToClient => "server",
        };
        let detail = match (a.gap_count > 0, b.gap_count > 0) {
            (true, true) => Some(crate::msg!(
                "diff-loss-both",
                who = who,
                sender = missing(a),
                receiver = missing(b)
            )),
            (true, false) => Some(crate::msg!("diff-loss-sender", who = who, bytes = missing(a))),
            (false, true) => Some(crate::msg!("diff-loss-receiver", who = who, bytes = missing(b))),
            (false, false) => None,
        };
        if let Some(detail) = detail {
            found.push(Divergence {
                kind: DivergenceKind::CaptureLoss,
                dir,
                sender: None,
                receiver: None,
                detail,
            });
        }
        // The side that sends in `dir` retransmits what was lost after its own capture point.
        let (near, far) = match dir {
            Direction::ClientToServer => (a, b),
            Direction::ServerToClient => (b, a),
        };
        if near.retransmitted > far.retransmitted {
            let extra = near.retransmitted.saturating_sub(far.retransmitted);
            found.push(Divergence {
                kind: DivergenceKind::LostBetween,
                dir,
                sender: None,
                receiver: None,
                detail: crate::msg!("diff-lost-between", who = who, count = extra),
            });
        }
    }
    found
}

/// The time the path added to each command's round trip: the sender's command-to-reply time minus
/// the receiver's, over every command whose command and reply are aligned on both sides. Clock
/// offsets cancel out.
pub fn added_latency(sender: &Dialogue, receiver: &Dialogue, rows: &[Row]) -> Option<Latency> {
    // The receiver item aligned with each sender item.
    let mut aligned_with: Vec<Option<usize>> = vec![None; sender.transcript.len()];
    for row in rows {
        if let Some(slot) = row.sender.and_then(|i| aligned_with.get_mut(i)) {
            *slot = row.receiver;
        }
    }
    let receiver_of = |sender_index: usize| aligned_with.get(sender_index).copied().flatten();
    let mut added: Vec<f64> = Vec::new();
    for row in rows {
        let (Some(si), Some(ri)) = (row.sender, row.receiver) else {
            continue;
        };
        let (Some(s_reply), Some(r_reply)) = (sender.transcript.get(si), receiver.transcript.get(ri)) else {
            continue;
        };
        let (ItemKind::Reply(sr), ItemKind::Reply(rr)) = (&s_reply.kind, &r_reply.kind) else {
            continue;
        };
        let (Some(s_cmd_index), Some(r_cmd_index)) = (sr.answers, rr.answers) else {
            continue;
        };
        if receiver_of(s_cmd_index) != Some(r_cmd_index) {
            continue;
        }
        let (Some(s_cmd), Some(r_cmd)) = (
            sender.transcript.get(s_cmd_index),
            receiver.transcript.get(r_cmd_index),
        ) else {
            continue;
        };
        let at_sender = s_reply.at.ts.seconds_since(s_cmd.at.ts);
        let at_receiver = r_reply.at.ts.seconds_since(r_cmd.at.ts);
        added.push((at_sender - at_receiver) * 1000.0);
    }
    let samples = added.len();
    let max_ms = added.iter().copied().reduce(f64::max)?;
    let median_ms = super::median(added)?;
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    Some(Latency {
        samples,
        median_ms: round(median_ms),
        max_ms: round(max_ms),
    })
}
