"""The command line: one click group, each command a thin wrapper over a library function.

Library errors (KgraphError) become one `Error: ...` line and exit status 1, in one
place (`KgraphGroup.invoke`); usage errors exit 2. stdout carries data; notices and
progress go to stderr.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

import click

from . import __version__
from .errors import KgraphError
from .pipeline import NER_CHOICES, extract_corpus

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KgraphGroup(click.Group):
    """A click group that reports kgraph's own errors as one line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgraphError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=KgraphGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kgraph")
def main():
    """kgraph: Arabic diplomatic news -> a knowledge graph of who met whom and who demands what.

    \b
    Examples:
      kgraph build corpus/ -o out/          # the main job: graph.html and exports
      kgraph actors corpus/ --json          # actors found, with types and aliases
      kgraph extract corpus/ -o x.jsonl     # one record per article
    """


def ner_options(f):
    """The options shared by every command that runs extraction."""
    f = click.option("--stanza-model", type=click.Path(exists=True, dir_okay=False),
                     help="A local Stanza NER model file (.pt) for --ner stanza/hybrid.")(f)
    f = click.option("--ner", type=click.Choice(NER_CHOICES), default="auto", show_default=True,
                     help="Who finds the actors: the embedded dictionary (lexicon), Stanza, "
                          "both (hybrid), or auto (Stanza when a model is installed).")(f)
    f = click.option("-q", "--quiet", is_flag=True, help="No progress bar or notices.")(f)
    return f


def _notice(quiet):
    return None if quiet else (lambda msg: click.echo(f"kgraph: {msg}", err=True))


def run_extraction(corpus, ner, stanza_model, quiet):
    """Extract every article of the corpus paths, reporting notices on stderr."""
    return extract_corpus(list(corpus), ner=ner, progress=not quiet, stanza_model=stanza_model,
                          notices=_notice(quiet))


def actor_table(extractions) -> list[dict]:
    """Actors over a corpus: id, name, type, aliases, mention and article counts."""
    table: dict[str, dict] = {}
    for x in extractions:
        for e in x.entities:
            row = table.setdefault(e.id, {"id": e.id, "name": e.name, "type": e.type,
                                          "label_en": e.label_en, "aliases": [], "mentions": 0,
                                          "articles": []})
            row["aliases"].extend(a for a in e.aliases if a not in row["aliases"])
            row["mentions"] += len(e.mentions)
            row["articles"].append(x.article.id)
    return sorted(table.values(), key=lambda r: (-r["mentions"], r["id"]))


@main.command(context_settings=CONTEXT)
@click.argument("corpus", nargs=-1, type=click.Path())
@ner_options
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False),
              help="Read the actors of a built graph instead of extracting a corpus.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array) instead of a table.")
@click.option("--all", "all_types", is_flag=True, help="Include LOCATION entities.")
def actors(corpus, ner, stanza_model, quiet, graph_dir, as_json, all_types):
    """List the actors of a corpus (or of a built graph) with type, aliases and mention counts.

    \b
    Examples:
      kgraph actors corpus/
      kgraph actors corpus/ --json | jq '.[0]'
      kgraph actors --graph out/
    """
    if graph_dir:
        from .cli_graph import echo_actors, graph_actors
        echo_actors(graph_actors(graph_dir), as_json)
        return
    if not corpus:
        raise click.UsageError("give a CORPUS path or --graph OUTDIR")
    rows = actor_table(run_extraction(corpus, ner, stanza_model, quiet or as_json))
    if not all_types:
        rows = [r for r in rows if r["type"] != "LOCATION"]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    counts = Counter(r["type"] for r in rows)
    for r in rows:
        aliases = "، ".join(a for a in r["aliases"] if a != r["name"])
        click.echo(f"{r['type']:8s} {r['mentions']:4d}  {r['name']}"
                   + (f"  ({r['label_en']})" if r["label_en"] else "")
                   + (f"  — {aliases}" if aliases else ""))
    if not quiet:
        click.echo(", ".join(f"{n} {t}" for t, n in sorted(counts.items())), err=True)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The JSON-lines file to write (atomically).")
@ner_options
def extract(corpus, output, ner, stanza_model, quiet):
    """Extract actors, meetings and demands: one JSON record per article.

    The records follow the referee's format (../shared/eval/score.py) plus kgraph's own
    fields (ids, offsets, evidence, the rule or model behind each record).

    \b
    Example:
      kgraph extract corpus/ -o x.jsonl
      python3 ../shared/eval/score.py --gold ../shared/eval/dev --system x.jsonl
    """
    from .records import dumps_records, write_atomic
    extractions = run_extraction(corpus, ner, stanza_model, quiet)
    write_atomic(output, dumps_records(extractions))
    if not quiet:
        click.echo(f"kgraph: {len(extractions)} articles -> {output}", err=True)


def _mount() -> None:
    """Mount the commands that live in their own modules (one module per concern)."""
    from .cli_evaluate import evaluate
    from .cli_graph import GRAPH_COMMANDS
    from .cli_models import models_group, ner_group
    main.add_command(ner_group, "ner")
    main.add_command(models_group, "models")
    for cmd in GRAPH_COMMANDS:
        main.add_command(cmd)
    main.add_command(evaluate)


_mount()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
