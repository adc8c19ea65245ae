"""nodes.csv and edges.csv: one row per node / edge, a typed header.

Header cells are `name` or `name:type` (type int, float, bool or json); nodes.csv
starts id, kind, label; edges.csv starts source, target, key, kind. Text from articles that a
spreadsheet would run as a formula ("=HYPERLINK(...)") is written after a single quote.
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kgraph.exports.atomic import atomic_open
from kgraph.exports.table import column_types, decode, encode

NODE_FIXED = ("id", "kind", "label")
EDGE_FIXED = ("source", "target", "key", "kind")


def _write(path, fixed, records) -> None:
    types = column_types(records)
    types = {**{f: types.get(f, "str") for f in fixed}, **types}
    header = [k if t == "str" else f"{k}:{t}" for k, t in types.items()]
    with atomic_open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in records:
            w.writerow([encode(r.get(k), t, neutralise=True) for k, t in types.items()])


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    cols = [h.partition(":")[::2] for h in rows[0]]
    return [{k: v for (k, t), cell in zip(cols, row, strict=False)
             if (v := decode(cell, t or "str", neutralised=True)) is not None} for row in rows[1:]]


def write_csv(G: nx.MultiDiGraph, outdir, nodes="nodes.csv", edges="edges.csv") -> list[Path]:
    """Write G's nodes and edges as two CSV files in `outdir`; returns their paths."""
    outdir = Path(outdir)
    _write(outdir / nodes, NODE_FIXED, [{"id": n, **d} for n, d in G.nodes(data=True)])
    _write(outdir / edges, EDGE_FIXED, [{"source": u, "target": v, "key": k, **d}
                                        for u, v, k, d in G.edges(keys=True, data=True)])
    return [outdir / nodes, outdir / edges]


def read_csv(outdir, nodes="nodes.csv", edges="edges.csv") -> nx.MultiDiGraph:
    """Read the two files written by `write_csv` back into a graph."""
    outdir = Path(outdir)
    G = nx.MultiDiGraph()
    for r in _read(outdir / nodes):
        G.add_node(r.pop("id"), **r)
    for r in _read(outdir / edges):
        G.add_edge(r.pop("source"), r.pop("target"), key=r.pop("key"), **r)
    return G
