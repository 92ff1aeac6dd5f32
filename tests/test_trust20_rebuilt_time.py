"""Round 14a V1, V2: the saves a rebuild writes back keep their time; after a sync they give way.

Laptop A's journal.jsonl was put back to an older copy (its first lines only) and a reading
rebuilt it, writing back from answers.json the saves the record lacked. Those lines were
stamped with the time of the repair, so after a sync joining laptop B's journal they counted
as saves made after B's later removal of a session (V1: the session came back, unnamed) or
B's later answer (V2: the older answer won, unnamed). A written-back line now carries the
time of the snapshot's last save (never the repair's), and names the record's lines it
restates: when the record holds them all again (the other laptop's copy of them joined by a
sync), it gives way to them, so the union gives what it would give without the repair.
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


def _read(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(root).history("c1")
    return history, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _older_copy_rebuilt(folder, root) -> list:
    """Put A's journal back to its first two lines; a reading rebuilds it. Its new lines."""
    journal = folder / JOURNAL_FILE
    first_two = b"".join(journal.read_bytes().splitlines(keepends=True)[:2])
    journal.write_bytes(first_two)
    history, said = _read(root)
    assert any("written back to the record" in s for s in said), said
    assert history[str(DAYS[2])]["hope"]["items"] == {"hope_1": 3}
    return journal.read_bytes()[len(first_two):].splitlines(keepends=True)


def _at(line: bytes):
    return dt.datetime.fromisoformat(json.loads(line)["at"])


def test_the_save_written_back_is_not_stamped_with_the_repair_time(tmp_path):
    folder_a, _ = _two_laptops(tmp_path)
    saved = _at((folder_a / JOURNAL_FILE).read_bytes().splitlines()[-1])
    later = ClientStore(tmp_path / "x").save  # a save made after A's last one
    later("x", {"hope": {"items": {"hope_1": 1}}}, session=DAYS[0])
    after = _at((ClientStore(tmp_path / "x").folder("x") / JOURNAL_FILE).read_bytes())
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    assert len(new) == 1
    back = json.loads(new[0])
    assert back["session"] == str(DAYS[2])
    # the time of A's last save (as answers.json holds it), not the repair's time
    assert saved <= _at(new[0]) < after


def test_a_removal_on_the_other_laptop_stays_after_the_rebuild_and_a_sync(tmp_path):
    folder_a, folder_b = _two_laptops(tmp_path)
    ClientStore(tmp_path / "b").remove_session("c1", DAYS[2])
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    union = folder_b / JOURNAL_FILE  # a sync keeping both files' lines: B's, then A's new
    union.write_bytes(union.read_bytes() + b"".join(new))
    history, _ = _read(tmp_path / "b")
    assert list(history) == [str(DAYS[0]), str(DAYS[1])]


def test_a_removal_stays_with_the_other_order_and_a_copy_over(tmp_path):
    folder_a, folder_b = _two_laptops(tmp_path)
    ClientStore(tmp_path / "b").remove_session("c1", DAYS[2])
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    b_lines = (folder_b / JOURNAL_FILE).read_bytes().splitlines(keepends=True)
    shutil.copytree(tmp_path / "b", tmp_path / "m")
    union = tmp_path / "m" / folder_b.name / JOURNAL_FILE  # A's new lines first, then B's
    union.write_bytes(b"".join(b_lines[:3] + new + b_lines[3:]))
    history, _ = _read(tmp_path / "m")
    assert list(history) == [str(DAYS[0]), str(DAYS[1])]
    shutil.copy(folder_a / JOURNAL_FILE, folder_b / JOURNAL_FILE)  # A's put over B's
    history, _ = _read(tmp_path / "b")
    assert list(history) == [str(DAYS[0]), str(DAYS[1])]


def test_a_later_answer_on_the_other_laptop_is_not_undone(tmp_path):
    folder_a, folder_b = _two_laptops(tmp_path)
    store_b = ClientStore(tmp_path / "b")
    base = store_b.load("c1", session=DAYS[2])
    store_b.save("c1", {"hope": {"items": {"hope_1": 2}}}, session=DAYS[2],
                 base={"hope": base["hope"]})
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    union = folder_b / JOURNAL_FILE
    union.write_bytes(union.read_bytes() + b"".join(new))
    history, _ = _read(tmp_path / "b")
    assert history[str(DAYS[2])]["hope"]["items"] == {"hope_1": 2}


def test_a_save_only_the_snapshot_held_still_counts_after_a_sync(tmp_path):
    """A's own save the other laptop never had is written back, and kept by the union."""
    folder_a, folder_b = _two_laptops(tmp_path)
    journal = folder_a / JOURNAL_FILE
    kept = journal.read_bytes()
    ClientStore(tmp_path / "a").save("c1", {"energy": {"items": {"energy_1": 4}}},
                                     session=DAYS[1])
    journal.write_bytes(kept)  # the older copy lacks A's last save, which B never had
    _, said = _read(tmp_path / "a")
    assert any("written back to the record" in s for s in said), said
    new = journal.read_bytes()[len(kept):]
    union = folder_b / JOURNAL_FILE
    union.write_bytes(union.read_bytes() + new)
    history, _ = _read(tmp_path / "b")
    assert history[str(DAYS[1])]["energy"]["items"] == {"energy_1": 4}
    assert history[str(DAYS[1])]["hope"]["items"] == {"hope_1": 4}
