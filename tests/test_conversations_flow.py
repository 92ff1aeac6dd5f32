"""Issue 14's "done when", end to end, as a coach would go through it.

In the session app a ready client goes from an empty list to three people with notes sent;
the next day `workbook followups` lists their follow-ups, and `--ics` carries the same dates.
The page's day is Friday 27 November 2026; the kit's cadence: write to someone else at the
same place after 3 working days without a reply, a nudge after 7 (issue 21).
"""

import datetime as dt

import icalendar
import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker
from workbook.session.store import ClientStore
from workbook.session.widgets import ConversationsPage, SessionApp

INST = load_instrument()
FRIDAY, SATURDAY = dt.date(2026, 11, 27), dt.date(2026, 11, 28)
PEOPLE = (("Ana Ruiz", "City Library"), ("Ben Cho", "Parks Dept"), ("Cy <Dee>", "Museum"))


def ready_answers():
    """'Agree' with every statement ('Disagree' with reversed ones): ready; 6 hours a week."""
    out = {ing.id: {"items": {i.id: 2 if i.reverse else 4 for i in ing.items}}
           for ing in INST.ingredients}
    out["time"]["tool"] = {"hours_per_week": 6}
    out["ambition"]["tool"] = {"north_star": "archives", "motivators": ["meaning"]}
    return out


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setattr(ConversationsPage, "today", property(lambda self: FRIDAY))
    store = ClientStore(tmp_path / "ws")
    store.save("client-07", ready_answers(), session="2026-11-27")
    store.set_current("client-07")
    return tmp_path / "ws"


def test_from_an_empty_list_to_three_notes_sent_and_follow_ups_the_next_day(
        workspace, monkeypatch, capsys, tmp_path):
    app = SessionApp(ClientStore(workspace), "client-07")
    app.show("conversations")
    page = app.screen("conversations")
    assert not page.later and page.book.people == {}
    for name, org in PEOPLE:
        page.name.value, page.org.value = name, org
        page.add_button.click()
        page.advance_button.click()  # note drafted
        page.advance_button.click()  # note sent
    book = Tracker(ClientStore(workspace), "client-07").read()
    assert sorted((p.name, p.stage, p.steps["sent"]) for p in book.people.values()) == [
        ("Ana Ruiz", "sent", "2026-11-27"), ("Ben Cho", "sent", "2026-11-27"),
        ("Cy <Dee>", "sent", "2026-11-27")]

    # The next day: sent on Friday 27, another person after 3 working days is Wednesday 2
    # December (Mon 30, Tue 1, Wed 2); a nudge after 7 is Tuesday 8 December (Thu 3, Fri 4,
    # Mon 7, Tue 8), 10 days after Saturday 28: looked at with --days 10.
    monkeypatch.setattr(fu, "_today", lambda: SATURDAY)
    ics = tmp_path / "followups.ics"
    assert main(["followups", "--workspace", str(workspace), "--ics", str(ics),
                 "--days", "10"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "client-07" in line]
    assert len(rows) == 6
    assert [row.split()[0] for row in rows] == ["2026-12-02"] * 3 + ["2026-12-08"] * 3
    for name, org in PEOPLE:
        assert sum(name in row for row in rows) == 2
        assert any("someone else" in row and org in row for row in rows)
    assert all("someone else" in row for row in rows[:3])
    assert all("nudge" in row for row in rows[3:])

    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    days = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert days == [dt.date(2026, 12, 2)] * 3 + [dt.date(2026, 12, 8)] * 3
