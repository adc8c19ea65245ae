"""Mentions that refer to a person or organisation the phrase rules found, or fill a gap they
left: a relative of a person noun ("والد الرهينة"), a name described right after it ("<name>
وهو أكاديمي روسي", whose nationality is then no state acting), a surname alone after the full
name ("ويتكوف"), an organisation noun referring back ("ودعا التجمع").
"""
from __future__ import annotations

from collections.abc import Sequence

from ..dictionary import DEMONYM, HONORIFIC, TITLE
from ..normalize import clitic_analyses, fold, fold_with_offsets, phrase_words
from ..types import ORG, PERSON, Mention
from .context import SOURCE, MentionContext, composed_key
from .names import name_before, name_start_before
from .resolve import DESCRIBED_NAME, NATIONALITY, ORG_ANAPHOR, RELATIVE, SURNAME, Candidate

_DESCRIBED = frozenset({"وهو", "وهي"})
DESCRIBED = "described-name"


def relatives(ctx: MentionContext) -> list[Candidate]:
    """"والد الرهينة": a person named by kinship to a person noun; a name right before it
    after a verb of saying ("أكد <name> والد الرهينة") is the same person."""
    found = []
    for k in range(len(ctx.doc) - 1):
        if k in ctx.covered or ctx.words[k] not in ctx.dictionary.kin_nouns:
            continue
        it = ctx.item_at.get(k + 1)
        if not (it and it.label == HONORIFIC and it.key == "person_noun"):
            continue
        start, end = ctx.span(k, it.end)
        named = name_before(ctx, k)
        phrase = ctx.article.text[start:end]
        relative = Mention(ctx.article.id, start, end, phrase, PERSON, "title-rule",
                           key=named.key if named else composed_key("person", phrase))
        found.append(Candidate(start, end, "relative", RELATIVE, (named, relative) if named else (relative,)))
    return found


def _described_name(ctx: MentionContext, k: int) -> int | None:
    """The first token of the name that وهو/وهي at token k describes: two to four name
    words before it, and after it a nationality, a post or a noun for a person."""
    if ctx.words[k] not in _DESCRIBED:
        return None
    nxt = ctx.item_at.get(k + 1)
    if not (nxt and nxt.label in (DEMONYM, TITLE) or "ال" + ctx.words[k + 1] in ctx.lexicon.person_nouns):
        return None
    return name_start_before(ctx, k, stop_at_speech_verb=True)


def described_names(ctx: MentionContext) -> list[Candidate]:
    """An unknown name described right after it: "<name> وهو أكاديمي روسي"، "<name> وهي
    فرنسية"."""
    found = []
    for k in range(2, len(ctx.doc) - 1):
        if (first := _described_name(ctx, k)) is None:
            continue
        start, stop = ctx.span(first, k)
        name = ctx.article.text[start:stop]
        person = Mention(ctx.article.id, start, stop, name, PERSON, "title-rule",
                         key=composed_key("person", name), person=name)
        found.append(Candidate(start, stop, DESCRIBED, DESCRIBED_NAME, (person,)))
    return found


def described_nationalities(ctx: MentionContext, kept: Sequence[Candidate]) -> list[Candidate]:
    """"<name> وهو فرنسي صربي": once the described name is kept, its nationalities name no
    state acting (a claim with no mention)."""
    described = {c.start for c in kept if c.rule == DESCRIBED}
    found = []
    for k in range(2, len(ctx.doc) - 1):
        if (first := _described_name(ctx, k)) is None or ctx.keys[first].start not in described:
            continue
        nxt = ctx.item_at.get(k + 1)
        j = k + 1 if nxt and nxt.label == DEMONYM else k + 2  # "وهو أكاديمي ألماني"
        while (it := ctx.item_at.get(j)) and it.label == DEMONYM:
            found.append(Candidate(*ctx.span(j, it.end), "nationality", NATIONALITY))
            j = it.end
    return found


def short_names(ctx: MentionContext, seen: Sequence[Mention]) -> list[Candidate]:
    """Later mentions of a person named in full (in `seen`), by surname alone ("ويتكوف"). A name
    after بن/أبو is a father's, not a surname ("قابوس بن سعيد")."""
    surnames: dict[str, Mention] = {}
    for m in seen:
        words = [fold(w) for w in m.surface.split()]
        if m.source in ("title-rule", SOURCE) and m.type == PERSON and not m.role and m.key \
                and len(words) > 1 and words[-2] not in ctx.dictionary.name_connectors:
            last = words[-1]
            # the الله of a compound ("عطا الله") is no surname, nor a place after a preposition
            if len(last) > 3 and last not in ctx.lexicon.stops and last not in ctx.dictionary.name_compounds:
                surnames.setdefault(last, m)
    found = []
    if not surnames:
        return found
    for k, tok in enumerate(ctx.doc):
        if k in ctx.covered:
            continue
        for n, stem in clitic_analyses(tok.text):
            holder = surnames.get(stem)
            if holder is None:
                continue
            _, offsets = fold_with_offsets(tok.text)
            start, end = tok.idx + offsets[n], tok.idx + len(tok.text)
            surname = Mention(ctx.article.id, start, end, ctx.article.text[start:end], PERSON, "surname-rule",
                              key=holder.key)
            found.append(Candidate(start, end, "surname", SURNAME, (surname,)))
            break
    return found


def org_anaphors(ctx: MentionContext, seen: Sequence[Mention]) -> list[Candidate]:
    """"ودعا التجمع"، "بثه التنظيم": the last organisation (in `seen`) named with that noun,
    after a verb of saying or a verb with its object pronoun."""
    # nearest last; of two ending together, the whole name over one inside it ("داعش سيناء")
    orgs = sorted((m for m in seen if m.type == ORG and m.key), key=lambda m: (m.end, -m.start))
    found = []
    if not orgs:
        return found
    for k in range(1, len(ctx.doc)):
        tok = ctx.doc[k]
        if k in ctx.covered or not (ctx.is_speech_verb(ctx.words[k - 1]) or ctx.has_pronoun_suffix(k - 1)):
            continue
        word = ctx.words[k]
        if not word.startswith("ال") or word[2:] not in ctx.dictionary.org_anaphors:
            continue
        nxt = ctx.words[k + 1] if k + 1 < len(ctx.doc) else ""
        if nxt.startswith("ال") and nxt.endswith(("ي", "يه")) or (
                (it := ctx.item_at.get(k + 1)) and it.label == DEMONYM):
            continue  # "الحركة الشعبية": a new name, not a reference back
        start, end = tok.idx, tok.idx + len(tok.text)
        before = [m for m in orgs if m.end <= start and word[2:] in _org_heads(ctx, m)]
        if before:
            anaphor = Mention(ctx.article.id, start, end, tok.text, ORG, "anaphor-rule", key=before[-1].key)
            found.append(Candidate(start, end, "org-anaphor", ORG_ANAPHOR, (anaphor,)))
    return found


def _org_heads(ctx: MentionContext, m: Mention) -> set[str]:
    """The organisation nouns a mention's organisation is named with ("حركة" for حماس)."""
    names = [m.surface]
    if m.key and (actor := ctx.dictionary.actor(m.key)):
        names += [actor.get("name", ""), *actor.get("aliases", [])]
    heads = set()
    for name in names:
        words = phrase_words(name)
        if len(words) > 1 and words[0] in ctx.dictionary.org_anaphors:
            heads.add(words[0])
    return heads
