//! Flow identity: the direction-independent key of a TCP connection, which side is which, the
//! set of ports that mark a server, and the hasher of every table keyed by flows.
//!
//! Owns [`FlowKey`], [`Direction`], [`PortSet`] and [`FlowMap`]. Must not keep per-connection state.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::net::SocketAddr;
use std::sync::OnceLock;

use foldhash::fast::{FoldHasher, SeedableRandomState};
use foldhash::SharedSeed;

/// Which way bytes travel within a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Direction {
    /// From the client to the server (`c2s` in JSON).
    #[serde(rename = "c2s")]
    ClientToServer,
    /// From the server to the client (`s2c` in JSON).
    #[serde(rename = "s2c")]
    ServerToClient,
}

impl Direction {
    /// The other direction.
    pub fn reverse(self) -> Direction {
        match self {
            Direction::ClientToServer => Direction::ServerToClient,
            Direction::ServerToClient => Direction::ClientToServer,
        }
    }

    /// `c2s` or `s2c`, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ClientToServer => "c2s",
            Direction::ServerToClient => "s2c",
        }
    }
}

/// A TCP connection's two endpoints, ordered so that both directions give the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FlowKey {
    /// The lower endpoint.
    pub lo: SocketAddr,
    /// The higher endpoint.
    pub hi: SocketAddr,
}

impl FlowKey {
    /// The key of the connection carrying a segment from `src` to `dst`.
    pub fn new(src: SocketAddr, dst: SocketAddr) -> Self {
        if src <= dst {
            FlowKey { lo: src, hi: dst }
        } else {
            FlowKey { lo: dst, hi: src }
        }
    }
}

impl Hash for FlowKey {
    /// Hashes the addresses and ports as a few machine words (the derived hash feeds every field
    /// of both `SocketAddr`s separately, which costs more than the table lookup it serves).
    fn hash<H: Hasher>(&self, state: &mut H) {
        let ports = u32::from(self.lo.port()) << 16 | u32::from(self.hi.port());
        match (self.lo, self.hi) {
            (SocketAddr::V4(lo), SocketAddr::V4(hi)) => {
                state.write_u64(u64::from(lo.ip().to_bits()) << 32 | u64::from(hi.ip().to_bits()));
                state.write_u32(ports);
            }
            (lo, hi) => {
                state.write_u128(ip_bits(lo));
                state.write_u128(ip_bits(hi));
                state.write_u32(ports);
            }
        }
    }
}

/// An address as 128 bits (IPv4 mapped into IPv6).
fn ip_bits(addr: SocketAddr) -> u128 {
    match addr {
        SocketAddr::V4(a) => a.ip().to_ipv6_mapped().to_bits(),
        SocketAddr::V6(a) => a.ip().to_bits(),
    }
}

/// A hash table of per-flow (or per-datagram, per-connection) state.
///
/// Flow keys are chosen by whoever sends the packets, so the hasher is seeded: foldhash (fast on
/// the few words of a key, where SipHash cost a fifth of the whole analysis) with seeds drawn from
/// the operating system's randomness through std's `RandomState`, a fresh one per table. Nothing
/// the output shows depends on the tables' iteration order.
pub type FlowMap<K, V> = HashMap<K, V, FlowHasher>;

/// The seeded hasher of [`FlowMap`].
#[derive(Clone, Debug)]
pub struct FlowHasher(SeedableRandomState);

impl Default for FlowHasher {
    fn default() -> Self {
        static SHARED: OnceLock<SharedSeed> = OnceLock::new();
        let random = || RandomState::new().hash_one(0x5eed_u64);
        let shared = SHARED.get_or_init(|| SharedSeed::from_u64(random()));
        FlowHasher(SeedableRandomState::with_seed(random(), shared))
    }
}

impl FlowHasher {
    /// The same hasher in every run, for a decision the report must not vary with: which worker
    /// of a parallel run owns a flow (with a random seed, a capture that overflows the workers'
    /// shares of the connection budget would see other connections evicted from run to run). A
    /// capture crafted to pile its flows on one worker slows that run down and fills that worker's
    /// share sooner; it changes nothing else.
    pub fn fixed() -> Self {
        FlowHasher(SeedableRandomState::fixed())
    }
}

impl BuildHasher for FlowHasher {
    type Hasher = FoldHasher<'static>;

    fn build_hasher(&self) -> Self::Hasher {
        self.0.build_hasher()
    }
}

/// A set of TCP ports (the SMTP ports: 25, 465, 587 and 2525 unless configured).
#[derive(Clone, PartialEq, Eq)]
pub struct PortSet {
    bits: Box<[u64; 1024]>,
}

impl PortSet {
    /// The ports SMTP servers listen on by default: relay (25), implicit TLS (465, RFC 8314),
    /// submission (587) and the common alternative (2525).
    pub const DEFAULT_SMTP: [u16; 4] = [25, 465, 587, 2525];

    /// A set holding exactly `ports`.
    pub fn new(ports: &[u16]) -> Self {
        let mut set = PortSet {
            bits: Box::new([0; 1024]),
        };
        for &p in ports {
            if let Some(word) = set.bits.get_mut(usize::from(p / 64)) {
                *word |= 1u64 << (p % 64);
            }
        }
        set
    }

    /// Whether `port` is in the set.
    pub fn contains(&self, port: u16) -> bool {
        self.bits
            .get(usize::from(port / 64))
            .is_some_and(|w| w & (1u64 << (port % 64)) != 0)
    }

    /// The ports in ascending order.
    pub fn ports(&self) -> Vec<u16> {
        (0..=u16::MAX).filter(|&p| self.contains(p)).collect()
    }
}

impl Default for PortSet {
    fn default() -> Self {
        PortSet::new(&PortSet::DEFAULT_SMTP)
    }
}

impl std::fmt::Debug for PortSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.ports()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_key_is_direction_independent() {
        let a: SocketAddr = "10.0.0.1:1025".parse().unwrap();
        let b: SocketAddr = "10.0.0.2:25".parse().unwrap();
        assert_eq!(FlowKey::new(a, b), FlowKey::new(b, a));
    }

    #[test]
    fn flow_keys_hash_alike_only_when_equal() {
        let hasher = FlowHasher::default();
        let key = |a: &str, b: &str| FlowKey::new(a.parse().unwrap(), b.parse().unwrap());
        let (a, b) = (
            key("10.0.0.1:1025", "10.0.0.2:25"),
            key("10.0.0.2:25", "10.0.0.1:1025"),
        );
        assert_eq!(hasher.hash_one(a), hasher.hash_one(b));
        let others = [
            key("10.0.0.1:1026", "10.0.0.2:25"),
            key("10.0.0.3:1025", "10.0.0.2:25"),
            key("[2001:db8::1]:1025", "[2001:db8::2]:25"),
            key("[::ffff:10.0.0.1]:1025", "10.0.0.2:25"),
        ];
        for other in others {
            assert_ne!(hasher.hash_one(a), hasher.hash_one(other), "{other:?}");
        }
        // Two tables hash differently: each has its own seed.
        assert_ne!(hasher.hash_one(a), FlowHasher::default().hash_one(a));
    }

    #[test]
    fn port_set_membership() {
        let s = PortSet::default();
        assert!(s.contains(25) && s.contains(587) && s.contains(2525));
        assert!(!s.contains(26) && !s.contains(0) && !s.contains(u16::MAX));
        assert_eq!(PortSet::new(&[0, 65535]).ports(), vec![0, 65535]);
    }
}
