"""Static matplotlib figures of a built graph, with Arabic drawn joined and right to left.

Every function takes a KnowledgeGraph (`kgraph.build(...)` / `kgraph.load(...)`) and
returns a new `matplotlib.figure.Figure` on the non-interactive Agg canvas: it never
touches pyplot's global state, shows in a notebook (after `%matplotlib inline`) when it
is a cell's value, and saves with `fig.savefig("x.png")`. No function changes the graph.
A graph with nothing to draw (no meetings yet, no demands) gives a figure that says so.

Arabic in figures. Matplotlib up to 3.10 draws code points one by one, left to right:
Arabic comes out in isolated letters, reversed. Matplotlib 3.11 lays text out with
libraqm, which shapes and reorders by itself, so feeding it pre-shaped visual-order text
reverses it a second time. `visual(text)` always reshapes (arabic_reshaper) and reorders
(python-bidi's get_display); `arabic(text)` is what to hand the matplotlib in use: the
visual form where matplotlib does not shape, the text unchanged where it does.
"""
from __future__ import annotations

import html as _html
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date as _date
from datetime import timedelta

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from kgraph.graph import ACTOR, ARTICLE, MEETING, TOPIC, relation
from kgraph.types import HELD, MEETING_MODES, MEETING_STATUSES, STANCES
from kgraph.views.html import EDGE_STYLES, NODE_STYLES, ego_view, style_key

# Matplotlib >= 3.11 shapes and applies the bidi algorithm itself (libraqm layout).
SHAPES_NATIVELY = hasattr(FT2Font, "_layout")
# DejaVu Sans has the Arabic letters and the presentation forms arabic_reshaper emits,
# and matplotlib ships it (mpl-data/fonts), so figures need no system font.
FONT = "DejaVu Sans"
RC = {"font.family": "sans-serif", "font.sans-serif": [FONT, "Noto Sans Arabic", "Amiri"],
      "text.parse_math": False, "axes.unicode_minus": False}
LABEL_WIDTH = 22  # characters per line of a node label
MODE_COLOURS = {"in_person": "#d62728", "call": "#1f77b4", "indirect": "#ff7f0e"}
STATUS_MARKERS = {"held": "o", "planned": "^", "cancelled": "X", "postponed": "s"}
SEED = 7


# ---------------------------------------------------------------- Arabic text

