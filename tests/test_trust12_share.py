"""Issue 20, round 7 E13: a stale page's "Include the names" untick turned sharing back on.

Two Conversations pages (two tabs) on one client. The client unticks "Put my conversations
in my report" on the first; the second, drawn before, still shows both ticked. Unticking
"Include the names" there used to write the stale ``report: true`` as well.
"""

import datetime as dt

import pytest

from tests.test_conversations_page import answers
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def store(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", answers(), session="2026-11-20")
    first = ConversationsPage(store, "ann", today=MONDAY)
    first.add_person("Ben", org="Open Kitchen")
    first.set_share(True, True)
    return store


def on_disk(store):
    book = Tracker(store, "ann").read()
    return book.share_report, book.share_names


def test_names_unticked_on_a_stale_page_never_turns_sharing_back_on(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    second = ConversationsPage(store, "ann", today=MONDAY)
    assert (second.share_report.value, second.share_names.value) == (True, True)
    first.share_report.value = False  # the client says no in the first tab
    assert on_disk(store) == (False, False)
    second.share_names.value = False  # the second tab still shows both ticked
    assert on_disk(store) == (False, False)  # the client's "no" stands
    # the second page now shows what is kept, and says it changed elsewhere
    assert (second.share_report.value, second.share_names.value) == (False, False)
    assert second.share_names.disabled
    assert any("another window" in m for m in second.errors)


def test_report_ticked_on_one_page_and_names_on_a_stale_one_keeps_both(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    first.share_names.value = False
    assert on_disk(store) == (True, False)
    second = ConversationsPage(store, "ann", today=MONDAY)
    third = ConversationsPage(store, "ann", today=MONDAY)
    second.share_report.value = False
    assert on_disk(store) == (False, False)
    second.share_report.value = True  # ticked again: names stay as they were (off)
    assert on_disk(store) == (True, False)
    third.share_names.value = True  # the third showed report ticked, names not: names on
    assert on_disk(store) == (True, True)


def test_a_change_on_an_up_to_date_page_is_saved_as_it_is(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    page.share_names.value = False
    assert on_disk(store) == (True, False)
    page.share_report.value = False
    assert on_disk(store) == (False, False)
    page.share_report.value = True
    assert on_disk(store) == (True, False)
    assert not page.errors


def test_set_share_records_both_values_as_given(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    second = ConversationsPage(store, "ann", today=MONDAY)
    first.set_share(False, False)
    second.set_share(True, False)  # the plain function says both: both are recorded
    assert on_disk(store) == (True, False)
