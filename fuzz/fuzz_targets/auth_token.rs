//! Any bytes as a SASL token: the token decoders never panic, and what they report stays within
//! the message (strings no longer than the input could encode).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::auth::ntlm;

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
});
