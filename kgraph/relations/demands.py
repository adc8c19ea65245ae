"""Demands and rejections: who asks, requires, conditions on or refuses what, from whom.

Cues (`kgraph/data/demand_cues.jsonl`) come in frames:

- verb and noun (طالب، دعا إلى، حث على، طلب X من Y، اشترط، تمسك بـ، أصر على، رفض...; مطالبة،
  إصرار، شروط، حرص على...): the actor is the subject before the cue (SVO), the first actor
  after it (VSO, or the genitive of a noun: "إصرار الجانب الإسرائيلي على"), an adjective
  ("طلب أميركي")، or the owner of a pronoun ("حرصها على"); a direct object or "من X" is the
  target; the demanded thing follows (after ب، إلى، على، أن...);
- participle (مطالبا، داعيا، رافضا): the subject of the main clause;
- predicate ("X هو أولوية قصوى", "X غير مقبول"): the thing stands before the cue;
- necessity (ضرورة): the speaker before it ("شدد الوزير على ضرورة ...");
- condition ("لن نشارك إلا بضمانات"، "لن ننسحب قبل استئناف المفاوضات"): after a negation,
  what is required;
- offer (rule 16: "أبدى استعداده لـ X مقابل Y"، "يمكن أن ... إذا وافقوا على Y"): Y is a demand.

When the subject of a verb cue is a noun the entity layer did not recognise ("القوى المعارضة
تطالب الرئيس بـ"، "وأدانت الجامعة ... وطالبت"، "وقال فلان ... وطلبنا"), no actor is guessed:
an actor after the verb is its object, and an earlier actor is not its subject.

A rejection "until" something (رفض X قبل Y) gives a reject on X and a demand for each Y.
A list in the thing gives one record per topic. The topic comes from the topic lexicon
(`kgraph/data/topics.jsonl`); "other" when nothing matches. Excluded: cues inside a
purpose clause (بهدف، سعيا), negated cues (لم يطالب), and an actor-less cue.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..types import DEMAND, PERSON, REJECT, Demand, Evidence, Span
from .args import (STRONG_PUNCT, Side, Words, clause_left, group_sides, previous_actor, rep_id,
                   representative, subject_before)
from .context import ArticleContext, Ref
from .cues import CueMatch, CueMatcher

_THING_MAX = 24
_PURPOSE = ("بهدف", "بغيه", "سعيا", "لاجل", "هدفها", "هدفه", "تهدف", "يهدف", "تسعي", "يسعي", "وتهدف", "ويهدف",
            "بهدفه", "تمهيدا", "محاوله", "محاولات")
_NOUN_AFTER = ("عن", "علي", "الي", "في", "مع")  # prepositions before a verbal noun (folded)
_NEG = ("لم", "لا", "لن", "ما", "ولم", "ولا", "ولن", "عدم")
_UNTIL = ("قبل", "حتي", "الا", "إلا", "مالم")
_ITEM_BREAK = ("بل", "ايضا", "أيضا", "وكذلك", "كذلك", "فضلا", "اضافه", "وايضا", "ابرزها", "أبرزها", "منها",
               "اولها", "ثانيها", "الاول", "الثاني", "وثانيها")
_ANTECEDENT = ("الامر", "وهو", "وهي", "وهذا", "وهذه", "هذا", "هذه", "ما", "مما", "وهذا", "الاقتراح", "الحل",
               "التسويه", "وهذه")
_NOUN_GOVERNORS = ("بعد", "قبل", "لتلبيه", "تلبيه", "علي", "على", "الي", "إلى", "رغم", "بسبب", "اثر", "إثر", "عقب",
                   "بناء", "وفق", "حسب", "بحسب", "تلبية", "لتلبية", "ضد", "مع", "عن", "في", "وبعد", "دون")
_OFFER = ("استعداد", "مستعد", "يمكن", "بامكان", "بإمكان", "ابدي", "ابدت", "يبدي", "تبدي")  # not agreements or proposals
_LATTER = ("الاخيره", "الاخير", "الأخيرة", "الأخير")
_CLAUSE_AFTER_COMMA = ("الامر", "وهو", "وهي", "مما", "ما", "وهذا", "وهذه", "في", "بينما", "فيما", "لكن", "ولكن",
                       "الا", "غير", "حيث", "وذلك", "كما", "اذ", "إذ")


@dataclass
class Found:
    actors: list[Ref]
    stance: str
    thing: tuple[int, int]  # tokens [a, b)
    cue: CueMatch
    rule: str
    target: Optional[str] = None
    condition: Optional[tuple[int, int]] = None
    topic: Optional[str] = None  # set when copied from an antecedent
    actor_span: Optional[Ref] = None


class TopicLexicon:
    def __init__(self, patterns):
        self.matcher = CueMatcher(patterns)

    def topic(self, tokens) -> Optional[str]:
        """The topic of a demanded thing (token list), or None when no topic word is in it."""
        found = self.matcher.find(list(tokens))
        if not found:
            return None
        for m in found:
            if m.id == "negotiations" and m.start <= 2:
                return "negotiations"
        dis = [m for m in found if m.id == "disarmament"]
        if dis:
            return "disarmament"
        return found[0].id

    def starts_with(self, tokens, topic: str) -> bool:
        """Does a word of `topic` start the tokens ("وإدخال المساعدات" starts humanitarian_aid)?"""
        return any(m.start == 0 and m.id == topic for m in self.matcher.find(list(tokens)))


class DemandRules:
    def __init__(self, ctx: ArticleContext, words: Words, demand_patterns, topic_patterns):
        self.ctx = ctx
        self.words = words
        demand_patterns = list(demand_patterns)
        self.cues = CueMatcher([p for p in demand_patterns if p.label in ("DEMAND", "REJECT")]).find(ctx.tokens)
        self.not_thing = CueMatcher([p for p in demand_patterns if p.label == "NOT_THING"])
        self.sentence_actor: dict[int, list[Ref]] = {}
        self.topics = TopicLexicon(topic_patterns)
        self.found: list[Found] = []
        self.unnamed_hit = False

    # -- helpers ---------------------------------------------------------------------------------
    def sent_range(self, i: int) -> tuple[int, int]:
        s = self.ctx.sentence_of_token(i)
        return self.ctx.sent_toks[s] if s >= 0 else (0, 0)

    def key(self, i: int) -> str:
        """The key of token i, or "" past the end of the article."""
        return self.ctx.tokens[i].key if 0 <= i < len(self.ctx.tokens) else ""

    def frame(self, m: CueMatch) -> str:
        """How cue m is read. A word that is both a verb with its object and a noun with its
        owner ("رفضها") is the noun after a preposition or right after its actor ("أعربت
        السعودية عن رفضها"، "جددت مصر رفضها تهجير ..."), else the verb ("التي رفضها الوزير")."""
        frames = [p.get("frame", "verb") for p in m.patterns]
        if "noun" in frames and frames[0] != "noun" and m.start > 0 and (
                self.key(m.start - 1) in _NOUN_AFTER or self.in_ref(m.start - 1)):
            return "noun"
        return frames[0]

    def blocked(self, m: CueMatch) -> bool:
        """Negated, or inside a purpose clause or a mediator's aims."""
        ctx = self.ctx
        sa, _ = self.sent_range(m.start)
        left = max(sa, m.start - 3)
        for k in range(left, m.start):
            if self.key(k) in _NEG and self.frame(m) not in ("condition", "predicate") \
                    and m.label == DEMAND.upper() and not self.words.has(k + 1, "REPORT"):
                return True
        cl = clause_left(ctx, self.words, m.start)
        for k in range(max(sa, m.start - 8), m.start):
            if self.key(k).lstrip("و") in _PURPOSE or self.key(k) in _PURPOSE:
                return True
        if cl > sa and self.key(cl - 1) in ("بهدف", "بغيه"):
            return True
        return False

    def actor_refs(self, sides: list[Side]) -> list[Ref]:
        out = []
        for s in sides:
            r = representative(self.ctx, s)
            if r is not None:
                out.append(r)
        return out

    def latter(self, i: int) -> Optional[Ref]:
        """"الأخيرة" (the latter): the last actor named before token i."""
        sa, _ = self.sent_range(i)
        cands = [r for r in self.ctx.refs if r.is_actor and r.tok_end <= i]
        return cands[-1] if cands else None

    def last_speaker(self, i: int) -> Optional[Ref]:
        """The subject of the latest reporting verb before token i (this or the previous
        sentence): who "وأضاف" or a quoted "we" is."""
        ctx = self.ctx
        s = ctx.sentence_of_token(i)
        # this and two sentences back: "وقال X ... \n وأضاف، ... \n وطلبنا"
        lo = ctx.sent_toks[max(0, s - 2)][0]
        for j in range(i - 1, lo - 1, -1):
            if not self.words.has(j, "REPORT"):
                continue
            _, sb = self.sent_range(j)
            speaker, settled = self.reporter(j, min(sb, j + 12), guarded=False)
            if settled:
                return speaker
        return None

    def reporter(self, j: int, end: int, guarded: bool) -> tuple[Optional[Ref], bool]:
        """The subject of the reporting verb at token j: the actor right before it, or one of
        the first actors after it (up to token `end`). Returns (speaker, settled): settled is
        False when nothing says who speaks, and (None, True) when the speaker is a name the
        entity layer did not find ("وقالت كلينتون"). `guarded` refuses a subject before the
        verb that carries a preposition or is governed by another word."""
        ctx = self.ctx
        before = subject_before(ctx, self.words, j, max_gap=1)
        if before and (not guarded or (before[-1].marker is None and not self.governed(before[-1]))):
            return representative(ctx, before[-1]), True
        sides, _ = group_sides(ctx, self.words, j + 1, end, max_gap=1)
        sides = [x for x in sides if x.actor_refs() and x.marker is None]
        if sides and sides[0].start <= j + 3:
            return representative(ctx, sides[0]), True
        if self.unnamed_speaker(j):
            self.unnamed_hit = True
            return None, True
        return None, False

    def speaker_state(self, i: int) -> Optional[Ref]:
        """For "طلبنا" (we asked), "لن نشارك" (we will not take part): the organisation or
        state of the speaker."""
        self.unnamed_hit = False
        r = self.last_speaker(i)
        if r is None and self.unnamed_hit:
            return None
        r = r or previous_actor(self.ctx, i)
        if r is None:
            return None
        if r.type != PERSON:
            return r
        # the most specific body the speaker belongs to (the movement before its state), among
        # the parents the article names
        named = {}
        for x in self.ctx.all_refs:  # nested too: "المتحدث باسم حركة X"
            if x.entity in self.ctx.parents(r.entity) and x.is_actor:
                named.setdefault(x.entity, x)
        if not named:
            return r
        deepest = [p for p in named if not any(p in self.ctx.parents(q) for q in named if q != p)]
        pick = sorted(deepest or list(named), key=lambda p: (named[p].type != "ORG", sorted(named).index(p)))
        body = (self.ctx.dictionary.actor(pick[0]) if self.ctx.dictionary else None) or {}
        if body.get("kind") == "ministry" and body.get("state") in named:
            return named[body["state"]]  # a minister's "we" is the government: the state
        return named[pick[0]]

    def chained_subject(self, m: CueMatch) -> list[Ref]:
        s = self.ctx.sentence_of_token(m.start)
        if self.sentence_actor.get(s):
            return list(self.sentence_actor[s])
        sa, _ = self.sent_range(m.start)
        # the subject of the sentence's first verb: an actor right after it
        if m.start - sa > 18:
            return []
        for r in self.ctx.refs:
            if r.is_actor and sa <= r.tok_start < m.start:
                pre = self.ctx.token_prefix(r)
                if r.tok_start - sa <= 2 and pre[:1] not in ("ب", "ل"):
                    return [r]
                break
        return []

    def governed(self, side: Side) -> bool:
        """The side stands after a preposition ("في وزارة الخارجية"، "لمصادر"): not a subject."""
        k = side.start - 1
        r = side.refs[0] if getattr(side, "refs", None) else None
        if r is not None and fold_prefix(self.ctx, r)[-1:] in ("ب", "ل"):
            return True
        sa, _ = self.sent_range(side.start)
        return k >= sa and self.key(k) in ("في", "من", "عن", "مع", "علي", "على", "الي", "إلى", "لدي", "لدى")

    def unnamed_speaker(self, j: int) -> bool:
        """The reporting verb at j is followed by a name that is not a recognised entity."""
        k = j + 1
        _, sb = self.sent_range(j)
        if k >= sb or self.ctx.tokens[k].is_punct or self.in_ref(k) or self.words.labels[k]:
            return False
        key = self.key(k)
        if key[:1] in ("ب", "ل", "ف") or key.startswith(("ال", "وال", "قائل", "مؤكد", "مضيف", "مشير", "موضح")):
            return False
        return key not in ("ان", "أن", "انه", "إن", "في", "من", "عن", "علي", "على", "الي", "إلى", "مع", "امس",
                           "اليوم", "ايضا", "أيضا", "كذلك", "حينها", "حينئذ", "بدوره", "بدورها", "لدي", "خلال")

    def in_ref(self, k: int) -> bool:
        return any(r.tok_start <= k < r.tok_end for r in self.ctx.refs)

    def _unnamed_noun(self, k: int) -> bool:
        """A definite word at token k that is not part of any recognised entity."""
        t = self.ctx.tokens[k]
        key = self.key(k)
        return (not t.is_punct and key.lstrip("وف").startswith("ال") and len(key) > 4
                and not self.in_ref(k) and not self.words.has(k, "RELATIVE", "TIME", "CLAUSE", "REPORT",
                                                               "FILLER", "STOP"))

    def unknown_subject(self, m: CueMatch) -> bool:
        """The verb cue has a subject the entity layer did not recognise, so an actor after the
        verb is its object and an earlier actor is not its subject: "القوى المعارضة تطالب الرئيس
        بـ"، "وأدانت الجامعة ... وطالبت بـ"."""
        sa, _ = self.sent_range(m.start)
        k = m.start - 1
        if k >= sa and m.first.prefix[:1] not in ("و", "ف") and not m.first.suffix \
                and not m.get("pronoun_object") and self._unnamed_noun(k):
            return True  # SVO: "... المعارضة تطالب"
        if m.first.prefix[:1] in ("و", "ف") and m.start - sa > 2:
            # a chained verb: the sentence opens with a verb whose subject is not an entity
            first = sa
            while first < m.start and self.ctx.tokens[first].is_punct:
                first += 1
            if first + 1 < m.start and not self.key(first).lstrip("وف").startswith("ال") \
                    and not self.in_ref(first) and self._unnamed_noun(first + 1):
                return True
        return False

    def is_not_thing(self, a: int, b: int) -> bool:
        found = self.not_thing.find(self.ctx.tokens[a:min(b, a + 8)])
        return any(f.start <= 1 or f.get("anywhere") for f in found)

    # -- the demanded thing --------------------------------------------------------------------------
    def thing_from(self, i: int, limit: Optional[int] = None) -> tuple[int, int]:
        """The demanded thing starting at token i (a leading preposition skipped)."""
        ctx = self.ctx
        _, sb = self.sent_range(i)
        end = min(sb, i + _THING_MAX) if limit is None else limit
        while i < end and (ctx.tokens[i].is_punct or self.key(i) in (
                "ب", "الي", "إلى", "على", "علي", "ان", "أن", "بان", "بأن", "من", "في", "ل", "عن", "الى")):
            i += 1
        j = i
        while j < end:
            t = ctx.tokens[j]
            if t.is_punct and t.text in STRONG_PUNCT | {":"}:
                break
            if t.text in ("،", ",") and j + 1 < end and (self.key(j + 1) in _CLAUSE_AFTER_COMMA
                                                        or self.words.has(j + 1, "RELATIVE")):
                break
            if j > i and self.words.has(j, "RELATIVE") and j + 1 < end and self.key(j - 1) in ("الامر", "وهو"):
                break
            if j > i and self.words.has(j, "CLAUSE") and not self.words.has(j, "STOP"):
                break
            if j > i and self.words.has(j, "REPORT") and (
                    self.key(j).startswith(("مؤكد", "مشير", "مضيف", "موضح"))
                    or any(ctx.tokens[x].is_punct for x in range(max(i, j - 2), j))):
                break
            j += 1
        while j > i and ctx.tokens[j - 1].is_punct:
            j -= 1
        return i, j

    def split_condition(self, a: int, b: int) -> tuple[tuple[int, int], Optional[tuple[int, int]]]:
        for k in range(a + 1, b):
            if self.key(k) in ("مقابل", "شرط", "بشرط", "شريطه", "بشرط", "مقابلا"):
                end = k
                while end > a and self.ctx.tokens[end - 1].is_punct:
                    end -= 1
                return (a, end), (k + 1, b)
        return (a, b), None

    def split_until(self, a: int, b: int) -> tuple[tuple[int, int], Optional[tuple[int, int]]]:
        for k in range(a + 1, b):
            key = self.key(k)
            if key == "حتي" and self.key(k - 1) in ("ولو", "لو"):
                continue  # "ولو حتى": even
            if key in ("قبل", "حتي") or (key in ("الا", "إلا") and k + 1 < b and self.key(k + 1) == "بعد"):
                start = k + 1 if key != "الا" else k + 2
                return (a, k), (start, b)
            if key == "مالم" or (key == "ما" and k + 1 < b and self.key(k + 1) == "لم"):
                return (a, k), (k + 2 if key == "ما" else k + 1, b)
        return (a, b), None

    def items(self, a: int, b: int) -> list[tuple[int, int]]:
        """A list in the thing: "فتح المعابر، إدخال المساعدات، ووقف استهداف المدنيين".

        Cuts at commas only between short items that each name a topic, at additive words
        ("بل أيضا"، "فضلا عن") and before "و" + a word of another topic.
        """
        ctx = self.ctx
        cuts = [a]
        for k in range(a + 1, b):
            t = ctx.tokens[k]
            if t.text in ("،", ",", "؛", ";"):
                cuts.append(k + 1)
            elif self.key(k) in _ITEM_BREAK:
                cuts.append(k + 1 if self.key(k) in ("ابرزها", "أبرزها", "منها", "ايضا", "أيضا") else k)
            elif t.key in ("وبعد", "وقبل", "ومن", "وكذلك"):
                mine = self.topics.topic(ctx.tokens[k + 1:min(b, k + 4)])
                so_far = self.topics.topic(ctx.tokens[cuts[-1]:k])
                if mine is not None and so_far is not None and so_far != mine:
                    cuts.append(k + 1)
            elif t.key.startswith("و") and len(t.key) > 3:
                mine = self.topics.topic(ctx.tokens[k:min(b, k + 4)])
                so_far = self.topics.topic(ctx.tokens[cuts[-1]:k])
                if mine is not None and self.topics.starts_with(ctx.tokens[k:min(b, k + 4)], mine):
                    if so_far is not None and so_far != mine:
                        cuts.append(k)
                elif so_far is None and k - cuts[-1] >= 2 and t.key[1:3] != "ال" and \
                        self.topics.topic(ctx.tokens[k:min(b, k + 8)]) is not None:
                    cuts.append(k)  # "إخضاع إسرائيل ...، واتخاذ التدابير لوقف العدوان"
        cuts.append(b)
        out = []
        for x, y in zip(cuts, cuts[1:]):
            while x < y and (ctx.tokens[x].is_punct or self.key(x) in _ITEM_BREAK):
                x += 1
            while y > x and ctx.tokens[y - 1].is_punct:
                y -= 1
            if y > x:
                out.append((x, y))
        # a comma list: keep the items only while they are short and name a topic
        keep = out[:1]
        for x, y in out[1:]:
            if y - x > 8 or self.topics.topic(ctx.tokens[x:y]) is None:
                break
            keep.append((x, y))
        return keep or [(a, b)]

    def antecedent_topic(self, i: int) -> Optional[str]:
        """"..., الأمر الذي ينبغي التصدي له": the topic of the clause the cue refers back to."""
        sa, _ = self.sent_range(i)
        for k in range(i - 1, max(sa, i - 4) - 1, -1):
            if self.key(k) in ("الامر", "وهو", "وهذا", "مما") or (self.words.has(k, "RELATIVE") and k > sa
                                                                 and self.key(k - 1) == "الامر"):
                start = k - 1 if self.key(k) != "الامر" else k
                return self.topics.topic(self.ctx.tokens[max(sa, start - 30):start])
        return None

    def topic_of(self, a: int, b: int) -> str:
        return self.topics.topic(self.ctx.tokens[a:b]) or "other"

    # -- frames ------------------------------------------------------------------------------------
    def head_frame(self, m: CueMatch) -> Optional[Found]:
        """Verb or noun cue."""
        ctx = self.ctx
        _, sb = self.sent_range(m.start)
        frame = self.frame(m)
        frames = {p.get("frame", "verb") for p in m.patterns}
        prev = self.key(m.start - 1) if m.start > 0 else ""
        purpose_verb = m.first.prefix.endswith("ل") and m.first.stem[:1] in ("ي", "ت", "ن") and "verb" in frames
        is_noun = not purpose_verb and (
            frame == "noun" or m.first.stem.startswith("ال") or m.first.prefix.endswith(("ب", "ل"))
            or ("noun" in frames and prev in _NOUN_GOVERNORS))
        # arguments after the cue
        after, stop = group_sides(ctx, self.words, m.end, sb, max_gap=0, stop_words=True)
        after = [s for s in after if s.actor_refs()]
        actors: list[Ref] = []
        target: Optional[str] = None
        rest = list(after)
        if m.first.suffix and is_noun and m.first.suffix != "نا":
            r = previous_actor(ctx, m.start, prefer_person=False)
            if r is not None:
                actors = [r]
        elif m.first.suffix == "نا" or m.first.key.endswith("نا") and not is_noun:
            r = self.speaker_state(m.start)
            if r is not None:
                actors = [r]
            elif self.unnamed_hit:
                return None  # "وطلبنا": we, a speaker the entity layer did not name
        if m.get("svo_only") and not subject_before(ctx, self.words, m.start, max_gap=1):
            return None
        # "الذي اقترح من قبل الجيش"، "تم رفضه من قبل الجماعة": the agent of a passive
        agent_end = None
        for k in range(m.end, min(sb, m.end + 3)):
            if self.key(k) == "من" and k + 1 < sb and self.key(k + 1) == "قبل":
                sides, _ = group_sides(ctx, self.words, k + 2, sb, max_gap=0)
                if sides and sides[0].actor_refs():
                    actors = self.actor_refs(sides[:1])
                    rest = [x for x in rest if x.start >= sides[0].end]
                    agent_end = sides[0].end
                break
        if m.get("object_first") and rest and rest[0].marker is None and rest[0].start <= m.end + 1:
            # "ضغط على X لـ"، "أمهل X يومين": the actor is the clause's subject, X the target
            target = rep_id(ctx, rest[0])
            actors = actors or self.actor_refs(subject_before(ctx, self.words, m.start, max_gap=3)[-1:]) \
                or ([r] if (r := self.main_subject(m.start)) else []) or self.chained_subject(m)
            if not actors:
                return None
            a, b = self.thing_from(rest[0].end)
            while a < b and ctx.tokens[a].key in ("يومين", "ساعه", "اسبوعا", "ايام", "مهله"):
                a += 1
            return Found(actors, DEMAND, (a, b), m, "object-first", target=target)
        if not actors and is_noun and rest and rest[0].start <= m.end + 1:
            if rest[0].marker is None or (rest[0].marker == "from" and rest[0].start == m.end + 1
                                          and not m.first.stem.startswith("ال")):
                # "إصرار الجانب الإسرائيلي على"، "طلب الحكومة الفرنسية"، "بعد طلب من X"
                s0 = rest.pop(0)
                actors = self.actor_refs([s0])
                while rest and rest[0].coord and rest[0].marker is None:
                    actors += self.actor_refs([rest.pop(0)])
        s_idx = ctx.sentence_of_token(m.start)
        if not actors and not is_noun and (purpose_verb or (m.first.prefix[:1] == "و" and m.start > 0
                                                            and ctx.tokens[m.start - 1].text in ("،", ","))):
            # "لتطلب" (in order to ask), "..., ويرفض": the subject of the clause before
            actors = list(self.sentence_actor.get(s_idx) or [])
            if not actors and purpose_verb:
                r = self.main_subject(m.start)
                if r is None:
                    return None
                actors = [r]
        chained = not is_noun and m.first.prefix[:1] in ("و", "ف") and m.start > 0 \
            and not ctx.tokens[m.start - 1].is_punct
        if not actors:
            before = subject_before(ctx, self.words, m.start, max_gap=1 if is_noun else 2, all_sides=True)
            if before and chained and before[-1].end < m.start:
                # "وأدانت الجامعة الانتهاكات الإسرائيلية ... وطالبت": the actor standing a few
                # words before a chained verb is not its subject; the first verb's subject is
                chain = self.chained_subject(m)
                if chain and chain[0].entity not in {r.entity for r in self.actor_refs(before)}:
                    before = []
                    actors = chain
                elif not chain and self.unknown_subject(m):
                    before = []
            if before:
                actors = self.actor_refs(before)  # adjacent demonyms: a joint position of each
            elif not is_noun and m.first.prefix[:1] in ("و", "ف"):
                # "وأدانت السلطنة ... وطالبت بـ": a chained verb keeps the subject of the one before
                actors = self.chained_subject(m)
        if not actors and not is_noun and self.unknown_subject(m):
            return None
        if not actors and not is_noun and m.end < sb and self._unnamed_noun(m.end) and not m.get("pronoun_object") \
                and any(r.is_actor and m.end < r.tok_start <= m.end + 8 and not self.governed(Side([r]))
                        for r in ctx.refs):
            return None  # "طالبت القوى المعارضة رئيس الوزراء بـ": the actor after is the object
        if not actors and rest and rest[0].marker is None and rest[0].start <= m.end + 1:
            s0 = rest.pop(0)
            actors = self.actor_refs([s0])
            while rest and rest[0].coord and rest[0].marker is None:
                actors += self.actor_refs([rest.pop(0)])
        if not actors and (not is_noun or m.id == "condition"):
            r = previous_actor(ctx, m.start, prefer_person=False)
            if r is not None:
                actors = [r]
        if not actors:
            return None
        # target: "من X", or a direct object right after (طالبت X بـ، دعا X إلى)
        for s in rest:
            if s.marker == "from" and m.get("target_prep") == "من":
                target = rep_id(ctx, s)
                break
            if s.marker is None and m.get("object") and self.key(s.end) not in ():
                target = rep_id(ctx, s)
                break
            break
        # the thing: after the last argument
        start = m.end if agent_end is None else agent_end
        for s in after:
            if s.end <= stop and (s.marker is None or s.marker == "from") and s.start <= start + 3:
                start = max(start, s.end)
        a, b = self.thing_from(start)
        if m.id == "condition" and b > a and ctx.tokens[a].key[:1] == "ل" and len(ctx.tokens[a].key) > 3:
            # "شرطين لعقد اللقاء، الأول هو ...": what the condition is for is not the demand
            for k in range(a, b):
                if ctx.tokens[k].text in ("،", ",", ":"):
                    a = k + 1
                    while a < b and (self.key(a) in ("الاول", "اولها", "وهي", "هي", "هو", "وهو", "اولا")
                                     or ctx.tokens[a].is_punct):
                        a += 1
                    break
        if m.get("pronoun_object") or (b - a) <= 0:
            return Found(actors, REJECT if m.label == "REJECT" else DEMAND, (a, a), m, "pronoun-object",
                         target=target)
        if m.get("requires_prep") and not any(
                self.key(k) in ("الي", "إلى", "على", "علي") or ctx.tokens[k].key.startswith("ل")
                for k in range(start, min(a + 1, sb))):
            return None
        return Found(actors, REJECT if m.label == "REJECT" else DEMAND, (a, b), m,
                     "noun" if is_noun else "verb", target=target)

    def participle_frame(self, m: CueMatch) -> Optional[Found]:
        ctx = self.ctx
        sa, sb = self.sent_range(m.start)
        firsts = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start < m.start
                  and not ctx.is_media(r.entity) and not fold_prefix(ctx, r)[-1:] in ("ل", "ب")]
        actor = self.main_subject(m.start) or (firsts[0] if firsts else None)
        if actor is None:
            return None
        after, stop = group_sides(ctx, self.words, m.end, sb, max_gap=0)
        target = None
        start = m.end
        if after and after[0].marker is None and after[0].start <= m.end + 1 and after[0].actor_refs():
            target = rep_id(ctx, after[0])
            start = after[0].end
        a, b = self.thing_from(start)
        if b <= a:
            return None
        return Found([actor], REJECT if m.label == "REJECT" else DEMAND, (a, b), m, "participle", target=target)

    def predicate_frame(self, m: CueMatch) -> Optional[Found]:
        ctx = self.ctx
        sa, _ = self.sent_range(m.start)
        k = m.start - 1
        anchor = None
        while k >= sa and m.start - k <= _THING_MAX:
            key = self.key(k)
            if key[:1] in ("و", "ف") and key[1:] in ("ان", "انه"):
                key = key[1:]
            if key in ("ان", "أن", "بان", "بأن", "انه", "إن") or key.startswith(("تعتبر", "يعتبر", "اعتبر", "معتبر")) \
                    or self.words.has(k, "RELATIVE") or ctx.tokens[k].text in STRONG_PUNCT | {":"}:
                anchor = k
                break
            k -= 1
        if anchor is None:
            return None
        a, b = anchor + 1, m.start
        while b > a and (self.key(b - 1) in ("هو", "هي", "يعد", "تعد", "يبقي", "تبقي", "يظل", "تظل", "امر", "أمر")
                         or ctx.tokens[b - 1].is_punct):
            b -= 1
        while a < b and ctx.tokens[a].is_punct:
            a += 1
        ak = self.key(anchor)
        actor: Optional[Ref] = None
        # "الأمر الذي تعتبره الأخيرة ... غير مقبول"
        for i in range(a, b):
            if self.key(i) in _LATTER:
                actor = self.latter(i)
                a = b
                break
        if actor is None and anchor > sa and self.words.has(anchor - 1, "CLAUSE") and \
                self.words.has(anchor - 1, "CLAUSE") and self.key(anchor - 1).startswith(("معتبر", "مؤكد", "مشير", "مضيف", "موضح", "مشدد")):
            # "..., معتبرة أن X أولوية": the subject of the main clause
            firsts = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start < anchor]
            actor = firsts[0] if firsts else None
        if actor is None and ak in ("ان", "أن", "إن", "انه", "بان", "بأن"):
            self.unnamed_hit = False
            actor = self.main_subject(anchor)
            if actor is None and self.unnamed_hit:
                return None
        if actor is None:
            before = subject_before(ctx, self.words, anchor, max_gap=3)
            if before:
                actor = representative(ctx, before[-1])
            elif ak.startswith(("تعتبر", "يعتبر", "اعتبر")):
                sides, _ = group_sides(ctx, self.words, anchor + 1, m.start, max_gap=0)
                if sides and sides[0].actor_refs():
                    actor = representative(ctx, sides[0])
                    a = sides[0].end
        if actor is None:
            actor = previous_actor(ctx, anchor, prefer_person=False)
        if actor is None:
            return None
        thing = (a, b)
        if b <= a and m.end < len(ctx.tokens) and self.key(m.end) in ("ان", "أن") and \
                not self.words.has(anchor, "RELATIVE"):
            # "أكد أنه من المهم أن ...": the necessity follows the cue
            thing = self.thing_from(m.end)
            if thing[1] <= thing[0]:
                return None
        elif self.words.has(anchor, "RELATIVE") or b <= a:
            thing = (a, a)
        return Found([actor], REJECT if m.label == "REJECT" else DEMAND, thing, m, "predicate")

    def main_subject(self, i: int) -> Optional[Ref]:
        """The speaker or subject of the sentence holding token i: the subject of the last
        reporting verb before i, else an actor opening the sentence, else the previous
        sentence's first actor."""
        ctx = self.ctx
        sa, sb = self.sent_range(i)
        for j in range(i - 1, sa - 1, -1):
            if self.words.has(j, "REPORT"):
                if self.key(j).endswith("وا") or (self.key(j)[:1] in ("ي", "ت") and self.key(j).endswith("ون")):
                    return None  # "قالوا إنه يجب ...": an unnamed "they" speaks
                speaker, settled = self.reporter(j, i, guarded=True)
                if settled:
                    return speaker
        for r in ctx.refs:
            if r.is_actor and sa <= r.tok_start < i and not self.governed(Side([r])):
                return r if r.tok_start - sa <= 3 else None
        s = ctx.sentence_of_token(i)
        if s > 0:
            pa, pb = ctx.sent_toks[s - 1]
            prev = [r for r in ctx.refs if r.is_actor and pa <= r.tok_start < pb]
            if prev and prev[0].tok_start - pa <= 3:
                return prev[0]
        return None

    def necessity_frame(self, m: CueMatch) -> Optional[Found]:
        """"ضرورة X": the actor is the speaker right before (شدد/أكد X على ضرورة) or an
        adjective pair ("توافق مصري قطري على ضرورة"); "يجب/ينبغي/لا يمكن": the speaker."""
        ctx = self.ctx
        sa, sb = self.sent_range(m.start)
        if m.get("impersonal"):
            start = m.end
            target = None
            if m.id == "impersonal_refusal" and m.first.key in ("لا",):
                # "لا يمكن لإسرائيل تسجيل ...": a refusal addressed to X
                r = next((r for r in ctx.refs if r.tok_start == m.end and r.is_actor), None)
                if r is None or not fold_prefix(ctx, r).startswith("ل"):
                    return None
                target = r.entity
                start = r.tok_end
            actor = self.main_subject(m.start)
            if actor is None:
                return None
            a, b = self.thing_from(start)
            if b <= a:
                return None
            return Found([actor], REJECT if m.label == "REJECT" else DEMAND, (a, b), m, "impersonal",
                         target=target)
        k = m.start - 1
        while k >= sa and self.key(k) in ("على", "علي", "الى", "إلى", "ب", "عن"):
            k -= 1
        before = subject_before(ctx, self.words, k + 1, max_gap=1, all_sides=True)
        actors = self.actor_refs(before)
        if not actors:
            # "أكد الوزير ضرورة": a reporting verb and its subject right before
            for j in range(max(sa, m.start - 8), m.start):
                if self.words.has(j, "REPORT"):
                    sides, _ = group_sides(ctx, self.words, j + 1, m.start, max_gap=1)
                    actors = self.actor_refs([s for s in sides if s.marker is None][:1])
                    break
        if not actors:
            return None
        a, b = self.thing_from(m.end)
        if b <= a:
            return None
        return Found(actors, DEMAND, (a, b), m, "necessity")

    def condition_frame(self, m: CueMatch) -> Optional[Found]:
        ctx = self.ctx
        sa, _ = self.sent_range(m.start)
        if m.end < len(ctx.tokens) and self.key(m.end) in ("ان", "انه", "انها", "انهم"):
            return None  # "إلا أن": however
        neg = None
        for k in range(m.start - 1, max(sa, m.start - 12) - 1, -1):
            if self.key(k) in ("لن", "لا", "لم", "ولن", "ولا"):
                neg = k
                break
            if ctx.tokens[k].text in STRONG_PUNCT:
                break
        if neg is None:
            return None
        if m.id == "not_before" and (self.key(neg) not in ("لن", "ولن") or m.start - neg > 10):
            return None  # "لن ننسحب قبل ..." (a refusal until), not "لم ... قبل يومين"
        before = subject_before(ctx, self.words, neg, max_gap=3)
        actor = representative(ctx, before[-1]) if before else None
        if neg + 1 < m.start and self.key(neg + 1)[:1] == "ن" and len(self.key(neg + 1)) > 3:
            actor = self.speaker_state(neg)  # "لن نشارك إلا ...": we, the speaker's side
        if actor is None:
            after, _ = group_sides(ctx, self.words, neg + 1, m.start, max_gap=1)
            after = [s for s in after if s.actor_refs() and s.marker is None]
            actor = representative(ctx, after[0]) if after else None
        if actor is None:
            actor = previous_actor(ctx, neg, prefer_person=False)
        if actor is None:
            return None
        start = m.end
        if m.first.key in ("الا",) and start < len(ctx.tokens) and self.key(start) == "بعد":
            start += 1
        a, b = self.thing_from(start)
        if b <= a:
            return None
        if m.id == "not_before" and self.topics.topic(ctx.tokens[a:b]) is None:
            return None  # "قبل نهاية الشهر": a time, not a condition
        if b - a >= 2 and self.key(a) in ("اذا", "إذا") and self.key(a + 1).endswith("نا"):
            return None  # "لا يمكن أن نعفو عنهم إلا إذا شعرنا ...": the speaker's own judgement
        return Found([actor], DEMAND, (a, b), m, "condition")

    def offer_frame(self, m: CueMatch) -> Optional[Found]:
        """Rule 16: "أبدى استعداده للإفراج عن الأسرى مقابل عقد لقاء"، "يمكن أن يعفو عنهم إذا
        وافقوا على الحوار": the condition of an offer is a demand of whoever offers."""
        ctx = self.ctx
        sa, _ = self.sent_range(m.start)
        offer = None
        for k in range(m.start - 1, max(sa, m.start - 30) - 1, -1):
            key = self.key(k).lstrip("وف")
            if key.startswith(_OFFER):
                offer = k
                break
        if offer is None:
            return None
        actor = None
        for r in reversed([r for r in ctx.refs if r.is_actor and sa <= r.tok_start and r.tok_end <= offer]):
            if not self.governed(Side([r])):
                actor = r
                break
        if actor is None:
            self.unnamed_hit = False
            actor = self.main_subject(offer)
            if actor is None and self.unnamed_hit:
                return None
        if actor is None:
            actor = previous_actor(ctx, offer, prefer_person=False)
        if actor is None:
            return None
        a, b = self.thing_from(m.end)
        if b <= a or self.key(a) in ("ذلك", "هذا", "هذه"):
            return None
        return Found([actor], DEMAND, (a, b), m, "offer")

    # -- assembling ----------------------------------------------------------------------------------
    def run(self) -> list[Found]:
        out: list[Found] = []
        for m in self.cues:
            frame = self.frame(m)
            if frame != m.patterns[0].get("frame", "verb"):  # read as its other part of speech
                m = replace(m, patterns=tuple(p for p in m.patterns if p.get("frame", "verb") == frame))
            if self.blocked(m):
                continue
            if m.first.prefix.endswith("ك"):
                continue  # "كشرط أساسي": restates a demand named before
            if m.id == "condition" and ("لشرطه" in self.key(m.start) or "الشرطه" in self.key(m.start)):
                continue  # "الشرطة": the police
            if m.get("impersonal"):
                f = self.necessity_frame(m)
            elif frame in ("verb", "noun"):
                f = self.head_frame(m)
            elif frame == "participle":
                f = self.participle_frame(m)
            elif frame == "predicate":
                f = self.predicate_frame(m)
            elif frame == "necessity":
                f = self.necessity_frame(m)
            elif frame == "condition":
                f = self.condition_frame(m)
            elif frame == "offer":
                f = self.offer_frame(m)
            else:
                f = None
            if f is not None:
                a, b = f.thing
                if b > a and self.is_not_thing(a, b):
                    continue
                if b > a and self.key(a) == "مع" and frame == "noun":
                    continue  # "تلاقي مطالب X مع مطالب Y": the demands are compared, not made
                f.actors = [r for r in f.actors if not self.ctx.is_media(r.entity)]
                if not f.actors:
                    continue
                out.append(f)
                self.sentence_actor.setdefault(self.ctx.sentence_of_token(m.start), list(f.actors))
        return out


