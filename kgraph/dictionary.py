"""The embedded dictionary: actors, titles and context words, loaded from data files.

Every call to `load_dictionary()` builds fresh containers, so two matchers never share
(or mutate) one list. Data files live in `kgraph/data/` (see its README); a user can
point `KGRAPH_DATA` at a directory holding extra `actors.jsonl`-shaped files to extend it.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import DataError
from .normalize import fold, key, phrase_words

DATA_DIR = Path(__file__).parent / "data"

# Phrase labels, in order of preference when one span carries several.
ACTOR = "ACTOR"
DEMONYM = "DEMONYM"
CAPITAL = "CAPITAL"
TITLE = "TITLE"
HONORIFIC = "HONORIFIC"
ORG_HEAD = "ORG_HEAD"
STATE_REF = "STATE_REF"
NON_ACTOR = "NON_ACTOR"
LABEL_ORDER = (ACTOR, TITLE, ORG_HEAD, STATE_REF, HONORIFIC, NON_ACTOR, DEMONYM, CAPITAL)


@dataclass(frozen=True)
class Phrase:
    """One surface phrase of the dictionary: what it is (`label`) and what it names (`key`)."""
    text: str
    label: str
    key: str


@dataclass
class Dictionary:
    """Actors by id, and every phrase the matcher looks for."""
    actors: dict[str, dict] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    capitals: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # loc id -> (state, ar, en)
    org_by_head: dict[tuple[str, str], str] = field(default_factory=dict)  # (state, head) -> org
    alias_keys: dict[str, str] = field(default_factory=dict)  # key(alias) -> actor id
    title_roles: dict[str, str] = field(default_factory=dict)  # post ("foreign minister") -> role ("minister")
    definite_org_heads: set[str] = field(default_factory=set)  # heads that name one body only with ال
    venue_cues: frozenset[str] = frozenset()
    name_stops: frozenset[str] = frozenset()
    name_connectors: frozenset[str] = frozenset()
    capital_actor_cues: frozenset[str] = frozenset()
    role_tails: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    org_name_heads: frozenset[str] = frozenset()
    org_list_heads: frozenset[str] = frozenset()
    org_body_heads: frozenset[str] = frozenset()
    org_anaphors: frozenset[str] = frozenset()
    media_cues: frozenset[str] = frozenset()
    kin_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()
    quoted_org_heads: frozenset[str] = frozenset()
    venue_cancels: frozenset[str] = frozenset()
    institution_heads: frozenset[str] = frozenset()
    institution_stops: frozenset[str] = frozenset()
    institution_adjectives: frozenset[str] = frozenset()
    name_compounds: frozenset[str] = frozenset()
    family_markers: frozenset[str] = frozenset()

    def vocabulary(self) -> frozenset[str]:
        """Every word key used by some phrase (guides clitic stripping)."""
        return frozenset(w for p in self.phrases for w in phrase_words(p.text))

    def actor(self, key: str) -> dict | None:
        return self.actors.get(key)

    def post_owner(self, of: str, role: str) -> str:
        """Whose post a role phrase names: a minister of a state's ministry is that state's
        minister ("وزيرة الخارجية الأمريكية" = "وزير الخارجية الأمريكي")."""
        ministry = self.actors.get(of)
        if role == "minister" and ministry and ministry.get("kind") == "ministry" and ministry.get("state"):
            return ministry["state"]
        return of

    def holds(self, person: str, of: str, role: str) -> bool:
        """Does the dictionary list `person` in a post of `role` for `of`?"""
        owner = self.post_owner(of, role)
        return any(p.get("role") == role and self.post_owner(p.get("of", ""), role) == owner
                   for p in (self.actors.get(person) or {}).get("posts") or [])


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON-lines data file (blank and # lines skipped); DataError names the line."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror})") from exc
    for n, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
    return rows


# one-word-per-line lists in the data folder: Dictionary field = file name without ".txt"
WORD_LISTS = ("venue_cues", "name_stops", "name_connectors", "capital_actor_cues", "role_tails",
              "speech_verbs", "org_name_heads", "org_list_heads", "org_body_heads", "org_anaphors",
              "media_cues", "kin_nouns", "place_nouns", "region_words",
              "quoted_org_heads", "venue_cancels", "institution_heads", "institution_stops",
              "institution_adjectives", "name_compounds", "family_markers")


def _read_words(path: Path) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return frozenset(words)


def slug(text: str) -> str:
    """A lowercase ASCII id from an English name: "Tel Aviv" -> "tel_aviv"."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _add_actor(d: Dictionary, row: dict, where: str) -> None:
    missing = [f for f in ("id", "type", "name") if f not in row]
    if missing:
        raise DataError(f"{where}: actor record lacks {missing[0]!r}")
    aid, name = row["id"], row["name"]
    d.actors[aid] = row
    for text in [name, *row.get("aliases", [])]:
        d.phrases.append(Phrase(text, ACTOR, aid))
        d.alias_keys.setdefault(key(text), aid)
    if row.get("state"):
        for head in row.get("heads", []):
            d.org_by_head.setdefault((row["state"], head), aid)
    for text in row.get("demonyms", []):
        d.phrases.append(Phrase(text, DEMONYM, row.get("demonym_of", aid)))
    capitals = row.get("capitals") or []
    if capitals and row.get("capital_en"):
        loc = slug(row["capital_en"])
        d.capitals[loc] = (aid, capitals[0], row["capital_en"])
        for text in capitals:
            d.phrases.append(Phrase(text, CAPITAL, loc))


def load_dictionary(data_dir: str | Path | None = None) -> Dictionary:
    """Read every data file into a fresh Dictionary (kgraph's own, then KGRAPH_DATA's)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    d = Dictionary()
    for row in read_jsonl(base / "actors.jsonl"):
        _add_actor(d, row, str(base / "actors.jsonl"))
    for name, label in (("titles.jsonl", None), ("org_heads.jsonl", ORG_HEAD),
                        ("state_refs.jsonl", STATE_REF), ("non_actor_heads.jsonl", NON_ACTOR)):
        path = base / name
        if not path.exists():
            continue
        for row in read_jsonl(path):
            lab = label or row.get("label", TITLE)
            # a title names its post ("foreign minister"); the post maps to a closed-set role
            key = row.get("id") or row.get("role") or lab.lower()
            if lab == TITLE:
                d.title_roles[key] = row.get("role") or key
            if lab == ORG_HEAD and row.get("definite"):
                d.definite_org_heads.add(key)
            d.phrases.append(Phrase(row["pattern"], lab, key))
    for name in WORD_LISTS:
        setattr(d, name, _read_words(base / f"{name}.txt"))
    extra = os.environ.get("KGRAPH_DATA")
    if extra and data_dir is None:
        for path in sorted(Path(extra).glob("*.jsonl")):
            for row in read_jsonl(path):
                _add_actor(d, row, str(path))
    return d


@lru_cache(maxsize=4)
def default_dictionary() -> Dictionary:
    """The shipped dictionary, loaded once per process."""
    return load_dictionary()
