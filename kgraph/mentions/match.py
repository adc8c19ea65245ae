"""The dictionary match: text -> tokens with match keys -> dictionary phrases (Items).

Tokens come from spaCy's Arabic tokenizer, which keeps clitics attached (وبالقاهرة).
Each token gets a NORM that is its dictionary key: folded, article removed, and the
proclitics removed only when what remains is a dictionary word (so وزير stays وزير while
والولايات reads as الولايات). A phrase found is an Item over tokens; the rules turn Items into
character offsets of the original text, with the clitics outside the mention.
"""
from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..dictionary import ACTOR, HONORIFIC, LABEL_ORDER, ORG_HEAD, TITLE, Dictionary
from ..normalize import clitic_analyses, drop_article, fold, fold_with_offsets, phrase_words
from ..types import ORG, PERSON


@dataclass(frozen=True)
class TokenKey:
    """How one token reads: its key, and where the word proper starts after clitics."""
    key: str
    start: int  # character offset in the article of the word after its clitics
    end: int
    prefix: str  # the folded clitics removed ("" if none)


@dataclass(frozen=True)
class Item:
    """A dictionary phrase found in the token sequence: tokens [start, end)."""
    start: int
    end: int
    label: str
    key: str


class Lexicon:
    """The dictionary compiled for matching (spaCy's PhraseMatcher over token keys) and the
    word sets the rules read; build once, use for every article."""

    def __init__(self, dictionary: Dictionary):
        self.dictionary = dictionary
        self.nlp = spacy.blank("ar")
        self.vocabulary = dictionary.vocabulary()
        from spacy.lang.ar.stop_words import STOP_WORDS
        self.stops = frozenset(fold(w) for w in STOP_WORDS) | dictionary.name_stops
        self.person_nouns = frozenset(fold(p.text) for p in dictionary.phrases
                                      if p.label == HONORIFIC and p.key == "person_noun")
        # actors only ever named with the article (الكاميرون، الهند، الدوما، الأسد): a bare word is
        # someone or something else ("كاميرون" after "ديفيد كاميرون", the name هند, the town دوما)
        self.definite_actors = frozenset(k for k, a in dictionary.actors.items() if _definite_only(a))
        # ... and actors never named with it (مالي، مصر): a definite word is something else
        # ("العام المالي": the fiscal year)
        # (persons excepted: a surname takes the article, "الخامنئي")
        self.bare_actors = frozenset(k for k, a in dictionary.actors.items()
                                     if a.get("type") != PERSON and _bare_only(a))
        # names that are also an adjective (مالي: "financial"): the adjective follows the noun it
        # qualifies ("دعم مالي"); a post, a region or a feminine noun before it heads the name
        # ("رئيس مالي"، "شمال مالي"، "حكومة مالي")
        self.adjective_homographs = frozenset(k for k, a in dictionary.actors.items()
                                              if a.get("homograph") == "adjective")
        self.name_heads = dictionary.region_words | frozenset(
            phrase_words(p.text)[0] for p in dictionary.phrases if p.label in (TITLE, ORG_HEAD))
        # honorifics only ever written with the article (العماد، الرائد، السيد): a bare word is a
        # name or a plain noun ("عماد <surname>", "مواطن سويدي")
        self.definite_honorifics = _definite_only_words(p.text for p in dictionary.phrases if p.label == HONORIFIC)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        patterns: dict[str, list[Doc]] = {}
        for p in dictionary.phrases:
            words = phrase_words(p.text)
            if words:
                patterns.setdefault(f"{p.label}|{p.key}", []).append(Doc(self.nlp.vocab, words=words))
        for match_id, docs in sorted(patterns.items()):
            self.matcher.add(match_id, docs)

    def token_key(self, text: str, idx: int) -> TokenKey:
        """Read one token: the first clitic analysis whose stem is a dictionary word."""
        folded, offsets = fold_with_offsets(text)
        analyses = clitic_analyses(text)
        chosen = analyses[0]
        for n, stem in analyses:
            if drop_article(stem) in self.vocabulary:
                chosen = (n, stem)
                break
        n, stem = chosen
        return TokenKey(drop_article(stem), idx + offsets[n] if n < len(offsets) else idx,
                        idx + len(text), folded[:n])

    def doc(self, text: str) -> tuple[Doc, list[TokenKey]]:
        """Tokenise `text` and set each token's NORM to its dictionary key."""
        doc = self.nlp.make_doc(text)
        keys = [self.token_key(t.text, t.idx) for t in doc]
        for tok, k in zip(doc, keys, strict=True):
            tok.norm_ = k.key or tok.text
        return doc, keys

    def items(self, doc: Doc) -> list[Item]:
        """Longest non-overlapping dictionary phrases, one label per span."""
        found: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for match_id, s, e in self.matcher(doc):
            label, key = self.nlp.vocab.strings[match_id].split("|", 1)
            found.setdefault((s, e), []).append((label, key))
        spans = sorted(found, key=lambda se: (-(se[1] - se[0]), se[0]))
        taken = [False] * len(doc)
        chosen = []
        for s, e in spans:
            readings = [lk for lk in found[(s, e)] if e - s > 1 or not self._misread(doc, s, *lk)]
            if any(taken[s:e]) or not readings:
                continue
            for i in range(s, e):
                taken[i] = True
            label, key = min(readings, key=lambda lk: (LABEL_ORDER.index(lk[0]), lk[1]))
            chosen.append(Item(s, e, label, key))
        return sorted(chosen, key=lambda it: it.start)

    def _misread(self, doc: Doc, s: int, label: str, key: str) -> bool:
        """Is the one word at token s not the dictionary phrase (label, key) it folds to?"""
        word = doc[s].text
        if label == HONORIFIC:
            return doc[s].norm_ in self.definite_honorifics and not _definite(word)
        if label != ACTOR:
            return False
        return (key in self.definite_actors and not _definite(word)
                or key in self.bare_actors and _written_definite(word)
                or key in self.adjective_homographs and self._qualifies(doc, s))

    def _qualifies(self, doc: Doc, s: int) -> bool:
        """Is the bare word at token s an adjective of the noun before it ("مبلغ مالي")? Not after
        a feminine noun or verb ("حكومة مالي"، "أعلنت مالي"): a masculine adjective cannot qualify it."""
        if s == 0 or doc[s].text != doc[s].norm_ and fold(doc[s].text) != doc[s].norm_:
            return False  # a clitic on it ("ومالي"، "بمالي") or the first word: a name
        before = doc[s - 1]
        key = fold(before.text)
        return (before.is_alpha and not _definite(before.text) and key not in self.stops
                and not (key[:1] in ("و", "ف") and key[1:] in self.stops)
                and not key.endswith(("ه", "ة", "ت")) and before.norm_ not in self.name_heads)

    def inner_orgs(self, doc: Doc, outer: Item) -> list[Item]:
        """Organisations named inside a longer organisation's name ("المجلس التنفيذي لحزب الله")."""
        sub = doc[outer.start:outer.end].as_doc()
        out = []
        for match_id, s, e in self.matcher(sub):
            label, key = self.nlp.vocab.strings[match_id].split("|", 1)
            if (label == ACTOR and key != outer.key and (s, e) != (0, outer.end - outer.start)
                    and (self.dictionary.actor(key) or {}).get("type") == ORG):
                out.append(Item(outer.start + s, outer.start + e, label, key))
        return out


