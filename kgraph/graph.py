"""Extraction records -> one networkx MultiDiGraph in which every edge carries evidence.

Nodes (id prefix, `kind` attribute):
  actor:<entity id>     PERSON / ORG / STATE (`type`), with name, aliases, label_en,
                        mentions (count) and articles
  location:<entity id>  places
  meeting:<hash>        one real meeting, however many articles report it
  topic:<topic>         what is demanded or rejected
  article:<article id>  title, date, url, source

Edges (`kind`; the edge key is readable and deterministic):
  actor -> meeting      participant (role)
  meeting -> place      held_at
  actor -> topic        demand (stance demand|reject, target_actor, texts)
  person -> org/state   affiliation (role)
  article -> actor      mention (count)

Every edge has `evidence`: a sorted list of {article, sentence, start, end, rule}
(demand evidence adds `text` and, when stated, `condition`); start/end are the
sentence's offsets in the article. The graph is a MultiDiGraph because one pair can
hold several relations at once (a demand and a rejection of the same topic, two posts
in one organisation). A demand's addressee is `target_actor`: `source`, `target` and
`key` name the ends of an edge in node-link JSON and CSV, so no attribute uses them.
Attribute values are plain JSON data (str, int, bool, lists, dicts; never None or
tuples), so every export round-trips; nodes and edges are added in sorted order, so two
builds of the same corpus give byte-identical files.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date
from itertools import combinations

import networkx as nx

from kgraph.relations.sentences import sentence_bounds, split_sentences
from kgraph.types import ACTOR_TYPES, HELD, INDIRECT, LOCATION, Evidence, Extraction, Meeting

ACTOR, PLACE, MEETING, TOPIC, ARTICLE = "actor", "location", "meeting", "topic", "article"
PARTICIPANT, HELD_AT, DEMAND_EDGE, AFFILIATION, MENTION = (
    "participant", "held_at", "demand", "affiliation", "mention")
MET = "met"
MEDIATOR = "mediator"

# Two reports with no stated meeting date are the same meeting only if their
# articles appeared within this many days of each other.
MERGE_WINDOW_DAYS = 3

TOPIC_LABELS = {
    "ceasefire": "وقف إطلاق النار", "hostages_prisoners": "الأسرى والمحتجزون",
    "withdrawal": "الانسحاب", "disarmament": "نزع السلاح",
    "humanitarian_aid": "المساعدات الإنسانية", "crossings": "المعابر",
    "reconstruction": "إعادة الإعمار", "civilian_protection": "حماية المدنيين",
    "displacement": "التهجير", "guarantees": "الضمانات", "negotiations": "المفاوضات",
    "other": "أخرى",
}
_MODE_LABELS = {"in_person": "لقاء", "call": "اتصال", "indirect": "محادثات غير مباشرة"}
_STATUS_LABELS = {"planned": "مرتقب", "cancelled": "ملغى", "postponed": "مؤجل"}


def topic_node(topic: str) -> str:
    """The node id of a topic: topic_node("ceasefire") == "topic:ceasefire"."""
    return f"{TOPIC}:{topic}"


def article_node(article_id: str) -> str:
    """The node id of an article: article_node("000") == "article:000"."""
    return f"{ARTICLE}:{article_id}"


def relation(attrs: dict) -> str:
    """The relation of an edge as people name it: its kind, or for a demand edge its
    stance ("demand" or "reject")."""
    return attrs.get("stance", DEMAND_EDGE) if attrs.get("kind") == DEMAND_EDGE else attrs.get("kind", "")


def content_hash(value, n: int = 12) -> str:
    """A short sha256 of a JSON-able value (stable across runs, unlike hash())."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:n]


def evidence_dict(ev: Evidence, **extra) -> dict:
    """The plain form of one Evidence, as stored on edges (None values dropped)."""
    d = {"article": ev.article_id, "sentence": ev.sentence, "start": ev.start,
         "end": ev.end, "rule": ev.rule}
    d.update({k: v for k, v in extra.items() if v is not None})
    return d


def _ev_sort_key(e: dict):
    return (e["article"], e["start"], e["end"], e["rule"], e["sentence"],
            json.dumps(e, sort_keys=True, ensure_ascii=False))


