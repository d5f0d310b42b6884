//! The catalogue of transport-level sample captures in `captures/synthetic/`, and the SMTP
//! dialogue they (and the benchmark) carry.
//!
//! Owns what each sample file contains: [`SAMPLES`] names and describes them, [`sample_bytes`]
//! builds one, [`write_samples`] writes them all (`cargo run --example gen_captures`). The files in
//! the repository must always equal a fresh generation (tests/synth.rs checks it), so change them
//! only by changing this code and regenerating.
//!
//! Every address is a documentation address (RFC 5737 192.0.2.0/24 and 198.51.100.0/24, RFC 3849
//! 2001:db8::/32, RFC 7042 MACs 00:00:5e:00:53:xx) and every name is under example.com/.net
//! (RFC 2606). Must not: read anything but its arguments.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::hostile::{flood_connection, FloodOptions, FloodShape};
use super::{exchange, Capture, Close, Encapsulation, Script, SynAnswer, SynthError, SynthOptions};
use smtpscope::capture::write::{ByteOrder, InterfaceOptions, InterfaceStatistics, TsResolution};
use smtpscope::capture::{LinkType, Timestamp};
use smtpscope::net::flow::Direction;

/// Every sample file: its name and what it shows.
pub const SAMPLES: &[(&str, &str)] = &[
    ("healthy-handshake.pcap", "complete ESMTP session (banner, EHLO, MAIL, RCPT, DATA, QUIT) with handshake and FIN close"),
    ("midstream.pcap", "session captured from MAIL FROM on: no SYN, no banner, no EHLO"),
    ("reordered.pcap", "a client DATA segment arrives after the next one (out of order)"),
    ("retransmission.pcap", "a client DATA segment is retransmitted 200 ms later"),
    ("duplicate-ack.pcap", "the server acknowledges a DATA segment twice (duplicate ACK)"),
    ("loss.pcap", "a client DATA segment is missing from the capture but ACKed by the server: a 1460-byte gap inside the message"),
    ("rst.pcap", "the server resets the connection in the middle of the DATA body"),
    ("port-reuse.pcap", "two complete sessions on the same 4-tuple, 5 s apart, with different ISNs"),
    ("vlan-qinq.pcap", "Ethernet with two stacked VLAN tags (802.1ad 100 outside, 802.1Q 200 inside)"),
    ("ipv6.pcap", "the healthy session over IPv6 (2001:db8::/32)"),
    ("linux-sll.pcap", "Linux cooked capture v1 (LINKTYPE_LINUX_SLL), captured on the server"),
    ("linux-sll2.pcap", "Linux cooked capture v2 (LINKTYPE_LINUX_SLL2), captured on the server"),
    ("null-loopback-le.pcap", "BSD loopback (LINKTYPE_NULL), little-endian address family, little-endian pcap"),
    ("null-loopback-be.pcap", "BSD loopback (LINKTYPE_NULL), big-endian address family, big-endian pcap"),
    ("openbsd-loop.pcap", "OpenBSD loopback (LINKTYPE_LOOP), address family in network byte order"),
    ("raw-ip.pcap", "raw IP, no link header (LINKTYPE_RAW)"),
    ("big-endian-ns.pcap", "big-endian pcap with nanosecond timestamps (magic a1b23c4d)"),
    ("two-interfaces.pcapng", "pcapng with two interfaces of different link types (eth0 Ethernet, tun0 raw IP), one session on each, interleaved"),
    ("ip-fragments.pcap", "two client DATA segments each carried in three IPv4 fragments"),
    ("wraparound.pcap", "both sides' sequence numbers wrap past 2^32 during the session"),
    ("isb-drops.pcapng", "pcapng whose interface statistics block reports 7 packets dropped by the interface (isb_ifdrop)"),
    ("exchange-healthy.pcap", "Exchange 2003 to Exchange 2003: X-EXPS GSSAPI with a SPNEGO token line over 512 bytes, two RCPT, XEXCH50 2336 3 with a binary blob holding reply/command lookalikes, BDAT 1000 + BDAT 908 LAST"),
    ("xexch50-refused.pcap", "Exchange 2003 sender skips X-EXPS: XEXCH50 1124 2 refused with 504 Need to authenticate first, then DATA"),
    ("starttls.pcap", "STARTTLS accepted (220 2.0.0), then a TLS 1.2 ClientHello with SNI ex2.contoso.com, ServerHello and application data both ways"),
    ("starttls-cleartext.pcap", "STARTTLS answered 220 but the client goes on in clear with EHLO (a middlebox answered STARTTLS)"),
    ("pipelining.pcap", "PIPELINING: MAIL, three RCPT and DATA in one send, five replies (one 550) in one send; a pipelined RSET transaction; DATA refused 503 after the only RCPT failed; RSET+QUIT in one send"),
    ("bdat.pcap", "CHUNKING: BDAT 0 LAST; three BDAT chunks with their data in one client send and their replies in one server send; a BDAT chunk refused 554 then RSET"),
    ("smuggling.pcap", "DATA body with a bare-LF end-of-data (LF . CRLF) followed by MAIL FROM/RCPT TO/DATA before the real CRLF . CRLF; one 250"),
    ("pix-rewritten.pcap", "sender side of a Cisco PIX fixup smtp: masked 220 banner, EHLO refused 500, HELO fallback, RCPT refused 550 5.7.1 Unable to relay"),
    ("pix-noop.pcap", "Cisco PIX turned XEXCH50 2336 3 into NOOP: answered 250 OK, no 354, no blob; the sender goes on with DATA"),
    ("asa-masked.pcap", "Cisco ASA inspect esmtp: EHLO keywords masked as XXXXXXXA (STARTTLS) and XXXXXXXB (CHUNKING); XEXCH50 answered 500 Command unrecognized: \"XXXXXXX 2336 3\""),
    ("only-client.pcap", "one-sided capture: only the client-to-server frames of a plain delivery to Exchange 2003 (no banner, no replies)"),
    ("pregreet.pcap", "the client sends EHLO before the server's banner, which arrives 300 ms later"),
    ("relay-after-exps-failed.pcap", "Exchange 2003: X-EXPS GSSAPI answered 535 5.7.3, then RCPT to an external recipient refused 550 5.7.1 Unable to relay"),
    ("auth-required.pcap", "Exchange 2007+: MAIL FROM answered 530 5.7.1 Client was not authenticated"),
    ("open-relay.pcap", "anonymous client relays example.org to example.net through ex2 (contoso.com): RCPT accepted, message delivered"),
    ("data-refused.pcap", "the message body is answered 554 5.7.1 Message rejected (a delivery restriction)"),
    ("back-pressure.pcap", "Exchange 2016 under back pressure: MAIL FROM answered 452 4.3.1 Insufficient system resources, twice"),
    ("relay-5-7-54.pcap", "Exchange 2016: RCPT to an outside domain answered 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain"),
    ("not-authorized.pcap", "Exchange 2003: RCPT to a recipient for authenticated senders only answered 550 5.7.3 Not Authorized (KB 895853)"),
    ("online-throttled.pcap", "Exchange Online Protection: RCPT answered 451 4.7.500 Server busy. Please try again later (IP throttling)"),
    ("online-temporary-error.pcap", "Exchange Online: MAIL FROM answered 451 4.7.0 Temporary server error. Please try again later. PRX4"),
    ("exchange-no-x-verbs.pcap", "Exchange 2003 banner with an EHLO list lacking X-EXPS, XEXCH50 and X-LINK2STATE; plain delivery"),
    ("replies-out-of-step.pcap", "an extra 250 2.0.0 OK with no command after RCPT; at the end NOOP gets no reply before the client closes"),
    ("slow-server.pcap", "the banner comes 40 s after the handshake and the final 250 35 s after the message body"),
    ("connection-refused.pcap", "two connections to port 25: a SYN answered by RST, then a SYN sent three times (0, 3, 9 s) with no answer"),
    ("exps-failed.pcap", "X-EXPS NTLM of CONTOSO\\EX1$ answered 535 5.7.3; the sender goes on anonymously and XEXCH50 1124 2 is refused 504"),
    ("exps-not-offered.pcap", "Exchange 2003 receiver with Integrated Windows Authentication off (no X-EXPS in EHLO); XEXCH50 1124 3 for one recipient refused 504"),
    ("xexch50-after-auth.pcap", "X-EXPS GSSAPI succeeds (235) but XEXCH50 2336 3 is refused 504: the sender lacks Send As"),
    ("xexch50-exploit.pcap", "MS03-046 shape: XEXCH50 -1 2 answered 354 by an Exchange 2000 banner, 512 filler bytes, then the server resets"),
    ("blob-cut-short.pcap", "X-EXPS GSSAPI succeeds, XEXCH50 2336 3 answered 354, only 1000 blob bytes, then a reset"),
    ("blob-capture-ended.pcap", "the blob-cut-short dialogue, but the capture stops after the 1000 blob bytes with the connection still open"),
    ("xlink2state-overflow.pcap", "MS05-021 shape: after a NOOP, X-LINK2STATE CHUNK= with 600 bytes and no FIRST chunk, then the server resets"),
    ("netbios-clear-login.pcap", "EHLO APP1 (NetBIOS name), AUTH LOGIN in clear, RCPT before MAIL answered 503, then a delivery"),
    ("exps-kerberos.pcap", "Exchange 2007+: X-EXPS GSSAPI, 334 GSSAPI supported, one SPNEGO NegTokenInit carrying a Kerberos AP-REQ for SMTPSVC/ex2.contoso.com @CONTOSO.COM, 235, then a delivery"),
    ("exps-spnego-ntlm.pcap", "Exchange 2003: X-EXPS GSSAPI whose SPNEGO NegTokenInit lists Kerberos but carries NTLM; CHALLENGE and AUTHENTICATE (CONTOSO\\EX1$ from EX1) in NegTokenResps; 235"),
    ("exps-ntlm-failed.pcap", "Exchange 2003: X-EXPS NTLM with NEGOTIATE, CHALLENGE, AUTHENTICATE (CONTOSO\\EX1$ from EX1), answered 535 5.7.3; QUIT"),
    ("exps-krb-error.pcap", "Exchange 2003: X-EXPS GSSAPI with a Kerberos AP-REQ answered by a NegTokenResp reject carrying KRB-ERROR KRB_AP_ERR_MODIFIED, then 535 5.7.3"),
    ("identity-mismatch.pcap", "Exchange 2003: EHLO mail.contoso.com, but X-EXPS NTLM authenticates CONTOSO\\EX1$ from workstation EX1; 235, then a delivery"),
    ("auth-plain.pcap", "AUTH PLAIN with an initial response (user alice; the password must be redacted), 235, then a delivery"),
    ("auth-login.pcap", "AUTH LOGIN: Username:/Password: prompts, user alice (the password must be redacted), 235, then a delivery"),
    ("syn-flood.pcap", "30 SYNs nobody answers, from 30 clients within 3 ms, 20 ms into a healthy delivery from 192.0.2.10 (analysed with --max-connections 8: connection-flood)"),
    ("diff-asa-sender.pcapng", "diff pair, sending side (pcapng, Ethernet) of a Cisco ASA with inspect esmtp that also translates the sender's address: the asa-masked.pcap dialogue, 3 ms per frame"),
    ("diff-asa-receiver.pcap", "diff pair, receiving side (Linux cooked v2) of the same conversation: client 198.51.100.7 (NAT, port kept), clock 37 s ahead, STARTTLS and CHUNKING offered in clear, XEXCH50 arriving as XXXXXXX 2336 3"),
    ("diff-pix-sender.pcap", "diff pair, sending side of a Cisco PIX that proxies the connection (192.0.2.10 to 192.0.2.1): the pix-noop.pcap dialogue"),
    ("diff-pix-receiver.pcap", "diff pair, receiving side: the PIX's own connection 198.51.100.1:40001 to 198.51.100.25, clean banner, XEXCH50 2336 3 arriving as NOOP padded with spaces"),
    ("diff-loss-sender.pcap", "diff pair, sending side: the healthy session with one DATA segment sent twice (lost after this capture point), then a second connection whose SYNs nobody answers"),
    ("diff-loss-receiver.pcap", "diff pair, receiving side: the same session with the segment once, and an unrelated delivery from 192.0.2.99 the sender never made"),
];

