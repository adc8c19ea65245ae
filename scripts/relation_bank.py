"""The relation bank: sentences drawn from the SaudiNewsNet corpus, annotated by hand, stored stand-off.

    python scripts/relation_bank.py draw --seed 20261203 --n 320 -o bank-work
    python scripts/relation_bank.py anchor tests/data/relation_bank/raw-1.jsonl \\
        -o tests/data/relation_bank/annotated-1.jsonl
    python scripts/relation_bank.py show b0001 b0002
    python scripts/relation_bank.py check
    python scripts/relation_bank.py score [--json]

`draw` splits every article with kgraph's sentence splitter, keeps the sentences of 8-80 words
in which kgraph's meeting or demand cue matcher finds a cue, and draws half of the bank from
each kind (seeded, at most one sentence per article, no article of the evaluation sets). It
writes `drawn.jsonl` (article id, character offsets, sha1: no text) and `chunk-N.md` files
that show each sentence with its context for the annotators. `anchor` turns annotations
written with surface strings into offsets; `show` prints them back; `check` verifies the
committed annotations against the corpus; `score` runs kgraph on the annotated articles and
reports precision and recall per construction class (kgraph.bank). The corpus is CC BY-NC-SA:
no text of it may be committed, only offsets. See tests/data/relation_bank/README.md.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kgraph.normalize import fold, fold_with_offsets, is_mark  # noqa: E402
from kgraph.types import STANCES, TOPICS  # noqa: E402

if TYPE_CHECKING:  # the relation layer (spaCy) is imported only by `draw`, so `anchor` and its test stay light
    from kgraph.relations.cues import CueMatcher

SHARED = ROOT.parent / "shared"
CORPUS = "data/news/saudinewsnet/articles.jsonl.gz"  # under ../shared
EVAL_SOURCES = ("corpus-dev3/SOURCES.md", "corpus-dev2/SOURCES.md")
BANK = ROOT / "tests/data/relation_bank"
KINDS = ("meeting", "demand")
STATUSES = ("held", "planned", "possible", "denied", "habitual")
CLASSES = range(9)
NOT_CUES = ("NOT_THING",)  # labels of a cue file that mark no cue (demand_cues: a thing that is no demand)
MIN_WORDS, MAX_WORDS, CONTEXT, CHUNK = 8, 80, 3, 80


class BankError(Exception):
    """A record that cannot be anchored or checked; the message names the id and the value."""


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# -- corpus ------------------------------------------------------------------------------------
def read_corpus(path: Path, ids=None):
    """The article records of the corpus, in file order (only those in `ids` when given)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            if ids is None or art["id"] in ids:
                yield art


def excluded(shared: Path) -> tuple[set[str], set[str]]:
    """Article ids and URLs named in the evaluation sets' SOURCES files."""
    ids, urls = set(), set()
    for name in EVAL_SOURCES:
        text = (shared / name).read_text(encoding="utf-8")
        ids.update(re.findall(r"snn-\d{4}-\d\d-\d\d-\d+", text))
        urls.update(u.rstrip(").,") for u in re.findall(r"https?://[^\s|`]+", text))
    return ids, urls


# -- cue sentences -----------------------------------------------------------------------------
def cue_matchers() -> dict[str, CueMatcher]:
    """kgraph's meeting and demand matchers; the clitic readings they look up are memoised per word
    form (the same function, called once per form instead of once per token: the draw runs 4x faster)."""
    from kgraph.relations import cues as cue_module
    from kgraph.relations.cues import DEMAND_CUES, MEETING_CUES, CueMatcher, load_cues

    if not hasattr(cue_module.readings, "cache_info"):
        cue_module.readings = functools.lru_cache(maxsize=300_000)(cue_module.readings)
    return {"meeting": CueMatcher([p for p in load_cues(MEETING_CUES) if p.label not in NOT_CUES]),
            "demand": CueMatcher([p for p in load_cues(DEMAND_CUES) if p.label not in NOT_CUES])}


