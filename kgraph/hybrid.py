"""Hybrid NER: the dictionary's mentions, plus the model's mentions that survive what the
dictionary knows about the words around and inside them.

A statistical NER model finds names no dictionary lists (a new minister, a foreign party),
but on news it also tags titles ("وزير خارجية الفلبين"), honorifics ("السفير يوسف"),
demonyms and common words as names. Each model mention is therefore checked before it
becomes an actor:

- a span the dictionary knows as a whole (an alias, a capital) takes the dictionary's
  key and type ("المملكة" tagged LOC is still the state when the dictionary says so);
- leading titles, honorifics and state references are cut off a person ("السفير يوسف
  العتيبة" -> "يوسف العتيبة"), and a nationality adjective between them ("السفير الكيني");
- a person that still holds a title, an organisation head or a stop word is no name; a
  one-word person is kept only when a longer accepted name of the article holds the word
  or the dictionary puts a title or honorific right before it;
- an organisation must open with a noun that heads organisations in the dictionary
  (حزب، لجنة، هيئة), or be a name the dictionary knows;
- a place stays a LOCATION (never an actor) unless the dictionary knows it as a state.

The dictionary's mentions win every overlap, except that a model name which starts where
a rule-found person starts and runs on over name words completes it ("عبدالله بن
سعد" found by rule, "عبدالله بن سعد آل فلان" by the model).
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, replace

from .dictionary import CAPITAL, DEMONYM, HONORIFIC, NON_ACTOR, ORG_HEAD, STATE_REF, TITLE, Dictionary
from .normalize import CONJUNCTIONS, PREPOSITIONS, fold, key, phrase_words, proclitic_splits, word_key
from .types import LOCATION, ORG, PERSON, Article, Mention

SOURCE = "stanza"
# tanween (an indefinite noun or adjective: "ريادياً"), handles and Latin script: never in an Arabic name
_PRONOUN_ENDINGS = ("ها", "هم", "هما")  # pronoun suffixes no name ends in
_WORD = re.compile(r"\S+")
_APPOSITION = re.compile(r"^[\s،,]*$")
_NOT_IN_NAMES = re.compile("[\u064b-\u064d@A-Za-z]")
RULE_PERSON = "person:"  # the key prefix of a person the mention rules found by context
_MAX_PHRASE_WORDS = 4


@dataclass(frozen=True)
class Vocabulary:
    """What the dictionary knows about a phrase, by its match key (`normalize.key`)."""
    labels: dict[str, frozenset[str]]
    org_heads: frozenset[str]
    name_stops: frozenset[str]
    connectors: frozenset[str]
    speech_verbs: frozenset[str]
    compounds: frozenset[str]

    def has(self, phrase_key: str, *labels: str) -> bool:
        return bool(self.labels.get(phrase_key, frozenset()) & set(labels))


# id(dictionary) -> (a weak reference to it, its vocabulary); a Dictionary is not hashable
_VOCABULARIES: dict[int, tuple[weakref.ref, Vocabulary]] = {}


def vocabulary(d: Dictionary) -> Vocabulary:
    """The dictionary's phrases by match key, built once per dictionary."""
    cached = _VOCABULARIES.get(id(d))
    if cached is not None and cached[0]() is d:
        return cached[1]
    labels: dict[str, set[str]] = {}
    for p in d.phrases:
        if p.label != "ACTOR":
            labels.setdefault(key(p.text), set()).add(p.label)
    heads = {k for k, labs in labels.items() if ORG_HEAD in labs}
    heads |= {key(w) for w in d.org_name_heads | d.org_body_heads}
    voc = Vocabulary({k: frozenset(v) for k, v in labels.items()}, frozenset(heads),
                     frozenset(key(w) for w in d.name_stops), frozenset(word_key(w) for w in d.name_connectors),
                     frozenset(word_key(w) for w in d.speech_verbs), d.name_compounds)
    _VOCABULARIES[id(d)] = (weakref.ref(d), voc)
    return voc


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(w.start(), w.end()) for w in _WORD.finditer(text, start, end)]


def _phrase_at(voc: Vocabulary, keys: list[str], i: int, labels: tuple[str, ...], backwards=False) -> int:
    """How many words from word i (or ending at word i, `backwards`) form a phrase of `labels`."""
    for n in range(min(_MAX_PHRASE_WORDS, i + 1 if backwards else len(keys) - i), 0, -1):
        words = keys[i - n + 1:i + 1] if backwards else keys[i:i + n]
        if voc.has(" ".join(words), *labels):
            return n
    return 0


def _preposition_with_article(word: str) -> bool:
    """"للصحافيين"، "بالقاهرة": a preposition glued to a definite noun, where a name ends."""
    return any(set(prefix) & set(PREPOSITIONS) and stem.startswith("ال") and len(stem) > 4
               for prefix, stem in proclitic_splits(word)[1:])


