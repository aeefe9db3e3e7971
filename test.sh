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