def merge_evidence(*lists: Iterable[dict]) -> list[dict]:
    """Union of evidence lists, deduplicated and sorted."""
    seen = {}
    for items in lists:
        for e in items:
            seen.setdefault(json.dumps(e, sort_keys=True, ensure_ascii=False), e)
    return sorted(seen.values(), key=_ev_sort_key)


def _pick(counter: Counter):
    """The most common value, ties broken by sort order (deterministic)."""
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _iso_day(value: str | None) -> _date | None:
    try:
        return _date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _clean(d: dict) -> dict:
    """Drop None and empty values ("", [], {}); tuples become lists, sets sorted lists."""
    out = {}
    for k, v in d.items():
        if isinstance(v, tuple):
            v = list(v)
        if v is None or (isinstance(v, (str, list, dict, set)) and not v):
            continue
        out[k] = sorted(v) if isinstance(v, set) else v
    return out


# ---------------------------------------------------------------- entities -> nodes

def _entity_nodes(extractions: list[Extraction]) -> tuple[dict, dict]:
    """Merge entities by id across articles: (entity id -> node id, node id -> attrs)."""
    acc = defaultdict(lambda: {"types": Counter(), "names": Counter(), "en": Counter(),
                               "roles": Counter(), "ofs": Counter(), "aliases": set(),
                               "mentions": 0, "articles": set()})
    for x in extractions:
        for ent in x.entities:
            a = acc[ent.id]
            a["types"][ent.type] += 1
            a["names"][ent.name] += max(1, len(ent.mentions))
            a["aliases"].update([ent.name, *ent.aliases])
            a["mentions"] += len(ent.mentions)
            a["articles"].add(x.article.id)
            for field, value in (("en", ent.label_en), ("roles", ent.role), ("ofs", ent.of)):
                if value:
                    a[field][value] += 1
    ids, nodes = {}, {}
    for eid, a in acc.items():
        # An id typed as an actor anywhere is an actor (a state is often named as a place).
        actor_types = Counter({t: n for t, n in a["types"].items() if t in ACTOR_TYPES})
        is_actor = bool(actor_types) or LOCATION not in a["types"]
        ids[eid] = f"{ACTOR if is_actor else PLACE}:{eid}"
        name = _pick(a["names"]) or eid
        nodes[ids[eid]] = {"kind": ACTOR if is_actor else PLACE,
                           "type": _pick(actor_types) if is_actor else LOCATION,
                           "name": name, "label": name, "label_en": _pick(a["en"]),
                           "aliases": a["aliases"], "mentions": a["mentions"],
                           "articles": a["articles"], "role": _pick(a["roles"]),
                           "of": _pick(a["ofs"])}
    for attrs in nodes.values():  # `of` names an entity: make it a node id
        if attrs["of"] is not None:
            attrs["of"] = ids.get(attrs["of"], f"{ACTOR}:{attrs['of']}")
    return ids, nodes


def _node_for(eid: str, ids: dict, nodes: dict, article_id: str) -> str:
    """The node of an entity id; a stub actor for an id no article defines."""
    if eid not in ids:
        ids[eid] = f"{ACTOR}:{eid}"
        nodes[ids[eid]] = {"kind": ACTOR, "name": eid, "label": eid, "aliases": {eid},
                           "mentions": 0, "articles": set()}
    nodes[ids[eid]]["articles"].add(article_id)
    return ids[eid]


# ---------------------------------------------------------------- meetings

@dataclass(frozen=True)
class _Report:
    """One article's account of a meeting, in node ids."""
    participants: tuple[tuple[str, str | None], ...]  # (node, role), sorted
    status: str
    mode: str
    place: str | None
    date: str | None
    seen: str | None  # the article's date
    evidence: dict

    @property
    def who(self) -> tuple[str, ...]:
        return tuple(sorted({n for n, _ in self.participants}))

    def sort_key(self):
        return (self.date or self.seen or "", _ev_sort_key(self.evidence), self.place or "",
                json.dumps(self.participants))


