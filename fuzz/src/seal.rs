//! The sealed mode of `tls_decrypt`: a script of records that the target protects itself with
//! RustCrypto (`aes-gcm`, `chacha20poly1305`), under keys derived from fixed secrets with the
//! library's public key schedule, so that records authenticate and the code behind decryption —
//! content-type dispatch, alerts and handshake messages inside the channel, the TLS 1.3 inner
//! plaintext, Finished and KeyUpdate switching keys, application data handed out, records split and
//! coalesced across segments, sequence numbers — is fuzzed, not only the failing tag check.
//!
//! Owns the script format ([`Record`], [`read`], [`encode`]), the sealing of TLS 1.2 AES-GCM
//! (RFC 5288 §3), TLS 1.2 ChaCha20-Poly1305 (RFC 7905 §2) and TLS 1.3 records (RFC 8446 §5.2–5.3)
//! written here from the RFCs independently of the library's opener, and the oracle: what a
//! receiver following the RFCs must hand out, record by record. Must not: use the library's
//! decrypter (it is what is checked).
//!
//! **Script.** After the target's first byte (bit 6 set picks this mode, the low 6 bits the suite
//! among [`SEALED_SUITES`]), records, each: a control byte — bit 7 the server sends it, bit 6 it is
//! corrupted (one bit of its fragment flipped after sealing), bits 5–4 the content type (0
//! application data, 1 handshake, 2 alert, 3 the first plaintext byte names it: 20 is a
//! ChangeCipherSpec sent in clear, any other is sealed with that type, inner in TLS 1.3, outer in
//! TLS 1.2), bit 3 the sender's stream is delivered after this record, bits 2–0 how much of what it
//! has not delivered yet (0 all of it, k: k eighths, so records are cut across segments and
//! several share one); then a length byte (bit 7: a byte of TLS 1.3 zero padding count follows;
//! bits 6–0 the plaintext length) and the plaintext. A record cut short takes what is left.

use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, Aes256Gcm, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use smtpscope::net::Direction;
use smtpscope::tls::handshake::MAX_MESSAGE;
use smtpscope::tls::schedule::{self, Hash13, PrfHash};
use smtpscope::tls::session::MAX_FAILURES_IN_A_ROW;

/// The suites of the sealed mode: TLS 1.2 ECDHE AES-128-GCM (SHA-256 PRF), AES-256-GCM (SHA-384
/// PRF) and ChaCha20-Poly1305; TLS 1.3 AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305.
pub const SEALED_SUITES: &[u16] = &[0xc02f, 0xc030, 0xcca8, 0x1301, 0x1302, 0x1303];

/// The AEAD of a suite, with its key length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cipher {
    Aes128Gcm,
    Aes256Gcm,
    ChaCha,
}

impl Cipher {
    fn key_len(self) -> usize {
        match self {
            Cipher::Aes128Gcm => 16,
            Cipher::Aes256Gcm | Cipher::ChaCha => 32,
        }
    }
}

/// What sealing needs to know of a suite (from the IANA registry and RFC 5289/7905/8446, not from
/// the library's table).
#[derive(Clone, Copy, Debug)]
pub struct Suite {
    /// Its code point.
    pub id: u16,
    cipher: Cipher,
    /// TLS 1.3, and its hash; `None`: TLS 1.2 with the PRF hash in `prf`.
    pub hash13: Option<Hash13>,
    prf: PrfHash,
}

/// The suite of the sealed mode picked by `pick`.
pub fn suite(pick: u8) -> Suite {
    let id = SEALED_SUITES[usize::from(pick & 0x3f) % SEALED_SUITES.len()];
    let (cipher, hash13, prf) = match id {
        0xc02f => (Cipher::Aes128Gcm, None, PrfHash::Sha256),
        0xc030 => (Cipher::Aes256Gcm, None, PrfHash::Sha384),
        0xcca8 => (Cipher::ChaCha, None, PrfHash::Sha256),
        0x1301 => (Cipher::Aes128Gcm, Some(Hash13::Sha256), PrfHash::Sha256),
        0x1302 => (Cipher::Aes256Gcm, Some(Hash13::Sha384), PrfHash::Sha384),
        _ => (Cipher::ChaCha, Some(Hash13::Sha256), PrfHash::Sha256),
    };
    Suite {
        id,
        cipher,
        hash13,
        prf,
    }
}

