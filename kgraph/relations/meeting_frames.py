"""Meeting frames: the candidate meetings each cue proposes, read from its clause.

Frames (the `label` of a cue in `kgraph/data/meeting_cues.jsonl`):

- MEET (التقى، اجتمع، قابل): a subject and objects after مع/ب or direct;
- RECEIVE (استقبل): the subject hosts, the objects visit;
- DISCUSS (بحث، ناقش، تباحث...): only with a partner after مع/ب;
- TALKS (لقاء، اجتماع، مباحثات، مفاوضات...): "بين X وY" (one meeting of all), "مع Y" with the
  subject of the clause, or demonym adjectives ("الاجتماع الجزائري الإسباني");
- CALL (اتصال هاتفي، تلقى اتصالا من) and CALL_VERB (هاتف، اتصل ب): mode call;
- VISIT (زار، زيارة) and ARRIVE (وصل إلى): the visitor meets the host (a named host, else the
  state the destination stands for);
- HOST (استضاف، احتضن): the host meets each party it hosts, or all of them when they held
  talks "بين" each other there;
- JOIN (يشارك في، بمشاركة): everyone said to take part in talks, one meeting;
- GATHER ("اللقاء الذي جمع X بـ Y") and SIGN (وقع اتفاقا ... بوساطة): one meeting of all.

A host meeting several parties gives a bilateral meeting with each. Indirect talks ("غير
مباشرة") give mediator–party meetings (mode indirect), never a party–party one. Status
markers (`kgraph/data/status_cues.jsonl`) before the cue (سيلتقي، من المقرر، ألغى، تأجيل...)
or right after a meeting noun (اللقاء المرتقب) make the meeting planned, cancelled or
postponed; negated, habitual and hoped-for ones are not meetings at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..normalize import fold
from ..types import CALL, HELD, IN_PERSON, INDIRECT, LOCATION, PERSON, STATE
from .args import (
    STRONG_PUNCT,
    Side,
    Words,
    clause_left,
    group_sides,
    previous_actor,
    rep_id,
    representative,
    subject_before,
)
from .context import ArticleContext, Ref
from .cues import CueMatch, CueMatcher
from .modality import NOT_A_MEETING, meeting_status, status_index
from .subjects import continued_subject, sentence_subject
from .tokens import readings

# word classes that are grammar, not a noun that could be a subject
_GRAMMAR = ("CLAUSE", "RELATIVE", "COORD", "STOP", "RELATIONAL", "SIDE_HEAD", "SIDE_MEMBERS", "REPORT",
            "PREP_WITH", "PREP_FROM", "PREP_TO", "PREP_BETWEEN", "PREP_VIA", "PREP_IN")
_VERB_LABELS = ("MEET", "RECEIVE", "DISCUSS", "CALL_VERB", "GATHER", "JOIN", "HOST")


@dataclass
class Candidate:
    """A meeting one cue proposes: its sides (in order), their roles, and how it was read."""
    sides: list[Side]
    roles: list[str | None]
    cue: CueMatch
    rule: str
    mode: str = IN_PERSON
    location: str | None = None
    status: str = HELD
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingView:
    """One article as the meeting frames read it: its cues and status markers, found once."""
    ctx: ArticleContext
    words: Words
    cues: list[CueMatch]
    status_at: dict[int, list[CueMatch]]
    talks_at: dict[int, CueMatch]


def meeting_view(ctx: ArticleContext, words: Words, cue_patterns, status_patterns) -> MeetingView:
    """The meeting and status cues of one article, found once."""
    cues = CueMatcher(cue_patterns).find(ctx.tokens)
    return MeetingView(ctx, words, cues, status_index(CueMatcher(status_patterns).find(ctx.tokens, longest=True)),
                       {m.start: m for m in cues if m.label == "TALKS"})

# -- helpers -------------------------------------------------------------------------------


def sent_range(v: MeetingView, i: int) -> tuple[int, int]:
    s = v.ctx.sentence_of_token(i)
    return v.ctx.sent_toks[s] if s >= 0 else (0, 0)


def sides_after(v: MeetingView, m: CueMatch, max_gap: int = 3, first_marker=None, stop_words=True) -> list[Side]:
    _, sb = sent_range(v, m.start)
    sides, _ = group_sides(v.ctx, v.words, m.end, sb, max_gap=max_gap,
                           first_marker=first_marker, stop_words=stop_words)
    return sides


def actor_sides(v: MeetingView, sides: list[Side]) -> list[Side]:
    return [s for s in sides if s.actor_refs()]


def pronoun(v: MeetingView, m: CueMatch, exclude: set[str]) -> Side | None:
    r = previous_actor(v.ctx, m.start, exclude)
    return Side([r]) if r is not None else None


def word_near(v: MeetingView, m: CueMatch, keys: list[str], span: int = 6, before: bool = False) -> bool:
    """One of `keys` within `span` tokens after the cue (`before`: before it)."""
    from .tokens import pattern_keys, readings
    want = {k for w in keys for k in pattern_keys(w)}
    sa, sb = sent_range(v, m.start)
    for i in range(max(sa, m.start - span), m.start) if before else range(m.end, min(sb, m.end + span)):
        if any(r.key in want for r in readings(v.ctx.tokens[i].text)):
            return True
    return False


def marker_after(v: MeetingView, m: CueMatch, label: str, span: int = 3, over_places: bool = False) -> int | None:
    """The token of a `label` word within `span` tokens after the cue (adjectives between);
    `over_places`: a venue or a date may stand between too ("المبرم في فيينا في 14 تموز بين")."""
    _, sb = sent_range(v, m.start)
    i = m.end
    seen = 0
    while i < sb and seen <= span:
        if v.words.has(i, label):
            return i
        t = v.ctx.tokens[i]
        if t.is_punct and t.text in STRONG_PUNCT:
            return None
        if any(r.tok_start == i and (r.is_actor or not over_places) for r in v.ctx.refs):
            return None
        if not t.is_punct:
            seen += 1
        i += 1
    return None


def location(v: MeetingView, m: CueMatch, sides: list[Side]) -> str | None:
    """A LOCATION named as venue in the cue's sentence (after the cue first)."""
    sa, sb = sent_range(v, m.start)
    locs = [r for r in v.ctx.refs if r.type == LOCATION and sa <= r.tok_start and r.tok_end <= sb]
    if not locs:
        return None

    def venue(r: Ref) -> bool:
        pre = v.ctx.token_prefix(r)
        if "ب" in pre:
            return True
        k = r.tok_start - 1
        if v.words.has(k, "VENUE_HEAD"):
            return True
        if k >= 0 and v.talks_at.get(k) is not None:
            return True  # "مفاوضات باريس"
        return False

    after = [r for r in locs if r.tok_start >= m.start and venue(r)]
    before = [r for r in locs if r.tok_start < m.start and venue(r)]
    pick = after[0] if after else (before[-1] if before else None)
    return pick.entity if pick else None


