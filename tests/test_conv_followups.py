"""`workbook followups` and its calendar with places and the new rhythm (issue 21).

Hand-computed dates with the kit's cadence, in working days (Monday to Friday) counted from
the step's own day: write to someone else at the same place 3 after the note, nudge 7
after it, let go 7 after the nudge was sent, thanks 1 after the talk, tell them what came
of it 20 after the thanks. "Today" is Wednesday 2 December 2026; the list looks 7 days
ahead, to Wednesday 9 December.

ann (ready):
- Ines Duarte at Open Kitchen, note sent Mon 16 Nov: someone else at the place on Thu 19
  Nov (Tue 17, Wed 18, Thu 19), the nudge on Wed 25 Nov (... Fri 20, Mon 23, Tue 24, Wed
  25): both overdue.
- Ravi, no place, note sent Fri 27 Nov: no "someone else" (no place); the nudge on Tue 8
  Dec (Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Mon 7, Tue 8).
- Lena Berg at Parks, note sent Mon 26 Oct, someone else tried and the nudge sent on Wed 4
  Nov: let her go on Fri 13 Nov (Thu 5, Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13).
- Tom Ng at Museum, talk Mon 2 Nov, thanks Tue 3 Nov: tell him what came of it on Tue 1 Dec
  (Nov 4-6: 3, 9-13: 8, 16-20: 13, 23-27: 18, Mon 30: 19, Tue 1 Dec: 20).
"""

import datetime as dt
import os

import icalendar
import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

INST = load_instrument()
WORDS = Words(INST)
TODAY = dt.date(2026, 12, 2)  # a Wednesday
D = dt.date


def answers(low=()):
    out = {}
    for ing in INST.ingredients:
        keyed = 2 if ing.id in low else 4
        out[ing.id] = {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}}
    out["time"]["tool"] = {"hours_per_week": 3}
    return out


def make(root):
    store = ClientStore(root)
    store.save("ann", answers(), session="2026-10-20")
    ann = Tracker(store, "ann")
    b = ann.change(model.add_op("Ines Duarte", org="Open Kitchen", today=D(2026, 11, 16),
                                person_id="ines"))
    b = ann.change(model.step_op(b, "ines", "sent", D(2026, 11, 16), today=TODAY))
    b = ann.change(model.add_op("Ravi", today=D(2026, 11, 27), person_id="ravi"))
    b = ann.change(model.step_op(b, "ravi", "sent", D(2026, 11, 27), today=TODAY))
    b = ann.change(model.add_op("Lena Berg", org="Parks", today=D(2026, 10, 26),
                                person_id="lena"))
    b = ann.change(model.step_op(b, "lena", "sent", D(2026, 10, 26), today=TODAY))
    b = ann.change(model.followed_op(b, "lena", "another", today=D(2026, 11, 4)))
    b = ann.change(model.followed_op(b, "lena", "nudge", today=D(2026, 11, 4)))
    b = ann.change(model.add_op("Tom Ng", org="Museum", today=D(2026, 10, 20),
                                person_id="tom"))
    b = ann.change(model.step_op(b, "tom", "held", D(2026, 11, 2), today=TODAY))
    ann.change(model.step_op(b, "tom", "thanked", D(2026, 11, 3), today=TODAY))
    return store


#: (date, kind, person, place), oldest first.
ANN = [
    (D(2026, 11, 13), "let_go", "Lena Berg", "Parks"),
    (D(2026, 11, 19), "another", "Ines Duarte", "Open Kitchen"),
    (D(2026, 11, 25), "nudge", "Ines Duarte", "Open Kitchen"),
    (D(2026, 12, 1), "tell", "Tom Ng", "Museum"),
    (D(2026, 12, 8), "nudge", "Ravi", ""),
]


