#!/usr/bin/env bash
# Builds the three reader fuzz targets with clang (libFuzzer + AddressSanitizer + UBSan) and runs
# each for SECONDS (default 20). Exits non-zero on any crash, leak, timeout or out-of-memory.
#
#   tests/fuzz/run_fuzz.sh [SECONDS]
#
# Environment: YALU_FUZZ_BUILD_DIR (default build-fuzz, relative to the repository root),
# YALU_FUZZ_KEEP=1 keeps the temporary corpus and crash folder for inspection.
# A crash's input is saved as tests/fuzz/regressions/TARGET-crash-<hash> (or leak-, timeout-,
# oom-); reproduce it with: build-fuzz/fuzz_TARGET tests/fuzz/regressions/FILE
set -euo pipefail

seconds="${1:-20}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [SECONDS]   (SECONDS: whole seconds per target, default 20)" >&2
  exit 64
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${YALU_FUZZ_BUILD_DIR:-$root/build-fuzz}"
regressions="$root/tests/fuzz/regressions"

# clang and its runtime libraries (libFuzzer, sanitizers) are separate Debian packages.
missing=()
command -v clang >/dev/null 2>&1 && command -v clang++ >/dev/null 2>&1 || missing+=(clang)
if command -v clang >/dev/null 2>&1; then
  rt="$(clang -print-file-name=libclang_rt.fuzzer-$(uname -m).a 2>/dev/null || true)"
  [ -f "$rt" ] || missing+=(libclang-rt-14-dev)
else
  missing+=(libclang-rt-14-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "run_fuzz.sh: missing ${missing[*]}; install with: apt-get install ${missing[*]}" >&2
  exit 69
fi

echo "run_fuzz.sh: building in $build"
CC=clang CXX=clang++ cmake -S "$root/tests/fuzz" -B "$build" >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/yalu-fuzz.XXXXXX")"
if [ "${YALU_FUZZ_KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

# Seeds: the sample corpus and the known-bad inputs, plus earlier crashes, copied so that the
# fuzzer's additions never land in the repository. Every target gets every file: an XML file
# is an interesting non-JSON line for the JSON Lines reader, and so on.
seed_files() {
  find "$root/corpus" "$root/tests/data/bad" -type f ! -name README.md
  [ -d "$regressions" ] && find "$regressions" -type f ! -name README.md
  return 0
}

failed=0
for target in plain_text xml jsonl; do
  corpus="$work/corpus-$target"
  artifacts="$work/artifacts-$target/"
  mkdir -p "$corpus" "$artifacts"
  while IFS= read -r f; do
    cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
  done < <(seed_files)
  log="$work/$target.log"
  echo "run_fuzz.sh: fuzz_$target for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  status=0
  # -max_total_time bounds the run; -timeout and -rss_limit_mb turn hangs and memory blow-ups
  # into failures; -print_final_stats gives the execs/s line reported below.
  "$build/fuzz_$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=5 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$artifacts")" ]; then
    failed=1
    echo "run_fuzz.sh: fuzz_$target FAILED (exit $status) after ${execs:-?} runs; log tail:" >&2
    grep -E 'ERROR|SUMMARY|runtime error|CheckingSink|terminate|Test unit written' "$log" | head -20 >&2 || true
    mkdir -p "$regressions"
    for a in "$artifacts"*; do
      [ -e "$a" ] || continue
      cp "$a" "$regressions/$target-$(basename "$a")"
      echo "run_fuzz.sh: input saved as tests/fuzz/regressions/$target-$(basename "$a");" \
           "reproduce: $build/fuzz_$target tests/fuzz/regressions/$target-$(basename "$a")" >&2
    done
  else
    echo "run_fuzz.sh: fuzz_$target ok: ${execs:-?} runs, ${rate:-?} execs/s, ${cov:-cov: ?}"
  fi
done
if [ "${YALU_FUZZ_KEEP:-0}" = 1 ]; then echo "run_fuzz.sh: work files kept in $work"; fi
if [ "$failed" -ne 0 ]; then
  echo "run_fuzz.sh: FAILED" >&2
  exit 1
fi
echo "run_fuzz.sh: all three targets ran ${seconds}s without a finding"
