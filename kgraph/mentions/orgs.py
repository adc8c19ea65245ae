"""Organisations: a dictionary organisation and those its name contains, a state's organisation
("وزارة الخارجية التركية"), and organisations the dictionary lacks: after an organisation noun
("حزب <name>"، "صحيفة «<name>»"), in a list ("قبائل الحساونة والربائع"), inside a role phrase
("رئيس حزب التوحيد العربي <name>").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..dictionary import ACTOR, CAPITAL, DEMONYM, HONORIFIC, NON_ACTOR, ORG_HEAD, STATE_REF, TITLE
from ..normalize import clitic_analyses, drop_article, fold, fold_with_offsets
from ..types import LOCATION, ORG, STATE, Mention
from .context import MAX_NAME_WORDS, MentionContext, composed_key
from .match import Item
from .names import name_words
from .resolve import PHRASE, UNKNOWN_ORG, Candidate

_MAX_ORG_WORDS = 6  # words of an unknown organisation's name inside a role phrase
_MAX_LIST = 8  # tokens of a list of organisations after its noun
_QUOTES = "«»\"“”'()"
_LINK_WORDS = frozenset({"في", "عن", "لدى"})


def actor_phrase(ctx: MentionContext, it: Item, typ: str) -> tuple[str, int, tuple[Mention, ...]]:
    """A dictionary actor, and the organisations its name contains; returns its key, token end
    and mentions. A word joined by a hyphen names a branch, another organisation:
    "الحركة الشعبية لتحرير السودان-شمال"."""
    doc = ctx.doc
    if typ == ORG and it.end + 1 < len(doc) and doc[it.end].text == "-" \
            and not doc[it.end - 1].whitespace_ and not doc[it.end].whitespace_ \
            and doc[it.end + 1].is_alpha:
        key = composed_key("org", ctx.surface(it.start, it.end + 2))
        return key, it.end + 2, (ctx.mention(it.start, it.end + 2, ORG, key, source="org-name-rule"),)
    found = [ctx.mention(it.start, it.end, typ, it.key)]
    if typ == ORG and it.end - it.start > 1:
        found += [ctx.mention(inner.start, inner.end, ORG, inner.key)
                  for inner in ctx.lexicon.inner_orgs(doc, it)]
    return it.key, it.end, tuple(found)


def state_org(ctx: MentionContext, head: Item, demonym: Item) -> tuple[str, Mention]:
    """"وزارة الخارجية التركية": the state's organisation, known or composed; its key and mention."""
    org = ctx.dictionary.org_by_head.get((demonym.key, head.key)) or f"{demonym.key}_{head.key}"
    return org, ctx.mention(head.start, demonym.end, ORG, org, source="org-rule", of=demonym.key)


