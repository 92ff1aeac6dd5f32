"""Issue 20, session 6 (attacks3 A3 gap): the copies a file manager, an editor or a merge tool
makes of a record ("Copy of journal.jsonl", "journal.jsonl.bak") are named, as a sync
tool's conflicted copy is."""
import shutil
import warnings

import pytest

from workbook.session.store import ClientStore, StoreWarning

HOPE = {"hope": {"items": {"hope_1": 3}}}


@pytest.mark.parametrize("name", ["Copy of journal.jsonl", "Copy (2) of journal.jsonl",
                                  "journal.jsonl.bak", "journal.jsonl.orig", "journal.jsonl~",
                                  "Copy of conversations.jsonl", "answers.json.bak"])
def test_a_copy_a_file_manager_or_an_editor_makes_is_named(tmp_path, name):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", HOPE, session="2026-11-01")
    folder = store.folder("Ann")
    source = "answers.json" if name.startswith("answers") else "journal.jsonl"
    shutil.copy(folder / source, folder / name)
    with pytest.warns(StoreWarning) as said:
        assert ClientStore(tmp_path / "ws").sessions("Ann") == ["2026-11-01"]
    assert [str(w.message) for w in said] == [
        f"{folder / name} looks like a copy of client 'Ann''s record (a sync tool's conflicted "
        "copy?): nothing in it is read, so a change only it holds is on no page and in no "
        "export or report; merge what you need by hand and move it out of the folder"]


def test_the_kits_own_files_and_other_files_are_not_copies(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", HOPE, session="2026-11-01")
    folder = store.folder("Ann")
    for name in ("journal.jsonl.utf16-20261207T000000", "journal.jsonl.utf32-20261207T000000",
                 "notes about a copy of journal.txt", "Copy of notes.txt"):
        (folder / name).write_text("{}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ClientStore(tmp_path / "ws").sessions("Ann") == ["2026-11-01"]
