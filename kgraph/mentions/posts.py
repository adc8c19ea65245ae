"""Posts: a title with the state or organisation it belongs to is a PERSON, a role phrase
("رئيس الوزراء القطري"، "مدير جهاز المخابرات العامة المصرية"), held by the person named right
after it, in apposition ("اللواء حسن رشاد، مدير ...") or after a verb of saying before it; a
counterpart ("نظيره التركي <name>") holds the same post in another state.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..dictionary import ACTOR, CAPITAL, DEMONYM, HONORIFIC, NON_ACTOR, ORG_HEAD, STATE_REF, TITLE
from ..normalize import fold
from ..relations.sentences import sentence_bounds
from ..types import COUNTERPART_SOURCE, ORG, PERSON, STATE, Mention
from .context import CLAUSE_MARKS, SOURCE, MentionContext
from .names import name_before, name_words, person_after, with_person
from .orgs import actor_phrase, org_after_title, org_in_title, state_org
from .places import is_venue
from .resolve import PHRASE, Candidate, mentions_of

_APPOSITION_SKIP = 6  # words of a "لشؤون ..." tail between a role phrase and its holder
_RELATIVE_ROLES = ("envoy", "member")  # posts held *for* someone: "مبعوث ترامب"، "مستشار الرئيس"
_DESTINATION_WORDS = frozenset(fold(w) for w in ("إلى", "الى", "لدى"))
_POST_NOUNS = frozenset(fold(w) for w in ("منصب", "بمنصب"))


def read_title(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """A role phrase: one PERSON mention per post its holder is given, after the mentions of
    a name read back before it; then what the phrase itself names (its state, organisation,
    holder)."""
    it = ctx.item_at.get(i)
    if not (it and it.label == TITLE):
        return None
    seen = mentions_of(kept)
    found: list[Mention] = []
    before = _previous_person(ctx, seen, i)
    if before is None and (before := name_before(ctx, i)) is not None:
        found.append(before)
    before = before or _holder_before_post_noun(ctx, seen, i)
    adjacent = None if before else _previous_person(ctx, seen, i, adjacent=True)
    of, person, j, roles, parts = _role(ctx, [*seen, *found], i)
    role = ctx.dictionary.title_roles.get(roles[0], roles[0])
    role_end = _role_end(ctx, i, j, person)
    holder = person or before
    if adjacent is not None and of and _apposition_holds(ctx, adjacent, person, of, role):
        before = holder = adjacent  # "<name> <role>" with no comma: "استقبل <name> وزير ..."
    if holder is not None and (of or before is None):
        # one mention per post the holder is given: "نائبة رئيس الوزراء ووزيرة الخارجية"
        found += [ctx.mention(i, role_end, PERSON, holder.key, source="title-rule", of=of, person=holder.surface,
                              role=ctx.dictionary.title_roles.get(post, post), post=post) for post in roles]
    elif of:
        found.append(ctx.mention(i, role_end, PERSON, None, source="title-rule", role=role, of=of, post=roles[0]))
    return Candidate(*ctx.claim(i, max(j, i + 1)), "title", PHRASE, (*found, *parts))


def _role(ctx: MentionContext, seen: Sequence[Mention], i: int
          ) -> tuple[str | None, Mention | None, int, list[str], tuple[Mention, ...]]:
    """Parse a role phrase starting at item i: (of, person, next token, roles, the mentions
    read inside it)."""
    d = ctx.dictionary
    roles = [ctx.item_at[i].key]
    j = ctx.item_at[i].end
    # coordinated posts of one person: "رئيس الوزراء ووزير الخارجية"
    while (it := ctx.item_at.get(j)) and it.label == TITLE and ctx.keys[j].prefix.startswith("و"):
        roles.append(it.key)
        j = it.end
    found: list[Mention] = []
    of = None
    it = ctx.item_at.get(j)
    if inner := org_in_title(ctx, i, it):
        of, j, org = inner
        found.append(org)
    elif it and it.label == DEMONYM:
        of = it.key
        found.append(ctx.mention(it.start, it.end, ctx.actor_type(it.key), it.key))
        j = it.end
    elif it and it.label == ACTOR and ctx.actor_type(it.key) in (ORG, STATE):
        of, j, actor = actor_phrase(ctx, it, ctx.actor_type(it.key))
        found += actor
    elif it and it.label == ORG_HEAD and (nxt := ctx.item_at.get(it.end)) and nxt.label == DEMONYM:
        of, org = state_org(ctx, it, nxt)
        found += [org, ctx.mention(nxt.start, nxt.end, ctx.actor_type(nxt.key), nxt.key)]
        j = nxt.end
    elif it and it.label == CAPITAL and not is_venue(ctx, it):
        of = d.capitals[it.key][0]
        found.append(ctx.mention(it.start, it.end, STATE, of))
        j = it.end
    elif it and it.label == TITLE:
        of, _, j, _, inner_found = _role(ctx, seen, j)
        found += inner_found
    elif (it and it.label == ACTOR and ctx.actor_type(it.key) == PERSON
          and d.title_roles.get(roles[0]) in _RELATIVE_ROLES and (of := _person_state(ctx, it.key))):
        # "مبعوث ترامب": the envoy of the person's state, not the person
        found.append(ctx.mention(it.start, it.end, PERSON, it.key))
        j = it.end
    elif (it is None or it.label in (STATE_REF, NON_ACTOR)) and (unknown := org_after_title(ctx, i, j)):
        of, j, org_found = unknown
        found += org_found
    # a demonym may follow an organisation inside the phrase ("وزير خارجية الاحتلال الإسرائيلي")
    if of and (it := ctx.item_at.get(j)) and it.label == DEMONYM and ctx.actor_type(of) != STATE:
        found.append(ctx.mention(it.start, it.end, ctx.actor_type(it.key), it.key))
        j = it.end
    if of and ctx.doc[i].norm_ == "رئيس" and roles[0] in ("head", "president"):
        # رئيس + a state is its president, + an organisation its head
        roles[0] = "president" if ctx.actor_type(of) == STATE else "head"
    person, j2, parts = person_after(ctx, [*seen, *found], j, after_honorific=False)
    found += with_person(parts, person)
    if person is None and of and (it := ctx.item_at.get(j)) and it.label == TITLE:
        # a second title of no owner before the name is the holder's rank or other post:
        # "المتحدث باسم الخارجية المستشار <name>"، "مبعوث <X> مستشار الأمن الوطني <name>"
        person, j2, parts = person_after(ctx, [*seen, *found], _portfolio_end(ctx, it.end), after_honorific=False)
        found += with_person(parts, person)
        j2 = j2 if person is not None else j
    if person is None and of is None:
        person, j2, parts = _person_after_portfolio(ctx, [*seen, *found], j)
        found += with_person(parts, person)
    if person is None:
        person, parts = _holder_after_tail(ctx, [*seen, *found], j)
        found += parts
        j2 = j
    if person is None:
        person, j2, parts = _holder_in_apposition(ctx, [*seen, *found], j)
        found += parts
    if person is None and of:
        person = _known_holder_after_tail(ctx, j, of, d.title_roles.get(roles[0], roles[0]))
    if of is None and person is None:
        of = _line_owner(ctx, [*seen, *found], i)
    return of, person, j2, roles, tuple(found)


def _person_state(ctx: MentionContext, key: str) -> str | None:
    """The state or organisation a known person's first listed post belongs to."""
    posts = (ctx.dictionary.actor(key) or {}).get("posts") or []
    return posts[0].get("of") if posts else None


