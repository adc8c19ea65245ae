"""kgraph.views.html: a standalone, offline, injection-proof page, checked statically and
in a real browser (Debian's chromium driven by Playwright; skipped when either is missing).

CI: `apt-get install -y chromium` and `pip install playwright` (never `playwright install`).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import graph_fixtures as fx
import networkx as nx
import pytest

from kgraph.graph import met_projection
from kgraph.views.html import ego_view, render_html, safe_json, write_html

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def G():
    """The graph of the five hand-built articles (one of them hostile)."""
    return fx.build()


def snapshot(G) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------- static checks

def test_html_references_nothing_on_the_network(G):
    page = render_html(G)
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert css and not re.search(r"@import|@font-face", css, re.I)
    assert not re.search(r"url\(\s*(?!['\"]?data:)", css, re.I)  # images inlined as data:
    assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//", page, re.I)


def test_html_escapes_every_article_string(G):
    page = render_html(G)
    for payload in fx.PAYLOADS:
        assert payload not in page
    assert page.count("</script>") == 3  # vis-network, the data, the page script: no more
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


def test_safe_json_escapes_html_and_line_separators():
    text = safe_json({"s": "</script><!-- & \u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"s": "</script><!-- & \u2028\u2029"}


def test_html_views_never_change_the_graph(G):
    before = snapshot(G)
    render_html(G)
    render_html(G, view="met")
    render_html(G, focus="السيسي", hops=2)
    assert snapshot(G) == before


def test_html_is_deterministic(G):
    assert render_html(G) == render_html(fx.build())


def test_html_writes_one_file_and_no_lib_folder(G, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_html(G, "page.html")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert Path("page.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_ego_view_keeps_the_neighbourhood_without_articles(G):
    H = ego_view(G, "السيسي", hops=1)
    assert {"actor:sisi", "actor:egypt"} <= set(H.nodes)
    assert not any(n.startswith("article:") for n in H)
    assert set(ego_view(met_projection(G), "السيسي", 1)) == {"actor:sisi", "actor:tamim",
                                                             "actor:blinken"}


def test_html_large_graph_has_fixed_positions_and_no_physics():
    import random
    rng = random.Random(0)
    H = nx.MultiDiGraph()
    for i in range(600):
        H.add_node(f"actor:a{i}", kind="actor", type="STATE", name=f"دولة {i}", label=f"دولة {i}")
    for _ in range(900):
        H.add_edge(f"actor:a{rng.randrange(600)}", f"actor:a{rng.randrange(600)}", key="x",
                   kind="affiliation", evidence=[])
    data = json.loads(re.search(r'id="kg-data" type="application/json">(.*?)</script>',
                                render_html(H), re.S).group(1))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 550


# ---------------------------------------------------------------- in a browser

def _chromium() -> str:
    path = os.environ.get("KGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.skip("no chromium found (apt-get install chromium, or set KGRAPH_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def browser():
    """A headless Debian chromium under Playwright, for the whole module."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path = _chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


class Page:
    """An opened kgraph page and what it did: console errors, requests, dialogs."""

    def __init__(self, browser, html: Path):
        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        pg = self.page
        pg.add_init_script("window.__pwned = false; for (const f of ['alert', 'confirm', 'prompt'])"
                           " window[f] = () => { window.__pwned = true; };")
        pg.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        pg.on("pageerror", lambda e: self.errors.append(str(e)))
        pg.on("request", lambda r: self.requests.append(r.url))
        pg.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        pg.goto(html.resolve().as_uri())
        pg.wait_for_function("window.kgraph && window.kgraph.network")

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def pwned(self) -> bool:
        return bool(self.dialogs or self.js("window.__pwned") or self.js(
            "document.querySelectorAll('img, svg, iframe, object, b[onmouseover]').length"))


@pytest.fixture
def open_page(browser, G, tmp_path):
    """open_page(**render_kw) -> Page of the fixture graph rendered with those options."""
    pages = []

    def open_(**kw):
        path = tmp_path / f"page{len(pages)}.html"
        write_html(G, path, **kw)
        pages.append(Page(browser, path))
        return pages[-1]
    yield open_
    for p in pages:
        p.page.close()


def test_browser_page_opens_offline_without_errors(open_page):
    p = open_page()
    assert p.errors == []
    assert all(u.startswith(("file://", "data:")) for u in p.requests), p.requests
    assert p.js("document.documentElement.dir") == "rtl"


@pytest.mark.parametrize("kw, expected", [
    ({}, lambda G: (G.number_of_nodes(), G.number_of_edges())),
    ({"view": "met"}, lambda G: (met_projection(G).number_of_nodes(),
                                 met_projection(G).number_of_edges())),
    ({"focus": "مصر", "hops": 2}, lambda G: (ego_view(G, "مصر", 2).number_of_nodes(),
                                             ego_view(G, "مصر", 2).number_of_edges())),
])
def test_browser_draws_every_node_of_the_view(open_page, G, kw, expected):
    p = open_page(**kw)
    drawn = (p.js("kgraph.network.body.nodeIndices.length"),
             p.js("kgraph.network.body.edgeIndices.length"))
    assert (p.js("kgraph.nodes.length"), p.js("kgraph.edges.length")) == expected(G) == drawn
    assert p.errors == []


