"""Candidates and the one place their overlaps are settled.

A rule proposes a `Candidate`: the characters it read, its name, a priority and the mentions it
found there (none for a reading that names no actor: "الشعب السوداني"). `resolve` keeps the
strongest candidates that do not overlap a stronger kept one, as spaCy's `filter_spans` does with
length: strongest first (priority, then length, then the order proposed), and a candidate is kept
when it outranks every kept candidate it overlaps, which give way. No rule removes what another
found; a later stage only outranks what an earlier one kept where its priority says so.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..types import LOCATION, ORG, PERSON, STATE, Mention

# Priorities, higher first. A candidate only meets the candidates of its own stage and what
# the stages before kept.
#
# Stage 1 (phrases, read at one token at a time): the reading of the dictionary phrase that
# starts there (a title, a demonym, a capital ...) over an organisation the dictionary lacks
# whose name starts with the same word ("حركة" of "حركة حماس").
PHRASE = 1
UNKNOWN_ORG = 0

# Later stages meet the mentions stage 1 kept, ranked by type: a place or a state read from a
# word gives way to an outlet's name or a nationality read over it; a person or an
# organisation never does.
KEPT_TYPE = {LOCATION: 1, STATE: 1, ORG: 9, PERSON: 9}
NATIONALITY = 2  # "<name> وهو فرنسي": the person's nationality, not the state acting
BYLINE = 3  # outlets: a byline under the headline ("عين اليوم – جدة") ...
DATELINE = 4  # ... a dateline ("جنيف ـ (<outlet>) ـ") ...
CITED_OUTLET = 5  # ... and, strongest, an outlet a sentence cites ("قال لـ«<outlet>»")
# Gap fillers: they take only characters nothing else holds; of two, the earlier listed.
RELATIVE = -1  # "والد الرهينة"
DESCRIBED_NAME = -2  # "<name> وهو أكاديمي روسي"
SURNAME = -3  # "ويتكوف" after "ستيف ويتكوف"
ORG_ANAPHOR = -4  # "ودعا التجمع"


@dataclass(frozen=True)
class Candidate:
    """What one rule read in one stretch of the article: characters [start, end), the rule's
    name, its priority and the mentions found there. A mention may lie outside the stretch:
    a title reads back the name before it ("وقال <name> وزير ...")."""
    start: int
    end: int
    rule: str
    priority: int
    mentions: tuple[Mention, ...] = ()

    def overlaps(self, other: Candidate) -> bool:
        """Does this candidate's stretch share a character with what `other` read or found?"""
        spans = [(other.start, other.end)] + [(m.start, m.end) for m in other.mentions]
        return any(self.start < end and start < self.end for start, end in spans)


def kept_mention(m: Mention) -> Candidate:
    """A mention stage 1 kept, as later stages meet it."""
    return Candidate(m.start, m.end, m.source, KEPT_TYPE[m.type], (m,))


def mentions_of(candidates: Iterable[Candidate]) -> list[Mention]:
    return [m for c in candidates for m in c.mentions]


def resolve(candidates: Iterable[Candidate], kept: Sequence[Candidate] = ()) -> list[Candidate]:
    """Settle overlaps once: `kept` and the candidates kept over them, in the order proposed.

    Strongest first (priority, then the longer, then the earlier proposed), a candidate is kept
    when its priority is above that of every kept candidate it overlaps; those give way. A
    candidate that names no actor still makes the weaker ones it overlaps give way: it says
    that those words name none (a demonym that is a person's nationality).
    """
    proposed = list(candidates)
    order = sorted(range(len(proposed)), key=lambda n: (-proposed[n].priority,
                                                         proposed[n].start - proposed[n].end, n))
    old = list(kept)
    new: dict[int, Candidate] = {}
    for n in order:
        c = proposed[n]
        rivals = [k for k in [*old, *new.values()] if c.overlaps(k)]
        weaker = {id(k) for k in rivals if k.priority < c.priority}
        if len(weaker) < len(rivals) and c.mentions:
            continue
        old = [k for k in old if id(k) not in weaker]
        new = {m: k for m, k in new.items() if id(k) not in weaker}
        if len(weaker) == len(rivals):
            new[n] = c
    return old + [new[n] for n in sorted(new)]
