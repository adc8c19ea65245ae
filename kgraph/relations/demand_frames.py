"""Demand frames: for one cue, who demands (or refuses) what, from whom.

Each cue of `kgraph/data/demand_cues.jsonl` names its frame, the way its arguments stand:

- verb and noun (طالب، دعا إلى، حث على، طلب X من Y، اشترط، تمسك بـ، أصر على، رفض...; مطالبة،
  إصرار، شروط، حرص على...): the actor is the subject before the cue (SVO), the first actor
  after it (VSO, or the genitive of a noun: "إصرار الجانب الإسرائيلي على"), an adjective
  ("طلب أميركي")، or the owner of a pronoun ("حرصها على"); a direct object or "من X" is the
  target; the demanded thing follows (after ب، إلى، على، أن...);
- participle (مطالبا، داعيا، رافضا): the subject of the main clause;
- predicate ("X هو أولوية قصوى", "X غير مقبول"): the thing stands before the cue;
- necessity (ضرورة، يجب، ينبغي): the speaker before it ("شدد الوزير على ضرورة ...") or the
  sentence's speaker;
- condition ("لن نشارك إلا بضمانات"، "لن ننسحب قبل استئناف المفاوضات"): after a negation,
  what is required;
- offer (rule 16: "أبدى استعداده لـ X مقابل Y"، "يمكن أن ... إذا وافقوا على Y"): Y is a demand.

When the subject of a verb cue is a noun the entity layer did not recognise ("القوى المعارضة
تطالب الرئيس بـ"، "وأدانت الجامعة ... وطالبت"، "وقال فلان ... وطلبنا"), no actor is guessed.
Each frame is a function (doc, cue, ...) -> Found | None; `find_demands` runs them all.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..normalize import fold
from ..types import DEMAND, REJECT
from .args import (
    STRONG_PUNCT,
    Side,
    clause_left,
    group_sides,
    previous_actor,
    rep_id,
    representative,
    subject_before,
)
from .context import Ref
from .cues import CueMatch, CueMatcher
from .demand_speakers import last_speaker, latter, main_subject, pair_referents, speaker_state, speech_speaker
from .demand_subjects import (
    Earlier,
    chained_subject,
    earlier_actors,
    free,
    free_svo,
    is_particle,
    opens_phrase,
    pronoun_subject,
    slot_start,
    subject_slot,
    unknown_subject,
    unnamed_noun,
)
from .demand_things import THING_MAX, is_not_thing, thing_from
from .demand_words import (
    DemandDoc,
    governed,
    in_ref,
    is_word,
    key,
    phrase_at,
    ref_prefix,
    sent_range,
    strip_conj,
)
from .subjects import opens_sentence, sentence_subject
from .tokens import readings

Range = tuple[int, int]
_COMMAS = ("،", ",")
@dataclass(frozen=True)
class Found:
    """One reading of a cue: its actors, stance, the demanded thing (tokens [a, b); empty when
    the thing is an antecedent named before), the rule that read it and the target."""
    actors: tuple[Ref, ...]
    stance: str
    thing: Range
    cue: CueMatch
    rule: str
    target: str | None = None
    refused: Range | None = None  # a condition's refused act (لن نشارك ... إلا): a reject as well


def _stance(m: CueMatch) -> str:
    return REJECT if m.label == REJECT.upper() else DEMAND


def _frames(m: CueMatch) -> list[str]:
    return [p.get("frame", "verb") for p in m.patterns]


def frame_of(doc: DemandDoc, m: CueMatch) -> str:
    """How cue m is read. A word that is both a verb with its object and a noun with its
    owner ("رفضها") is the noun after a preposition or right after its actor ("أعربت
    السعودية عن رفضها"، "جددت مصر رفضها تهجير ..."), else the verb ("التي رفضها الوزير")."""
    frames = _frames(m)
    if "noun" in frames and frames[0] != "noun" and m.start > 0 and (
            is_word(doc, m.start - 1, "NOUN_PREP") or in_ref(doc, m.start - 1)):
        return "noun"
    if "participle" in frames and m.start > 0 and doc.ctx.tokens[m.start - 1].text in _COMMAS:
        return "participle"  # "رحبت الجامعة بالهدنة، مطالبة الحوثيين باحترامها"
    return frames[0]


def blocked(doc: DemandDoc, m: CueMatch, frame: str) -> bool:
    """Negated ("لم يطالب"), hypothetical ("إذا رفض")، inside a purpose clause or a mediator's aims
    ("بهدف مطالبة"), or a verb in a relative clause whose antecedent is no free actor ("الحركات
    التي تدعو إلى"، "نداء باريس الذي يدعو"، "الأمر الذي دعا X إلى": what prompted it)."""
    sa, _ = sent_range(doc, m.start)
    if frame == "verb" and m.start > sa and not m.first.prefix:
        k = m.start - 1
        orphan = doc.words.has(k, "RELATIVE") and not _free_antecedent(doc, k) \
            and document_issuer(doc, k) is None and _relative_is_subject(doc, m)
        if is_word(doc, k, "CAUSATIVE") or orphan:
            return True
    if any(phrase_at(doc, k, "HYPOTHETICAL", 2) for k in range(max(sa, m.start - 2), m.start)):
        return True
    if m.label == DEMAND.upper() and frame not in ("condition", "predicate"):
        for k in range(max(sa, m.start - 3), m.start):
            if is_word(doc, k, "NEGATION") and not doc.words.has(k + 1, "REPORT"):
                return True
    conj = "".join(doc.wc.of("AND"))
    for k in range(max(sa, m.start - 8), m.start):
        if doc.wc.has(key(doc, k).lstrip(conj), "PURPOSE") or is_word(doc, k, "PURPOSE"):
            return True
    cl = clause_left(doc.ctx, doc.words, m.start)
    return cl > sa and is_word(doc, cl - 1, "PURPOSE_LEAD")


def _relative_is_subject(doc: DemandDoc, m: CueMatch) -> bool:
    """In "X الذي <verb>", is X the verb's subject? Not when the verb has its own subject after
    it ("الأمر الذي رفضته الولايات المتحدة") or an agent ("الذي طرح من قبل الحكومة")."""
    _, sb = sent_range(doc, m.start)
    if m.first.suffix or m.get("pronoun_object"):
        return False
    if any(phrase_at(doc, k, "PASSIVE_AGENT", 2) for k in range(m.end, min(sb, m.end + 3))):
        return False
    return subject_slot(doc, m, sb).kind not in ("actor", "named")


def _free_antecedent(doc: DemandDoc, rel: int) -> bool:
    """Does an actor stand free right before the relative pronoun at `rel` ("أمريكا التي")?"""
    r = next((r for r in doc.ctx.refs if r.is_actor and r.tok_end == rel), None)
    return r is not None and opens_phrase(doc, r.tok_start - 1)


def document_issuer(doc: DemandDoc, rel: int) -> Ref | None:
    """"قرار مجلس الأمن الدولي رقم 2216 الذي يدعو": the actor named right after the document
    word that the relative pronoun at `rel` stands on."""
    sa, _ = sent_range(doc, rel)
    for k in range(rel - 1, max(sa, rel - 6) - 1, -1):
        if is_word(doc, k, "DOCUMENT"):
            return next((r for r in doc.ctx.refs if r.is_actor and r.tok_start == k + 1), None)
    return None


def actor_refs(doc: DemandDoc, sides: list[Side]) -> list[Ref]:
    out = []
    for s in sides:
        r = representative(doc.ctx, s)
        if r is not None:
            out.append(r)
    return out


def _take_coordinated(doc: DemandDoc, rest: list[Side]) -> list[Ref]:
    """The first side of `rest` and the sides coordinated with it ("طلب مصر وقطر"), taken off."""
    actors = actor_refs(doc, [rest.pop(0)])
    while rest and rest[0].coord and rest[0].marker is None:
        actors += actor_refs(doc, [rest.pop(0)])
    return actors


# -- verb and noun ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Reading:
    """How a verb-or-noun cue is read: as a verbal noun, as a purpose verb ("لتطلب")."""
    is_noun: bool
    purpose_verb: bool
    frames: frozenset[str]


def _reading(doc: DemandDoc, m: CueMatch, frame: str) -> _Reading:
    frames = frozenset(_frames(m))
    prep = doc.wc.letters("PREFIX_PREP")
    purpose_verb = m.first.prefix.endswith(doc.wc.letters("PREFIX_TO")) and \
        m.first.stem[:1] in doc.wc.of("PREFIX_IMPERFECT") and "verb" in frames
    is_noun = not purpose_verb and (
        frame == "noun" or m.first.stem.startswith(doc.wc.letters("ARTICLE")) or m.first.prefix.endswith(prep)
        or ("noun" in frames and is_word(doc, m.start - 1, "NOUN_GOVERNOR")))
    return _Reading(is_noun, purpose_verb, frames)


def _passive_agent(doc: DemandDoc, m: CueMatch, sb: int) -> tuple[list[Ref], int | None]:
    """"الذي طرح من قبل الحكومة"، "تم رفضه من قبل الحركة": the agent of a passive."""
    for k in range(m.end, min(sb, m.end + 3)):
        n = phrase_at(doc, k, "PASSIVE_AGENT", 2)
        if n and k + n <= sb:
            sides, _ = group_sides(doc.ctx, doc.words, k + n, sb, max_gap=0)
            if sides and sides[0].actor_refs():
                return actor_refs(doc, sides[:1]), sides[0].end
            break
    return [], None


def _object_first(doc: DemandDoc, m: CueMatch, actors: list[Ref], rest: list[Side],
                  sentence_actor: Earlier) -> Found | None:
    """"ضغط على X لـ"، "أمهل X يومين": the actor is the clause's subject, X the target."""
    target = rep_id(doc.ctx, rest[0])
    actors = actors or actor_refs(doc, subject_before(doc.ctx, doc.words, m.start, max_gap=3)[-1:])
    if not actors:
        r = main_subject(doc, m.start).ref
        actors = [r] if r is not None else chained_subject(doc, m, sentence_actor)
    if not actors:
        return None
    a, b = thing_from(doc, rest[0].end)
    while a < b and is_word(doc, a, "DEADLINE"):
        a += 1
    return Found(tuple(actors), DEMAND, (a, b), m, "object-first", target=target)


def _subject_before_cue(doc: DemandDoc, m: CueMatch, rd: _Reading,
                        sentence_actor: Earlier) -> list[Ref]:
    """The actors standing before the cue (SVO), or the subject a chained verb keeps."""
    ctx = doc.ctx
    conj = doc.wc.of("PREFIX_CONJ")
    chained = (not rd.is_noun and m.first.prefix[:1] in conj and m.start > 0
               and not ctx.tokens[m.start - 1].is_punct)
    before = subject_before(ctx, doc.words, m.start, max_gap=1 if rd.is_noun else 2, all_sides=True)
    if not rd.is_noun and not chained:
        before = free(doc, before)  # "بيد داعش طالب الرئيس": داعش is no subject
    if rd.is_noun and before and is_word(doc, before[0].start - 1, "GOVERNING_PREP") \
            and not any(r.suffix for r in readings(ctx.tokens[m.start].text)):
        before = []  # "علاقاتها مع إيران شرط أن ...": إيران is no owner (but "مع الوفد لإصرارهم")
    if before and chained:
        # "وأدانت الجامعة الانتهاكات الإسرائيلية ... وطالبت": the actor standing a few words
        # before a chained verb is not its subject; the first verb's subject is
        chain = chained_subject(doc, m, sentence_actor)
        if chain and chain[0].entity not in {r.entity for r in actor_refs(doc, before)}:
            return chain
        if not chain and unknown_subject(doc, m):
            before = []
    if before:
        return actor_refs(doc, before)  # adjacent demonyms: a joint position of each
    if not rd.is_noun and m.first.prefix[:1] in conj:
        # "وأدانت السلطنة ... وطالبت بـ": a chained verb keeps the subject of the one before
        return chained_subject(doc, m, sentence_actor)
    return []


def _object_is_after(doc: DemandDoc, m: CueMatch, sb: int) -> bool:
    """"طالبت القوى المعارضة رئيس الوزراء بـ": an unrecognised subject right after the verb,
    so the actor after it is the object."""
    return m.end < sb and unnamed_noun(doc, m.end) and not m.get("pronoun_object") and any(
        r.is_actor and m.end < r.tok_start <= m.end + 8 and not governed(doc, Side([r]))
        for r in doc.ctx.refs)


def _target(doc: DemandDoc, m: CueMatch, rest: list[Side]) -> str | None:
    """"من X" (طلب من X), or a direct object right after the cue (طالبت X بـ، دعا X إلى)."""
    if not rest:
        return None
    s = rest[0]
    if s.marker == "from" and m.get("target_prep"):
        return rep_id(doc.ctx, s)
    if s.marker is None and m.get("object"):
        return rep_id(doc.ctx, s)
    return None


def _has_required_prep(doc: DemandDoc, m: CueMatch, start: int, a: int, sb: int) -> bool:
    """A cue that needs its preposition ("دعوة إلى"، "حرص على") has it before the thing; a
    one-letter preposition (ل) may be glued to the word."""
    wanted = {fold(p) for p in m.get("requires_prep") or ()}
    glued = {p for p in wanted if len(p) == 1}
    for k in range(start, min(a + 1, sb)):
        w = key(doc, k)
        if w in wanted or (w[:1] in glued and len(w) > 1):
            return True
    return False


def _unknown_owner(doc: DemandDoc, m: CueMatch) -> bool:
    """"شروط الاتفاق"، "مطالب أعضائه": a demand noun whose genitive owner is no actor."""
    k = m.end
    return (m.get("genitive") == "owner" and not m.first.suffix and k < len(doc.ctx.tokens)
            and not m.first.stem.startswith(doc.wc.letters("ARTICLE"))
            and not in_ref(doc, k) and not is_particle(doc, k))


def head_frame(doc: DemandDoc, m: CueMatch, frame: str,
               sentence_actor: Earlier) -> Found | None:
    """A verb or noun cue."""
    ctx = doc.ctx
    _, sb = sent_range(doc, m.start)
    rd = _reading(doc, m, frame)
    first = m.end if rd.is_noun else slot_start(doc, m.end, sb)  # past "بها"، "رحمه الله"
    after, stop = group_sides(ctx, doc.words, first, sb, max_gap=0, stop_words=True)
    after = [s for s in after if s.actor_refs()]
    rest = list(after)
    actors: list[Ref] = []
    we = doc.wc.letters("SUFFIX_WE")
    if m.get("speaker"):
        # "أطالب"، "نرفض": the quoted speaker ("i") or the body he speaks for ("we")
        sp = last_speaker(doc, m.start) if m.get("speaker") == "i" else speaker_state(doc, m.start)
        if sp.ref is None:
            return None
        actors = [sp.ref]
    elif m.first.suffix and rd.is_noun and m.first.suffix not in we:
        if doc.wc.has(m.first.suffix, "SUFFIX_DUAL"):
            actors = list(pair_referents(doc, m.start, False))  # "أكد الجانبان حرصهما على"
        else:
            r = previous_actor(ctx, m.start, prefer_person=False)  # "حرصها على": the owner
            actors = [r] if r is not None else []
    elif m.first.suffix in we or (m.first.key.endswith(we) and not rd.is_noun):
        sp = speaker_state(doc, m.start)  # "طلبنا": the speaker's side
        if sp.unnamed:
            return None
        actors = [sp.ref] if sp.ref is not None else []
    if m.get("svo_only") and not subject_before(ctx, doc.words, m.start, max_gap=1):
        return None
    agent, agent_end = _passive_agent(doc, m, sb)
    if agent:
        actors = agent
        rest = [x for x in rest if x.start >= agent_end]
    if m.get("object_first") and rest and rest[0].marker is None and rest[0].start <= m.end + 1:
        return _object_first(doc, m, actors, rest, sentence_actor)
    if not actors and rd.is_noun and rest and rest[0].start <= m.end + 1:
        if rest[0].marker is None or (rest[0].marker == "from" and rest[0].start == m.end + 1
                                      and not m.first.stem.startswith(doc.wc.letters("ARTICLE"))):
            # "إصرار الجانب الإسرائيلي على"، "طلب الحكومة الفرنسية"، "بعد طلب من X"
            actors = _take_coordinated(doc, rest)
    if not actors and rd.is_noun and is_word(doc, m.end, "PAIR_GENITIVE"):
        actors = list(pair_referents(doc, m.start, True))  # "رفض البلدين القاطع"
        agent_end = m.end + 1 if actors else agent_end
    if not actors and rd.is_noun and _unknown_owner(doc, m):
        return None
    definite = m.first.stem.startswith(doc.wc.letters("ARTICLE"))
    if not actors and rd.is_noun and m.get("owner_needed") and definite:
        return None  # "الشروط المرفقة ببرنامج الإنقاذ": demands mentioned, nobody's
    s_idx = ctx.sentence_of_token(m.start)
    after_comma = m.start > 0 and ctx.tokens[m.start - 1].text in _COMMAS
    if not actors and not rd.is_noun and (rd.purpose_verb or (m.first.prefix[:1] in doc.wc.of("AND")
                                                               and after_comma)):
        # "لتطلب" (in order to ask), "..., ويرفض": the subject of the clause before
        actors = earlier_actors(sentence_actor, s_idx, 0, m.start)
        if not actors and rd.purpose_verb:
            r = main_subject(doc, m.start).ref
            if r is None:
                return None
            actors = [r]
    conj = doc.wc.of("PREFIX_CONJ")
    bare = m.first.prefix[:1] not in conj
    if not actors and not rd.is_noun and bare and doc.words.has(m.start - 1, "RELATIVE"):
        issuer = document_issuer(doc, m.start - 1)  # "قرار مجلس الأمن الذي يدعو"
        actors = [issuer] if issuer is not None else []
    if not actors and not rd.is_noun and not (bare and free_svo(doc, m)) \
            and not (not bare and chained_subject(doc, m, sentence_actor)):
        # VSO: what stands right after the verb
        slot = subject_slot(doc, m, sb)
        if slot.kind == "named" and slot.refs:
            actors = list(slot.refs)  # "دعا <name> زعيم الحزب إلى"، "ودعا الجانبان"
            rest = [x for x in rest if x.start >= slot.end]
            agent_end = slot.end
        elif slot.kind == "unknown":
            return None  # a subject the entity layer did not find
    if not actors:
        actors = _subject_before_cue(doc, m, rd, sentence_actor)
    if not actors and not rd.is_noun and bare and is_word(doc, m.start - 1, "PRONOUN_THAT"):
        actors = pronoun_subject(doc, m.start - 1)  # "أكدت أنها لن تسمح": the speaker's side
    if not actors and not rd.is_noun and (unknown_subject(doc, m) or _object_is_after(doc, m, sb)):
        return None
    if not actors and not rd.is_noun and rest and rest[0].marker is None \
            and rest[0].start == slot_start(doc, m.end, sb):
        actors = _take_coordinated(doc, rest)  # VSO: the subject right after the verb
    if not actors and rd.is_noun and rest and rest[0].marker is None and rest[0].start <= m.end + 1:
        actors = _take_coordinated(doc, rest)  # the genitive after a noun
    if not actors and not rd.is_noun:
        # a dropped subject continues the subject of the sentence, or of the sentences before
        # ("وصل الوزير ... وأجرى اتصالا بالرئيس. كما طالب": the minister), else the latest actor
        r = sentence_subject(ctx, doc.words, m.start, set()) \
            if opens_sentence(ctx, doc.words, m.start) else None
        r = r or previous_actor(ctx, m.start, prefer_person=False)
        actors = [r] if r is not None else []
    if not actors and rd.is_noun and m.id == "condition":
        r = main_subject(doc, m.start).ref  # "يؤكد الجبير حرص المملكة ... شرط أن": the clause's subject
        actors = [r] if r is not None else []
    if not actors:
        return None
    target = _target(doc, m, rest)
    # the thing: after the last argument
    start = m.end if agent_end is None else agent_end
    for s in after:
        if s.end <= stop and (s.marker is None or s.marker == "from") and s.start <= start + 3:
            start = max(start, s.end)
    a, b = thing_from(doc, start)
    resumed = _resumed_antecedent(doc, m)
    if resumed is not None:
        a, b = resumed  # "الهدنة الإنسانية التي طالب بها الرئيس": the truce
    if m.id == "condition" and b > a and key(doc, a)[:1] in doc.wc.of("PREFIX_TO") and len(key(doc, a)) > 3:
        a = _after_purpose(doc, a, b)  # "شرطين لعقد اللقاء، الأول هو ...": what it is for is no demand
    if m.get("pronoun_object") or b <= a:
        return Found(tuple(actors), _stance(m), (a, a), m, "pronoun-object", target=target)
    if m.get("requires_prep") and not _has_required_prep(doc, m, start, a, sb):
        return None
    return Found(tuple(actors), _stance(m), (a, b), m, "noun" if rd.is_noun else "verb", target=target)


def _resumed_antecedent(doc: DemandDoc, m: CueMatch) -> Range | None:
    """"X التي طالب بها الرئيس": a relative clause whose verb takes its thing back by a pronoun
    (بها، به) demands the definite noun phrase X before the relative pronoun."""
    k = m.start - 1
    if not doc.words.has(k, "RELATIVE") or not is_word(doc, m.end, "RESUMPTIVE"):
        return None
    article = doc.wc.letters("ARTICLE")
    a = k
    while a - 1 >= 0 and k - a < 4 and strip_conj(doc, key(doc, a - 1)).startswith(article) \
            and not in_ref(doc, a - 1):
        a -= 1
    return (a, k) if a < k else None


def _after_purpose(doc: DemandDoc, a: int, b: int) -> int:
    toks = doc.ctx.tokens
    for k in range(a, b):
        if toks[k].text in ("،", ",", ":"):
            a = k + 1
            while a < b and (is_word(doc, a, "ORDINAL_LEAD") or toks[a].is_punct):
                a += 1
            break
    return a


# -- participle, predicate, necessity, condition, offer -----------------------------------------
def participle_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"..., مطالبا X بـ"، "داعيا إلى": the subject of the main clause demands."""
    ctx = doc.ctx
    sa, sb = sent_range(doc, m.start)
    prep = doc.wc.of("PREFIX_PREP")
    firsts = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start < m.start
              and not ctx.is_media(r.entity) and ref_prefix(doc, r)[-1:] not in prep]
    actor = main_subject(doc, m.start).ref or (firsts[0] if firsts else None)
    if actor is None:
        return None
    after, _ = group_sides(ctx, doc.words, m.end, sb, max_gap=0)
    target = None
    start = m.end
    if after and after[0].marker is None and after[0].start <= m.end + 1 and after[0].actor_refs():
        target = rep_id(ctx, after[0])
        start = after[0].end
    a, b = thing_from(doc, start)
    if b <= a:
        return None
    return Found((actor,), _stance(m), (a, b), m, "participle", target=target)


def _predicate_anchor(doc: DemandDoc, m: CueMatch, sa: int) -> int | None:
    """Where the thing before a predicate cue starts: after أن، a relative, a verb of
    judging, or a strong mark."""
    ctx = doc.ctx
    conj = doc.wc.of("PREFIX_CONJ")
    k = m.start - 1
    while k >= sa and m.start - k <= THING_MAX:
        w = key(doc, k)
        if w[:1] in conj and doc.wc.has(w[1:], "THAT"):
            w = w[1:]
        if doc.wc.has(w, "THAT") or doc.wc.starts(w, "CONSIDER") or doc.words.has(k, "RELATIVE") \
                or ctx.tokens[k].text in STRONG_PUNCT | {":"}:
            return k
        k -= 1
    return None


def predicate_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"X هو أولوية قصوى"، "تعتبر X غير مقبول"، "الأمر الذي تعتبره الأخيرة ... مرفوضا"."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, m.start)
    if any(phrase_at(doc, k, "PREDICATE_NEGATION", 2) for k in range(max(sa, m.start - 2), m.start)):
        return None  # "ليست ضرورية"
    if is_word(doc, m.start - 1, "ADVERBIAL"):
        return None  # "دخلوا بطريقة غير شرعية": a manner
    if _definite_reading(doc, m):
        return None  # "الهجرة غير الشرعية": an attribute, not a predicate
    anchor = _predicate_anchor(doc, m, sa)
    if anchor is None:
        return None
    a, b = anchor + 1, m.start
    while b > a and (is_word(doc, b - 1, "COPULA") or ctx.tokens[b - 1].is_punct):
        b -= 1
    while a < b and ctx.tokens[a].is_punct:
        a += 1
    ak = key(doc, anchor)
    actor: Ref | None = None
    for i in range(a, b):
        if is_word(doc, i, "LATTER"):
            actor = latter(doc, i)
            a = b
            break
    if actor is None and anchor > sa and doc.words.has(anchor - 1, "CLAUSE") and \
            doc.wc.starts(key(doc, anchor - 1), "REPORT_PARTICIPLE"):
        # "..., معتبرة أن X أولوية": the subject of the main clause
        firsts = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start < anchor]
        actor = firsts[0] if firsts else None
    if actor is None and doc.wc.has(ak, "THAT"):
        sp = main_subject(doc, anchor)
        if sp.unnamed:
            return None
        actor = sp.ref
    if actor is None:
        before = subject_before(ctx, doc.words, anchor, max_gap=3)
        if before:
            actor = representative(ctx, before[-1])
        elif doc.wc.starts(ak, "CONSIDER"):
            sides, _ = group_sides(ctx, doc.words, anchor + 1, m.start, max_gap=0)
            if sides and sides[0].actor_refs():
                actor = representative(ctx, sides[0])
                a = sides[0].end
    if actor is None:
        actor = previous_actor(ctx, anchor, prefer_person=False)
    if actor is None:
        return None
    thing = (a, b)
    if b <= a and is_word(doc, m.end, "THAT_BARE") and not doc.words.has(anchor, "RELATIVE"):
        # "أكد أنه من المهم أن ...": the necessity follows the cue
        thing = thing_from(doc, m.end)
        if thing[1] <= thing[0]:
            return None
    elif doc.words.has(anchor, "RELATIVE") or b <= a:
        thing = (a, a)
    return Found((actor,), _stance(m), thing, m, "predicate")


def impersonal_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"يجب/ينبغي/لا بد من X"، "لا يمكن لإسرائيل X": the sentence's speaker demands (refuses) X."""
    ctx = doc.ctx
    start = m.end
    target = None
    if is_word(doc, m.start - 1, "AS"):
        return None  # "كما ينبغي" (as it should)
    if is_word(doc, start, "OWN_SIDE") or (is_word(doc, start, "THAT_BARE")
                                           and key(doc, start + 1)[:1] in doc.wc.of("PREFIX_WE")
                                           and len(key(doc, start + 1)) > 3):
        return None  # "يجب علينا"، "يجب أن نغير": the speaker's own side (dev3 rule 41)
    if m.id == "impersonal_refusal" and doc.wc.has(m.first.key, "REFUSAL_NOT"):
        # "لا يمكن لإسرائيل تسجيل ...": a refusal addressed to X
        r = next((r for r in ctx.refs if r.tok_start == m.end and r.is_actor), None)
        if r is None or not ref_prefix(doc, r).startswith(doc.wc.letters("PREFIX_TO")):
            return None
        target = r.entity
        start = r.tok_end
    actors = speech_speaker(doc, m.start).refs
    if not actors:
        return None
    a, b = thing_from(doc, start)
    if b <= a:
        return None
    return Found(actors, _stance(m), (a, b), m, "impersonal", target=target)


def necessity_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"ضرورة X": the actor is the subject right before ("توافق مصري قطري على ضرورة"), else
    the subject of the verb of saying that governs it ("شدد الوزير، الذي ...، على ضرورة"،
    "وأكد الجانبان ضرورة"), else the speaker of the quotation or statement it stands in."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, m.start)
    k = m.start - 1
    while k >= sa and is_word(doc, k, "NECESSITY_PREP"):
        k -= 1
    actors = actor_refs(doc, subject_before(ctx, doc.words, k + 1, max_gap=1, all_sides=True))
    if not actors:
        actors = list(speech_speaker(doc, m.start).refs)
    if not actors:
        return None
    a, b = thing_from(doc, m.end)
    if b <= a:
        return None
    return Found(tuple(actors), DEMAND, (a, b), m, "necessity")


def condition_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"لن نشارك إلا بضمانات"، "لن ننسحب قبل استئناف المفاوضات": what a negated act waits for."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, m.start)
    if is_word(doc, m.end, "THAT_PRONOUN"):
        return None  # "إلا أن": however
    if m.first.prefix[:1] in doc.wc.of("AND"):
        return None  # "وإلا": otherwise
    neg = None
    for k in range(m.start - 1, max(sa, m.start - 12) - 1, -1):
        if is_word(doc, k, "CONDITION_NEGATION"):
            neg = k
            break
        if ctx.tokens[k].text in STRONG_PUNCT:
            break
    if neg is None:
        return None
    if is_word(doc, neg, "NEGATION") and key(doc, neg + 1)[:1] not in doc.wc.of("VERB_START"):
        return None  # "لا علاج لها إلا بالحزم": a negated noun, no act waits for a condition
    if m.id == "not_before" and (not is_word(doc, neg, "FUTURE_NEGATION") or m.start - neg > 10):
        return None  # "لن ننسحب قبل ..." (a refusal until), not "لم ... قبل يومين"
    nxt = key(doc, neg + 1)
    we = nxt[:1] in doc.wc.of("PREFIX_WE") and len(nxt) > 3
    if is_word(doc, neg, "PRESENT_NEGATION") and not we and speech_speaker(doc, neg).ref is None:
        return None  # "لا تبدأ عمليات الرمي إلا بعد غروب الشمس": the writer describes
    before = subject_before(ctx, doc.words, neg, max_gap=3)
    actor = representative(ctx, before[-1]) if before else None
    if is_word(doc, neg + 1, "NEG_IMPERSONAL"):
        actor = speech_speaker(doc, neg).ref  # "الحل لن يكون إلا بالحوار": the speaker
        if actor is None:
            return None
    if neg + 1 < m.start and we:
        actor = speaker_state(doc, neg).ref  # "لن نشارك إلا ...": we, the speaker's side
    if actor is None:
        after, _ = group_sides(ctx, doc.words, neg + 1, m.start, max_gap=1)
        after = [s for s in after if s.actor_refs() and s.marker is None]
        actor = representative(ctx, after[0]) if after else None
    if actor is None:
        actor = previous_actor(ctx, neg, prefer_person=False)
    if actor is None:
        return None
    start = m.end
    if doc.wc.has(m.first.key, "UNLESS_WORD") and is_word(doc, start, "AFTER"):
        start += 1
    a, b = thing_from(doc, start)
    if b <= a:
        return None
    if m.id == "not_before" and doc.topics.topic(ctx.tokens[a:b]) is None:
        return None  # "قبل نهاية الشهر": a time, not a condition
    if b - a >= 2 and is_word(doc, a, "IF") and key(doc, a + 1).endswith(doc.wc.letters("SUFFIX_WE")):
        return None  # "لا يمكن أن نسامحهم إلا إذا تأكدنا ...": the speaker's own judgement
    return Found((actor,), DEMAND, (a, b), m, "condition", refused=_refused_act(doc, neg, m.start))


def _refused_act(doc: DemandDoc, neg: int, cue: int) -> Range | None:
    """"لن نعود إلى المفاوضات إلا بضمانات دولية": the act refused until the condition is met (dev rule 19),
    the words between a future negation and the condition; none for an impersonal verb ("لن يتم
    ذلك إلا بالحوار") or a bare verb."""
    a = neg + 1
    if not is_word(doc, neg, "FUTURE_NEGATION") or is_word(doc, a, "NEG_IMPERSONAL"):
        return None
    b = cue
    while b > a and doc.ctx.tokens[b - 1].is_punct:
        b -= 1
    return (a, b) if b - a >= 2 else None


def offer_frame(doc: DemandDoc, m: CueMatch) -> Found | None:
    """Rule 16: "أبدى استعداده للإفراج عن الأسرى مقابل عقد لقاء"، "يمكن أن يعفو عنهم إذا
    وافقوا على الحوار": the condition of an offer is a demand of whoever offers."""
    ctx = doc.ctx
    sa, _ = sent_range(doc, m.start)
    conj = "".join(doc.wc.of("PREFIX_CONJ"))
    if _definite_reading(doc, m):
        return None  # "في المقابل" (on the other hand)
    offer = next((k for k in range(m.start - 1, max(sa, m.start - 30) - 1, -1)
                  if doc.wc.starts(key(doc, k).lstrip(conj), "OFFER")), None)
    if offer is None:
        return None
    actor = next((r for r in reversed([r for r in ctx.refs if r.is_actor and sa <= r.tok_start
                                       and r.tok_end <= offer]) if not governed(doc, Side([r]))), None)
    if actor is None:
        sp = main_subject(doc, offer)
        if sp.unnamed:
            return None
        actor = sp.ref
    if actor is None:
        actor = previous_actor(ctx, offer, prefer_person=False)
    if actor is None:
        return None
    a, b = thing_from(doc, m.end)
    if b <= a or is_word(doc, a, "DEICTIC"):
        return None
    return Found((actor,), DEMAND, (a, b), m, "offer")


# -- all cues ------------------------------------------------------------------------------------
def read_cue(doc: DemandDoc, m: CueMatch, frame: str,
             sentence_actor: Earlier) -> Found | None:
    if m.get("passive_after_actor") and any(r.is_actor and r.tok_end == m.start for r in doc.ctx.refs):
        return _passive(doc, m)
    if m.get("impersonal"):
        return impersonal_frame(doc, m)
    if frame in ("verb", "noun"):
        return head_frame(doc, m, frame, sentence_actor)
    if frame == "participle":
        return participle_frame(doc, m)
    if frame == "predicate":
        return predicate_frame(doc, m)
    if frame == "necessity":
        return necessity_frame(doc, m)
    if frame == "condition":
        return condition_frame(doc, m)
    if frame == "offer":
        return offer_frame(doc, m)
    return None


def _definite_reading(doc: DemandDoc, m: CueMatch) -> bool:
    """A cue read only without the article met with it ("الهجرة غير الشرعية" describes, "في
    المقابل" is "on the other hand")."""
    article = doc.wc.letters("ARTICLE")
    return bool(m.get("indefinite")) and m.readings[-1].stem.startswith(article) \
        and not fold(m.patterns[0].pattern).split()[-1].startswith(article)


def _invitation(doc: DemandDoc, m: CueMatch) -> bool:
    """A call delivered or received ("سلم الرئيس السيسي الدعوة"، "تلقى دعوة"): an invitation."""
    sa, _ = sent_range(doc, m.start)
    for k in range(m.start - 1, max(sa, m.start - 5) - 1, -1):
        if doc.wc.has(strip_conj(doc, key(doc, k)), "INVITATION_VERB"):
            return True
        if doc.ctx.tokens[k].is_punct:
            break
    return False


def _passive(doc: DemandDoc, m: CueMatch) -> Found | None:
    """"السلطة الفلسطينية مطالبة بتوفير السلاح": the actor right before is asked (the target);
    the demand is the speaker's."""
    ctx = doc.ctx
    asked = next((r for r in ctx.refs if r.is_actor and r.tok_end == m.start), None)
    if asked is None or key(doc, m.end)[:1] not in doc.wc.of("PREFIX_BI"):
        return None
    actors = tuple(r for r in speech_speaker(doc, m.start).refs if r.entity != asked.entity)
    a, b = thing_from(doc, m.end)
    if not actors or b <= a:
        return None
    return Found(actors, DEMAND, (a, b), m, "passive", target=asked.entity)


def _noun_reading(doc: DemandDoc, m: CueMatch) -> bool:
    """A bare cue that is also a common noun ("طالب": a student) is the noun unless it opens a
    clause (a mark, a clause or time word, قد) or follows its subject (an actor)."""
    if not m.get("noun_homograph") or m.first.prefix or m.start == 0:
        return False
    k = m.start - 1
    if doc.ctx.tokens[k].is_punct or doc.words.has(k, "CLAUSE", "FILLER", "TIME", "RELATIVE", "REPORT") \
            or is_word(doc, k, "PARTICLE_BEFORE_VERB") or any(r.tok_end == m.start for r in doc.ctx.refs):
        return False
    return doc.ctx.sentence_of_token(k) == doc.ctx.sentence_of_token(m.start)


def find_demands(doc: DemandDoc, cues: CueMatcher) -> list[Found]:
    """Every cue's reading, in text order. A chained verb later in a sentence keeps the
    actors of the sentence's first demand."""
    ctx = doc.ctx
    out: list[Found] = []
    sentence_actor: dict[int, list[tuple[int, tuple[Ref, ...]]]] = {}
    for m in cues.find(ctx.tokens):
        frame = frame_of(doc, m)
        if frame != _frames(m)[0]:  # read as its other part of speech
            m = replace(m, patterns=tuple(p for p in m.patterns if p.get("frame", "verb") == frame))
        if blocked(doc, m, frame) or _noun_reading(doc, m):
            continue
        if frame == "noun" and m.id == "call_for" and _invitation(doc, m):
            continue  # "سلم الرئيس الدعوة لـ ..."، "تلقى دعوة": an invitation delivered
        if m.first.prefix.endswith(doc.wc.letters("PREFIX_LIKE")):
            continue  # "كشرط أساسي": restates a demand named before
        f = read_cue(doc, m, frame, sentence_actor)
        if f is None:
            continue
        a, b = f.thing
        if b > a and is_not_thing(doc, a, b):
            continue
        if b > a and is_word(doc, a, "WITH") and frame == "noun":
            continue  # "تلاقي مطالب X مع مطالب Y": the demands are compared, not made
        actors = tuple(r for r in f.actors if not ctx.is_media(r.entity))
        if not actors:
            continue
        f = replace(f, actors=actors)
        out.append(f)
        sentence_actor.setdefault(ctx.sentence_of_token(m.start), []).append((m.start, actors))
    return out
