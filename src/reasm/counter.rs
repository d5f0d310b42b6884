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
//! Like Wireshark, one small entry (about 80 bytes) is kept per 4-tuple — but not forever: memory must
//! not follow the size of the capture, so the entries live in two generations of at most
//! [`ConnectionCounter::DEFAULT_MAX_TUPLES`] / 2 each. When the current generation is full, the
//! previous one is forgotten and the current one takes its place; a 4-tuple seen again is moved
//! back into the current generation. Below that many 4-tuples in play the count is Wireshark's
//! exactly; above it (a flood of distinct 4-tuples), a conversation whose entry was forgotten and
//! that shows up again without a SYN is counted a second time ([`ConnectionCounter::forgotten`]
//! says how many entries were dropped). Must not: reassemble, look at payloads, or decide which
//! side is the server.

use crate::net::{FlowKey, FlowMap, Segment};

/// The base sequence numbers of a conversation, by direction.
#[derive(Clone, Copy, Debug, Default)]
struct Bases {
    /// From the lower endpoint of the key to the higher.
    lo_to_hi: Option<u32>,
    /// From the higher endpoint to the lower.
    hi_to_lo: Option<u32>,
}

impl Bases {
    /// Takes a segment's direction, SYN flag and sequence number, noting the direction's base
    /// from its first segment; 1 when the segment starts a new conversation on the 4-tuple (a SYN
    /// whose sequence number is not its direction's base: port reuse), else 0.
    fn take(&mut self, forward: bool, syn: bool, seq: u32) -> u64 {
        let base = if forward { self.lo_to_hi } else { self.hi_to_lo };
        let restarted = syn && base.is_some_and(|b| b != seq);
        if restarted {
            *self = Bases::default();
        }
        let base = if forward {
            &mut self.lo_to_hi
        } else {
            &mut self.hi_to_lo
        };
        if base.is_none() {
            *base = Some(if syn { seq } else { seq.wrapping_sub(1) });
        }
        u64::from(restarted)
    }
}

/// Counts TCP conversations as Wireshark's `tcp.stream` index does.
#[derive(Debug)]
pub struct ConnectionCounter {
    conversations: FlowMap<FlowKey, Bases>,
    previous: FlowMap<FlowKey, Bases>,
    generation: usize,
    forgotten: u64,
    count: u64,
}

impl Default for ConnectionCounter {
    fn default() -> Self {
        ConnectionCounter::with_max_tuples(ConnectionCounter::DEFAULT_MAX_TUPLES)
    }
}

impl ConnectionCounter {
    /// The 4-tuples remembered by default: two generations of 57,344, each filling a table of
    /// 2^16 slots of about 80 bytes (about 11 MiB in all).
    pub const DEFAULT_MAX_TUPLES: usize = 2 * 57_344;

    /// An empty counter remembering [`ConnectionCounter::DEFAULT_MAX_TUPLES`] 4-tuples.
    pub fn new() -> Self {
        ConnectionCounter::default()
    }

    /// An empty counter remembering at most `max` 4-tuples (at least 2).
    pub fn with_max_tuples(max: usize) -> Self {
        ConnectionCounter {
            conversations: FlowMap::default(),
            previous: FlowMap::default(),
            generation: (max / 2).max(1),
            forgotten: 0,
            count: 0,
        }
    }

    /// 4-tuples whose entry was dropped to keep the counter's memory bounded.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }

    /// Takes one TCP segment (of any port).
    pub fn observe(&mut self, seg: &Segment<'_>) {
        let key = FlowKey::new(seg.src, seg.dst);
        let forward = seg.src == key.lo;
        let syn = seg.flags.syn();
        // Most segments belong to a conversation of the current generation: one lookup.
        if let Some(bases) = self.conversations.get_mut(&key) {
            let restarted = bases.take(forward, syn, seg.seq);
            self.count = self.count.saturating_add(restarted);
            return;
        }
        if self.conversations.len() >= self.generation {
            self.forgotten = self.forgotten.saturating_add(self.previous.len() as u64);
            self.previous = std::mem::take(&mut self.conversations);
        }
        let (mut bases, new) = match self.previous.remove(&key) {
            Some(bases) => (bases, 0),
            None => (Bases::default(), 1),
        };
        let restarted = bases.take(forward, syn, seg.seq);
        self.count = self.count.saturating_add(new).saturating_add(restarted);
        self.conversations.insert(key, bases);
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
            options: crate::net::TcpOptions::default(),
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
    fn memory_is_bounded_and_recent_tuples_are_remembered() {
        let mut c = ConnectionCounter::with_max_tuples(4);
        let client = |n: u16| format!("10.0.0.1:{n}");
        for n in 0..10u16 {
            c.observe(&seg(&client(n), S, 1, TcpFlags::ACK));
            // Tuple 0 stays in play: seen again each time, it is never forgotten.
            c.observe(&seg(&client(0), S, 1, TcpFlags::ACK));
            assert!(c.conversations.len() + c.previous.len() <= 4);
        }
        assert_eq!(c.count(), 10);
        assert!(c.forgotten() > 0);
        // A forgotten tuple seen again without a SYN counts again (the documented approximation).
        c.observe(&seg(&client(1), S, 1, TcpFlags::ACK));
        assert_eq!(c.count(), 11);
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
