"""neo4j-admin import files: neo4j_nodes.csv and neo4j_relationships.csv.

    neo4j-admin database import full --nodes=neo4j_nodes.csv \\
        --relationships=neo4j_relationships.csv --multiline-fields=true neo4j

Nodes: `id:ID`, `:LABEL` (kind, plus the actor type: "Actor;State"), then properties.
Relationships: `:START_ID`, `:END_ID`, `:TYPE` (the kind in capitals, e.g. PARTICIPANT),
then properties, `key` among them. Lists and dicts (aliases, evidence) are JSON strings,
since Neo4j properties cannot hold maps; int/float/bool columns carry their type.
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kgraph.exports.atomic import atomic_open
from kgraph.exports.table import column_types, encode

NODES, RELS = "neo4j_nodes.csv", "neo4j_relationships.csv"
_SUFFIX = {"str": "", "json": "", "int": ":int", "float": ":float", "bool": ":boolean"}


def node_labels(attrs: dict) -> str:
    """The `:LABEL` cell of a node: its kind, and its type for actors."""
    labels = [attrs.get("kind", "node").capitalize()]
    if attrs.get("kind") == "actor" and attrs.get("type"):
        labels.append(attrs["type"].capitalize())
    return ";".join(labels)


def _write(path, fixed: list[tuple[str, str]], records: list[dict]) -> None:
    types = column_types(records, skip={f for f, _ in fixed})
    header = [h for _, h in fixed] + [k + _SUFFIX[t] for k, t in types.items()]
    with atomic_open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in records:
            w.writerow([r[f] for f, _ in fixed] + [encode(r.get(k), t) for k, t in types.items()])


def write_neo4j(G: nx.MultiDiGraph, outdir) -> list[Path]:
    """Write G as neo4j-admin import CSVs in `outdir`; returns their paths."""
    outdir = Path(outdir)
    _write(outdir / NODES, [("id", "id:ID"), ("_labels", ":LABEL")],
           [{"id": n, "_labels": node_labels(d), **d} for n, d in G.nodes(data=True)])
    _write(outdir / RELS, [("_s", ":START_ID"), ("_t", ":END_ID"), ("_type", ":TYPE")],
           [{"_s": u, "_t": v, "_type": d.get("kind", "related").upper(), "key": k, **d}
            for u, v, k, d in G.edges(keys=True, data=True)])
    return [outdir / NODES, outdir / RELS]
