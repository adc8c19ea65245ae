"""The relation bank scored: kgraph's meetings and demands on hand-annotated corpus sentences.

The bank (tests/data/relation_bank, see its README) holds stand-off records: a sentence of a
SaudiNewsNet article (`drawn.jsonl`: article id, offsets, sha1) and its annotation
(`annotated-N.jsonl`: meetings and demands whose participants and actors are spans of the article).
The scorer reads the annotated articles from the corpus (one pass), checks the sha1s, extracts
each whole article and compares, on the bank sentence only:

- meeting pairs: the unordered participant pairs of the system's held meetings whose evidence
  overlaps the sentence, against those of the gold meetings with status `held`. A gold pair
  of another status is no gold pair; it is counted apart when the system reports it held;
- demand pairs: (actor, topic) of the system's demands whose evidence overlaps the sentence,
  against the gold ones; stance accuracy on the matched pairs.

A gold span names a system entity when a mention of the entity overlaps it (of the mentions that
overlap it, the closest: overlap / union; «وزير الخارجية السعودي» names the minister, not the state
of the nisba inside it, and «السعودي» alone the state), or when a key of its text (the referee's
keys, ../shared/eval/score.py) is a key of the entity's name, an alias or a mention. Matching is
one-to-one (as the referee's); figures are micro-averaged over the bank and per construction class
(a record counts for each class it lists, class 0 "plain" when none).
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .dictionary import default_dictionary
from .evaluate import Counts, max_matching, surface_keys
from .types import HELD, Article, Extraction

CORPUS = "data/news/saudinewsnet/articles.jsonl.gz"  # under ../shared
REFEREE = "eval/score.py"  # under ../shared
NOT_HELD = ("planned", "possible", "denied", "habitual")
CLASS_NAMES = {0: "plain", 1: "continued subject", 2: "verbal-noun pronoun", 3: "nominal-event list",
               4: "group, then members", 5: "one per side", 6: "visit = host state", 7: "modality, two events",
               8: "demand speech, topic"}
_ID = re.compile(r'\{"id":\s*"([^"]*)"')

Keys = Callable[[str], Iterable[str]]
Span = tuple[int, int]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# -- input ---------------------------------------------------------------------------------------
def load_bank(bank: Path) -> tuple[dict[str, dict], list[dict]]:
    """drawn.jsonl by id, and the records of every annotated-*.jsonl (file order)."""
    drawn = {d["id"]: d for d in read_jsonl(bank / "drawn.jsonl")}
    records = [r for path in sorted(bank.glob("annotated-*.jsonl")) for r in read_jsonl(path)]
    return drawn, records


def read_articles(corpus: Path, ids: set[str]) -> dict[str, dict]:
    """The corpus records of `ids`, in one pass; a line is parsed only when its id is wanted."""
    out: dict[str, dict] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            m = _ID.match(line)
            if (m and m.group(1) not in ids) or not line.strip():
                continue
            art = json.loads(line)
            if art.get("id") in ids:
                out[art["id"]] = art
                if len(out) == len(ids):
                    break
    return out


def referee_keys(shared: Path | None) -> tuple[Keys, str]:
    """The referee's `keys` (../shared/eval/score.py), else kgraph's copy of its rules."""
    path = shared / REFEREE if shared else None
    if path and path.exists():
        spec = importlib.util.spec_from_file_location("kgraph_bank_referee", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.keys, str(path)
    return surface_keys, "kgraph.evaluate.surface_keys"


def extract_lexicon(art: dict) -> Extraction:
    """kgraph's extraction of one corpus record (the whole article, dictionary NER)."""
    from .pipeline import NerConfig, extract_article

    article = Article(id=art["id"], text=art["text"], title=art.get("title"), date=art.get("date"),
                      source=art.get("source"))
    return extract_article(article, NerConfig(mode="lexicon"))


def record_problems(rec: dict, drawn: dict[str, dict], articles: dict[str, dict]) -> list[str]:
    """Why a record cannot be scored: unknown id or article, a sha1 the corpus no longer gives."""
    rid = rec.get("id")
    d = drawn.get(rid)
    if d is None:
        return [f"{rid}: not in drawn.jsonl"]
    if rec.get("article") != d["article"]:
        return [f"{rid}: article {rec.get('article')} is not the drawn {d['article']}"]
    if d["article"] not in articles:
        return [f"{rid}: article {d['article']} not in the corpus"]
    text = articles[d["article"]]["text"]
    bad = [] if sha1(text[d["start"]:d["end"]]) == d["sha1"] else [f"{rid}: the sentence does not match its sha1"]
    spans = [p for m in rec.get("meetings", []) for p in m.get("participants", [])]
    spans += [x for dm in rec.get("demands", []) for x in (dm.get("actor"), dm.get("target")) if x]
    for x in spans:
        s, e = x["span"]
        if sha1(text[s:e]) != x.get("sha1"):
            bad.append(f"{rid}: span {[s, e]} does not match its sha1")
    return bad


