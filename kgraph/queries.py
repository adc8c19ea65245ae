"""Read-only questions on a built graph. No function here changes the graph.

Names are resolved through every alias, typed with or without the article ال, with a
proclitic (و ف ب ل ك), with or without diacritics, or as an English label or node id.
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from itertools import pairwise

import networkx as nx

from kgraph.errors import AmbiguousNameError, UnknownNameError
from kgraph.graph import (
    ACTOR,
    ARTICLE,
    DEMAND_EDGE,
    MEETING,
    MENTION,
    PLACE,
    TOPIC,
    met_pairs,
    met_projection,
    relation,
)
from kgraph.normalize import clitic_analyses, key
from kgraph.types import STANCES

NAMED_KINDS = (ACTOR, PLACE, TOPIC)
VIAS = ("any", "meetings")


def match_key(text: str) -> str:
    """The lookup key of a name: normalize.key, lower-cased (for English labels)."""
    return key(text).lower()


def name_keys(text: str) -> list[str]:
    """The keys to try for a typed name, best first: as typed, then without the
    proclitics of its first word (وبمصر -> بمصر -> مصر)."""
    words = text.split()
    out = [match_key(text)]
    if words:
        for _, stem in clitic_analyses(words[0])[1:]:
            k = match_key(" ".join([stem, *words[1:]]))
            if k and k not in out:
                out.append(k)
    return [k for k in out if k]


def node_names(G: nx.Graph, n: str) -> list[str]:
    """Every string a node can be called by: id, id without prefix, labels, aliases."""
    d = G.nodes[n]
    names = [n, n.partition(":")[2], d.get("name"), d.get("label"), d.get("label_en")]
    return [s for s in names + list(d.get("aliases", [])) if s]


def alias_index(G: nx.Graph, kinds=NAMED_KINDS) -> dict[str, list[str]]:
    """Match key -> sorted node ids, over the nodes of the given kinds."""
    index = defaultdict(set)
    for n, d in G.nodes(data=True):
        if d.get("kind") in kinds:
            for s in node_names(G, n):
                index[match_key(s)].add(n)
    return {k: sorted(v) for k, v in index.items() if k}


def resolve(G: nx.Graph, name: str, kinds=NAMED_KINDS, index: dict | None = None) -> str:
    """The node id a name stands for. Raises AmbiguousNameError (with `candidates`)
    when it names several nodes, UnknownNameError when it names none."""
    if name in G and G.nodes[name].get("kind") in kinds:
        return name
    index = alias_index(G, kinds) if index is None else index
    for k in name_keys(name):
        hits = index.get(k)
        if hits and len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousNameError(name, hits)
    what = "/".join(kinds) if kinds != NAMED_KINDS else "actor, place or topic"
    close = difflib.get_close_matches(match_key(name), list(index), n=3, cutoff=0.75)
    hint = "; did you mean " + ", ".join(sorted({index[c][0] for c in close})) + "?" if close else ""
    raise UnknownNameError(f"no {what} named '{name}' in the graph{hint} "
                           "(`kgraph actors --graph DIR` lists the actors)")


def _name(G: nx.Graph, n: str | None) -> str | None:
    return G.nodes[n].get("name", G.nodes[n].get("label", n)) if n in G else n


def actors(G: nx.Graph) -> list[dict]:
    """Every actor: id, name, English label, type, mentions, articles (count),
    meetings (held, count); most mentioned first."""
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != ACTOR:
            continue
        held = sum(1 for _, m in G.out_edges(n) if G.nodes[m].get("kind") == MEETING
                   and G.nodes[m].get("status") == "held")
        rows.append({"id": n, "name": d.get("name"), "label_en": d.get("label_en"),
                     "type": d.get("type"), "mentions": d.get("mentions", 0),
                     "articles": len(d.get("articles", [])), "meetings": held,
                     "aliases": d.get("aliases", [])})
    return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))


def neighbors(G: nx.MultiDiGraph, a: str, articles: bool = False) -> list[dict]:
    """The relations of a node: one row per incident edge (mentions only if
    `articles`), with the neighbour, the relation, its direction and evidence count."""
    n = resolve(G, a)
    rows = []
    for u, v, k, d in list(G.out_edges(n, keys=True, data=True)) + list(
            G.in_edges(n, keys=True, data=True)):
        if d.get("kind") == MENTION and not articles:
            continue
        other = v if u == n else u
        rows.append({"node": other, "name": _name(G, other),
                     "kind": G.nodes[other].get("kind"), "relation": relation(d),
                     "direction": "out" if u == n else "in", "key": k,
                     "role": d.get("role"), "target": d.get("target_actor"),
                     "evidence": len(d.get("evidence", []))})
    return sorted(rows, key=lambda r: (r["relation"], r["direction"], r["node"], r["key"]))


def who_met(G: nx.MultiDiGraph, a: str) -> list[dict]:
    """Everyone an actor met in held meetings (an indirect meeting links mediators
    with parties only): one row per meeting and counterpart, in date order."""
    n = resolve(G, a)
    rows = []
    for _, mid in sorted(set(G.out_edges(n))):
        m = G.nodes[mid]
        if m.get("kind") != MEETING:
            continue
        roles = m.get("roles", {})
        for x, y in met_pairs(G, mid):
            if n not in (x, y):
                continue
            other = y if x == n else x
            ev = (m.get("evidence") or [{}])[0]
            rows.append({"counterpart": other, "name": _name(G, other),
                         "date": m.get("date") or m.get("reported"),
                         "date_stated": bool(m.get("date")),
                         "place": _name(G, m.get("place")), "place_id": m.get("place"),
                         "role": roles.get(n), "counterpart_role": roles.get(other),
                         "mode": m.get("mode"), "meeting": mid,
                         "article": ev.get("article"), "sentence": ev.get("sentence"),
                         "reports": len(m.get("evidence", []))})
    return sorted(rows, key=lambda r: (r["date"] or "9999", r["counterpart"], r["meeting"]))


def _search_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """G undirected and simple, without articles (provenance is not a relation)."""
    H = nx.Graph()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("kind") != ARTICLE)
    H.add_edges_from((u, v) for u, v, d in G.edges(data=True) if u in H and v in H)
    return H


def _hop(G, P, u, v, via) -> dict:
    if via == "meetings":
        d = P.edges[u, v]
        rels = [{"kind": "met", "from": u, "to": v, **{k: d[k] for k in sorted(d) if k != "kind"}}]
    else:
        rels = []
        for x, y in ((u, v), (v, u)):
            for k, d in sorted(G.get_edge_data(x, y, default={}).items()):
                rels.append({"kind": relation(d), "from": x, "to": y, "key": k,
                             **{f: d[f] for f in ("role", "stance", "target_actor", "count", "evidence") if f in d}})
    return {"from": u, "to": v, "from_name": _name(G, u), "to_name": _name(G, v),
            "relations": rels}


def path(G: nx.MultiDiGraph, a: str, b: str, max_hops: int = 4, via: str = "any",
         limit: int = 10) -> list[list[dict]]:
    """Up to `limit` shortest simple paths from a to b of at most `max_hops` hops.

    via="any" walks every relation but mentions (an actor-meeting-actor path is two
    hops); via="meetings" walks the who-met-whom projection (one hop per pair that met).
    Each hop is {from, to, from_name, to_name, relations: [{kind, ..., evidence}]}.
    """
    if via not in VIAS:
        raise UnknownNameError(f"unknown path mode '{via}'; choose one of {', '.join(VIAS)}")
    s, t = resolve(G, a), resolve(G, b)
    P = met_projection(G) if via == "meetings" else None
    H = P if P is not None else _search_graph(G)
    if s not in H or t not in H or s == t:
        return []
    found = []
    try:
        for p in nx.shortest_simple_paths(H, s, t):
            if len(p) - 1 > max_hops or len(found) >= limit:
                break
            found.append(p)
    except nx.NetworkXNoPath:
        pass
    return [[_hop(G, P, u, v, via) for u, v in pairwise(p)] for p in found]


def _topic(G: nx.Graph, topic: str) -> str | None:
    try:
        return resolve(G, topic, kinds=(TOPIC,))
    except UnknownNameError:
        from kgraph.types import TOPICS
        if topic in TOPICS or topic.removeprefix("topic:") in TOPICS:
            return None  # a known topic nobody demands
        raise UnknownNameError(f"unknown topic '{topic}'; choose one of {', '.join(TOPICS)}") from None


def demands(G: nx.MultiDiGraph, actor: str | None = None, topic: str | None = None,
            stance: str | None = None) -> list[dict]:
    """Demands and rejections, one row per evidence sentence, filtered by actor, topic
    and stance ("demand" or "reject")."""
    if stance is not None and stance not in STANCES:
        raise UnknownNameError(f"unknown stance '{stance}'; choose one of {', '.join(STANCES)}")
    a = resolve(G, actor) if actor else None
    t = _topic(G, topic) if topic else None
    if topic and t is None:
        return []
    rows = []
    for u, v, d in G.edges(data=True):
        if d.get("kind") != DEMAND_EDGE or (a and u != a) or (t and v != t):
            continue
        if stance and d.get("stance") != stance:
            continue
        for ev in d.get("evidence", []):
            art = G.nodes.get(f"{ARTICLE}:{ev['article']}", {})
            rows.append({"actor": u, "actor_name": _name(G, u), "topic": v,
                         "topic_name": G.nodes[v].get("name"), "stance": d.get("stance"),
                         "target": d.get("target_actor"), "target_name": _name(G, d.get("target_actor")),
                         "text": ev.get("text"), "condition": ev.get("condition"),
                         "article": ev["article"], "date": art.get("date"),
                         "sentence": ev["sentence"]})
    return sorted(rows, key=lambda r: (r["actor"], r["topic"], r["stance"] or "",
                                       r["date"] or "", r["article"], r["sentence"]))


def demand_matrix(G: nx.MultiDiGraph, stance: str | None = None
                  ) -> tuple[list[str], list[str], list[list[int]]]:
    """(actors, topics, counts): counts[i][j] is how many sentences report actor i
    demanding or rejecting (or only `stance`) topic j."""
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for r in demands(G, stance=stance):
        cells[(r["actor"], r["topic"])] += 1
    acts = sorted({a for a, _ in cells})
    tops = sorted({t for _, t in cells})
    return acts, tops, [[cells.get((a, t), 0) for t in tops] for a in acts]
