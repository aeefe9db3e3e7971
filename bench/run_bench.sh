#!/usr/bin/env bash
# Yalu benchmark v0: indexing and query timings against omindex/quest and a raw-Xapian floor.
#
#   bench/run_bench.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to the shared corpus beside the repository ($(dirname repo)/shared/corpus).
# Regenerates docs/BENCHMARKS.md (the part above the hand-written marker). See bench/README.md.
# Environment knobs (all optional):
#   YALU_BUILD=DIR          build folder for the binaries (default: REPO/build-bench; always brought up to date)
#   YALU_SCHEMA_DIR=DIR     schemas matching those binaries (default: REPO/schemas; copied at start)
#   BENCH_RUNS=N            repetitions per indexing item (default 3; medians are reported)
#   BENCH_OMINDEX_RUNS=N    repetitions for omindex, the slowest item (default: BENCH_RUNS)
#   BENCH_QUERY_PASSES=N    passes over the query set (default 3)
#   BENCH_WORK=DIR          scratch folder (default: a new mktemp folder, removed at the end)
#   BENCH_KEEP=1            keep the scratch folder
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
CORPUS=${1:-$(dirname "$REPO")/shared/corpus}
BUILD=${YALU_BUILD:-$REPO/build-bench}
RUNS=${BENCH_RUNS:-3}
OMINDEX_RUNS=${BENCH_OMINDEX_RUNS:-$RUNS}
QUERY_PASSES=${BENCH_QUERY_PASSES:-3}
COMMAND_LINE="bench/run_bench.sh${1:+ $1}"
for v in YALU_SCHEMA_DIR BENCH_RUNS BENCH_OMINDEX_RUNS BENCH_QUERY_PASSES; do
    [[ -n ${!v:-} ]] && COMMAND_LINE="$v=${!v} $COMMAND_LINE"
done

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- preconditions -------------------------------------------------------------------------
if [[ ! -d $CORPUS ]] || ! compgen -G "$CORPUS/*.jsonl" > /dev/null; then
    say "no corpus at '$CORPUS' (no *.jsonl files): skipping the benchmark."
    say "Give the corpus folder as the first argument: bench/run_bench.sh /path/to/corpus"
    exit 0
fi
CORPUS=$(cd "$CORPUS" && pwd)
missing=0
for tool in omindex quest; do
    if ! command -v "$tool" > /dev/null; then
        say "'$tool' not found: install it with: sudo apt-get install xapian-omega xapian-tools"
        missing=1
    fi
done
command -v python3 > /dev/null || { say "python3 not found: sudo apt-get install python3"; missing=1; }
[[ $missing == 0 ]] || exit 69
TIME_V=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true 2> /dev/null; then
    TIME_V=/usr/bin/time
else
    say "/usr/bin/time (GNU time) not found: peak RSS will not be reported (sudo apt-get install time)"
fi

YALU_INDEX=$BUILD/indexer/yalu-index
YALU_SEARCH=$BUILD/searcher/yalu-search
FLOOR=$BUILD/bench/yalu-bench-floor
# Always (re)build: incremental when nothing changed, and never times stale binaries.
say "building Release binaries in $BUILD"
cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD" -j"$(nproc)" --target yalu-index yalu-search yalu-bench-floor > /dev/null

