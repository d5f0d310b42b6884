//! The text report's TLS lines: one line of what was negotiated, one per certificate shown, the
//! alerts, and what decryption achieved; `-v` adds the client's offer, every certificate of both
//! chains in full, the certificate request and the TLS anomalies.
//!
//! Owns the wording only; [`super::text`] prints and colours the lines. Must not: judge (an
//! expired certificate is a finding, not a word here) or compute anything the analysis did not.

use super::labels as L;
use crate::l10n::Text;
use crate::session::Session;
use crate::tls::facts::{Certificate, DecryptStatus, Decryption, TlsFacts};

/// One line of the TLS part of a session: a label (`tls`, `cert`, …), its text, and whether it
/// tells of trouble (painted as a warning).
pub(super) struct Line {
    pub label: &'static str,
    pub text: String,
    pub trouble: bool,
}

fn line(label: &'static str, text: String) -> Line {
    Line {
        label,
        text,
        trouble: false,
    }
}

fn trouble(label: &'static str, text: String) -> Line {
    Line {
        label,
        text,
        trouble: true,
    }
}

fn digits(n: u64) -> String {
    super::text::group_digits(n)
}

fn day(ts: Option<crate::time::Timestamp>) -> String {
    ts.map_or("?".into(), |t| t.to_string().get(..10).unwrap_or("?").to_string())
}

fn list<T: AsRef<str>>(items: &[T], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    let more = items.len().saturating_sub(max);
    if more > 0 {
        crate::msg!("tls-more", list = shown.join(", "), more = more.to_string()).to_string()
    } else {
        shown.join(", ")
    }
}

/// The TLS lines of a session (none when TLS was never asked for).
pub(super) fn lines(s: &Session, verbose: bool) -> Vec<Line> {
    let t = &s.dialogue.tls;
    let Some(by) = &t.by else {
        return Vec::new();
    };
    if !t.started {
        return vec![line(
            "tls",
            crate::msg!("tls-requested-no-tls", verb = by).to_string(),
        )];
    }
    let mut out = vec![handshake_line(by, t, s)];
    if verbose {
        out.extend(offer_lines(t, s));
    }
    out.extend(certificate_lines(t, verbose));
    for alert in &t.alerts {
        if alert.level.is_none() && !verbose {
            continue; // an encrypted alert (usually close_notify): only with -v
        }
        let alert_text = if alert.level.is_none() || alert.description.is_none() {
            crate::msg!("tls-encrypted-alert")
        } else {
            alert.describe().into()
        };
        let frame = s.frame(alert.at.frame).to_string();
        let text = match alert.dir {
            crate::net::Direction::ClientToServer => {
                crate::msg!("tls-alert-from-client", alert = alert_text, frame = frame)
            }
            crate::net::Direction::ServerToClient => {
                crate::msg!("tls-alert-from-server", alert = alert_text, frame = frame)
            }
        }
        .to_string();
        out.push(if alert.level == Some(2) {
            trouble("alert", text)
        } else {
            line("alert", text)
        });
    }
    if let Some(decryption) = &t.decryption {
        out.push(decryption_line(decryption, s));
    }
    if verbose {
        for a in &t.anomalies {
            out.push(trouble(
                "tls !",
                format!("frame {}: {}", s.frame(a.frame), a.detail),
            ));
        }
    }
    out
}

fn handshake_line(by: &str, t: &TlsFacts, s: &Session) -> Line {
    let start = crate::msg!(
        "tls-at-frame",
        verb = by,
        frame = s.frame(t.frame.unwrap_or(0)).to_string()
    );
    let bytes = crate::msg!(
        "tls-bytes",
        client = digits(t.c2s_bytes),
        server = digits(t.s2c_bytes)
    );
    let sni = t
        .client_hello
        .as_ref()
        .and_then(|c| c.sni.as_deref())
        .map_or(String::new(), |s| format!(", SNI {s}"));
    match &t.server_hello {
        Some(sh) => {
            let mut words = vec![format!("{} {}{sni}", sh.version.name(), sh.suite.name())];
            if sh.resumed {
                words.push(L::TLS_RESUMED.text().into_owned());
            }
            if t.hello_retry.is_some() {
                words.push(L::TLS_AFTER_HRR.text().into_owned());
            }
            let ok = t.established;
            words.push(
                if ok {
                    L::TLS_ESTABLISHED
                } else {
                    L::TLS_NOT_ESTABLISHED
                }
                .text()
                .into_owned(),
            );
            let text = format!("{start}: {}; {bytes}", words.join(", "));
            if ok {
                line("tls", text)
            } else {
                trouble("tls", text)
            }
        }
        None => {
            let offer = t
                .client_hello
                .as_ref()
                .map_or(L::TLS_NO_CLIENT_HELLO.text().into_owned(), |c| {
                    let versions: Vec<String> = c.versions.iter().map(|v| v.name().into_owned()).collect();
                    crate::msg!("tls-client-hello-offering", versions = versions.join(", ")).to_string()
                        + &sni
                });
            trouble(
                "tls",
                format!("{start}: {offer}, {}; {bytes}", L::TLS_NO_SERVER_HELLO),
            )
        }
    }
}

