//! The per-connection TLS state: both directions' bytes in, [`TlsFacts`] and decrypted
//! application data out.
//!
//! Owns the order of things in a TLS connection (RFC 5246 §7.3, RFC 8446 §2): hellos in clear, the
//! TLS ≤ 1.2 certificate flight in clear, each side's ChangeCipherSpec switching that side to its
//! new keys, TLS 1.3 protecting everything after the ServerHello (handshake traffic keys until each
//! side's Finished, then application traffic keys, KeyUpdate moving on), alerts in clear or inside.
//! Without keys it still frames every record, decodes every clear handshake message and counts
//! the protected bytes; protected bodies are then counted, never copied, so sessions without keys
//! cost no more than framing. With keys ([`TlsKeys`]) it finds the session's secrets by client
//! random (key log) or recovers them with the server's RSA key, and hands back each application
//! record's plaintext in order ([`Plaintext`]) for the SMTP decoder.
//!
//! Invariants: nothing here panics or aborts on any input; every failure (a missing key, a record
//! that does not authenticate, a suite that cannot be decrypted) is said once in the facts and the
//! session goes on counting. Limits: alerts and anomalies kept ([`MAX_ALERTS`], [`MAX_ANOMALIES`]),
//! chains ([`super::cert::MAX_CHAIN`]), consecutive failures before a direction stops trying
//! ([`MAX_FAILURES_IN_A_ROW`]). Must not: know about SMTP, read files, or print.

use crate::message::mime::hex;
use std::sync::Arc;

use super::cert;
use super::cipher::{self, Decrypter, Opened, SuiteSpec};
use super::facts::{
    Alert, Certificate, DecryptStatus, Decryption, PerDir, TlsAnomaly, TlsAnomalyKind, TlsFacts, Version,
};
use super::handshake::{kind, HandshakeReader, Message, Next};
use super::hello::{self, ServerHelloMsg};
use super::keys::TlsKeys;
use super::record::{content, Event, Header, RecordReader, MAX_CIPHERTEXT, MAX_PLAINTEXT};
use super::rsa_kx;
use super::schedule::{self, SessionHash};
use crate::net::Direction;
use crate::smtp::Position;

/// Alerts kept per session.
pub const MAX_ALERTS: usize = 64;
/// TLS anomalies kept per session.
pub const MAX_ANOMALIES: usize = 64;
/// Records in a row that fail to authenticate before a direction stops trying its keys.
pub const MAX_FAILURES_IN_A_ROW: u32 = 8;

/// Decrypted application data, in the order it travelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plaintext {
    /// Who sent it.
    pub dir: Direction,
    /// Where the record that carried it began.
    pub at: Position,
    /// The bytes.
    pub data: Vec<u8>,
}

/// One direction's protection state.
#[derive(Debug, Default)]
struct Side {
    /// Records from here on are protected.
    protected: bool,
    /// TLS ≤ 1.2: keys that take effect at this side's ChangeCipherSpec.
    pending: Option<Decrypter>,
    /// The keys in effect.
    active: Option<Decrypter>,
    /// TLS 1.3: the application traffic keys, in effect after this side's Finished.
    next: Option<Decrypter>,
    /// Protected records sent.
    protected_records: u64,
    failures_in_row: u32,
    /// Stopped trying to decrypt (too many failures).
    gave_up: bool,
}

/// One connection's TLS.
#[derive(Debug)]
pub struct TlsSession {
    readers: PerDir<RecordReader>,
    core: Core,
}

#[derive(Debug)]
struct Core {
    keys: Option<Arc<TlsKeys>>,
    facts: TlsFacts,
    handshake: PerDir<HandshakeReader>,
    sides: PerDir<Side>,
    client_random: Option<[u8; 32]>,
    server_random: Option<[u8; 32]>,
    client_session_id: Vec<u8>,
    server_session_id: Vec<u8>,
    /// The session ticket the client offered.
    client_ticket: Vec<u8>,
    /// TLS ≤ 1.2: the master secret, once known (to remember it under a new session ticket).
    master: Option<Vec<u8>>,
    spec: Option<SuiteSpec>,
    version: u16,
    tls13: bool,
    ems: bool,
    etm: bool,
    session_hash: Option<SessionHash>,
    server_modulus: Option<Vec<u8>>,
    /// Keys were installed for this session (so the decryption status is judged on records).
    keyed: bool,
}