def light_verb(v: MeetingView, m: CueMatch) -> int | None:
    """The token of a light verb (عقد، أجرى) shortly before a meeting noun, or None."""
    sa, _ = sent_range(v, m.start)
    for k in range(m.start - 1, max(sa, m.start - 8) - 1, -1):
        if v.words.has(k, "LIGHT"):
            return k
        if v.words.has(k, "CLAUSE") or v.ctx.tokens[k].text in STRONG_PUNCT:
            return None
    return None


def unknown_subject(v: MeetingView, verb_at: int) -> bool:
    """A definite noun that names no actor right after a verb is its subject ("يجري الوسطاء
    محادثات"، "التقى المسؤولون"): the clause has a subject, only not a known one."""
    k = verb_at + 1
    while k < len(v.ctx.tokens) and v.words.has(k, "TIME", "FILLER", "PARTICLE"):
        k += 1
    if k >= len(v.ctx.tokens) or v.ctx.tokens[k].is_punct or any(r.tok_start <= k < r.tok_end for r in v.ctx.refs):
        return False
    return v.ctx.tokens[k].key.startswith("ال") and not v.words.has(k, *_GRAMMAR)


def subject_and_objects(v: MeetingView, m: CueMatch, object_markers: set, direct: bool,
                        verb: bool = True) -> tuple[Side | None, list[Side], list[Side]]:
    after = actor_sides(v, sides_after(v, m))
    light_at = None if verb else light_verb(v, m)
    light = light_at is not None
    gap = 3 if verb or light else 1
    before = subject_before(v.ctx, v.words, m.start, max_gap=gap, all_sides=True, object_ok=False)
    subj: Side | None = None
    extra_subjects: list[Side] = []
    if verb and m.first.suffix == "نا":
        # "تفاوضنا مع تركيا": a statesman's "we" is his state (dev3 convention 39)
        subj = speakers_state(v, m)
        before = []
    elif m.first.suffix and not verb:
        subj = None  # possessive: "لقائه" -> resolved below
    elif before:
        subj = before[-1]
        extra_subjects = before[:-1] if (verb or light) else []
    elif after and after[0].marker is None and verb and not m.first.suffix:
        subj = after.pop(0)  # VSO; a possessed noun's subject is its possessor ("لدى استقباله X")
        if direct and not any(s.marker is None or s.marker in object_markers for s in after):
            # one name after a transitive verb that continues a clause is its object, and the
            # subject is the actor the sentence is about: "وصل X إلى الدوحة حيث التقى أمير قطر"
            earlier = continued_subject(v.ctx, v.words, m.start, set(subj.ids), m.first.prefix)
            if earlier is not None:
                after.insert(0, subj)
                subj = earlier
    objects = []
    possessed = bool(m.first.suffix) and not verb  # "خلال لقائه وزير الخارجية": its object is direct
    for s in after:
        if s.marker in object_markers or ((direct or possessed) and s.marker is None):
            objects.append(s)
        elif objects and s.coord:
            objects.append(s)
        elif s.marker in ("between",):
            break
    if subj is None and objects and not verb and not m.first.suffix and preposed(v, m):
        # "في لقاء مع ظريف، أقر جنتيلوني": the subject of the main clause after it
        subj = side_after(v, objects[-1].end, m)
    if subj is None and (verb or m.first.suffix or light or m.label == "CALL") and m.first.suffix != "نا":
        ex = {x for s in objects for x in s.ids}
        if m.first.suffix:
            subj = pronoun(v, m, ex)  # "لدى استقباله": the pronoun's antecedent
        elif not unknown_subject(v, m.end - 1 if verb else light_at if light else m.start - 1):
            # a dropped subject: the actor the sentence (or the one before) is about
            r = sentence_subject(v.ctx, v.words, m.start, ex)
            subj = Side([r]) if r is not None else None
    return subj, objects, extra_subjects


