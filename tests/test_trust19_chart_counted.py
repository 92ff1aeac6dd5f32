"""Round 13b S4: the chart "Planned and held, week by week" counts a talk as the card and
the export do: a later step (thanks sent, told what came of it) stands for the talk held,
from the earliest such step's day."""

import datetime as dt

from workbook.core.conversations import chart, model
from workbook.core.conversations.model import Book, Person

MON_30_NOV = dt.date(2026, 11, 30)
MON_7_DEC = dt.date(2026, 12, 7)


def _book():
    return Book({
        "z": Person("z", "Zed Orr", added="2026-12-01", steps={"thanked": "2026-12-02"}),
        "w": Person("w", "Wes Told", added="2026-12-01", steps={"told": "2026-12-01"}),
        # held on Dec 4 and thanked on Dec 8: one talk, in the week of its earliest day
        "c": Person("c", "Cy Held", added="2026-12-01",
                    steps={"sent": "2026-12-01", "held": "2026-12-04",
                           "thanked": "2026-12-08"}),
        "s": Person("s", "Sue Sent", added="2026-12-01", steps={"sent": "2026-12-02"}),
    })


def test_weekly_counts_talks_counted_with_a_later_step():
    book = _book()
    rows = model.weekly(book, 2, today=MON_7_DEC, weeks=2)
    assert [(m, h) for m, _, h in rows] == [(MON_30_NOV, 3), (MON_7_DEC, 0)]
    # the same as the export's count
    assert book.counts(on=dt.date(2026, 12, 6))["conversations_held"] == 3
    assert book.counts(on=MON_7_DEC)["conversations_held"] == 3


def test_the_chart_words_say_the_talks_held():
    alt = chart.weekly_alt(model.weekly(_book(), 2, today=MON_7_DEC, weeks=2))
    assert "week of 30 Nov: planned 2, held 3" in alt
