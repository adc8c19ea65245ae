"""States and places: a dictionary actor, a country or capital as a venue ("في لبنان"، "في العاصمة
القاهرة") or as the state acting ("القاهرة تكثف اتصالاتها"), a demonym as its state, "الجانب/الحكومة
+ demonym" as the state, and a demonym after "الشعب/المدنيين..." as no actor.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..dictionary import ACTOR, CAPITAL, DEMONYM, NON_ACTOR, STATE_REF
from ..types import LOCATION, STATE, Mention
from .context import MentionContext
from .match import Item
from .names import person_after, with_person
from .orgs import actor_phrase
from .resolve import PHRASE, Candidate, mentions_of

_STRICT_VENUE = frozenset({"في", "داخل"})


def is_venue(ctx: MentionContext, it: Item, strict: bool = False) -> bool:
    """Is the place at item `it` a venue: after في/إلى/العاصمة..., or written with ب?
    `strict` (for countries) accepts only في/داخل and ب."""
    if ctx.keys[it.start].prefix.endswith("ب"):
        return True
    prev = it.start - 1
    if prev < 0:
        return False
    word = ctx.words[prev]
    return word in (_STRICT_VENUE if strict else ctx.dictionary.venue_cues) or word in ctx.dictionary.region_words


def _capital_acts(ctx: MentionContext, it: Item, last: Mention | None) -> bool:
    """Does a capital stand for its state here ("استضافت القاهرة", "أنقرة ترفض")? `last` is the
    mention read last before it: a capital joined by و to one acting acts too ("كثفت القاهرة وأنقرة")."""
    if is_venue(ctx, it):
        return False
    acting_before = last is not None and last.source == "capital-rule"
    prev = it.start - 1
    if prev >= 0:
        if ctx.words[prev] in ctx.dictionary.capital_actor_cues:
            return True
        if (ctx.item_at.get(prev) is None and acting_before
                and last.end == ctx.keys[prev].end and ctx.keys[it.start].prefix == "و"):
            return True
    if ctx.keys[it.start].prefix == "و" and acting_before:
        gap = ctx.article.text[last.end:ctx.keys[it.start].start]
        if gap.strip() in ("", "و"):
            return True  # "كثفت القاهرة وأنقرة"
    nxt = it.end
    if nxt < len(ctx.doc) and nxt not in ctx.covered:
        word = ctx.words[nxt]
        return (word[:1] == "ت" and len(word) >= 4 and ctx.doc[nxt].is_alpha
                and word not in ctx.lexicon.stops)
    return False


def read_capital(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A capital: the state when it acts, a place otherwise."""
    it = ctx.item_at.get(i)
    if not (it and it.label == CAPITAL):
        return None
    last = next((c.mentions[-1] for c in reversed(kept) if c.mentions), None)
    if _capital_acts(ctx, it, last):
        mention = ctx.mention(i, it.end, STATE, ctx.dictionary.capitals[it.key][0], source="capital-rule")
    else:
        mention = ctx.mention(i, it.end, LOCATION, it.key)
    return Candidate(*ctx.claim(i, it.end), "capital", PHRASE, (mention,))


def read_actor(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A dictionary actor as named; a country after في/داخل or with ب is a place."""
    it = ctx.item_at.get(i)
    if not (it and it.label == ACTOR):
        return None
    typ = ctx.actor_type(it.key)
    if typ == STATE and is_venue(ctx, it, strict=True):
        typ = LOCATION  # "في لبنان": the country as a place
    _, end, found = actor_phrase(ctx, it, typ)
    return Candidate(*ctx.claim(i, end), "actor", PHRASE, found)


def read_demonym(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A demonym is its state (or organisation); after a noun with a pronoun, a person's name
    may follow ("مترجمتها اليمنية <name>")."""
    it = ctx.item_at.get(i)
    if not (it and it.label == DEMONYM):
        return None
    found: tuple[Mention, ...] = (ctx.mention(i, it.end, ctx.actor_type(it.key), it.key),)
    end = it.end
    if ctx.has_pronoun_suffix(i - 1):
        # someone's relation, then their name
        person, person_end, parts = person_after(ctx, [*mentions_of(kept), *found], end, after_honorific=False)
        found = (*found, *with_person(parts, person))
        end = max(end, person_end)
    return Candidate(*ctx.claim(i, end), "demonym", PHRASE, found)


def read_state_ref(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """"الجانب/الحكومة/وفد + demonym" is the state; such a noun alone names no one."""
    it = ctx.item_at.get(i)
    if not (it and it.label == STATE_REF):
        return None
    nxt = ctx.item_at.get(it.end)
    if nxt and nxt.label == DEMONYM:
        mention = ctx.mention(i, nxt.end, ctx.actor_type(nxt.key), nxt.key, source="state-ref-rule")
        return Candidate(*ctx.claim(i, nxt.end), "state-ref", PHRASE, (mention,))
    return Candidate(*ctx.claim(i, it.end), "state-ref", PHRASE)


def read_non_actor(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A demonym after "الشعب/المدنيين..." names no actor ("معاناة الشعب السوداني")."""
    it = ctx.item_at.get(i)
    if not (it and it.label == NON_ACTOR and (nxt := ctx.item_at.get(it.end)) and nxt.label == DEMONYM):
        return None
    return Candidate(*ctx.claim(i, nxt.end), "non-actor", PHRASE)
