//! The TLS analyzer's product: what one connection's TLS showed, owned and serialisable.
//!
//! Owns the record types only ([`TlsFacts`] and its parts); [`super::session`] fills them and the
//! rules, diff and output read them without touching bytes. Code points are kept as numbers (rules
//! compare them) and serialised by their RFC names. Every list is bounded by a named limit of the
//! session, with a count of what was not kept. Must not: parse, judge or print.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use super::names;
use crate::capture::set::JsonFrame;
use crate::net::Direction;
use crate::smtp::Position;
use crate::time::Timestamp;

/// A protocol version code, serialised by name (`TLS 1.2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub u16);

impl Version {
    /// SSL 3.0.
    pub const SSL3: Version = Version(0x0300);
    /// TLS 1.0.
    pub const TLS10: Version = Version(0x0301);
    /// TLS 1.1.
    pub const TLS11: Version = Version(0x0302);
    /// TLS 1.2.
    pub const TLS12: Version = Version(0x0303);
    /// TLS 1.3.
    pub const TLS13: Version = Version(0x0304);

    /// Its name (`TLS 1.0`).
    pub fn name(self) -> Cow<'static, str> {
        names::version_name(self.0)
    }

    /// SSL 2.0 or 3.0, TLS 1.0 or 1.1: deprecated by RFC 7568 and RFC 8996.
    pub fn is_obsolete(self) -> bool {
        matches!(self.0, 0x0002 | 0x0300..=0x0302)
    }

    /// The rank used to compare versions (drafts of 1.3 count as 1.3; GREASE and unknown as 0).
    pub fn rank(self) -> u16 {
        match self.0 {
            0x0002 => 1,
            v @ 0x0300..=0x0304 => v,
            v if v >> 8 == 0x7f => 0x0304,
            _ => 0,
        }
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

/// A cipher suite, serialised by its IANA name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Suite(pub u16);

impl Suite {
    /// Its IANA name.
    pub fn name(self) -> Cow<'static, str> {
        names::suite_name(self.0)
    }
}

impl Serialize for Suite {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

/// A frame of each direction, as [`crate::capture::set::serialize_frame`] writes frames.
fn frames_per_dir<S: Serializer>(frames: &PerDir<Option<u64>>, s: S) -> Result<S::Ok, S::Error> {
    frames.json_frames().serialize(s)
}

/// One value per direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PerDir<T> {
    /// From the client.
    pub c2s: T,
    /// From the server.
    pub s2c: T,
}

impl PerDir<Option<u64>> {
    /// Frames of each direction as JSON writes them (`FILE#N` in a capture of several files).
    pub fn json_frames(&self) -> PerDir<Option<JsonFrame>> {
        PerDir {
            c2s: self.c2s.map(JsonFrame),
            s2c: self.s2c.map(JsonFrame),
        }
    }
}

impl<T> PerDir<T> {
    /// The value of `dir`.
    pub fn get(&self, dir: Direction) -> &T {
        match dir {
            Direction::ClientToServer => &self.c2s,
            Direction::ServerToClient => &self.s2c,
        }
    }

    /// The value of `dir`, mutably.
    pub fn get_mut(&mut self, dir: Direction) -> &mut T {
        match dir {
            Direction::ClientToServer => &mut self.c2s,
            Direction::ServerToClient => &mut self.s2c,
        }
    }
}

impl PerDir<u64> {
    /// Adds `n` to `dir`'s count (saturating).
    pub fn add(&mut self, dir: Direction, n: u64) {
        let v = self.get_mut(dir);
        *v = v.saturating_add(n);
    }
}

