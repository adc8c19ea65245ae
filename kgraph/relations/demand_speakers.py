"""Who speaks: the subject of a verb of saying, the speaker a quotation or "we" belongs to.

Demands come in reported speech ("وقال الوزير إنه يجب ..."، "وأضاف ..."، "طلبنا من ..."). The
functions here find who says them: `reporter` (the subject of one verb of saying),
`last_speaker`, `speech_speaker` (the sentence's speaker: a verb of saying, the speaker it
continues, a headline "X: ...", an open quotation), `speaker_state` (the body a "we" speaks
for). `group_referents` says what a subject word that names no entity stands for: the two
parties just named ("وأكد الجانبان"), a statement's issuer ("وطالب البيان"), the actor a title
or body noun repeats ("وطالب الوزير"). A `Speaker` is the answer: `refs` the actors found,
and `unnamed` when the text names a speaker the entity layer did not recognise ("وقالت
كلينتون"): then no earlier actor may be guessed in its place.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..normalize import fold
from ..types import PERSON, STATE
from .args import Side, group_sides, previous_actor, representative, subject_before
from .context import Ref
from .demand_words import (
    DemandDoc,
    governed,
    in_ref,
    is_report,
    is_word,
    key,
    sent_range,
    strip_conj,
)


@dataclass(frozen=True)
class Speaker:
    refs: tuple[Ref, ...] = ()  # several for a joint position ("وأكد الجانبان")
    unnamed: bool = False  # the text names someone the entity layer did not find

    @property
    def ref(self) -> Ref | None:
        return self.refs[0] if self.refs else None


def one_speaker(r: Ref | None) -> Speaker:
    return Speaker((r,)) if r is not None else NOBODY


NOBODY = Speaker()
UNNAMED = Speaker((), True)


def _unrelated(doc: DemandDoc, refs: list[Ref]) -> list[Ref]:
    """The refs, one per party: a ref related to an earlier one (its minister) is left out."""
    out: list[Ref] = []
    for r in refs:
        if not any(doc.ctx.related(r.entity, o.entity) for o in out):
            out.append(r)
    return out


def pair_referents(doc: DemandDoc, k: int, states: bool) -> tuple[Ref, ...]:
    """"وأكد الجانبان"، "ودعا البلدان": the two parties the article has just named together, the
    first two unrelated actors of the nearest sentence (this one before k, or up to three
    before) that names two; states for "البلدان"/"الدولتان" when it names two states."""
    ctx = doc.ctx
    s = ctx.sentence_of_token(k)
    for n in range(s, max(-1, s - 4), -1):
        a, b = ctx.sent_toks[n]
        refs = [r for r in ctx.refs if r.is_actor and a <= r.tok_start and r.tok_end <= min(b, k)
                and not ctx.is_media(r.entity)]
        if states:
            kinds = [r for r in refs if r.type == STATE]
            refs = kinds if len(_unrelated(doc, kinds)) >= 2 else refs
        parties = _unrelated(doc, refs)
        if len(parties) >= 2:
            return tuple(parties[:2])
    return ()


def statement_issuer(doc: DemandDoc, k: int) -> Ref | None:
    """"وطالب البيان"، "وأكد البيان على ضرورة": who issued the statement: the nearest statement
    named before (this sentence or three before) and its actor: "بيان وزارة الخارجية"، "في
    بيان لحماس"، "بيانها" (its owner), or the subject of that sentence's verb of saying
    ("وقالت الحركة في بيان"، "أصدر المجلس بيانا")."""
    ctx = doc.ctx
    s = ctx.sentence_of_token(k)
    lo = ctx.sent_toks[max(0, s - 3)][0]
    starts = {r.tok_start: r for r in ctx.refs if r.is_actor}
    for t in range(k - 1, lo - 1, -1):
        if not doc.wc.starts(strip_conj(doc, key(doc, t)), "STATEMENT"):
            continue
        nxt = starts.get(t + 1)
        if nxt is not None and not ctx.is_media(nxt.entity):
            return nxt  # "بيان وزارة الخارجية"، "في بيان لحماس"
        sa, _ = sent_range(doc, t)
        for j in range(t - 1, sa - 1, -1):
            if is_report(doc, j):
                sp, settled = reporter(doc, j, t, guarded=True)
                if settled:
                    return sp.ref
        r = previous_actor(ctx, t, prefer_person=False)
        if r is not None:
            return r
    return None


def anaphor_referent(doc: DemandDoc, k: int) -> Ref | None:
    """"وطالب الوزير"، "ودعت الحركة": a definite title or body noun that repeats the head noun
    of an actor named before (this sentence or three before): "وزير الخارجية الأردني ...
    وطالب الوزير"، "حركة حماس ... ودعت الحركة". The latest such actor."""
    ctx = doc.ctx
    w = strip_conj(doc, key(doc, k))
    article = doc.wc.letters("ARTICLE")
    if not (doc.wc.has(w, "ANAPHOR") and w.startswith(article)):
        return None
    head = w[len(article[0]):]
    s = ctx.sentence_of_token(k)
    lo = ctx.sent_toks[max(0, s - 3)][0]
    for r in reversed([r for r in ctx.refs if r.is_actor and lo <= r.tok_start and r.tok_end <= k]):
        if head in fold(r.surface).split() and not ctx.is_media(r.entity):
            return r
    return None


