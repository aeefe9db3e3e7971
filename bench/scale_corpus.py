#!/usr/bin/env python3
"""Write a larger corpus for the scale benchmark: COPIES copies of every article of a JSON Lines
corpus, each copy with its own id and date, into a scratch folder.

Usage: scale_corpus.py CORPUS_DIR OUT_DIR [--copies N] [--only FILE_NAME]

Copy 0 is the corpus as it is; copy c (1..N-1) gives every article the id `ID~cC` and moves its
date (when it has one) 4 x c years back, so that 29 February stays a real date and date filters
and histograms spread over more years, as in a long archive. Texts are not changed: posting
lists grow N times, which is what the benchmark measures; term statistics stay those of the
corpus. One output file per input file and copy (`NAME.cC.jsonl`). `--only` limits the input to
one file name (the nightly step of run_scale.sh adds one file's next copy).
The output is scratch data for benchmarks: it is the shared corpus's text and must never be
committed. Python 3 standard library only.
"""
import argparse
import glob
import json
import os
import sys


def shifted(date, years):
    """YYYY-MM-DD[...] moved `years` years back; None stays None."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return date
    return "%04d%s" % (int(date[:4]) - years, date[4:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--first", type=int, default=0, help="number of the first copy to write")
    ap.add_argument("--only", help="read only this file name of the corpus")
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.corpus, "*.jsonl")))
    if a.only:
        files = [f for f in files if os.path.basename(f) == a.only]
    if not files:
        sys.exit("scale_corpus.py: no *.jsonl files in %s" % a.corpus)
    os.makedirs(a.out, exist_ok=True)
    articles = 0
    for path in files:
        name = os.path.basename(path)[: -len(".jsonl")]
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        for c in range(a.first, a.first + a.copies):
            target = os.path.join(a.out, "%s.c%d.jsonl" % (name, c))
            with open(target, "w", encoding="utf-8") as out:
                for r in records:
                    if c:
                        r = dict(r, id="%s~c%d" % (r["id"], c), date=shifted(r.get("date"), 4 * c))
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                    articles += 1
    print("scale_corpus.py: %d articles in %d files under %s"
          % (articles, len(files) * a.copies, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
