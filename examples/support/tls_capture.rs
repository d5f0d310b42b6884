//! The bench's TLS capture: SMTP sessions upgraded with STARTTLS to TLS 1.2
//! (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), each carrying one large message in 16 KB records, and
//! the key log that decrypts them. Records are sealed here with RustCrypto's AES-GCM as RFC 5288
//! lays them out; the handshake is the least that names the suite (no certificate).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, KeyInit};
use smtpscope::tls::record::Header;
use smtpscope::tls::schedule::{key_block, PrfHash};
use smtpscope_synth::{Capture, Script, SynthOptions};

/// One TLS 1.2 AES-128-GCM sender: records of one direction, with their sequence numbers.
struct Sealer {
    cipher: Aes128Gcm,
    salt: [u8; 4],
    seq: u64,
}

impl Sealer {
    /// A record of `content_type` carrying `plain`, as RFC 5288 lays it out.
    fn seal(&mut self, content_type: u8, plain: &[u8]) -> Vec<u8> {
        let explicit = self.seq.to_be_bytes();
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&self.salt);
        nonce[4..].copy_from_slice(&explicit);
        let mut aad = self.seq.to_be_bytes().to_vec();
        aad.extend([content_type, 3, 3]);
        aad.extend((plain.len() as u16).to_be_bytes());
        let mut body = plain.to_vec();
        let tag = self
            .cipher
            .encrypt_in_place_detached(&nonce.into(), &aad, &mut body)
            .expect("AES-GCM seals");
        self.seq += 1;
        let mut fragment = explicit.to_vec();
        fragment.extend(body);
        fragment.extend(tag);
        record(content_type, &fragment)
    }
}

fn record(content_type: u8, fragment: &[u8]) -> Vec<u8> {
    let header = Header {
        content_type,
        version: 0x0303,
        len: fragment.len() as u16,
    };
    [&header.to_bytes()[..], fragment].concat()
}

/// A handshake record: the message type, its 24-bit length, the body.
fn handshake(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = (body.len() as u32).to_be_bytes();
    record(22, &[&[kind], &len[1..], body].concat())
}

/// One STARTTLS session with `body` bytes of message inside TLS; its key log line.
fn tls_session(index: u8, body: usize) -> (Script, String) {
    let (client_random, server_random, master) =
        ([index; 32], [index ^ 0xff; 32], [index.wrapping_add(1); 48]);
    let keys = key_block(PrfHash::Sha256, &master, &client_random, &server_random, 40);
    let sealer = |key: &[u8], salt: &[u8]| Sealer {
        cipher: Aes128Gcm::new_from_slice(key).expect("a 16-byte key"),
        salt: salt.try_into().expect("a 4-byte salt"),
        seq: 0,
    };
    let (mut client, mut server) = (
        sealer(&keys[0..16], &keys[32..36]),
        sealer(&keys[16..32], &keys[36..40]),
    );
    // ClientHello (1) offering one suite, ServerHello (2) choosing it; no session id, no extensions.
    let hello = |kind: u8, random: &[u8; 32]| {
        let tail: &[u8] = if kind == 1 {
            &[0, 2, 0xc0, 0x2f, 1, 0, 0, 0]
        } else {
            &[0xc0, 0x2f, 0, 0, 0]
        };
        handshake(kind, &[&[3u8, 3][..], random, &[0], tail].concat())
    };
    let finished = [&[20u8, 0, 0, 12][..], &[0x5a; 12]].concat();
    let mut script = Script::new()
        .server("220 mx.example ESMTP\r\n")
        .client("EHLO bench.example\r\n")
        .server("250-mx.example\r\n250 STARTTLS\r\n")
        .client("STARTTLS\r\n")
        .server("220 2.0.0 Ready to start TLS\r\n")
        .client(hello(1, &client_random))
        .server([hello(2, &server_random), handshake(14, &[])].concat())
        .client(
            [
                handshake(16, &[1, 4]),
                record(20, &[1]),
                client.seal(22, &finished),
            ]
            .concat(),
        )
        .server([record(20, &[1]), server.seal(22, &finished)].concat());
    for (command, reply) in [
        ("EHLO bench.example\r\n", "250 mx.example\r\n"),
        ("MAIL FROM:<a@bench.example>\r\n", "250 2.1.0 Ok\r\n"),
        ("RCPT TO:<b@mx.example>\r\n", "250 2.1.5 Ok\r\n"),
        ("DATA\r\n", "354 End data with <CR><LF>.<CR><LF>\r\n"),
    ] {
        script = script
            .client(client.seal(23, command.as_bytes()))
            .server(server.seal(23, reply.as_bytes()));
    }
    let line = b"a line of the message, the same again and again, as filler for throughput\r\n";
    let message: Vec<u8> = line.iter().copied().cycle().take(body).chain(*b".\r\n").collect();
    let mut data = Vec::with_capacity(message.len() + message.len() / 300);
    for chunk in message.chunks(16 * 1024) {
        data.extend(client.seal(23, chunk));
    }
    script = script
        .client(data)
        .server(server.seal(23, b"250 2.0.0 Ok: queued\r\n"))
        .client(client.seal(23, b"QUIT\r\n"))
        .server(server.seal(23, b"221 2.0.0 Bye\r\n"));
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    (
        script,
        format!("CLIENT_RANDOM {} {}\n", hex(&client_random), hex(&master)),
    )
}

/// Writes a capture of 16 such sessions of about `megabytes` MiB in all to `path`, and its key
/// log to `keylog`.
pub fn write(path: &Path, keylog: &Path, megabytes: u64) -> Result<(), String> {
    let sessions = 16u8;
    let body = ((megabytes << 20) / u64::from(sessions)) as usize;
    let server = "198.51.100.25:25".parse().expect("an address");
    let mut capture = Capture::new(smtpscope::capture::LinkType::ETHERNET);
    let mut log = String::new();
    for i in 0..sessions {
        let (script, line) = tls_session(i, body);
        let client = format!("192.0.2.{}:{}", 10 + i, 40000 + u16::from(i))
            .parse()
            .expect("an address");
        capture = capture
            .add(&script, &SynthOptions::new(client, server))
            .map_err(|e| e.to_string())?;
        log.push_str(&line);
    }
    capture
        .write_pcap(BufWriter::new(File::create(path).map_err(|e| e.to_string())?))
        .map_err(|e| e.to_string())?;
    std::fs::write(keylog, log).map_err(|e| e.to_string())
}
