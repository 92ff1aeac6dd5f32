"""A failed save's message goes once a later save has written everything (round 7, E7)."""

from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.widgets import IngredientSession

INST = load_instrument()
TIME = INST.ingredient("time")
DAY1 = "2026-11-26"


def test_the_failed_save_message_goes_when_the_next_save_works(tmp_path, monkeypatch):
    store = ClientStore(tmp_path / "ws")
    page = IngredientSession(TIME.id, "bo", store, session=DAY1)
    first, second = TIME.item_ids[:2]
    real = store.save

    def broken(*args, **kwargs):
        raise WorkbookError(".lock is a folder")

    monkeypatch.setattr(store, "save", broken)
    page.items[first].value = 4
    assert len(page.errors) == 1 and ".lock is a folder" in page.messages.value
    monkeypatch.setattr(store, "save", real)
    page.items[second].value = 2
    assert page.errors == [] and page.messages.value == ""
    assert page.status.value.startswith("Saved at ")
    saved = store.load("bo")[TIME.id]["items"]
    assert saved == {first: 4, second: 2}  # the failed answer is written by the next save


def test_other_messages_stay_after_a_save(tmp_path):
    store = ClientStore(tmp_path / "ws")
    page = IngredientSession(TIME.id, "bo", store, session=DAY1)
    page.show_message("A notice that is not about saving.")
    page.items[TIME.item_ids[0]].value = 3
    assert page.errors == ["A notice that is not about saving."]
