"""Across a corpus: a post named by role in one article -> the person another article names.

"رئيس المخابرات المصرية" in one article and "اللواء حسن رشاد، مدير جهاز المخابرات العامة
المصرية" in another are one person. Each Extraction stays a pure per-article record; this
merge step only renames role-only entities whose post exactly one person holds in the
corpus, keeping the article's own surface forms as aliases.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .dictionary import Dictionary, default_dictionary
from .entities import post_of, role_key
from .types import PERSON, Extraction


def corpus_posts(extractions: Iterable[Extraction], dictionary: Dictionary | None = None
                 ) -> dict[str, tuple[str, str]]:
    """role id ("egypt_gis:head") -> (person id, person name), where one person holds it."""
    d = dictionary or default_dictionary()
    holders: dict[str, set[tuple[str, str]]] = {}
    for x in extractions:
        for e in x.entities:
            if e.type != PERSON or not e.role:
                continue
            for m in e.mentions:
                if m.role and m.of and (post := role_key(*post_of(m, d))) != e.id:
                    holders.setdefault(post, set()).add((e.id, e.name))
    return {post: next(iter(h)) for post, h in holders.items() if len(h) == 1}


def rename(x: Extraction, mapping: dict[str, tuple[str, str]]) -> Extraction:
    """An Extraction with entity ids renamed (id -> (new id, new name)) everywhere."""
    if not any(e.id in mapping for e in x.entities):
        return x

    def new(i):
        return mapping[i][0] if i in mapping else i

    entities = tuple(replace(e, id=mapping[e.id][0], name=mapping[e.id][1]) if e.id in mapping else e
                     for e in x.entities)
    meetings = tuple(replace(m, participants=tuple(replace(p, entity_id=new(p.entity_id))
                                                   for p in m.participants),
                             location=new(m.location) if m.location else None)
                     for m in x.meetings)
    demands = tuple(replace(d, actor=new(d.actor), target=new(d.target) if d.target else None)
                    for d in x.demands)
    affiliations = tuple(replace(a, member=new(a.member), of=new(a.of)) for a in x.affiliations)
    return replace(x, entities=entities, meetings=meetings, demands=demands, affiliations=affiliations)


def link_posts(extractions: list[Extraction], dictionary: Dictionary | None = None) -> list[Extraction]:
    """Resolve role-only persons to the person the corpus names for that post."""
    posts = corpus_posts(extractions, dictionary)
    out = []
    for x in extractions:
        present = {e.id for e in x.entities}
        # never merge a role into a person the article already has as someone else
        mapping = {e.id: posts[e.id] for e in x.entities
                   if e.id in posts and posts[e.id][0] not in present}
        out.append(rename(x, mapping))
    return out
