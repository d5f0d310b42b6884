//! Scripted SMTP dialogues between Exchange servers, and the failure and middlebox scenarios the
//! dissector must recognise, for the samples in `captures/synthetic/`.
//!
//! Owns the dialogue builders (each returns a [`Script`] for one connection; [`super::samples`]
//! registers them as sample files with its options) and the deterministic byte blobs they carry:
//! a SPNEGO NegTokenInit/NegTokenResp pair for `X-EXPS GSSAPI`, an XEXCH50 property blob, TLS 1.2
//! records after `STARTTLS`, BDAT chunks. The wire facts (verbs, reply texts, EHLO lists, masking
//! rules of Cisco PIX/ASA) follow the project's protocol notes (PROTOCOL.md): §3.1 EHLO lists,
//! §3.2 X-EXPS, §3.3 XEXCH50, §1.5 smuggling, §1.6 pipelining, §1.7 BDAT, §1.8 STARTTLS, §5
//! middleboxes.
//!
//! Contract:
//! - Deterministic: no clock, no randomness; the "random-looking" bytes come from [`filler`] with
//!   a fixed seed per blob.
//! - Every client command is answered by exactly one server reply, in order, unless the builder's
//!   doc says the scenario is about a missing or odd reply; counted payloads (XEXCH50 blob, BDAT
//!   chunks) have exactly the announced length.
//! - Names are contoso.com/example.net, the sending server is `ex1.contoso.com`, the receiving one
//!   `ex2.contoso.com`; the client address only appears in the `Hello [...]` line and is passed in.
//!
//! Limits: the authentication tokens are structurally plausible DER (correct tags and lengths, the
//! real OIDs, realm `CONTOSO.COM`, SPN `SMTPSVC/ex2.contoso.com`) around filler bytes, not valid
//! Kerberos; the TLS records are well-framed but carry no real key exchange; the XEXCH50 blob has
//! no real MAPI layout (none is public).
//!
//! Must not: read anything but its arguments; be used by the dissection pipeline.

use std::net::IpAddr;
use std::time::Duration;

use super::samples::{message_body, message_body_from};
use super::{tokens, Script};

/// The Exchange 2003 (IIS SMTP) banner of the receiving server; note the two spaces before the date.
pub const BANNER_2003: &[u8] = b"220 ex2.contoso.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 \
ready at  Tue, 13 Jan 2004 17:23:43 +0100\r\n";

/// The Exchange 2007+ banner of the receiving server.
pub const BANNER_2016: &[u8] = b"220 ex2.contoso.com Microsoft ESMTP MAIL Service ready at \
Tue, 2 Jan 2024 03:04:05 +0000\r\n";

/// The EHLO keywords of an Exchange 2003 server, in its order, ending with the literal `OK`.
pub(crate) const EHLO_2003: &[&str] = &[
    "TURN",
    "SIZE",
    "ETRN",
    "PIPELINING",
    "DSN",
    "ENHANCEDSTATUSCODES",
    "8bitmime",
    "BINARYMIME",
    "CHUNKING",
    "VRFY",
    "X-EXPS GSSAPI NTLM LOGIN",
    "X-EXPS=LOGIN",
    "AUTH GSSAPI NTLM LOGIN",
    "AUTH=LOGIN",
    "X-LINK2STATE",
    "XEXCH50",
    "OK",
];

/// The EHLO keywords of an Exchange 2007+ server before TLS, with `STARTTLS` advertised.
pub(crate) const EHLO_2016: &[&str] = &[
    "SIZE 37748736",
    "PIPELINING",
    "DSN",
    "ENHANCEDSTATUSCODES",
    "STARTTLS",
    "X-ANONYMOUSTLS",
    "AUTH NTLM",
    "X-EXPS GSSAPI NTLM",
    "8BITMIME",
    "BINARYMIME",
    "CHUNKING",
    "XEXCH50",
    "SMTPUTF8",
    "XRDST",
];

/// The length of the XEXCH50 blob of the samples (as in the observed `XEXCH50 2336 3`).
pub const XEXCH50_BLOB_LEN: usize = 2336;

/// Client think time before a command.
const CLIENT_THINK: Duration = Duration::from_millis(2);
/// Server think time before a reply.
const SERVER_THINK: Duration = Duration::from_millis(4);

/// The sending server's EHLO line.
const EHLO: &[u8] = b"EHLO ex1.contoso.com\r\n";
/// The closing exchange's reply.
pub(crate) const BYE: &[u8] = b"221 2.0.0 ex2.contoso.com Service closing transmission channel\r\n";
/// The DATA go-ahead (the 2007+ text; assumed the same for 2003).
pub(crate) const GO_AHEAD: &[u8] = b"354 Start mail input; end with <CRLF>.<CRLF>\r\n";

/// Client commands and server replies with think times.
trait Turns {
    /// A client send after [`CLIENT_THINK`].
    fn cmd(self, bytes: impl AsRef<[u8]>) -> Self;
    /// A server send after [`SERVER_THINK`].
    fn reply(self, bytes: impl AsRef<[u8]>) -> Self;
}

impl Turns for Script {
    fn cmd(self, bytes: impl AsRef<[u8]>) -> Self {
        self.pause(CLIENT_THINK).client(bytes)
    }

    fn reply(self, bytes: impl AsRef<[u8]>) -> Self {
        self.pause(SERVER_THINK).server(bytes)
    }
}

/// A multi-line `250` EHLO reply of ex2 to a client at `client`: the greeting line, then `keywords`
/// (the last with `250 `).
pub fn ehlo_reply(client: IpAddr, keywords: &[&str]) -> Vec<u8> {
    let greeting = format!("ex2.contoso.com Hello [{client}]");
    let lines: Vec<&str> = std::iter::once(greeting.as_str())
        .chain(keywords.iter().copied())
        .collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| format!("250{}{line}\r\n", if i == last { ' ' } else { '-' }))
        .collect::<String>()
        .into_bytes()
}

/// The Exchange 2003 EHLO reply (PROTOCOL.md §3.1, complete and in order).
fn ehlo_2003(client: IpAddr) -> Vec<u8> {
    ehlo_reply(client, EHLO_2003)
}

/// The Exchange 2007+ EHLO reply with `STARTTLS`.
fn ehlo_2016(client: IpAddr) -> Vec<u8> {
    ehlo_reply(client, EHLO_2016)
}

/// An opening: `banner`, `EHLO ex1.contoso.com`, `ehlo` as the reply.
fn opening(banner: &[u8], ehlo: &[u8]) -> Script {
    Script::new()
        .pause(Duration::from_millis(5))
        .server(banner)
        .cmd(EHLO)
        .reply(ehlo)
}

/// `QUIT` and its `221`.
fn quit(script: Script) -> Script {
    script.cmd("QUIT\r\n").reply(BYE)
}

/// `DATA`, the go-ahead, `body` (which must end with CRLF and need no dot-stuffing) with the
/// terminator, and a queued reply for message `serial`.
fn data(script: Script, body: &[u8], serial: u32) -> Script {
    let mut content = body.to_vec();
    content.extend_from_slice(b".\r\n");
    script
        .cmd("DATA\r\n")
        .reply(GO_AHEAD)
        .cmd(content)
        .reply(queued(serial))
}

/// The final `250` of message `serial`.
fn queued(serial: u32) -> String {
    format!("250 2.6.0 <EX1MSG{serial:010}@ex1.contoso.com> Queued mail for delivery\r\n")
}

/// A `BDAT` command line with its chunk appended (the client sends both in one write).
pub(crate) fn bdat_chunk(chunk: &[u8], last: bool) -> Vec<u8> {
    let mut out = format!("BDAT {}{}\r\n", chunk.len(), if last { " LAST" } else { "" }).into_bytes();
    out.extend_from_slice(chunk);
    out
}

/// The 2007+ reply to an intermediate BDAT chunk of `len` octets.
pub(crate) fn chunk_received(len: usize) -> String {
    format!("250 2.6.0 CHUNK received OK, {len} octets\r\n")
}

/// A deterministic pseudo-random byte stream of `len` bytes (xorshift64* seeded with `seed`).
pub fn filler(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            state ^= state.wrapping_shr(12);
            state ^= state.wrapping_shl(25);
            state ^= state.wrapping_shr(27);
            state.wrapping_mul(0x2545_f491_4f6c_dd1d).wrapping_shr(56) as u8
        })
        .collect()
}

/// Writes `bytes` over `buf` from `at`, as far as `buf` reaches.
fn overwrite(buf: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(target) = buf.get_mut(at..) {
        for (slot, byte) in target.iter_mut().zip(bytes) {
            *slot = *byte;
        }
    }
}