fn who(dir: Direction) -> &'static str {
    match dir {
        Direction::ClientToServer => "client",
        Direction::ServerToClient => "server",
    }
}

impl TlsSession {
    /// A session that began with `by` (`STARTTLS`, `X-ANONYMOUSTLS`, `implicit`); `keys`, when
    /// given and not empty, are tried on it.
    pub fn new(by: &str, keys: Option<Arc<TlsKeys>>) -> Self {
        let keys = keys.filter(|k| !k.is_empty());
        let facts = TlsFacts {
            started: true,
            by: Some(by.to_string()),
            decryption: keys
                .as_ref()
                .map(|_| Box::new(Decryption::new(DecryptStatus::NothingToDecrypt))),
            ..TlsFacts::default()
        };
        let session_hash = keys
            .as_ref()
            .filter(|k| !k.rsa.is_empty())
            .map(|_| SessionHash::default());
        TlsSession {
            readers: PerDir {
                c2s: RecordReader::new(true),
                s2c: RecordReader::new(false),
            },
            core: Core {
                keys,
                facts,
                handshake: PerDir::default(),
                sides: PerDir::default(),
                client_random: None,
                server_random: None,
                client_session_id: Vec::new(),
                server_session_id: Vec::new(),
                client_ticket: Vec::new(),
                master: None,
                spec: None,
                version: 0,
                tls13: false,
                ems: false,
                etm: false,
                session_hash,
                server_modulus: None,
                keyed: false,
            },
        }
    }

    /// The facts so far.
    pub fn facts(&self) -> &TlsFacts {
        &self.core.facts
    }

    /// Feeds bytes of `dir` that arrived at `at`; decrypted application data is appended to `out`.
    pub fn on_data(&mut self, dir: Direction, bytes: &[u8], at: Position, out: &mut Vec<Plaintext>) {
        let TlsSession { readers, core } = self;
        let n = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        match dir {
            Direction::ClientToServer => core.facts.c2s_bytes = core.facts.c2s_bytes.saturating_add(n),
            Direction::ServerToClient => core.facts.s2c_bytes = core.facts.s2c_bytes.saturating_add(n),
        }
        let mut input = bytes;
        let reader = readers.get_mut(dir);
        while let Some(event) = reader.next(&mut input, at, |h| core.wants_body(dir, h)) {
            core.on_event(dir, event, out);
        }
    }

    /// Bytes of `dir` are missing from the capture: that direction is no longer read.
    pub fn on_gap(&mut self, dir: Direction, len: u64, at: Position) {
        let reader = self.readers.get_mut(dir);
        if reader.stopped() {
            return;
        }
        reader.stop();
        let decrypting = self.core.sides.get(dir).active.is_some();
        self.core.anomaly(
            TlsAnomalyKind::Gap,
            dir,
            at.frame,
            format!(
                "{len} bytes from the {} are missing from the capture: the rest of its TLS is counted, not read",
                who(dir)
            ),
        );
        if decrypting {
            if let Some(d) = self.core.facts.decryption.as_mut() {
                d.detail.get_or_insert_with(|| {
                    format!(
                        "bytes from the {} are missing from the capture: decryption stopped at the gap",
                        who(dir)
                    )
                });
            }
        }
    }

    /// Ends the session: reports what was cut short and settles the decryption status.
    pub fn finish(self) -> TlsFacts {
        let TlsSession { readers, mut core } = self;
        for dir in [Direction::ClientToServer, Direction::ServerToClient] {
            if let Some((at, have, want)) = readers.get(dir).pending() {
                core.anomaly(
                    TlsAnomalyKind::RecordTruncated,
                    dir,
                    at.frame,
                    format!(
                        "the {} sent {have} of a record's {want} bytes before the end",
                        who(dir)
                    ),
                );
            }
            if let Some((at, have, want)) = core.handshake.get(dir).pending() {
                core.anomaly(
                    TlsAnomalyKind::HandshakeTruncated,
                    dir,
                    at.frame,
                    format!(
                        "the {} sent {have} of a handshake message's {want} bytes before the end",
                        who(dir)
                    ),
                );
            }
        }
        core.settle_decryption();
        core.facts
    }
}

