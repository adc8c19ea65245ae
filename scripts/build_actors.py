#!/usr/bin/env python3
"""Build kgraph/data/actors.jsonl, the embedded actor dictionary.

Inputs (all in the repository, no network, no model):
  - babel's CLDR territory names, Arabic and English (Unicode licence), for every
    ISO-3166 state listed in kgraph/data/sources/states.jsonl;
  - kgraph/data/sources/states.jsonl  hand-curated per-state additions (id, Arabic
    variants, masculine demonym bases, capitals);
  - kgraph/data/sources/orgs.jsonl    organisations;
  - kgraph/data/sources/people.jsonl  people and their posts;
  - kgraph/data/org_heads.jsonl       (only to check the `heads` references of orgs).

Output: kgraph/data/actors.jsonl, one JSON object per line, sorted by (type, id),
ensure_ascii=False. The build is deterministic for a given babel/CLDR version.

Usage:  python scripts/build_actors.py [--check]
  --check  build in memory and compare with the file on disk (exit 1 if stale).

The self-check (ids unique, references resolve, no empty strings, closed role set,
every CLDR territory accounted for, no surface form shared by two actors unless
allow-listed below) raises BuildError and exits non-zero.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import babel
from babel import Locale

from kgraph.normalize import fold as fold_letters
from kgraph.normalize import strip_article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kgraph" / "data"
SOURCES = DATA / "sources"
OUT = DATA / "actors.jsonl"

TYPE_ORDER = {"STATE": 0, "ORG": 1, "PERSON": 2}
# Affiliation roles of the gold annotation (dev README rule 11).
ROLES = {"head", "envoy", "minister", "president", "prime minister", "member"}

# CLDR region codes that are not states acting as actors: dependent territories,
# supranational codes and pseudo-regions. EU and UN are ORGs in orgs.jsonl; Western
# Sahara is a disputed territory (the Polisario Front is an ORG).
NON_STATE_TERRITORIES = frozenset("""
AC AI AQ AS AW AX BL BM BQ BV CC CK CP CQ CW CX DG EA EH EU EZ FK FO GF GG GI GL GP GS GU
HK HM IC IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR QO RE SH SJ SX TA TC TF TK UM
UN VG VI WF XA XB YT ZZ
""".split())

# Normalised surface keys that legitimately belong to more than one actor.
# Each is documented in kgraph/data/README.md ("Known shared surface forms").
ALLOWED_SHARED = {
    "عمان": {"oman", "jordan"},   # Oman (عُمان) and Amman (عمّان), Jordan's capital
}



class BuildError(Exception):
    pass


# ---------------------------------------------------------------- helpers
def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise BuildError(f"{path.name}:{n}: bad JSON: {e}") from e
    return rows


def fold(text: str) -> str:
    """The matcher's fold (marks dropped, letter variants unified), spaces collapsed."""
    return " ".join(fold_letters(text).split())


def dedupe(items, exclude=()) -> list[str]:
    """Strip, drop empties and strings equal after folding (first wins), keep order.

    Folding makes أ/ا, ة/ه, ى/ي spelling variants redundant, so only the first is kept.
    """
    seen, out = {fold(x) for x in exclude}, []
    for x in items:
        x = " ".join(x.split())
        if x and fold(x) not in seen:
            seen.add(fold(x))
            out.append(x)
    return out


def surface_key(text: str) -> str:
    """The scorer's normal form (eval SCHEMA.md): fold letters, drop marks, drop ال per word
    (a clitic before it from any word of four letters or more, as the scorer does)."""
    return " ".join(strip_article(w, clitic_longer_than=3) for w in fold(text).split())


# ------------------------------------------------------------- demonyms
_SUFFIXES = ("", "ة", "ون", "ين", "ات", "ان", "تان", "تين", "ا")
# m.sg, f.sg, m.pl nom, m.pl obl (= m.dual obl), f.pl, m.dual nom, f.dual nom, f.dual obl,
# m.sg accusative indefinite (مصريا / مصريًا once marks are dropped; no definite form).


def inflect_demonym(base: str) -> list[str]:
    """All inflected forms of a masculine nisba demonym, with and without ال.

    One word: مصري -> مصري مصرية مصريون مصريين مصريات مصريان مصريتان مصريتين مصريا,
    each but the last also with ال. Several words: words ending in ي inflect together (كوري جنوبي ->
    كورية جنوبية); other words are invariant (جنوب سوداني -> جنوب سودانية). The article
    goes on every word when all inflect (الكوري الجنوبي), else on the first word only
    (الجنوب سوداني).
    """
    words = base.split()
    if not words or not words[-1].endswith("ي"):
        raise BuildError(f"demonym base must end in ي: {base!r}")
    inflecting = [w.endswith("ي") for w in words]
    forms = []
    for suf in _SUFFIXES:
        indef = [w + suf if inf else w for w, inf in zip(words, inflecting, strict=True)]
        if all(inflecting):
            definite = ["ال" + w for w in indef]
        else:
            definite = ["ال" + indef[0]] + indef[1:]
        forms.append(" ".join(indef))
        if suf != "ا":  # tanween accusative has no definite form
            forms.append(" ".join(definite))
    return forms