/// A text message of exactly `len` bytes (at least about 400), ending with CRLF: the lines of
/// [`message_body`] plus one padding line with 8-bit (UTF-8) text.
pub fn exact_body(len: usize, serial: u64) -> Vec<u8> {
    let mut body = message_body(len.saturating_sub(200), serial);
    let room = len.saturating_sub(body.len()).saturating_sub(2);
    let pad = "Gr\u{fc}\u{df}e aus Contoso "
        .bytes()
        .chain(std::iter::repeat(b'-'));
    body.extend(pad.take(room));
    body.extend_from_slice(b"\r\n");
    body.truncate(len);
    body
}

// ---------------------------------------------------------------------------------------------
// Byte encodings: DER, base64, TLS framing.
// ---------------------------------------------------------------------------------------------

/// The concatenation of `parts`.
pub(crate) fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// An rc4-hmac (etype 23) EncryptedData with `cipher_len` filler bytes from `seed`.
fn rc4_encrypted(kvno: Option<i64>, seed: u64, cipher_len: usize) -> Vec<u8> {
    tokens::encrypted_data(23, kvno, &filler(seed, cipher_len))
}

/// A Kerberos AP-REQ GSS token (mutual-required) for `SMTPSVC/<host>` in `CONTOSO.COM`, with a
/// ticket of `ticket_len` filler cipher bytes under key version 5.
fn kerberos_ap_req(host: &str, ticket_len: usize) -> Vec<u8> {
    let sname = tokens::principal(2, &["SMTPSVC", host]);
    let ticket = tokens::ticket("CONTOSO.COM", &sname, &rc4_encrypted(Some(5), 1, ticket_len));
    tokens::krb5_token(
        tokens::TOK_AP_REQ,
        &tokens::ap_req(&[2], &ticket, &rc4_encrypted(None, 2, 160)),
    )
}

/// The mechanism list of a Windows client: MS-KRB5, Kerberos, NTLMSSP.
const WINDOWS_MECHS: &[&[u8]] = &[tokens::OID_MS_KRB5, tokens::OID_KRB5, tokens::OID_NTLMSSP];

/// A SPNEGO NegTokenInit from a Windows client carrying `mech_token`.
fn windows_neg_token_init(mech_token: &[u8]) -> Vec<u8> {
    tokens::spnego_init(&tokens::NegTokenInitSpec {
        mech_types: WINDOWS_MECHS,
        mech_token: Some(mech_token),
        ..Default::default()
    })
}

/// The client's first `X-EXPS GSSAPI` token: a GSS-API InitialContextToken carrying a SPNEGO
/// NegTokenInit (mechTypes MS-KRB5, Kerberos, NTLMSSP) whose mechToken is a Kerberos AP-REQ for
/// `SMTPSVC/ex2.contoso.com` in realm `CONTOSO.COM` (tags and lengths right, ciphertext filler);
/// about 1.2 KB.
pub fn spnego_neg_token_init() -> Vec<u8> {
    windows_neg_token_init(&kerberos_ap_req("ex2.contoso.com", 900))
}

/// The server's answer: a SPNEGO NegTokenResp (accept-completed, supportedMech MS-KRB5) whose
/// responseToken is a GSS-wrapped Kerberos AP-REP (`60 .. OID 02 00 6F ..`).
pub fn spnego_neg_token_resp() -> Vec<u8> {
    let ap_rep = tokens::krb5_token(tokens::TOK_AP_REP, &tokens::ap_rep(&rc4_encrypted(None, 3, 96)));
    tokens::spnego_resp(&tokens::NegTokenRespSpec {
        neg_state: Some(0),
        supported_mech: Some(tokens::OID_MS_KRB5),
        response_token: Some(&ap_rep),
        mech_list_mic: None,
    })
}