WORK=${BENCH_WORK:-$(mktemp -d /tmp/yalu-bench.XXXXXX)}
mkdir -p "$WORK"
[[ ${BENCH_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
# A private copy of the schemas, so that edits in the working tree during the run cannot change
# what is measured halfway.
rm -rf "$WORK/schemas"
cp -r "${YALU_SCHEMA_DIR:-$REPO/schemas}" "$WORK/schemas"
SCHEMA=(--schema-dir "$WORK/schemas")
say "corpus $CORPUS, build $BUILD, scratch $WORK, runs $RUNS (omindex $OMINDEX_RUNS)"
FILES=("$CORPUS"/*.jsonl)
TIMES=$WORK/index_times.tsv
printf 'item\trun\twall_s\tpeak_rss_kb\tdb_bytes\tsummary\tcpu_s\n' > "$TIMES"

# timed ITEM RUN DB -- COMMAND...: runs COMMAND, appends wall clock, peak RSS and DB size to $TIMES.
timed() {
    local item=$1 run=$2 db=$3
    shift 4
    local t0 t1 rss=NA cpu=NA rc=0
    t0=$(date +%s.%N)
    if [[ -n $TIME_V ]]; then
        "$TIME_V" -v -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" || rc=$?
    else
        "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" || rc=$?
    fi
    t1=$(date +%s.%N)
    if [[ $rc != 0 ]]; then
        say "$item run $run failed (exit $rc): $*"
        tail -5 "$WORK/err.txt" >&2
        exit 70
    fi
    if [[ -n $TIME_V ]]; then
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
        # CPU seconds (user + system): less sensitive than wall clock to other jobs on the machine.
        cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$WORK/time.txt")
    fi
    local bytes wall summary
    bytes=$({ du -sbL "$db" "$db".d 2> /dev/null || true; } | awk '{s += $1} END {print s + 0}')
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
    summary=$(tail -1 "$WORK/out.txt" | tr '\t' ' ')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$item" "$run" "$wall" "$rss" "$bytes" "$summary" "$cpu" >> "$TIMES"
    say "$item run $run: ${wall}s cpu=${cpu}s rss=${rss}KB"
}
fresh() { rm -rf "$1" "$1.d" "$1.lock"; }

# --- export for omindex (not timed) ----------------------------------------------------------
say "exporting articles as HTML files for omindex"
python3 "$HERE/export_for_omindex.py" "$WORK/html" "${FILES[@]}" >&2
python3 "$HERE/make_queries.py" "$CORPUS" "$HERE/queries.txt" >&2

# --- indexing ------------------------------------------------------------------------------
# Repetitions are interleaved (a c d e, a c d e, ...) so that load from other processes on the
# machine spreads over all items instead of hitting one of them.
for ((r = 1; r <= RUNS; r++)); do
    fresh "$WORK/yalu.db"
    timed yalu_fresh "$r" "$WORK/yalu.db" -- "$YALU_INDEX" "${SCHEMA[@]}" -q --db "$WORK/yalu.db" "${FILES[@]}"
    fresh "$WORK/floor.db"
    timed floor "$r" "$WORK/floor.db" -- "$FLOOR" "$WORK/floor.db" "${FILES[@]}"
    if ((r <= OMINDEX_RUNS)); then
        fresh "$WORK/omindex.db"
        # XAPIAN_CJK_NGRAM=1: omindex indexes Hangul as n-grams, as yalu-index does.
        timed omindex "$r" "$WORK/omindex.db" -- env XAPIAN_CJK_NGRAM=1 \
            omindex --db "$WORK/omindex.db" --url / "$WORK/html"
    fi
    fresh "$WORK/noent.db"
    timed yalu_no_entities "$r" "$WORK/noent.db" -- "$YALU_INDEX" "${SCHEMA[@]}" -q --no-entities --db "$WORK/noent.db" "${FILES[@]}"
done
for ((r = 1; r <= RUNS; r++)); do
    timed yalu_noop "$r" "$WORK/yalu.db" -- "$YALU_INDEX" "${SCHEMA[@]}" -q --db "$WORK/yalu.db" "${FILES[@]}"
    timed omindex_noop "$r" "$WORK/omindex.db" -- env XAPIAN_CJK_NGRAM=1 \
        omindex --db "$WORK/omindex.db" --url / "$WORK/html"
done

# --- queries ---------------------------------------------------------------------------------
say "timing $(grep -vc '^#' "$HERE/queries.txt") queries x $QUERY_PASSES passes"
python3 "$HERE/time_queries.py" --queries "$HERE/queries.txt" --out "$WORK/queries.json" \
    --passes "$QUERY_PASSES" --yalu-search "$YALU_SEARCH" --schema-dir "$WORK/schemas" --yalu-db "$WORK/yalu.db" \
    --omindex-db "$WORK/omindex.db" >&2

# --- report ----------------------------------------------------------------------------------
python3 "$HERE/write_report.py" --times "$TIMES" --queries "$WORK/queries.json" \
    --corpus "$CORPUS" --command "$COMMAND_LINE" --repo "$REPO" --build "$BUILD" --out "$REPO/docs/BENCHMARKS.md"
say "wrote $REPO/docs/BENCHMARKS.md"
