"""Article -> Mentions with the embedded dictionary (spaCy PhraseMatcher) and title rules.

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

from functools import lru_cache

from ..dictionary import Dictionary, default_dictionary
from ..types import Article, Mention
from .match import Lexicon
from .reader import read_mentions

__all__ = ["LexiconTagger", "default_tagger", "lexicon_mentions"]


class LexiconTagger:
    """Finds dictionary and rule mentions in articles; build once, call per article."""

    def __init__(self, dictionary: Dictionary | None = None):
        self.lexicon = Lexicon(dictionary or default_dictionary())

    def mentions(self, article: Article) -> list[Mention]:
        """All dictionary and rule mentions of one article, in text order."""
        return read_mentions(self.lexicon, article)


@lru_cache(maxsize=2)
def default_tagger() -> LexiconTagger:
    """One shared tagger over the shipped dictionary (built on first use)."""
    return LexiconTagger()


def lexicon_mentions(article: Article, tagger: LexiconTagger | None = None) -> list[Mention]:
    """Article -> its dictionary and rule mentions (offsets into article.text)."""
    return (tagger or default_tagger()).mentions(article)
