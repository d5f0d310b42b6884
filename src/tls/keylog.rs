//! Key log files in the NSS format (what `SSLKEYLOGFILE`, OpenSSL's `-keylogfile` and Python's
//! `SSLContext.keylog_filename` write): one secret per line, `LABEL <client random hex> <secret hex>`.
//!
//! Owns the parsing and the lookup by client random. Labels: `CLIENT_RANDOM` (the TLS ≤ 1.2
//! master secret, 48 bytes), the TLS 1.3 traffic secrets (`CLIENT_HANDSHAKE_TRAFFIC_SECRET`,
//! `SERVER_HANDSHAKE_TRAFFIC_SECRET`, `CLIENT_TRAFFIC_SECRET_0`, `SERVER_TRAFFIC_SECRET_0`, and the
//! early/exporter ones, read and kept aside), and `RSA` (the first 8 bytes of an encrypted
//! pre-master secret → the 48-byte pre-master secret). `#` starts a comment. A bad line is reported
//! with its number and skipped; the rest of the file still counts. Pure: the caller reads the
//! file. Must not: print secrets (they are never formatted by this module, not even in `Debug`).

use std::collections::HashMap;
use std::fmt;

/// Longest line read (a TLS 1.3 line with a SHA-384 secret is about 170 characters).
pub const MAX_LINE: usize = 1024;

/// The secrets a key log holds for one client random.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets {
    /// `CLIENT_RANDOM`: the master secret (TLS ≤ 1.2).
    pub master: Option<Vec<u8>>,
    /// `CLIENT_HANDSHAKE_TRAFFIC_SECRET`.
    pub client_handshake: Option<Vec<u8>>,
    /// `SERVER_HANDSHAKE_TRAFFIC_SECRET`.
    pub server_handshake: Option<Vec<u8>>,
    /// `CLIENT_TRAFFIC_SECRET_0`.
    pub client_traffic: Option<Vec<u8>>,
    /// `SERVER_TRAFFIC_SECRET_0`.
    pub server_traffic: Option<Vec<u8>>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let has = |s: &Option<Vec<u8>>| if s.is_some() { "present" } else { "absent" };
        f.debug_struct("Secrets")
            .field("master", &has(&self.master))
            .field("client_handshake", &has(&self.client_handshake))
            .field("server_handshake", &has(&self.server_handshake))
            .field("client_traffic", &has(&self.client_traffic))
            .field("server_traffic", &has(&self.server_traffic))
            .finish()
    }
}

/// One line that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it (never the secret itself).
    pub what: String,
}

/// Every secret of one or more key log files.
#[derive(Clone, Default)]
pub struct KeyLog {
    by_random: HashMap<[u8; 32], Secrets>,
    rsa: HashMap<[u8; 8], Vec<u8>>,
}

impl fmt::Debug for KeyLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyLog")
            .field("sessions", &self.by_random.len())
            .field("rsa_premaster_secrets", &self.rsa.len())
            .finish()
    }
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks_exact(2)
        .map(|pair| {
            let digit = |c: u8| char::from(c).to_digit(16);
            u8::try_from(digit(*pair.first()?)? << 4 | digit(*pair.get(1)?)?).ok()
        })
        .collect()
}

impl KeyLog {
    /// An empty key log.
    pub fn new() -> Self {
        KeyLog::default()
    }

