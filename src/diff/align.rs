//! Aligning two transcripts of the same SMTP conversation, one seen at each end.
//!
//! Owns the global sequence alignment (Needleman–Wunsch) of the sender's and the receiver's
//! transcript items into [`Row`]s: an item on both sides (identical or altered), or on one side
//! only. Items are compared through [`ItemKey`], a side-independent summary (verb and argument,
//! reply code and text, SASL token bytes, bulk sizes), so frame numbers, times and addresses never
//! matter. Items of opposite directions never align; unrelated commands never align (a verb dropped
//! and another added are not one verb altered); two different replies align only when the commands
//! they answer do. A line-by-line zip would pair everything after the first dropped command
//! wrongly; the alignment keeps the rest of the dialogue in step.
//!
//! Limits: at most [`MAX_ALIGNED_ITEMS`] items per side are aligned (the score matrix is quadratic);
//! the rest is reported as not aligned by the caller. Must not: judge what a difference means (that
//! is [`super::divergence`]), or print.

use crate::net::Direction;
use crate::smtp::dialogue::{Dialogue, Item, ItemKind};

/// Items per side beyond which the alignment stops (the matrix holds this squared cells).
pub const MAX_ALIGNED_ITEMS: usize = 2000;

/// Score of two identical items.
const SAME: i32 = 3;
/// Score of two items of the same kind that differ only a little (same verb, or same code).
const CLOSE: i32 = 1;
/// Score of two replies with different codes (one reply rewritten on the way).
const REPLACED: i32 = -1;
/// Score of two unrelated commands: lower than leaving both one-sided, so a command that never
/// arrived and another that was added are never read as one command altered.
const UNRELATED: i32 = 2 * ONE_SIDED - 1;
/// Cost of an item on one side only.
const ONE_SIDED: i32 = -2;
/// Cost of a capture gap item on one side only: gaps are artefacts of one capture point.
const ONE_SIDED_GAP: i32 = -1;
/// Score that forbids aligning two items (opposite directions, different kinds).
const NEVER: i32 = i32::MIN / 4;

/// What an item is, independent of where and when it was captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKey {
    /// A command: verb and argument as sent.
    Command {
        /// The verb, upper-cased.
        verb: String,
        /// The argument.
        arg: String,
    },
    /// A reply: code and every line's text.
    Reply {
        /// The code.
        code: u16,
        /// The lines.
        lines: Vec<String>,
    },
    /// A client SASL line: its decoded bytes.
    AuthData(Vec<u8>),
    /// Bulk bytes: an XEXCH50 BLOB, DATA or BDAT content, TLS records, skipped lines.
    Bulk {
        /// `BLOB`, `DATA`, `BDAT`, `TLS` or `UNPARSED`.
        what: &'static str,
        /// Bytes.
        bytes: u64,
    },
    /// Bytes missing from this capture.
    Gap(u64),
}

impl ItemKey {
    /// The key of `item`, looking SASL tokens up in `dialogue`.
    pub fn of(dialogue: &Dialogue, item: &Item) -> ItemKey {
        match &item.kind {
            ItemKind::Command(c) => ItemKey::Command {
                verb: c.verb.clone(),
                arg: c.arg.clone(),
            },
            ItemKind::Reply(r) => ItemKey::Reply {
                code: r.reply.code,
                lines: r.reply.lines.clone(),
            },
            ItemKind::AuthData { exchange, token } => ItemKey::AuthData(
                dialogue
                    .auth
                    .get(*exchange)
                    .and_then(|a| a.tokens.get(*token))
                    .map(|t| t.bytes.clone())
                    .unwrap_or_default(),
            ),
            ItemKind::Blob { bytes, .. } => ItemKey::Bulk {
                what: "BLOB",
                bytes: *bytes,
            },
            ItemKind::Content { verb, bytes } => ItemKey::Bulk {
                what: verb,
                bytes: *bytes,
            },
            ItemKind::Tls { bytes } => ItemKey::Bulk {
                what: "TLS",
                bytes: *bytes,
            },
            ItemKind::Unparsed { bytes, .. } => ItemKey::Bulk {
                what: "UNPARSED",
                bytes: *bytes,
            },
            ItemKind::Gap { bytes } => ItemKey::Gap(*bytes),
        }
    }

