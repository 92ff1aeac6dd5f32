"""Looking again after a few talks (issue 21): the profile, `followups` and the report.

Once a client has held the instrument's ``review_after_talks`` conversations (3 in the kit's
own), the profile suggests a short review (answer the ingredients again on a new session
date, look again at the north star) and `workbook followups` lists it for the coach, dated
on the day of the talk that reached the number, until a session is dated after that day.
The personal report then shows how the scores moved since the conversations began: the
answers of the last session on or before the first talk against the latest.

Dates are hand-picked; "today" is Wednesday 2026-12-02. Scores: an ingredient whose keyed
answers are all k scores (k - 1) / 4 * 100 (2 -> 25, 3 -> 50, 4 -> 75, 5 -> 100).
"""

import datetime as dt

import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core import advice
from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.core.session_texts import Texts
from workbook.reports import participant_report
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore
from workbook.session.widgets.profile import ReadinessProfile, profile_texts

INST = load_instrument()
WORDS = Words(INST)
TEXTS = Texts(INST)
TODAY = dt.date(2026, 12, 2)  # a Wednesday
D = dt.date
#: The three talks: held on these days (the third reaches the kit's review_after_talks).
HELD = (D(2026, 11, 10), D(2026, 11, 17), D(2026, 11, 24))


def answers(keyed=4, **by_ingredient):
    """Every statement keyed ``keyed`` (reverse-keyed ones answered the other way)."""
    out = {}
    for ing in INST.ingredients:
        k = by_ingredient.get(ing.id, keyed)
        out[ing.id] = {"items": {i.id: 6 - k if i.reverse else k for i in ing.items}}
    out["time"]["tool"] = {"hours_per_week": 3}
    return out


def client(store, name="ann", *, talks=3, sessions=(("2026-11-02", {}),)):
    """A client with sessions (date, keyed answers by ingredient) and ``talks`` talks held."""
    for day, keyed in sessions:
        store.save(name, answers(**keyed), session=day)
    tracker = Tracker(store, name)
    for n, day in enumerate(HELD[:talks]):
        book = tracker.change(model.add_op(f"Person {n}", org=f"Place {n}",
                                           today=D(2026, 11, 2), person_id=f"p{n}"))
        tracker.change(model.step_op(book, f"p{n}", "held", day, today=TODAY))
    return tracker


def test_the_kit_asks_after_three_talks():
    assert WORDS.cadence.review_after_talks == 3
    assert advice.review_after_talks(INST) == 3


def test_review_day_by_hand():
    book = model.Book()
    for n, day in enumerate(HELD):
        book.people[f"p{n}"] = model.Person(f"p{n}", f"P{n}", steps={"held": day.isoformat()})
    before = D(2026, 11, 2)
    assert advice.review_day(book, 3, before, TODAY) == D(2026, 11, 24)
    assert advice.review_day(book, 3, D(2026, 11, 24), TODAY) == D(2026, 11, 24)  # same day
    assert advice.review_day(book, 3, D(2026, 11, 25), TODAY) is None  # a session after
    assert advice.review_day(book, 3, before, D(2026, 11, 23)) is None  # two talks by then
    assert advice.review_day(book, 2, D(2026, 11, 18), TODAY) is None  # after the second
    assert advice.review_day(book, 0, before, TODAY) is None
    assert advice.review_day(None, 3, before, TODAY) is None
    # thanks alone stand for a talk held, from their day
    book.people["p2"] = model.Person("p2", "P2", steps={"thanked": "2026-11-26"})
    assert advice.review_day(book, 3, before, TODAY) == D(2026, 11, 26)


@pytest.mark.parametrize("talks, shown", [(2, False), (3, True)])
def test_the_profile_suggests_a_review_at_three_talks(tmp_path, talks, shown):
    store = ClientStore(tmp_path / "ws")
    client(store, talks=talks)
    profile = ReadinessProfile("ann", store)
    profile.today = TODAY
    profile.refresh()
    assert profile.plan.review == (HELD[2] if shown else None)
    heading = TEXTS.get("profile", "review_heading")
    text = TEXTS.get("profile", "review_text")
    if shown:
        assert profile.review.layout.display is None
        assert heading in profile.review.value and "north star" in text
        assert profile_texts(profile.plan, INST)["review"] == [heading, text]
    else:
        assert profile.review.layout.display == "none" and profile.review.value == ""
        assert profile_texts(profile.plan, INST)["review"] == []


def test_a_session_after_the_third_talk_takes_it_away(tmp_path):
    store = ClientStore(tmp_path / "ws")
    client(store, sessions=(("2026-11-02", {}), ("2026-11-24", {})))  # the talk's own day
    profile = ReadinessProfile("ann", store)
    profile.today = TODAY
    profile.refresh()
    assert profile.plan.review == D(2026, 11, 24)  # a session that day may come before it
    store.save("ann", {"hope": answers()["hope"]}, session="2026-11-25")
    profile.refresh()
    assert profile.plan.review is None
    assert profile.review.layout.display == "none"


