"""Meetings: who met whom, from verbal and nominal cues, with role, mode, place, date, status.

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
from typing import Optional

from ..normalize import fold
from ..types import (CALL, CANCELLED, HELD, IN_PERSON, INDIRECT, LOCATION, PERSON, PLANNED, POSTPONED,
                     STATE, Evidence, Meeting, Participant, Span)
from .modality import NOT_A_MEETING, meeting_status
from .subjects import continued_subject
from .args import (STRONG_PUNCT, Side, Words, clause_left, group_sides, merge_related,
                   previous_actor, rep_id, representative, subject_before)
from .context import ArticleContext, Ref
from .cues import CueMatch, CueMatcher
from .dates import find_date

_VERB_LABELS = ("MEET", "RECEIVE", "DISCUSS", "CALL_VERB", "GATHER", "JOIN", "HOST")


@dataclass
class Candidate:
    sides: list[Side]
    roles: list[Optional[str]]
    cue: CueMatch
    rule: str
    mode: str = IN_PERSON
    location: Optional[str] = None
    status: str = HELD
    extra: dict = field(default_factory=dict)


class MeetingRules:
    def __init__(self, ctx: ArticleContext, words: Words, cue_patterns, status_patterns):
        self.ctx = ctx
        self.words = words
        self.cues = CueMatcher(cue_patterns).find(ctx.tokens)
        self.status = CueMatcher(status_patterns).find(ctx.tokens, longest=True)
        self.status_at: dict[int, list] = {}
        for m in self.status:
            self.status_at.setdefault(m.start, []).append(m)
        self.talks_at = {m.start: m for m in self.cues if m.label == "TALKS"}

    # -- helpers -------------------------------------------------------------------------------
    def sent_range(self, i: int) -> tuple[int, int]:
        s = self.ctx.sentence_of_token(i)
        return self.ctx.sent_toks[s] if s >= 0 else (0, 0)

    def after(self, m: CueMatch, max_gap: int = 3, first_marker=None, stop_words=True) -> list[Side]:
        _, sb = self.sent_range(m.start)
        sides, _ = group_sides(self.ctx, self.words, m.end, sb, max_gap=max_gap,
                               first_marker=first_marker, stop_words=stop_words)
        return sides

    def actor_sides(self, sides: list[Side]) -> list[Side]:
        return [s for s in sides if s.actor_refs()]

    def pronoun(self, m: CueMatch, exclude: set[str]) -> Optional[Side]:
        r = previous_actor(self.ctx, m.start, exclude)
        return Side([r]) if r is not None else None

    def word_near(self, m: CueMatch, keys: list[str], span: int = 6) -> bool:
        from .tokens import pattern_keys, readings
        want = {k for w in keys for k in pattern_keys(w)}
        _, sb = self.sent_range(m.start)
        for i in range(m.end, min(sb, m.end + span)):
            if any(r.key in want for r in readings(self.ctx.tokens[i].text)):
                return True
        return False

    def marker_after(self, m: CueMatch, label: str, span: int = 3) -> Optional[int]:
        """The token of a `label` word within `span` tokens after the cue (adjectives between)."""
        _, sb = self.sent_range(m.start)
        i = m.end
        seen = 0
        while i < sb and seen <= span:
            if self.words.has(i, label):
                return i
            t = self.ctx.tokens[i]
            if t.is_punct and t.text in STRONG_PUNCT:
                return None
            if any(r.tok_start == i for r in self.ctx.refs):
                return None
            if not t.is_punct:
                seen += 1
            i += 1
        return None

    def location(self, m: CueMatch, sides: list[Side]) -> Optional[str]:
        """A LOCATION named as venue in the cue's sentence (after the cue first)."""
        sa, sb = self.sent_range(m.start)
        locs = [r for r in self.ctx.refs if r.type == LOCATION and sa <= r.tok_start and r.tok_end <= sb]
        if not locs:
            return None

        def venue(r: Ref) -> bool:
            pre = self.ctx.token_prefix(r)
            if "ب" in pre:
                return True
            k = r.tok_start - 1
            if self.words.has(k, "VENUE_HEAD"):
                return True
            if k >= 0 and self.talks_at.get(k) is not None:
                return True  # "مفاوضات باريس"
            return False

        after = [r for r in locs if r.tok_start >= m.start and venue(r)]
        before = [r for r in locs if r.tok_start < m.start and venue(r)]
        pick = after[0] if after else (before[-1] if before else None)
        return pick.entity if pick else None

    def status_of(self, m: CueMatch) -> str:
        return meeting_status(self.ctx, self.words, m, self.status_at)

    # -- frames --------------------------------------------------------------------------------
    def light_before(self, m: CueMatch) -> bool:
        """A light verb (عقد، أجرى) shortly before a meeting noun."""
        sa, _ = self.sent_range(m.start)
        for k in range(m.start - 1, max(sa, m.start - 8) - 1, -1):
            if self.words.has(k, "LIGHT"):
                return True
            if self.words.has(k, "CLAUSE") or self.ctx.tokens[k].text in STRONG_PUNCT:
                return False
        return False

    def subject_and_objects(self, m: CueMatch, object_markers: set, direct: bool,
                            verb: bool = True) -> tuple[Optional[Side], list[Side], list[Side]]:
        after = self.actor_sides(self.after(m))
        light = not verb and self.light_before(m)
        gap = 3 if verb or light else 1
        before = subject_before(self.ctx, self.words, m.start, max_gap=gap, all_sides=True, object_ok=False)
        subj: Optional[Side] = None
        extra_subjects: list[Side] = []
        if m.first.suffix and not verb:
            subj = None  # possessive: "لقائه" -> resolved below
        elif before:
            subj = before[-1]
            extra_subjects = before[:-1] if (verb or light) else []
        elif after and after[0].marker is None and verb and not m.first.suffix:
            subj = after.pop(0)  # VSO; a possessed noun's subject is its possessor ("لدى استقباله X")
            if direct and not any(s.marker is None or s.marker in object_markers for s in after):
                # one name after a transitive verb that continues a clause is its object, and the
                # subject is the actor the sentence is about: "وصل X إلى الدوحة حيث التقى أمير قطر"
                earlier = continued_subject(self.ctx, self.words, m.start, set(subj.ids), m.first.prefix)
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
        if subj is None and objects and not verb and not m.first.suffix and self.preposed(m):
            # "في لقاء مع ظريف، أقر جنتيلوني": the subject of the main clause after it
            subj = self.side_after(objects[-1].end, m)
        if subj is None and (verb or m.first.suffix or light or m.label == "CALL"):
            ex = {x for s in objects for x in s.ids}
            subj = self.pronoun(m, ex)
        return subj, objects, extra_subjects

    def preposed(self, m: CueMatch) -> bool:
        """A meeting noun in a fronted phrase: "في لقاء مع"، "خلال اجتماعه مع"."""
        k = m.start - 1
        sa, _ = self.sent_range(m.start)
        if m.first.prefix.endswith("ب") or m.first.prefix.endswith("ف"):
            return True
        return k >= sa and self.words.has(k, "FRONTING")

    def side_after(self, start: int, m: CueMatch) -> Optional[Side]:
        _, sb = self.sent_range(m.start)
        sides, _ = group_sides(self.ctx, self.words, start, sb, max_gap=2, stop_words=False)
        for s in sides:
            if s.actor_refs() and s.marker is None:
                return s
        return None

    def frame_binary(self, m: CueMatch, markers: set, direct: bool, verb: bool,
                     roles=(None, None)) -> list[Candidate]:
        subj, objects, extra = self.subject_and_objects(m, markers, direct, verb)
        if m.get("requires_with") and not objects and not extra:
            return []
        if subj is None:
            return []
        if not objects and extra:
            return [Candidate(extra + [subj], [roles[0]] * (len(extra) + 1), m, "dual-subject")]
        return [Candidate([subj, o], list(roles), m, "subject-object") for o in objects]

    def frame_talks(self, m: CueMatch) -> list[Candidate]:
        ctx = self.ctx
        b = self.marker_after(m, "PREP_BETWEEN")
        if b is not None:
            sides = self.actor_sides(group_sides(ctx, self.words, b + 1, self.sent_range(m.start)[1],
                                                 first_marker="between")[0])
            sides = self.between_list(sides)
            if len(sides) >= 2:
                mediators = self.mediators(m)
                if m.get("mode") == INDIRECT or self.indirect(m):
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
        adj = self.adjective_sides(m)
        if len(adj) >= 2:
            subj = subject_before(self.ctx, self.words, m.start, object_ok=False)
            return [Candidate(subj + adj, [None] * (len(subj) + len(adj)), m, "talks-adjectives")]
        if m.get("mode") == INDIRECT or self.indirect(m):
            return self.frame_indirect(m)
        subj, objects, extra = self.subject_and_objects(m, {"with", "bi"}, direct=False, verb=False)
        if m.first.suffix in ("هما", "هم") and not objects:
            sa, _ = self.sent_range(m.start)
            sides = group_sides(ctx, self.words, sa, m.start, max_gap=6, stop_words=False)[0]
            sides = self.actor_sides(sides)
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

    @staticmethod
    def between_list(sides: list[Side]) -> list[Side]:
        """The parties of "بين X وY": up to an additive word (إضافة إلى) or another marker."""
        out = []
        for s in sides:
            if s.added or not (s.marker == "between" or s.coord):
                break
            out.append(s)
        return out

    def adjective_sides(self, m: CueMatch) -> list[Side]:
        ctx = self.ctx
        sides = []
        i = m.end
        _, sb = self.sent_range(m.start)
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
            if t.text in ("ـ", "-", "–", "و", "/") or self.words.has(i, "FILLER"):
                i += 1
                continue
            skipped += 1
            if skipped > 1 or sides:
                break
            i += 1
        # adjectives are demonyms right after the noun: all must be states or organisations
        return sides

    def indirect(self, m: CueMatch) -> bool:
        """"غير مباشرة" right after the cue."""
        _, sb = self.sent_range(m.start)
        return any(self.words.has(i, "INDIRECT") for i in range(m.end, min(sb, m.end + 4)))

    def mediators(self, m: CueMatch) -> list[Side]:
        """Sides after بوساطة/برعاية/عبر in the cue's sentence."""
        ctx = self.ctx
        _, sb = self.sent_range(m.start)
        for i in range(m.end, sb):
            if self.words.has(i, "PREP_VIA"):
                sides = group_sides(ctx, self.words, i + 1, sb, first_marker="via", max_gap=2)[0]
                return [s for s in self.actor_sides(sides) if s.marker == "via" or s.coord]
            if ctx.tokens[i].text in STRONG_PUNCT:
                break
        return []

    def frame_indirect(self, m: CueMatch) -> list[Candidate]:
        subj, objects, extra = self.subject_and_objects(m, {"with", "bi"}, direct=False, verb=False)
        mediators = self.mediators(m)
        parties = ([subj] if subj else []) + objects
        if not mediators or not parties:
            return []
        return [Candidate([md, p], ["mediator", "party"], m, "indirect", mode=INDIRECT)
                for md in mediators for p in parties]

    def frame_visit(self, m: CueMatch) -> list[Candidate]:
        ctx = self.ctx
        sa, sb = self.sent_range(m.start)
        is_verb = m.id == "visit" and not m.get("noun")
        after, _ = group_sides(ctx, self.words, m.end, sb, max_gap=3)
        visitor: Optional[Side] = None
        dest: Optional[Side] = None
        rest = list(after)
        # "الزيارة التي قام بها X إلى Y"
        for i in range(m.end, min(sb, m.end + 6)):
            if i > m.end and self.words.has(i, "PERFORMED_BY") and not self.words.has(i + 1, "PERFORMED_BY"):
                sides, _ = group_sides(ctx, self.words, i + 1, sb, max_gap=1)
                if sides and sides[0].actor_refs():
                    visitor = sides[0]
                    rest = sides[1:]
                break
        if visitor is not None:
            pass
        elif m.first.suffix:
            visitor = self.pronoun(m, set())
        elif rest and rest[0].marker is None and rest[0].actor_refs() and not rest[0].is_location and (
                is_verb or rest[0].start == m.end):  # a noun's visitor is its genitive: "زيارة الرئيس"
            if not is_verb or not subject_before(ctx, self.words, m.start, object_ok=False):
                visitor = rest.pop(0)
        if visitor is None:
            before = subject_before(ctx, self.words, m.start, object_ok=False)
            if before:
                visitor = before[-1]
        for s in rest:
            if s.marker in ("to", "li") or (is_verb and s.marker is None):
                dest = s
                break
        if visitor is None or dest is None:
            return []
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
            if host is None or host not in ctx.entities:
                return []
        if ctx.related(vid, host):
            return []
        host_side = Side([r for r in ctx.refs if r.entity == host][:1]) if host_ref is None else dest
        if not host_side.refs:
            return []
        return [Candidate([visitor, host_side], ["visitor", "host"], m, "visit", location=loc)]

    def frame_host(self, m: CueMatch) -> list[Candidate]:
        ctx = self.ctx
        sa, sb = self.sent_range(m.start)
        before = subject_before(ctx, self.words, m.start, object_ok=False)
        after = self.actor_sides(self.after(m, max_gap=4))
        host = before[-1] if before else None
        if host is None and after and after[0].marker is None:
            host = after.pop(0)
        if host is None:
            return []
        # talks between two others, hosted: one meeting of all
        for t in self.cues:
            if t.label == "TALKS" and m.end <= t.start < min(sb, m.end + 6):
                b = self.marker_after(t, "PREP_BETWEEN")
                if b is not None:
                    sides = self.actor_sides(group_sides(ctx, self.words, b + 1, sb, first_marker="between")[0])
                    sides = self.between_list(sides)
                    if len(sides) >= 2:
                        if t.get("mode") == INDIRECT or self.indirect(t):
                            return [Candidate([host, s], ["mediator", "party"], m, "host-indirect",
                                              mode=INDIRECT) for s in sides]
                        return [Candidate([host] + sides, ["host"] + ["party"] * len(sides), m,
                                          "host-talks-between")]
                break
        rule = "host-each" if len(after) > 1 else "host"
        return [Candidate([host, s], ["host", "party"], m, rule) for s in after]

    def frame_join(self, m: CueMatch) -> list[Candidate]:
        ctx = self.ctx
        sa, sb = self.sent_range(m.start)
        # taking part in talks: a meeting noun in the clause
        left = clause_left(ctx, self.words, m.start)
        talk = [t for t in self.cues if t.label == "TALKS" and left <= t.start < sb]
        if not talk:
            return []
        before = subject_before(ctx, self.words, m.start, all_sides=True, object_ok=False)
        after = self.actor_sides(group_sides(ctx, self.words, m.end, sb, max_gap=4)[0])
        if not after and talk:
            # "سلال يشارك في ... الاجتماع الجزائري الإسباني"
            for t in talk:
                if t.start > m.start:
                    after = self.adjective_sides(t)
                    if after:
                        break
        sides = before + after
        if len(sides) < 2:
            return []
        return [Candidate(sides, [None] * len(sides), m, "join")]

    def frame_gather(self, m: CueMatch) -> list[Candidate]:
        if m.get("requires_talks_before") and not any(
                t.label == "TALKS" and m.start - 3 <= t.start < m.start for t in self.cues):
            return []
        after = self.actor_sides(self.after(m, max_gap=2))
        if len(after) < 2:
            return []
        return [Candidate(after, [None] * len(after), m, "gather")]

    def frame_sign(self, m: CueMatch) -> list[Candidate]:
        if not self.word_near(m, m.get("requires_word") or [], span=12):
            return []
        ctx = self.ctx
        _, sb = self.sent_range(m.start)
        before = subject_before(ctx, self.words, m.start, all_sides=True, object_ok=False)
        after = self.actor_sides(group_sides(ctx, self.words, m.end, sb, max_gap=2)[0])
        parties = before + [s for s in after if s.marker is None or s.coord]
        mediators = self.mediators(m)
        if len(parties) + len(mediators) < 2 or len(parties) < 1:
            return []
        return [Candidate(parties + mediators, ["party"] * len(parties) + ["mediator"] * len(mediators),
                          m, "sign")]

    def frame_hand(self, m: CueMatch) -> list[Candidate]:
        """Handing over a message or an invitation in person: "سلم X الرئيسَ Y رسالة"."""
        if not self.word_near(m, m.get("requires_word") or [], span=14):
            return []
        subj, objects, _ = self.subject_and_objects(m, {"to", "li", "bi"}, direct=True, verb=True)
        if subj is None or not objects:
            return []
        # the receiver is a person: a message handed to a state is no encounter
        objects = [o for o in objects if representative(self.ctx, o).type == PERSON]
        return [Candidate([subj, o], [None, None], m, "hand") for o in objects[:1]]

    def candidates(self) -> list[Candidate]:
        out = []
        for m in self.cues:
            lab = m.label
            if m.first.prefix.endswith("ل") and lab in ("MEET", "DISCUSS", "RECEIVE"):
                continue  # purpose: "لبحث"
            if m.get("possessed") and not m.first.suffix:
                continue  # "لدى استقباله" is an event of its possessor; "حفل استقبال" is none
            if lab in _VERB_LABELS and m.first.stem.startswith("ال") and \
                    not fold(m.patterns[0].pattern).startswith("ال"):
                continue  # a verbal noun with the article ("التشاور مع") is no event
            if lab == "MEET":
                cs = self.frame_binary(m, {"with", "bi"}, direct=True, verb=True)
            elif lab == "RECEIVE":
                cs = self.frame_binary(m, {"bi"}, direct=True, verb=True,
                                       roles=(m.get("role_subject"), m.get("role_object")))
            elif lab == "DISCUSS":
                cs = self.frame_binary(m, {"with", "bi"}, direct=False, verb=True)
            elif lab == "TALKS":
                cs = self.frame_talks(m)
            elif lab == "CALL":
                cs = self.frame_binary(m, {"with", "bi", "from"}, direct=False, verb=False)
                if not cs:
                    cs = self.frame_talks(m)
            elif lab == "CALL_VERB":
                cs = self.frame_binary(m, {"with", "bi"}, direct=True, verb=True)
            elif lab in ("VISIT", "ARRIVE"):
                cs = self.frame_visit(m)
            elif lab == "HOST":
                cs = self.frame_host(m)
            elif lab == "JOIN":
                cs = self.frame_join(m)
            elif lab == "GATHER":
                cs = self.frame_gather(m)
            elif lab == "SIGN":
                cs = self.frame_sign(m)
            elif lab == "HAND":
                cs = self.frame_hand(m)
            else:
                cs = []
            if not cs:
                continue
            status = self.status_of(m)
            if status == NOT_A_MEETING:
                continue
            for c in cs:
                c.status = status
                if m.get("mode") == "call" and c.mode == IN_PERSON:
                    c.mode = CALL
                if c.location is None and c.mode != CALL:
                    c.location = self.location(m, c.sides)
                out.append(c)
        return out


