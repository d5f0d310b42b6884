//! The record of one TCP connection on an SMTP port, as the report shows it.
//!
//! Owns [`Session`] (everything known about one connection once it has ended) and [`RunSummary`]
//! (the counters of a whole run). Both are plain owned data, built by `app` from stage outputs and
//! rendered by `output`. Must not: decode bytes, print, or judge.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::capture::set::{FileNames, FrameLabel};
use crate::capture::Timestamp;
use crate::net::Direction;
use crate::reasm::{CloseCause, ConnInfo, ConnSummary, DirStats, GapRecord};
use crate::rules::{Finding, FindingTally};
use crate::smtp::Dialogue;

/// One TCP connection on an SMTP port, from its first to its last packet.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The capture file it was read from (for a capture made of several files, the file of its
    /// first packet).
    pub file: Arc<str>,
    /// The names of the files of its capture, to show its frames with (`ring_00002.pcap#17` when
    /// the capture is made of several files, plain numbers otherwise).
    pub files: Arc<FileNames>,
    /// Transport facts known at the first packet.
    pub info: ConnInfo,
    /// Transport facts known at the end.
    pub summary: ConnSummary,
    /// What the SMTP decoder made of the two byte streams.
    pub dialogue: Dialogue,
    /// The proxy the session went through (SOCKS or HTTP CONNECT), when it did: its client and
    /// server are then the client and the proxy, and the dialogue is with the proxy's target.
    pub tunnel: Option<crate::classify::Tunnel>,
    /// The capture's snap length, when it cut payload bytes of this connection (the captured length
    /// of its cut frames: every byte past it was not kept).
    pub snaplen: Option<u32>,
    /// When the connection was still open at the end of the capture: the time of the capture's last
    /// packet (how long the capture went on after this connection's last packet tells whether the
    /// capture cut it short).
    pub capture_end: Option<Timestamp>,
    /// The findings shown for it (after `--severity`/`--only`/`--exclude`), in registry order,
    /// then those of the flow stage (DNS).
    pub findings: Vec<Finding>,
    /// The DNS lookups that led to it (the client's MX and address lookups before it connected,
    /// the server's reverse lookup of the client), linked by the flow stage; in capture order.
    pub dns: Vec<crate::dns::Lookup>,
}

impl Session {
    /// How to show one of its frames: `17`, or `ring_00002.pcap#17` in a capture of several files.
    pub fn frame(&self, frame: u64) -> FrameLabel<'_> {
        self.files.frame(frame)
    }

    /// The session id shown in every output (unique within a run).
    pub fn id(&self) -> String {
        self.info.id.0.to_string()
    }

    /// One direction's stats.
    pub fn stats(&self, dir: Direction) -> &DirStats {
        match dir {
            Direction::ClientToServer => &self.summary.c2s,
            Direction::ServerToClient => &self.summary.s2c,
        }
    }

    /// Both directions' stats, client-to-server first.
    pub fn directions(&self) -> [(Direction, &DirStats); 2] {
        [Direction::ClientToServer, Direction::ServerToClient].map(|dir| (dir, self.stats(dir)))
    }

    /// Every gap of both directions, in the order client-to-server then server-to-client.
    pub fn gaps(&self) -> impl Iterator<Item = (Direction, &GapRecord)> + Clone {
        self.directions()
            .into_iter()
            .flat_map(|(dir, stats)| stats.gaps.iter().map(move |g| (dir, g)))
    }

    /// Retransmitted segments in both directions.
    pub fn retransmitted_segments(&self) -> u64 {
        self.summary
            .c2s
            .retransmitted
            .saturating_add(self.summary.s2c.retransmitted)
    }

    /// Whether a RST was seen from either side.
    pub fn reset(&self) -> bool {
        self.summary.c2s.rst || self.summary.s2c.rst
    }

    /// How the connection ended, as OUTPUT.md names it: `fin`, `rst` or `open`.
    pub fn closed(&self) -> &'static str {
        match self.summary.cause {
            CloseCause::Fin => "fin",
            CloseCause::Rst => "rst",
            CloseCause::Idle | CloseCause::Reused | CloseCause::EndOfInput | CloseCause::Evicted => "open",
        }
    }

    /// Time of the last packet.
    pub fn end(&self) -> Timestamp {
        self.summary.end
    }

    /// Payload bytes the capture's snap length cut, in both directions.
    pub fn snaplen_bytes(&self) -> u64 {
        self.summary
            .c2s
            .snaplen_bytes
            .saturating_add(self.summary.s2c.snaplen_bytes)
    }

    /// Segments whose payload the snap length cut, in both directions.
    pub fn snaplen_segments(&self) -> u64 {
        self.summary
            .c2s
            .snaplen_segments
            .saturating_add(self.summary.s2c.snaplen_segments)
    }
}

/// Counters of a whole run, printed last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    /// Capture files read (or attempted).
    pub files: u64,
    /// The interface captured on, for a live run.
    pub interface: Option<String>,
    /// Packets read.
    pub packets: u64,
    /// Captured bytes read.
    pub bytes: u64,
    /// SMTP-port sessions reported.
    pub sessions: u64,
    /// TCP connections seen on any port (as Wireshark counts `tcp.stream`).
    pub tcp_connections: u64,
    /// Packets not decoded into an SMTP-port segment, by reason.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Packets the capturing host reported dropping, when any capture says so.
    pub capture_drops: Option<u64>,
    /// Findings reported, by severity.
    pub findings: FindingTally,
    /// Capture-wide findings (not tied to a session), in the order they were made.
    pub capture_findings: Vec<Finding>,
    /// Inputs that could not be read completely (one sentence each).
    pub input_errors: Vec<String>,
    /// Wall-clock seconds the run took.
    pub elapsed_s: f64,
}

impl RunSummary {
    /// Adds `n` to the skip counter `reason`.
    pub fn skip(&mut self, reason: &'static str, n: u64) {
        let c = self.skipped.entry(reason).or_insert(0);
        *c = c.saturating_add(n);
    }

    /// Adds another run's counters, findings tally and errors (not its capture-wide findings,
    /// which the caller reports itself).
    pub fn merge(&mut self, other: &RunSummary) {
        self.files = self.files.saturating_add(other.files);
        self.packets = self.packets.saturating_add(other.packets);
        self.bytes = self.bytes.saturating_add(other.bytes);
        self.sessions = self.sessions.saturating_add(other.sessions);
        self.tcp_connections = self.tcp_connections.saturating_add(other.tcp_connections);
        for (reason, n) in &other.skipped {
            self.skip(reason, *n);
        }
        if let Some(drops) = other.capture_drops {
            self.capture_drops = Some(self.capture_drops.unwrap_or(0).saturating_add(drops));
        }
        self.findings.merge(&other.findings);
        self.input_errors.extend(other.input_errors.iter().cloned());
    }
}
