"""Article -> Mentions: the rules over the dictionary's phrase matches (see the package docstring)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from ..dictionary import ACTOR, CAPITAL, DEMONYM, HONORIFIC, NON_ACTOR, ORG_HEAD, STATE_REF, TITLE
from ..normalize import clitic_analyses, fold, fold_with_offsets, phrase_words
from ..relations.sentences import sentence_bounds, split_sentences
from ..types import COUNTERPART_SOURCE, LOCATION, ORG, OUTLET_SOURCE, PERSON, STATE, Article, Mention
from .match import Item, Lexicon

SOURCE = "lexicon"
_MAX_NAME_WORDS = 4
_MAX_ORG_WORDS = 6  # words of an unknown organisation's name inside a role phrase
_APPOSITION_SKIP = 6  # words of a "لشؤون ..." tail between a role phrase and its holder
_VERB_PREFIXES = ("يت", "تت", "يست", "تست", "ين", "تن")  # present-tense verbs: "يتلقى", "يستقبل"
_RELATIVE_ROLES = ("envoy", "member")  # posts held *for* someone: "مبعوث ترامب"، "مستشار الرئيس"


class _Reader:
    """One pass over one article's items; keeps the state the composition rules need."""

    def __init__(self, tagger: Lexicon, article: Article):
        self.t = tagger
        self.d = tagger.dictionary
        self.article = article
        self.doc, self.keys = tagger.doc(article.text)
        # nouns for a person take a name only when definite ("الصحافي <name>", not "مؤتمر صحافي")
        self.items = [it for it in tagger.items(self.doc) if not (
            it.key == "person_noun"
            and not fold(self.doc[it.start].text)[len(self.keys[it.start].prefix):].startswith("ال"))]
        self.item_at = {it.start: it for it in self.items}
        self.covered = set()
        self.nationals: dict[str, set[str]] = {}  # state -> people introduced as "<noun> <demonym> <name>"
        for it in self.items:
            self.covered.update(range(it.start, it.end))
        self.out: list[Mention] = []

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentence spans (`kgraph.relations.sentences`), split when first asked."""
        return split_sentences(self.article.text)

    # spans and mentions
    def _span(self, s: int, e: int) -> tuple[int, int]:
        return self.keys[s].start, self.keys[e - 1].end

    def _add(self, s: int, e: int, typ: str, key: str | None, source: str = SOURCE,
             **extra) -> Mention:
        start, end = self._span(s, e)
        m = Mention(self.article.id, start, end, self.article.text[start:end], typ, source,
                    key=key, **extra)
        self.out.append(m)
        return m

    _QUOTES = "«»\"“”'()"

    def _unknown_org(self, i: int) -> int:
        """An organisation the dictionary lacks, after an organisation noun: "حزب <name>",
        "صحيفة «<name>»". Adds the mention; returns the next token to read."""
        tok = self.doc[i]
        if fold(tok.text) in self.d.org_list_heads:
            return self._org_list(i)
        word = fold(tok.text)
        # the noun itself, or after ل/ب ("لقناة «<name>»"), never after و (a list goes on)
        heads = (self.d.org_name_heads, self.d.quoted_org_heads)
        stem = word if word[:1] not in "لب" or any(word in h for h in heads) else word[1:]
        if stem not in self.d.org_name_heads and stem not in self.d.quoted_org_heads:
            return i + 1
        k = i + 1
        quoted = k < len(self.doc) and self.doc[k].text in self._QUOTES
        if not quoted and stem not in self.d.org_name_heads:
            return i + 1  # "موقع الانفجار" is a place; "موقع «<name>»" a website
        if quoted:
            close = k + 1
            while close < len(self.doc) and close - k <= _MAX_NAME_WORDS and self.doc[close].text not in self._QUOTES:
                close += 1
            if close < len(self.doc) and self.doc[close].text in self._QUOTES and close > k + 1:
                known = self.item_at.get(k + 1)
                if known and known.label == ACTOR and known.end == close and self._actor_type(known.key) == ORG:
                    self._add_actor(known, ORG)  # "صحيفة «هآرتس»": the name the dictionary knows
                    return close + 1
                name = self.article.text[self.keys[k + 1].start:self.keys[close - 1].end]
                self._add(k + 1, close, ORG, "org:" + "_".join(phrase_words(name)), source="org-name-rule")
                return close + 1
            return i + 1
        end = k
        while end < len(self.doc) and end - k < _MAX_NAME_WORDS and self._name_word(end) \
                and fold(self.doc[end].text) not in self.d.speech_verbs:
            word = fold(self.doc[end].text)
            if end > k and (word[:1] == "و" or word.startswith(("لل", "بال", "كال"))
                            or word[:1] in "يت" and len(word) >= 4 and not word.endswith(("ي", "يه"))):
                break  # a conjunction, a prepositional phrase or a verb ends the name
            end += 1
        if end == k or not fold(self.doc[k].text).startswith("ال") and end - k < 1:
            return i + 1
        start, stop = self._span(i, self._place_after(end) or end)
        self._add(i, end, ORG, "org:" + "_".join(phrase_words(self.article.text[start:stop])),
                  source="org-name-rule")
        if stop > self.keys[end - 1].end:  # the name goes on with its place: "... في جبل عامل"
            self.out[-1] = replace(self.out[-1], end=stop, surface=self.article.text[start:stop])
        return end  # the place is read on its own too

    def _place_after(self, k: int) -> int | None:
        """Token end of "في <place>" at token k: a known country or capital, or a place noun
        and one word ("في جبل عامل"); None if there is none."""
        if k + 1 >= len(self.doc) or fold(self.doc[k].text) != "في":
            return None
        it = self.item_at.get(k + 1)
        if it and (it.label == CAPITAL or it.label == ACTOR and self._actor_type(it.key) == STATE):
            return it.end
        if fold(self.doc[k + 1].text) in self.d.place_nouns and k + 2 < len(self.doc) and (
                self._name_word(k + 2) or (it := self.item_at.get(k + 2)) and it.label == CAPITAL):
            return (it.end if it and it.start == k + 2 else k + 3)
        return None

    def _person_state(self, key: str) -> str | None:
        """The state or organisation a known person's first listed post belongs to."""
        posts = (self.d.actor(key) or {}).get("posts") or []
        return posts[0].get("of") if posts else None

    def _org_list(self, i: int) -> int:
        """"قبائل الحساونة والربائع": one organisation per listed name (one word each)."""
        k = i + 1
        while k < len(self.doc) and k - i <= 8:
            if self._is_punct(k):
                k += 1
                continue
            tok = self.doc[k]
            word = fold(tok.text)
            if k in self.covered or not tok.is_alpha or word in self.t.stops:
                break
            skip = 1 if k > i + 1 and word[:1] == "و" else 0
            if k > i + 1 and not skip and not self._is_punct(k - 1):
                break  # names after the first are joined by و or a comma
            _, offsets = fold_with_offsets(tok.text)
            start = tok.idx + offsets[skip]
            name = self.article.text[start:tok.idx + len(tok.text)]
            if fold(name) in self.t.stops or len(fold(name)) < 3:
                break
            self.out.append(Mention(self.article.id, start, tok.idx + len(tok.text), name, ORG,
                                    "org-list-rule", key="org:" + "_".join(phrase_words(name))))
            k += 1
        return max(k, i + 1)

    def _add_actor(self, it: Item, typ: str) -> tuple[str, int]:
        """A dictionary actor, and the organisations its name contains; returns its key and
        token end. A word joined by a hyphen names a branch, another organisation:
        "الحركة الشعبية لتحرير السودان-شمال"."""
        if typ == ORG and it.end + 1 < len(self.doc) and self.doc[it.end].text == "-" \
                and not self.doc[it.end - 1].whitespace_ and not self.doc[it.end].whitespace_ \
                and self.doc[it.end + 1].is_alpha:
            start, stop = self._span(it.start, it.end + 2)
            key = "org:" + "_".join(phrase_words(self.article.text[start:stop]))
            self._add(it.start, it.end + 2, ORG, key, source="org-name-rule")
            return key, it.end + 2
        self._add(it.start, it.end, typ, it.key)
        if typ == ORG and it.end - it.start > 1:
            for inner in self.t.inner_orgs(self.doc, it):
                self._add(inner.start, inner.end, ORG, inner.key)
        return it.key, it.end

    def _actor_type(self, key: str) -> str:
        actor = self.d.actor(key)
        if actor:
            return actor["type"]
        return ORG if key.startswith("org:") else PERSON if key.startswith("person:") else STATE

    def _is_punct(self, i: int, chars: str = "،,") -> bool:
        return 0 <= i < len(self.doc) and self.doc[i].text in chars

    # name words after a title or honorific
    def _name_words(self, j: int) -> int:
        """End (exclusive) of the unknown-name words starting at token j; j if none."""
        k = j
        while k < len(self.doc) and k - j < _MAX_NAME_WORDS:
            tok = self.doc[k]
            key = fold(tok.text)
            if k in self.covered or not tok.is_alpha or len(key) < 2:
                break
            is_connector = key in self.d.name_connectors
            if key in self.t.stops and not is_connector or (
                    key[:1] in "بلكو" and key[1:] in self.d.name_stops):
                break
            if k == j and key in self.d.place_nouns | self.d.org_body_heads:
                break  # "أمير منطقة عسير"، "رئيس فرع الإفتاء": a place or a body, not a name
            if k == j and (key.startswith(("ال", "وال", "وو", "لل"))
                           or len(key) > 4 and key.startswith(("بال", "كال", "فال"))
                           or is_connector and k + 1 >= len(self.doc)
                           or len(key) >= 5 and key.startswith(("لم", "لت"))  # "لمتابعة"، "لتعزيز": ل + verbal noun
                           or len(key) >= 5 and key.startswith(_VERB_PREFIXES)):
                break
            if key in self.d.speech_verbs:
                break  # "<name> رأى أن"
            nxt = self.item_at.get(k + 1)
            if k > j and key.startswith("ال") and k + 1 < len(self.doc) and (
                    k + 1 in self.covered and not (nxt and nxt.label in (TITLE, HONORIFIC))
                    or fold(self.doc[k + 1].text).startswith("ال")):
                break  # a definite noun with its adjective is the verb's object: "<name> التدخل الأميركي"
            if k > j and key[:1] == "و" and key not in self.d.name_connectors and not (
                    k == j + 1 and k + 1 < len(self.doc) and self.doc[k + 1].text == ":"):
                break  # a conjunction starts a new phrase (a last name before a colon may start with و)
            k += 1
        while k > j and fold(self.doc[k - 1].text) in self.d.name_connectors:
            k -= 1
        if k - j == _MAX_NAME_WORDS and k < len(self.doc) and self._name_word(k):
            return j  # ran on past any plausible name: a phrase, not a name
        return k

    def _person_after(self, j: int, after_honorific: bool = True) -> tuple[Mention | None, int]:
        """A person named at token j (known, or name words), after an optional honorific.

        Unknown names of one word are taken only after an honorific ("السيد ويتكوف").
        """
        first = j
        it = self.item_at.get(j)
        if it and it.label == HONORIFIC and it.key == "counterpart":
            return None, j  # "الوزير نظيره ...": the counterpart is someone else
        if it and it.label == HONORIFIC:
            j = it.end
            it = self.item_at.get(j)
            after_honorific = True
            if it and it.label == DEMONYM:
                # a nationality between noun and name: "الرهينة الفرنسية <name>"
                self._add(it.start, it.end, self._actor_type(it.key), it.key)
                j = it.end
                it = self.item_at.get(j)
        if it and it.label == ACTOR and self._actor_type(it.key) == PERSON:
            # the honorific belongs to the name as written ("المشير طنطاوي")
            return self._add(first, it.end, PERSON, it.key), it.end
        end = self._name_words(j)
        if end > j and (earlier := self._named_earlier(j, end)):
            # "اللواء مصطفى"، "الرئيس عباس أمر ...": the person named in full before
            person, words = earlier
            stop = j + words
            start, stop_char = self._span(j, stop)
            return self._add(first, stop, PERSON, person.key, source="title-rule",
                             person=self.article.text[start:stop_char]), stop
        if end - j >= (1 if after_honorific else 2):
            start, stop = self._span(j, end)
            name = self.article.text[start:stop]
            key = "person:" + "_".join(phrase_words(name))
            return self._add(first, end, PERSON, key, source="title-rule", person=name), end
        return None, j

    def _named_earlier(self, j: int, end: int) -> tuple[Mention, int] | None:
        """The person named in full earlier in the article that the name words [j, end) refer
        back to, and how many of those words name them: the full name followed by other words
        ("<name> تعرض"), the surname alone, or the first name alone."""
        word = fold(self.doc[j].text)
        if len(word) < 3 or word in self.t.stops:
            return None
        said = [fold(w) for w in self.article.text[self.keys[j].start:self.keys[end - 1].end].split()]
        start = self.keys[j].start
        for m in sorted(self.out, key=lambda m: m.start, reverse=True):
            if m.type != PERSON or m.role or not m.key or m.end > start:
                continue
            words = [fold(w) for w in (m.person or m.surface).split()]
            if len(words) < 2 or said == words or len(said) != len(self.doc[j:end]):
                continue
            if said[:len(words)] == words:
                return m, len(words)
            # a surname ends a name, so words after it are not the name ("عباس أمر"); a first
            # name must stand alone ("السيد جون مارتن" is someone else than an earlier جون سميث)
            if word == words[-1] or word == words[0] and len(said) == 1:
                return m, 1
        return None

    # rules
    def _role(self, i: int) -> tuple[str | None, Mention | None, int, list[str]]:
        """Parse a role phrase starting at item i: (of, person, next token, roles)."""
        roles = [self.item_at[i].key]
        j = self.item_at[i].end
        # coordinated posts of one person: "رئيس الوزراء ووزير الخارجية"
        while (it := self.item_at.get(j)) and it.label == TITLE and self.keys[j].prefix.startswith("و"):
            roles.append(it.key)
            j = it.end
        of, person = None, None
        it = self.item_at.get(j)
        inner = self._org_in_title(i, it)
        if inner:
            of, j = inner
        elif it and it.label == DEMONYM:
            of = it.key
            self._add(it.start, it.end, self._actor_type(it.key), it.key)
            j = it.end
        elif it and it.label == ACTOR and self._actor_type(it.key) in (ORG, STATE):
            of, j = self._add_actor(it, self._actor_type(it.key))
        elif it and it.label == ORG_HEAD and (nxt := self.item_at.get(it.end)) and nxt.label == DEMONYM:
            of = self._state_org(it, nxt)
            self._add(nxt.start, nxt.end, self._actor_type(nxt.key), nxt.key)
            j = nxt.end
        elif it and it.label == CAPITAL and not self._is_venue(it):
            of = self.d.capitals[it.key][0]
            self._add(it.start, it.end, STATE, of)
            j = it.end
        elif it and it.label == TITLE:
            of, _, j, _ = self._role(j)
        elif (it and it.label == ACTOR and self._actor_type(it.key) == PERSON
              and self.d.title_roles.get(roles[0]) in _RELATIVE_ROLES and (of := self._person_state(it.key))):
            # "مبعوث ترامب": the envoy of the person's state, not the person
            self._add(it.start, it.end, PERSON, it.key)
            j = it.end
        elif (it is None or it.label in (STATE_REF, NON_ACTOR)) and (unknown := self._org_after_title(i, j)):
            of, j = unknown
        # a demonym may follow an organisation inside the phrase ("وزير خارجية الاحتلال الإسرائيلي")
        if of and (it := self.item_at.get(j)) and it.label == DEMONYM and self._actor_type(of) != STATE:
            self._add(it.start, it.end, self._actor_type(it.key), it.key)
            j = it.end
        if of and self.doc[i].norm_ == "رئيس" and roles[0] in ("head", "president"):
            # رئيس + a state is its president, + an organisation its head
            roles[0] = "president" if self._actor_type(of) == STATE else "head"
        person, j2 = self._person_after(j, after_honorific=False)
        if person is None and of and (it := self.item_at.get(j)) and it.label == TITLE:
            # a second title of no owner before the name is the holder's rank or other post:
            # "المتحدث باسم الخارجية المستشار <name>"، "مبعوث <X> مستشار الأمن الوطني <name>"
            person, j2 = self._person_after(self._portfolio_end(it.end), after_honorific=False)
            j2 = j2 if person is not None else j
        if person is None and of is None:
            person, j2 = self._person_after_portfolio(j)
        if person is None:
            person, j2 = self._holder_after_tail(j), j
        if person is None:
            person, j2 = self._holder_in_apposition(j)
        if person is None and of:
            person = self._known_holder_after_tail(j, of, self.d.title_roles.get(roles[0], roles[0]))
        if of is None and person is None:
            of = self._line_owner(i)
        return of, person, j2, roles

    _LINK_WORDS = frozenset({"في", "عن", "لدى"})
    _DESTINATION_WORDS = frozenset(fold(w) for w in ("إلى", "الى", "لدى"))

    def _is_body_head(self, k: int) -> bool:
        word = fold(self.doc[k].text)
        word = word[2:] if word.startswith("ال") and len(word) > 4 else word
        return word in self.d.org_name_heads or word in self.d.org_body_heads

    def _org_after_title(self, i: int, j: int) -> tuple[str, int] | None:
        """An organisation the dictionary lacks, named inside a role phrase: "رئيس حزب
        التوحيد العربي اللبناني <name>", "عضو هيئة الرئاسة في حركة أمل <name>".

        The name runs over definite words (one construct noun may open it: "قيادة إقليم
        الجنوب"), then may link to a known organisation it belongs to (في، عن، لـ) and take a
        demonym. Adds the mentions; returns (organisation key, token end) or None.
        """
        n = len(self.doc)
        title = self.item_at[i]
        if j + 1 < n and fold(self.doc[j].text) in self._LINK_WORDS:
            parent = self.item_at.get(j + 1)
            if parent and parent.label == ACTOR and self._actor_type(parent.key) in (ORG, STATE):
                # "عضو المكتب السياسي في حركة <X>": the post belongs to the named organisation
                self._add_actor(parent, self._actor_type(parent.key))
                return parent.key, parent.end
            j += 1  # "النائب عن تحالف <X> <name>"
        if title.end - title.start >= 2 and self._is_body_head(j - 1):
            head, k = j - 1, j  # the title ends in the organisation noun: "رئيس حزب"
        elif j < n and self._is_body_head(j) and (j not in self.covered or (
                (it := self.item_at.get(j)) and it.label in (STATE_REF, NON_ACTOR) and it.end == j + 1)):
            head, k = j, j + 1
        else:
            return None
        first = k
        indefinite = False  # inside a construct chain: "لصياغة مشروع الدستور"
        while k < n and k - first < _MAX_ORG_WORDS and self.doc[k].is_alpha:
            if k in self.covered:
                inner = self.item_at.get(k)
                if inner is None or inner.label not in (STATE_REF, ORG_HEAD, NON_ACTOR):
                    break
                k = inner.end  # a known word inside the name: "هيئة الرئاسة"
                continue
            word = fold(self.doc[k].text)
            if word in self.t.stops or word in self.d.speech_verbs:
                break
            definite = word.startswith("ال")
            opens_construct = (k == first or indefinite) and k + 1 < n and fold(self.doc[k + 1].text).startswith("ال")
            genitive = word[:1] == "ل" and len(word) >= 5  # "لتحرير"، "لصياغة"، "للحركة"
            if not (definite or opens_construct or genitive):
                break
            indefinite = not definite
            k += 1
        if k == first:
            return None
        name_end = end = k
        parent = None
        link = self.item_at.get(k + 1) if k < n and fold(self.doc[k].text) in self._LINK_WORDS else None
        if link is None and (it := self.item_at.get(k)) and self.keys[k].prefix in ("ل", "ب"):
            link = it
        place = None
        if link and link.label == ACTOR and self._actor_type(link.key) == ORG:
            parent = link
            name_end = end = link.end
        elif (place_end := self._place_after(k)) is not None:
            # "رئيس اللقاء التضامني الوطني في لبنان <name>": the place is part of the name
            place = self.item_at.get(k + 1)
            name_end = end = place_end
        if (it := self.item_at.get(end)) and it.label == DEMONYM:
            self._add(it.start, it.end, self._actor_type(it.key), it.key)
            end = it.end
        start, stop = self._span(head, name_end)
        org = "org:" + "_".join(phrase_words(self.article.text[start:stop]))
        self._add(head, end, ORG, org, source="org-name-rule")
        if parent is not None:
            self._add_actor(parent, ORG)
        if place is not None and place.start == k + 1:
            self._add(place.start, place.end, LOCATION, place.key)  # a venue, as after any في
        return org, end

    def _portfolio_end(self, j: int) -> int:
        """End of a post's portfolio at token j: up to two definite words the dictionary lacks
        ("التنمية الاقتصادية"، "الأمن الوطني"); j if there is none."""
        k = j
        while k < len(self.doc) and k - j < 2 and k not in self.covered and self.doc[k].is_alpha \
                and fold(self.doc[k].text).startswith("ال") and fold(self.doc[k].text) not in self.t.stops:
            k += 1
        return k

    def _person_after_portfolio(self, j: int) -> tuple[Mention | None, int]:
        """"وزيرة التنمية الاقتصادية <name>": a post's portfolio (one or two definite words the
        dictionary lacks), then a name of two or more words that a clause boundary ends."""
        k = self._portfolio_end(j)
        if k == j:
            return None, j
        end = self._name_words(k)
        if end - k < 2 or not (end >= len(self.doc) or not self.doc[end].is_alpha or end in self.covered
                               or fold(self.doc[end].text) in self.t.stops):
            return None, j
        return self._person_after(k, after_honorific=False)

    def _line_owner(self, i: int) -> str | None:
        """The state or organisation heading a list line: "قطر: يمثلها رئيس الوزراء"."""
        start = self.keys[i].start
        line_start = self.article.text.rfind("\n", 0, start) + 1
        head = self.article.text[line_start:start]
        if ":" not in head:
            return None
        colon = line_start + head.index(":")
        for m in self.out:
            if line_start <= m.start and m.end <= colon and m.type in (STATE, ORG) and m.key \
                    and not self.article.text[m.end:colon].strip():
                return m.key
        return None

    def _holder_after_tail(self, j: int) -> Mention | None:
        """The holder named after a short tail of the role phrase: "<role> السابق <name>",
        "<role> إلى ليبيا <name>", "<role> لشؤون الشرق الأوسط، السيد <name>"."""
        k = j
        if k >= len(self.doc) or fold(self.doc[k].text) not in self.d.role_tails:
            return None
        while k < len(self.doc) and k - j < _APPOSITION_SKIP and not self._is_punct(k, "،,.:؛;()«»\""):
            if k > j and (other := self.item_at.get(k)) is not None and other.label == TITLE:
                break  # another post opens its own phrase: "أمير قطر لدى استقباله الرئيس التركي <name>"
            # a name after و is the next item of a list: "المتحدث إلى أن ... بين شكري وكيري";
            # one right after إلى/لدى is where the post is sent: "مبعوث <X> إلى <person>"
            previous = fold(self.doc[k - 1].text)
            person, _ = self._person_after(k, after_honorific=False) if (
                previous in self.d.role_tails or k - 1 in self.covered
            ) and previous not in self._DESTINATION_WORDS and not self.keys[k].prefix.startswith("و") else (None, k)
            if person is not None and person.key and not person.key.startswith("person:"):
                return person
            if person is not None:
                self.out.remove(person)
            k += 1
        return self._holder_in_apposition(k)[0]

    def _holder_in_apposition(self, k: int) -> tuple[Mention | None, int]:
        """The holder named after a comma right after the role phrase (or its tail, token k):
        "وزير الخارجية الروسي، سيرغي لافروف، ناقش". A known person or a name after an honorific,
        or two or more name words that a punctuation mark ends; a word with و opens the next
        item of a list, not a name. Returns (person or None, token end)."""
        if not self._is_punct(k) or k + 1 >= len(self.doc) or self.keys[k + 1].prefix:
            return None, k
        nxt = self.item_at.get(k + 1)
        if nxt and nxt.label == ACTOR and self._actor_type(nxt.key) != PERSON:
            return None, k
        person, end = self._person_after(k + 1, after_honorific=False)
        named = nxt is not None and nxt.label in (HONORIFIC, ACTOR)  # a known name or a title says so
        if person is not None and not named and not (end >= len(self.doc) or self._is_punct(end, "،,.:؛;")):
            self.out.remove(person)
            return None, k
        return (person, end) if person is not None else (None, k)

    def _known_holder_after_tail(self, j: int, of: str, role: str) -> Mention | None:
        """"المبعوث الأميركي لدولتي السودان، دونالد بوث،": after a short tail and a comma, a
        person the dictionary lists in that very post. The tail and the name are read on their
        own afterwards; the mention returned only names the holder."""
        k = j
        while k < len(self.doc) and k - j < 3 and not self._is_punct(k, "،,.:؛;()«»\""):
            k += 1
        if k == j or not self._is_punct(k) or not (it := self.item_at.get(k + 1)) or it.label != ACTOR \
                or self._actor_type(it.key) != PERSON or not self.d.holds(it.key, of, role):
            return None
        start, end = self._span(it.start, it.end)
        return Mention(self.article.id, start, end, self.article.text[start:end], PERSON, SOURCE, key=it.key)

    def _state_org(self, head: Item, demonym: Item) -> str:
        """"وزارة الخارجية التركية": the state's organisation, known or composed; its key."""
        org = self.d.org_by_head.get((demonym.key, head.key)) or f"{demonym.key}_{head.key}"
        self._add(head.start, demonym.end, ORG, org, source="org-rule", of=demonym.key)
        return org

    def _org_in_title(self, i: int, demonym: Item | None) -> tuple[str, int] | None:
        """A title that ends inside an organisation's name ("رئيس المخابرات" + "المصرية"):
        the organisation the tail of the title (and the demonym) name, added as a mention;
        returns (organisation key, token end)."""
        title = self.item_at[i]
        if title.end - title.start < 2:
            return None
        ends = [title.end]
        if demonym is not None and demonym.label == DEMONYM:
            ends.insert(0, demonym.end)
        for end in ends:
            for cut in range(title.start + 1, title.end):
                words = [self.doc[k].norm_ for k in range(cut, end)]
                org = self.d.alias_keys.get(" ".join(words))
                if org and self._actor_type(org) == ORG:
                    self._add(cut, end, ORG, org)
                    return org, end
        return None

    _STRICT_VENUE = frozenset({"في", "داخل"})

    def _is_venue(self, it: Item, strict: bool = False) -> bool:
        """Is the place at item `it` a venue: after في/إلى/العاصمة..., or written with ب?
        `strict` (for countries) accepts only في/داخل and ب."""
        tk = self.keys[it.start]
        if tk.prefix.endswith("ب"):
            return True
        prev = it.start - 1
        if prev < 0:
            return False
        word = fold(self.doc[prev].text)
        return word in (self._STRICT_VENUE if strict else self.d.venue_cues) or word in self.d.region_words

    def _capital_acts(self, it: Item) -> bool:
        """Does a capital stand for its state here ("استضافت القاهرة", "أنقرة ترفض")?"""
        if self._is_venue(it):
            return False
        prev = it.start - 1
        if prev >= 0:
            word = fold(self.doc[prev].text)
            if word in self.d.capital_actor_cues:
                return True
            before = self.item_at.get(prev)
            if (before is None and self.out and self.out[-1].source == "capital-rule"
                    and self.out[-1].end == self.keys[prev].end and self.keys[it.start].prefix == "و"):
                return True
        if self.keys[it.start].prefix == "و" and self.out and self.out[-1].source == "capital-rule":
            gap = self.article.text[self.out[-1].end:self.keys[it.start].start]
            if gap.strip() in ("", "و"):
                return True  # "كثفت القاهرة وأنقرة"
        nxt = it.end
        if nxt < len(self.doc) and nxt not in self.covered:
            word = fold(self.doc[nxt].text)
            return (word[:1] == "ت" and len(word) >= 4 and self.doc[nxt].is_alpha
                    and word not in self.t.stops)
        return False

    def _is_speech_verb(self, word: str) -> bool:
        """A folded word that is a verb of saying, alone or after و/ف ("وقال")."""
        return word in self.d.speech_verbs or word[:1] in "وف" and word[1:] in self.d.speech_verbs

    def _name_start_before(self, i: int, stop_at_speech_verb: bool = False) -> int | None:
        """Start of two to four unknown name words ending right before token i, or None."""
        k = i
        while k > 0 and i - k < _MAX_NAME_WORDS and self._name_word(k - 1) and not (
                stop_at_speech_verb and fold(self.doc[k - 1].text) in self.d.speech_verbs):
            k -= 1
        while k < i and fold(self.doc[k].text) in self.d.name_connectors:
            k += 1
        if i - k < 2 or fold(self.doc[k].text).startswith(("ال", "و")):
            return None
        return k

    def _name_before(self, i: int) -> Mention | None:
        """An unknown name right before a role phrase, after a verb of saying:
        "وقال <name> <title> <state>". Two to four name words; added as a mention."""
        k = self._name_start_before(i)
        if not k or not self._is_speech_verb(fold(self.doc[k - 1].text)):
            return None
        start, stop = self._span(k, i)
        return self._add(k, i, PERSON, "person:" + "_".join(phrase_words(self.article.text[start:stop])),
                         source="title-rule")

    def _name_word(self, k: int) -> bool:
        tok = self.doc[k]
        word = fold(tok.text)
        return (k not in self.covered and tok.is_alpha and len(word) >= 2
                and (word not in self.t.stops or word in self.d.name_connectors))

    def _national(self, noun: Item, nationality: Item, person: Mention | None) -> int:
        """"الرهينة الكرواتي" with no name: a person, the same as the one person of that
        nationality the article introduced by a noun and name before ("الرهينة الفرنسية <name>"
        -> "المواطنة الفرنسية"). Records a named one; returns the token end read."""
        if person is not None:
            self.nationals.setdefault(nationality.key, set()).add(person.key)
            return nationality.end
        known = self.nationals.get(nationality.key, set())
        start, stop = self._span(noun.start, nationality.end)
        key = next(iter(known)) if len(known) == 1 else \
            "person:" + "_".join(phrase_words(self.article.text[start:stop]))
        self._add(noun.start, nationality.end, PERSON, key, source="title-rule")
        return nationality.end

    def _counterpart_post(self, i: int) -> str | None:
        """The post of the person whose counterpart ("نظيره") token i names: the nearest person
        before it in the sentence, by a role phrase the article gives them or else their first
        post in the dictionary that is a known title."""
        start = self.keys[i].start
        sentence_start = sentence_bounds(self.sentences, start, start)[0]
        people = [m for m in self.out if m.type == PERSON and (m.key or m.post) and sentence_start <= m.start
                  and m.end <= start]
        if not people:
            return None
        last = max(people, key=lambda m: (m.end, m.post is not None))
        if last.post in self.d.title_roles:
            return last.post  # "وزير الخارجية الألماني نظيره الأردني"
        subject = last.key
        for m in self.out:
            if m.key == subject and m.post and m.post in self.d.title_roles:
                return m.post
        for post in (self.d.actor(subject) or {}).get("posts") or []:
            if post.get("title") in self.d.title_roles:
                return post["title"]
        return None

    def _has_pronoun_suffix(self, k: int) -> bool:
        """Is token k a word with a pronoun suffix read by no rule: a noun with its possessor
        ("مترجمتها"، "زوجته") or a verb with its object ("بثه")?"""
        if k < 0 or k in self.covered or not self.doc[k].is_alpha:
            return False
        text = self.doc[k].text
        word = fold(text)
        return (len(word) >= 3 and text.endswith(("ها", "هم", "ه")) and not word.startswith(("ال", "وال"))
                and word not in self.t.stops and not self._is_speech_verb(word))

    _POST_NOUNS = frozenset(fold(w) for w in ("منصب", "بمنصب"))

    def _holder_before_post_noun(self, i: int) -> Mention | None:
        """"يشغل <person> منصب <role>": the person right before منصب holds the post."""
        if i < 2 or fold(self.doc[i - 1].text) not in self._POST_NOUNS:
            return None
        return self._previous_person(i - 1, adjacent=True)

    def _apposition_holds(self, before: Mention, after: Mention | None, of: str, role: str) -> bool:
        """Is the person right before a role phrase (no comma) its holder? A name the
        dictionary lacks is, when no name follows the phrase; a known person is, when the
        dictionary lists them in that post and not the person after it."""
        known = before.key and self.d.actor(before.key) is not None
        if not known:
            return after is None
        return self.d.holds(before.key, of, role) and not (
            after is not None and after.key and self.d.holds(after.key, of, role))

    def _previous_person(self, i: int, adjacent: bool = False) -> Mention | None:
        """The person in apposition before token i: "<person>، <role>"; with `adjacent`,
        the person right before it with nothing between ("<person> <role>")."""
        if adjacent:
            start = self.doc[i].idx
        elif not self._is_punct(i - 1):
            return None
        else:
            start = self.keys[i - 1].start
        for m in reversed(self.out):
            if m.type == PERSON and m.end <= start and not m.role:
                between = self.article.text[m.end:start]
                return m if not between.strip() else None
        return None

    def read(self) -> list[Mention]:
        i = 0
        n = len(self.doc)
        while i < n:
            it = self.item_at.get(i)
            if it is None:
                i = self._unknown_org(i)
                continue
            if it.label == TITLE:
                before = self._previous_person(i) or self._name_before(i) or self._holder_before_post_noun(i)
                adjacent = None if before else self._previous_person(i, adjacent=True)
                count = len(self.out)
                of, person, j, roles = self._role(i)
                role = self.d.title_roles.get(roles[0], roles[0])
                role_end = self._role_end(i, j, person)
                holder = person or before
                if adjacent is not None and of and self._apposition_holds(adjacent, person, of, role):
                    before = holder = adjacent  # "<name> <role>" with no comma: "استقبل <name> وزير ..."
                if of or holder:
                    start, end = self._span(i, role_end)
                    role_surface = self.article.text[start:end]
                    if holder is not None and (of or before is None):
                        # one mention per post the holder is given: "نائبة رئيس الوزراء ووزيرة الخارجية"
                        for post in reversed(roles):
                            self.out.insert(count, Mention(self.article.id, start, end, role_surface, PERSON,
                                                           "title-rule", key=holder.key,
                                                           role=self.d.title_roles.get(post, post), of=of,
                                                           person=holder.surface, post=post))
                    elif of:
                        self.out.insert(count, Mention(self.article.id, start, end, role_surface, PERSON,
                                                       "title-rule", key=None, role=role, of=of, post=roles[0]))
                i = max(j, i + 1)
            elif it.label == HONORIFIC and it.key == "counterpart":
                # "نظيره التركي <name>": the nationality is the state, the name a person
                nxt = self.item_at.get(it.end)
                i = it.end
                if nxt and nxt.label == DEMONYM:
                    count = len(self.out)
                    self._add(nxt.start, nxt.end, self._actor_type(nxt.key), nxt.key)
                    person, j = self._person_after(nxt.end, after_honorific=False)
                    i = max(j, nxt.end)
                    if post := self._counterpart_post(it.start):
                        # the same post in the other state: "شكري يلتقي نظيرته الكرواتية" is Croatia's
                        # foreign minister, whoever the article names for it
                        start, end = self._span(it.start, nxt.end)
                        self.out.insert(count, Mention(
                            self.article.id, start, end, self.article.text[start:end], PERSON, COUNTERPART_SOURCE,
                            key=person.key if person else None, role=self.d.title_roles[post], of=nxt.key,
                            person=person.surface if person else None, post=post))
                elif not (nxt and nxt.label == ACTOR):
                    # "يلتقي نظيره <name>": a name of two words or more after the counterpart
                    _, j = self._person_after(it.end, after_honorific=False)
                    i = max(j, it.end)
            elif it.label == HONORIFIC:
                person, j = self._person_after(i)
                if it.key == "person_noun" and (nationality := self.item_at.get(it.end)) \
                        and nationality.label == DEMONYM:
                    j = max(j, self._national(it, nationality, person))
                i = max(j, it.end)
            elif it.label == STATE_REF:
                nxt = self.item_at.get(it.end)
                if nxt and nxt.label == DEMONYM:
                    self._add(i, nxt.end, self._actor_type(nxt.key), nxt.key, source="state-ref-rule")
                    i = nxt.end
                else:
                    i = it.end
            elif it.label == NON_ACTOR:
                nxt = self.item_at.get(it.end)
                if nxt and nxt.label == DEMONYM:
                    i = nxt.end
                else:
                    i = max(self._unknown_org(i), it.end)
            elif it.label == ORG_HEAD:
                nxt = self.item_at.get(it.end)
                if nxt and nxt.label == ACTOR and self._actor_type(nxt.key) == STATE \
                        and fold(self.doc[nxt.start].text).startswith("ال"):
                    # a state name that is also its adjective: "قوات الأمن السورية" (سورية = Syria)
                    nxt = Item(nxt.start, nxt.end, DEMONYM, nxt.key)
                if it.key in self.d.definite_org_heads and not fold(self.doc[i].text).startswith("ال"):
                    nxt = None  # "شركة فرنسية" is any French company; "الشركة الفرنسية" one
                if nxt and nxt.label == DEMONYM and self._actor_type(nxt.key) == STATE:
                    self._state_org(it, nxt)
                    i = nxt.end
                else:  # "معهد بروكينغز": a head that also opens a name
                    i = max(self._unknown_org(i), it.end)
            elif it.label == DEMONYM:
                self._add(i, it.end, self._actor_type(it.key), it.key)
                i = it.end
                if self._has_pronoun_suffix(i - (it.end - it.start) - 1):
                    # "مترجمتها اليمنية <name>": someone's relation, then their name
                    person, end = self._person_after(i, after_honorific=False)
                    i = max(i, end)
            elif it.label == CAPITAL:
                if self._capital_acts(it):
                    self._add(i, it.end, STATE, self.d.capitals[it.key][0], source="capital-rule")
                else:
                    self._add(i, it.end, LOCATION, it.key)
                i = it.end
            else:  # ACTOR
                typ = self._actor_type(it.key)
                if typ == STATE and self._is_venue(it, strict=True):
                    typ = LOCATION  # "في لبنان": the country as a place
                _, i = self._add_actor(it, typ)
        self._outlets()
        self._relatives()
        self._described_names()
        self._short_names()
        self._org_anaphors()
        return sorted(self.out, key=lambda m: (m.start, -m.end, m.type))

    def _overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions found so far that share a character with [start, end)."""
        return [m for m in self.out if m.start < end and start < m.end]

    # a quoted or bracketed name after لـ/إلى, in a sentence with a verb of saying
    _ATTRIBUTED = re.compile(r"(?:(?<![^\s])(?:إلى|الى)\s*|(?<![^\s])[وف]?لـ?\s*)[«\"“(]([^«»\"“”()\n]{2,40})[»\"”)]")
    # a bracketed name between dashes in a dateline: "جنيف ـ (<outlet>) ـ وكالات:"
    _DATELINE = re.compile(r"(?:^|[ـ–-]\s*)\(([^()\n]{2,30})\)\s*(?=[ـ–-])", re.M)
    # a line that is only "<outlet> – <city>", the byline under a headline: "عين اليوم – جدة"
    _BYLINE = re.compile(r"^[ \t]*([^\s–—ـ:()-][^\n–—ـ:()-]{1,30}?)[ \t]+[–—ـ-][ \t]+\w+(?:[ \t]\w+)?[ \t]*$",
                         re.M)

    def _outlets(self) -> None:
        """News outlets the article cites or carries: "قال مصدر لـ«<name>»", "في تصريحات إلى
        "<name>""، "جنيف ـ (<name>) ـ وكالات". Each is an ORG; a place the dictionary read inside
        the quotes ("«الشرق الأوسط»") gives way."""
        text = self.article.text
        found = []
        for m in self._ATTRIBUTED.finditer(text):
            sentence_start = sentence_bounds(self.sentences, m.start(), m.start())[0]
            before = [fold(w).lstrip("وف") for w in re.findall(r"\w+", text[sentence_start:m.start()])]
            if any(w in self.d.speech_verbs or w in self.d.media_cues for w in before[-12:]):
                found.append(m.span(1))
        for m in self._DATELINE.finditer(text):
            found.append(m.span(1))
        top = 0  # a byline sits in the first lines, under the headline
        for _ in range(3):
            newline = text.find("\n", top + 1)
            top = newline if newline >= 0 else len(text)
        for m in self._BYLINE.finditer(text, 0, top):
            if not self._overlapping(*m.span(1)):  # "مصر – إسرائيل" is a headline, not a byline
                found.append(m.span(1))
        for start, end in found:
            name = text[start:end].strip()
            start += len(text[start:end]) - len(text[start:end].lstrip())
            end = start + len(name)
            words = phrase_words(name)
            if not 1 <= len(words) <= _MAX_NAME_WORDS or fold(name.split()[0]) in self.t.stops:
                continue
            inside = self._overlapping(start, end)
            if any(m.type != LOCATION and not (m.start >= start and m.end <= end) for m in inside) \
                    or any(m.type in (ORG, PERSON) for m in inside):
                continue
            for m in inside:
                self.out.remove(m)
            self.out.append(Mention(self.article.id, start, end, name, ORG, OUTLET_SOURCE,
                                    key="org:" + "_".join(words)))

    def _relatives(self) -> None:
        """"والد الرهينة": a person named by kinship to a person noun; a name right before it
        after a verb of saying ("أكد <name> والد الرهينة") is the same person."""
        for k in range(len(self.doc) - 1):
            if k in self.covered or fold(self.doc[k].text) not in self.d.kin_nouns:
                continue
            it = self.item_at.get(k + 1)
            if not (it and it.label == HONORIFIC and it.key == "person_noun"):
                continue
            start, end = self._span(k, it.end)
            if self._overlapping(start, end):
                continue
            named = self._name_before(k)
            phrase = self.article.text[start:end]
            key = named.key if named else "person:" + "_".join(phrase_words(phrase))
            self.out.append(Mention(self.article.id, start, end, phrase, PERSON, "title-rule", key=key))

    _DESCRIBED = frozenset({"وهو", "وهي"})

    def _described_names(self) -> None:
        """An unknown name described right after it: "<name> وهو أكاديمي روسي"، "<name> وهي
        فرنسية": two to four name words before وهو/وهي followed by a nationality, a post or a
        noun for a person."""
        for k in range(2, len(self.doc) - 1):
            if fold(self.doc[k].text) not in self._DESCRIBED:
                continue
            nxt = self.item_at.get(k + 1)
            word = fold(self.doc[k + 1].text)
            if not (nxt and nxt.label in (DEMONYM, TITLE) or "ال" + word in self.t.person_nouns):
                continue
            first = self._name_start_before(k, stop_at_speech_verb=True)
            if first is None:
                continue
            start, stop = self._span(first, k)
            name = self.article.text[start:stop]
            if self._overlapping(start, stop):
                continue
            self.out.append(Mention(self.article.id, start, stop, name, PERSON, "title-rule",
                                    key="person:" + "_".join(phrase_words(name)), person=name))
            # "وهو فرنسي صربي": the person's nationality, not the states as actors
            j = k + 1 if nxt and nxt.label == DEMONYM else k + 2  # "وهو أكاديمي ألماني"
            while (it := self.item_at.get(j)) and it.label == DEMONYM:
                begin = self.keys[j].start
                self.out = [m for m in self.out if not (m.start == begin and m.type == STATE)]
                j = it.end

    def _org_heads(self, m: Mention) -> set[str]:
        """The organisation nouns a mention's organisation is named with ("حركة" for حماس)."""
        names = [m.surface]
        if m.key and (actor := self.d.actor(m.key)):
            names += [actor.get("name", ""), *actor.get("aliases", [])]
        heads = set()
        for name in names:
            words = phrase_words(name)
            if len(words) > 1 and words[0] in self.d.org_anaphors:
                heads.add(words[0])
        return heads

    def _org_anaphors(self) -> None:
        """"ودعا التجمع"، "بثه التنظيم": the last organisation named with that noun, after a
        verb of saying or a verb with its object pronoun."""
        # nearest last; of two ending together, the whole name over one inside it ("داعش سيناء")
        orgs = sorted((m for m in self.out if m.type == ORG and m.key), key=lambda m: (m.end, -m.start))
        if not orgs:
            return
        for k in range(1, len(self.doc)):
            tok = self.doc[k]
            if k in self.covered or not (self._is_speech_verb(fold(self.doc[k - 1].text))
                                         or self._has_pronoun_suffix(k - 1)):
                continue
            word = fold(tok.text)
            if not word.startswith("ال") or word[2:] not in self.d.org_anaphors:
                continue
            nxt = fold(self.doc[k + 1].text) if k + 1 < len(self.doc) else ""
            if nxt.startswith("ال") and nxt.endswith(("ي", "يه")) or (
                    (it := self.item_at.get(k + 1)) and it.label == DEMONYM):
                continue  # "الحركة الشعبية": a new name, not a reference back
            start, end = tok.idx, tok.idx + len(tok.text)
            before = [m for m in orgs if m.end <= start and word[2:] in self._org_heads(m)]
            if before and not self._overlapping(start, end):
                self.out.append(Mention(self.article.id, start, end, tok.text, ORG, "anaphor-rule",
                                        key=before[-1].key))

    def _short_names(self) -> None:
        """Later mentions of a person named in full, by surname alone ("ويتكوف"). A name after
        بن/أبو is a father's, not a surname ("قابوس بن سعيد")."""
        surnames: dict[str, Mention] = {}
        for m in self.out:
            words = [fold(w) for w in m.surface.split()]
            if m.source in ("title-rule", SOURCE) and m.type == PERSON and not m.role and m.key \
                    and len(words) > 1 and words[-2] not in self.d.name_connectors:
                last = words[-1]
                if len(last) > 3 and last not in self.t.stops:
                    surnames.setdefault(last, m)
        if not surnames:
            return
        for k, tok in enumerate(self.doc):
            if k in self.covered:
                continue
            for n, stem in clitic_analyses(tok.text):
                holder = surnames.get(stem)
                if holder is None:
                    continue
                _, offsets = fold_with_offsets(tok.text)
                start, end = tok.idx + offsets[n], tok.idx + len(tok.text)
                if not self._overlapping(start, end):
                    self.out.append(Mention(self.article.id, start, end, self.article.text[start:end],
                                            PERSON, "surname-rule", key=holder.key))
                break

    def _role_end(self, i: int, j: int, person: Mention | None) -> int:
        """Token end of the role phrase proper (title + its state/org), without the name."""
        if person is None:
            return j
        end_tok = i
        for k in range(i, j):
            if self.keys[k].start >= person.start:
                break
            end_tok = k + 1
        while end_tok > i + 1 and (self._is_punct(end_tok - 1) or self.item_at.get(end_tok - 1)
                                   and self.item_at[end_tok - 1].label in (HONORIFIC, TITLE)):
            end_tok -= 1
        return end_tok


def read_mentions(lexicon: Lexicon, article: Article) -> list[Mention]:
    """All dictionary and rule mentions of one article, in text order."""
    return _Reader(lexicon, article).read()