def _portfolio_end(ctx: MentionContext, j: int) -> int:
    """End of a post's portfolio at token j: up to two definite words the dictionary lacks
    ("التنمية الاقتصادية"، "الأمن الوطني"); j if there is none."""
    k = j
    while k < len(ctx.doc) and k - j < 2 and k not in ctx.covered and ctx.doc[k].is_alpha \
            and ctx.words[k].startswith("ال") and ctx.words[k] not in ctx.lexicon.stops:
        k += 1
    return k


def _person_after_portfolio(ctx: MentionContext, seen: Sequence[Mention], j: int
                            ) -> tuple[Mention | None, int, tuple[Mention, ...]]:
    """"وزيرة التنمية الاقتصادية <name>": a post's portfolio (one or two definite words the
    dictionary lacks), then a name of two or more words that a clause boundary ends."""
    k = _portfolio_end(ctx, j)
    if k == j:
        return None, j, ()
    end = name_words(ctx, k)
    if end - k < 2 or not (end >= len(ctx.doc) or not ctx.doc[end].is_alpha or end in ctx.covered
                           or ctx.words[end] in ctx.lexicon.stops):
        return None, j, ()
    return person_after(ctx, seen, k, after_honorific=False)


def _line_owner(ctx: MentionContext, seen: Sequence[Mention], i: int) -> str | None:
    """The state or organisation heading a list line: "قطر: يمثلها رئيس الوزراء"."""
    text = ctx.article.text
    start = ctx.keys[i].start
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    if ":" not in head:
        return None
    colon = line_start + head.index(":")
    for m in seen:
        if line_start <= m.start and m.end <= colon and m.type in (STATE, ORG) and m.key \
                and not text[m.end:colon].strip():
            return m.key
    return None


