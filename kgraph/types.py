"""Records passed between stages: plain frozen dataclasses and the type constants.

Every record carries its provenance: the article id, character offsets into the
article's original text, and the rule or model that produced it. Records are plain
values, so they can be cached, sent to another process and merged.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

PERSON = "PERSON"
ORG = "ORG"
STATE = "STATE"
LOCATION = "LOCATION"
ENTITY_TYPES = (PERSON, ORG, STATE, LOCATION)
ACTOR_TYPES = (PERSON, ORG, STATE)

DEMAND = "demand"
REJECT = "reject"
STANCES = (DEMAND, REJECT)

TOPICS = (
    "ceasefire", "hostages_prisoners", "withdrawal", "disarmament", "humanitarian_aid",
    "crossings", "reconstruction", "civilian_protection", "displacement", "guarantees",
    "negotiations", "other",
)

# Meeting status: only HELD meetings say that two actors met.
HELD = "held"
PLANNED = "planned"
CANCELLED = "cancelled"
POSTPONED = "postponed"
MEETING_STATUSES = (HELD, PLANNED, CANCELLED, POSTPONED)

IN_PERSON = "in_person"
CALL = "call"
INDIRECT = "indirect"
MEETING_MODES = (IN_PERSON, CALL, INDIRECT)


@dataclass(frozen=True)
class Article:
    """One article as read: `text` is exactly what the file held (BOM removed)."""
    id: str
    text: str
    path: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Span:
    """A character span of an article's original text: text[start:end] == surface."""
    start: int
    end: int
    surface: str


# the source of "نظيره الأردني": a post held by someone else than the person before it
COUNTERPART_SOURCE = "counterpart-rule"
# the source of a news outlet the article cites ("قال لـ«X»"): a source that reports, not a party
OUTLET_SOURCE = "outlet-rule"


@dataclass(frozen=True)
class Mention:
    """A stretch of an article that names an actor or place.

    `key` is the dictionary entry it matched (None for a model or rule mention that
    names something the dictionary does not know); `type` one of ENTITY_TYPES;
    `source` the rule or model that found it ("lexicon", "title-rule", "stanza"...).
    `role` is set on role phrases (a person named by post): the post's closed-set role,
    e.g. "head", "minister"; `post` the finer title it names ("foreign minister"), which
    tells two ministers of one state apart; `of` is the dictionary key of the organisation
    or state the post belongs to, when the phrase names it.
    """
    article_id: str
    start: int
    end: int
    surface: str
    type: str
    source: str
    key: str | None = None
    role: str | None = None
    of: str | None = None
    person: str | None = None  # the name proper: without honorific, or the holder of a role
    post: str | None = None


@dataclass(frozen=True)
class Entity:
    """An actor or place of one article: all its mentions merged under one name.

    `id` is stable: the dictionary key when the dictionary knows it, else derived from
    the canonical name, so two runs give the same ids.
    """
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    label_en: str | None = None
    role: str | None = None
    of: str | None = None
    post: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a claim comes from: the sentence and the offsets of its cue."""
    article_id: str
    sentence: str
    start: int  # sentence start in the article
    end: int
    cue: Span | None = None
    rule: str = ""


@dataclass(frozen=True)
class Participant:
    entity_id: str
    role: str | None = None  # host, visitor, mediator, party
    span: Span | None = None


@dataclass(frozen=True)
class Meeting:
    participants: tuple[Participant, ...]
    evidence: Evidence
    status: str = HELD
    mode: str = IN_PERSON
    location: str | None = None  # entity id
    date: str | None = None  # ISO date


@dataclass(frozen=True)
class Demand:
    actor: str  # entity id
    topic: str
    stance: str
    text: str
    evidence: Evidence
    target: str | None = None
    condition: str | None = None
    text_span: Span | None = None
    actor_span: Span | None = None


@dataclass(frozen=True)
class Affiliation:
    member: str  # PERSON entity id
    of: str  # ORG or STATE entity id
    role: str
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article: a plain record, cacheable and mergeable."""
    article: Article
    entities: tuple[Entity, ...]
    meetings: tuple[Meeting, ...] = ()
    demands: tuple[Demand, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    ner: str = "lexicon"
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """The plain-data form (JSON-ready)."""
        return asdict(self)