/// The fixed TLS 1.3 traffic secrets of a hash: client and server handshake, client and server
/// application (generation 0) — each a run of one byte, as long as the hash.
pub fn secrets13(hash: Hash13) -> [Vec<u8>; 4] {
    [0x51u8, 0x52, 0x53, 0x54].map(|b| vec![b; hash.output_len()])
}

/// One record of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Who sends it.
    pub dir: Direction,
    /// One bit of its fragment is flipped after sealing.
    pub corrupt: bool,
    /// Its content type (TLS 1.3: the inner one); 20 is a ChangeCipherSpec in clear.
    pub content_type: u8,
    /// TLS 1.3 zero padding after the inner content type.
    pub padding: u8,
    /// The plaintext.
    pub plain: Vec<u8>,
    /// The sender's stream is delivered after this record: `Some(0)` all of what it has not
    /// delivered, `Some(k)` k eighths of it; `None` it waits.
    pub deliver: Option<u8>,
}

/// Reads a record script.
pub fn read(data: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some((&ctl, tail)) = rest.split_first() {
        let (&len, tail) = tail.split_first().unwrap_or((&0, &[]));
        let (padding, tail) = if len & 0x80 != 0 {
            let (&p, t) = tail.split_first().unwrap_or((&0, &[]));
            (p, t)
        } else {
            (0, tail)
        };
        let (plain, tail) = tail.split_at(usize::from(len & 0x7f).min(tail.len()));
        rest = tail;
        let (content_type, plain) = match (ctl >> 4) & 3 {
            0 => (23, plain),
            1 => (22, plain),
            2 => (21, plain),
            _ => plain.split_first().map_or((0, plain), |(&t, p)| (t, p)),
        };
        out.push(Record {
            dir: if ctl & 0x80 != 0 {
                Direction::ServerToClient
            } else {
                Direction::ClientToServer
            },
            corrupt: ctl & 0x40 != 0,
            content_type,
            padding,
            plain: plain.to_vec(),
            deliver: (ctl & 8 != 0).then_some(ctl & 7),
        });
    }
    out
}

/// Writes the script of `records` after the first byte picking suite `pick` (an index into
/// [`SEALED_SUITES`]); plaintexts are cut to 127 bytes (126 for content types written in the
/// plaintext).
pub fn encode(pick: u8, records: &[Record]) -> Vec<u8> {
    let mut out = vec![0x40 | pick];
    for r in records {
        let kind = match r.content_type {
            23 => 0,
            22 => 1,
            21 => 2,
            _ => 3,
        };
        let ctl = if r.dir == Direction::ServerToClient {
            0x80
        } else {
            0
        } | if r.corrupt { 0x40 } else { 0 }
            | kind << 4
            | r.deliver.map_or(0, |k| 8 | (k & 7));
        let mut plain = if kind == 3 {
            vec![r.content_type]
        } else {
            Vec::new()
        };
        plain.extend_from_slice(&r.plain);
        plain.truncate(127);
        out.push(ctl);
        if r.padding > 0 {
            out.extend([0x80 | plain.len() as u8, r.padding]);
        } else {
            out.push(plain.len() as u8);
        }
        out.extend(plain);
    }
    out
}

enum Aead {
    Aes128(Box<Aes128Gcm>),
    Aes256(Box<Aes256Gcm>),
    ChaCha(Box<ChaCha20Poly1305>),
}

impl Aead {
    fn new(cipher: Cipher, key: &[u8]) -> Aead {
        match cipher {
            Cipher::Aes128Gcm => Aead::Aes128(Box::new(Aes128Gcm::new_from_slice(key).expect("a key"))),
            Cipher::Aes256Gcm => Aead::Aes256(Box::new(Aes256Gcm::new_from_slice(key).expect("a key"))),
            Cipher::ChaCha => Aead::ChaCha(Box::new(ChaCha20Poly1305::new_from_slice(key).expect("a key"))),
        }
    }

