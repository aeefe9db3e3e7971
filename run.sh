#!/usr/bin/env bash
# Installs what is missing, builds Release, indexes corpus/ into ./yalu.db and runs two sample searches.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
yalu_setup
build="${YALU_BUILD_DIR:-build}"

echo
echo "== Indexing corpus/ into ./yalu.db"
status=0
"$build/indexer/yalu-index" --db yalu.db corpus/ || status=$?
if [[ $status == 78 ]]; then
    # An index left by an older build (another schema version): this demo index is rebuilt.
    echo "== yalu.db has another schema version: rebuilding it"
    "$build/indexer/yalu-index" --db yalu.db --rebuild corpus/
elif [[ $status != 0 ]]; then
    exit "$status"
fi

echo
echo "== yalu-search '\"Yalu River\"'"
"$build/searcher/yalu-search" --db yalu.db --limit 5 '"Yalu River"'

echo
echo "== yalu-search 김정은 --sort newest"
"$build/searcher/yalu-search" --db yalu.db --limit 3 --snippet 120 김정은 --sort newest