def speakers_state(v: MeetingView, m: CueMatch) -> Side | None:
    """The state of the person the sentence is about (the speaker of a "we"), as the article
    names it; None when the speaker is no person of a known state."""
    r = sentence_subject(v.ctx, v.words, m.start, set())
    if r is None or r.type != PERSON:
        return None
    states = v.ctx.states_of(r.entity)
    refs = [x for x in v.ctx.refs + v.ctx.all_refs if states and x.entity == states[0]]
    return Side(refs[:1]) if refs else None


def preposed(v: MeetingView, m: CueMatch) -> bool:
    """A meeting noun in a fronted phrase: "في لقاء مع"، "خلال اجتماعه مع"."""
    k = m.start - 1
    sa, _ = sent_range(v, m.start)
    if m.first.prefix.endswith("ب") or m.first.prefix.endswith("ف"):
        return True
    return k >= sa and v.words.has(k, "FRONTING")


def side_after(v: MeetingView, start: int, m: CueMatch) -> Side | None:
    _, sb = sent_range(v, m.start)
    sides, _ = group_sides(v.ctx, v.words, start, sb, max_gap=2, stop_words=False)
    for s in sides:
        if s.actor_refs() and s.marker is None:
            return s
    return None


def frame_binary(v: MeetingView, m: CueMatch, markers: set, direct: bool, verb: bool,
                 roles=(None, None)) -> list[Candidate]:
    subj, objects, extra = subject_and_objects(v, m, markers, direct, verb)
    if m.get("requires_with") and not objects and not extra:
        return []
    if subj is None:
        return []
    if not objects and extra:
        return [Candidate(extra + [subj], [roles[0]] * (len(extra) + 1), m, "dual-subject")]
    return [Candidate([subj, o], list(roles), m, "subject-object") for o in objects]