/// The base64 alphabet (RFC 4648 §4).
const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in padded base64 (RFC 4648 §4), on one line.
pub fn base64(bytes: &[u8]) -> String {
    let sextet = |value: u32, shift: u32| {
        let index = usize::try_from(value.wrapping_shr(shift) & 0x3f).unwrap_or(0);
        BASE64_ALPHABET.get(index).map_or('=', |b| char::from(*b))
    };
    let mut out = String::with_capacity((bytes.len().saturating_add(2) / 3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let mut group = [0u8; 4];
        overwrite(&mut group, 1, chunk);
        let value = u32::from_be_bytes(group);
        out.push(sextet(value, 18));
        out.push(sextet(value, 12));
        out.push(if chunk.len() > 1 { sextet(value, 6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(value, 0) } else { '=' });
    }
    out
}

/// `content` preceded by its length as a big-endian integer of `width` bytes (2 or 3).
fn length_prefixed(width: usize, content: &[u8]) -> Vec<u8> {
    let len = u32::try_from(content.len()).unwrap_or(u32::MAX).to_be_bytes();
    let mut out = len
        .get(len.len().saturating_sub(width)..)
        .unwrap_or_default()
        .to_vec();
    out.extend_from_slice(content);
    out
}

/// One TLS record: content type, record version, length, body.
pub(crate) fn tls_record(content_type: u8, version: [u8; 2], body: &[u8]) -> Vec<u8> {
    cat(&[&[content_type], &version, &length_prefixed(2, body)])
}

/// One TLS handshake message: type, 24-bit length, body.
pub(crate) fn tls_handshake(kind: u8, body: &[u8]) -> Vec<u8> {
    cat(&[&[kind], &length_prefixed(3, body)])
}

/// One TLS extension: type, 16-bit length, body.
fn tls_extension(kind: u16, body: &[u8]) -> Vec<u8> {
    cat(&[&kind.to_be_bytes(), &length_prefixed(2, body)])
}

/// A TLS 1.2 ClientHello in a record with version 03 01: 32 random-looking bytes, no session id,
/// 20 common cipher suites, null compression, and the extensions server_name (`sni`),
/// supported_groups, ec_point_formats, signature_algorithms, extended_master_secret and
/// renegotiation_info.
pub fn tls_client_hello(sni: &str) -> Vec<u8> {
    let suites: &[u16] = &[
        0xc02c, 0xc02b, 0xc030, 0xc02f, 0x009f, 0x009e, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a, 0xc009,
        0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f,
    ];
    let suites: Vec<u8> = suites.iter().flat_map(|s| s.to_be_bytes()).collect();
    let host_name = cat(&[&[0x00], &length_prefixed(2, sni.as_bytes())]);
    let extensions = cat(&[
        &tls_extension(0x0000, &length_prefixed(2, &host_name)),
        &tls_extension(0x000a, &length_prefixed(2, &[0x00, 0x1d, 0x00, 0x17, 0x00, 0x18])),
        &tls_extension(0x000b, &[0x01, 0x00]),
        &tls_extension(
            0x000d,
            &length_prefixed(
                2,
                &[
                    0x04, 0x01, 0x05, 0x01, 0x06, 0x01, 0x04, 0x03, 0x05, 0x03, 0x02, 0x01,
                ],
            ),
        ),
        &tls_extension(0x0017, &[]),
        &tls_extension(0xff01, &[0x00]),
    ]);
    let hello = cat(&[
        &[0x03, 0x03],
        &filler(10, 32),
        &[0x00],
        &length_prefixed(2, &suites),
        &[0x01, 0x00],
        &length_prefixed(2, &extensions),
    ]);
    tls_record(0x16, [0x03, 0x01], &tls_handshake(0x01, &hello))
}

/// The server's first flight: one record (version 03 03) with a ServerHello (a 32-byte session id,
/// ECDHE-RSA-AES256-GCM-SHA384, renegotiation_info, ec_point_formats, extended_master_secret) and
/// a ServerHelloDone.
pub fn tls_server_hello() -> Vec<u8> {
    let extensions = cat(&[
        &tls_extension(0xff01, &[0x00]),
        &tls_extension(0x000b, &[0x01, 0x00]),
        &tls_extension(0x0017, &[]),
    ]);
    let hello = cat(&[
        &[0x03, 0x03],
        &filler(11, 32),
        &[0x20],
        &filler(12, 32),
        &[0xc0, 0x30, 0x00],
        &length_prefixed(2, &extensions),
    ]);
    let messages = cat(&[&tls_handshake(0x02, &hello), &tls_handshake(0x0e, &[])]);
    tls_record(0x16, [0x03, 0x03], &messages)
}

/// The TLS 1.2 record version.
pub(crate) const TLS12: [u8; 2] = [0x03, 0x03];

/// ChangeCipherSpec then an encrypted Finished (40 filler bytes from `seed`).
pub(crate) fn tls_change_cipher_and_finish(seed: u64) -> Vec<u8> {
    cat(&[
        &tls_record(0x14, TLS12, &[0x01]),
        &tls_record(0x16, TLS12, &filler(seed, 40)),
    ])
}

/// An application-data record standing for `plain_len` bytes of SMTP (AES-GCM: 8-byte explicit
/// nonce and 16-byte tag around the ciphertext).
pub(crate) fn tls_application_data(seed: u64, plain_len: usize) -> Vec<u8> {
    tls_record(0x17, TLS12, &filler(seed, plain_len.saturating_add(24)))
}

/// An XEXCH50 blob of `len` bytes: filler with, in the middle, text that looks like SMTP replies
/// and commands (`\r\n250 OK\r\n.\r\nQUIT\r\n`), a DATA terminator (`\r\n.\r\n`) and a run of
/// NUL bytes — all of it data, which only the announced length delimits.
pub fn xexch50_blob(len: usize) -> Vec<u8> {
    let mut blob = filler(50, len);
    let middle = len / 2;
    overwrite(&mut blob, len / 4, b"\r\n250 OK\r\n.\r\nQUIT\r\n");
    overwrite(&mut blob, middle, &[0u8; 32]);
    overwrite(&mut blob, middle.saturating_add(len / 4), b"\r\n.\r\n");
    blob
}

/// A BINARYMIME message of exactly `len` bytes (at least 200): MIME headers for an
/// application/ms-tnef body, then binary filler containing a DATA terminator and a `QUIT` line
/// (legitimate inside BDAT, which is length-framed).
pub fn binary_message(len: usize, serial: u64) -> Vec<u8> {
    let mut message = format!(
        "From: Alice <alice@contoso.com>\r\nTo: Bob <bob@example.net>\r\n\
         Subject: Binary message {serial}\r\nMIME-Version: 1.0\r\n\
         Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: binary\r\n\r\n"
    )
    .into_bytes();
    let room = len.saturating_sub(message.len());
    let mut payload = filler(serial.wrapping_add(100), room);
    overwrite(&mut payload, room / 3, b"\r\n.\r\nQUIT\r\n");
    message.extend_from_slice(&payload);
    message.truncate(len);
    message
}

// ---------------------------------------------------------------------------------------------
// Dialogues.
// ---------------------------------------------------------------------------------------------

/// The 2003 sender's envelope to one or two contoso recipients, each step answered; with
/// `params` appended to MAIL FROM.
fn envelope_2003(script: Script, params: &str, recipients: &[&str]) -> Script {
    let script = script
        .cmd(format!("MAIL FROM:<alice@contoso.com>{params}\r\n"))
        .reply("250 2.1.0 alice@contoso.com....Sender OK\r\n");
    recipients.iter().fold(script, |s, rcpt| {
        s.cmd(format!("RCPT TO:<{rcpt}>\r\n"))
            .reply(format!("250 2.1.5 {rcpt}\r\n"))
    })
}

/// The 2007+ envelope: MAIL FROM with `params` and one recipient, each answered.
fn envelope_2016(script: Script, params: &str, rcpt: &str) -> Script {
    script
        .cmd(format!("MAIL FROM:<alice@contoso.com>{params}\r\n"))
        .reply("250 2.1.0 Sender OK\r\n")
        .cmd(format!("RCPT TO:<{rcpt}>\r\n"))
        .reply("250 2.1.5 Recipient OK\r\n")
}

/// Exchange 2003 to Exchange 2003, healthy: the 2003 banner and complete EHLO list; `X-EXPS
/// GSSAPI` → `334 ` (empty) → a SPNEGO NegTokenInit line of about 1.6 KB of base64 (longer than
/// 512 bytes, split over two segments) → `334 <NegTokenResp>` → an empty client line → `235 2.7.0
/// Authentication successful`; `MAIL FROM` with `BODY=8BITMIME SIZE=1908`, two recipients;
/// `XEXCH50 2336 3` → `354 Send binary data` → the 2336-byte blob of [`xexch50_blob`] → `250
/// XEXCH50 OK`; the 1908-byte message in `BDAT 1000` and `BDAT 908 LAST`, each chunk sent with its
/// command; `QUIT`.
pub fn exchange_healthy(client: IpAddr) -> Script {
    let message = exact_body(1908, 20);
    let (first, last) = message.split_at(message.len().min(1000));
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 \r\n")
        .cmd(format!("{}\r\n", base64(&spnego_neg_token_init())))
        .reply(format!("334 {}\r\n", base64(&spnego_neg_token_resp())))
        .cmd("\r\n")
        .reply("235 2.7.0 Authentication successful\r\n");
    let script = envelope_2003(
        script,
        &format!(" BODY=8BITMIME SIZE={}", message.len()),
        &["bob@contoso.com", "carol@contoso.com"],
    )
    .cmd(format!("XEXCH50 {XEXCH50_BLOB_LEN} 3\r\n"))
    .reply("354 Send binary data\r\n")
    .cmd(xexch50_blob(XEXCH50_BLOB_LEN))
    .reply("250 XEXCH50 OK\r\n")
    .cmd(bdat_chunk(first, false))
    .reply(chunk_received(first.len()))
    .cmd(bdat_chunk(last, true))
    .reply(queued(20));
    quit(script)
}

/// The sender skipped X-EXPS although ex2 (Exchange 2003 SP1+) advertises it: `XEXCH50 1124 2`
/// after one recipient is refused with `504 Need to authenticate first`, no blob follows, and the
/// message still goes by `DATA` (PROTOCOL.md §4.2, the KB 843106 situation).
pub fn xexch50_refused(client: IpAddr) -> Script {
    let script = envelope_2003(opening(BANNER_2003, &ehlo_2003(client)), "", &["bob@contoso.com"])
        .cmd("XEXCH50 1124 2\r\n")
        .reply("504 Need to authenticate first\r\n");
    quit(data(script, &message_body(1500, 21), 21))
}

/// STARTTLS to an Exchange 2007+ server: `STARTTLS` → `220 2.0.0 SMTP server ready`, then a TLS 1.2
/// handshake (ClientHello with SNI `ex2.contoso.com`, ServerHello and ServerHelloDone,
/// ClientKeyExchange + ChangeCipherSpec + Finished, ChangeCipherSpec + Finished) and encrypted
/// application data both ways standing for EHLO, the envelope, a message and QUIT.
pub fn starttls(client: IpAddr) -> Script {
    let mut key_exchange = vec![0x41, 0x04];
    key_exchange.extend_from_slice(&filler(13, 64));
    let client_finish = cat(&[
        &tls_record(0x16, TLS12, &tls_handshake(0x10, &key_exchange)),
        &tls_change_cipher_and_finish(14),
    ]);
    opening(BANNER_2016, &ehlo_2016(client))
        .cmd("STARTTLS\r\n")
        .reply("220 2.0.0 SMTP server ready\r\n")
        .cmd(tls_client_hello("ex2.contoso.com"))
        .reply(tls_server_hello())
        .cmd(client_finish)
        .reply(tls_change_cipher_and_finish(15))
        .cmd(tls_application_data(16, EHLO.len()))
        .reply(tls_application_data(17, 330))
        .cmd(tls_application_data(18, 80))
        .reply(tls_application_data(19, 90))
        .cmd(tls_application_data(20, 1500))
        .reply(tls_application_data(21, 70))
        .cmd(tls_application_data(22, 6))
        .reply(tls_application_data(23, BYE.len()))
}

/// STARTTLS answered `220` (by a middlebox that stripped it on the way) but the client goes on in
/// clear: the next client bytes are `EHLO`, not a TLS record; the session then delivers a message
/// in clear.
pub fn starttls_cleartext(client: IpAddr) -> Script {
    let without_tls: Vec<&str> = EHLO_2016.iter().copied().filter(|k| *k != "STARTTLS").collect();
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("STARTTLS\r\n")
        .reply("220 2.0.0 SMTP server ready\r\n")
        .cmd(EHLO)
        .reply(ehlo_reply(client, &without_tls));
    let script = envelope_2016(script, "", "bob@example.net");
    quit(data(script, &message_body(1200, 30), 30))
}

/// ESMTP PIPELINING to an Exchange 2007+ server: MAIL, three RCPT and DATA in one client send,
/// their five replies (the second recipient `550 5.1.1 User unknown`) in one server send, the body,
/// `250`; then `RSET`, MAIL, RCPT, DATA in one send and their replies in one; then a transaction
/// whose only recipient fails, so DATA gets `503 5.5.2 Need rcpt command` and no body follows;
/// `RSET` and `QUIT` in one send, both replies in one.
pub fn pipelining(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd(
            "MAIL FROM:<alice@contoso.com>\r\nRCPT TO:<bob@example.net>\r\n\
             RCPT TO:<nobody@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n",
        )
        .reply(
            "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 User unknown\r\n\
             250 2.1.5 Recipient OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n",
        )
        .cmd(cat(&[&message_body(1200, 40), b".\r\n"]))
        .reply(queued(40))
        .cmd("RSET\r\nMAIL FROM:<alice@contoso.com>\r\nRCPT TO:<dave@example.net>\r\nDATA\r\n")
        .reply(
            "250 2.0.0 Resetting\r\n250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n\
             354 Start mail input; end with <CRLF>.<CRLF>\r\n",
        )
        .cmd(cat(&[&message_body(900, 41), b".\r\n"]))
        .reply(queued(41))
        .cmd("MAIL FROM:<alice@contoso.com>\r\nRCPT TO:<nobody@example.net>\r\nDATA\r\n")
        .reply("250 2.1.0 Sender OK\r\n550 5.1.1 User unknown\r\n503 5.5.2 Need rcpt command\r\n");
    script
        .cmd("RSET\r\nQUIT\r\n")
        .reply(cat(&[b"250 2.0.0 Resetting\r\n", BYE]))
}

/// CHUNKING/BINARYMIME to an Exchange 2007+ server: a transaction ending with `BDAT 0 LAST` (an
/// empty message); a transaction whose three chunks (600, 700, 500 LAST) go in one client send,
/// commands and data together, and whose three replies come in one server send; a transaction
/// whose `BDAT 500` chunk is refused with `554 5.6.0 Invalid message content`, followed by `RSET`.
pub fn bdat(client: IpAddr) -> Script {
    let binary = " BODY=BINARYMIME";
    let empty = envelope_2016(
        opening(BANNER_2016, &ehlo_2016(client)),
        binary,
        "bob@example.net",
    )
    .cmd(bdat_chunk(&[], true))
    .reply(queued(50));
    let message = binary_message(1800, 51);
    let (one, rest) = message.split_at(message.len().min(600));
    let (two, three) = rest.split_at(rest.len().min(700));
    let three_chunks = envelope_2016(empty, binary, "bob@example.net")
        .cmd(cat(&[
            &bdat_chunk(one, false),
            &bdat_chunk(two, false),
            &bdat_chunk(three, true),
        ]))
        .reply(cat(&[
            chunk_received(one.len()).as_bytes(),
            chunk_received(two.len()).as_bytes(),
            queued(51).as_bytes(),
        ]));
    let refused = envelope_2016(three_chunks, binary, "bob@example.net")
        .cmd(bdat_chunk(&binary_message(500, 52), false))
        .reply("554 5.6.0 Invalid message content\r\n")
        .cmd("RSET\r\n")
        .reply("250 2.0.0 Resetting\r\n");
    quit(refused)
}

/// SMTP smuggling (PROTOCOL.md §1.5) towards an Exchange 2003 server: the DATA body holds
/// `\n.\r\n` (a bare-LF end-of-data) followed by `MAIL FROM:<spoof@contoso.com>`, `RCPT
/// TO:<victim@example.net>`, `DATA` and a spoofed message, before the real `\r\n.\r\n`; the server
/// takes it all as one message and answers `250` once.
pub fn smuggling(client: IpAddr) -> Script {
    let body = cat(&[
        &message_body(800, 60),
        b"Regards, Alice\n.\r\nMAIL FROM:<spoof@contoso.com>\r\nRCPT TO:<victim@example.net>\r\nDATA\r\n\
          From: CEO <ceo@contoso.com>\r\nTo: <victim@example.net>\r\nSubject: Urgent wire transfer\r\n\r\n\
          Please pay the attached invoice today.\r\n",
    ]);
    let script = envelope_2003(opening(BANNER_2003, &ehlo_2003(client)), "", &["bob@contoso.com"]);
    quit(data(script, &body, 60))
}

/// `banner` as a Cisco PIX with `fixup protocol smtp` (5.1+) shows it: the `220 ` code kept, then
/// every byte except `2`, `0`, CR and LF replaced with `*`.
pub fn pix_masked_banner(banner: &[u8]) -> Vec<u8> {
    let (code, rest) = banner.split_at(banner.len().min(4));
    let masked = rest.iter().map(|b| match b {
        b'2' | b'0' | b'\r' | b'\n' => *b,
        _ => b'*',
    });
    code.iter().copied().chain(masked).collect()
}

/// Captured on the Exchange sender's side of a Cisco PIX with `fixup protocol smtp`: the masked
/// 2003 banner, `EHLO` → `500 5.3.3 Unrecognized command`, the fallback `HELO` → `250`, MAIL, and
/// RCPT to an external recipient → `550 5.7.1 Unable to relay for bob@example.net` (the sender
/// could not authenticate, so it is anonymous); QUIT.
pub fn pix_rewritten(client: IpAddr) -> Script {
    Script::new()
        .pause(Duration::from_millis(5))
        .server(pix_masked_banner(BANNER_2003))
        .cmd(EHLO)
        .reply("500 5.3.3 Unrecognized command\r\n")
        .cmd("HELO ex1.contoso.com\r\n")
        .reply(format!("250 ex2.contoso.com Hello [{client}]\r\n"))
        .cmd("MAIL FROM:<alice@contoso.com>\r\n")
        .reply("250 2.1.0 alice@contoso.com....Sender OK\r\n")
        .cmd("RCPT TO:<bob@example.net>\r\n")
        .reply("550 5.7.1 Unable to relay for bob@example.net\r\n")
        .cmd("QUIT\r\n")
        .reply(BYE)
}

/// Through a Cisco PIX that rewrites unknown verbs to `NOOP`: the masked 2003 banner, the EHLO
/// list as the server sent it, two recipients, then `XEXCH50 2336 3` answered `250 OK` (the server
/// saw `NOOP`); no `354`, so no blob: the sender goes on with `DATA`.
pub fn pix_noop(client: IpAddr) -> Script {
    pix_noop_at(client, End::Sender)
}

/// Which end of a middlebox a dialogue is captured at: the same conversation, seen before or after
/// the rewriting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// At the sending server: what it sent, and the rewritten replies it got.
    Sender,
    /// At the receiving server: the rewritten commands it got, and what it sent.
    Receiver,
}

/// [`pix_noop`] captured at `end`; `client` is the address the receiving server sees (it names it
/// in its EHLO reply, which both ends carry). At the receiver, the banner is clean and the
/// XEXCH50 line arrives as `NOOP` padded with spaces to the same length (the PIX rewrites in
/// place).
pub fn pix_noop_at(client: IpAddr, end: End) -> Script {
    let (banner, xexch50) = match end {
        End::Sender => (
            pix_masked_banner(BANNER_2003),
            format!("XEXCH50 {XEXCH50_BLOB_LEN} 3"),
        ),
        End::Receiver => {
            let sent = format!("XEXCH50 {XEXCH50_BLOB_LEN} 3");
            (
                BANNER_2003.to_vec(),
                format!("{:<width$}", "NOOP", width = sent.len()),
            )
        }
    };
    let script = Script::new()
        .pause(Duration::from_millis(5))
        .server(banner)
        .cmd(EHLO)
        .reply(ehlo_2003(client));
    let script = envelope_2003(script, "", &["bob@contoso.com", "carol@contoso.com"])
        .cmd(format!("{xexch50}\r\n"))
        .reply("250 OK\r\n");
    quit(data(script, &message_body(1500, 70), 70))
}

/// `keyword` masked as an ASA `inspect esmtp` does: `X`s of the same length ending in `letter`.
pub fn asa_masked_keyword(keyword: &str, letter: char) -> String {
    let xs = keyword.chars().count().saturating_sub(1);
    std::iter::repeat_n('X', xs)
        .chain(std::iter::once(letter))
        .collect()
}

/// Through a Cisco ASA with `inspect esmtp`: the EHLO reply shows `250-XXXXXXXA` where `STARTTLS`
/// was and `250-XXXXXXXB` where `CHUNKING` was; the sender's `XEXCH50 2336 3`, X'd out in place on
/// the way, is answered `500 5.5.1 Command unrecognized: "XXXXXXX 2336 3"`; the message then goes
/// by DATA.
pub fn asa_masked(client: IpAddr) -> Script {
    asa_masked_at(client, End::Sender)
}

/// [`asa_masked`] captured at `end`; `client` is the address the receiving server sees. At the
/// receiver, the EHLO reply is the server's own and the XEXCH50 line arrives X'd out.
pub fn asa_masked_at(client: IpAddr, end: End) -> Script {
    let keywords: Vec<String> = EHLO_2016
        .iter()
        .map(|k| match (end, *k) {
            (End::Sender, "STARTTLS") => asa_masked_keyword(k, 'A'),
            (End::Sender, "CHUNKING") => asa_masked_keyword(k, 'B'),
            (_, other) => other.to_string(),
        })
        .collect();
    let keywords: Vec<&str> = keywords.iter().map(String::as_str).collect();
    let masked_verb = asa_masked_keyword("XEXCH50", 'X');
    let verb = match end {
        End::Sender => "XEXCH50",
        End::Receiver => masked_verb.as_str(),
    };
    let script = opening(BANNER_2016, &ehlo_reply(client, &keywords))
        .cmd("MAIL FROM:<alice@contoso.com>\r\n")
        .reply("250 2.1.0 Sender OK\r\n")
        .cmd("RCPT TO:<bob@contoso.com>\r\n")
        .reply("250 2.1.5 Recipient OK\r\n")
        .cmd("RCPT TO:<carol@contoso.com>\r\n")
        .reply("250 2.1.5 Recipient OK\r\n")
        .cmd(format!("{verb} {XEXCH50_BLOB_LEN} 3\r\n"))
        .reply(format!(
            "500 5.5.1 Command unrecognized: \"{masked_verb} {XEXCH50_BLOB_LEN} 3\"\r\n"
        ));
    quit(data(script, &message_body(1200, 80), 80))
}

/// A plain delivery to an Exchange 2003 server: banner, EHLO, MAIL, RCPT, DATA with a 1.5 KB body,
/// QUIT (the dialogue of the one-sided capture sample).
pub fn plain_delivery(client: IpAddr) -> Script {
    let script = envelope_2003(opening(BANNER_2003, &ehlo_2003(client)), "", &["bob@contoso.com"]);
    quit(data(script, &message_body(1500, 90), 90))
}

/// The client talks first: `EHLO` is sent 2 ms after the handshake, before the server's banner,
/// which comes 300 ms later, followed at once by the EHLO reply; the session then delivers a
/// message normally.
pub fn pregreet(client: IpAddr) -> Script {
    let script = Script::new()
        .cmd(EHLO)
        .pause(Duration::from_millis(300))
        .server(BANNER_2016)
        .reply(ehlo_2016(client));
    let script = envelope_2016(script, "", "bob@example.net");
    quit(data(script, &message_body(1200, 95), 95))
}

/// X-EXPS fails, so the sender is anonymous and its relay is refused: the 2003 banner and EHLO
/// list, `X-EXPS GSSAPI` → `334` → the NegTokenInit → `535 5.7.3 Authentication unsuccessful`, MAIL,
/// `RCPT TO:<bob@example.net>` → `550 5.7.1 Unable to relay for bob@example.net`; QUIT (KB 895853
/// with an Exchange peer, PROTOCOL.md §9).
pub fn relay_after_exps_failed(client: IpAddr) -> Script {
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 \r\n")
        .cmd(format!("{}\r\n", base64(&spnego_neg_token_init())))
        .reply("535 5.7.3 Authentication unsuccessful\r\n")
        .cmd("MAIL FROM:<alice@contoso.com>\r\n")
        .reply("250 2.1.0 alice@contoso.com....Sender OK\r\n")
        .cmd("RCPT TO:<bob@example.net>\r\n")
        .reply("550 5.7.1 Unable to relay for bob@example.net\r\n");
    quit(script)
}

/// Anonymous access is off on an Exchange 2007+ receive connector: `MAIL FROM` is answered `530
/// 5.7.1 Client was not authenticated`; the client quits.
pub fn auth_required(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<alice@contoso.com>\r\n")
        .reply("530 5.7.1 Client was not authenticated\r\n");
    quit(script)
}

/// An open relay: an anonymous client with a sender at example.org has a recipient at example.net
/// accepted by ex2 (whose domain is contoso.com) and delivers the message.
pub fn open_relay(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<offers@example.org>\r\n")
        .reply("250 2.1.0 Sender OK\r\n")
        .cmd("RCPT TO:<victim@example.net>\r\n")
        .reply("250 2.1.5 Recipient OK\r\n");
    quit(data(
        script,
        &message_body_from(900, 100, "Offers <offers@example.org>"),
        100,
    ))
}

/// The message is refused after its body: DATA → `354`, the body, `554 5.7.1 Message rejected:
/// sender not allowed to send to this recipient` (a delivery restriction); QUIT.
pub fn data_refused(client: IpAddr) -> Script {
    let script = envelope_2016(opening(BANNER_2016, &ehlo_2016(client)), "", "bob@contoso.com");
    let mut content = message_body(1000, 101);
    content.extend_from_slice(b".\r\n");
    let script = script
        .cmd("DATA\r\n")
        .reply(GO_AHEAD)
        .cmd(content)
        .reply("554 5.7.1 Message rejected: sender not allowed to send to this recipient\r\n");
    quit(script)
}

/// An Exchange 2003 banner whose EHLO reply lacks X-EXPS, XEXCH50 and X-LINK2STATE (the Exchange
/// sinks not loaded, or an AV SMTP stack in front); a plain delivery follows.
pub fn exchange_without_x_verbs(client: IpAddr) -> Script {
    let plain: Vec<&str> = EHLO_2003
        .iter()
        .copied()
        .filter(|k| !k.starts_with('X'))
        .collect();
    let script = envelope_2003(
        opening(BANNER_2003, &ehlo_reply(client, &plain)),
        "",
        &["bob@contoso.com"],
    );
    quit(data(script, &message_body(1000, 102), 102))
}

/// Replies out of step: after the recipient's `250`, a second `250 2.0.0 OK` arrives with no
/// command waiting (a middlebox answered something itself); the message is delivered; then the
/// client's `NOOP` gets no reply at all before the client closes 2 s later.
pub fn replies_out_of_step(client: IpAddr) -> Script {
    let script = envelope_2016(opening(BANNER_2016, &ehlo_2016(client)), "", "bob@contoso.com")
        .reply("250 2.0.0 OK\r\n");
    data(script, &message_body(900, 103), 103)
        .cmd("NOOP\r\n")
        .pause(Duration::from_secs(2))
}

/// A slow server: the banner comes 40 s after the connection opens, and the message's final
/// `250` 35 s after its body (a scanning or categorising server); otherwise a normal delivery.
pub fn slow_server(client: IpAddr) -> Script {
    let script = Script::new()
        .pause(Duration::from_secs(40))
        .server(BANNER_2016)
        .cmd(EHLO)
        .reply(ehlo_2016(client));
    let mut content = message_body(900, 104);
    content.extend_from_slice(b".\r\n");
    let script = envelope_2016(script, "", "bob@contoso.com")
        .cmd("DATA\r\n")
        .reply(GO_AHEAD)
        .cmd(content)
        .pause(Duration::from_secs(35))
        .server(queued(104));
    quit(script)
}

// ---------------------------------------------------------------------------------------------
// Authentication, XEXCH50 and security scenarios of the findings.
// ---------------------------------------------------------------------------------------------

/// The Exchange 2000 (IIS 5) banner of the receiving server.
pub const BANNER_2000: &[u8] = b"220 ex2.contoso.com Microsoft ESMTP MAIL Service, Version: 5.0.2195.6713 \
ready at  Tue, 13 Jan 2004 17:23:43 +0100\r\n";

/// `X-EXPS GSSAPI` ending in `235`, as in the healthy sample.
pub(crate) fn exps_gssapi_success(script: Script) -> Script {
    script
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 \r\n")
        .cmd(format!("{}\r\n", base64(&spnego_neg_token_init())))
        .reply(format!("334 {}\r\n", base64(&spnego_neg_token_resp())))
        .cmd("\r\n")
        .reply("235 2.7.0 Authentication successful\r\n")
}

/// X-EXPS fails (PROTOCOL R5, KB 914137): `X-EXPS NTLM` → `334` NTLM CHALLENGE → NTLM AUTHENTICATE of
/// `CONTOSO\EX1$` → `535 5.7.3 Authentication unsuccessful`; the sender goes on anonymously: one
/// recipient, `XEXCH50 1124 2` → `504 Need to authenticate first`, DATA, QUIT.
pub fn exps_failed(client: IpAddr) -> Script {
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd(format!("X-EXPS NTLM {}\r\n", base64(&tokens::ntlm_negotiate())))
        .reply(format!(
            "334 {}\r\n",
            base64(&tokens::ntlm_challenge("CONTOSO", "EX2", [0x1f; 8]))
        ))
        .cmd(format!(
            "{}\r\n",
            base64(&tokens::ntlm_authenticate(
                "CONTOSO",
                "EX1$",
                "EX1",
                filler(32, 72)
            ))
        ))
        .reply(AUTH_UNSUCCESSFUL);
    let script = envelope_2003(script, "", &["bob@contoso.com"])
        .cmd("XEXCH50 1124 2\r\n")
        .reply("504 Need to authenticate first\r\n");
    quit(data(script, &message_body(1200, 100), 100))
}

/// Integrated Windows Authentication off on ex2 (KB 843106 step 1): its EHLO reply has no `X-EXPS`
/// and no `AUTH GSSAPI NTLM`; the sender sends `XEXCH50 1124 3` for one recipient (a count that is
/// not recipients + 1) → `504 Need to authenticate first`, then DATA and QUIT.
pub fn exps_not_offered(client: IpAddr) -> Script {
    let without_iwa: Vec<&str> = EHLO_2003
        .iter()
        .copied()
        .filter(|k| !k.starts_with("X-EXPS") && !k.starts_with("AUTH"))
        .collect();
    let script = envelope_2003(
        opening(BANNER_2003, &ehlo_reply(client, &without_iwa)),
        "",
        &["bob@contoso.com"],
    )
    .cmd("XEXCH50 1124 3\r\n")
    .reply("504 Need to authenticate first\r\n");
    quit(data(script, &message_body(1200, 101), 101))
}

/// The sender authenticates (X-EXPS GSSAPI → 235) but lacks Send As on ex2 (KB 843106 step 2):
/// `XEXCH50 2336 3` for two recipients → `504 Need to authenticate first`; DATA, QUIT.
pub fn xexch50_after_auth(client: IpAddr) -> Script {
    let script = exps_gssapi_success(opening(BANNER_2003, &ehlo_2003(client)));
    let script = envelope_2003(script, "", &["bob@contoso.com", "carol@contoso.com"])
        .cmd(format!("XEXCH50 {XEXCH50_BLOB_LEN} 3\r\n"))
        .reply("504 Need to authenticate first\r\n");
    quit(data(script, &message_body(1200, 102), 102))
}

/// The MS03-046 exploit shape against an unpatched Exchange 2000 server: after one recipient,
/// `XEXCH50 -1 2` (a signed size) is answered `354 Send binary data`; the client sends 512 filler
/// bytes and the connection is reset (see [`super::samples`]).
pub fn xexch50_exploit(client: IpAddr) -> Script {
    envelope_2003(opening(BANNER_2000, &ehlo_2003(client)), "", &["bob@contoso.com"])
        .cmd("XEXCH50 -1 2\r\n")
        .reply("354 Send binary data\r\n")
        .cmd(filler(33, 512))
}

/// A BLOB cut short: X-EXPS GSSAPI → 235, two recipients, `XEXCH50 2336 3` → `354 Send binary
/// data`, only the first 1000 bytes of the blob, then the connection is reset (a middlebox blocking
/// the binary data, KB 818222; the reset is set in [`super::samples`]).
pub fn blob_cut_short(client: IpAddr) -> Script {
    let script = exps_gssapi_success(opening(BANNER_2003, &ehlo_2003(client)));
    let blob = xexch50_blob(XEXCH50_BLOB_LEN);
    envelope_2003(script, "", &["bob@contoso.com", "carol@contoso.com"])
        .cmd(format!("XEXCH50 {XEXCH50_BLOB_LEN} 3\r\n"))
        .reply("354 Send binary data\r\n")
        .cmd(blob.get(..1000).unwrap_or_default())
}

/// The MS05-021 exploit shape: after EHLO and a `NOOP` probe, `X-LINK2STATE CHUNK=` with 600 bytes of
/// chunk data and no `FIRST` chunk before it; the server says nothing and the connection is reset
/// (set in [`super::samples`]).
pub fn xlink2state_overflow(client: IpAddr) -> Script {
    let chunk = "A".repeat(600);
    opening(BANNER_2003, &ehlo_2003(client))
        .cmd("NOOP\r\n")
        .reply("250 2.0.0 OK\r\n")
        .cmd(format!("X-LINK2STATE CHUNK={chunk}\r\n"))
}

/// An application server with a NetBIOS name: `EHLO APP1`; `AUTH LOGIN` in clear (`334 VXNlcm5hbWU6`,
/// the user, `334 UGFzc3dvcmQ6`, the password) → `235`; then `RCPT` before `MAIL` → `503 5.5.2 Need
/// mail command`; then MAIL, RCPT, DATA, QUIT.
pub fn netbios_clear_login(client: IpAddr) -> Script {
    let script = Script::new()
        .pause(Duration::from_millis(5))
        .server(BANNER_2003)
        .cmd("EHLO APP1\r\n")
        .reply(ehlo_2003(client))
        .cmd("AUTH LOGIN\r\n")
        .reply("334 VXNlcm5hbWU6\r\n")
        .cmd(format!("{}\r\n", base64(b"scanner@contoso.com")))
        .reply("334 UGFzc3dvcmQ6\r\n")
        .cmd(format!("{}\r\n", base64(b"Winter2004!")))
        .reply("235 2.7.0 Authentication successful\r\n")
        .cmd("RCPT TO:<bob@contoso.com>\r\n")
        .reply("503 5.5.2 Need mail command\r\n");
    let script = envelope_2003(script, "", &["bob@contoso.com"]);
    quit(data(script, &message_body(1200, 103), 103))
}

/// The Exchange 2007+ EHLO keywords of a receive connector offering basic authentication.
const EHLO_2016_BASIC_AUTH: &[&str] = &[
    "SIZE 37748736",
    "PIPELINING",
    "DSN",
    "ENHANCEDSTATUSCODES",
    "AUTH LOGIN PLAIN",
    "8BITMIME",
    "BINARYMIME",
    "CHUNKING",
];

/// The 2007+ X-EXPS failure reply of a 2003 peer (PROTOCOL.md §3.2).
const AUTH_UNSUCCESSFUL: &[u8] = b"535 5.7.3 Authentication unsuccessful\r\n";
/// The success reply.
const AUTH_OK: &[u8] = b"235 2.7.0 Authentication successful\r\n";

/// An Exchange 2007+ pair: `X-EXPS GSSAPI` → `334 GSSAPI supported` → one SPNEGO NegTokenInit
/// whose mechToken is a Kerberos AP-REQ for `SMTPSVC/ex2.contoso.com` → `235` (the server's
/// final token is not sent, PROTOCOL.md §3.2); then a delivery.
pub fn exps_kerberos(client: IpAddr) -> Script {
    let token = windows_neg_token_init(&kerberos_ap_req("ex2.contoso.com", 1000));
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 GSSAPI supported\r\n")
        .cmd(format!("{}\r\n", base64(&token)))
        .reply(AUTH_OK);
    quit(data(
        envelope_2016(script, "", "bob@contoso.com"),
        &message_body(900, 100),
        100,
    ))
}

/// Exchange 2003 peers falling back to NTLM inside SPNEGO: the NegTokenInit lists MS-KRB5,
/// Kerberos and NTLMSSP but carries an NTLM NEGOTIATE; the server answers accept-incomplete with
/// an NTLM CHALLENGE, the client sends a NegTokenResp with the AUTHENTICATE of `CONTOSO\EX1$` from
/// `EX1`, and the server accepts (`235`).
pub fn exps_spnego_ntlm(client: IpAddr) -> Script {
    let challenge = tokens::spnego_resp(&tokens::NegTokenRespSpec {
        neg_state: Some(1),
        supported_mech: Some(tokens::OID_NTLMSSP),
        response_token: Some(&tokens::ntlm_challenge("CONTOSO", "EX2", [0x5a; 8])),
        mech_list_mic: None,
    });
    let authenticate = tokens::spnego_resp(&tokens::NegTokenRespSpec {
        response_token: Some(&tokens::ntlm_authenticate(
            "CONTOSO",
            "EX1$",
            "EX1",
            filler(4, 24),
        )),
        ..Default::default()
    });
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 \r\n")
        .cmd(format!(
            "{}\r\n",
            base64(&windows_neg_token_init(&tokens::ntlm_negotiate()))
        ))
        .reply(format!("334 {}\r\n", base64(&challenge)))
        .cmd(format!("{}\r\n", base64(&authenticate)))
        .reply(AUTH_OK);
    quit(data(
        envelope_2003(script, "", &["bob@contoso.com"]),
        &message_body(900, 101),
        101,
    ))
}

/// A sending virtual server whose FQDN is an alias: `EHLO mail.contoso.com`, but the X-EXPS NTLM
/// credentials are those of the machine `EX1` (`CONTOSO\EX1$` from `EX1`); the receiver accepts
/// them (`235`) and the delivery goes on (KB 843106: the FQDN should be the machine's real name).
pub fn identity_mismatch(client: IpAddr) -> Script {
    let script = Script::new()
        .pause(Duration::from_millis(5))
        .server(BANNER_2003)
        .cmd("EHLO mail.contoso.com\r\n")
        .reply(ehlo_2003(client))
        .cmd(format!("X-EXPS NTLM {}\r\n", base64(&tokens::ntlm_negotiate())))
        .reply(format!(
            "334 {}\r\n",
            base64(&tokens::ntlm_challenge("CONTOSO", "EX2", [0x3c; 8]))
        ))
        .cmd(format!(
            "{}\r\n",
            base64(&tokens::ntlm_authenticate(
                "CONTOSO",
                "EX1$",
                "EX1",
                filler(6, 24)
            ))
        ))
        .reply(AUTH_OK);
    quit(data(
        envelope_2003(script, "", &["bob@contoso.com"]),
        &message_body(700, 105),
        105,
    ))
}

/// A failed `X-EXPS NTLM` between 2003 servers (the KB 914137 situation): `334 NTLM supported`,
/// NEGOTIATE, CHALLENGE, the AUTHENTICATE of `CONTOSO\EX1$` from `EX1`, then `535 5.7.3`; the
/// sender quits.
pub fn exps_ntlm_failed(client: IpAddr) -> Script {
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd("X-EXPS NTLM\r\n")
        .reply("334 NTLM supported\r\n")
        .cmd(format!("{}\r\n", base64(&tokens::ntlm_negotiate())))
        .reply(format!(
            "334 {}\r\n",
            base64(&tokens::ntlm_challenge("CONTOSO", "EX2", [0xa5; 8]))
        ))
        .cmd(format!(
            "{}\r\n",
            base64(&tokens::ntlm_authenticate(
                "CONTOSO",
                "EX1$",
                "EX1",
                filler(5, 24)
            ))
        ))
        .reply(AUTH_UNSUCCESSFUL);
    quit(script)
}

/// `X-EXPS GSSAPI` refused by Kerberos: the client's AP-REQ for `SMTPSVC/ex2.contoso.com` is
/// answered by a NegTokenResp with negState reject whose responseToken is a KRB-ERROR
/// KRB_AP_ERR_MODIFIED (41: the ticket was encrypted under a key the server does not have, the
/// duplicate-SPN case); the client sends an empty line, the server `535 5.7.3`.
pub fn exps_krb_error(client: IpAddr) -> Script {
    let error = tokens::krb5_token(
        tokens::TOK_KRB_ERROR,
        &tokens::krb_error(&tokens::KrbErrorSpec {
            stime: "20040113162343Z",
            code: 41,
            realm: "CONTOSO.COM",
            sname: &tokens::principal(2, &["SMTPSVC", "ex2.contoso.com"]),
            e_text: None,
        }),
    );
    let reject = tokens::spnego_resp(&tokens::NegTokenRespSpec {
        neg_state: Some(2),
        supported_mech: Some(tokens::OID_MS_KRB5),
        response_token: Some(&error),
        mech_list_mic: None,
    });
    let script = opening(BANNER_2003, &ehlo_2003(client))
        .cmd("X-EXPS GSSAPI\r\n")
        .reply("334 \r\n")
        .cmd(format!("{}\r\n", base64(&spnego_neg_token_init())))
        .reply(format!("334 {}\r\n", base64(&reject)))
        .cmd("\r\n")
        .reply(AUTH_UNSUCCESSFUL);
    quit(script)
}

/// The password of the sample PLAIN and LOGIN sessions (it must never appear in a report
/// without `--show-secrets`).
pub const SAMPLE_PASSWORD: &str = "Tr0ub4dor&3";

/// A client submitting with `AUTH PLAIN` and an initial response (`alice`, [`SAMPLE_PASSWORD`])
/// to a 2007+ connector offering basic authentication; then a delivery.
pub fn auth_plain(client: IpAddr) -> Script {
    let response = base64(format!("\0alice\0{SAMPLE_PASSWORD}").as_bytes());
    let script = opening(BANNER_2016, &ehlo_reply(client, EHLO_2016_BASIC_AUTH))
        .cmd(format!("AUTH PLAIN {response}\r\n"))
        .reply(AUTH_OK);
    quit(data(
        envelope_2016(script, "", "bob@example.net"),
        &message_body(800, 102),
        102,
    ))
}

/// A client submitting with `AUTH LOGIN`: `334 VXNlcm5hbWU6` (Username:), `alice`, `334
/// UGFzc3dvcmQ6` (Password:), [`SAMPLE_PASSWORD`], `235`; then a delivery.
pub fn auth_login(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_reply(client, EHLO_2016_BASIC_AUTH))
        .cmd("AUTH LOGIN\r\n")
        .reply("334 VXNlcm5hbWU6\r\n")
        .cmd(format!("{}\r\n", base64(b"alice")))
        .reply("334 UGFzc3dvcmQ6\r\n")
        .cmd(format!("{}\r\n", base64(SAMPLE_PASSWORD.as_bytes())))
        .reply(AUTH_OK);
    quit(data(
        envelope_2016(script, "", "bob@example.net"),
        &message_body(800, 103),
        103,
    ))
}

