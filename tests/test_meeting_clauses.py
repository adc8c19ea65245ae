"""Meetings read from clauses, end to end with the embedded dictionary: who is the subject of a
cue when the sentence does not say it next to the cue (classes 1-7 of the relation bank).

Every sentence is written for these tests. Each case names the held meetings it must give
as pairs of entity names (a name matches an entity whose canonical name contains it), and
pairs it must not give.
"""
from __future__ import annotations

import pytest

from kgraph.pipeline import NerConfig, extract_article
from kgraph.types import HELD, Article


def held_pairs(text: str) -> set[frozenset[str]]:
    x = extract_article(Article(id="t", text=text, date="2016-03-14"), NerConfig(mode="lexicon"))
    names = {e.id: e.name for e in x.entities}
    out = set()
    for m in x.meetings:
        if m.status != HELD:
            continue
        ids = [names[p.entity_id] for p in m.participants]
        out.update(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:])
    return out


def names(name: str, words: str) -> bool:
    """Every word of `words` is a word of the entity name."""
    return set(words.split()) <= set(name.split())


def has_pair(pairs: set[frozenset[str]], a: str, b: str) -> bool:
    return any(len(p) == 2 and any(names(x, a) and any(names(y, b) for y in p - {x}) for x in p) for p in pairs)