def visual(text: str) -> str:
    """Text (str) -> the same text reshaped (letters in their joined presentation forms)
    and in visual order (python-bidi's get_display, brackets mirrored), line by line:
    what a renderer that draws code points left to right needs. Text without Arabic
    comes back unchanged."""
    if not text:
        return text
    import arabic_reshaper

    # bidi.algorithm is python-bidi's full implementation; the Rust-backed bidi.get_display
    # of python-bidi >= 0.5 skips rule L4 and leaves brackets unmirrored: ")Egypt(".
    from bidi.algorithm import get_display
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def arabic(text: str) -> str:
    """Text (str) -> the string to give matplotlib so that Arabic shows joined and right
    to left: `visual(text)` on a matplotlib that draws code points one by one (< 3.11),
    `text` itself on one that shapes with libraqm (>= 3.11), which would otherwise
    reverse the visual form a second time. ASCII comes back unchanged either way."""
    if not text:
        return text
    return text if SHAPES_NATIVELY else visual(text)


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Text (str) -> the text broken into lines of at most `width` characters at word
    boundaries (for node labels)."""
    return "\n".join(textwrap.wrap(text, width)) or text


# ---------------------------------------------------------------- helpers

def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)  # non-interactive: savefig never needs a display
    return fig


def _empty(title: str, message: str) -> Figure:
    with matplotlib.rc_context(RC):
        fig = _figure(7, 2)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(title)
        ax.text(0.5, 0.5, message, ha="center", va="center", color="#666666",
                transform=ax.transAxes, gid="empty")
    return fig


def _colour(d: dict) -> str:
    return NODE_STYLES[style_key(d)][0]


def name_of(G: nx.Graph, n: str, english: bool = False) -> str:
    """Node id -> its display name (name, else label, else id); with `english`, the
    English label added in parentheses when there is one that differs."""
    d = G.nodes[n] if n in G else {}
    name = str(d.get("name") or d.get("label") or n)
    if d.get("kind") in (MEETING, TOPIC):
        name = str(d.get("label") or name)
    en = d.get("label_en")
    if english and en and en != name and d.get("kind") != MEETING:
        name = f"{name} ({en})"
    return name


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _type_legend(ax, styles: Iterable[str], **kw) -> None:
    handles = [Patch(color=NODE_STYLES[s][0], label=arabic(NODE_STYLES[s][2]))
               for s in NODE_STYLES if s in set(styles)]
    if handles:
        ax.legend(handles=handles, fontsize=8, **kw)


# ---------------------------------------------------------------- centrality

def relation_graph(kg) -> nx.Graph:
    """A KnowledgeGraph -> kg.G as a simple undirected graph without article nodes
    (mentions are provenance, not relations): actors, meetings, places and topics, one
    edge per related pair."""
    H = nx.Graph()
    H.add_nodes_from((n, d) for n, d in kg.G.nodes(data=True) if d.get("kind") != ARTICLE)
    H.add_edges_from((u, v) for u, v in kg.G.edges() if u in H and v in H and u != v)
    return H


def centrality(kg) -> list[dict]:
    """A KnowledgeGraph -> one row per actor: id, name, label_en, type, degree (how many
    distinct meetings, topics, places and actors it is related to), betweenness (networkx,
    normalised, on `relation_graph`) and met (how many actors it met); most related first,
    then most between."""
    H = relation_graph(kg)
    between = nx.betweenness_centrality(H) if H.number_of_nodes() > 2 else {}
    met = kg.met()
    rows = []
    for n, d in H.nodes(data=True):
        if d.get("kind") != ACTOR:
            continue
        rows.append({"id": n, "name": name_of(H, n), "label_en": d.get("label_en"),
                     "type": d.get("type"), "degree": H.degree(n),
                     "betweenness": round(between.get(n, 0.0), 4),
                     "met": met.degree(n) if n in met else 0})
    return sorted(rows, key=lambda r: (-r["degree"], -r["betweenness"], r["id"]))


def centrality_bar(kg, top: int = 15) -> Figure:
    """A KnowledgeGraph -> a Figure of the `top` most related actors (see `centrality`):
    two horizontal bar panels sharing the actors, degree (left) and betweenness (right),
    bars coloured by actor type. Each panel holds one bar per actor shown."""
    rows = [r for r in centrality(kg) if r["degree"] > 0][:top]
    if not rows:
        return _empty("Most central actors", "no actor is related to anything yet")
    with matplotlib.rc_context(RC):
        fig = _figure(11, 1.2 + 0.38 * len(rows))
        ax1, ax2 = fig.subplots(1, 2, sharey=True)
        ys = list(range(len(rows)))
        colours = [_colour({"type": r["type"], "kind": ACTOR}) for r in rows]
        ax1.barh(ys, [r["degree"] for r in rows], color=colours, gid="degree")
        ax2.barh(ys, [r["betweenness"] for r in rows], color=colours, gid="betweenness")
        labels = [arabic(f"{r['name']}  ({r['label_en']})" if r["label_en"] else r["name"])
                  for r in rows]
        ax1.set_yticks(ys, labels)
        ax1.invert_yaxis()
        ax1.set_xlabel("degree (distinct meetings, topics, places, actors)")
        ax2.set_xlabel("betweenness (normalised)")
        for ax in (ax1, ax2):
            ax.grid(axis="x", alpha=0.3)
            ax.set_axisbelow(True)
        _type_legend(ax2, {style_key({"type": r["type"], "kind": ACTOR}) for r in rows},
                     loc="lower right")
        fig.suptitle(f"The {len(rows)} most central actors")
    return fig


# ---------------------------------------------------------------- network drawings

def _positions(H: nx.Graph) -> dict:
    U = nx.Graph(H)
    n = max(U.number_of_nodes(), 1)
    return nx.spring_layout(U, seed=SEED, k=3 / n ** 0.5, iterations=300)


def _draw(ax, H: nx.Graph, pos: dict, center: str | None = None,
          english: bool = True) -> None:
    """Draw H's nodes (coloured by type, sized by degree), edges and labels on ax."""
    U = nx.Graph(H)
    nodes = list(H.nodes)
    sizes = [260 + 140 * U.degree(n) + (600 if n == center else 0) for n in nodes]
    art = nx.draw_networkx_nodes(H, pos, ax=ax, nodelist=nodes, node_size=sizes,
                                 node_color=[_colour(H.nodes[n]) for n in nodes],
                                 edgecolors=["black" if n == center else "white" for n in nodes],
                                 linewidths=[2.5 if n == center else 1 for n in nodes])
    art.set_gid("nodes")
    art.set_zorder(2)
    for n, size in zip(nodes, sizes, strict=True):
        text = name_of(H, n)
        en = H.nodes[n].get("label_en")
        if english and en and en != text and H.nodes[n].get("kind") not in (MEETING, TOPIC):
            text = f"{wrap(text)}\n{_short(en, 26)}"
        else:
            text = wrap(text)
        # below the node, so the label never hides the node's colour
        ax.annotate(arabic(text), xy=pos[n], xytext=(0, -(size ** 0.5) / 2 - 1),
                    textcoords="offset points", ha="center", va="top", fontsize=8,
                    fontfamily=FONT, zorder=3, gid="label",
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.75})
    ax.set_axis_off()
    ax.margins(0.12)


