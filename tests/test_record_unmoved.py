"""A folder that could not be moved to its client's folder is named by the store the pages
use, not only by the commands (attacks2 N9, issue 20)."""

import json
import shutil
import warnings

import pytest

from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import ID_FILE, exact_folder_name, folder_name


def test_a_folder_spelled_another_way_beside_the_client_is_named_at_open(tmp_path):
    ClientStore(tmp_path).save("ann", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-01")
    other = tmp_path / exact_folder_name("ann\u200b")
    shutil.copytree(tmp_path / folder_name("ann"), other)
    (other / ID_FILE).write_text(json.dumps({"format": 1, "client_id": "ann\u200b"}))
    with pytest.warns(StoreWarning) as caught:
        st = ClientStore(tmp_path)
    assert st.notice == (
        f"left out {other}: it was made for 'ann\\u200b' spelled another way (a decomposed "
        "letter, an invisible character or spaces around it), and that client has the "
        f"folder {folder_name('ann')} already; move what you need there by hand")
    assert [str(w.message) for w in caught] == [st.notice]
    assert other.exists()  # nothing was moved or removed


def test_an_earlier_version_folder_beside_the_client_is_named_at_open(tmp_path):
    ClientStore(tmp_path).save("OLD", {"hope": {"items": {"hope_1": 5}}}, session="2026-12-05")
    old = tmp_path / "OLD"
    old.mkdir()
    (old / "journal.jsonl").write_text(json.dumps(
        {"at": "2026-11-01T10:00:00", "session": "2026-11-01", "client_id": "OLD",
         "answers": {"hope": {"items": {"hope_1": 1}}}}) + "\n")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
    assert st.notice == (
        f"left out {old}: a folder of an earlier version of the kit, holding the answers of "
        f"'OLD', not read: 'OLD' has the folder {folder_name('OLD')} already; move what you "
        "need there by hand")


def test_a_workspace_with_nothing_left_out_says_nothing(tmp_path):
    ClientStore(tmp_path).save("ann", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-01")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ClientStore(tmp_path).notice is None


def test_the_start_page_names_a_folder_left_out(tmp_path):
    """The coach works on the start page and may never run a command: it says it too."""
    from workbook.session.widgets import StartPage

    ClientStore(tmp_path).save("ann", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-01")
    other = tmp_path / exact_folder_name("ann\u200b")
    shutil.copytree(tmp_path / folder_name("ann"), other)
    (other / ID_FILE).write_text(json.dumps({"format": 1, "client_id": "ann\u200b"}))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        page = StartPage(ClientStore(tmp_path), app=True)
    assert any(f"left out {other}" in m and "move what you need there by hand" in m
               for m in page.errors)
