"""kgraph.views.figures: the static figures of the analyst notebooks and docs/, on the
hand-built graph of graph_fixtures (no model), and the Arabic text helper."""
from __future__ import annotations

import io
import warnings

import graph_fixtures as fx
import numpy as np
import pytest
from matplotlib.figure import Figure

from kgraph.api import KnowledgeGraph
from kgraph.errors import AmbiguousNameError, UnknownNameError
from kgraph.types import LOCATION, ORG, PERSON, STATE, Extraction
from kgraph.views import figures as F
from kgraph.views.html import ego_view

ARABIC = "وقف إطلاق النار في غزة"


@pytest.fixture(scope="module")
def kg():
    """Five hand-built articles: 10 actors; held meetings Sisi-Tamim (two reports, one
    node), Egypt-mediated Hamas/Israel talks, a Sisi-Blinken call and payload-Egypt; one
    planned meeting; demands by Egypt, Hamas (one a rejection), payload and MBS."""
    return KnowledgeGraph.from_extractions(fx.corpus())


def undated_kg() -> KnowledgeGraph:
    """One article with no date and a meeting with none: it goes to the undated lane."""
    a = fx.article("900", "التقى وزير الخارجية الإماراتي عبد الله بن زايد "
                          "نظيره الأردني في عمان.")
    ents = (fx.entity(a, "abz", "عبد الله بن زايد", PERSON, label_en="Abdullah bin Zayed"),
            fx.entity(a, "jordan", "الأردني", STATE, label_en="Jordan"),
            fx.entity(a, "amman", "عمان", LOCATION, label_en="Amman"))
    met = fx.meeting(a, "التقى", "abz", "jordan", location="amman")
    return KnowledgeGraph.from_extractions([Extraction(a, ents, meetings=(met,))])


def no_relations_kg() -> KnowledgeGraph:
    """Actors but no meetings, demands or affiliations (a relation layer not yet run)."""
    a = fx.article("901", "قالت حركة حماس إن الوفد وصل إلى القاهرة.", date="2024-07-01")
    ents = (fx.entity(a, "hamas", "حركة حماس", ORG, label_en="Hamas"),
            fx.entity(a, "cairo", "القاهرة", LOCATION, label_en="Cairo"))
    return KnowledgeGraph.from_extractions([Extraction(a, ents)])


def gid_artists(fig: Figure, gid: str) -> list:
    return [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == gid]


def n_points(fig: Figure, gid: str) -> int:
    return sum(len(c.get_offsets()) for c in gid_artists(fig, gid))


