"""The relation layer: sentences, dates, cue data, meetings, demands, affiliations.

Most cases come from tests/data/relations_cases.jsonl: sentences written for these tests
(none taken from a development article), each with the entities the relation rules are
given (so the cases test the relation rules, not the entity layer) and the meetings and
demands expected from them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.relations import RelationData, extract_relations
from kgraph.relations.cues import CueMatcher, load_cues
from kgraph.relations.dates import dateline_date, explicit_dates, find_date
from kgraph.relations.sentences import sentence_bounds, split_sentences
from kgraph.relations.tokens import readings, tokenize
from kgraph.types import (
    ACTOR_TYPES,
    HELD,
    MEETING_MODES,
    MEETING_STATUSES,
    STANCES,
    TOPICS,
    Article,
    Entity,
    Extraction,
    Mention,
)

CASES_FILE = Path(__file__).parent / "data" / "relations_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
_CLITICS = "وفبلك"


def _occurrences(text: str, surface: str):
    """Where `surface` stands as whole words (a proclitic or two may be glued before it)."""
    for m in re.finditer(re.escape(surface), text):
        s, e = m.start(), m.end()
        k = s
        while k > 0 and text[k - 1] in _CLITICS and s - k < 2:
            k -= 1
        if k > 0 and text[k - 1].isalpha():
            continue
        if e < len(text) and text[e].isalpha():
            continue
        yield s, e


def build_extraction(case: dict) -> Extraction:
    """An Extraction whose entities are the case's, with mentions at every occurrence."""
    text = case["text"]
    art = Article(id=case["id"], text=text, path=f"{case['id']}.txt")
    entities = []
    for spec in case["entities"]:
        mentions = []
        for surface in spec["surfaces"]:
            for s, e in _occurrences(text, surface):
                mentions.append(Mention(case["id"], s, e, text[s:e], spec["type"], "test", key=spec["id"],
                                        role=spec.get("role"), of=spec.get("of")))
        mentions.sort(key=lambda m: (m.start, -m.end))
        if not mentions:
            continue
        entities.append(Entity(spec["id"], spec["surfaces"][0], spec["type"], tuple(spec["surfaces"]),
                               tuple(mentions), role=spec.get("role"), of=spec.get("of")))
    return Extraction(article=art, entities=tuple(entities))


@pytest.fixture(scope="module")
def data() -> RelationData:
    return RelationData()


def _run(case, data):
    return extract_relations(build_extraction(case), None, data)


# -- sentences ----------------------------------------------------------------------------------
def test_relations_sentences_split_lines_and_marks():
    text = "عنوان الخبر\n\nالتقى الوزير نظيره. وبحثا الأزمة؟ نعم! وقال «انتهى.» ثم غادر\n"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["عنوان الخبر", "التقى الوزير نظيره.", "وبحثا الأزمة؟", "نعم!", "وقال «انتهى.»", "ثم غادر"]


def test_relations_sentences_keep_decimals_and_empty_lines_out():
    text = "بلغت النسبة 3.5 في المئة.\n \n"
    assert [text[s:e] for s, e in split_sentences(text)] == ["بلغت النسبة 3.5 في المئة."]


def test_relations_sentence_bounds_hold_a_span():
    text = "جملة أولى. ثم جملة ثانية فيها مصر! وثالثة"
    spans = split_sentences(text)
    i = text.index("مصر")
    s, e = sentence_bounds(spans, i, i + 3)
    assert text[s:e] == "ثم جملة ثانية فيها مصر!"
    # a span across a boundary takes both sentences; one outside every sentence is its own
    s, e = sentence_bounds(spans, text.index("أولى"), i)
    assert text[s:e] == "جملة أولى. ثم جملة ثانية فيها مصر!"
    assert sentence_bounds(split_sentences("أ. ... ب"), 3, 6) == (3, 6)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتمنوي .؟!\n«»،") + ["\u064e"]), max_size=80))
def test_relations_sentences_spans_are_ordered_trimmed_and_inside(text):
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert "\n" not in text[s:e]
        last = e