# -- matching ------------------------------------------------------------------------------------
def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def entity_forms(ex: Extraction, keys: Keys) -> dict[str, tuple[list[Span], set[str]]]:
    """Per entity id: its mention spans and the keys of its name, aliases and mentions."""
    out = {}
    for e in ex.entities:
        names = [e.name, *e.aliases, *(m.surface for m in e.mentions)]
        out[e.id] = ([(m.start, m.end) for m in e.mentions], {k for n in names for k in keys(n)})
    return out


def namers(span: Span, text: str, forms: dict[str, tuple[list[Span], set[str]]], keys: Keys) -> set[str]:
    """The entities a gold span names: those with the mention closest to it among the mentions that
    overlap it (overlap / union: a role phrase, not the state of the nisba inside it), and those
    sharing a key with its text."""
    def close(m: Span) -> float:
        return max(0, min(m[1], span[1]) - max(m[0], span[0])) / (max(m[1], span[1]) - min(m[0], span[0]))

    near = {eid: max(map(close, spans), default=0.0) for eid, (spans, _) in forms.items()}
    best = max(near.values(), default=0.0)
    span_keys = set(keys(text[span[0]:span[1]]))
    found = {eid for eid, (_, ks) in forms.items() if (best > 0 and near[eid] == best) or span_keys & ks}
    # a capital named as the place visited names its state too (dev3 convention 33)
    capitals = default_dictionary().capitals
    return found | {capitals[eid][0] for eid in found if eid in capitals and capitals[eid][0] in forms}


def identity(span: Span, text: str, keys: Keys):
    """What one gold actor is, to merge repeated pairs: its keys (the span when it has none)."""
    return frozenset(keys(text[span[0]:span[1]])) or span


def gold_pairs(rec: dict, text: str, keys: Keys) -> dict[str, dict]:
    """Status -> {pair identity: (span, span)} of the annotated meetings (held and the others)."""
    out: dict[str, dict] = {}
    for m in rec.get("meetings", []):
        spans = [tuple(p["span"]) for p in m.get("participants", [])]
        pairs = out.setdefault(m.get("status", HELD), {})
        for i, a in enumerate(spans):
            for b in spans[i + 1:]:
                ia, ib = identity(a, text, keys), identity(b, text, keys)
                if ia != ib:
                    pairs.setdefault(frozenset((ia, ib)), (a, b))
    return out


def system_items(ex: Extraction, sentence: Span) -> tuple[set[tuple[str, str]], dict[tuple[str, str], str]]:
    """The held meeting pairs (entity ids) and the (actor, topic) -> stance demands whose evidence
    overlaps the sentence."""
    pairs: set[tuple[str, str]] = set()
    for m in ex.meetings:
        if m.status == HELD and overlaps((m.evidence.start, m.evidence.end), sentence):
            ids = sorted({p.entity_id for p in m.participants})
            pairs |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]}
    demands: dict[tuple[str, str], str] = {}
    for d in ex.demands:
        if overlaps((d.evidence.start, d.evidence.end), sentence):
            demands.setdefault((d.actor, d.topic), d.stance)
    return pairs, demands


@dataclass
class Tally:
    """Counts of some records: meeting and demand pairs, stances, not-held pairs reported held."""
    records: int = 0
    meetings: Counts = field(default_factory=Counts)
    demands: Counts = field(default_factory=Counts)
    stance_right: int = 0
    stance_scored: int = 0
    not_held: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0] for s in NOT_HELD})

    def add(self, other: Tally) -> None:
        self.records += other.records
        self.meetings.add(other.meetings)
        self.demands.add(other.demands)
        self.stance_right += other.stance_right
        self.stance_scored += other.stance_scored
        for s, (n, held) in other.not_held.items():
            self.not_held.setdefault(s, [0, 0])
            self.not_held[s][0] += n
            self.not_held[s][1] += held

    def as_dict(self) -> dict:
        return {"records": self.records, "meetings": self.meetings.as_dict(), "demands": self.demands.as_dict(),
                "stance_accuracy": round(self.stance_right / self.stance_scored, 3) if self.stance_scored else None,
                "stance_scored": self.stance_scored,
                "not_held": {s: {"gold": n, "reported_held": h} for s, (n, h) in self.not_held.items()}}


