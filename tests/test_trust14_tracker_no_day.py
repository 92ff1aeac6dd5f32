"""Issue 20, round 8 F3: `followups` called a talk agreed with no day set "overdue".

A talk agreed on Thu 12 Nov with no day set was listed as ``2026-11-12  overdue`` and counted
in "(N overdue)", for a client at "not now" too; the calendar put "Overdue since Thu 12 Nov."
under it, while a talk whose day had passed was only "past". Nothing with no day is overdue:
it has its own tag ("no day"), is not counted, and the calendar says when it was agreed.
"""

import datetime as dt

import icalendar

from tests.test_trust11_followups import answers
from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

D = dt.date
TODAY = D(2026, 12, 7)


def agreed(store, client, pid, meeting=""):
    tracker = Tracker(store, client)
    book = tracker.change(model.add_op("Booked", org="O", person_id=pid,
                                       today=D(2026, 11, 10), now=TODAY))
    book = tracker.change(model.step_op(book, pid, "arranged", D(2026, 11, 12),
                                        today=D(2026, 11, 12)))
    if meeting:
        tracker.change(model.edit_op(book, pid, meeting=meeting))


def workspace(tmp_path, hours=4):
    store = ClientStore(tmp_path / "w18")
    store.save("nn", answers(low=("energy",)), session="2026-11-01")  # not now
    store.save("rd", answers(), session="2026-11-01")  # ready
    agreed(store, "nn", "bk")
    agreed(store, "rd", "bk")
    return store


def test_no_day_set_is_not_overdue_nor_counted(tmp_path, monkeypatch, capsys):
    store = workspace(tmp_path)
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(store.root), "--ics", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  2026-11-12  no day   nn  Booked, O: talk agreed, no day set yet" in out
    assert "  2026-11-12  no day   rd  Booked, O: talk agreed, no day set yet" in out
    assert not any("overdue  " in line for line in out)
    assert [line for line in out if "(0 overdue)" in line], out
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    said = [str(ev["description"]).splitlines() for ev in cal.walk("VEVENT")]
    assert len(said) == 2
    for lines in said:
        assert lines[:2] == ["Talk agreed, no day set yet",
                             "Agreed on Thu 12 Nov: ask them for a day."]
        assert not any("Overdue" in line for line in lines)


def test_a_day_set_and_gone_by_is_past_and_a_late_thanks_is_overdue(tmp_path):
    store = ClientStore(tmp_path / "w")
    store.save("rd", answers(), session="2026-11-01")
    agreed(store, "rd", "bk", meeting="2026-12-01")
    tracker = Tracker(store, "rd")
    book = tracker.change(model.add_op("Held", person_id="h", today=D(2026, 11, 20),
                                       now=TODAY))
    tracker.change(model.step_op(book, "h", "held", D(2026, 11, 30), today=TODAY))
    found = fu.followups(store.root, today=TODAY)
    out = fu.lines(found)
    assert "  2026-12-01  past     rd  Booked, O: the day of the conversation" in out
    # thanks 1 working day after Mon 30 Nov: Tue 1 Dec, overdue
    assert "  2026-12-01  overdue  rd  Held: send thanks for the conversation" in out
    assert "(1 overdue)" in out[-1]


def test_the_model_says_which_follow_ups_can_be_overdue():
    book = model.Book()
    model.apply(book, model.add_op("Bo", person_id="b", today=D(2026, 11, 10), now=TODAY))
    model.apply(book, model.step_op(book, "b", "arranged", D(2026, 11, 12), today=TODAY))
    (item,) = model.due(book, model.Cadence())
    assert (item.kind, item.date) == ("day", D(2026, 11, 12))
    assert item.overdue(TODAY) is False


def test_coming_up_on_the_page_does_not_call_it_overdue(tmp_path):
    from workbook.session.widgets import ConversationsPage

    store = workspace(tmp_path)
    for client in ("rd", "nn"):
        page = ConversationsPage(store, client, today=TODAY)
        assert "talk agreed, no day set yet" in page.due_box.value
        assert "overdue" not in page.due_box.value
        assert "wb-overdue" not in page.due_box.value


def test_the_card_does_not_call_it_overdue(tmp_path):
    from workbook.session.widgets import ConversationsPage

    store = workspace(tmp_path)
    page = ConversationsPage(store, "rd", today=TODAY)
    page.choose("bk")
    assert "talk agreed, no day set yet" in page.followups.value
    assert "overdue" not in page.followups.value
    assert "Thu 12 Nov" in page.followups.value
