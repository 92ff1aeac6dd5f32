"""Round 14a V12: conversations.jsonl lines written by hand that the kit skips (a step with
``"date": ""``, a priority as text ``"1"``, a misspelt field ``"emial"``) are named to the
coach as the other odd lines are (a notice, a StoreWarning), with the file and line, not
only in a log line the page and a script never show."""

import datetime as dt
import json
import warnings

import pytest

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning

LINES = {
    "empty_date": ({"op": "step", "id": "ana", "step": "reply", "date": ""},
                   "'' is not a date"),
    "prio_str": ({"op": "edit", "id": "ben", "fields": {"priority": "1"}},
                 "priority is '1', not 1, 2 or 3"),
    "unknown_field": ({"op": "edit", "id": "ben", "fields": {"emial": "x@y"}},
                      "'emial' is not a field of a person"),
}


@pytest.mark.parametrize("case", sorted(LINES))
def test_a_line_skipped_is_named(tmp_path, case):
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "C1")
    book = tracker.change(model.add_op("Ana", person_id="ana"))
    tracker.change(model.step_op(book, "ana", "sent", dt.date(2026, 11, 5), confirmed=True))
    book = tracker.change(model.add_op("Ben", person_id="ben"))
    record = store.folder("C1") / "conversations.jsonl"
    at = json.loads(record.read_text().splitlines()[-1])["at"]
    line, why = LINES[case]
    with open(record, "a") as out:
        out.write(json.dumps({"at": at, "client_id": "C1", **line}) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(tmp_path / "ws"), "C1").read()
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert any(f"line 4 of {record}" in s and why in s and "was not applied" in s
               for s in said), said
    # nothing was changed by it
    assert book.people["ana"].steps == {"noted": "2026-11-05", "sent": "2026-11-05"}
    assert book.people["ben"].priority == 2
