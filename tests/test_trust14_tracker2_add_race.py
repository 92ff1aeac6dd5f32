"""Issue 20, round 8: two tabs adding the same person in the same instant both landed.

The Add form's "already on your list at that place" check reads the list, then saves: two
tabs adding "Lena Ortiz" at "City Library" at once each read a list without her, and both
adds were written, so she was listed twice. The tracker now refuses, under the folder's
lock and against the list on disk, an add of someone listed at that place (as it refuses a
rename onto them), with the Add form's words.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.core.instrument_file import default_raw
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

MONDAY = dt.date(2026, 12, 7)


def test_the_second_of_two_adds_made_at_once_is_refused(tmp_path):
    store = ClientStore(tmp_path)
    one, two = Tracker(store, "kim"), Tracker(store, "kim")
    shown = two.read()  # both tabs drew the list before either added her
    first = model.add_op("Lena Ortiz", org="City Library", person_id="l1",
                         book=one.read(), today=MONDAY, now=MONDAY)
    second = model.add_op("lena  ORTIZ", org="city library", person_id="l2", book=shown,
                          today=MONDAY, now=MONDAY)
    one.change(first)
    with pytest.raises(model.OnListError) as caught:
        two.change(second)
    assert caught.value.person.id == "l1"
    assert caught.value.key == "add_on_list"
    assert str(caught.value) == default_raw()["conversations"]["add_on_list"]
    book = Tracker(store, "kim").read()
    assert sorted(book.people) == ["l1"]
    assert book.counts()["people_listed"] == 1
    assert (store.client_folder("kim") / "conversations.jsonl").read_text().count(
        '"op":"add"') == 1


def test_the_same_name_elsewhere_is_still_added(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "kim")
    tracker.change(model.add_op("Lena Ortiz", org="City Library", person_id="l1",
                                today=MONDAY, now=MONDAY))
    tracker.change(model.add_op("Lena Ortiz", org="Harbour Trust", person_id="l2",
                                today=MONDAY, now=MONDAY))
    tracker.change(model.add_op("Lena Ortiz", person_id="l3", today=MONDAY, now=MONDAY))
    assert sorted(tracker.read().people) == ["l1", "l2", "l3"]