def met_drawing(kg) -> Figure:
    """A KnowledgeGraph -> a Figure of the who-met-whom projection (`kg.met()`): one node
    per actor that met someone (coloured by type, sized by how many it met), one edge per
    pair that met, as wide as the number of meetings and labelled with it when above one."""
    P = kg.met()
    if P.number_of_nodes() == 0:
        return _empty("Who met whom", "no held meetings in this graph (yet)")
    with matplotlib.rc_context(RC):
        n = P.number_of_nodes()
        side = min(16, 6 + 0.45 * n)
        fig = _figure(side, side * 0.8)
        ax = fig.add_subplot()
        pos = _positions(P)
        widths = [1 + 1.5 * (d.get("count", 1) - 1) for *_, d in P.edges(data=True)]
        edges = nx.draw_networkx_edges(P, pos, ax=ax, width=widths,
                                       edge_color=EDGE_STYLES["met"][0], alpha=0.55)
        edges.set_gid("edges")
        counts = {(u, v): d["count"] for u, v, d in P.edges(data=True) if d.get("count", 1) > 1}
        if counts:
            nx.draw_networkx_edge_labels(P, pos, edge_labels=counts, ax=ax, font_size=8)
        _draw(ax, P, pos)
        _type_legend(ax, {style_key(d) for _, d in P.nodes(data=True)}, loc="lower left")
        ax.set_title(f"Who met whom: {n} actors, {P.number_of_edges()} pairs "
                     "(edge width = number of meetings)")
    return fig


def ego_drawing(kg, actor: str, hops: int = 1) -> Figure:
    """A KnowledgeGraph and an actor (any alias) -> a Figure of every node within `hops`
    relations of it (articles left out; `kgraph.views.html.ego_view`): actors, meetings,
    places and topics coloured by kind or type, edges coloured by relation, the actor
    ringed in black. Raises UnknownNameError / AmbiguousNameError for a bad name."""
    E = ego_view(kg.G, actor, hops)
    center = kg.resolve(actor)
    with matplotlib.rc_context(RC):
        n = E.number_of_nodes()
        side = min(16, 6 + 0.4 * n)
        fig = _figure(side, side * 0.8)
        ax = fig.add_subplot()
        pos = _positions(E)
        by_rel = defaultdict(set)
        for u, v, d in E.edges(data=True):
            if u != v:
                by_rel[relation(d)].add((u, v))
        D = nx.DiGraph()
        D.add_nodes_from(E.nodes)
        for rel in sorted(by_rel):
            colour, dashed, _ = EDGE_STYLES.get(rel, ("#999999", False, rel))
            D.add_edges_from(by_rel[rel])
            nx.draw_networkx_edges(D, pos, ax=ax, edgelist=sorted(by_rel[rel]),
                                   edge_color=colour, style="dashed" if dashed else "solid",
                                   arrows=True, arrowsize=12, width=1.4, alpha=0.8,
                                   node_size=500)
        _draw(ax, E, pos, center=center)
        handles = [Line2D([], [], color=EDGE_STYLES.get(r, ("#999999", False, r))[0],
                          linestyle="--" if EDGE_STYLES.get(r, (0, False))[1] else "-",
                          label=arabic(EDGE_STYLES.get(r, (0, 0, r))[2]))
                   for r in sorted(by_rel)]
        handles += [Patch(color=NODE_STYLES[s][0], label=arabic(NODE_STYLES[s][2]))
                    for s in NODE_STYLES if s in {style_key(d) for _, d in E.nodes(data=True)}]
        ax.legend(handles=handles, fontsize=8, loc="lower left")
        ax.set_title(arabic(f"Ego graph of {name_of(kg.G, center, english=True)}: "
                            f"{n - 1} nodes within {hops} hop{'s' if hops != 1 else ''}"))
    return fig


# ---------------------------------------------------------------- meetings