CASES = [
    # (id, text, pairs that must be there, pairs that must not)
    ("vso-two-states",
     "التقت المستشارة الألمانية أنغيلا ميركل صباح اليوم الرئيس الفرنسي في برلين.",
     [("ميركل", "الرئيس الفرنسي")], []),
    ("light-verb-visit",
     "تقوم رئيسة الوزراء البريطانية تيريزا ماي بزيارة إلى الهند تستمر ثلاثة أيام.",
     [("تيريزا ماي", "الهند")], []),
    ("possessed-reception",
     "ونوه ملك البحرين لدى استقباله الرئيس المصري عبد الفتاح السيسي بعمق العلاقات.",
     [("ملك البحرين", "السيسي")], []),
    ("dropped-subject-after-visit",
     "وأجرى وزير الخارجية الأردني زيارة إلى بغداد استمرت يوما التقى خلالها برئيس الوزراء العراقي.",
     [("وزير الخارجية الأردني", "رئيس الوزراء العراقي")], [("وزير الخارجية الأردني", "العراق")]),
    ("visit-object-of-preposition",
     "وقال وزير الخارجية الإيراني محمد جواد ظريف خلال زيارته إلى سلطنة عمان في جولة تشمل الكويت وقطر "
     "إن بلاده تريد الحوار.",
     [("ظريف", "عمان")], [("الكويت", "قطر")]),
    ("continued-subject-object",
     "ووصل رئيس الوزراء الإيطالي إلى القاهرة أمس حيث التقى الرئيس المصري عبد الفتاح السيسي.",
     [("رئيس الوزراء الإيطالي", "السيسي")], []),
    ("continued-subject-and",
     "وصل وزير الخارجية التركي إلى طهران، والتقى الرئيس الإيراني حسن روحاني.",
     [("وزير الخارجية التركي", "روحاني")], []),
    ("subject-before-place",
     "وأجرى رئيس الوزراء الياباني في بكين أمس مباحثات مع الرئيس الصيني.",
     [("رئيس الوزراء الياباني", "الرئيس الصيني")], []),
    ("possessed-noun-direct-object",
     "وشدد وزير الخارجية الكويتي خلال لقائه وزير الخارجية البريطاني على أهمية التنسيق.",
     [("وزير الخارجية الكويتي", "وزير الخارجية البريطاني")], []),
    ("possessed-noun-not-preposed",
     "وقال الرئيس التونسي خلال اجتماعه مع السفير الألماني إن تونس ترحب بالاستثمار.",
     [("الرئيس التونسي", "السفير الألماني")], [("تونس", "السفير الألماني")]),
    ("gather-list",
     "وعقد في الكويت اجتماع ضم وزير الخارجية الكويتي ونظيره العماني.",
     [("وزير الخارجية الكويتي", "نظيره العماني")], []),
    ("dropped-subject-previous-sentence",
     "وصل رئيس الوزراء الكندي إلى عمّان أمس. وفي المساء أمر بزيادة المساعدات، وأجرى اتصالا هاتفيا "
     "بالرئيس الفلسطيني.",
     [("رئيس الوزراء الكندي", "الرئيس الفلسطيني")], []),
    ("dropped-subject-skips-objects",
     "وأعلن ملك الأردن دعم الإغاثة في سوريا، وأجرى اتصالا هاتفيا بالرئيس التركي.",
     [("ملك الأردن", "الرئيس التركي")], [("سوريا", "الرئيس التركي")]),
    ("unknown-subject-no-fallback",
     "وصل وزير الخارجية الفرنسي إلى القاهرة. ويجري الوسطاء محادثات مع الرئيس المصري.",
     [], [("وزير الخارجية الفرنسي", "الرئيس المصري")]),
    ("visit-noun-genitive-destination",
     "وقام الرئيس الأرجنتيني بزيارة اليونان الأسبوع الماضي.",
     [("الرئيس الأرجنتيني", "اليونان")], []),
    ("visit-noun-fronted",
     "وخلال زيارة إلى ماليزيا، قال رئيس الوزراء التركي إن بلاده تدعم الحوار.",
     [("رئيس الوزراء التركي", "ماليزيا")], []),
    ("visit-host-named-as-adjective",
     "ورحب الرئيس اللبناني بزيارة الرئيس الفرنسي إلى بيروت.",
     [("الرئيس الفرنسي", "لبنان")], []),
    ("visit-capital-only",
     "وصل وزير الخارجية الأردني إلى الرباط في زيارة رسمية تستمر يومين.",
     [("وزير الخارجية الأردني", "المغرب")], []),
    ("visit-with-named-counterpart",
     "ووصل وزير الخارجية الإيطالي إلى الرباط حيث التقى نظيره المغربي.",
     [("وزير الخارجية الإيطالي", "نظيره المغربي")], [("وزير الخارجية الإيطالي", "المغرب")]),
    ("visit-list-of-states",
     "وزار رئيس الوزراء الهندي فرنسا وألمانيا الأسبوع الماضي.",
     [("رئيس الوزراء الهندي", "فرنسا"), ("رئيس الوزراء الهندي", "ألمانيا")], []),
    ("visited-state-is-no-visitor",
     "وسأل المعلقون هل يأتي الوزير إلى بغداد بعدما زار الأردن ولبنان.",
     [], [("الأردن", "لبنان")]),
    ("surname-not-a-definite-state",
     "وصل رئيس الوزراء البريطاني ديفيد كاميرون إلى آسيا. وقال كاميرون على هامش زيارة لليابان إن التعاون مهم.",
     [("ديفيد كاميرون", "اليابان")], [("الكاميرون", "اليابان")]),
    ("first-time-is-no-name",
     "وقال السفير إنه التقى سموه لأول مرة عند زيارته للبرازيل.",
     [], [("أول مرة", "البرازيل")]),
    ("counterpart-by-name",
     "والتقى وزير الخارجية المصري سامح شكري نظيره يوسف بن علوي في مسقط.",
     [("سامح شكري", "يوسف بن علوي")], []),
    ("counterpart-unknown-name-replaces-state",
     "وقال وزير الخارجية الإيطالي أثناء زيارة إلى مدريد حيث يلتقي نظيره خوان غارسيا إن التعاون مستمر.",
     [("وزير الخارجية الإيطالي", "خوان غارسيا")], [("وزير الخارجية الإيطالي", "إسبانيا")]),
    ("we-is-the-state",
     'وقال وزير الخارجية الفرنسي: "تفاوضنا مع إيران طويلا".',
     [("فرنسا", "إيران")], [("وزير الخارجية الفرنسي", "إيران")]),
    ("between-him-and",
     "وقال الرئيس الفرنسي إن مناقشات جرت بينه وبين المستشارة الألمانية أمس.",
     [("الرئيس الفرنسي", "المستشارة الألمانية")], []),
    ("reported-clause-subject-and-plan",
     "وأعلنت وزارة الخارجية الصينية أن وزير الخارجية الصيني وصل إلى الرياض، على أن يلتقي لاحقا "
     "بنظيره السعودي.",
     [], [("وزارة الخارجية الصينية", "نظيره السعودي")]),
    ("dropped-subject-previous-person",
     "وترأست وزيرة الخارجية السويدية اجتماعا في ستوكهولم. وكانت قد استقبلت أمس رئيس الوزراء النرويجي.",
     [("وزيرة الخارجية السويدية", "رئيس الوزراء النرويجي")], []),
    ("delegation-heads-stand-for-their-side",
     "وترأس وزير الخارجية الكيني وفد بلاده، فيما ترأس الوفد الصومالي رئيس الوزراء الصومالي. "
     "وجرت المباحثات بين كينيا والصومال في نيروبي.",
     [("وزير الخارجية الكيني", "رئيس الوزراء الصومالي")], [("كينيا", "الصومال")]),
    ("visit-noun-visitor-after-li",
     "وهذه الزيارة الأولى للرئيس الفرنسي فرنسوا هولاند لكوبا.",
     [("هولاند", "كوبا")], []),
    ("visit-verb-continues-clause",
     "ووصل رئيس الوزراء الإيطالي إلى المنطقة، حيث زار الأردن أمس.",
     [("رئيس الوزراء الإيطالي", "الأردن")], []),
    ("outlet-is-no-visitor",
     'وقال السفير يوسف العتيبة لـ«الشرق الأوسط» إنه زار ليبيا، والتقى رئيس البرلمان الليبي.',
     [("يوسف العتيبة", "رئيس البرلمان الليبي")], [("الشرق الأوسط", "ليبيا")]),
]


@pytest.mark.parametrize("case_id,text,must,must_not", CASES, ids=[c[0] for c in CASES])
def test_meeting_clauses(case_id, text, must, must_not):
    pairs = held_pairs(text)
    for a, b in must:
        assert has_pair(pairs, a, b), (case_id, a, b, pairs)
    for a, b in must_not:
        assert not has_pair(pairs, a, b), (case_id, a, b, pairs)
