"""A country named only as a place is a LOCATION, not an actor (dev3 convention 24)."""
import pytest

from kgraph.pipeline import extract_article
from kgraph.types import LOCATION, STATE, Article


def types_of(text):
    x = extract_article(Article("t", text))
    return {e.id: e.type for e in x.entities}


@pytest.mark.parametrize("text, places", [
    ("قال وزير الخارجية المصري إن آلاف المهاجرين وصلوا من إريتريا وإثيوبيا إلى ليبيا هذا العام.",
     {"eritrea", "ethiopia", "libya"}),
    ("ويقيم الكاتب بسوريا منذ عشر سنوات، وقد درس في الأردن.", {"syria", "jordan"}),
    ("وقعت الحادثة في منطقة حدودية شمال مالي.", {"mali"}),
])
def test_countries_named_as_places_are_locations(text, places):
    types = types_of(text)
    assert {k for k, t in types.items() if t == LOCATION} >= places
    assert not places & {k for k, t in types.items() if t == STATE}


@pytest.mark.parametrize("text, actors", [
    # the state acts in one sentence, so its place uses elsewhere do not demote it
    ("وصل مئات المهاجرين إلى إيطاليا. وأعلنت إيطاليا أنها ستغلق موانئها.", {"italy"}),
    # "كل من" opens a list of actors, not a place
    ("وأشاد البيان بجهود كل من مصر وقطر في الوساطة.", {"egypt", "qatar"}),
    # a nationality adjective inside a role phrase names the state
    ("قال وزير الخارجية الأردني إن الحل سياسي.", {"jordan"}),
])
def test_states_that_act_stay_states(text, actors):
    types = types_of(text)
    assert all(types.get(a) == STATE for a in actors), types


def test_a_visited_country_takes_part_in_the_meeting():
    x = extract_article(Article("t", "وصل الرئيس الفرنسي إيمانويل ماكرون إلى تونس أمس في زيارة رسمية "
                                     "تستمر يومين."))
    types = {e.id: e.type for e in x.entities}
    used = {p.entity_id for m in x.meetings for p in m.participants}
    assert "tunisia" in used
    assert types["tunisia"] == STATE