/// The client of the sample sessions.
const CLIENT: &str = "192.0.2.10:49152";
/// The server of the sample sessions.
const SERVER: &str = "198.51.100.25:25";
/// The segment size of the sample sessions.
const MSS: u16 = 1460;

/// A deterministic message of at least `min_len` bytes (headers, blank line, numbered text lines,
/// CRLF line ends, no line starting with a dot), ending with CRLF, from `alice@contoso.com` (the
/// envelope sender of the sample sessions).
pub fn message_body(min_len: usize, serial: u64) -> Vec<u8> {
    message_body_from(min_len, serial, "Alice <alice@contoso.com>")
}

/// [`message_body`] with the header From `from`.
pub fn message_body_from(min_len: usize, serial: u64, from: &str) -> Vec<u8> {
    let mut body = format!(
        "From: {from}\r\nTo: Bob <bob@example.net>\r\n\
         Subject: Synthetic message {serial}\r\nDate: Tue, 02 Jan 2024 03:04:05 +0000\r\n\
         Message-ID: <{serial}.synthetic@example.com>\r\n\r\n"
    )
    .into_bytes();
    let mut line = 0u64;
    while body.len() < min_len {
        line = line.saturating_add(1);
        body.extend_from_slice(
            format!("Line {line:05} of message {serial}: the quick brown fox jumps over the lazy dog.\r\n")
                .as_bytes(),
        );
    }
    body
}

