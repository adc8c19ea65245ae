"""graph.graphml: lists and dicts flattened to JSON strings, restored on read."""
from __future__ import annotations

import networkx as nx

from kgraph.exports.atomic import atomic_open
from kgraph.exports.flatten import flatten, unflatten


def write_graphml(G: nx.Graph, path) -> None:
    """Write G as GraphML, atomically; G is not modified."""
    with atomic_open(path, "wb") as fh:
        nx.write_graphml(flatten(G), fh, encoding="utf-8")


def read_graphml(path) -> nx.Graph:
    """Read a file written by `write_graphml` back to the original attribute values."""
    H = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
    for extra in ("node_default", "edge_default"):  # added by the reader when empty
        if not H.graph.get(extra):
            H.graph.pop(extra, None)
    return unflatten(H)
