#!/usr/bin/env bash
# Yalu scale benchmark: the corpus copied N times (bench/scale_corpus.py), indexed once, then
# a nightly-sized update and the query sets against quest on the same index.
#
#   bench/run_scale.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to the shared corpus beside the repository. Prints a Markdown report on
# stdout (paste it into docs/BENCHMARKS.md, "Scale"); progress goes to stderr. See bench/README.md.
# Environment knobs (all optional):
#   SCALE_COPIES=N      copies of the corpus (default 10: 246,280 articles, about 2.4 GB of index)
#   SCALE_PASSES=N      passes over each query set (default 3; a query's time is its median)
#   YALU_BUILD=DIR      build folder (default REPO/build-bench; always brought up to date)
#   SCALE_WORK=DIR      scratch folder (default: a new mktemp folder, removed at the end)
#   SCALE_KEEP=1        keep the scratch folder (the index can then be searched by hand)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
CORPUS=${1:-$(dirname "$REPO")/shared/corpus}
BUILD=${YALU_BUILD:-$REPO/build-bench}
COPIES=${SCALE_COPIES:-10}
PASSES=${SCALE_PASSES:-3}

say() { printf '[scale %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [[ ! -d $CORPUS ]] || ! compgen -G "$CORPUS/*.jsonl" > /dev/null; then
    say "no corpus at '$CORPUS' (no *.jsonl files): skipping the scale benchmark."
    exit 0
fi
CORPUS=$(cd "$CORPUS" && pwd)
for tool in quest python3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { say "'$tool' not found (apt-get install xapian-tools python3 time)"; exit 69; }
done
cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD" -j"$(nproc)" --target yalu-index yalu-search yalu-bench-floor > /dev/null
WORK=${SCALE_WORK:-$(mktemp -d /tmp/yalu-scale.XXXXXX)}
mkdir -p "$WORK"
[[ ${SCALE_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
rm -rf "$WORK/schemas" && cp -r "$REPO/schemas" "$WORK/schemas"
INDEX=("$BUILD/indexer/yalu-index" --schema-dir "$WORK/schemas")

say "writing $COPIES copies of $CORPUS into $WORK/corpus"
rm -rf "$WORK/corpus" "$WORK/nightly"
python3 "$HERE/scale_corpus.py" "$CORPUS" "$WORK/corpus" --copies "$COPIES"
# A night's new articles: the next copy of the English news file (488 articles).
python3 "$HERE/scale_corpus.py" "$CORPUS" "$WORK/nightly" --copies 1 --first "$COPIES" \
    --only naver_en_2025_2026.jsonl
ARTICLES=$(cat "$WORK"/corpus/*.jsonl | wc -l)

# timed LABEL COMMAND...: one run under GNU time; prints "wall_s cpu_s peak_rss_mb" on stdout.
timed() {
    local label=$1
    shift
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" ||
        { say "$label failed: $*"; tail -5 "$WORK/err.txt" >&2; exit 70; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -F': ' '
        /User time|System time/ {cpu += $2}
        /Maximum resident set size/ {rss = $2}
        END {printf "%.1f %.1f %.0f\n", b - a, cpu, rss / 1024}' "$WORK/time.txt"
    say "$label: $(tail -1 "$WORK/out.txt")"
}
size_mb() { du -scbL "$1" "$1".d 2> /dev/null | tail -1 | awk '{printf "%.0f", $1 / 1048576}'; }

say "indexing $ARTICLES articles (yalu-index, then the raw-Xapian floor)"
rm -rf "$WORK/yalu.db" "$WORK/floor.db"
read -r y_wall y_cpu y_rss < <(timed yalu-index "${INDEX[@]}" -q --db "$WORK/yalu.db" "$WORK"/corpus/*.jsonl)
read -r f_wall f_cpu f_rss < <(timed floor "$BUILD/bench/yalu-bench-floor" "$WORK/floor.db" "$WORK"/corpus/*.jsonl)
rm -rf "$WORK/floor.db"
read -r n_wall n_cpu n_rss < <(timed no-op "${INDEX[@]}" -q --db "$WORK/yalu.db" "$WORK"/corpus/*.jsonl)
read -r u_wall u_cpu u_rss < <(timed nightly "${INDEX[@]}" -q --db "$WORK/yalu.db" "$WORK"/corpus/*.jsonl "$WORK"/nightly/*.jsonl)
DB_MB=$(size_mb "$WORK/yalu.db")

say "timing queries ($PASSES passes)"
python3 "$HERE/time_queries.py" --queries "$HERE/queries.txt" --out "$WORK/bench_queries.json" \
    --passes "$PASSES" --yalu-search "$BUILD/searcher/yalu-search" --schema-dir "$WORK/schemas" \
    --yalu-db "$WORK/yalu.db" >&2
python3 "$HERE/time_queries.py" --queries "$HERE/queries.txt" --out "$WORK/facet_queries.json" \
    --passes "$PASSES" --yalu-search "$BUILD/searcher/yalu-search" --schema-dir "$WORK/schemas" \
    --yalu-db "$WORK/yalu.db" --yalu-arg=--facets --no-quest >&2
# The judged analyst queries (questions, names, Hangul, date ranges): the heaviest rewrites.
awk -F'\t' 'NR > 1 {printf "analyst\t%s\t%s\n", $4, $4}' "$REPO/tests/relevance/queries.tsv" \
    > "$WORK/analyst.txt"
python3 "$HERE/time_queries.py" --queries "$WORK/analyst.txt" --out "$WORK/analyst_queries.json" \
    --passes "$PASSES" --yalu-search "$BUILD/searcher/yalu-search" --schema-dir "$WORK/schemas" \
    --yalu-db "$WORK/yalu.db" >&2

python3 - "$WORK" <<EOF
import json, sys
w = sys.argv[1]
def load(n): return json.load(open("%s/%s_queries.json" % (w, n)))
b, f, a = load("bench"), load("facet"), load("analyst")
print("Command: \`SCALE_COPIES=$COPIES bench/run_scale.sh\` ($(date -u +%Y-%m-%d\ %H:%M) UTC, $(nproc) cores): "
      "$ARTICLES articles ($COPIES copies of the corpus), index $DB_MB MB.")
print()
print("| indexing | wall s | CPU s | peak RSS MB |")
print("|---|---:|---:|---:|")
print("| yalu-index, fresh | $y_wall | $y_cpu | $y_rss |")
print("| raw-Xapian floor, fresh | $f_wall | $f_cpu | $f_rss |")
print("| yalu-index again, nothing changed | $n_wall | $n_cpu | $n_rss |")
print("| yalu-index, a night: the same sources + 488 new articles | $u_wall | $u_cpu | $u_rss |")
print()
print("| queries, one process each (ms) | yalu-search median | p95 | max | quest median | p95 | ratio of medians |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, r in (("200 benchmark queries", b), ("%d analyst queries" % a["queries"], a)):
    y, q = r["commands"]["yalu"], r["commands"]["quest"]
    print("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |" % (label, y["median_ms"], y["p95_ms"],
          y["max_ms"], q["median_ms"], q["p95_ms"], y["median_ms"] / q["median_ms"]))
y = f["commands"]["yalu"]
print("| 200 benchmark queries with --facets | %.1f | %.1f | %.1f | | | |" % (y["median_ms"], y["p95_ms"], y["max_ms"]))
print()
print("In one process (\`--queries\`): %.1f ms per benchmark query, %.1f with --facets, %.1f per analyst query."
      % (b["yalu_batch"]["per_query_ms"], f["yalu_batch"]["per_query_ms"], a["yalu_batch"]["per_query_ms"]))
print()
print("| kind (200 benchmark queries) | yalu-search median ms | quest median ms |")
print("|---|---:|---:|")
for k, v in b["commands"]["yalu"]["by_kind_median_ms"].items():
    print("| %s | %.1f | %.1f |" % (k, v, b["commands"]["quest"]["by_kind_median_ms"][k]))
EOF
say "done"