/// The sends of a complete ESMTP session delivering `body` (which must end with CRLF), with server
/// think times.
fn session_steps(body: &[u8]) -> Vec<(Direction, Vec<u8>, Duration)> {
    let c = Direction::ClientToServer;
    let s = Direction::ServerToClient;
    let ms = Duration::from_millis;
    let mut data = body.to_vec();
    data.extend_from_slice(b".\r\n");
    vec![
        (s, b"220 mx.example.net ESMTP ready\r\n".to_vec(), ms(5)),
        (c, b"EHLO client.example.com\r\n".to_vec(), ms(2)),
        (
            s,
            b"250-mx.example.net Hello client.example.com\r\n250-SIZE 10485760\r\n\
              250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n"
                .to_vec(),
            ms(3),
        ),
        (c, b"MAIL FROM:<alice@contoso.com>\r\n".to_vec(), ms(2)),
        (s, b"250 2.1.0 Sender OK\r\n".to_vec(), ms(4)),
        (c, b"RCPT TO:<bob@example.net>\r\n".to_vec(), ms(2)),
        (s, b"250 2.1.5 Recipient OK\r\n".to_vec(), ms(4)),
        (c, b"DATA\r\n".to_vec(), ms(2)),
        (
            s,
            b"354 Start mail input; end with <CRLF>.<CRLF>\r\n".to_vec(),
            ms(3),
        ),
        (c, data, ms(2)),
        (
            s,
            b"250 2.6.0 <queued@mx.example.net> Queued mail for delivery\r\n".to_vec(),
            ms(30),
        ),
        (c, b"QUIT\r\n".to_vec(), ms(2)),
        (
            s,
            b"221 2.0.0 Service closing transmission channel\r\n".to_vec(),
            ms(2),
        ),
    ]
}

