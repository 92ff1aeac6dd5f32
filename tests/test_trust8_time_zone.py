"""attacks5 C17: the export counted steps only up to the reading machine's local date, so a
talk recorded today on a machine a time zone ahead was exported as not held while followups
asked for the thanks. The latest counts now take every step dated up to the day after the
reading machine's date (no two places are a day apart); a step dated later (typed by hand)
is not counted, and the record's reading names it (C3)."""

import datetime as dt

from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

D = dt.date


def _workspace(root):
    s = ClientStore(root)
    s.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-12-01")
    t = Tracker(s, "c1")
    book = t.change(model.add_op("Ana", org="Lib", person_id="ana", today=D(2026, 12, 2)))
    t.change(model.step_op(book, "ana", "held", D(2026, 12, 7), today=D(2026, 12, 7)))
    return s


def test_a_talk_recorded_today_a_time_zone_ahead_is_counted(tmp_path):
    s = _workspace(tmp_path / "ws")
    # read where it is still 6 December (the talk was recorded where it was the 7th)
    row = responses(s, today=D(2026, 12, 6)).iloc[-1]
    assert (row["notes_sent"], row["conversations_held"]) == (1, 1)  # before: 0, 0


def test_a_step_dated_further_ahead_is_not_counted(tmp_path):
    s = _workspace(tmp_path / "ws")
    row = responses(s, today=D(2026, 12, 5)).iloc[-1]  # two days before the talk's date
    assert (row["people_listed"], row["conversations_held"]) == (1, 0)