# -- assembling meetings -----------------------------------------------------------------------
def _participants(ctx: ArticleContext, c: Candidate) -> list[tuple[str, Optional[str], Optional[Ref]]]:
    sides = [s for s in c.sides if s.actor_refs() and not ctx.is_media(rep_id(ctx, s) or "")]
    roles = dict(zip(map(id, c.sides), c.roles))
    merged = merge_related(ctx, sides)
    out = []
    for s in merged:
        r = representative(ctx, s)
        if r is None:
            continue
        role = roles.get(id(s))
        if r.entity not in [p[0] for p in out]:
            out.append((r.entity, role, r))
    return out


def _span(ctx: ArticleContext, r: Optional[Ref]) -> Optional[Span]:
    return Span(r.start, r.end, ctx.text[r.start:r.end]) if r is not None else None


def build_meetings(ctx: ArticleContext, words: Words, cands: list[Candidate],
                   represent: dict[str, str]) -> list[Meeting]:
    meetings: list[Meeting] = []
    for c in cands:
        parts = _participants(ctx, c)
        if represent:
            parts = [(represent.get(e, e), role, r if e not in represent else None) for e, role, r in parts]
            seen = []
            for p in parts:
                if p[0] not in [q[0] for q in seen]:
                    seen.append(p)
            parts = seen
        # never a person together with their own state or agency
        ids = [p[0] for p in parts]
        keep = []
        for p in parts:
            if any(o != p[0] and p[0] in ctx.parents(o) for o in ids):
                continue
            keep.append(p)
        if len(keep) < 2:
            continue
        s_idx = ctx.sentence_of_token(c.cue.start)
        ss, se = ctx.sentences[s_idx]
        ev = Evidence(ctx.article.id, ctx.text[ss:se], ss, se,
                      Span(c.cue.char_start, c.cue.char_end, ctx.text[c.cue.char_start:c.cue.char_end]),
                      f"meeting:{c.cue.label.lower()}:{c.rule}")
        date = find_date(ctx.text[ss:se], ctx.date)
        if date is None and ctx.date and c.status == HELD and _current(ctx, words, ss, se):
            date = ctx.date
        meetings.append(Meeting(tuple(Participant(e, role, _span(ctx, r)) for e, role, r in keep), ev,
                                status=c.status, mode=c.mode, location=c.location, date=date))
    return meetings


