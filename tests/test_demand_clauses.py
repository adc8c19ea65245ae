"""Demands read from clauses, end to end with the embedded dictionary: who demands (reported
speech, a continued or joint subject, a statement's issuer), what is no demand (an unnamed
subject, the writer's own necessity, one's own side, a student), and the topic of general news.

Every sentence is written for these tests. Each case lists (actor words, topic, stance) that
must be among the demands and actors that must not demand anything; an actor matches an
entity whose canonical name or an alias holds all its words.
"""
from __future__ import annotations

import pytest

from kgraph.pipeline import NerConfig, extract_article
from kgraph.relations.cues import load_cues
from kgraph.relations.tokens import tokenize
from kgraph.relations.topics import topic_lexicon
from kgraph.types import Article


def demands(text: str) -> list[tuple[set[str], str, str]]:
    x = extract_article(Article(id="t", text=text, date="2015-08-01"), NerConfig(mode="lexicon"))
    forms = {e.id: {e.name, *e.aliases} for e in x.entities}
    return [(forms.get(d.actor, {d.actor}), d.topic, d.stance) for d in x.demands]


def named(forms: set[str], words: str) -> bool:
    return any(set(words.split()) <= set(f.split()) for f in forms)


CASES = [
    # (id, text, [(actor words, topic, stance)] that must be there, [actor words] that must not demand)
    ("reported-necessity",
     "وقال وزير الخارجية الفرنسي إنه يجب استئناف المفاوضات بين الطرفين في أقرب وقت.",
     [("وزير الخارجية الفرنسي", "negotiations", "demand")], []),
    ("continued-speaker",
     "وقال وزير الخارجية الأردني إن بلاده تدعم جهود المبعوث الأممي.\nوأضاف أنه ينبغي إجراء انتخابات حرة.",
     [("وزير الخارجية الأردني", "other", "demand")], []),
    ("headline-speaker",
     "وزير الخارجية الإيطالي: يجب فرض عقوبات على شبكات تهريب البشر",
     [("وزير الخارجية الإيطالي", "other", "demand")], []),
    ("writers-own-necessity",
     "ويجب على الحكومة الأردنية مراجعة سياساتها الاقتصادية قبل فوات الأوان.",
     [], ["الأردن", "الحكومة الأردنية"]),
    ("own-side-wish",
     "وقال الرئيس الكيني: يجب علينا أن نعمل معا من أجل المستقبل.",
     [], ["الرئيس الكيني", "كينيا"]),
    ("as-it-should",
     "وأكد وزير الداخلية المغربي أن الأجهزة تعمل كما ينبغي.",
     [], ["وزير الداخلية المغربي"]),
    ("unnamed-subject-after-verb",
     "وطالب الحارثي الحكومة المصرية بإطلاق سراح المعتقلين.",
     [], ["مصر", "الحكومة المصرية"]),
    ("anonymous-source",
     "ودعا مصدر دبلوماسي مصري إلى ضبط النفس.",
     [], ["مصر"]),
    ("officials-of-a-state",
     "وطالب عدد من المسؤولين والمشرعين الأمريكيين بالإفراج عن الصحفي المعتقل.",
     [("الولايات المتحدة", "hostages_prisoners", "demand")], []),
    ("joint-position-of-two-sides",
     "واستقبل العاهل الأردني الرئيس الفرنسي في عمان أمس.\n"
     "وأكد الجانبان على ضرورة التوصل إلى حل سياسي للأزمة السورية.",
     [("العاهل الأردني", "negotiations", "demand"), ("الرئيس الفرنسي", "negotiations", "demand")], []),
    ("statement-speaks-for-its-issuer",
     "وأصدرت وزارة الخارجية المصرية بيانا حول الأحداث.\nوطالب البيان المجتمع الدولي بتحمل مسؤولياته.",
     [("وزارة الخارجية المصرية", "other", "demand")], []),
    ("summit-is-negotiations",
     "ودعت الجزائر إلى عقد قمة عربية طارئة لبحث الأزمة.",
     [("الجزائر", "negotiations", "demand")], []),
    ("head-decides-topic",
     "وطالب الاتحاد الأوروبي بفرض عقوبات جديدة على روسيا بسبب الانتهاكات في أوكرانيا.",
     [("الاتحاد الأوروبي", "other", "demand")], []),
    ("light-head-passes-topic",
     "ودعت تونس إلى ضرورة اتخاذ الإجراءات اللازمة لوقف القتال في ليبيا.",
     [("تونس", "ceasefire", "demand")], []),
    ("student-is-no-verb",
     "وأعلنت وزارة التعليم السعودية أن 300 طالب سعودي سيلتحقون بالجامعات البريطانية.",
     [], ["السعودية", "وزارة التعليم السعودية"]),
    ("prayer-is-no-demand",
     "وأشاد أمير قطر بالجهود المبذولة ودعا الله أن يحفظ البلاد.",
     [], ["أمير قطر"]),
    ("holder-after-a-post-of-a-body",
     "دعا أمين سر اللجنة التنفيذية لمنظمة التحرير الفلسطينية الدكتور صائب عريقات المجتمع الدولي إلى التدخل.",
     [("صائب عريقات", "other", "demand")], ["اللجنة التنفيذية"]),
    ("chained-verb-keeps-its-clause-subject",
     "وقال الرئيس اليمني إن الهدنة بدأت، فيما رحبت جامعة الدول العربية بالهدنة ودعت الحوثيين إلى احترامها.",
     [("جامعة الدول العربية", "other", "demand")], ["الرئيس اليمني"]),
    ("refusal-until-a-condition",
     "وقال المتحدث باسم حركة حماس إن الحركة لن تشارك في الانتخابات إلا بضمانات دولية.",
     [("حماس", "other", "reject"), ("حماس", "guarantees", "demand")], []),
    ("passive-participle-asks-the-actor",
     "وقال وزير الخارجية الأردني إن الحكومة العراقية مطالبة بحماية المدنيين في الأنبار.",
     [("وزير الخارجية الأردني", "civilian_protection", "demand")], ["العراق", "الحكومة العراقية"]),
    ("delivered-invitation",
     "وسلم الرئيس المصري الدعوة لأمير قطر خلال لقائهما أمس.",
     [], ["الرئيس المصري", "أمير قطر"]),
    ("past-negation-sets-no-condition",
     "ولم تعلن الحكومة اللبنانية موقفها إلا بعد انتهاء الاجتماع.",
     [], ["لبنان", "الحكومة اللبنانية"]),
    ("capital-as-subject",
     "وأعربت الولايات المتحدة عن قلقها من احتجاز الصحفي.\nودعت واشنطن السلطات الإيرانية إلى الإفراج عن الصحفي.",
     [("الولايات المتحدة", "hostages_prisoners", "demand")], []),
    ("pronoun-after-that-is-the-speaker",
     "وأكدت الحكومة الأردنية أنها لن تسمح بإقامة مخيمات جديدة على حدودها.",
     [("الأردن", "other", "reject")], []),
    ("genitive-is-no-subject",
     "وبعد سقوط المدينة بيد تنظيم داعش طالب الرئيس العراقي الحكومة بتعزيز قدرات الجيش.",
     [("الرئيس العراقي", "other", "demand")], ["تنظيم داعش", "داعش"]),
    ("relative-clause-with-no-actor",
     "ورحبت الحكومة التونسية بالبيان الذي صدر عن الجمعيات التي تدعو إلى الحوار.",
     [], ["تونس", "الحكومة التونسية"]),
    ("what-prompted-is-no-call",
     "وتراجعت أسعار النفط مما دعا الحكومة الجزائرية إلى خفض الإنفاق.",
     [], ["الجزائر", "الحكومة الجزائرية"]),
    ("resolution-speaks-for-its-body",
     "وطالب الوزير بتطبيق قرار مجلس الأمن الدولي رقم 2216 الذي يدعو الحوثيين إلى الانسحاب من المدن.",
     [("مجلس الأمن", "withdrawal", "demand")], []),
    ("relative-resumed-thing",
     "وانتهت الهدنة الإنسانية التي طالب بها الرئيس اليمني في الأسبوع الماضي.",
     [("الرئيس اليمني", "ceasefire", "demand")], []),
    ("courtesy-greetings",
     "وفي ختام اللقاء طلب الرئيس المصري نقل تحياته إلى أمير قطر.",
     [], ["الرئيس المصري"]),
    ("hypothetical-refusal",
     "وقال الرئيس الأمريكي إنه سيستخدم حق النقض إذا رفض الكونغرس الأمريكي الاتفاق.",
     [], ["الكونغرس"]),
    ("dropped-subject-continues-past-an-object",
     "وصل وزير الخارجية الكندي إلى عمّان صباح الأحد.\nوأجرى اتصالا هاتفيا بالرئيس المصري.\n"
     "كما طالب بفتح المعابر أمام المساعدات.",
     [("وزير الخارجية الكندي", "crossings", "demand")], ["الرئيس المصري"]),
    ("surname-refers-back-after-an-unknown-given-name",
     "وقال رئيس البلدية عماد الزهراني إن التسجيل بدأ.\nودعا الزهراني الأهالي إلى المشاركة في الانتخابات.",
     [("عماد الزهراني", "other", "demand")], []),
    ("conditions-of-an-agreement",
     "وناقش البرلمان التونسي شروط الاتفاق مع صندوق النقد الدولي.",
     [], ["تونس", "صندوق النقد الدولي"]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_demand_clauses(case):
    _, text, wanted, unwanted = case
    got = demands(text)
    for words, topic, stance in wanted:
        assert any(named(forms, words) and t == topic and s == stance for forms, t, s in got), (words, got)
    for words in unwanted:
        assert not any(named(forms, words) for forms, _, _ in got), (words, got)


@pytest.mark.parametrize("thing, topic", [
    ("ضرورة اتخاذ الإجراءات اللازمة لوقف إطلاق النار", "ceasefire"),
    ("استئناف المفاوضات حول الانسحاب من المدينة", "negotiations"),
    ("فرض عقوبات على الشركات المتورطة في الانتهاكات", None),
    ("خروج المقاتلين من دون أسلحتهم", "disarmament"),
    ("العمل على الإفراج عن المعتقلين", "hostages_prisoners"),
])
def test_topic_is_read_at_the_head(thing, topic):
    light = [p for p in load_cues("demand_words.jsonl") if p.label == "THING_LIGHT"]
    assert topic_lexicon(load_cues("topics.jsonl"), light).topic(tokenize(thing)) == topic
