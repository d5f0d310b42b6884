//! libFuzzer entry of `smtpscope_fuzz::dns` (the body and its properties live in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smtpscope_fuzz::dns(data));
