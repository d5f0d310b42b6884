//! The hand-off point to TLS: after the `220` to STARTTLS or X-ANONYMOUSTLS (RFC 3207), where the
//! bytes of each direction stop being SMTP lines.
//!
//! Owns the decision that TLS began (the client's next bytes are a ClientHello,
//! [`looks_like_client_hello`]; otherwise `starttls_not_followed_by_tls` and the client goes on
//! in clear), the switch of both directions, and [`SmtpDecoder::tls_handoff`]: the one place where
//! the bytes of a direction in TLS leave the decoder. Today they are counted as opaque
//! (`[TLS n bytes]`, [`crate::smtp::dialogue::Tls`]).
//!
//! A TLS analyzer plugs in at `tls_handoff`: it receives each direction's TLS bytes in order (the
//! first call of a direction also carries what the inbox held when TLS began: the ClientHello,
//! or the server's first records). Plaintext it decrypts comes back into the same decoder by
//! pushing it into that direction's inbox (`self.inbox(dir).push(..)`) and running the pump with
//! the client back in `ClientMode::Commands` and `server_tls` off — the command, reply, SASL and
//! DATA paths are the same for decrypted SMTP; only the items it produces are marked decrypted.
//! Must not: parse TLS records beyond the ClientHello check (a TLS analyzer's job) or hold TLS
//! bytes.

use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::ItemKind;

impl SmtpDecoder {
    /// After the 220: decides from the client's first bytes whether TLS began; false while too
    /// few bytes are there to tell.
    pub(super) fn tls_check(&mut self) -> bool {
        let at = self.client.position();
        match looks_like_client_hello(self.client.unread()) {
            None => false,
            Some(true) => {
                let tls = &mut self.dialogue.tls;
                tls.started = true;
                tls.frame = at.map(|a| a.frame);
                self.mode = ClientMode::Tls;
                self.server_tls = true;
                true
            }
            Some(false) => {
                let at = at.unwrap_or_else(|| self.client_position());
                let by = self.dialogue.tls.by.clone().unwrap_or_default();
                self.anomaly(
                    AnomalyKind::StarttlsNotFollowedByTls,
                    Direction::ClientToServer,
                    at,
                    format!("the client continued in clear text after the 220 to {by}"),
                );
                self.mode = ClientMode::Commands;
                true
            }
        }
    }

    /// Hands the unread bytes of `dir`, which is in TLS, out of SMTP framing: the hand-off point.
    /// Always false (nothing more for SMTP to decode from them).
    pub(super) fn tls_handoff(&mut self, dir: Direction) -> bool {
        let inbox = self.inbox(dir);
        let at = inbox.position();
        let n = inbox.discard() as u64;
        let (Some(at), true) = (at, n > 0) else {
            return false;
        };
        let tls = &mut self.dialogue.tls;
        match dir {
            Direction::ClientToServer => tls.c2s_bytes = tls.c2s_bytes.saturating_add(n),
            Direction::ServerToClient => tls.s2c_bytes = tls.s2c_bytes.saturating_add(n),
        }
        let slot = match dir {
            Direction::ClientToServer => 0,
            Direction::ServerToClient => 1,
        };
        match self.tls_items.get(slot).copied().flatten() {
            Some(index) => self.grow_item(Some(index), n),
            None => {
                let index = self.push_item(dir, at, ItemKind::Tls { bytes: n });
                if let Some(s) = self.tls_items.get_mut(slot) {
                    *s = index;
                }
            }
        }
        false
    }
}

/// Whether `bytes` start a TLS ClientHello (PROTOCOL.md §1.8): a TLS record (`16 03 0x LL LL 01`)
/// or an SSLv2-compatible hello (high bit set, third byte `01`). `None`: too few bytes to tell.
pub fn looks_like_client_hello(bytes: &[u8]) -> Option<bool> {
    let first = *bytes.first()?;
    if first & 0x80 != 0 {
        let third = *bytes.get(2)?;
        return Some(third == 0x01);
    }
    if first != 0x16 {
        return Some(false);
    }
    if *bytes.get(1)? != 0x03 {
        return Some(false);
    }
    if *bytes.get(2)? > 0x04 {
        return Some(false);
    }
    Some(*bytes.get(5)? == 0x01)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_hello_detection() {
        assert_eq!(looks_like_client_hello(b""), None);
        assert_eq!(looks_like_client_hello(&[0x16, 0x03]), None);
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]),
            Some(true)
        );
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x02]),
            Some(false)
        );
        assert_eq!(looks_like_client_hello(b"EHLO x\r\n"), Some(false));
        assert_eq!(looks_like_client_hello(&[0x80, 0x2e, 0x01, 0x03]), Some(true));
        assert_eq!(looks_like_client_hello(&[0x16, 0x03, 0x09, 0, 0, 1]), Some(false));
    }
}
