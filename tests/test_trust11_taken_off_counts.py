"""Round 7 E9: which sessions count a person taken off the list (a pin of the rule, no fix).

Each session's row counts the list as it stood the day before the next session began (the
latest, on the day of the export): a person taken off counts in a row only when they were
taken off on or after the day the next session began. Hand count, sessions 11-02, 11-16 and
12-01; Ann listed 10-30; Pen listed 11-12 and taken off 11-25:
11-02 counts to 11-15 -> Ann, Pen = 2; 11-16 counts to 11-30 -> Ann = 1; 12-01 -> Ann = 1.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.clients_table import responses
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

D = dt.date


def test_a_person_taken_off_counts_until_the_next_session_began(tmp_path):
    store = ClientStore(tmp_path)
    for day in ("2026-11-02", "2026-11-16", "2026-12-01"):
        store.save("K1", {"hope": {"items": {"hope_1": 4}}}, session=day)
    tracker = Tracker(store, "K1")
    tracker.change(model.add_op("Ann", today=D(2026, 10, 30), person_id="p1"))
    book = tracker.change(model.add_op("Pen", org="Org B", today=D(2026, 11, 12),
                                       person_id="p4"))
    tracker.change(model.remove_op(book, "p4", today=D(2026, 11, 25)))
    table = responses(store, today=D(2026, 12, 7))
    assert table["date"].tolist() == ["2026-11-02", "2026-11-16", "2026-12-01"]
    assert table["people_listed"].tolist() == [2, 1, 1]
