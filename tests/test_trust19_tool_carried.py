"""A later session giving some tool values alone keeps the others (round 13a R6).

A save of the minutes per step alone (the Python API, a hand edit) on a later date kept the
time statements and their date but lost the hours a week: the export row said time was
carried, yet its hours were empty and the pace went. The tool values a section does not
give are now carried with it; a value emptied on the page (saved as None) stays empty.
"""

from __future__ import annotations

import datetime as dt

from workbook.session.store import ClientStore
from workbook.session.store.picture import picture

ITEMS = {"time_1": 4, "time_2": 2, "time_6": 4, "time_7": 4, "time_5": 2}


def _history(tmp_path, later):
    store = ClientStore(tmp_path)
    store.save("D1", {"time": {"items": ITEMS, "tool": {"hours_per_week": 4.0}}},
               session=dt.date(2026, 11, 2))
    store.save("D1", later, session=dt.date(2026, 12, 5))
    return store.history("D1")


def test_minutes_alone_keep_the_hours_and_the_date(tmp_path):
    history = _history(tmp_path, {"time": {"tool": {"step_minutes": {"talk": 45}}}})
    answers, sources = picture(history)
    assert answers["time"]["tool"] == {"hours_per_week": 4.0, "step_minutes": {"talk": 45}}
    assert answers["time"]["items"] == ITEMS and sources["time"] == "2026-11-02"


def test_statements_alone_keep_the_hours(tmp_path):
    again = {"time_1": 5, "time_2": 1, "time_6": 5, "time_7": 5, "time_5": 1}
    history = _history(tmp_path, {"time": {"items": again}})
    answers, sources = picture(history)
    assert answers["time"]["tool"] == {"hours_per_week": 4.0}
    assert answers["time"]["items"] == again and sources["time"] == "2026-12-05"


def test_hours_emptied_on_the_page_stay_empty(tmp_path):
    history = _history(tmp_path, {"time": {"items": ITEMS, "tool": {"hours_per_week": None}}})
    answers, _ = picture(history)
    assert answers["time"]["tool"] == {"hours_per_week": None}
