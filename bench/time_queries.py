#!/usr/bin/env python3
"""Time every benchmark query as one process per query, for several search commands.

Usage: time_queries.py --queries FILE --out RESULT.json [--passes N]
                       --yalu-search BIN --yalu-db DB [--omindex-db DB]
                       [--yalu-arg=ARG ...] [--no-quest]

Each query (bench/queries.txt: KIND<TAB>YALU_QUERY<TAB>QUEST_QUERY) runs as
  yalu     yalu-search --db YALU_DB --format json --limit 10 YALU_QUERY
  quest    quest -d YALU_DB -m 10 -f default,cjk_ngram QUEST_QUERY   (the same yalu index)
  omquest  quest -d OMINDEX_DB -m 10 -f default,cjk_ngram QUEST_QUERY  (omindex's own index)
Wall clock per process (fork+exec+open+search+print, output captured and discarded).
Also, once per pass, every yalu query in ONE process (yalu-search --queries FILE, the same
options): the batch's wall clock divided by the number of queries, the cost per query when a
script loads index, gazetteer and thesaurus once.
Passes are interleaved (pass 1 of every command, then pass 2, ...); a query's time is
its median over the passes; the report gives median and p95 over the queries.
Python 3 standard library only.
"""
import argparse
import json
import re
import statistics
import os
import subprocess
import tempfile
import time


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def hits(name, out):
    try:
        if name == "yalu":
            return len(json.loads(out).get("results", []))
        return len(re.findall(rb"^\d+: \[", out, re.M))
    except Exception:
        return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--yalu-search", required=True)
    ap.add_argument("--yalu-db", required=True)
    ap.add_argument("--omindex-db")
    ap.add_argument("--schema-dir")
    ap.add_argument("--yalu-arg", action="append", default=[],
                    help="one more yalu-search argument (repeatable), e.g. --yalu-arg=--facets")
    ap.add_argument("--no-quest", action="store_true", help="time yalu-search only")
    a = ap.parse_args()

    queries = []
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, yq, qq = line.rstrip("\n").split("\t")
            queries.append((kind, yq, qq))

    cmds = {
        "yalu": lambda k, yq, qq: [a.yalu_search, "--db", a.yalu_db] +
                                  (["--schema-dir", a.schema_dir] if a.schema_dir else []) +
                                  ["--format", "json", "--limit", "10"] + a.yalu_arg + [yq],
    }
    if not a.no_quest:
        cmds["quest"] = lambda k, yq, qq: ["quest", "-d", a.yalu_db, "-m", "10", "-f", "default,cjk_ngram", qq]
    if a.omindex_db:
        cmds["omquest"] = lambda k, yq, qq: ["quest", "-d", a.omindex_db, "-m", "10", "-f", "default,cjk_ngram", qq]

    times = {n: [[] for _ in queries] for n in cmds}
    nhits = {n: [0] * len(queries) for n in cmds}
    failures = {n: 0 for n in cmds}
    for p in range(a.passes):
        for n, mk in cmds.items():
            for i, (kind, yq, qq) in enumerate(queries):
                argv = mk(kind, yq, qq)
                t0 = time.perf_counter()
                r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
                times[n][i].append(dt)
                ok = r.returncode == 0 or (n == "yalu" and r.returncode == 1)  # 1 = no results
                if p == 0:
                    if not ok:
                        failures[n] += 1
                    nhits[n][i] = hits(n, r.stdout) if ok else -1

    # One process for every query: the per-query cost without the per-process start-up.
    batch_s = []
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("".join(yq + "\n" for _, yq, _ in queries))
        batch_file = f.name
    batch_argv = cmds["yalu"]("words1", "QUERY", "QUERY")[:-1] + ["--queries", batch_file]
    try:
        for p in range(a.passes):
            t0 = time.perf_counter()
            r = subprocess.run(batch_argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            batch_s.append(time.perf_counter() - t0)
            lines = r.stdout.decode("utf-8", "replace").count("\n")
            if r.returncode > 1 or lines != len(queries):
                raise SystemExit("yalu-search --queries failed (exit %d, %d lines for %d queries): %s"
                                 % (r.returncode, lines, len(queries), r.stderr.decode()[-500:]))
    finally:
        os.unlink(batch_file)

    result = {"queries": len(queries), "passes": a.passes, "commands": {}}
    result["yalu_batch"] = {
        "argv_example": " ".join(batch_argv).replace(a.yalu_search, "yalu-search")
                        .replace(a.yalu_db, "YALU_DB").replace(a.schema_dir or "\0", "SCHEMAS")
                        .replace(batch_file, "QUERIES.txt"),
        "total_s": statistics.median(batch_s),
        "per_query_ms": statistics.median(batch_s) * 1000 / len(queries),
    }
    for n in cmds:
        per_q = [statistics.median(ts) for ts in times[n]]
        by_kind = {}
        for (kind, _, _), t in zip(queries, per_q):
            by_kind.setdefault(kind, []).append(t)
        result["commands"][n] = {
            "argv_example": " ".join(cmds[n]("words1", "QUERY", "QUERY"))
                            .replace(a.yalu_search, "yalu-search").replace(a.yalu_db, "YALU_DB").replace(a.schema_dir or "\0", "SCHEMAS")
                            .replace(a.omindex_db or "\0", "OMINDEX_DB"),
            "median_ms": statistics.median(per_q) * 1000,
            "p95_ms": pct(per_q, 95) * 1000,
            "mean_ms": statistics.mean(per_q) * 1000,
            "max_ms": max(per_q) * 1000,
            "failures": failures[n],
            "zero_hit_queries": sum(1 for h in nhits[n] if h == 0),
            "by_kind_median_ms": {k: statistics.median(v) * 1000 for k, v in sorted(by_kind.items())},
        }
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    for n, c in result["commands"].items():
        print("queries %-8s median=%.1fms p95=%.1fms failures=%d zero-hit=%d"
              % (n, c["median_ms"], c["p95_ms"], c["failures"], c["zero_hit_queries"]))
    print("queries yalu --queries (one process): %.1f ms per query" % result["yalu_batch"]["per_query_ms"])


if __name__ == "__main__":
    main()