impl Core {
    fn anomaly(&mut self, kind: TlsAnomalyKind, dir: Direction, frame: u64, detail: String) {
        if self.facts.anomalies.len() < MAX_ANOMALIES {
            self.facts.anomalies.push(TlsAnomaly {
                kind,
                dir,
                frame,
                detail,
            });
        } else {
            self.facts.anomalies_dropped = self.facts.anomalies_dropped.saturating_add(1);
        }
    }

    fn decryption(&mut self) -> Option<&mut Decryption> {
        self.facts.decryption.as_deref_mut()
    }

    /// Whether a record's body is wanted: always before protection, and afterwards only when the
    /// direction has keys to open it.
    fn wants_body(&self, dir: Direction, header: &Header) -> bool {
        let side = self.sides.get(dir);
        !side.protected
            || header.content_type == content::CHANGE_CIPHER_SPEC
            || side.active.is_some()
            || side.next.is_some()
    }

    fn on_event(&mut self, dir: Direction, event: Event, out: &mut Vec<Plaintext>) {
        match event {
            Event::Invalid { at, detail } => {
                let what = if self.facts.client_hello.is_none() && dir == Direction::ClientToServer {
                    "the first client bytes are not TLS"
                } else {
                    "bytes that are not a TLS record"
                };
                self.anomaly(
                    TlsAnomalyKind::RecordInvalid,
                    dir,
                    at.frame,
                    format!("{what} ({detail}); the rest of this direction is counted, not read"),
                );
            }
            Event::Sslv2Hello { at, body } => match hello::decode_sslv2_hello(&body, at) {
                Ok(ch) => self.on_client_hello(ch),
                Err(e) => self.anomaly(TlsAnomalyKind::HandshakeMalformed, dir, at.frame, e),
            },
            Event::Counted { header, at } => {
                if usize::from(header.len) > MAX_CIPHERTEXT {
                    self.anomaly(
                        TlsAnomalyKind::RecordTooLong,
                        dir,
                        at.frame,
                        format!(
                            "a record of {} bytes, longer than the {MAX_CIPHERTEXT} TLS allows: counted, not read",
                            header.len
                        ),
                    );
                }
                if self.sides.get(dir).protected {
                    self.on_protected(dir, &header, at, None, out);
                }
            }
            Event::Record { header, at, body } => self.on_record(dir, header, at, body, out),
        }
    }

    fn on_record(
        &mut self,
        dir: Direction,
        header: Header,
        at: Position,
        body: Vec<u8>,
        out: &mut Vec<Plaintext>,
    ) {
        if header.content_type == content::CHANGE_CIPHER_SPEC {
            return self.on_change_cipher_spec(dir, at, &body);
        }
        if self.sides.get(dir).protected {
            return self.on_protected(dir, &header, at, Some(body), out);
        }
        if body.len() > MAX_PLAINTEXT {
            self.anomaly(
                TlsAnomalyKind::RecordTooLong,
                dir,
                at.frame,
                format!(
                    "a record of {} bytes in clear, longer than the {MAX_PLAINTEXT} TLS allows",
                    body.len()
                ),
            );
        }
        match header.content_type {
            content::HANDSHAKE => {
                self.handshake.get_mut(dir).push(&body, at);
                self.drain_handshake(dir, false);
            }
            content::ALERT => self.on_alerts(dir, at, &body, false),
            content::APPLICATION_DATA => self.anomaly(
                TlsAnomalyKind::UnexpectedRecord,
                dir,
                at.frame,
                format!(
                    "{} bytes of application data before the handshake protected the connection",
                    body.len()
                ),
            ),
            other => self.anomaly(
                TlsAnomalyKind::UnexpectedRecord,
                dir,
                at.frame,
                format!("a record of content type {other} ({} bytes)", body.len()),
            ),
        }
    }

    fn on_change_cipher_spec(&mut self, dir: Direction, at: Position, body: &[u8]) {
        if body != [1] {
            self.anomaly(
                TlsAnomalyKind::UnexpectedRecord,
                dir,
                at.frame,
                format!(
                    "a ChangeCipherSpec of {} bytes that is not the single byte 1",
                    body.len()
                ),
            );
        }
        // TLS 1.3 sends it only for middleboxes' sake (RFC 8446 §5, Appendix D.4): it changes nothing.
        if self.tls13 || self.facts.change_cipher_spec.get(dir).is_some() {
            return;
        }
        *self.facts.change_cipher_spec.get_mut(dir) = Some(at.frame);
        let side = self.sides.get_mut(dir);
        side.protected = true;
        side.active = side.pending.take();
    }