    /// How well two items of the same direction correspond.
    fn score(&self, other: &ItemKey) -> i32 {
        if self == other {
            return SAME;
        }
        match (self, other) {
            (ItemKey::Command { verb: a, arg: x }, ItemKey::Command { verb: b, arg: y }) => {
                // The same verb with its argument rewritten; a verb masked in place (same length,
                // or the same argument kept); a verb replaced by NOOP (a PIX).
                let masked = a.len() == b.len() || (!x.is_empty() && x == y);
                if a == b || masked || (b == "NOOP" && a != "NOOP") {
                    CLOSE
                } else {
                    UNRELATED
                }
            }
            (ItemKey::Reply { code: a, .. }, ItemKey::Reply { code: b, .. }) => {
                if a == b {
                    CLOSE
                } else {
                    REPLACED
                }
            }
            (ItemKey::AuthData(_), ItemKey::AuthData(_)) | (ItemKey::Gap(_), ItemKey::Gap(_)) => CLOSE,
            (ItemKey::Bulk { what: a, .. }, ItemKey::Bulk { what: b, .. }) if a == b => CLOSE,
            _ => NEVER,
        }
    }

    fn one_sided_cost(&self) -> i32 {
        match self {
            ItemKey::Gap(_) => ONE_SIDED_GAP,
            _ => ONE_SIDED,
        }
    }
}

/// One row of the alignment: transcript indexes on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The sender-side item, if any.
    pub sender: Option<usize>,
    /// The receiver-side item, if any.
    pub receiver: Option<usize>,
    /// Both sides hold the item and it is the same.
    pub same: bool,
}

impl Row {
    /// How the row reads.
    pub fn status(&self) -> RowStatus {
        match (self.sender, self.receiver) {
            (Some(_), Some(_)) if self.same => RowStatus::Same,
            (Some(_), Some(_)) => RowStatus::Altered,
            (Some(_), None) => RowStatus::SenderOnly,
            _ => RowStatus::ReceiverOnly,
        }
    }
}

/// How a row of the alignment reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    /// The same item on both sides.
    Same,
    /// An item on both sides that differs.
    Altered,
    /// An item on the sender's side only.
    SenderOnly,
    /// An item on the receiver's side only.
    ReceiverOnly,
}

impl RowStatus {
    /// `same`, `altered`, `sender_only` or `receiver_only`, as the output names it.
    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Same => "same",
            RowStatus::Altered => "altered",
            RowStatus::SenderOnly => "sender_only",
            RowStatus::ReceiverOnly => "receiver_only",
        }
    }
}

/// One side's items as the alignment sees them.
struct Keyed {
    dirs: Vec<Direction>,
    keys: Vec<ItemKey>,
}

impl Keyed {
    fn of(dialogue: &Dialogue) -> Keyed {
        let items = dialogue.transcript.iter().take(MAX_ALIGNED_ITEMS);
        Keyed {
            dirs: items.clone().map(|i| i.dir).collect(),
            keys: items.map(|i| ItemKey::of(dialogue, i)).collect(),
        }
    }

    fn pair_score(&self, i: usize, other: &Keyed, j: usize) -> i32 {
        match (
            self.dirs.get(i),
            other.dirs.get(j),
            self.keys.get(i),
            other.keys.get(j),
        ) {
            (Some(a), Some(b), Some(x), Some(y)) if a == b => x.score(y),
            _ => NEVER,
        }
    }

    fn cost(&self, i: usize) -> i32 {
        self.keys.get(i).map_or(ONE_SIDED, ItemKey::one_sided_cost)
    }
}

/// Which move reached a cell of the matrix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Move {
    Start,
    Both,
    SenderOnly,
    ReceiverOnly,
}

