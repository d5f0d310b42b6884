#!/usr/bin/env bash
# Coverage-guided fuzzing of every target on the stable toolchain: `fuzz/run.sh [SECONDS] [TARGET…]`.
#
# Builds the targets with cargo-fuzz (`cargo install cargo-fuzz`) without a sanitizer (`-s none`:
# the sanitizers need nightly; the coverage instrumentation libFuzzer needs does not), then runs each
# for SECONDS (default 60) from the committed seeds in fuzz/corpus/, with its -max_len, writing new
# inputs to a scratch corpus so the committed one stays as it is, and prints the executions reached.
# A crash stops with the reproducer's path (fuzz/artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
# name, -max_len, seed folder (kept equal to TARGETS in fuzz/src/lib.rs).
all=(capture_file:8192:capture_file packet_decode:2048:packet_decode reassembly:4096:reassembly
     smtp_session:4096:smtp_session auth_token:4096:auth_token report:2048:smtp_session
     capture_readers:8192:capture_readers capture_compressed:4096:capture_compressed
     session_classifier:4096:session_classifier file_set:8192:file_set message:4096:message
     tls_handshake:8192:tls_handshake tls_decrypt:4096:tls_decrypt dns:4096:dns)
wanted=("$@")

cargo fuzz build -s none -O >/dev/null
bin_dir="${CARGO_TARGET_DIR:-fuzz/target}/x86_64-unknown-linux-gnu/release"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
printf '%-14s %14s %10s %8s\n' target executions exec/s cov
for entry in "${all[@]}"; do
  IFS=: read -r name max_len seeds <<<"$entry"
  if [ "${#wanted[@]}" -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then
    continue
  fi
  mkdir -p "$scratch/$name" "fuzz/artifacts/$name"
  log="$scratch/$name.log"
  "$bin_dir/$name" "$scratch/$name" "fuzz/corpus/$seeds" -max_len="$max_len" \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$name/" >"$log" 2>&1 || {
    tail -30 "$log"
    exit 1
  }
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-14s %14s %10s %8s\n' "$name" "$execs" "$rate" "$cov"
done