def fold_prefix(ctx: ArticleContext, r: Ref) -> str:
    from ..normalize import fold
    return fold(ctx.token_prefix(r))


def _span(ctx: ArticleContext, a: int, b: int) -> Optional[Span]:
    if b <= a:
        return None
    s, e = ctx.tokens[a].start, ctx.tokens[b - 1].end
    return Span(s, e, ctx.text[s:e])


def extract_demands(ctx: ArticleContext, words: Words, demand_patterns, topic_patterns,
                    status_patterns=None) -> list[Demand]:
    rules = DemandRules(ctx, words, demand_patterns, topic_patterns)
    founds = rules.run()
    out: list[Demand] = []
    last: list[tuple[int, Demand]] = []  # (sentence, demand) for antecedents

    def add(f: Found, actor: Ref, stance: str, a: int, b: int, topic: str, target: Optional[str],
            condition: Optional[tuple[int, int]], text: Optional[str] = None) -> Demand:
        s_idx = ctx.sentence_of_token(f.cue.start)
        ss, se = ctx.sentences[s_idx]
        span = _span(ctx, a, b)
        cond = _span(ctx, *condition) if condition else None
        if target == actor.entity:
            target = None
        d = Demand(actor=actor.entity, topic=topic, stance=stance,
                   text=text if text is not None else (span.surface if span else ""),
                   evidence=Evidence(ctx.article.id, ctx.text[ss:se], ss, se,
                                     Span(f.cue.char_start, f.cue.char_end,
                                          ctx.text[f.cue.char_start:f.cue.char_end]),
                                     f"demand:{f.cue.label.lower()}:{f.rule}"),
                   target=target, condition=cond.surface if cond else None, text_span=span,
                   actor_span=Span(actor.start, actor.end, ctx.text[actor.start:actor.end]))
        out.append(d)
        last.append((s_idx, d))
        return d

    for f in founds:
        a, b = f.thing
        s_idx = ctx.sentence_of_token(f.cue.start)
        if b <= a:
            # the thing is an antecedent: the latest demand of this or the previous sentence
            prev = [d for si, d in last if s_idx - 1 <= si <= s_idx]
            if not prev:
                continue
            p = prev[-1]
            for actor in f.actors:
                if actor.entity == p.actor and f.stance == p.stance:
                    continue
                target = f.target or (p.actor if actor.entity != p.actor else None)
                d = Demand(actor=actor.entity, topic=p.topic, stance=f.stance, text=p.text,
                           evidence=Evidence(ctx.article.id, ctx.text[ctx.sentences[s_idx][0]:ctx.sentences[s_idx][1]],
                                             ctx.sentences[s_idx][0], ctx.sentences[s_idx][1],
                                             Span(f.cue.char_start, f.cue.char_end,
                                                  ctx.text[f.cue.char_start:f.cue.char_end]),
                                             f"demand:{f.cue.label.lower()}:{f.rule}"),
                           target=target, text_span=p.text_span,
                           actor_span=Span(actor.start, actor.end, ctx.text[actor.start:actor.end]))
                out.append(d)
                last.append((s_idx, d))
            continue
        (a, b), cond = rules.split_condition(a, b)
        until = None
        if f.stance == REJECT:
            (a, b), until = rules.split_until(a, b)
        for actor in f.actors:
            if f.stance == REJECT:
                target = f.target or _target_in(ctx, a, b, actor.entity)
                add(f, actor, REJECT, a, b, rules.topic_of(a, b), target, cond)
                if until:
                    for x, y in rules.items(*until):
                        t = rules.topics.topic(ctx.tokens[x:y])
                        if t is not None:
                            add(f, actor, DEMAND, x, y, t, None, None)
                continue
            seen_topics = set()
            items = rules.items(a, b)
            back = rules.antecedent_topic(f.cue.start)
            for n, (x, y) in enumerate(items):
                t = rules.topics.topic(ctx.tokens[x:y])
                if t is None:
                    if n > 0:
                        continue
                    t = back or "other"
                if t in seen_topics:
                    continue
                seen_topics.add(t)
                target = f.target or _target_in(ctx, x, y, actor.entity)
                add(f, actor, DEMAND, x if len(items) > 1 else a, y if len(items) > 1 else b, t, target,
                    cond if n == 0 else None)
    return _dedupe(out)


def _target_in(ctx: ArticleContext, a: int, b: int, actor: str) -> Optional[str]:
    """The first actor named inside the demanded thing (نزع سلاح حماس -> hamas)."""
    for r in ctx.refs:
        if r.is_actor and a <= r.tok_start and r.tok_end <= b and r.entity != actor \
                and not ctx.related(r.entity, actor):
            return r.entity
    return None


def _dedupe(demands: list[Demand]) -> list[Demand]:
    """One record per (actor, topic, stance, text); rejections before demands of one pair."""
    seen = set()
    out = []
    for d in demands:
        k = (d.actor, d.topic, d.stance, d.text)
        if k in seen:
            continue
        seen.add(k)
        out.append(d)
    # rule 23: for one (actor, topic) with both stances, the reject first
    order = {}
    for n, d in enumerate(out):
        order.setdefault((d.actor, d.topic), []).append(n)
    rank = {}
    for (actor, topic), idx in order.items():
        first = min(idx)
        for n in idx:
            rank[n] = (first, 0 if out[n].stance == REJECT else 1, n)
    return [out[n] for n in sorted(range(len(out)), key=lambda n: rank[n])]
