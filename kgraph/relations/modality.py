"""The modality of a meeting cue: held, planned, cancelled, postponed, or no meeting at all.

Markers come from `kgraph/data/status_cues.jsonl` (label PLANNED, HOPED, HYPOTHETICAL,
NEGATED, CANCELLED, POSTPONED, HABITUAL; `position` before or after the cue). A marker
before the cue counts in the cue's clause, negation and possibility only close to it
("لم يلتق"، "قد يلتقي"); one after it counts right after a meeting noun ("اللقاء المرتقب")
or, for habits, anywhere up to the clause's end ("يلتقيان دوريا"). The future prefix
(سيلتقي) and a purpose ل before a meeting noun (لعقد لقاء، لزيارة) make it planned.
Negated and habitual meetings are no meetings (`NOT_A_MEETING`).
"""
from __future__ import annotations

from ..types import CANCELLED, HELD, PLANNED, POSTPONED
from .args import STRONG_PUNCT, Words, clause_left
from .context import ArticleContext
from .cues import CueMatch

NOT_A_MEETING = "not"
_NEAR = 3  # tokens between a negation or possibility marker and the cue
_BEFORE = 8  # how far back a marker is looked for
_AFTER = 10  # how far forward
# the imperfect's person prefixes: "قد يلتقي" (may meet) against "قد التقى" (has met)
_IMPERFECT = ("ي", "ت", "ن")


def status_index(matches: list[CueMatch]) -> dict[int, list[CueMatch]]:
    """Status markers by their first token."""
    out: dict[int, list[CueMatch]] = {}
    for m in matches:
        out.setdefault(m.start, []).append(m)
    return out


def _labels_before(ctx: ArticleContext, words: Words, m: CueMatch, status_at: dict) -> list[str]:
    labels = []
    left = max(clause_left(ctx, words, m.start), m.start - _BEFORE)
    # a plan may be the clause's own boundary: "على أن يلتقي"
    for i in range(max(0, left - 2), m.start):
        for sm in status_at.get(i, []):
            if sm.get("position", "before") != "before" or (i < left and (sm.end != left or sm.label != "PLANNED")):
                continue
            dist = m.start - sm.end
            if sm.label in ("NEGATED", "HYPOTHETICAL") and dist > _NEAR:
                continue
            if sm.id == "may" and (dist > 0 or m.first.stem[:1] not in _IMPERFECT or any(
                    words.has(k, "PAST_AUX") for k in range(max(0, sm.start - 3), sm.start))):
                continue  # "قد التقى", "كان قد": past, not possible
            labels.append(sm.label)
    return labels


def _labels_after(ctx: ArticleContext, words: Words, m: CueMatch, status_at: dict) -> list[str]:
    labels = []
    s = ctx.sentence_of_token(m.start)
    sb = ctx.sent_toks[s][1] if s >= 0 else m.end
    for i in range(m.end, min(sb, m.end + _AFTER)):
        t = ctx.tokens[i]
        if (t.is_punct and t.text in STRONG_PUNCT) or words.has(i, "CLAUSE", "RELATIVE"):
            break
        near = i < m.end + _NEAR
        for sm in status_at.get(i, []):
            if sm.get("position") == "after" and (near or sm.label == "HABITUAL"):
                labels.append("PLANNED" if sm.label in ("PLANNED", "HOPED") else sm.label)
            elif near and sm.label in ("CANCELLED", "POSTPONED"):
                labels.append(sm.label)
    return labels


def meeting_status(ctx: ArticleContext, words: Words, m: CueMatch, status_at: dict) -> str:
    """held, planned, cancelled, postponed, or NOT_A_MEETING (negated, habitual)."""
    if m.first.future:
        return PLANNED
    labels = []
    if m.label in ("TALKS", "VISIT", "CALL") and m.first.prefix.endswith("ل"):
        labels.append("PLANNED")  # "لعقد لقاء", "استعدادا لزيارة": for a meeting to come
    labels += _labels_before(ctx, words, m, status_at) + _labels_after(ctx, words, m, status_at)
    for lab, st in (("CANCELLED", CANCELLED), ("POSTPONED", POSTPONED)):
        if lab in labels:
            return st
    if "NEGATED" in labels or "HABITUAL" in labels:
        return NOT_A_MEETING
    if any(lab in labels for lab in ("PLANNED", "HOPED", "HYPOTHETICAL")):
        return PLANNED
    return HELD
