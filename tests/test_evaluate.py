"""Scoring against gold annotations: keys, matching, per-article and overall figures, CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.evaluate import (
    GoldError,
    evaluate,
    fold_key,
    format_table,
    load_gold,
    max_matching,
    score_article,
    surface_keys,
)

GOLD = {
    "article": "a1.txt",
    "entities": [
        {"id": "kenya", "type": "STATE", "name": "كينيا", "aliases": ["الكيني", "نيروبي"]},
        {"id": "ruto", "type": "PERSON", "name": "وليام روتو", "aliases": ["الرئيس الكيني وليام روتو"]},
        {"id": "au", "type": "ORG", "name": "الاتحاد الأفريقي", "aliases": []},
        {"id": "sudan", "type": "STATE", "name": "السودان", "aliases": ["الحكومة السودانية"]},
        {"id": "geneva", "type": "LOCATION", "name": "جنيف", "aliases": []},
    ],
    "meetings": [{"participants": ["ruto", "au", "sudan"]}],
    "demands": [
        {"actor": "au", "topic": "ceasefire", "stance": "demand"},
        {"actor": "sudan", "topic": "withdrawal", "stance": "reject"},
        {"actor": "sudan", "topic": "withdrawal", "stance": "demand"},
    ],
}


def perfect_record(gold: dict) -> dict:
    names = {e["id"]: e["name"] for e in gold["entities"]}
    return {"article": gold["article"],
            "entities": [{"name": e["name"], "type": e["type"], "aliases": e["aliases"]} for e in gold["entities"]],
            "meetings": [{"participants": [names[p] for p in m["participants"]]} for m in gold["meetings"]],
            "demands": [{"actor": names[d["actor"]], "topic": d["topic"], "stance": d["stance"]}
                        for d in gold["demands"]]}


@pytest.mark.parametrize("a, b", [
    ("الولايات المتحدة", "والولايات المتحدة"),
    ("قطر", "وقطر"),
    ("للقوات الإسرائيلية", "القوات الاسرائيلية"),
    ("إسرائيل", "اسرائيل"),
    ("الهدنة", "هدنة"),
])
def test_evaluate_keys_match_clitic_and_spelling_variants(a, b):
    assert surface_keys(a) & surface_keys(b)


def test_evaluate_keys_keep_different_names_apart():
    assert not surface_keys("مصر") & surface_keys("مصري")
    assert fold_key("") == "" and surface_keys(None) == frozenset()


def test_evaluate_max_matching_is_one_to_one():
    assert max_matching([{"a"}, {"a"}, {"a", "b"}]) == 2
    assert max_matching([{"a", "b"}, {"a"}]) == 2
    assert max_matching([set(), {"x"}]) == 1


def test_evaluate_perfect_record_scores_one():
    s = score_article(GOLD, perfect_record(GOLD))
    for c in (s.actors, s.meetings, s.demands):
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)
    assert s.actors.gold == 4  # the LOCATION is not an actor
    assert s.meetings.gold == 3  # three pairs from one three-party meeting
    assert s.demands.gold == 2  # (sudan, withdrawal) counted once
    assert s.stance_scored == 2 and s.stance_right == 2


def test_evaluate_empty_record_scores_zero_recall():
    s = score_article(GOLD, {"article": "a1.txt"})
    assert s.actors.recall == 0.0 and s.meetings.recall == 0.0 and s.demands.recall == 0.0
    assert s.meetings.precision == 1.0  # nothing claimed, nothing wrong


def test_evaluate_names_match_through_system_aliases_and_bare_names():
    rec = {"article": "a1.txt",
           "entities": [{"name": "روتو", "type": "PERSON", "aliases": ["الرئيس الكيني وليام روتو"]}],
           "meetings": [{"participants": ["روتو", "الاتحاد الأفريقي"]},  # a bare name matches by itself
                        {"participants": ["روتو", "كوكب المريخ"]}],
           "demands": [{"actor": "والاتحاد الأفريقي", "topic": "ceasefire", "stance": "reject"}]}
    s = score_article(GOLD, rec)
    assert (s.meetings.tp_system, s.meetings.system, s.meetings.gold) == (1, 2, 3)
    assert s.demands.tp_system == 1 and s.stance_scored == 1 and s.stance_right == 0


def test_evaluate_ally_pairs_do_not_count():
    rec = {"article": "a1.txt", "entities": [],
           "meetings": [{"participants": ["كينيا", "السودان"]}]}  # no gold pair kenya-sudan
    assert score_article(GOLD, rec).meetings.tp_system == 0


def test_evaluate_micro_average_and_missing_articles():
    g2 = json.loads(json.dumps(GOLD))
    g2["article"] = "a2.txt"
    ev = evaluate([perfect_record(GOLD)], {"a1.txt": GOLD, "a2.txt": g2})
    assert ev.missing == ["a2.txt"]
    assert ev.total("meetings").recall == 0.5 and ev.total("meetings").precision == 1.0
    ev2 = evaluate([perfect_record(GOLD)], {"a1.txt": GOLD, "a2.txt": g2}, only_scored=True)
    assert ev2.total("meetings").recall == 1.0
    d = ev.as_dict()
    assert d["meetings"]["f1"] == round(2 * 0.5 / 1.5, 3) and set(d["articles"]) == {"a1.txt", "a2.txt"}
    table = format_table(ev)
    assert "overall" in table and "a2.txt" in table


def test_evaluate_load_gold_errors(tmp_path):
    with pytest.raises(GoldError):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldError, match="no \\*.gold.json"):
        load_gold(tmp_path)
    (tmp_path / "x.gold.json").write_text("{", encoding="utf-8")
    with pytest.raises(GoldError, match="x.gold.json"):
        load_gold(tmp_path)


def _tiny(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    gold = tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "t1.txt").write_text("التقى وزير الخارجية المصري في القاهرة اليوم وزير الخارجية القطري.\n"
                                   "وطالبت مصر بوقف إطلاق النار في غزة.\n", encoding="utf-8")
    (gold / "t1.gold.json").write_text(json.dumps({
        "article": "t1.txt",
        "entities": [{"id": "egypt_fm", "type": "PERSON", "name": "وزير الخارجية المصري", "aliases": []},
                     {"id": "qatar_fm", "type": "PERSON", "name": "وزير الخارجية القطري", "aliases": []},
                     {"id": "egypt", "type": "STATE", "name": "مصر", "aliases": ["المصري"]}],
        "meetings": [{"participants": ["egypt_fm", "qatar_fm"]}],
        "demands": [{"actor": "egypt", "topic": "ceasefire", "stance": "demand"}]},
        ensure_ascii=False), encoding="utf-8")
    return corpus, gold


def test_evaluate_cli(tmp_path):
    from kgraph.cli_evaluate import evaluate as cmd
    corpus, gold = _tiny(tmp_path)
    r = CliRunner().invoke(cmd, [str(corpus), "--gold", str(gold), "--ner", "lexicon", "-q"])
    assert r.exit_code == 0, r.output
    assert "overall" in r.output and "t1.txt" in r.output
    r = CliRunner().invoke(cmd, [str(corpus), "--gold", str(gold), "--ner", "lexicon", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert set(data) >= {"actors", "meetings", "demands", "stance_accuracy", "articles"}
    assert data["demands"]["recall"] == 1.0


def test_evaluate_cli_mounted_and_bad_gold(tmp_path):
    from kgraph.cli import main
    corpus, _ = _tiny(tmp_path)
    r = CliRunner().invoke(main, ["evaluate", str(corpus), "--gold", str(tmp_path / "none"), "--ner", "lexicon"])
    assert r.exit_code != 0 and "Error" in r.output


def test_evaluate_agrees_with_the_referee_on_dev(shared_dir, dev_corpus, tmp_path):
    """A measurement: kgraph's own scorer and ../shared/eval/score.py give the same figures."""
    from kgraph.pipeline import extract_corpus
    from kgraph.records import dumps_records, to_record
    xs = extract_corpus([str(dev_corpus)], ner="lexicon", progress=False)
    system = tmp_path / "x.jsonl"
    system.write_text(dumps_records(xs), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold",
                          str(shared_dir / "eval" / "dev"), "--system", str(system), "--json"],
                         capture_output=True, text=True, check=True)
    ref = json.loads(out.stdout)
    mine = evaluate([to_record(x) for x in xs], load_gold(shared_dir / "eval" / "dev")).as_dict()
    for k_ref, k_mine in (("entities", "actors"), ("meetings", "meetings"), ("demands", "demands")):
        for m in ("precision", "recall", "f1"):
            assert abs(ref[k_ref][m] - mine[k_mine][m]) <= 0.005, (k_ref, m)
    if ref["stance_accuracy"] is not None:
        assert abs(ref["stance_accuracy"] - mine["stance_accuracy"]) <= 0.005