    /// Encrypts `buf` in place and appends the tag.
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut Vec<u8>) {
        let nonce = aes_gcm::Nonce::from_slice(nonce);
        let sealed = match self {
            Aead::Aes128(c) => c.encrypt_in_place(nonce, aad, buf),
            Aead::Aes256(c) => c.encrypt_in_place(nonce, aad, buf),
            Aead::ChaCha(c) => c.encrypt_in_place(nonce, aad, buf),
        };
        sealed.expect("a record's worth of plaintext seals");
    }
}

/// The IV with the sequence number XORed into its last eight bytes (RFC 7905 §2, RFC 8446 §5.3).
fn nonce_xor(iv: &[u8; 12], seq: u64) -> [u8; 12] {
    let mut nonce = *iv;
    for (n, s) in nonce[4..].iter_mut().zip(seq.to_be_bytes()) {
        *n ^= s;
    }
    nonce
}

/// A TLS 1.3 sender's key epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Epoch {
    /// Handshake traffic keys, until its Finished.
    Handshake,
    /// Application traffic keys.
    Application,
}

/// One side: its keys and sequence number as a sender, and what a receiver that follows the RFCs
/// knows of its stream.
struct Side {
    aead: Aead,
    /// TLS 1.2: the GCM salt (first 4 bytes) or the ChaCha20 IV; TLS 1.3: the IV.
    iv: [u8; 12],
    seq: u64,
    /// TLS 1.3: the current traffic secret and its epoch.
    secret: Vec<u8>,
    epoch: Epoch,
    /// TLS 1.3: the handshake bytes the receiver authenticated, not yet a whole message.
    handshake: Vec<u8>,
    /// The oracle still knows exactly what the receiver hands out (no key change it cannot see).
    exact: bool,
    /// The receiver reads this stream no more: a record type that does not frame.
    stopped: bool,
    /// Records in a row that do not open; at [`MAX_FAILURES_IN_A_ROW`] the receiver gives up on
    /// this stream for good.
    failures_in_row: u32,
    gave_up: bool,
    /// Records the receiver must have opened, and failed to open (before it gave up).
    opened: u64,
    failed: u64,
    /// Bytes sealed, not yet delivered, and the end offset of each record in them with the
    /// application data it must hand out.
    undelivered: Vec<u8>,
    ends: Vec<(usize, Option<Vec<u8>>)>,
}

