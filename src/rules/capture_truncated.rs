//! `capture-truncated`: the capture kept only the start of the connection's packets (its snap
//! length), so payload bytes the network carried are missing from it.
//!
//! Reference: pcap-savefile(5) and draft-ietf-opsawg-pcap (SnapLen; captured vs original length);
//! tcpdump(8) `-s`, dumpcap `-s`. The reassembler tells these bytes apart from loss: a frame whose
//! captured length is below its original length lost its tail *in the capture* (gap cause
//! `snaplen`), so `tcp-gap` never counts them and no loss advice is given for them.
//! Known false positives: none — the file itself says the bytes were cut. Frames truncated by a
//! capture filter that slices (`tcpdump -s`) and by hardware truncation look the same.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::Position;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "capture-truncated",
    severity: Severity::Warning,
    title: "The capture kept only the start of each packet (snap length): payload is missing",
    trigger: "Frames of the connection were captured shorter than they were on the wire, and the bytes cut \
              off were TCP payload.",
    advice: &[
        "Capture again without a packet size limit: `tcpdump -s 0` (or `-s 262144`), `dumpcap -s 0`, \
         Wireshark's capture options without \"Limit each packet\", Network Monitor without a frame size \
         limit. The network is not at fault: the bytes travelled, the capture did not keep them.",
        "Until then the dialogue is decoded from what was kept; commands, replies and message bodies cut \
         by the limit are shown as missing bytes.",
    ],
    caveats: "The snap length shown is the captured length of the cut frames (link, IP and TCP headers \
              included).",
    refs: &["pcap-savefile(5)", "draft-ietf-opsawg-pcap"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let snaplen = session.snaplen?;
    let bytes = session.snaplen_bytes();
    let segments = session.snaplen_segments();
    let first = Position {
        frame: session.info.first_frame,
        ts: session.info.start,
    };
    Some(
        Finding::new(
            &INFO,
            Some(first),
            None,
            crate::msg!(
                "summary-capture-truncated",
                snaplen = snaplen.to_string(),
                bytes = bytes.to_string(),
                segments = segments.to_string()
            ),
        )
        .evidence([
            Evidence::fact(
                None,
                crate::msg!("evidence-snaplen", snaplen = snaplen.to_string()),
            ),
            Evidence::fact(
                None,
                crate::msg!(
                    "evidence-snaplen-lost",
                    c2s_bytes = session.summary.c2s.snaplen_bytes.to_string(),
                    c2s_segments = session.summary.c2s.snaplen_segments.to_string(),
                    s2c_bytes = session.summary.s2c.snaplen_bytes.to_string(),
                    s2c_segments = session.summary.s2c.snaplen_segments.to_string(),
                ),
            ),
        ])
        .count(segments),
    )
}
