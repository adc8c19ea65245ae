"""kgraph.exports: round trips, determinism, atomic writes, the build manifest, `build`."""
from __future__ import annotations

import csv
import json
import sys
import types
import xml.etree.ElementTree as ET

import click
import graph_fixtures as fx
import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import OutputError
from kgraph.exports import FILES, MANIFEST, read_manifest, write_all
from kgraph.exports.atomic import atomic_open
from kgraph.exports.csv import read_csv, write_csv
from kgraph.exports.gexf import read_gexf, write_gexf
from kgraph.exports.graphml import read_graphml, write_graphml
from kgraph.exports.json import read_json, write_json
from kgraph.exports.neo4j import write_neo4j


@pytest.fixture(scope="module")
def G():
    """The graph of the five hand-built articles."""
    return fx.build()


def same_graph(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> None:
    assert A.graph == B.graph
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    def edges(G):
        return sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])
    assert edges(A) == edges(B)


def snapshot(G) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("write, read", [(write_json, read_json), (write_graphml, read_graphml),
                                         (write_gexf, read_gexf)], ids=["json", "graphml", "gexf"])
def test_exports_round_trip_to_the_same_graph(G, tmp_path, write, read):
    before = snapshot(G)
    write(G, tmp_path / "g")
    H = read(tmp_path / "g")
    same_graph(G, H)
    assert H.is_directed() and H.is_multigraph()
    assert snapshot(G) == before  # writing never changes the graph


def test_exports_json_keeps_graph_attributes(G, tmp_path):
    write_json(G, tmp_path / "g.json")
    assert read_json(tmp_path / "g.json").graph == G.graph


def test_exports_graphml_holds_only_scalars(G, tmp_path):
    write_graphml(G, tmp_path / "g.graphml")
    root = ET.parse(tmp_path / "g.graphml").getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    types_ = {k.get("attr.type") for k in root.iter(ns + "key")}
    assert types_ <= {"string", "int", "long", "double", "boolean"}
    nx.read_graphml(tmp_path / "g.graphml")  # plain networkx reads it too


def test_exports_gexf_is_valid_xml_without_a_date(G, tmp_path):
    write_gexf(G, tmp_path / "g.gexf")
    root = ET.parse(tmp_path / "g.gexf").getroot()
    assert root.tag.endswith("gexf")
    assert "lastmodifieddate" not in (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == G.number_of_nodes()


def test_exports_csv_round_trip_and_header(G, tmp_path):
    write_csv(G, tmp_path)
    H = read_csv(tmp_path)
    H.graph.update(G.graph)  # CSV keeps no graph attributes
    same_graph(G, H)
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["id", "kind", "label"] and "aliases:json" in header
    assert "mentions:int" in header
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh))[:4] == ["source", "target", "key", "kind"]


def test_exports_csv_cells_never_start_a_formula(tmp_path):
    G = nx.MultiDiGraph()
    hostile = ['=HYPERLINK("http://example.com","x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "'=kept"]
    for i, text in enumerate(hostile):
        G.add_node(f"n:{i}", label=text, aliases=[text])
    G.add_edge("n:0", "n:1", key="k", sentence=hostile[0])
    write_csv(G, tmp_path)
    for name in ("nodes.csv", "edges.csv"):
        with open(tmp_path / name, encoding="utf-8", newline="") as fh:
            cells = [c for row in list(csv.reader(fh))[1:] for c in row]
        assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    H = read_csv(tmp_path)
    assert [d["label"] for _, d in H.nodes(data=True)] == hostile  # read back exactly
    assert next(iter(H.edges(data=True)))[2]["sentence"] == hostile[0]


def test_exports_neo4j_import_files(G, tmp_path):
    write_neo4j(G, tmp_path)
    with open(tmp_path / "neo4j_nodes.csv", encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "neo4j_relationships.csv", encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    assert {"id:ID", ":LABEL", "mentions:int"} <= nodes[0].keys()
    assert {":START_ID", ":END_ID", ":TYPE", "key"} <= rels[0].keys()
    assert len(nodes) == G.number_of_nodes() and len(rels) == G.number_of_edges()
    by_id = {r["id:ID"]: r for r in nodes}
    assert by_id["actor:egypt"][":LABEL"] == "Actor;State"
    assert json.loads(by_id["actor:sisi"]["aliases"]) == G.nodes["actor:sisi"]["aliases"]
    assert {r[":TYPE"] for r in rels} == {"PARTICIPANT", "HELD_AT", "DEMAND", "AFFILIATION",
                                          "MENTION"}
    ids = set(by_id)
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)


# ---------------------------------------------------------------- hypothesis

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_scalar = st.one_of(_text, st.integers(-10**9, 10**9), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
_value = st.recursive(_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)), max_leaves=6)
_attrs = st.dictionaries(st.sampled_from(["a", "b", "evidence", "x"]), _value, max_size=4)
# kgraph gives every node a label; GEXF would invent one (the id) where there is none
_node_attrs = st.builds(lambda label, rest: {"label": label, **rest}, _value, _attrs)


@settings(max_examples=30, deadline=None)
@given(st.lists(_node_attrs, min_size=1, max_size=4), st.lists(_attrs, max_size=4))
def test_exports_round_trip_any_attribute_values(tmp_path_factory, node_attrs, edge_attrs):
    G = nx.MultiDiGraph(name="h")
    for i, a in enumerate(node_attrs):
        G.add_node(f"n:{i}", **a)
    for j, a in enumerate(edge_attrs):
        G.add_edge(f"n:{j % len(node_attrs)}", "n:0", key=f"k{j}", **a)
    d = tmp_path_factory.mktemp("h")
    for write, read in ((write_json, read_json), (write_graphml, read_graphml),
                        (write_gexf, read_gexf)):
        write(G, d / "g")
        same_graph(G, read(d / "g"))
    write_csv(G, d)
    H = read_csv(d)
    H.graph.update(G.graph)  # CSV keeps no graph attributes
    same_graph(G, H)


