"""Click groups for models: `kgraph ner train|score` and `kgraph models download|status|build`.

Thin wrappers over kgraph.ner_train, kgraph.model_build and kgraph.models; mounted by kgraph.cli as
`main.add_command(ner_group, "ner")` and `main.add_command(models_group, "models")`.
Library errors (KgraphError) become click.ClickException: `Error: ...`, exit 1.
"""
from __future__ import annotations

import json
import os
import re
import sys

import click

from kgraph.cli_graph import reports_errors

DEFAULT_BUILD_STEPS = 1400
DEFAULT_BUILD_LR = 0.002
_PROGRESS = re.compile(r"step \d+|dev_score|Best dev|Training ended")


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def format_scores(scores: dict) -> str:
    """A plain-text table of `score_ner` results: overall and per type, in percent."""
    rows = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for typ, s in sorted(scores["per_type"].items()):
        rows.append(f"{typ:<8} {_pct(s['precision']):>6} {_pct(s['recall']):>6} "
                    f"{_pct(s['f1']):>6} {s['support']:>6} {s['predicted']:>6}")
    rows.append(f"{'all':<8} {_pct(scores['precision']):>6} {_pct(scores['recall']):>6} "
                f"{_pct(scores['f1']):>6} {scores['support']:>6} {scores['predicted']:>6}")
    return "\n".join(rows)


@click.group("ner", context_settings={"help_option_names": ["-h", "--help"]})
def ner_group():
    """Train and score Stanza NER models on BIO files."""


