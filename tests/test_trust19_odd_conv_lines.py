"""Round 13a R18: conversations.jsonl lines written by hand or by another tool.

A line without a save time (``at``) was applied and never named (the answers' journal
names one); an add without its day (``date``) gave a person no session counted, without a
word; a step "taken back" with ``"date": null`` that the person never had was dropped
silently. Each is now named with its file and line: the add is listed on the day it was
saved.
"""

import datetime as dt
import json

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import JOURNAL, Tracker

from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def with_line(tmp_path, line: dict):
    store = ClientStore(tmp_path / "w")
    Tracker(store, "m").change(model.add_op("Ana Ruiz", person_id="ana",
                                            today=D(2026, 12, 1), now=NOW))
    with open(store.client_folder("m") / JOURNAL, "a", encoding="utf-8") as out:
        out.write(json.dumps({"client_id": "m", **line}) + "\n")
    return store


def test_a_line_without_a_save_time_is_named(tmp_path):
    store = with_line(tmp_path, {"op": "add", "id": "zz", "date": "2026-12-01",
                                 "fields": {"name": "Zed NoAt", "org": "Q"}})
    book, _, said = read_with_notices(store)
    assert "zz" in book.people
    assert len(said) == 1 and "line 2 of" in said[0] and JOURNAL in said[0]
    assert "has no save time ('at')" in said[0], said
    again, _, said = read_with_notices(store)
    assert said == [] and "zz" in again.people


def test_an_add_without_its_day_is_listed_on_the_day_it_was_saved_and_named(tmp_path):
    store = with_line(tmp_path, {"at": "2026-12-07T16:58:00+00:00", "op": "add", "id": "zz",
                                 "fields": {"name": "Zed NoDate", "org": "Q"}})
    book, _, said = read_with_notices(store)
    assert book.people["zz"].added == "2026-12-07"
    assert book.counts(D(2026, 12, 7))["people_listed"] == 2
    told = [s for s in said if "Zed NoDate" in s]
    assert len(told) == 1 and "line 2 of" in told[0] and "2026-12-07" in told[0], said


def test_a_step_taken_back_with_a_null_day_that_was_never_recorded_is_named(tmp_path):
    store = with_line(tmp_path, {"at": "2026-12-07T20:58:00+00:00", "op": "step",
                                 "id": "ana", "step": "reply", "date": None})
    book, _, said = read_with_notices(store)
    assert "reply" not in book.people["ana"].steps
    told = [s for s in said if "Ana Ruiz" in s]
    assert len(told) == 1 and "line 2 of" in told[0] and "'reply'" in told[0], said
    assert "nothing was changed" in told[0]


def test_a_line_the_reading_rewrites_is_not_named_as_untimed(tmp_path):
    """A move another copy made to a place taken off is read as an edit: its line had a time."""
    from .test_trust19_place_off_moved import laptops_with_the_move

    laptops = laptops_with_the_move(tmp_path)
    laptops.record(laptops.one).write_bytes(laptops.record(laptops.two).read_bytes())
    _, _, said = read_with_notices(laptops.one)
    assert not any("save time" in s for s in said), said
    assert any("moves Ben Cho to City Library" in s for s in said), said
