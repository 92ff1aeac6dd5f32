"""Follow-ups for the coach, the export's counts, the report's conversations, the sample workspace.

The workspace is made here with hand-computed dates. The default cadence: write to another
person at the same place 3 working days after sending, nudge after 7 (issue 21), agree a
time 2 after a reply, thanks 1 after the talk (weekends skipped). "Today" is Saturday
2026-11-28.
"""

import datetime as dt
import os

import icalendar
import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.reports import participant_report
from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.sample_workspace import sample_workspace
from workbook.session.store import ClientStore
from workbook.session.tracker import book_to_dict

INST = load_instrument()
INST_WORDS = Words(INST)
TODAY = dt.date(2026, 11, 28)  # a Saturday
D = dt.date


def answers(low=()):
    """Agree (4) with every statement, 2 on reversed ones; 2 (disagree) where ``low``."""
    out = {}
    for ing in INST.ingredients:
        keyed = 2 if ing.id in low else 4
        out[ing.id] = {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}}
    out["time"]["tool"] = {"hours_per_week": 3}
    return out


def make_workspace(root):
    """ann and bob ready, cat not now (energy), dan with no list."""
    store = ClientStore(root)
    store.save("ann", answers(), session="2026-11-20")
    store.save("ann", {"hope": answers()["hope"]}, session="2026-11-27")
    store.save("bob", answers(), session="2026-11-20")
    store.save("cat", answers(low=("energy",)), session="2026-11-20")
    store.save("dan", answers(), session="2026-11-20")

    ann = Tracker(store, "ann")
    b = ann.change(model.add_op("<b>Ana</b> & co", org="City <Library>", today=D(2026, 11, 18),
                                person_id="p1"))
    b = ann.change(model.step_op(b, "p1", "sent", D(2026, 11, 20), today=TODAY))  # a Friday
    b = ann.change(model.add_op("Ben", org="Parks", today=D(2026, 11, 19), person_id="p2"))
    b = ann.change(model.step_op(b, "p2", "sent", D(2026, 11, 20), today=TODAY))
    b = ann.change(model.step_op(b, "p2", "reply", D(2026, 11, 23), today=TODAY))
    b = ann.change(model.step_op(b, "p2", "arranged", D(2026, 11, 24), today=TODAY))
    b = ann.change(model.step_op(b, "p2", "held", D(2026, 11, 27), today=TODAY))  # a Friday
    b = ann.change(model.add_op("Cy", today=D(2026, 11, 28), person_id="p6"))

    bob = Tracker(store, "bob")
    b = bob.change(model.add_op("Dee", org="Clinic", today=D(2026, 11, 16), person_id="p3"))
    b = bob.change(model.step_op(b, "p3", "sent", D(2026, 11, 17), today=TODAY))
    b = bob.change(model.step_op(b, "p3", "reply", D(2026, 11, 23), today=TODAY))  # a Monday
    b = bob.change(model.add_op("Eve", org="School", today=D(2026, 11, 16), person_id="p4"))
    b = bob.change(model.step_op(b, "p4", "arranged", D(2026, 11, 20), today=TODAY))
    b = bob.change(model.edit_op(b, "p4", meeting=D(2026, 12, 10)))

    cat = Tracker(store, "cat")
    b = cat.change(model.add_op("Fay", today=D(2026, 11, 16), person_id="p5"))
    cat.change(model.step_op(b, "p5", "sent", D(2026, 11, 20), today=TODAY))
    return store


