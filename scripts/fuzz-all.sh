#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ one after the other, SECONDS seconds each (600 by
# default), and exits non-zero if any run finds a crash, a timeout or an out-of-memory input,
# or does not run at all. docs/fuzzing.md has the details.
#
#   scripts/fuzz-all.sh [SECONDS] [TARGET...]
#
# Environment:
#   FUZZ_SANITIZER  address (cargo-fuzz's default) or none; default: address
#   FUZZ_RSS_MB     libFuzzer's -rss_limit_mb (default 2048)
#   FUZZ_TIMEOUT    libFuzzer's -timeout, seconds for one input (default 10)
#
# Each target fuzzes its own corpus, fuzz/corpus/TARGET, seeded from fuzz/seeds/TARGET (the
# seeds themselves are never written to). Findings go to fuzz/artifacts/TARGET; the log of
# each run is fuzz/target/logs/TARGET.log. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# RUSTC_BOOTSTRAP=1 lets the stable toolchain take cargo-fuzz's nightly flags.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-600}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: scripts/fuzz-all.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
sanitizer="${FUZZ_SANITIZER:-address}"
rss_mb="${FUZZ_RSS_MB:-2048}"
timeout="${FUZZ_TIMEOUT:-10}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 1
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

echo "== building ${targets[*]} (sanitizer: $sanitizer)"
cargo fuzz build --release -s "$sanitizer"

mkdir -p target/logs
failed=()
for target in "${targets[@]}"; do
  max_len=65536
  [ "$target" = analyze ] && max_len=4096
  corpus="corpus/$target"
  artifacts="artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  if [ -d "seeds/$target" ]; then
    cp -n "seeds/$target"/* "$corpus"/ 2>/dev/null || true
  fi
  before=$(find "$artifacts" -type f | wc -l)
  log="target/logs/$target.log"
  echo "== $target: ${seconds}s (log: fuzz/$log)"
  status=0
  cargo fuzz run --release -s "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout="$timeout" -max_len="$max_len" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  after=$(find "$artifacts" -type f | wc -l)
  # The last status line ("#N DONE cov: … corp: N/…b … rss: NMb") and the run count.
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
  grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || true
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ] || ! grep -qE '^Done [0-9]+ runs' "$log"; then
    echo "!! $target: a finding or a failed run (exit $status); see fuzz/$log and fuzz/$artifacts" >&2
    grep -E '^==[0-9]+== ERROR|^SUMMARY|panicked at|ALARM|out-of-memory|Test unit written' "$log" >&2 || true
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "== findings in: ${failed[*]}" >&2
  exit 1
fi
echo "== ${#targets[@]} targets, ${seconds}s each: no crash, timeout or out-of-memory input"