/// Index of the DATA body step in [`session_steps`].
const BODY_STEP: usize = 9;

fn script_of(steps: &[(Direction, Vec<u8>, Duration)]) -> Script {
    steps.iter().fold(Script::new(), |s, (dir, bytes, delay)| {
        s.pause(*delay).push(*dir, bytes)
    })
}

/// A complete ESMTP session (banner to 221) delivering `body` (ending with CRLF).
pub fn smtp_session(body: &[u8]) -> Script {
    script_of(&session_steps(body))
}

/// The data segment of the sample session carrying byte `offset` of the DATA body.
fn body_segment(body: &[u8], offset: usize) -> Option<usize> {
    let steps = session_steps(body);
    let before: usize = steps
        .iter()
        .take(BODY_STEP)
        .filter(|(d, _, _)| *d == Direction::ClientToServer)
        .map(|(_, b, _)| b.len())
        .sum();
    smtp_session(body).segment_at(MSS, Direction::ClientToServer, before.saturating_add(offset))
}

fn addr(text: &str) -> SocketAddr {
    text.parse()
        .unwrap_or_else(|_| SocketAddr::from(([192, 0, 2, 1], 25)))
}

/// The options of the sample sessions: server closes after 221.
fn sample_options() -> SynthOptions {
    let mut o = SynthOptions::new(addr(CLIENT), addr(SERVER));
    o.mss = MSS;
    o.close = Close::Fin {
        from: Direction::ServerToClient,
    };
    o
}

/// The sample options with the capture starting when the Exchange 2003 banner says (2004-01-13
/// 16:23:43 UTC).
fn exchange_2003_options() -> SynthOptions {
    let mut o = sample_options();
    o.start = Timestamp::new(1_074_011_023, 0);
    o
}

/// The Exchange 2003 options with the server resetting the connection at the end of the script.
fn reset_by_server() -> SynthOptions {
    let mut o = exchange_2003_options();
    o.close = Close::Rst {
        from: Direction::ServerToClient,
    };
    o
}