    fn on_protected(
        &mut self,
        dir: Direction,
        header: &Header,
        at: Position,
        body: Option<Vec<u8>>,
        out: &mut Vec<Plaintext>,
    ) {
        let side = self.sides.get_mut(dir);
        side.protected_records = side.protected_records.saturating_add(1);
        let first = side.protected_records == 1;
        if header.content_type == content::APPLICATION_DATA {
            self.facts.encrypted_records.add(dir, 1);
            self.facts.encrypted_bytes.add(dir, u64::from(header.len));
        }
        self.infer_established(dir);
        let decrypting = {
            let side = self.sides.get(dir);
            (side.active.is_some() || side.next.is_some()) && !side.gave_up
        };
        let Some(body) = body.filter(|_| decrypting) else {
            if decrypting {
                if let Some(active) = self.sides.get_mut(dir).active.as_mut() {
                    active.skip();
                }
            }
            // No keys: what the record is can only be told from its type (TLS ≤ 1.2).
            if !self.tls13 {
                match header.content_type {
                    content::HANDSHAKE if first => *self.facts.finished.get_mut(dir) = Some(at.frame),
                    content::ALERT => self.push_alert(Alert {
                        dir,
                        at,
                        level: None,
                        description: None,
                        encrypted: true,
                    }),
                    _ => {}
                }
                self.update_established();
            }
            return;
        };
        match self.open(dir, header, body) {
            Ok(opened) => {
                let side = self.sides.get_mut(dir);
                side.failures_in_row = 0;
                if let Some(d) = self.decryption() {
                    d.records.add(dir, 1);
                }
                self.on_opened(dir, at, opened, out);
            }
            Err(error) => self.on_open_failure(dir, at, error),
        }
    }

    /// Opens a record with the direction's keys; in TLS 1.3, a record the handshake keys cannot
    /// open is tried with the application keys (a lost or undecryptable Finished).
    fn open(&mut self, dir: Direction, header: &Header, body: Vec<u8>) -> Result<Opened, cipher::OpenError> {
        let side = self.sides.get_mut(dir);
        let waiting = side.next.is_some();
        let (body, error) = match side.active.as_mut() {
            Some(active) if !waiting => return active.open(header, body),
            Some(active) => {
                let spare = body.clone();
                match active.open(header, body) {
                    Ok(opened) => return Ok(opened),
                    Err(error) => (spare, error),
                }
            }
            None => (body, cipher::OpenError::Tag),
        };
        let Some(mut next) = side.next.take() else {
            return Err(error);
        };
        match next.open(header, body) {
            Ok(opened) => {
                side.active = Some(next);
                Ok(opened)
            }
            Err(_) => {
                next.rewind();
                side.next = Some(next);
                Err(error)
            }
        }
    }

    fn on_open_failure(&mut self, dir: Direction, at: Position, error: cipher::OpenError) {
        let side = self.sides.get_mut(dir);
        side.failures_in_row = side.failures_in_row.saturating_add(1);
        let gave_up = side.failures_in_row >= MAX_FAILURES_IN_A_ROW;
        if gave_up {
            side.gave_up = true;
        }
        let first = self
            .facts
            .decryption
            .as_ref()
            .is_some_and(|d| d.failed_records == 0);
        if let Some(d) = self.decryption() {
            d.failed_records = d.failed_records.saturating_add(1);
            d.first_failure.get_or_insert(at.frame);
        }
        if first || gave_up {
            let tail = if gave_up {
                format!("; {MAX_FAILURES_IN_A_ROW} in a row failed, so the rest of this direction is counted, not decrypted")
            } else {
                String::new()
            };
            self.anomaly(
                TlsAnomalyKind::DecryptFailed,
                dir,
                at.frame,
                format!(
                    "a record from the {} did not decrypt: {}{tail}",
                    who(dir),
                    error.describe()
                ),
            );
        }
    }

