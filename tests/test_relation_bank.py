"""kgraph.bank: the relation bank's scorer.

The unit tests score a made-up article against a hand-built extraction (no corpus, no extractor).
The `shared` test scores the real bank when ../shared, its corpus and the annotated files are
present; it checks that the report is well-formed, not what the figures are (they are reported).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph import bank
from kgraph.bank import format_report, namers, score_record, score_records
from kgraph.evaluate import surface_keys
from kgraph.types import Article, Demand, Entity, Evidence, Extraction, Meeting, Mention, Participant

S1 = "وصل وزير الخارجية السعودي عادل الجبير إلى واشنطن أمس. "
S2 = "والتقى الجبير وزير الخارجية الأمريكي ريكس تيلرسون اليوم، ومن المنتظر أن يلتقي الرئيس دونالد ترامب غدا. "
S3 = "وطالب الوزير السعودي بوقف إطلاق النار في اليمن."
TEXT = S1 + S2 + S3
SENTENCES = {1: (0, len(S1)), 2: (len(S1), len(S1 + S2)), 3: (len(S1 + S2), len(TEXT))}


def at(surface: str, n: int = 0) -> tuple[int, int]:
    """The span of the n-th occurrence of `surface` in TEXT."""
    start = -1
    for _ in range(n + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def mention(surface: str, n: int = 0) -> Mention:
    s, e = at(surface, n)
    return Mention("a1", s, e, surface, "PERSON", "lexicon")


def entity(eid: str, name: str, *mentions: Mention, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(eid, name, "PERSON", aliases, mentions)


def evidence(n: int) -> Evidence:
    s, e = SENTENCES[n]
    return Evidence("a1", TEXT[s:e], s, e)


def meeting(a: str, b: str, n: int, status: str = "held") -> Meeting:
    return Meeting((Participant(a), Participant(b)), evidence(n), status=status)


def demand(actor: str, topic: str, n: int, stance: str = "demand") -> Demand:
    return Demand(actor, topic, stance, "", evidence(n))


ENTITIES = (
    # the minister's mentions leave out the «الجبير» of S2: that one can only be matched by its key (an alias)
    entity("jubeir", "عادل الجبير", mention("وزير الخارجية السعودي"), mention("عادل الجبير"), aliases=("الجبير",)),
    entity("saudi", "السعودية", mention("السعودي")),  # the nisba inside the minister's role phrase
    entity("tillerson", "ريكس تيلرسون", mention("وزير الخارجية الأمريكي"), mention("ريكس تيلرسون")),
    entity("usa", "الولايات المتحدة", mention("الأمريكي")),
    entity("trump", "دونالد ترامب", mention("دونالد ترامب")),
)


def extraction(meetings=(), demands=()) -> Extraction:
    return Extraction(Article("a1", TEXT), ENTITIES, tuple(meetings), tuple(demands))


def part(surface: str, n: int = 0) -> dict:
    s, e = at(surface, n)
    return {"span": [s, e], "sha1": bank.sha1(TEXT[s:e])}


def record(meetings=(), demands=(), classes=(), rid="b0001") -> dict:
    return {"id": rid, "article": "a1", "classes": list(classes), "meetings": list(meetings), "demands": list(demands)}


def test_a_span_names_the_entity_whose_mention_overlaps_it_most_or_shares_a_key():
    forms = bank.entity_forms(extraction(), surface_keys)
    assert namers(at("وزير الخارجية السعودي"), TEXT, forms, surface_keys) == {"jubeir"}  # not the nisba's state
    assert namers(at("السعودي"), TEXT, forms, surface_keys) == {"saudi"}
    assert namers(at("الجبير", 1), TEXT, forms, surface_keys) == {"jubeir"}  # no mention there: by key
    assert namers(at("الوزير السعودي"), TEXT, forms, surface_keys) == set()  # neither


def test_meeting_pairs_on_the_bank_sentence_only():
    gold = record(meetings=[{"participants": [part("عادل الجبير"), part("ريكس تيلرسون")], "status": "held"}])
    ex = extraction([meeting("jubeir", "tillerson", 2), meeting("saudi", "usa", 1)])
    t = score_record(gold, SENTENCES[2], TEXT, ex, surface_keys)
    assert (t.meetings.tp_system, t.meetings.system, t.meetings.tp_gold, t.meetings.gold) == (1, 1, 1, 1)
    t = score_record(gold, SENTENCES[2], TEXT, extraction([meeting("saudi", "usa", 2)]), surface_keys)
    assert (t.meetings.tp_system, t.meetings.system, t.meetings.gold) == (0, 1, 1)  # the states are not the ministers


def test_a_not_held_gold_meeting_reported_held_is_a_false_pair_and_counted_apart():
    gold = record(meetings=[{"participants": [part("الجبير", 1), part("ريكس تيلرسون")]},
                            {"participants": [part("الجبير", 1), part("دونالد ترامب")], "status": "planned"}])
    ex = extraction([meeting("jubeir", "tillerson", 2), meeting("jubeir", "trump", 2),
                     meeting("tillerson", "trump", 2, status="planned")])  # a planned system meeting is no pair
    t = score_record(gold, SENTENCES[2], TEXT, ex, surface_keys)
    assert (t.meetings.tp_system, t.meetings.system, t.meetings.tp_gold, t.meetings.gold) == (1, 2, 1, 1)
    assert t.not_held["planned"] == [1, 1] and t.not_held["denied"] == [0, 0]


def test_demand_pairs_need_the_actor_and_the_topic_and_stance_is_scored_on_matched_pairs():
    gold = record(demands=[{"actor": part("الوزير السعودي"), "topic": "ceasefire", "stance": "demand"}])
    ex = extraction(demands=[demand("jubeir", "ceasefire", 3, stance="reject"), demand("jubeir", "other", 3),
                             demand("jubeir", "withdrawal", 2)])
    t = score_record(gold, SENTENCES[3], TEXT, ex, surface_keys)
    assert (t.demands.tp_system, t.demands.system, t.demands.gold) == (0, 2, 1)  # «الوزير السعودي» names nobody
    gold["demands"][0]["actor"] = part("عادل الجبير")  # the antecedent, before the sentence
    t = score_record(gold, SENTENCES[3], TEXT, ex, surface_keys)
    assert (t.demands.tp_system, t.demands.system, t.demands.tp_gold, t.demands.gold) == (1, 2, 1, 1)
    assert (t.stance_right, t.stance_scored) == (0, 1)


def test_records_count_for_each_class_they_list_and_bad_records_are_named():
    drawn = {f"b000{i}": {"id": f"b000{i}", "article": "a1", "start": SENTENCES[i][0], "end": SENTENCES[i][1],
                          "sha1": bank.sha1(TEXT[slice(*SENTENCES[i])])} for i in (1, 2, 3)}
    records = [record(meetings=[{"participants": [part("عادل الجبير"), part("ريكس تيلرسون")]}], classes=[1, 2],
                      rid="b0002"),
               record(rid="b0001"),
               record(demands=[{"actor": part("عادل الجبير"), "topic": "ceasefire"}], classes=[8], rid="b0003"),
               record(rid="b0009"), record(rid="b0001")]
    records[2]["demands"][0]["actor"]["sha1"] = "0" * 40
    ex = extraction([meeting("jubeir", "tillerson", 2)], [demand("jubeir", "ceasefire", 3)])
    result = score_records(records, drawn, {"a1": {"id": "a1", "text": TEXT}}, lambda art: ex, surface_keys)
    assert (result["records"], result["scored"]) == (5, 2)
    span = records[2]["demands"][0]["actor"]["span"]
    assert result["problems"] == [f"b0003: span {span} does not match its sha1", "b0009: not in drawn.jsonl",
                                  "b0001: annotated twice"]
    assert set(result["classes"]) == {"0", "1", "2"}
    assert result["classes"]["1"]["meetings"]["f1"] == 1.0 and result["classes"]["0"]["records"] == 1
    assert result["overall"]["meetings"]["gold"] == 1 and result["overall"]["demands"]["system"] == 0
    report = format_report(result)
    assert "1 continued subject" in report and "b0009: not in drawn.jsonl" in report


def test_kgraph_evaluate_needs_a_corpus_and_gold_or_a_bank(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main
    r = CliRunner().invoke(main, ["evaluate"])
    assert r.exit_code == 2 and "--bank" in r.output
    r = CliRunner().invoke(main, ["evaluate", "--bank", str(tmp_path), "--shared", str(tmp_path)])
    assert r.exit_code == 2 and "drawn.jsonl" in r.output


@pytest.mark.shared
def test_the_bank_scores_against_the_corpus(shared_dir):
    """A measurement: every annotated record anchors and the report is well-formed (figures not tested)."""
    root = Path(__file__).resolve().parent / "data" / "relation_bank"
    if not (shared_dir / bank.CORPUS).exists():
        pytest.skip("the SaudiNewsNet corpus is not in ../shared")
    if not list(root.glob("annotated-*.jsonl")):
        pytest.skip("no annotated-*.jsonl in the bank yet")
    result = bank.score_bank(root, shared_dir)
    _, records = bank.load_bank(root)
    assert result["problems"] == [] and result["scored"] == result["records"] == len(records)
    present = {str(c) for r in records for c in bank.classes_of(r)}
    assert set(result["classes"]) == present
    for t in [result["overall"], *result["classes"].values()]:
        for what in ("meetings", "demands"):
            c = t[what]
            assert all(0.0 <= c[k] <= 1.0 for k in ("precision", "recall", "f1"))
            assert c["matched_system"] <= c["system"] and c["matched_gold"] <= c["gold"]
        assert all(v["reported_held"] <= v["gold"] for v in t["not_held"].values())
    print(format_report(result))
