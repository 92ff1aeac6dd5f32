"""The personal report names a chosen slower pace as chosen, and an overdue thanks as
overdue (round 8 G11).

The conversations section said "Your pace is one conversation every 4 weeks: the most that
fits" after the report had said the most that fits is more; its "Coming up" listed a thanks
owed since last week without the word overdue the page and ``workbook followups`` use.
"""

import datetime as dt

from workbook.core.advice import plan_for
from workbook.core.conversations import model
from workbook.core.instrument import load_instrument
from workbook.reports.conversations import conversations_html

INST = load_instrument()
TODAY = dt.date(2026, 12, 7)  # a Monday
ROW = {**{i.id: (2 if i.reverse else 4) for i in INST.items}, "hours_per_week": 4}
TAIL = (" Since your list began in the week of 23 November 2026, you have held 1 "
        "conversation; a week with none is information, not a failure.")


def _book():
    book = model.Book(share_report=True)
    day = dt.date(2026, 11, 23)
    model.apply(book, model.add_op("Ana", org="Library", today=day, person_id="p1"))
    for step in ("sent", "reply", "arranged"):
        model.apply(book, model.step_op(book, "p1", step, day, today=day))
    held = dt.date(2026, 11, 30)  # thanks due the next working day, Tue 1 Dec
    model.apply(book, model.step_op(book, "p1", "held", held, today=held))
    return book


def _section(chosen):
    book = _book()
    plan = plan_for(ROW, chosen_per_week=chosen, book=book, today=TODAY)
    assert plan.pace.cap_per_week == 2.0  # the most that fits: 2 a week
    return conversations_html(book, plan, today=TODAY)


def test_a_slower_pace_chosen_is_named_as_chosen():
    html = _section(0.25)
    assert ("<p>Your pace is one conversation every 4 weeks: the pace you chose, not a "
            "target." + TAIL + "</p>") in html
    assert "the most that fits" not in html


def test_the_most_that_fits_only_when_it_is():
    for chosen in (None, 2.0, 5.0):  # nothing chosen, the most, more than fits (capped)
        html = _section(chosen)
        assert ("<p>Your pace is 2 conversations a week: the most that fits, not a target."
                + TAIL + "</p>") in html


def test_an_overdue_thanks_is_called_overdue_as_on_the_page():
    html = _section(None)
    assert ("<tr><td>Overdue since Tue 1 Dec</td><td>Send thanks for the conversation</td>"
            "<td>one of your contacts</td></tr>") in html
