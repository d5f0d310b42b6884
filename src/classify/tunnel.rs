//! Proxy handshakes that carry a TCP connection to another host: SOCKS 4/4a, SOCKS 5 and HTTP
//! CONNECT. Pure parsers over the first bytes of each direction.
//!
//! Owns the wire facts of the three handshakes, from their specifications:
//! - SOCKS 4 ("SOCKS: A protocol for TCP proxy across firewalls", Ying-Da Lee) and 4a: request
//!   `04 01 port(2) ip(4) userid 00`, and for 4a (ip `0.0.0.x`, x ≠ 0) `hostname 00`; reply
//!   `00 5A port(2) ip(4)` when granted (`5B`–`5D`: refused).
//! - SOCKS 5 (RFC 1928): greeting `05 n methods(n)`; choice `05 method`; with method `02`, the
//!   username/password sub-negotiation of RFC 1929 (`01 ulen user plen pass` / `01 status`);
//!   request `05 01 00 atyp addr port(2)` (atyp 1: IPv4, 3: length-prefixed name, 4: IPv6);
//!   reply `05 rep 00 atyp addr port(2)`, `rep` 0 meaning success.
//! - HTTP CONNECT (RFC 9110 §9.3.6): `CONNECT host:port HTTP/1.x`, header lines, an empty line;
//!   the answer's status line, header lines, an empty line; a 2xx status opens the tunnel.
//!
//! Each parser takes the bytes of one step and answers [`Step::Incomplete`], [`Step::Invalid`] or
//! [`Step::Done`] with what it read and how many bytes the step took. Lengths are capped
//! ([`MAX_HTTP_HEAD`]); nothing is allocated beyond a target's host name. Must not: keep state
//! (the classifier sequences the steps) or look past a step's own bytes.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;

/// Bytes an HTTP CONNECT request or answer head may take before it is taken for something else.
pub const MAX_HTTP_HEAD: usize = 8192;

/// The result of parsing one step of a handshake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<T> {
    /// More bytes are needed to tell.
    Incomplete,
    /// These bytes are not this step.
    Invalid,
    /// The step, and the number of bytes it took.
    Done(T, usize),
}

/// Which proxy protocol carried a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TunnelKind {
    /// SOCKS version 4 (the target given by address).
    Socks4,
    /// SOCKS version 4a (the target given by name).
    Socks4a,
    /// SOCKS version 5.
    Socks5,
    /// An HTTP CONNECT request.
    HttpConnect,
}

impl TunnelKind {
    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            TunnelKind::Socks4 => "SOCKS4",
            TunnelKind::Socks4a => "SOCKS4a",
            TunnelKind::Socks5 => "SOCKS5",
            TunnelKind::HttpConnect => "HTTP CONNECT",
        }
    }
}

/// Where a proxy was asked to connect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The host: an address, or a name as the client gave it.
    pub host: String,
    /// The TCP port.
    pub port: u16,
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        bytes.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// The position just after the first `0` byte at or after `from`, within `max` bytes.
fn after_nul(bytes: &[u8], from: usize, max: usize) -> Step<usize> {
    let rest = bytes.get(from..).unwrap_or_default();
    match rest.iter().take(max).position(|&b| b == 0) {
        Some(i) => Step::Done(from.saturating_add(i).saturating_add(1), 0),
        None if rest.len() >= max => Step::Invalid,
        None => Step::Incomplete,
    }
}

/// A SOCKS 4 or 4a CONNECT request: the target, whether it is 4a.
pub fn socks4_request(c2s: &[u8]) -> Step<(Target, bool)> {
    match c2s {
        [] | [4] => return Step::Incomplete,
        [4, 1, ..] => {}
        _ => return Step::Invalid,
    }
    let (Some(port), Some(ip)) = (be16(c2s, 2), c2s.get(4..8)) else {
        return Step::Incomplete;
    };
    let user_end = match after_nul(c2s, 8, 256) {
        Step::Done(end, _) => end,
        Step::Incomplete => return Step::Incomplete,
        Step::Invalid => return Step::Invalid,
    };
    let addr = Ipv4Addr::new(
        ip.first().copied().unwrap_or(0),
        ip.get(1).copied().unwrap_or(0),
        ip.get(2).copied().unwrap_or(0),
        ip.get(3).copied().unwrap_or(0),
    );
    let octets = addr.octets();
    let is_4a = octets[..3] == [0, 0, 0] && octets[3] != 0;
    if !is_4a {
        return Step::Done(
            (
                Target {
                    host: addr.to_string(),
                    port,
                },
                false,
            ),
            user_end,
        );
    }
    match after_nul(c2s, user_end, 256) {
        Step::Done(end, _) => {
            let name = c2s.get(user_end..end.saturating_sub(1)).unwrap_or_default();
            Step::Done(
                (
                    Target {
                        host: String::from_utf8_lossy(name).into_owned(),
                        port,
                    },
                    true,
                ),
                end,
            )
        }
        Step::Incomplete => Step::Incomplete,
        Step::Invalid => Step::Invalid,
    }
}