/// Everything the TLS of one connection showed.
///
/// The hellos, the certificate request and the decryption outcome are boxed: every SMTP session
/// carries these facts, most of them without TLS, and inline they would make each open
/// connection's decoder half a kilobyte larger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TlsFacts {
    /// Whether TLS began (a ClientHello followed the 220, or opened the connection).
    pub started: bool,
    /// What started it: `STARTTLS`, `X-ANONYMOUSTLS`, or `implicit TLS` (TLS from the first byte).
    pub by: Option<String>,
    /// Frame of the ClientHello.
    #[serde(serialize_with = "crate::capture::set::serialize_frame_opt")]
    pub frame: Option<u64>,
    /// TLS bytes from the client (every record, headers included).
    pub c2s_bytes: u64,
    /// TLS bytes from the server.
    pub s2c_bytes: u64,
    /// The client's offer.
    pub client_hello: Option<Box<ClientHello>>,
    /// The server's choice.
    pub server_hello: Option<Box<ServerHello>>,
    /// A TLS 1.3 HelloRetryRequest, when the server asked for another key share.
    pub hello_retry: Option<Box<HelloRetry>>,
    /// The server's certificate chain as sent, leaf first (TLS ≤ 1.2, or TLS 1.3 decrypted).
    pub certificates: Vec<Certificate>,
    /// The client's certificate chain (mutual TLS), leaf first.
    pub client_certificates: Vec<Certificate>,
    /// Certificates beyond the kept limit, both chains together.
    pub certificates_dropped: u64,
    /// The server asked the client for a certificate.
    pub certificate_request: Option<Box<CertificateRequest>>,
    /// Alerts, in clear or decrypted, and encrypted alerts whose content is unknown.
    pub alerts: Vec<Alert>,
    /// Frame of each side's ChangeCipherSpec (TLS ≤ 1.2).
    #[serde(serialize_with = "frames_per_dir")]
    pub change_cipher_spec: PerDir<Option<u64>>,
    /// Frame of each side's Finished (the first encrypted handshake record in TLS ≤ 1.2; in TLS 1.3
    /// only when decrypted).
    #[serde(serialize_with = "frames_per_dir")]
    pub finished: PerDir<Option<u64>>,
    /// Encrypted records after the handshake per direction (TLS 1.3 without keys: every encrypted
    /// record, the rest of the handshake included).
    pub encrypted_records: PerDir<u64>,
    /// Their payload bytes (ciphertext, record headers excluded).
    pub encrypted_bytes: PerDir<u64>,
    /// Both sides finished the handshake (seen, or for TLS 1.3 without keys inferred from the
    /// client sending data after its Finished).
    pub established: bool,
    /// What decryption achieved; absent when no key material was given.
    pub decryption: Option<Box<Decryption>>,
    /// Problems with the TLS bytes themselves.
    pub anomalies: Vec<TlsAnomaly>,
    /// Anomalies beyond the kept limit.
    pub anomalies_dropped: u64,
}

impl TlsFacts {
    /// The negotiated version, when the ServerHello was seen.
    pub fn version(&self) -> Option<Version> {
        self.server_hello.as_ref().map(|s| s.version)
    }

    /// The server's leaf certificate.
    pub fn leaf(&self) -> Option<&Certificate> {
        self.certificates.first()
    }

    /// The first fatal alert, from either side.
    pub fn fatal_alert(&self) -> Option<&Alert> {
        self.alerts.iter().find(|a| a.level == Some(2))
    }

    /// Whether the inner dialogue was decrypted (at least one application record).
    pub fn decrypted(&self) -> bool {
        self.decryption
            .as_ref()
            .is_some_and(|d| d.records.c2s > 0 || d.records.s2c > 0)
    }
}

