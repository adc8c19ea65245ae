"""The subject of a demand verb: before it (SVO), right after it (VSO), or continued.

A verb cue's subject is the actor right after it ("طالبت الحكومة المصرية بـ"), a free actor
right before it ("مصر تطالب"), or, for a chained verb ("... ودعت"), the subject of the clause
it continues. When the entity layer did not recognise the word in that place ("وطالب الحارثي
بـ"، "المعارضة تطالب"), no actor is guessed. `subject_slot` reads the place after the verb: a
post phrase ends with its holder ("أمين سر اللجنة ... الدكتور صائب عريقات"), officials or
members speak for the nationality or body named after them ("عدد من المسؤولين الأمريكيين"،
"بعض أعضاء أوبك"), a capital is its state ("ودعت واشنطن"), the two parties or a statement
stand for their actors (`demand_speakers.group_referents`); an oblique plural or كل/جميع is
the verb's object, not its subject.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..normalize import fold
from ..types import LOCATION, PERSON, STATE
from .args import STRONG_PUNCT, Side, is_demonym, is_role_only, subject_before
from .context import Ref
from .cues import CueMatch
from .demand_speakers import group_referents, main_subject
from .demand_words import (
    DemandDoc,
    in_ref,
    is_report,
    is_word,
    key,
    phrase_at,
    ref_prefix,
    sent_range,
    strip_conj,
)

_OPENERS = ("(", "«", "\"", "“")  # marks that open a name: "طلبت (أحرار الشام)"


_PARTICLES = ("THING_LEAD", "GOVERNING_PREP", "NECESSITY_PREP", "NOUN_PREP", "THAT", "SPEAKER_NOT_NAME")


_GRAMMAR = ("REPORT", "CLAUSE", "RELATIVE", "STOP", "PREP_WITH", "PREP_FROM", "PREP_TO", "PREP_BETWEEN",
            "PREP_VIA", "COORD")


SUBJECT_SPAN = 5  # words of an unrecognised subject phrase searched for the actor it names


TITLED_SPAN = 10  # ... when a post title opens it: the holder's name ends a long post phrase


Earlier = Mapping[int, list[tuple[int, tuple[Ref, ...]]]]  # sentence -> (cue token, actors) read so far


def earlier_actors(earlier: Earlier, s: int, lo: int, hi: int) -> list[Ref]:
    """The actors of the latest demand read in sentence s with its cue in tokens [lo, hi)."""
    found = [acts for pos, acts in earlier.get(s, ()) if lo <= pos < hi]
    return list(found[-1]) if found else []


def subject_clause_start(doc: DemandDoc, i: int) -> int:
    """The first token of the clause with its own subject that holds token i: after the last
    NEW_SUBJECT_CLAUSE word (فيما، بينما، حيث، لكن...) or strong mark before i in its sentence."""
    sa, _ = sent_range(doc, i)
    for k in range(i - 1, sa - 1, -1):
        if doc.ctx.tokens[k].text in STRONG_PUNCT:
            return k + 1
        n = phrase_at(doc, k, "NEW_SUBJECT_CLAUSE", 2)
        if n and k + n <= i:
            return k + n
    return sa


def chained_subject(doc: DemandDoc, m: CueMatch, earlier: Earlier) -> list[Ref]:
    """The subject a chained verb ("... وطالبت") keeps: the actors of an earlier demand of its
    clause, else the actor right after the clause's first word ("فيما رحبت الجامعة بالهدنة
    ودعت الحوثيين إلى": the League)."""
    ctx = doc.ctx
    s = ctx.sentence_of_token(m.start)
    cl = subject_clause_start(doc, m.start)
    prior = earlier_actors(earlier, s, cl, m.start)
    if prior:
        return prior
    if m.start - cl > 18:
        return []
    for r in ctx.refs:
        if r.is_actor and cl <= r.tok_start < m.start:
            if r.tok_start - cl <= 2 and ref_prefix(doc, r)[:1] not in doc.wc.of("PREFIX_PREP"):
                return [r]
            break
    return []


