"""Round 13a R19, R20: a save written back by a repair keeps its original save time.

When journal.jsonl lost the end of its last line (the snapshot still holding the save),
the save was written back with the time of the repair. After a sync with another laptop,
it then counted as a save made after the other laptop's later removal (R19: the removed
session came back) or later change (the older answer, or a shared text the client had
since kept private, won: R20). The line written back now keeps the cut line's ``at``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

DAYS = [dt.date(2026, 10, 5), dt.date(2026, 11, 2), dt.date(2026, 11, 30)]


def _two_laptops(tmp_path):
    """Laptop A and laptop B, each with a copy of client c1's three sessions."""
    store = ClientStore(tmp_path / "a")
    for n, day in enumerate(DAYS):
        store.save("c1", {"hope": {"items": {"hope_1": 5 - n}}}, session=day)
    folder = store.folder("c1")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    return folder, tmp_path / "b" / folder.name


def _quiet_history(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(root).history("c1")
    return history, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _repaired_line(folder, root):
    """Cut A's journal's last 40 bytes, let a reading repair it; its last line after."""
    journal = folder / JOURNAL_FILE
    original = journal.read_bytes().splitlines()[-1]
    journal.write_bytes(journal.read_bytes()[:-40])
    history, said = _quiet_history(root)
    assert any("written back" in s or "recovered" in s for s in said), said
    assert history[str(DAYS[2])]["hope"]["items"] == {"hope_1": 3}
    return json.loads(original), journal.read_bytes().splitlines()[-1]


def test_the_line_written_back_keeps_its_save_time(tmp_path):
    folder, _ = _two_laptops(tmp_path)
    original, back = _repaired_line(folder, tmp_path / "a")
    back = json.loads(back)
    assert back["at"] == original["at"]
    assert back["session"] == original["session"] == str(DAYS[2])
    assert back["answers"] == original["answers"]


def test_a_removal_on_the_other_laptop_stays_after_the_repair_and_a_sync(tmp_path):
    folder_a, folder_b = _two_laptops(tmp_path)
    ClientStore(tmp_path / "b").remove_session("c1", DAYS[2])
    _, back = _repaired_line(folder_a, tmp_path / "a")
    union = folder_b / JOURNAL_FILE  # a sync keeping both files' lines: B's, then A's new
    union.write_bytes(union.read_bytes() + back + b"\n")
    history, said = _quiet_history(tmp_path / "b")
    assert list(history) == [str(DAYS[0]), str(DAYS[1])]
    # A's line is the save B had before the removal (the same line again): named, not applied
    assert any("line 5 of" in s and "not applied" in s for s in said), said


def test_a_later_answer_on_the_other_laptop_is_not_undone(tmp_path):
    folder_a, folder_b = _two_laptops(tmp_path)
    ClientStore(tmp_path / "b").save("c1", {"hope": {"items": {"hope_1": 1}}},
                                     session=DAYS[2])
    _, back = _repaired_line(folder_a, tmp_path / "a")
    union = folder_b / JOURNAL_FILE
    union.write_bytes(union.read_bytes() + back + b"\n")
    history, _ = _quiet_history(tmp_path / "b")
    assert history[str(DAYS[2])]["hope"]["items"] == {"hope_1": 1}