/// The ClientHello: what the client offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientHello {
    /// Where it was.
    #[serde(flatten)]
    pub at: Position,
    /// `legacy_version` (the highest version for clients before TLS 1.3).
    pub legacy_version: Version,
    /// The versions offered: `supported_versions` when present, else the legacy version alone
    /// (GREASE left out).
    pub versions: Vec<Version>,
    /// The cipher suites offered, in the client's order (GREASE left out).
    pub suites: Vec<Suite>,
    /// The server name asked for (SNI host name).
    pub sni: Option<String>,
    /// ALPN protocols.
    pub alpn: Vec<String>,
    /// `signature_algorithms`.
    pub signature_algorithms: Vec<String>,
    /// `supported_groups`.
    pub groups: Vec<String>,
    /// The client offered to resume (a session id, a session ticket or a pre-shared key).
    pub resumption_offered: bool,
    /// The extended_master_secret extension (RFC 7627).
    pub extended_master_secret: bool,
    /// The encrypt_then_mac extension (RFC 7366).
    pub encrypt_then_mac: bool,
    /// The client offered 0-RTT early data.
    pub early_data: bool,
    /// An SSL 2.0-compatible ClientHello (RFC 5246 Appendix E.2).
    pub sslv2_format: bool,
    /// The client random, hex: what a key log's lines are keyed on (public, not a secret).
    pub random: String,
}

impl ClientHello {
    /// The highest version offered.
    pub fn max_version(&self) -> Option<Version> {
        self.versions.iter().copied().max_by_key(|v| v.rank())
    }
}

/// The ServerHello: what the server chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerHello {
    /// Where it was.
    #[serde(flatten)]
    pub at: Position,
    /// The negotiated version (`supported_versions` when present, else `legacy_version`).
    pub version: Version,
    /// The chosen cipher suite.
    pub suite: Suite,
    /// The session resumes an earlier one (abbreviated handshake or TLS 1.3 PSK).
    pub resumed: bool,
    /// The ALPN protocol chosen.
    pub alpn: Option<String>,
    /// The extended master secret is in use (RFC 7627).
    pub extended_master_secret: bool,
    /// Encrypt-then-MAC is in use (RFC 7366).
    pub encrypt_then_mac: bool,
    /// TLS 1.3: the group of the server's key share.
    pub group: Option<String>,
}

/// A TLS 1.3 HelloRetryRequest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HelloRetry {
    /// Where it was.
    #[serde(flatten)]
    pub at: Position,
    /// The suite the server will use.
    pub suite: Suite,
    /// The group the server wants a key share for.
    pub group: Option<String>,
}

/// One certificate of a chain, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// Subject distinguished name (RFC 4514 string).
    pub subject: String,
    /// The subject's common name.
    pub common_name: Option<String>,
    /// subjectAltName dNSName entries (at most the session's limit).
    pub san: Vec<String>,
    /// dNSName entries beyond the limit.
    pub san_dropped: u64,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Serial number, colon-separated hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: Option<Timestamp>,
    /// End of validity.
    pub not_after: Option<Timestamp>,
    /// Public key type: `RSA`, `EC`, `Ed25519`, `DSA`, …
    pub key: String,
    /// Public key size in bits.
    pub key_bits: Option<u32>,
    /// Signature algorithm (`sha256WithRSAEncryption`).
    pub signature_algorithm: String,
    /// Issuer and subject are the same name (and the key identifiers, when present, agree).
    pub self_signed: bool,
    /// basicConstraints says CA.
    pub ca: bool,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
    /// DER size in bytes.
    pub size: usize,
    /// Why the certificate could not be decoded (the other fields are then empty).
    pub error: Option<String>,
}

/// A CertificateRequest: the server asks the client for a certificate (mutual TLS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateRequest {
    /// Where it was.
    #[serde(flatten)]
    pub at: Position,
    /// Certificate types accepted (TLS ≤ 1.2).
    pub types: Vec<String>,
    /// Signature algorithms accepted.
    pub signature_algorithms: Vec<String>,
    /// Certificate authorities the server trusts (distinguished names).
    pub authorities: Vec<String>,
    /// Authorities beyond the kept limit.
    pub authorities_dropped: u64,
}

/// An alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// Who sent it.
    pub dir: Direction,
    /// Where it was.
    #[serde(flatten)]
    pub at: Position,
    /// 1 warning, 2 fatal (`None`: encrypted, not decrypted).
    #[serde(serialize_with = "level_name")]
    pub level: Option<u8>,
    /// The description code (`None`: encrypted, not decrypted).
    #[serde(serialize_with = "alert_name")]
    pub description: Option<u8>,
    /// It travelled encrypted (decrypted when its level and description are known).
    pub encrypted: bool,
}

