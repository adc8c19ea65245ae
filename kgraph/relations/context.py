"""One article as the relation rules see it: tokens, sentences, actor mentions, entity ties.

`ArticleContext` is built once per Extraction. Mentions nested inside a longer mention
(the demonym inside "وزير الخارجية المصري") are kept apart from the top-level ones that
the argument rules walk over; both are used to tie a person or an agency to the state or
organisation it belongs to (`parents`), which is what "one participant per side" needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..types import ACTOR_TYPES, LOCATION, ORG, OUTLET_SOURCE, PERSON, STATE, Entity, Extraction, Mention
from .sentences import split_sentences
from .tokens import Token, tokenize

_TYPE_RANK = {PERSON: 0, ORG: 1, STATE: 2, LOCATION: 3}
_PARENT_FIELDS = ("of", "state", "country", "parent", "part_of", "member_of", "belongs_to")


@dataclass(frozen=True)
class Ref:
    """A mention placed in the token sequence."""
    entity: str
    type: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    mention: Mention

    @property
    def surface(self) -> str:
        return self.mention.surface

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES


class ArticleContext:
    def __init__(self, extraction: Extraction, dictionary=None):
        self.x = extraction
        self.article = extraction.article
        self.text = extraction.article.text
        self.dictionary = dictionary
        self.tokens: list[Token] = tokenize(self.text)
        self.sentences = split_sentences(self.text)
        self.entities: dict[str, Entity] = {e.id: e for e in extraction.entities}
        self._char_tok = self._char_to_token()
        self.sent_toks: list[tuple[int, int]] = []
        for s, e in self.sentences:
            a = self.token_at(s)
            b = self.token_at(e - 1)
            self.sent_toks.append((a, b + 1) if a >= 0 and b >= 0 else (0, 0))
        self.tok_sent = [-1] * len(self.tokens)
        for n, (a, b) in enumerate(self.sent_toks):
            for i in range(a, b):
                self.tok_sent[i] = n
        self.all_refs, self.refs = self._refs()

    # -- placement ---------------------------------------------------------------------------
    def _char_to_token(self) -> list[int]:
        out = [-1] * (len(self.text) + 1)
        for t in self.tokens:
            for c in range(t.start, t.end):
                out[c] = t.i
        return out

    def token_at(self, char: int) -> int:
        """The token holding character `char`, or the next one after it (-1 past the end)."""
        if char < 0:
            return -1
        for c in range(char, len(self.text)):
            if self._char_tok[c] >= 0:
                return self._char_tok[c]
        return -1

    def _refs(self) -> tuple[list[Ref], list[Ref]]:
        refs = []
        for e in self.x.entities:
            for m in e.mentions:
                if not (0 <= m.start < m.end <= len(self.text)):
                    continue
                a = self.token_at(m.start)
                b = self._char_tok[m.end - 1]
                if a < 0 or b < 0:
                    continue
                refs.append(Ref(e.id, e.type, m.start, m.end, a, b + 1, m))
        refs.sort(key=lambda r: (r.start, -r.end, _TYPE_RANK.get(r.type, 9)))
        top: list[Ref] = []
        for r in refs:
            if top and r.start < top[-1].end:
                continue  # nested in (or overlapping) an earlier, longer mention
            top.append(r)
        return refs, top

    # -- sentences ---------------------------------------------------------------------------
    def sentence_of_token(self, i: int) -> int:
        return self.tok_sent[i] if 0 <= i < len(self.tok_sent) else -1

    def token_prefix(self, ref: Ref) -> str:
        """The clitics glued before a mention in its first token ("و", "ب", "وب", "")."""
        tok = self.tokens[ref.tok_start]
        return self.text[tok.start:ref.start]

    # -- entities ----------------------------------------------------------------------------
    def entity(self, eid: str) -> Entity | None:
        return self.entities.get(eid)

    def type_of(self, eid: str) -> str | None:
        e = self.entities.get(eid)
        return e.type if e else None

    def _direct_parents(self, eid: str) -> set[str]:
        out: set[str] = set()
        e = self.entities.get(eid)
        if e is not None:
            if e.of:
                out.add(e.of)
            for m in e.mentions:
                if m.of:
                    out.add(m.of)
        if ":" in eid:
            out.add(eid.split(":", 1)[0])
        d = self.dictionary
        actor = d.actor(eid) if d is not None and hasattr(d, "actor") else None
        if actor:
            for post in actor.get("posts") or []:
                if isinstance(post, dict) and isinstance(post.get("of"), str):
                    out.add(post["of"])
            for f in _PARENT_FIELDS:
                v = actor.get(f)
                if isinstance(v, str) and v:
                    out.add(v)
                elif isinstance(v, (list, tuple)):
                    out.update(x for x in v if isinstance(x, str))
        out.discard(eid)
        return out

    def parents(self, eid: str) -> frozenset[str]:
        """Every organisation or state `eid` belongs to, transitively."""
        cache = self.__dict__.setdefault("_parents", {})
        if eid in cache:
            return cache[eid]
        seen: set[str] = set()
        todo = [eid]
        while todo:
            cur = todo.pop()
            for p in self._direct_parents(cur):
                if p not in seen and p != eid:
                    seen.add(p)
                    todo.append(p)
        cache[eid] = frozenset(seen)
        return cache[eid]

    def states_of(self, eid: str) -> list[str]:
        """The states of the article `eid` belongs to, in a fixed order (a frozenset's order of
        strings changes from one process to the next)."""
        return sorted(p for p in self.parents(eid) if self.type_of(p) == STATE)

    def related(self, a: str, b: str) -> bool:
        """One of the two belongs to the other (or they are the same)."""
        return a == b or b in self.parents(a) or a in self.parents(b)

    def state_of_location(self, loc: str) -> str | None:
        """The state a LOCATION entity (a capital, a country as place) stands for, if known."""
        d = self.dictionary
        if d is not None:
            caps = getattr(d, "capitals", {}) or {}
            if loc in caps:
                return caps[loc][0]
            actor = d.actor(loc) if hasattr(d, "actor") else None
            if actor and actor.get("type") == STATE:
                return loc
        for p in self.parents(loc):
            if self.type_of(p) == STATE:
                return p
        return None

    @cached_property
    def date(self) -> str | None:
        from .dates import article_date
        return article_date(self.article, self.text)

    def is_media(self, eid: str) -> bool:
        """A newspaper, channel or news agency: a source that reports, not a party."""
        d = self.dictionary
        actor = d.actor(eid) if d is not None and hasattr(d, "actor") else None
        if not actor:  # an outlet the article cites ("لـ«X»") that the dictionary lacks
            e = self.entities.get(eid)
            return e is not None and bool(e.mentions) and all(m.source == OUTLET_SOURCE for m in e.mentions)
        return actor.get("kind") in ("media", "news_agency") or "news_agency" in (actor.get("heads") or [])
