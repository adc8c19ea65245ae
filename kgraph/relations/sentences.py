"""Sentence splitting with exact offsets: a pure function of the text.

A sentence ends at a line break (so headlines, bullets and table rows stay sentences of
their own) and after a full stop, question or exclamation mark (Latin or Arabic: . ! ? ؟ ۔ …)
that is followed by white space or the end of the line. Closing quotes and brackets right
after the mark stay with the sentence. A full stop between digits (3.5) or a dot run inside
a line ("..") followed by more text is kept inside. Spans are trimmed of white space, so
`text[start:end]` never begins or ends with a space, and empty lines give no span.

>>> text = "عنوان الخبر\\nالتقى الوزير نظيره. وبحثا الأزمة؟ نعم\\n"
>>> [text[s:e] for s, e in split_sentences(text)]
['عنوان الخبر', 'التقى الوزير نظيره.', 'وبحثا الأزمة؟', 'نعم']
"""
from __future__ import annotations

_ENDERS = ".!?؟۔…"
_CLOSERS = "»\"'”’)]}"
_SPACE = " \t\r\f\v\u00a0\u200f\u200e\u202a\u202b\u202c\u2009\u200a\u200b"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _SPACE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _SPACE or text[end - 1].isspace()):
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, in order."""
    spans: list[tuple[int, int]] = []

    def add(s: int, e: int) -> None:
        s, e = _trim(text, s, e)
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            spans.append((s, e))

    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            add(start, i)
            start = i + 1
            i += 1
            continue
        if ch in _ENDERS:
            j = i + 1
            while j < n and text[j] in _ENDERS:
                j += 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            # a decimal point or an abbreviation dot glued to the next word stays inside
            if j >= n or text[j] == "\n" or text[j] in _SPACE or text[j].isspace():
                if not (ch == "." and j == i + 1 and i > 0 and text[i - 1].isdigit()
                        and j < n and text[j:j + 1].isdigit()):
                    add(start, j)
                    start = j
            i = j
            continue
        i += 1
    add(start, n)
    return spans


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding character `offset` (-1 when none does)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid
        elif offset >= e:
            lo = mid + 1
        else:
            return mid
    return -1


def sentence_bounds(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding the characters [start, end), or of the run of
    sentences when they cross a boundary; (start, end) itself where no sentence holds them.

    >>> text = "جملة أولى. ثم جملة ثانية فيها مصر! وثالثة"
    >>> s, e = sentence_bounds(split_sentences(text), text.index("مصر"), text.index("مصر") + 3)
    >>> text[s:e]
    'ثم جملة ثانية فيها مصر!'
    """
    i, j = sentence_index(spans, start), sentence_index(spans, max(start, end - 1))
    return (spans[i][0] if i >= 0 else start), (spans[j][1] if j >= 0 else end)