fn offer_lines(t: &TlsFacts, s: &Session) -> Vec<Line> {
    let Some(c) = &t.client_hello else {
        return Vec::new();
    };
    let versions: Vec<String> = c.versions.iter().map(|v| v.name().into_owned()).collect();
    let suites: Vec<String> = c.suites.iter().map(|s| s.name().into_owned()).collect();
    let mut out = vec![line(
        "offer",
        if c.sslv2_format {
            crate::msg!(
                "tls-offer-sslv2",
                versions = versions.join(", "),
                count = suites.len().to_string(),
                suites = list(&suites, 8)
            )
        } else {
            crate::msg!(
                "tls-offer",
                versions = versions.join(", "),
                count = suites.len().to_string(),
                suites = list(&suites, 8)
            )
        }
        .to_string(),
    )];
    let mut extras = Vec::new();
    if !c.groups.is_empty() {
        extras.push(crate::msg!("tls-offer-groups", list = list(&c.groups, 6)).to_string());
    }
    if !c.signature_algorithms.is_empty() {
        extras.push(crate::msg!("tls-offer-signatures", list = list(&c.signature_algorithms, 6)).to_string());
    }
    if !c.alpn.is_empty() {
        extras.push(format!("ALPN {}", list(&c.alpn, 4)));
    }
    if c.resumption_offered {
        extras.push(crate::msg!("tls-offer-resumption").to_string());
    }
    if !extras.is_empty() {
        out.push(line("offer", extras.join("; ")));
    }
    if let Some(r) = &t.certificate_request {
        let mut parts =
            vec![crate::msg!("tls-certreq-frame", frame = s.frame(r.at.frame).to_string()).to_string()];
        if !r.types.is_empty() {
            parts.push(crate::msg!("tls-certreq-types", list = list(&r.types, 6)).to_string());
        }
        if !r.authorities.is_empty() {
            parts.push(crate::msg!("tls-certreq-authorities", list = list(&r.authorities, 3)).to_string());
        }
        out.push(line("certreq", parts.join("; ")));
    }
    out
}

fn certificate_lines(t: &TlsFacts, verbose: bool) -> Vec<Line> {
    let mut out = Vec::new();
    if t.certificates.is_empty() {
        if t.version().is_some_and(|v| v.rank() >= 0x0304) && !t.decrypted() {
            out.push(line("cert", L::TLS_CERT_ENCRYPTED.text().into_owned()));
        }
    } else if verbose {
        for (n, c) in t.certificates.iter().enumerate() {
            out.extend(full_certificate(&format!("#{}", n.saturating_add(1)), c));
        }
    } else if let Some(leaf) = t.leaf() {
        out.push(line("cert", short_certificate(leaf, t.certificates.len())));
    }
    if t.certificate_request.is_some() && !verbose {
        out.push(line("certreq", L::TLS_CERT_REQUESTED.text().into_owned()));
    }
    if !t.client_certificates.is_empty() {
        if verbose {
            for (n, c) in t.client_certificates.iter().enumerate() {
                out.extend(full_certificate(&format!("client #{}", n.saturating_add(1)), c));
            }
        } else if let Some(c) = t.client_certificates.first() {
            out.push(line(
                "client",
                crate::msg!(
                    "tls-client-certificate",
                    certificate = short_certificate(c, t.client_certificates.len())
                )
                .to_string(),
            ));
        }
    }
    out
}

fn names_of(c: &Certificate) -> String {
    if c.san.is_empty() {
        L::TLS_NO_SAN.text().into_owned()
    } else {
        let more = c.san_dropped;
        let shown = list(&c.san, 3);
        if more > 0 {
            crate::msg!("tls-san-not-kept", names = shown, more = more.to_string()).to_string()
        } else {
            format!("SAN {shown}")
        }
    }
}

