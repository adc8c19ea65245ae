#!/usr/bin/env python3
"""Lines of the project that share a run of five words with an evaluation article.

Tests, examples in comments and data files must be written by us, never copied from the
articles the referee scores (../shared/corpus-dev2, ../shared/corpus-dev3). This prints every
project line that shares a run of `--words` folded words (kgraph.normalize.fold) with one of
them, as `file:line [set/article] run`, and exits 1 when there is any. Names of real bodies
(in kgraph/data/actors.jsonl) may legitimately match.

Usage:  python scripts/dev_overlap.py [--shared ../shared] [--words 5]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.normalize import fold  # noqa: E402

_ARABIC = re.compile(r"[\u0600-\u06FF]+")
_SETS = ("corpus-dev2", "corpus-dev3")
_PROJECT = ("tests/**/*.py", "tests/data/**/*", "notebooks/*.ipynb", "README.md", "kgraph/data/*",
            "kgraph/**/*.py", "scripts/*.py")


def runs(text: str, n: int) -> list[str]:
    words = _ARABIC.findall(fold(text))
    return [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--words", type=int, default=5)
    args = ap.parse_args()
    grams: dict[str, str] = {}
    for name in _SETS:
        for path in sorted((Path(args.shared) / name).glob("*.txt")):
            for run in runs(path.read_text(encoding="utf-8"), args.words):
                grams.setdefault(run, f"{name}/{path.name}")
    if not grams:
        print(f"no evaluation articles under {args.shared}", file=sys.stderr)
        return 2
    hits = 0
    files = sorted({p for pattern in _PROJECT for p in ROOT.glob(pattern) if p.is_file()})
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(lines, 1):
            match = next((r for r in runs(line, args.words) if r in grams), None)
            if match:
                hits += 1
                print(f"{path.relative_to(ROOT)}:{number}  [{grams[match]}]  {match}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
