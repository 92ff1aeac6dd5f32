"""Round 12a P6: a page run with answers for a session saves them as that session's answers,
even when they are the same as those carried from an earlier session, so the ingredient
counts as answered that day (the report shows "+0, about the same", never "not answered
again since").
"""

import re

from bs4 import BeautifulSoup

from workbook.core.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.session.store import ClientStore
from workbook.session.store.picture import picture
from workbook.session.widgets.ingredient import IngredientSession

INST = load_instrument()
DAY1, DAY2 = "2026-11-02", "2026-11-25"
ENERGY = {"energy_1": 4, "energy_2": 2, "energy_6": 4, "energy_7": 4, "energy_8": 2}


def section(ingredient, keyed, **tool):
    """A saved section whose items give the keyed value (4 -> 75, 2 -> 25)."""
    ing = INST.ingredient(ingredient)
    return {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}, "tool": tool}


def make_store(root):
    store = ClientStore(root)
    store.save("ann", {"hope": section("hope", 4), "time": section("time", 4, hours_per_week=6),
                       "energy": {"items": dict(ENERGY)}, "self_esteem": section("self_esteem", 4),
                       "ambition": section("ambition", 4)}, session=DAY1)
    store.save("ann", {"hope": section("hope", 2)}, session=DAY2)
    return store


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def test_same_answers_given_for_a_later_session_are_that_sessions(tmp_path):
    store = make_store(tmp_path / "ws")
    page = IngredientSession("energy", "ann", store, session=DAY2)
    page.fill(dict(ENERGY))
    assert page.errors == []
    assert store.history("ann")[DAY2]["energy"]["items"] == ENERGY
    _, sources = picture(store.history("ann"))
    assert sources["energy"] == DAY2
    report = participant_report(workspace=tmp_path / "ws", participant_id="ann")
    assert "energy" not in report.carried
    assert "Energy 75 75 +0 about the same" in text(report.change().html)


def test_some_statements_given_save_the_section_as_shown(tmp_path):
    """One statement given, the same as carried: the session holds the page's five answers."""
    store = make_store(tmp_path / "ws")
    page = IngredientSession("energy", "ann", store, session=DAY2)
    page.fill({"energy_1": 4})
    assert store.history("ann")[DAY2]["energy"]["items"] == ENERGY


def test_a_text_alone_still_keeps_the_earlier_date(tmp_path):
    """Round 9b J7 stands: a reflection alone is no answer to a statement."""
    store = make_store(tmp_path / "ws")
    page = IngredientSession("energy", "ann", store, session=DAY2)
    page.fill({"reflections": ["a walk"]})
    saved = store.history("ann")[DAY2]["energy"]
    assert saved["items"] == {} and saved["reflections"][0] == "a walk"
    _, sources = picture(store.history("ann"))
    assert sources["energy"] == DAY1