    fn on_opened(&mut self, dir: Direction, at: Position, opened: Opened, out: &mut Vec<Plaintext>) {
        match opened.content_type {
            content::APPLICATION_DATA => {
                let n = u64::try_from(opened.data.len()).unwrap_or(u64::MAX);
                if let Some(d) = self.decryption() {
                    d.plaintext_bytes.add(dir, n);
                }
                if !opened.data.is_empty() {
                    out.push(Plaintext {
                        dir,
                        at,
                        data: opened.data,
                    });
                }
            }
            content::HANDSHAKE => {
                self.handshake.get_mut(dir).push(&opened.data, at);
                self.drain_handshake(dir, true);
            }
            content::ALERT => self.on_alerts(dir, at, &opened.data, true),
            other => self.anomaly(
                TlsAnomalyKind::UnexpectedRecord,
                dir,
                at.frame,
                format!("a protected record of content type {other}"),
            ),
        }
        self.update_established();
    }

    fn on_alerts(&mut self, dir: Direction, at: Position, body: &[u8], encrypted: bool) {
        let pairs = body.chunks(2);
        for pair in pairs {
            match *pair {
                [level, description] => self.push_alert(Alert {
                    dir,
                    at,
                    level: Some(level),
                    description: Some(description),
                    encrypted,
                }),
                _ => self.anomaly(
                    TlsAnomalyKind::UnexpectedRecord,
                    dir,
                    at.frame,
                    "an alert record with an odd byte left over".into(),
                ),
            }
        }
    }

    fn push_alert(&mut self, alert: Alert) {
        if self.facts.alerts.len() < MAX_ALERTS {
            self.facts.alerts.push(alert);
        }
    }

    fn drain_handshake(&mut self, dir: Direction, protected: bool) {
        while let Some(next) = self.handshake.get_mut(dir).next_message() {
            match next {
                Next::Message(message) => self.on_message(dir, &message, protected),
                Next::TooLong { kind, len, at } => self.anomaly(
                    TlsAnomalyKind::HandshakeTooLong,
                    dir,
                    at.frame,
                    format!(
                        "a {} of {len} bytes, longer than the {} kept: skipped",
                        super::names::handshake_name(kind),
                        super::handshake::MAX_MESSAGE
                    ),
                ),
            }
        }
    }

    fn on_message(&mut self, dir: Direction, message: &Message, protected: bool) {
        if !protected {
            if let Some(hash) = self.session_hash.as_mut() {
                hash.update(&message.raw);
            }
        }
        let at = message.at;
        let body = message.body();
        match (dir, message.kind) {
            (Direction::ClientToServer, kind::CLIENT_HELLO) if self.facts.client_hello.is_none() => {
                match hello::decode_client_hello(body, at) {
                    Ok(ch) => self.on_client_hello(ch),
                    Err(e) => self.anomaly(TlsAnomalyKind::HandshakeMalformed, dir, at.frame, e),
                }
            }
            (Direction::ServerToClient, kind::SERVER_HELLO) if self.facts.server_hello.is_none() => {
                match hello::decode_server_hello(body, at, &self.client_session_id) {
                    Ok(ServerHelloMsg::Retry(hrr)) => {
                        self.tls13 = true;
                        self.facts.hello_retry = Some(Box::new(hrr));
                    }
                    Ok(ServerHelloMsg::Hello {
                        facts,
                        random,
                        session_id,
                        malformed,
                    }) => {
                        if let Some(m) = malformed {
                            self.anomaly(TlsAnomalyKind::HandshakeMalformed, dir, at.frame, m);
                        }
                        self.server_random = Some(random);
                        self.server_session_id = session_id;
                        self.on_server_hello(facts);
                    }
                    Err(e) => self.anomaly(TlsAnomalyKind::HandshakeMalformed, dir, at.frame, e),
                }
            }
            (_, kind::CERTIFICATE) => self.on_certificate(dir, body, at),
            (Direction::ServerToClient, kind::CERTIFICATE_REQUEST)
                if self.facts.certificate_request.is_none() =>
            {
                match hello::decode_certificate_request(body, at, self.tls13) {
                    Ok(request) => self.facts.certificate_request = Some(Box::new(request)),
                    Err(e) => self.anomaly(TlsAnomalyKind::HandshakeMalformed, dir, at.frame, e),
                }
            }
            (Direction::ClientToServer, kind::CLIENT_KEY_EXCHANGE) => self.on_client_key_exchange(body),
            (Direction::ServerToClient, kind::NEW_SESSION_TICKET) if !self.tls13 => {
                if let (Some(ticket), Some(master), Some(keys)) = (
                    hello::new_session_ticket(body),
                    self.master.as_ref(),
                    self.keys.as_ref(),
                ) {
                    keys.learn(ticket, master);
                }
            }
            (_, kind::FINISHED) => {
                if self.facts.finished.get(dir).is_none() {
                    *self.facts.finished.get_mut(dir) = Some(at.frame);
                }
                if self.tls13 && protected {
                    let side = self.sides.get_mut(dir);
                    if let Some(next) = side.next.take() {
                        side.active = Some(next);
                    }
                }
                self.update_established();
            }
            (_, kind::KEY_UPDATE) if self.tls13 && protected => {
                if let Some(active) = self.sides.get_mut(dir).active.as_mut() {
                    active.update();
                }
            }
            _ => {}
        }
    }