def _day(value) -> _date | None:
    """An ISO date, possibly partial (2025, 2025-09, 2025-09-06...) -> a date, or None."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        d = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return _date(y, m, d)
    except (ValueError, IndexError):
        return None


def meeting_rows(kg) -> list[dict]:
    """A KnowledgeGraph -> one row per meeting node: id, day (a date: the stated date,
    else the reporting article's date, else None), date_stated, status, mode, names of
    the participants, place, first article and all articles; dated meetings first in date
    order, then undated ones by article."""
    G = kg.G
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != MEETING:
            continue
        stated = _day(d.get("date"))
        articles = d.get("articles") or sorted({e["article"] for e in d.get("evidence", [])})
        rows.append({"id": n, "day": stated or _day(d.get("reported")),
                     "date_stated": stated is not None, "status": d.get("status", HELD),
                     "mode": d.get("mode", "in_person"),
                     "participants": [name_of(G, p) for p in d.get("participants", [])],
                     "place": name_of(G, d["place"]) if d.get("place") else None,
                     "article": articles[0] if articles else "?", "articles": articles})
    return sorted(rows, key=lambda r: (r["day"] is None, r["day"] or _date.min,
                                       r["article"], r["id"]))


def _meeting_label(r: dict, most: int = 4) -> str:
    names = r["participants"]
    text = "، ".join(names[:most]) + (f" +{len(names) - most}" if len(names) > most else "")
    if r["place"]:
        text += f" · {r['place']}"
    return _short(text, 60)


def meetings_timeline(kg) -> Figure:
    """A KnowledgeGraph -> a Figure with one row per meeting (labelled with its
    participants and place). Dated meetings sit on a date axis (left panel; filled marker:
    the meeting's own date, hollow: only its article's date). Meetings with no date at all
    sit in the right panel, in the lane of the article that reports them. Colour: mode
    (in person, call, indirect); marker: status (held, planned, cancelled, postponed)."""
    rows = meeting_rows(kg)
    if not rows:
        return _empty("Meetings", "no meetings in this graph (yet)")
    import matplotlib.dates as mdates
    dated = [r for r in rows if r["day"]]
    undated = [r for r in rows if not r["day"]]
    lanes = sorted({r["article"] for r in undated})
    with matplotlib.rc_context(RC):
        fig = _figure(12, 1.6 + 0.42 * len(rows))
        ax1, ax2 = fig.subplots(1, 2, sharey=True,
                                gridspec_kw={"width_ratios": [3, max(1, 0.45 * len(lanes))]})
        ys = {r["id"]: i for i, r in enumerate(rows)}
        for ax, group, xof in ((ax1, dated, lambda r: r["day"]),
                               (ax2, undated, lambda r: lanes.index(r["article"]))):
            for (mode, status, stated), items in sorted(_groups(group).items()):
                colour = MODE_COLOURS.get(mode, "#7f7f7f")
                ax.scatter([xof(r) for r in items], [ys[r["id"]] for r in items], s=90,
                           marker=STATUS_MARKERS.get(status, "o"), zorder=3,
                           color=colour if stated else "white", edgecolors=colour,
                           linewidths=1.8, gid="meetings")
        ax1.set_yticks(range(len(rows)), [arabic(_meeting_label(r)) for r in rows],
                       fontsize=9)
        ax1.set_ylim(len(rows) - 0.5, -0.5)
        ax1.grid(axis="both", alpha=0.3)
        ax1.set_title("dated (by meeting date, else article date)", fontsize=10)
        if dated:
            days = [r["day"] for r in dated]
            lo, hi = min(days), max(days)
            pad = max((hi - lo) * 0.08, timedelta(days=3))
            ax1.set_xlim(lo - pad, hi + pad)
            loc = mdates.AutoDateLocator(maxticks=8)
            ax1.xaxis.set_major_locator(loc)
            ax1.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
        else:
            ax1.set_xticks([])
            ax1.text(0.5, 0.5, "no meeting has a date", ha="center", va="center",
                     color="#666666", transform=ax1.transAxes)
        ax2.set_title("undated (by article)", fontsize=10)
        if lanes:
            ax2.set_xticks(range(len(lanes)), [f"article\n{a}" for a in lanes], fontsize=8)
            ax2.set_xlim(-0.6, len(lanes) - 0.4)
            for i in range(len(lanes)):
                ax2.axvspan(i - 0.45, i + 0.45, color="#eeeeee", zorder=0)
        else:
            ax2.set_xticks([])
            ax2.text(0.5, 0.5, "none", ha="center", va="center", color="#666666",
                     transform=ax2.transAxes)
        ax2.grid(axis="y", alpha=0.3)
        modes = sorted({r["mode"] for r in rows}, key=_index(MEETING_MODES))
        statuses = sorted({r["status"] for r in rows}, key=_index(MEETING_STATUSES))
        handles = [Line2D([], [], ls="", marker="o", color=MODE_COLOURS.get(m, "#7f7f7f"),
                          label=m.replace("_", " ")) for m in modes]
        handles += [Line2D([], [], ls="", marker=STATUS_MARKERS.get(s, "o"), color="#444444",
                           label=s) for s in statuses]
        if any(not r["date_stated"] for r in dated):
            handles.append(Line2D([], [], ls="", marker="o", mfc="white", color="#444444",
                                  label="article date only"))
        fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=8)
        fig.suptitle(f"Meetings: {len(rows)} ({len(dated)} dated, {len(undated)} undated)")
    return fig


def _groups(rows: list[dict]) -> dict:
    out = defaultdict(list)
    for r in rows:
        out[(r["mode"], r["status"], r["date_stated"])].append(r)
    return out


def _index(order: Sequence[str]):
    return lambda x: (order.index(x) if x in order else len(order), x)


# ---------------------------------------------------------------- demands

def demand_counts(kg) -> tuple[list[str], list[str], dict]:
    """A KnowledgeGraph -> (actor ids, topic ids, counts): counts[stance][i][j] is how
    many sentences report actor i demanding ("demand") or rejecting ("reject") topic j;
    actors and topics are those with any demand or rejection, sorted by id."""
    cells = Counter((r["actor"], r["topic"], r["stance"]) for r in kg.demands())
    actors = sorted({a for a, _, _ in cells})
    topics = sorted({t for _, t, _ in cells})
    return actors, topics, {s: [[cells[(a, t, s)] for t in topics] for a in actors]
                            for s in STANCES}


def demand_heatmap(kg) -> Figure:
    """A KnowledgeGraph -> a Figure of two heatmaps sharing rows (actors) and columns
    (topics): how many sentences report each actor demanding (left, green) and rejecting
    (right, red) each topic, each cell annotated with its count. Each panel holds
    len(actors) x len(topics) cells (see `demand_counts`)."""
    actors, topics, counts = demand_counts(kg)
    if not actors:
        return _empty("Demands and rejections", "no demands or rejections in this graph (yet)")
    G = kg.G
    with matplotlib.rc_context(RC):
        fig = _figure(max(8, 3.5 + 1.3 * len(topics)), 2.4 + 0.45 * len(actors))
        axes = fig.subplots(1, 2, sharey=True)
        top = max(1, max(max(row) for m in counts.values() for row in m))
        xl = [arabic(name_of(G, t, english=True)) for t in topics]
        for ax, stance, cmap in zip(axes, STANCES, ("Greens", "Reds"), strict=True):
            m = counts[stance]
            im = ax.imshow(m, cmap=cmap, vmin=0, vmax=top, aspect="auto")
            im.set_gid(stance)
            for i, row in enumerate(m):
                for j, c in enumerate(row):
                    if c:
                        ax.text(j, i, str(c), ha="center", va="center", fontsize=9,
                                color="white" if c > top / 2 else "black")
            ax.set_xticks(range(len(topics)), xl, rotation=40, ha="right",
                          rotation_mode="anchor", fontsize=9)
            ax.set_title(f"{stance}s ({sum(map(sum, m))} sentences)")
            ax.set_xticks([x - 0.5 for x in range(1, len(topics))], minor=True)
            ax.set_yticks([y - 0.5 for y in range(1, len(actors))], minor=True)
            ax.grid(which="minor", color="white", linewidth=1.5)
            ax.tick_params(which="minor", length=0)
        axes[0].set_yticks(range(len(actors)),
                           [arabic(name_of(G, a, english=True)) for a in actors], fontsize=9)
        fig.suptitle("Who demands (left) and who rejects (right) what")
    return fig


# ---------------------------------------------------------------- tables

def html_table(rows: Sequence[dict], columns: Sequence[str] | None = None,
               caption: str | None = None) -> str:
    """Rows (dicts) -> an HTML table string (for IPython.display.HTML) of `columns`
    (default: the keys of the first row). Every value is html-escaped and every cell is
    dir="auto", so Arabic cells read right to left and English ones left to right."""
    rows = list(rows)
    columns = list(columns or (rows[0].keys() if rows else []))

    def cell(v) -> str:
        if isinstance(v, float):
            v = f"{v:.3f}"
        elif isinstance(v, (list, tuple, set)):
            v = "، ".join(map(str, v))
        return _html.escape("" if v is None else str(v))

    head = "".join(f"<th>{_html.escape(str(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td dir="auto">{cell(r.get(c))}</td>' for c in columns)
                   + "</tr>" for r in rows)
    cap = f"<caption>{_html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