/// The sample body: about 3 KiB, three segments of which the second lies wholly inside the body.
fn sample_body() -> Vec<u8> {
    message_body(3000, 1)
}

fn pcap(capture: Capture) -> Result<Vec<u8>, SynthError> {
    capture.write_pcap(Vec::new())
}

/// A one-session pcap of the sample session under `opts`.
fn one_session(script: &Script, opts: &SynthOptions) -> Result<Vec<u8>, SynthError> {
    pcap(Capture::new(opts.link.link_type()).add(script, opts)?)
}

/// The bytes of sample `name` (one of [`SAMPLES`]), or `None` for an unknown name.
///
/// # Errors
/// Only if the generator itself is broken ([`SynthError`]).
pub fn sample_bytes(name: &str) -> Result<Option<Vec<u8>>, SynthError> {
    let body = sample_body();
    let healthy = smtp_session(&body);
    let opts = sample_options();
    let client_ip = opts.client.ip();
    let in_body = |offset: usize| body_segment(&body, offset).unwrap_or(usize::MAX);
    let with_link = |link: Encapsulation| {
        let mut o = sample_options();
        o.link = link;
        o
    };
    let bytes = match name {
        "healthy-handshake.pcap" => one_session(&healthy, &opts)?,
        "midstream.pcap" => {
            let steps = session_steps(&body);
            let mut o = sample_options();
            o.handshake = false;
            one_session(&script_of(steps.get(3..).unwrap_or_default()), &o)?
        }
        "reordered.pcap" => {
            let mut o = sample_options();
            o.impair.reorder = vec![in_body(0)];
            one_session(&healthy, &o)?
        }
        "retransmission.pcap" => {
            let mut o = sample_options();
            o.impair.retransmit = vec![in_body(1500)];
            one_session(&healthy, &o)?
        }
        "duplicate-ack.pcap" => {
            let mut o = sample_options();
            o.impair.duplicate_ack = vec![in_body(0)];
            one_session(&healthy, &o)?
        }
        "loss.pcap" => {
            let mut o = sample_options();
            o.impair.drop = vec![in_body(1500)];
            one_session(&healthy, &o)?
        }
        "rst.pcap" => {
            let steps = session_steps(&body);
            let partial = body.get(..2000).unwrap_or_default();
            let script = script_of(steps.get(..BODY_STEP).unwrap_or_default()).client(partial);
            let mut o = sample_options();
            o.close = Close::Rst {
                from: Direction::ServerToClient,
            };
            one_session(&script, &o)?
        }
        "port-reuse.pcap" => {
            let first = sample_options();
            let mut second = sample_options();
            second.start = first.start.plus_secs(5);
            second.client_isn = first.client_isn.wrapping_add(0x1000_0000);
            second.server_isn = first.server_isn.wrapping_add(0x2000_0000);
            let again = smtp_session(&message_body(2000, 2));
            pcap(
                Capture::new(LinkType::ETHERNET)
                    .add(&healthy, &first)?
                    .add(&again, &second)?,
            )?
        }
        "vlan-qinq.pcap" => one_session(
            &healthy,
            &with_link(Encapsulation::Ethernet {
                vlan_tags: vec![100, 200],
            }),
        )?,
        "ipv6.pcap" => {
            let mut o = sample_options();
            o.client = addr("[2001:db8::10]:49152");
            o.server = addr("[2001:db8:25::25]:25");
            o.client_isn = opts.client_isn;
            o.server_isn = opts.server_isn;
            one_session(&healthy, &o)?
        }
        "linux-sll.pcap" => one_session(&healthy, &with_link(Encapsulation::LinuxSll))?,
        "linux-sll2.pcap" => one_session(&healthy, &with_link(Encapsulation::LinuxSll2))?,
        "null-loopback-le.pcap" => {
            one_session(&healthy, &with_link(Encapsulation::Null { big_endian: false }))?
        }
        "null-loopback-be.pcap" => {
            let o = with_link(Encapsulation::Null { big_endian: true });
            Capture::new(LinkType::NULL).add(&healthy, &o)?.write_pcap_with(
                Vec::new(),
                ByteOrder::Big,
                TsResolution::Micro,
            )?
        }
        "openbsd-loop.pcap" => one_session(&healthy, &with_link(Encapsulation::Loop))?,
        "raw-ip.pcap" => one_session(&healthy, &with_link(Encapsulation::RawIp))?,
        "big-endian-ns.pcap" => {
            let mut o = sample_options();
            o.start = Timestamp::new(o.start.secs, 123_456_789);
            o.step = Duration::from_nanos(1_000_123);
            Capture::new(LinkType::ETHERNET)
                .add(&healthy, &o)?
                .write_pcap_with(Vec::new(), ByteOrder::Big, TsResolution::Nano)?
        }
        "two-interfaces.pcapng" => {
            let eth = InterfaceOptions {
                name: Some("eth0".into()),
                ..InterfaceOptions::new(LinkType::ETHERNET)
            };
            let tun = InterfaceOptions {
                name: Some("tun0".into()),
                ..InterfaceOptions::new(LinkType::RAW)
            };
            let mut second = with_link(Encapsulation::RawIp);
            second.client = addr("192.0.2.20:50000");
            second.server = addr("198.51.100.26:25");
            second.client_isn = 0x0bad_cafe;
            second.server_isn = 0x5eed_0001;
            second.start = Timestamp::new(opts.start.secs, 10_500_000);
            let other = smtp_session(&message_body(1500, 3));
            Capture::with_interfaces(vec![eth, tun])
                .add_on(0, &healthy, &opts)?
                .add_on(1, &other, &second)?
                .write_pcapng(Vec::new())?
        }
        "ip-fragments.pcap" => {
            let mut o = sample_options();
            o.impair.fragment = vec![in_body(0), in_body(1500)];
            o.impair.fragment_size = 512;
            one_session(&healthy, &o)?
        }
        "wraparound.pcap" => {
            let mut o = sample_options();
            o.client_isn = u32::MAX - 1000;
            o.server_isn = u32::MAX - 100;
            one_session(&healthy, &o)?
        }
        "isb-drops.pcapng" => {
            let capture = Capture::new(LinkType::ETHERNET).add(&healthy, &opts)?;
            let captured = u64::try_from(capture.frames().count()).unwrap_or(u64::MAX);
            let stats = InterfaceStatistics {
                received: Some(captured.saturating_add(7)),
                interface_dropped: Some(7),
                os_dropped: None,
            };
            capture.statistics(0, stats)?.write_pcapng(Vec::new())?
        }
        "exchange-healthy.pcap" => {
            one_session(&exchange::exchange_healthy(client_ip), &exchange_2003_options())?
        }
        "xexch50-refused.pcap" => {
            one_session(&exchange::xexch50_refused(client_ip), &exchange_2003_options())?
        }
        "starttls.pcap" => one_session(&exchange::starttls(client_ip), &opts)?,
        "starttls-cleartext.pcap" => one_session(&exchange::starttls_cleartext(client_ip), &opts)?,
        "pipelining.pcap" => one_session(&exchange::pipelining(client_ip), &opts)?,
        "bdat.pcap" => one_session(&exchange::bdat(client_ip), &opts)?,
        "smuggling.pcap" => one_session(&exchange::smuggling(client_ip), &exchange_2003_options())?,
        "pix-rewritten.pcap" => one_session(&exchange::pix_rewritten(client_ip), &exchange_2003_options())?,
        "pix-noop.pcap" => one_session(&exchange::pix_noop(client_ip), &exchange_2003_options())?,
        "asa-masked.pcap" => one_session(&exchange::asa_masked(client_ip), &opts)?,
        "only-client.pcap" => {
            let mut o = exchange_2003_options();
            o.only_from = Some(Direction::ClientToServer);
            one_session(&exchange::plain_delivery(client_ip), &o)?
        }
        "pregreet.pcap" => one_session(&exchange::pregreet(client_ip), &opts)?,
        "relay-after-exps-failed.pcap" => one_session(
            &exchange::relay_after_exps_failed(client_ip),
            &exchange_2003_options(),
        )?,
        "auth-required.pcap" => one_session(&exchange::auth_required(client_ip), &opts)?,
        "open-relay.pcap" => one_session(&exchange::open_relay(client_ip), &opts)?,
        "data-refused.pcap" => one_session(&exchange::data_refused(client_ip), &opts)?,
        "back-pressure.pcap" => one_session(&exchange::back_pressure(client_ip), &opts)?,
        "relay-5-7-54.pcap" => one_session(&exchange::relay_non_accepted_domain(client_ip), &opts)?,
        "not-authorized.pcap" => one_session(&exchange::not_authorized(client_ip), &exchange_2003_options())?,
        "online-throttled.pcap" => one_session(&exchange::online_throttled(client_ip), &opts)?,
        "online-temporary-error.pcap" => one_session(&exchange::online_temporary_error(client_ip), &opts)?,
        "exchange-no-x-verbs.pcap" => one_session(
            &exchange::exchange_without_x_verbs(client_ip),
            &exchange_2003_options(),
        )?,
        "replies-out-of-step.pcap" => {
            let mut o = sample_options();
            o.close = Close::Fin {
                from: Direction::ClientToServer,
            };
            one_session(&exchange::replies_out_of_step(client_ip), &o)?
        }
        "slow-server.pcap" => one_session(&exchange::slow_server(client_ip), &opts)?,
        "connection-refused.pcap" => {
            let mut reset = sample_options();
            reset.syn_answer = SynAnswer::Reset;
            let mut silent = sample_options();
            silent.client = addr("192.0.2.10:49153");
            silent.start = reset.start.plus_secs(1);
            silent.syn_answer = SynAnswer::Silent { syns: 3 };
            pcap(
                Capture::new(LinkType::ETHERNET)
                    .add(&Script::new(), &reset)?
                    .add(&Script::new(), &silent)?,
            )?
        }
        "exps-failed.pcap" => one_session(&exchange::exps_failed(client_ip), &exchange_2003_options())?,
        "exps-not-offered.pcap" => {
            one_session(&exchange::exps_not_offered(client_ip), &exchange_2003_options())?
        }
        "xexch50-after-auth.pcap" => {
            one_session(&exchange::xexch50_after_auth(client_ip), &exchange_2003_options())?
        }
        "xexch50-exploit.pcap" => one_session(&exchange::xexch50_exploit(client_ip), &reset_by_server())?,
        "blob-cut-short.pcap" => one_session(&exchange::blob_cut_short(client_ip), &reset_by_server())?,
        "blob-capture-ended.pcap" => {
            let mut o = exchange_2003_options();
            o.close = Close::None;
            one_session(&exchange::blob_cut_short(client_ip), &o)?
        }
        "xlink2state-overflow.pcap" => {
            one_session(&exchange::xlink2state_overflow(client_ip), &reset_by_server())?
        }
        "netbios-clear-login.pcap" => one_session(
            &exchange::netbios_clear_login(client_ip),
            &exchange_2003_options(),
        )?,
        "exps-kerberos.pcap" => one_session(&exchange::exps_kerberos(client_ip), &opts)?,
        "exps-spnego-ntlm.pcap" => {
            one_session(&exchange::exps_spnego_ntlm(client_ip), &exchange_2003_options())?
        }
        "exps-ntlm-failed.pcap" => {
            one_session(&exchange::exps_ntlm_failed(client_ip), &exchange_2003_options())?
        }
        "exps-krb-error.pcap" => one_session(&exchange::exps_krb_error(client_ip), &exchange_2003_options())?,
        "identity-mismatch.pcap" => {
            one_session(&exchange::identity_mismatch(client_ip), &exchange_2003_options())?
        }
        "auth-plain.pcap" => one_session(&exchange::auth_plain(client_ip), &opts)?,
        "auth-login.pcap" => one_session(&exchange::auth_login(client_ip), &opts)?,
        "syn-flood.pcap" => {
            let healthy = sample_options();
            let mut flood = FloodOptions::new(30, FloodShape::Syn);
            // The delivery has its banner by then: it carried data, so the flood never evicts it.
            flood.start = Timestamp::new(healthy.start.secs, healthy.start.nanos.saturating_add(20_000_000));
            let mut capture =
                Capture::new(LinkType::ETHERNET).add(&smtp_session(&sample_body()), &healthy)?;
            for n in 0..flood.connections {
                capture = capture.add_frames(0, flood_connection(n, &flood)?)?;
            }
            pcap(capture)?
        }
        name if name.starts_with("diff-") => return diff_pair_bytes(name),
        _ => return Ok(None),
    };
    Ok(Some(bytes))
}

