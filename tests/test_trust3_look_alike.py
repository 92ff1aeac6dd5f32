"""Issue 20, session 6: the Python API asks about look-alike clients as the start page does."""
import pytest

from workbook.core.exceptions import StoreError
from workbook.session.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

HOPE = {"hope": {"items": {"hope_1": 3}}}


def test_a_full_width_look_alike_is_refused_naming_both(tmp_path):
    store = ClientStore(tmp_path)
    store.save("ann", HOPE, session="2026-12-01")
    with pytest.raises(StoreError) as caught:
        store.save("ａｎｎ", HOPE, session="2026-12-01")
    assert str(caught.value) == (
        "'ａｎｎ' looks like the saved client 'ann' (they differ only in capitals or width), "
        "so no new client was made and nothing was saved: use 'ann' to add to that client's "
        "record, or, when 'ａｎｎ' is someone else, save with new_look_alike=True")
    assert store.clients() == ["ann"]
    with pytest.raises(StoreError, match="'Ann' looks like the saved client 'ann'"):
        store.save("Ann", HOPE, session="2026-12-01")
    with pytest.raises(StoreError, match="looks like the saved client 'ann'"):
        Tracker(store, "ANN").change(model.add_op("Sam", person_id="p1"))
    assert store.clients() == ["ann"]


def test_a_look_alike_made_deliberately_is_a_client_of_its_own(tmp_path):
    store = ClientStore(tmp_path)
    store.save("ann", HOPE, session="2026-12-01")
    store.save("ａｎｎ", HOPE, session="2026-12-02", new_look_alike=True)
    assert store.clients() == ["ann", "ａｎｎ"]
    store.save("ａｎｎ", HOPE, session="2026-12-03")  # saved now: no question again
    assert store.sessions("ａｎｎ") == ["2026-12-02", "2026-12-03"]
    assert store.sessions("ann") == ["2026-12-01"]


def test_the_same_client_typed_another_way_is_still_that_client(tmp_path):
    store = ClientStore(tmp_path)
    store.save("Zoe\u0308", HOPE, session="2026-12-01")
    store.save(" Zo\u00eb ", HOPE, session="2026-12-02")  # NFC and trimmed: the same id
    assert store.clients() == ["Zo\u00eb"]


def test_the_start_page_names_every_folder_left_out(tmp_path):
    import json
    import shutil
    import warnings

    from workbook.session.store.records import ID_FILE, exact_folder_name, folder_name
    from workbook.session.widgets import StartPage

    ClientStore(tmp_path).save("ann", HOPE, session="2026-11-01")
    others = []
    for spelled in ("ann\u200b", " ann"):
        other = tmp_path / exact_folder_name(spelled)
        shutil.copytree(tmp_path / folder_name("ann"), other)
        (other / ID_FILE).write_text(json.dumps({"format": 1, "client_id": spelled}))
        others.append(other)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        store = ClientStore(tmp_path)
        page = StartPage(store, app=True)
    assert len(store.notices) == 2
    shown = " ".join(page.errors)
    for other in others:
        assert f"left out {other}" in shown