fn key_of(c: &Certificate) -> String {
    match c.key_bits {
        Some(bits) => format!("{} {bits}", c.key),
        None => c.key.clone(),
    }
}

fn short_certificate(c: &Certificate, chain: usize) -> String {
    if let Some(e) = &c.error {
        return crate::msg!("tls-undecodable", error = e).to_string();
    }
    let chain = if chain > 1 {
        format!(
            " {}",
            crate::msg!("tls-in-chain", count = chain.saturating_sub(1).to_string())
        )
    } else {
        String::new()
    };
    let issuer = if c.self_signed {
        L::TLS_SELF_SIGNED.text().into_owned()
    } else {
        crate::msg!("tls-issuer", issuer = &c.issuer).to_string()
    };
    format!(
        "{}; {}; {issuer}; {}; {}{chain}",
        c.subject,
        names_of(c),
        crate::msg!(
            "cert-valid-from-to",
            from = day(c.not_before),
            to = day(c.not_after)
        ),
        key_of(c)
    )
}

fn full_certificate(label: &str, c: &Certificate) -> Vec<Line> {
    if let Some(e) = &c.error {
        return vec![trouble(
            "cert",
            format!("{label} undecodable ({e}), sha256 {}", c.sha256),
        )];
    }
    vec![
        line("cert", format!("{label} {}", c.subject)),
        line("cert", format!("  {}", names_of(c))),
        line(
            "cert",
            format!(
                "  {}{}; {}",
                crate::msg!("tls-issuer", issuer = &c.issuer),
                if c.self_signed {
                    format!(" ({})", L::TLS_SELF_SIGNED)
                } else {
                    String::new()
                },
                crate::msg!("tls-cert-serial", serial = &c.serial)
            ),
        ),
        line(
            "cert",
            format!(
                "  {}; {}; {}{}",
                crate::msg!(
                    "cert-valid-from-to",
                    from = day(c.not_before),
                    to = day(c.not_after)
                ),
                key_of(c),
                c.signature_algorithm,
                if c.ca { "; CA" } else { "" }
            ),
        ),
        line("cert", format!("  sha256 {}", c.sha256)),
    ]
}

/// The decrypter's own words when it gave some, else `fallback` in the run's language.
fn given_or(value: &Option<String>, fallback: Text) -> Text {
    value.as_deref().map_or(fallback, Text::from)
}

fn decryption_line(d: &Decryption, s: &Session) -> Line {
    let records = d.records.c2s.saturating_add(d.records.s2c);
    let plain = crate::msg!(
        "tls-plaintext-bytes",
        client = digits(d.plaintext_bytes.c2s),
        server = digits(d.plaintext_bytes.s2c)
    );
    let key = d
        .key
        .clone()
        .unwrap_or_else(|| L::TLS_KEYS_GIVEN.text().into_owned());
    match d.status {
        DecryptStatus::Decrypted => line(
            "decrypt",
            format!(
                "{key}: {}, {plain}",
                crate::msg!("tls-records", n = digits(records))
            ),
        ),
        DecryptStatus::Partial => trouble(
            "decrypt",
            format!(
                "{}{}",
                crate::msg!(
                    "tls-decrypt-partial",
                    key = &key,
                    records = digits(records),
                    failed = digits(d.failed_records),
                    frame = s.frame(d.first_failure.unwrap_or(0)).to_string(),
                    plain = plain,
                ),
                d.detail.as_deref().map_or(String::new(), |x| format!("; {x}"))
            ),
        ),
        DecryptStatus::Failed => trouble(
            "decrypt",
            format!(
                "{}; {}",
                crate::msg!("tls-decrypt-failed", key = &key),
                d.detail.as_deref().unwrap_or("")
            ),
        ),
        DecryptStatus::NoKey => trouble(
            "decrypt",
            format!(
                "{}{}",
                crate::msg!(
                    "tls-decrypt-no-key",
                    looked = given_or(&d.looked_for, crate::msg!("tls-decrypt-no-key-default"))
                ),
                d.detail.as_deref().map_or(String::new(), |x| format!(" ({x})"))
            ),
        ),
        DecryptStatus::Unsupported => trouble(
            "decrypt",
            crate::msg!(
                "tls-decrypt-unsupported",
                why = given_or(&d.detail, crate::msg!("tls-decrypt-unsupported-default"))
            )
            .to_string(),
        ),
        DecryptStatus::NothingToDecrypt => line("decrypt", format!("{key}: {}", L::TLS_NOTHING_TO_DECRYPT)),
    }
}
