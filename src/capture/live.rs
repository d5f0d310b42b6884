//! Live capture from a network interface through libpcap (the `pcap` crate; Npcap on Windows).
//!
//! Owns opening an interface (snap length, promiscuous mode, kernel buffer size, a short read
//! timeout), installing the BPF filter, handing out packets as a
//! [`PacketSource`](super::PacketSource), turning libpcap's errors into sentences an administrator
//! can act on, and reading libpcap's drop counters into
//! [`CaptureStats::dropped_by_capture`]. The handle is non-blocking and [`LiveSource::poll`] waits
//! on its descriptor for at most [`IDLE_WAIT`], so it returns [`Poll::Idle`] regularly and the
//! caller can evict idle sessions by wall clock and notice stop requests even when no packet arrives
//! (libpcap's own read timeout cannot promise that: on Linux with TPACKET_V3 it waits for the kernel
//! to hand over a block, which an idle interface never does). Must not: decode anything inside a
//! frame.

use std::fmt::Write as _;
use std::time::Duration;

use pcap::{Active, Capture, Device};

use super::{CaptureError, CaptureStats, LinkType, Packet, Timestamp};

/// Milliseconds libpcap may hold packets in the kernel before handing them over.
const READ_TIMEOUT_MS: i32 = 250;

/// How long [`LiveSource::poll`] waits for a packet before it returns [`Poll::Idle`].
pub const IDLE_WAIT: Duration = Duration::from_millis(250);

/// How to open an interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveOptions {
    /// The interface name (`any` for all of them on Linux).
    pub interface: String,
    /// The BPF filter expression.
    pub filter: String,
    /// Bytes kept of each packet.
    pub snaplen: i32,
    /// Promiscuous mode.
    pub promisc: bool,
    /// The kernel's capture buffer in KiB.
    pub buffer_kib: i32,
}

/// What one read produced.
pub enum Poll<'a> {
    /// A packet.
    Packet(Packet<'a>),
    /// The read timeout expired without a packet.
    Idle,
}

/// An open interface.
pub struct LiveSource {
    capture: Capture<Active>,
    name: String,
    link: LinkType,
    frame: u64,
    stats: CaptureStats,
    buffer: Vec<u8>,
}

/// Why an interface could not be opened or read, as one sentence.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LiveError(pub String);

impl LiveSource {
    /// Opens the interface and installs the filter.
    ///
    /// # Errors
    /// The interface does not exist (the sentence lists the available ones), the process may not
    /// capture (the sentence says how to grant it), or the filter does not compile.
    pub fn open(options: &LiveOptions) -> Result<LiveSource, LiveError> {
        let inactive =
            Capture::from_device(options.interface.as_str()).map_err(|e| open_error(options, &e))?;
        let mut capture = inactive
            .snaplen(options.snaplen)
            .promisc(options.promisc)
            .buffer_size(options.buffer_kib.saturating_mul(1024))
            .timeout(READ_TIMEOUT_MS)
            .open()
            .and_then(Capture::setnonblock)
            .map_err(|e| open_error(options, &e))?;
        capture.filter(&options.filter, true).map_err(|e| {
            LiveError(format!(
                "the capture filter `{}` is not valid BPF: {e}",
                options.filter
            ))
        })?;
        let link = LinkType(u32::try_from(capture.get_datalink().0).unwrap_or(u32::MAX));
        Ok(LiveSource {
            capture,
            name: options.interface.clone(),
            link,
            frame: 0,
            stats: CaptureStats::default(),
            buffer: Vec::new(),
        })
    }

    /// The interface's link type.
    pub fn link(&self) -> LinkType {
        self.link
    }