def read_state_org(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """An organisation noun with a state's demonym: "وزارة الخارجية التركية", "قوات الأمن
    السورية"; "شركة فرنسية" is any French company, "الشركة الفرنسية" one."""
    it = ctx.item_at.get(i)
    if not (it and it.label == ORG_HEAD):
        return None
    nxt = ctx.item_at.get(it.end)
    if nxt and nxt.label == ACTOR and ctx.actor_type(nxt.key) == STATE and ctx.words[nxt.start].startswith("ال"):
        # a state name that is also its adjective: "قوات الأمن السورية" (سورية = Syria)
        nxt = Item(nxt.start, nxt.end, DEMONYM, nxt.key)
    if it.key in ctx.dictionary.definite_org_heads and not ctx.words[i].startswith("ال"):
        return None
    if not (nxt and nxt.label == DEMONYM and ctx.actor_type(nxt.key) == STATE):
        return None
    _, mention = state_org(ctx, it, nxt)
    return Candidate(*ctx.claim(i, nxt.end), "state-org", PHRASE, (mention,))


def read_unknown_org(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """An organisation the dictionary lacks, after an organisation noun: "حزب <name>",
    "صحيفة «<name>»", or a list of them after its noun."""
    if ctx.words[i] in ctx.dictionary.org_list_heads:
        end, found = _org_list(ctx, i)
    elif (read := _named_org(ctx, i)) is not None:
        end, found = read
    else:
        return None
    # a dictionary phrase that opens it (an organisation noun, a non-actor noun) is read with it
    it = ctx.item_at.get(i)
    return Candidate(*ctx.claim(i, max(end, it.end if it else i + 1)), "unknown-org", UNKNOWN_ORG, found)


def _institution_head(ctx: MentionContext, i: int) -> tuple[int, bool] | None:
    """An institution noun at token i: the characters of clitics before the word as the mention
    keeps it ("للجنة": 1; "للمجلس" read ل + المجلس: 2, the article written in لل is left out as
    everywhere), and whether it carries the article; None if it is none."""
    heads = ctx.dictionary.institution_heads
    word = ctx.words[i]
    for n, stem in clitic_analyses(ctx.doc[i].text):
        if drop_article(stem) in heads:
            merged = stem.startswith("ال") and word[n:].startswith("لل")
            return (n + 2 if merged else n), stem.startswith("ال")
    return None


def _goes_on(ctx: MentionContext, k: int) -> bool:
    """Does the definite word at token k go on an institution's name after its first word:
    a nisba adjective, a listed adjective, or a noun joined by و ("والقروية"، "والطعون")?"""
    word = ctx.words[k]
    return (word.startswith("وال") or word.endswith(("ي", "يه", "يين", "يون", "يات"))
            or word in ctx.dictionary.institution_adjectives)


def _definite_word(text: str) -> bool:
    """A word written with the article, alone or after و ("والقروية"; not "وآلية")."""
    return text.startswith("ال") or (text.startswith("وال") and len(text) > 4)


def read_institution(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A body named by what it does: an institution noun and the definite words after it
    ("وزارة الموارد المائية والزراعية"، "لجنة التظلمات والشكاوى"، "هيئة التلفزيون الكندية"). A
    dictionary phrase after it ends the name ("لجنة الدفاع في مجلس الأمن": two bodies;
    "اللجنة المتحدث الرسمي": a title). With the article the noun needs two words or a nationality
    after it: "اللجنة التنفيذية" is any committee, and after a definite noun it is an adjective
    ("الشؤون الزراعية")."""
    d = ctx.dictionary
    head = _institution_head(ctx, i)
    if head is None:
        return None
    clitics, definite = head
    if definite and i > 0 and _definite_word(ctx.doc[i - 1].text) and not ctx.is_punct(i - 1):
        return None
    end = i + 1
    eponym = ctx.item_at.get(end)
    if eponym is not None and eponym.label in (TITLE, HONORIFIC) \
            and (named := name_words(ctx, eponym.end)) > eponym.end:
        end = named  # named after a person: "جامعة الأمير <name>"، "مستشفى الملك <name> التخصصي"
    first = end
    while end < len(ctx.doc) and end - i <= _MAX_ORG_WORDS + first - i - 1:
        word = ctx.words[end]
        it = ctx.item_at.get(end)
        if (not ctx.doc[end].is_alpha or not _definite_word(ctx.doc[end].text) or word in d.institution_stops
                or word in ctx.lexicon.stops or (it is not None and it.label not in (DEMONYM, ORG_HEAD))
                or (end > first or first > i + 1) and not _goes_on(ctx, end)):
            break
        end += 1
    nationality = [it for it in ctx.items if i < it.start and it.end <= end and it.label == DEMONYM
                   and ctx.actor_type(it.key) == STATE]
    if end - i < (3 if definite and not nationality else 2):
        return None
    whole = ctx.item_at.get(i)
    if whole is not None and whole.end == end and whole.label == ORG_HEAD:
        return None  # "وزارة الخارجية": whose, the state-organisation rule says or nobody
    tok = ctx.doc[i]
    _, offsets = fold_with_offsets(tok.text)
    start = tok.idx + offsets[clitics]
    stop = ctx.doc[end - 1].idx + len(ctx.doc[end - 1].text)
    name = ctx.article.text[start:stop]
    found = [Mention(ctx.article.id, start, stop, name, ORG, "institution-rule", key=composed_key("org", name))]
    # a nationality inside the name is the state's too ("هيئة التلفزيون الكندية")
    found += [ctx.mention(it.start, it.end, STATE, it.key) for it in nationality]
    return Candidate(*ctx.claim(i, end), "institution", UNKNOWN_ORG, tuple(found))


def _named_org(ctx: MentionContext, i: int) -> tuple[int, tuple[Mention, ...]] | None:
    """"حزب <name>"، "صحيفة «<name>»": the token end and mentions, or None."""
    d = ctx.dictionary
    doc = ctx.doc
    word = ctx.words[i]
    # the noun itself, or after ل/ب ("لقناة «<name>»"), never after و (a list goes on)
    heads = (d.org_name_heads, d.quoted_org_heads)
    stem = word if word[:1] not in "لب" or any(word in h for h in heads) else word[1:]
    if stem not in d.org_name_heads and stem not in d.quoted_org_heads:
        return None
    k = i + 1
    quoted = k < len(doc) and doc[k].text in _QUOTES
    if not quoted and stem not in d.org_name_heads:
        return None  # "موقع الانفجار" is a place; "موقع «<name>»" a website
    if quoted:
        close = k + 1
        while close < len(doc) and close - k <= MAX_NAME_WORDS and doc[close].text not in _QUOTES:
            close += 1
        if not (close < len(doc) and doc[close].text in _QUOTES and close > k + 1):
            return None
        known = ctx.item_at.get(k + 1)
        if known and known.label == ACTOR and known.end == close and ctx.actor_type(known.key) == ORG:
            return close + 1, actor_phrase(ctx, known, ORG)[2]  # "صحيفة «هآرتس»": the name the dictionary knows
        name = ctx.surface(k + 1, close)
        return close + 1, (ctx.mention(k + 1, close, ORG, composed_key("org", name), source="org-name-rule"),)
    end = k
    while end < len(doc) and end - k < MAX_NAME_WORDS and ctx.name_word(end) \
            and ctx.words[end] not in d.speech_verbs:
        word = ctx.words[end]
        if end > k and (word[:1] == "و" or word.startswith(("لل", "بال", "كال"))
                        or word[:1] in "يت" and len(word) >= 4 and not word.endswith(("ي", "يه"))):
            break  # a conjunction, a prepositional phrase or a verb ends the name
        end += 1
    if end == k or not ctx.words[k].startswith("ال") and end - k < 1:
        return None
    start, stop = ctx.span(i, place_after(ctx, end) or end)
    org = ctx.mention(i, end, ORG, composed_key("org", ctx.article.text[start:stop]), source="org-name-rule")
    if stop > ctx.keys[end - 1].end:  # the name goes on with its place: "... في جبل عامل"
        org = replace(org, end=stop, surface=ctx.article.text[start:stop])
    return end, (org,)  # the place is read on its own too


def _org_list(ctx: MentionContext, i: int) -> tuple[int, tuple[Mention, ...]]:
    """"قبائل الحساونة والربائع": one organisation per listed name (one word each); the token
    end and mentions."""
    found = []
    k = i + 1
    while k < len(ctx.doc) and k - i <= _MAX_LIST:
        if ctx.is_punct(k):
            k += 1
            continue
        tok = ctx.doc[k]
        word = ctx.words[k]
        if k in ctx.covered or not tok.is_alpha or word in ctx.lexicon.stops:
            break
        skip = 1 if k > i + 1 and word[:1] == "و" else 0
        if k > i + 1 and not skip and not ctx.is_punct(k - 1):
            break  # names after the first are joined by و or a comma
        _, offsets = fold_with_offsets(tok.text)
        start = tok.idx + offsets[skip]
        name = ctx.article.text[start:tok.idx + len(tok.text)]
        if fold(name) in ctx.lexicon.stops or len(fold(name)) < 3:
            break
        found.append(Mention(ctx.article.id, start, tok.idx + len(tok.text), name, ORG,
                             "org-list-rule", key=composed_key("org", name)))
        k += 1
    return max(k, i + 1), tuple(found)


def place_after(ctx: MentionContext, k: int) -> int | None:
    """Token end of "في <place>" at token k: a known country or capital, or a place noun
    and one word ("في جبل عامل"); None if there is none."""
    if k + 1 >= len(ctx.doc) or ctx.words[k] != "في":
        return None
    it = ctx.item_at.get(k + 1)
    if it and (it.label == CAPITAL or it.label == ACTOR and ctx.actor_type(it.key) == STATE):
        return it.end
    if ctx.words[k + 1] in ctx.dictionary.place_nouns and k + 2 < len(ctx.doc) and (
            ctx.name_word(k + 2) or (it := ctx.item_at.get(k + 2)) and it.label == CAPITAL):
        return (it.end if it and it.start == k + 2 else k + 3)
    return None


def org_in_title(ctx: MentionContext, i: int, demonym: Item | None) -> tuple[str, int, Mention] | None:
    """A title that ends inside an organisation's name ("رئيس المخابرات" + "المصرية"):
    the organisation the tail of the title (and the demonym) name; returns (organisation key,
    token end, its mention)."""
    title = ctx.item_at[i]
    if title.end - title.start < 2:
        return None
    ends = [title.end]
    if demonym is not None and demonym.label == DEMONYM:
        ends.insert(0, demonym.end)
    for end in ends:
        for cut in range(title.start + 1, title.end):
            words = [ctx.doc[k].norm_ for k in range(cut, end)]
            org = ctx.dictionary.alias_keys.get(" ".join(words))
            if org and ctx.actor_type(org) == ORG:
                return org, end, ctx.mention(cut, end, ORG, org)
    return None


def _is_body_head(ctx: MentionContext, k: int) -> bool:
    word = ctx.words[k]
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    return word in ctx.dictionary.org_name_heads or word in ctx.dictionary.org_body_heads


def org_after_title(ctx: MentionContext, i: int, j: int) -> tuple[str, int, tuple[Mention, ...]] | None:
    """An organisation the dictionary lacks, named inside a role phrase: "رئيس حزب
    التوحيد العربي اللبناني <name>", "عضو لجنة العلاقات الخارجية في حزب الكتائب <name>".

    The name runs over definite words (one construct noun may open it: "قيادة إقليم
    الجنوب"), then may link to a known organisation it belongs to (في، عن، لـ) and take a
    demonym. Returns (organisation key, token end, mentions) or None.
    """
    n = len(ctx.doc)
    title = ctx.item_at[i]
    if j + 1 < n and ctx.words[j] in _LINK_WORDS:
        parent = ctx.item_at.get(j + 1)
        if parent and parent.label == ACTOR and ctx.actor_type(parent.key) in (ORG, STATE):
            # "عضو المكتب السياسي في حركة <X>": the post belongs to the named organisation
            return parent.key, parent.end, actor_phrase(ctx, parent, ctx.actor_type(parent.key))[2]
        j += 1  # "النائب عن تحالف <X> <name>"
    if title.end - title.start >= 2 and _is_body_head(ctx, j - 1):
        head, k = j - 1, j  # the title ends in the organisation noun: "رئيس حزب"
    elif j < n and _is_body_head(ctx, j) and (j not in ctx.covered or (
            (it := ctx.item_at.get(j)) and it.label in (STATE_REF, NON_ACTOR) and it.end == j + 1)):
        head, k = j, j + 1
    else:
        return None
    first = k
    indefinite = False  # inside a construct chain: "لصياغة مشروع الدستور"
    while k < n and k - first < _MAX_ORG_WORDS and ctx.doc[k].is_alpha:
        if k in ctx.covered:
            inner = ctx.item_at.get(k)
            if inner is None or inner.label not in (STATE_REF, ORG_HEAD, NON_ACTOR):
                break
            k = inner.end  # a known word inside the name: "هيئة الرئاسة"
            continue
        word = ctx.words[k]
        if word in ctx.lexicon.stops or word in ctx.dictionary.speech_verbs:
            break
        definite = word.startswith("ال")
        opens_construct = (k == first or indefinite) and k + 1 < n and ctx.words[k + 1].startswith("ال")
        genitive = word[:1] == "ل" and len(word) >= 5  # "لتحرير"، "لصياغة"، "للحركة"
        if not (definite or opens_construct or genitive):
            break
        indefinite = not definite
        k += 1
    if k == first:
        return None
    name_end = end = k
    parent = None
    link = ctx.item_at.get(k + 1) if k < n and ctx.words[k] in _LINK_WORDS else None
    if link is None and (it := ctx.item_at.get(k)) and ctx.keys[k].prefix in ("ل", "ب"):
        link = it
    place = None
    if link and link.label == ACTOR and ctx.actor_type(link.key) == ORG:
        parent = link
        name_end = end = link.end
    elif (place_end := place_after(ctx, k)) is not None:
        # "رئيس المنتدى الديمقراطي الحر في الأردن <name>": the place is part of the name
        place = ctx.item_at.get(k + 1)
        name_end = end = place_end
    found = []
    if (it := ctx.item_at.get(end)) and it.label == DEMONYM:
        found.append(ctx.mention(it.start, it.end, ctx.actor_type(it.key), it.key))
        end = it.end
    org = composed_key("org", ctx.surface(head, name_end))
    found.append(ctx.mention(head, end, ORG, org, source="org-name-rule"))
    if parent is not None:
        found += actor_phrase(ctx, parent, ORG)[2]
    if place is not None and place.start == k + 1:
        found.append(ctx.mention(place.start, place.end, LOCATION, place.key))  # a venue, as after any في
    return org, end, tuple(found)
