"""Write a built graph to every output format at once, with a build manifest.

`write_all(G, outdir, extractions)` writes graph.html, graph.json, graph.graphml,
graph.gexf, nodes.csv, edges.csv, neo4j_nodes.csv, neo4j_relationships.csv,
extractions.jsonl and build.json. build.json records a content hash of the inputs and
the kgraph version, so a directory holding a *different* build is never overwritten
unless `force` is set. Every file is written atomically; build.json is written last,
so a directory without it holds no complete build.
"""
from __future__ import annotations

import hashlib
import json as _json  # "json" in this namespace is the kgraph.exports.json module
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from kgraph import __version__
from kgraph.errors import OutputError
from kgraph.exports.atomic import write_text
from kgraph.exports.csv import write_csv
from kgraph.exports.gexf import write_gexf
from kgraph.exports.graphml import write_graphml
from kgraph.exports.json import dumps_graph
from kgraph.exports.neo4j import write_neo4j
from kgraph.types import Extraction

MANIFEST = "build.json"
GRAPH_JSON = "graph.json"
EXTRACTIONS = "extractions.jsonl"
FILES = ("graph.html", GRAPH_JSON, "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv",
         "neo4j_nodes.csv", "neo4j_relationships.csv", EXTRACTIONS, MANIFEST)


def extraction_record(x) -> dict:
    """The extractions.jsonl record of one Extraction (or an already plain dict)."""
    return x.to_dict() if isinstance(x, Extraction) else x


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _article_id(r: dict) -> str:
    return str(r.get("article", {}).get("id", ""))


def inputs_hash(records: list[dict]) -> str:
    """A content hash of the corpus a build read: each article's id, text, metadata
    and the NER used, in article order."""
    h = hashlib.sha256()
    for r in sorted(records, key=_article_id):
        art = dict(r.get("article", {}))
        art.pop("path", None)  # where the file lay is not what it says
        line = _json.dumps([art, r.get("ner")], ensure_ascii=False, sort_keys=True)
        h.update(line.encode("utf-8") + b"\n")
    return h.hexdigest()


def graph_counts(G: nx.Graph) -> dict:
    """Node counts per kind (actors split by type) and the edge count."""
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        kind = d.get("kind", "node")
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "meeting" and d.get("status") == "held":
            counts["meeting_held"] = counts.get("meeting_held", 0) + 1
    counts["demand"] = sum(len(d.get("evidence", [])) for *_, d in G.edges(data=True)
                           if d.get("kind") == "demand")
    counts["edges"] = G.number_of_edges()
    return dict(sorted(counts.items()))


def read_manifest(outdir) -> dict | None:
    """The build.json of `outdir`, or None when there is none."""
    path = Path(outdir) / MANIFEST
    try:
        return _json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as e:
        raise OutputError(path, f"unreadable build manifest ({e}); pass --force to rebuild") from e


def check_outdir(outdir, inputs: str | None, force: bool = False) -> None:
    """Raise OutputError unless `outdir` may receive a build of `inputs`: it is absent
    or empty, or holds a build of the same inputs and kgraph version, or `force`.
    With inputs None only the directory itself is checked (a cheap early check)."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(outdir, "exists and is not a directory")
    if force or not outdir.exists() or not any(outdir.iterdir()):
        return
    old = read_manifest(outdir)
    if old is None:
        raise OutputError(outdir, "is not empty and holds no kgraph build (no build.json); "
                                  "choose another directory or pass --force")
    if inputs is not None and (old.get("inputs"), old.get("kgraph_version")) != (inputs, __version__):
        raise OutputError(outdir, f"holds a different build (inputs {str(old.get('inputs'))[:12]}, "
                                  f"kgraph {old.get('kgraph_version')}); pass --force to overwrite it")


def write_all(G: nx.MultiDiGraph, outdir, extractions: Iterable | None = None, *,
              force: bool = False, on_file: Callable[[str], None] | None = None) -> list[Path]:
    """Write every format of G into `outdir` and return the paths written.

    `extractions` (Extraction records or their dicts) go to extractions.jsonl; without
    them that file is skipped and the inputs hash is the graph's own. `on_file(name)`
    is called after each file (for a progress bar).
    """
    from kgraph.views.html import write_html  # the view imports queries: import late

    outdir = Path(outdir)
    records = None if extractions is None else sorted(
        (extraction_record(x) for x in extractions), key=_article_id)
    graph_text = dumps_graph(G)
    inputs = (inputs_hash(records) if records is not None
              else _sha256(graph_text.encode("utf-8")))
    check_outdir(outdir, inputs, force)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / MANIFEST).unlink(missing_ok=True)
    done = on_file or (lambda name: None)

    written = []

    def wrote(*paths):
        for p in paths:
            written.append(Path(p))
            done(Path(p).name)

    write_text(outdir / GRAPH_JSON, graph_text)
    wrote(outdir / GRAPH_JSON)
    write_graphml(G, outdir / "graph.graphml")
    wrote(outdir / "graph.graphml")
    write_gexf(G, outdir / "graph.gexf")
    wrote(outdir / "graph.gexf")
    wrote(*write_csv(G, outdir))
    wrote(*write_neo4j(G, outdir))
    if records is not None:
        lines = (_json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
        write_text(outdir / EXTRACTIONS, "".join(lines))
        wrote(outdir / EXTRACTIONS)
    write_html(G, outdir / "graph.html")
    wrote(outdir / "graph.html")
    manifest = {"format": 1, "kgraph_version": __version__, "inputs": inputs,
                "counts": graph_counts(G),
                "files": {p.name: _sha256(p.read_bytes()) for p in sorted(written)}}
    write_text(outdir / MANIFEST, _json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    wrote(outdir / MANIFEST)
    return written
