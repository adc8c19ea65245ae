"""Extraction <-> the JSON-lines record of `kgraph extract` (the referee's format plus extras).

Referee fields (see ../shared/eval/score.py): article, entities[name, type, aliases],
meetings[participants, location, date], demands[actor, topic, stance, target, text].
Extra fields kgraph adds: ids, offsets of every mention and argument, the rule or model
that produced each record, evidence sentences, roles, status and mode.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from .types import HELD, Extraction


def _evidence(ev) -> dict:
    d = {"sentence": ev.sentence, "start": ev.start, "end": ev.end, "rule": ev.rule}
    if ev.cue:
        d["cue"] = asdict(ev.cue)
    return d


def _meeting(mt, names: dict) -> dict:
    return {
        "participants": [names.get(p.entity_id, p.entity_id) for p in mt.participants],
        "participant_ids": [p.entity_id for p in mt.participants],
        "roles": [p.role for p in mt.participants],
        "location": names.get(mt.location, mt.location) if mt.location else None,
        "location_id": mt.location,
        "date": mt.date, "status": mt.status, "mode": mt.mode,
        "evidence": _evidence(mt.evidence),
    }


def to_record(x: Extraction) -> dict:
    """One Extraction -> one JSON-ready record."""
    names = {e.id: e.name for e in x.entities}
    art = x.article
    record = {
        "article": Path(art.path).name if art.path and Path(art.path).suffix == ".txt" else art.id,
        "id": art.id,
        "title": art.title,
        "date": art.date,
        "ner": x.ner,
        "entities": [{
            "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
            "label_en": e.label_en, "role": e.role, "of": e.of,
            "mentions": [{"start": m.start, "end": m.end, "surface": m.surface, "type": m.type,
                          "source": m.source} for m in e.mentions],
        } for e in x.entities],
        # the referee's "meetings" are encounters that took place; planned, cancelled and
        # postponed ones are kept apart with the same fields
        "meetings": [_meeting(mt, names) for mt in x.meetings if mt.status == HELD],
        "other_meetings": [_meeting(mt, names) for mt in x.meetings if mt.status != HELD],
        "demands": [{
            "actor": names.get(dm.actor, dm.actor), "actor_id": dm.actor,
            "topic": dm.topic, "stance": dm.stance,
            "target": names.get(dm.target, dm.target) if dm.target else None,
            "target_id": dm.target, "text": dm.text, "condition": dm.condition,
            "text_span": asdict(dm.text_span) if dm.text_span else None,
            "evidence": _evidence(dm.evidence),
        } for dm in x.demands],
        "affiliations": [{
            "member": af.member, "of": af.of, "role": af.role, "evidence": _evidence(af.evidence),
        } for af in x.affiliations],
    }
    if x.warnings:
        record["warnings"] = list(x.warnings)
    return record


def dumps_records(extractions: Iterable[Extraction]) -> str:
    """Extractions -> JSON-lines text, one record per article."""
    return "".join(json.dumps(to_record(x), ensure_ascii=False, sort_keys=True) + "\n"
                   for x in extractions)


def write_atomic(path: str | Path, text: str) -> None:
    """Write text (UTF-8) so that a reader sees the old file or the new one, never half."""
    from .exports.atomic import write_text
    write_text(path, text)
