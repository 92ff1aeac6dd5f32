"""Round 14a V19: a text the client unticked on one laptop stays out after the other's rebuild.

The client's north star was saved ticked for the report; laptop B's page then unticked it.
Laptop A's journal.jsonl was put back to an older copy (before the north star's save) and a
reading rebuilt it, writing the save back from answers.json stamped with the repair's time;
after a sync joining B's journal it counted as the later save, and the north star was shared
again (the export, the personal report) with no word. The line written back now gives way
to B's copy of the save it restates, so B's untick decides.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore

DAYS = [dt.date(2026, 10, 5), dt.date(2026, 11, 2), dt.date(2026, 11, 30)]


def _load(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ClientStore(root).load("c1", session=DAYS[2])


def test_an_untick_on_the_other_laptop_stays_after_a_rebuild_and_a_sync(tmp_path):
    store = ClientStore(tmp_path / "a")
    for n, day in enumerate(DAYS):
        store.save("c1", {"ambition": {"items": {"ambition_1": 5 - n}}}, session=day)
    journal = store.folder("c1") / JOURNAL_FILE
    older = journal.read_bytes()
    base = store.load("c1", session=DAYS[2])
    star = copy.deepcopy(base["ambition"])
    star["tool"] = {"north_star": "my direction"}
    star["share"] = ["north_star"]
    store.save("c1", {"ambition": star}, session=DAYS[2], base={"ambition": base["ambition"]})
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    store_b = ClientStore(tmp_path / "b")
    shown = store_b.load("c1", session=DAYS[2])
    kept = {**copy.deepcopy(shown["ambition"]), "share": []}
    store_b.save("c1", {"ambition": kept}, session=DAYS[2],
                 base={"ambition": shown["ambition"]})
    assert _load(tmp_path / "b")["ambition"]["share"] == []
    journal.write_bytes(older)  # A: an older copy put back; a reading rebuilds it
    assert _load(tmp_path / "a")["ambition"]["share"] == ["north_star"]
    new = journal.read_bytes()[len(older):]
    assert new
    union = tmp_path / "b" / journal.parent.name / JOURNAL_FILE  # B's lines, then A's new
    union.write_bytes(union.read_bytes() + new)
    assert _load(tmp_path / "b")["ambition"]["share"] == []
