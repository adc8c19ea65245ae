"""The interactive HTML view: one standalone UTF-8 file that needs no network at all.

A view is built from a *projection* (the whole graph, the who-met-whom graph, or an
ego graph), never from the graph itself, and never changes the graph. pyvis assembles
the vis-network nodes, edges and options from a fresh `Network(directed=True)`; the
page is rendered from kgraph's own template (static/page.html) because pyvis' template
loads Bootstrap from a CDN even with cdn_resources="in_line". vis-network's JS and CSS
are the copies shipped inside the pyvis package, inlined.

Safety: every string that comes from an article (names, titles, sentences) reaches the
page only inside one JSON blob whose <, >, &, U+2028 and U+2029 are \\u-escaped, and the
page's script puts it in the DOM with textContent; node tooltips are DOM elements built
the same way, never HTML strings.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kgraph.errors import UnknownNameError
from kgraph.exports.atomic import write_text
from kgraph.graph import ACTOR, ARTICLE, MEETING, MENTION, met_projection, relation
from kgraph.queries import match_key, node_names, resolve
from kgraph.views.layout import layout

STATIC = Path(__file__).parent / "static"
FONT_STACK = '"Noto Naskh Arabic", "Noto Sans Arabic", Amiri, "DejaVu Sans", sans-serif'
MAX_EVIDENCE = 25  # evidence items per node or edge carried into the page
LABEL_MAX = 40

# style key (actor type, else node kind) -> colour, vis shape, legend text
NODE_STYLES = {
    "STATE": ("#1f77b4", "dot", "دولة · state"),
    "ORG": ("#2ca02c", "diamond", "منظمة · organisation"),
    "PERSON": ("#ff7f0e", "star", "شخص · person"),
    ACTOR: ("#7f7f7f", "dot", "فاعل · actor"),
    "location": ("#8c564b", "triangle", "مكان · place"),
    MEETING: ("#d62728", "square", "لقاء · meeting"),
    "topic": ("#9467bd", "hexagon", "موضوع · topic"),
    ARTICLE: ("#bcbd22", "triangleDown", "مقال · article"),
}
# relation -> colour, dashed, legend text
EDGE_STYLES = {
    "participant": ("#d62728", False, "شارك في · took part in"),
    "held_at": ("#8c564b", False, "عُقد في · held at"),
    "demand": ("#2ca02c", False, "طالب بـ · demands"),
    "reject": ("#e377c2", True, "رفض · rejects"),
    "affiliation": ("#1f77b4", False, "ينتمي إلى · member of"),
    MENTION: ("#c7c7c7", True, "ذُكر في · mentioned in"),
    "met": ("#d62728", False, "التقى · met"),
}
VIEWS = ("whole", "met")


# ---------------------------------------------------------------- projections

def whole_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The whole graph (returned as is: views only read it)."""
    return G


def met_view(G: nx.MultiDiGraph) -> nx.Graph:
    """The who-met-whom projection (a new graph)."""
    return met_projection(G)


def ego_view(G: nx.Graph, actor: str, hops: int = 1) -> nx.Graph:
    """A new graph of the nodes within `hops` of `actor` (any alias), either direction.
    Article nodes are left out of a whole-graph ego: they relate nothing."""
    center = resolve(G, actor)
    keep = [n for n, d in G.nodes(data=True) if d.get("kind") != ARTICLE]
    return nx.ego_graph(G.subgraph(keep), center, radius=hops, undirected=True).copy()


# ---------------------------------------------------------------- page data

def style_key(attrs: dict) -> str:
    """The NODE_STYLES row of a node: its actor type, else its kind."""
    for k in (attrs.get("type"), attrs.get("kind")):
        if k in NODE_STYLES:
            return k
    return ACTOR


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 1] + "…"


def _dates(evidence: list, articles: dict) -> set:
    return {articles[e["article"]]["date"] for e in evidence
            if articles.get(e["article"], {}).get("date")}


def _node_info(G_view: nx.Graph, n: str, d: dict) -> dict:
    """The page's data of a node: its attributes, search keys, date, capped evidence."""
    info = {k: v for k, v in d.items() if k not in ("evidence", "articles")}
    info["id"] = n
    info["keys"] = sorted({match_key(s) for s in node_names(G_view, n)} - {""})
    info["style"] = style_key(d)
    if d.get("kind") == MEETING:
        info["day"] = d.get("date") or d.get("reported")
    elif d.get("kind") == ARTICLE:
        info["day"] = d.get("date")
    if d.get("evidence"):
        info["evidence"] = d["evidence"][:MAX_EVIDENCE]
        info["evidence_total"] = len(d["evidence"])
    if "articles" in d:
        info["n_articles"] = len(d["articles"])
    return info


