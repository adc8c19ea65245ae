"""Fixed-seed node positions, so a page opens with physics off, in seconds.

Small components use networkx's spring_layout. Above SMALL nodes it is too slow
(minutes at a few thousand nodes: every iteration compares every pair), so large ones
use the grid variant of Fruchterman-Reingold from the original paper: repulsion only between
nodes closer than 2k, found with a k-d tree, which makes an iteration O(n log n).
Both are deterministic for a given graph and seed.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

SEED = 7
SMALL = 300  # nodes; above this, the grid variant
UNIT = 60  # pixels: a component of n nodes gets a box of radius UNIT * (1 + sqrt(n))


def grid_fruchterman_reingold(G: nx.Graph, seed: int = SEED,
                              iterations: int | None = None) -> np.ndarray:
    """Positions (n x 2, in [-1, 1]) for the nodes of G in iteration order; by default
    fewer iterations as graphs grow (120 up to 2,000 nodes, at least 40)."""
    from scipy.spatial import cKDTree

    nodes = list(G.nodes)
    n = len(nodes)
    iterations = iterations or max(40, min(120, 240_000 // max(n, 1)))
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64)
    edges = edges.reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1.0 / math.sqrt(max(n, 1))
    temperature, cooling = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(2 * k, output_type="ndarray")
        for (a, b), attract in ((pairs.T if len(pairs) else np.empty((2, 0), np.int64), False),
                                (edges.T, True)):
            if a.size == 0:
                continue
            delta = pos[a] - pos[b]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01 * k)
            force = dist * dist / k if attract else k * k / dist
            step = delta / dist[:, None] * force[:, None] * (-1 if attract else 1)
            for axis in (0, 1):  # bincount: a fast scatter-add
                disp[:, axis] += (np.bincount(a, step[:, axis], n)
                                  - np.bincount(b, step[:, axis], n))
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-12)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        np.clip(pos, 0.0, 1.0, out=pos)
        temperature -= cooling
    return pos * 2 - 1


def component_layout(S: nx.Graph, seed: int = SEED) -> np.ndarray:
    """Positions in [-1, 1] for one connected graph, in node order."""
    n = S.number_of_nodes()
    if n == 1:
        return np.zeros((1, 2))
    if n <= SMALL:
        pos = nx.spring_layout(S, seed=seed, method="force")
        return np.array([pos[v] for v in S.nodes])
    return grid_fruchterman_reingold(S, seed)


def layout(H: nx.Graph, seed: int = SEED) -> dict:
    """Pixel positions {node: (x, y)} for H (directions and parallel edges ignored).

    Each connected component is laid out on its own, in a box that grows with the
    square root of its size, and the boxes are packed in rows, largest first: small
    components neither fly to the frame nor hide in the big one.
    """
    U = nx.Graph()
    U.add_nodes_from(H.nodes)
    U.add_edges_from(H.edges())
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U)),
                   key=lambda c: (-len(c), str(c[0])))
    radii = [UNIT * (1 + math.sqrt(len(c))) for c in comps]
    width = max([2 * r for r in radii] + [math.sqrt(sum((2 * r) ** 2 for r in radii)) * 1.2])
    out, x, y, row = {}, 0.0, 0.0, 0.0
    for comp, r in zip(comps, radii, strict=True):
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y + row, 0.0
        xy = component_layout(U.subgraph(comp), seed) * r
        for v, (px, py) in zip(U.subgraph(comp).nodes, xy, strict=True):
            out[v] = (round(float(px + x + r)), round(float(py + y + r)))
        x, row = x + 2 * r, max(row, 2 * r)
    return out
