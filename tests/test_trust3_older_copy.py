"""Issue 20, session 6 (attacks3 A4): a journal put back to an older copy (a sync tool, a
backup restore) does not undo a later change the snapshot proves."""
import json

import pytest

from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import JOURNAL_FILE, STATE_FILE


def test_an_older_copy_of_the_journal_does_not_undo_a_later_save(tmp_path):
    store = ClientStore(tmp_path)
    for n in range(3):
        store.save("c1", {"hope": {"items": {"hope_1": n + 1}}}, session=f"2026-11-0{n + 1}")
    journal = store.folder("c1") / JOURNAL_FILE
    old = journal.read_bytes()
    store.save("c1", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-03")
    snap = json.loads((store.folder("c1") / STATE_FILE).read_text())
    assert snap["journal_bytes"] == journal.stat().st_size  # the snapshot holds the 4th save
    journal.write_bytes(old)  # the journal goes back to its copy of three saves
    with pytest.warns(StoreWarning) as said:
        again = ClientStore(tmp_path, read_only=True)
        assert again.load("c1", session="2026-11-03") == {"hope": {"items": {"hope_1": 5}}}
        assert again.load("c1", session="2026-11-01") == {"hope": {"items": {"hope_1": 1}}}
    text = " ".join(str(w.message) for w in said)
    assert ("line 3 of the journal, saved before answers.json's last save, was not applied "
            "over what answers.json holds for session 2026-11-03 (hope)") in text


@pytest.mark.parametrize("edit", [('"hope_1":3,', '"hope_1":5,'),      # the same length
                                  ('"hope_1":3,"hope_6":3', '"hope_1":5')])  # shorter
def test_a_line_corrected_by_hand_is_read_whatever_its_length(tmp_path, edit):
    store = ClientStore(tmp_path)
    for n in range(3):
        store.save("c1", {"hope": {"items": {"hope_1": n + 1, "hope_6": 3}}},
                   session=f"2026-11-0{n + 1}")
    journal = store.folder("c1") / JOURNAL_FILE
    lines = journal.read_text().splitlines(keepends=True)
    assert edit[0] in lines[2]
    lines[2] = lines[2].replace(edit[0], edit[1])
    journal.write_text("".join(lines))
    with pytest.warns(StoreWarning) as said:
        got = ClientStore(tmp_path, read_only=True).load("c1", session="2026-11-03")
    assert got["hope"]["items"]["hope_1"] == 5
    assert "not applied" not in " ".join(str(w.message) for w in said)
    assert '"hope_1":3' not in journal.read_text().splitlines()[-1]  # nothing old written back
