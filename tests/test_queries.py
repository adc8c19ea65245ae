"""kgraph.queries, kgraph.api and the query commands of kgraph.cli_graph."""
from __future__ import annotations

import json

import click
import graph_fixtures as fx
import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph import queries as q
from kgraph.api import KnowledgeGraph, load
from kgraph.errors import AmbiguousNameError, KgraphError, UnknownNameError


@pytest.fixture(scope="module")
def G():
    """The graph of the five hand-built articles."""
    return fx.build()


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    """A build of the hand-built articles on disk."""
    d = tmp_path_factory.mktemp("build")
    KnowledgeGraph.from_extractions(fx.corpus()).save(d)
    return d


@pytest.mark.parametrize("name, node", [
    ("مصر", "actor:egypt"), ("بمصر", "actor:egypt"), ("ومصر", "actor:egypt"),
    ("وبمصر", "actor:egypt"), ("مِصْرُ", "actor:egypt"), ("مـــصر", "actor:egypt"),
    ("Egypt", "actor:egypt"), ("egypt", "actor:egypt"), ("actor:egypt", "actor:egypt"),
    ("السيسي", "actor:sisi"), ("سيسي", "actor:sisi"), ("وبالسيسي", "actor:sisi"),
    ("للسيسي", "actor:sisi"), ("عبد الفتاح السيسي", "actor:sisi"),
    ("الإسرائيلية", "actor:israel"), ("اسرائيل", "actor:israel"),
    ("حركة حماس", "actor:hamas"), ("Hamas", "actor:hamas"),
    ("رئيس الوزراء القطري", "actor:qatar_pm"), ("بالدوحة", "location:doha"),
    ("ceasefire", "topic:ceasefire"), ("وقف اطلاق النار", "topic:ceasefire"),
    (fx.IMG, "actor:payload"),
])
def test_resolve_any_alias(G, name, node):
    assert q.resolve(G, name) == node


def test_resolve_ambiguous_name_lists_candidates(G):
    with pytest.raises(AmbiguousNameError) as err:
        q.resolve(G, "محمد")
    assert err.value.candidates == ["actor:mbs", "actor:qatar_pm"]
    assert isinstance(err.value, KgraphError)


def test_resolve_unknown_name_suggests(G):
    with pytest.raises(UnknownNameError, match="did you mean actor:egypt"):
        q.resolve(G, "مصرر")
    with pytest.raises(UnknownNameError, match="no actor, place or topic named 'Obama'"):
        q.resolve(G, "Obama")


def test_who_met_gives_counterpart_date_place_role_mode_and_sentence(G):
    rows = q.who_met(G, "السيسي")
    assert [r["counterpart"] for r in rows] == ["actor:tamim", "actor:blinken"]
    tamim = rows[0]
    assert (tamim["date"], tamim["place"], tamim["role"], tamim["mode"]) == \
        ("2024-05-01", "القاهرة", "host", "in_person")
    assert tamim["article"] == "000" and "تميم" in tamim["sentence"] and tamim["reports"] == 2
    assert rows[1]["mode"] == "call"


def test_who_met_skips_planned_and_party_to_party(G):
    assert q.who_met(G, "بلينكن") == q.who_met(G, "actor:blinken")
    assert [r["counterpart"] for r in q.who_met(G, "بلينكن")] == ["actor:sisi"]
    assert [r["counterpart"] for r in q.who_met(G, "حماس")] == ["actor:egypt"]
    assert {r["counterpart"] for r in q.who_met(G, "مصر")} == \
        {"actor:hamas", "actor:israel", "actor:payload"}


def test_path_via_meetings_walks_who_met_whom(G):
    (p,) = q.path(G, "حماس", "إسرائيل", via="meetings")
    assert [(h["from"], h["to"]) for h in p] == [("actor:hamas", "actor:egypt"),
                                                 ("actor:egypt", "actor:israel")]
    rel = p[0]["relations"][0]
    assert rel["kind"] == "met" and rel["evidence"][0]["article"] == "002"


