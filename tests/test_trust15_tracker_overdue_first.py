"""Round 10b L10: "Coming up" lists the overdue first, on the page and in the report.

A talk agreed on Thu 19 Nov with no day set (never overdue) was listed above a nudge
overdue since Thu 26 Nov, though the README says "overdue first".
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.core.conversations.words import Words
from workbook.reports.conversations import conversations_html

D = dt.date
TODAY = D(2026, 12, 7)


def book():
    out = model.Book(share_report=True, share_names=True)
    model.apply(out, model.add_op("Ana Ruiz", person_id="ana", today=D(2026, 11, 10),
                                  now=D(2026, 11, 10)))
    for step, day in (("sent", 11), ("reply", 15), ("arranged", 19)):
        model.apply(out, model.step_op(out, "ana", step, D(2026, 11, day),
                                       today=D(2026, 11, day)))
    model.apply(out, model.add_op("Ed Fox", person_id="ed", today=D(2026, 11, 18),
                                  now=D(2026, 11, 18)))
    model.apply(out, model.step_op(out, "ed", "sent", D(2026, 11, 19), today=D(2026, 11, 19)))
    return out


def test_the_overdue_nudge_comes_before_a_talk_with_no_day():
    items = model.due(book(), Words().cadence, until=TODAY + dt.timedelta(days=7))
    assert [(d.name, d.overdue(TODAY)) for d in items] == [("Ana Ruiz", False),
                                                           ("Ed Fox", True)]
    ordered = model.overdue_first(items, TODAY)
    assert [d.name for d in ordered] == ["Ed Fox", "Ana Ruiz"]
    html = conversations_html(book(), None, today=TODAY)
    assert html.index("Ed Fox") < html.index("Ana Ruiz")
