"""Round 10a K1: Undo after "On an earlier day" left the earlier listing day.

Eli Moss added at Quay Museum on Mon 7 Dec; "note drafted" recorded on Thu 12 Nov moves
his listing back to 12 Nov (a step is never before the listing). Undo took the step back
but left him, and so the museum, listed on 12 Nov: the session of 20 Nov counted both.
Undo now moves the listed day forward again, to the day he was added.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)
NOV20 = dt.date(2026, 11, 20)


def test_undo_of_an_earlier_day_takes_the_listing_day_back_with_it(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    eli = page.add_person("Eli Moss", org="Quay Museum")
    page.record_step("drafted", dt.date(2026, 11, 12), sure=True)
    book = Tracker(store, "ann").read()
    assert book.people[eli].added == "2026-11-12"  # moved back, as the README says
    assert book.counts(NOV20)["people_listed"] == 1
    page.undo_button.click()
    book = Tracker(store, "ann").read()
    assert book.people[eli].added == "2026-12-07"
    assert book.people[eli].steps == {"noted": "2026-12-07"}
    counts = book.counts(NOV20)
    assert (counts["people_listed"], counts["places_listed"],
            counts["places_with_contact"]) == (0, 0, 0)
    assert book.counts(MONDAY)["people_listed"] == 1


def test_undo_keeps_a_listing_day_another_earlier_step_still_needs(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    eli = page.add_person("Eli Moss", org="Quay Museum")
    page.record_step("drafted", dt.date(2026, 11, 12), sure=True)
    page.record_step("sent", dt.date(2026, 11, 12), sure=True)
    page.undo_button.click()  # "note sent" back: "note drafted" on 12 Nov stays
    book = Tracker(store, "ann").read()
    assert book.people[eli].added == "2026-11-12"
    assert book.people[eli].steps == {"noted": "2026-11-12", "drafted": "2026-11-12"}
