//! libFuzzer entry of `smtpscope_fuzz::tls_decrypt` (the body and its properties live in `src/tls.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smtpscope_fuzz::tls_decrypt(data));