@pytest.mark.parametrize("typed, node", [
    ("وبالسيسي", "actor:sisi"), ("عبد الفتاح السيسي", "actor:sisi"), ("Abdel Fattah el-Sisi", "actor:sisi"),
    ("مِصْـرَ", "actor:egypt"), ("الاسرائيلية", "actor:israel"), ("حماس", "actor:hamas"),
])
def test_browser_search_selects_the_actor_by_any_alias(open_page, typed, node):
    p = open_page()
    p.page.fill("#search", typed)
    p.page.press("#search", "Enter")
    assert p.js("kgraph.network.getSelectedNodes()") == [node]
    assert p.js("document.getElementById('panel').dataset.showing") == f"node:{node}"


def _clickable_point(p, edge_id):
    """A page point on the edge where no node and no other edge lies, or None."""
    return p.js("""(id) => {
        const net = kgraph.network, e = kgraph.edges.get(id), pos = net.getPositions([e.from, e.to]);
        const box = document.getElementById('network').getBoundingClientRect();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {
            const c = {x: pos[e.from].x * (1 - t) + pos[e.to].x * t, y: pos[e.from].y * (1 - t) + pos[e.to].y * t};
            const d = net.canvasToDOM(c);
            if (net.getNodeAt(d) === undefined && net.getEdgeAt(d) === id) return [box.left + d.x, box.top + d.y];
        }
        return null; }""", edge_id)


def test_browser_clicking_an_edge_shows_its_evidence(open_page):
    p = open_page()
    edge = p.js("kgraph.edges.get().find(e => e.from === 'actor:hamas' && e.to === 'topic:disarmament').id")
    point = _clickable_point(p, edge)
    if point is None:  # layout put something on top of it: fit to this edge and retry
        p.js("(id) => { const e = kgraph.edges.get(id); "
             "kgraph.network.fit({nodes: [e.from, e.to], animation: false}); }", edge)
        point = _clickable_point(p, edge)
    assert point, "no free point on the edge to click"
    p.page.mouse.click(*point)
    assert p.js("document.getElementById('panel').dataset.showing") == f"edge:{edge}"
    panel = p.page.inner_text("#panel")
    assert "وأكدت حركة حماس رفضها نزع السلاح." in panel and "001" in panel
    assert p.js("document.querySelector('#panel .ev').getAttribute('dir')") == "rtl"


def test_browser_payload_article_executes_nothing(open_page):
    p = open_page()
    p.page.fill("#search", fx.IMG)
    p.page.press("#search", "Enter")
    assert p.js("kgraph.network.getSelectedNodes()") == ["actor:payload"]
    for eid in p.js("kgraph.edges.getIds()"):
        p.js("(id) => kgraph.showEdge(id)", eid)
        assert not p.pwned()
    for nid in p.js("kgraph.nodes.getIds()"):
        p.js("(id) => kgraph.showNode(id)", nid)
        pos = p.js("""(id) => { const d = kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]);
                      const b = document.getElementById('network').getBoundingClientRect();
                      return [b.left + d.x, b.top + d.y]; }""", nid)
        p.page.mouse.move(*pos)  # hover: the tooltip is built too
    p.page.wait_for_timeout(300)
    p.js("(id) => kgraph.showEdge(id)", p.js(
        "kgraph.edges.get().find(e => e.from === 'actor:payload' && e.kg.rel === 'demand').id"))
    panel = p.js("document.getElementById('panel').textContent")
    assert fx.IMG in panel and fx.BOLD in panel and fx.SCRIPT in panel
    assert not p.pwned()
    assert p.js("document.scripts.length") == 3  # vis-network, the data, the page script
    assert p.errors == []


def test_browser_filters_by_relation_and_date(open_page, G):
    p = open_page()
    mentions = sum(1 for *_, d in G.edges(data=True) if d["kind"] == "mention")
    p.page.uncheck(".rel-filter[value='mention']")
    assert p.js("kgraph.edgeView.length") == G.number_of_edges() - mentions
    p.page.fill("#date-from", "2024-06-01")
    p.page.dispatch_event("#date-from", "change")
    dated = [d.get("date") or d.get("reported") for _, d in G.nodes(data=True)
             if d["kind"] in ("meeting", "article")]
    early = sum(1 for day in dated if day < "2024-06-01")
    assert p.js("kgraph.nodeView.length") == G.number_of_nodes() - early
    p.page.fill("#search", "تميم")  # hidden by the date filter: search clears it
    p.page.press("#search", "Enter")
    assert p.js("kgraph.network.getSelectedNodes()") == ["actor:tamim"]
