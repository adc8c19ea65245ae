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

from ..dictionary import ACTOR, HONORIFIC, LABEL_ORDER, Dictionary
from ..normalize import clitic_analyses, drop_article, fold, fold_with_offsets, phrase_words
from ..types import ORG


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
            if e - s == 1 and doc[s].norm_ in self.definite_honorifics and not _definite(doc[s].text):
                found[(s, e)] = [lk for lk in found[(s, e)] if lk[0] != HONORIFIC]
            if any(taken[s:e]) or not found[(s, e)]:
                continue
            for i in range(s, e):
                taken[i] = True
            label, key = min(found[(s, e)], key=lambda lk: (LABEL_ORDER.index(lk[0]), lk[1]))
            if label == ACTOR and key in self.definite_actors and e - s == 1 and not _definite(doc[s].text):
                continue
            chosen.append(Item(s, e, label, key))
        return sorted(chosen, key=lambda it: it.start)

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


def _definite_only(actor: dict) -> bool:
    """Every one-word name of the actor carries the article, as written (not أ: ألمانيا)."""
    words = [n for n in [actor.get("name") or ""] + list(actor.get("aliases") or []) if n and " " not in n]
    return bool(words) and all(n.startswith("ال") for n in words)
