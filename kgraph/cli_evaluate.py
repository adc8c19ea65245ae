"""`kgraph evaluate`: extraction scored against gold annotations (see kgraph.evaluate)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .evaluate import evaluate as run_evaluation
from .evaluate import format_table, load_gold
from .pipeline import NER_CHOICES, extract_corpus
from .records import to_record

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.command("evaluate", context_settings=CONTEXT)
@click.argument("corpus", nargs=-1, type=click.Path())
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False),
              help="Directory of <article>.gold.json files.")
@click.option("--bank", type=click.Path(file_okay=False),
              help="Score the relation bank of this folder instead (drawn.jsonl, annotated-*.jsonl; lexicon NER).")
@click.option("--shared", type=click.Path(file_okay=False), default="../shared", show_default=True,
              help="With --bank: the folder holding the SaudiNewsNet corpus and eval/score.py.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@click.option("--ner", type=click.Choice(NER_CHOICES), default="auto", show_default=True,
              help="Who finds the actors (as for `kgraph extract`).")
@click.option("--stanza-model", type=click.Path(exists=True, dir_okay=False),
              help="A local Stanza NER model file (.pt) for --ner stanza/hybrid.")
@click.option("--only-scored", is_flag=True,
              help="Leave out gold articles the corpus does not hold (by default they count as "
                   "articles with nothing extracted, as the referee counts them).")
@click.option("--no-articles", is_flag=True, help="Only the overall figures, no per-article rows.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or notices.")
def evaluate(corpus, gold_dir, bank, shared, as_json, ner, stanza_model, only_scored, no_articles, quiet):
    """Precision, recall and F1 of actors, meeting pairs and demand pairs, and stance accuracy.

    The corpus is extracted as `kgraph extract` does, and each record is scored against the
    gold file of its article (matched by file name), per article and overall (micro-averaged).

    \b
    Examples:
      kgraph evaluate corpus/ --gold ../shared/eval/dev
      kgraph evaluate corpus/ --gold ../shared/eval/dev --json | jq .meetings
      kgraph evaluate --bank tests/data/relation_bank --shared ../shared
    """
    if bank:
        return _bank(Path(bank), Path(shared), as_json)
    if not corpus or not gold_dir:
        raise click.UsageError("give a CORPUS and --gold (or --bank)")
    gold = load_gold(gold_dir)
    notices = None if (quiet or as_json) else (lambda msg: click.echo(f"kgraph: {msg}", err=True))
    extractions = extract_corpus(list(corpus), ner=ner, progress=not (quiet or as_json),
                                 stanza_model=stanza_model, notices=notices)
    result = run_evaluation([to_record(x) for x in extractions], gold, only_scored=only_scored)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(format_table(result, per_article=not no_articles))


def _bank(bank: Path, shared: Path, as_json: bool) -> None:
    """The relation bank's report (kgraph.bank); exit 1 when a record cannot be scored."""
    from .bank import CORPUS, format_report, score_bank

    if not (bank / "drawn.jsonl").exists() or not (shared / CORPUS).exists():
        raise click.UsageError(f"--bank needs {bank / 'drawn.jsonl'} and {shared / CORPUS}")
    result = score_bank(bank, shared)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))
    if result["problems"]:
        raise SystemExit(1)