def test_path_any_walks_every_relation_with_evidence(G):
    paths = q.path(G, "السيسي", "حماس")
    assert [[h["to"] for h in p] for p in paths] == [
        ["actor:egypt", paths[0][1]["to"], "actor:hamas"]]
    assert paths[0][0]["relations"][0]["kind"] == "affiliation"
    assert all(r["evidence"] for h in paths[0] for r in h["relations"])
    assert q.path(G, "السيسي", "حماس", max_hops=2) == []
    assert q.path(G, "السيسي", "حماس", via="meetings") == []


def test_path_never_goes_through_articles(G):
    for p in q.path(G, "قطر", "غزة", max_hops=6):
        assert not any(h["to"].startswith("article:") for h in p)


def test_path_rejects_an_unknown_mode(G):
    with pytest.raises(UnknownNameError, match="choose one of any, meetings"):
        q.path(G, "مصر", "قطر", via="boats")


def test_demands_filters(G):
    assert {r["topic"] for r in q.demands(G, actor="حماس")} == {"topic:disarmament",
                                                              "topic:withdrawal"}
    (rej,) = q.demands(G, stance="reject")
    assert (rej["actor"], rej["topic"], rej["text"]) == ("actor:hamas", "topic:disarmament",
                                                        "نزع السلاح")
    assert {r["actor"] for r in q.demands(G, topic="وقف إطلاق النار")} == {"actor:egypt",
                                                                         "actor:payload"}
    (wd,) = q.demands(G, topic="withdrawal")
    assert wd["target"] == "actor:israel" and wd["date"] == "2024-05-02"
    assert q.demands(G, topic="crossings") == []  # a known topic nobody demands


@pytest.mark.parametrize("kw, message", [
    ({"stance": "maybe"}, "unknown stance 'maybe'; choose one of demand, reject"),
    ({"topic": "pizza"}, "unknown topic 'pizza'; choose one of ceasefire"),
])
def test_demands_reject_bad_filters(G, kw, message):
    with pytest.raises(UnknownNameError, match=message):
        q.demands(G, **kw)


def test_demand_matrix(G):
    actors, topics, counts = q.demand_matrix(G)
    assert actors == ["actor:egypt", "actor:hamas", "actor:mbs", "actor:payload"]
    assert topics == ["topic:ceasefire", "topic:disarmament", "topic:negotiations",
                      "topic:withdrawal"]
    assert counts[1] == [0, 1, 0, 1]
    assert sum(map(sum, counts)) == len(q.demands(G))


def test_actors_and_neighbors(G):
    rows = q.actors(G)
    assert len(rows) == 10 and rows == sorted(rows, key=lambda r: (-r["mentions"], r["id"]))
    egypt = next(r for r in rows if r["id"] == "actor:egypt")
    assert (egypt["label_en"], egypt["type"], egypt["meetings"]) == ("Egypt", "STATE", 2)
    rels = {(r["relation"], r["direction"], r["node"]) for r in q.neighbors(G, "مصر")}
    assert ("affiliation", "in", "actor:sisi") in rels and ("demand", "out", "topic:ceasefire") in rels
    assert not any(r["kind"] == "article" for r in q.neighbors(G, "مصر"))
    assert any(r["kind"] == "article" for r in q.neighbors(G, "مصر", articles=True))


def test_queries_never_change_the_graph(G):
    before = json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True)
    q.who_met(G, "مصر"), q.path(G, "مصر", "قطر"), q.demands(G), q.actors(G), q.neighbors(G, "قطر")
    assert json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True) == before


# ---------------------------------------------------------------- api

def test_api_load_answers_like_the_built_graph(G, outdir):
    kg = load(outdir)
    assert sorted(kg.G.nodes) == sorted(G.nodes) and kg.G.number_of_edges() == G.number_of_edges()
    assert kg.who_met("السيسي") == q.who_met(G, "السيسي")
    assert kg.path("حماس", "إسرائيل", via="meetings") == q.path(G, "حماس", "إسرائيل",
                                                                 via="meetings")
    assert kg.demands(actor="حماس") == q.demands(G, actor="حماس")
    assert kg.actors() == q.actors(G) and kg.neighbors("مصر") == q.neighbors(G, "مصر")
    assert kg.resolve("وبمصر") == "actor:egypt"
    assert kg.met().number_of_edges() == 5
    assert "KnowledgeGraph" in repr(kg)