def unnamed_noun(doc: DemandDoc, k: int) -> bool:
    """A definite word at token k that is not part of any recognised entity."""
    t = doc.ctx.tokens[k]
    w = key(doc, k).lstrip("".join(doc.wc.of("PREFIX_CONJ")))
    return (not t.is_punct and w.startswith(doc.wc.letters("ARTICLE")) and len(key(doc, k)) > 4
            and not in_ref(doc, k) and not doc.words.has(k, "RELATIVE", "TIME", "CLAUSE", "REPORT",
                                                         "FILLER", "STOP"))


def _unknown_word(doc: DemandDoc, k: int) -> bool:
    """A content word at token k that no entity, word class or particle accounts for (a name
    the entity layer did not find: "دمرتاش")."""
    t = doc.ctx.tokens[k]
    return not (t.is_punct or in_ref(doc, k) or doc.words.labels[k]
                or any(is_word(doc, k, lab) for lab in ("THING_LEAD", "GOVERNING_PREP", "THAT", "NEGATION",
                                                         "PARTICLE_BEFORE_VERB", "SPEAKER_NOT_NAME")))


def unknown_subject(doc: DemandDoc, m: CueMatch) -> bool:
    """The verb cue has a subject the entity layer did not recognise, so an actor after the
    verb is its object and an earlier actor is not its subject: "القوى المعارضة تطالب الرئيس
    بـ"، "زعيم الحزب صلاح الدين دمرتاش دعا الحكومة"، "وأدانت الجامعة ... وطالبت بـ"."""
    sa, _ = sent_range(doc, m.start)
    conj = doc.wc.of("PREFIX_CONJ")
    k = m.start - 1
    if k >= sa and m.first.prefix[:1] not in conj and not m.first.suffix and not m.get("pronoun_object") \
            and (unnamed_noun(doc, k) or (_unknown_word(doc, k) and (
                k == sa or doc.ctx.tokens[k - 1].is_punct or _unknown_word(doc, k - 1)))):
        return True  # SVO: "... المعارضة تطالب"، "صلاح الدين دمرتاش دعا" (not "من جهته دعا")
    if m.first.prefix[:1] in conj and m.start - sa > 2:
        # a chained verb: the sentence opens with a verb whose subject is not an entity
        first = sa
        while first < m.start and doc.ctx.tokens[first].is_punct:
            first += 1
        opener = key(doc, first).lstrip("".join(conj))
        if first + 1 < m.start and not opener.startswith(doc.wc.letters("ARTICLE")) \
                and not in_ref(doc, first) and not doc.words.labels[first] \
                and (unnamed_noun(doc, first + 1) or _unknown_word(doc, first + 1)):
            return True  # "تفقد مدير عام الجوازات المركز ... وحث العاملين"
    return False


def is_particle(doc: DemandDoc, k: int) -> bool:
    """A preposition, complementiser or grammar word, or a word glued to ب/ل (بضرورة، لتحرك)."""
    w = key(doc, k)
    return (doc.ctx.tokens[k].is_punct or any(is_word(doc, k, lab) for lab in _PARTICLES)
            or doc.words.has(k, *_GRAMMAR) or (w[:1] in doc.wc.of("PREFIX_PREP") and len(w) > 2))


def opens_phrase(doc: DemandDoc, k: int) -> bool:
    """Can a subject start after token k (a mark, a clause or particle word, و, or nothing)? A
    noun at k makes what follows its genitive ("بيد داعش طالب": داعش is no subject)."""
    if k < 0 or doc.ctx.tokens[k].is_punct:
        return True
    w = key(doc, k)
    return (doc.words.has(k, "CLAUSE", "RELATIVE", "TIME", "FILLER") or is_report(doc, k)
            or any(is_word(doc, k, lab) for lab in ("PARTICLE_BEFORE_VERB", "NEW_SUBJECT_CLAUSE", "THAT",
                                                     "AND", "THAT_PRONOUN"))
            or w in doc.wc.of("AND") or doc.ctx.sentence_of_token(k) != doc.ctx.sentence_of_token(k + 1))


