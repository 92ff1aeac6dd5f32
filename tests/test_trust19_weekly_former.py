"""Round 13b follow-up: the Conversations page's weekly chart (model.weekly) counted only
the people still on the list. Someone taken off after a talk (in ``former_people``) counts in
Book.counts and the export on the days before they were taken off; the chart counts them
the same way, once per person."""

import datetime as dt

from workbook.core.conversations import model
from workbook.core.conversations.model import Book, FormerPerson

SAT = dt.date(2026, 11, 28)


def book():
    b = Book()
    model.apply(b, model.add_op("A", person_id="a", today=dt.date(2026, 11, 9)))
    model.apply(b, model.step_op(b, "a", "held", dt.date(2026, 11, 18), today=SAT,
                                 confirmed=True))
    b.former_people = [
        # taken off after a talk on the 19th: counted that week
        FormerPerson("b", "B", "2026-11-16", steps={"sent": "2026-11-16",
                                                     "held": "2026-11-19"},
                     removed="2026-11-25"),
        # taken off the day of the talk: never on the list with it held, never counted
        FormerPerson("c", "C", "2026-11-16", steps={"sent": "2026-11-16",
                                                     "held": "2026-11-24"},
                     removed="2026-11-24"),
        # A's earlier copy, talked to on the 10th, taken off on the 12th and listed again:
        # counted once, in the week of the 10th
        FormerPerson("a", "A", "2026-11-09", steps={"sent": "2026-11-09",
                                                     "held": "2026-11-10"},
                     removed="2026-11-12"),
    ]
    return b


def test_the_chart_counts_the_people_taken_off_as_the_counts_do():
    b = book()
    rows = model.weekly(b, 1, today=SAT, weeks=3)
    # week of 9 Nov: A (the 10th); week of 16 Nov: B (A counted already); week of 23 Nov:
    # nobody (C was taken off on the day of the talk)
    assert [(r[0], r[2]) for r in rows] == [(dt.date(2026, 11, 9), 1),
                                            (dt.date(2026, 11, 16), 1),
                                            (dt.date(2026, 11, 23), 0)]
    # as Book.counts (the export) says on a day after each talk and before the removal
    for day, total in ((dt.date(2026, 11, 11), 1), (dt.date(2026, 11, 22), 2)):
        assert b.counts(on=day)["conversations_held"] == total