/// A SOCKS 4 reply: whether the request was granted.
pub fn socks4_reply(s2c: &[u8]) -> Step<bool> {
    match s2c {
        [] | [0] => Step::Incomplete,
        [0, code, ..] if !(0x5a..=0x5d).contains(code) => Step::Invalid,
        [0, code, ..] if s2c.len() >= 8 => Step::Done(*code == 0x5a, 8),
        [0, ..] => Step::Incomplete,
        _ => Step::Invalid,
    }
}

/// A SOCKS 5 greeting: the methods the client offers.
pub fn socks5_greeting(c2s: &[u8]) -> Step<Vec<u8>> {
    match c2s {
        [] | [5] => Step::Incomplete,
        [5, 0, ..] => Step::Invalid,
        [5, n, rest @ ..] => {
            let n = usize::from(*n);
            match rest.get(..n) {
                Some(methods) => Step::Done(methods.to_vec(), n.saturating_add(2)),
                None => Step::Incomplete,
            }
        }
        _ => Step::Invalid,
    }
}

/// A SOCKS 5 method choice (`FF`: none acceptable).
pub fn socks5_choice(s2c: &[u8]) -> Step<u8> {
    match s2c {
        [] | [5] => Step::Incomplete,
        [5, method, ..] => Step::Done(*method, 2),
        _ => Step::Invalid,
    }
}

/// An RFC 1929 username/password request: the user name (the password is not kept).
pub fn socks5_userpass(c2s: &[u8]) -> Step<String> {
    match c2s {
        [] => return Step::Incomplete,
        [1, ..] => {}
        _ => return Step::Invalid,
    }
    let Some(&ulen) = c2s.get(1) else {
        return Step::Incomplete;
    };
    let user_end = usize::from(ulen).saturating_add(2);
    let Some(&plen) = c2s.get(user_end) else {
        return Step::Incomplete;
    };
    let end = user_end.saturating_add(1).saturating_add(usize::from(plen));
    if c2s.len() < end {
        return Step::Incomplete;
    }
    let user = c2s.get(2..user_end).unwrap_or_default();
    Step::Done(String::from_utf8_lossy(user).into_owned(), end)
}

/// An RFC 1929 answer: whether the credentials were accepted.
pub fn socks5_userpass_reply(s2c: &[u8]) -> Step<bool> {
    match s2c {
        [] | [1] => Step::Incomplete,
        [1, status, ..] => Step::Done(*status == 0, 2),
        _ => Step::Invalid,
    }
}

/// The address part (atyp, addr, port) of a SOCKS 5 request or reply, from `at`: the target and
/// where it ends.
fn socks5_address(bytes: &[u8], at: usize) -> Step<Target> {
    let Some(&atyp) = bytes.get(at) else {
        return Step::Incomplete;
    };
    let start = at.saturating_add(1);
    let (host, port_at) = match atyp {
        1 => match bytes.get(start..start.saturating_add(4)) {
            Some(&[a, b, c, d]) => (Ipv4Addr::new(a, b, c, d).to_string(), start.saturating_add(4)),
            _ => return Step::Incomplete,
        },
        3 => {
            let Some(&len) = bytes.get(start) else {
                return Step::Incomplete;
            };
            let name_at = start.saturating_add(1);
            match bytes.get(name_at..name_at.saturating_add(usize::from(len))) {
                Some(name) => (
                    String::from_utf8_lossy(name).into_owned(),
                    name_at.saturating_add(usize::from(len)),
                ),
                None => return Step::Incomplete,
            }
        }
        4 => match bytes
            .get(start..start.saturating_add(16))
            .and_then(|b| <[u8; 16]>::try_from(b).ok())
        {
            Some(octets) => (Ipv6Addr::from(octets).to_string(), start.saturating_add(16)),
            None => return Step::Incomplete,
        },
        _ => return Step::Invalid,
    };
    match be16(bytes, port_at) {
        Some(port) => Step::Done(Target { host, port }, port_at.saturating_add(2)),
        None => Step::Incomplete,
    }
}