    fn on_client_hello(&mut self, ch: hello::ClientHelloMsg) {
        let at = ch.facts.at;
        if let Some(m) = ch.malformed {
            self.anomaly(
                TlsAnomalyKind::HandshakeMalformed,
                Direction::ClientToServer,
                at.frame,
                m,
            );
        }
        self.client_random = Some(ch.random);
        self.client_session_id = ch.session_id;
        self.client_ticket = ch.ticket;
        self.facts.frame = Some(at.frame);
        self.facts.client_hello = Some(Box::new(ch.facts));
    }

    fn on_server_hello(&mut self, facts: super::facts::ServerHello) {
        self.version = facts.version.0;
        self.tls13 = facts.version.rank() >= Version::TLS13.0;
        self.ems = facts.extended_master_secret;
        self.etm = facts.encrypt_then_mac;
        let resumed = facts.resumed;
        let suite = facts.suite;
        self.facts.server_hello = Some(Box::new(facts));
        if self.tls13 {
            self.sides.c2s.protected = true;
            self.sides.s2c.protected = true;
        }
        let spec = match cipher::suite_spec(suite.0) {
            Ok(spec) => spec,
            Err(why) => {
                self.session_hash = None;
                return self.set_status(DecryptStatus::Unsupported, why);
            }
        };
        self.spec = Some(spec);
        if self.version < 0x0301 {
            self.session_hash = None;
            return self.set_status(
                DecryptStatus::Unsupported,
                format!(
                    "{} sessions cannot be decrypted (TLS 1.0 to 1.3 can)",
                    Version(self.version).name()
                ),
            );
        }
        if !spec.rsa_key_exchange || resumed || self.tls13 {
            self.session_hash = None;
        }
        let Some(keys) = self.keys.clone() else {
            return;
        };
        let (Some(cr), Some(_)) = (self.client_random, self.server_random) else {
            return;
        };
        let secrets = keys.keylog.get(&cr);
        if self.tls13 {
            return self.key_tls13(&spec, secrets, &cr);
        }
        if let Some(master) = secrets.and_then(|s| s.master.as_ref()) {
            return self.install_master(master, "key log (CLIENT_RANDOM)".into());
        }
        if resumed {
            let learned = keys
                .learned(&self.server_session_id)
                .or_else(|| keys.learned(&self.client_ticket));
            if let Some(master) = learned {
                return self.install_master(&master, "the master secret of the session it resumes".into());
            }
        }
        if spec.rsa_key_exchange && !resumed && !keys.rsa.is_empty() {
            return; // the ClientKeyExchange will tell
        }
        let looked_for = format!("CLIENT_RANDOM {} in the key log", hex(&cr));
        let detail = if !keys.rsa.is_empty() && !spec.rsa_key_exchange {
            format!(
                "the key exchange is {}: a server's RSA key cannot decrypt it, only a key log can",
                spec.key_exchange
            )
        } else if resumed {
            "the session resumes an earlier one whose master secret is not known".into()
        } else {
            "the key log has no master secret for this session".into()
        };
        self.no_key(looked_for, detail);
    }

