"""Cue data: loading the JSON-lines files and matching them over tokens (spaCy PhraseMatcher).

Each data file holds one pattern per line in spaCy's patterns.jsonl shape,
`{"label": ..., "pattern": "<words>", "id": ...}`, plus optional fields a rule reads
(for instance `"mode": "call"` on a call cue). Lines starting with # are comments. Every
`load_*` call reads the files again into fresh containers, so two matchers never share
(or mutate) one list. A user extends a file by adding lines to it, or by putting a file
with the same name in the directory named by the `KGRAPH_DATA` environment variable.

Matching is on normalised keys: each token is read as proclitics + stem (+ pronoun), see
`tokens.readings`, and the first reading whose key is a cue word becomes the token's NORM
for spaCy's PhraseMatcher; matches are mapped back to exact character offsets.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..dictionary import read_jsonl
from ..errors import DataError
from ..normalize import fold_with_offsets
from .tokens import Reading, Token, pattern_keys, readings

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

MEETING_CUES = "meeting_cues.jsonl"
MEETING_WORDS = "meeting_words.jsonl"
DEMAND_CUES = "demand_cues.jsonl"
STATUS_CUES = "status_cues.jsonl"
TOPICS = "topics.jsonl"


@dataclass(frozen=True)
class CuePattern:
    """One line of a cue file: `label` says what kind of cue, `id` which one."""
    label: str
    pattern: str
    id: str
    keys: tuple[str, ...]
    attrs: dict = field(default_factory=dict, hash=False, compare=False)

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)


@dataclass(frozen=True)
class CueMatch:
    """A cue found in an article: tokens [start, end) and the patterns that match there."""
    start: int
    end: int
    char_start: int
    char_end: int
    patterns: tuple[CuePattern, ...]
    readings: tuple[Reading, ...]

    @property
    def label(self) -> str:
        return self.patterns[0].label

    @property
    def id(self) -> str:
        return self.patterns[0].id

    def get(self, name: str, default=None):
        for p in self.patterns:
            if name in p.attrs:
                return p.attrs[name]
        return default

    @property
    def first(self) -> Reading:
        return self.readings[0]


def _read_rows(path: Path) -> list[dict]:
    rows = read_jsonl(path)
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("pattern"), str) or "label" not in row:
            raise DataError(f"{path}: row {n}: expected an object with \"label\" and a \"pattern\" string")
    return rows


def load_cues(name: str, data_dir: str | Path | None = None) -> list[CuePattern]:
    """The patterns of one cue file (kgraph's own, then KGRAPH_DATA's file of that name)."""
    paths = [Path(data_dir or DATA_DIR) / name]
    extra = os.environ.get("KGRAPH_DATA")
    if extra and data_dir is None and (Path(extra) / name).exists():
        paths.append(Path(extra) / name)
    out = []
    for path in paths:
        if not path.exists():
            if path.parent == DATA_DIR or data_dir is not None:
                raise DataError(f"{path}: cue file missing")
            continue
        for row in _read_rows(path):
            keys = tuple(pattern_keys(row["pattern"]))
            if not keys:
                continue
            attrs = {k: v for k, v in row.items() if k not in ("label", "pattern", "id")}
            out.append(CuePattern(str(row["label"]), row["pattern"], str(row.get("id", row["label"])),
                                  keys, attrs))
    return out


class CueMatcher:
    """Finds the patterns of one cue set in a token sequence."""

    def __init__(self, patterns: Iterable[CuePattern]):
        self.patterns = list(patterns)
        self.vocab = Vocab()
        self.matcher = PhraseMatcher(self.vocab, attr="NORM")
        self.words = frozenset(k for p in self.patterns for k in p.keys)
        self.by_keys: dict[tuple[str, ...], list[CuePattern]] = {}
        for p in self.patterns:
            self.by_keys.setdefault(p.keys, []).append(p)
        for n, keys in enumerate(sorted(self.by_keys)):
            doc = Doc(self.vocab, words=list(keys))
            for tok, k in zip(doc, keys, strict=True):
                tok.norm_ = k
            self.matcher.add(str(n), [doc])
        self._ids = {str(n): keys for n, keys in enumerate(sorted(self.by_keys))}

    def cue_readings(self, token: Token) -> list[Reading]:
        """The readings of a token that are cue words, the whole word first."""
        return [r for r in readings(token.text) if r.key in self.words]

    def find(self, tokens: list[Token], longest: bool = True) -> list[CueMatch]:
        """Matches in token order; with `longest`, overlapping matches keep the longest.

        A token can be a cue word as written and after its clitics are read off ("بزيارة" is
        the ب of "قام بزيارة" and ب + زيارة): spaCy's PhraseMatcher sees one NORM per token, so
        it runs once with the whole-word reading and once with the first clitic reading.
        """
        if not tokens or not self.patterns:
            return []
        options = [self.cue_readings(t) for t in tokens]
        passes = [[o[0] if o else None for o in options]]
        if any(len(o) > 1 for o in options):
            passes.append([o[1] if len(o) > 1 else (o[0] if o else None) for o in options])
        found: dict[tuple, CueMatch] = {}
        for chosen in passes:
            doc = Doc(self.vocab, words=[t.text for t in tokens])
            for tok, r, t in zip(doc, chosen, tokens, strict=True):
                tok.norm_ = r.key if r else (t.key or t.text)
            for match_id, s, e in self.matcher(doc):
                keys = self._ids[self.vocab.strings[match_id]]
                rs = chosen[s:e]
                if any(r is None for r in rs) or (s, e, keys) in found:
                    continue
                first = tokens[s]
                cs = first.start + _raw_prefix_len(first.text, len(rs[0].prefix))
                found[(s, e, keys)] = CueMatch(s, e, cs, tokens[e - 1].end, tuple(self.by_keys[keys]),
                                               tuple(rs))
        ordered = sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))
        if not longest:
            return ordered
        out, taken = [], set()
        for m in sorted(ordered, key=lambda m: (-(m.end - m.start), m.start)):
            if any(i in taken for i in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            out.append(m)
        return sorted(out, key=lambda m: m.start)


def _raw_prefix_len(text: str, folded_len: int) -> int:
    """How many raw characters of `text` the first `folded_len` folded characters take."""
    if folded_len <= 0:
        return 0
    # skip leading punctuation that readings() trimmed
    lead = 0
    while lead < len(text) and not text[lead].isalnum():
        lead += 1
    _, offs = fold_with_offsets(text[lead:])
    return lead + (offs[folded_len] if folded_len < len(offs) else len(text) - lead)