/// A SOCKS 5 CONNECT request: the target.
pub fn socks5_request(c2s: &[u8]) -> Step<Target> {
    match c2s {
        [] | [5] | [5, 1] => Step::Incomplete,
        [5, 1, 0, ..] => socks5_address(c2s, 3),
        _ => Step::Invalid,
    }
}

/// A SOCKS 5 reply: its code (0 = succeeded).
pub fn socks5_reply(s2c: &[u8]) -> Step<u8> {
    match s2c {
        [] | [5] | [5, _] => Step::Incomplete,
        [5, rep, 0, ..] => match socks5_address(s2c, 3) {
            Step::Done(_, end) => Step::Done(*rep, end),
            Step::Incomplete => Step::Incomplete,
            Step::Invalid => Step::Invalid,
        },
        _ => Step::Invalid,
    }
}

/// The end of an HTTP head (after the empty line), if it is in `bytes`.
fn http_head_end(bytes: &[u8]) -> Step<()> {
    match memchr::memmem::find(bytes, b"\r\n\r\n") {
        Some(at) if at < MAX_HTTP_HEAD => Step::Done((), at.saturating_add(4)),
        Some(_) => Step::Invalid,
        None if bytes.len() >= MAX_HTTP_HEAD => Step::Invalid,
        None => Step::Incomplete,
    }
}