    /// Parses a key log's text and adds its secrets; returns the lines that could not be used.
    pub fn add(&mut self, text: &[u8]) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (index, raw) in text.split(|b| *b == b'\n').enumerate() {
            let line = index.saturating_add(1);
            if let Err(what) = self.add_line(raw) {
                problems.push(Problem { line, what });
            }
        }
        problems
    }

    fn add_line(&mut self, raw: &[u8]) -> Result<(), String> {
        if raw.len() > MAX_LINE {
            return Err(format!("longer than {MAX_LINE} bytes"));
        }
        let line = std::str::from_utf8(raw)
            .map_err(|_| "not text".to_string())?
            .trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let mut fields = line.split_ascii_whitespace();
        let (Some(label), Some(first), Some(second), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err("not three fields (LABEL, client random, secret)".into());
        };
        let first = unhex(first).ok_or_else(|| format!("{label}: the second field is not hex"))?;
        let secret = unhex(second).ok_or_else(|| format!("{label}: the secret is not hex"))?;
        if label == "RSA" {
            let key: [u8; 8] = first
                .try_into()
                .map_err(|_| "RSA: the encrypted pre-master prefix is not 8 bytes".to_string())?;
            if secret.len() != 48 {
                return Err("RSA: the pre-master secret is not 48 bytes".into());
            }
            self.rsa.insert(key, secret);
            return Ok(());
        }
        let random: [u8; 32] = first
            .try_into()
            .map_err(|_| format!("{label}: the client random is not 32 bytes"))?;
        let secrets = self.by_random.entry(random).or_default();
        let slot = match label {
            "CLIENT_RANDOM" => {
                if secret.len() != 48 {
                    return Err("CLIENT_RANDOM: the master secret is not 48 bytes".into());
                }
                &mut secrets.master
            }
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET" => &mut secrets.client_handshake,
            "SERVER_HANDSHAKE_TRAFFIC_SECRET" => &mut secrets.server_handshake,
            "CLIENT_TRAFFIC_SECRET_0" => &mut secrets.client_traffic,
            "SERVER_TRAFFIC_SECRET_0" => &mut secrets.server_traffic,
            // Known labels this tool has no use for (0-RTT and exporters).
            "CLIENT_EARLY_TRAFFIC_SECRET" | "EARLY_EXPORTER_SECRET" | "EXPORTER_SECRET" => return Ok(()),
            other => return Err(format!("unknown label {other}")),
        };
        if label != "CLIENT_RANDOM" && !matches!(secret.len(), 32 | 48) {
            return Err(format!(
                "{label}: the secret is {} bytes, not 32 or 48",
                secret.len()
            ));
        }
        *slot = Some(secret);
        Ok(())
    }

    /// The secrets for the session with this client random.
    pub fn get(&self, client_random: &[u8; 32]) -> Option<&Secrets> {
        self.by_random.get(client_random)
    }

    /// An `RSA` line's pre-master secret for an encrypted pre-master secret (matched on its first
    /// 8 bytes).
    pub fn rsa_premaster(&self, encrypted: &[u8]) -> Option<&[u8]> {
        let key: [u8; 8] = encrypted.get(..8)?.try_into().ok()?;
        self.rsa.get(&key).map(Vec::as_slice)
    }

    /// Sessions with at least one secret.
    pub fn sessions(&self) -> usize {
        self.by_random.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.by_random.is_empty() && self.rsa.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";

    #[test]
    fn reads_tls12_and_tls13_lines() {
        let master = "ab".repeat(48);
        let text = format!(
            "# comment\n\nCLIENT_RANDOM {R} {master}\r\nCLIENT_HANDSHAKE_TRAFFIC_SECRET {R} {}\nSERVER_TRAFFIC_SECRET_0 {R} {}\nEXPORTER_SECRET {R} {}\n",
            "01".repeat(32),
            "02".repeat(48),
            "03".repeat(32)
        );
        let mut log = KeyLog::new();
        assert_eq!(log.add(text.as_bytes()), vec![]);
        let random: [u8; 32] = unhex(R).unwrap().try_into().unwrap();
        let s = log.get(&random).unwrap();
        assert_eq!(s.master.as_deref(), Some(&[0xab; 48][..]));
        assert_eq!(s.client_handshake.as_deref(), Some(&[1; 32][..]));
        assert_eq!(s.server_traffic.as_deref(), Some(&[2; 48][..]));
        assert_eq!(s.client_traffic, None);
        assert_eq!(log.sessions(), 1);
        assert!(!format!("{s:?}").contains("171"));
    }

    #[test]
    fn malformed_lines_are_reported_and_the_rest_kept() {
        let good = format!("CLIENT_RANDOM {R} {}", "cd".repeat(48));
        let text = [
            "CLIENT_RANDOM abc",
            &format!("CLIENT_RANDOM {R} zz"),
            &format!("CLIENT_RANDOM {} {}", "00".repeat(31), "cd".repeat(48)),
            &format!("CLIENT_RANDOM {R} {}", "cd".repeat(47)),
            &format!("SOMETHING_ELSE {R} 00"),
            &format!("CLIENT_TRAFFIC_SECRET_0 {R} 0011"),
            &format!("RSA 0011 {}", "00".repeat(48)),
            &good,
        ]
        .join("\n");
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(b"\n\xff\xfe garbage\n");
        bytes.extend(vec![b'a'; MAX_LINE + 1]);
        let mut log = KeyLog::new();
        let problems = log.add(&bytes);
        assert_eq!(
            problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7, 9, 10]
        );
        assert!(problems.iter().all(|p| !p.what.contains("cdcd")));
        let random: [u8; 32] = unhex(R).unwrap().try_into().unwrap();
        assert!(log.get(&random).and_then(|s| s.master.as_ref()).is_some());
    }

    #[test]
    fn rsa_lines_key_on_the_encrypted_prefix() {
        let mut log = KeyLog::new();
        let text = format!("RSA 0102030405060708 {}", "11".repeat(48));
        assert!(log.add(text.as_bytes()).is_empty());
        assert_eq!(
            log.rsa_premaster(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 9]),
            Some(&[0x11; 48][..])
        );
        assert_eq!(log.rsa_premaster(&[1, 2, 3]), None);
    }
}