def group_referents(doc: DemandDoc, k: int) -> Speaker:
    """The actors a subject word at token k stands for, when it names no entity itself: the two
    parties ("الجانبان"، "البلدان"), a statement's issuer ("البيان"), or the actor a title or body
    noun points back to ("وطالب الوزير")."""
    w = strip_conj(doc, key(doc, k))
    if doc.wc.has(w, "PAIR_STATES") or doc.wc.has(w, "PAIR_SIDES"):
        return Speaker(pair_referents(doc, k, doc.wc.has(w, "PAIR_STATES")))
    if doc.wc.has(w, "STATEMENT_SUBJECT"):
        return one_speaker(statement_issuer(doc, k))
    return one_speaker(anaphor_referent(doc, k))


def unnamed_speaker(doc: DemandDoc, j: int) -> bool:
    """The reporting verb at j is followed by a name that is not a recognised entity."""
    k = j + 1
    _, sb = sent_range(doc, j)
    if k >= sb or doc.ctx.tokens[k].is_punct or in_ref(doc, k) or doc.words.labels[k]:
        return False
    w = key(doc, k)
    if w[:1] in doc.wc.of("NAME_NOT_START") or w.startswith(doc.wc.letters("ARTICLE")):
        return False
    if w[:1] in doc.wc.of("AND") and w[1:].startswith(doc.wc.letters("ARTICLE")):
        return False
    if doc.wc.starts(w, "REPORT_PARTICIPLE"):
        return False
    return not is_word(doc, k, "SPEAKER_NOT_NAME")


def reporter(doc: DemandDoc, j: int, end: int, guarded: bool) -> tuple[Speaker, bool]:
    """The subject of the reporting verb at token j: the actor right before it, or one of the
    first actors after it (up to token `end`). Returns (speaker, settled): settled is False
    when nothing says who speaks. `guarded` refuses a subject before the verb that carries a
    preposition or is governed by another word."""
    ctx = doc.ctx
    before = subject_before(ctx, doc.words, j, max_gap=1)
    if before and (not guarded or (before[-1].marker is None and not governed(doc, before[-1]))):
        return one_speaker(representative(ctx, before[-1])), True
    sides, _ = group_sides(ctx, doc.words, j + 1, end, max_gap=1)
    sides = [x for x in sides if x.actor_refs() and x.marker is None]
    if sides and sides[0].start <= j + 3:
        return one_speaker(representative(ctx, sides[0])), True
    k = j + 1
    while k < end and doc.words.has(k, "FILLER", "TIME") and not in_ref(doc, k):
        k += 1
    if k < end:
        group = group_referents(doc, k)
        if group.refs:
            return group, True  # "وأكد الجانبان"، "وشدد البيان"
    if unnamed_speaker(doc, j):
        return UNNAMED, True
    return NOBODY, False