@ner_group.command("train")
@click.option("--train", "train_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Training BIO file: `TOKEN TAG` lines, blank line between sentences.")
@click.option("--dev", "dev_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Dev BIO file, used to keep the best model (never the test file).")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Model file to write (MODEL.pt; MODEL.pretrain.pt and MODEL.json go beside it).")
@click.option("--pretrain", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Stanza word-vector pretrain (.pt) to use; default: word2vec on the training tokens.")
@click.option("--steps", type=click.IntRange(min=1), default=1500, show_default=True,
              help="Training steps (batches).")
@click.option("--word-dim", type=click.IntRange(min=1), default=100, show_default=True,
              help="Dimension of the word2vec vectors built when no --pretrain is given.")
@click.option("--seed", type=int, default=1234, show_default=True, help="Random seed.")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Torch CPU threads (default: torch's; 1 is fastest on a busy machine).")
@click.option("--force", is_flag=True, help="Overwrite an existing model file.")
@click.option("--quiet/--progress", default=None,
              help="Hide or show training progress on stderr (default: shown on a terminal).")
@reports_errors
def train_cmd(train_file, dev_file, output, pretrain, steps, word_dim, seed, threads, force,
              quiet):
    """Train a Stanza NER model (no character LM) on BIO files.

    Prints the model path, dev precision/recall/F1 and the training time.

    \b
    Example:
      kgraph ner train --train train.txt --dev dev.txt -o models/ner.pt --steps 1500
    """
    from kgraph.ner_train import train_ner_model

    if os.path.exists(output) and not force:
        raise click.ClickException(f"{output} exists; pass --force to overwrite it")
    show = sys.stderr.isatty() if quiet is None else not quiet
    progress = None
    if show:
        def progress(line: str) -> None:
            if _PROGRESS.search(line):
                click.echo(line, err=True)
    result = train_ner_model(train_file, dev_file, output, pretrain_path=pretrain,
                             max_steps=steps, word_dim=word_dim, seed=seed, threads=threads,
                             progress=progress)
    click.echo(f"model: {result.path}\npretrain: {result.pretrain_path}\n"
               f"dev: P {_pct(result.dev_precision).strip()} R {_pct(result.dev_recall).strip()} "
               f"F1 {_pct(result.dev_f1).strip()}\nseconds: {result.seconds:.0f}")


@ner_group.command("score")
@click.option("--model", "model", required=True, type=click.Path(exists=True, dir_okay=False),
              help="NER model file (MODEL.pt, with MODEL.pretrain.pt beside it).")
@click.option("--test", "test_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="BIO file to score on.")
@click.option("--pretrain", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Pretrain file, when it is not beside the model.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@reports_errors
def score_cmd(model, test_file, pretrain, as_json):
    """Score a NER model on a BIO file: entity-level precision, recall and F1.

    \b
    Example:
      kgraph ner score --model models/ner.pt --test test.txt
      kgraph ner score --model models/ner.pt --test test.txt --json | jq .f1
    """
    from kgraph.ner_train import score_ner

    scores = score_ner(model, test_file, pretrain_path=pretrain)
    if as_json:
        click.echo(json.dumps(scores, indent=1, sort_keys=True))
    else:
        click.echo(format_scores(scores))


@click.group("models", context_settings={"help_option_names": ["-h", "--help"]})
def models_group():
    """Install and inspect the Stanza models kgraph uses."""


@models_group.command("download")
@click.option("--dir", "resources_dir", type=click.Path(file_okay=False), default=None,
              help="Stanza resources directory (default: $STANZA_RESOURCES_DIR or Stanza's).")
@reports_errors
def download_cmd(resources_dir):
    """Download the official Stanza Arabic models (tokenize, mwt, ner).

    Needs network access; prints the directory they were installed in.

    \b
    Example:
      kgraph models download
      STANZA_RESOURCES_DIR=/data/stanza kgraph models download
    """
    from kgraph.models import download_official

    click.echo(f"Stanza Arabic models installed in {download_official(resources_dir)}")


@models_group.command("status")
@click.option("--dir", "resources_dir", type=click.Path(file_okay=False), default=None,
              help="Stanza resources directory (default: $STANZA_RESOURCES_DIR or Stanza's).")
def status_cmd(resources_dir):
    """Say whether the official Stanza Arabic models are installed (exit 1 if not).

    \b
    Example:
      kgraph models status
    """
    from kgraph.models import official_installed, stanza_resources_dir

    where = stanza_resources_dir(resources_dir)
    if official_installed(where):
        click.echo(f"installed: {where}")
    else:
        click.echo(f"not installed: {where} (run `kgraph models download`)")
        click.get_current_context().exit(1)


@models_group.command("build")
@click.option("--news", required=True, type=click.Path(exists=True, dir_okay=False),
              help="News corpus for the word vectors: JSON lines (.jsonl or .jsonl.gz) with `text`.")
@click.option("--anercorp", required=True, type=click.Path(exists=True, file_okay=False),
              help="ANERcorp folder with ANERCorp_CamelStyle_train.txt and _test.txt.")
@click.option("--aqmar", required=True, type=click.Path(exists=True, file_okay=False),
              help="AQMAR folder with its 28 annotated .txt files.")
@click.option("-o", "--output", "output", default="models/ner-news", show_default=True,
              type=click.Path(file_okay=False),
              help="Folder to build in: model.pt, model.pretrain.pt, model.json, LICENSES.md, data/.")
@click.option("--steps", type=click.IntRange(min=1), default=DEFAULT_BUILD_STEPS, show_default=True,
              help="Training steps (batches of 32 sentences).")
@click.option("--dim", type=click.IntRange(min=2), default=100, show_default=True,
              help="Dimension of the word2vec vectors.")
@click.option("--lr", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_BUILD_LR,
              show_default=True, help="Adam learning rate.")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True,
              help="Torch CPU threads for training, and word2vec workers.")
@click.option("--force", is_flag=True, help="Rebuild over an existing model in the output folder.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@reports_errors
def build_cmd(news, anercorp, aqmar, output, steps, dim, lr, threads, force, quiet):
    """Build the local Stanza NER model from a news corpus, ANERcorp and AQMAR.

    Word2vec vectors on the news corpus, tokenised as kgraph tokenises at run time;
    a NER model trained on ANERcorp train and AQMAR train (dev: the end of ANERcorp
    train and AQMAR dev); scores on ANERcorp test and AQMAR test, printed and kept in
    OUTPUT/model.json with the data's paths, sha256 and licences (also in
    OUTPUT/LICENSES.md). Use the model with `--ner stanza --stanza-model OUTPUT/model.pt`.

    \b
    Example:
      kgraph models build --news articles.jsonl.gz --anercorp data/anercorp \\
        --aqmar data/aqmar -o models/ner-news
    """
    from kgraph.model_build import build_ner_model

    def progress(line: str) -> None:
        click.echo(line, err=True)

    def train_progress(line: str) -> None:
        if _PROGRESS.search(line):
            click.echo("      " + line, err=True)

    info = build_ner_model(news, anercorp, aqmar, output, steps=steps, dim=dim, threads=threads,
                           force=force, progress=None if quiet else progress,
                           train_progress=None if quiet else train_progress,
                           train_options={"lr": lr})
    model = os.path.join(os.path.abspath(output), "model.pt")
    click.echo(f"model: {model}")
    for name, title in (("anercorp", "ANERcorp test"), ("aqmar", "AQMAR test")):
        click.echo(f"\n{title}:\n{format_scores(info['test'][name])}")
    secs = info["stage_seconds"]
    click.echo("\nseconds: " + ", ".join(f"{k} {v:.0f}" for k, v in secs.items()))
