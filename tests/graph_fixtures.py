"""Hand-built Extraction records for graph, export, query and view tests (no model).

`corpus()` is four short Arabic articles about Gaza diplomacy:
  000, 001  two outlets report the same Sisi-Tamim meeting in Cairo (one meeting node)
  002       indirect Egypt-mediated talks between Hamas and Israel in Doha, a planned
            (not held) Blinken-Qatari PM meeting, a Sisi-Blinken phone call
  003       a hostile article: names, title, source and sentences carry HTML/script
            payloads; nothing of it may ever run in a view
  004       a second "محمد" (makes that alias ambiguous)
Offsets are computed from the texts, so every span is exact.
"""
from __future__ import annotations

from kgraph.types import (
    CALL,
    INDIRECT,
    LOCATION,
    ORG,
    PERSON,
    PLANNED,
    STATE,
    Affiliation,
    Article,
    Demand,
    Entity,
    Evidence,
    Extraction,
    Meeting,
    Mention,
    Participant,
)

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
BOLD = "<b onmouseover=alert(1)>وقف النار</b>"
SVG = '"><svg onload=alert(1)>'
PAYLOADS = (IMG, SCRIPT, BOLD, SVG)


def article(aid, text, **meta) -> Article:
    """An Article with the given id and text."""
    return Article(id=aid, text=text, path=f"{aid}.txt", **meta)


def mentions(art: Article, etype: str, *surfaces: str, key=None) -> tuple[Mention, ...]:
    """One Mention per occurrence of each surface in the article text."""
    out = []
    for s in surfaces:
        i = art.text.find(s)
        assert i >= 0, s
        while i >= 0:
            out.append(Mention(art.id, i, i + len(s), s, etype, "lexicon", key=key))
            i = art.text.find(s, i + 1)
    return tuple(sorted(out, key=lambda m: m.start))


def entity(art, eid, name, etype, *surfaces, aliases=(), label_en=None, **kw) -> Entity:
    """An Entity whose mentions are the occurrences of `surfaces` (default: name)."""
    surfaces = surfaces or (name,)
    return Entity(id=eid, name=name, type=etype,
                  aliases=tuple(sorted({name, *surfaces, *aliases})),
                  mentions=mentions(art, etype, *surfaces, key=eid), label_en=label_en, **kw)


def evidence(art: Article, fragment: str, rule="test-rule") -> Evidence:
    """The Evidence of the sentence (ending at '.') that holds `fragment`."""
    i = art.text.index(fragment)
    start = art.text.rfind(".", 0, i) + 1
    while art.text[start].isspace():
        start += 1
    end = art.text.find(".", i)
    end = len(art.text) if end < 0 else end + 1
    return Evidence(art.id, art.text[start:end], start, end, rule=rule)


def meeting(art, fragment, *who, **kw) -> Meeting:
    """A Meeting of `who` ((entity id, role) pairs or ids), evidenced by `fragment`."""
    parts = tuple(Participant(w, None) if isinstance(w, str) else Participant(*w) for w in who)
    return Meeting(parts, evidence(art, fragment, "meeting-rule"), **kw)


def demand(art, actor, topic, stance, text, **kw) -> Demand:
    """A Demand whose evidence is the sentence holding `text`."""
    return Demand(actor, topic, stance, text, evidence(art, text, "demand-rule"), **kw)


def _a000() -> Extraction:
    a = article("000", "استقبل الرئيس عبد الفتاح السيسي أمير قطر الشيخ تميم بن حمد في القاهرة. "
                       "وبحث الجانبان جهود التهدئة في غزة. وطالبت مصر بوقف فوري لإطلاق النار.",
                title="السيسي يستقبل أمير قطر", date="2024-05-01", source="الأهرام",
                url="https://example.org/000")
    ents = (entity(a, "sisi", "عبد الفتاح السيسي", PERSON, aliases=("السيسي",),
                   label_en="Abdel Fattah el-Sisi"),
            entity(a, "tamim", "تميم بن حمد", PERSON, label_en="Tamim bin Hamad"),
            entity(a, "qatar", "قطر", STATE, label_en="Qatar"),
            entity(a, "egypt", "مصر", STATE, label_en="Egypt"),
            entity(a, "cairo", "القاهرة", LOCATION, label_en="Cairo"),
            entity(a, "gaza", "غزة", LOCATION, label_en="Gaza"))
    return Extraction(a, ents,
                      meetings=(meeting(a, "استقبل", ("sisi", "host"), ("tamim", "visitor"),
                                        location="cairo"),),
                      demands=(demand(a, "egypt", "ceasefire", "demand",
                                      "بوقف فوري لإطلاق النار"),),
                      affiliations=(Affiliation("sisi", "egypt", "president",
                                                evidence(a, "الرئيس")),
                                    Affiliation("tamim", "qatar", "emir", evidence(a, "أمير"))))