@pytest.fixture
def ws(tmp_path):
    make_workspace(tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    return TODAY


# Hand-computed: p1 sent Fri 20 Nov: another 3 working days on (Mon 23, Tue 24, Wed 25),
# nudge 7 (Thu 26, Fri 27, Mon 30, Tue 1 Dec). p2 held Fri 27: thanks 1 working day on, over
# the weekend: Mon 30. p3 replied Mon 23: agree a time by Wed 25. p4's talk is on Thu 10 Dec.
WEEK = [
    (D(2026, 11, 25), "ann", "another"),
    (D(2026, 11, 25), "bob", "arrange"),
    (D(2026, 11, 30), "ann", "thank"),
    (D(2026, 12, 1), "ann", "nudge"),
]


def listed(found):
    return [(f.due.date, f.client, f.due.kind) for f in found.items]


def test_due_dates_oldest_first_across_a_weekend_and_not_now_left_out(ws):
    found = fu.followups(ws, today=TODAY)
    assert listed(found) == WEEK
    assert found.until == D(2026, 12, 5)
    assert found.later == ["cat"]  # not now: her overdue nudge is not listed
    assert found.clients == 4


def test_days_sets_how_far_ahead(ws):
    assert listed(fu.followups(ws, today=TODAY, days=0)) == WEEK[:2]  # overdue only
    assert listed(fu.followups(ws, today=TODAY, days=2)) == WEEK[:3]  # Mon 30 is 2 days on
    assert listed(fu.followups(ws, today=TODAY, days=3)) == WEEK  # Tue 1 Dec is 3 days on
    assert listed(fu.followups(ws, today=TODAY, days=1)) == WEEK[:2]
    assert listed(fu.followups(ws, today=TODAY, days=12)) == [
        *WEEK, (D(2026, 12, 10), "bob", "talk")]


def test_command_lists_them_with_overdue_and_a_summary(ws, today, capsys):
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = out[1:-1]
    assert [r.split()[0] for r in rows] == [d.isoformat() for d, _, _ in WEEK]
    assert [r.split()[1] for r in rows] == ["overdue", "overdue", "Mon", "Tue"]
    assert "<b>Ana</b> & co" in rows[0] and "City <Library>" in rows[0]
    # the person and their place apart, no brackets (issue 21)
    assert "agree a time" in rows[1] and "Dee, Clinic: " in rows[1]
    assert "send thanks" in rows[2] and "Ben, Parks: " in rows[2]
    assert out[-1].startswith("4 follow-ups for 2 clients (2 overdue), of 4 clients")
    assert out[-1].endswith("in the workspace. 1 client at not now: for them, only what is "
                            "already promised to someone (thanks owed, a talk booked) is "
                            "listed, whatever the date.")


def test_nothing_due_is_a_friendly_line(tmp_path, today, capsys):
    store = ClientStore(tmp_path / "ws")
    Tracker(store, "zoe").change(model.add_op("Ana", today=TODAY, person_id="p1"))
    assert main(["followups", "--workspace", str(tmp_path / "ws"), "--days", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Nothing is due by Tue 1 Dec 2026: no follow-ups to make."
    assert out[-1] == "0 follow-ups for 0 clients (0 overdue), of 1 client in the workspace."


def test_a_missing_workspace_is_one_line_and_never_made(tmp_path, capsys):
    assert main(["followups", "--workspace", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no workspace folder" in err
    assert not (tmp_path / "nope").exists()


def test_negative_days_refused(ws, capsys):
    assert main(["followups", "--workspace", str(ws), "--days", "-1"]) == 1
    assert "--days must be a whole number" in capsys.readouterr().err


def read_events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [(ev.decoded("dtstart"), str(ev["uid"]), str(ev["summary"]))
            for ev in cal.walk("VEVENT")]


def test_ics_has_one_all_day_event_each_with_stable_uids(ws, today, tmp_path, capsys):
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    assert "Wrote 4 calendar events (4 follow-ups)" in capsys.readouterr().out
    assert os.stat(target).st_mode & 0o777 == 0o600
    events = read_events(target)
    # an overdue one sits on today (issue 21), the rest on their own day
    assert [d for d, _, _ in events] == [TODAY, TODAY] + [d for d, _, _ in WEEK[2:]]
    assert all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d, _, _ in events)
    uids = [u for _, u, _ in events]
    assert len(set(uids)) == 4 and not any("ann" in u or "bob" in u for u in uids)
    assert events[0][2] == ("ann: <b>Ana</b> & co, City <Library>: no reply yet, write to "
                            "someone else there")
    # A second run (a follow-up done since) keeps the same ids for the same follow-ups.
    store = ClientStore(ws)
    ann = Tracker(store, "ann")
    ann.change(model.followed_op(ann.read(), "p1", "another", today=TODAY))
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    again = read_events(target)
    assert [u for _, u, _ in again] == [uids[1], uids[2], uids[3]]


@pytest.mark.parametrize("kind", ["link", "folder", "no-folder", "suffix", "empty"])
def test_unsafe_ics_paths_are_refused_and_nothing_written(ws, today, tmp_path, capsys, kind):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    if kind == "link":
        (elsewhere / "real.ics").write_text("mine")
        target = tmp_path / "link.ics"
        target.symlink_to(elsewhere / "real.ics")
        before = sorted(p.name for p in tmp_path.iterdir())
        said = "symbolic link"
    elif kind == "folder":
        target = tmp_path / "cal.ics"
        target.mkdir()
        before = sorted(p.name for p in tmp_path.iterdir())
        said = "is a folder"
    elif kind == "no-folder":
        target = tmp_path / "missing" / "f.ics"
        said = "there is no folder"
    elif kind == "suffix":
        target = tmp_path / "followups.txt"
        said = f"use {tmp_path / 'followups.ics'}"
    else:
        target, said = "", "--ics is empty"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # refused before anything is listed
    assert captured.err.count("\n") == 1 and said in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "missing").exists()
    assert list(elsewhere.iterdir()) in ([], [elsewhere / "real.ics"])
    if kind == "link":
        assert (elsewhere / "real.ics").read_text() == "mine"


# -- the export's counts ---------------------------------------------------------------------
def test_export_counts_each_session_until_the_next_or_the_export(ws):
    table = responses(ClientStore(ws), today=TODAY).set_index(["participant_id", "date"])
    counts = table[["people_listed", "notes_sent", "conversations_held"]]
    # ann's session of 20 Nov counts up to the day before her next (26 Nov): p1 and p2
    # listed and sent; her latest (27 Nov) up to the export day (28 Nov): p2's talk on the
    # 27th and p6, listed on the 28th, too.
    assert counts.loc[("ann", "2026-11-20")].tolist() == [2, 2, 0]
    assert counts.loc[("ann", "2026-11-27")].tolist() == [3, 2, 1]
    # an export made on 26 Nov counts ann's latest session as it stood then
    early = responses(ClientStore(ws), today=D(2026, 11, 26)).set_index(
        ["participant_id", "date"])
    assert early.loc[("ann", "2026-11-27"), "people_listed"] == 2
    # bob on 20 Nov: p3 and p4 listed, p3 sent, p4's time agreed that day (so sent, issue
    # 20); cat: p5 listed on 16, sent on 20 Nov.
    assert counts.loc[("bob", "2026-11-20")].tolist() == [2, 2, 0]
    assert counts.loc[("cat", "2026-11-20")].tolist() == [1, 1, 0]
    # dan has no list at all: whether he talked to anyone is not known, so the cells are
    # empty (a cohort run counts him as "did not say", not as "held none")
    assert counts.loc[("dan", "2026-11-20")].isna().all()
    emptied = Tracker(ClientStore(ws), "dan")
    book = emptied.change(model.add_op("Gus", person_id="g", today=D(2026, 11, 16)))
    # taken off the day he was listed (a slip): counted on no day (attacks5 C7)
    emptied.change(model.remove_op(book, "g", today=D(2026, 11, 16), now=TODAY))
    again = responses(ClientStore(ws), today=TODAY).set_index(["participant_id", "date"])
    assert again.loc[("dan", "2026-11-20"), ["people_listed", "notes_sent",
                                             "conversations_held"]].tolist() == [0, 0, 0]
    assert str(counts["conversations_held"].dtype) == "Int64"
    text = table.to_csv()
    assert "Ana" not in text and "Dee" not in text  # never a contact's name


def test_cohort_reads_an_export_with_the_counts(ws, tmp_path, capsys):
    out = tmp_path / "clients.csv"
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    assert "matching no item or known column" not in capsys.readouterr().out
    assert main(["cohort", str(out), "--out", str(tmp_path / "cohort")]) == 0


# -- the personal report -----------------------------------------------------------------------
def report_of(ws, client):
    report = participant_report(workspace=ws, participant_id=client)
    report.today = TODAY
    return report


def whole(report):
    sections = [report.header(), report.profile(), report.verdict(), report.next_steps(),
                report.pacing(), report.motivation(), report.change(), report.notes()]
    return "".join(s.html for s in sections if s is not None)


def test_report_has_no_conversations_unless_ticked(ws):
    report = report_of(ws, "ann")
    assert report.conversations is None and report.conversations_section() is None
    html = whole(report)
    assert "Your conversations" not in html and "Ana" not in html and "Ben" not in html


def test_report_shows_counts_and_follow_ups_without_names(ws):
    Tracker(ClientStore(ws), "ann").change(model.share_op(report=True, names=False))
    html = whole(report_of(ws, "ann"))
    assert "Your conversations" in html
    assert "So far: 3 people on your list, 2 notes sent and 1 conversation held." in html
    # 3 hours at plenty of energy: room for 1.5, said "1 conversation a week"; the list
    # began in the week of 16 Nov: two weeks, so 2 planned.
    report = report_of(ws, "ann")
    assert report.plan.pace.per_week == 1.5
    assert "Your pace is 1 conversation a week: the most that fits, not a target. Since your " \
        "list began in the week of 16 November 2026" in html
    # finding 4: what was held, with no planned number set against it
    assert ("November 2026, you have held 1 conversation; a week with none is information, "
            "not a failure.") in html
    assert "left room for about" not in html and "you have held 1." not in html
    assert html.count("one of your contacts") == 3  # p1's nudge and thanks to p2 (+ another)
    for secret in ("Ana", "Ben", "Library", "Parks"):
        assert secret not in html
    assert "<td>Mon 30 Nov</td>" in html and "Send thanks for the conversation" in html


def test_report_shows_names_escaped_when_ticked(ws):
    Tracker(ClientStore(ws), "ann").change(model.share_op(report=True, names=True))
    html = report_of(ws, "ann").pacing().html
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; co (City &lt;Library&gt;)" in html
    assert "<b>Ana" not in html and "<Library>" not in html
    assert "Ben (Parks)" in html


def test_report_of_a_not_now_client_lists_no_follow_ups(ws):
    Tracker(ClientStore(ws), "cat").change(model.share_op(report=True, names=True))
    html = report_of(ws, "cat").pacing().html
    assert "kept for later" in html and "nudge" not in html and "Fay" not in html


# -- the sample workspace and the demo ----------------------------------------------------------
def test_sample_workspace_verdicts_follow_ups_and_sharing(tmp_path):
    from workbook.session.store import score_history

    day = D(2026, 11, 27)  # a Friday
    folder = sample_workspace(tmp_path / "a", today=day)
    store = ClientStore(folder)
    verdicts = [score_history(store.history(c))["verdict"].iloc[-1] for c in store.clients()]
    assert verdicts == ["ready", "ready", "build_first", "not_now"]
    found = fu.followups(folder, today=day)
    kinds = [(f.due.date, f.client, f.due.kind) for f in found.items]
    assert (D(2026, 11, 26), "DEMO-01", "another") in kinds  # overdue
    assert (D(2026, 11, 27), "DEMO-02", "thank") in kinds  # due today
    assert any(d > day for d, _, _ in kinds)  # and later this week
    assert found.later == ["DEMO-04"]
    books = [Tracker(store, c).read() for c in ("DEMO-01", "DEMO-02")]
    assert [(b.share_report, b.share_names) for b in books] == [(True, False), (True, True)]
    for client in store.clients():  # steps only in the past
        for person in Tracker(store, client).read().people.values():
            assert all(D.fromisoformat(v) <= day for v in person.steps.values())
    # The same day gives the same workspace, and a second run replaces the first.
    other = ClientStore(sample_workspace(tmp_path / "b", today=day))
    again = ClientStore(sample_workspace(folder, today=day))
    for client in store.clients():
        mine = book_to_dict(Tracker(store, client).read())
        assert book_to_dict(Tracker(other, client).read()) == mine
        assert book_to_dict(Tracker(again, client).read()) == mine
        assert other.history(client) == store.history(client)


def test_sample_workspace_refuses_a_folder_with_other_things(tmp_path):
    from workbook.core.exceptions import WorkbookError

    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(WorkbookError, match="not empty"):
        sample_workspace(tmp_path)


def test_demo_makes_the_workspace_and_its_follow_ups(tmp_path, capsys):
    from workbook.cli.basic import demo_followups

    demo_followups(tmp_path, INST)
    out = capsys.readouterr().out
    assert "follow-ups for 2 clients" in out and "1 client at not now" in out
    events = read_events(tmp_path / "followups.ics")
    found = fu.followups(tmp_path / "workspace")
    today = dt.date.today()  # the sample's dates are relative to today
    assert [d for d, _, _ in events] == [max(f.due.date, today) for f in found.items] and events
    table = responses(ClientStore(tmp_path / "workspace"))
    # DEMO-01's sessions, 25 and 10 working days ago. The first counts up to the day before
    # the second: Mira (listed 15 working days ago, written to 12 days ago; her talk was 6
    # days ago, after it). The latest counts up to today: the five listed, four written to
    # (Mira, Jonas and two more), one talk held (Mira's).
    first = table[table["participant_id"] == "DEMO-01"]
    assert first[["people_listed", "notes_sent", "conversations_held"]].values.tolist() == [
        [1, 1, 0], [5, 4, 1]]


def test_report_says_how_many_follow_ups_are_not_listed(ws):
    ann = Tracker(ClientStore(ws), "ann")
    book = ann.change(model.share_op(report=True, names=False))
    for pid in ("q1", "q2", "q3"):
        book = ann.change(model.add_op(pid, org=f"Museum {pid}", today=D(2026, 11, 18),
                                       person_id=pid))
        book = ann.change(model.step_op(book, pid, "sent", D(2026, 11, 18), today=TODAY))
    # ann's three (p1's another Wed 25 and nudge Tue 1 Dec, p2's thanks Mon 30) and two for
    # each of q1-q3 (sent Wed 18 Nov: another Mon 23, nudge 7 working days on, Fri 27):
    # 9 in all, the first five listed, and the thanks owed (Mon 30 Nov) after them
    html = report_of(ws, "ann").pacing().html.split("Your conversations")[1]
    assert html.count("<tr><td>") == 6
    assert "<tr><td>Mon 30 Nov</td><td>Send thanks for the conversation" in html
    assert "and 3 more after these, on your list." in html


def test_a_shared_list_remakes_its_report_on_a_later_day(ws):
    from workbook.reports.batch import _shared_record

    assert _shared_record(ws, "ann", TODAY) == "" == _shared_record(ws, "ann", D(2026, 12, 1))
    Tracker(ClientStore(ws), "ann").change(model.share_op(report=True, names=False))
    # what is overdue changes by the day: the digest too, so the report is made again
    assert _shared_record(ws, "ann", TODAY) != _shared_record(ws, "ann", D(2026, 12, 1))
    assert _shared_record(ws, "ann", TODAY) == _shared_record(ws, "ann", TODAY)


def test_control_characters_from_a_place_never_reach_the_terminal(ws, today, capsys):
    bob = Tracker(ClientStore(ws), "bob")
    op = model.add_op("Hal", org="Lib", today=D(2026, 11, 16), person_id="h")
    op["fields"]["org"] = "Lib\x1b]0;pwned\x07\nFAKE LINE"  # as an earlier version saved it
    op.pop("place")  # (an earlier version listed no place)
    book = bob.change(op)  # (add_op refuses control characters in a place now)
    bob.change(model.step_op(book, "h", "sent", D(2026, 11, 20), today=TODAY))
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert not any(line.startswith("FAKE LINE") for line in out.splitlines())
    assert "Hal, Lib ]0;pwned  FAKE LINE: " in out


# -- a damaged or foreign client folder (issue 20) ----------------------------------------------
def copy_folder(ws, client, as_name):
    """Copy a client's folder under another folder name (as a coach copying it by hand)."""
    import shutil

    store = ClientStore(ws)
    target = ws / as_name
    shutil.copytree(store.folder(client), target)
    return target


def test_a_copied_or_damaged_folder_is_named_and_the_rest_served(ws, today, capsys):
    from workbook.session.store import folder_name

    copied = copy_folder(ws, "bob", folder_name("bobby"))   # client.json still says bob
    damaged = copy_folder(ws, "ann", folder_name("amy"))
    (damaged / "client.json").write_text("{not json")
    bare = copy_folder(ws, "dan", folder_name("dora"))
    (bare / "client.json").unlink()
    assert main(["followups", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    err = [x for x in captured.err.splitlines() if x.startswith("followups:")]
    assert len(err) == 3
    said = {line.split(": ", 2)[1].split(" ", 2)[-1]: line for line in err}
    assert "names 'bob'" in said[f"{copied}"] and "copied folder" in said[f"{copied}"]
    assert "cannot be read" in said[f"{damaged}"]
    assert "has no client.json" in said[f"{bare}"]
    out = captured.out.splitlines()
    assert [r.split()[0] for r in out[1:-1]] == [d.isoformat() for d, _, _ in WEEK]
    assert "of 4 clients" in out[-1] and "Not read: 3 client folders" in out[-1]


def test_one_client_that_cannot_be_read_never_stops_the_rest(ws, today, capsys):
    store = ClientStore(ws)
    # bob's conversations record is a pipe (attacks5 C9; a snapshot naming another client,
    # this test's case before, is set aside and rebuilt since attacks5 C12)
    record = store.folder("bob") / "conversations.jsonl"
    record.unlink(missing_ok=True)
    os.mkfifo(record)
    assert main(["followups", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    assert f"followups: left out {store.folder('bob')}: " in captured.err
    assert "is not a regular file (a pipe (FIFO))" in captured.err
    out = captured.out.splitlines()
    assert [(r.split()[0], r.split()[2]) for r in out[1:-1]] == [
        ("2026-11-25", "ann"), ("2026-11-30", "ann"), ("2026-12-01", "ann")]
    assert "of 3 clients" in out[-1]


def test_a_folder_the_system_will_not_open_is_named_and_the_rest_served(ws, today,
                                                                       monkeypatch, capsys):
    from workbook.session import tracker as tracker_store

    real = tracker_store.Tracker.read

    def read(self):
        if self.client == "bob":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(tracker_store.Tracker, "read", read)
    assert main(["followups", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    assert (f"followups: left out {ClientStore(ws).folder('bob')}: it could not be read "
            "(Permission denied)") in captured.err
    assert "of 3 clients" in captured.out.splitlines()[-1]


def test_a_rebuilt_list_is_said_in_one_line_for_that_client(ws, today, capsys):
    store = ClientStore(ws)
    (store.folder("ann") / "conversations.json").write_text("{damaged")
    assert main(["followups", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    lines_ = [x for x in captured.err.splitlines() if x.startswith("followups: ann: ")]
    assert len(lines_) == 1 and "rebuilt" in lines_[0]
    assert [r.split()[0] for r in captured.out.splitlines()[1:-1]] == [
        d.isoformat() for d, _, _ in WEEK]  # nothing lost


def test_records_changed_outside_the_kit_are_said_in_one_line(ws, today, capsys):
    store = ClientStore(ws)
    for name in ("conversations.jsonl", "journal.jsonl"):  # as an editor or git would
        path = store.folder("ann") / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["followups", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    said = [x for x in captured.err.splitlines() if x.startswith("followups: ann: ")]
    assert len(said) == 1 and "conversations.jsonl" in said[0] and "journal.jsonl" in said[0]
    assert ".;" not in said[0]
    assert [r.split()[0] for r in captured.out.splitlines()[1:-1]] == [
        d.isoformat() for d, _, _ in WEEK]  # nothing lost


def test_what_was_written_goes_to_standard_output(ws, today, tmp_path, capsys):
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == (
        f"Wrote 4 calendar events (4 follow-ups) to {target}")
    assert "Wrote" not in captured.err


def test_a_line_break_in_a_person_id_keeps_the_calendar(tmp_path):
    # a hand-edited record may hold any id; its calendar event must still read back
    odd = model.Due("i\rX\nY", "Ivy", "", "nudge", D(2026, 11, 30))
    plain = model.Due("p1", "Ana", "", "nudge", D(2026, 11, 30))
    found = fu.Followups([fu.Followup("bob", odd), fu.Followup("bob", plain)], TODAY,
                         D(2026, 12, 5), 1, [])
    path = fu.write_ics(found, tmp_path / "f.ics")
    uids = [u for _, u, _ in read_events(path)]
    assert len(uids) == 2 and not any("\r" in u or "\n" in u for u in uids)
    assert fu.Followup("bob", plain).uid.split("-", 1)[1] == "p1-nudge@readiness-workbook"


# -- one voice (issue 19): what is due comes from the client's one plan ---------------------------
def owing_cat(ws):
    """cat (not now: energy) has a talk held on Thu 26 Nov (thanks owed), a talk booked for
    Wed 2 Dec, a reply waiting since Mon 23 Nov, and Fay's nudge long overdue."""
    cat = Tracker(ClientStore(ws), "cat")
    b = cat.read()
    b = cat.change(model.add_op("Hal", org="Museum", today=D(2026, 11, 16), person_id="h"))
    b = cat.change(model.step_op(b, "h", "held", D(2026, 11, 26), today=TODAY))
    b = cat.change(model.add_op("Bea", today=D(2026, 11, 16), person_id="b"))
    b = cat.change(model.step_op(b, "b", "arranged", D(2026, 11, 25), today=TODAY))
    b = cat.change(model.edit_op(b, "b", meeting=D(2026, 12, 2)))
    b = cat.change(model.add_op("Wil", today=D(2026, 11, 16), person_id="w"))
    cat.change(model.step_op(b, "w", "reply", D(2026, 11, 23), today=TODAY))


def test_a_not_now_client_keeps_what_is_owed_in_followups(ws, today, tmp_path, capsys):
    owing_cat(ws)
    found = fu.followups(ws, today=TODAY)
    # Hal's thanks: 1 working day after Thu 26 is Fri 27 (overdue); Bea's talk on Wed 2 Dec.
    # Not Wil's "agree a time" nor Fay's nudge: nothing new is asked of cat.
    assert [(d, k) for d, c, k in listed(found) if c == "cat"] == [
        (D(2026, 11, 27), "thank"), (D(2026, 12, 2), "talk")]
    assert listed(found) == sorted(
        WEEK + [(D(2026, 11, 27), "cat", "thank"), (D(2026, 12, 2), "cat", "talk")],
        key=lambda x: (x[0], x[1], model.DUE_KINDS.index(x[2])))
    assert found.later == ["cat"]
    kind = INST_WORDS.get("owed_line")
    assert found.owed_lines == {"cat": kind}
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"  cat (not now, listed whatever the date): with these, tell them: {kind}" in out
    assert not any("cat" in line and ("nudge" in line or "agree a time" in line) for line in out)
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    cats = [ev for ev in cal.walk("VEVENT") if str(ev["summary"]).startswith("cat: ")]
    # plain titles, the person and their place (issue 21)
    assert [str(ev["summary"]) for ev in cats] == ["cat: Hal, Museum: send thanks",
                                                  "cat: Bea: the conversation"]
    # one event, one promise (finding 15): not "what is listed here"
    assert [str(ev["description"]).splitlines() for ev in cats] == [
        ["Send thanks for the conversation", "Overdue since Fri 27 Nov.",
         INST_WORDS.get("owed_event")],
        ["The day of the conversation", INST_WORDS.get("owed_event")]]
    assert "A promise already made to someone" in INST_WORDS.get("owed_event")


def test_an_incomplete_picture_with_a_closed_gate_gets_no_nudge(ws, today):
    store = ClientStore(ws)
    low = answers(low=("energy",))
    store.save("eve", {"hope": low["hope"], "energy": low["energy"]}, session="2026-11-20")
    eve = Tracker(store, "eve")
    b = eve.change(model.add_op("Kim", today=D(2026, 11, 2), person_id="k"))
    eve.change(model.step_op(b, "k", "sent", D(2026, 11, 3), today=TODAY))  # nudge overdue
    found = fu.followups(ws, today=TODAY)
    assert [c for _, c, _ in listed(found)].count("eve") == 0
    assert "eve" in found.later and "eve" not in found.owed_lines
    # finding 15: eve's pages say "not enough answers yet", so the count does too
    assert found.waiting == ["eve"]
    summary = fu.lines(found, later_name="not now")[-1]
    assert ("1 client at not now and 1 client at not enough answers yet, time or energy at "
            "not yet: for them") in summary  # the fixture's other client is at not now


def test_the_calendar_message_counts_what_the_list_counts(ws, today, tmp_path, capsys):
    store = ClientStore(ws)
    store.save("cat", {"profile": {"tool": {"look_again": "2026-12-03"}}}, session="2026-11-20")
    target = tmp_path / "f.ics"
    assert main(["followups", "--workspace", str(ws), "--ics", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("4 follow-ups for 2 clients") and "1 look-again date" in out[-2]
    assert out[-1] == (f"Wrote 5 calendar events (4 follow-ups and 1 look-again date) to "
                       f"{target}")


def test_a_look_again_date_is_listed_for_the_coach_in_the_window(ws, today, capsys):
    store = ClientStore(ws)
    store.save("cat", {"profile": {"tool": {"look_again": "2026-12-03"}}}, session="2026-11-20")
    found = fu.followups(ws, today=TODAY)
    again = [f for f in found.items if f.due.kind == "look_again"]
    assert [(f.client, f.due.date) for f in again] == [("cat", D(2026, 12, 3))]
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert ("  2026-12-03  Thu      cat  look again at the five ingredients together (the "
            "date set on the profile)") in out
    assert out[-1].startswith("4 follow-ups for 2 clients (2 overdue), of 4 clients in the "
                              "workspace. 1 look-again date for the coach.")
    # out of the window: not listed; a session after it: they have looked again
    assert not [f for f in fu.followups(ws, today=TODAY, days=2).items
                if f.due.kind == "look_again"]
    store.save("cat", {"hope": answers()["hope"]}, session="2026-12-04")
    assert not [f for f in fu.followups(ws, today=D(2026, 12, 5)).items
                if f.due.kind == "look_again"]


def test_followups_look_as_far_ahead_as_the_plan(ws, today, tmp_path):
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "[conversations]\n", "[conversations]\nlook_ahead_days = 1\n", 1)
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    found = fu.followups(ws, today=TODAY, instrument=tmp_path / "mine.toml")
    assert found.until == D(2026, 11, 29)  # Mon 30's thanks is 2 days on: not listed
    assert listed(found) == WEEK[:2]
    assert fu.followups(ws, today=TODAY).until == D(2026, 12, 5)  # the kit's own: 7 days


def section(ws, client):
    return report_of(ws, client).conversations_section().html


def test_report_of_a_not_now_client_keeps_what_is_owed(ws):
    owing_cat(ws)
    Tracker(ClientStore(ws), "cat").change(model.share_op(report=True, names=True))
    html = section(ws, "cat")
    assert f"<h3>{INST_WORDS.get('owed_heading')}</h3>" in html
    assert INST_WORDS.get("owed_line").replace("'", "&#x27;") in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert rows == [
        "<tr><td>Overdue since Fri 27 Nov</td><td>Send thanks for the conversation</td>"
        "<td>Hal (Museum)</td>",
        "<tr><td>Wed 2 Dec</td><td>The day of the conversation</td><td>Bea</td>"]
    assert "nudge" not in html and "agree a time" not in html.lower()
    assert "nothing is due" not in html.lower()


def test_report_coming_up_is_the_plans_look_ahead_and_says_so(ws):
    bob = Tracker(ClientStore(ws), "bob")
    bob.change(model.share_op(report=True, names=True))
    html = section(ws, "bob")
    # Eve's talk on Thu 10 Dec is 12 days on: past the 7 days, so not listed yet
    assert ("<h3>Coming up in the next 7 days (to Sat 5 Dec), overdue ones included</h3>"
            in html)
    assert "Eve" not in html
    assert "<td>Overdue since Wed 25 Nov</td><td>They replied: agree a time" in html
    bob.change(model.edit_op(bob.read(), "p4", meeting=D(2027, 1, 15)))  # seven weeks away
    assert "15 Jan" not in section(ws, "bob")
    later = report_of(ws, "bob")
    later.today = D(2027, 1, 12)
    assert "Fri 15 Jan" in later.conversations_section().html


def test_report_of_a_client_tending_first_plans_nothing_yet(ws):
    store = ClientStore(ws)
    store.save("ann", answers(low=("hope",)), session="2026-11-27")
    Tracker(store, "ann").change(model.share_op(report=True, names=False))
    report = report_of(ws, "ann")
    assert report.plan.verdict == "build_first"
    html = report.conversations_section().html
    assert "Since your list began" not in html and "room for about" not in html
    assert "So far: 3 people on your list, 2 notes sent and 1 conversation held." in html


def test_followups_read_a_workspace_they_cannot_write(ws, today, monkeypatch, capsys):
    import workbook.session.store.core as core

    real = core.os.access
    monkeypatch.setattr(core.os, "access", lambda path, mode, **kw: (
        not mode & os.W_OK) and real(path, mode, **kw))  # as a read-only share
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [r.split()[0] for r in out[1:-1]] == [d.isoformat() for d, _, _ in WEEK]


def test_the_reports_conversations_words_are_the_instruments(ws, tmp_path):
    # Every word of the report's conversations section is an instrument text: a coach's own
    # file that renames them is what the client reads.
    from workbook.core.instrument_file import DEFAULT_PATH
    from workbook.reports.conversations import conversations_html

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in (('report_heading = "Your conversations"', 'report_heading = "Your talks"'),
                     ('report_person_many = "people"', 'report_person_many = "names"'),
                     ('report_when = "When"', 'report_when = "Day"')):
        assert text.count(old) == 1
        text = text.replace(old, new)
    own = tmp_path / "own.toml"
    own.write_text(text, encoding="utf-8")
    tracker = Tracker(ClientStore(ws), "ann")
    tracker.change(model.share_op(report=True, names=False))
    plan = report_of(ws, "ann").plan
    html = conversations_html(tracker.read(), plan, own, today=TODAY)
    assert "<h2>Your talks</h2>" in html and "So far: 3 names on your list" in html
    assert "<th>Day</th>" in html and "Your conversations" not in html
    kit = conversations_html(tracker.read(), plan, None, today=TODAY)
    assert "<h2>Your conversations</h2>" in kit and "<th>When</th>" in kit
