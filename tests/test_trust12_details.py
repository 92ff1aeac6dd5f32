"""Issue 20, round 7 E12: a stale "Change details" form wiped what another page saved.

Two Conversations pages (two tabs) on one client, Kofi's card open on both, "Change details"
open on both. The first saves a why; the second, filled before, changes only how they were
found. Its save used to write every field as the form was filled.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_forms(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    kofi = first.add_person("Kofi Mensah", org="Open Kitchen", found="FOUND-FROM-B",
                            priority=2)
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(kofi)
    for page in (first, second):
        page.details_toggle.value = True
    return first, second, kofi


def on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid]


def test_a_stale_form_saves_only_what_was_changed_in_it(store):
    first, second, kofi = two_forms(store)
    first.edit_why.value = "WHY-FROM-A"
    first.edit_name.value = "Kofi A. Mensah"
    first.edit_priority.value = 1
    first.details_save.click()
    second.edit_found.value = "FOUND-FROM-B2"  # the only change made in the second form
    second.details_save.click()
    got = on_disk(store, kofi)
    assert (got.name, got.org, got.found, got.why, got.priority) == (
        "Kofi A. Mensah", "Open Kitchen", "FOUND-FROM-B2", "WHY-FROM-A", 1)


def test_a_stale_form_keeps_the_place_another_page_moved_them_to(store):
    first, second, kofi = two_forms(store)
    first.edit_org.value = "City Archives"
    first.details_save.click()
    second.edit_why.value = "runs the volunteers"
    second.details_save.click()
    got = on_disk(store, kofi)
    assert (got.org, got.why) == ("City Archives", "runs the volunteers")


def test_a_form_saved_unchanged_writes_nothing(store):
    first, second, kofi = two_forms(store)
    first.edit_found.value = "at the fair"
    first.details_save.click()
    second.details_save.click()  # nothing changed in it
    assert on_disk(store, kofi).found == "at the fair"
    assert second.details_box.layout.display == "none"  # closed, as after a save
