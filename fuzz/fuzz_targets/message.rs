//! Any bytes as a message body: cut into pieces (some lost as gaps) and fed to the message
//! decoder with small limits. It must never panic, its records must respect its limits, and every
//! header byte it took from the shared budget must be given back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::message::{Budget, Limits, MessageDecoder, Options, MAX_ANOMALIES};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let options = Options {
        limits: Limits {
            max_message_size: 1 << 16,
            max_header_bytes: 512,
            max_depth: 6,
            max_parts: 40,
        },
        budget: Budget::new(if flags & 1 == 0 { 1 << 20 } else { 300 }),
    };
    let mut decoder = MessageDecoder::new(&options);
    // Each piece: 1 header byte (bit 7: a gap of that many bytes instead, low 7 bits: length).
    while let Some((&header, tail)) = rest.split_first() {
        let len = usize::from(header & 0x7f).min(tail.len());
        let (piece, after) = tail.split_at(len);
        rest = after;
        if header & 0x80 != 0 {
            decoder.gap(len as u64 + 1);
        } else {
            decoder.push(piece);
        }
    }
    let message = decoder.finish(flags & 2 == 0, None);
    assert!(message.parts.len() <= options.limits.max_parts);
    assert!(message.parts.iter().all(|p| p.depth <= options.limits.max_depth));
    assert!(message.anomalies.len() <= MAX_ANOMALIES);
    assert!(message.parts.iter().all(|p| p.sha256.is_none() || p.complete));
    assert_eq!(options.budget.used(), 0);
});