def _ends_name(word: str, voc: Vocabulary, name_starts: frozenset[str]) -> bool:
    """A word a name never runs on over: a preposition glued to a definite noun (للصحافيين),
    a verb of saying (قال، طالب), and و/ف before the first word of another name (فجمال)."""
    w = fold(word)
    return (_preposition_with_article(w) or word_key(word) in voc.speech_verbs
            or (w[:1] in CONJUNCTIONS and key(w[1:]) in name_starts))


def _trim(m: Mention, text: str, voc: Vocabulary, name_starts: frozenset[str] = frozenset()) -> Mention | None:
    """Cut titles, honorifics and nationality adjectives off the front of a person, and the
    words from one that ends a name (`_ends_name`) to the end of any name."""
    words = _word_spans(text, m.start, m.end)
    keys = [key(text[s:e]) for s, e in words]
    a, b = 0, len(words)
    for n in range(1, b):
        if _ends_name(text[words[n][0]:words[n][1]], voc, name_starts) or (
                m.type == ORG and _phrase_at(voc, keys, n, (TITLE, HONORIFIC))):
            b = n  # an organisation ends where a person's title starts ("البلدية المهندس <name>")
            break
    if m.type == PERSON:
        # "السفير الكيني <name>": a nationality adjective stands between a title and the name
        while a < b and (n := _phrase_at(voc, keys, a, (TITLE, HONORIFIC, STATE_REF, NON_ACTOR, DEMONYM))):
            a += n
    if a >= b:
        return None
    if (a, b) == (0, len(words)):
        return m
    s, e = words[a][0], words[b - 1][1]
    return replace(m, start=s, end=e, surface=text[s:e])


def _title_before(text: str, start: int, voc: Vocabulary) -> bool:
    """Does a title or honorific of the dictionary end right before `start`?"""
    words = text[max(0, start - 60):start].split()[-_MAX_PHRASE_WORDS:]
    keys = [key(w) for w in words]
    return bool(keys) and bool(_phrase_at(voc, keys, len(keys) - 1, (TITLE, HONORIFIC), backwards=True))


def _is_name(m: Mention, voc: Vocabulary) -> bool:
    keys = [word_key(w) for w in m.surface.split()]
    folded = [key(w) for w in m.surface.split()]
    if any(k in voc.name_stops for k in keys + folded) or _NOT_IN_NAMES.search(m.surface):
        return False
    if keys[-1] in voc.connectors:  # "أبو" alone, "عاطف أبو": a name cut short
        return False
    if m.type == PERSON:
        # a word with a pronoun suffix is no part of a name ("ابن بلدهم"); a bare ه may be an ة
        # written so ("بشاره"), except before الله: "رحمه الله" is a prayer
        words = m.surface.split()
        suffixed = any(len(w) > 3 and (w.endswith(_PRONOUN_ENDINGS) or w.endswith("ه") and n + 1 < len(words)
                                       and word_key(words[n + 1]) in voc.compounds)
                       and not any(w.endswith(c) for c in voc.compounds)
                       for n, w in enumerate(words))
        return not suffixed and not any(_phrase_at(voc, folded, i, (TITLE, ORG_HEAD, STATE_REF, NON_ACTOR))
                                        for i in range(len(folded)))
    if m.type == ORG:
        # a head noun and a name after it; the noun alone ("حزب") is any party
        return len(folded) > 1 and (folded[0] in voc.org_heads or " ".join(folded[:2]) in voc.org_heads)
    return True


def _known(m: Mention, d: Dictionary, voc: Vocabulary) -> Mention | None:
    """The model's mention as the dictionary knows it: its actor or capital, else None."""
    k = key(m.surface)
    actor = d.alias_keys.get(k)
    if actor and d.actor(actor):
        return replace(m, key=actor, type=d.actor(actor)["type"])
    if voc.has(k, CAPITAL):
        return replace(m, type=LOCATION)
    return None


def vet_model_mentions(article: Article, model: list[Mention], d: Dictionary) -> list[Mention]:
    """The model's mentions that may become entities, trimmed and typed by the dictionary."""
    voc = vocabulary(d)
    text = article.text
    name_starts = frozenset(key(m.surface.split()[0]) for m in model if m.type == PERSON and m.surface.split())
    out: list[Mention] = []
    for m in model:
        known = _known(m, d, voc)
        if known is not None:
            out.append(known)
            continue
        trimmed = _trim(m, text, voc, name_starts)
        if trimmed is None:
            continue
        known = _known(trimmed, d, voc)
        if known is not None:
            out.append(known)
        elif _is_name(trimmed, voc):
            out.append(trimmed)
    # a one-word person is a word of a fuller name of the article ("دندن" of "سمير دندن"), or
    # stands after a title; persons are keyed like the mention rules' (RULE_PERSON + name words),
    # so a name both find is one entity
    fuller: dict[str, str] = {}
    for m in out:
        if m.type == PERSON and m.key is None and len(m.surface.split()) > 1:
            for w in map(key, m.surface.split()):
                fuller.setdefault(w, person_key(m.surface))
    vetted = []
    for m in out:
        if m.type != PERSON or m.key is not None:
            vetted.append(m)
        elif len(m.surface.split()) > 1 or (_title_before(text, m.start, voc)
                                             and not m.surface.startswith("ال")):
            # after a title a one-word name, not a definite adjective ("البطريرك الماروني")
            vetted.append(replace(m, key=person_key(m.surface)))
        elif key(m.surface) in fuller:
            vetted.append(replace(m, key=fuller[key(m.surface)]))
    return vetted


