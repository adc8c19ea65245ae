"""Dates: explicit Arabic dates, the article's own date (a dateline), relative days.

>>> find_date("التقى الوزيران في 6 سبتمبر 2025 بالقاهرة")
'2025-09-06'
>>> find_date("عقد الاجتماع أمس الثلاثاء", anchor="2015-08-10")
'2015-08-09'
>>> find_date("عقد الاجتماع أمس الثلاثاء") is None
True
>>> dateline_date("باريس – فرنسا- 6 سبتمبر 2025\\nنص الخبر")
'2025-09-06'
"""
from __future__ import annotations

import datetime as dt
import re

from ..normalize import fold

_MONTHS = {
    # Gregorian names used in Egypt and the Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi names
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Maghrebi names
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "جويلية": 7, "اوت": 8,
}
_MONTH_RE = "|".join(sorted((fold(m) for m in _MONTHS), key=len, reverse=True))
_MONTH_NUM = {fold(k): v for k, v in _MONTHS.items()}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(" + _MONTH_RE + r")(?![\u0621-\u064a])"
    r"(?:\s*[/(]\s*(?:" + _MONTH_RE + r")\s*\)?)?"
    r"(?:\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YESTERDAY = re.compile(r"(?<![\u0621-\u064a])(?:ب|و)?امس(?![\u0621-\u064a])")
_BEFORE_YESTERDAY = re.compile(r"(?<![\u0621-\u064a])(?:ب|و)?امس\s+الاول(?![\u0621-\u064a])")
_TODAY = re.compile(r"(?<![\u0621-\u064a])(?:و)?اليوم(?![\u0621-\u064a])")


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
    for m in _DATE.finditer(_norm(text)):
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            continue
        iso = _iso(y, _MONTH_NUM[m.group(2)], int(m.group(1)))
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
        full = [m for m in _DATE.finditer(_norm(ln)) if m.group(3)]
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
    base = dt.date.fromisoformat(anchor)
    if _BEFORE_YESTERDAY.search(t):
        return (base - dt.timedelta(days=2)).isoformat()
    if _YESTERDAY.search(t):
        return (base - dt.timedelta(days=1)).isoformat()
    if _TODAY.search(t):
        return base.isoformat()
    return None