def _a001() -> Extraction:
    a = article("001", "التقى أمير قطر تميم بن حمد الرئيس المصري السيسي بالقاهرة أمس. "
                       "وأكدت حركة حماس رفضها نزع السلاح. "
                       "وطالبت حماس بانسحاب القوات الإسرائيلية من غزة.",
                title="أمير قطر يلتقي السيسي", date="2024-05-02", source="الجزيرة")
    ents = (entity(a, "tamim", "تميم بن حمد", PERSON, label_en="Tamim bin Hamad"),
            entity(a, "sisi", "السيسي", PERSON, label_en="Abdel Fattah el-Sisi"),
            entity(a, "qatar", "قطر", STATE, label_en="Qatar"),
            entity(a, "cairo", "القاهرة", LOCATION, label_en="Cairo"),
            entity(a, "hamas", "حماس", ORG, aliases=("حركة حماس",), label_en="Hamas"),
            entity(a, "israel", "إسرائيل", STATE, "الإسرائيلية", label_en="Israel"),
            entity(a, "gaza", "غزة", LOCATION, label_en="Gaza"))
    return Extraction(a, ents,
                      meetings=(meeting(a, "التقى", ("tamim", "visitor"), ("sisi", "host"),
                                        location="cairo"),),
                      demands=(demand(a, "hamas", "disarmament", "reject", "نزع السلاح"),
                               demand(a, "hamas", "withdrawal", "demand",
                                      "بانسحاب القوات الإسرائيلية من غزة", target="israel")))


def _a002() -> Extraction:
    a = article("002", "أجرى الوسطاء في مصر محادثات غير مباشرة بين حماس وإسرائيل في الدوحة. "
                       "ومن المقرر أن يلتقي وزير الخارجية الأمريكي أنتوني بلينكن "
                       "رئيس الوزراء القطري الشيخ محمد الأسبوع المقبل. "
                       "وأجرى السيسي اتصالا هاتفيا مع بلينكن.",
                title="محادثات غير مباشرة في الدوحة", date="2024-06-10", source="الشرق الأوسط")
    ents = (entity(a, "egypt", "مصر", STATE, label_en="Egypt"),
            entity(a, "hamas", "حماس", ORG, label_en="Hamas"),
            entity(a, "israel", "إسرائيل", STATE, label_en="Israel"),
            entity(a, "doha", "الدوحة", LOCATION, label_en="Doha"),
            entity(a, "blinken", "أنتوني بلينكن", PERSON, "أنتوني بلينكن", "بلينكن",
                   aliases=("بلينكن",), label_en="Antony Blinken"),
            entity(a, "qatar_pm", "محمد بن عبد الرحمن آل ثاني", PERSON,
                   "رئيس الوزراء القطري", "الشيخ محمد", aliases=("محمد",),
                   label_en="Mohammed bin Abdulrahman", role="prime minister", of="qatar"),
            entity(a, "sisi", "السيسي", PERSON, label_en="Abdel Fattah el-Sisi"))
    return Extraction(a, ents,
                      meetings=(meeting(a, "أجرى الوسطاء", ("egypt", "mediator"),
                                        ("hamas", "party"), ("israel", "party"),
                                        mode=INDIRECT, location="doha", date="2024-06-09"),
                                meeting(a, "ومن المقرر", "blinken", "qatar_pm", status=PLANNED),
                                meeting(a, "اتصالا هاتفيا", "sisi", "blinken", mode=CALL)),
                      affiliations=(Affiliation("qatar_pm", "qatar", "prime minister",
                                                evidence(a, "رئيس الوزراء")),))


def _a003() -> Extraction:
    a = article("003", f"التقى {IMG} مع مصر في {SCRIPT}. وطالب {IMG} {BOLD}.",
                title=IMG, date="2024-06-11", source=SCRIPT, url="javascript:alert(1)")
    ents = (entity(a, "payload", IMG, ORG, aliases=(SVG,), label_en=SVG),
            entity(a, "egypt", "مصر", STATE, label_en="Egypt"),
            entity(a, "script_place", SCRIPT, LOCATION))
    return Extraction(a, ents,
                      meetings=(meeting(a, "التقى", "payload", "egypt",
                                        location="script_place"),),
                      demands=(demand(a, "payload", "ceasefire", "demand", BOLD,
                                      target="egypt", condition=SCRIPT),))


def _a004() -> Extraction:
    a = article("004", "وقال ولي العهد السعودي محمد بن سلمان إن المملكة تدعم المفاوضات.",
                date="2024-06-12")
    ents = (entity(a, "mbs", "محمد بن سلمان", PERSON, aliases=("محمد",),
                   label_en="Mohammed bin Salman"),)
    return Extraction(a, ents, demands=(demand(a, "mbs", "negotiations", "demand",
                                               "تدعم المفاوضات"),))


def corpus() -> list[Extraction]:
    """The five test articles, in id order."""
    return [_a000(), _a001(), _a002(), _a003(), _a004()]


def build():
    """The graph of `corpus()`."""
    from kgraph.graph import build_graph
    return build_graph(corpus())
