//! Capture input: packets, their timestamps and link types, from files (and, with the `live`
//! feature, from interfaces).
//!
//! Owns reading capture containers — pcap (both byte orders, µs and ns, and the modified, Red Hat,
//! SuSE and Nokia variants), pcapng (either byte order, several interfaces, enhanced/simple/obsolete
//! packet blocks), Microsoft Network Monitor 1.x and 2.x, and Solaris snoop — with the format
//! detected from the magic bytes, never from the file name, through gzip, zstd, xz, lzma or bzip2
//! compression (`codec`); and writing pcap/pcapng (for `live --write` and for the synthetic captures
//! of the test suite).
//!
//! Contract: a [`PacketSource`] hands out one [`Packet`] at a time, borrowing its bytes from the
//! reader's buffer until the next call (no copy per packet). Frame numbers are 1-based, as in
//! Wireshark, and count every record in the file, including the ones skipped. Records that are
//! malformed but leave the reader in sync (a zero-length frame, a record longer than the snap length)
//! are skipped and counted in [`CaptureStats::skipped`]; a record that breaks the framing (cut off
//! mid-record, a length pointing past the end, a garbage header) ends the file with a
//! [`CaptureError`] naming the frame and byte offset, and everything read before it stays valid.
//! Memory is bounded by the largest record accepted ([`MAX_RECORD_LEN`]), never by the file size.
//!
//! Must not: decode link, IP or TCP headers, or know anything about SMTP.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::PathBuf;

pub use crate::time::Timestamp;

pub mod codec;
pub mod file;
#[cfg(feature = "live")]
pub mod live;
mod netmon;
mod pcap;
mod pcapng;
pub mod set;
mod snoop;
mod stream;
pub mod write;

/// The largest record (captured frame) a reader accepts; longer ones are garbage or hostile.
///
/// 256 KiB is libpcap's and Wireshark's maximum snap length.
pub const MAX_RECORD_LEN: u32 = 262_144;

/// A link-layer header type, numbered as tcpdump.org's `LINKTYPE_*` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkType(pub u32);

impl LinkType {
    /// BSD loopback: a 4-byte address family in the byte order of the capturing host.
    pub const NULL: LinkType = LinkType(0);
    /// Ethernet II, possibly with 802.1Q / 802.1ad tags.
    pub const ETHERNET: LinkType = LinkType(1);
    /// Raw IP (IPv4 or IPv6, told apart by the version nibble).
    pub const RAW: LinkType = LinkType(101);
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    pub const LOOP: LinkType = LinkType(108);
    /// Linux cooked capture v1 (`-i any` before libpcap 1.10).
    pub const LINUX_SLL: LinkType = LinkType(113);
    /// Raw IPv4.
    pub const IPV4: LinkType = LinkType(228);
    /// Raw IPv6.
    pub const IPV6: LinkType = LinkType(229);
    /// Linux cooked capture v2 (`-i any` with libpcap 1.10+).
    pub const LINUX_SLL2: LinkType = LinkType(276);
    /// DLT_RAW as numbered on some BSDs (12) and OpenBSD (14): raw IP.
    pub const RAW_BSD12: LinkType = LinkType(12);
    /// DLT_RAW as numbered on OpenBSD (14): raw IP.
    pub const RAW_BSD14: LinkType = LinkType(14);

    /// A short name for messages and the summary (`ethernet`, `linux_sll2`, `linktype_147`, …).
    pub fn name(self) -> String {
        match self {
            LinkType::NULL => "null".into(),
            LinkType::ETHERNET => "ethernet".into(),
            LinkType::RAW | LinkType::RAW_BSD12 | LinkType::RAW_BSD14 => "raw".into(),
            LinkType::LOOP => "loop".into(),
            LinkType::LINUX_SLL => "linux_sll".into(),
            LinkType::IPV4 => "ipv4".into(),
            LinkType::IPV6 => "ipv6".into(),
            LinkType::LINUX_SLL2 => "linux_sll2".into(),
            LinkType(n) => format!("linktype_{n}"),
        }
    }
}

impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// One captured frame, borrowed from the source until its next call.
#[derive(Clone, Copy, Debug)]
pub struct Packet<'a> {
    /// 1-based frame number within its file, as Wireshark shows it; when several files are read as
    /// one capture, a frame reference carrying the file's index too (see [`set::frame_ref`]).
    pub frame: u64,
    /// The interface it was captured on, as the file numbers them (the pcapng interface id; 0 for
    /// formats with one interface).
    pub interface: u32,
    /// When the frame was captured (UTC).
    pub ts: Timestamp,
    /// How to decode the first bytes of `data`.
    pub link: LinkType,
    /// Length of the frame on the wire; `data.len()` is smaller when the snap length cut it.
    pub orig_len: u32,
    /// The captured bytes.
    pub data: &'a [u8],
}

