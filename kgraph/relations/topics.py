"""The topic of a demanded thing, from the topic lexicon (`kgraph/data/topics.jsonl`).

Each row names a topic word or phrase and its topic; an optional `priority` (default 1)
says how strongly the word decides the topic:

- priority 3 decides wherever it stands in the thing ("خروج المقاتلين من دون أسلحتهم" is
  disarmament);
- priority 2 decides when it heads the thing (in its first `HEAD` words): "استئناف
  المفاوضات حول الانسحاب" is negotiations;
- otherwise the first topic word in the thing decides.

A thing with no topic word has no topic here (the caller says `other`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .cues import CueMatch, CueMatcher, CuePattern
from .tokens import Token

HEAD = 3  # a priority-2 word decides within the first HEAD words of a thing


@dataclass(frozen=True)
class TopicLexicon:
    matcher: CueMatcher

    def matches(self, tokens: Sequence[Token]) -> list[CueMatch]:
        return self.matcher.find(list(tokens))

    def topic(self, tokens: Sequence[Token]) -> str | None:
        """The topic of a demanded thing (its tokens), or None when no topic word is in it."""
        return choose_topic(self.matches(tokens))

    def starts_with(self, tokens: Sequence[Token], topic: str) -> bool:
        """Does a word of `topic` start the tokens ("وإدخال المساعدات" starts humanitarian_aid)?"""
        return any(m.start == 0 and m.id == topic for m in self.matches(tokens))


def topic_lexicon(patterns: Iterable[CuePattern]) -> TopicLexicon:
    return TopicLexicon(CueMatcher(patterns))


def _priority(m: CueMatch) -> int:
    try:
        return int(m.get("priority", 1))
    except (TypeError, ValueError):
        return 1


def _rank(m: CueMatch) -> int:
    p = _priority(m)
    if p >= 3:
        return p
    if p == 2 and m.start < HEAD:
        return p
    return 1


def choose_topic(found: Sequence[CueMatch]) -> str | None:
    """The deciding topic among the topic words found in a thing (in token order)."""
    if not found:
        return None
    best = max(_rank(m) for m in found)
    return next(m.id for m in found if _rank(m) == best)