def frame_talks(v: MeetingView, m: CueMatch) -> list[Candidate]:
    ctx = v.ctx
    b = marker_after(v, m, "PREP_BETWEEN")
    if b is not None:
        sides = actor_sides(v, group_sides(ctx, v.words, b + 1, sent_range(v, m.start)[1],
                                             first_marker="between")[0])
        sides = between_list(sides)
        if len(sides) == 1 and _has_pronoun(ctx.tokens[b].text):
            # "مناقشات بينه وبين لافروف": the pronoun's antecedent is the first party
            r = previous_actor(ctx, m.start, set(sides[0].ids))
            sides = [Side([r])] + sides if r is not None else sides
        if len(sides) >= 2:
            mediators = mediator_sides(v, m)
            if m.get("mode") == INDIRECT or indirect(v, m):
                if not mediators:
                    return []
                return [Candidate([md, s], ["mediator", "party"], m, "indirect-between", mode=INDIRECT)
                        for md in mediators for s in sides]
            return [Candidate(sides + mediators, ["party"] * len(sides) + ["mediator"] * len(mediators),
                              m, "talks-between")]
        return []
    if m.get("requires_between"):
        return []
    # adjectives: "الاجتماع الجزائري الإسباني", "مباحثات مصرية قطرية"
    adj = adjective_sides(v, m)
    if len(adj) >= 2:
        subj = subject_before(v.ctx, v.words, m.start, object_ok=False)
        return [Candidate(subj + adj, [None] * (len(subj) + len(adj)), m, "talks-adjectives")]
    if m.get("mode") == INDIRECT or indirect(v, m):
        return frame_indirect(v, m)
    subj, objects, extra = subject_and_objects(v, m, {"with", "bi"}, direct=False, verb=False)
    if m.first.suffix in ("هما", "هم") and not objects:
        sa, _ = sent_range(v, m.start)
        sides = group_sides(ctx, v.words, sa, m.start, max_gap=6, stop_words=False)[0]
        sides = actor_sides(v, sides)
        if len(sides) >= 2:
            return [Candidate(sides[-2:], [None, None], m, "talks-dual-pronoun")]
        return []
    if subj is None:
        return []
    if not objects:
        if extra:
            return [Candidate(extra + [subj], [None] * (len(extra) + 1), m, "talks-plural-subject")]
        return []
    return [Candidate([subj, o], [None, None], m, "talks-with") for o in objects]


def between_list(sides: list[Side]) -> list[Side]:
    """The parties of "بين X وY": up to an additive word (إضافة إلى) or another marker."""
    out = []
    for s in sides:
        if s.added or not (s.marker == "between" or s.coord):
            break
        out.append(s)
    return out


def adjective_sides(v: MeetingView, m: CueMatch) -> list[Side]:
    ctx = v.ctx
    sides = []
    i = m.end
    _, sb = sent_range(v, m.start)
    starts = {r.tok_start: r for r in ctx.refs}
    skipped = 0
    while i < sb:
        r = starts.get(i)
        if r is not None:
            if not r.is_actor or r.type == PERSON:
                break
            pre = ctx.token_prefix(r)
            if pre.strip("و") not in ("",):
                break
            if r.type == STATE or fold(r.mention.surface).startswith("ال"):
                sides.append(Side([r]))
            i = r.tok_end
            continue
        t = ctx.tokens[i]
        if t.text in ("ـ", "-", "–", "و", "/") or v.words.has(i, "FILLER"):
            i += 1
            continue
        skipped += 1
        if skipped > 1 or sides:
            break
        i += 1
    # adjectives are demonyms right after the noun: all must be states or organisations
    return sides


def indirect(v: MeetingView, m: CueMatch) -> bool:
    """"غير مباشرة" right after the cue."""
    _, sb = sent_range(v, m.start)
    return any(v.words.has(i, "INDIRECT") for i in range(m.end, min(sb, m.end + 4)))


def mediator_sides(v: MeetingView, m: CueMatch) -> list[Side]:
    """Sides after بوساطة/برعاية/عبر in the cue's sentence."""
    ctx = v.ctx
    _, sb = sent_range(v, m.start)
    for i in range(m.end, sb):
        if v.words.has(i, "PREP_VIA"):
            sides = group_sides(ctx, v.words, i + 1, sb, first_marker="via", max_gap=2)[0]
            return [s for s in actor_sides(v, sides) if s.marker == "via" or s.coord]
        if ctx.tokens[i].text in STRONG_PUNCT:
            break
    return []


