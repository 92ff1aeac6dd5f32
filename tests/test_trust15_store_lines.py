"""Odd lines written into journal.jsonl by hand are named, once (round 9a H1, H2)."""

from __future__ import annotations

import json
import warnings

import pytest

from workbook.core.exceptions import StoreError
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.records import now_stamp

A = {"hope": {"items": {"hope_1": 5, "hope_6": 3}}}


def _client(root, *lines):
    store = ClientStore(root)
    store.save("cl0", A, session="2026-09-01")
    journal = store.folder("cl0") / JOURNAL_FILE
    with journal.open("a", encoding="utf-8") as out:
        for line in lines:
            if line.get("at") == "now":  # (saved after the first line)
                line = {**line, "at": now_stamp()}
            out.write(json.dumps(line) + "\n")
    return journal


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        store = ClientStore(root)
        days = store.sessions("cl0")
        answers = {day: store.load("cl0", session=day) for day in days}
    return days, answers, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_line_holding_no_answers_makes_no_session_and_is_named(tmp_path):
    journal = _client(tmp_path, {"at": "now", "session": "2026-10-01",
                                 "client_id": "cl0", "answers": {}})
    days, _, said = _read(tmp_path)
    assert days == ["2026-09-01"]
    assert said == [f"line 2 of {journal} (client 'cl0', a save of session 2026-10-01) holds no "
                    "answers: no session was made of it (it would repeat the answers of the "
                    "session before)."]
    assert _read(tmp_path)[::2] == (days, [])  # said once


@pytest.mark.parametrize("at, how", [
    (None, "has no save time ('at')"),
    (5, "has a save time that is not a time ('at': 5)"),
    ("yesterday", "has a save time that is not a time ('at': 'yesterday')"),
])
def test_a_line_without_a_readable_save_time_is_read_and_named(tmp_path, at, how):
    line = {"session": "2026-10-01", "client_id": "cl0", "answers": A}
    if at is not None:
        line["at"] = at
    journal = _client(tmp_path, line)
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01", "2026-10-01"] and answers["2026-10-01"] == A
    assert said == [f"line 2 of {journal} (client 'cl0', a save of session 2026-10-01) {how}: "
                    "it was read in the order of the file; check that what it holds is still "
                    "right."]
    assert _read(tmp_path)[::2] == (days, [])


def test_saving_no_section_is_refused(tmp_path):
    with pytest.raises(StoreError, match="at least one section"):
        ClientStore(tmp_path).save("cl0", {}, session="2026-09-01")


def test_an_answer_saved_as_text_is_named_in_the_export(tmp_path, caplog):
    from workbook.session.clients_table import responses

    store = ClientStore(tmp_path)
    store.save("cl0", {"hope": {"items": {"hope_1": "3", "hope_6": 4}}}, session="2026-09-01")
    with caplog.at_level("WARNING"):
        table = responses(store)
    assert table["hope_1"].tolist() == [3] and table["hope_6"].tolist() == [4]
    assert ("1 saved answer(s) are text, not numbers: each is read as the answer it names in "
            "the export (check them on the session page): 'cl0' 2026-09-01 hope_1='3'"
            ) in caplog.text
