"""Hybrid NER: model mentions are checked against what the dictionary knows.

The model's output is given here as the Mentions a Stanza model returns (the end-to-end path
with a real trained model is in test_stanza_ner.py); every sentence is written for these tests.
"""
from kgraph.dictionary import default_dictionary
from kgraph.hybrid import hybrid_mentions, person_key, vet_model_mentions
from kgraph.mentions import lexicon_mentions
from kgraph.ner_stanza import STANZA_TYPES
from kgraph.types import LOCATION, ORG, PERSON, STATE, Article, Mention


def model_mention(text: str, surface: str, typ: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("t", start, start + len(surface), surface, typ, "stanza")


def merged_with(article: Article, lexical: list[Mention], model: list[Mention]) -> list[Mention]:
    d = default_dictionary()
    return hybrid_mentions(article, lexical, vet_model_mentions(article, model, d), d)


def vetted(text: str, *spans: tuple[str, str]) -> list[tuple[str, str, str | None]]:
    model = [model_mention(text, s, STANZA_TYPES[t]) for s, t in spans]
    return [(m.surface, m.type, m.key) for m in vet_model_mentions(Article("t", text), model, default_dictionary())]


def test_titles_and_honorifics_are_cut_off_a_person():
    text = "وقال السفير الكيني جوزيف موانجي إن المحادثات بناءة."
    assert vetted(text, ("السفير الكيني جوزيف موانجي", "PER")) == [
        ("جوزيف موانجي", PERSON, person_key("جوزيف موانجي"))]


def test_a_role_phrase_is_no_person():
    text = "وقال وزير خارجية الفلبين إن بلاده ترفض القرار."
    # what is left after the title is the state the post belongs to
    assert vetted(text, ("وزير خارجية الفلبين", "PER")) == [("الفلبين", STATE, "philippines")]
    text = "وقال المتحدث باسم الرئاسة إن الزيارة ستتم."
    assert vetted(text, ("المتحدث باسم الرئاسة", "PER")) == []


def test_an_organisation_needs_a_head_noun():
    text = "وأكدت المصادر أن القرار سيصدر غدا."
    assert vetted(text, ("القرار", "ORG")) == []
    text = "وأعلنت لجنة الانتخابات المستقلة النتائج."
    assert vetted(text, ("لجنة الانتخابات المستقلة", "ORG")) == [("لجنة الانتخابات المستقلة", ORG, None)]


def test_the_dictionary_types_what_it_knows():
    text = "ووصل الوفد إلى ألمانيا أمس."
    assert vetted(text, ("ألمانيا", "LOC")) == [("ألمانيا", STATE, "germany")]
    text = "وعقد الاجتماع في برلين أمس."
    assert vetted(text, ("برلين", "LOC")) == [("برلين", LOCATION, None)]


def test_a_one_word_person_needs_a_fuller_name_or_a_title():
    text = "وقال جوزيف موانجي إن الحوار مستمر. وأضاف موانجي أن الجولة المقبلة في نيروبي. وأشار النص إلى ذلك."
    out = vetted(text, ("جوزيف موانجي", "PER"), ("موانجي", "PER"), ("النص", "PER"))
    assert [s for s, _, _ in out] == ["جوزيف موانجي", "موانجي"]


def test_a_model_name_completes_a_rule_person_and_never_overrides_the_dictionary():
    text = "واستقبل وزير الخارجية المصري المهندس عبدالكريم بن سالم آل منصور في القاهرة."
    article = Article("t", text)
    lexical = lexicon_mentions(article)
    model = [model_mention(text, "عبدالكريم بن سالم آل منصور", PERSON),
             model_mention(text, "القاهرة", LOCATION)]
    merged = merged_with(article, lexical, model)
    persons = [m.surface for m in merged if m.type == PERSON and m.role is None]
    assert any(p.endswith("آل منصور") for p in persons), merged
    # the dictionary's mention of Cairo is kept as it is, not replaced by the model's
    cairo = [m for m in merged if m.surface == "القاهرة"]
    assert len(cairo) == 1 and cairo[0].source != "stanza"
    for m in merged:
        assert text[m.start:m.end] == m.surface


def test_words_no_name_holds_end_or_reject_a_model_name():
    text = "وقال تشن وانغ للصحافيين إن المحادثات مثمرة، وكان دوره ريادياً. وقال أبو إن الوفد وصل."
    out = vetted(text, ("تشن وانغ للصحافيين", "PER"), ("ريادياً", "PER"), ("أبو", "PER"))
    assert [s for s, _, _ in out] == ["تشن وانغ"]
    text = "وكتب على حسابه بتويتر @kgraph_test أن الاجتماع انتهى."
    assert vetted(text, ("بتويتر @kgraph_test", "PER")) == []


def test_a_short_name_is_the_fuller_name_and_a_post_beside_a_name_is_held_by_it():
    text = "وقال جوزيف موانجي وزير الخارجية الكيني إن الحوار مستمر. وأضاف موانجي أن الجولة المقبلة قريبة."
    article = Article("t", text)
    model = [model_mention(text, "جوزيف موانجي", PERSON), model_mention(text, "موانجي", PERSON, nth=1)]
    merged = merged_with(article, lexicon_mentions(article), model)
    keys = {m.surface: m.key for m in merged if m.type == PERSON}
    assert keys["موانجي"] == keys["جوزيف موانجي"] == person_key("جوزيف موانجي")
    assert keys["وزير الخارجية الكيني"] == person_key("جوزيف موانجي")


def test_a_name_ends_before_a_verb_of_saying_and_before_another_name_glued_to_a_conjunction():
    text = "وقال جوزيف موانجي قال إن الحوار مستمر، وذكر بيتر كاماو فجوزيف موانجي هو من دعا إليه."
    out = vetted(text, ("جوزيف موانجي قال", "PER"), ("بيتر كاماو فجوزيف موانجي", "PER"))
    assert [s for s, _, _ in out] == ["جوزيف موانجي", "بيتر كاماو"]


def test_a_prayer_and_a_definite_adjective_after_a_title_are_no_names():
    text = "وكان والدي رحمه الله صديقا للبطريرك الماروني في تلك الأيام."
    assert vetted(text, ("رحمه الله", "PER"), ("الماروني", "PER")) == []


def test_a_post_far_from_a_model_name_is_not_its():
    text = "وزير الخارجية الكيني يتلقى اتصالا. وقال المتحدث جوزيف موانجي إن الاتصال تناول الأزمة."
    article = Article("t", text)
    model = [model_mention(text, "جوزيف موانجي", PERSON)]
    merged = merged_with(article, lexicon_mentions(article), model)
    post = next(m for m in merged if m.surface == "وزير الخارجية الكيني")
    assert post.key != person_key("جوزيف موانجي")


def test_an_organisation_is_more_than_its_head_noun_and_ends_at_a_title():
    text = "وقال حزب إن الحملة بدأت، وزار رئيس البلدية المهندس سالم القرني الموقع."
    out = vetted(text, ("حزب", "ORG"), ("البلدية المهندس سالم القرني", "ORG"))
    assert out == []


def test_a_name_spelt_with_a_final_ha_is_a_name():
    text = "وقال البطريرك بشاره الراعي إن الحوار ضروري."
    assert [s for s, _, _ in vetted(text, ("بشاره الراعي", "PER"))] == ["بشاره الراعي"]