/// Aligns the two transcripts (at most [`MAX_ALIGNED_ITEMS`] items of each), in order.
pub fn align(sender: &Dialogue, receiver: &Dialogue) -> Vec<Row> {
    let a = Keyed::of(sender);
    let b = Keyed::of(receiver);
    let (n, m) = (a.keys.len(), b.keys.len());
    let width = m.saturating_add(1);
    let cells = n.saturating_add(1).saturating_mul(width);
    let mut score = vec![0i32; cells];
    let mut moves = vec![Move::Start; cells];
    let at = |i: usize, j: usize| i.saturating_mul(width).saturating_add(j);
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            // Ties go to the one-sided moves: the traceback runs backwards, so an item on one side
            // only is placed as late as the scores allow, which keeps an added or dropped command
            // together with its reply when that reply reads like the one before it (`250 OK`).
            // Between the two sides, the receiver's item wins, which puts the sender's first when
            // the rows are read in order.
            let mut best = (NEVER, Move::Start);
            if i > 0 && j > 0 {
                let diagonal = score[at(i - 1, j - 1)].saturating_add(a.pair_score(i - 1, &b, j - 1));
                best = (diagonal, Move::Both);
            }
            if i > 0 {
                let up = score[at(i - 1, j)].saturating_add(a.cost(i - 1));
                if up >= best.0 {
                    best = (up, Move::SenderOnly);
                }
            }
            if j > 0 {
                let left = score[at(i, j - 1)].saturating_add(b.cost(j - 1));
                if left >= best.0 {
                    best = (left, Move::ReceiverOnly);
                }
            }
            score[at(i, j)] = best.0;
            moves[at(i, j)] = best.1;
        }
    }
    let mut rows = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match moves[at(i, j)] {
            Move::Both => {
                i -= 1;
                j -= 1;
                rows.push(Row {
                    sender: Some(i),
                    receiver: Some(j),
                    same: a.keys.get(i) == b.keys.get(j),
                });
            }
            Move::SenderOnly => {
                i -= 1;
                rows.push(Row {
                    sender: Some(i),
                    receiver: None,
                    same: false,
                });
            }
            Move::ReceiverOnly | Move::Start => {
                j = j.saturating_sub(1);
                rows.push(Row {
                    sender: None,
                    receiver: Some(j),
                    same: false,
                });
            }
        }
    }
    rows.reverse();
    split_unanchored_replies(sender, receiver, rows)
}

