"""Affiliations: person -> organisation or state, with the post, from role phrases.

The entity layer marks role phrases: a PERSON mention with `role` (the post's key) and
`of` (the organisation or state the post belongs to), and `person` when the phrase names
its holder ("اللواء حسن رشاد، مدير جهاز المخابرات العامة المصرية"). Each such mention
gives one affiliation of the person with that body; one record per (person, body, role).
A role phrase the entity layer left as a person of its own, right after a named person
("سامح شكري، وزير الخارجية المصري" or without the comma), is taken as that person's post
(apposition). Roles are mapped to the closed set of the gold conventions: head, envoy,
minister, president, prime minister, member.
"""
from __future__ import annotations

from itertools import pairwise

from ..types import ORG, PERSON, STATE, Affiliation, Evidence, Span
from .args import Words, is_role_only
from .context import ArticleContext, Ref

ROLES = ("head", "envoy", "minister", "president", "prime minister", "member")
_ROLE_MAP = {
    "head": "head", "director": "head", "king": "head", "emir": "head", "sultan": "head",
    "leader": "head", "secretary-general": "head", "commander": "head", "supreme leader": "head",
    "pope": "head", "speaker": "head", "chairman": "head", "chief": "head",
    "envoy": "envoy", "ambassador": "envoy", "special envoy": "envoy",
    "minister": "minister", "foreign minister": "minister",
    "president": "president",
    "prime minister": "prime minister", "chancellor": "prime minister",
    "member": "member", "adviser": "member", "deputy": "member", "spokesperson": "member",
    "crown prince": "member", "senator": "member", "chief negotiator": "member",
    "high representative": "member", "mp": "member",
}


def normal_role(role: str | None) -> str | None:
    """A post key of the entity layer -> one of ROLES (None when unknown)."""
    if not role:
        return None
    r = role.replace("_", " ").lower()
    if r in _ROLE_MAP:
        return _ROLE_MAP[r]
    for k, v in _ROLE_MAP.items():
        if k in r:
            return v
    return None


def _evidence(ctx: ArticleContext, ref: Ref, rule: str) -> Evidence | None:
    s = ctx.sentence_of_token(ref.tok_start)
    if s < 0:
        return None
    ss, se = ctx.sentences[s]
    return Evidence(ctx.article.id, ctx.text[ss:se], ss, se, Span(ref.start, ref.end, ref.surface), rule)


def extract_affiliations(ctx: ArticleContext, words: Words) -> list[Affiliation]:
    out: list[Affiliation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(member: str, of: str, role: str | None, ref: Ref, rule: str) -> None:
        role = normal_role(role)
        if role is None or member == of:
            return
        if ctx.type_of(member) != PERSON or ctx.type_of(of) not in (ORG, STATE):
            return
        key = (member, of, role)
        if key in seen:
            return
        ev = _evidence(ctx, ref, rule)
        if ev is None:
            return
        seen.add(key)
        out.append(Affiliation(member, of, role, ev))

    refs = sorted(ctx.all_refs, key=lambda r: (r.start, -r.end))
    for r in refs:
        m = r.mention
        if r.type == PERSON and m.role and m.of:
            add(r.entity, m.of, m.role, r, "affiliation:role-phrase")
    # apposition: a named person followed by a role phrase that stayed a person of its own
    top = ctx.refs
    for a, b in pairwise(top):
        if a.type != PERSON or b.type != PERSON or is_role_only(a) or not is_role_only(b):
            continue
        if not b.mention.of:
            continue
        between = ctx.text[a.end:b.start].strip()
        if between in ("", "،", ","):
            add(a.entity, b.mention.of, b.mention.role, b, "affiliation:apposition")
    return out
