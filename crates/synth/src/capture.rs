//! A synthetic capture: the frames of several connections on one or more interfaces, merged by
//! time, written as pcap or pcapng.
//!
//! Invariant: frames come out in timestamp order; frames with equal timestamps keep the order in
//! which they were added (earlier connection first, then capture order within a connection).

use std::io::Write;

use super::{synthesize, Script, SynthError, SynthFrame, SynthOptions, Synthesized};
use smtpscope::capture::write::{
    ByteOrder, InterfaceOptions, InterfaceStatistics, PcapNgWriter, PcapOptions, PcapWriter, TsResolution,
};
use smtpscope::capture::LinkType;

/// Frames of one or more synthetic connections, ready to be written.
#[derive(Clone, Debug)]
pub struct Capture {
    interfaces: Vec<InterfaceOptions>,
    /// (interface id, frame), sorted by timestamp.
    frames: Vec<(u32, SynthFrame)>,
    /// Interface statistics written after the last packet (pcapng only).
    statistics: Vec<(u32, InterfaceStatistics)>,
}

impl Capture {
    /// A capture with a single interface (id 0) of `link` frames.
    pub fn new(link: LinkType) -> Self {
        Capture::with_interfaces(vec![InterfaceOptions::new(link)])
    }

    /// A capture with the given interfaces, numbered from 0 in order (pcapng keeps their names,
    /// snap lengths and timestamp units; pcap allows only one).
    pub fn with_interfaces(interfaces: Vec<InterfaceOptions>) -> Self {
        Capture {
            interfaces,
            frames: Vec::new(),
            statistics: Vec::new(),
        }
    }

    /// Adds the connection `script` under `opts` on interface 0.
    ///
    /// # Errors
    /// What [`synthesize`] refuses, or [`SynthError::LinkMismatch`] when the connection's
    /// encapsulation does not match interface 0.
    pub fn add(self, script: &Script, opts: &SynthOptions) -> Result<Self, SynthError> {
        self.add_on(0, script, opts)
    }

    /// Adds the connection `script` under `opts` on interface `interface`.
    ///
    /// # Errors
    /// What [`synthesize`] refuses, [`SynthError::NoSuchInterface`], or
    /// [`SynthError::LinkMismatch`] when the encapsulation does not match the interface.
    pub fn add_on(self, interface: u32, script: &Script, opts: &SynthOptions) -> Result<Self, SynthError> {
        let connection = synthesize(script, opts)?;
        self.add_frames(interface, connection)
    }

    /// Adds already synthesized frames on interface `interface`.
    ///
    /// # Errors
    /// [`SynthError::NoSuchInterface`] or [`SynthError::LinkMismatch`].
    pub fn add_frames(mut self, interface: u32, connection: Synthesized) -> Result<Self, SynthError> {
        let expected = self.interface(interface)?.link;
        if expected != connection.link {
            return Err(SynthError::LinkMismatch {
                interface,
                expected,
                got: connection.link,
            });
        }
        self.frames
            .extend(connection.frames.into_iter().map(|f| (interface, f)));
        // A stable sort keeps insertion order among equal timestamps.
        self.frames.sort_by_key(|(_, f)| f.ts);
        Ok(self)
    }

    /// Records interface statistics, written after the last packet of a pcapng file.
    ///
    /// # Errors
    /// [`SynthError::NoSuchInterface`].
    pub fn statistics(mut self, interface: u32, stats: InterfaceStatistics) -> Result<Self, SynthError> {
        self.interface(interface)?;
        self.statistics.push((interface, stats));
        Ok(self)
    }

