#!/usr/bin/env bash
# Every C++ file in the project is laid out as .clang-format says (clang-format --dry-run).
# Fix with: clang-format -i $(git ls-files '*.cpp' '*.hpp')
set -euo pipefail
source_dir="$1"
clang_format="${2:-clang-format}"
cd "$source_dir"
mapfile -t files < <(find core indexer searcher tests bench -name '*.cpp' -o -name '*.hpp' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "format_check: no C++ files found under $source_dir"; exit 1; }
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
if ! "$clang_format" --dry-run --Werror "${files[@]}" 2>"$report"; then
  grep -o '^[^:]*:[0-9]*' "$report" | sort -u | head -20
  echo "format_check: the files above are not clang-formatted; run clang-format -i on them"
  exit 1
fi
echo "format_check: ${#files[@]} files formatted"
