"""The argument grammar shared by the meeting and demand rules.

Arabic news sentences put the actors of an event in a few places: before the verb (SVO),
right after it (VSO), after a preposition (مع، ب، من، إلى، بين), or in apposition
("اللواء حسن رشاد، مدير جهاز المخابرات"). The functions here group the actor mentions
of a stretch of tokens into *sides*: one side is one party of the event, however many
mentions name it ("وفد إسرائيلي يترأسه وزير الشؤون الاستراتيجية" is one side, headed by
the minister), and sides are told apart by coordination (و، إضافة إلى), prepositions and
incompatible actors. A side's representative is its most specific actor: a person over an
organisation or state, the head of a delegation over the delegation.

Word classes come from `kgraph/data/relation_words.jsonl` (matched with clitics read off) and
`kgraph/data/relation_keys.jsonl` (closed classes compared with a whole token, `tokens.key_class`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import CONJUNCTIONS, drop_article, fold
from ..types import COUNTERPART_SOURCE, LOCATION, ORG, PERSON, STATE
from .context import ArticleContext, Ref
from .cues import CueMatcher, load_cues
from .tokens import key_class

RELATION_WORDS = "relation_words.jsonl"
STRONG_PUNCT = {".", "؛", ";", "!", "?", "؟", "\n"}
COMMA = {"،", ","}
MARKERS = {"PREP_WITH": "with", "PREP_FROM": "from", "PREP_TO": "to", "PREP_BETWEEN": "between",
           "PREP_VIA": "via"}


def is_demonym(r: Ref) -> bool:
    """A state named by an adjective ("الليبيتين", "المصرية"), not by its name."""
    if r.type != STATE:
        return False
    k = fold(r.surface).split()
    if len(k) != 1:
        return False
    w = drop_article(k[0])
    return w.endswith(key_class("DEMONYM_ENDING")) and len(w) > 3


class Words:
    """The word classes of every token of one article."""

    def __init__(self, ctx: ArticleContext, patterns=None):
        self.ctx = ctx
        matcher = CueMatcher(patterns if patterns is not None else load_cues(RELATION_WORDS))
        self.labels: list[set[str]] = [set() for _ in ctx.tokens]
        self.prefix: list[str] = [""] * len(ctx.tokens)
        self.span_end: dict[int, int] = {}
        for m in matcher.find(ctx.tokens, longest=True):
            for i in range(m.start, m.end):
                self.labels[i].update(p.label for p in m.patterns)
            if m.start not in self.span_end or m.end > self.span_end[m.start]:
                self.span_end[m.start] = m.end
            self.prefix[m.start] = m.readings[0].prefix

    def has(self, i: int, *labels: str) -> bool:
        return 0 <= i < len(self.labels) and any(lab in self.labels[i] for lab in labels)

    def is_and(self, i: int) -> bool:
        return self.ctx.tokens[i].key in key_class("AND")

    def is_punct(self, i: int) -> bool:
        return self.ctx.tokens[i].is_punct

    def text(self, i: int) -> str:
        return self.ctx.tokens[i].text


@dataclass
class Side:
    """One party of an event: the mentions that name it and how it was introduced."""
    refs: list[Ref] = field(default_factory=list)
    marker: str | None = None  # with, from, to, between, via, bi (ب), li (ل), None
    coord: bool = False  # joined to the side before by coordination
    head: Ref | None = None  # named by a SIDE_HEAD word (يترأسه، برئاسة)
    complements: set = field(default_factory=set)  # indexes of refs in genitive position
    added: bool = False  # introduced by an additive word (إضافة إلى، إلى جانب)

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(r.entity for r in self.refs))

    @property
    def start(self) -> int:
        return self.refs[0].tok_start

    @property
    def end(self) -> int:
        return self.refs[-1].tok_end

    @property
    def is_location(self) -> bool:
        return all(r.type == LOCATION for r in self.refs)

    def actor_refs(self) -> list[Ref]:
        return [r for r in self.refs if r.is_actor]


def is_role_only(r: Ref) -> bool:
    """A person named only by a post ("رئيس المخابرات المصرية"), not by a name ("person:<name>")."""
    if r.type != PERSON:
        return False
    if ":" in r.entity:
        return not r.entity.startswith("person:")
    return r.mention.role is not None and not r.mention.person and r.mention.key is None


def _states(ctx: ArticleContext, eid: str) -> set[str]:
    d = ctx.dictionary
    return {p for p in ctx.parents(eid)
            if ctx.type_of(p) == STATE or (d is not None and (d.actor(p) or {}).get("type") == STATE)}


def _other_state(ctx: ArticleContext, side: Side, r: Ref) -> bool:
    """Two persons of known, different states: "التقى الرئيس الأمريكي الرئيسَ الكيني"."""
    mine = _states(ctx, r.entity)
    theirs = set().union(*(_states(ctx, x.entity) for x in side.refs if x.type == PERSON))
    return bool(mine and theirs and not mine & theirs)


def representative(ctx: ArticleContext, side: Side) -> Ref | None:
    """The most specific actor of a side."""
    actors = side.actor_refs()
    if not actors:
        return None
    if side.head is not None and side.head.is_actor:
        return side.head
    heads = [r for n, r in enumerate(side.refs) if r.is_actor and n not in side.complements] or actors
    persons = [r for r in heads if r.type == PERSON]
    if persons:
        named = [r for r in persons if not is_role_only(r)]
        return (named or persons)[0]
    first = heads[0]
    # an organisation of the first actor named inside the side is more specific than it
    for r in heads[1:]:
        if first.entity in ctx.parents(r.entity):
            return r
    return first


def rep_id(ctx: ArticleContext, side: Side) -> str | None:
    r = representative(ctx, side)
    return r.entity if r else None


def compatible(ctx: ArticleContext, side: Side, r: Ref, apposition: bool) -> bool:
    """Can mention `r` be one more name of `side` (rather than a new party)?"""
    ids = side.ids
    if r.entity in ids:
        return True
    if any(ctx.related(r.entity, x) for x in ids):
        return True
    if apposition and r.type == PERSON and any(x.type == PERSON for x in side.refs) \
            and r.mention.source != COUNTERPART_SOURCE and not _other_state(ctx, side, r):
        # a post and a name of one person, not tied by the entity layer ("نظيره" is someone else)
        if is_role_only(r) or all(is_role_only(x) for x in side.refs if x.type == PERSON):
            return True
    return False


def group_sides(ctx: ArticleContext, words: Words, a: int, b: int, max_gap: int = 3,
                stop_words: bool = True, first_marker: str | None = None) -> tuple[list[Side], int]:
    """Sides named in tokens [a, b), reading left to right until the argument list ends.

    Returns the sides and the token where reading stopped. A stretch of more than `max_gap`
    words that are neither actors nor grammar words ends the list, and so do clause
    boundaries and (with `stop_words`) topic words such as حول، بشأن.
    """
    sides: list[Side] = []
    cur: Side | None = None
    starts = {}
    for r in ctx.refs:
        if a <= r.tok_start and r.tok_end <= b:
            starts.setdefault(r.tok_start, r)
    marker = first_marker
    coord = False
    added = False
    head = False
    members = False
    content = 0
    place = 0
    last_word = None
    i = a
    while i < b:
        r = starts.get(i)
        if r is not None:
            pre = fold(ctx.token_prefix(r))
            m = marker
            if pre.startswith(CONJUNCTIONS) and len(pre) <= 3:
                coord = True
                pre = pre[1:]
            if m is None and pre[:1] == "ب":
                m = "bi"
            elif m is None and pre[:1] == "ل":
                m = "li"
            genitive = (last_word is not None and last_word == i - 1 and words.has(i - 1, "RELATIONAL")
                        and not coord and m is None)
            adjective = (cur is not None and not coord and m is None and i == cur.end and is_demonym(r)
                         and not is_demonym(cur.refs[-1]))
            if cur is None:
                new = True
            elif adjective:
                new = False  # "قبيلتي التبو والطوارق الليبيتين": an attribute of the actor before
            elif members or head:
                new = False
            elif coord and not genitive:
                new = True
            elif m is not None and not genitive:
                new = True
            elif genitive:
                new = False
            elif r.type == PERSON and i - cur.end <= 1 and all(x.type == ORG for x in cur.refs) \
                    and words.has(cur.start - 1, "RELATIONAL"):
                new = False  # "رئيس فرع الإفتاء الدكتور <name>": the body of a post, then its holder (after a title)
            else:
                new = not compatible(ctx, cur, r, apposition=True)
            if new:
                if m is None and coord and cur is not None:
                    m = cur.marker  # a coordinated party shares the preposition before the list
                cur = Side([r], m, coord and bool(sides), added=added)
                sides.append(cur)
            else:
                cur.refs.append(r)
                if genitive or adjective:
                    cur.complements.add(len(cur.refs) - 1)
                if head and r.is_actor and cur.head is None:
                    cur.head = r
            marker, coord, head, added = None, False, False, False
            content = 0
            i = r.tok_end
            last_word = None
            continue
        tok = ctx.tokens[i]
        if tok.is_punct:
            if tok.text in STRONG_PUNCT:
                break
            i += 1
            continue
        if words.has(i, "RELATIVE") or (words.has(i, "CLAUSE") and (sides or i > a)):
            break
        if stop_words and words.has(i, "STOP") and sides:
            break
        if words.has(i, "SIDE_HEAD"):
            head = True
        elif words.has(i, "SIDE_MEMBERS"):
            members = True
        elif words.has(i, "COORD"):
            coord = True
            added = True
            members = False
        elif any(words.has(i, lab) for lab in MARKERS):
            lab = next(lab for lab in MARKERS if words.has(i, lab))
            marker = MARKERS[lab]
            if words.prefix[i].startswith("و"):
                coord = True
            members = False
        elif words.is_and(i):
            coord = True
            members = False
        elif words.has(i, "FILLER", "TIME", "RELATIONAL") or tok.key in key_class("IN"):
            place = _PLACE_WORDS if tok.key in key_class("IN") else place
        elif place:
            place -= 1  # "في قصر السلام": the words of a place after في are no gap
        else:
            content += 1
            if content > max_gap:
                break
        last_word = i
        end_span = words.span_end.get(i, i + 1)
        if end_span > i + 1 and not any(s in starts for s in range(i + 1, end_span)):
            for k in range(i + 1, end_span):
                last_word = k
            i = end_span
            continue
        i += 1
    return sides, i


def clause_left(ctx: ArticleContext, words: Words, i: int) -> int:
    """The first token of the clause holding token i (scanning back to a boundary)."""
    s = ctx.sentence_of_token(i)
    sa = ctx.sent_toks[s][0] if s >= 0 else 0
    k = i - 1
    while k >= sa:
        t = ctx.tokens[k]
        if t.is_punct and t.text in STRONG_PUNCT | {":"}:
            return k + 1
        if words.has(k, "CLAUSE"):
            return k + 1
        k -= 1
    return sa


_PLACE_WORDS = 2  # words after في that name a place, not counted as a gap in an argument list
_GOVERNING = ("PREP_WITH", "PREP_FROM", "PREP_TO", "PREP_BETWEEN", "PREP_VIA", "PREP_IN")
_QUOTES = "«»\"“”'()"


def governed(ctx: ArticleContext, words: Words, r: Ref) -> bool:
    """A mention is the object of a preposition: a ب/ل glued to it, or written apart before it
    ("لـ «الشرق الأوسط»"), or a preposition before it; a name right after its post is
    governed with the post ("بالرئيس الأمريكي <name>")."""
    if ctx.token_prefix(r).strip("وف")[-1:] in ("ب", "ل"):
        return True
    post = next((p for p in ctx.refs if p.tok_end == r.tok_start and p.entity == r.entity), None)
    if post is not None and governed(ctx, words, post):
        return True
    k = r.tok_start - 1
    while k >= 0 and ctx.tokens[k].is_punct and ctx.tokens[k].text in _QUOTES:
        k -= 1
    return words.has(k, *_GOVERNING) or (k >= 0 and ctx.tokens[k].key.rstrip("ـ") in ("ل", "ب"))


def bare_complementizer(ctx: ArticleContext, words: Words, k: int) -> bool:
    """Is token k إنّ/أنّ with no pronoun on it? Its clause then opens with its own subject
    noun; "إنه"، "أنها" carry the pronoun of a subject named before."""
    return words.has(k, "COMPLEMENTIZER") and len(fold(ctx.tokens[k].text).lstrip("وف")) <= 2


def subject_before(ctx: ArticleContext, words: Words, i: int, max_gap: int = 3,
                   all_sides: bool = False, object_ok: bool = True) -> list[Side]:
    """The side(s) right before token i that can be its subject (SVO order).

    Scans back over grammar words and at most `max_gap` other words; a relative pronoun
    right before i points at its antecedent ("راسموسن، الذي يقوم بزيارة"). Without
    `object_ok`, an actor right after a preposition is no subject.
    """
    s = ctx.sentence_of_token(i)
    sa = ctx.sent_toks[s][0] if s >= 0 else 0
    k = i - 1
    content = 0
    found_ref: Ref | None = None
    ref_end = {r.tok_end: r for r in ctx.refs}
    skipped_complement = False
    while k >= sa:
        r = ref_end.get(k + 1)
        if r is not None and r.is_actor and r.tok_start >= sa:
            before = r.tok_start - 1
            if (not skipped_complement and before >= sa and words.has(before, "PREP_FROM")
                    and not words.has(before, "FILLER") and content == 0):
                # "المبعوث الثاني من الأمم المتحدة الذي يصل": the actor after من is a
                # complement; the subject is the head noun's referent further back
                skipped_complement = True
                k = before - 1
                continue
            pre = fold(ctx.token_prefix(r))
            if pre[-1:] in ("ب", "ل") or (before >= sa and ctx.tokens[before].key in key_class("SOURCE")):
                return []  # "لـ«الشرق الأوسط»", "بحسب وكالة ...": not a subject
            if not object_ok and before >= sa and governed(ctx, words, r):
                # the object of a preposition is no subject; the subject is further back:
                # "أجرى أوباما في كينيا أمس محادثات"، "زيارته إلى الكويت في جولة"
                content += 1
                if content > max_gap:
                    return []
                k = before - 1
                continue
            found_ref = r
            break
        t = ctx.tokens[k]
        if t.is_punct:
            if t.text in STRONG_PUNCT or t.text == ":":
                return []
        elif words.has(k, "CLAUSE") or (content and bare_complementizer(ctx, words, k)):
            return []  # "قال الوزير إن آلاف المهاجرين وصلوا": the clause's noun is its subject
        elif words.has(k, "RELATIVE"):
            pass
        elif words.has(k, "FILLER", "TIME", "LIGHT") or t.key in key_class("AUX") or t.key in key_class("IN"):
            pass
        elif words.has(k, "PREP_WITH", "PREP_FROM", "PREP_TO", "PREP_BETWEEN"):
            return []  # the actor before is an object of something else
        else:
            content += 1
            if content > max_gap:
                return []
        k -= 1
    if found_ref is None:
        return []
    # the start of the chunk holding the subject: back over its coordinated names
    start = found_ref.tok_start
    k = start - 1
    while k >= sa:
        r = ref_end.get(k + 1)
        if r is not None and r.tok_start >= sa:
            start = r.tok_start
            k = start - 1
            continue
        t = ctx.tokens[k]
        if t.is_punct and t.text in COMMA:
            k -= 1
            continue
        if (words.is_and(k) or words.has(k, "FILLER", "TIME", "RELATIONAL", "SIDE_HEAD")) and not t.is_punct:
            k -= 1
            continue
        break
    sides, _ = group_sides(ctx, words, start, found_ref.tok_end, max_gap=2, stop_words=False)
    sides = [sd for sd in sides if any(r.is_actor for r in sd.refs)]
    if not sides:
        return []
    if all_sides:
        # only the coordinated tail: "مولخو وعريقات"
        tail = [sides[-1]]
        for sd in reversed(sides[:-1]):
            # coordinated ("مولخو وعريقات") or adjacent adjectives ("توافق مصري قطري")
            if tail[0].coord or tail[0].start == sd.end:
                tail.insert(0, sd)
            else:
                break
        return tail
    return [sides[-1]]


def previous_actor(ctx: ArticleContext, i: int, exclude: set[str] = frozenset(),
                   prefer_person: bool = True, previous_sentence: bool = True) -> Ref | None:
    """The actor a dropped or pronoun subject at token i most likely refers to."""
    s = ctx.sentence_of_token(i)
    if s < 0:
        return None
    sa = ctx.sent_toks[s][0]
    cands = [r for r in ctx.refs if r.is_actor and sa <= r.tok_start and r.tok_end <= i
             and r.entity not in exclude]
    if prefer_person:
        persons = [r for r in cands if r.type == PERSON]
        if persons:
            return persons[-1]
    if cands:
        return cands[-1]
    if previous_sentence and s > 0:
        pa, pb = ctx.sent_toks[s - 1]
        prev = [r for r in ctx.refs if r.is_actor and pa <= r.tok_start and r.tok_end <= pb
                and r.entity not in exclude]
        if prev:
            persons = [r for r in prev if r.type == PERSON]
            return (persons or prev)[0]
    return None


def merge_related(ctx: ArticleContext, sides: list[Side]) -> list[Side]:
    """One side per party: a side whose representative belongs to another's is folded
    into it, keeping the more specific representative."""
    out: list[Side] = []
    for sd in sides:
        rid = rep_id(ctx, sd)
        if rid is None:
            continue
        merged = False
        for n, o in enumerate(out):
            oid = rep_id(ctx, o)
            if oid is None:
                continue
            if oid == rid or rid in ctx.parents(oid):
                o.refs.extend(r for r in sd.refs if r not in o.refs)
                merged = True
                break
            if oid in ctx.parents(rid):
                new = Side(sd.refs + [r for r in o.refs if r not in sd.refs], o.marker, o.coord, sd.head)
                out[n] = new
                merged = True
                break
        if not merged:
            out.append(sd)
    return out

