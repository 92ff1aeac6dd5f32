"""Laptop B's journal put over laptop A's folder (a copy-over sync), round 13a R23 and R14.

Session 10 fixed these for a union of lines; the copy-over path (A's snapshot, B's
journal: a rebuild over the snapshot) is checked here: a text joined from an unticked and a
ticked copy is not shared, and on a session new on both laptops each statement B gave is
B's, A's other answers named.
"""

from __future__ import annotations

import shutil
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.records import TEXT_SEPARATOR

EARLY, DAY = "2026-11-02", "2026-11-30"
HOPE0 = {"items": {"hope_1": 5, "hope_6": 3, "hope_7": 3, "hope_8": 3, "hope_9": 3}}


def _copy_over(tmp_path, a_answers, b_answers, day):
    base = ClientStore(tmp_path / "base")
    base.save("c1", {"hope": HOPE0, "ambition": {"tool": {"north_star": "star base"}}},
              session=EARLY)
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    a, b = ClientStore(tmp_path / "a"), ClientStore(tmp_path / "b")
    a.save("c1", a_answers, session=day, base=a.load("c1"))
    b.save("c1", b_answers, session=day, base=b.load("c1"))
    shutil.copy(b.folder("c1") / JOURNAL_FILE, a.folder("c1") / JOURNAL_FILE)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path / "a").history("c1")
    return history[day], [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_north_star_ticked_on_b_only_is_not_shared_after_a_copy_over(tmp_path):
    session, said = _copy_over(
        tmp_path, {"ambition": {"tool": {"north_star": "ZZPRIVATE from A"}}},
        {"ambition": {"tool": {"north_star": "ZZSHARED from B"}, "share": ["north_star"]}},
        EARLY)
    star = session["ambition"]["tool"]["north_star"]
    assert star == f"ZZPRIVATE from A{TEXT_SEPARATOR}ZZSHARED from B"
    assert "north_star" not in session["ambition"].get("share", [])
    assert any("ticked on one copy only" in w for w in said)


def test_a_new_session_on_both_keeps_b_statements_after_a_copy_over(tmp_path):
    a_items = {"hope_1": 1, "hope_6": 1, "hope_7": 5, "hope_8": 1, "hope_9": 5}
    b_items = {"hope_1": 5, "hope_6": 5, "hope_7": 1, "hope_8": 5, "hope_9": 1}
    session, said = _copy_over(tmp_path, {"hope": {"items": a_items}},
                               {"hope": {"items": b_items}}, DAY)
    assert session["hope"]["items"] == b_items  # hope_1 5 is B's, though equal to carried
    words = [w for w in said if "both changed hope" in w]
    assert len(words) == 1 and "hope_1: 5 kept (the later line), the other copy's 1" in words[0]
