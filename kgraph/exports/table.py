"""Typed columns for the CSV and Neo4j tables: one column per attribute name.

A column's type is the one scalar type of its values ("str", "int", "float", "bool"),
or "json" when values are lists, dicts, of mixed types, or strings that a plain cell
would lose ("", which reads as missing; a lone CR, which csv does not quote); json
cells hold canonical JSON text. Tables meant for spreadsheets neutralise formulas (`encode`).
"""
from __future__ import annotations

import json

from kgraph.exports.flatten import dumps, scalar_type

_NAMES = {str: "str", int: "int", float: "float", bool: "bool"}


def column_types(records: list[dict], skip=()) -> dict[str, str]:
    """Column name -> type name for the attributes of `records`, sorted by name."""
    values: dict[str, list] = {}
    for r in records:
        for k, v in r.items():
            if k not in skip and v is not None:
                values.setdefault(k, []).append(v)
    return {k: "json" if any(v == "" or (isinstance(v, str) and "\r" in v) for v in vs)
            else _NAMES.get(scalar_type(vs), "json") for k, vs in sorted(values.items())}


# A text cell a spreadsheet would run as a formula starts with one of these (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def encode(value, typ: str, neutralise: bool = False) -> str:
    """The cell text of a value in a column of type `typ`.

    With `neutralise`, a text or JSON cell that a spreadsheet would read as a formula
    ("=HYPERLINK(...)", from an article) is written after a single quote, which spreadsheets
    show as text; a cell that already starts with a quote gets one more, so `decode` gives
    every value back exactly.
    """
    if value is None:
        return ""
    if typ == "json":
        cell = dumps(value)
    elif typ == "bool":
        return "true" if value else "false"
    else:
        cell = str(value)
    if neutralise and typ in ("str", "json") and cell.startswith(FORMULA_START + (QUOTE,)):
        cell = QUOTE + cell
    return cell


def decode(cell: str, typ: str, neutralised: bool = False):
    """The value of a cell (None for an empty cell); `neutralised` undoes `encode`'s quote."""
    if cell == "":
        return None
    if neutralised and typ in ("str", "json") and cell.startswith(QUOTE):
        cell = cell[1:]
    return {"json": json.loads, "int": int, "float": float,
            "bool": lambda c: c == "true"}.get(typ, str)(cell)
