"""Article -> Mentions with a Stanza NER pipeline (see `kgraph.models`).

Stanza spans are turned into character offsets of the article's original text at
once; then each span is trimmed of surrounding punctuation and of proclitics glued
to its first word, so that "وبالقاهرة" gives "القاهرة". The surface is always the
exact text: `article.text[m.start:m.end] == m.surface`. Because of that, ل + ال
(spelt لل) loses both letters: "للأمم المتحدة" gives "أمم المتحدة", the same match
key (kgraph.normalize.key drops the article) as "الأمم المتحدة".

Trimming is conservative. A conjunction or preposition is taken off
* before the article (و ف ب ك, alone or as وب/فب/وك/فك, when ال is followed by at
  least three letters): "والعراق", "بالقاهرة";
* as لل / ولل / فلل before at least three letters: "للأمم";
* before any other word only with evidence that the rest stands alone: Stanza's
  multi-word-token split made the clitic a word of its own, or the rest of the span
  occurs elsewhere in the same article as whole words ("بمصر" when "مصر" occurs).
So "وزير", "فرنسا", "بريطانيا", "لبنان", "بغداد", "واشنطن" are never cut.
"""
from __future__ import annotations

import re
import unicodedata

from kgraph.models import is_pretokenized, pretokenize
from kgraph.normalize import proclitic_splits
from kgraph.types import LOCATION, ORG, PERSON, Article, Mention

# Stanza labels -> kgraph types; labels not here (MISC, dates...) are dropped.
# Arabic corpora (ANERcorp, AQMAR) tag countries as LOC; a GPE is a city as often as
# a state, so it is a LOCATION here and the dictionary decides what is a STATE.
STANZA_TYPES = {
    "PER": PERSON, "PERS": PERSON, "PERSON": PERSON,
    "ORG": ORG, "ORGANIZATION": ORG,
    "LOC": LOCATION, "LOCATION": LOCATION, "GPE": LOCATION,
}
SOURCE = "stanza"

# Foreign names that only look like clitic + article.
_NOT_CLITIC = frozenset({"فالنسيا", "بالتيمور", "والتر", "والاس", "فالكون", "بالمر",
                         "فالديز", "والدن", "كالفن", "كالدويل", "بالاو"})
_CLITIC_WORDS = frozenset({"و", "ف", "ب", "ل", "ك", "لل"})
_THREE_LETTERS = re.compile(r"\w{3}")


def _is_edge_junk(ch: str) -> bool:
    """Punctuation, symbols, spaces and format marks (RLM...) that a span should not start or end with."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZ" or unicodedata.category(ch) == "Cf"


def trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """Move [start, end) inwards past punctuation, quotes, spaces and format marks."""
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return start, end


def _occurs_alone(text: str, phrase: str, skip: int) -> bool:
    """True when `phrase` occurs in `text` as whole words at an offset other than `skip`."""
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    return any(m.start() != skip for m in pattern.finditer(text))


def clitic_length(text: str, start: int, end: int, split_prefix: str | None = None) -> int:
    """How many characters of proclitics to cut from the span [start, end) of `text`.

    `split_prefix` is the text of the leading clitic words when Stanza's MWT split the
    span's first token (e.g. "وب" for و + ب + مصر), else None. Gives 0 when nothing
    should be cut (see the module docstring for the rules).
    """
    span = text[start:end]
    word = span.split(None, 1)[0] if span.strip() else ""
    if not word or word in _NOT_CLITIC:
        return 0
    splits = proclitic_splits(word)  # the raw word: its clitic letters are never folded
    for prefix, stem in splits:
        if stem.startswith("ال") and _THREE_LETTERS.match(stem, 2):
            if stem != word[len(prefix):]:
                return len(prefix) + 1  # لل: the ل and the article's ل go
            if not prefix.endswith("ل"):
                return len(prefix)  # the clitics before a written article
    candidates = []
    if split_prefix and word.startswith(split_prefix) and len(word) - len(split_prefix) >= 3:
        candidates.append((len(split_prefix), True))
    for prefix, stem in reversed(splits):  # longest cut first: وبمصر -> مصر, then بمصر
        if prefix and stem == word[len(prefix):] and len(stem) >= 3:
            candidates.append((len(prefix), False))
    for n, certain in candidates:
        if certain or _occurs_alone(text, span[n:], start + n):
            return n
    return 0


def trim_span(text: str, start: int, end: int, split_prefix: str | None = None) -> tuple[int, int]:
    """Trim punctuation and proclitics from a span; give the new (start, end), maybe empty."""
    start, end = trim_punctuation(text, start, end)
    if start < end:
        start += clitic_length(text, start, end, split_prefix)
        start, end = trim_punctuation(text, start, end)
    return start, end


def _split_prefix(ent) -> str | None:
    """The leading clitic words of an entity's first token when MWT split it, joined."""
    tokens = getattr(ent, "tokens", None) or []
    words = list(getattr(tokens[0], "words", []) or []) if tokens else []
    if len(words) < 2:
        return None
    prefix = []
    for w in words[:-1]:
        if w.text not in _CLITIC_WORDS:
            break
        prefix.append(w.text)
    return "".join(prefix) or None


def _document(text: str):
    """A pre-tokenised stanza Document of `text` whose tokens carry original offsets."""
    from stanza.models.common.doc import Document

    sentences = []
    for sent in pretokenize(text):
        sentences.append([{"id": (i + 1,), "text": tok, "misc": f"start_char={s}|end_char={e}"}
                          for i, (tok, s, e) in enumerate(sent)])
    return Document(sentences, text=text) if sentences else None


def stanza_spans(text: str, pipeline) -> list[tuple[int, int, str, str | None]]:
    """Run the pipeline on `text`: give (start, end, stanza label, MWT clitic prefix) per entity.

    Offsets are into `text`. A pipeline from a local model file gets a pre-tokenised
    document (`kgraph.models.pretokenize`); the official one tokenises the raw text.
    """
    if not text.strip():
        return []
    if is_pretokenized(pipeline):
        doc = _document(text)
        if doc is None:
            return []
        doc = pipeline(doc)
    else:
        doc = pipeline(text)
    return [(ent.start_char, ent.end_char, ent.type, _split_prefix(ent)) for ent in doc.ents]


def stanza_mentions(article: Article, pipeline) -> list[Mention]:
    """Tag an article with a Stanza NER pipeline; give its PERSON/ORG/LOCATION mentions.

    Takes an Article and a pipeline from `kgraph.models.load_stanza_pipeline`. Each
    mention is trimmed (punctuation, proclitics), has source "stanza" and key None,
    and satisfies article.text[start:end] == surface. MISC and unknown labels are
    dropped; mentions come in text order, without duplicates.
    """
    text = article.text
    out, seen = [], set()
    for start, end, label, prefix in stanza_spans(text, pipeline):
        typ = STANZA_TYPES.get(label)
        if typ is None:
            continue
        start, end = trim_span(text, start, end, prefix)
        if start >= end or (start, end, typ) in seen:
            continue
        seen.add((start, end, typ))
        out.append(Mention(article_id=article.id, start=start, end=end,
                           surface=text[start:end], type=typ, source=SOURCE))
    out.sort(key=lambda m: (m.start, m.end))
    return out
