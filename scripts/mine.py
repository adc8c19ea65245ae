"""Count a construction in the SaudiNewsNet corpus and read a sample of its occurrences.

Before a cue, frame or word list goes into kgraph/data/, count how the language says it:

    python scripts/mine.py 'لدى استقبال(ه|ها)' --sample 20
    python scripts/mine.py 'عقب (لقائ|اجتماع)\\w*' --by-outlet --sample 10 --seed 3

The pattern is a Python regular expression matched against the *folded* text (alef forms,
yeh, teh marbuta folded, diacritics and tatweel dropped: write ه for ة, ا for أ/إ/آ, ي for ى).
Prints the number of occurrences, of articles and of outlets, the commonest matched forms,
and a seeded random sample with context. The corpus is read from
../shared/data/news/saudinewsnet/articles.jsonl.gz (or --corpus); nothing is copied out of it.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kgraph.normalize import fold  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/data/news/saudinewsnet/articles.jsonl.gz"


CACHE = Path.home() / ".cache" / "kgraph-mine"


def articles(path: Path):
    """(id, outlet, folded text) of every article; the folded texts are cached outside the repo."""
    cache = CACHE / (path.name + ".folded.jsonl")
    if not cache.exists() or cache.stat().st_mtime < path.stat().st_mtime:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with gzip.open(path, "rt", encoding="utf-8") as f, open(tmp, "w", encoding="utf-8") as out:
            for line in f:
                art = json.loads(line)
                out.write(json.dumps([art["id"], art.get("source"), fold(art.get("text") or "")],
                                     ensure_ascii=False) + "\n")
        tmp.replace(cache)
    with open(cache, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pattern")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--context", type=int, default=90, help="characters each side")
    ap.add_argument("--by-outlet", action="store_true")
    ap.add_argument("--forms", type=int, default=10, help="commonest matched forms to list")
    args = ap.parse_args(argv)
    rx = re.compile(args.pattern)
    hits, docs = 0, 0
    outlets: collections.Counter = collections.Counter()
    forms: collections.Counter = collections.Counter()
    rng = random.Random(args.seed)
    reservoir: list[tuple[str, str]] = []
    for art_id, outlet, text in articles(args.corpus):
        found = False
        for m in rx.finditer(text):
            hits += 1
            found = True
            outlets[outlet] += 1
            forms[m.group(0)] += 1
            a, b = max(0, m.start() - args.context), min(len(text), m.end() + args.context)
            snippet = (text[a:m.start()] + "[[" + m.group(0) + "]]" + text[m.end():b]).replace("\n", " ")
            item = (f"{art_id} {outlet}", snippet)
            if len(reservoir) < args.sample:
                reservoir.append(item)
            else:
                j = rng.randrange(hits)
                if j < args.sample:
                    reservoir[j] = item
        docs += found
    print(f"{hits} occurrences in {docs} articles, {len(outlets)} outlets")
    if args.by_outlet:
        for o, n in outlets.most_common():
            print(f"  {n:6d}  {o}")
    for f_, n in forms.most_common(args.forms):
        print(f"  {n:6d}  {f_}")
    for where, snippet in reservoir:
        print(f"--- {where}\n{snippet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