# -- tokens, dates, cue data ------------------------------------------------------------------------
def test_relations_tokens_keep_offsets():
    text = "وسيلتقي الوزيرُ، غداً."
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("word, key, attr", [
    ("وسيلتقي", "يلتقي", "future"),
    ("زيارته", "زياره", "suffix"),
    ("لقائهما", "لقاء", "suffix"),
    ("اجتماعاً", "اجتماع", None),
])
def test_relations_token_readings(word, key, attr):
    r = [x for x in readings(word) if x.key == key]
    assert r
    if attr == "future":
        assert r[0].future
    elif attr == "suffix":
        assert r[0].suffix


def test_relations_feminine_ending_is_not_a_pronoun():
    assert all(not (r.key == "زار" and r.suffix) for r in readings("وزارة"))


def test_relations_dates():
    assert explicit_dates("في 3 أيار 2019 وفي 12 تشرين الأول 2020") == ["2019-05-03", "2020-10-12"]
    assert find_date("عقد اللقاء اليوم", anchor="2024-02-29") == "2024-02-29"
    assert find_date("عقد اللقاء أمس الأول", anchor="2024-03-01") == "2024-02-28"
    assert find_date("عقد اللقاء أمس") is None
    assert dateline_date("نيروبي - 14 يناير 2024\nنص") == "2024-01-14"
    assert dateline_date("نص طويل بلا تاريخ\nسطر ثان") is None


@pytest.mark.parametrize("name", ["meeting_cues.jsonl", "demand_cues.jsonl", "status_cues.jsonl",
                                  "topics.jsonl", "relation_words.jsonl"])
def test_relations_cue_files_load_fresh(name):
    a, b = load_cues(name), load_cues(name)
    assert a and a == b and a is not b
    assert all(p.label and p.keys for p in a)


def test_relations_topic_ids_are_schema_topics():
    assert {p.id for p in load_cues("topics.jsonl")} <= set(TOPICS)


def test_relations_cue_data_can_be_extended(tmp_path, monkeypatch):
    (tmp_path / "meeting_cues.jsonl").write_text(
        '{"label": "MEET", "pattern": "تصافح", "id": "handshake"}\n', encoding="utf-8")
    monkeypatch.setenv("KGRAPH_DATA", str(tmp_path))
    pats = load_cues("meeting_cues.jsonl")
    assert any(p.id == "handshake" for p in pats)
    found = CueMatcher(pats).find(tokenize("وتصافح الرئيسان"))
    assert [m.id for m in found] == ["handshake"]


