"""The one place the stages are wired: Article -> Mentions -> Entities -> relations.

`extract_article` is a pure function of one article plus the dictionary and the NER
choice; its result, an Extraction, is a plain record that can be cached, sent to another
process and merged.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from .corpus import read_corpus
from .dictionary import Dictionary, default_dictionary
from .entities import build_entities
from .errors import ModelError
from .hybrid import hybrid_mentions, model_names, vet_model_mentions
from .mentions import LexiconTagger, default_tagger
from .place_states import retype_place_states
from .types import Article, Extraction, Mention

NER_CHOICES = ("auto", "lexicon", "stanza", "hybrid")


@dataclass(frozen=True)
class NerConfig:
    """Which NER runs: `mode` one of NER_CHOICES; `stanza_model` a local model file."""
    mode: str = "auto"
    stanza_model: str | None = None


def resolve_mode(config: NerConfig) -> tuple[str, str | None]:
    """The NER mode that will really run, and a one-line notice for the user (or None).

    `auto` uses Stanza when a model is available (a local file or the official Arabic
    models), else the embedded dictionary.
    """
    if config.mode not in NER_CHOICES:
        raise ValueError(f"unknown NER mode {config.mode!r}; choose one of {', '.join(NER_CHOICES)}")
    if config.mode != "auto":
        return config.mode, None
    if config.stanza_model:
        return "hybrid", None
    from .models import official_installed
    if official_installed():
        return "hybrid", None
    return "lexicon", ("no Stanza Arabic model installed: using the embedded dictionary "
                       "(run `kgraph models download` or pass --stanza-model for Stanza NER)")


def _stanza_mentions(article: Article, config: NerConfig) -> list[Mention]:
    from .models import load_stanza_pipeline
    from .ner_stanza import stanza_mentions
    return stanza_mentions(article, load_stanza_pipeline(config.stanza_model))


def find_mentions(article: Article, mode: str, config: NerConfig,
                  tagger: LexiconTagger | None = None, dictionary: Dictionary | None = None) -> list[Mention]:
    """Article -> mentions from the dictionary, Stanza, or both (`mode` resolved, not auto)."""
    if mode == "lexicon":
        return (tagger or default_tagger()).mentions(article)
    model = _stanza_mentions(article, config)
    if mode == "stanza":
        return model
    d = dictionary or default_dictionary()
    vetted = vet_model_mentions(article, model, d)
    lexical = (tagger or default_tagger()).mentions(article, model_names(vetted))
    return hybrid_mentions(article, lexical, vetted, d)


def extract_article(article: Article, config: NerConfig = NerConfig(mode="lexicon"),
                    dictionary: Dictionary | None = None) -> Extraction:
    """One article -> its Extraction (entities, meetings, demands, affiliations)."""
    mode, _ = resolve_mode(config)
    d = dictionary or default_dictionary()
    tagger = default_tagger() if dictionary is None else LexiconTagger(d)
    mentions = find_mentions(article, mode, config, tagger, d)
    entities = build_entities(mentions, d)
    related = relate(Extraction(article=article, entities=tuple(entities), ner=mode), d)
    return retype_place_states(related, d)


def relate(extraction: Extraction, dictionary: Dictionary) -> Extraction:
    """Add meetings, demands and affiliations to an Extraction (the relation layer)."""
    from .relations import extract_relations
    return extract_relations(extraction, dictionary)


def extract_corpus(paths: Iterable[str], ner: str = "auto", progress: bool = True,
                   stanza_model: str | None = None, notices=None) -> list[Extraction]:
    """Every article under `paths` -> its Extraction, in corpus order.

    `notices` is called with one-line messages for the user (e.g. which NER runs).
    """
    config = NerConfig(ner, stanza_model)
    mode, notice = resolve_mode(config)
    if notice and notices:
        notices(notice)
    config = NerConfig(mode, stanza_model)
    articles = list(read_corpus(paths))
    from tqdm import tqdm
    bar = tqdm(articles, desc="extracting", unit="article", disable=None if progress else True,
               file=sys.stderr, leave=False)
    from .linking import link_posts
    return link_posts([extract_article(a, config) for a in bar])


__all__ = ["NerConfig", "extract_article", "extract_corpus", "find_mentions",
           "resolve_mode", "ModelError"]
