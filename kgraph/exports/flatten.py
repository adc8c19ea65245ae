"""Flatten attribute values for formats that accept only scalars, and restore them.

GraphML and GEXF take str/int/float/bool. An attribute name whose values are not all
one scalar type (a list, a dict, or mixed types), or has a string XML cannot carry
(control characters, CR), is written as a JSON string for every
node (or edge) that has it, and the names so treated are recorded in the graph
attribute `kgraph_json_attrs`, so reading restores exactly the original values.
"""
from __future__ import annotations

import json
import re

import networkx as nx

MARK = "kgraph_json_attrs"
SCALARS = (str, int, float, bool)


def scalar_type(values) -> type | None:
    """The one scalar type shared by all `values`, else None (they need JSON)."""
    kinds = {type(v) for v in values}
    return kinds.pop() if len(kinds) == 1 and kinds <= set(SCALARS) else None


def dumps(value) -> str:
    """The canonical JSON text of a value (sorted keys, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Characters XML cannot carry as they are (CR would come back as LF): such strings go
# through JSON, whose escapes keep them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")


def _json_names(records, text_only=()) -> list[str]:
    values: dict[str, list] = {}
    for attrs in records:
        for k, v in attrs.items():
            if v is not None:
                values.setdefault(k, []).append(v)
    return sorted(k for k, vs in values.items() if scalar_type(vs) is None
                  or (k in text_only and scalar_type(vs) is not str)
                  or any(isinstance(v, str) and _NOT_XML.search(v) for v in vs))


def flatten(G: nx.Graph, text_only=()) -> nx.Graph:
    """A copy of G whose attribute values are all scalars (None dropped); G is untouched.
    Node attributes named in `text_only` become JSON unless all their values are str
    (GEXF's node label is text)."""
    node_json = _json_names((d for _, d in G.nodes(data=True)), text_only)
    edge_json = _json_names(d for *_, d in G.edges(data=True))
    H = G.__class__()
    H.graph.update({k: (v if type(v) in SCALARS else dumps(v))
                    for k, v in G.graph.items() if v is not None})
    H.graph[MARK] = dumps({"node": node_json, "edge": edge_json})

    def flat(attrs, names):
        return {k: dumps(v) if k in names else v for k, v in attrs.items() if v is not None}

    for n, d in G.nodes(data=True):
        H.add_node(n, **flat(d, node_json))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **flat(d, edge_json))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **flat(d, edge_json))
    return H


def unflatten(H: nx.Graph) -> nx.Graph:
    """Undo `flatten` in place on a freshly read graph and return it."""
    names = json.loads(H.graph.pop(MARK, '{"node": [], "edge": []}'))
    node_json, edge_json = set(names["node"]), set(names["edge"])
    for _, d in H.nodes(data=True):
        for k in node_json & d.keys():
            d[k] = json.loads(d[k])
    for *_, d in H.edges(data=True):
        for k in edge_json & d.keys():
            d[k] = json.loads(d[k])
    return H