# ---------------------------------------------------------------- write_all

def test_write_all_writes_every_file(G, tmp_path):
    written = write_all(G, tmp_path / "out", fx.corpus())
    assert sorted(p.name for p in written) == sorted(FILES)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)  # no temp files
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["article"]["id"] for x in lines] == ["000", "001", "002", "003", "004"]
    manifest = read_manifest(tmp_path / "out")
    assert manifest["counts"]["actor"] == 10 and manifest["counts"]["meeting_held"] == 4
    assert set(manifest["files"]) == set(FILES) - {MANIFEST}


def test_write_all_is_byte_identical_across_builds(tmp_path):
    write_all(fx.build(), tmp_path / "a", fx.corpus())
    write_all(build_reversed(), tmp_path / "b", list(reversed(fx.corpus())))
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def build_reversed():
    from kgraph.graph import build_graph
    return build_graph(list(reversed(fx.corpus())))


def test_write_all_writes_no_lib_folder_in_cwd(G, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(G, "out", fx.corpus())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_all_rebuilds_the_same_build_in_place(G, tmp_path):
    write_all(G, tmp_path, fx.corpus())
    write_all(G, tmp_path, fx.corpus())  # same inputs, same version: fine


def test_write_all_refuses_a_different_build_without_force(G, tmp_path):
    write_all(G, tmp_path, fx.corpus())
    fewer = fx.corpus()[:2]
    with pytest.raises(OutputError, match="holds a different build.*--force"):
        write_all(G, tmp_path, fewer)
    write_all(G, tmp_path, fewer, force=True)
    assert len((tmp_path / "extractions.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_write_all_refuses_a_foreign_directory(G, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="holds no kgraph build"):
        write_all(G, tmp_path, fx.corpus())
    with pytest.raises(OutputError, match="not a directory"):
        write_all(G, tmp_path / "notes.txt", fx.corpus())


def test_atomic_open_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write("half")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# ---------------------------------------------------------------- CLI: build and html

@pytest.fixture
def cli():
    """A click group with the graph commands mounted, and a runner."""
    from kgraph.cli_graph import GRAPH_COMMANDS

    @click.group()
    def main():
        pass
    for command in GRAPH_COMMANDS:
        main.add_command(command)
    return main, CliRunner()


@pytest.fixture
def fake_pipeline(monkeypatch):
    """kgraph.pipeline replaced by one that returns the hand-built records."""
    calls = []

    def extract_corpus(paths, ner="auto", progress=True):
        calls.append((list(paths), ner, progress))
        return fx.corpus()
    monkeypatch.setitem(sys.modules, "kgraph.pipeline",
                        types.SimpleNamespace(extract_corpus=extract_corpus))
    return calls


def test_cli_build_writes_a_build_and_summarises(cli, fake_pipeline, tmp_path):
    main, runner = cli
    res = runner.invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--json",
                               "--ner", "lexicon"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["counts"]["actor"] == 10 and sorted(summary["files"]) == sorted(FILES)
    assert fake_pipeline == [([str(tmp_path)], "lexicon", True)]
    res = runner.invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0 and res.stdout == ""


def test_cli_build_refuses_a_foreign_directory(cli, fake_pipeline, tmp_path):
    main, runner = cli
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    res = runner.invoke(main, ["build", str(tmp_path), "-o", str(tmp_path), "-q"])
    assert res.exit_code == 1
    assert res.output.strip() == (f"Error: {tmp_path}: is not empty and holds no kgraph build "
                                  "(no build.json); choose another directory or pass --force")
    assert fake_pipeline == []  # refused before extracting


def test_cli_build_with_the_real_pipeline(cli, tmp_path):
    pytest.importorskip("kgraph.pipeline")
    from pathlib import Path

    from kgraph.errors import DataError, ModelError
    from kgraph.pipeline import extract_corpus
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    try:
        extract_corpus([str(corpus / "000.txt")], ner="lexicon", progress=False)
    except (DataError, ModelError) as e:
        pytest.skip(f"the extraction pipeline cannot run here yet: {e}")
    main, runner = cli
    res = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--ner",
                               "lexicon", "--json"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "graph.html").exists()


def test_cli_html_writes_each_view(cli, G, tmp_path):
    main, runner = cli
    write_all(G, tmp_path / "out", fx.corpus())
    for args in (["--view", "met"], ["--focus", "السيسي", "--hops", "2"], []):
        res = runner.invoke(main, ["html", "--graph", str(tmp_path / "out"), "-o",
                                   str(tmp_path / "v.html"), *args])
        assert res.exit_code == 0, res.output
        assert "vis.Network" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_cli_html_reports_a_missing_graph(cli, tmp_path):
    main, runner = cli
    res = runner.invoke(main, ["html", "--graph", str(tmp_path), "-o", str(tmp_path / "v.html")])
    assert res.exit_code == 1
    assert res.output.strip() == (f"Error: {tmp_path / 'graph.json'}: no graph here; "
                                  "run `kgraph build CORPUS... -o DIR` first")


def test_cli_html_focus_outside_the_view_is_an_error(cli, G, tmp_path):
    main, runner = cli
    write_all(G, tmp_path / "out", fx.corpus())
    res = runner.invoke(main, ["html", "--graph", str(tmp_path / "out"), "--view", "met",
                               "--focus", "قطر", "-o", str(tmp_path / "v.html")])
    assert res.exit_code == 1
    assert res.output.strip() == "Error: 'قطر' (actor:qatar) met no one: it is not in the met view"
    assert not (tmp_path / "v.html").exists()
