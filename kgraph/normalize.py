"""Arabic match keys. Pure str -> str functions; the article text is never rewritten.

Folding is 1:1 per kept character (alef forms, alef maqsura, teh marbuta), and marks
(diacritics, tatweel) are dropped with a map back to original offsets, so every match
on a key can be turned into exact character offsets of the original text.

>>> fold("أَمْرِيكَا")
'امريكا'
>>> fold("القـــاهرة")
'القاهره'
>>> word_key("وبالقاهرة")
'وبالقاهره'
>>> clitic_analyses("وبالقاهرة")
[(0, 'وبالقاهره'), (1, 'بالقاهره'), (2, 'القاهره')]
>>> clitic_analyses("للقوات")
[(0, 'للقوات'), (0, 'القوات'), (1, 'لقوات')]
>>> proclitic_splits("وللقوات")
[('', 'وللقوات'), ('و', 'للقوات'), ('ول', 'القوات'), ('ول', 'لقوات')]
>>> strip_article("للقوات")
'قوات'
"""
from __future__ import annotations

import re

# Harakat, Quranic marks, superscript alef and tatweel: dropped from keys.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                       "ؤ": "ؤ", "ئ": "ئ", "\u06cc": "ي", "\u06a9": "ك"})
_PUNCT = "«»\"'()[]{}،,.:؛;!?؟-–—/\\“”‘’…"

# Proclitics that can precede a word: a conjunction, then a preposition.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


def is_mark(ch: str) -> bool:
    """True for a character that keys drop (diacritic or tatweel)."""
    return bool(_MARKS.match(ch))


def fold(text: str) -> str:
    """Drop marks and fold letter variants: the match form of any string."""
    return _MARKS.sub("", text).translate(_FOLD)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return (folded, offsets): folded[i] came from text[offsets[i]].

    offsets has one extra final entry, len(text), so a folded span [a, b) maps back
    to text[offsets[a]:offsets[b-1] + 1].
    """
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if is_mark(ch):
            continue
        chars.append(ch.translate(_FOLD))
        offsets.append(i)
    offsets.append(len(text))
    return "".join(chars), offsets


def strip_article(word: str, clitic_longer_than: int = 5) -> str:
    """Remove the definite article (and a clitic before it) from one folded word.

    لل+ becomes ال+ first, as in للقوات -> القوات -> قوات. A clitic is removed only from a
    word longer than `clitic_longer_than`: by default where at least three letters follow its
    article, so names like كالين or فالح stay whole (the referee's normal form uses 3).
    """
    w = word
    if len(w) > clitic_longer_than and w[0] in "وف" and w[1:3] == "ال":
        w = w[1:]
    if len(w) > clitic_longer_than and w[0] in "بلك" and w[1:3] == "ال":
        w = w[1:]
    if len(w) > 4 and w.startswith("لل"):
        w = "ال" + w[2:]
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


def drop_article(stem: str) -> str:
    """A stem without its article ال, when a word of two letters or more is left."""
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem


def word_key(word: str) -> str:
    """The folded form of one word, with punctuation trimmed."""
    return fold(word).strip(_PUNCT)


def proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Every way to read a word as proclitics + stem, the whole word first: [(prefix, stem)].

    The one reader of proclitics in kgraph. `prefix` is what is read off: a conjunction و/ف,
    then a preposition ب/ل/ك; the stem keeps its article and has two letters or more. ل
    before the article is written لل, so a word starting with لل (after a conjunction or
    not) also reads as ل + the stem with its article restored ("للقوات" -> ل + القوات, then
    ل + لقوات); `stem != word[len(prefix):]` tells that reading. The letters are compared as
    given: pass a folded word, or raw text whose clitic letters stand at its start.
    """
    out = [("", word)]
    heads = [("", word)]
    if word[:1] in CONJUNCTIONS and len(word) > 2:
        heads.append((word[0], word[1:]))
        out.append(heads[-1])
    for conj, rest in heads:
        if rest.startswith("لل") and len(rest) > 3:
            out.append((conj + "ل", "ال" + rest[2:]))
        if rest[:1] in PREPOSITIONS and len(rest) > 2:
            out.append((conj + rest[0], rest[1:]))
    return out


def clitic_analyses(word: str) -> list[tuple[int, str]]:
    """Every way to read a word as proclitics + stem: [(prefix_length, stem)].

    `word` is a raw token; prefix_length counts folded characters of the clitics.
    The stem keeps its article, so "وبالقاهرة" reads as و+ب+القاهرة. لل is ل + ال:
    the stem is given as "ال..." with the ل kept in the surface (prefix_length 0 for
    "للقوات", so the surface keeps the word whole), where three letters follow لل. The
    whole word is always the first analysis; a stem is given once.
    """
    w = word_key(word)
    out = [(0, w)]
    seen = {w}
    for prefix, stem in proclitic_splits(w)[1:]:
        n = len(prefix)
        if stem != w[n:]:  # ل + the article, written لل
            n -= 1
            if len(w) - n <= 4:
                continue
        if stem not in seen:
            seen.add(stem)
            out.append((n, stem))
    return out


def key(text: str) -> str:
    """The match key of a phrase: folded words without the article, space-joined.

    >>> key("الولايات المتحدة الأمريكية")
    'ولايات متحده امريكيه'
    >>> key("الجامعة العربية والأمم المتحدة")
    'جامعه عربيه امم متحده'
    """
    words = []
    for w in fold(text).split():
        w = strip_article(w.strip(_PUNCT))
        if w:
            words.append(w)
    return " ".join(words)


def phrase_words(text: str) -> list[str]:
    """The per-word keys of a dictionary phrase (article removed from each word)."""
    return key(text).split()
