"""Tokens with offsets and their clitic readings, for the cue matchers of the relation layer.

A token is a run of letters, digits and Arabic marks, or one punctuation character; its
offsets point into the original text. `readings(token)` lists the ways to read a token as
proclitics + stem (+ a pronoun suffix): و/ف, then ب/ل/ك or the future marker س, then the
article; a final pronoun (ه، ها، هما، هم...) may be read off a noun ("زيارته" -> زيارة,
"لقائهما" -> لقاء). Keys are folded (`kgraph.normalize.fold`) and the article is dropped
from them, so the cue data can be written in any spelling.

`key_class(label)` is a closed word class of `kgraph/data/relation_keys.jsonl` (the pronoun
suffixes here, the conjunctions and particles of the argument rules), folded when loaded and
compared with a token's key as written.

>>> [r.key for r in readings("وسيلتقي")][:3]
['وسيلتقي', 'سيلتقي', 'يلتقي']
>>> [r for r in readings("زيارته") if r.suffix][0].key
'زياره'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..dictionary import read_jsonl
from ..normalize import CONJUNCTIONS, drop_article, fold, proclitic_splits

RELATION_KEYS = "relation_keys.jsonl"
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+|[^\w\s]|_")
_PUNCT = "«»\"'()[]{}،,.:؛;!?؟-–—/\\“”‘’…*•ـ|"


@cache
def _key_classes() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in read_jsonl(_DATA_DIR / RELATION_KEYS):
        words = out.setdefault(row["label"], [])
        w = fold(row["pattern"])
        if w not in words:
            words.append(w)
    return {label: tuple(words) for label, words in out.items()}


def key_class(label: str) -> tuple[str, ...]:
    """The folded words of one class of relation_keys.jsonl, in file order (empty when unknown)."""
    return _key_classes().get(label, ())


@dataclass(frozen=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    key: str  # folded text

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text)


@dataclass(frozen=True)
class Reading:
    """One way to read a token: `key` is the stem's key (article dropped)."""
    key: str
    prefix: str = ""  # folded proclitics read off ("و", "وب", "س"...)
    suffix: str = ""  # folded pronoun suffix read off ("ه", "هما"...)
    stem: str = ""  # the stem as folded, article kept

    @property
    def future(self) -> bool:
        return self.prefix.endswith("س")


def tokenize(text: str) -> list[Token]:
    """Words and punctuation marks of `text` with their offsets."""
    return [Token(i, m.group(), m.start(), m.end(), fold(m.group()))
            for i, m in enumerate(_WORD.finditer(text))]


def _suffix_readings(stem: str) -> list[tuple[str, str]]:
    out = []
    for suf in key_class("PRONOUN_SUFFIX"):
        if stem.endswith(suf) and len(stem) - len(suf) >= 3:
            base = stem[:-len(suf)]
            if base.startswith(("ال", "لل")) and len(base) < 5:
                continue  # the article and one letter: الحكم is no الح + كم (التقينا is التقي + نا)
            if base.endswith("ت"):
                out.append((base[:-1] + "ه", suf))  # زيارته -> زياره
            elif base.endswith("ئ"):
                out.append((base[:-1] + "ء", suf))  # لقائه -> لقاء
            else:
                out.append((base, suf))  # and verbs with an object pronoun: التقاه
    return out


def readings(text: str) -> list[Reading]:
    """All readings of one token, the whole word first."""
    w = fold(text).strip(_PUNCT)
    if not w:
        return []
    # a final ة is the feminine ending, never the pronoun ه
    feminine = text.rstrip(_PUNCT + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة")
    splits = proclitic_splits(w)
    # ل before لل is ل + the article here, never a bare ل: للقاء reads ل + اللقاء only
    lam_article = {prefix for prefix, stem in splits if stem != w[len(prefix):]}
    stems = [(prefix, stem) for prefix, stem in splits
             if prefix not in lam_article or stem != w[len(prefix):]]
    # the future marker س after a conjunction or none: سيلتقي -> س + يلتقي
    stems += [(prefix + "س", stem[1:]) for prefix, stem in splits
              if prefix in ("", *CONJUNCTIONS) and stem[:1] == "س" and stem[1:2] in "يتنا" and len(stem) > 3]
    out: list[Reading] = []
    seen = set()

    def add(prefix: str, stem: str, suffix: str = "") -> None:
        k = drop_article(stem)
        if len(k) >= 2 and (k, prefix, suffix) not in seen:
            seen.add((k, prefix, suffix))
            out.append(Reading(k, prefix, suffix, stem))

    for prefix, stem in stems:
        add(prefix, stem)
    for prefix, stem in stems:
        for base, suf in _suffix_readings(stem):
            if suf == "ه" and feminine:
                continue
            add(prefix, base, suf)
    # the accusative tanween alef: اجتماعا -> اجتماع, استعدادا -> استعداد
    for prefix, stem in stems:
        if stem.endswith("ا") and len(drop_article(stem)) >= 5 and not stem.endswith(("اا", "يا", "تا")):
            add(prefix, stem[:-1])
    return out


def pattern_keys(pattern: str) -> list[str]:
    """The per-word keys of a cue pattern (folded, punctuation trimmed, article dropped)."""
    words = []
    for w in fold(pattern).split():
        w = w.strip(_PUNCT)
        if w:
            words.append(drop_article(w))
    return words
