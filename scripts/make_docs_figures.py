"""Regenerate the figures under docs/ from the shipped corpus.

    python scripts/make_docs_figures.py            # corpus/ -> docs/*.png

Writes, from the graph of corpus/ (built with the embedded dictionary, offline):
  docs/centrality.png     the most central actors (degree, betweenness)
  docs/who-met-whom.png   the who-met-whom projection
  docs/demand-matrix.png  actors x topics, demands and rejections
  docs/timeline.png       the meetings on a timeline (undated ones by article)
  docs/graph-html.png     a screenshot of the interactive page of the whole graph
                          (the "mentioned in" filter unticked)
  docs/graph-ego.png      a screenshot of the interactive ego page of one actor,
                          with that actor searched for and its evidence panel open

The matplotlib figures come from kgraph.views.figures (Agg canvas). The pages are built
with the project's own `KnowledgeGraph.save` (graph.html) and kgraph.views.html
(the ego page), and photographed with Playwright driving Debian's chromium
(`apt-get install -y chromium`, `pip install playwright`; never `playwright install`).
`--no-browser` skips the two screenshots.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kgraph  # noqa: E402
from kgraph.views import figures as F  # noqa: E402
from kgraph.views.html import write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run"]
EGO = "حسن رشاد"  # Hassan Rashad, head of Egypt's General Intelligence Service
DPI = 110


def save(fig, path: Path) -> None:
    fig.savefig(path, dpi=DPI, facecolor="white")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def screenshot(page_file: Path, png: Path, chromium: str, search: str | None = None,
               hide: tuple = (), size=(1500, 950)) -> None:
    """Open a kgraph page offline in headless chromium and photograph the viewport;
    untick the relation filters in `hide` first and, with `search`, type that name into
    the page's search box (which selects the actor and opens its evidence panel)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]},
                                    device_scale_factor=1)
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith("file:") else route.abort())
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function("window.kgraph && window.kgraph.network")
            for rel in hide:
                page.uncheck(f'.rel-filter[value="{rel}"]')
            page.evaluate("window.kgraph.network.fit({animation: false})")
            if search:
                page.fill("#search", search)
                page.press("#search", "Enter")
                page.evaluate("window.kgraph.network.fit({animation: false})")
            page.wait_for_timeout(400)
            page.screenshot(path=str(png))
            if errors:
                raise RuntimeError(f"{page_file.name}: page errors: {errors}")
        finally:
            browser.close()
    print(f"wrote {png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--ego", default=EGO, help="the actor of graph-ego.png (any alias)")
    ap.add_argument("--chromium", default=CHROMIUM)
    ap.add_argument("--no-browser", action="store_true", help="skip the two screenshots")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    kg = kgraph.build(str(args.corpus))
    print(f"{kg} from {args.corpus} in {time.perf_counter() - t0:.1f} s")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    save(F.centrality_bar(kg, top=15), out / "centrality.png")
    save(F.met_drawing(kg), out / "who-met-whom.png")
    save(F.demand_heatmap(kg), out / "demand-matrix.png")
    save(F.meetings_timeline(kg), out / "timeline.png")
    if args.no_browser:
        return 0
    if not Path(args.chromium).exists():
        print(f"no chromium at {args.chromium}: apt-get install -y chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        kg.save(tmp / "build")  # the same graph.html `kgraph build corpus -o DIR` writes
        screenshot(tmp / "build" / "graph.html", out / "graph-html.png", args.chromium,
                   hide=("mention",))  # article-mention edges clutter the picture
        write_html(kg.G, tmp / "ego.html", focus=args.ego, hops=2,
                   title=f"kgraph · {args.ego}")
        screenshot(tmp / "ego.html", out / "graph-ego.png", args.chromium, search=args.ego)
    print(f"done in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
