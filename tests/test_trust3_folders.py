"""Issue 20, session 6 (attacks3 A3, A7): a copy of a record beside it in a client's folder,
and a client's folder renamed by hand, are named by the store the pages and commands use."""
import shutil
import warnings

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import folder_name

HOPE = {"hope": {"items": {"hope_1": 3}}}


def test_a_conflicted_copy_of_a_record_file_is_named(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", HOPE, session="2026-11-01")
    folder = store.folder("Ann")
    copy = folder / "journal (Ann's conflicted copy 2026-12-07).jsonl"
    shutil.copy(folder / "journal.jsonl", copy)
    shutil.copy(folder / "answers.json", folder / "answers (conflicted copy).json")
    with pytest.warns(StoreWarning) as said:
        assert ClientStore(tmp_path / "ws").sessions("Ann") == ["2026-11-01"]
    texts = [str(w.message) for w in said]
    assert texts[1] == (
        f"{copy} looks like a copy of client 'Ann''s record (a sync tool's conflicted copy?): "
        "nothing in it is read, so a change only it holds is on no page and in no export or "
        "report; merge what you need by hand and move it out of the folder")
    assert len(texts) == 2 and texts[0].startswith(f"{folder / 'answers (conflicted copy).json'} ")
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"),
                 "--out", str(tmp_path / "x.csv")]) == 0
    assert f"workbook: warning: {copy} looks like a copy" in capsys.readouterr().err


def test_kit_files_beside_the_record_are_not_copies(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", HOPE, session="2026-11-01")
    folder = store.folder("Ann")
    (folder / "journal.jsonl.torn-20261207T000000").write_bytes(b"{")
    (folder / "answers.json.unmatched-20261207T000000").write_text("{}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ClientStore(tmp_path / "ws").sessions("Ann") == ["2026-11-01"]


def test_a_client_folder_renamed_by_hand_is_named_when_the_workspace_opens(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c1", HOPE, session="2026-11-01")
    renamed = tmp_path / "c1 backup"
    (tmp_path / folder_name("c1")).rename(renamed)
    with pytest.warns(StoreWarning) as said:
        again = ClientStore(tmp_path)
    assert again.notice == (
        f"left out {renamed}: it holds the records of client 'c1' but is not that client's "
        f"folder, and there is no folder {folder_name('c1')}: rename it {folder_name('c1')} to "
        "have it read")
    assert [str(w.message) for w in said] == [again.notice]


def test_a_client_json_naming_the_client_decomposed_still_opens_the_client(tmp_path, capsys):
    import json
    import unicodedata

    from workbook.session.store.records import ID_FILE

    store = ClientStore(tmp_path / "ws")
    store.save("Zo\u00eb K", HOPE, session="2026-11-01")
    folder = store.folder("Zo\u00eb K")
    (folder / ID_FILE).write_text(json.dumps({"format": 1, "client_id": "Zoe\u0308 K"}))
    again = ClientStore(tmp_path / "ws", read_only=True)
    assert again.sessions("Zo\u00eb K") == ["2026-11-01"]
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"),
                 "--out", str(tmp_path / "x.csv")]) == 0
    assert "another client" not in capsys.readouterr().err
    rows = (tmp_path / "x.csv").read_text(encoding="utf-8").splitlines()[1:]
    # the id as its client.json gives it; the reader reads it composed (one participant)
    assert len(rows) == 1 and unicodedata.normalize("NFC", rows[0]).startswith(
        "Zo\u00eb K,,2026-11-01,")