def test_api_save_of_a_loaded_graph_is_the_same_build(outdir, tmp_path):
    kg = load(outdir)
    kg.save(outdir)  # same inputs: allowed without force
    kg.save(tmp_path / "copy")
    for name in ("graph.json", "build.json", "extractions.jsonl"):
        assert (tmp_path / "copy" / name).read_bytes() == (outdir / name).read_bytes()


# ---------------------------------------------------------------- CLI

@pytest.fixture
def run():
    """Invoke a graph command (mounted on a bare group) and return the result."""
    from kgraph.cli_graph import GRAPH_COMMANDS

    @click.group()
    def main():
        pass
    for command in GRAPH_COMMANDS:
        main.add_command(command)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_cli_who_met_json(run, outdir):
    res = run("who-met", "السيسي", "--graph", outdir, "--json")
    assert res.exit_code == 0
    assert [r["counterpart"] for r in json.loads(res.stdout)] == ["actor:tamim", "actor:blinken"]


def test_cli_who_met_text(run, outdir):
    res = run("who-met", "حماس", "--graph", outdir)
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].split("\t")[:3] == ["2024-06-09", "مصر", "indirect"]


def test_cli_path(run, outdir):
    res = run("path", "حماس", "إسرائيل", "--graph", outdir, "--via", "meetings")
    assert res.exit_code == 0 and res.stdout.startswith("1. حماس — مصر — إسرائيل")
    res = run("path", "حماس", "إسرائيل", "--graph", outdir, "--json", "--max-hops", "1")
    assert res.exit_code == 0 and json.loads(res.stdout) == []


def test_cli_demands_rows_and_matrix(run, outdir):
    res = run("demands", "--actor", "حماس", "--stance", "reject", "--graph", outdir)
    assert res.exit_code == 0 and res.stdout.split("\t")[:3] == ["حماس", "reject", "disarmament"]
    res = run("demands", "--matrix", "--graph", outdir)
    lines = res.stdout.splitlines()
    assert lines[0] == "actor\ttopic:ceasefire\ttopic:disarmament\ttopic:negotiations\ttopic:withdrawal"
    assert lines[2] == "actor:hamas\t0\t1\t0\t1"
    matrix = json.loads(run("demands", "--matrix", "--graph", outdir, "--json").stdout)
    assert matrix["counts"][1] == [0, 1, 0, 1]


def test_cli_neighbors(run, outdir):
    res = run("neighbors", "مصر", "--graph", outdir, "--json")
    assert res.exit_code == 0
    assert {r["node"] for r in json.loads(res.stdout)} >= {"actor:sisi", "topic:ceasefire"}


@pytest.mark.parametrize("args, line", [
    (["who-met", "Obama"], "Error: no actor, place or topic named 'Obama' in the graph "
                           "(`kgraph actors --graph DIR` lists the actors)"),
    (["neighbors", "محمد"], "Error: 'محمد' is ambiguous: it names actor:mbs, actor:qatar_pm; "
                            "give one of these ids instead"),
    (["demands", "--topic", "pizza"], "Error: unknown topic 'pizza'; choose one of ceasefire, "
     "hostages_prisoners, withdrawal, disarmament, humanitarian_aid, crossings, reconstruction, "
     "civilian_protection, displacement, guarantees, negotiations, other"),
])
def test_cli_reports_errors_in_one_line(run, outdir, args, line):
    res = run(*args, "--graph", outdir)
    assert res.exit_code == 1 and res.output.strip() == line


def test_cli_every_command_has_help(run):
    from kgraph.cli_graph import GRAPH_COMMANDS
    for command in GRAPH_COMMANDS:
        res = run(command.name, "--help")
        assert res.exit_code == 0 and "Example:" in res.output, command.name


def test_graph_actors_for_the_actors_command(outdir):
    from kgraph.cli_graph import graph_actors
    rows = graph_actors(outdir)
    assert rows[0]["id"] and {"id", "name", "label_en", "type", "mentions"} <= rows[0].keys()
