"""Every data file shipped in kgraph/data is loaded, and every field its records hold is read.

A field is read when its name is a string the code uses, other than a docstring or the key
of a dict it builds: `row["priority"]`, `row.get("priority")`, `"priority" in row`, or a
tuple of field names it looks up. The files directly in kgraph/data are read by the kgraph
package; kgraph/data/sources/ is read by scripts/build_actors.py, which writes actors.jsonl.
A field that only documents a record is listed in DOC_FIELDS with the reason. So a field
added to a data file fails here until some code reads it (or it is listed as documentation).
TO_BE_READ lists the fields shipped before this test whose rule still hard-codes what they
say; each entry goes once the rule reads the field (a test fails until it does).
"""
from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path

import pytest

import kgraph
from kgraph.dictionary import read_jsonl

PACKAGE = Path(kgraph.__file__).resolve().parent
DATA = PACKAGE / "data"
BUILD_SCRIPT = PACKAGE.parent / "scripts" / "build_actors.py"

# (file, field) -> why no code reads it
DOC_FIELDS = {
    ("sources/states.jsonl", "note"): "documentation only, not copied to actors.jsonl (data README)",
    ("sources/states.jsonl", "demonym_note"): "documentation only (data README)",
    ("sources/states.jsonl", "capital_note"): "documentation only (data README)",
    ("sources/orgs.jsonl", "note"): "documentation only, not copied to actors.jsonl (data README)",
    ("actors.jsonl", "iso"): "reference: the ISO code the build looked the CLDR names up by",
    ("actors.jsonl", "demonyms_to"): "reference: the build has already moved the demonyms to that actor",
    # posts[].title, .from and .to are reference too (the finer English post; the years of a
    # post, which no rule dates against the article), but "title", "from" and "to" are strings
    # the code uses for other things, so this test cannot tell them unread.
}

# (file, field) -> the rule that should read it instead of hard-coding it
TO_BE_READ: dict[tuple[str, str], str] = {}


def _data_files() -> list[Path]:
    files = [p for p in sorted(DATA.iterdir()) if p.suffix in (".jsonl", ".json", ".txt")]
    return files + sorted((DATA / "sources").glob("*.jsonl"))


def _name(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


def _readers(path: Path) -> list[Path]:
    """The code that reads a data file."""
    if path.parent.name == "sources":
        return [BUILD_SCRIPT]
    return sorted(PACKAGE.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


@cache
def _strings_read(py: Path) -> frozenset[str]:
    """The string constants of a module that are neither docstrings nor keys of a dict it builds."""
    tree = ast.parse(py.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
    return frozenset(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip)


def strings_read(path: Path) -> frozenset[str]:
    return frozenset().union(*(_strings_read(py) for py in _readers(path)))


def _keys(value, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            _keys(v, out)
    elif isinstance(value, list):
        for v in value:
            _keys(v, out)
    return out


def fields(path: Path) -> set[str]:
    """Every field name used in the records of a JSON or JSON-lines file, nested ones too."""
    if path.suffix == ".json":
        return _keys(json.loads(path.read_text(encoding="utf-8")), set())
    out: set[str] = set()
    for row in read_jsonl(path):
        _keys(row, out)
    return out


DATA_FILES = _data_files()
RECORD_FILES = [p for p in DATA_FILES if p.suffix in (".jsonl", ".json")]


def test_data_files_are_found():
    names = {_name(p) for p in DATA_FILES}
    assert {"actors.jsonl", "topics.jsonl", "venue_cues.txt", "sources/states.jsonl"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=_name)
def test_data_file_is_loaded_by_the_code(path):
    read = strings_read(path)
    assert path.name in read or path.stem in read, \
        f"no code names {_name(path)}: load it, or remove it from kgraph/data"


@pytest.mark.parametrize("path", RECORD_FILES, ids=_name)
def test_data_fields_are_read_by_the_code(path):
    read = strings_read(path)
    unread = sorted(f for f in fields(path) - read
                    if (_name(path), f) not in DOC_FIELDS and (_name(path), f) not in TO_BE_READ)
    assert not unread, (f"{_name(path)}: no code reads the field(s) {unread}; read them where the file "
                        "is loaded, drop them from the data, or list a documentation field in DOC_FIELDS")


@pytest.mark.parametrize("listed", [DOC_FIELDS, TO_BE_READ], ids=["DOC_FIELDS", "TO_BE_READ"])
def test_listed_fields_are_in_the_data_and_unread(listed):
    """An entry whose field left the data, or that the code now reads, leaves its list."""
    by_name = {_name(p): p for p in RECORD_FILES}
    stale = [k for k in listed if k[0] not in by_name or k[1] not in fields(by_name[k[0]])]
    assert not stale, f"entries for fields no data file holds: {stale}"
    read_now = [k for k in listed if k[1] in strings_read(by_name[k[0]])]
    assert not read_now, f"entries for fields the code reads: {read_now}"


def test_strings_read_skip_docstrings_and_built_dicts(tmp_path):
    py = tmp_path / "m.py"
    py.write_text('"""mentions priority"""\nOUT = {"built": 1}\n\ndef f(row):\n    return row.get("wanted")\n',
                  encoding="utf-8")
    assert _strings_read(py) == {"wanted"}
