//! Counting TCP conversations over all ports the way Wireshark numbers them (`tcp.stream`), so the
//! summary can say "N TCP connections in the capture" and match what an administrator sees there.
//!
//! Owns [`ConnectionCounter`]. The rule, after Wireshark's TCP dissector (behaviour, not code):
//! - the first segment of a 4-tuple (either direction) starts a conversation;
//! - each direction remembers a base sequence number from its first segment: the ISN for a SYN, the
//!   sequence number minus one otherwise (so that its first byte is relative sequence 1);
//! - a SYN (with or without ACK) whose sequence number differs from its direction's base starts a new
//!   conversation on the same 4-tuple (port reuse); a SYN with the same number is a retransmission.
//!
//! Nothing expires: like Wireshark, one small entry is kept per distinct 4-tuple of the capture
//! (about 60 bytes each). Must not: reassemble, look at payloads, or decide which side is the server.

use crate::net::{FlowKey, FlowMap, Segment};

/// The base sequence numbers of a conversation, by direction.
#[derive(Clone, Copy, Debug, Default)]
struct Bases {
    /// From the lower endpoint of the key to the higher.
    lo_to_hi: Option<u32>,
    /// From the higher endpoint to the lower.
    hi_to_lo: Option<u32>,
}

/// Counts TCP conversations as Wireshark's `tcp.stream` index does.
#[derive(Debug, Default)]
pub struct ConnectionCounter {
    conversations: FlowMap<FlowKey, Bases>,
    count: u64,
}

impl ConnectionCounter {
    /// An empty counter.
    pub fn new() -> Self {
        ConnectionCounter::default()
    }

    /// Takes one TCP segment (of any port).
    pub fn observe(&mut self, seg: &Segment<'_>) {
        let key = FlowKey::new(seg.src, seg.dst);
        let forward = seg.src == key.lo;
        let syn = seg.flags.syn();
        let bases = match self.conversations.get_mut(&key) {
            Some(bases) => {
                let base = if forward { bases.lo_to_hi } else { bases.hi_to_lo };
                if syn && base.is_some_and(|b| b != seg.seq) {
                    *bases = Bases::default();
                    self.count = self.count.saturating_add(1);
                }
                bases
            }
            None => {
                self.count = self.count.saturating_add(1);
                self.conversations.entry(key).or_default()
            }
        };
        let base = if forward {
            &mut bases.lo_to_hi
        } else {
            &mut bases.hi_to_lo
        };
        if base.is_none() {
            *base = Some(if syn { seg.seq } else { seg.seq.wrapping_sub(1) });
        }
    }

    /// Conversations seen so far.
    pub fn count(&self) -> u64 {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::Timestamp;
    use crate::net::TcpFlags;

    fn seg(src: &str, dst: &str, seq: u32, flags: u8) -> Segment<'static> {
        Segment {
            frame: 1,
            ts: Timestamp::default(),
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            seq,
            ack: 0,
            flags: TcpFlags(flags),
            window: 0,
            payload: b"",
            payload_truncated: 0,
        }
    }

    const C: &str = "10.0.0.1:40000";
    const S: &str = "10.0.0.2:25";

    #[test]
    fn both_directions_are_one_conversation() {
        let mut c = ConnectionCounter::new();
        c.observe(&seg(C, S, 100, TcpFlags::SYN));
        c.observe(&seg(S, C, 900, TcpFlags::SYN | TcpFlags::ACK));
        c.observe(&seg(C, S, 101, TcpFlags::ACK));
        assert_eq!(c.count(), 1);
    }

    #[test]
    fn retransmitted_syn_is_not_a_new_conversation() {
        let mut c = ConnectionCounter::new();
        c.observe(&seg(C, S, 100, TcpFlags::SYN));
        c.observe(&seg(C, S, 100, TcpFlags::SYN));
        c.observe(&seg(S, C, 900, TcpFlags::SYN | TcpFlags::ACK));
        c.observe(&seg(S, C, 900, TcpFlags::SYN | TcpFlags::ACK));
        assert_eq!(c.count(), 1);
    }

    #[test]
    fn syn_with_new_isn_reuses_the_ports() {
        let mut c = ConnectionCounter::new();
        c.observe(&seg(C, S, 100, TcpFlags::SYN));
        c.observe(&seg(C, S, 101, TcpFlags::FIN | TcpFlags::ACK));
        c.observe(&seg(C, S, 5000, TcpFlags::SYN));
        assert_eq!(c.count(), 2);
    }

    #[test]
    fn syn_after_mid_stream_pickup_is_new() {
        let mut c = ConnectionCounter::new();
        c.observe(&seg(C, S, 100, TcpFlags::ACK));
        c.observe(&seg(C, S, 7, TcpFlags::SYN));
        assert_eq!(c.count(), 2);
    }

    #[test]
    fn other_ports_are_other_conversations() {
        let mut c = ConnectionCounter::new();
        c.observe(&seg(C, S, 1, TcpFlags::ACK));
        c.observe(&seg("10.0.0.1:40001", S, 1, TcpFlags::ACK));
        c.observe(&seg("10.0.0.3:80", "10.0.0.4:443", 1, TcpFlags::RST));
        assert_eq!(c.count(), 3);
    }
}
