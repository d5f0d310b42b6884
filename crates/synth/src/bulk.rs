//! A large multi-session SMTP capture of realistic shape, streamed to a writer: the benchmark input.
//!
//! Owns [`write_bulk_capture`]. Sessions run in batches of [`BulkOptions::concurrency`] overlapping
//! connections (staggered starts, frames merged by time); each batch is written and dropped before
//! the next starts after it, so memory is bounded by one batch whatever the target size. Each session
//! is the complete ESMTP dialogue of [`super::samples::smtp_session`] with a DATA body of a
//! seeded pseudo-random size, cut into full-size segments. The same options give the same bytes.
//!
//! Must not: hold the whole capture in memory.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use super::rng::SplitMix;
use super::samples::{message_body, smtp_session};
use super::{advance, Capture, Close, SynthError, SynthOptions};
use smtpscope::capture::write::PcapWriter;
use smtpscope::capture::{LinkType, Timestamp};
use smtpscope::net::flow::Direction;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkOptions {
    /// Stop after the first batch that brings the file to at least this many bytes.
    pub target_bytes: u64,
    /// Seed of the body sizes and sequence numbers.
    pub seed: u64,
    /// Connections open at the same time.
    pub concurrency: usize,
    /// Smallest DATA body.
    pub min_body: usize,
    /// Largest DATA body.
    pub max_body: usize,
    /// Largest TCP payload per segment.
    pub mss: u16,
}

impl BulkOptions {
    /// Sessions of 8 KiB to 256 KiB bodies in 1460-byte segments, 8 at a time, seed 1.
    pub fn new(target_bytes: u64) -> Self {
        BulkOptions {
            target_bytes,
            seed: 1,
            concurrency: 8,
            min_body: 8 * 1024,
            max_body: 256 * 1024,
            mss: 1460,
        }
    }
}

/// What [`write_bulk_capture`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkSummary {
    /// SMTP sessions (TCP connections).
    pub sessions: u64,
    /// Frames (pcap records).
    pub frames: u64,
    /// Bytes of the pcap file.
    pub file_bytes: u64,
    /// Bytes of DATA bodies delivered.
    pub body_bytes: u64,
}

/// The client of session `n`: 192.0.2.1–254, ports from 1024 up.
fn client_of(n: u64) -> SocketAddr {
    let host = (n % 254).saturating_add(1) as u8;
    let port = (n / 254 % 64_000).saturating_add(1024) as u16;
    SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, host), port))
}

/// Writes a little-endian microsecond Ethernet pcap of many SMTP sessions to `out`, stopping once
/// it holds at least `opts.target_bytes` bytes.
///
/// # Errors
/// An I/O error from `out` (or a [`SynthError`] if the generator itself is broken).
pub fn write_bulk_capture<W: Write>(out: W, opts: &BulkOptions) -> Result<BulkSummary, SynthError> {
    const PCAP_HEADER: u64 = 24;
    const RECORD_HEADER: u64 = 16;
    let server = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(198, 51, 100, 25), 25));
    let mut writer = PcapWriter::new(out, LinkType::ETHERNET)?;
    let mut summary = BulkSummary {
        file_bytes: PCAP_HEADER,
        ..BulkSummary::default()
    };
    let mut rng = SplitMix(opts.seed);
    let mut batch_start = Timestamp::new(1_704_164_645, 0);
    let span = opts.max_body.saturating_sub(opts.min_body).saturating_add(1) as u64;
    while summary.file_bytes < opts.target_bytes {
        let mut capture = Capture::new(LinkType::ETHERNET);
        for slot in 0..opts.concurrency.max(1) {
            let size = opts
                .min_body
                .saturating_add(rng.next_u64().checked_rem(span).unwrap_or(0) as usize);
            let script = smtp_session(&message_body(size, summary.sessions));
            let mut o = SynthOptions::new(client_of(summary.sessions), server);
            o.mss = opts.mss;
            o.client_isn = rng.next_u64() as u32;
            o.server_isn = rng.next_u64() as u32;
            o.step = Duration::from_micros(50);
            o.close = Close::Fin {
                from: Direction::ServerToClient,
            };
            o.start = advance(
                batch_start,
                Duration::from_micros(700).saturating_mul(slot as u32),
            );
            capture = capture.add(&script, &o)?;
            summary.sessions = summary.sessions.saturating_add(1);
            summary.body_bytes = summary.body_bytes.saturating_add(size as u64);
        }
        let mut last = batch_start;
        for (_, frame) in capture.frames() {
            let len = u32::try_from(frame.data.len()).unwrap_or(u32::MAX);
            writer.write_packet(frame.ts, len, &frame.data)?;
            summary.frames = summary.frames.saturating_add(1);
            summary.file_bytes = summary
                .file_bytes
                .saturating_add(RECORD_HEADER)
                .saturating_add(frame.data.len() as u64);
            last = frame.ts;
        }
        batch_start = advance(last, Duration::from_millis(1));
    }
    writer.into_inner()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_the_target_reports_the_true_size_and_is_deterministic() {
        let mut opts = BulkOptions::new(300_000);
        opts.concurrency = 3;
        let mut a = Vec::new();
        let sum = write_bulk_capture(&mut a, &opts).unwrap();
        assert!(sum.file_bytes >= 300_000);
        assert_eq!(sum.file_bytes, a.len() as u64);
        assert_eq!(sum.sessions % 3, 0);
        let mut b = Vec::new();
        assert_eq!(write_bulk_capture(&mut b, &opts).unwrap(), sum);
        assert_eq!(a, b);
        opts.seed = 2;
        let mut c = Vec::new();
        write_bulk_capture(&mut c, &opts).unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn clients_are_documentation_addresses() {
        assert_eq!(client_of(0).to_string(), "192.0.2.1:1024");
        assert_eq!(client_of(254).to_string(), "192.0.2.1:1025");
        assert_eq!(client_of(253).to_string(), "192.0.2.254:1024");
    }
}