def last_speaker(doc: DemandDoc, i: int) -> Speaker:
    """The subject of the latest reporting verb before token i, in this sentence or the two
    before it: who "وأضاف" or a quoted "we" is."""
    ctx = doc.ctx
    s = ctx.sentence_of_token(i)
    lo = ctx.sent_toks[max(0, s - 2)][0]
    for j in range(i - 1, lo - 1, -1):
        if not is_report(doc, j):
            continue
        _, sb = sent_range(doc, j)
        speaker, settled = reporter(doc, j, min(sb, j + 12), guarded=False)
        if settled:
            return speaker
    return NOBODY


def speaker_state(doc: DemandDoc, i: int) -> Speaker:
    """For "طلبنا" (we asked), "لن نشارك" (we will not take part): the organisation or state
    of the speaker, the most specific body the article names for it (a minister's "we" is
    his government: the state)."""
    ctx = doc.ctx
    sp = last_speaker(doc, i)
    if sp.unnamed:
        return sp
    r = sp.ref or previous_actor(ctx, i)
    if r is None:
        return NOBODY
    if r.type != PERSON:
        return one_speaker(r)
    named: dict[str, Ref] = {}
    for x in ctx.all_refs:  # nested too: "المتحدث باسم حركة X"
        if x.entity in ctx.parents(r.entity) and x.is_actor:
            named.setdefault(x.entity, x)
    if not named:
        return one_speaker(r)
    deepest = [p for p in named if not any(p in ctx.parents(q) for q in named if q != p)]
    pick = sorted(deepest or list(named), key=lambda p: (named[p].type != "ORG", sorted(named).index(p)))
    body = (ctx.dictionary.actor(pick[0]) if ctx.dictionary else None) or {}
    if body.get("kind") == "ministry" and body.get("state") in named:
        return one_speaker(named[body["state"]])
    return one_speaker(named[pick[0]])


def _they_verb(doc: DemandDoc, j: int) -> bool:
    """"قالوا"، "يقولون": a plural verb of saying, whose subject is an unnamed "they"."""
    w = key(doc, j)
    return w.endswith(doc.wc.letters("PLURAL_VERB_END")) or (
        w[:1] in doc.wc.of("PREFIX_IMPERFECT_3") and w.endswith(doc.wc.letters("PLURAL_IMPERFECT_END")))


def main_subject(doc: DemandDoc, i: int) -> Speaker:
    """The speaker or subject of the sentence holding token i: the subject of the last
    reporting verb before i, else an actor opening the sentence, else the previous
    sentence's first actor."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, i)
    for j in range(i - 1, sa - 1, -1):
        if is_report(doc, j):
            if _they_verb(doc, j):
                return NOBODY  # "قالوا إنه يجب ...": an unnamed "they" speaks
            speaker, settled = reporter(doc, j, i, guarded=True)
            if settled:
                return speaker
    for r in ctx.refs:
        if r.is_actor and sa <= r.tok_start < i and not governed(doc, Side([r])):
            return one_speaker(r) if r.tok_start - sa <= 3 else NOBODY
    s = ctx.sentence_of_token(i)
    if s > 0:
        pa, pb = ctx.sent_toks[s - 1]
        prev = [r for r in ctx.refs if r.is_actor and pa <= r.tok_start < pb]
        if prev and prev[0].tok_start - pa <= 3:
            return one_speaker(prev[0])
    return NOBODY


def latter(doc: DemandDoc, i: int) -> Ref | None:
    """"الأخيرة" (the latter): the last actor named before token i."""
    cands = [r for r in doc.ctx.refs if r.is_actor and r.tok_end <= i]
    return cands[-1] if cands else None


_OPEN_QUOTES = "«“"
_CLOSE_QUOTES = "»”"
_BOTH_QUOTES = "\""


def quote_open(doc: DemandDoc, a: int, i: int) -> bool:
    """Is a quotation opened between tokens a and i still open at i?"""
    depth = 0
    plain = 0
    for k in range(a, i):
        t = doc.ctx.tokens[k].text
        if t in _OPEN_QUOTES:
            depth += 1
        elif t in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t in _BOTH_QUOTES:
            plain += 1
    return depth > 0 or plain % 2 == 1


def _headline_speaker(doc: DemandDoc, i: int) -> Ref | None:
    """"وزير الخارجية الفرنسي: يجب ...": an actor that opens the sentence, right before a colon."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, i)
    for r in ctx.refs:
        if r.is_actor and sa <= r.tok_start < i:
            if r.tok_start - sa <= 1 and r.tok_end < i and ctx.tokens[r.tok_end].text == ":":
                return r
            return None
    return None


