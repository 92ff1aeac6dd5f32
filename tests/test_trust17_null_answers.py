"""A journal line whose answers are all empty (null) makes no session and is named.

Round 12a P15: ``"answers":{"hope":{"items":{"hope_1":null,...}}}`` made a session without
a word (the export gained a row repeating the earlier picture), while ``"answers":{}`` (round
9a H1) was named and made none.
"""

from __future__ import annotations

import json
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.records import now_stamp

A = {"hope": {"items": {"hope_1": 5, "hope_6": 3}}}
NULLS = {"hope": {"items": {"hope_1": None, "hope_6": None, "hope_7": None}}}


def _client(root, *lines):
    store = ClientStore(root)
    store.save("cl0", A, session="2026-09-01")
    journal = store.folder("cl0") / JOURNAL_FILE
    with journal.open("a", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps({"at": now_stamp(), "client_id": "cl0", **line}) + "\n")
    return journal


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        store = ClientStore(root)
        days = store.sessions("cl0")
        answers = {day: store.load("cl0", session=day) for day in days}
    return days, answers, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_line_of_null_answers_makes_no_session_and_is_named(tmp_path):
    journal = _client(tmp_path, {"session": "2026-10-01", "answers": NULLS})
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01"]
    assert answers["2026-09-01"]["hope"]["items"] == {"hope_1": 5, "hope_6": 3}
    assert said == [f"line 2 of {journal} (client 'cl0', a save of session 2026-10-01) holds no "
                    "answers (each answer in it is empty): no session was made of it (it would "
                    "repeat the answers of the session before)."]
    assert _read(tmp_path)[::2] == (days, [])  # said once


def test_empty_texts_and_lists_hold_nothing_either(tmp_path):
    line = {"session": "2026-10-01", "answers": {
        "hope": {"items": {"hope_1": None}, "reflections": ["", "  "], "tool": {}},
        "energy": {}}}
    _client(tmp_path, line)
    days, _, said = _read(tmp_path)
    assert days == ["2026-09-01"] and len(said) == 1 and "holds no answers" in said[0]


def test_a_null_clearing_answers_of_a_session_already_saved_is_read(tmp_path):
    # the session exists: a line taking its answers back is a change, read as before
    _client(tmp_path, {"session": "2026-09-01", "answers": NULLS})
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01"] and said == []
    assert answers["2026-09-01"]["hope"]["items"].get("hope_1") is None


def test_one_answer_among_nulls_makes_the_session(tmp_path):
    line = {"session": "2026-10-01",
            "answers": {"hope": {"items": {"hope_1": None, "hope_6": 0}}}}
    _client(tmp_path, line)
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01", "2026-10-01"] and said == []
    assert answers["2026-10-01"]["hope"]["items"]["hope_6"] == 0


def test_a_save_of_nothing_to_a_new_session_makes_none(tmp_path):
    journal = _client(tmp_path)
    before = journal.read_bytes()
    saved = ClientStore(tmp_path).save("cl0", NULLS, session="2026-10-01")
    assert saved == NULLS
    assert journal.read_bytes() == before  # nothing written
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01"] and said == []
    # an answer given after it is saved as ever
    ClientStore(tmp_path).save("cl0", {"hope": {"items": {"hope_1": 2}}}, session="2026-10-01")
    assert _read(tmp_path)[0] == ["2026-09-01", "2026-10-01"]
