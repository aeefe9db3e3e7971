#!/usr/bin/env python3
"""Build the benchmark query set: bench/queries.txt, deterministic (seeded).

Usage: make_queries.py CORPUS_DIR [OUT] [--seed N]

Reads the titles of every *.jsonl article in CORPUS_DIR and picks 200 queries:
  60 one-word, 45 two-word, 30 three-word queries from frequent non-stop-word English
  title words; 15 phrases (frequent adjacent title word pairs, quoted); 20 Korean words
  (frequent Hangul title words); 30 one/two-word queries with a year filter.
Output: one query per line, tab-separated: KIND <TAB> YALU_QUERY <TAB> QUEST_QUERY.
The two query columns differ only for year filters: yalu-search gets `year:YYYY`, quest gets
the year as a plain word (quest knows no year: prefix unless told with -b).
Only words and counts derived from titles are written, never article text.
Python 3 standard library only.
"""
import collections
import glob
import json
import os
import random
import re
import sys

STOP = set("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just
me more most my no nor not now of off on once only or other our out over own same she should
so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
new says said say s t re ve ll d vs via per amid one two three
""".split())

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
HANGUL = re.compile(r"[\uac00-\ud7a3]{2,}")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--seed")]
    seed = 20240601
    for a in argv[1:]:
        if a.startswith("--seed="):
            seed = int(a.split("=", 1)[1])
    if not args:
        sys.stderr.write(__doc__)
        return 64
    corpus = args[0]
    out = args[1] if len(args) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.txt")

    words = collections.Counter()
    pairs = collections.Counter()
    hangul = collections.Counter()
    years = collections.Counter()
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("date"):
                    years[rec["date"][:4]] += 1
                title = rec.get("title") or ""
                if rec.get("lang") == "ko":
                    hangul.update(set(HANGUL.findall(title)))
                    continue
                toks = [re.sub(r"'s$", "", t.lower()).strip("'-") for t in WORD.findall(title)]
                content = [t for t in toks if len(t) >= 3 and t not in STOP]
                words.update(set(content))
                for a, b in zip(toks, toks[1:]):
                    if a not in STOP and b not in STOP and len(a) >= 3 and len(b) >= 3:
                        pairs[(a, b)] += 1

    rng = random.Random(seed)
    top = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:300]]
    top_pairs = [p for p, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:100]]
    top_ko = [w for w, _ in sorted(hangul.items(), key=lambda kv: (-kv[1], kv[0]))[:80]]
    # Years holding at least 2% of the articles, so a year filter keeps some results.
    total = sum(years.values())
    top_years = sorted(y for y, n in years.items() if n >= 0.02 * total) or sorted(years)

    queries = []
    for n_words, count in ((1, 60), (2, 45), (3, 30)):
        for _ in range(count):
            q = " ".join(rng.sample(top, n_words))
            queries.append(("words%d" % n_words, q, q))
    for a, b in rng.sample(top_pairs, min(15, len(top_pairs))):
        q = '"%s %s"' % (a, b)
        queries.append(("phrase", q, q))
    for w in rng.sample(top_ko, min(20, len(top_ko))):
        queries.append(("korean", w, w))
    for i in range(30):
        ws = " ".join(rng.sample(top, 1 + i % 2))
        y = rng.choice(top_years)
        queries.append(("year", "%s year:%s" % (ws, y), "%s %s" % (ws, y)))

    with open(out, "w", encoding="utf-8") as f:
        f.write("# Yalu benchmark queries: written by bench/make_queries.py (seed %d); do not edit.\n" % seed)
        f.write("# KIND<TAB>YALU_QUERY<TAB>QUEST_QUERY\n")
        for kind, yq, qq in queries:
            f.write("%s\t%s\t%s\n" % (kind, yq, qq))
    print("make_queries: queries=%d out=%s" % (len(queries), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
