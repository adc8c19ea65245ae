"""Meetings: who met whom, with role, mode, place, date and status, assembled from the
candidates the frames propose (`meeting_frames.py`).

A host meeting several parties gives a bilateral meeting with each; reports of one
multilateral event become one meeting; a bilateral meeting restated at state or agency
level is not a second one; a state side is the person of that state the sentence opens
with; "X: يمثلها Y" makes Y stand for X.
"""
from __future__ import annotations

from dataclasses import replace

from ..types import HELD, ORG, PERSON, STATE, Entity, Evidence, Meeting, Mention, Participant, Span
from .args import Words, group_sides, merge_related, rep_id, representative
from .context import ArticleContext, Ref
from .dates import find_date
from .meeting_frames import Candidate, candidates, meeting_view


# -- assembling meetings -----------------------------------------------------------------------
def _participants(ctx: ArticleContext, c: Candidate) -> list[tuple[str, str | None, Ref | None]]:
    sides = [s for s in c.sides if s.actor_refs() and not ctx.is_media(rep_id(ctx, s) or "")]
    roles = dict(zip(map(id, c.sides), c.roles, strict=True))
    merged = merge_related(ctx, sides)
    out = []
    for s in merged:
        r = representative(ctx, s)
        if r is None:
            continue
        role = roles.get(id(s))
        if r.entity not in [p[0] for p in out]:
            out.append((r.entity, role, r))
    return out


def _span(ctx: ArticleContext, r: Ref | None) -> Span | None:
    return Span(r.start, r.end, ctx.text[r.start:r.end]) if r is not None else None


def build_meetings(ctx: ArticleContext, words: Words, cands: list[Candidate],
                   represent: dict[str, str]) -> list[Meeting]:
    meetings: list[Meeting] = []
    for c in cands:
        parts = _participants(ctx, c)
        if represent:
            parts = [(represent.get(e, e), role, r if e not in represent else None) for e, role, r in parts]
            seen = []
            for p in parts:
                if p[0] not in [q[0] for q in seen]:
                    seen.append(p)
            parts = seen
        # never a person together with their own state or agency
        ids = [p[0] for p in parts]
        keep = []
        for p in parts:
            if any(o != p[0] and p[0] in ctx.parents(o) for o in ids):
                continue
            keep.append(p)
        if len(keep) < 2:
            continue
        s_idx = ctx.sentence_of_token(c.cue.start)
        ss, se = ctx.sentences[s_idx]
        ev = Evidence(ctx.article.id, ctx.text[ss:se], ss, se,
                      Span(c.cue.char_start, c.cue.char_end, ctx.text[c.cue.char_start:c.cue.char_end]),
                      f"meeting:{c.cue.label.lower()}:{c.rule}")
        date = find_date(ctx.text[ss:se], ctx.date)
        if date is None and ctx.date and c.status == HELD and _current(ctx, words, ss, se):
            date = ctx.date
        meetings.append(Meeting(tuple(Participant(e, role, _span(ctx, r)) for e, role, r in keep), ev,
                                status=c.status, mode=c.mode, location=c.location, date=date))
    return meetings


def _current(ctx: ArticleContext, words: Words, ss: int, se: int) -> bool:
    """The sentence speaks of the current round or talks ("الجولة الحالية")."""
    a, b = ctx.token_at(ss), ctx.token_at(se - 1)
    return any(words.has(i, "CURRENT") for i in range(a, b + 1))


def representations(ctx: ArticleContext, words: Words) -> dict[str, str]:
    """"X: يمثلها Y" -> X is represented by Y in the article's talks (unless "عادة")."""
    out: dict[str, str] = {}
    for i in range(len(ctx.tokens)):
        if not words.has(i, "SIDE_HEAD") or not words.has(i, "REPRESENT"):
            continue
        s = ctx.sentence_of_token(i)
        sa, sb = ctx.sent_toks[s]
        if any(words.has(k, "USUALLY") for k in range(i, min(sb, i + 3))):
            continue
        before = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start and r.tok_end <= i]
        if not before:
            continue
        sides, _ = group_sides(ctx, words, i + 1, sb, max_gap=1)
        sides = [sd for sd in sides if sd.actor_refs()]
        if not sides:
            continue
        x = before[0].entity
        y = rep_id(ctx, sides[0])
        if y and y != x and ctx.type_of(y) == PERSON:
            out[x] = y
    return out