    fn key_tls13(&mut self, spec: &SuiteSpec, secrets: Option<&super::keylog::Secrets>, cr: &[u8; 32]) {
        let pick = |s: Option<&Vec<u8>>| s.and_then(|secret| Decrypter::tls13(spec, secret).ok());
        let client_hs = pick(secrets.and_then(|s| s.client_handshake.as_ref()));
        let server_hs = pick(secrets.and_then(|s| s.server_handshake.as_ref()));
        let client_ap = pick(secrets.and_then(|s| s.client_traffic.as_ref()));
        let server_ap = pick(secrets.and_then(|s| s.server_traffic.as_ref()));
        if client_ap.is_none() && server_ap.is_none() && client_hs.is_none() && server_hs.is_none() {
            return self.no_key(
                format!(
                    "CLIENT_TRAFFIC_SECRET_0 and SERVER_TRAFFIC_SECRET_0 for client random {} in the key log",
                    hex(cr)
                ),
                "the key log has no TLS 1.3 secrets for this session".into(),
            );
        }
        let complete =
            client_hs.is_some() && server_hs.is_some() && client_ap.is_some() && server_ap.is_some();
        self.sides.c2s.active = client_hs;
        self.sides.s2c.active = server_hs;
        self.sides.c2s.next = client_ap;
        self.sides.s2c.next = server_ap;
        self.keyed = true;
        if let Some(d) = self.decryption() {
            d.key = Some("key log (TLS 1.3 traffic secrets)".into());
            if !complete {
                d.detail = Some("the key log lacks some of this session's TLS 1.3 secrets".into());
            }
        }
    }

    fn on_certificate(&mut self, dir: Direction, body: &[u8], at: Position) {
        let chain = cert::parse_chain(body, self.tls13);
        if let Some(why) = chain.truncated {
            self.anomaly(
                TlsAnomalyKind::HandshakeMalformed,
                dir,
                at.frame,
                format!("Certificate message: {why}"),
            );
        }
        let already = match dir {
            Direction::ServerToClient => !self.facts.certificates.is_empty(),
            Direction::ClientToServer => !self.facts.client_certificates.is_empty(),
        };
        if already {
            return;
        }
        if dir == Direction::ServerToClient {
            self.server_modulus = chain.certificates.first().and_then(|der| cert::rsa_modulus(der));
        }
        let mut kept: Vec<Certificate> = Vec::new();
        for der in &chain.certificates {
            if kept.len() >= cert::MAX_CHAIN {
                self.facts.certificates_dropped = self.facts.certificates_dropped.saturating_add(1);
                continue;
            }
            let described = cert::describe(der);
            if let Some(error) = &described.error {
                self.anomaly(
                    TlsAnomalyKind::CertificateMalformed,
                    dir,
                    at.frame,
                    format!(
                        "certificate {} of the {}'s chain: {error}",
                        kept.len().saturating_add(1),
                        who(dir)
                    ),
                );
            }
            kept.push(described);
        }
        match dir {
            Direction::ServerToClient => self.facts.certificates = kept,
            Direction::ClientToServer => self.facts.client_certificates = kept,
        }
    }

    fn on_client_key_exchange(&mut self, body: &[u8]) {
        let (Some(spec), Some(keys)) = (self.spec, self.keys.clone()) else {
            return;
        };
        if !spec.rsa_key_exchange || self.keyed || self.tls13 {
            return;
        }
        let version = self.version;
        let mut found = None;
        if let Some(encrypted) = rsa_kx::encrypted_premaster(body, version) {
            if let Some(pms) = keys.keylog.rsa_premaster(encrypted) {
                found = Some((pms.to_vec(), "key log (RSA pre-master secret)".to_string()));
            }
        }
        let modulus = self.server_modulus.clone();
        let candidates: Vec<&rsa_kx::ServerKey> = keys
            .rsa
            .iter()
            .filter(|k| modulus.as_ref().is_none_or(|m| k.matches(m)))
            .collect();
        if found.is_none() {
            found = candidates.iter().find_map(|k| {
                k.premaster(body, version)
                    .map(|pms| (pms, format!("RSA key {}", k.name)))
            });
        }
        let Some((pms, key_name)) = found else {
            self.session_hash = None;
            if keys.rsa.is_empty() {
                let cr = self.client_random.map(|cr| hex(&cr)).unwrap_or_default();
                return self.no_key(
                    format!("CLIENT_RANDOM {cr} in the key log"),
                    "the key log has no master secret for this session".into(),
                );
            }
            let leaf = self.facts.leaf().map(|c| {
                format!(
                    "{} ({} bits)",
                    c.subject,
                    c.key_bits.map_or("?".into(), |b| b.to_string())
                )
            });
            let (looked_for, detail) = if candidates.is_empty() {
                (
                    format!(
                        "an RSA private key for the server certificate {}",
                        leaf.unwrap_or_else(|| "(not seen)".into())
                    ),
                    format!(
                        "none of the {} RSA key(s) given has the certificate's modulus",
                        keys.rsa.len()
                    ),
                )
            } else {
                (
                    "the RSA key whose modulus matches the server certificate".into(),
                    "the matching key did not decrypt the pre-master secret (damaged ClientKeyExchange?)"
                        .into(),
                )
            };
            return self.no_key(looked_for, detail);
        };
        let (Some(cr), Some(sr)) = (self.client_random, self.server_random) else {
            return;
        };
        let hash = cipher::prf_hash(&spec, version);
        let master = match self.session_hash.take() {
            Some(session_hash) if self.ems => {
                schedule::extended_master_secret(hash, &pms, &session_hash.value(hash))
            }
            _ => schedule::master_secret(hash, &pms, &cr, &sr),
        };
        keys.learn(&self.server_session_id, &master);
        self.install_master(&master, key_name);
    }

