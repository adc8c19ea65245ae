"""Where the subject of a cue is found when the clause does not name it next to the cue.

Arabic news drops a subject that continues ("وصل الوزير إلى عمّان ... ثم التقى العاهل
الأردني": the minister met the king) and puts a pronoun on verbal nouns ("لدى استقباله
الوفد": his reception). `continued_subject` finds the actor such a clause continues;
`subject_before` (args.py) finds an explicit subject before the cue, `previous_actor` the
antecedent of a pronoun suffix.
"""
from __future__ import annotations

from typing import Optional

from .args import Side, Words, previous_actor
from .context import ArticleContext


def continued_subject(ctx: ArticleContext, words: Words, i: int, exclude: set[str],
                      prefix: str = "") -> Optional[Side]:
    """The actor a verb at token i continues, when it opens a new clause of its sentence.

    The verb must follow an earlier clause of the same sentence (a clause word such as حيث،
    ثم، و, or a comma, before it); the subject continued is the person the sentence is about
    before the verb (else its last actor), never one of `exclude` (the verb's own object).
    `prefix` is the clitics read off the verb ("و" of "والتقى").
    """
    s = ctx.sentence_of_token(i)
    if s < 0:
        return None
    sa, _ = ctx.sent_toks[s]
    if i - sa < 3 or not (prefix[:1] in ("و", "ف") or _opens_clause(ctx, words, i)):
        return None
    r = previous_actor(ctx, i, exclude, previous_sentence=False)
    return Side([r]) if r is not None else None


def _opens_clause(ctx: ArticleContext, words: Words, i: int) -> bool:
    """A clause boundary right before token i: a clause word or a comma (ثم too)."""
    k = i - 1
    while k >= 0 and (words.has(k, "TIME", "FILLER") or ctx.tokens[k].key in ("قد", "ثم")):
        if ctx.tokens[k].key == "ثم":
            return True
        k -= 1
    return k >= 0 and (words.has(k, "CLAUSE", "RELATIVE") or ctx.tokens[k].text in ("،", ","))