def delegation_heads(ctx: ArticleContext, words: Words) -> dict[str, str]:
    """The state or body whose delegation a person leads, anywhere in the article: "رأس X وفد
    بلاده"، "ترأس الوفد الإثيوبي X"، "وفد مصري برئاسة X" -> the talks of that side are the
    leader's (dev convention 13: one participant per side)."""
    out: dict[str, str] = {}
    for i in range(len(ctx.tokens)):
        if not words.has(i, "HEADS"):
            continue
        s = ctx.sentence_of_token(i)
        sa, sb = ctx.sent_toks[s] if s >= 0 else (0, 0)
        near = [k for k in range(max(sa, i - 3), min(sb, i + 9)) if words.has(k, "DELEGATION")]
        if not near:
            continue
        d = near[0]
        head = _delegation_head(ctx, words, i, d, sa, sb)
        if head is None:
            continue
        if words.has(d + 1, "OWN_COUNTRY"):
            owners = ctx.states_of(head)
        else:
            owners = [r.entity for r in ctx.all_refs if d <= r.tok_start <= d + 2 and r.type in (STATE, ORG)]
        if owners and owners[0] != head and owners[0] not in out:
            out[owners[0]] = head
    return out


def _delegation_head(ctx: ArticleContext, words: Words, i: int, d: int, sa: int, sb: int) -> str | None:
    """The person a HEADS word at token i names as leading the delegation at token d."""
    if d < i:  # "وفد مصري برئاسة X"
        persons = [r for r in ctx.refs if i < r.tok_start < min(sb, i + 4) and r.type == PERSON]
    else:  # "رأس X وفد بلاده" or "ترأس الوفد الإثيوبي X"
        persons = [r for r in ctx.refs if r.type == PERSON and (
            i < r.tok_start < d or d < r.tok_start < min(sb, d + 8))]
        persons = persons or [r for r in ctx.refs if r.type == PERSON and sa <= r.tok_start and r.tok_end <= i
                              and i - r.tok_end <= 3]
    return persons[0].entity if persons else None


def _key(m: Meeting) -> frozenset:
    return frozenset(p.entity_id for p in m.participants)


def merge_multilateral(ctx: ArticleContext, meetings: list[Meeting]) -> list[Meeting]:
    """Reports of one multilateral event (same venue, two or more shared parties) become one."""
    out: list[Meeting] = []
    for m in meetings:
        k = _key(m)
        merged = False
        if len(k) >= 3 and m.location and m.status == HELD:
            for n, o in enumerate(out):
                ko = _key(o)
                shared = [a for a in k if any(ctx.related(a, b) for b in ko)]
                if (len(ko) >= 3 and o.location == m.location and o.status == HELD and o.mode == m.mode
                        and len(shared) >= 2):
                    parts = list(o.participants) + [p for p in m.participants if p.entity_id not in ko]
                    out[n] = replace(o, participants=tuple(parts), date=o.date or m.date)
                    merged = True
                    break
        if not merged:
            out.append(m)
    # a participant whose own agency or representative also takes part is dropped
    final = []
    for m in out:
        ids = [p.entity_id for p in m.participants]
        parts = tuple(p for p in m.participants
                      if not any(o != p.entity_id and p.entity_id in ctx.parents(o) for o in ids))
        final.append(replace(m, participants=parts) if len(parts) != len(m.participants) else m)
    return [m for m in final if len(m.participants) >= 2]


def _covers(ctx: ArticleContext, general: str, specific: str) -> bool:
    return general == specific or general in ctx.parents(specific)


