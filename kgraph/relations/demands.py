"""Demands and rejections: who asks, requires, conditions on or refuses what, from whom.

The steps, one module each:

- `demand_words`: the article as the rules read it, and the grammar words they use;
- `demand_frames`: each cue's frame gives its actors, stance, target and the demanded thing;
- `demand_subjects`: the subject of a demand verb (before it, right after it, continued);
- `demand_speakers`: who speaks in reported speech (a verb of saying, a quotation, "we"), and
  what a subject word that names no entity stands for (the two parties, a statement's issuer,
  a title noun);
- `demand_things`: where the thing ends, its condition, the items of a list in it;
- `topics`: the topic of a thing;
- here: the records. A list in the thing gives one record per topic; a rejection "until"
  something (رفض X قبل Y) gives a reject on X and a demand for each Y; a thing that is only
  an antecedent ("رفضته") takes the latest demand of this or the previous sentence; one
  record per (actor, topic, stance, text), rejections first (rule 23).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..types import DEMAND, REJECT, Demand, Evidence, Span
from .args import Words
from .context import ArticleContext, Ref
from .cues import CueMatcher, load_cues
from .demand_frames import Found, find_demands
from .demand_things import antecedent_topic, items, split_condition, split_until, topic_of
from .demand_words import DEMAND_WORDS, DemandDoc, default_word_classes
from .topics import TopicLexicon, topic_lexicon

Range = tuple[int, int]
TITLES = "titles.jsonl"


@lru_cache(maxsize=4)
def _matchers(demand_patterns: tuple, topic_patterns: tuple) -> tuple[CueMatcher, CueMatcher, TopicLexicon,
                                                                      CueMatcher]:
    cues = CueMatcher([p for p in demand_patterns if p.label in (DEMAND.upper(), REJECT.upper())])
    not_thing = CueMatcher([p for p in demand_patterns if p.label == "NOT_THING"])
    words = load_cues(DEMAND_WORDS)
    light = [p for p in words if p.label == "THING_LIGHT"]
    purpose = [p for p in words if p.label == "PURPOSE_LINK"]
    titles = CueMatcher(load_cues(TITLES))
    return cues, not_thing, topic_lexicon(topic_patterns, light, purpose), titles


def _span(ctx: ArticleContext, a: int, b: int) -> Span | None:
    if b <= a:
        return None
    s, e = ctx.tokens[a].start, ctx.tokens[b - 1].end
    return Span(s, e, ctx.text[s:e])


def _evidence(ctx: ArticleContext, f: Found) -> Evidence:
    ss, se = ctx.sentences[ctx.sentence_of_token(f.cue.start)]
    cue = Span(f.cue.char_start, f.cue.char_end, ctx.text[f.cue.char_start:f.cue.char_end])
    return Evidence(ctx.article.id, ctx.text[ss:se], ss, se, cue, f"demand:{f.cue.label.lower()}:{f.rule}")


def _actor_span(ctx: ArticleContext, actor: Ref) -> Span:
    return Span(actor.start, actor.end, ctx.text[actor.start:actor.end])


def _record(ctx: ArticleContext, f: Found, actor: Ref, stance: str, thing: Range, topic: str,
            target: str | None, condition: Range | None) -> Demand:
    span = _span(ctx, *thing)
    cond = _span(ctx, *condition) if condition else None
    return Demand(actor=actor.entity, topic=topic, stance=stance, text=span.surface if span else "",
                  evidence=_evidence(ctx, f), target=None if target == actor.entity else target,
                  condition=cond.surface if cond else None, text_span=span,
                  actor_span=_actor_span(ctx, actor))


def target_in(ctx: ArticleContext, a: int, b: int, actor: str) -> str | None:
    """The first actor named inside the demanded thing (نزع سلاح حماس -> hamas)."""
    for r in ctx.refs:
        if r.is_actor and a <= r.tok_start and r.tok_end <= b and r.entity != actor \
                and not ctx.related(r.entity, actor):
            return r.entity
    return None


def antecedent_records(ctx: ArticleContext, f: Found, earlier: list[Demand]) -> list[Demand]:
    """"رفضته"، "الأمر الذي تعتبره ... غير مقبول": the thing is the latest demand (of this or
    the previous sentence) in `earlier`; each actor takes it over, aimed at its actor."""
    if not earlier:
        return []
    p = earlier[-1]
    out = []
    for actor in f.actors:
        if actor.entity == p.actor and f.stance == p.stance:
            continue
        target = f.target or (p.actor if actor.entity != p.actor else None)
        out.append(Demand(actor=actor.entity, topic=p.topic, stance=f.stance, text=p.text,
                          evidence=_evidence(ctx, f), target=target, text_span=p.text_span,
                          actor_span=_actor_span(ctx, actor)))
    return out


def thing_records(doc: DemandDoc, f: Found) -> list[Demand]:
    """The records of one reading whose thing is named: per actor, a reject (and a demand for
    each "until" item), or a demand per topic of the items of a list."""
    ctx = doc.ctx
    (a, b), cond = split_condition(doc, *f.thing)
    until = None
    if f.stance == REJECT:
        (a, b), until = split_until(doc, a, b)
    out: list[Demand] = []
    if f.refused is not None:
        # "لن نعود إلى المفاوضات إلا بضمانات دولية": the refused act, then the demanded condition (rule 19)
        x, y = f.refused
        refusal = replace(f, stance=REJECT, thing=f.refused, refused=None)
        for actor in f.actors:
            target = target_in(ctx, x, y, actor.entity)
            out.append(_record(ctx, refusal, actor, REJECT, (x, y), topic_of(doc, x, y), target, None))
    for actor in f.actors:
        if f.stance == REJECT:
            target = f.target or target_in(ctx, a, b, actor.entity)
            out.append(_record(ctx, f, actor, REJECT, (a, b), topic_of(doc, a, b), target, cond))
            for x, y in (items(doc, *until) if until else []):
                t = doc.topics.topic(ctx.tokens[x:y])
                if t is not None:
                    out.append(_record(ctx, f, actor, DEMAND, (x, y), t, None, None))
            continue
        seen: set[str] = set()
        parts = items(doc, a, b)
        back = antecedent_topic(doc, f.cue.start)
        for n, (x, y) in enumerate(parts):
            t = doc.topics.topic(ctx.tokens[x:y])
            if t is None:
                if n > 0:
                    continue
                t = back or "other"
            if t in seen:
                continue
            seen.add(t)
            target = f.target or target_in(ctx, x, y, actor.entity)
            thing = (x, y) if len(parts) > 1 else (a, b)
            out.append(_record(ctx, f, actor, DEMAND, thing, t, target, cond if n == 0 else None))
    return out


def extract_demands(ctx: ArticleContext, words: Words, demand_patterns, topic_patterns,
                    status_patterns=None) -> list[Demand]:
    """The demands and rejections of one article."""
    cues, not_thing, topics, titles = _matchers(tuple(demand_patterns), tuple(topic_patterns))
    doc = DemandDoc(ctx, words, default_word_classes(), topics, not_thing, titles)
    out: list[Demand] = []
    sentence_of: list[int] = []  # the sentence of each record, for antecedents
    for f in find_demands(doc, cues):
        s_idx = ctx.sentence_of_token(f.cue.start)
        if f.thing[1] <= f.thing[0]:
            earlier = [d for si, d in zip(sentence_of, out, strict=True) if s_idx - 1 <= si <= s_idx]
            new = antecedent_records(ctx, f, earlier)
        else:
            new = thing_records(doc, f)
        out.extend(new)
        sentence_of.extend([s_idx] * len(new))
    return dedupe(out)


def dedupe(demands: list[Demand]) -> list[Demand]:
    """One record per (actor, topic, stance, text); rejections before demands of one pair."""
    seen = set()
    out = []
    for d in demands:
        k = (d.actor, d.topic, d.stance, d.text)
        if k in seen:
            continue
        seen.add(k)
        out.append(d)
    # rule 23: for one (actor, topic) with both stances, the reject first
    order: dict[tuple[str, str], list[int]] = {}
    for n, d in enumerate(out):
        order.setdefault((d.actor, d.topic), []).append(n)
    rank = {}
    for idx in order.values():
        first = min(idx)
        for n in idx:
            rank[n] = (first, 0 if out[n].stance == REJECT else 1, n)
    return [out[n] for n in sorted(range(len(out)), key=lambda n: rank[n])]
