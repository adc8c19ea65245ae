"""Scoring extraction records against gold annotations (the published rules of SCHEMA.md).

A gold file (`<stem>.gold.json`) lists an article's entities (id, type, name, aliases),
meetings (participant ids) and demands (actor id, topic, stance). A system record is what
`kgraph extract` writes (`kgraph.records.to_record`): entities with name, type and aliases;
meetings and demands naming their participants and actors by entity name.

What is scored, per article and then micro-averaged over the articles:

- actors: gold PERSON/ORG/STATE entities against system ones; a system entity matches a
  gold entity when one normalised surface form (name or alias) of each is the same;
- meeting pairs: the unordered participant pairs of all meetings;
- demand pairs: the (actor, topic) pairs of all demands, and the stance accuracy on the
  matched ones (a stance is right when the gold pair has it).

Each gold item is matched by at most one system item and the other way round (a maximum
one-to-one matching). Surface forms are compared on keys: diacritics and tatweel dropped,
أإآٱ -> ا, ى -> ي, ة -> ه, the article ال dropped from each word (with a و/ف/ب/ل/ك before
it, and لل read as ال), and a string also matches without a one-letter clitic (و ف ب ل ك)
on its first word.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KgraphError

ACTOR_TYPES = ("PERSON", "ORG", "STATE")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_TRIM = "«»\"'()[]،,.:؛;!?؟-–—"


class GoldError(KgraphError):
    """A gold directory or file that cannot be read."""


# -- keys ----------------------------------------------------------------------------------------
def _word(w: str) -> str:
    w = w.strip(_TRIM)
    if len(w) > 3 and w[0] in "وف" and w[1:3] == "ال":
        w = w[1:]
    if len(w) > 3 and w[0] in "بلك" and w[1:3] == "ال":
        w = w[1:]
    if len(w) > 4 and w[:2] == "لل":
        w = "ال" + w[2:]
    if len(w) > 3 and w[:2] == "ال":
        w = w[2:]
    return w


def fold_key(text: str | None) -> str:
    """One surface string -> its comparison key."""
    plain = _MARKS.sub("", text or "").translate(_LETTERS)
    return " ".join(w for w in (_word(x) for x in plain.split()) if w)


def surface_keys(text: str | None) -> frozenset[str]:
    """The key of a string, and the key without a leading one-letter clitic when its first
    word is long enough to carry one (وقطر ~ قطر)."""
    k = fold_key(text)
    if not k:
        return frozenset()
    out = {k}
    first = k.split(" ", 1)[0]
    if len(first) > 3 and first[0] in "وفبلك":
        alt = fold_key(k[1:])
        if alt:
            out.add(alt)
    return frozenset(out)


def entity_keys(entity: dict) -> frozenset[str]:
    keys: set[str] = set()
    for s in [entity.get("name", "")] + list(entity.get("aliases") or []):
        keys |= surface_keys(s)
    return frozenset(keys)


# -- matching -----------------------------------------------------------------------------------
def max_matching(candidates: list[set]) -> int:
    """Size of a maximum one-to-one matching: item i may take any key in candidates[i]."""
    owner: dict = {}

    def take(i: int, seen: set) -> bool:
        for k in sorted(candidates[i], key=str):
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or take(owner[k], seen):
                owner[k] = i
                return True
        return False

    order = sorted(range(len(candidates)), key=lambda i: len(candidates[i]))
    return sum(1 for i in order if candidates[i] and take(i, set()))


@dataclass
class Counts:
    """Matched system items, system items, matched gold items, gold items."""
    tp_system: int = 0
    system: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_system += other.tp_system
        self.system += other.system
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_system / self.system if self.system else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "system": self.system, "gold": self.gold,
                "matched_system": self.tp_system, "matched_gold": self.tp_gold}


@dataclass
class ArticleScore:
    article: str
    actors: Counts = field(default_factory=Counts)
    meetings: Counts = field(default_factory=Counts)
    demands: Counts = field(default_factory=Counts)
    stance_right: int = 0
    stance_scored: int = 0

    def as_dict(self) -> dict:
        return {"actors": self.actors.as_dict(), "meetings": self.meetings.as_dict(),
                "demands": self.demands.as_dict(),
                "stance_accuracy": (round(self.stance_right / self.stance_scored, 3)
                                    if self.stance_scored else None)}


class _Names:
    """Which gold entities a name used in a system record may denote (one article)."""

    def __init__(self, gold: dict, record: dict):
        self.gold = {e["id"]: e for e in gold.get("entities", [])}
        self.gold_keys = {gid: entity_keys(e) for gid, e in self.gold.items()}
        self.system_keys: dict[str, set] = {}
        for e in record.get("entities", []):
            self.system_keys.setdefault(e.get("name", ""), set()).update(entity_keys(e))

    def ids(self, name: str) -> set[str]:
        keys = self.system_keys.get(name) or surface_keys(name)
        return {gid for gid, gk in self.gold_keys.items() if keys & gk}


def score_article(gold: dict, record: dict) -> ArticleScore:
    """Score one system record against one gold document."""
    out = ArticleScore(Path(gold.get("article", "")).name)
    names = _Names(gold, record)

    gold_actors = {gid for gid, e in names.gold.items() if e.get("type") in ACTOR_TYPES}
    sys_actors = [e.get("name", "") for e in record.get("entities", []) if e.get("type") in ACTOR_TYPES]
    cands = [names.ids(n) & gold_actors for n in sys_actors]
    hit = max_matching(cands)
    out.actors = Counts(hit, len(sys_actors), hit, len(gold_actors))

    gold_pairs: set[tuple[str, str]] = set()
    for m in gold.get("meetings", []):
        ps = sorted(set(m.get("participants", [])))
        gold_pairs |= {(a, b) for i, a in enumerate(ps) for b in ps[i + 1:]}
    sys_pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for m in record.get("meetings", []):
        by_key = {}
        for p in m.get("participants", []):
            k = fold_key(p)
            if k:
                by_key.setdefault(k, p)
        ks = sorted(by_key)
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                sys_pairs.setdefault((a, b), (by_key[a], by_key[b]))
    cands = []
    for a, b in sys_pairs.values():
        ia, ib = names.ids(a), names.ids(b)
        cands.append({tuple(sorted((x, y))) for x in ia for y in ib if x != y} & gold_pairs)
    hit = max_matching(cands)
    out.meetings = Counts(hit, len(sys_pairs), hit, len(gold_pairs))

    gold_dem: dict[tuple[str, str], set[str]] = {}
    for d in gold.get("demands", []):
        gold_dem.setdefault((d["actor"], d["topic"]), set()).add(d.get("stance", "demand"))
    sys_dem: dict[tuple[str, str], tuple[str, str]] = {}
    for d in record.get("demands", []):
        actor = d.get("actor", "")
        sys_dem.setdefault((fold_key(actor), d.get("topic")), (actor, d.get("stance", "demand")))
    cands = []
    for (_, topic), (actor, stance) in sys_dem.items():
        c = {(gid, topic) for gid in names.ids(actor)} & set(gold_dem)
        cands.append(c)
        if c:
            out.stance_scored += 1
            out.stance_right += any(stance in gold_dem[k] for k in c)
    hit = max_matching(cands)
    out.demands = Counts(hit, len(sys_dem), hit, len(gold_dem))
    return out


@dataclass
class Evaluation:
    articles: list[ArticleScore]
    missing: list[str]  # gold articles with no system record
    unscored: list[str]  # system records with no gold file

    def total(self, what: str) -> Counts:
        c = Counts()
        for a in self.articles:
            c.add(getattr(a, what))
        return c

    @property
    def stance_accuracy(self) -> float | None:
        n = sum(a.stance_scored for a in self.articles)
        return sum(a.stance_right for a in self.articles) / n if n else None

    def as_dict(self) -> dict:
        acc = self.stance_accuracy
        return {"actors": self.total("actors").as_dict(), "meetings": self.total("meetings").as_dict(),
                "demands": self.total("demands").as_dict(),
                "stance_accuracy": round(acc, 3) if acc is not None else None,
                "articles": {a.article: a.as_dict() for a in self.articles},
                "missing": self.missing, "unscored": self.unscored}


# -- files ----------------------------------------------------------------------------------------
def load_gold(directory: str | Path) -> dict[str, dict]:
    """Gold documents of a directory, keyed by the file name of their article."""
    d = Path(directory)
    if not d.is_dir():
        raise GoldError(f"{d}: not a directory of gold files")
    gold = {}
    for path in sorted(d.glob("*.gold.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: cannot read gold file ({exc})") from exc
        if not isinstance(doc, dict) or "article" not in doc:
            raise GoldError(f"{path}: not a gold document (no \"article\" field)")
        gold[Path(str(doc["article"])).name] = doc
    if not gold:
        raise GoldError(f"{d}: no *.gold.json files")
    return gold


def record_name(record: dict) -> str:
    return Path(str(record.get("article", ""))).name


def evaluate(records: Iterable[dict], gold: dict[str, dict], only_scored: bool = False) -> Evaluation:
    """Score system records against gold documents (both keyed by article file name).

    With `only_scored`, gold articles that have no record are left out instead of counting
    as articles the system said nothing about.
    """
    by_name = {}
    for r in records:
        by_name[record_name(r)] = r
    scores = []
    missing = []
    for name, g in sorted(gold.items()):
        rec = by_name.get(name)
        if rec is None:
            missing.append(name)
            if only_scored:
                continue
            rec = {"article": name}
        scores.append(score_article(g, rec))
    unscored = sorted(set(by_name) - set(gold))
    return Evaluation(scores, missing, unscored)


def format_table(ev: Evaluation, per_article: bool = True) -> str:
    """The evaluation as a plain-text table."""
    lines = []
    head = f"{'':10s} {'actors P/R/F1':>22s} {'meeting pairs P/R/F1':>24s} {'demand pairs P/R/F1':>24s} {'stance':>7s}"

    def cell(c: Counts) -> str:
        return f"{c.precision:.3f} {c.recall:.3f} {c.f1:.3f}"

    lines.append(head)
    if per_article:
        for a in ev.articles:
            st = f"{a.stance_right / a.stance_scored:.3f}" if a.stance_scored else "   -"
            lines.append(f"{a.article[:10]:10s} {cell(a.actors):>22s} {cell(a.meetings):>24s} "
                         f"{cell(a.demands):>24s} {st:>7s}")
    acc = ev.stance_accuracy
    lines.append(f"{'overall':10s} {cell(ev.total('actors')):>22s} {cell(ev.total('meetings')):>24s} "
                 f"{cell(ev.total('demands')):>24s} {(f'{acc:.3f}' if acc is not None else '-'):>7s}")
    counts = []
    for what, label in (("actors", "actors"), ("meetings", "meeting pairs"), ("demands", "demand pairs")):
        c = ev.total(what)
        counts.append(f"{label}: system {c.system}, gold {c.gold}")
    lines.append("; ".join(counts))
    if ev.missing:
        lines.append(f"no system record for: {', '.join(ev.missing)}")
    if ev.unscored:
        lines.append(f"no gold file for: {', '.join(ev.unscored)}")
    return "\n".join(lines)