impl Alert {
    /// `fatal handshake_failure`, `warning close_notify`, or `encrypted alert`.
    pub fn describe(&self) -> String {
        match (self.level, self.description) {
            (Some(level), Some(description)) => format!(
                "{} {}",
                names::alert_level_name(level),
                names::alert_name(description)
            ),
            _ => "encrypted alert".into(),
        }
    }
}

fn level_name<S: Serializer>(level: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
    match level {
        Some(l) => s.serialize_str(&names::alert_level_name(*l)),
        None => s.serialize_none(),
    }
}

fn alert_name<S: Serializer>(description: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
    match description {
        Some(d) => s.serialize_str(&names::alert_name(*d)),
        None => s.serialize_none(),
    }
}

/// How far decryption went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecryptStatus {
    /// Every protected record was decrypted and authenticated.
    Decrypted,
    /// Some records were decrypted, others failed or were lost.
    Partial,
    /// Keys were found but no record authenticated with them.
    Failed,
    /// No key for this session was among those given.
    NoKey,
    /// The session uses a suite or version smtpscope cannot decrypt.
    Unsupported,
    /// The handshake never reached protected records (nothing to decrypt).
    NothingToDecrypt,
}

/// What decryption achieved for one session (present only when key material was given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decryption {
    /// The outcome.
    pub status: DecryptStatus,
    /// The key material used (`key log (TLS 1.3 traffic secrets)`, `RSA key server.key`).
    pub key: Option<String>,
    /// The key material looked for when none was found (the key log label and client random, or
    /// the certificate's RSA modulus).
    pub looked_for: Option<String>,
    /// One sentence on what went wrong or could not be done.
    pub detail: Option<String>,
    /// Protected records decrypted and authenticated.
    pub records: PerDir<u64>,
    /// Application-data plaintext bytes recovered.
    pub plaintext_bytes: PerDir<u64>,
    /// Records that failed to authenticate.
    pub failed_records: u64,
    /// Frame of the first record that failed.
    #[serde(serialize_with = "crate::capture::set::serialize_frame_opt")]
    pub first_failure: Option<u64>,
}

impl Decryption {
    /// A fresh record with `status`.
    pub fn new(status: DecryptStatus) -> Self {
        Decryption {
            status,
            key: None,
            looked_for: None,
            detail: None,
            records: PerDir::default(),
            plaintext_bytes: PerDir::default(),
            failed_records: 0,
            first_failure: None,
        }
    }
}

/// What was wrong with the TLS bytes (stable snake_case names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TlsAnomalyKind {
    /// Bytes that do not frame as TLS records; the rest of that direction is counted, not read.
    RecordInvalid,
    /// A record longer than the protocol allows (2^14 bytes of plaintext, 2^14+2048 protected).
    RecordTooLong,
    /// The connection or the capture ended inside a record.
    RecordTruncated,
    /// Bytes missing from the capture inside TLS: that direction can no longer be read.
    Gap,
    /// A handshake message that does not decode (decoded as far as valid).
    HandshakeMalformed,
    /// A handshake message longer than the kept limit.
    HandshakeTooLong,
    /// The connection or the capture ended inside a handshake message.
    HandshakeTruncated,
    /// A certificate that does not decode as X.509.
    CertificateMalformed,
    /// A record that is not where the protocol puts it (data before the handshake, a bad
    /// ChangeCipherSpec, a heartbeat).
    UnexpectedRecord,
    /// A protected record failed to decrypt or authenticate with the session's keys.
    DecryptFailed,
}

/// One problem with the TLS bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TlsAnomaly {
    /// What kind.
    pub kind: TlsAnomalyKind,
    /// Which direction.
    pub dir: Direction,
    /// Where.
    #[serde(serialize_with = "crate::capture::set::serialize_frame")]
    pub frame: u64,
    /// One sentence of detail.
    pub detail: String,
}