/// Exchange 2016 under back pressure: `MAIL FROM` answered `452 4.3.1 Insufficient system
/// resources` twice (the client resets and tries again), then QUIT.
pub fn back_pressure(client: IpAddr) -> Script {
    let refused = "452 4.3.1 Insufficient system resources\r\n";
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<alice@contoso.com> SIZE=2048\r\n")
        .reply(refused)
        .cmd("RSET\r\n")
        .reply("250 2.0.0 Resetting\r\n")
        .cmd("MAIL FROM:<alice@contoso.com> SIZE=2048\r\n")
        .reply(refused);
    quit(script)
}

/// Exchange 2016 refusing to relay for an application: `RCPT TO` an outside domain answered `550
/// 5.7.54 SMTP; Unable to relay recipient in non-accepted domain`, then QUIT.
pub fn relay_non_accepted_domain(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<scanner@contoso.com>\r\n")
        .reply("250 2.1.0 Sender OK\r\n")
        .cmd("RCPT TO:<partner@example.net>\r\n")
        .reply("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain\r\n");
    quit(script)
}

/// Exchange 2003 refusing an anonymous sender for a recipient that takes mail from authenticated
/// users only: `RCPT TO` answered `550 5.7.3 Not Authorized` (the KB 895853 NDR), then QUIT.
pub fn not_authorized(client: IpAddr) -> Script {
    let script = opening(BANNER_2003, &ehlo_reply(client, EHLO_2003))
        .cmd("MAIL FROM:<partner@example.net>\r\n")
        .reply("250 2.1.0 partner@example.net....Sender OK\r\n")
        .cmd("RCPT TO:<allstaff@contoso.com>\r\n")
        .reply("550 5.7.3 Not Authorized\r\n");
    quit(script)
}

