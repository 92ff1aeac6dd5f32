"""A removed session and the other laptop's older save to it, joined by a sync (round 11a M14).

Laptop B saves to a session; laptop A then removes that session (``remove-session``); a
sync tool keeping both files' lines joins B's line after A's removal. B's save is older
than the removal: the session stays removed ("for good"), and the notice says so. A save
made after the removal still makes a new session.
"""

from __future__ import annotations

import shutil
import time
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning


def _laptops(tmp_path, b_saves_first: bool):
    a = ClientStore(tmp_path / "a")
    a.save("c5", {"hope": {"items": {"hope_1": 3}}}, session="2026-10-05")
    a.save("c5", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    b = ClientStore(tmp_path / "b")
    start = len((a.folder("c5") / JOURNAL_FILE).read_bytes())  # what both share
    if b_saves_first:
        b.save("c5", {"energy": {"items": {"energy_1": 5}}}, session="2026-11-02")
        time.sleep(0.01)
        a.remove_session("c5", "2026-11-02")
    else:
        a.remove_session("c5", "2026-11-02")
        time.sleep(0.01)
        b.save("c5", {"energy": {"items": {"energy_1": 5}}}, session="2026-11-02")
    with open(a.folder("c5") / JOURNAL_FILE, "ab") as out:  # the union: A's, then B's
        out.write((b.folder("c5") / JOURNAL_FILE).read_bytes()[start:])
    return tmp_path / "a"


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("c5")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("snapshot", [True, False])
def test_an_older_save_joined_after_the_removal_stays_removed(tmp_path, snapshot):
    root = _laptops(tmp_path, b_saves_first=True)
    if not snapshot:
        (ClientStore(root).folder("c5") / "answers.json").unlink()
    history, said = _read(root)
    assert list(history) == ["2026-10-05"]
    words = [w for w in said if "2026-11-02" in w]
    assert len(words) == 1
    assert "removed" in words[0] and "stays removed" in words[0]
    assert "It was applied in the order of the file" not in words[0]
    assert _read(root) == (history, [])  # said once


def test_a_save_after_the_removal_makes_a_new_session(tmp_path):
    root = _laptops(tmp_path, b_saves_first=False)
    history, said = _read(root)
    assert history["2026-11-02"] == {"energy": {"items": {"energy_1": 5}}}
    assert not any("stays removed" in w for w in said)
