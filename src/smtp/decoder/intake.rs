//! How the client's bytes reach a DATA body or a counted payload (BDAT chunk, XEXCH50 BLOB):
//! straight from the segment they arrived in while nothing is held before them, or from the
//! inbox's unread bytes.
//!
//! Most of a mail hub's bytes are message bodies; taking them where they lie spares copying each
//! into the inbox first. Both ways decode alike: the same unit code ([`super::data`],
//! [`super::counted`]) takes [`Incoming`] bytes either way, and the inbox accounts for bytes taken
//! directly ([`Inbox::pass`]) so that offsets, positions and counts are as if they had been pushed
//! and consumed. Must not: frame lines or decide modes (the rest of the decoder does).

use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::dialogue::Position;
use crate::smtp::inbox::Inbox;

/// Client bytes for a DATA body or a counted payload, and where they arrived.
pub(super) struct Incoming<'a> {
    /// The bytes, from the next one the unit has not taken.
    pub(super) bytes: &'a [u8],
    /// Where the first of them arrived.
    pub(super) at: Position,
    /// The inbox whose unread bytes they are; `None`: a segment's bytes, never held.
    held: Option<&'a Inbox>,
}

impl Incoming<'_> {
    /// Where the first `len` bytes arrived (see [`Inbox::arrivals`]).
    pub(super) fn arrivals(&self, len: usize) -> Vec<(usize, Position)> {
        match self.held {
            Some(inbox) => inbox.arrivals(len),
            None => vec![(0, self.at)],
        }
    }
}

/// What a unit took of [`Incoming`] bytes.
pub(super) struct Taken {
    /// Bytes taken, from the first.
    pub(super) consumed: usize,
    /// The unit's last byte was among them.
    pub(super) ended: bool,
}

impl SmtpDecoder {
    /// Decodes bytes of `dir` that arrived at `at`. While the client is inside a DATA body or a
    /// counted payload and nothing is held before them, its bytes are taken where they lie (most
    /// of a mail hub's bytes are bodies, and this spares copying them); the rest go through the
    /// inbox, and everything decodes as if all had.
    pub(super) fn receive(&mut self, dir: Direction, bytes: &[u8], at: Position) {
        let direct = match dir {
            Direction::ClientToServer => self.take_direct(bytes, at),
            Direction::ServerToClient => 0,
        };
        self.inbox(dir).push(bytes.get(direct..).unwrap_or_default(), at);
        self.pump();
    }

    /// Takes client bytes straight into the unit in progress while the inbox is idle and no gate
    /// holds the client (what held bytes are is the gate's decision, on the inbox's way); how
    /// many it took.
    fn take_direct(&mut self, bytes: &[u8], at: Position) -> usize {
        #[cfg(test)]
        if self.intake_probe.hold_every_byte {
            return 0;
        }
        let mut direct = 0usize;
        while !self.gated && self.client.is_idle() {
            let input = Incoming {
                bytes: bytes.get(direct..).unwrap_or_default(),
                at,
                held: None,
            };
            let Some(taken) = self.take_unit(&input) else {
                break;
            };
            self.client.pass(taken.consumed, at);
            direct = direct.saturating_add(taken.consumed);
            #[cfg(test)]
            {
                self.intake_probe.direct_bytes += taken.consumed;
            }
            if taken.ended {
                self.end_unit();
            }
            // A unit takes every byte or ends; a unit of nothing ends at once.
            if taken.consumed == 0 {
                break;
            }
        }
        direct
    }

    /// One step of the unit in progress over the inbox's unread bytes; false when it took none.
    pub(super) fn take_held(&mut self) -> bool {
        let at = self.client_position();
        let inbox = std::mem::take(&mut self.client);
        let input = Incoming {
            bytes: inbox.unread(),
            at,
            held: Some(&inbox),
        };
        let taken = self.take_unit(&input);
        self.client = inbox;
        let Some(taken) = taken else {
            return false;
        };
        self.client.consume(taken.consumed);
        if taken.ended {
            self.end_unit();
        }
        true
    }

    /// Gives `input` to the DATA body or counted payload in progress.
    fn take_unit(&mut self, input: &Incoming<'_>) -> Option<Taken> {
        match self.mode {
            ClientMode::Data { .. } => self.data_take(input),
            ClientMode::Counted { .. } => self.counted_take(input),
            _ => None,
        }
    }

    /// Ends the unit whose last byte was taken (and consumed).
    fn end_unit(&mut self) {
        match self.mode {
            ClientMode::Data { .. } => self.data_close(),
            ClientMode::Counted { .. } => self.end_counted(),
            _ => {}
        }
    }
}

/// Tests only: a decoder that holds every byte, to compare with, and how many bytes were taken
/// directly, so that a comparison cannot pass by taking none.
#[cfg(test)]
#[derive(Debug, Default)]
pub(super) struct Probe {
    pub(super) hold_every_byte: bool,
    pub(super) direct_bytes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reasm::{CloseCause, ConnId, EventKind, StreamEvent};
    use crate::smtp::dialogue::{Dialogue, Origin};
    use crate::time::Timestamp;
    use proptest::prelude::*;

    const C: Direction = Direction::ClientToServer;
    const S: Direction = Direction::ServerToClient;

