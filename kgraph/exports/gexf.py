"""graph.gexf (GEXF 1.2, for Gephi): attributes flattened as for GraphML.

GEXF keeps no graph attributes, so the names of the JSON-flattened attributes go into
<meta><description>, from where `read_gexf` restores them.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kgraph.exports.atomic import atomic_open
from kgraph.exports.flatten import MARK, flatten, unflatten

GEXF_NS = "http://www.gexf.net/1.2draft"
KEY = "kgraph_key"  # the edge key, kept as an edge attribute


def write_gexf(G: nx.Graph, path) -> None:
    """Write G as GEXF, atomically. The writer's `lastmodifieddate` (today) is dropped
    so that two builds of one corpus give identical files."""
    H = flatten(G, text_only=("label",))
    if H.is_multigraph():  # networkx's reader drops keys when no edge is parallel
        for *_, k, d in H.edges(keys=True, data=True):
            d[KEY] = k
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(H)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    ET.SubElement(meta, "description").text = H.graph[MARK]
    with atomic_open(path, "wb") as fh:
        writer.write(fh)


def read_gexf(path) -> nx.Graph:
    """Read a file written by `write_gexf` as a multigraph; edge keys come back from
    `kgraph_key`, flattened attributes from JSON."""
    R = nx.read_gexf(path, node_type=str, version="1.2draft")
    H = nx.MultiDiGraph() if R.is_directed() else nx.MultiGraph()
    H.graph.update({k: v for k, v in R.graph.items()  # drop what the reader adds
                    if (k, v) not in (("mode", "static"), ("edge_default", {}),
                                      ("node_default", {}))})
    H.add_nodes_from(R.nodes(data=True))
    edges = R.edges(keys=True, data=True) if R.is_multigraph() else (
        (u, v, None, d) for u, v, d in R.edges(data=True))
    for u, v, k, d in edges:
        d = {a: b for a, b in d.items() if a not in ("id", "key", "networkx_key")}
        H.add_edge(u, v, key=d.pop(KEY, k), **d)
    desc = ET.parse(path).getroot().find("g:meta/g:description", {"g": GEXF_NS})
    if desc is not None and desc.text:
        H.graph[MARK] = desc.text
    return unflatten(H)
