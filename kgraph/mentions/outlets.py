"""News outlets the article cites or carries: "قال مصدر لـ«<name>»", "في تصريحات إلى "<name>"",
"جنيف ـ (<name>) ـ وكالات", a byline under the headline ("عين اليوم – جدة"). Each is an ORG; a
place or state read inside the quotes ("«الشرق الأوسط»") gives way to it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..normalize import fold, phrase_words
from ..relations.sentences import sentence_bounds
from ..types import ORG, OUTLET_SOURCE, Mention
from .context import MAX_NAME_WORDS, MentionContext, composed_key
from .resolve import BYLINE, CITED_OUTLET, DATELINE, Candidate

# a quoted or bracketed name after لـ/إلى, in a sentence with a verb of saying
_ATTRIBUTED = re.compile(r"(?:(?<![^\s])(?:إلى|الى)\s*|(?<![^\s])[وف]?لـ?\s*)[«\"“(]([^«»\"“”()\n]{2,40})[»\"”)]")
# a bracketed name between dashes in a dateline: "جنيف ـ (<outlet>) ـ وكالات:"
_DATELINE = re.compile(r"(?:^|[ـ–-]\s*)\(([^()\n]{2,30})\)\s*(?=[ـ–-])", re.M)
# a line that is only "<outlet> – <city>", the byline under a headline: "عين اليوم – جدة"
_BYLINE = re.compile(r"^[ \t]*([^\s–—ـ:()-][^\n–—ـ:()-]{1,30}?)[ \t]+[–—ـ-][ \t]+\w+(?:[ \t]\w+)?[ \t]*$",
                     re.M)
_CITE_WINDOW = 12  # words before the name that may hold the verb of saying


def outlets(ctx: MentionContext, seen: Sequence[Mention]) -> list[Candidate]:
    """The outlets of the article; `seen` are the mentions the phrase rules kept."""
    text = ctx.article.text
    d = ctx.dictionary
    found = []
    for m in _ATTRIBUTED.finditer(text):
        sentence_start = sentence_bounds(ctx.sentences, m.start(), m.start())[0]
        before = [fold(w).lstrip("وف") for w in re.findall(r"\w+", text[sentence_start:m.start()])]
        if any(w in d.speech_verbs or w in d.media_cues for w in before[-_CITE_WINDOW:]):
            found.append((m.span(1), CITED_OUTLET))
    for m in _DATELINE.finditer(text):
        found.append((m.span(1), DATELINE))
    top = 0  # a byline sits in the first lines, under the headline
    for _ in range(3):
        newline = text.find("\n", top + 1)
        top = newline if newline >= 0 else len(text)
    for m in _BYLINE.finditer(text, 0, top):
        start, end = m.span(1)
        if not any(x.start < end and start < x.end for x in seen):  # "مصر – إسرائيل" is a headline, not a byline
            found.append((m.span(1), BYLINE))
    candidates = []
    for (start, end), priority in found:
        name = text[start:end].strip()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end = start + len(name)
        words = phrase_words(name)
        if not 1 <= len(words) <= MAX_NAME_WORDS or fold(name.split()[0]) in ctx.lexicon.stops:
            continue
        outlet = Mention(ctx.article.id, start, end, name, ORG, OUTLET_SOURCE, key=composed_key("org", name))
        candidates.append(Candidate(start, end, "outlet", priority, (outlet,)))
    return candidates
