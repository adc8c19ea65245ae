"""Click commands over a built graph, mounted on the main group from GRAPH_COMMANDS.

Each command is a thin wrapper over kgraph.graph / exports / queries / views. Data goes
to stdout (text, or JSON with --json); progress goes to stderr; library errors become
one `Error: ...` line and exit status 1.
"""
from __future__ import annotations

import functools
import inspect
import json
import sys

import click

from kgraph.errors import KgraphError

VIAS = ("any", "meetings")


def reports_errors(f):
    """Turn kgraph's own errors into click.ClickException (`Error: ...`, exit 1)."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgraphError as e:
            raise click.ClickException(str(e)) from e
    return wrapper


def graph_option(f):
    """--graph OUTDIR: a directory written by `kgraph build`."""
    return click.option("--graph", "graph_dir", required=True, metavar="OUTDIR",
                        type=click.Path(file_okay=False),
                        help="A directory written by `kgraph build`.")(f)


def json_option(f):
    """--json: print JSON on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(f)


def echo_json(value) -> None:
    """Print a value as JSON (UTF-8 kept) on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=1))


def _load(graph_dir):
    from kgraph.api import load
    return load(graph_dir)


def _show(value) -> str:
    return "" if value is None else str(value)


# ---------------------------------------------------------------- build

def build_summary(G, written, outdir) -> dict:
    """What a build produced: counts per kind and actor type, and the files written."""
    from kgraph.exports import graph_counts
    types: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        if d.get("kind") == "actor":
            types[d.get("type", "?")] = types.get(d.get("type", "?"), 0) + 1
    return {"outdir": str(outdir), "counts": graph_counts(G),
            "actor_types": dict(sorted(types.items())),
            "files": [p.name for p in written]}


@click.command("build")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--out", "outdir", required=True, type=click.Path(file_okay=False),
              help="Output directory.")
@click.option("--force", is_flag=True, help="Overwrite a different build in OUTDIR.")
@click.option("--ner", default="auto", show_default=True, help="NER used by the extraction.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@json_option
@reports_errors
def build(corpus, outdir, force, ner, quiet, as_json):
    """Build the knowledge graph of a corpus and write every format into OUTDIR.

    \b
    Example:
      kgraph build corpus/*.txt -o out
      kgraph build corpus/ -o out --force --json | jq .counts
    """
    from tqdm import tqdm

    from kgraph.exports import FILES, check_outdir, write_all
    from kgraph.graph import build_graph
    from kgraph.pipeline import extract_corpus

    check_outdir(outdir, None, force)  # fail before the slow part
    kw = {}
    if "notices" in inspect.signature(extract_corpus).parameters and not quiet:
        kw["notices"] = lambda line: click.echo(line, err=True)
    xs = extract_corpus(list(corpus), ner=ner, progress=not quiet, **kw)
    G = build_graph(xs)
    with tqdm(total=len(FILES), desc="writing", unit="file", file=sys.stderr, leave=False,
              disable=True if quiet else None) as bar:
        written = write_all(G, outdir, xs, force=force, on_file=lambda name: bar.update(1))
    summary = build_summary(G, written, outdir)
    if as_json:
        echo_json(summary)
    elif not quiet:
        c = summary["counts"]
        kinds = ", ".join(f"{n} {t.lower()}" for t, n in summary["actor_types"].items())
        click.echo(f"{outdir}: {c.get('actor', 0)} actors ({kinds}), "
                   f"{c.get('meeting', 0)} meetings ({c.get('meeting_held', 0)} held), "
                   f"{c.get('demand', 0)} demands, {c.get('article', 0)} articles; "
                   f"wrote {len(written)} files")


# ---------------------------------------------------------------- html

@click.command("html")
@graph_option
@click.option("--focus", metavar="ACTOR", help="Show only the neighbourhood of ACTOR.")
@click.option("--hops", type=click.IntRange(1, 10), default=1, show_default=True,
              help="Radius of the --focus neighbourhood.")
@click.option("--view", type=click.Choice(["whole", "met"]), default="whole",
              show_default=True, help="The whole graph or who met whom.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@reports_errors
def html(graph_dir, focus, hops, view, output):
    """Write an interactive, standalone HTML view of a built graph.

    \b
    Example:
      kgraph html --graph out --view met -o met.html
      kgraph html --graph out --focus "السيسي" --hops 2 -o sisi.html
    """
    from kgraph.views.html import write_html
    write_html(_load(graph_dir).G, output, view=view, focus=focus, hops=hops)
    click.echo(output)


# ---------------------------------------------------------------- questions

@click.command("path")
@click.argument("a")
@click.argument("b")
@graph_option
@click.option("--max-hops", type=click.IntRange(1, 12), default=4, show_default=True)
@click.option("--via", type=click.Choice(VIAS), default="any", show_default=True,
              help="Any relation, or only meetings that were held.")
@json_option
@reports_errors
def path(a, b, graph_dir, max_hops, via, as_json):
    """How two actors are connected, each hop with its evidence.

    \b
    Example:
      kgraph path "حماس" "قطر" --graph out --via meetings
    """
    paths = _load(graph_dir).path(a, b, max_hops=max_hops, via=via)
    if as_json:
        return echo_json(paths)
    if not paths:
        click.echo(f"no path within {max_hops} hops")
    for i, hops in enumerate(paths, 1):
        click.echo(f"{i}. " + " — ".join([hops[0]["from_name"]] + [h["to_name"] for h in hops]))
        for h in hops:
            for r in h["relations"]:
                arrow = f"{h['from_name']} → {h['to_name']}" if r["from"] == h["from"] \
                    else f"{h['to_name']} → {h['from_name']}"
                click.echo(f"   {r['kind']}: {arrow}")
                for ev in r.get("evidence", [])[:1]:
                    click.echo(f"      [{ev['article']}] {ev['sentence']}")


@click.command("who-met")
@click.argument("actor")
@graph_option
@json_option
@reports_errors
def who_met(actor, graph_dir, as_json):
    """Everyone an actor met (held meetings only), with date, place and the sentence.

    \b
    Example:
      kgraph who-met "السيسي" --graph out --json
    """
    rows = _load(graph_dir).who_met(actor)
    if as_json:
        return echo_json(rows)
    for r in rows:
        click.echo("\t".join(_show(v) for v in (r["date"], r["name"], r["mode"], r["place"],
                                                  r["role"], r["article"], r["sentence"])))


@click.command("demands")
@click.option("--actor", metavar="ACTOR")
@click.option("--topic", metavar="TOPIC")
@click.option("--stance", type=click.Choice(["demand", "reject"]))
@click.option("--matrix", is_flag=True, help="Actor x topic counts instead of rows.")
@graph_option
@json_option
@reports_errors
def demands(actor, topic, stance, matrix, graph_dir, as_json):
    """Who demands or rejects what, each with its sentence.

    \b
    Example:
      kgraph demands --actor "حماس" --graph out
      kgraph demands --matrix --graph out
    """
    kg = _load(graph_dir)
    if matrix:
        from kgraph.queries import demand_matrix
        acts, tops, counts = demand_matrix(kg.G, stance=stance)
        if as_json:
            return echo_json({"actors": acts, "topics": tops, "counts": counts})
        click.echo("\t".join(["actor", *tops]))
        for a, row in zip(acts, counts, strict=True):
            click.echo("\t".join([a, *map(str, row)]))
        return
    rows = kg.demands(actor=actor, topic=topic, stance=stance)
    if as_json:
        return echo_json(rows)
    for r in rows:
        click.echo("\t".join(_show(v) for v in (r["actor_name"], r["stance"], r["topic_name"],
                                                  r["target_name"], r["date"], r["article"],
                                                  r["sentence"])))


@click.command("neighbors")
@click.argument("actor")
@graph_option
@json_option
@reports_errors
def neighbors(actor, graph_dir, as_json):
    """The relations of an actor: meetings, demands, affiliations.

    \b
    Example:
      kgraph neighbors "مصر" --graph out
    """
    rows = _load(graph_dir).neighbors(actor)
    if as_json:
        return echo_json(rows)
    for r in rows:
        click.echo("\t".join(_show(v) for v in (r["relation"], r["direction"], r["node"],
                                                  r["name"], r["role"], r["evidence"])))


def graph_actors(outdir) -> list[dict]:
    """The actors of a built graph, most mentioned first (for `kgraph actors --graph`)."""
    return _load(outdir).actors()


def echo_actors(rows: list[dict], as_json: bool = False) -> None:
    """Print `graph_actors` rows: JSON, or one tab-separated line per actor."""
    if as_json:
        return echo_json(rows)
    for r in rows:
        click.echo("\t".join(_show(v) for v in (r["id"], r["name"], r["label_en"], r["type"],
                                                  r["mentions"], r["articles"], r["meetings"])))


GRAPH_COMMANDS = [build, html, path, who_met, demands, neighbors]
