"""The command line: exit codes, one-line errors, help everywhere, JSON on stdout."""
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kgraph import __version__
from kgraph.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def runner():
    return CliRunner()


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


def test_cli_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("path, cmd", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_cli_every_command_has_help_and_is_in_readme(runner, path, cmd):
    result = runner.invoke(main, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and cmd.get_short_help_str()
    assert f"kgraph {' '.join(path)}" in README.read_text(encoding="utf-8")


def test_cli_actors_json_on_a_small_corpus(runner, tmp_path):
    (tmp_path / "a.txt").write_text(
        "التقى وزير الخارجية المصري نظيره القطري في الدوحة، وطالبت حركة حماس بوقف إطلاق النار.",
        encoding="utf-8")
    result = runner.invoke(main, ["actors", str(tmp_path), "--json", "--ner", "lexicon"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by_type = {r["type"] for r in rows}
    assert {"STATE", "ORG"} <= by_type
    assert all(r["mentions"] >= 1 and r["aliases"] for r in rows)
    assert "LOCATION" not in by_type  # places only with --all


def test_cli_extract_writes_one_record_per_article(runner, tmp_path):
    for i, text in enumerate(["استقبل الرئيس المصري وفدا من حركة حماس في القاهرة.",
                              "رفضت إسرائيل الانسحاب من قطاع غزة."]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "x.jsonl"
    result = runner.invoke(main, ["extract", str(tmp_path), "-o", str(out), "--ner", "lexicon", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article"] for r in records] == ["0.txt", "1.txt"]
    for r in records:
        text = (tmp_path / r["article"]).read_text(encoding="utf-8")
        for e in r["entities"]:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["surface"]


@pytest.mark.parametrize("args, pattern", [
    (["actors", "{tmp}/missing"], r"^Error: .*missing: no such file or directory$"),
    (["actors", "{tmp}/bad.txt"], r"^Error: .*bad\.txt: not UTF-8 text"),
    (["extract", "{tmp}/doc.pdf", "-o", "{tmp}/x.jsonl"], r"^Error: .*doc\.pdf: unsupported file type"),
])
def test_cli_bad_input_is_one_error_line_exit_1(runner, tmp_path, args, pattern):
    (tmp_path / "bad.txt").write_bytes("نص".encode("cp1256"))
    (tmp_path / "doc.pdf").write_bytes(b"%PDF")
    result = runner.invoke(main, [a.format(tmp=tmp_path) for a in args] + ["--ner", "lexicon"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and re.match(pattern, lines[0]), result.output


def test_cli_extract_keeps_earlier_output_on_error(runner, tmp_path):
    out = tmp_path / "x.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    result = runner.invoke(main, ["extract", str(tmp_path / "bad.txt"), "-o", str(out), "--ner", "lexicon"])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "earlier results\n"


def test_cli_usage_error_exits_2(runner):
    result = runner.invoke(main, ["actors", "corpus", "--ner", "nonsense"])
    assert result.exit_code == 2
