"""Issue 21 as a coach tried it (notes/coach21.md): the findings' fixes, hand-checked.

The page's day is Friday 27 November 2026, as in ``test_conversations_page.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.conversations import Tracker
from workbook.session.store import ClientStore
from workbook.session.widgets import ConversationsPage

INST = load_instrument()
WORDS = Words(INST)
FRIDAY = dt.date(2026, 11, 27)


def answers(hours=6):
    out = {ing.id: {"items": {i.id: 4 for i in ing.items}} for ing in INST.ingredients}
    out["time"]["tool"] = {"hours_per_week": hours}
    out["ambition"]["tool"] = {"north_star": "work with books",
                               "motivators": ["meaning", "freedom"]}
    return out


def own_instrument(tmp_path, *changes):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. the step names are the instrument's -------------------------------------------------
def test_the_kit_says_each_step_from_its_instrument():
    assert [WORDS.step(s) for s in ("noted", "drafted", "sent", "reply", "arranged", "held",
                                    "thanked", "told")] == [
        "listed", "note drafted", "note sent", "reply came", "time agreed",
        "conversation held", "thanks sent", "told what came of it"]


def test_an_own_instrument_renames_a_step_everywhere_the_page_says_it(tmp_path, store):
    own = own_instrument(tmp_path, ('step_told = "told what came of it"',
                                    'step_told = "followed up with news"'),
                         ('step_noted = "listed"', 'step_noted = "on my list"'))
    page = ConversationsPage(store, "ann", instrument=own, today=FRIDAY)
    page.name.value = "Ana Ruiz"
    page.org.value = "City Library"
    page.add_button.click()
    (person,) = Tracker(store, "ann").read().people.values()
    assert page.chooser.options == (("Ana Ruiz (City Library): on my list", person.id),)
    assert "on my list" in page.card_steps.value and "listed" not in page.card_steps.value
    assert "followed up with news" in page.card_steps.value
    assert ("followed up with news", "told") in page.earlier_step.options
    for _ in range(6):  # note drafted ... thanks sent
        page.advance_button.click()
    assert page.advance_button.description == "Mark done: followed up with news"


# -- 2. the cold note's first sentence reads as a sentence for what a client types ----------
def first_sentence(found: str) -> str:
    from workbook.core.conversations.model import Person

    person = Person(id="p", name="Tom Reyes", org="City Archives", found=found)
    note = WORDS.starter("note", WORDS.facts(person, place="City Archives"), minutes=30)
    line = note.split("\n")[2]  # "Hello Tom,", "", then the connection
    return line.split(". ")[0] + "."


@pytest.mark.parametrize("found, expected", [
    # the coach's examples
    ("her article on archives", "I came across your work through your article on archives."),
    ("his article on digitising parish records",
     "I came across your work through your article on digitising parish records."),
    ("my former colleague Dana introduced us at a meetup", "Dana suggested I write to you."),
    ("referred by Ana Silva", "Ana Silva suggested I write to you."),
    ("at the book fair", "I came across your work at the book fair."),
    # ten more, as clients type them
    ("I was referred by Ana Silva at the careers fair", "Ana Silva suggested I write to you."),
    ("through a mutual friend, Ana de Souza introduced us",
     "Ana de Souza suggested I write to you."),
    ("suggested by my manager at the library", "My manager suggested I write to you."),
    ("a podcast interview with him",
     "I came across your work through a podcast interview with you."),
    ("Her LinkedIn post about museum jobs",
     "I came across your work through your LinkedIn post about museum jobs."),
    ("their annual report", "I came across your work through your annual report."),
    ("the Open Kitchen newsletter", "I came across your work through the Open Kitchen newsletter."),
    ("in their podcast on food waste", "I came across your work in your podcast on food waste."),
    ("we met at the Code for Good meetup",
     "I came across your work [where, in a few words to them; you noted: we met at the Code "
     "for Good meetup]."),
    ("saw her speak at a conference.",
     "I came across your work [where, in a few words to them; you noted: saw her speak at a "
     "conference]."),
    ("LinkedIn", "I came across your work through LinkedIn."),
])
def test_the_cold_notes_first_sentence_reads_for_what_was_typed(found, expected):
    assert first_sentence(found) == expected


def test_followups_prints_its_heading_and_totals_in_the_instruments_words(tmp_path, capsys):
    from workbook.cli import main
    from workbook.session.conversations import model

    store = ClientStore(tmp_path / "ws")
    store.save("zoe", answers(), session="2026-11-20")
    tracker = Tracker(store, "zoe")
    book = tracker.change(model.add_op("Ana", org="Parks", today=FRIDAY, person_id="p1"))
    tracker.change(model.step_op(book, "p1", "sent", dt.date(2026, 11, 20), today=FRIDAY))
    own = own_instrument(
        tmp_path,
        ('cli_heading = "Follow-ups due by {date}, oldest first:"',
         'cli_heading = "To do by {date}:"'),
        ('cli_summary = "{follow_ups} for {clients} ({overdue} overdue), of {all_clients} in '
         'the workspace."', 'cli_summary = "{follow_ups}; {overdue} late; {all_clients}."'),
        ('cli_follow_up_many = "follow-ups"', 'cli_follow_up_many = "tasks"'),
        ('cli_client_one = "client"', 'cli_client_one = "person"'),
        ('cli_overdue = "overdue"', 'cli_overdue = "late"'))
    import workbook.cli.followups as fu

    real = fu.followups

    def on_friday(*args, **kwargs):
        return real(*args, today=dt.date(2026, 11, 27), **kwargs)

    fu.followups, saved = on_friday, fu.followups
    try:
        assert main(["followups", "--workspace", str(tmp_path / "ws"), "--days", "3",
                     "--instrument", str(own)]) == 0
    finally:
        fu.followups = saved
    out = capsys.readouterr().out.splitlines()
    # sent Fri 20 Nov: another person Wed 25 Nov (overdue), nudge Tue 1 Dec (3 days on is Mon 30)
    assert out[0] == "To do by Mon 30 Nov 2026:"
    assert out[1].split()[:2] == ["2026-11-25", "late"]
    assert out[-1] == "1 follow-up; 1 late; 1 person."


# -- 3. what the card offers, and when ------------------------------------------------------
def _kinds(book, cadence):
    from workbook.session.conversations import model

    return sorted((book.people[d.person_id].name, d.kind, d.date.isoformat())
                  for d in model.due(book, cadence))


def test_two_notes_out_at_one_place_are_each_others_someone_else():
    from workbook.session.conversations import model

    cad, today = WORDS.cadence, dt.date(2026, 12, 7)
    book = model.Book()
    for pid, name, org in (("tom", "Tom Reyes", "City Archives"), ("sam", "Sam Ortiz",
                                                                     "City Archives"),
                           ("ida", "Ida Berg", "Parks")):
        model.apply(book, model.add_op(name, org=org, today=dt.date(2026, 11, 30),
                                              person_id=pid, book=book))
    model.apply(book, model.step_op(book, "tom", "sent", dt.date(2026, 12, 2),
                                           today=today))
    model.apply(book, model.step_op(book, "ida", "sent", dt.date(2026, 12, 2),
                                           today=today))
    # Tom alone written to at City Archives: write to someone else there, Mon 7 Dec (3
    # working days after Wed 2 Dec); nudge Fri 11 Dec (7)
    assert _kinds(book, cad) == [
        ("Ida Berg", "another", "2026-12-07"), ("Ida Berg", "nudge", "2026-12-11"),
        ("Tom Reyes", "another", "2026-12-07"), ("Tom Reyes", "nudge", "2026-12-11")]
    # a note to Sam drafted today, at the same place: that is the someone else for Tom
    model.apply(book, model.step_op(book, "sam", "drafted", today, today=today))
    assert ("Tom Reyes", "another", "2026-12-07") not in _kinds(book, cad)
    # Sam's note sent today: Tom's is still out, so Sam is not told to find a third person
    model.apply(book, model.step_op(book, "sam", "sent", today, today=today))
    assert _kinds(book, cad) == [
        ("Ida Berg", "another", "2026-12-07"), ("Ida Berg", "nudge", "2026-12-11"),
        ("Sam Ortiz", "nudge", "2026-12-16"), ("Tom Reyes", "nudge", "2026-12-11")]
    # Tom let go: Sam's note is the one out there, and someone else is worth writing to
    # (Thu 10 Dec: 3 working days after Mon 7 Dec)
    model.apply(book, model.let_go_op(book, "tom", today=today))
    assert ("Sam Ortiz", "another", "2026-12-10") in _kinds(book, cad)


def test_a_talk_held_there_before_does_not_count_as_someone_else():
    from workbook.session.conversations import model

    today = dt.date(2026, 12, 7)
    book = model.Book()
    for pid, name in (("mira", "Mira Kovac"), ("ines", "Ines Duarte")):
        model.apply(book, model.add_op(name, org="Open Kitchen",
                                              today=dt.date(2026, 10, 26), person_id=pid,
                                              book=book))
    for step, day in (("sent", dt.date(2026, 10, 27)), ("reply", dt.date(2026, 10, 29))):
        model.apply(book, model.step_op(book, "mira", step, day, today=today))
    model.apply(book, model.step_op(book, "ines", "sent", dt.date(2026, 11, 25),
                                           today=today))
    # Mira answered before Ines was written to: Ines's place still wants a second person
    # (Mon 30 Nov: 3 working days after Wed 25 Nov)
    assert ("Ines Duarte", "another", "2026-11-30") in _kinds(book, WORDS.cadence)


def test_the_card_says_overdue_as_the_list_does(store):
    page = ConversationsPage(store, "ann", today=FRIDAY)
    pid = page.add_person("Ines Duarte", org="Open Kitchen")
    page.record_step("sent", dt.date(2026, 11, 19), person_id=pid)  # a Thursday
    # another: Tue 24 Nov (overdue on Fri 27); nudge Mon 30 Nov (to come)
    assert "overdue since Tue 24 Nov</span>: no reply yet: write to someone else" in (
        page.followups.value)
    assert "<span class='wb-when'>Mon 30 Nov</span>: no reply yet: send a short" in (
        page.followups.value)
    assert page.followups.value.count("wb-overdue") == 1


def test_after_the_last_mark_done_focus_goes_to_the_card_not_the_page(store):
    page = ConversationsPage(store, "ann", today=FRIDAY)
    page.add_person("Mira Kovac", org="Open Kitchen")
    focused = []
    page.undo_button.focus = lambda: focused.append("undo")
    for _ in range(6):  # drafted ... thanked: the button stays, with the next step on it
        page.advance_button.click()
    assert focused == [] and page.advance_button.description == "Mark done: told what came of it"
    page.advance_button.click()
    assert page.advance_button.disabled and focused == ["undo"]


# -- 4. wording ---------------------------------------------------------------------------
def test_the_places_list_says_whom_it_means(store):
    page = ConversationsPage(store, "ann", today=FRIDAY)
    for name, knows in (("Open Kitchen", "yes"), ("City Archives", "unknown"),
                        ("Green Grid", "no")):
        page.place_name.value = name
        page.place_knows.value = knows
        page.place_add.click()
    assert [label for label, _ in page.places_list.options] == [
        "1. Open Kitchen (you know someone there; no one on your list yet)",
        "2. City Archives (not sure whether you know anyone there; no one on your list yet)",
        "3. Green Grid (you know no one there yet; no one on your list yet)"]


def test_the_list_by_place_has_its_own_heading(store):
    page = ConversationsPage(store, "ann", today=FRIDAY)
    page.add_person("Mira Kovac", org="Open Kitchen")
    assert page.list_heading.value == "<h3>The list, first things first</h3>"
    page.show_by("place")
    assert page.list_heading.value == "<h3>The list, place by place</h3>"
    page.show_by("step")
    assert page.list_heading.value == "<h3>The list, first things first</h3>"


def test_every_calendar_title_names_the_person_and_place_first():
    from workbook.cli.followups import Followup, _summary
    from workbook.session.conversations import model

    day = dt.date(2026, 12, 7)
    said = {}
    for kind in model.DUE_KINDS:
        due = model.Due("p", "Mira Kovac", "Open Kitchen", kind, day, day, "Open Kitchen")
        said[kind] = _summary(Followup("rosa", due), WORDS)
    assert said == {
        "another": "rosa: Mira Kovac, Open Kitchen: no reply yet, write to someone else there",
        "nudge": "rosa: Mira Kovac, Open Kitchen: send a short nudge",
        "let_go": "rosa: Mira Kovac, Open Kitchen: let them go kindly",
        "arrange": "rosa: Mira Kovac, Open Kitchen: agree a time",
        "day": "rosa: Mira Kovac, Open Kitchen: talk agreed, no day set yet",  # attacks6 D10
        "talk": "rosa: Mira Kovac, Open Kitchen: the conversation",
        "thank": "rosa: Mira Kovac, Open Kitchen: send thanks",
        "tell": "rosa: Mira Kovac, Open Kitchen: tell them what came of it"}
    alone = model.Due("p", "Ravi", "", "nudge", day, day, "")
    assert _summary(Followup("rosa", alone), WORDS) == "rosa: Ravi: send a short nudge"


def test_take_off_the_list_speaks_to_the_client_not_of_counts():
    said = WORDS.get("remove_kept")
    assert said.startswith("You have already taken a step with them, so they stay on your list.")
    assert "count" not in said and "session" not in said


# -- 5. a nudge on an earlier day; the plan's line from the first session -----------------
def test_a_nudge_sent_on_an_earlier_day_counts_from_that_day_and_shows_on_the_card(store):
    page = ConversationsPage(store, "ann", today=FRIDAY)
    pid = page.add_person("Ines Duarte", org="Open Kitchen")
    page.record_step("sent", dt.date(2026, 11, 19), person_id=pid)  # a Thursday
    assert ("nudge sent", "nudge") in page.earlier_step.options
    assert not page.record_step("nudge", dt.date(2026, 11, 18), person_id=pid)
    assert "before the note was sent (Thu 19 Nov)" in page.earlier_note.value
    assert not page.record_step("nudge", dt.date(2026, 11, 30), person_id=pid)
    assert page.record_step("nudge", dt.date(2026, 11, 23), person_id=pid)  # a Monday
    person = Tracker(store, "ann").read().people[pid]
    assert person.followed == {"nudge": "2026-11-23"}
    # let go 7 working days after Mon 23 Nov: Tue 24 ... Fri 27, Mon 30, Tue 1, Wed 2 Dec
    assert "Wed 2 Dec</span>: still no reply after the nudge" in page.followups.value
    assert "<li>\u2713 nudge sent: Mon 23 Nov</li>" in page.card_steps.value
    assert page.card_steps.value.index("note sent") < page.card_steps.value.index("nudge sent")


def test_the_planned_line_starts_the_week_of_the_first_session(store):
    from workbook.session.conversations import model

    page = ConversationsPage(store, "ann", today=FRIDAY)  # first session Fri 20 Nov
    pid = page.add_person("Mira Kovac", org="Open Kitchen")
    page.record_step("held", dt.date(2026, 10, 29), person_id=pid)  # listed moves back too
    assert page.pace is not None and page._first_session == dt.date(2026, 11, 20)
    captured = []
    real = model.weekly

    def spy(*args, **kwargs):
        captured.append(real(*args, **kwargs))
        return captured[-1]

    model.weekly = spy
    try:
        page.refresh()
    finally:
        model.weekly = real
    rows = captured[-1]
    # six weeks up to the week of Mon 23 Nov; the plan from the week of Mon 16 Nov only
    assert [(m.isoformat(), planned is not None, held) for m, planned, held in rows] == [
        ("2026-10-19", False, 0), ("2026-10-26", False, 1), ("2026-11-02", False, 0),
        ("2026-11-09", False, 0), ("2026-11-16", True, 0), ("2026-11-23", True, 0)]


# -- the coach's other findings -------------------------------------------------------------
def test_a_referral_nudge_keeps_the_connection_first():
    from workbook.core.conversations.model import Book, Person

    book = Book()
    book.people["mira"] = Person(id="mira", name="Mira Kovac", org="Open Kitchen")
    ines = Person(id="ines", name="Ines Duarte", org="Open Kitchen", suggested_by="mira")
    nudge = WORDS.starter("nudge", WORDS.facts(ines, book, place="Open Kitchen"), minutes=30)
    assert nudge.split("\n") == [
        "Hello Ines,", "",
        "Mira Kovac suggested I write to you, and I am following up on my earlier note in "
        "case it slipped by: I would still value 30 minutes of your advice about your work at "
        "Open Kitchen. If the timing is wrong, no reply is needed; I understand.", "",
        "Would a short talk in the next few weeks suit you?"]
    assert len(nudge.split()) == 60 and "job" not in nudge.lower()
    cold = Person(id="tom", name="Tom Reyes", org="City Archives", found="at the book fair")
    assert WORDS.starter("nudge", WORDS.facts(cold, book), minutes=30).split("\n")[2].startswith(
        "A short follow-up to my earlier note")