def drop_restatements(ctx: ArticleContext, meetings: list[Meeting]) -> list[Meeting]:
    """A bilateral meeting restated at state or agency level is not a second meeting."""
    held = [m for m in meetings if m.status == HELD]
    pairs = set()
    for m in held:
        ids = [p.entity_id for p in m.participants]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs.add((a, b))
                pairs.add((b, a))
    out = []
    seen = set()
    for m in meetings:
        ids = [p.entity_id for p in m.participants]
        k = _key(m)
        if any(o is not m and o.evidence.start == m.evidence.start and o.mode == m.mode and o.status == m.status
               and k < _key(o) for o in meetings):
            continue  # part of a larger meeting told by the same sentence
        if len(ids) == 2 and m.status == HELD and not m.evidence.rule.endswith(":host-each"):
            a, b = ids
            if any((x, y) != (a, b) and _covers(ctx, a, x) and _covers(ctx, b, y) for x, y in pairs):
                continue
        key = (_key(m), m.status, m.mode)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def substitute_specific(ctx: ArticleContext, words: Words, cands: list[Candidate]) -> None:
    """A state side of a meeting whose sentence opens with a person of that state (and that
    person is not reported as a speaker) is that person: "رئيس المخابرات ... حيث كثفت مصر
    جهودها باجتماعات مع ..."."""
    for c in cands:
        s = ctx.sentence_of_token(c.cue.start)
        sa, sb = ctx.sent_toks[s]
        first = next((r for r in ctx.refs if r.is_actor and sa <= r.tok_start < sb), None)
        if first is None or first.type != PERSON:
            continue
        if any(words.has(k, "REPORT") for k in range(max(sa, first.tok_start - 3), first.tok_start)):
            continue
        if c.rule not in ("talks-with", "subject-object") or not c.sides:
            continue
        for sd in c.sides[:1]:
            rid = rep_id(ctx, sd)
            if rid and ctx.type_of(rid) == STATE and rid in ctx.parents(first.entity) and \
                    sd.start > first.tok_end and all(first.entity not in o.ids for o in c.sides):
                sd.head = first
                sd.refs.append(first)


def extract_meetings(ctx: ArticleContext, words: Words, cue_patterns, status_patterns) -> list[Meeting]:
    cands = candidates(meeting_view(ctx, words, cue_patterns, status_patterns))
    substitute_specific(ctx, words, cands)
    meetings = build_meetings(ctx, words, cands, delegation_heads(ctx, words) | representations(ctx, words))
    meetings = merge_multilateral(ctx, meetings)
    return drop_restatements(ctx, counterparts_replace_states(ctx, meetings))


def counterparts_replace_states(ctx: ArticleContext, meetings: list[Meeting]) -> list[Meeting]:
    """A visit to a state whose sentence has the visitor meet a person there is a meeting with
    that person, not with the state ("زيارة إلى أوسلو يلتقي خلالها نظيره <name>")."""
    def met_person(visit: Meeting, visitor: str) -> bool:
        return any(o is not visit and o.status == HELD and o.evidence.start == visit.evidence.start
                   and visitor in (ids := [p.entity_id for p in o.participants])
                   and any(x != visitor and ctx.type_of(x) == PERSON and not ctx.related(x, visitor) for x in ids)
                   for o in meetings)

    out = []
    for m in meetings:
        roles = {p.role: p.entity_id for p in m.participants}
        host, visitor = roles.get("host"), roles.get("visitor")
        if m.evidence.rule.endswith(":visit") and host and visitor and ctx.type_of(host) != PERSON \
                and met_person(m, visitor):
            continue
        out.append(m)
    return out


def visited_states(ctx: ArticleContext, meetings: list[Meeting]) -> list[Entity]:
    """The states the article names only by the capital a visitor went to: an actor of their own
    (dev3 convention 33: a visit with no named counterpart is a meeting with the state)."""
    known = set(ctx.entities)
    out: dict[str, Entity] = {}
    for m in meetings:
        for p in m.participants:
            actor = ctx.dictionary.actor(p.entity_id) if ctx.dictionary is not None else None
            if p.entity_id in known or p.span is None or not actor or actor.get("type") != STATE:
                continue
            mention = Mention(ctx.article.id, p.span.start, p.span.end, p.span.surface, STATE, "visit-host",
                              key=p.entity_id)
            old = out.get(p.entity_id)
            mentions = tuple(dict.fromkeys((old.mentions if old else ()) + (mention,)))
            out[p.entity_id] = Entity(p.entity_id, actor["name"], STATE,
                                      tuple(dict.fromkeys(x.surface for x in mentions)), mentions,
                                      label_en=actor.get("en"))
    return list(out.values())