def _current(ctx: ArticleContext, words: Words, ss: int, se: int) -> bool:
    """The sentence speaks of the current round or talks ("الجولة الحالية")."""
    a, b = ctx.token_at(ss), ctx.token_at(se - 1)
    return any(words.has(i, "CURRENT") for i in range(a, b + 1))


def representations(ctx: ArticleContext, words: Words) -> dict[str, str]:
    """"X: يمثلها Y" -> X is represented by Y in the article's talks (unless "عادة")."""
    out: dict[str, str] = {}
    for i, t in enumerate(ctx.tokens):
        if not words.has(i, "SIDE_HEAD") or not words.has(i, "REPRESENT"):
            continue
        s = ctx.sentence_of_token(i)
        sa, sb = ctx.sent_toks[s]
        if any(words.has(k, "USUALLY") for k in range(i, min(sb, i + 3))):
            continue
        before = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start and r.tok_end <= i]
        if not before:
            continue
        sides, _ = group_sides(ctx, words, i + 1, sb, max_gap=1)
        sides = [sd for sd in sides if sd.actor_refs()]
        if not sides:
            continue
        x = before[0].entity
        y = rep_id(ctx, sides[0])
        if y and y != x and ctx.type_of(y) == PERSON:
            out[x] = y
    return out


def _key(m: Meeting) -> frozenset:
    return frozenset(p.entity_id for p in m.participants)