def score_record(rec: dict, sentence: Span, text: str, ex: Extraction, keys: Keys) -> Tally:
    """One annotated sentence against the extraction of its whole article."""
    forms = entity_forms(ex, keys)
    named: dict[Span, set[str]] = {}

    def hits(span: Span, eid: str) -> bool:
        if span not in named:
            named[span] = namers(span, text, forms, keys)
        return eid in named[span]

    def met(pair: tuple[Span, Span], a: str, b: str) -> bool:
        g, h = pair
        return (hits(g, a) and hits(h, b)) or (hits(g, b) and hits(h, a))

    out = Tally(records=1)
    sys_pairs, sys_demands = system_items(ex, sentence)
    gold = gold_pairs(rec, text, keys)
    held = gold.pop(HELD, {})
    cands = [{k for k, pair in held.items() if met(pair, a, b)} for a, b in sorted(sys_pairs)]
    hit = max_matching(cands)
    out.meetings = Counts(hit, len(sys_pairs), hit, len(held))
    for status, pairs in gold.items():
        pairs = [p for k, p in pairs.items() if k not in held]
        out.not_held[status] = [len(pairs), sum(any(met(p, a, b) for a, b in sys_pairs) for p in pairs)]

    gold_dem: dict[tuple, tuple[Span, set[str]]] = {}
    for d in rec.get("demands", []):
        span = tuple(d["actor"]["span"])
        gold_dem.setdefault((identity(span, text, keys), d["topic"]), (span, set()))[1].add(d.get("stance", "demand"))
    cands = []
    for (actor, topic), stance in sorted(sys_demands.items()):
        c = {k for k, (span, _) in gold_dem.items() if k[1] == topic and hits(span, actor)}
        cands.append(c)
        if c:
            out.stance_scored += 1
            out.stance_right += any(stance in gold_dem[k][1] for k in c)
    hit = max_matching(cands)
    out.demands = Counts(hit, len(sys_demands), hit, len(gold_dem))
    return out


def classes_of(rec: dict) -> list[int]:
    cs = rec.get("classes") or []
    cs = [cs] if isinstance(cs, int) else cs
    return sorted({c for c in cs if c}) or [0]


def score_records(records: list[dict], drawn: dict[str, dict], articles: dict[str, dict],
                  extract: Callable[[dict], Extraction], keys: Keys) -> dict:
    """The bank's report: overall and per-class tallies, and the records that could not be scored."""
    total, by_class, problems, seen = Tally(), {}, [], set()
    for rec in records:
        bad = record_problems(rec, drawn, articles)
        if rec.get("id") in seen:
            bad.append(f"{rec.get('id')}: annotated twice")
        seen.add(rec.get("id"))
        if bad:
            problems += bad
            continue
        d = drawn[rec["id"]]
        art = articles[d["article"]]
        t = score_record(rec, (d["start"], d["end"]), art["text"], extract(art), keys)
        total.add(t)
        for c in classes_of(rec):
            by_class.setdefault(c, Tally()).add(t)
    return {"records": len(records), "scored": total.records, "problems": problems, "overall": total.as_dict(),
            "classes": {str(c): by_class[c].as_dict() for c in sorted(by_class)}}


def score_bank(bank: Path, shared: Path, extract: Callable[[dict], Extraction] = extract_lexicon) -> dict:
    """Score the annotated records of `bank` against the corpus of `shared`."""
    drawn, records = load_bank(bank)
    keys, keys_from = referee_keys(shared)
    ids = {drawn[r["id"]]["article"] for r in records if r.get("id") in drawn}
    articles = read_articles(shared / CORPUS, ids)
    return {**score_records(records, drawn, articles, extract, keys), "keys": keys_from}


# -- report --------------------------------------------------------------------------------------
def format_report(result: dict) -> str:
    """The report as a plain-text table."""
    def cells(c: dict) -> str:  # "-" where there is nothing to divide by
        p, r = (f"{c[k]:5.3f}" if c[n] else "    -" for k, n in (("precision", "system"), ("recall", "gold")))
        f1 = f"{c['f1']:5.3f}" if c["system"] and c["gold"] else "    -"
        return f"{p} {r} {f1} {c['gold']:4d} {c['system']:4d}"

    head = f"{'P':>5s} {'R':>5s} {'F1':>5s} {'gold':>4s} {'sys':>4s}"
    lines = [f"relation bank: {result['scored']} of {result['records']} annotated records scored"
             + (f" (keys: {result['keys']})" if "keys" in result else ""),
             f"{'':27s} {'records':>7s} | meeting pairs {'':14s} | demand pairs {'':15s} | stance",
             f"{'class':27s} {'':7s} | {head} | {head} |"]
    rows = [("all", result["overall"])] + [(f"{c} {CLASS_NAMES.get(int(c), '')}", t)
                                           for c, t in result["classes"].items()]
    for label, t in rows:
        acc = t["stance_accuracy"]
        lines.append(f"{label:27s} {t['records']:7d} | {cells(t['meetings'])} | {cells(t['demands'])} | "
                     + (f"{acc:.3f} ({t['stance_scored']})" if acc is not None else "-"))
    nh = result["overall"]["not_held"]
    lines.append("gold meeting pairs not held, reported held by the system: "
                 + ", ".join(f"{s} {v['reported_held']}/{v['gold']}" for s, v in nh.items()))
    lines += [f"not scored: {p}" for p in result["problems"]]
    return "\n".join(lines)