def demonym_forms(bases: list[str], plurals: list[str]) -> list[str]:
    out = []
    for b in bases:
        out.extend(inflect_demonym(b))
    for p in plurals:  # broken plurals: روس، أتراك، أمريكان ...
        out.extend([p, "ال" + p])
    return dedupe(out)


# ------------------------------------------------------------- builders
def build_states(src: list[dict]) -> tuple[list[dict], dict[str, list[str]]]:
    ar = Locale("ar").territories
    en = Locale("en").territories
    states, demonyms_to = [], {}
    seen_iso = set()
    for s in src:
        sid, iso = s.get("id"), s.get("iso")
        if not sid:
            raise BuildError(f"state without id: {s}")
        if iso:
            if iso not in ar or iso not in en:
                raise BuildError(f"{sid}: ISO code {iso} not in CLDR")
            if iso in seen_iso:
                raise BuildError(f"ISO code {iso} listed twice")
            seen_iso.add(iso)
            cldr_ar, cldr_en = ar[iso], en[iso]
        else:
            if not s.get("name") or not s.get("en"):
                raise BuildError(f"{sid}: a non-ISO state needs name and en")
            cldr_ar = cldr_en = None
        name = s.get("name") or cldr_ar
        aliases = list(s.get("aliases", []))
        if cldr_ar and s.get("cldr_alias", True):
            aliases.insert(0, cldr_ar)
        forms = demonym_forms(s.get("demonym", []), s.get("plurals", []))
        rec = {
            "id": sid,
            "type": "STATE",
            "name": name,
            "en": s.get("en") or cldr_en,
            "aliases": dedupe(aliases, exclude=[name]),
            "demonyms": forms,
            "capitals": dedupe(s.get("capital", [])),
            "capital_en": s.get("capital_en"),
        }
        if iso:
            rec["iso"] = iso
        if s.get("homograph"):
            # the name is also a common word of that class (مالي: "financial"); the matcher reads it
            # as the state only where no noun it could qualify stands before it
            rec["homograph"] = s["homograph"]
        if s.get("demonym_actor"):
            # The demonym refers to another actor (فلسطيني -> palestinian_side).
            demonyms_to[s["demonym_actor"]] = forms
            rec["demonyms"] = []
            rec["demonyms_to"] = s["demonym_actor"]
        states.append(rec)
    missing = sorted(c for c in ar if len(c) == 2 and c.isalpha()
                     and c not in seen_iso and c not in NON_STATE_TERRITORIES)
    if missing:
        raise BuildError(f"CLDR territories neither in states.jsonl nor excluded: {missing}")
    return states, demonyms_to


def build_orgs(src: list[dict], demonyms_to: dict[str, list[str]]) -> list[dict]:
    orgs = []
    for o in src:
        rec = {
            "id": o.get("id"),
            "type": "ORG",
            "name": o.get("name"),
            "en": o.get("en"),
            "aliases": dedupe(o.get("aliases", []), exclude=[o.get("name")]),
        }
        for k in ("state", "kind"):
            if o.get(k):
                rec[k] = o[k]
        if o.get("heads"):
            rec["heads"] = list(o["heads"])
        dem = demonym_forms(o.get("demonym", []), [])
        dem += demonyms_to.get(rec["id"], [])
        if dem:
            rec["demonyms"] = dedupe(dem)
        orgs.append(rec)
    return orgs


def build_people(src: list[dict]) -> list[dict]:
    people = []
    for p in src:
        posts = [{"role": q.get("role"), "title": q.get("title"), "of": q.get("of"),
                  "from": q.get("from"), "to": q.get("to")} for q in p.get("posts", [])]
        people.append({
            "id": p.get("id"),
            "type": "PERSON",
            "name": p.get("name"),
            "en": p.get("en"),
            "aliases": dedupe(p.get("aliases", []), exclude=[p.get("name")]),
            "posts": posts,
        })
    return people


# ------------------------------------------------------------- checks
def surfaces(rec: dict) -> list[str]:
    return [rec["name"], *rec["aliases"], *rec.get("demonyms", []), *rec.get("capitals", [])]