def _previous_speaker(doc: DemandDoc, i: int) -> Speaker:
    """The speaker of the sentence before the one holding token i (its last verb of saying
    with a subject), when this sentence names no actor before i: the statement continues."""
    ctx = doc.ctx
    s = ctx.sentence_of_token(i)
    sa, _ = sent_range(doc, i)
    if s <= 0 or any(r.is_actor and sa <= r.tok_start < i for r in ctx.refs):
        return NOBODY
    pa, pb = ctx.sent_toks[s - 1]
    for j in range(pb - 1, pa - 1, -1):
        if is_report(doc, j) and not _they_verb(doc, j):
            speaker, settled = reporter(doc, j, min(pb, j + 12), guarded=True)
            if settled:
                return speaker
    return NOBODY


def _dropped_subject(doc: DemandDoc, j: int, i: int) -> bool:
    """The verb of saying at j names no subject ("وأضاف أن"، "وتابع:"): the next word (after time
    words and titles) is a mark, a complementiser or a preposition, or the cue itself."""
    k = j + 1
    while k < i and doc.words.has(k, "FILLER", "TIME") and not in_ref(doc, k):
        k += 1
    if k >= i or doc.ctx.tokens[k].is_punct:
        return True
    w = key(doc, k)
    return any(is_word(doc, k, lab) for lab in ("THAT", "THING_LEAD", "GOVERNING_PREP", "SPEAKER_NOT_NAME")) \
        or w[:1] in doc.wc.of("PREFIX_PREP")


def speech_speaker(doc: DemandDoc, i: int) -> Speaker:
    """Who says the sentence holding token i, in reported speech only: the subject of a verb
    of saying before i ("وقال الوزير إنه يجب"), the speaker a subjectless one continues
    ("وأضاف أنه يجب"), a headline speaker ("الوزير: يجب"), the speaker of a quotation still
    open at i, or of the sentence before when this one names no new actor. Nobody otherwise:
    an unattributed necessity is the writer's own."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, i)
    for j in range(i - 1, sa - 1, -1):
        if is_report(doc, j):
            if _they_verb(doc, j):
                return NOBODY
            speaker, settled = reporter(doc, j, i, guarded=True)
            if settled:
                return speaker
            return last_speaker(doc, j) if _dropped_subject(doc, j, i) else NOBODY
    r = _headline_speaker(doc, i)
    if r is not None:
        return one_speaker(r)
    s = ctx.sentence_of_token(i)
    lo = ctx.sent_toks[max(0, s - 2)][0]
    for j in range(sa - 1, lo - 1, -1):
        if is_report(doc, j) and quote_open(doc, j, i):
            _, sb = sent_range(doc, j)
            speaker, settled = reporter(doc, j, min(sb, j + 12), guarded=False)
            if settled:
                return speaker
    return _previous_speaker(doc, i)
