//! Flow identity: the direction-independent key of a TCP connection, which side is which, and the
//! set of ports that mark a server.
//!
//! Owns [`FlowKey`], [`Direction`] and [`PortSet`]. Must not keep per-connection state.

use std::net::SocketAddr;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    fn port_set_membership() {
        let s = PortSet::default();
        assert!(s.contains(25) && s.contains(587) && s.contains(2525));
        assert!(!s.contains(26) && !s.contains(0) && !s.contains(u16::MAX));
        assert_eq!(PortSet::new(&[0, 65535]).ports(), vec![0, 65535]);
    }
}
