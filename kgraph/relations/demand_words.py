"""The demand rules' view of one article: its tokens, word classes and cue matchers.

Word classes (`kgraph/data/demand_words.jsonl`) are folded when loaded and compared with a
token's folded key as written, clitics kept; a class whose rows say `"stem": true` is compared
with the start of a word. `DemandDoc` bundles what every demand function reads about one
article; the helpers below answer the questions they all ask (which sentence, which key,
is this token inside an actor mention).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..normalize import fold
from .args import Side, Words
from .context import ArticleContext, Ref
from .cues import CueMatcher, load_cues
from .topics import TopicLexicon

DEMAND_WORDS = "demand_words.jsonl"


@dataclass(frozen=True)
class WordClasses:
    """Folded words per class, and the word starts of the `stem` classes."""
    words: Mapping[str, frozenset[str]]
    stems: Mapping[str, tuple[str, ...]]

    def has(self, key: str, label: str) -> bool:
        """Is the folded `key` a word (or a phrase) of class `label`?"""
        return key in self.words.get(label, ())

    def starts(self, key: str, label: str) -> bool:
        """Does the folded `key` start with a word start of class `label`?"""
        return key.startswith(self.stems.get(label, ()) or ("\0",))

    def of(self, label: str) -> frozenset[str]:
        return self.words.get(label, frozenset())

    def letters(self, label: str) -> tuple[str, ...]:
        """The affixes of a morphology class, for str.startswith/endswith."""
        return tuple(sorted(self.of(label)))


def load_word_classes(data_dir: str | Path | None = None) -> WordClasses:
    words: dict[str, set[str]] = {}
    stems: dict[str, list[str]] = {}
    for p in load_cues(DEMAND_WORDS, data_dir):
        folded = " ".join(fold(p.pattern).split())
        if p.get("stem"):
            stems.setdefault(p.label, []).append(folded)
        else:
            words.setdefault(p.label, set()).add(folded)
    return WordClasses({k: frozenset(v) for k, v in words.items()},
                       {k: tuple(v) for k, v in stems.items()})


@lru_cache(maxsize=1)
def default_word_classes() -> WordClasses:
    return load_word_classes()


@dataclass(frozen=True)
class DemandDoc:
    """One article as the demand rules read it."""
    ctx: ArticleContext
    words: Words  # the argument grammar's word classes, per token
    wc: WordClasses
    topics: TopicLexicon
    not_thing: CueMatcher
    titles: CueMatcher | None = None  # post titles (kgraph/data/titles.jsonl)


def key(doc: DemandDoc, i: int) -> str:
    """The folded key of token i, or "" outside the article."""
    toks = doc.ctx.tokens
    return toks[i].key if 0 <= i < len(toks) else ""


def is_word(doc: DemandDoc, i: int, label: str) -> bool:
    return doc.wc.has(key(doc, i), label)


def phrase_at(doc: DemandDoc, i: int, label: str, longest: int = 3) -> int:
    """How many tokens from i form a word or phrase of class `label` (0: none)."""
    for n in range(longest, 0, -1):
        if i + n <= len(doc.ctx.tokens) and doc.wc.has(" ".join(key(doc, k) for k in range(i, i + n)), label):
            return n
    return 0


def sent_range(doc: DemandDoc, i: int) -> tuple[int, int]:
    """The tokens [a, b) of the sentence holding token i."""
    s = doc.ctx.sentence_of_token(i)
    return doc.ctx.sent_toks[s] if s >= 0 else (0, 0)


def in_ref(doc: DemandDoc, k: int) -> bool:
    """Is token k inside a (top-level) entity mention?"""
    return any(r.tok_start <= k < r.tok_end for r in doc.ctx.refs)


def ref_prefix(doc: DemandDoc, r: Ref) -> str:
    """The folded clitics glued before a mention ("و", "ب", "لل"...)."""
    return fold(doc.ctx.token_prefix(r))


def governed(doc: DemandDoc, side: Side) -> bool:
    """The side stands after a preposition ("في وزارة الخارجية"، "لمصادر"): not a subject."""
    if side.refs and ref_prefix(doc, side.refs[0])[-1:] in doc.wc.of("PREFIX_PREP"):
        return True
    k = side.start - 1
    sa, _ = sent_range(doc, side.start)
    return k >= sa and is_word(doc, k, "GOVERNING_PREP")


def strip_conj(doc: DemandDoc, k: str) -> str:
    """A key without a leading و/ف."""
    return k.lstrip("".join(doc.wc.of("PREFIX_CONJ")))


def is_report(doc: DemandDoc, j: int) -> bool:
    """A verb of saying at token j (قال، أكد، أضاف...); a word with the article ("التابع") is none."""
    definite = strip_conj(doc, key(doc, j)).startswith(doc.wc.letters("ARTICLE"))
    return doc.words.has(j, "REPORT") and not definite