/// An HTTP CONNECT request: the target.
pub fn http_connect_request(c2s: &[u8]) -> Step<Target> {
    const METHOD: &[u8] = b"CONNECT ";
    let n = c2s.len().min(METHOD.len());
    if c2s.get(..n) != METHOD.get(..n) {
        return Step::Invalid;
    }
    let end = match http_head_end(c2s) {
        Step::Done((), end) => end,
        Step::Incomplete => return Step::Incomplete,
        Step::Invalid => return Step::Invalid,
    };
    let head = c2s.get(..end).unwrap_or_default();
    let line_end = memchr::memmem::find(head, b"\r\n").unwrap_or(0);
    let line = String::from_utf8_lossy(head.get(METHOD.len()..line_end).unwrap_or_default()).into_owned();
    // `CONNECT authority HTTP/1.x`; some clients (spam software among them) put more words in
    // between (`CONNECT mx.example:25 / HTTP/1.0`): the authority is the first, the version the last.
    let mut words = line.split(' ').filter(|w| !w.is_empty());
    let (Some(authority), Some(version)) = (words.next(), words.next_back()) else {
        return Step::Invalid;
    };
    if !version.starts_with("HTTP/1.") {
        return Step::Invalid;
    }
    let Some((host, port)) = authority.rsplit_once(':') else {
        return Step::Invalid;
    };
    let Ok(port) = port.parse::<u16>() else {
        return Step::Invalid;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
    Step::Done(Target { host, port }, end)
}

/// An HTTP answer to CONNECT: its status code.
pub fn http_connect_reply(s2c: &[u8]) -> Step<u16> {
    const VERSION: &[u8] = b"HTTP/1.";
    let n = s2c.len().min(VERSION.len());
    if s2c.get(..n) != VERSION.get(..n) {
        return Step::Invalid;
    }
    let end = match http_head_end(s2c) {
        Step::Done((), end) => end,
        Step::Incomplete => return Step::Incomplete,
        Step::Invalid => return Step::Invalid,
    };
    let status = s2c
        .get(9..12)
        .and_then(|d| std::str::from_utf8(d).ok())
        .and_then(|d| d.parse::<u16>().ok());
    match status {
        Some(code) => Step::Done(code, end),
        None => Step::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every strict prefix of `whole` is incomplete, the whole is done with its length.
    fn prefixes<T: std::fmt::Debug + PartialEq>(whole: &[u8], parse: fn(&[u8]) -> Step<T>, expect: T) {
        for cut in 0..whole.len() {
            assert_eq!(parse(&whole[..cut]), Step::Incomplete, "cut at {cut}");
        }
        let mut more = whole.to_vec();
        more.extend_from_slice(b"220 next");
        assert_eq!(parse(&more), Step::Done(expect, whole.len()));
    }

    fn target(host: &str, port: u16) -> Target {
        Target {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn socks4_and_4a() {
        prefixes(
            b"\x04\x01\x09\xdd\x7f\x00\x00\x01lab\x00",
            socks4_request,
            (target("127.0.0.1", 2525), false),
        );
        prefixes(
            b"\x04\x01\x00\x19\x00\x00\x00\x01\x00mx.example.com\x00",
            socks4_request,
            (target("mx.example.com", 25), true),
        );
        prefixes(b"\x00\x5a\x09\xdd\x7f\x00\x00\x01", socks4_reply, true);
        assert_eq!(
            socks4_reply(b"\x00\x5b\x00\x00\x00\x00\x00\x00"),
            Step::Done(false, 8)
        );
        assert_eq!(
            socks4_request(b"\x04\x02\x00\x19"),
            Step::Invalid,
            "BIND is no tunnel to a server"
        );
        assert_eq!(socks4_request(b"EHLO"), Step::Invalid);
        assert_eq!(socks4_reply(b"\x00\x10"), Step::Invalid);
        let endless = [&b"\x04\x01\x00\x19\x01\x02\x03\x04"[..], &[b'a'; 300]].concat();
        assert_eq!(socks4_request(&endless), Step::Invalid, "a user id has a bound");
    }

    #[test]
    fn socks5_steps() {
        prefixes(b"\x05\x02\x00\x02", socks5_greeting, vec![0, 2]);
        prefixes(b"\x05\x00", socks5_choice, 0);
        prefixes(b"\x01\x05alice\x06secret", socks5_userpass, "alice".to_string());
        prefixes(b"\x01\x00", socks5_userpass_reply, true);
        prefixes(
            b"\x05\x01\x00\x03\x09localhost\x09\xdd",
            socks5_request,
            target("localhost", 2525),
        );
        prefixes(
            b"\x05\x01\x00\x01\x0a\x00\x00\x02\x00\x19",
            socks5_request,
            target("10.0.0.2", 25),
        );
        prefixes(
            b"\x05\x01\x00\x04\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x19",
            socks5_request,
            target("2001:db8::1", 25),
        );
        prefixes(b"\x05\x00\x00\x01\x7f\x00\x00\x01\xc6\x8a", socks5_reply, 0);
        assert_eq!(socks5_greeting(b"\x05\x00"), Step::Invalid);
        assert_eq!(socks5_request(b"\x05\x02\x00\x01"), Step::Invalid);
        assert_eq!(socks5_request(b"\x05\x01\x00\x07"), Step::Invalid);
        assert_eq!(socks5_choice(b"220 "), Step::Invalid);
    }

    #[test]
    fn http_connect() {
        prefixes(
            b"CONNECT 127.0.0.1:2525 HTTP/1.1\r\nHost: 127.0.0.1:2525\r\n\r\n",
            http_connect_request,
            target("127.0.0.1", 2525),
        );
        prefixes(
            b"CONNECT [2001:db8::1]:25 HTTP/1.0\r\n\r\n",
            http_connect_request,
            target("2001:db8::1", 25),
        );
        prefixes(
            b"HTTP/1.0 200 Connection established\r\nProxy-agent: x\r\n\r\n",
            http_connect_reply,
            200,
        );
        assert_eq!(http_connect_request(b"GET / HTTP/1.1\r\n\r\n"), Step::Invalid);
        assert_eq!(
            http_connect_request(b"CONNECT host HTTP/1.1\r\n\r\n"),
            Step::Invalid
        );
        assert_eq!(http_connect_reply(b"220 mx ESMTP"), Step::Invalid);
        assert_eq!(
            http_connect_reply(b"HTTP/1.1 403 Forbidden\r\n\r\n"),
            Step::Done(403, 26)
        );
        let endless = [&b"CONNECT a:1 HTTP/1.1\r\n"[..], &vec![b'x'; MAX_HTTP_HEAD]].concat();
        assert_eq!(http_connect_request(&endless), Step::Invalid);
    }
}