    /// Bodies and counted payloads in every way they meet their neighbours: a DATA body after
    /// its 354 with commands after its end in the same segment, a body whose non-canonical
    /// end-of-data the server read as commands (the smuggled tail keeps where each byte
    /// arrived), a body the server answers before its end, pipelined BDAT chunks with their
    /// commands, an XEXCH50 BLOB full of CRLFs, and a body the end of the connection cuts.
    fn bodies() -> Vec<(Direction, Vec<u8>)> {
        // The Received dates make each message's capture delay tell where its body ended.
        let blob: Vec<u8> = (0..600u32)
            .map(|i| if i % 7 == 0 { b'\n' } else { (i % 251) as u8 })
            .collect();
        let attachment = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n".repeat(40);
        let body = format!(
            "Received: from c by mx; Thu, 1 Jan 1970 00:16:40 +0000\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhello\r\n..dot\r\n\
             --b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n\
             {attachment}--b--\r\n.\r\nMAIL FROM:<a@x>\r\n"
        );
        let steps: [(Direction, &[u8]); 24] = [
            (S, b"220 mx ESMTP\r\n"),
            (C, b"EHLO c\r\n"),
            (
                S,
                b"250-mx\r\n250-PIPELINING\r\n250-CHUNKING\r\n250-XEXCH50\r\n250 OK\r\n",
            ),
            (C, b"MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
            (S, b"250 OK\r\n250 OK\r\n354 go\r\n"),
            (C, body.as_bytes()),
            (S, b"250 queued\r\n250 OK\r\n"),
            (C, b"RCPT TO:<b@y>\r\nDATA\r\n"),
            (S, b"250 OK\r\n354 go\r\n"),
            (
                C,
                b"Received: from c by mx; Thu, 1 Jan 1970 00:16:40 +0000\r\n\r\nmore than the server wants",
            ),
            (S, b"552 too big\r\n"),
            (
                C,
                b"MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nBDAT 12\r\nSubject: b\r\nBDAT 5 LAST\r\nhello",
            ),
            (S, b"250 OK\r\n250 OK\r\n250 chunk\r\n250 done\r\n"),
            (C, b"MAIL FROM:<a@x>\r\nXEXCH50 600 2\r\n"),
            (S, b"250 OK\r\n354 Send binary data\r\n"),
            (C, &blob),
            (S, b"250 XEXCH50 OK\r\n"),
            (C, b"RCPT TO:<b@y>\r\nDATA\r\n"),
            (S, b"250 OK\r\n354 go\r\n"),
            (C, b"Subject: t\r\n\r\nhi\n.\r\nRSET\r\n\r\n.\r\nDATA\r\n"),
            (S, b"250 one\r\n250 two\r\n503 5.5.1 no recipients\r\n"),
            (C, b"MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
            (S, b"250 OK\r\n250 OK\r\n354 go\r\n"),
            (C, b"Subject: cut\r\n\r\nthe connection ends insi"),
        ];
        steps.iter().map(|(d, b)| (*d, b.to_vec())).collect()
    }

    /// Decodes `steps`, each cut at `cuts[i]` into pieces of their own frame.
    fn decode(
        steps: &[(Direction, Vec<u8>)],
        cuts: &[Vec<usize>],
        hold_every_byte: bool,
    ) -> (Dialogue, usize) {
        let mut decoder = SmtpDecoder::new(&crate::smtp::decoder::test_connection());
        decoder.intake_probe.hold_every_byte = hold_every_byte;
        let mut frame = 1u64;
        for (i, (dir, bytes)) in steps.iter().enumerate() {
            let mut ends: Vec<usize> = cuts
                .get(i)
                .into_iter()
                .flatten()
                .map(|c| c % bytes.len().max(1))
                .collect();
            ends.push(bytes.len());
            ends.sort_unstable();
            ends.dedup();
            let mut from = 0;
            for to in ends.into_iter().filter(|&to| to > 0) {
                frame += 1;
                decoder.on_event(&StreamEvent {
                    conn: ConnId(1),
                    dir: *dir,
                    ts: Timestamp::new(1_000 + frame as i64, 0),
                    frame,
                    kind: EventKind::Data(bytes.get(from..to).expect("a piece")),
                });
                from = to;
            }
        }
        let direct = decoder.intake_probe.direct_bytes;
        (decoder.finish(CloseCause::Fin), direct)
    }

    #[test]
    fn bodies_in_whole_segments_are_taken_directly() {
        let steps = bodies();
        let (direct, taken) = decode(&steps, &[], false);
        let (held, none) = decode(&steps, &[], true);
        assert_eq!(direct, held);
        assert_eq!(none, 0);
        // The first body up to its terminator, the refused body, the BLOB, the smuggling body
        // (the BDAT chunks came with their commands, and the replayed commands leave the last body
        // held for their replies).
        let first_body = steps[5].1.len() - b"MAIL FROM:<a@x>\r\n".len();
        let smuggling_body = steps[19].1.len() - b"DATA\r\n".len();
        assert_eq!(taken, first_body + steps[9].1.len() + 600 + smuggling_body);
        let data = direct.transactions[0].data.as_ref().expect("the first body");
        assert_eq!(data.bytes, (first_body - b".\r\n".len()) as u64);
        assert_eq!(direct.transactions.len(), 5);
        // The server read the bytes after the fourth body's `LF . CRLF` as commands.
        assert!(direct.transcript.iter().any(|i| i.origin == Origin::Smuggled));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn bytes_taken_directly_decode_as_if_held(
            cuts in proptest::collection::vec(proptest::collection::vec(any::<usize>(), 0..5), 24),
        ) {
            let steps = bodies();
            let (direct, taken) = decode(&steps, &cuts, false);
            let (held, _) = decode(&steps, &cuts, true);
            prop_assert!(taken > 600);
            prop_assert_eq!(direct, held);
        }
    }
}
