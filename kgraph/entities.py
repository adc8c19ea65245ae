"""Mentions -> Entities: one actor per referent per article, with a stable id.

Mentions with the same dictionary key are one entity. A role phrase that names its
holder ("اللواء حسن رشاد، مدير جهاز المخابرات العامة المصرية") makes the phrase an alias
of that person, and so does every other phrase for the same post in the article
("رئيس المخابرات العامة"). A post nobody holds in the article is a PERSON of its own,
named by the phrase.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .dictionary import Dictionary, default_dictionary
from .normalize import phrase_words
from .types import ENTITY_TYPES, LOCATION, ORG, PERSON, STATE, Entity, Mention


def role_key(of: str, post: str) -> str:
    """The id of a post held by someone the article does not name: "qatar:prime_minister"."""
    return f"{of}:{post.replace(' ', '_')}"


def post_of(m: Mention, d: Dictionary | None = None) -> tuple[str, str]:
    """The post a role phrase names, as (owner, title): see `Dictionary.post_owner`."""
    of, post = m.of or "", m.post or m.role or ""
    return (d.post_owner(of, m.role or "") if d else of), post


def resolve_keys(mentions: Iterable[Mention], posts: dict[tuple[str, str], str] | None = None,
                 dictionary: Dictionary | None = None) -> list[tuple[str, Mention]]:
    """Give each mention the key of its entity; `posts` maps (of, post) to a person key
    known from elsewhere (another article), used when this article names nobody.

    A bare title ("الوزيرة الأمريكية") is the one person the article names in a post of
    that role and state, when there is exactly one."""
    mentions = list(mentions)
    held: dict[tuple[str, str], str] = {}
    by_role: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        if m.role and m.of and m.key:
            of, post = post_of(m, dictionary)
            held.setdefault((of, post), m.key)
            by_role.setdefault((of, m.role), set()).add(m.key)
    out = []
    for m in mentions:
        if m.key:
            out.append((m.key, m))
        elif m.role and m.of:
            of, post = post_of(m, dictionary)
            key = held.get((of, post)) or (posts or {}).get((of, post))
            if key is None and post == m.role and len(by_role.get((of, m.role), ())) == 1:
                key = next(iter(by_role[(of, m.role)]))
            out.append((key or role_key(of, post), m))
        elif m.role is None:
            out.append((surface_key(m.type, m.surface), m))  # a model's mention: keyed by its text
    return out


def surface_key(typ: str, surface: str) -> str:
    """The id of an actor the dictionary does not know, from its type and text:
    "person:ستيف_ويتكوف" (the same key the title rules give a name)."""
    prefix = {PERSON: "person", ORG: "org", STATE: "state", LOCATION: "loc"}.get(typ, typ.lower())
    return f"{prefix}:" + "_".join(phrase_words(surface))


def _name(key: str, ms: list[Mention], d: Dictionary) -> tuple[str, str | None]:
    actor = d.actor(key)
    if actor:
        return actor["name"], actor.get("en")
    # a name, not a reference back to one ("الحركة"), names the entity
    plain = ([m.person or m.surface for m in ms if not m.role and m.source != "anaphor-rule"]
             or [m.surface for m in ms if not m.role])
    if plain:
        return Counter(plain).most_common(1)[0][0] if len(set(plain)) > 1 else plain[0], None
    return ms[0].surface, None


def build_entities(mentions: Iterable[Mention], dictionary: Dictionary | None = None,
                   posts: dict[tuple[str, str], str] | None = None) -> list[Entity]:
    """Mentions of one article -> its entities, in order of first mention."""
    d = dictionary or default_dictionary()
    groups: dict[str, list[Mention]] = {}
    for key, m in resolve_keys(mentions, posts, d):
        groups.setdefault(key, []).append(m)
    entities = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: (m.start, m.end))
        types = Counter(m.type for m in ms)
        # a person is a person even where a phrase was read as something else
        # a state used once as an actor is an actor; countries only ever named as places
        # ("في لبنان") stay places
        typ = next((t for t in (PERSON, STATE) if t in types), None) or \
            max(types, key=lambda t: (types[t], -ENTITY_TYPES.index(t)))
        name, en = _name(key, ms, d)
        aliases = tuple(dict.fromkeys(m.surface for m in ms))
        roles = [m for m in ms if m.role]
        entities.append(Entity(
            id=key, name=name, type=typ, aliases=aliases, mentions=tuple(ms), label_en=en,
            role=roles[0].role if roles else None, of=roles[0].of if roles else None,
            post=roles[0].post if roles else None))
    entities.sort(key=lambda e: (e.mentions[0].start, e.id))
    return entities
