"""The demanded thing: where it starts and ends, its condition, and the items of a list in it.

All functions take token indexes and return token ranges [a, b): the thing starts after the
cue and its arguments (a leading preposition skipped) and runs to the end of the clause; a
condition inside it ("X مقابل Y") and a refusal's "until" ("رفض X قبل Y") are split off; a
list ("فتح المعابر، إدخال المساعدات، ووقف استهداف المدنيين") gives one item per topic.
"""
from __future__ import annotations

from .args import STRONG_PUNCT
from .demand_words import DemandDoc, is_word, key, phrase_at, sent_range

THING_MAX = 24  # tokens
_COMMAS = ("،", ",")
_LIST_MARKS = ("،", ",", "؛", ";")
Range = tuple[int, int]


def thing_from(doc: DemandDoc, i: int, limit: int | None = None) -> Range:
    """The demanded thing starting at token i (leading prepositions and marks skipped)."""
    ctx = doc.ctx
    _, sb = sent_range(doc, i)
    end = min(sb, i + THING_MAX) if limit is None else limit
    while i < end and (ctx.tokens[i].is_punct or is_word(doc, i, "THING_LEAD")):
        i += 1
    j = i
    while j < end:
        t = ctx.tokens[j]
        if t.is_punct and t.text in STRONG_PUNCT | {":"}:
            break
        if t.text in _COMMAS and j + 1 < end and (is_word(doc, j + 1, "CLAUSE_AFTER_COMMA")
                                                 or doc.words.has(j + 1, "RELATIVE")):
            break
        if j > i and doc.words.has(j, "RELATIVE") and j + 1 < end \
                and is_word(doc, j - 1, "RELATIVE_ANTECEDENT"):
            break
        if j > i and doc.words.has(j, "CLAUSE") and not doc.words.has(j, "STOP"):
            break
        if j > i and doc.words.has(j, "REPORT") and (
                doc.wc.starts(key(doc, j), "REPORT_PARTICIPLE")
                or any(ctx.tokens[x].is_punct for x in range(max(i, j - 2), j))):
            break
        j += 1
    while j > i and ctx.tokens[j - 1].is_punct:
        j -= 1
    return i, j


def trim_end(doc: DemandDoc, a: int, end: int) -> int:
    while end > a and doc.ctx.tokens[end - 1].is_punct:
        end -= 1
    return end


def split_condition(doc: DemandDoc, a: int, b: int) -> tuple[Range, Range | None]:
    """"X مقابل Y"، "X شريطة Y": the thing X and its condition Y."""
    for k in range(a + 1, b):
        if is_word(doc, k, "CONDITION_SPLIT"):
            return (a, trim_end(doc, a, k)), (k + 1, b)
    return (a, b), None


def split_until(doc: DemandDoc, a: int, b: int) -> tuple[Range, Range | None]:
    """A refusal "X قبل Y"، "X حتى Y"، "X إلا بعد Y"، "X ما لم Y": the refused X and the demanded Y."""
    for k in range(a + 1, b):
        if is_word(doc, k, "EVEN_UNTIL") and is_word(doc, k - 1, "EVEN"):
            continue  # "ولو حتى": even
        n = phrase_at(doc, k, "UNTIL", 2)
        if n and k + n <= b:
            return (a, k), (k + n, b)
    return (a, b), None


def is_not_thing(doc: DemandDoc, a: int, b: int) -> bool:
    """A thing that is no demand: "عدم الكشف عن هويته"، "التعليق"، an invitation to visit."""
    found = doc.not_thing.find(doc.ctx.tokens[a:min(b, a + 8)])
    return any(f.start <= 1 or f.get("anywhere") for f in found)


def items(doc: DemandDoc, a: int, b: int) -> list[Range]:
    """A list in the thing: "فتح المعابر، إدخال المساعدات، ووقف استهداف المدنيين".

    Cuts at commas only between short items that each name a topic, at additive words
    ("بل أيضا"، "فضلا عن") and before "و" + a word of another topic.
    """
    ctx, topics = doc.ctx, doc.topics
    article = tuple(doc.wc.of("ARTICLE"))
    cuts = [a]
    for k in range(a + 1, b):
        t = ctx.tokens[k]
        if t.text in _LIST_MARKS:
            cuts.append(k + 1)
        elif is_word(doc, k, "ITEM_BREAK") or is_word(doc, k, "ITEM_INTRO"):
            cuts.append(k + 1 if is_word(doc, k, "ITEM_INTRO") else k)
        elif is_word(doc, k, "ITEM_LINK"):
            mine = topics.topic(ctx.tokens[k + 1:min(b, k + 4)])
            so_far = topics.topic(ctx.tokens[cuts[-1]:k])
            if mine is not None and so_far is not None and so_far != mine:
                cuts.append(k + 1)
        elif t.key[:1] in doc.wc.of("AND") and len(t.key) > 3:
            mine = topics.topic(ctx.tokens[k:min(b, k + 4)])
            so_far = topics.topic(ctx.tokens[cuts[-1]:k])
            if mine is not None and topics.starts_with(ctx.tokens[k:min(b, k + 4)], mine):
                if so_far is not None and so_far != mine:
                    cuts.append(k)
            elif so_far is None and k - cuts[-1] >= 2 and not t.key[1:].startswith(article) and \
                    topics.topic(ctx.tokens[k:min(b, k + 8)]) is not None:
                cuts.append(k)  # "إخضاع إسرائيل ...، واتخاذ التدابير لوقف العدوان"
    cuts.append(b)
    out = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        while x < y and (ctx.tokens[x].is_punct or is_word(doc, x, "ITEM_BREAK")
                         or is_word(doc, x, "ITEM_INTRO")):
            x += 1
        y = trim_end(doc, x, y)
        if y > x:
            out.append((x, y))
    # a comma list: keep the items only while they are short and name a topic
    keep = out[:1]
    for x, y in out[1:]:
        if y - x > 8 or topics.topic(ctx.tokens[x:y]) is None:
            break
        keep.append((x, y))
    return keep or [(a, b)]


def antecedent_topic(doc: DemandDoc, i: int) -> str | None:
    """"..., الأمر الذي يتعين الوقوف عنده": the topic of the clause the cue at i refers back to."""
    sa, _ = sent_range(doc, i)
    for k in range(i - 1, max(sa, i - 4) - 1, -1):
        if is_word(doc, k, "ANTECEDENT") or (doc.words.has(k, "RELATIVE") and k > sa
                                              and is_word(doc, k - 1, "ANTECEDENT_NOUN")):
            start = k if is_word(doc, k, "ANTECEDENT_NOUN") else k - 1
            return doc.topics.topic_anywhere(doc.ctx.tokens[max(sa, start - 30):start])
    return None


def topic_of(doc: DemandDoc, a: int, b: int) -> str:
    return doc.topics.topic(doc.ctx.tokens[a:b]) or "other"