/// Exchange Online Protection throttling a new sending IP: `RCPT TO` answered `451 4.7.500 Server
/// busy. Please try again later from [IP]. (AS77712344)`, then QUIT.
pub fn online_throttled(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<news@example.net>\r\n")
        .reply("250 2.1.0 Sender OK\r\n")
        .cmd("RCPT TO:<bob@contoso.com>\r\n")
        .reply(format!(
            "451 4.7.500 Server busy. Please try again later from [{client}]. (AS77712344)\r\n"
        ));
    quit(script)
}

/// Exchange Online's front end failing for a moment: `MAIL FROM` answered `451 4.7.0 Temporary
/// server error. Please try again later. PRX4`, then QUIT.
pub fn online_temporary_error(client: IpAddr) -> Script {
    let script = opening(BANNER_2016, &ehlo_2016(client))
        .cmd("MAIL FROM:<alice@example.net>\r\n")
        .reply("451 4.7.0 Temporary server error. Please try again later. PRX4\r\n");
    quit(script)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtpscope::net::flow::Direction;

    fn ip() -> IpAddr {
        "192.0.2.10".parse().unwrap()
    }

    /// Every byte the `dir` side sends, in order.
    fn stream(script: &Script, dir: Direction) -> Vec<u8> {
        script
            .steps()
            .iter()
            .filter(|s| s.dir == dir)
            .flat_map(|s| s.bytes.iter().copied())
            .collect()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// The length of the DER element at the start of `bytes` and where its content starts.
    fn der_header(bytes: &[u8]) -> (usize, usize) {
        match bytes[1] {
            n if n < 0x80 => (usize::from(n), 2),
            0x81 => (usize::from(bytes[2]), 3),
            0x82 => (usize::from(u16::from_be_bytes([bytes[2], bytes[3]])), 4),
            other => panic!("unexpected length byte {other:#x}"),
        }
    }

    #[test]
    fn base64_matches_rfc4648_test_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn neg_token_init_is_whole_der_with_spnego_oid_realm_and_spn() {
        let token = spnego_neg_token_init();
        let (len, start) = der_header(&token);
        assert_eq!(token[0], 0x60);
        assert_eq!(
            start + len,
            token.len(),
            "the outer length covers the token exactly"
        );
        assert_eq!(
            &token[start..start + tokens::OID_SPNEGO.len()],
            tokens::OID_SPNEGO
        );
        assert!((1000..=1500).contains(&token.len()), "{} bytes", token.len());
        assert!(contains(&token, b"CONTOSO.COM") && contains(&token, b"ex2.contoso.com"));
        assert!(contains(&token, tokens::OID_KRB5) && contains(&token, &[0x01, 0x00, 0x6e]));
        assert!(base64(&token).len() > 512);
    }

    #[test]
    fn neg_token_resp_starts_with_a1_and_is_accept_completed() {
        let token = spnego_neg_token_resp();
        let (len, start) = der_header(&token);
        assert_eq!(token[0], 0xa1);
        assert_eq!(start + len, token.len());
        assert!(contains(&token, &[0xa0, 0x03, 0x0a, 0x01, 0x00]));
    }

    #[test]
    fn client_hello_record_and_handshake_lengths_agree() {
        let hello = tls_client_hello("ex2.contoso.com");
        assert_eq!(hello[..3], [0x16, 0x03, 0x01]);
        assert_eq!(
            usize::from(u16::from_be_bytes([hello[3], hello[4]])),
            hello.len() - 5
        );
        assert_eq!(hello[5], 0x01);
        let body = u32::from_be_bytes([0, hello[6], hello[7], hello[8]]) as usize;
        assert_eq!(body, hello.len() - 9);
        assert_eq!(hello[9..11], [0x03, 0x03]);
        assert_eq!(hello[43], 0, "empty session id");
        assert!(contains(&hello, b"\x00\x0fex2.contoso.com"));
        let server = tls_server_hello();
        assert_eq!(server[..3], [0x16, 0x03, 0x03]);
        assert_eq!(
            usize::from(u16::from_be_bytes([server[3], server[4]])),
            server.len() - 5
        );
    }

    #[test]
    fn xexch50_blob_has_the_length_and_the_command_lookalikes() {
        let blob = xexch50_blob(XEXCH50_BLOB_LEN);
        assert_eq!(blob.len(), XEXCH50_BLOB_LEN);
        assert!(contains(&blob, b"\r\n250 OK\r\n.\r\nQUIT\r\n"));
        assert!(contains(&blob, b"\r\n.\r\n"));
        assert!(contains(&blob, &[0; 32]));
        assert_eq!(blob, xexch50_blob(XEXCH50_BLOB_LEN));
        assert_ne!(filler(1, 64), filler(2, 64));
    }

    #[test]
    fn exact_body_has_the_exact_length_and_crlf_lines() {
        for len in [600, 1000, 1908, 3000] {
            let body = exact_body(len, 1);
            assert_eq!(body.len(), len);
            assert!(body.ends_with(b"\r\n"));
            assert!(!contains(&body, b"\r\r") && !contains(&body, b"\n."));
        }
        assert_eq!(binary_message(500, 1).len(), 500);
    }

    #[test]
    fn healthy_exchange_dialogue_carries_exact_counted_payloads() {
        let client = stream(&exchange_healthy(ip()), Direction::ClientToServer);
        let blob = xexch50_blob(XEXCH50_BLOB_LEN);
        let at = client
            .windows(blob.len())
            .position(|w| w == blob.as_slice())
            .unwrap();
        assert!(client[..at].ends_with(b"XEXCH50 2336 3\r\n"));
        assert!(client[at + blob.len()..].starts_with(b"BDAT 1000\r\n"));
        let message = exact_body(1908, 20);
        let bdat1 = at + blob.len() + b"BDAT 1000\r\n".len();
        assert_eq!(&client[bdat1..bdat1 + 1000], &message[..1000]);
        assert!(client[bdat1 + 1000..].starts_with(b"BDAT 908 LAST\r\n"));
        assert!(client.ends_with(b"QUIT\r\n"));
        assert!(contains(&client, b"BODY=8BITMIME SIZE=1908\r\n"));
    }

    #[test]
    fn healthy_exchange_server_sends_the_2003_banner_and_list() {
        let server = stream(&exchange_healthy(ip()), Direction::ServerToClient);
        assert!(server.starts_with(BANNER_2003));
        assert!(contains(&server, b"ready at  Tue"));
        assert!(contains(
            &server,
            b"250-ex2.contoso.com Hello [192.0.2.10]\r\n250-TURN\r\n"
        ));
        assert!(contains(&server, b"250-XEXCH50\r\n250 OK\r\n334 \r\n334 oY"));
        assert!(contains(&server, b"250 2.6.0 CHUNK received OK, 1000 octets\r\n"));
    }

    #[test]
    fn pipelined_sends_are_single_steps() {
        let script = pipelining(ip());
        let client: Vec<&[u8]> = script
            .steps()
            .iter()
            .filter(|s| s.dir == Direction::ClientToServer)
            .map(|s| s.bytes.as_slice())
            .collect();
        assert!(client.contains(
            &&b"MAIL FROM:<alice@contoso.com>\r\nRCPT TO:<bob@example.net>\r\n\
                RCPT TO:<nobody@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n"[..]
        ));
        assert!(client.contains(&&b"RSET\r\nQUIT\r\n"[..]));
    }

    #[test]
    fn bdat_sample_has_the_empty_chunk_three_chunks_in_one_send_and_a_refused_chunk() {
        let script = bdat(ip());
        let client = stream(&script, Direction::ClientToServer);
        assert!(contains(&client, b"BDAT 0 LAST\r\nMAIL FROM"));
        let three = script
            .steps()
            .iter()
            .find(|s| s.bytes.starts_with(b"BDAT 600\r\n"))
            .unwrap();
        assert_eq!(
            three.bytes.len(),
            1800 + b"BDAT 600\r\nBDAT 700\r\nBDAT 500 LAST\r\n".len()
        );
        assert!(contains(&three.bytes, b"BDAT 700\r\n") && contains(&three.bytes, b"BDAT 500 LAST\r\n"));
        assert!(contains(&client, b"BDAT 500\r\n"));
        let server = stream(&script, Direction::ServerToClient);
        assert!(contains(
            &server,
            b"554 5.6.0 Invalid message content\r\n250 2.0.0 Resetting\r\n"
        ));
    }

    #[test]
    fn smuggling_body_has_a_bare_lf_terminator_before_the_real_one() {
        let client = stream(&smuggling(ip()), Direction::ClientToServer);
        let fake = client.windows(5).position(|w| w == b"\n.\r\nM").unwrap();
        assert_ne!(client[fake - 1], b'\r');
        let real = client.windows(5).position(|w| w == b"\r\n.\r\n").unwrap();
        assert!(fake < real);
        let server = stream(&smuggling(ip()), Direction::ServerToClient);
        assert_eq!(server.windows(9).filter(|w| w == b"250 2.6.0").count(), 1);
    }

    #[test]
    fn pix_banner_keeps_only_twos_zeros_and_line_ends() {
        assert_eq!(pix_masked_banner(b"220 ab 20x\r\n"), b"220 ***20*\r\n");
        let masked = pix_masked_banner(BANNER_2003);
        assert_eq!(masked.len(), BANNER_2003.len());
        assert!(masked.starts_with(b"220 **2*************"));
        assert!(masked[4..].iter().all(|b| b"20*\r\n".contains(b)));
        assert_eq!(pix_masked_banner(b"22"), b"22");
    }

    #[test]
    fn asa_masking_keeps_the_keyword_length() {
        assert_eq!(asa_masked_keyword("STARTTLS", 'A'), "XXXXXXXA");
        assert_eq!(asa_masked_keyword("CHUNKING", 'B'), "XXXXXXXB");
        let server = stream(&asa_masked(ip()), Direction::ServerToClient);
        assert!(contains(&server, b"250-XXXXXXXA\r\n") && contains(&server, b"250-XXXXXXXB\r\n"));
        assert!(contains(
            &server,
            b"500 5.5.1 Command unrecognized: \"XXXXXXX 2336 3\"\r\n"
        ));
        assert!(!contains(&server, b"STARTTLS"));
    }

    #[test]
    fn starttls_cleartext_sends_ehlo_right_after_the_220() {
        let client = stream(&starttls_cleartext(ip()), Direction::ClientToServer);
        assert!(contains(&client, b"STARTTLS\r\nEHLO ex1.contoso.com\r\n"));
        let tls = stream(&starttls(ip()), Direction::ClientToServer);
        assert!(contains(&tls, b"STARTTLS\r\n\x16\x03\x01"));
    }

    #[test]
    fn pregreet_client_speaks_before_the_banner() {
        let script = pregreet(ip());
        let first = &script.steps()[0];
        assert_eq!(first.dir, Direction::ClientToServer);
        assert_eq!(first.bytes, EHLO);
    }

    #[test]
    fn every_dialogue_is_deterministic() {
        let builders: [fn(IpAddr) -> Script; 12] = [
            exchange_healthy,
            xexch50_refused,
            starttls,
            starttls_cleartext,
            pipelining,
            bdat,
            smuggling,
            pix_rewritten,
            pix_noop,
            asa_masked,
            plain_delivery,
            pregreet,
        ];
        for build in builders {
            assert_eq!(build(ip()), build(ip()));
        }
    }
}
