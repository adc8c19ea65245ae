"""A country named only as a place is no actor (dev3 convention 24).

News names many countries only as where something happens, where migrants come from or
go to ("يقاتلون في العراق وسوريا"، "مهاجرون من إريتريا وإثيوبيا"، "قبالة سواحل ليبيا").
Such a country takes no part in the story, so the graph should not show it as an actor.
After the relation layer has run, a STATE entity every mention of which stands in place
position, and which no meeting, demand or affiliation uses, becomes a LOCATION.

Place position, read from the words the dictionary already holds:
- after a venue word (`venue_cues.txt`: في، إلى، من، داخل...), a region word (شمال، جنوب)
  or a place noun (منطقة، مدينة), or written with the clitic ب ("بسوريا");
- later items of a list that opens in place position ("في العراق وسوريا").
A nationality adjective (الحكومة الأسترالية، الرئيس العراقي) is never a place use here:
it usually names the state acting.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dictionary import Dictionary
from .normalize import fold, key, proclitic_splits, word_key
from .types import LOCATION, STATE, Extraction, Mention

_WORD = re.compile(r"\w+")
_GLUED = re.compile(r"(?<!\w)\w{1,3}\Z")
# what may stand between two items of one list: spaces, a comma, a lone و
_LIST_GAP = re.compile(r"^[\s،,]*(?:و\s*)?$")


def _forms(actor: dict) -> frozenset[str]:
    """The first word of every name of a state, folded without the article."""
    names = [actor.get("name", ""), *actor.get("aliases", []), *actor.get("capitals", [])]
    return frozenset(key(n).split(" ", 1)[0] for n in names if key(n))


def _clitics(surface: str, forms: frozenset[str]) -> str:
    """The proclitics written on a mention's first word ("وبسوريا" -> "وب"), "" if none."""
    words = surface.split()
    if not words:
        return ""
    first = word_key(words[0])
    for prefix, stem in proclitic_splits(first):
        if key(stem) in forms:
            return prefix
    return ""


def _attached(text: str, start: int) -> str:
    """Letters glued to the front of a mention that starts inside a word ("ب" of "بسوريا")."""
    match = _GLUED.search(text, 0, start)
    return fold(match.group()) if match else ""


def _words_before(text: str, start: int) -> list[str]:
    """The two words before `start`, folded, each with its conjunction و/ف read off."""
    words = [fold(w) for w in _WORD.findall(text[max(0, start - 60):start])[-2:]]
    return [w[1:] if w[:1] in "وف" and len(w) > 2 else w for w in words]


def _place_words(d: Dictionary) -> frozenset[str]:
    words = d.venue_cues | d.region_words | d.place_nouns
    return words | frozenset("ال" + w for w in words if not w.startswith("ال"))


def _placed(m: Mention, text: str, forms: frozenset[str], place_words: frozenset[str],
            cancels: frozenset[str]) -> bool:
    """Does this one mention, by the words around it, name a place?"""
    glued = _attached(text, m.start)
    clitics = glued + _clitics(m.surface, forms)
    if "ب" in clitics:
        return True
    if "ل" in clitics or "ك" in clitics or glued:
        return False
    before = _words_before(text, m.start)
    if not before or before[-1] not in place_words:
        return False
    # "كل من X وY" is "each of X and Y", no place
    return not (len(before) == 2 and before[0] in cancels)


def place_mentions(extraction: Extraction, d: Dictionary) -> frozenset[tuple[int, int]]:
    """Spans of the STATE mentions that stand in place position, lists followed through."""
    text = extraction.article.text
    by_start = sorted(((m, e.type) for e in extraction.entities for m in e.mentions),
                      key=lambda pair: (pair[0].start, -pair[0].end))
    place_words = _place_words(d)
    placed: set[tuple[int, int]] = set()
    previous: tuple[Mention, bool] | None = None
    for m, typ in by_start:
        forms = _forms(d.actor(m.key) or {}) if m.key else frozenset()
        here = typ in (STATE, LOCATION) and _placed(m, text, forms, place_words, d.venue_cancels)
        if not here and previous and previous[1] and typ == STATE:
            gap = text[previous[0].end:m.start]
            clitics = _clitics(m.surface, forms)
            here = bool(_LIST_GAP.match(gap)) and clitics in ("", "و")
        if here:
            placed.add((m.start, m.end))
        previous = (m, here)
    return frozenset(placed)


def _used(extraction: Extraction) -> set[str]:
    ids = {p.entity_id for meeting in extraction.meetings for p in meeting.participants}
    ids |= {d.actor for d in extraction.demands} | {d.target for d in extraction.demands if d.target}
    ids |= {a.member for a in extraction.affiliations} | {a.of for a in extraction.affiliations}
    return ids


def retype_place_states(extraction: Extraction, d: Dictionary) -> Extraction:
    """STATE entities named only as places, and used by no relation, become LOCATIONs."""
    placed = place_mentions(extraction, d)
    used = _used(extraction)
    entities = tuple(
        replace(e, type=LOCATION)
        if e.type == STATE and e.id not in used and e.mentions
        and all((m.start, m.end) in placed for m in e.mentions) else e
        for e in extraction.entities)
    return replace(extraction, entities=entities)