/// The container format of a capture file, detected from its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// libpcap classic format (either byte order, micro- or nanosecond timestamps).
    Pcap,
    /// pcap next generation.
    PcapNg,
    /// Microsoft Network Monitor 1.x (`.cap`).
    NetMon1,
    /// Microsoft Network Monitor 2.x (`.cap`).
    NetMon2,
    /// Solaris snoop (RFC 1761).
    Snoop,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Pcap => "pcap",
            Format::PcapNg => "pcapng",
            Format::NetMon1 => "netmon1",
            Format::NetMon2 => "netmon2",
            Format::Snoop => "snoop",
        })
    }
}

/// Counters a source keeps while reading; merged into the run summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptureStats {
    /// Records read and handed out as packets.
    pub packets: u64,
    /// Bytes of captured frame data handed out.
    pub bytes: u64,
    /// Records skipped without losing sync, by reason (`zero_length`, `over_snaplen`, …).
    pub skipped: BTreeMap<&'static str, u64>,
    /// Packets the capturing host says it dropped (pcapng interface statistics `isb_ifdrop` /
    /// `isb_osdrop`, or libpcap's counters when live); `None` when the capture does not say.
    pub dropped_by_capture: Option<u64>,
}

impl CaptureStats {
    /// Counts one skipped record under `reason`.
    pub fn skip(&mut self, reason: &'static str) {
        let n = self.skipped.entry(reason).or_insert(0);
        *n = n.saturating_add(1);
    }
}

/// The container formats read, as error messages list them.
pub const FORMATS_READ: &str = "pcap, pcapng, Network Monitor or snoop, optionally compressed";

/// Why reading a capture stopped or could not start.
///
/// Every variant names the input; the ones met mid-file name the frame and byte offset, so the
/// caller can report it in one sentence and keep every result found before it.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The input does not start with the magic bytes of any supported format.
    #[error("{file} is not a capture file ({FORMATS_READ}): it starts with {first_bytes}")]
    NotACapture {
        /// The input's name.
        file: String,
        /// The first bytes, in hex and as text.
        first_bytes: String,
    },
    /// The input is compressed, and what it holds is not a capture.
    #[error(
        "{file} is {compression}-compressed, but what it holds is not a capture file \
         ({FORMATS_READ}): it starts with {first_bytes}"
    )]
    NotACaptureInside {
        /// The input's name.
        file: String,
        /// The compression around it.
        compression: codec::Compression,
        /// The first decompressed bytes, in hex and as text.
        first_bytes: String,
    },
    /// The input is compressed or archived in a way this tool does not read.
    #[error("{file} is {what}, which smtpscope does not read: {advice}")]
    UnsupportedCompression {
        /// The input's name.
        file: String,
        /// The compression or archive format.
        what: &'static str,
        /// What to do instead.
        advice: &'static str,
    },
    /// The file ends in the middle of a header or record.
    #[error("{file}: cut off in frame {frame} at byte offset {offset}: {what}")]
    Truncated {
        /// The input's name.
        file: String,
        /// The frame being read when the data ran out.
        frame: u64,
        /// Byte offset of the incomplete record or header.
        offset: u64,
        /// What was being read.
        what: String,
    },
    /// A header or record is malformed in a way that makes the rest of the file unreadable.
    #[error("{file}: malformed {what} in frame {frame} at byte offset {offset}")]
    Corrupt {
        /// The input's name.
        file: String,
        /// The frame being read.
        frame: u64,
        /// Byte offset of the malformed structure.
        offset: u64,
        /// What is wrong, in a few words.
        what: String,
    },
    /// The operating system failed to read the input.
    #[error("{file}: {source}")]
    Io {
        /// The input's name.
        file: String,
        /// The underlying error.
        source: io::Error,
    },
}

/// A stream of packets from a file or an interface.
pub trait PacketSource {
    /// The next packet, `Ok(None)` at the end of input.
    ///
    /// # Errors
    /// A [`CaptureError`] when the input cannot be read on; the source is finished after it and
    /// every packet handed out before stays valid.
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError>;

    /// The counters so far.
    fn stats(&self) -> &CaptureStats;

    /// The container format.
    fn format(&self) -> Format;

    /// Errors met in inputs that ended early while the source went on with others (a file of a
    /// set); each is handed out once. A single file's error is the `Err` of
    /// [`PacketSource::next_packet`] instead.
    fn take_errors(&mut self) -> Vec<CaptureError> {
        Vec::new()
    }
}

/// Where a capture comes from: a path, or standard input (`-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// Parses a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}