def _holder_after_tail(ctx: MentionContext, seen: Sequence[Mention], j: int
                       ) -> tuple[Mention | None, tuple[Mention, ...]]:
    """The holder named after a short tail of the role phrase: "<role> السابق <name>",
    "<role> إلى ليبيا <name>", "<role> لشؤون الشرق الأوسط، السيد <name>". Returns the holder
    or None, and the mentions read (a name the dictionary lacks inside the tail is not kept)."""
    d = ctx.dictionary
    k = j
    if k >= len(ctx.doc) or ctx.words[k] not in d.role_tails:
        return None, ()
    found: list[Mention] = []
    while k < len(ctx.doc) and k - j < _APPOSITION_SKIP and not ctx.is_punct(k, CLAUSE_MARKS):
        if k > j and (other := ctx.item_at.get(k)) is not None and other.label == TITLE:
            break  # another post opens its own phrase: "أمير قطر لدى استقباله الرئيس التركي <name>"
        # a name after و is the next item of a list: "المتحدث إلى أن ... بين شكري وكيري";
        # one right after إلى/لدى is where the post is sent: "مبعوث <X> إلى <person>"
        previous = ctx.words[k - 1]
        if (previous in d.role_tails or k - 1 in ctx.covered) and previous not in _DESTINATION_WORDS \
                and not ctx.keys[k].prefix.startswith("و"):
            person, _, parts = person_after(ctx, [*seen, *found], k, after_honorific=False)
            found += parts
            if person is not None and person.key and not person.key.startswith("person:"):
                return person, (*found, person)
        k += 1
    person, _, parts = _holder_in_apposition(ctx, [*seen, *found], k)
    return person, (*found, *parts)


def _holder_in_apposition(ctx: MentionContext, seen: Sequence[Mention], k: int
                          ) -> tuple[Mention | None, int, tuple[Mention, ...]]:
    """The holder named after a comma right after the role phrase (or its tail, token k):
    "وزير الدفاع الفرنسي، جان إيف لودريان، بحث". A known person or a name after an honorific,
    or two or more name words that a punctuation mark ends; a word with و opens the next
    item of a list, not a name. Returns (person or None, token end, the mentions read)."""
    if not ctx.is_punct(k) or k + 1 >= len(ctx.doc) or ctx.keys[k + 1].prefix:
        return None, k, ()
    nxt = ctx.item_at.get(k + 1)
    if nxt and nxt.label == ACTOR and ctx.actor_type(nxt.key) != PERSON:
        return None, k, ()
    person, end, parts = person_after(ctx, seen, k + 1, after_honorific=False)
    if person is None:
        return None, k, parts
    named = nxt is not None and nxt.label in (HONORIFIC, ACTOR)  # a known name or a title says so
    if not named and not (end >= len(ctx.doc) or ctx.is_punct(end, "،,.:؛;")):
        return None, k, parts
    return person, end, (*parts, person)


def _known_holder_after_tail(ctx: MentionContext, j: int, of: str, role: str) -> Mention | None:
    """"المبعوث الأممي الخاص إلى اليمن، <name>،": after a short tail and a comma, a
    person the dictionary lists in that very post. The tail and the name are read on their
    own afterwards; the mention returned only names the holder."""
    k = j
    while k < len(ctx.doc) and k - j < 3 and not ctx.is_punct(k, CLAUSE_MARKS):
        k += 1
    if k == j or not ctx.is_punct(k) or not (it := ctx.item_at.get(k + 1)) or it.label != ACTOR \
            or ctx.actor_type(it.key) != PERSON or not ctx.dictionary.holds(it.key, of, role):
        return None
    return ctx.mention(it.start, it.end, PERSON, it.key, source=SOURCE)


def _role_end(ctx: MentionContext, i: int, j: int, person: Mention | None) -> int:
    """Token end of the role phrase proper (title + its state/org), without the name."""
    if person is None:
        return j
    end_tok = i
    for k in range(i, j):
        if ctx.keys[k].start >= person.start:
            break
        end_tok = k + 1
    while end_tok > i + 1 and (ctx.is_punct(end_tok - 1) or ctx.item_at.get(end_tok - 1)
                               and ctx.item_at[end_tok - 1].label in (HONORIFIC, TITLE)):
        end_tok -= 1
    return end_tok


