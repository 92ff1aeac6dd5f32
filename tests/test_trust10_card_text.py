"""Issue 20, round 6 D1 (rest): a card's texts changed on two pages of one client.

Two Conversations pages (two tabs) on the same client, each with Ben's card open. The later
save used to win: the notes of the talk written on the first page were gone.
"""

import datetime as dt

from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_pages_on_ben(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    ben = first.add_person("Ben", org="Open Kitchen")
    first.learned.value = "LEARNEDX archives need volunteers"
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(ben)
    assert second.learned.value == "LEARNEDX archives need volunteers"
    return first, second, ben


def on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid]


def test_what_you_learned_changed_on_two_pages_keeps_both(store):
    first, second, ben = two_pages_on_ben(store)
    first.learned.value = "TAB1 full notes of the talk: three leads, two books"
    # the second page still shows the old text; the coach adds to it
    second.learned.value = "LEARNEDX archives need volunteers +tab2"
    want = ("TAB1 full notes of the talk: three leads, two books" + TEXT_SEPARATOR
            + "LEARNEDX archives need volunteers +tab2")
    assert on_disk(store, ben).learned == want
    assert second.learned.value == want  # the page shows what was kept
    # the first page, changed again over the merged text it has not shown yet: kept too
    first.learned.value = "TAB1 full notes, corrected"
    assert on_disk(store, ben).learned == want + TEXT_SEPARATOR + "TAB1 full notes, corrected"


def test_the_note_changed_on_two_pages_keeps_both(store):
    first, second, ben = two_pages_on_ben(store)
    first.note.value = "Dear Ben, first draft"
    second.note.value = "Dear Ben, second draft"
    assert on_disk(store, ben).note == ("Dear Ben, first draft" + TEXT_SEPARATOR
                                        + "Dear Ben, second draft")


def test_who_they_suggested_on_two_pages_keeps_every_name_one_a_line(store):
    first, second, ben = two_pages_on_ben(store)
    first.suggested.value = "Jo Bell\nKim Key"
    second.suggested.value = "Ana Ruiz"
    # names one a line (the "Add them" button reads each line as a name): no separator line
    assert on_disk(store, ben).suggested == "Jo Bell\nKim Key\nAna Ruiz"


def test_a_change_only_this_page_made_is_taken_as_it_is(store):
    first, second, ben = two_pages_on_ben(store)
    second.learned.value = "LEARNEDX, rewritten"  # the other page changed nothing
    assert on_disk(store, ben).learned == "LEARNEDX, rewritten"
    first.learned.value = ""  # emptied on a page that showed the latest text: emptied
    assert on_disk(store, ben).learned == ""


def test_a_page_that_saved_something_else_meanwhile_still_merges(store):
    # the second page re-reads the list for another change (sharing), without redrawing
    # Ben's card: its base is still what the card showed
    first, second, ben = two_pages_on_ben(store)
    first.learned.value = "TAB1 notes"
    second.set_share(True, False)
    second.learned.value = "LEARNEDX archives need volunteers +tab2"
    assert on_disk(store, ben).learned == ("TAB1 notes" + TEXT_SEPARATOR
                                           + "LEARNEDX archives need volunteers +tab2")


def test_why_changed_in_change_details_on_two_pages_keeps_both(store):
    first, second, ben = two_pages_on_ben(store)
    for page in (first, second):
        page.details_toggle.value = True  # "Change details" open on both pages
    first.edit_why.value = "knows the archive"
    first.details_save.click()
    second.edit_why.value = "runs the volunteers"
    second.details_save.click()
    assert on_disk(store, ben).why == "knows the archive" + TEXT_SEPARATOR + "runs the volunteers"
    # the second page saved its name and place as it showed them: the why of the first kept
    first.details_toggle.value = True
    first.edit_name.value = "Ben Ode"
    first.details_save.click()
    got = on_disk(store, ben)
    assert got.name == "Ben Ode"
    assert got.why == "knows the archive" + TEXT_SEPARATOR + "runs the volunteers"