impl Side {
    fn new(cipher: Cipher, key: &[u8], iv: &[u8], secret: Vec<u8>) -> Side {
        let mut full = [0u8; 12];
        full[..iv.len()].copy_from_slice(iv);
        Side {
            aead: Aead::new(cipher, key),
            iv: full,
            seq: 0,
            secret,
            epoch: Epoch::Handshake,
            handshake: Vec::new(),
            exact: true,
            stopped: false,
            failures_in_row: 0,
            gave_up: false,
            opened: 0,
            failed: 0,
            undelivered: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Whether the receiver still opens this side's records and the oracle knows what they carry.
    fn followed(&self) -> bool {
        self.exact && !self.stopped && !self.gave_up
    }

    fn rekey13(&mut self, cipher: Cipher, hash: Hash13, secret: Vec<u8>) {
        let (key, iv) = schedule::traffic_key_iv(hash, &secret, cipher.key_len()).expect("traffic keys");
        self.aead = Aead::new(cipher, &key);
        self.iv = iv;
        self.seq = 0;
        self.secret = secret;
    }
}

/// Both sides of a sealed session.
pub struct Sealer {
    suite: Suite,
    sides: [Side; 2],
    /// TLS 1.3: the application traffic secrets (generation 0), client's then server's.
    app: [Vec<u8>; 2],
}

fn index(dir: Direction) -> usize {
    match dir {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

impl Sealer {
    /// The sealer of `suite`: TLS 1.2 keys from the key block of `master` and the randoms
    /// (RFC 5246 §6.3), TLS 1.3 keys from the handshake traffic secrets of [`secrets13`].
    pub fn new(suite: Suite, master: &[u8], client_random: &[u8], server_random: &[u8]) -> Sealer {
        let key_len = suite.cipher.key_len();
        match suite.hash13 {
            None => {
                // No MAC keys for an AEAD; the IV is the 4-byte GCM salt or the 12-byte ChaCha20 IV.
                let iv_len = if suite.cipher == Cipher::ChaCha { 12 } else { 4 };
                let block = schedule::key_block(
                    suite.prf,
                    master,
                    client_random,
                    server_random,
                    2 * (key_len + iv_len),
                );
                let (keys, ivs) = block.split_at(2 * key_len);
                let side = |n: usize| {
                    Side::new(
                        suite.cipher,
                        &keys[n * key_len..][..key_len],
                        &ivs[n * iv_len..][..iv_len],
                        Vec::new(),
                    )
                };
                let mut sides = [side(0), side(1)];
                for s in &mut sides {
                    s.epoch = Epoch::Application;
                }
                Sealer {
                    suite,
                    sides,
                    app: [Vec::new(), Vec::new()],
                }
            }
            Some(hash) => {
                let [client_hs, server_hs, client_ap, server_ap] = secrets13(hash);
                let side = |secret: Vec<u8>| {
                    let (key, iv) = schedule::traffic_key_iv(hash, &secret, key_len).expect("traffic keys");
                    Side::new(suite.cipher, &key, &iv, secret)
                };
                Sealer {
                    suite,
                    sides: [side(client_hs), side(server_hs)],
                    app: [client_ap, server_ap],
                }
            }
        }
    }

    /// Seals `record` onto its sender's undelivered bytes, and notes what the receiver must hand
    /// out for it.
    pub fn push(&mut self, record: &Record) {
        let tls13 = self.suite.hash13.is_some();
        let (cipher, app) = (self.suite.cipher, self.app.clone());
        let side = &mut self.sides[index(record.dir)];
        if record.content_type == 20 {
            // A ChangeCipherSpec in clear: TLS 1.2 after its first, TLS 1.3 for middleboxes; it
            // changes no keys either way (RFC 5246 §7.1, RFC 8446 Appendix D.4).
            let mut bytes = vec![20, 3, 3, 0, record.plain.len() as u8];
            bytes.extend_from_slice(&record.plain);
            side.undelivered.extend(bytes);
            side.ends.push((side.undelivered.len(), None));
            return;
        }
        let seq = side.seq;
        side.seq += 1;
        let (outer, fragment) = if tls13 {
            let mut inner = record.plain.clone();
            inner.push(record.content_type);
            inner.extend(std::iter::repeat_n(0, usize::from(record.padding)));
            let len = (inner.len() + 16) as u16;
            let header = [23, 3, 3, (len >> 8) as u8, len as u8];
            side.aead.seal(&nonce_xor(&side.iv, seq), &header, &mut inner);
            (23, inner)
        } else {
            let mut aad = seq.to_be_bytes().to_vec();
            aad.extend([record.content_type, 3, 3]);
            aad.extend((record.plain.len() as u16).to_be_bytes());
            let mut body = record.plain.clone();
            if cipher == Cipher::ChaCha {
                side.aead.seal(&nonce_xor(&side.iv, seq), &aad, &mut body);
                (record.content_type, body)
            } else {
                // The explicit nonce is the sequence number, as most stacks send it.
                let mut nonce = side.iv;
                nonce[4..].copy_from_slice(&seq.to_be_bytes());
                side.aead.seal(&nonce, &aad, &mut body);
                let mut fragment = seq.to_be_bytes().to_vec();
                fragment.extend(body);
                (record.content_type, fragment)
            }
        };
        let mut fragment = fragment;
        if record.corrupt {
            let at = record.plain.len() % fragment.len();
            fragment[at] ^= 0x10;
        }
        let len = fragment.len() as u16;
        side.undelivered
            .extend([outer, 3, 3, (len >> 8) as u8, len as u8]);
        side.undelivered.extend(fragment);
        let end = side.undelivered.len();
        if !(20..=24).contains(&outer) {
            // Not a record type: the receiver stops reading this stream here (RFC 5246 §6.2.1).
            side.ends.push((end, None));
            side.stopped = true;
            return;
        }
        // What the receiver makes of it: TLS 1.3's content type is the last non-zero byte of the
        // inner plaintext (RFC 8446 §5.4); a plaintext of only zeros is an error like a bad tag.
        let opened = if tls13 {
            let mut inner = record.plain.clone();
            inner.push(record.content_type);
            inner
                .iter()
                .rposition(|b| *b != 0)
                .map(|at| (inner[at], inner[..at].to_vec()))
        } else {
            Some((record.content_type, record.plain.clone()))
        };
        let opened = opened.filter(|_| !record.corrupt);
        let Some((content_type, plain)) = opened else {
            if tls13 && record.corrupt && record.content_type == 22 {
                // The receiver lost handshake bytes the sender's key schedule went by.
                side.exact = false;
            }
            if !side.stopped && !side.gave_up {
                side.failed += 1;
            }
            side.failures_in_row += 1;
            side.gave_up |= side.failures_in_row >= MAX_FAILURES_IN_A_ROW;
            side.ends.push((end, None));
            return;
        };
        let followed = side.followed();
        if !side.stopped && !side.gave_up {
            side.opened += 1;
            side.failures_in_row = 0;
        }
        let expected = (followed && content_type == 23 && !plain.is_empty()).then(|| plain.clone());
        side.ends.push((end, expected));
        if tls13 && content_type == 22 {
            // Handshake messages change the sender's keys after the record that ends them: its
            // Finished moves to the application traffic keys (RFC 8446 §4.4.4, §7.3), a KeyUpdate
            // to the next generation (§4.6.3, §7.2).
            let hash = self.suite.hash13.expect("TLS 1.3");
            side.handshake.extend_from_slice(&plain);
            while let [kind, a, b, c, ..] = side.handshake[..] {
                let len = usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c);
                if len > MAX_MESSAGE || side.handshake.len() < 4 + len {
                    break;
                }
                side.handshake.drain(..4 + len);
                match (kind, side.epoch) {
                    (20, Epoch::Handshake) => {
                        side.epoch = Epoch::Application;
                        side.rekey13(cipher, hash, app[index(record.dir)].clone());
                    }
                    (24, Epoch::Application) => {
                        let next = schedule::next_traffic_secret(hash, &side.secret).expect("a secret");
                        side.rekey13(cipher, hash, next);
                    }
                    // A KeyUpdate before the Finished breaks RFC 8446 §4.6.3: what keys follow is
                    // not defined.
                    (24, Epoch::Handshake) => side.exact = false,
                    _ => {}
                }
            }
        }
    }

    /// Takes what `dir` delivers now (`eighths` of its undelivered bytes, 0 all of them) and the
    /// application data the records it completes must hand out.
    pub fn deliver(&mut self, dir: Direction, eighths: u8) -> (Vec<u8>, Vec<Vec<u8>>) {
        let side = &mut self.sides[index(dir)];
        let total = side.undelivered.len();
        let n = if eighths == 0 {
            total
        } else {
            total * usize::from(eighths) / 8
        };
        let bytes: Vec<u8> = side.undelivered.drain(..n).collect();
        let complete = side.ends.iter().take_while(|(end, _)| *end <= n).count();
        let expected = side
            .ends
            .drain(..complete)
            .filter_map(|(_, expected)| expected)
            .collect();
        for (end, _) in &mut side.ends {
            *end -= n;
        }
        (bytes, expected)
    }

    /// Whether the oracle knows exactly to the end what the receiver hands out of `dir`.
    pub fn exact(&self, dir: Direction) -> bool {
        self.sides[index(dir)].exact
    }

    /// Records of `dir` the receiver must have opened and failed to open, when [`Self::exact`].
    pub fn counts(&self, dir: Direction) -> (u64, u64) {
        let side = &self.sides[index(dir)];
        (side.opened, side.failed)
    }
}

/// A record of `dir` with `content_type` and `plain`, delivered at once.
fn record(dir: Direction, content_type: u8, plain: &[u8]) -> Record {
    Record {
        dir,
        corrupt: false,
        content_type,
        padding: 0,
        plain: plain.to_vec(),
        deliver: Some(0),
    }
}

/// A handshake message of `kind`.
fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![kind, 0, 0, body.len() as u8];
    m.extend_from_slice(body);
    m
}

/// The seeds of the sealed mode, named after their suite: an SMTP dialogue after STARTTLS in every
/// suite of [`SEALED_SUITES`] — TLS 1.2: both Finished messages, then commands and replies, one
/// record corrupted, a reply cut across two segments and two records sharing one, close_notify
/// alerts; TLS 1.3: the server's encrypted flight (EncryptedExtensions, an empty Certificate,
/// CertificateVerify, Finished) in one padded record, a ChangeCipherSpec in clear, the client's
/// Finished split across two records, a NewSessionTicket, a KeyUpdate from each side, a record
/// whose inner content type hides behind a zero type byte, a corrupted record, alerts.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    use Direction::{ClientToServer as C, ServerToClient as S};
    let lines: [&[u8]; 8] = [
        b"EHLO client.example.org\r\n",
        b"250-mail.example.net Hello\r\n250-SIZE 35882577\r\n250 8BITMIME\r\n",
        b"MAIL FROM:<alice@example.org>\r\n",
        b"250 2.1.0 Sender OK\r\n",
        b"RCPT TO:<bob@example.net>\r\n",
        b"250 2.1.5 Recipient OK\r\n",
        b"QUIT\r\n",
        b"221 2.0.0 Service closing transmission channel\r\n",
    ];
    let mut out = Vec::new();
    for (pick, &id) in SEALED_SUITES.iter().enumerate() {
        let tls13 = suite(pick as u8).hash13.is_some();
        let mut records = Vec::new();
        if tls13 {
            let mut flight = message(8, &[0, 0]);
            flight.extend(message(11, &[0, 0, 0, 0]));
            flight.extend(message(15, &[8, 4, 0, 0]));
            flight.extend(message(20, &[0xf5; 32]));
            records.push(Record {
                padding: 7,
                ..record(S, 22, &flight)
            });
            records.push(record(C, 20, &[1]));
            let finished = message(20, &[0xc5; 32]);
            records.push(Record {
                deliver: None,
                ..record(C, 22, &finished[..10])
            });
            records.push(record(C, 22, &finished[10..]));
        } else {
            records.push(record(C, 22, &message(20, &[0xc1; 12])));
            records.push(record(S, 22, &message(20, &[0x51; 12])));
        }
        records.push(Record {
            padding: if tls13 { 12 } else { 0 },
            ..record(C, 23, lines[0])
        });
        records.push(Record {
            deliver: Some(5),
            ..record(S, 23, lines[1])
        });
        if tls13 {
            let ticket = [
                0, 0, 0x0e, 0x10, 1, 2, 3, 4, 1, 0, 0, 4, 0xaa, 0xbb, 0xcc, 0xdd, 0, 0,
            ];
            records.push(record(S, 22, &message(4, &ticket)));
            records.push(record(C, 22, &message(24, &[1])));
        }
        records.push(record(C, 23, lines[2]));
        if tls13 {
            records.push(Record {
                deliver: None,
                ..record(S, 22, &message(24, &[0]))
            });
        }
        records.push(record(S, 23, lines[3]));
        records.push(Record {
            corrupt: true,
            ..record(C, 23, lines[4])
        });
        let mut again = lines[4].to_vec();
        if tls13 {
            // Content type 0 with the real one at the end of the plaintext (RFC 8446 §5.4).
            again.push(23);
            records.push(Record {
                padding: 3,
                ..record(C, 0, &again)
            });
        } else {
            records.push(record(C, 23, &again));
        }
        records.push(Record {
            deliver: None,
            ..record(S, 23, lines[5])
        });
        records.push(record(C, 23, lines[6]));
        records.push(Record {
            deliver: None,
            ..record(S, 23, lines[7])
        });
        records.push(record(S, 21, &[1, 0]));
        records.push(Record {
            deliver: Some(3),
            ..record(C, 21, &[1, 0])
        });
        out.push((format!("sealed-{id:04x}"), encode(pick as u8, &records)));
    }
    out
}
