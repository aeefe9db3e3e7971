#!/usr/bin/env python3
"""Write every article of a JSON Lines corpus as one small HTML file, for omindex.

Usage: export_for_omindex.py OUT_DIR FILE.jsonl...

One file per article: OUT_DIR/<jsonl stem>/<NNNNN>.html with <title>, <meta name="date">,
<meta name="author"> (byline) and the body as <p> paragraphs. The file's mtime is set to
the article date (noon UTC), since omindex 1.4 takes its D/M/Y date terms from the mtime.
Only used by bench/run_bench.sh; the export is not timed. Python 3 standard library only.
"""
import calendar
import html
import json
import os
import sys


def article_html(rec):
    esc = lambda s: html.escape(s or "", quote=False)  # element text
    attr = lambda s: html.escape(s or "", quote=True)  # attribute values
    parts = ['<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">' % attr(rec.get("lang") or "en"),
             "<title>%s</title>" % esc(rec.get("title"))]
    if rec.get("date"):
        parts.append('<meta name="date" content="%s">' % attr(rec["date"]))
    if rec.get("byline"):
        parts.append('<meta name="author" content="%s">' % attr(rec["byline"]))
    parts.append("</head><body>")
    for para in (rec.get("body") or "").split("\n"):
        para = para.strip()
        if para:
            parts.append("<p>%s</p>" % esc(para))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 64
    out = argv[1]
    n = 0
    for path in argv[2:]:
        stem = os.path.splitext(os.path.basename(path))[0]
        sub = os.path.join(out, stem)
        os.makedirs(sub, exist_ok=True)
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                fn = os.path.join(sub, "%05d.html" % i)
                with open(fn, "w", encoding="utf-8") as g:
                    g.write(article_html(rec))
                d = rec.get("date")
                if d and len(d) == 10:
                    y, m, dd = int(d[:4]), int(d[5:7]), int(d[8:10])
                    t = calendar.timegm((y, m, dd, 12, 0, 0))
                    os.utime(fn, (t, t))
                n += 1
    print("export_for_omindex: files=%d dir=%s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