    fn interface(&self, id: u32) -> Result<&InterfaceOptions, SynthError> {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.interfaces.get(i))
            .ok_or(SynthError::NoSuchInterface(id))
    }

    /// The frames in capture order, each with its interface id.
    pub fn frames(&self) -> impl Iterator<Item = (u32, &SynthFrame)> + '_ {
        self.frames.iter().map(|(i, f)| (*i, f))
    }

    /// Writes a little-endian, microsecond pcap file.
    ///
    /// # Errors
    /// [`SynthError::TooManyInterfacesForPcap`] unless the capture has exactly one interface, or an
    /// I/O error.
    pub fn write_pcap<W: Write>(&self, out: W) -> Result<W, SynthError> {
        self.write_pcap_with(out, ByteOrder::Little, TsResolution::Micro)
    }

    /// Writes a pcap file in the given byte order and timestamp unit.
    ///
    /// # Errors
    /// As [`Capture::write_pcap`].
    pub fn write_pcap_with<W: Write>(
        &self,
        out: W,
        byte_order: ByteOrder,
        resolution: TsResolution,
    ) -> Result<W, SynthError> {
        let [iface] = self.interfaces.as_slice() else {
            return Err(SynthError::TooManyInterfacesForPcap(self.interfaces.len()));
        };
        let options = PcapOptions {
            link: iface.link,
            snaplen: iface.snaplen,
            byte_order,
            resolution,
        };
        let mut writer = PcapWriter::with_options(out, options)?;
        for (_, frame) in &self.frames {
            writer.write_packet(frame.ts, frame_len(frame), &frame.data)?;
        }
        Ok(writer.into_inner()?)
    }

    /// Writes a little-endian pcapng file: every interface, every frame, then the statistics
    /// (timestamped with the last frame's time).
    ///
    /// # Errors
    /// An I/O error, or a timestamp before 1970.
    pub fn write_pcapng<W: Write>(&self, out: W) -> Result<W, SynthError> {
        let mut writer = PcapNgWriter::new(out)?;
        for iface in &self.interfaces {
            writer.add_interface(iface)?;
        }
        for (interface, frame) in &self.frames {
            writer.write_packet(*interface, frame.ts, frame_len(frame), &frame.data)?;
        }
        let end = self.frames.last().map(|(_, f)| f.ts).unwrap_or_default();
        for (interface, stats) in &self.statistics {
            writer.write_statistics(*interface, end, stats)?;
        }
        Ok(writer.into_inner()?)
    }
}

/// A whole frame's length on the wire.
fn frame_len(frame: &SynthFrame) -> u32 {
    u32::try_from(frame.data.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Encapsulation;
    use smtpscope::capture::Timestamp;
    use std::time::Duration;

    fn opts(client: &str, start: i64) -> SynthOptions {
        let mut o = SynthOptions::new(client.parse().unwrap(), "198.51.100.25:25".parse().unwrap());
        o.start = Timestamp::new(start, 0);
        o.step = Duration::from_millis(400);
        o
    }

    #[test]
    fn connections_are_merged_by_time() {
        let script = Script::new().server("220 a\r\n").client("QUIT\r\n");
        let cap = Capture::new(LinkType::ETHERNET)
            .add(&script, &opts("192.0.2.1:1111", 100))
            .unwrap()
            .add(&script, &opts("192.0.2.2:2222", 101))
            .unwrap();
        let ts: Vec<Timestamp> = cap.frames().map(|(_, f)| f.ts).collect();
        assert!(ts.windows(2).all(|w| w[0] <= w[1]));
        // The second connection starts while the first is still running: frames interleave.
        let ports: Vec<u8> = cap.frames().map(|(_, f)| f.data[14 + 12 + 3]).collect();
        let first_b = ports.iter().position(|&p| p == 2).unwrap();
        assert!(ports[first_b..].contains(&1), "{ports:?}");
    }

    #[test]
    fn wrong_interface_or_link_type_is_refused() {
        let script = Script::new().client("x");
        let mut o = opts("192.0.2.1:1111", 100);
        o.link = Encapsulation::RawIp;
        let err = Capture::new(LinkType::ETHERNET).add(&script, &o).unwrap_err();
        assert!(matches!(err, SynthError::LinkMismatch { .. }));
        let err = Capture::new(LinkType::RAW).add_on(1, &script, &o).unwrap_err();
        assert!(matches!(err, SynthError::NoSuchInterface(1)));
        let two = Capture::with_interfaces(vec![
            InterfaceOptions::new(LinkType::RAW),
            InterfaceOptions::new(LinkType::ETHERNET),
        ]);
        assert!(matches!(
            two.write_pcap(Vec::new()),
            Err(SynthError::TooManyInterfacesForPcap(2))
        ));
    }
}