def free_svo(doc: DemandDoc, m: CueMatch) -> list[Side]:
    """The subject before a verb cue (SVO) when it is free, not the genitive of a noun before it
    ("بيد داعش طالب")."""
    return free(doc, subject_before(doc.ctx, doc.words, m.start, max_gap=1))


def free(doc: DemandDoc, sides: list[Side]) -> list[Side]:
    """The sides before a verb, when free to be its subject (see `free_svo`)."""
    if sides:
        sa, _ = sent_range(doc, sides[0].start)
        k = sides[0].start - 1
        while k >= sa and doc.words.has(k, "FILLER") and not in_ref(doc, k):
            k -= 1
        if not in_ref(doc, k) and not opens_phrase(doc, k):  # a name before: an apposition
            return []
    return sides


def pronoun_subject(doc: DemandDoc, k: int) -> list[Ref]:
    """The actor a pronoun subject after أن at token k points back to: the subject of the verb
    of saying ("تؤكد أنها لن تسمح"، "أكد الوزير أنه لن يقبل")."""
    r = main_subject(doc, k).ref
    return [r] if r is not None else []


@dataclass(frozen=True)
class Slot:
    """What stands where a verb cue's subject would: `kind` is "actor" (a mention right there),
    "named" (`ref`, a person or a nationality the unrecognised subject phrase names: "دعا صلاح
    الدين دمرداش زعيم الحزب"، "طالب عدد من المشرعين الأميركيين"), "none" (a preposition, أن, a
    mark: the subject is dropped), "object" (كل، جميع، a plural in -ين: the verb's object), or
    "unknown" (a subject the entity layer did not find: "وطالب الحارثي بـ"، "ورفض المسؤول")."""
    kind: str
    refs: tuple[Ref, ...] = ()
    end: int = 0  # the token after the subject phrase, for "named"


def _capital_state(doc: DemandDoc, k: int) -> Ref | None:
    """A capital or country read as a place (LOCATION) standing as a subject at token k: the
    state it names, when the article has that state as an actor ("ودعت واشنطن" is the US)."""
    ctx = doc.ctx
    r = next((r for r in ctx.refs if r.tok_start == k and r.type == LOCATION), None)
    state = ctx.state_of_location(r.entity) if r is not None else None
    if state is None or ctx.type_of(state) != STATE:
        return None
    return replace(r, entity=state, type=STATE)


def slot_start(doc: DemandDoc, k: int, sb: int) -> int:
    """The first token after k that is no title, time word, formula or pronoun-preposition."""
    while k < sb and not in_ref(doc, k):
        n = phrase_at(doc, k, "SLOT_SKIP", 2)
        if n:
            k += n
        elif doc.words.has(k, "FILLER", "TIME") or doc.ctx.tokens[k].text in _OPENERS:
            k += 1
        else:
            break
    return k


def _not_the_speaker(doc: DemandDoc, k: int) -> bool:
    """A word that makes the subject someone else than the actor after it: an anonymous
    source ("مصدر سوري") or a relative ("والد الرهينة")."""
    kin = getattr(doc.ctx.dictionary, "kin_nouns", None) or frozenset()
    w = key(doc, k)
    return is_word(doc, k, "ANONYMOUS") or w in kin or strip_conj(doc, w) in kin


def _human_plural(doc: DemandDoc, k: int) -> bool:
    """A title or group word (مسؤولين، وفد، عدد من) or a sound plural (والمشرعين، المحتجون)."""
    w = strip_conj(doc, key(doc, k))
    return doc.words.has(k, "FILLER") or w.endswith(doc.wc.letters("OBLIQUE_PLURAL_END")) \
        or w.endswith(doc.wc.letters("PLURAL_IMPERFECT_END"))


def _group_word(doc: DemandDoc, k: int) -> bool:
    """A word for members or representatives of a body (بعض، أعضاء، ممثلو، مفاوضي)."""
    return doc.words.has(k, "FILLER") or is_word(doc, k, "GROUP_OF") or is_word(doc, k, "PARTITIVE")


