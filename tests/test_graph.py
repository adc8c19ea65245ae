"""kgraph.graph: records -> graph, merging across articles, evidence, determinism."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import graph_fixtures as fx
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.graph import build_graph, met_projection
from kgraph.types import LOCATION, PERSON, STATE, Extraction

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def G():
    """The graph of the five hand-built articles."""
    return fx.build()


def meeting_of(G, *who):
    """The meeting nodes whose participants are exactly `who`."""
    want = sorted(f"actor:{w}" for w in who)
    return [n for n, d in G.nodes(data=True)
            if d.get("kind") == "meeting" and d["participants"] == want]


def canonical(G) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, sort_keys=True)


def test_graph_node_ids_are_readable(G):
    ids = set(G.nodes)
    assert {"actor:egypt", "actor:sisi", "topic:ceasefire", "article:000",
            "location:cairo"} <= ids
    meetings = [n for n in ids if n.startswith("meeting:")]
    assert meetings and all(re.fullmatch(r"meeting:[0-9a-f]{12}", n) for n in meetings)
    kinds = {d["kind"] for _, d in G.nodes(data=True)}
    assert kinds == {"actor", "location", "meeting", "topic", "article"}


def test_graph_equal_entity_ids_are_one_actor(G):
    sisi = G.nodes["actor:sisi"]
    assert sisi["articles"] == ["000", "001", "002"]
    assert set(sisi["aliases"]) == {"السيسي", "عبد الفتاح السيسي"}
    assert sisi["type"] == PERSON and sisi["label_en"] == "Abdel Fattah el-Sisi"
    assert sisi["mentions"] == 3


def test_graph_same_meeting_from_two_outlets_is_one_node(G):
    (m,) = meeting_of(G, "sisi", "tamim")
    d = G.nodes[m]
    assert d["articles"] == ["000", "001"] and len(d["evidence"]) == 2
    assert d["place"] == "location:cairo" and d["status"] == "held"
    assert d["roles"] == {"actor:sisi": "host", "actor:tamim": "visitor"}
    assert len(G["actor:sisi"][m]["participant"]["evidence"]) == 2
    assert len(G[m]["location:cairo"]["held_at"]["evidence"]) == 2


def _two_reports(date0=None, date1=None, day0="2024-05-01", day1="2024-05-02",
                 place0="cairo", place1="cairo"):
    """Two articles that each report a meeting of sisi and tamim."""
    xs = []
    for aid, date, day, place in (("a", date0, day0, place0), ("b", date1, day1, place1)):
        art = fx.article(aid, "التقى السيسي تميم في القاهرة والدوحة.", date=day)
        ents = (fx.entity(art, "sisi", "السيسي", PERSON), fx.entity(art, "tamim", "تميم", PERSON),
                fx.entity(art, "cairo", "القاهرة", LOCATION),
                fx.entity(art, "doha", "الدوحة", LOCATION))
        xs.append(Extraction(art, ents, meetings=(
            fx.meeting(art, "التقى", "sisi", "tamim", date=date, location=place),)))
    return xs


@pytest.mark.parametrize("kw, nodes", [
    ({}, 1),                                                  # articles a day apart
    ({"day1": "2024-05-20"}, 2),                              # weeks apart, no stated date
    ({"date0": "2024-05-01", "date1": "2024-05-01", "day1": "2024-05-20"}, 1),
    ({"date0": "2024-05-01", "date1": "2024-05-03"}, 2),      # two stated dates
    ({"date0": "2024-05", "date1": "2024-05-01"}, 1),         # month and day agree
    ({"place1": "doha"}, 2),                                  # different places
    ({"place1": None}, 1),                                    # unknown place is compatible
    ({"day0": None}, 1),                                      # no dates at all
])
def test_graph_meeting_merge_needs_compatible_date_and_place(kw, nodes):
    G = build_graph(_two_reports(**kw))
    assert len(meeting_of(G, "sisi", "tamim")) == nodes


def test_graph_merged_meeting_keeps_the_most_precise_date():
    G = build_graph(_two_reports(date0="2024-05", date1="2024-05-01"))
    (m,) = meeting_of(G, "sisi", "tamim")
    assert G.nodes[m]["date"] == "2024-05-01"


def test_graph_every_edge_has_exact_evidence(G):
    texts = {x.article.id: x.article.text for x in fx.corpus()}
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["evidence"], (u, v, k)
        for ev in d["evidence"]:
            assert {"article", "sentence", "start", "end", "rule"} <= ev.keys()
            assert texts[ev["article"]][ev["start"]:ev["end"]] == ev["sentence"]
        assert d["evidence"] == sorted(d["evidence"], key=lambda e: (e["article"], e["start"]))


def test_graph_attributes_are_plain_json(G):
    def plain(v):
        if isinstance(v, list):
            return all(plain(x) for x in v)
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        return isinstance(v, (str, int, float, bool))
    for _, d in G.nodes(data=True):
        assert all(v is not None and v != "" and plain(v) for v in d.values()), d
    for *_, d in G.edges(data=True):
        assert all(v is not None and plain(v) for v in d.values()), d


def test_graph_demand_edges_carry_stance_target_and_text(G):
    rej = G["actor:hamas"]["topic:disarmament"]["reject"]
    assert rej["kind"] == "demand" and rej["stance"] == "reject" and rej["texts"] == ["نزع السلاح"]
    wd = G["actor:hamas"]["topic:withdrawal"]["demand:actor:israel"]
    assert wd["target_actor"] == "actor:israel" and wd["evidence"][0]["text"].startswith("بانسحاب")
    assert G.nodes["topic:ceasefire"]["label"] == "وقف إطلاق النار"
    pay = G["actor:payload"]["topic:ceasefire"]["demand:actor:egypt"]
    assert pay["evidence"][0]["condition"] == fx.SCRIPT


def test_graph_affiliations_and_mentions(G):
    assert G["actor:sisi"]["actor:egypt"]["affiliation:president"]["role"] == "president"
    assert G["article:001"]["actor:hamas"]["mention"]["count"] == 2
    assert G.nodes["actor:qatar_pm"]["of"] == "actor:qatar"
    art = G.nodes["article:003"]
    assert art["title"] == fx.IMG and art["source"] == fx.SCRIPT


def test_graph_an_id_typed_as_state_somewhere_is_an_actor():
    a = fx.article("a", "في مصر.")
    b = fx.article("b", "مصر تطالب.")
    G = build_graph([Extraction(a, (fx.entity(a, "egypt", "مصر", LOCATION),)),
                     Extraction(b, (fx.entity(b, "egypt", "مصر", STATE),))])
    assert "actor:egypt" in G and "location:egypt" not in G
    assert G.nodes["actor:egypt"]["type"] == STATE


def test_graph_unknown_participant_gets_a_stub_actor():
    a = fx.article("a", "التقى فلان علانا.")
    G = build_graph([Extraction(a, (), meetings=(fx.meeting(a, "التقى", "x", "y"),))])
    assert G.nodes["actor:x"]["name"] == "x"


def test_met_projection_counts_only_held_meetings(G):
    P = met_projection(G)
    assert not P.has_edge("actor:blinken", "actor:qatar_pm")  # planned
    assert P.has_edge("actor:sisi", "actor:blinken")           # a call counts
    e = P["actor:sisi"]["actor:tamim"]
    assert e["count"] == 1 and e["places"] == ["location:cairo"] and len(e["evidence"]) == 2
    assert e["dates"] == ["2024-05-01"] and e["modes"] == ["in_person"]
    assert all(d["kind"] == "actor" for _, d in P.nodes(data=True))


def test_met_projection_indirect_links_mediator_and_parties_only(G):
    P = met_projection(G)
    assert P.has_edge("actor:egypt", "actor:hamas") and P.has_edge("actor:egypt", "actor:israel")
    assert not P.has_edge("actor:hamas", "actor:israel")


def test_met_projection_counts_meetings_not_reports():
    xs = _two_reports(day1="2024-06-20")
    P = met_projection(build_graph(xs))
    assert P["actor:sisi"]["actor:tamim"]["count"] == 2


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(5)))
def test_graph_does_not_depend_on_input_order(order):
    xs = fx.corpus()
    assert canonical(build_graph([xs[i] for i in order])) == canonical(fx.build())


def test_graph_is_identical_across_hash_seeds(tmp_path):
    """Content hashes, not hash(): two processes with different seeds agree."""
    code = ("import sys, json, networkx as nx; sys.path.insert(0, 'tests');"
            "import graph_fixtures as fx;"
            "print(json.dumps(nx.node_link_data(fx.build(), edges='edges'), sort_keys=True))")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1


def test_graph_tolerates_a_participant_listed_twice():
    a = fx.article("a", "التقى السيسي تميم.")
    ents = (fx.entity(a, "sisi", "السيسي", PERSON), fx.entity(a, "tamim", "تميم", PERSON))
    mt = fx.meeting(a, "التقى", "sisi", ("sisi", "host"), "tamim")
    G = build_graph([Extraction(a, ents, meetings=(mt,))])
    (m,) = meeting_of(G, "sisi", "tamim")
    assert G.nodes[m]["roles"] == {"actor:sisi": "host"}