    fn install_master(&mut self, master: &[u8], key: String) {
        let (Some(spec), Some(cr), Some(sr)) = (self.spec, self.client_random, self.server_random) else {
            return;
        };
        match Decrypter::from_master(&spec, self.version, master, &cr, &sr, self.etm) {
            Ok([client, server]) => {
                self.master = Some(master.to_vec());
                for (dir, decrypter) in [
                    (Direction::ClientToServer, client),
                    (Direction::ServerToClient, server),
                ] {
                    let side = self.sides.get_mut(dir);
                    if side.protected && side.active.is_none() {
                        side.active = Some(decrypter);
                    } else {
                        side.pending = Some(decrypter);
                    }
                }
                self.keyed = true;
                if let Some(d) = self.decryption() {
                    d.key = Some(key);
                }
            }
            Err(why) => self.set_status(DecryptStatus::Unsupported, why),
        }
    }

    fn set_status(&mut self, status: DecryptStatus, detail: String) {
        if let Some(d) = self.decryption() {
            d.status = status;
            d.detail = Some(detail);
        }
    }

    fn no_key(&mut self, looked_for: String, detail: String) {
        if let Some(d) = self.decryption() {
            d.status = DecryptStatus::NoKey;
            d.looked_for = Some(looked_for);
            d.detail = Some(detail);
        }
    }

    /// TLS 1.3 without keys: the server speaking after the client's first protected record (its
    /// Finished) means the client accepted the handshake.
    fn infer_established(&mut self, dir: Direction) {
        if self.tls13
            && !self.keyed
            && dir == Direction::ServerToClient
            && self.sides.c2s.protected_records > 0
        {
            self.establish();
        }
    }

    fn update_established(&mut self) {
        if self.facts.finished.c2s.is_some() && self.facts.finished.s2c.is_some() {
            self.establish();
        }
    }

    /// Both sides finished the handshake, unless a fatal alert came first; an alert afterwards
    /// (the end of the session) does not undo it.
    fn establish(&mut self) {
        if !self.facts.established && self.facts.fatal_alert().is_none() {
            self.facts.established = true;
        }
    }

    fn settle_decryption(&mut self) {
        let keyed = self.keyed;
        let Some(d) = self.facts.decryption.as_mut() else {
            return;
        };
        if !keyed || matches!(d.status, DecryptStatus::NoKey | DecryptStatus::Unsupported) {
            return;
        }
        let opened = d.records.c2s.saturating_add(d.records.s2c);
        d.status = match (opened, d.failed_records) {
            (0, 0) => DecryptStatus::NothingToDecrypt,
            (0, _) => DecryptStatus::Failed,
            (_, 0) if d.detail.is_none() => DecryptStatus::Decrypted,
            _ => DecryptStatus::Partial,
        };
        if d.status == DecryptStatus::Failed && d.detail.is_none() {
            d.detail = Some("no record authenticated with the keys found: the key log entry belongs to another session, or the capture is damaged".into());
        }
    }
}

#[cfg(test)]
mod tests;