def test_relations_bad_cue_file_is_reported(tmp_path):
    from kgraph.errors import DataError
    (tmp_path / "meeting_cues.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DataError, match="meeting_cues.jsonl:1"):
        load_cues("meeting_cues.jsonl", tmp_path)


def test_relations_matches_map_back_to_offsets():
    text = "وسيلتقي الوزير بنظيره بعد اللقاءات"
    toks = tokenize(text)
    for m in CueMatcher(load_cues("meeting_cues.jsonl")).find(toks):
        assert text[m.char_start:m.char_end].strip()
        assert m.char_start >= toks[m.start].start and m.char_end == toks[m.end - 1].end


# -- the cases ------------------------------------------------------------------------------------
def _meeting_view(x):
    return sorted((tuple(sorted(p.entity_id for p in m.participants)), m.status, m.mode) for m in x.meetings)


@pytest.mark.parametrize("case", [c for c in CASES if "meetings" in c], ids=lambda c: c["id"])
def test_relations_case_meetings(case, data):
    x = _run(case, data)
    want = sorted((tuple(sorted(m["participants"])), m["status"], m["mode"]) for m in case["meetings"])
    assert _meeting_view(x) == want, case.get("note", "")
    for exp in case["meetings"]:
        got = next(m for m in x.meetings if sorted(p.entity_id for p in m.participants) == sorted(exp["participants"])
                   and m.status == exp["status"] and m.mode == exp["mode"])
        for pid, role in (exp.get("roles") or {}).items():
            assert {p.entity_id: p.role for p in got.participants}[pid] == role
        if "location" in exp:
            assert got.location == exp["location"]


@pytest.mark.parametrize("case", [c for c in CASES if "demands" in c], ids=lambda c: c["id"])
def test_relations_case_demands(case, data):
    x = _run(case, data)
    got = sorted({(d.actor, d.topic, d.stance) for d in x.demands})
    want = sorted({(d["actor"], d["topic"], d["stance"]) for d in case["demands"]})
    assert got == want, case.get("note", "")
    for exp in case["demands"]:
        if exp.get("target"):
            assert any(d.actor == exp["actor"] and d.topic == exp["topic"] and d.target == exp["target"]
                       for d in x.demands)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_relations_every_record_has_exact_evidence(case, data):
    x = _run(case, data)
    text = case["text"]
    ids = {e.id for e in x.entities}
    for rec in list(x.meetings) + list(x.demands) + list(x.affiliations):
        ev = rec.evidence
        assert text[ev.start:ev.end] == ev.sentence and ev.rule
        if ev.cue:
            assert text[ev.cue.start:ev.cue.end] == ev.cue.surface
            assert ev.start <= ev.cue.start < ev.cue.end <= ev.end
    for m in x.meetings:
        assert m.status in MEETING_STATUSES and m.mode in MEETING_MODES
        assert len({p.entity_id for p in m.participants}) == len(m.participants) >= 2
        assert {p.entity_id for p in m.participants} <= ids
        for p in m.participants:
            assert p.span is None or text[p.span.start:p.span.end] == p.span.surface
    for d in x.demands:
        assert d.topic in TOPICS and d.stance in STANCES and d.actor in ids
        if d.text_span:
            assert text[d.text_span.start:d.text_span.end] == d.text_span.surface == d.text


def test_relations_never_a_person_with_own_state(data):
    case = {"id": "own", "text": "التقى الرئيس الكيني ووفد كيني بوزير الخارجية السوداني.",
            "entities": [{"id": "ke_pres", "type": "PERSON", "surfaces": ["الرئيس الكيني"], "of": "kenya",
                          "role": "president"},
                         {"id": "kenya", "type": "STATE", "surfaces": ["كيني"]},
                         {"id": "sd_fm", "type": "PERSON", "surfaces": ["وزير الخارجية السوداني"],
                          "of": "sudan", "role": "minister"}]}
    x = _run(case, data)
    for m in x.meetings:
        assert {p.entity_id for p in m.participants} != {"ke_pres", "kenya"}
    assert ("ke_pres", "sd_fm") in {tuple(sorted(p.entity_id for p in m.participants)) for m in x.meetings}


def test_relations_dateline_gives_the_date_of_today(data):
    case = {"id": "dl", "text": "نيروبي - 14 يناير 2024\nالتقى الرئيس الكيني اليوم نظيره الإثيوبي.",
            "entities": [{"id": "ke", "type": "PERSON", "surfaces": ["الرئيس الكيني"], "of": "kenya",
                          "role": "president"},
                         {"id": "et", "type": "PERSON", "surfaces": ["نظيره الإثيوبي"], "of": "ethiopia",
                          "role": "president"}]}
    x = _run(case, data)
    assert [m.date for m in x.meetings] == ["2024-01-14"]


# -- affiliations -----------------------------------------------------------------------------------
def test_relations_affiliations_from_role_mentions(data):
    case = {"id": "aff", "text": "قال وزير الخارجية الأردني إن المبعوث الأممي سيزور عمّان.",
            "entities": [{"id": "jo_fm", "type": "PERSON", "surfaces": ["وزير الخارجية الأردني"], "of": "jordan",
                          "role": "minister"},
                         {"id": "jordan", "type": "STATE", "surfaces": ["الأردني"]},
                         {"id": "un_envoy", "type": "PERSON", "surfaces": ["المبعوث الأممي"], "of": "un",
                          "role": "envoy"},
                         {"id": "un", "type": "ORG", "surfaces": ["الأممي"]}]}
    x = _run(case, data)
    got = {(a.member, a.of, a.role) for a in x.affiliations}
    assert got == {("jo_fm", "jordan", "minister"), ("un_envoy", "un", "envoy")}
    for a in x.affiliations:
        assert case["text"][a.evidence.cue.start:a.evidence.cue.end] == a.evidence.cue.surface


def test_relations_affiliation_roles_are_the_closed_set():
    from kgraph.relations.affiliations import ROLES, normal_role
    for r in ("ambassador", "king", "spokesperson", "prime minister", "deputy", "director"):
        assert normal_role(r) in ROLES
    assert normal_role(None) is None


# -- the pipeline --------------------------------------------------------------------------------
def test_relations_run_in_the_pipeline():
    from kgraph.pipeline import NerConfig, extract_article
    text = "استقبل وزير الخارجية المصري في القاهرة اليوم وزير الخارجية القطري.\n" \
           "وطالبت مصر بوقف إطلاق النار في غزة."
    x = extract_article(Article(id="p", text=text, path="p.txt"), NerConfig("lexicon"))
    assert any(m.status == HELD for m in x.meetings)
    assert any(d.topic == "ceasefire" for d in x.demands)
    types = {e.id: e.type for e in x.entities}
    for m in x.meetings:
        assert all(types[p.entity_id] in ACTOR_TYPES for p in m.participants)


# -- robustness ------------------------------------------------------------------------------------
_WORDS = ["التقى", "استقبل", "بحث", "مع", "ب", "و", "بين", "زيارة", "إلى", "طالب", "رفض", "ضرورة", "الأمر", "الذي",
          "سيلتقي", "لم", "اتصالا", "هاتفيا", "من", "وقف", "إطلاق", "النار", "الأسرى", "،", ".", "\n", "«", "»",
          "كينيا", "الكيني", "تشاد", "الاتحاد", "الأفريقي", "نيروبي", "أن", "هو", "أولوية", "قصوى", "إلا", "لن"]
_ENTS = [("kenya", "STATE", "كينيا"), ("kenya", "STATE", "الكيني"), ("chad", "STATE", "تشاد"),
         ("au", "ORG", "الاتحاد الأفريقي"), ("nairobi", "LOCATION", "نيروبي")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_relations_never_fail_on_arbitrary_text(words):
    text = " ".join(words)
    case = {"id": "fuzz", "text": text,
            "entities": [{"id": i, "type": t, "surfaces": [s], "of": "kenya" if i == "nairobi" else None,
                          "role": None} for i, t, s in _ENTS]}
    x = extract_relations(build_extraction(case), None)  # the shared, cached cue data
    for rec in list(x.meetings) + list(x.demands) + list(x.affiliations):
        assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.sentence
    for m in x.meetings:
        assert len({p.entity_id for p in m.participants}) >= 2


def test_relations_we_of_a_minister_is_the_government():
    from kgraph.pipeline import NerConfig, extract_article
    text = ("وقالت وزيرة الخارجية الأمريكية جين كولينز إن الولايات المتحدة تتابع الوضع بقلق.\n"
            "وأضافت \"طلبنا من الروس بشكل مباشر وقف تسليم الأسلحة إلى سوريا\".")
    x = extract_article(Article(id="t", text=text), NerConfig(mode="lexicon"))
    assert [(d.actor, d.target) for d in x.demands] == [("usa", "russia")]


@pytest.mark.parametrize("text, pair", [
    ("التقى وزير الخارجية الألماني يوهان كلاين نظيره الأردني في عمان.",
     ("person:يوهان_كلاين", "jordan:foreign_minister")),
    ("والتقى وزير الخارجية الألماني نظيره الأردني أمس.", ("germany:foreign_minister", "jordan:foreign_minister")),
])
def test_relations_meeting_with_an_unnamed_counterpart(text, pair):
    from kgraph.pipeline import NerConfig, extract_article
    x = extract_article(Article(id="t", text=text), NerConfig(mode="lexicon"))
    assert [tuple(p.entity_id for p in m.participants) for m in x.meetings] == [pair]
