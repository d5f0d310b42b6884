//! The sealed mode of `tls_decrypt` proves decryption: each seed it comes with opens records and
//! hands out their plaintext, checked against what was sealed (inside the target), and the
//! committed corpus holds those seeds.

use std::path::Path;

use smtpscope_fuzz::seal::{seeds, SEALED_SUITES};
use smtpscope_fuzz::{sealed, tls_decrypt, SealedRun};

#[test]
fn every_sealed_seed_opens_its_records_and_is_committed() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/tls_decrypt");
    let seeds = seeds();
    assert_eq!(seeds.len(), SEALED_SUITES.len());
    for (name, seed) in &seeds {
        let run = sealed(seed[0], &seed[1..]);
        // TLS 1.2: 2 Finished, 8 application records (a ninth is corrupted), 2 alerts; TLS 1.3
        // has the server's flight and the client's Finished in 3 records instead of 2, a ticket and
        // two KeyUpdates (its ChangeCipherSpec is in clear).
        let tls13 = name.starts_with("sealed-13");
        let opened = if tls13 { 16 } else { 12 };
        assert_eq!(run, SealedRun { opened, checked: 8 }, "{name}");
        tls_decrypt(seed);
        let committed = std::fs::read(corpus.join(name)).unwrap_or_default();
        assert_eq!(
            &committed, seed,
            "{name} is committed as written (examples/seeds.rs)"
        );
    }
}

#[test]
fn a_sealed_script_reads_back_as_written() {
    use smtpscope_fuzz::seal::read;
    for (name, seed) in seeds() {
        let records = read(&seed[1..]);
        assert_eq!(
            smtpscope_fuzz::seal::encode(seed[0] & 0x3f, &records),
            seed,
            "{name}"
        );
    }
}