def _definite(word: str) -> bool:
    """The word carries the article, after its clitics (والهند، بالهند، للهند: لل is read as ل + ال)."""
    return any(stem.startswith("ال") for _, stem in clitic_analyses(word))


def _definite_only_words(patterns) -> frozenset[str]:
    """Keys of the one-word patterns written with the article and never without it."""
    words = [fold(t) for t in patterns if " " not in t.strip()]
    bare = {w for w in words if not w.startswith("ال")}
    return frozenset(drop_article(w) for w in words if w.startswith("ال") and drop_article(w) not in bare)


def _written_definite(word: str) -> bool:
    """The word carries the article as written, after its clitics: ال with a plain alef
    (ألمانيا does not), or لل."""
    w = word[1:] if word[:1] in ("و", "ف") else word
    return w.startswith(("ال", "لل")) or w[:1] in ("ب", "ك", "ل") and w[1:].startswith("ال")


def _bare_only(actor: dict) -> bool:
    """No one-word name of the actor carries the article, as written (مالي، مصر), and none
    looks as if it did once its hamza is dropped (ألمانيا is written المانيا too)."""
    words = [n for n in [actor.get("name") or ""] + list(actor.get("aliases") or []) if n and " " not in n]
    return bool(words) and not any(fold(n).startswith("ال") for n in words)


def _definite_only(actor: dict) -> bool:
    """Every one-word name of the actor carries the article, as written (not أ: ألمانيا)."""
    words = [n for n in [actor.get("name") or ""] + list(actor.get("aliases") or []) if n and " " not in n]
    return bool(words) and all(n.startswith("ال") for n in words)