def _compatible(a: _Report, b: _Report) -> bool:
    """Could two reports (same participants, status and mode) be of one meeting?"""
    if a.place and b.place and a.place != b.place:
        return False
    if a.date and b.date:
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    da, db = _iso_day(a.date or a.seen), _iso_day(b.date or b.seen)
    return da is None or db is None or abs((da - db).days) <= MERGE_WINDOW_DAYS


def _cluster_meetings(reports: list[_Report]) -> list[list[_Report]]:
    """Group reports into meetings: same participant set, status and mode, and
    compatible date and place. Greedy over a content-sorted order: deterministic."""
    groups = defaultdict(list)
    for r in reports:
        groups[(r.who, r.status, r.mode)].append(r)
    clusters = []
    for key in sorted(groups):
        mine: list[list[_Report]] = []
        for r in sorted(groups[key], key=_Report.sort_key):
            home = next((c for c in mine if all(_compatible(r, m) for m in c)), None)
            if home is None:
                mine.append([r])
            else:
                home.append(r)
        clusters.extend(mine)
    return clusters


def _meeting_node(cluster: list[_Report]) -> tuple[str, dict]:
    """The id and attributes of the meeting node of one cluster of reports."""
    first = cluster[0]
    dates = sorted({r.date for r in cluster if r.date}, key=lambda d: (-len(d), d))
    when = dates[0] if dates else None
    place = next((r.place for r in cluster if r.place), None)
    roles = {}
    for node in first.who:
        roles[node] = _pick(Counter(role for r in cluster for n, role in r.participants
                                    if n == node and role))
    reported = sorted(r.seen for r in cluster if r.seen)
    nid = f"{MEETING}:" + content_hash([first.who, first.status, first.mode, when, place,
                                        first.evidence["article"], first.evidence["start"]])
    label = _MODE_LABELS.get(first.mode, "لقاء")
    if first.status in _STATUS_LABELS:
        label += f" ({_STATUS_LABELS[first.status]})"
    if when or reported:
        label += f" {when or reported[0]}"
    attrs = {"kind": MEETING, "label": label, "label_en": f"{first.status} {first.mode}",
             "status": first.status, "mode": first.mode, "date": when, "place": place,
             "participants": list(first.who), "roles": _clean(roles),
             "reported": reported[0] if reported else None,
             "articles": sorted({r.evidence["article"] for r in cluster}),
             "evidence": merge_evidence([r.evidence for r in cluster])}
    return nid, attrs


# ---------------------------------------------------------------- build