    /// Waits at most [`IDLE_WAIT`] for the next packet.
    ///
    /// # Errors
    /// libpcap failed to read (the interface went away, …).
    pub fn poll(&mut self) -> Result<Poll<'_>, CaptureError> {
        let Some((ts, orig_len)) = self.read_into_buffer()? else {
            self.wait_readable();
            return match self.read_into_buffer()? {
                Some((ts, orig_len)) => Ok(self.deliver(ts, orig_len)),
                None => Ok(Poll::Idle),
            };
        };
        Ok(self.deliver(ts, orig_len))
    }

    /// One non-blocking read: the packet's time stamp and original length with its bytes copied
    /// into the buffer, or `None` when nothing is waiting. (The copy lets [`LiveSource::poll`] read
    /// again after waiting: a packet borrowed from libpcap would hold the handle across the wait.)
    fn read_into_buffer(&mut self) -> Result<Option<(Timestamp, u32)>, CaptureError> {
        match self.capture.next_packet() {
            Ok(packet) => {
                self.buffer.clear();
                self.buffer.extend_from_slice(packet.data);
                // time_t is 32 bits on some targets.
                #[allow(clippy::useless_conversion)]
                let seconds = i64::from(packet.header.ts.tv_sec);
                let ts = Timestamp::new(
                    seconds,
                    u32::try_from(packet.header.ts.tv_usec)
                        .unwrap_or(0)
                        .saturating_mul(1000),
                );
                Ok(Some((ts, packet.header.len)))
            }
            Err(pcap::Error::TimeoutExpired) => Ok(None),
            Err(e) => Err(CaptureError::Io {
                file: self.name.clone(),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }

    /// Counts the packet in the buffer and hands it out.
    fn deliver(&mut self, ts: Timestamp, orig_len: u32) -> Poll<'_> {
        self.frame = self.frame.saturating_add(1);
        self.stats.packets = self.stats.packets.saturating_add(1);
        self.stats.bytes = self.stats.bytes.saturating_add(self.buffer.len() as u64);
        Poll::Packet(Packet {
            frame: self.frame,
            interface: 0,
            ts,
            link: self.link,
            orig_len,
            data: &self.buffer,
        })
    }

    /// Sleeps until the capture descriptor is readable or [`IDLE_WAIT`] have passed; a signal
    /// ends the wait early, which is what a stop request wants.
    #[cfg(unix)]
    fn wait_readable(&self) {
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        let mut descriptor = [PollFd::new(&self.capture, PollFlags::IN)];
        // An interrupted or failed wait only means the caller reads again sooner.
        match Timespec::try_from(IDLE_WAIT) {
            Ok(timeout) => {
                let _ = poll(&mut descriptor, Some(&timeout));
            }
            Err(_) => std::thread::sleep(IDLE_WAIT),
        }
    }

    /// Where there is no descriptor to wait on, a short sleep stands in for it.
    #[cfg(not(unix))]
    fn wait_readable(&self) {
        std::thread::sleep(IDLE_WAIT / 10);
    }

    /// The counters so far (drops as of the last [`LiveSource::refresh_drop_counters`]).
    pub fn stats(&self) -> &CaptureStats {
        &self.stats
    }

    /// Reads libpcap's counters of packets dropped by the kernel and the interface.
    pub fn refresh_drop_counters(&mut self) {
        if let Ok(stat) = self.capture.stats() {
            self.stats.dropped_by_capture =
                Some(u64::from(stat.dropped).saturating_add(u64::from(stat.if_dropped)));
        }
    }
}

/// The sentence for a failure to open `options.interface`.
fn open_error(options: &LiveOptions, error: &pcap::Error) -> LiveError {
    let text = error.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("permission") || lower.contains("not permitted") {
        let binary =
            std::env::current_exe().map_or_else(|_| "smtpscope".to_string(), |p| p.display().to_string());
        return LiveError(format!(
            "no permission to capture on {}: run as root, or grant the capability once with \
             `setcap cap_net_raw,cap_net_admin=eip {binary}`",
            options.interface
        ));
    }
    let known = Device::list().unwrap_or_default();
    if !known.iter().any(|d| d.name == options.interface) {
        let names: Vec<String> = known.into_iter().map(|d| d.name).collect();
        return LiveError(format!(
            "there is no interface named {}; available: {} (see `smtpscope live --list-interfaces`)",
            options.interface,
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
    }
    LiveError(format!("cannot capture on {}: {text}", options.interface))
}

/// The interfaces libpcap can capture on, one line each: name, flags, addresses, description.
///
/// # Errors
/// libpcap could not list them.
pub fn interface_list() -> Result<String, LiveError> {
    let devices = Device::list().map_err(|e| LiveError(format!("cannot list the interfaces: {e}")))?;
    let mut out = String::new();
    for device in devices {
        let mut flags = Vec::new();
        if device.flags.is_up() {
            flags.push("up");
        }
        if device.flags.is_running() {
            flags.push("running");
        }
        if device.flags.is_loopback() {
            flags.push("loopback");
        }
        let addresses: Vec<String> = device.addresses.iter().map(|a| a.addr.to_string()).collect();
        let _ = write!(out, "{:<16} {:<22}", device.name, flags.join(","));
        if !addresses.is_empty() {
            let _ = write!(out, " {}", addresses.join(" "));
        }
        if let Some(desc) = &device.desc {
            let _ = write!(out, "  ({desc})");
        }
        out.push('\n');
    }
    Ok(out)
}