class Prefilter:
    """A sentence can hold a cue only if every key of one of its patterns is a reading of a token.

    Token readings are memoised per word form, so the corpus is read once per form; the
    matcher itself then runs on the sentences that pass.
    """

    def __init__(self, matcher: CueMatcher):
        from kgraph.relations.cues import readings  # the function the matcher itself calls

        self.readings = readings
        self.words = {k for p in matcher.patterns for k in p.keys}
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in matcher.patterns:
            self.by_first.setdefault(p.keys[0], []).append(p.keys)
        self.memo: dict[str, frozenset[str]] = {}

    def keys(self, word: str) -> frozenset[str]:
        if word not in self.memo:
            self.memo[word] = frozenset({r.key for r in self.readings(word)} & self.words)
        return self.memo[word]

    def passes(self, words: list[str]) -> bool:
        found = set().union(*(self.keys(w) for w in words)) if words else set()
        return any(set(keys) <= found for k in found for keys in self.by_first.get(k, ()))


def cue_sentences(art: dict, matchers: dict, filters: dict):
    """(start, end, {kind: [cue surfaces]}) for the 8-80 word sentences of one article holding a cue."""
    from kgraph.relations.sentences import split_sentences
    from kgraph.relations.tokens import tokenize

    text = art["text"]
    for s, e in split_sentences(text):
        tokens = tokenize(text[s:e])
        words = [t.text for t in tokens if not t.is_punct]
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            continue
        cues = {}
        for kind, m in matchers.items():
            if filters[kind].passes(words):
                found = m.find(tokens)
                if found:
                    cues[kind] = [text[s + c.char_start:s + c.char_end] for c in found]
        if cues:
            yield s, e, cues