def frame_indirect(v: MeetingView, m: CueMatch) -> list[Candidate]:
    subj, objects, extra = subject_and_objects(v, m, {"with", "bi"}, direct=False, verb=False)
    mediators = mediator_sides(v, m)
    parties = ([subj] if subj else []) + objects
    if not mediators or not parties:
        return []
    return [Candidate([md, p], ["mediator", "party"], m, "indirect", mode=INDIRECT)
            for md in mediators for p in parties]


def frame_visit(v: MeetingView, m: CueMatch) -> list[Candidate]:
    ctx = v.ctx
    sa, sb = sent_range(v, m.start)
    is_verb = m.id == "visit" and not m.get("noun")
    after, _ = group_sides(ctx, v.words, m.end, sb, max_gap=3)
    visitor: Side | None = None
    dest: Side | None = None
    rest = list(after)
    # "الزيارة التي قام بها X إلى Y"
    for i in range(m.end, min(sb, m.end + 6)):
        if i > m.end and v.words.has(i, "PERFORMED_BY") and not v.words.has(i + 1, "PERFORMED_BY"):
            sides, _ = group_sides(ctx, v.words, i + 1, sb, max_gap=1)
            if sides and sides[0].actor_refs():
                visitor = sides[0]
                rest = sides[1:]
            break
    # a visit noun's genitive is its visitor ("زيارة الرئيس") or, when a state, where it goes
    # ("قام الرئيس بزيارة قبرص")
    genitive = rest[0] if (not is_verb and rest and rest[0].marker is None and rest[0].start == m.end) else None
    place = genitive is not None and (genitive.is_location or side_type(ctx, genitive) == STATE)
    if visitor is not None:
        pass
    elif m.first.suffix:
        visitor = pronoun(v, m, set())
    elif rest and rest[0].marker is None and rest[0].actor_refs() and not rest[0].is_location and (
            (is_verb and side_type(ctx, rest[0]) != STATE)  # "زار المغرب": where, not who
            or (genitive is not None and not place)):
        if not is_verb or not subject_before(ctx, v.words, m.start, object_ok=False):
            visitor = rest.pop(0)
    if visitor is None:
        before = subject_before(ctx, v.words, m.start, object_ok=False)
        if before:
            visitor = before[-1]
    if visitor is None and not is_verb and len(rest) > 1 and rest[0].marker in ("li", None) \
            and side_type(ctx, rest[0]) == PERSON and rest[1].marker in ("li", "to"):
        visitor = rest.pop(0)  # "الزيارة الثانية للأمير X لمصر": the visitor after ل
    if visitor is None and is_verb and rest:
        # "حيث زار القاهرة": the visit continues the subject of the clause before
        visitor = continued_subject(ctx, v.words, m.start, set(rest[0].ids), m.first.prefix)
    for s in rest:
        if s.marker in ("to", "li") or (is_verb and s.marker is None) or (place and s is genitive):
            dest = s
            break
    if visitor is None and dest is not None and preposed(v, m):
        # "وخلال زيارة إلى إندونيسيا، قال الرئيس ...": the subject of the main clause after it
        visitor = side_after(v, dest.end, m)
        if visitor is not None and side_type(ctx, visitor) == STATE:
            visitor = None  # "قال الرئيس إن تركيا ...": a state after the verb is no visitor
    if visitor is None or dest is None:
        return []
    # every destination of a list: "زار المغرب وتونس"
    more = [s for s in rest[rest.index(dest) + 1:] if s.coord and s.marker in (None, dest.marker)] \
        if dest in rest else []
    out = []
    for d in [dest] + more:
        out += _visit(v, m, visitor, d)
    return out


