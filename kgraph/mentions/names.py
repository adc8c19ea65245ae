"""Names of people: the words of a name the dictionary lacks, a person named after an honorific
or a title, a name that refers back to one given in full earlier, a name before a post.

A person may be named by a noun and a nationality alone ("الرهينة الكرواتي"): the same person as
the one of that nationality the article introduced with a noun and a name before.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..dictionary import ACTOR, DEMONYM, HONORIFIC, TITLE
from ..normalize import fold
from ..types import PERSON, Mention
from .context import MAX_NAME_WORDS, MentionContext, composed_key
from .match import Item
from .resolve import PHRASE, Candidate, mentions_of

_VERB_PREFIXES = ("يت", "تت", "يست", "تست", "ين", "تن")  # present-tense verbs: "يتلقى", "يستقبل"
NATIONAL = "noun-nationality-name"  # the rule of "الرهينة الفرنسية <name>"


def name_words(ctx: MentionContext, j: int) -> int:
    """End (exclusive) of the unknown-name words starting at token j; j if none.

    A name holds at most MAX_NAME_WORDS words besides its connectors, so a chain of fathers'
    names goes on ("سعد بن محمد بن علي القحطاني"); after آل the family name is read even where
    the dictionary knows the word ("آل الشيخ"), and الله closes a compound right after a
    connector or the word after one ("عبد الله"، "بن عطا الله")."""
    if j in ctx.model_names:
        return ctx.model_names[j]  # the model's name, as far as it goes
    d = ctx.dictionary
    n = len(ctx.doc)
    k = j
    content = 0
    while k < n:
        key = ctx.words[k]
        if k > j and _name_goes_on(ctx, j, k):
            k += 1
            continue
        if k > j and len(key) > 4 and key.startswith(("بال", "لل")):
            break  # a preposition glued to a definite noun: "<name> بالخرج"
        if k > j and key.startswith("ال") and ctx.words[k - 1].startswith("ال") \
                and ctx.words[k - 1] not in d.name_compounds:
            break  # one definite surname ends a name: "<name> الحربي المعرض" (the object follows)
        if k in ctx.covered or not ctx.doc[k].is_alpha or len(key) < 2:
            break
        is_connector = _connector(ctx, k)
        if key in d.family_markers and k > j:
            k += 1  # "آل": the family name follows
            continue
        # after بن/عبد a word is a name even where it folds to a stop word ("بن علي": على)
        after_connector = k > j and _connector(ctx, k - 1)
        if key in ctx.lexicon.stops and not is_connector and not after_connector or (
                key[:1] in "بلكو" and key[1:] in d.name_stops):
            break
        if k == j and (key in d.place_nouns | d.org_body_heads or key[:1] in "بل" and key[1:] in d.place_nouns
                       or ctx.keys[k].prefix[-1:] in ("ب", "ل", "ك")):
            # "أمير منطقة عسير"، "رئيس فرع الإفتاء": a place or a body, not a name; nor a known
            # word after a preposition ("المدير الفني لفريق ...")
            break
        if k == j and (key.startswith(("ال", "وال", "وو", "لل")) and not ctx.doc[k].text.startswith(("أل", "إل"))
                       or key in d.name_compounds
                       or len(key) > 4 and key.startswith(("بال", "كال", "فال"))
                       or is_connector and k + 1 >= n
                       or len(key) >= 5 and key.startswith(("لم", "لت"))  # "لمتابعة"، "لتعزيز": ل + verbal noun
                       or len(key) >= 5 and key.startswith(_VERB_PREFIXES)):
            break
        if key in d.speech_verbs:
            break  # "<name> رأى أن"
        nxt = ctx.item_at.get(k + 1)
        if k > j and key.startswith("ال") and not key.endswith("ي") and k + 1 < n and (
                k + 1 in ctx.covered and not (nxt and nxt.label in (TITLE, HONORIFIC))
                or ctx.words[k + 1].startswith("ال")):
            # a definite noun with its adjective is the verb's object: "<name> التدخل الأميركي";
            # a nisba surname is not ("<name> الحربي المعرض")
            break
        if k > j and key[:1] == "و" and key not in d.name_connectors and not (
                k == j + 1 and k + 1 < n and ctx.doc[k + 1].text == ":"):
            break  # a conjunction starts a new phrase (a last name before a colon may start with و)
        if k > j and not is_connector and ctx.has_pronoun_suffix(k) \
                and not any(key.endswith(c) for c in d.name_compounds):
            break  # "<name> شكره"، "<name> بزواجه": a noun or verb with its pronoun follows the name
        if content >= MAX_NAME_WORDS and not is_connector and ctx.words[k - 1] not in d.name_connectors:
            break  # past four words a name goes on only as a chain of fathers' names: "... بن خالد بن عبدالعزيز"
        content += not is_connector
        k += 1
    while k > j and _connector(ctx, k - 1):
        k -= 1
    if content >= MAX_NAME_WORDS and k < n and ctx.name_word(k) and ctx.words[k - 1] not in d.name_connectors \
            and not _chained(ctx, j, k):
        return j  # ran on past any plausible name: a phrase, not a name
    return k


def _connector(ctx: MentionContext, k: int) -> bool:
    """Is token k a connector of names (بن، عبد، أبو)? آبي, a surname, only folds like أبي."""
    return ctx.words[k] in ctx.dictionary.name_connectors and not ctx.doc[k].text.startswith("آ")


def _chained(ctx: MentionContext, j: int, k: int) -> bool:
    """Is the name [j, k) a chain of fathers' names ("<name> بن <name> بن <name>"), whose
    connectors delimit it, so that words after it need not make it a phrase?"""
    return any(w in ctx.dictionary.name_connectors for w in ctx.words[j + 1:k])


def _name_goes_on(ctx: MentionContext, j: int, k: int) -> bool:
    """Is token k (inside a name begun at j) a family name after آل, or the الله of a compound?"""
    d = ctx.dictionary
    if not ctx.doc[k].is_alpha:
        return False
    previous = ctx.words[k - 1]
    if previous in d.family_markers:
        return True
    return ctx.words[k] in d.name_compounds and (previous in d.name_connectors
                                                 or k - 2 >= j and ctx.words[k - 2] in d.name_connectors)


def person_after(ctx: MentionContext, seen: Sequence[Mention], j: int,
                 after_honorific: bool = True) -> tuple[Mention | None, int, tuple[Mention, ...]]:
    """A person named at token j (known, or name words), after an optional honorific; `seen`
    are the mentions read before. Returns (the person or None, token end, the mentions read
    before the person: a nationality between noun and name).

    Unknown names of one word are taken only after an honorific ("السيد ويتكوف").
    """
    first = j
    parts: tuple[Mention, ...] = ()
    it = ctx.item_at.get(j)
    if it and it.label == HONORIFIC and it.key == "counterpart":
        return None, j, parts  # "الوزير نظيره ...": the counterpart is someone else
    if it and it.label == HONORIFIC:
        j = it.end
        it = ctx.item_at.get(j)
        after_honorific = True
        if it and it.label == DEMONYM:
            # a nationality between noun and name: "الرهينة الفرنسية <name>"
            parts = (ctx.mention(it.start, it.end, ctx.actor_type(it.key), it.key),)
            j = it.end
            it = ctx.item_at.get(j)
    if it and it.label == ACTOR and ctx.actor_type(it.key) == PERSON:
        # the honorific belongs to the name as written ("المشير طنطاوي")
        return ctx.mention(first, it.end, PERSON, it.key), it.end, parts
    end = name_words(ctx, j)
    if end > j and (earlier := named_earlier(ctx, (*seen, *parts), j, end)):
        # "اللواء مصطفى"، "الرئيس عباس أمر ...": the person named in full before
        person, words = earlier
        stop = j + words
        return ctx.mention(first, stop, PERSON, person.key, source="title-rule",
                           person=ctx.surface(j, stop)), stop, parts
    if end - j >= (1 if after_honorific else 2):
        name = ctx.surface(j, end)
        return ctx.mention(first, end, PERSON, composed_key("person", name), source="title-rule",
                           person=name), end, parts
    return None, j, parts


def named_earlier(ctx: MentionContext, seen: Sequence[Mention], j: int, end: int) -> tuple[Mention, int] | None:
    """The person named in full earlier in the article (in `seen`) that the name words [j, end)
    refer back to, and how many of those words name them: the full name followed by other words
    ("<name> تعرض"), the surname alone, or the first name alone."""
    word = ctx.words[j]
    if len(word) < 3 or word in ctx.lexicon.stops:
        return None
    said = [fold(w) for w in ctx.surface(j, end).split()]
    start = ctx.keys[j].start
    for m in sorted(seen, key=lambda m: m.start, reverse=True):
        if m.type != PERSON or m.role or not m.key or m.end > start:
            continue
        words = [fold(w) for w in (m.person or m.surface).split()]
        if len(words) < 2 or said == words or len(said) != end - j:
            continue
        if said[:len(words)] == words:
            return m, len(words)
        # a surname ends a name, so words after it are not the name ("عباس أمر"); a first
        # name must stand alone ("السيد جون مارتن" is someone else than an earlier جون سميث)
        if word == words[-1] or word == words[0] and len(said) == 1:
            return m, 1
    return None


def with_person(parts: tuple[Mention, ...], person: Mention | None) -> tuple[Mention, ...]:
    """What `person_after` read, in text order: the mentions before the name, then the person."""
    return (*parts, person) if person else parts


def name_start_before(ctx: MentionContext, i: int, stop_at_speech_verb: bool = False) -> int | None:
    """Start of two to four unknown name words ending right before token i, or None."""
    k = i
    while k > 0 and i - k < MAX_NAME_WORDS and ctx.name_word(k - 1) and not (
            stop_at_speech_verb and ctx.words[k - 1] in ctx.dictionary.speech_verbs):
        k -= 1
    while k < i and ctx.words[k] in ctx.dictionary.name_connectors:
        k += 1
    if i - k < 2 or ctx.words[k].startswith(("ال", "و")):
        return None
    return k


def name_before(ctx: MentionContext, i: int) -> Mention | None:
    """An unknown name right before a role phrase, after a verb of saying:
    "وقال <name> <title> <state>". Two to four name words."""
    k = name_start_before(ctx, i)
    if not k or not ctx.is_speech_verb(ctx.words[k - 1]):
        return None
    return ctx.mention(k, i, PERSON, composed_key("person", ctx.surface(k, i)), source="title-rule")


def read_honorific(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """An honorific or a noun for a person and the name after it ("السيد ستيف ويتكوف"); a noun
    with a nationality and no name is a person too ("الرهينة الكرواتي")."""
    it = ctx.item_at.get(i)
    if not (it and it.label == HONORIFIC and it.key != "counterpart"):
        return None
    person, j, parts = person_after(ctx, mentions_of(kept), i)
    found = with_person(parts, person)
    rule = "honorific"
    if it.key == "person_noun" and (nationality := ctx.item_at.get(it.end)) and nationality.label == DEMONYM:
        if person is not None:
            rule = NATIONAL
        else:
            found = (*found, _national(ctx, kept, it, nationality))
        j = max(j, nationality.end)
    return Candidate(*ctx.claim(i, max(j, it.end)), rule, PHRASE, found)


def _national(ctx: MentionContext, kept: Sequence[Candidate], noun: Item, nationality: Item) -> Mention:
    """"الرهينة الكرواتي" with no name: a person, the same as the one person of that
    nationality the article introduced by a noun and name before ("الرهينة الفرنسية <name>"
    -> "المواطنة الفرنسية")."""
    # a NATIONAL candidate holds the nationality, then the person
    known = {c.mentions[-1].key for c in kept if c.rule == NATIONAL and c.mentions[0].key == nationality.key}
    key = next(iter(known)) if len(known) == 1 else composed_key("person", ctx.surface(noun.start, nationality.end))
    return ctx.mention(noun.start, nationality.end, PERSON, key, source="title-rule")