def render(fig: Figure) -> bytes:
    """PNG bytes of a figure; fails on any missing-glyph warning (an Arabic-less font)."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")
        fig.savefig(buf, format="png", dpi=40)
    return buf.getvalue()


# ---------------------------------------------------------------- Arabic text

def test_visual_reshapes_and_reorders_arabic():
    out = F.visual(ARABIC)
    assert out != ARABIC
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in out)  # joined presentation forms
    assert out.split()[0] != ARABIC.split()[0] and len(out.split()) == len(ARABIC.split())
    assert F.visual("مصر (Egypt)").count("(Egypt)") == 1  # brackets mirrored back


@pytest.mark.parametrize("text", ["Egypt met Qatar (2024-06-09).", "", "a\nb"])
def test_ascii_is_left_alone(text):
    assert F.visual(text) == text
    assert F.arabic(text) == text


def test_arabic_is_visual_form_where_matplotlib_does_not_shape(monkeypatch):
    monkeypatch.setattr(F, "SHAPES_NATIVELY", False)
    assert F.arabic(ARABIC) == F.visual(ARABIC) != ARABIC
    assert F.arabic("سطر\nآخر") == F.visual("سطر") + "\n" + F.visual("آخر")


def _pixels(text: str) -> np.ndarray:
    fig = F._figure(4, 0.6)
    fig.text(0.02, 0.3, text, fontsize=14, fontfamily=F.FONT)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., 0].copy()


@pytest.mark.skipif(not F.SHAPES_NATIVELY, reason="matplotlib < 3.11 does not shape text")
def test_arabic_is_not_reversed_twice_where_matplotlib_shapes():
    import arabic_reshaper
    assert F.arabic(ARABIC) == ARABIC
    drawn = _pixels(F.arabic(ARABIC))
    # matplotlib joined the letters itself: same picture as the pre-joined logical text
    assert (drawn == _pixels(arabic_reshaper.reshape(ARABIC))).all()
    assert (drawn != _pixels(F.visual(ARABIC))).any()  # the visual form would be reversed


# ---------------------------------------------------------------- figures

def test_centrality_counts_every_related_actor(kg):
    rows = F.centrality(kg)
    assert len(rows) == 10 and all(r["id"].startswith("actor:") for r in rows)
    assert {"actor:egypt", "actor:sisi", "actor:hamas"} <= {r["id"] for r in rows[:5]}
    assert all(0 <= r["betweenness"] <= 1 for r in rows)


@pytest.mark.parametrize("top, bars", [(15, 10), (4, 4)])
def test_centrality_bar_has_one_bar_per_actor_in_each_panel(kg, top, bars):
    fig = F.centrality_bar(kg, top=top)
    assert isinstance(fig, Figure)
    degree, between = fig.axes[:2]
    assert len(degree.patches) == len(between.patches) == bars
    assert len(degree.get_yticklabels()) == bars
    render(fig)


def test_met_drawing_has_a_node_per_actor_that_met(kg):
    fig = F.met_drawing(kg)
    # Sisi, Tamim, Egypt, Hamas, Israel, Blinken (call), payload; not the planned meeting's
    assert n_points(fig, "nodes") == kg.met().number_of_nodes() == 7
    assert len(gid_artists(fig, "label")) == 7
    render(fig)


def test_ego_drawing_has_a_node_per_neighbour(kg):
    for hops in (1, 2):
        fig = F.ego_drawing(kg, "السيسي", hops=hops)
        assert n_points(fig, "nodes") == ego_view(kg.G, "السيسي", hops).number_of_nodes()
        render(fig)
    # Sisi, the Cairo meeting (two reports, one node), the Blinken call, Egypt (affiliation)
    assert n_points(F.ego_drawing(kg, "السيسي", 1), "nodes") == 4
    with pytest.raises(UnknownNameError):
        F.ego_drawing(kg, "لا أحد")
    with pytest.raises(AmbiguousNameError):
        F.ego_drawing(kg, "محمد")


def test_meetings_timeline_has_a_marker_per_meeting(kg):
    fig = F.meetings_timeline(kg)
    assert n_points(fig, "meetings") == 5  # 000+001 merged, three in 002, one in 003
    dated, undated = fig.axes[:2]
    assert len(dated.get_yticklabels()) == 5
    assert not [c for c in undated.collections if c.get_gid() == "meetings"]  # all dated
    render(fig)


def test_meetings_timeline_puts_undated_meetings_in_their_article_lane():
    fig = F.meetings_timeline(undated_kg())
    dated, undated = fig.axes[:2]
    lane = [c for c in undated.collections if c.get_gid() == "meetings"]
    assert sum(len(c.get_offsets()) for c in lane) == 1
    assert [t.get_text() for t in undated.get_xticklabels()] == ["article\n900"]
    render(fig)


def test_demand_heatmap_has_a_cell_per_actor_and_topic(kg):
    fig = F.demand_heatmap(kg)
    demand, reject = (gid_artists(fig, s)[0].get_array() for s in ("demand", "reject"))
    # actors egypt, hamas, mbs, payload x topics ceasefire, disarmament, negotiations, withdrawal
    assert demand.shape == reject.shape == (4, 4)
    assert demand.sum() == 4 and reject.sum() == 1
    actors, topics, counts = F.demand_counts(kg)
    assert actors == ["actor:egypt", "actor:hamas", "actor:mbs", "actor:payload"]
    assert counts["reject"][actors.index("actor:hamas")][topics.index("topic:disarmament")] == 1
    render(fig)


@pytest.mark.parametrize("graph", [no_relations_kg,
                                   lambda: KnowledgeGraph.from_extractions([])])
def test_figures_of_a_graph_without_relations_say_so(graph):
    g = graph()
    for fig in (F.centrality_bar(g), F.met_drawing(g), F.meetings_timeline(g),
                F.demand_heatmap(g)):
        assert isinstance(fig, Figure)
        assert gid_artists(fig, "empty")
        render(fig)


def test_figures_never_change_the_graph(kg):
    import json

    import networkx as nx
    before = json.dumps(nx.node_link_data(kg.G, edges="edges"), sort_keys=True, ensure_ascii=False)
    F.centrality_bar(kg), F.met_drawing(kg), F.ego_drawing(kg, "مصر", 2)
    F.meetings_timeline(kg), F.demand_heatmap(kg)
    assert json.dumps(nx.node_link_data(kg.G, edges="edges"), sort_keys=True,
                      ensure_ascii=False) == before


def test_html_table_escapes_and_marks_direction():
    page = F.html_table([{"name": fx.IMG, "n": 1.5, "aliases": ["أ", "ب"]}], caption="x")
    assert fx.IMG not in page and "&lt;img" in page
    assert 'dir="auto"' in page and "1.500" in page and "أ، ب" in page
