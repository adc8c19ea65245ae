"""Dates: explicit Arabic dates, the article's own date (a dateline), relative days.

>>> find_date("التقى الوزيران في 6 سبتمبر 2025 بالقاهرة")
'2025-09-06'
>>> find_date("عقد الاجتماع أمس الثلاثاء", anchor="2015-08-10")
'2015-08-09'
>>> find_date("عقد الاجتماع أمس الثلاثاء") is None
True
>>> dateline_date("باريس – فرنسا- 6 سبتمبر 2025\\nنص الخبر")
'2025-09-06'

Month names, the words a date may hold (من، شهر، عام) and the relative days (أمس، اليوم) are
read from `kgraph/data/date_words.jsonl`, folded when loaded.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..dictionary import read_jsonl
from ..normalize import fold

DATE_WORDS = "date_words.jsonl"
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LETTER = "[\u0621-\u064a]"


@dataclass(frozen=True)
class _DateGrammar:
    months: dict[str, int]  # folded month name -> month number
    date: re.Pattern  # day, month, optional year
    days: tuple[tuple[re.Pattern, int], ...]  # a relative day word and its offset, in file order


def _one_of(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def _word_before(words) -> str:
    """An optional word of `words` and the white space after it."""
    return "(?:" + _one_of(words) + r"\s+)?"


@cache
def _grammar() -> _DateGrammar:
    months: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    days = []
    for row in read_jsonl(_DATA_DIR / DATE_WORDS):
        label, w = row["label"], fold(row["pattern"])
        if label == "MONTH":
            months[w] = int(row["month"])
        elif label == "DAY":
            clitics = _one_of(fold(c) for c in row["proclitics"]) + "?" if row.get("proclitics") else ""
            phrase = r"\s+".join(re.escape(x) for x in w.split())
            days.append((re.compile(f"(?<!{_LETTER}){clitics}{phrase}(?!{_LETTER})"), int(row["days"])))
        else:
            words.setdefault(label, []).append(w)
    # a longer name first, so that مايو is not read as ماي
    month = _one_of(sorted(months, key=len, reverse=True))
    date = re.compile(
        r"(?<!\d)(\d{1,2})\s*" + _word_before(words["OF"]) + _word_before(words["MONTH_WORD"])
        + "(" + month + f")(?!{_LETTER})"
        + r"(?:\s*[/(]\s*" + month + r"\s*\)?)?"
        + r"(?:\s*" + _word_before(words["OF"]) + _word_before(words["YEAR_WORD"]) + r"(\d{4}))?")
    return _DateGrammar(months, date, tuple(days))


def _norm(text: str) -> str:
    return fold(text).translate(_DIGITS)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def explicit_dates(text: str, year: int | None = None) -> list[str]:
    """Every explicit day-month(-year) date in `text`, as ISO strings; a date without a
    year takes `year` (or is skipped when no year is known)."""
    out = []
    g = _grammar()
    for m in g.date.finditer(_norm(text)):
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            continue
        iso = _iso(y, g.months[m.group(2)], int(m.group(1)))
        if iso:
            out.append(iso)
    return out


def dateline_date(text: str, lines: int = 3) -> str | None:
    """The date of a dateline among the first lines of an article ("باريس – 6 سبتمبر 2025")."""
    head = [ln for ln in text.splitlines() if ln.strip()][:lines]
    for ln in head:
        if len(ln) > 160:
            continue
        found = [d for d in explicit_dates(ln) if d]
        full = [m for m in _grammar().date.finditer(_norm(ln)) if m.group(3)]
        if found and full:
            return found[0]
    return None


def article_date(article, text: str) -> str | None:
    """The article's date: its `date` field when it is ISO, else a dateline date."""
    if getattr(article, "date", None):
        m = _ISO.search(str(article.date))
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                return iso
    return dateline_date(text)


def find_date(text: str, anchor: str | None = None) -> str | None:
    """The date a sentence gives: an explicit date, else اليوم/أمس against `anchor`."""
    year = int(anchor[:4]) if anchor else None
    found = explicit_dates(text, year)
    if found:
        return found[0]
    if not anchor:
        return None
    t = _norm(text)
    for day, offset in _grammar().days:
        if day.search(t):
            return (dt.date.fromisoformat(anchor) + dt.timedelta(days=offset)).isoformat()
    return None