def merge_multilateral(ctx: ArticleContext, meetings: list[Meeting]) -> list[Meeting]:
    """Reports of one multilateral event (same venue, two or more shared parties) become one."""
    out: list[Meeting] = []
    for m in meetings:
        k = _key(m)
        merged = False
        if len(k) >= 3 and m.location and m.status == HELD:
            for n, o in enumerate(out):
                ko = _key(o)
                shared = [a for a in k if any(ctx.related(a, b) for b in ko)]
                if (len(ko) >= 3 and o.location == m.location and o.status == HELD and o.mode == m.mode
                        and len(shared) >= 2):
                    parts = list(o.participants) + [p for p in m.participants if p.entity_id not in ko]
                    out[n] = replace(o, participants=tuple(parts), date=o.date or m.date)
                    merged = True
                    break
        if not merged:
            out.append(m)
    # a participant whose own agency or representative also takes part is dropped
    final = []
    for m in out:
        ids = [p.entity_id for p in m.participants]
        parts = tuple(p for p in m.participants
                      if not any(o != p.entity_id and p.entity_id in ctx.parents(o) for o in ids))
        final.append(replace(m, participants=parts) if len(parts) != len(m.participants) else m)
    return [m for m in final if len(m.participants) >= 2]


def _covers(ctx: ArticleContext, general: str, specific: str) -> bool:
    return general == specific or general in ctx.parents(specific)


