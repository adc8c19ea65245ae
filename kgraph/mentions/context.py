"""One article as the mention rules read it: a frozen context and the questions they ask of a token.

Every rule is a function of a `MentionContext` (tokens, their keys, the dictionary phrases
found, the word lists) and of what earlier rules kept; none changes it.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from spacy.tokens import Doc

from ..dictionary import Dictionary
from ..normalize import fold, phrase_words
from ..relations.sentences import split_sentences
from ..types import ORG, PERSON, STATE, Article, Mention
from .match import Item, Lexicon, TokenKey

SOURCE = "lexicon"  # the source of a dictionary phrase read as written
MAX_NAME_WORDS = 4  # words of a name the dictionary lacks
CLAUSE_MARKS = "،,.:؛;()«»\""  # punctuation that ends a role phrase's tail


@dataclass(frozen=True)
class MentionContext:
    """The tokens of one article with their keys and dictionary phrases; built once, read by
    every rule."""
    article: Article
    lexicon: Lexicon
    doc: Doc
    keys: tuple[TokenKey, ...]
    words: tuple[str, ...]  # each token folded
    items: tuple[Item, ...]  # the dictionary phrases, in text order
    item_at: Mapping[int, Item]  # token -> the phrase starting there
    covered: frozenset[int]  # tokens inside a phrase
    # a statistical model's person names (hybrid NER): first token -> token end; the model
    # knows where a name it found ends better than the word lists do
    model_names: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def dictionary(self) -> Dictionary:
        return self.lexicon.dictionary

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentence spans (`kgraph.relations.sentences`), split when first asked."""
        return split_sentences(self.article.text)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.idx for t in self.doc]

    # -- offsets and mentions ------------------------------------------------------------
    def span(self, s: int, e: int) -> tuple[int, int]:
        """Characters of tokens [s, e), the clitics of the first one left out."""
        return self.keys[s].start, self.keys[e - 1].end

    def surface(self, s: int, e: int) -> str:
        start, end = self.span(s, e)
        return self.article.text[start:end]

    def claim(self, s: int, e: int) -> tuple[int, int]:
        """Characters of tokens [s, e) as written, clitics and all: what a rule read."""
        return self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1].text)

    def token_from(self, char: int) -> int:
        """The first token that starts at or after character `char`."""
        return bisect_left(self._token_starts, char)

    def mention(self, s: int, e: int, typ: str, key: str | None, source: str = SOURCE, **extra) -> Mention:
        """The mention of tokens [s, e)."""
        start, end = self.span(s, e)
        return Mention(self.article.id, start, end, self.article.text[start:end], typ, source, key=key, **extra)

    # -- what a token is -----------------------------------------------------------------
    def actor_type(self, key: str) -> str:
        actor = self.dictionary.actor(key)
        if actor:
            return actor["type"]
        return ORG if key.startswith("org:") else PERSON if key.startswith("person:") else STATE

    def is_punct(self, i: int, chars: str = "،,") -> bool:
        return 0 <= i < len(self.doc) and self.doc[i].text in chars

    def name_word(self, k: int) -> bool:
        """Can token k be part of a name the dictionary lacks?"""
        word = self.words[k]
        return (k not in self.covered and self.doc[k].is_alpha and len(word) >= 2
                and (word not in self.lexicon.stops or word in self.dictionary.name_connectors))

    def is_speech_verb(self, word: str) -> bool:
        """A folded word that is a verb of saying, alone or after و/ف ("وقال")."""
        verbs = self.dictionary.speech_verbs
        return word in verbs or word[:1] in "وف" and word[1:] in verbs

    def has_pronoun_suffix(self, k: int) -> bool:
        """Is token k a word with a pronoun suffix read by no rule: a noun with its possessor
        ("مترجمتها"، "زوجته") or a verb with its object ("بثه")?"""
        if k < 0 or k in self.covered or not self.doc[k].is_alpha:
            return False
        text = self.doc[k].text
        word = self.words[k]
        return (len(word) >= 3 and text.endswith(("ها", "هم", "ه")) and not word.startswith(("ال", "وال"))
                and word not in self.lexicon.stops and not self.is_speech_verb(word))


def mention_context(lexicon: Lexicon, article: Article,
                    model_names: Sequence[tuple[int, int]] = ()) -> MentionContext:
    """Tokenise and match one article; `model_names` are character spans of person names a
    model found (hybrid NER)."""
    doc, keys = lexicon.doc(article.text)
    words = tuple(fold(t.text) for t in doc)
    # nouns for a person take a name only when definite ("الصحافي <name>", not "مؤتمر صحافي")
    items = tuple(it for it in lexicon.items(doc) if not (
        it.key == "person_noun" and not words[it.start][len(keys[it.start].prefix):].startswith("ال")))
    covered = frozenset(k for it in items for k in range(it.start, it.end))
    return MentionContext(article, lexicon, doc, tuple(keys), words, items,
                          MappingProxyType({it.start: it for it in items}), covered,
                          MappingProxyType(_token_spans(doc, keys, model_names, covered)))


def _token_spans(doc: Doc, keys: Sequence[TokenKey], spans: Sequence[tuple[int, int]],
                 covered: frozenset[int]) -> dict[int, int]:
    """Character spans -> {first token: token end}, for spans that start where a token's word
    starts (after its clitics), end where a token ends, and hold no dictionary phrase."""
    starts = {k.start: n for n, k in enumerate(keys)}
    ends = {k.end: n + 1 for n, k in enumerate(keys)}
    out = {}
    for start, end in spans:
        first, stop = starts.get(start), ends.get(end)
        if first is not None and stop is not None and stop > first \
                and not any(n in covered for n in range(first, stop)):
            out[first] = stop
    return out


def composed_key(kind: str, name: str) -> str:
    """The key of an actor the dictionary lacks, from its name: "org:<words>", "person:<words>"."""
    return f"{kind}:" + "_".join(phrase_words(name))
