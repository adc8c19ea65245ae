"""The relation layer: meetings, demands and affiliations from an article's entities.

`extract_relations(extraction, dictionary)` returns a new Extraction with `meetings`,
`demands` and `affiliations` filled. Every record carries Evidence: the sentence (exact
offsets into the article text), the cue span, and the rule that produced it.

The cue data (kgraph/data/meeting_cues.jsonl, demand_cues.jsonl, status_cues.jsonl,
topics.jsonl, relation_words.jsonl) is read once per process and can be extended (see
`cues.py`); `reload_cues()` reads it again.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..types import Extraction
from .cues import DEMAND_CUES, MEETING_CUES, MEETING_WORDS, STATUS_CUES, TOPICS, CuePattern, load_cues

__all__ = ["extract_relations", "reload_cues", "RelationData"]


class RelationData:
    """The cue patterns the rules use (fresh lists per instance)."""

    def __init__(self, data_dir: str | None = None):
        from .args import RELATION_WORDS
        self.meetings: list[CuePattern] = load_cues(MEETING_CUES, data_dir)
        self.demands: list[CuePattern] = load_cues(DEMAND_CUES, data_dir)
        self.status: list[CuePattern] = load_cues(STATUS_CUES, data_dir)
        self.topics: list[CuePattern] = load_cues(TOPICS, data_dir)
        # the grammar words every rule reads, and the word classes only the meeting rules read
        self.words: list[CuePattern] = (load_cues(RELATION_WORDS, data_dir)
                                        + load_cues(MEETING_WORDS, data_dir))


@lru_cache(maxsize=1)
def _default_data() -> RelationData:
    return RelationData()


def reload_cues() -> None:
    """Forget the loaded cue data (the next extraction reads the files again)."""
    _default_data.cache_clear()


def extract_relations(extraction: Extraction, dictionary=None,
                      data: RelationData | None = None) -> Extraction:
    """An Extraction with its meetings, demands and affiliations filled."""
    from .affiliations import extract_affiliations
    from .args import Words
    from .context import ArticleContext
    from .demands import extract_demands
    from .meetings import extract_meetings, visited_states

    data = data or _default_data()
    ctx = ArticleContext(extraction, dictionary)
    words = Words(ctx, data.words)
    meetings = extract_meetings(ctx, words, data.meetings, data.status)
    demands = extract_demands(ctx, words, data.demands, data.topics, data.status)
    affiliations = extract_affiliations(ctx, words)
    entities = extraction.entities + tuple(visited_states(ctx, meetings))
    return replace(extraction, entities=entities, meetings=tuple(meetings), demands=tuple(demands),
                   affiliations=tuple(affiliations))