def person_key(name: str) -> str:
    """The key of a person no dictionary lists, from the words of the name (as the mention rules key it)."""
    return RULE_PERSON + "_".join(phrase_words(name))


def _completion(lexical: Mention, vetted: list[Mention], text: str) -> Mention | None:
    """A model name that starts where a rule-found person's name starts and runs on past it
    ("المهندس عبدالله بن سعد" by rule, "عبدالله بن سعد آل فلان" by the model)."""
    if lexical.type != PERSON or not (lexical.key or "").startswith(RULE_PERSON) or not lexical.person:
        return None
    if not lexical.surface.endswith(lexical.person):
        return None
    name_start = lexical.end - len(lexical.person)
    return next((m for m in vetted if m.type == PERSON and m.source == SOURCE and m.start == name_start
                 and m.end > lexical.end and not text[lexical.end:m.end].strip(" ").startswith(("،", ","))),
                None)


def _complete_names(article: Article, lexical: list[Mention], vetted: list[Mention]) -> list[Mention]:
    """Rule-found persons completed by the model's longer names, their keys renamed everywhere."""
    text = article.text
    renamed: dict[str, str] = {}
    out = []
    for lm in lexical:
        longer = _completion(lm, vetted, text)
        if longer is not None and not any(o is not lm and o.start < longer.end and o.end > lm.end
                                          for o in lexical):
            name = text[lm.end - len(lm.person):longer.end]
            renamed[lm.key] = person_key(name)
            lm = replace(lm, end=longer.end, surface=text[lm.start:longer.end], person=name,
                         source=f"{lm.source}+{SOURCE}")
        out.append(lm)
    return [replace(m, key=renamed[m.key]) if m.key in renamed else m for m in out]


def _apposed(gap: str, voc: Vocabulary) -> bool:
    """Nothing but a comma, or titles and honorifics, between a post and a name
    ("<post>، <name>"، "<post> المستشار <name>")."""
    if _APPOSITION.match(gap):
        return True
    keys = [key(w) for w in gap.replace("،", " ").replace(",", " ").split()]
    i = 0
    while i < len(keys) and (n := _phrase_at(voc, keys, i, (TITLE, HONORIFIC))):
        i += n
    return bool(keys) and i == len(keys)


def _holders(text: str, mentions: list[Mention], voc: Vocabulary) -> list[Mention]:
    """A post that names nobody ("وزير الخارجية الماليزي") and a model's name right before or
    after it, a comma or a title at most between ("<name> وزير الخارجية الماليزي قال"): the
    name holds it."""
    persons = [m for m in mentions if m.type == PERSON and m.source == SOURCE and m.key]
    out = []
    for m in mentions:
        if m.type == PERSON and m.role and m.key is None:
            holder = next((p for p in persons if p.end <= m.start and _apposed(text[p.end:m.start], voc)
                           or m.end <= p.start and _apposed(text[m.end:p.start], voc)), None)
            if holder is not None:
                m = replace(m, key=holder.key, person=holder.surface)
        out.append(m)
    return out


def model_names(vetted: list[Mention]) -> list[tuple[int, int]]:
    """Character spans of the model's person names of two words or more: the mention rules
    read a name as far as the model found it ("<title> <name the model found>")."""
    return [(m.start, m.end) for m in vetted
            if m.type == PERSON and m.source == SOURCE and m.key and len(m.surface.split()) > 1]


def hybrid_mentions(article: Article, lexical: list[Mention], vetted: list[Mention],
                    d: Dictionary) -> list[Mention]:
    """Dictionary mentions first; the vetted model mentions (`vet_model_mentions`) where they
    overlap none of them, or where they complete a rule-found person's name; a post the rules
    left unheld goes to the model's name beside it."""
    lexical = _complete_names(article, lexical, vetted)
    taken = [(m.start, m.end) for m in lexical]
    extra = [m for m in vetted if all(m.end <= s or m.start >= e for s, e in taken)]
    return _holders(article.text, sorted(lexical + extra, key=lambda m: (m.start, -m.end, m.type)), vocabulary(d))


__all__ = ["hybrid_mentions", "model_names", "vet_model_mentions", "vocabulary"]