def _visit(v: MeetingView, m: CueMatch, visitor: Side, dest: Side) -> list[Candidate]:
    """The visitor meets the host: the actor visited, else the state of the place visited."""
    ctx = v.ctx
    vid = rep_id(ctx, visitor)
    if vid is None:
        return []
    loc = None
    host_ref = representative(ctx, dest) if dest.actor_refs() else None
    if host_ref is not None:
        host = host_ref.entity
    else:
        locs = [r for r in dest.refs if r.type == LOCATION]
        if not locs:
            return []
        loc = locs[0].entity
        host = ctx.state_of_location(loc)
        if host is None:
            return []
    if ctx.related(vid, host):
        return []
    # the host state named anywhere, as an adjective inside a post too ("الرئيس اللبناني"); a
    # state the article names only by the capital visited stands there ("وصل X إلى الدوحة")
    host_side = dest if host_ref is not None else Side(
        [r for r in ctx.refs + ctx.all_refs if r.entity == host][:1] or [replace(locs[0], entity=host, type=STATE)])
    if not host_side.refs:
        return []
    return [Candidate([visitor, host_side], ["visitor", "host"], m, "visit", location=loc)]


def frame_host(v: MeetingView, m: CueMatch) -> list[Candidate]:
    ctx = v.ctx
    sa, sb = sent_range(v, m.start)
    before = subject_before(ctx, v.words, m.start, object_ok=False)
    after = actor_sides(v, sides_after(v, m, max_gap=4))
    host = before[-1] if before else None
    if host is None and after and after[0].marker is None:
        host = after.pop(0)
    if host is None:
        return []
    # talks between two others, hosted: one meeting of all
    for t in v.cues:
        if t.label == "TALKS" and m.end <= t.start < min(sb, m.end + 6):
            b = marker_after(v, t, "PREP_BETWEEN")
            if b is not None:
                sides = actor_sides(v, group_sides(ctx, v.words, b + 1, sb, first_marker="between")[0])
                sides = between_list(sides)
                if len(sides) >= 2:
                    if t.get("mode") == INDIRECT or indirect(v, t):
                        return [Candidate([host, s], ["mediator", "party"], m, "host-indirect",
                                          mode=INDIRECT) for s in sides]
                    return [Candidate([host] + sides, ["host"] + ["party"] * len(sides), m,
                                      "host-talks-between")]
            break
    rule = "host-each" if len(after) > 1 else "host"
    return [Candidate([host, s], ["host", "party"], m, rule) for s in after]


def frame_join(v: MeetingView, m: CueMatch) -> list[Candidate]:
    ctx = v.ctx
    sa, sb = sent_range(v, m.start)
    # taking part in talks: a meeting noun in the clause
    left = clause_left(ctx, v.words, m.start)
    talk = [t for t in v.cues if t.label == "TALKS" and left <= t.start < sb]
    if not talk:
        return []
    before = subject_before(ctx, v.words, m.start, all_sides=True, object_ok=False)
    after = actor_sides(v, group_sides(ctx, v.words, m.end, sb, max_gap=4)[0])
    if not after and talk:
        # "سلال يشارك في ... الاجتماع الجزائري الإسباني"
        for t in talk:
            if t.start > m.start:
                after = adjective_sides(v, t)
                if after:
                    break
    sides = before + after
    if len(sides) < 2:
        return []
    return [Candidate(sides, [None] * len(sides), m, "join")]


def frame_gather(v: MeetingView, m: CueMatch) -> list[Candidate]:
    if m.get("requires_talks_before") and not any(
            t.label == "TALKS" and m.start - 3 <= t.start < m.start for t in v.cues):
        return []
    after = actor_sides(v, sides_after(v, m, max_gap=2))
    if len(after) < 2:
        return []
    return [Candidate(after, [None] * len(after), m, "gather")]


def frame_sign(v: MeetingView, m: CueMatch) -> list[Candidate]:
    if not word_near(v, m, m.get("requires_word") or [], span=12):
        return []
    ctx = v.ctx
    _, sb = sent_range(v, m.start)
    before = subject_before(ctx, v.words, m.start, all_sides=True, object_ok=False)
    after = actor_sides(v, group_sides(ctx, v.words, m.end, sb, max_gap=2)[0])
    parties = before + [s for s in after if s.marker is None or s.coord]
    mediators = mediator_sides(v, m)
    if len(parties) + len(mediators) < 2 or len(parties) < 1:
        return []
    return [Candidate(parties + mediators, ["party"] * len(parties) + ["mediator"] * len(mediators),
                      m, "sign")]