def _edge_info(u, v, k, d: dict, articles: dict) -> dict:
    """The page's data of an edge: its attributes, relation, dates, capped evidence."""
    ev = d.get("evidence", [])
    info = {key: val for key, val in d.items() if key != "evidence"}
    info.update({"u": u, "v": v, "key": k, "rel": relation(d),
                 "evidence": ev[:MAX_EVIDENCE], "evidence_total": len(ev),
                 "days": sorted(_dates(ev, articles) | set(d.get("dates", [])))})
    return info


def page_data(H: nx.Graph, G: nx.MultiDiGraph, view: str) -> dict:
    """Everything the page needs, as plain data: vis nodes/edges/options (from a fresh
    pyvis Network built from the projection H), article metadata and legend."""
    articles = {n.partition(":")[2]: {k: d[k] for k in ("title", "date", "source", "url")
                                      if k in d}
                for n, d in G.nodes(data=True) if d.get("kind") == ARTICLE}
    pos = layout(H)
    degree = dict(H.degree())
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for n in H.nodes:
        d = H.nodes[n]
        colour, shape, _ = NODE_STYLES.get(style_key(d), NODE_STYLES[ACTOR])
        label = _short(str(d.get("label") or d.get("name") or n))
        if d.get("label_en") and d.get("kind") != MEETING and d["label_en"] != label:
            label += "\n" + _short(d["label_en"])
        x, y = pos[n]
        net.add_node(n, label=label, shape=shape, color=colour, x=x, y=y,
                     size=round(8 + 4 * math.sqrt(degree.get(n, 0)), 1),
                     kg=_node_info(H, n, d))
    edges = (H.edges(keys=True, data=True) if H.is_multigraph()
             else ((u, v, None, d) for u, v, d in H.edges(data=True)))
    for i, (u, v, k, d) in enumerate(edges):
        rel = relation(d)
        colour, dashed, _ = EDGE_STYLES.get(rel, ("#999999", False, rel))
        n_ev = len(d.get("evidence", []))
        net.add_edge(u, v, id=f"e{i}", color=colour, dashes=dashed,
                     width=round(1 + math.log1p(d.get("count", n_ev)), 2),
                     arrows="to" if H.is_directed() else "",
                     kg=_edge_info(u, v, k, d, articles))
    net.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {"font": {"face": FONT_STACK, "size": 14, "multi": False}},
        "edges": {"smooth": False, "selectionWidth": 3},
    }
    nodes, edges_, _, _, _, options = net.get_network_data()
    rels = sorted({e["kg"]["rel"] for e in edges_})
    styles = sorted({n["kg"]["style"] for n in nodes}, key=list(NODE_STYLES).index)
    return {"view": view, "nodes": nodes, "edges": edges_, "options": json.loads(options),
            "articles": articles, "relations": rels,
            "edge_styles": {r: EDGE_STYLES.get(r, ("#999999", False, r)) for r in rels},
            "node_styles": {s: NODE_STYLES[s] for s in styles}}


def safe_json(value) -> str:
    """JSON that is safe inside <script>: <, >, & and U+2028/U+2029 are \\u-escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


@lru_cache(maxsize=1)
def _assets() -> dict:
    vis = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return {"vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
            "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
            "app_js": (STATIC / "app.js").read_text(encoding="utf-8"),
            "app_css": (STATIC / "app.css").read_text(encoding="utf-8")}


def render_html(G: nx.MultiDiGraph, view: str = "whole", focus: str | None = None,
                hops: int = 1, title: str = "kgraph") -> str:
    """The page of one view of G: view "whole" or "met", optionally the ego graph of
    `focus` (any alias) within `hops`."""
    if view not in VIEWS:
        raise UnknownNameError(f"unknown view '{view}'; choose one of {', '.join(VIEWS)}")
    H = met_view(G) if view == "met" else whole_view(G)
    name = view
    if focus:
        center = resolve(G, focus)
        if center not in H:
            raise UnknownNameError(f"'{focus}' ({center}) met no one: it is not in the "
                                   f"{view} view")
        H = ego_view(H, center, hops)
        name = f"{view}, ego {center} ({hops})"
    env = Environment(loader=FileSystemLoader(STATIC), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    data = page_data(H, G, name)
    return env.get_template("page.html").render(
        title=title, view=name, data_json=safe_json(data), font_stack=FONT_STACK,
        node_styles=data["node_styles"], edge_styles=data["edge_styles"],
        n_nodes=len(data["nodes"]), n_edges=len(data["edges"]), **_assets())


def write_html(G: nx.MultiDiGraph, path, **kw) -> None:
    """Write `render_html(G, **kw)` to `path`, UTF-8, atomically."""
    write_text(path, render_html(G, **kw))