/// Two different replies are one reply altered only if the commands they answer are aligned too:
/// otherwise (`220 Ready to start TLS` against `221 Bye`) they are two replies, one on each side.
fn split_unanchored_replies(sender: &Dialogue, receiver: &Dialogue, rows: Vec<Row>) -> Vec<Row> {
    let mut aligned_with: Vec<Option<usize>> = vec![None; sender.transcript.len()];
    for row in &rows {
        if let Some(slot) = row.sender.and_then(|i| aligned_with.get_mut(i)) {
            *slot = row.receiver;
        }
    }
    let answers = |d: &Dialogue, i: Option<usize>| match i.and_then(|i| d.transcript.get(i)) {
        Some(Item {
            kind: ItemKind::Reply(r),
            ..
        }) => Some(r.answers),
        _ => None,
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let unanchored = match (answers(sender, row.sender), answers(receiver, row.receiver)) {
            (Some(Some(c)), Some(Some(d))) => aligned_with.get(c).copied().flatten() != Some(d),
            _ => false,
        };
        if row.same || !unanchored {
            out.push(row);
            continue;
        }
        out.push(Row {
            receiver: None,
            ..row
        });
        out.push(Row { sender: None, ..row });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::dialogue::{CommandItem, Position, ReplyItem};
    use crate::smtp::reply::Reply;
    use crate::time::Timestamp;

    fn command(line: &str) -> (Direction, ItemKind) {
        let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
        let item = CommandItem {
            verb: verb.to_string(),
            arg: arg.to_string(),
            carries_secret: false,
        };
        (Direction::ClientToServer, ItemKind::Command(item))
    }

    fn reply(code: u16, text: &str) -> (Direction, ItemKind) {
        let reply = Reply {
            code,
            enhanced: None,
            lines: vec![text.to_string()],
        };
        (Direction::ServerToClient, ItemKind::Reply(ReplyItem::new(reply)))
    }

    /// A reply to the command at transcript index `command`.
    fn answer(code: u16, text: &str, command: usize) -> (Direction, ItemKind) {
        let (dir, mut kind) = reply(code, text);
        if let ItemKind::Reply(r) = &mut kind {
            r.answers = Some(command);
        }
        (dir, kind)
    }

    fn dialogue(items: Vec<(Direction, ItemKind)>) -> Dialogue {
        let transcript = items
            .into_iter()
            .zip(1u64..)
            .map(|((dir, kind), frame)| {
                Item::new(
                    dir,
                    Position {
                        frame,
                        ts: Timestamp::new(0, 0),
                    },
                    kind,
                )
            })
            .collect();
        Dialogue {
            transcript,
            ..Dialogue::default()
        }
    }

    fn statuses(rows: &[Row]) -> Vec<&'static str> {
        rows.iter().map(|r| r.status().name()).collect()
    }

    #[test]
    fn identical_dialogues_align_row_for_row() {
        let d = dialogue(vec![reply(220, "hi"), command("EHLO a"), reply(250, "ok")]);
        let rows = align(&d, &d);
        assert_eq!(statuses(&rows), ["same", "same", "same"]);
        assert_eq!(rows[2].sender, Some(2));
        assert_eq!(rows[2].receiver, Some(2));
    }

    #[test]
    fn a_dropped_command_does_not_shift_the_rest() {
        let sent = dialogue(vec![
            command("MAIL FROM:<a@b>"),
            reply(250, "ok"),
            command("XEXCH50 2336 3"),
            reply(500, "unrecognized"),
            command("DATA"),
            reply(354, "go"),
        ]);
        let arrived = dialogue(vec![
            command("MAIL FROM:<a@b>"),
            reply(250, "ok"),
            command("DATA"),
            reply(354, "go"),
        ]);
        let rows = align(&sent, &arrived);
        assert_eq!(
            statuses(&rows),
            ["same", "same", "sender_only", "sender_only", "same", "same"]
        );
        assert_eq!(rows[4].receiver, Some(2), "DATA pairs with DATA");
    }

    #[test]
    fn a_masked_verb_aligns_as_altered_and_directions_never_mix() {
        let sent = dialogue(vec![command("XEXCH50 2336 3"), reply(500, "no")]);
        let arrived = dialogue(vec![command("XXXXXXX 2336 3"), reply(500, "no")]);
        assert_eq!(statuses(&align(&sent, &arrived)), ["altered", "same"]);
        let only_reply = dialogue(vec![reply(250, "EHLO a")]);
        let only_command = dialogue(vec![command("EHLO a")]);
        assert_eq!(
            statuses(&align(&only_command, &only_reply)),
            ["sender_only", "receiver_only"]
        );
    }

    #[test]
    fn an_added_command_keeps_its_reply_even_when_that_reply_repeats_the_one_before() {
        let sent = dialogue(vec![
            command("RCPT TO:<b@c>"),
            answer(250, "OK", 0),
            command("QUIT"),
            answer(221, "Bye", 2),
        ]);
        let arrived = dialogue(vec![
            command("RCPT TO:<b@c>"),
            answer(250, "OK", 0),
            command("NOOP"),
            answer(250, "OK", 2),
            command("QUIT"),
            answer(221, "Bye", 4),
        ]);
        let rows = align(&sent, &arrived);
        assert_eq!(
            statuses(&rows),
            ["same", "same", "receiver_only", "receiver_only", "same", "same"]
        );
        assert_eq!((rows[1].sender, rows[1].receiver), (Some(1), Some(1)));
        assert_eq!(rows[2].receiver, Some(2), "NOOP, then its reply");
    }

    #[test]
    fn unrelated_commands_and_the_replies_to_them_stay_one_sided() {
        let sent = dialogue(vec![command("STARTTLS"), answer(220, "Ready", 0)]);
        let arrived = dialogue(vec![command("QUIT"), answer(221, "Bye", 0)]);
        assert_eq!(
            statuses(&align(&sent, &arrived)),
            ["sender_only", "receiver_only", "sender_only", "receiver_only"]
        );
        // A verb replaced by NOOP is the same command altered, and so is its answer.
        let sent = dialogue(vec![command("XEXCH50 2336 3"), answer(250, "OK", 0)]);
        let arrived = dialogue(vec![command("NOOP"), answer(250, "Done", 0)]);
        assert_eq!(statuses(&align(&sent, &arrived)), ["altered", "altered"]);
    }

    #[test]
    fn empty_transcripts_give_no_rows() {
        let empty = Dialogue::default();
        assert!(align(&empty, &empty).is_empty());
        let one = dialogue(vec![command("QUIT")]);
        assert_eq!(statuses(&align(&empty, &one)), ["receiver_only"]);
    }
}
