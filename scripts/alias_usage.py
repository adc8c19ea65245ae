#!/usr/bin/env python3
"""Count how often every name and alias of the actor dictionary occurs in real news.

For each actor of kgraph/data/actors.jsonl, its `name` and every alias (marked `source`
when it comes from kgraph/data/sources/*.jsonl, `cldr` when the build took it from CLDR),
the report gives:
  - hits / articles: occurrences in the SaudiNewsNet corpus (30,508 articles, 2015;
    ../shared/data/news/saudinewsnet/articles.jsonl.gz) and the number of articles;
  - dev / dev2 / dev3: the development texts that contain it (corpus/*.txt,
    ../shared/corpus-dev2/*.txt, ../shared/corpus-dev3/*.txt; texts only, never gold).

A string matches as the matcher reads it (kgraph.mentions): texts and aliases are folded
(kgraph.normalize.fold), an alias is its per-word keys (phrase_words: the article dropped
from each word), and a text word matches a key when one of its clitic readings does
(و ف, then ب ل ك, then ال, لل = ل + ال; kgraph.normalize.clitic_analyses). Words are whole:
a key never matches part of a word.

Usage:
    python scripts/alias_usage.py [-o report.tsv] [--corpus PATH] [--zero-only]

The corpus is read through scripts/mine.py's folded cache (~/.cache/kgraph-mine), outside
the repository; the report holds only dictionary strings and counts, no corpus text.
A row is marked `candidate` when it is a source alias (never a `name`) with no hit in the
corpus and found in a dev2 text: an alias possibly fitted to one development article.
Whether to drop it is a judgement (people of 2023-2025 news cannot occur in a 2015 corpus).
A one-word PERSON alias that is also a word of another listed person's name is marked
`shared-word` (kgraph/data/README.md: no bare surname shared with another listed person).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from mine import DEFAULT_CORPUS, articles  # noqa: E402

from kgraph.normalize import clitic_analyses, drop_article, fold, phrase_words, strip_article  # noqa: E402

DATA = ROOT / "kgraph" / "data"
SHARED = ROOT.parent / "shared"
DEV_SETS = {
    "dev": ROOT / "corpus",
    "dev2": SHARED / "corpus-dev2",
    "dev3": SHARED / "corpus-dev3",
}
_WORD = re.compile(r"\w+")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def surfaces() -> list[dict]:
    """Every name and alias of every actor: type, id, field, origin, text, key (word tuple)."""
    source = {}
    for name in ("states", "orgs", "people"):
        for r in read_jsonl(DATA / "sources" / f"{name}.jsonl"):
            source[r["id"]] = {fold(x) for x in [r.get("name") or "", *r.get("aliases", [])] if x}
    rows = []
    for a in read_jsonl(DATA / "actors.jsonl"):
        for field, text in [("name", a["name"]), *(("alias", x) for x in a.get("aliases", []))]:
            origin = "source" if fold(text) in source.get(a["id"], ()) else "cldr"
            rows.append({"type": a["type"], "id": a["id"], "field": field, "origin": origin,
                         "text": text, "key": tuple(phrase_words(text))})
    return rows


class KeyMatcher:
    """Whole-word matcher of many keys at once, indexed by their first word."""

    def __init__(self, keys):
        self.by_first = defaultdict(set)
        for k in keys:
            if k:
                self.by_first[k[0]].add(k)
        self._cands: dict[str, frozenset] = {}

    def cands(self, word: str) -> frozenset:
        """The keys a text word can stand for: each clitic reading without its article."""
        c = self._cands.get(word)
        if c is None:
            c = frozenset({drop_article(stem) for _, stem in clitic_analyses(word)}
                          | {strip_article(word)})
            self._cands[word] = c
        return c

    def find(self, text: str) -> Counter:
        words = _WORD.findall(text)
        cands = [self.cands(w) for w in words]
        out: Counter = Counter()
        for i, cs in enumerate(cands):
            for c in cs:
                for k in self.by_first.get(c, ()):
                    n = len(k)
                    if i + n <= len(words) and all(k[j] in cands[i + j] for j in range(1, n)):
                        out[k] += 1
        return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, help="TSV path (default: stdout)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--zero-only", action="store_true", help="only rows with no corpus hit")
    args = ap.parse_args(argv)

    rows = surfaces()
    matcher = KeyMatcher({r["key"] for r in rows})
    # who else owns each key (a key shared by two actors is worth a look)
    owners = defaultdict(set)
    person_words = defaultdict(set)  # a word of a person's name -> the people who have it
    for r in rows:
        owners[r["key"]].add(r["id"])
        if r["type"] == "PERSON":
            for w in r["key"]:
                person_words[w].add(r["id"])

    hits, docs = Counter(), Counter()
    n_articles = 0
    for _id, _outlet, text in articles(args.corpus):
        n_articles += 1
        found = matcher.find(text)
        hits.update(found)
        docs.update(found.keys())

    in_dev = {name: defaultdict(list) for name in DEV_SETS}
    for name, folder in DEV_SETS.items():
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            for k in matcher.find(fold(path.read_text(encoding="utf-8"))):
                in_dev[name][k].append(path.stem)

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    cols = ["type", "id", "field", "origin", "text", "hits", "articles", *DEV_SETS, "also", "flag"]
    # also: other actors with the same key
    print(f"# {len(rows)} strings of {len({r['id'] for r in rows})} actors; corpus: "
          f"{args.corpus.name}, {n_articles} articles", file=out)
    print("\t".join(cols), file=out)
    for r in rows:
        k = r["key"]
        if args.zero_only and hits[k]:
            continue
        flag = ""
        if r["field"] == "alias" and r["origin"] == "source" and not hits[k] and in_dev["dev2"].get(k):
            flag = "candidate"
        elif r["type"] == "PERSON" and r["field"] == "alias" and len(k) == 1 and person_words[k[0]] - {r["id"]}:
            flag = "shared-word"  # a one-word alias that is also part of another listed person's name
        vals = [r["type"], r["id"], r["field"], r["origin"], r["text"], str(hits[k]), str(docs[k]),
                *(",".join(in_dev[name].get(k, [])) for name in DEV_SETS),
                ",".join(sorted(owners[k] - {r["id"]})), flag]
        print("\t".join(vals), file=out)
    if args.output:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
