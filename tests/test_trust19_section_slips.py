"""A misspelt key inside a journal section, and a line holding nothing read (round 13a R9).

``{"energy": {"itmes": {...}}}`` (a hand edit) is named as not read, like a misspelt
section; a line on a new date holding only such keys or empty lists
(``{"hope": {"foo": 1}}``, ``{"ambition": {"tool": {"motivators": []}}}``) makes no session
and is named, as a line of only empty answers is.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.table import odd_sections

DAY1, DAY2, NEW = "2026-11-02", "2026-11-30", "2026-12-05"
ENERGY = {"energy_1": 4, "energy_2": 2, "energy_6": 4, "energy_7": 4, "energy_8": 2}


def _store(root):
    store = ClientStore(root)
    store.save("C3", {"energy": {"items": ENERGY}}, session=dt.date(2026, 11, 2))
    store.save("C3", {"hope": {"items": {"hope_1": 3}}}, session=dt.date(2026, 11, 30))
    return store.folder("C3") / JOURNAL_FILE


def _add(journal, session, answers):
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)  # (after the saves)
    line = {"at": at.isoformat(), "session": session, "client_id": "C3", "answers": answers}
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("C3")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_misspelt_key_in_a_section_is_named(tmp_path):
    journal = _store(tmp_path)
    _add(journal, DAY2, {"energy": {"itmes": {"energy_1": 1}}})
    history, _ = _read(tmp_path)
    said = odd_sections(history)
    assert said == [f"session {DAY2}'s energy holds itmes, which is no part of a section the "
                    "kit reads (items, reflections, tool, share, coach_note): not read"]


def test_well_formed_sections_are_not_named(tmp_path):
    _store(tmp_path)
    history, said = _read(tmp_path)
    assert odd_sections(history) == [] and said == []


@pytest.mark.parametrize("answers", [
    {"ambition": {"tool": {"motivators": []}}},
    {"time": {"items": {}}},
    {"time": {"items": {}, "reflections": [], "share": []}},
])
def test_a_line_holding_nothing_read_makes_no_session(tmp_path, answers):
    journal = _store(tmp_path)
    _add(journal, NEW, answers)
    history, said = _read(tmp_path)
    assert list(history) == [DAY1, DAY2]
    assert len(said) == 1 and "holds no answers (each answer in it is empty)" in said[0]
    assert "line 3" in said[0] and "no session was made" in said[0]


def test_a_key_the_kit_does_not_read_on_a_new_date_is_named(tmp_path):
    journal = _store(tmp_path)
    _add(journal, NEW, {"hope": {"foo": 1}})
    history, _ = _read(tmp_path)  # the store keeps any section: the export names it
    assert odd_sections(history) == [
        f"session {NEW}'s hope holds foo, which is no part of a section the kit reads "
        "(items, reflections, tool, share, coach_note): not read"]
