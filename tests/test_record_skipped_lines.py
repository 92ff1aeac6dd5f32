"""A line of a conversations record saved for another client is told once, by line number.

The answers' journal is covered in tests/test_store.py (attacks 25d): a line that is not
read is said once as a notice and a StoreWarning, never only logged, and named by its line
number wherever it stands.
"""

import datetime as dt
import json
import warnings

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

WED = dt.date(2026, 11, 25)


def _read(root):
    tracker = Tracker(ClientStore(root), "ann")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        people = list(tracker.read().people)
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    return people, said, tracker.notice


def test_a_conversations_line_saved_for_another_client_is_told_once(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    tracker.change(model.add_op("Ana", person_id="p1", today=WED))
    record = tracker.store.folder("ann") / JOURNAL
    line = {"at": "2099-01-01T10:00:00.000001+00:00", "client_id": "bob", "op": "add",
            "id": "p2", "date": "2026-11-25", "fields": {"name": "Bo"}}
    with open(record, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")  # copied from bob's record by hand
    words = (f"line 2 of {record} (client 'ann', a change (add) of 'p2') was saved for "
             "another client, 'bob': the change it holds was not applied (a line copied from "
             "that client's record?). Nothing was changed.")
    assert _read(tmp_path) == (["p1"], [words], words)
    assert _read(tmp_path) == (["p1"], [], None)  # said once