def frame_conclude(v: MeetingView, m: CueMatch) -> list[Candidate]:
    """An agreement concluded between named parties is their encounter (dev3 convention 35):
    "الاتفاق المبرم في فيينا بين X وY وZ"، "الاتفاقية التي وقعت بين البلدين"."""
    if not word_near(v, m, m.get("requires_word") or [], span=6, before=True):
        return []
    b = marker_after(v, m, "PREP_BETWEEN", span=8, over_places=True)
    if b is None:
        return []
    _, sb = sent_range(v, m.start)
    parties = between_list(actor_sides(v, group_sides(v.ctx, v.words, b + 1, sb, first_marker="between")[0]))
    if len(parties) < 2:
        return []
    return [Candidate(parties, ["party"] * len(parties), m, "agreement-between")]


def frame_hand(v: MeetingView, m: CueMatch) -> list[Candidate]:
    """Handing over a message or an invitation in person: "سلم X الرئيسَ Y رسالة"."""
    if not word_near(v, m, m.get("requires_word") or [], span=14):
        return []
    subj, objects, _ = subject_and_objects(v, m, {"to", "li", "bi"}, direct=True, verb=True)
    if subj is None or not objects:
        return []
    # the receiver is a person: a message handed to a state is no encounter
    objects = [o for o in objects if side_type(v.ctx, o) == PERSON]
    return [Candidate([subj, o], [None, None], m, "hand") for o in objects[:1]]


def candidates(v: MeetingView) -> list[Candidate]:
    out = []
    for m in v.cues:
        lab = m.label
        if m.first.prefix.endswith("ل") and lab in ("MEET", "DISCUSS", "RECEIVE"):
            continue  # purpose: "لبحث"
        if m.get("possessed") and not m.first.suffix:
            continue  # "لدى استقباله" is an event of its possessor; "حفل استقبال" is none
        if lab in _VERB_LABELS and m.first.stem.startswith("ال") and \
                not fold(m.patterns[0].pattern).startswith("ال"):
            continue  # a verbal noun with the article ("التشاور مع") is no event
        read = FRAMES.get(lab)
        cs = read(v, m) if read else []
        if not cs:
            continue
        status = meeting_status(v.ctx, v.words, m, v.status_at)
        if status == NOT_A_MEETING:
            continue
        for c in cs:
            c.status = status
            if m.get("mode") == "call" and c.mode == IN_PERSON:
                c.mode = CALL
            if c.location is None and c.mode != CALL:
                c.location = location(v, m, c.sides)
            out.append(c)
    return out


def frame_call(v: MeetingView, m: CueMatch) -> list[Candidate]:
    """"تلقى X اتصالا من Y"، "اتصال هاتفي بين X وY"."""
    return frame_binary(v, m, {"with", "bi", "from"}, direct=False, verb=False) or frame_talks(v, m)


# The frame each cue label is read with (the labels of kgraph/data/meeting_cues.jsonl).
FRAMES = {
    "MEET": lambda v, m: frame_binary(v, m, {"with", "bi"}, direct=True, verb=True),
    "RECEIVE": lambda v, m: frame_binary(v, m, {"bi"}, direct=True, verb=True,
                                         roles=(m.get("role_subject"), m.get("role_object"))),
    "DISCUSS": lambda v, m: frame_binary(v, m, {"with", "bi"}, direct=False, verb=True),
    "CALL_VERB": lambda v, m: frame_binary(v, m, {"with", "bi"}, direct=True, verb=True),
    "TALKS": frame_talks,
    "CALL": frame_call,
    "VISIT": frame_visit,
    "ARRIVE": frame_visit,
    "HOST": frame_host,
    "JOIN": frame_join,
    "GATHER": frame_gather,
    "SIGN": frame_sign,
    "CONCLUDE": frame_conclude,
    "HAND": frame_hand,
}


def _has_pronoun(word: str) -> bool:
    """A word read with a pronoun suffix ("بينه"، "بينهما")."""
    return any(r.suffix for r in readings(word))


def side_type(ctx: ArticleContext, side: Side) -> str | None:
    """The type of a side's most specific actor (None for a place only)."""
    r = representative(ctx, side)
    return r.type if r is not None else None
