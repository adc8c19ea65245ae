"""The topic of a demanded thing, from the topic lexicon (`kgraph/data/topics.jsonl`).

A thing's topic is the topic of the word that heads it. The head starts after the light
words that open the thing (THING_LIGHT in `kgraph/data/demand_words.jsonl`: ضرورة، اتخاذ،
الإجراءات اللازمة، العمل على...), and the first topic word that starts within the first
`HEAD` words after them decides: "ضرورة اتخاذ الإجراءات اللازمة لوقف العدوان" is ceasefire,
"استئناف المفاوضات حول الانسحاب" negotiations. A topic word deeper in the thing does not
decide ("سحب الثقة من الحكومة بسبب الانتهاكات" is no civilian_protection demand), except a
row marked `anywhere`: a modifier that changes the act ("خروج المقاتلين من دون أسلحتهم" is
disarmament). A thing with no topic word at its head has no topic here (the caller says
`other`, the topic of most demands in general news: sovereignty, elections, sanctions...).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .cues import CueMatch, CueMatcher, CuePattern
from .tokens import Token

HEAD = 4  # a topic word decides when it starts within the first HEAD words after the light ones


@dataclass(frozen=True)
class TopicLexicon:
    matcher: CueMatcher
    light: CueMatcher  # THING_LIGHT words
    purpose: CueMatcher  # PURPOSE_LINK words: the head goes on into a purpose ("... من أجل إطلاق سراحه")

    def matches(self, tokens: Sequence[Token]) -> list[CueMatch]:
        return self.matcher.find(list(tokens))

    def head_start(self, tokens: Sequence[Token]) -> int:
        """Where the head of a thing starts: after its light words and marks."""
        toks = list(tokens)
        spans = {m.start: m.end for m in self.light.find(toks)}
        i = 0
        while i < len(toks):
            if toks[i].is_punct:
                i += 1
            elif i in spans:
                i = spans[i]
            else:
                break
        return i

    def head_end(self, tokens: Sequence[Token]) -> int:
        """Where the head window ends: HEAD words (marks not counted) after the light words. A
        purpose within them ("للعمل مع قطر للمساعدة في الإفراج عن شقيقه") carries the head
        on: HEAD more words after it and its light words."""
        toks = list(tokens)
        links = {m.start: m.end for m in self.purpose.find(toks)}
        i, words, extended = self.head_start(toks), 0, False
        while i < len(toks) and words < HEAD:
            if i in links and words and not extended:
                i = links[i] + self.head_start(toks[links[i]:])
                words, extended = 0, True
                continue
            words += not toks[i].is_punct
            i += 1
        return i

    def topic(self, tokens: Sequence[Token]) -> str | None:
        """The topic of a demanded thing (its tokens), or None when no topic word heads it."""
        return choose_topic(self.matches(tokens), self.head_end(tokens))

    def topic_anywhere(self, tokens: Sequence[Token]) -> str | None:
        """The topic of the first topic word anywhere in the tokens: what a clause summed up
        by "الأمر الذي ..." is about."""
        found = self.matches(tokens)
        return found[0].id if found else None

    def starts_with(self, tokens: Sequence[Token], topic: str) -> bool:
        """Does a word of `topic` start the tokens ("وإدخال المساعدات" starts humanitarian_aid)?"""
        return any(m.start == 0 and m.id == topic for m in self.matches(tokens))


def topic_lexicon(patterns: Iterable[CuePattern], light: Iterable[CuePattern] = (),
                  purpose: Iterable[CuePattern] = ()) -> TopicLexicon:
    return TopicLexicon(CueMatcher(patterns), CueMatcher(light), CueMatcher(purpose))


def choose_topic(found: Sequence[CueMatch], head_end: int = HEAD) -> str | None:
    """The deciding topic among the topic words found in a thing (in token order), whose
    head ends at token `head_end`: a word marked `anywhere`, else the first word that starts
    before the head's end."""
    anywhere = [m for m in found if m.get("anywhere")]
    if anywhere:
        return anywhere[0].id
    return next((m.id for m in found if m.start < head_end), None)
