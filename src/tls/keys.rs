//! The key material of a run, shared by every session: key logs, server RSA keys, and the master
//! secrets learned along the way.
//!
//! Owns [`TlsKeys`]. Sessions only read the key log and the RSA keys; the one thing they write is
//! the master secret of a session decrypted with an RSA key, under its session id, so that a later
//! connection that resumes it (an abbreviated handshake carries no key exchange) can be decrypted
//! too — what SChannel peers do all the time. That cache is bounded ([`MAX_LEARNED`]). Must not:
//! read files (the caller does) or format secrets.

use std::collections::HashMap;
use std::sync::Mutex;

use super::keylog::KeyLog;
use super::rsa_kx::ServerKey;

/// Learned master secrets kept for resumption.
pub const MAX_LEARNED: usize = 100_000;

/// Every key given to the run.
#[derive(Debug, Default)]
pub struct TlsKeys {
    /// Secrets of the key logs (`--tls-keylog`, `SSLKEYLOGFILE`).
    pub keylog: KeyLog,
    /// Server RSA keys (`--tls-key`).
    pub rsa: Vec<ServerKey>,
    learned: Mutex<HashMap<Vec<u8>, Vec<u8>>>,
}

impl TlsKeys {
    /// Key material from a key log and RSA keys.
    pub fn new(keylog: KeyLog, rsa: Vec<ServerKey>) -> Self {
        TlsKeys {
            keylog,
            rsa,
            learned: Mutex::new(HashMap::new()),
        }
    }

    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        self.keylog.is_empty() && self.rsa.is_empty()
    }

    /// Remembers the master secret of the session `session_id` (TLS ≤ 1.2) for a later
    /// resumption.
    pub fn learn(&self, session_id: &[u8], master: &[u8]) {
        if session_id.is_empty() {
            return;
        }
        if let Ok(mut learned) = self.learned.lock() {
            if learned.len() < MAX_LEARNED {
                learned.insert(session_id.to_vec(), master.to_vec());
            }
        }
    }

    /// The master secret learned for `session_id`.
    pub fn learned(&self, session_id: &[u8]) -> Option<Vec<u8>> {
        self.learned.lock().ok()?.get(session_id).cloned()
    }
}
