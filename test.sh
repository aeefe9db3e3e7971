#!/usr/bin/env bash
# Same set-up as run.sh, then the whole CTest suite (output shown for failures).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
yalu_setup
build="${YALU_BUILD_DIR:-build}"
if [ ! -d ../shared/corpus ]; then
  echo "test.sh: ../shared/corpus is absent: tests on the real archive will be skipped"
fi
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900

# A short, bounded fuzzing run of the three readers (YALU_SKIP_FUZZ=1 to skip).
if [ "${YALU_SKIP_FUZZ:-0}" != 1 ]; then
  tests/fuzz/run_fuzz.sh "${YALU_FUZZ_SECONDS:-20}"
fi