/// The two ends of the `diff-*` samples: the same conversation captured at the sending and at the
/// receiving server, through a middlebox or a lossy path.
fn diff_pair_bytes(name: &str) -> Result<Option<Vec<u8>>, SynthError> {
    let sender_side = exchange_2003_options();
    let receiver_sees = |client: &str, server: &str| {
        let mut o = exchange_2003_options();
        o.client = addr(client);
        o.server = addr(server);
        o
    };
    let bytes = match name {
        "diff-asa-sender.pcapng" => {
            let mut o = sample_options();
            o.step = Duration::from_millis(3);
            let nat = addr("198.51.100.7:49152").ip();
            Capture::new(LinkType::ETHERNET)
                .add(&exchange::asa_masked_at(nat, exchange::End::Sender), &o)?
                .write_pcapng(Vec::new())?
        }
        "diff-asa-receiver.pcap" => {
            let mut o = sample_options();
            o.client = addr("198.51.100.7:49152");
            o.link = Encapsulation::LinuxSll2;
            o.start = o.start.plus_secs(37);
            one_session(
                &exchange::asa_masked_at(o.client.ip(), exchange::End::Receiver),
                &o,
            )?
        }
        "diff-pix-sender.pcap" => {
            let o = receiver_sees(CLIENT, "192.0.2.1:25");
            let proxy = addr("198.51.100.1:40001").ip();
            one_session(&exchange::pix_noop_at(proxy, exchange::End::Sender), &o)?
        }
        "diff-pix-receiver.pcap" => {
            let mut o = receiver_sees("198.51.100.1:40001", SERVER);
            o.start = Timestamp::new(o.start.secs, 2_000_000);
            o.client_isn = 0x7e57_0001;
            one_session(&exchange::pix_noop_at(o.client.ip(), exchange::End::Receiver), &o)?
        }
        "diff-loss-sender.pcap" => {
            let delivery = exchange::xexch50_refused(sender_side.client.ip());
            let mut o = sender_side.clone();
            o.impair.retransmit = vec![delivery
                .segment_at(MSS, Direction::ClientToServer, 1200)
                .unwrap_or(usize::MAX)];
            let mut blocked = sender_side.clone();
            blocked.client = addr("192.0.2.10:49153");
            blocked.start = o.start.plus_secs(2);
            blocked.syn_answer = SynAnswer::Silent { syns: 3 };
            pcap(
                Capture::new(LinkType::ETHERNET)
                    .add(&delivery, &o)?
                    .add(&Script::new(), &blocked)?,
            )?
        }
        "diff-loss-receiver.pcap" => {
            let delivery = exchange::xexch50_refused(sender_side.client.ip());
            let mut other = receiver_sees("192.0.2.99:50000", SERVER);
            other.start = sender_side.start.plus_secs(1);
            other.client_isn = 0x0bee_0001;
            pcap(
                Capture::new(LinkType::ETHERNET)
                    .add(&delivery, &sender_side)?
                    .add(&exchange::plain_delivery(other.client.ip()), &other)?,
            )?
        }
        _ => return Ok(None),
    };
    Ok(Some(bytes))
}

