"""Article -> Mentions with the embedded dictionary (spaCy PhraseMatcher) and rules over its matches.

The data flows one way: match -> candidates -> resolve -> later-stage candidates -> resolve.

    match.py       text -> tokens with match keys -> dictionary phrases (Items)
    context.py     MentionContext: one article's tokens, keys and phrases, frozen; what every rule reads
    names.py       people after honorifics and titles, names referring back, names before a post
    posts.py       role phrases and their holders, counterparts
    orgs.py        dictionary organisations, a state's organisations, organisations the dictionary lacks
    places.py      capitals and countries as venues or states, demonyms, state references
    outlets.py     news outlets cited or carried
    references.py  relatives, described names, surnames, organisations referring back
    resolve.py     Candidate, the priorities, and resolve(): the one place overlaps are settled
    read.py        the one place the stages are wired

Every rule is a function of the context (and of what earlier rules kept) that proposes
candidates: the characters it read, its name, a priority and the mentions found there.

Composition rules on top of the phrase matches, each general:
- a post title with the state or organisation it belongs to is a PERSON (role phrase):
  "رئيس الوزراء القطري", "مدير جهاز المخابرات العامة المصرية"; a name right after it, or in
  apposition ("اللواء حسن رشاد، مدير ..."), is the person holding the post;
- an honorific or post title followed by unknown name words is a PERSON ("السيد ستيف ويتكوف");
- "الجانب/الحكومة/وفد + demonym" is the state; a demonym after "الشعب/المدنيين..." is no actor;
- an organisation head with a demonym is that state's organisation ("وزارة الخارجية التركية");
- a capital after a venue word (في، إلى، العاصمة) or with ب is a LOCATION, otherwise the state;
- an organisation the dictionary lacks inside a role phrase ("رئيس حزب <X> <name>"), a cited news
  outlet ("لـ«<X>»"), an organisation noun referring back ("ودعا التجمع"), a relative of a person
  noun ("والد الرهينة"), a counterpart ("نظيره التركي <name>") and a name described by وهو/وهي.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..dictionary import Dictionary, default_dictionary
from ..types import Article, Mention
from .match import Lexicon
from .read import read_mentions

__all__ = ["LexiconTagger", "default_tagger", "lexicon_mentions"]


class LexiconTagger:
    """Finds dictionary and rule mentions in articles; build once, call per article."""

    def __init__(self, dictionary: Dictionary | None = None):
        self.lexicon = Lexicon(dictionary or default_dictionary())

    def mentions(self, article: Article, model_names: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """All dictionary and rule mentions of one article, in text order."""
        return read_mentions(self.lexicon, article, model_names)


@lru_cache(maxsize=2)
def default_tagger() -> LexiconTagger:
    """One shared tagger over the shipped dictionary (built on first use)."""
    return LexiconTagger()


def lexicon_mentions(article: Article, tagger: LexiconTagger | None = None) -> list[Mention]:
    """Article -> its dictionary and rule mentions (offsets into article.text)."""
    return (tagger or default_tagger()).mentions(article)