def drop_restatements(ctx: ArticleContext, meetings: list[Meeting]) -> list[Meeting]:
    """A bilateral meeting restated at state or agency level is not a second meeting."""
    held = [m for m in meetings if m.status == HELD]
    pairs = set()
    for m in held:
        ids = [p.entity_id for p in m.participants]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs.add((a, b))
                pairs.add((b, a))
    out = []
    seen = set()
    for m in meetings:
        ids = [p.entity_id for p in m.participants]
        k = _key(m)
        if any(o is not m and o.evidence.start == m.evidence.start and o.mode == m.mode and o.status == m.status
               and k < _key(o) for o in meetings):
            continue  # part of a larger meeting told by the same sentence
        if len(ids) == 2 and m.status == HELD and not m.evidence.rule.endswith(":host-each"):
            a, b = ids
            if any((x, y) != (a, b) and _covers(ctx, a, x) and _covers(ctx, b, y) for x, y in pairs):
                continue
        key = (_key(m), m.status, m.mode)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def substitute_specific(ctx: ArticleContext, words: Words, cands: list[Candidate]) -> None:
    """A state side of a meeting whose sentence opens with a person of that state (and that
    person is not reported as a speaker) is that person: "رئيس المخابرات ... حيث كثفت مصر
    جهودها باجتماعات مع ..."."""
    for c in cands:
        s = ctx.sentence_of_token(c.cue.start)
        sa, sb = ctx.sent_toks[s]
        first = next((r for r in ctx.refs if r.is_actor and sa <= r.tok_start < sb), None)
        if first is None or first.type != PERSON:
            continue
        if any(words.has(k, "REPORT") for k in range(max(sa, first.tok_start - 3), first.tok_start)):
            continue
        if c.rule not in ("talks-with", "subject-object") or not c.sides:
            continue
        for sd in c.sides[:1]:
            rid = rep_id(ctx, sd)
            if rid and ctx.type_of(rid) == STATE and rid in ctx.parents(first.entity) and \
                    sd.start > first.tok_end and all(first.entity not in o.ids for o in c.sides):
                sd.head = first
                sd.refs.append(first)


def extract_meetings(ctx: ArticleContext, words: Words, cue_patterns, status_patterns) -> list[Meeting]:
    rules = MeetingRules(ctx, words, cue_patterns, status_patterns)
    cands = rules.candidates()
    substitute_specific(ctx, words, cands)
    meetings = build_meetings(ctx, words, cands, representations(ctx, words))
    meetings = merge_multilateral(ctx, meetings)
    return drop_restatements(ctx, meetings)
