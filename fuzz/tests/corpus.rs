//! The fuzz targets on the stable toolchain: every committed seed of `corpus/TARGET/` through its
//! target's function, then a fixed number of deterministic mutations of the seeds (bit flips,
//! byte insertions and deletions, truncations, splices) — a smoke run that needs no libFuzzer and
//! no nightly, so CI catches a target that panics or no longer builds. `FUZZ_SMOKE_RUNS` sets the
//! mutations per target (default 2,000), `FUZZ_SMOKE_TARGETS` (names, comma-separated) runs only
//! those targets; the real fuzzing is `cargo fuzz run` (README).

use std::path::Path;
use std::time::Instant;

use smtpscope_fuzz::TARGETS;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// One mutation of `input`, with `other` for splices, at most `max_len` bytes.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8], max_len: usize) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !out.is_empty() => {
                let at = rng.below(out.len());
                out[at] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let at = rng.below(out.len());
                out[at] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(out.len() + 1);
                out.insert(at, rng.next() as u8);
            }
            3 if !out.is_empty() => {
                let at = rng.below(out.len());
                let n = rng.below(out.len() - at) + 1;
                out.drain(at..at + n.min(16));
            }
            4 => out.truncate(rng.below(out.len() + 1)),
            _ => {
                let at = rng.below(out.len() + 1);
                let from = rng.below(other.len() + 1);
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
        }
    }
    out.truncate(max_len);
    out
}

#[test]
fn every_seed_and_its_mutations_pass_every_target() {
    let runs: usize = std::env::var("FUZZ_SMOKE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let only = std::env::var("FUZZ_SMOKE_TARGETS").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|n| n.trim() == name);
    for t in TARGETS.iter().filter(|t| wanted(t.name)) {
        let (name, target, max_len) = (t.name, t.run, t.max_len);
        let corpus = seeds(t.corpus);
        assert!(!corpus.is_empty(), "corpus/{} has seeds", t.corpus);
        let started = Instant::now();
        for seed in &corpus {
            target(seed);
        }
        let mut rng = Rng(0x5eed ^ name.len() as u64);
        for _ in 0..runs {
            let a = &corpus[rng.below(corpus.len())];
            let b = &corpus[rng.below(corpus.len())];
            let input = mutate(&mut rng, a, b, max_len);
            target(&input);
        }
        let execs = corpus.len() + runs;
        let secs = started.elapsed().as_secs_f64();
        let build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        eprintln!(
            "{name}: {execs} inputs in {secs:.2} s ({:.0}/s, {build} build)",
            execs as f64 / secs
        );
    }
}
