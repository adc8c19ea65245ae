"""Where the subject of a cue is found when the clause does not name it next to the cue.

Arabic news drops a subject that continues ("وصل الوزير إلى عمّان ... ثم التقى العاهل
الأردني": the minister met the king; "وفي يوم السبت أمر ...، وأجرى اتصالا هاتفيا بالرئيس
الفرنسي": the king of the sentences before) and puts a pronoun on verbal nouns ("لدى
استقباله الوفد": his reception).

- `subject_before` (args.py): an explicit subject right before the cue;
- `previous_actor` (args.py): the antecedent of a pronoun suffix, which may be any actor,
  the object of a preposition included ("المفاوضات مع الإيرانيين ... لإصرارهم");
- `sentence_subject`: the actor a sentence is about: its first actor that no preposition
  governs, else that of the sentence before: the subject a dropped subject continues;
- `continued_subject`: the same, for a verb that opens a new clause of its sentence.
"""
from __future__ import annotations

from ..normalize import fold
from ..types import PERSON
from .args import Side, Words, bare_complementizer, governed, group_sides, representative
from .context import ArticleContext, Ref

# words that may stand between a sentence's start and its verb: "وكانت قد"، "ثم"
_AUXILIARY = ("PAST_AUX", "PARTICLE", "THEN", "TIME", "FILLER")
_SENTENCES_BACK = 2  # how many sentences back a dropped subject is looked for
_OPENING = 4  # tokens from a sentence's start within which its subject opens it (و + verb + title)


def _first_free_actor(ctx: ArticleContext, words: Words, a: int, b: int, exclude: set[str],
                      persons: bool = False) -> Ref | None:
    """The first actor in tokens [a, b) that no preposition governs, as its side's most specific
    actor ("وفد من حركة حماس برئاسة <name>": the head)."""
    for r in ctx.refs:
        if a <= r.tok_start and r.tok_end <= b and r.is_actor and r.entity not in exclude \
                and not ctx.is_media(r.entity) and not governed(ctx, words, r):
            sides, _ = group_sides(ctx, words, r.tok_start, b, max_gap=1, stop_words=False)
            head = representative(ctx, sides[0]) if sides else r
            head = head if head is not None and head.entity not in exclude else r
            if head.type == PERSON or not persons:
                return head
    return None


def sentence_subject(ctx: ArticleContext, words: Words, i: int, exclude: set[str],
                     back: int = _SENTENCES_BACK) -> Ref | None:
    """The actor the sentence holding token i is about, before token i: in a reported clause
    ("كشفت الوزارة أن الوزير وصل ... على أن يلتقي") the clause's own subject, else the speaker;
    else the actor that opens one of the `back` sentences before; never one of `exclude`."""
    s = ctx.sentence_of_token(i)
    if s < 0:
        return None
    sa = ctx.sent_toks[s][0]
    said = next((k for k in range(i - 1, sa - 1, -1) if words.has(k, "COMPLEMENTIZER")
                 and any(words.has(j, "REPORT") for j in range(sa, k))), None)
    r = None
    if said is not None:
        r = _first_free_actor(ctx, words, said + 1, i, exclude)
        if r is None and _noun_subject(ctx, words, said, i):
            return None
    r = r or _first_free_actor(ctx, words, sa, i, exclude)
    for p in range(s - 1, max(-1, s - 1 - back), -1):
        if r is not None:
            break
        pa, pb = ctx.sent_toks[p]
        # the previous sentence's subject: its first free person, else an actor that opens it
        r = _first_free_actor(ctx, words, pa, pb, exclude, persons=True)
        first = _first_free_actor(ctx, words, pa, pb, exclude)
        if r is None and first is not None and first.tok_start - pa <= _OPENING:
            r = first
    return r


def _noun_subject(ctx: ArticleContext, words: Words, said: int, i: int) -> bool:
    """Does the reported clause open with a noun of its own ("قال إن آلاف المهاجرين وصلوا")?
    After a bare إنّ/أنّ the clause's subject comes first; a definite noun there, or a noun
    before one (a genitive construct), that the entity layer did not find is no actor."""
    if not bare_complementizer(ctx, words, said):
        return False
    nouns = [fold(ctx.tokens[k].text) for k in range(said + 1, min(said + 3, i))]
    return bool(nouns) and (nouns[0].startswith("ال") or (len(nouns) > 1 and nouns[1].startswith("ال")))


def continued_subject(ctx: ArticleContext, words: Words, i: int, exclude: set[str],
                      prefix: str = "") -> Side | None:
    """The actor a verb at token i continues, when it opens a new clause of its sentence.

    The verb must follow an earlier clause of the same sentence (a clause word such as حيث،
    ثم، و, or a comma, before it); the subject continued is the actor the sentence is about
    before the verb, never one of `exclude` (the verb's own object). `prefix` is the clitics
    read off the verb ("و" of "والتقى").
    """
    s = ctx.sentence_of_token(i)
    if s < 0:
        return None
    sa, _ = ctx.sent_toks[s]
    if opens_sentence(ctx, words, i):
        r = sentence_subject(ctx, words, i, exclude, back=1)
    elif i - sa < 3 or not (prefix[:1] in ("و", "ف") or _opens_clause(ctx, words, i)):
        return None
    else:
        r = sentence_subject(ctx, words, i, exclude, back=0)
    return Side([r]) if r is not None else None


def opens_sentence(ctx: ArticleContext, words: Words, i: int) -> bool:
    """Does the verb at token i open its sentence, after auxiliaries only ("وكانت قد استقبلت"،
    "كما طالب")? Its dropped subject then continues the sentence before."""
    s = ctx.sentence_of_token(i)
    return s >= 0 and all(words.has(k, *_AUXILIARY) for k in range(ctx.sent_toks[s][0], i))


def _opens_clause(ctx: ArticleContext, words: Words, i: int) -> bool:
    """A clause boundary right before token i: a clause word, a comma, or ثم."""
    k = i - 1
    while k >= 0 and words.has(k, "TIME", "FILLER", "PARTICLE", "THEN"):
        if words.has(k, "THEN"):
            return True
        k -= 1
    return k >= 0 and (words.has(k, "CLAUSE", "RELATIVE") or ctx.tokens[k].text in ("،", ","))