/// Writes every sample of [`SAMPLES`] into `dir` (created if missing) and returns their paths.
///
/// # Errors
/// An I/O error creating the directory or writing a file.
pub fn write_samples(dir: &Path) -> Result<Vec<PathBuf>, SynthError> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::with_capacity(SAMPLES.len());
    for (name, _) in SAMPLES {
        if let Some(bytes) = sample_bytes(name)? {
            let path = dir.join(name);
            std::fs::write(&path, bytes)?;
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_sample_is_generated_and_unknown_names_are_not() {
        for (name, _) in SAMPLES {
            let bytes = sample_bytes(name)
                .unwrap()
                .unwrap_or_else(|| panic!("{name} not generated"));
            assert!(
                bytes.len() > 100 && bytes.len() < 20_000,
                "{name}: {} bytes",
                bytes.len()
            );
        }
        assert!(sample_bytes("nope.pcap").unwrap().is_none());
    }

    #[test]
    fn sample_body_spans_three_segments_with_the_second_inside_the_body() {
        let body = sample_body();
        let first = body_segment(&body, 0).unwrap();
        assert_eq!(body_segment(&body, 1500), Some(first + 1));
        assert_eq!(body_segment(&body, body.len() - 1), Some(first + 2));
    }

    #[test]
    fn message_body_is_deterministic_and_never_starts_a_line_with_a_dot() {
        let a = message_body(5000, 7);
        assert_eq!(a, message_body(5000, 7));
        assert!(a.len() >= 5000 && a.ends_with(b"\r\n"));
        assert!(!a.windows(2).any(|w| w == b"\n."));
    }
}
