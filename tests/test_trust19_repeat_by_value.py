"""A journal line added again by a JSON tool that writes 4.0 as 4 (round 13a R11).

jq (and other JSON tools) write a whole float as an integer. Such a line holds the same
JSON numbers as the line it repeats: it is named as a repeat and not applied over the
later save (the client's newer hours a week stay).
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

DAY = dt.date(2026, 11, 2)
ITEMS = {"time_1": 4, "time_2": 2, "time_6": 4, "time_7": 4, "time_5": 2}


def _as_jq(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _as_jq(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_jq(item) for item in value]
    return value


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("C2")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_repeat_with_4_for_4_0_is_not_applied(tmp_path):
    store = ClientStore(tmp_path)
    store.save("C2", {"time": {"items": ITEMS, "tool": {"hours_per_week": 4.0}}}, session=DAY)
    store.save("C2", {"time": {"items": ITEMS, "tool": {"hours_per_week": 8.0}}}, session=DAY,
               base=store.load("C2"))
    journal = store.folder("C2") / JOURNAL_FILE
    first = journal.read_bytes().splitlines()[0]
    assert b'"hours_per_week": 4.0' in first or b'"hours_per_week":4.0' in first
    again = json.dumps(_as_jq(json.loads(first)), separators=(",", ":")).encode()
    assert b'"hours_per_week":4,' in again or b'"hours_per_week":4}' in again
    with open(journal, "ab") as fh:
        fh.write(again + b"\n")
    history, said = _read(tmp_path)
    assert history[str(DAY)]["time"]["tool"]["hours_per_week"] == 8.0
    assert len(said) == 1
    assert "line 3" in said[0] and "repeats line 1 in another form" in said[0]
    assert "not applied" in said[0]


def test_a_line_with_another_number_is_still_applied(tmp_path):
    store = ClientStore(tmp_path)
    store.save("C2", {"time": {"items": ITEMS, "tool": {"hours_per_week": 4.0}}}, session=DAY)
    journal = store.folder("C2") / JOURNAL_FILE
    first = json.loads(journal.read_bytes().splitlines()[0])
    first["answers"]["time"]["tool"]["hours_per_week"] = 4.5  # (a later save, same stamp)
    first["at"] = first["at"].replace("+", "1+", 1) if "." in first["at"] else first["at"]
    with open(journal, "ab") as fh:
        fh.write(json.dumps(first).encode() + b"\n")
    history, _ = _read(tmp_path)
    assert history[str(DAY)]["time"]["tool"]["hours_per_week"] == 4.5
