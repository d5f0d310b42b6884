//! The hand-off point to TLS: after the `220` to STARTTLS or X-ANONYMOUSTLS (RFC 3207), or from
//! the first byte of an implicit-TLS connection (RFC 8314), where the bytes of each direction stop
//! being SMTP lines.
//!
//! Owns the decision that TLS began (the client's next bytes are a ClientHello,
//! [`looks_like_client_hello`]; otherwise `starttls_not_followed_by_tls` and the client goes on
//! in clear), the switch, and the routing afterwards: every byte of either direction goes to the
//! connection's [`TlsSession`] (never into SMTP framing), which counts it (`[TLS n bytes]` items,
//! one per direction) and decodes the handshake; the application data it decrypts, when keys were
//! given, comes back into that direction's inbox and is decoded by the same command, reply, SASL
//! and DATA paths as clear text, each item marked decrypted. After the handshake the client must
//! start over with EHLO (RFC 3207 §4.2): the inner HELO/EHLO goes to `tls_helo`/`tls_extensions`,
//! the clear-text ones stay as they were. Must not: parse TLS (the [`crate::tls`] analyzer does).

use std::sync::Arc;

use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::{ItemKind, Position};
use crate::tls::{Plaintext, TlsKeys, TlsSession};

pub use crate::tls::looks_like_client_hello;

/// What [`crate::smtp::dialogue::Dialogue::tls`]`.by` says of a session in TLS from its first
/// byte.
pub const IMPLICIT_TLS: &str = "implicit TLS";

impl SmtpDecoder {
    /// The connection is in TLS from its first byte — implicit TLS (RFC 8314 §3.3: port 465, or any
    /// SMTP port where the client opens with a ClientHello, as the session classifier decides): both
    /// directions go to the TLS session from the start; the greeting comes inside TLS (decoded as
    /// the banner when the session is decrypted). `frame` is the ClientHello's.
    pub fn begin_implicit_tls(&mut self, frame: u64) {
        self.dialogue.tls.by = Some(IMPLICIT_TLS.to_string());
        self.start_tls(IMPLICIT_TLS);
        self.dialogue.tls.frame = Some(frame);
    }

    /// After the 220: decides from the client's first bytes whether TLS began; false while too
    /// few bytes are there to tell.
    pub(super) fn tls_check(&mut self) -> bool {
        match looks_like_client_hello(self.client.unread()) {
            None => false,
            Some(true) => {
                let by = self.dialogue.tls.by.clone().unwrap_or_else(|| "STARTTLS".into());
                self.start_tls(&by);
                true
            }
            Some(false) => {
                let at = self.client.position().unwrap_or_else(|| self.client_position());
                let by = self.dialogue.tls.by.clone().unwrap_or_default();
                self.anomaly(
                    AnomalyKind::StarttlsNotFollowedByTls,
                    Direction::ClientToServer,
                    at,
                    crate::msg!("anomaly-starttls-not-followed", verb = by),
                );
                self.mode = ClientMode::Commands;
                true
            }
        }
    }

    /// TLS begins: the bytes still in the inboxes (the ClientHello, anything after it) are the
    /// first TLS bytes; from now on both directions go to the TLS session.
    fn start_tls(&mut self, by: &str) {
        let keys: Option<Arc<TlsKeys>> = self.tls_keys.clone();
        self.tls = Some(Box::new(TlsSession::new(by, keys)));
        self.dialogue.tls.started = true;
        self.dialogue.tls.frame = self.client.position().map(|at| at.frame);
        self.mode = ClientMode::Commands;
        self.decrypted = true;
        for dir in [Direction::ClientToServer, Direction::ServerToClient] {
            let inbox = self.inbox(dir);
            let Some(at) = inbox.position() else {
                continue;
            };
            let bytes = inbox.unread().to_vec();
            inbox.discard();
            self.tls_data(dir, &bytes, at);
        }
    }

    /// Bytes of `dir` once TLS began: to the TLS session; what it decrypts back into SMTP.
    pub(super) fn tls_data(&mut self, dir: Direction, bytes: &[u8], at: Position) {
        let Some(tls) = self.tls.as_mut() else {
            return;
        };
        let mut plain: Vec<Plaintext> = Vec::new();
        tls.on_data(dir, bytes, at, &mut plain);
        self.count_tls_bytes(dir, bytes.len(), at);
        for p in plain {
            self.receive(p.dir, &p.data, p.at);
        }
    }

    /// Bytes of `dir` lost inside TLS: that direction's TLS can no longer be read.
    pub(super) fn tls_gap(&mut self, dir: Direction, len: u64, at: Position) {
        self.push_item(dir, at, ItemKind::Gap { bytes: len });
        if let Some(tls) = self.tls.as_mut() {
            tls.on_gap(dir, len, at);
        }
    }

    /// The `[TLS n bytes]` item of `dir`: one per direction, at its first TLS byte.
    fn count_tls_bytes(&mut self, dir: Direction, n: usize, at: Position) {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        if n == 0 {
            return;
        }
        let slot = match dir {
            Direction::ClientToServer => 0,
            Direction::ServerToClient => 1,
        };
        match self.tls_items.get(slot).copied().flatten() {
            Some(index) => self.grow_item(Some(index), n),
            None => {
                let decrypted = std::mem::replace(&mut self.decrypted, false);
                let index = self.push_item(dir, at, ItemKind::Tls { bytes: n });
                self.decrypted = decrypted;
                if let Some(s) = self.tls_items.get_mut(slot) {
                    *s = index;
                }
            }
        }
    }

    /// At the end: the TLS session's facts become the dialogue's (the command that asked for TLS
    /// is already there).
    pub(super) fn finish_tls(&mut self) {
        let Some(tls) = self.tls.take() else {
            return;
        };
        let by = self.dialogue.tls.by.take();
        let frame = self.dialogue.tls.frame;
        self.dialogue.tls = tls.finish();
        if by.is_some() {
            self.dialogue.tls.by = by;
        }
        // Where TLS began, even when its first record does not decode as a ClientHello.
        self.dialogue.tls.frame = frame.or(self.dialogue.tls.frame);
    }

    /// Whether TLS began on this connection (every byte now goes to the TLS session).
    pub(super) fn in_tls(&self) -> bool {
        self.tls.is_some()
    }
}
