"""Mentions -> entities: keys, merging, role holders, model mentions."""
from kgraph.entities import build_entities
from kgraph.linking import link_posts
from kgraph.types import ORG, PERSON, STATE, Article, Extraction, Mention


def m(start, surface, typ, key=None, source="lexicon", **kw):
    return Mention("a", start, start + len(surface), surface, typ, source, key=key, **kw)


def test_entities_model_mentions_without_key_become_entities_merged_by_text():
    ents = build_entities([m(0, "سامر خليل", PERSON, source="stanza"),
                           m(20, "سامر خليل", PERSON, source="stanza"),
                           m(40, "شركة ألفا", ORG, source="stanza")])
    assert [(e.type, e.name, len(e.mentions)) for e in ents] == [(PERSON, "سامر خليل", 2), (ORG, "شركة ألفا", 1)]
    assert ents[0].id == "person:سامر_خليل"


def test_entities_role_only_post_links_to_the_holder_in_the_same_article():
    ents = build_entities([m(0, "مدير المخابرات", PERSON, key="person:x", role="head", of="gis"),
                           m(30, "رئيس المخابرات", PERSON, role="head", of="gis"),
                           m(60, "مصر", STATE, key="egypt")])
    assert {e.id for e in ents} == {"person:x", "egypt"}


def test_entities_posts_resolve_across_articles():
    named = build_entities([m(0, "سامر خليل", PERSON, key="person:x"),
                            m(12, "مدير المخابرات", PERSON, key="person:x", role="head", of="gis")])
    unnamed = build_entities([m(0, "رئيس المخابرات", PERSON, role="head", of="gis")])
    xs = [Extraction(Article("1", "."), tuple(named)), Extraction(Article("2", "."), tuple(unnamed))]
    linked = link_posts(xs)
    [person] = linked[1].entities
    assert person.id == "person:x" and person.aliases == ("رئيس المخابرات",)