def self_check(actors: list[dict], head_ids: set[str]) -> list[str]:
    """Raise BuildError listing every problem; return warnings."""
    errors, warnings = [], []
    by_id = {}
    for r in actors:
        rid = r.get("id")
        if not rid or not re.fullmatch(r"[a-z0-9_]+", rid):
            errors.append(f"bad id {rid!r}")
        if rid in by_id:
            errors.append(f"duplicate id {rid}")
        by_id[rid] = r
        for field in ("name", "en"):
            if not isinstance(r.get(field), str) or not r[field].strip():
                errors.append(f"{rid}: empty {field}")
        for field in ("aliases", "demonyms", "capitals"):
            vals = r.get(field, [])
            if not isinstance(vals, list) or any(not isinstance(v, str) or not v.strip() for v in vals):
                errors.append(f"{rid}: empty or non-string value in {field}")
        if r["type"] == "ORG" and r.get("state") and by_id.get(r["state"], {}).get("type") not in (None, "STATE"):
            errors.append(f"{rid}: state {r['state']} is not a STATE")
    kinds = {i: r["type"] for i, r in by_id.items()}
    seen_heads = {}
    for r in actors:
        rid = r["id"]
        if r["type"] == "STATE" and r.get("demonyms_to") and kinds.get(r["demonyms_to"]) != "ORG":
            errors.append(f"{rid}: demonyms_to {r['demonyms_to']} is not an ORG")
        if r["type"] == "ORG":
            if r.get("state") and kinds.get(r["state"]) != "STATE":
                errors.append(f"{rid}: unknown state {r['state']}")
            for h in r.get("heads", []):
                if h not in head_ids:
                    errors.append(f"{rid}: head {h} not in org_heads.jsonl")
                if not r.get("state"):
                    errors.append(f"{rid}: heads need a state")
                key = (h, r.get("state"))
                if key in seen_heads:
                    errors.append(f"{rid}: ({h}, {r.get('state')}) already claimed by {seen_heads[key]}")
                seen_heads[key] = rid
        if r["type"] == "PERSON":
            for q in r["posts"]:
                if q["role"] not in ROLES:
                    errors.append(f"{rid}: role {q['role']!r} not in {sorted(ROLES)}")
                if kinds.get(q["of"]) not in ("STATE", "ORG"):
                    errors.append(f"{rid}: post of unknown actor {q['of']!r}")
                if not q.get("title"):
                    errors.append(f"{rid}: post without title")
                for y in ("from", "to"):
                    if q[y] is not None and not (isinstance(q[y], int) and 1900 < q[y] < 2100):
                        errors.append(f"{rid}: bad year {q[y]!r}")
                if q["from"] and q["to"] and q["to"] < q["from"]:
                    errors.append(f"{rid}: post ends before it starts")
            if not r["posts"]:
                warnings.append(f"{rid}: no posts")
    # Surface forms shared by two actors make lookups ambiguous.
    owners = defaultdict(set)
    for r in actors:
        for s in surfaces(r):
            owners[surface_key(s)].add(r["id"])
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and ALLOWED_SHARED.get(key) != ids:
            errors.append(f"surface {key!r} shared by {sorted(ids)}")
    if errors:
        raise BuildError("self-check failed:\n  " + "\n  ".join(errors))
    return warnings


def check_lexicons() -> set[str]:
    """Validate the pattern files next to actors.jsonl; return the ORG_HEAD ids."""
    spec = {
        "titles.jsonl": {"TITLE", "HONORIFIC"},
        "org_heads.jsonl": {"ORG_HEAD"},
        "state_refs.jsonl": {"STATE_REF"},
        "non_actor_heads.jsonl": {"NON_ACTOR"},
    }
    head_ids = set()
    for name, labels in spec.items():
        seen = set()
        for r in read_jsonl(DATA / name):
            if r.get("label") not in labels or not r.get("pattern", "").strip() or not r.get("id"):
                raise BuildError(f"{name}: bad row {r}")
            if (r["label"], r["pattern"]) in seen:
                raise BuildError(f"{name}: duplicate pattern {r['pattern']!r}")
            seen.add((r["label"], r["pattern"]))
            if r["label"] == "TITLE" and r.get("role") not in ROLES:
                raise BuildError(f"{name}: TITLE {r['pattern']!r} has role {r.get('role')!r}")
            if r["label"] == "ORG_HEAD":
                head_ids.add(r["id"])
    return head_ids


# ------------------------------------------------------------- main
def build() -> tuple[list[dict], list[str]]:
    head_ids = check_lexicons()
    states, demonyms_to = build_states(read_jsonl(SOURCES / "states.jsonl"))
    orgs = build_orgs(read_jsonl(SOURCES / "orgs.jsonl"), demonyms_to)
    people = build_people(read_jsonl(SOURCES / "people.jsonl"))
    actors = sorted(states + orgs + people, key=lambda r: (TYPE_ORDER[r["type"]], r["id"]))
    warnings = self_check(actors, head_ids)
    return actors, warnings


def serialise(actors: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in actors)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if actors.jsonl is stale")
    args = ap.parse_args(argv)
    try:
        actors, warnings = build()
    except BuildError as e:
        print(f"build_actors: {e}", file=sys.stderr)
        return 1
    text = serialise(actors)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    counts = defaultdict(int)
    for r in actors:
        counts[r["type"]] += 1
    summary = ", ".join(f"{t} {counts[t]}" for t in TYPE_ORDER)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"build_actors: {OUT.relative_to(ROOT)} is stale; rerun the script", file=sys.stderr)
            return 1
        print(f"up to date ({summary}; babel {babel.__version__})")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(actors)} actors ({summary}; babel {babel.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
