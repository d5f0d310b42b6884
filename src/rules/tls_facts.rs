//! Questions the TLS rules ask of a session, answered once: when the handshake happened (what
//! certificates are judged at), which names the client meant the server by, how the client's offer
//! and the server's answer read as evidence, and what a suite or key makes weak.
//!
//! Must not: decide whether something is a finding (each rule's own file does).

use crate::l10n::Text;
use crate::smtp::dialogue::{Dialogue, Position};
use crate::time::Timestamp;
use crate::tls::facts::{Certificate, ClientHello, TlsFacts};
use crate::tls::names;

use super::Evidence;

/// Where the handshake was judged: the ServerHello (else the ClientHello). Certificates are valid
/// or not at this capture time, never at the reader's clock.
pub fn handshake_at(tls: &TlsFacts) -> Option<Position> {
    tls.server_hello
        .as_ref()
        .map(|s| s.at)
        .or_else(|| tls.client_hello.as_ref().map(|c| c.at))
}

/// `YYYY-MM-DD` of a time.
pub fn day(ts: Timestamp) -> String {
    ts.to_string().get(..10).unwrap_or_default().to_string()
}

/// The first word of a reply's first line (the host name of a banner or of an EHLO reply).
fn host_word(text: &str) -> Option<String> {
    let word = text.split_ascii_whitespace().next()?;
    (word.contains('.') && !word.starts_with('[')).then(|| word.trim_end_matches('.').to_ascii_lowercase())
}

/// The names the client may have meant the server by: the SNI it sent, the host of the server's
/// banner and of its EHLO reply (the Exchange connector's FQDN), each once, with where it came from.
pub fn server_names(dialogue: &Dialogue) -> Vec<(&'static str, String)> {
    let mut names: Vec<(&'static str, String)> = Vec::new();
    let mut add = |source: &'static str, name: Option<String>| {
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            if !names.iter().any(|(_, n)| *n == name) {
                names.push((source, name));
            }
        }
    };
    let sni = dialogue.tls.client_hello.as_ref().and_then(|c| c.sni.clone());
    add("SNI", sni.map(|s| s.trim_end_matches('.').to_ascii_lowercase()));
    add(
        "banner",
        dialogue.banner.as_ref().and_then(|b| host_word(b.value.text())),
    );
    let ehlo_reply = dialogue.replies().find_map(|(_, r)| {
        let first = r.reply.lines.first()?;
        (r.reply.code == 250 && r.reply.lines.len() > 1)
            .then(|| host_word(first))
            .flatten()
    });
    add("EHLO reply", ehlo_reply);
    names
}

/// The certificate's names as evidence reads them: its SAN dNSNames, else its CN.
pub fn certificate_names(cert: &Certificate) -> Text {
    if cert.san.is_empty() {
        match cert.common_name.as_deref() {
            Some(cn) => format!("CN {cn}").into(),
            None => crate::msg!("cert-no-cn"),
        }
    } else if cert.san_dropped > 0 {
        crate::msg!(
            "cert-san-more",
            names = cert.san.join(", "),
            more = cert.san_dropped.to_string()
        )
    } else {
        format!("SAN {}", cert.san.join(", ")).into()
    }
}

/// Which certificate of the chain: `the leaf` or `chain certificate 2`.
pub fn which(index: usize) -> Text {
    if index == 0 {
        crate::msg!("cert-the-server")
    } else {
        crate::msg!("cert-chain", number = index.saturating_add(1))
    }
}

/// The client's offer as one evidence line: versions, suites (the first few), SNI.
pub fn offer_evidence(ch: &ClientHello) -> Evidence {
    let versions: Vec<String> = ch.versions.iter().map(|v| v.name().into_owned()).collect();
    let suites: Vec<String> = ch.suites.iter().take(4).map(|s| s.name().into_owned()).collect();
    let more = ch.suites.len().saturating_sub(suites.len());
    let shown = if more > 0 {
        crate::msg!("suites-and-more", suites = suites.join(", "), more = more)
    } else {
        suites.join(", ").into()
    };
    let offer = crate::msg!(
        "evidence-client-offered",
        versions = versions.join(", "),
        count = ch.suites.len(),
        suites = shown
    );
    Evidence::fact(
        Some(ch.at),
        match &ch.sni {
            Some(sni) => Text::join(vec![offer, format!("SNI {sni}").into()], "; "),
            None => offer,
        },
    )
}

