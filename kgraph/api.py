"""A small Python API over a built graph.

    >>> kg = load("out")                       # doctest: +SKIP
    >>> kg.who_met("السيسي")[0]["name"]         # doctest: +SKIP
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import networkx as nx

from kgraph import queries
from kgraph.exports import EXTRACTIONS, GRAPH_JSON, write_all
from kgraph.exports.json import read_json
from kgraph.graph import build_graph, met_projection


class KnowledgeGraph:
    """A built knowledge graph (`.G`, a networkx MultiDiGraph) and the questions on it.

    `extractions` are the records it was built from, kept for `save`.
    """

    def __init__(self, G: nx.MultiDiGraph, extractions: Iterable | None = None):
        self.G = G
        self.extractions = None if extractions is None else list(extractions)

    @classmethod
    def from_extractions(cls, extractions: Iterable) -> KnowledgeGraph:
        """Build the graph of a list of Extraction records."""
        xs = list(extractions)
        return cls(build_graph(xs), xs)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.G.number_of_nodes()} nodes, {self.G.number_of_edges()} edges>"

    @cached_property
    def _index(self) -> dict:
        return queries.alias_index(self.G)

    def resolve(self, name: str) -> str:
        """The node id of an actor, place or topic named by any alias."""
        return queries.resolve(self.G, name, index=self._index)

    def met(self) -> nx.Graph:
        """The who-met-whom projection."""
        return met_projection(self.G)

    def path(self, a: str, b: str, max_hops: int = 4, via: str = "any") -> list[list[dict]]:
        """Paths from a to b, each hop with its evidence (see queries.path)."""
        return queries.path(self.G, a, b, max_hops=max_hops, via=via)

    def who_met(self, a: str) -> list[dict]:
        """Everyone `a` met, with date, place, roles, mode and the sentence."""
        return queries.who_met(self.G, a)

    def demands(self, actor: str | None = None, topic: str | None = None,
                stance: str | None = None) -> list[dict]:
        """Demands and rejections, filtered (see queries.demands)."""
        return queries.demands(self.G, actor=actor, topic=topic, stance=stance)

    def demand_matrix(self):
        """(actors, topics, counts) of demands and rejections."""
        return queries.demand_matrix(self.G)

    def actors(self) -> list[dict]:
        """Every actor, most mentioned first."""
        return queries.actors(self.G)

    def neighbors(self, a: str) -> list[dict]:
        """The relations of `a`."""
        return queries.neighbors(self.G, a)

    def save(self, outdir, force: bool = False) -> list[Path]:
        """Write every output format into `outdir` (see kgraph.exports.write_all)."""
        return write_all(self.G, outdir, self.extractions, force=force)


def load(outdir) -> KnowledgeGraph:
    """The graph built into `outdir` (read from its graph.json), with the extraction
    records of its extractions.jsonl when present, so `save` can write it again."""
    outdir = Path(outdir)
    G = read_json(outdir / GRAPH_JSON)
    records = None
    if (outdir / EXTRACTIONS).exists():
        with open(outdir / EXTRACTIONS, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
    return KnowledgeGraph(G, records)
