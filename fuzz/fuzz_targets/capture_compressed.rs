//! libFuzzer entry of `smtpscope_fuzz::capture_compressed` (the body and its properties live in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smtpscope_fuzz::capture_compressed(data));
