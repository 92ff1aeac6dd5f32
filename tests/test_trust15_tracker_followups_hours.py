"""Round 10b L7: followups' summary says what holds back a client with 0 hours a week.

A client with only the time statements answered (at plenty) and 0 hours a week is waiting
(an incomplete picture, time closed by the hours); the summary said "time or energy at not
yet", which neither is. Now it says time is at "no hours now", as the report says it.
"""

import datetime as dt

from workbook.cli import followups as fu
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

INST = load_instrument()
TODAY = dt.date(2026, 11, 28)


def section(ingredient, keyed, **tool):
    ing = INST.ingredient(ingredient)
    return {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items},
            "tool": tool}


def test_zero_hours_is_said_as_no_hours_now(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("inc", {"time": section("time", 4, hours_per_week=0)}, session="2026-11-20")
    store.save("low", {"hope": section("hope", 4), "energy": section("energy", 2)},
               session="2026-11-20")  # energy at not yet, the rest unanswered
    found = fu.followups(tmp_path / "ws", today=TODAY)
    assert sorted(found.waiting) == ["inc", "low"]
    summary = fu.lines(found)[-1]
    assert ("1 client at not enough answers yet, time or energy at not yet and 1 client at "
            "not enough answers yet, time at no hours now: for them") in summary
