"""Round 10b L11: model.step_op no longer records an odd day without a word.

A step dated 1999 and a new day for a step already recorded were written as given (the
page asks about such days since round 8; a script did not). Now each is refused in words
unless confirmed (``confirmed=True``, what the page's "Yes, record that day" gives).
"""

import datetime as dt

import pytest

from workbook.core.conversations import model

D = dt.date
TODAY = D(2026, 12, 7)


def book():
    out = model.Book()
    model.apply(out, model.add_op("Ed Fox", person_id="ed", today=D(2026, 11, 2), now=TODAY))
    model.apply(out, model.step_op(out, "ed", "sent", D(2026, 11, 3), today=TODAY))
    return out


def test_a_day_before_2000_is_refused_unless_confirmed():
    with pytest.raises(model.ConversationError, match="Reply came on .*1999: that is "
                                                      "before 2000; check the year"):
        model.step_op(book(), "ed", "reply", D(1999, 1, 1), today=TODAY)
    op = model.step_op(book(), "ed", "reply", D(1999, 1, 1), today=TODAY, confirmed=True)
    assert op["date"] == "1999-01-01"


def test_a_step_recorded_already_is_not_re_dated_without_a_word():
    with pytest.raises(model.ConversationError, match="Ed Fox: note sent is recorded "
                                                      "already, on Tue 3 Nov"):
        model.step_op(book(), "ed", "sent", D(2026, 11, 5), today=TODAY)
    assert model.step_op(book(), "ed", "sent", D(2026, 11, 3), today=TODAY)["date"] == \
        "2026-11-03"  # the same day again: nothing changes, nothing to ask
    assert model.step_op(book(), "ed", "sent", D(2026, 11, 5), today=TODAY,
                         confirmed=True)["date"] == "2026-11-05"
    with pytest.raises(model.ConversationError, match="still to come"):
        model.step_op(book(), "ed", "reply", D(2026, 12, 8), today=TODAY, confirmed=True)
