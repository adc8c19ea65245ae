"""graph.json: networkx node-link JSON (`node_link_data`), UTF-8, sorted keys."""
from __future__ import annotations

import json

import networkx as nx

from kgraph.errors import OutputError
from kgraph.exports.atomic import write_text


def dumps_graph(G: nx.Graph) -> str:
    """The node-link JSON text of G (deterministic for a deterministically built G)."""
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_json(G: nx.Graph, path) -> None:
    """Write G as node-link JSON, atomically."""
    write_text(path, dumps_graph(G))


def read_json(path) -> nx.Graph:
    """Read a graph written by `write_json` (directedness and multi-edges kept)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return nx.node_link_graph(data, directed=data.get("directed", True),
                                  multigraph=data.get("multigraph", True), edges="edges")
    except FileNotFoundError:
        raise OutputError(path, "no graph here; run `kgraph build CORPUS... -o DIR` first") from None
    except (ValueError, KeyError, TypeError) as e:
        raise OutputError(path, f"not a kgraph node-link JSON file ({e})") from e
