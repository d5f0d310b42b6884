//! Any bytes as a bidirectional SMTP session: the input is cut into chunks, each sent by the client
//! or the server (or lost as a gap), and fed to the SMTP decoder. It must never panic, and the
//! dialogue it returns must respect its own limits and point only at transcript items that exist.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope::reasm::{CloseCause, ConnId, ConnInfo, EventKind, GapCause, StreamEvent};
use smtpscope::smtp::decoder::MAX_TRANSCRIPT_ITEMS;
use smtpscope::smtp::dialogue::ItemKind;
use smtpscope::smtp::SmtpDecoder;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let info = ConnInfo {
        id: ConnId(1),
        client: "192.0.2.1:40000".parse().unwrap(),
        server: "192.0.2.2:25".parse().unwrap(),
        handshake_seen: flags & 1 == 0,
        first_frame: 1,
        start: Timestamp::default(),
    };
    let mut decoder = SmtpDecoder::new(&info);
    let mut frame = 1u64;
    // Each chunk: 1 header byte (bit 7: server, bit 6: gap, low 6 bits: length), then the bytes.
    while let Some((&header, tail)) = rest.split_first() {
        let dir = if header & 0x80 != 0 { Direction::ServerToClient } else { Direction::ClientToServer };
        let len = usize::from(header & 0x3f).min(tail.len());
        let (chunk, after) = tail.split_at(len);
        rest = after;
        frame += 1;
        let kind = if header & 0x40 != 0 {
            EventKind::Gap { len: len as u64 * 97, cause: GapCause::Acked }
        } else {
            EventKind::Data(chunk)
        };
        decoder.on_event(&StreamEvent { conn: ConnId(1), dir, ts: Timestamp::default(), frame, kind });
    }
    let cause = if flags & 2 == 0 { CloseCause::Fin } else { CloseCause::EndOfInput };
    let dialogue = decoder.finish(cause);
    assert!(dialogue.transcript.len() <= MAX_TRANSCRIPT_ITEMS);
    for item in &dialogue.transcript {
        if let ItemKind::Reply(r) = &item.kind {
            assert!(r.answers.map_or(true, |i| i < dialogue.transcript.len()));
        }
    }
    for a in &dialogue.anomalies {
        assert!(a.item <= dialogue.transcript.len());
    }
});
