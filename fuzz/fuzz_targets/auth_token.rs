//! Any bytes as a SASL token: the token decoders (NTLMSSP, GSS-API/SPNEGO, Kerberos, the plain
//! mechanisms through `auth::summarize` and `auth::analyze`) never panic, and what they report
//! stays within the message (strings no longer than the input could encode).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::auth::{self, gss, kerberos, ntlm, Secrets};
use smtpscope::net::Direction;
use smtpscope::smtp::dialogue::{AuthExchange, AuthOutcome, Position, SaslToken};

fn token(dir: Direction, bytes: &[u8]) -> SaslToken {
    SaslToken {
        dir,
        at: Position { frame: 1, ts: Default::default() },
        bytes: bytes.to_vec(),
        base64: true,
        text: None,
        cancel: false,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut msg = ntlm::SIGNATURE.to_vec();
    msg.extend_from_slice(data);
    for bytes in [data, &msg[..]] {
        if let Some(n) = ntlm::decode(bytes) {
            for s in [&n.domain, &n.user, &n.workstation, &n.target_name].into_iter().flatten() {
                assert!(s.chars().count() <= bytes.len());
            }
        }
    }
    let _ = gss::decode(data);
    let _ = kerberos::decode_message(data);
    let _ = kerberos::decode_gss_inner(data);
    // The first byte picks a mechanism; the rest is split into two tokens.
    let (choice, rest) = data.split_first().unwrap_or((&0, data));
    let mechanism = ["GSSAPI", "NTLM", "PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "EXCHANGEAUTH"]
        [usize::from(*choice) % 7];
    let (a, b) = rest.split_at(rest.len() / 2);
    let exchange = AuthExchange {
        verb: "X-EXPS".into(),
        mechanism: mechanism.into(),
        hash: None,
        at: Position { frame: 1, ts: Default::default() },
        tokens: vec![token(Direction::ClientToServer, a), token(Direction::ServerToClient, b)],
        outcome: AuthOutcome::Failure,
        reply: None,
    };
    let summaries = auth::summarize(&exchange, Secrets::Redact);
    assert_eq!(summaries.len(), 2);
    let _ = serde_json::to_string(&summaries);
    let _ = auth::analyze(&exchange);
});
