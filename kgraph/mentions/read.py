"""The one place the mention rules are wired: match -> candidates -> resolve, three times.

1. Phrases, left to right: at the first token no kept candidate has read, every phrase rule
   may propose a reading that starts there (`PHRASE_RULES`); `resolve` keeps the strongest and
   the reading goes on after it. A rule sees the candidates kept before it, as a name refers
   back to one given earlier in the article ("اللواء مصطفى") and a title's holder may stand
   before it ("<name>، وزير ..."); this is the order filter_spans keeps (earliest first), so the
   rules can be asked in text order. A word no rule reads is passed over.
2. Outlets, relatives and described names, over what stage 1 kept.
3. Surnames, organisations referring back, and the nationalities of described names, over
   what stage 2 kept.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..types import Article, Mention
from .context import MentionContext, mention_context
from .match import Lexicon
from .names import read_honorific
from .orgs import read_institution, read_state_org, read_unknown_org
from .outlets import outlets
from .places import read_actor, read_capital, read_demonym, read_non_actor, read_state_ref
from .posts import read_counterpart, read_title
from .references import described_names, described_nationalities, org_anaphors, relatives, short_names
from .resolve import Candidate, kept_mention, mentions_of, resolve

# each (context, token, candidates kept before) -> a candidate starting at that token, or None
PHRASE_RULES = (read_title, read_counterpart, read_honorific, read_state_ref, read_non_actor,
                read_state_org, read_demonym, read_capital, read_actor, read_unknown_org, read_institution)


def read_mentions(lexicon: Lexicon, article: Article,
                  model_names: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """All dictionary and rule mentions of one article, in text order; `model_names` are the
    character spans of person names a model found, whose extent the name rules take."""
    ctx = mention_context(lexicon, article, model_names)
    kept = [kept_mention(m) for m in mentions_of(read_phrases(ctx))]
    kept = resolve([*outlets(ctx, mentions_of(kept)), *relatives(ctx), *described_names(ctx)], kept)
    seen = mentions_of(kept)
    kept = resolve([*described_nationalities(ctx, kept), *short_names(ctx, seen), *org_anaphors(ctx, seen)], kept)
    return sorted(mentions_of(kept), key=lambda m: (m.start, -m.end, m.type))


def read_phrases(ctx: MentionContext) -> list[Candidate]:
    """Stage 1: the phrase readings kept, in text order."""
    kept: list[Candidate] = []
    i = 0
    while i < len(ctx.doc):
        proposed = [c for rule in PHRASE_RULES if (c := rule(ctx, i, kept)) is not None]
        if not proposed:
            i = ctx.item_at[i].end if i in ctx.item_at else i + 1
            continue
        (reading,) = resolve(proposed)  # all start at token i: the strongest
        kept.append(reading)
        i = ctx.token_from(reading.end)
    return kept