def pick(pools: dict[str, list], n: int, seed: int) -> list[tuple[str, dict]]:
    """Draw n/2 candidates of each kind, alternating kinds, one per article and per sentence text."""
    rng = random.Random(seed)
    orders = {kind: rng.sample(pools[kind], len(pools[kind])) for kind in KINDS}
    at = dict.fromkeys(KINDS, 0)
    quota = {"meeting": n - n // 2, "demand": n // 2}
    chosen, articles, texts = [], set(), set()
    while any(quota.values()):
        progressed = False
        for kind in KINDS:
            while quota[kind] and at[kind] < len(orders[kind]):
                cand = orders[kind][at[kind]]
                at[kind] += 1
                if cand["article"] in articles or cand["sha1"] in texts:
                    continue
                articles.add(cand["article"])
                texts.add(cand["sha1"])
                chosen.append((kind, cand))
                quota[kind] -= 1
                progressed = True
                break
        if not progressed:
            raise BankError(f"not enough cue sentences to draw {n}: {quota} left")
    return chosen


def draw(shared: Path, out: Path, seed: int, n: int, log=sys.stderr) -> dict:
    corpus = shared / CORPUS
    ex_ids, ex_urls = excluded(shared)
    matchers = cue_matchers()
    filters = {k: Prefilter(m) for k, m in matchers.items()}
    pools: dict[str, list] = {k: [] for k in KINDS}
    with_cues, skipped = set(), 0
    for i, art in enumerate(read_corpus(corpus)):
        if i % 2000 == 0:
            print(f"  {i} articles read", file=log, flush=True)
        if art["id"] in ex_ids or art.get("url") in ex_urls:
            skipped += 1
            continue
        for s, e, cues in cue_sentences(art, matchers, filters):
            cand = {"article": art["id"], "start": s, "end": e, "sha1": sha1(art["text"][s:e]), "cues": cues}
            for kind in cues:
                pools[kind].append(cand)
            with_cues.add(art["id"])
    chosen = pick(pools, n, seed)
    arts = {a["id"]: a for a in read_corpus(corpus, {c["article"] for _, c in chosen})}
    out.mkdir(parents=True, exist_ok=True)
    records = []
    with open(out / "drawn.jsonl", "w", encoding="utf-8") as f:
        for i, (kind, c) in enumerate(chosen, 1):
            rec = {"id": f"b{i:04d}", "article": c["article"], "start": c["start"], "end": c["end"],
                   "cue": kind, "sha1": c["sha1"]}
            records.append(rec)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    for k in range(0, len(chosen), CHUNK):
        part = [(rec, c) for rec, (_, c) in zip(records[k:k + CHUNK], chosen[k:k + CHUNK], strict=True)]
        (out / f"chunk-{k // CHUNK + 1}.md").write_text(chunk_md(part, arts, k // CHUNK + 1), encoding="utf-8")
    return {"excluded_articles": skipped,
            "cue_sentences": {k: len(v) for k, v in pools.items()},
            "articles_with_cue_sentences": len(with_cues),
            "drawn": {k: sum(r["cue"] == k for r in records) for k in KINDS},
            "outlets": len({arts[r["article"]]["source"] for r in records})}


def chunk_md(part, arts: dict, number: int) -> str:
    from kgraph.relations.sentences import split_sentences

    lines = [f"# Relation bank, chunk {number} ({part[0][0]['id']}-{part[-1][0]['id']})", "",
             "Annotate each sentence marked >>> <<< as tests/data/relation_bank/README.md says: one JSON line",
             f"per id in tests/data/relation_bank/raw-{number}.jsonl. The lines before it are context only.",
             "Corpus text (CC BY-NC-SA): never commit this file.", ""]
    for rec, cand in part:
        art = arts[rec["article"]]
        text, spans = art["text"], split_sentences(art["text"])
        before = [sp for sp in spans if sp[1] <= rec["start"]][-CONTEXT:]
        cues = "; ".join(f"{k}: " + "، ".join(v) for k, v in cand["cues"].items())
        lines += ["---", "", f"## {rec['id']}", "",
                  f"- drawn for: {rec['cue']} (cues: {cues})",
                  f"- outlet: {art.get('source')} · article: {art['id']} · {art.get('date')}",
                  f"- title: {art.get('title', '').strip()}", ""]
        lines += [f"    {text[s:e]}" for s, e in before] or ["    (first sentence of the article)"]
        lines += ["", ">>> " + text[rec["start"]:rec["end"]] + " <<<", ""]
    return "\n".join(lines)


# -- anchoring ---------------------------------------------------------------------------------
def locate(text: str, surface: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of `surface` in `text`: inside [start, end), else the nearest before, else after.

    Within each of the three, an occurrence that is whole words comes first (مصر, not the مصر of
    المصري), the earliest inside, the nearest before, the first after. Matched as written; failing
    that, on folded text (hamza forms, ى/ي, ة/ه, diacritics); the span is the article's own characters.
    """
    surface = surface.strip()
    if surface:
        hits = [(m.start(), m.start() + len(surface)) for m in re.finditer(re.escape(surface), text)]
        if not hits:
            folded, offs = fold_with_offsets(text)
            key = fold(surface)
            hits = [(offs[m.start()], offs[m.start() + len(key) - 1] + 1)
                    for m in re.finditer(re.escape(key), folded)] if key else []
        inside = [h for h in hits if start <= h[0] and h[1] <= end]
        before = [h for h in hits if h[0] < start][::-1]
        after = [h for h in hits if h[0] >= start and h not in inside]
        for region in (inside, before, after):
            if region:
                return next((h for h in region if whole(text, *h)), region[0])
    raise BankError(f"«{surface}» not found in the article")


def whole(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is whole words (no letter or mark glued to either side)."""
    return ((start == 0 or not (text[start - 1].isalnum() or is_mark(text[start - 1])))
            and (end == len(text) or not (text[end].isalnum() or is_mark(text[end]))))


def anchor_record(raw: dict, drawn: dict, text: str) -> dict:
    """One annotation with surface strings -> the same with {"span", "sha1"} in their place."""
    rid = raw.get("id")
    s, e = drawn["start"], drawn["end"]

    def span(surface) -> dict:
        if not isinstance(surface, str):
            raise BankError(f"{rid}: expected a string, got {surface!r}")
        try:
            a, b = locate(text, surface, s, e)
        except BankError as err:
            raise BankError(f"{rid}: {err}") from None
        return {"span": [a, b], "sha1": sha1(text[a:b])}

    classes = raw.get("classes") or []
    out = {"id": rid, "article": drawn["article"], "classes": [classes] if isinstance(classes, int) else classes,
           "meetings": [], "demands": []}
    for m in raw.get("meetings") or []:
        rec = {"participants": [span(p) for p in m.get("participants", [])], "status": m.get("status", "held")}
        rec.update({k: m[k] for k in ("mode", "note") if k in m})
        out["meetings"].append(rec)
    for d in raw.get("demands") or []:
        rec = {"actor": span(d.get("actor")), "topic": d.get("topic"), "stance": d.get("stance", "demand")}
        if d.get("target"):
            rec["target"] = span(d["target"])
        rec.update({k: d[k] for k in ("note",) if k in d})
        out["demands"].append(rec)
    if raw.get("note"):
        out["note"] = raw["note"]
    out["classes"] = [c for c in out["classes"] if c != 0]
    problems = validate(out)
    if problems:
        raise BankError(f"{rid}: " + "; ".join(problems))
    return out


def validate(rec: dict) -> list[str]:
    """What is wrong with the labels of one anchored record (spans are checked apart)."""
    bad = []
    if not all(isinstance(c, int) and c in CLASSES for c in rec.get("classes", [])):
        bad.append(f"classes {rec.get('classes')!r} not in 0-8")
    for m in rec.get("meetings", []):
        if m.get("status") not in STATUSES:
            bad.append(f"status {m.get('status')!r} not one of {', '.join(STATUSES)}")
        if len(m.get("participants", [])) < 2:
            bad.append("a meeting needs at least two participants")
    for d in rec.get("demands", []):
        if d.get("topic") not in TOPICS:
            bad.append(f"topic {d.get('topic')!r} not one of {', '.join(TOPICS)}")
        if d.get("stance") not in STANCES:
            bad.append(f"stance {d.get('stance')!r} not one of {', '.join(STANCES)}")
    return bad


def spans_of(rec: dict):
    """Every {"span", "sha1"} of an anchored record, with a label saying where it sits."""
    for n, m in enumerate(rec.get("meetings", [])):
        for p in m.get("participants", []):
            yield f"meeting {n + 1}", p
    for n, d in enumerate(rec.get("demands", [])):
        yield f"demand {n + 1} actor", d.get("actor")
        if "target" in d:
            yield f"demand {n + 1} target", d["target"]


# -- files -------------------------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip() and not line.lstrip().startswith("#")]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def texts_for(corpus: Path, drawn: list[dict]) -> dict[str, str]:
    ids = {d["article"] for d in drawn}
    return {a["id"]: a["text"] for a in read_corpus(corpus, ids)}


# -- commands ----------------------------------------------------------------------------------
def cmd_draw(args) -> int:
    stats = draw(args.shared, args.out, args.seed, args.n)
    print(json.dumps({"seed": args.seed, "n": args.n, **stats}, ensure_ascii=False, indent=1))
    return 0


def cmd_anchor(args) -> int:
    drawn = {d["id"]: d for d in read_jsonl(args.drawn)}
    raws = read_jsonl(args.input)
    unknown = [r.get("id") for r in raws if r.get("id") not in drawn]
    if unknown:
        raise BankError(f"ids not in {args.drawn}: {', '.join(map(str, unknown))}")
    texts = texts_for(args.corpus, [drawn[r["id"]] for r in raws])
    write_jsonl(args.out, [anchor_record(r, drawn[r["id"]], texts[drawn[r["id"]]["article"]]) for r in raws])
    print(f"{len(raws)} records anchored -> {args.out}", file=sys.stderr)
    return 0


def annotations(bank: Path) -> dict[str, tuple[Path, dict]]:
    out = {}
    for path in sorted(bank.glob("annotated-*.jsonl")):
        for rec in read_jsonl(path):
            out.setdefault(rec.get("id"), (path, rec))
    return out


def cmd_show(args) -> int:
    drawn = {d["id"]: d for d in read_jsonl(args.drawn)}
    notes = annotations(args.bank)
    texts = texts_for(args.corpus, [drawn[i] for i in args.ids if i in drawn])
    for i in args.ids:
        if i not in drawn:
            print(f"{i}: not in {args.drawn}")
            continue
        d = drawn[i]
        text = texts[d["article"]]
        print(f"== {i} {d['article']} [{d['start']}:{d['end']}] drawn for {d['cue']}")
        print(text[d["start"]:d["end"]])
        if i not in notes:
            print("  (not annotated)")
            continue
        rec = notes[i][1]
        say = functools.partial(quote, text)
        print(f"  classes: {rec.get('classes')}" + (f"  note: {rec['note']}" if rec.get("note") else ""))
        for m in rec.get("meetings", []):
            print(f"  meeting ({m.get('status')}{', ' + m['mode'] if m.get('mode') else ''}): "
                  + " + ".join(say(p) for p in m.get("participants", [])))
        for dm in rec.get("demands", []):
            target = f" -> {say(dm['target'])}" if "target" in dm else ""
            print(f"  {dm.get('stance')} {dm.get('topic')}: {say(dm['actor'])}{target}")
    return 0


def quote(text: str, x: dict) -> str:
    return f"«{text[x['span'][0]:x['span'][1]]}»@{x['span'][0]}"


def cmd_check(args) -> int:
    drawn_rows = read_jsonl(args.drawn)
    drawn = {d["id"]: d for d in drawn_rows}
    problems = []
    if len(drawn) != len(drawn_rows):
        problems.append(f"{args.drawn}: duplicate ids")
    texts = texts_for(args.corpus, drawn_rows)
    for d in drawn_rows:
        text = texts.get(d["article"])
        if text is None or sha1(text[d["start"]:d["end"]]) != d["sha1"]:
            problems.append(f"{d['id']}: drawn sentence does not match the corpus")
    seen: dict[str, Path] = {}
    files = sorted(args.bank.glob("annotated-*.jsonl"))
    for path in files:
        for rec in read_jsonl(path):
            rid = rec.get("id")
            where = f"{path.name} {rid}"
            if rid not in drawn:
                problems.append(f"{where}: id not in drawn.jsonl")
                continue
            if rid in seen:
                problems.append(f"{where}: also in {seen[rid].name}")
            seen[rid] = path
            if rec.get("article") != drawn[rid]["article"]:
                problems.append(f"{where}: article {rec.get('article')} is not the drawn {drawn[rid]['article']}")
            problems += [f"{where}: {p}" for p in validate(rec)]
            text = texts.get(drawn[rid]["article"], "")
            for label, x in spans_of(rec):
                if not x or sha1(text[x["span"][0]:x["span"][1]]) != x.get("sha1"):
                    problems.append(f"{where}: {label} span {x and x.get('span')} does not match its sha1")
    for p in problems:
        print(p)
    print(f"{len(drawn)} drawn, {len(seen)} annotated in {len(files)} files, {len(problems)} problems",
          file=sys.stderr)
    return 1 if problems else 0


def cmd_score(args) -> int:
    from kgraph.bank import format_report, score_bank

    if not args.corpus.exists():
        raise BankError(f"{args.corpus}: no corpus (pass --shared)")
    result = score_bank(args.bank, args.shared)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 1 if result["problems"] else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (corpus, evaluation sets)")
    ap.add_argument("--bank", type=Path, default=BANK, help="folder of drawn.jsonl and annotated-*.jsonl")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("draw", help="draw the bank's sentences and write the annotators' chunks")
    p.add_argument("--seed", type=int, default=20261203)
    p.add_argument("--n", type=int, default=320)
    p.add_argument("-o", "--out", type=Path, default=ROOT / "bank-work")
    p.set_defaults(run=cmd_draw)
    p = sub.add_parser("anchor", help="turn surface strings of an annotation file into offsets")
    p.add_argument("input", type=Path)
    p.add_argument("-o", "--out", type=Path, required=True)
    p.set_defaults(run=cmd_anchor)
    p = sub.add_parser("show", help="print sentences and their annotation")
    p.add_argument("ids", nargs="+")
    p.set_defaults(run=cmd_show)
    p = sub.add_parser("check", help="verify the committed annotations against the corpus")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("score", help="kgraph's meetings and demands on the annotated sentences: P/R/F1 per class")
    p.add_argument("--json", action="store_true", help="the whole report as JSON")
    p.set_defaults(run=cmd_score)
    args = ap.parse_args(argv)
    args.drawn = args.bank / "drawn.jsonl"
    args.corpus = args.shared / CORPUS
    try:
        return args.run(args)
    except BankError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