def _previous_person(ctx: MentionContext, seen: Sequence[Mention], i: int, adjacent: bool = False) -> Mention | None:
    """The person in apposition before token i: "<person>، <role>"; with `adjacent`,
    the person right before it with nothing between ("<person> <role>")."""
    if adjacent:
        start = ctx.doc[i].idx
    elif not ctx.is_punct(i - 1):
        return None
    else:
        start = ctx.keys[i - 1].start
    for m in reversed(seen):
        if m.type == PERSON and m.end <= start and not m.role:
            between = ctx.article.text[m.end:start]
            return m if not between.strip() else None
    return None


def _holder_before_post_noun(ctx: MentionContext, seen: Sequence[Mention], i: int) -> Mention | None:
    """"يشغل <person> منصب <role>": the person right before منصب holds the post."""
    if i < 2 or ctx.words[i - 1] not in _POST_NOUNS:
        return None
    return _previous_person(ctx, seen, i - 1, adjacent=True)


def _apposition_holds(ctx: MentionContext, before: Mention, after: Mention | None, of: str, role: str) -> bool:
    """Is the person right before a role phrase (no comma) its holder? A name the
    dictionary lacks is, when no name follows the phrase; a known person is, when the
    dictionary lists them in that post and not the person after it."""
    d = ctx.dictionary
    known = before.key and d.actor(before.key) is not None
    if not known:
        return after is None
    return d.holds(before.key, of, role) and not (
        after is not None and after.key and d.holds(after.key, of, role))


def read_counterpart(ctx: MentionContext, i: int, kept: Sequence[Candidate]) -> Candidate | None:
    """"نظيره التركي <name>": the nationality is the state, the name a person, and the phrase
    the same post as the person before it holds, in that state."""
    it = ctx.item_at.get(i)
    if not (it and it.label == HONORIFIC and it.key == "counterpart"):
        return None
    nxt = ctx.item_at.get(it.end)
    end = it.end
    found: tuple[Mention, ...] = ()
    if nxt and nxt.label == DEMONYM:
        seen = mentions_of(kept)
        found = (ctx.mention(nxt.start, nxt.end, ctx.actor_type(nxt.key), nxt.key),)
        person, j, parts = person_after(ctx, [*seen, *found], nxt.end, after_honorific=False)
        found = (*found, *with_person(parts, person))
        end = max(j, nxt.end)
        if post := _counterpart_post(ctx, [*seen, *found], it.start):
            # the same post in the other state: "شكري يلتقي نظيرته الكرواتية" is Croatia's
            # foreign minister, whoever the article names for it
            counterpart = ctx.mention(it.start, nxt.end, PERSON, person.key if person else None,
                                      source=COUNTERPART_SOURCE, role=ctx.dictionary.title_roles[post], of=nxt.key,
                                      person=person.surface if person else None, post=post)
            found = (counterpart, *found)
    elif not (nxt and nxt.label == ACTOR):
        # "يلتقي نظيره <name>": a name of two words or more after the counterpart
        person, j, parts = person_after(ctx, mentions_of(kept), it.end, after_honorific=False)
        found = with_person(parts, person)
        end = max(j, it.end)
    return Candidate(*ctx.claim(i, end), "counterpart", PHRASE, found)


def _counterpart_post(ctx: MentionContext, seen: Sequence[Mention], i: int) -> str | None:
    """The post of the person whose counterpart ("نظيره") token i names: the nearest person
    before it in the sentence, by a role phrase the article gives them or else their first
    post in the dictionary that is a known title."""
    d = ctx.dictionary
    start = ctx.keys[i].start
    sentence_start = sentence_bounds(ctx.sentences, start, start)[0]
    people = [m for m in seen if m.type == PERSON and (m.key or m.post) and sentence_start <= m.start
              and m.end <= start]
    if not people:
        return None
    last = max(people, key=lambda m: (m.end, m.post is not None))
    if last.post in d.title_roles:
        return last.post  # "وزير الخارجية الألماني نظيره الأردني"
    subject = last.key
    for m in seen:
        if m.key == subject and m.post and m.post in d.title_roles:
            return m.post
    for post in (d.actor(subject) or {}).get("posts") or []:
        if post.get("title") in d.title_roles:
            return post["title"]
    return None