def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Build the knowledge graph of a corpus from its extraction records.

    Entities with equal ids in different articles are one actor; reports of one
    meeting from several articles are one meeting node carrying all their evidence.
    The result does not depend on the order of `extractions`.
    """
    xs = sorted(extractions, key=lambda x: x.article.id)
    ids, nodes = _entity_nodes(xs)
    edges: dict[tuple[str, str, str], dict] = {}

    def edge(u, v, key, evidence, **attrs):
        e = edges.setdefault((u, v, key), {"evidence": [], **attrs})
        e["evidence"].append(evidence)
        return e

    reports = []
    for x in xs:
        art = x.article
        aid = art.id
        anode = article_node(aid)
        nodes[anode] = {"kind": ARTICLE, "label": art.title or aid, "title": art.title,
                        "date": art.date, "url": art.url, "source": art.source,
                        "ner": x.ner}
        sentences = split_sentences(art.text)
        for ent in x.entities:
            for m in ent.mentions:
                s, e = sentence_bounds(sentences, m.start, m.end)
                ev = {"article": aid, "sentence": art.text[s:e], "start": s, "end": e,
                      "rule": m.source}
                rec = edge(anode, ids[ent.id], MENTION, ev, kind=MENTION, count=0)
                rec["count"] += 1
        for mt in x.meetings:
            reports.append(_report(mt, ids, nodes, art))
        for d in x.demands:
            actor = _node_for(d.actor, ids, nodes, aid)
            topic = topic_node(d.topic)
            nodes.setdefault(topic, {"kind": TOPIC, "name": d.topic,
                                     "label": TOPIC_LABELS.get(d.topic, d.topic),
                                     "label_en": d.topic.replace("_", " ")})
            target = _node_for(d.target, ids, nodes, aid) if d.target else None
            key = d.stance + (f":{target}" if target else "")
            rec = edge(actor, topic, key,
                       evidence_dict(d.evidence, text=d.text, condition=d.condition),
                       kind=DEMAND_EDGE, stance=d.stance, target_actor=target, texts=set())
            rec["texts"].add(d.text)
        for af in x.affiliations:
            member = _node_for(af.member, ids, nodes, aid)
            org = _node_for(af.of, ids, nodes, aid)
            edge(member, org, f"{AFFILIATION}:{af.role}", evidence_dict(af.evidence),
                 kind=AFFILIATION, role=af.role)

    for cluster in _cluster_meetings(reports):
        nid, attrs = _meeting_node(cluster)
        nodes[nid] = attrs
        for who in attrs["participants"]:
            evs = [r.evidence for r in cluster if any(n == who for n, _ in r.participants)]
            for ev in evs:
                edge(who, nid, PARTICIPANT, ev, kind=PARTICIPANT,
                     role=attrs["roles"].get(who))
        if attrs["place"]:
            for r in cluster:
                if r.place:
                    edge(nid, attrs["place"], HELD_AT, r.evidence, kind=HELD_AT)

    G = nx.MultiDiGraph(name="kgraph")
    for nid in sorted(nodes):
        G.add_node(nid, **_clean(nodes[nid]))
    for (u, v, k) in sorted(edges):
        attrs = edges[(u, v, k)]
        attrs["evidence"] = merge_evidence(attrs["evidence"])
        G.add_edge(u, v, key=k, **_clean(attrs))
    return G


def _report(mt: Meeting, ids: dict, nodes: dict, art) -> _Report:
    parts = tuple(sorted({(_node_for(p.entity_id, ids, nodes, art.id), p.role)
                          for p in mt.participants}, key=lambda nr: (nr[0], nr[1] or "")))
    place = _node_for(mt.location, ids, nodes, art.id) if mt.location else None
    return _Report(parts, mt.status, mt.mode, place, mt.date, art.date,
                   evidence_dict(mt.evidence))


# ---------------------------------------------------------------- projection

def met_pairs(G: nx.MultiDiGraph, meeting: str) -> list[tuple[str, str]]:
    """The actor pairs a meeting node says met: none unless it was held; an indirect
    meeting links each mediator with each party, never two parties."""
    attrs = G.nodes[meeting]
    if attrs.get("status") != HELD:
        return []
    who = attrs.get("participants", [])
    if attrs.get("mode") == INDIRECT:
        roles = attrs.get("roles", {})
        mediators = [n for n in who if roles.get(n) == MEDIATOR]
        parties = [n for n in who if roles.get(n) != MEDIATOR]
        return sorted(tuple(sorted((m, p))) for m in mediators for p in parties)
    return sorted(combinations(sorted(who), 2))


def met_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """Who met whom: actor-actor edges from held meetings, with how often (`count`),
    when (`dates`), where (`places`), how (`modes`), which `meetings` and evidence."""
    pairs: dict[tuple[str, str], dict] = {}
    for mid, attrs in G.nodes(data=True):
        if attrs.get("kind") != MEETING:
            continue
        for a, b in met_pairs(G, mid):
            p = pairs.setdefault((a, b), {"meetings": set(), "dates": set(),
                                          "places": set(), "modes": set(), "evidence": []})
            p["meetings"].add(mid)
            p["dates"].add(attrs.get("date") or attrs.get("reported"))
            p["places"].add(attrs.get("place"))
            p["modes"].add(attrs.get("mode"))
            p["evidence"].extend(attrs.get("evidence", []))
    P = nx.Graph(name="kgraph-met")
    for n in sorted({n for pair in pairs for n in pair}):
        P.add_node(n, **{k: v for k, v in G.nodes[n].items() if k != "articles"})
    for (a, b) in sorted(pairs):
        p = pairs[(a, b)]
        P.add_edge(a, b, kind=MET, count=len(p["meetings"]),
                   **_clean({k: (v - {None}) if isinstance(v, set) else v
                             for k, v in p.items() if k != "evidence"}),
                   evidence=merge_evidence(p["evidence"]))
    return P