def _named_by(doc: DemandDoc, phrase: int, k: int, r: Ref) -> str:
    """How the mention r, met at the end of the unrecognised subject phrase [k, r) (which
    started at token `phrase`, before its titles and group words), names its
    subject: "named" (a post in apposition: "صلاح الدين دمرداش زعيم الحزب"; a nationality of
    officials: "عدد من المسؤولين الأميركيين", dev rule 3; members of a body: "بعض أعضاء
    أوبك", dev3 rules 27 and 30), "object" (a nationality in the
    oblique plural with no من before it: "دعا الأطباء اليمنيين" asks them), or "unknown"."""
    between = range(k, r.tok_start)
    if any(_not_the_speaker(doc, j) for j in between):
        return "unknown"
    if is_role_only(r) and len(between) <= 3:
        return "named"
    if not is_demonym(r) and r.type != PERSON and between and all(_group_word(doc, j) for j in between):
        return "named"  # "وطالب بعض أعضاء أوبك"، "ودعا مفاوضو الأمم المتحدة": members speak for the body
    if is_demonym(r) and all(_human_plural(doc, j) for j in between):
        genitive = any(is_word(doc, j, "PARTITIVE") for j in range(phrase, r.tok_start))
        oblique = strip_conj(doc, fold(r.surface)).endswith(doc.wc.letters("OBLIQUE_PLURAL_END"))
        return "object" if oblique and not genitive else "named"
    return "unknown"


def _holder_after(doc: DemandDoc, r: Ref, starts: dict[int, Ref]) -> bool:
    """A person named right after a body (titles between): the body ends a post phrase
    whose holder follows ("أمين سر اللجنة التنفيذية الدكتور صائب عريقات")."""
    k = r.tok_end
    while k < len(doc.ctx.tokens) and k not in starts and doc.words.has(k, "FILLER"):
        k += 1
    nxt = starts.get(k)
    return nxt is not None and nxt.type == PERSON


def _titled(doc: DemandDoc, k: int) -> bool:
    """Does a post title (أمين سر، نائب رئيس، وزير...) open the phrase at token k?"""
    if doc.titles is None:
        return False
    return any(t.start == 0 for t in doc.titles.find(doc.ctx.tokens[k:k + 4]))


def subject_slot(doc: DemandDoc, m: CueMatch, sb: int) -> Slot:
    k = slot_start(doc, m.end, sb)
    if k >= sb:
        return Slot("none")
    capital = _capital_state(doc, k)
    if capital is not None:
        return Slot("named", (capital,), capital.tok_end)  # "ودعت واشنطن": the state (dev rule 4)
    if in_ref(doc, k):
        return Slot("actor")
    group = group_referents(doc, k)
    if group.refs:
        return Slot("named", group.refs, k + 1)  # "ودعا الجانبان"، "وطالب البيان"
    if is_particle(doc, k):
        return Slot("none")
    w = key(doc, k)
    if is_word(doc, k, "SLOT_OBJECT") or (w.startswith(doc.wc.letters("ARTICLE"))
                                          and w.endswith(doc.wc.letters("OBLIQUE_PLURAL_END"))):
        return Slot("object")
    starts = {r.tok_start: r for r in doc.ctx.refs if r.is_actor}
    titled = _titled(doc, k)
    j, limit = k, k + (TITLED_SPAN if titled else SUBJECT_SPAN)
    while j < min(sb, limit):
        r = starts.get(j)
        if r is not None and r.type != PERSON and (titled or _holder_after(doc, r, starts)):
            j = r.tok_end  # "أمين سر اللجنة التنفيذية لمنظمة التحرير الدكتور صائب عريقات"
            limit, titled = max(limit, j + 2), True
            continue
        if r is not None:
            kind = "named" if titled else _named_by(doc, m.end, k, r)
            return Slot(kind, (r,), r.tok_end) if kind == "named" else Slot(kind)
        if is_particle(doc, j) and not doc.words.has(j, "FILLER"):
            break
        j += 1
    return Slot("unknown")
