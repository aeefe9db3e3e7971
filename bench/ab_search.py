#!/usr/bin/env python3
"""Compare builds of yalu-search per process: same queries, runs interleaved in random order.

Usage: ab_search.py --db DB [--runs N] [-q QUERY ...] NAME=BINARY[@DB] NAME=BINARY[@DB] ...

For every query and run, each binary runs once as `BINARY --db DB QUERY-WORDS` (output
discarded), in a fresh random order, so background load falls on all builds alike. Prints the
median wall clock per query and build in ms. Build the variants from one commit (e.g. with a
change reverted) into separate folders and name them here; BINARY@DB gives that build its own
index (builds that write different index formats, e.g. another gazetteer snapshot format).
Any program taking `--db DB QUERY-WORDS` works, quest included. Python 3 standard library only.
"""
import argparse
import random
import statistics
import subprocess
import time

DEFAULT_QUERIES = ["flood damage", "김정은 현지지도", "Kim Jong Un factory", "uranium enrichment"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", required=True, help="index to search (unless a build names its own)")
    ap.add_argument("--runs", type=int, default=60, help="runs per query and build (default 60)")
    ap.add_argument("-q", "--query", action="append", help="a query (repeat); default: four")
    ap.add_argument("builds", nargs="+", help="NAME=PATH of a yalu-search binary")
    args = ap.parse_args()
    builds = []
    for b in args.builds:
        name, sep, path = b.partition("=")
        if not sep:
            ap.error(f"'{b}' is not NAME=PATH or NAME=PATH@DB")
        path, _, db = path.partition("@")
        builds.append((name, path, db or args.db))
    queries = args.query or DEFAULT_QUERIES
    times = {(name, q): [] for name, _, _ in builds for q in queries}
    for _ in range(args.runs):
        for q in queries:
            order = builds[:]
            random.shuffle(order)
            for name, path, db in order:
                start = time.perf_counter()
                subprocess.run([path, "--db", db] + q.split(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=False)
                times[(name, q)].append(time.perf_counter() - start)
    print("| query | " + " | ".join(name for name, _, _ in builds) + " |")
    print("|---|" + "---:|" * len(builds))
    for q in queries:
        cells = " | ".join("%.2f" % (statistics.median(times[(name, q)]) * 1000)
                           for name, _, _ in builds)
        print(f"| {q} | {cells} |")


if __name__ == "__main__":
    main()
