//! The session classifier and the proxy handshake parsers on any two byte streams: the input is
//! split into client and server chunks (a byte of direction and length before each), fed as the
//! reassembler would, on a port that is not SMTP (so detection by content and tunnels run) and on
//! port 25; then the connection is finished. Never a panic, whatever the bytes; the probe stays
//! within its bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::Timestamp;
use smtpscope::classify::{tunnel, ClassifyConfig, Connection};
use smtpscope::net::Direction;
use smtpscope::smtp::SmtpDecoder;
use smtpscope::reasm::{CloseCause, ConnId, ConnInfo, ConnSummary, DirStats, EventKind, StreamEvent};

fuzz_target!(|data: &[u8]| {
    for bytes in [data] {
        let _ = tunnel::socks4_request(bytes);
        let _ = tunnel::socks5_request(bytes);
        let _ = tunnel::socks5_reply(bytes);
        let _ = tunnel::socks5_userpass(bytes);
        let _ = tunnel::http_connect_request(bytes);
        let _ = tunnel::http_connect_reply(bytes);
    }
    let config = ClassifyConfig::default();
    for port in [8080u16, 25] {
        let info = ConnInfo {
            id: ConnId(1),
            client: "10.0.0.1:40000".parse().unwrap(),
            server: format!("10.0.0.2:{port}").parse().unwrap(),
            handshake_seen: data.first().is_some_and(|b| b & 1 == 0),
            first_frame: 1,
            start: Timestamp::new(0, 0),
        };
        let mut conn = Connection::open(info, &config);
        let mut rest = data.get(1..).unwrap_or_default();
        let mut frame = 2;
        while let [head, tail @ ..] = rest {
            let len = usize::from(head & 0x7f).min(tail.len());
            let (chunk, after) = tail.split_at(len);
            rest = after;
            let dir = if head & 0x80 == 0 {
                Direction::ClientToServer
            } else {
                Direction::ServerToClient
            };
            let kind = if chunk.first() == Some(&0xff) {
                EventKind::Gap { len: 7, cause: smtpscope::reasm::GapCause::Acked }
            } else {
                EventKind::Data(chunk)
            };
            let event = StreamEvent {
                conn: ConnId(1),
                dir,
                ts: Timestamp::new(0, frame as u32),
                frame,
                kind,
            };
            frame += 1;
            let _ = conn.on_event(&event, &config, &mut |info| SmtpDecoder::new(info));
        }
        let summary = ConnSummary {
            cause: CloseCause::EndOfInput,
            end: Timestamp::new(1, 0),
            last_frame: frame,
            c2s: DirStats::default(),
            s2c: DirStats::default(),
        };
        let _ = conn.finish(summary, &config, &mut |info| SmtpDecoder::new(info));
    }
});