/// The server's answer as one evidence line (`None` without a ServerHello).
pub fn answer_evidence(tls: &TlsFacts) -> Option<Evidence> {
    let sh = tls.server_hello.as_ref()?;
    Some(Evidence::fact(
        Some(sh.at),
        crate::msg!(
            "evidence-server-chose",
            version = sh.version.name().into_owned(),
            suite = sh.suite.name().into_owned()
        ),
    ))
}

/// Why a negotiated suite is weak (RC4, 3DES or single DES, export grade, no encryption, anonymous
/// key exchange), or `None`.
pub fn weak_suite(id: u16) -> Option<Text> {
    use tls_parser::{TlsCipherAu, TlsCipherEnc, TlsCipherSuite};
    let name = names::suite_name(id);
    if name.contains("EXPORT") {
        return Some(crate::msg!("weak-export"));
    }
    let suite = TlsCipherSuite::from_id(id)?;
    match suite.enc {
        TlsCipherEnc::Null => Some(crate::msg!("weak-null")),
        TlsCipherEnc::Rc4 => Some(crate::msg!("weak-rc4")),
        TlsCipherEnc::TripleDes => Some(crate::msg!("weak-3des")),
        TlsCipherEnc::Des => Some(crate::msg!("weak-des")),
        TlsCipherEnc::Rc2 | TlsCipherEnc::Idea => Some(crate::msg!("weak-obsolete")),
        _ if suite.au == TlsCipherAu::Null => Some(crate::msg!("weak-anonymous")),
        _ => None,
    }
}

/// The certificates shown by the session, the server's chain first then the client's, with the
/// side they belong to.
pub fn all_certificates(tls: &TlsFacts) -> impl Iterator<Item = (bool, usize, &Certificate)> {
    let server = tls.certificates.iter().enumerate().map(|(i, c)| (true, i, c));
    let client = tls
        .client_certificates
        .iter()
        .enumerate()
        .map(|(i, c)| (false, i, c));
    server.chain(client)
}

/// The validity check shared by `tls-cert-expired` and `tls-cert-not-yet-valid`: every certificate
/// of both chains for which `outside(certificate, handshake time)` holds, each as an evidence
/// line, with the handshake's position; `None` when there is none (or no certificate was seen).
pub fn validity_finding(
    tls: &TlsFacts,
    outside: impl Fn(&Certificate, Timestamp) -> bool,
) -> Option<(Position, Vec<Evidence>, usize)> {
    let at = handshake_at(tls)?;
    let mut evidence = Vec::new();
    let mut count = 0usize;
    for (server, index, cert) in all_certificates(tls) {
        if !outside(cert, at.ts) {
            continue;
        }
        count = count.saturating_add(1);
        let whose = if server {
            which(index)
        } else {
            crate::msg!("cert-client-number", number = index.saturating_add(1))
        };
        let window = match (cert.not_before, cert.not_after) {
            (Some(from), Some(to)) => crate::msg!("cert-valid-from-to", from = day(from), to = day(to)),
            _ => crate::msg!("cert-validity-unknown"),
        };
        evidence.push(Evidence::fact(
            None,
            crate::msg!(
                "evidence-cert-window",
                whose = whose,
                subject = &cert.subject,
                names = certificate_names(cert),
                window = window
            ),
        ));
    }
    if count == 0 {
        return None;
    }
    evidence.push(Evidence::fact(
        Some(at),
        crate::msg!("evidence-handshake-day", day = day(at.ts)),
    ));
    Some((at, evidence, count))
}
