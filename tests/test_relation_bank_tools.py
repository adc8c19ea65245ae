"""scripts/relation_bank.py: how `anchor` finds the strings an annotator wrote (a made-up article, no corpus)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "scripts" / "relation_bank.py"
_spec = importlib.util.spec_from_file_location("relation_bank", _PATH)
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

# Three sentences: the bank sentence is the second; its subject (the minister) is in the first.
ARTICLE = ("وصل وزير الخارجية إلى عمّان صباح الأحد، واستقبله الوزير في المطار. "
           "ثم عقد الوزير جلسة مع العاهل الأردني وبحثا الأزمة. "
           "ودعا الوزير إلى استئناف المفاوضات مع الأمم المتحدة.")
S = ARTICLE.index("ثم عقد")
E = ARTICLE.index("الأزمة.") + len("الأزمة.")
DRAWN = {"id": "b0001", "article": "snn-test-1", "start": S, "end": E, "cue": "meeting", "sha1": "x"}


def test_a_string_inside_the_sentence_is_taken_there():
    s, e = rb.locate(ARTICLE, "الوزير", S, E)
    assert S <= s < e <= E and ARTICLE[s:e] == "الوزير"


def test_an_antecedent_is_the_nearest_occurrence_before_the_sentence():
    s, e = rb.locate(ARTICLE, "وزير الخارجية", S, E)
    assert ARTICLE[s:e] == "وزير الخارجية" and e <= S
    # "الوزير" occurs twice before and once inside: inside wins; without the inside one, the later one before
    before = ARTICLE[:E].replace("ثم عقد الوزير", "ثم عقد الضيف")
    s, _ = rb.locate(before, "الوزير", S, E)
    assert s == before.rindex("الوزير", 0, S)


def test_a_string_only_after_the_sentence_is_found_after():
    s, e = rb.locate(ARTICLE, "الأمم المتحدة", S, E)
    assert s >= E and ARTICLE[s:e] == "الأمم المتحدة"


def test_a_spelling_variant_anchors_the_articles_own_characters():
    s, e = rb.locate(ARTICLE, "عمان", S, E)  # the article writes عمّان (with a shadda)
    assert ARTICLE[s:e] == "عمّان"
    s, e = rb.locate(ARTICLE, "الازمه", S, E)  # alef and teh marbuta folded
    assert ARTICLE[s:e] == "الأزمة" and S <= s < E


def test_a_missing_string_fails_naming_the_id_and_the_string():
    raw = {"id": "b0001", "meetings": [{"participants": ["الوزير", "الرئيس الفرنسي"]}]}
    with pytest.raises(rb.BankError, match="b0001.*الرئيس الفرنسي"):
        rb.anchor_record(raw, DRAWN, ARTICLE)


def test_anchor_record_keeps_the_labels_and_stores_spans_with_sha1():
    raw = {"id": "b0001", "classes": [1, 0], "note": "continued subject",
           "meetings": [{"participants": ["وزير الخارجية", "العاهل الأردني"]},
                        {"participants": ["الوزير", "الأمم المتحدة"], "status": "planned"}],
           "demands": [{"actor": "الوزير", "topic": "negotiations", "stance": "demand", "target": "الأمم المتحدة"}]}
    out = rb.anchor_record(raw, DRAWN, ARTICLE)
    assert out["classes"] == [1] and out["note"] == "continued subject" and out["article"] == "snn-test-1"
    first, second = out["meetings"]
    assert first["status"] == "held" and second["status"] == "planned"
    a, b = first["participants"][0]["span"]
    assert ARTICLE[a:b] == "وزير الخارجية" and first["participants"][0]["sha1"] == rb.sha1("وزير الخارجية")
    demand = out["demands"][0]
    assert demand["topic"] == "negotiations" and ARTICLE[slice(*demand["target"]["span"])] == "الأمم المتحدة"
    assert rb.validate(out) == []
    assert "الوزير" not in str(out)  # stand-off: no article text in the record


@pytest.mark.parametrize("bad, message", [
    ({"demands": [{"actor": "الوزير", "topic": "gaza"}]}, "topic 'gaza'"),
    ({"demands": [{"actor": "الوزير", "topic": "other", "stance": "ask"}]}, "stance 'ask'"),
    ({"meetings": [{"participants": ["الوزير", "العاهل الأردني"], "status": "maybe"}]}, "status 'maybe'"),
    ({"meetings": [{"participants": ["الوزير"]}]}, "two participants"),
    ({"classes": [9]}, "classes"),
])
def test_invalid_labels_are_refused(bad, message):
    with pytest.raises(rb.BankError, match=message):
        rb.anchor_record({"id": "b0001", **bad}, DRAWN, ARTICLE)


def test_a_whole_word_occurrence_comes_before_one_inside_a_longer_word():
    text = "زار الوفد المصري القاهرة. ثم التقى رئيس مصر نظيره."
    s, e = rb.locate(text, "مصر", text.index("ثم"), len(text))
    assert s == text.index("رئيس مصر") + len("رئيس ")
    s, _ = rb.locate(text, "مصر", 0, text.index("ثم"))  # only المصري in the first sentence: taken there
    assert s == text.index("المصري") + 2