@pytest.fixture
def ws(tmp_path):
    make(tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    return TODAY


def test_each_follow_up_knows_the_person_and_the_place_apart(ws):
    found = fu.followups(ws, today=TODAY)
    assert [(f.due.date, f.due.kind, f.due.name, f.due.place) for f in found.items] == ANN


def test_the_list_says_the_place_plainly(ws, today, capsys):
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = out[1:-1]
    assert rows == [
        f"  2026-11-13  overdue  ann  Lena Berg, Parks: {WORDS.get('due_let_go')}",
        f"  2026-11-19  overdue  ann  Ines Duarte, Open Kitchen: {WORDS.get('due_another')}",
        f"  2026-11-25  overdue  ann  Ines Duarte, Open Kitchen: {WORDS.get('due_nudge')}",
        f"  2026-12-01  overdue  ann  Tom Ng, Museum: {WORDS.get('due_tell')}",
        f"  2026-12-08  Tue      ann  Ravi: {WORDS.get('due_nudge')}",
    ]
    assert not any("((" in r or "))" in r for r in out)
    assert out[-1].startswith("5 follow-ups for 1 client (4 overdue), of 1 client")


def events(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    return [(ev.decoded("dtstart"), ev.decoded("dtend"), str(ev["summary"]),
             str(ev.get("description", ""))) for ev in cal.walk("VEVENT")]


def test_calendar_titles_read_plainly_and_overdue_ones_sit_on_today(ws, today, tmp_path,
                                                                    capsys):
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    got = events(target)
    next_day = TODAY + dt.timedelta(days=1)
    assert [(s, e, title) for s, e, title, _ in got] == [
        (TODAY, next_day, "ann: Lena Berg, Parks: let them go kindly"),
        (TODAY, next_day, "ann: Ines Duarte, Open Kitchen: no reply yet, write to someone "
                          "else there"),
        (TODAY, next_day, "ann: Ines Duarte, Open Kitchen: send a short nudge"),
        (TODAY, next_day, "ann: Tom Ng, Museum: tell them what came of it"),
        (D(2026, 12, 8), D(2026, 12, 9), "ann: Ravi: send a short nudge"),
    ]
    said = [d for _, _, _, d in got]
    assert said[0].splitlines() == [WORDS.get("due_let_go").capitalize(),
                                    "Overdue since Fri 13 Nov."]
    assert said[1].splitlines()[-1] == "Overdue since Thu 19 Nov."
    assert said[2].splitlines()[-1] == "Overdue since Wed 25 Nov."
    assert said[3].splitlines()[-1] == "Overdue since Tue 1 Dec."
    assert "Overdue" not in said[4] and said[4] == WORDS.get("due_nudge").capitalize()
    assert not any("(" in title for _, _, title, _ in got)


def test_what_was_written_is_said_on_standard_output(ws, today, tmp_path, capsys):
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == (
        f"Wrote 5 calendar events (5 follow-ups) to {target}")
    assert captured.err == ""
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_a_past_talk_sits_on_today_asking_whether_it_went_ahead(ws, today):
    store = ClientStore(ws)
    ann = Tracker(store, "ann")
    b = ann.change(model.add_op("Bea", org="Clinic", today=D(2026, 11, 16), person_id="bea"))
    b = ann.change(model.step_op(b, "bea", "arranged", D(2026, 11, 20), today=TODAY))
    ann.change(model.edit_op(b, "bea", meeting=D(2026, 11, 30)))
    found = fu.followups(ws, today=TODAY)
    (talk,) = [e for e in events(fu.ics_bytes(found)) if "Bea" in e[2]]
    assert talk[0] == TODAY and talk[2] == "ann: Bea, Clinic: the conversation"
    assert talk[3].splitlines()[-1] == (f"{WORDS.get('meeting_label')} Mon 30 Nov: "
                                        f"{WORDS.get('talk_past')}")
    assert "overdue" not in talk[3].lower()
    (line,) = [x for x in fu.lines(found) if "Bea" in x]
    assert line.startswith("  2026-11-30  past ")


def test_the_tell_step_falls_on_the_twentieth_working_day(tmp_path):
    store = make(tmp_path / "ws")
    # the day before it is due, it is not listed with days=0; on the day it is "today"
    before = fu.followups(store.root, today=D(2026, 11, 30), days=0)
    assert not [f for f in before.items if f.due.kind == "tell"]
    on = fu.followups(store.root, today=D(2026, 12, 1), days=0)
    (tell,) = [f for f in on.items if f.due.kind == "tell"]
    assert tell.due.date == D(2026, 12, 1)
    assert [x for x in fu.lines(on) if "Tom Ng" in x] == [
        f"  2026-12-01  today    ann  Tom Ng, Museum: {WORDS.get('due_tell')}"]
    # once told, it is gone
    ann = Tracker(store, "ann")
    ann.change(model.step_op(ann.read(), "tom", "told", D(2026, 12, 1), today=D(2026, 12, 1)))
    assert not [f for f in fu.followups(store.root, today=D(2026, 12, 1)).items
                if f.due.kind == "tell"]


def test_a_person_let_go_has_nothing_more_listed(ws):
    ann = Tracker(ClientStore(ws), "ann")
    ann.change(model.let_go_op(ann.read(), "lena", D(2026, 12, 1), today=TODAY))
    found = fu.followups(ws, today=TODAY)
    assert [(f.due.date, f.due.kind, f.due.name, f.due.place) for f in found.items] == ANN[1:]


# -- the heading for quiet clients' promises listed whatever the date ----------------------------
def quiet_client(store, name, sections):
    store.save(name, sections, session="2026-11-20")
    tracker = Tracker(store, name)
    b = tracker.change(model.add_op("Hal", org="Museum", today=D(2026, 11, 16),
                                    person_id="h"))
    b = tracker.change(model.step_op(b, "h", "arranged", D(2026, 11, 20), today=TODAY))
    tracker.change(model.edit_op(b, "h", meeting=D(2026, 12, 21)))  # past the last day


def test_the_heading_names_the_verdict_of_whom_it_concerns(tmp_path):
    store = make(tmp_path / "ws")
    low = answers(low=("energy",))
    quiet_client(store, "eve", {"hope": low["hope"], "energy": low["energy"]})  # incomplete
    found = fu.followups(store.root, today=TODAY)
    head = fu.lines(found, later_name="not now", waiting_name="not enough answers yet")[0]
    assert head == ("Follow-ups due by Wed 9 Dec 2026 (and, for clients at not enough answers "
                    "yet, what they have promised, whatever the date), oldest first:")
    quiet_client(store, "cat", answers(low=("energy",)))  # not now
    found = fu.followups(store.root, today=TODAY)
    head = fu.lines(found, later_name="not now", waiting_name="not enough answers yet")[0]
    assert head == ("Follow-ups due by Wed 9 Dec 2026 (and, for clients at not now or not "
                    "enough answers yet, what they have promised, whatever the date), oldest "
                    "first:")


def test_the_heading_says_nothing_of_promises_when_none_is_past_the_last_day(ws, today,
                                                                             capsys):
    store = ClientStore(ws)
    quiet_client(store, "cat", answers(low=("energy",)))
    ann_only = fu.followups(ws, today=TODAY, days=30)  # 21 Dec is inside 30 days
    assert fu.lines(ann_only)[0] == "Follow-ups due by Fri 1 Jan 2027, oldest first:"