def test_a_quiet_client_is_not_asked_to_review(tmp_path):
    store = ClientStore(tmp_path / "ws")
    client(store, sessions=(("2026-11-02", {"energy": 2}),))  # energy not yet: not now
    profile = ReadinessProfile("ann", store)
    profile.today = TODAY
    profile.refresh()
    assert profile.plan.quiet and profile.plan.held == 3
    assert profile.plan.review is None and profile.review.layout.display == "none"
    found = fu.followups(store.root, today=TODAY)
    assert not [f for f in found.items if f.due.kind == "review"]


def test_followups_list_the_review_for_the_coach(tmp_path, monkeypatch, capsys):
    store = ClientStore(tmp_path / "ws")
    tracker = client(store)
    for n in range(3):  # thanks sent: nothing else of theirs is due before the tell step
        book = tracker.read()
        tracker.change(model.step_op(book, f"p{n}", "thanked", HELD[n], today=TODAY))
    # today only: the first "tell them" step (20 working days after Tue 10 Nov: Tue 8 Dec)
    # is not yet due
    found = fu.followups(store.root, today=TODAY, days=0)
    assert [(f.client, f.due.kind, f.due.date) for f in found.items] == [
        ("ann", "review", D(2026, 11, 24))]
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    assert main(["followups", "--workspace", str(store.root), "--days", "0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"  2026-11-24  open     ann  {WORDS.get('review_due')}" in out
    assert out[-1] == ("0 follow-ups for 0 clients (0 overdue), of 1 client in the workspace. "
                       "1 short review to suggest for the coach.")
    # in the calendar it sits on today, saying since when
    ics = fu.ics_bytes(found)
    import icalendar

    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("dtstart") == TODAY
    assert str(event["summary"]) == "ann: " + WORDS.get("review_due")[:1].upper() + \
        WORDS.get("review_due")[1:]
    assert str(event["description"]) == "Open since Tue 24 Nov."
    # a session after the third talk: gone
    store.save("ann", {"hope": answers()["hope"]}, session="2026-11-30")
    assert not [f for f in fu.followups(store.root, today=TODAY).items
                if f.due.kind == "review"]


def test_two_talks_list_no_review(tmp_path):
    store = ClientStore(tmp_path / "ws")
    client(store, talks=2)
    assert not [f for f in fu.followups(store.root, today=TODAY).items
                if f.due.kind == "review"]


# -- the report: how the scores moved since the conversations began -------------------------
def report_of(store, name="ann"):
    report = participant_report(workspace=store.root, participant_id=name)
    report.today = TODAY
    return report


def rows_of(html):
    import re

    body = html.split("<tbody>")[-1].split("</tbody>")[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in body.split("</tr>") if "<td" in row]


def test_the_report_shows_the_scores_since_the_first_talk(tmp_path):
    store = ClientStore(tmp_path / "ws")
    # 2 Nov all 75; 9 Nov hope 25 (the last before the first talk, 10 Nov); 1 Dec hope 100,
    # energy 50, the rest 75.
    client(store, sessions=(("2026-11-02", {}), ("2026-11-09", {"hope": 2}),
                            ("2026-12-01", {"hope": 5, "energy": 3})))
    section = report_of(store).since_talks()
    assert section is not None
    html = section.html
    assert "Since your conversations began" in html
    assert "2026-11-09, the last before your conversations began" in html
    assert "latest (2026-12-01)" in html
    assert "Tue 10 Nov" not in html and "2026-11-10" not in html  # no talk's day is said
    got = {row[0]: row[1:4] for row in rows_of(html)}
    assert got == {
        "Hope": ["25", "100", "+75"],
        "Time": ["75", "75", "+0"],
        "Energy": ["75", "50", "&minus;25"],
        "Self-esteem": ["75", "75", "+0"],
        "Ambition": ["75", "75", "+0"],
    }
    # within the change section, after its own first-to-latest table (hope 75 -> 100)
    change = report_of(store).change().html
    assert change.index("How your scores moved") < change.index(
        "Since your conversations began")
    first = {row[0]: row[1:4] for row in rows_of(change.split("<h3>")[0])}
    assert first["Hope"] == ["75", "100", "+25"]
    assert "first conversation" not in change.lower()


def test_no_section_without_a_later_session_or_a_talk(tmp_path):
    store = ClientStore(tmp_path / "ws")
    client(store, sessions=(("2026-11-02", {}), ("2026-11-09", {"hope": 2})))
    assert report_of(store).since_talks() is None  # no session after the first talk
    store2 = ClientStore(tmp_path / "ws2")
    client(store2, talks=0, sessions=(("2026-11-02", {}), ("2026-12-01", {"hope": 2})))
    assert report_of(store2).since_talks() is None  # no talk held
    assert "Since your conversations began" not in report_of(store2).change().html


def test_one_session_before_the_talks_says_the_table_shows_it(tmp_path):
    store = ClientStore(tmp_path / "ws")
    client(store, sessions=(("2026-11-02", {}), ("2026-12-01", {"hope": 5})))
    html = report_of(store).since_talks().html
    assert "Your conversations began after your first answers" in html
    assert "<table>" not in html
