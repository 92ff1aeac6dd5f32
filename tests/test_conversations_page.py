"""The conversations page, driven headless: add, advance, earlier days, suggestions, restore.

Dates are hand-computed. The page's day is Friday 27 November 2026; the cadence is the
kit's (another person at the same place after 3 working days, a nudge after 7, letting go
7 after the nudge, thanks within 1).
"""

import datetime as dt
import json

import pytest

from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.session.conversations import JOURNAL, Tracker
from workbook.session.widgets import ConversationsPage, SessionApp
from workbook.session.widgets.session import NO_SESSION, SESSION_ENDED

INST = load_instrument()
WORDS = Words(INST)
FRIDAY = dt.date(2026, 11, 27)


def answers(hours=6, chosen=None):
    """Every statement 'Agree' (ready; energy a little: half pace) and the hours a week.

    6 hours at 120 minutes a conversation fit 3 a week; half pace: 1.5.
    """
    out = {ing.id: {"items": {i.id: 4 for i in ing.items}} for ing in INST.ingredients}
    out["time"]["tool"] = {"hours_per_week": hours}
    out["ambition"]["tool"] = {"north_star": "work with books",
                               "motivators": ["meaning", "freedom"]}
    if chosen is not None:
        out["pace"] = {"tool": {"chosen_per_week": chosen}}
    return out


def page_for(store, client="ann", today=FRIDAY):
    return ConversationsPage(store, client, today=today)


def on_disk(store, client="ann"):
    return Tracker(store, client).read()


def add_by_hand(page, name, **fields):
    """Type in the add form and press Add, as a coach would."""
    page.name.value = name
    for key, value in fields.items():
        getattr(page, key).value = value
    page.add_button.click()


def test_add_from_the_form_saves_the_person_and_opens_their_card(store):
    page = page_for(store)
    add_by_hand(page, "Ana Ruiz", org="City Library", found="a talk", why="runs the archive",
                priority=1)
    (person,) = on_disk(store).people.values()
    assert (person.name, person.org, person.found, person.why, person.priority) == (
        "Ana Ruiz", "City Library", "a talk", "runs the archive", 1)
    assert person.steps == {"noted": "2026-11-27"}
    assert page.chooser.options == (("Ana Ruiz (City Library): listed", person.id),)
    assert page.chooser.value == person.id and page.card.layout.display is None
    assert page.name.value == "" and page.org.value == ""  # ready for the next one
    assert "Working with ann" in page.strip.value


def test_an_empty_name_is_refused_beside_the_box_and_nothing_is_saved(store):
    page = page_for(store)
    add_by_hand(page, "   ", org="Parks")
    assert WORDS.get("name_missing") in page.name_note.value
    assert not (store.folder("ann") / JOURNAL).exists()
    assert page.org.value == "Parks"  # what was typed stays, to be completed
    add_by_hand(page, "Sam")
    assert page.name_note.value == "" and len(on_disk(store).people) == 1


def test_one_click_moves_a_person_one_step_and_names_the_next(store):
    page = page_for(store)
    add_by_hand(page, "Ana")
    assert page.advance_button.description == "Mark done: note drafted"
    page.advance_button.click()
    (person,) = on_disk(store).people.values()
    assert person.steps == {"noted": "2026-11-27", "drafted": "2026-11-27"}
    assert page.advance_button.description == "Mark done: note sent"
    assert page.chooser.options[0][0] == "Ana: note drafted"
    page.undo_button.click()
    assert on_disk(store).people[person.id].stage == "noted"


def test_a_step_on_an_earlier_day_and_what_falls_due(store):
    page = page_for(store)
    add_by_hand(page, "Ana", org="Parks")
    page.earlier_step.value = "sent"
    page.earlier_date.value = dt.date(2026, 11, 19)  # a Thursday
    page.earlier_button.click()
    (person,) = on_disk(store).people.values()
    assert person.date("sent") == dt.date(2026, 11, 19)
    # another: 3 working days after Thu 19 = Tue 24 (overdue); nudge: 7 after = Mon 30
    due = page.due_box.value
    assert "overdue since Tue 24 Nov" in due and "(Mon 30 Nov)" in due
    assert due.index("Tue 24 Nov") < due.index("Mon 30 Nov")
    assert due.count("class='wb-overdue'") == 1
    assert page.nudge_button.layout.display is None
    assert page.let_go_box.layout.display == "none"  # no nudge sent yet: nothing to let go
    page.nudge_button.click()
    assert on_disk(store).people[person.id].followed == {"nudge": "2026-11-27"}
    assert "Mon 30 Nov" not in page.due_box.value
    assert page.nudge_button.layout.display == "none"
    # the nudge sent, letting go falls due 7 working days on (Tue 8 Dec): said on the card,
    # and offered from that day on, not on the day of the nudge (coach21)
    assert "Tue 8 Dec" in page.followups.value
    assert page.let_go_box.layout.display == "none"
    for day, shown in ((dt.date(2026, 12, 7), "none"), (dt.date(2026, 12, 8), None)):
        later = page_for(store, today=day)
        later.choose(person.id)
        assert later.let_go_box.layout.display == shown, day
    assert WORDS.get("let_go_words") in _on_screen(later.let_go_box)


def test_coming_up_today(store):
    page = page_for(store)
    add_by_hand(page, "Ana", org="Parks")
    page.record_step("sent", dt.date(2026, 11, 24))  # a Tuesday
    # another: 3 working days after Tue 24 = Fri 27 (today); nudge: 7 after = Thu 3 Dec
    # (the place beside the name, the instrument's words after it)
    assert ("<b>Ana</b>, Parks <span class='wb-when'>(today)</span>: "
            f"{WORDS.get('due_another')}</li>") in page.due_box.value
    assert "(Thu 3 Dec)</span>: no reply yet: send a short, friendly nudge" in (
        page.due_box.value)
    assert "Thu 3 Dec" in page.followups.value  # the card lists every open follow-up


def test_coming_up_looks_seven_days_ahead_from_a_saturday(store):
    saturday = dt.date(2026, 11, 28)
    page = page_for(store, today=saturday)
    assert WORDS.get("due_none", days="seven") in page.due_box.value
    assert "Nothing is due in the next seven days." in page.due_box.value  # words, as the page
    assert "Coming up in the next seven days" in page.due_heading.value
    ana = page.add_person("Ana", org="Parks")
    page.record_step("sent", dt.date(2026, 11, 26), person_id=ana)  # Thursday
    bo = page.add_person("Bo")
    page.record_step("sent", dt.date(2026, 11, 16), person_id=bo)  # Monday, a week before
    cy, di = page.add_person("Cy"), page.add_person("Di")
    for pid in (cy, di):  # a day is set once a time is agreed (round 8 G13)
        page.record_step("arranged", saturday, person_id=pid)
    page.edit("meeting", dt.date(2026, 12, 5), person_id=cy)  # Saturday + 7: the last day
    page.edit("meeting", dt.date(2026, 12, 6), person_id=di)  # one day too far
    # Bo (no place: no one else to write to): nudge 7 working days after Mon 16 = Wed 25
    # (overdue); Ana: another Tue 1 Dec (her nudge, Mon 7 Dec, is too far); Cy's talk Sat
    # 5 Dec. To Sunday only (the old look) neither of the last two would be listed.
    due = page.due_box.value
    order = ["overdue since Wed 25 Nov", "(Tue 1 Dec)", "(Sat 5 Dec)"]
    assert [due.index(w) for w in order] == sorted(due.index(w) for w in order)
    assert due.count("<li") == 3 and "Di" not in due and "Sun 6 Dec" not in due
    from workbook.cli.followups import followups
    listed = followups(store.root, today=saturday)  # the coach's list agrees with the page
    assert len(listed.items) == 3


def test_a_future_held_is_refused_with_a_message_beside_the_date(store):
    page = page_for(store)
    add_by_hand(page, "Ana")
    before = (store.folder("ann") / JOURNAL).read_bytes()
    page.earlier_step.value = "held"
    page.earlier_button.click()  # no day chosen
    assert WORDS.get("earlier_missing") in page.earlier_note.value
    page.earlier_date.value = dt.date(2026, 11, 30)  # typed: kept as typed, then refused
    assert page.earlier_date.value == dt.date(2026, 11, 30)
    page.earlier_button.click()
    assert page.earlier_note.value == (
        '<p class="wb-field-note" style="color:#B00020">Conversation held on Mon 30 Nov: '
        "that day is still to come. Record a step once it has happened; the day an agreed "
        "conversation will take place has a box of its own.</p>")
    assert (store.folder("ann") / JOURNAL).read_bytes() == before
    page.earlier_date.value = dt.date(2026, 11, 26)
    page.earlier_button.click()  # held before sent: kept, and flagged for the coach
    assert page.earlier_note.value == ""
    assert "conversation held is marked, note sent is not" in page.card_flags.value


def test_a_suggestion_becomes_a_person_in_one_click(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    page.suggested.value = "Kim Ode\n\nLu Park\nKim Ode"
    assert on_disk(store).people[ana].suggested == "Kim Ode\n\nLu Park\nKim Ode"
    page.suggest_button.click()
    people = on_disk(store).people
    new = [p for p in people.values() if p.suggested_by == ana]
    assert sorted(p.name for p in new) == ["Kim Ode", "Lu Park"]
    assert all(p.found == "suggested by Ana" for p in new)
    page.suggest_button.click()  # nobody twice
    assert len(on_disk(store).people) == 3
    assert WORDS.get("suggest_added") in page.suggest_note.value


def test_everything_is_back_after_a_restart(store):
    page = page_for(store)
    ana = page.add_person("Ana", org="Parks")
    page.advance()
    page.note.value = "Hello Ana, a short note."
    page.learned.value = "start with volunteering"
    page.record_step("arranged", FRIDAY)  # a day is set once a time is agreed (round 8 G13)
    page.meeting.value = dt.date(2026, 12, 3)
    page.set_share(True, True)
    again = page_for(store)  # a new kernel, the same workspace
    assert again.chooser.options == page.chooser.options
    again.choose(ana)
    assert again.note.value == "Hello Ana, a short note."
    assert again.learned.value == "start with volunteering"
    assert again.meeting.value == dt.date(2026, 12, 3)
    assert again.advance_button.description == "Mark done: conversation held"
    assert again.share_report.value and again.share_names.value


def test_the_note_starter_opens_with_the_connection_and_is_not_saved_untouched(store):
    page = page_for(store)
    ana = page.add_person("Ana Ruiz", org="Parks", found="suggested by Mira Kovac")
    note = page.note.value
    assert note.startswith("Hello Ana,\n\nMira Kovac suggested I write to you. ")
    assert "your work at Parks" in note and "job" not in note.lower()
    assert note.endswith("Would you have 30 minutes for a short talk, by phone or in "
                         "person, in the next few weeks?")
    # about them, not the sender: the client's north star and motivators are not in it
    assert "work with books" not in note and "meaning" not in note
    assert on_disk(store).people[ana].note == ""  # offered, not saved
    assert WORDS.get("starter_hint") in _on_screen(page.outreach_box)


def test_remove_asks_first(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    page.remove_button.click()
    assert page.confirm.layout.display is None and "Take Ana off the list?" in \
        page.confirm_text.value
    page.remove_no.click()
    assert page.confirm.layout.display == "none" and ana in on_disk(store).people
    page.remove_button.click()
    page.remove_yes.click()
    assert on_disk(store).people == {} and page.card.layout.display == "none"


def test_a_not_now_client_sees_a_quiet_list_for_later(store):
    store.save("bo", answers(hours=0), session="2026-11-20")  # no hours: not now
    page = page_for(store, "bo")
    assert page.later and page.pace is None
    assert WORDS.get("later_heading") in page.title.value
    assert page.due_heading.layout.display == "none" and page.due_box.value == ""
    assert page.chart.layout.display == "none" and page.chart.value == ""
    bo_friend = page.add_person("Kim")
    page.record_step("sent", dt.date(2026, 11, 2))
    assert on_disk(store, "bo").people[bo_friend].stage == "sent"  # kept
    assert page.due_box.value == "" and page.follow_box.layout.display == "none"


def test_the_chart_shows_planned_against_held(store):
    store.save("cy", answers(chosen=1.0), session="2026-11-20")
    page = page_for(store, "cy")
    assert page.pace == 1.0  # chose 1 a week, under the 1.5 hours and energy allow
    ana = page.add_person("Ana")
    page.record_step("held", dt.date(2026, 11, 26), person_id=ana)
    alt = page.chart.value.split('alt="')[1].split('"')[0]
    assert alt.endswith("week of 16 Nov: held 0; week of 23 Nov: planned 1, held 1.")
    assert "week of 19 Oct: held 0" in alt  # six weeks, nothing planned before the list
    # as many as fit: 6 h at 120 min is 3 a week, half pace 1.5, which reads "1 conversation
    # a week": 1 is planned, as the profile and the report say
    assert page_for(store).pace == 1.0


def test_names_with_markup_are_escaped_everywhere(store):
    page = page_for(store)
    name = "<b>Bo</b> & <script>x</script>"
    page.add_person(name, org="<i>Org</i>", why="<u>why</u>")
    page.record_step("sent", dt.date(2026, 11, 19))
    shown = page.card_head.value + page.due_box.value + page.followups.value
    assert "<b>Bo</b>" not in shown and "<script>" not in shown and "<i>Org" not in shown
    assert "&lt;b&gt;Bo&lt;/b&gt; &amp; &lt;script&gt;" in page.card_head.value
    assert "&lt;b&gt;Bo&lt;/b&gt;" in page.due_box.value
    assert "<u>" not in page.card_head.value
    page.remove_button.click()
    assert "<script>" not in page.confirm_text.value


def test_two_pages_saving_at_once_lose_nothing(store):
    first, second = page_for(store), page_for(store)
    ana = first.add_person("Ana")
    bo = second.add_person("Bo")  # second never saw Ana
    first.advance(ana)
    second.edit("note", "for Ana, from the second page", person_id=ana)
    second.advance(bo)
    people = on_disk(store).people
    assert people[ana].stage == "drafted" and people[ana].note.startswith("for Ana")
    assert people[bo].stage == "drafted"


def test_a_page_with_no_session_shows_nobody_and_saves_nothing(store):
    page = ConversationsPage(store, None, today=FRIDAY)  # no session open
    assert page.client is None and NO_SESSION in page.errors
    assert page.add_person("Ana") is None
    assert not (store.folder("ann") / JOURNAL).exists()
    assert store.clients() == ["ann"]
    store.set_current("ann")
    ended = page_for(store)
    ended.session_open = lambda: False  # ended in another tab
    assert ended.add_person("Ana") is None and SESSION_ENDED in ended.errors
    assert not (store.folder("ann") / JOURNAL).exists()


def test_the_session_app_shows_the_page_after_the_profile_and_refreshes_it(store):
    app = SessionApp(store, client_id="ann")
    assert app.order()[-2:] == ["profile", "conversations"]
    app.show("conversations")
    page = app.screen("conversations")
    assert isinstance(page, ConversationsPage) and page.client == "ann" and not page.later
    assert page.strip.layout.display == "none"  # the app's strip names the client
    store.save("ann", {"time": answers(hours=0)["time"]})  # today: no hours any more
    app.show("profile")
    app.show("conversations")
    assert page.later and page.chart.layout.display == "none"
    app.end_session()
    assert page.add_person("Ana") is None and SESSION_ENDED in page.errors


@pytest.mark.notebook
def test_the_notebook_shows_the_page_of_the_open_client(store, tmp_path):
    from pathlib import Path

    import nbformat
    import papermill as pm

    store.set_current("ann")
    Tracker(store, "ann").change({"op": "add", "id": "p1", "date": "2026-11-26",
                                  "fields": {"name": "Kim <Ode>", "priority": 1}})
    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "07-conversations.ipynb"
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False,
                        parameters={"workspace": str(store.root)}, cwd=str(tmp_path))
    shown = json.dumps(nbformat.read(out, as_version=4).metadata.get("widgets", {}))
    assert "Kim <Ode>: listed" in shown  # the Select's option (drawn as text, not markup)


def test_the_weekly_chart_draws_the_numbers_it_is_given():
    from workbook.core.conversations.chart import weekly_alt, weekly_svg

    rows = [(dt.date(2026, 11, 16), None, 0), (dt.date(2026, 11, 23), 1.0, 2),
            (dt.date(2026, 11, 30), 0.5, 0)]
    svg = weekly_svg(rows)
    assert svg.count('class="held"') == 1 and svg.count('class="planned"') == 2
    # The axis goes to 2 (the most held); a bar of 2 fills the plot: 200 - 58 - 14 = 128.
    assert 'height="128.0"' in svg
    assert ">16 Nov<" in svg and ">30 Nov<" in svg
    assert weekly_alt(rows).endswith(
        ": week of 16 Nov: held 0; week of 23 Nov: planned 1, held 2; "
        "week of 30 Nov: planned 0.5, held 0.")


def test_an_incomplete_picture_shows_due_dates_but_no_chart(store):
    store.save("dee", {"hope": answers()["hope"]}, session="2026-11-20")  # four pages to go
    page = page_for(store, "dee")
    assert not page.later and page.pace is None
    page.add_person("Ana", org="Parks")
    page.record_step("sent", dt.date(2026, 11, 24))
    assert page.due_box.layout.display is None
    assert "(today)" in page.due_box.value  # another: 3 working days after Tue 24
    assert WORDS.get("chart_none") in page.chart.value and "<img" not in page.chart.value


def test_a_damaged_list_is_rebuilt_and_the_page_says_so(store):
    from workbook.session.conversations import SNAPSHOT

    page_for(store).add_person("Ana")
    (store.folder("ann") / SNAPSHOT).write_text("{ not json")
    page = page_for(store)  # the store's warning is caught and shown on the page
    assert [p.name for p in page.book.people.values()] == ["Ana"]
    assert any("moved to conversations.json.corrupt-" in m for m in page.errors)


def test_undo_on_a_page_not_yet_redrawn_takes_back_the_step_on_disk(store):
    first, second = page_for(store), page_for(store)
    pid = first.add_person("Ana Ruiz")
    first.advance()
    first.advance()  # note sent
    second.refresh()
    second.advance(pid)  # reply came, on the other page
    first.undo(pid)  # this page still shows "note sent" as the furthest step
    # round 8 G2: the reply, never shown here, is not taken back; the page says so
    assert sorted(on_disk(store).people[pid].steps) == ["drafted", "noted", "reply", "sent"]
    assert WORDS.get("changed_elsewhere") in first.errors


def test_details_can_be_changed_after_adding(store):
    page = page_for(store)
    ana = page.add_person("City Library")  # the place first, a name later
    other = page.add_person("Bo")
    page.choose(ana)
    assert page.details_box.layout.display == "none"
    page.details_toggle.value = True
    assert page.details_box.layout.display is None
    assert (page.edit_name.value, page.edit_org.value, page.edit_priority.value) == (
        "City Library", "", 2)
    before = (store.folder("ann") / JOURNAL).read_bytes()
    page.edit_name.value = "  "
    page.details_save.click()
    assert WORDS.get("name_missing") in page.edit_name_note.value
    assert (store.folder("ann") / JOURNAL).read_bytes() == before  # nothing saved
    page.edit_name.value, page.edit_org.value = "Ana Ruiz", " City Library "
    page.edit_found.value, page.edit_why.value = "a talk", "runs the archive"
    page.edit_priority.value = 1
    page.details_save.click()
    person = on_disk(store).people[ana]
    assert (person.name, person.org, person.found, person.why, person.priority) == (
        "Ana Ruiz", "City Library", "a talk", "runs the archive", 1)
    assert page.edit_name_note.value == "" and page.details_box.layout.display == "none"
    assert not page.details_toggle.value
    # first things first: priority 1 now leads the list, under its new label
    assert page.chooser.options == (("Ana Ruiz (City Library): listed", ana),
                                    ("Bo: listed", other))
    assert "<h3>Ana Ruiz</h3>" in page.card_head.value
    assert "Hello Ana," in page.note.value  # the starter follows the name (the first one)


def test_a_suggestion_with_a_place_gives_name_and_place(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    page.edit("suggested", "Omar Haddad at City Archives\nJo Kim, Parks Dept\nLu Park",
              person_id=ana)
    assert "Name at Place or Name, Place" in page.suggested.placeholder  # the forms, said
    page.suggest(ana)
    new = sorted((p.name, p.org) for p in on_disk(store).people.values()
                 if p.suggested_by == ana)
    assert new == [("Jo Kim", "Parks Dept"), ("Lu Park", ""),
                   ("Omar Haddad", "City Archives")]
    assert page.suggest(ana) == []  # the split names are known: nobody twice


def test_notes_beside_boxes_are_cleared_on_another_card_and_on_showing_again(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    bo = page.add_person("Bo")
    page.choose(ana)
    page.edit("suggested", "Kim", person_id=ana)
    page.suggest(ana)
    page.suggest(ana)
    # only information: the quiet style, not the error colour
    assert page.suggest_note.value == (
        '<p class="wb-conv-info" role="status">Already on the list from this talk.</p>')
    page.earlier_button.click()  # no day chosen
    page.details_toggle.value = True
    page.edit_name.value = ""
    page.details_save.click()
    assert page.earlier_note.value and page.edit_name_note.value
    page.choose(bo)
    assert (page.suggest_note.value, page.earlier_note.value, page.edit_name_note.value) == (
        "", "", "")
    assert page.details_box.layout.display == "none" and not page.details_toggle.value
    page.choose(ana)
    page.suggest(ana)
    page.add_button.click()  # no name
    assert page.suggest_note.value and page.name_note.value
    page.refresh()  # the page shown again
    assert (page.suggest_note.value, page.name_note.value) == ("", "")


def test_a_not_now_card_is_quiet(store):
    store.save("bo", answers(hours=0), session="2026-11-20")
    page = page_for(store, "bo")
    kim = page.add_person("Kim", org="Parks")
    page.record_step("sent", dt.date(2026, 11, 2), person_id=kim)
    assert page.later and page.card.layout.display is None
    assert page.outreach_box.layout.display == "none"  # no note starter, no question guide
    assert page.follow_box.layout.display == "none"
    assert page.advance_button.button_style == ""  # a plain button, not the primary one
    assert page.advance_button.description == "Mark done: reply came"
    page.advance_button.click()
    assert on_disk(store, "bo").people[kim].stage == "reply"
    ready = page_for(store)  # a ready client's card is as before
    ready.add_person("Ana")
    assert ready.outreach_box.layout.display is None
    assert ready.follow_box.layout.display is None
    assert ready.advance_button.button_style == "primary"


# -- one voice (issue 19): the page says what the one plan says --------------------------------
def low_energy(hours=6):
    """Ready answers with every energy statement against (energy not yet: not now)."""
    out = answers(hours)
    energy = INST.ingredient("energy").items
    out["energy"] = {"items": {i.id: 4 if i.reverse else 1 for i in energy}}
    return out


def owing(page):
    """A held talk with thanks owed, a talk booked for next week, a reply waiting."""
    held = page.add_person("Hal", org="Museum")
    page.record_step("held", dt.date(2026, 11, 26), person_id=held)
    booked = page.add_person("Bea")
    page.record_step("arranged", dt.date(2026, 11, 25), person_id=booked)
    page.edit("meeting", dt.date(2026, 12, 2), person_id=booked)
    waiting = page.add_person("Wil")
    page.record_step("reply", dt.date(2026, 11, 24), person_id=waiting)
    sent = page.add_person("Sue")
    page.record_step("sent", dt.date(2026, 11, 2), person_id=sent)
    return held, booked


def test_not_now_keeps_what_is_owed_with_a_kind_line(store):
    store.save("cat", low_energy(), session="2026-11-20")
    page = page_for(store, "cat")
    owing(page)
    assert page.later and page.plan.quiet
    # Hal's thanks: 1 working day after Thu 26 Nov is Fri 27 (today); Bea's talk on Wed 2 Dec
    assert page.due_box.value.count("<li") == 2
    assert "<b>Hal</b>, Museum <span class='wb-when'>(today)</span>: send thanks" in \
        page.due_box.value
    assert "<b>Bea</b> <span class='wb-when'>(Wed 2 Dec)</span>: the day of the " \
        "conversation" in page.due_box.value
    for asked in ("agree a time", "nudge", "someone else"):
        assert asked not in page.due_box.value
    assert WORDS.get("owed_heading") in page.due_heading.value
    assert page.plan.owed_line(page.book) in page.owed_note.value
    assert page.due_heading.layout.display is None and page.owed_note.layout.display is None
    assert WORDS.get("later_intro_owed") in page.intro.value
    assert "nothing here is due" not in page.intro.value
    assert page.chart.layout.display == "none" and page.pace is None


def test_once_every_promise_is_kept_the_quiet_list_says_so(store):
    store.save("cat", low_energy(), session="2026-11-20")
    page = page_for(store, "cat")
    held = page.add_person("Hal")
    page.record_step("held", dt.date(2026, 11, 26), person_id=held)
    assert "send thanks" in page.due_box.value
    page.advance(held)  # thanks sent
    assert page.due_box.value == "" and page.due_heading.layout.display == "none"
    assert page.owed_note.value == ""
    assert WORDS.get("later_intro") in page.intro.value


def test_an_incomplete_picture_with_energy_closed_lists_no_nudge(store):
    energy = low_energy()["energy"]
    store.save("eve", {"hope": answers()["hope"], "time": answers()["time"],
                       "energy": energy}, session="2026-11-20")  # two pages to go
    page = page_for(store, "eve")
    kim = page.add_person("Kim")
    page.record_step("sent", dt.date(2026, 11, 2), person_id=kim)  # nudge long overdue
    assert page.plan.verdict == "incomplete" and page.later
    assert "nudge" not in page.due_box.value and page.due_box.value == ""
    assert page.outreach_box.layout.display == "none"
    assert page.chart.layout.display == "none"


def test_a_client_tending_first_has_no_planned_line(store):
    tend = answers()
    hope = INST.ingredient("hope").items
    tend["hope"] = {"items": {i.id: 4 if i.reverse else 1 for i in hope}}
    store.save("tia", tend, session="2026-11-20")
    page = page_for(store, "tia")
    assert page.plan.verdict == "build_first" and page.plan.pace is not None
    held = page.add_person("Hal")
    page.record_step("held", dt.date(2026, 11, 26), person_id=held)
    assert page.pace is None
    assert 'class="planned"' not in page.chart.value  # the chart: held only
    alt = page.chart.value.split('alt="')[1].split('"')[0]
    assert alt.endswith("week of 23 Nov: held 1.") and "planned" not in alt.split(": ", 1)[1]


def test_coming_up_looks_as_far_as_the_plan(store, tmp_path):
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "[conversations]\n", "[conversations]\nlook_ahead_days = 3\n", 1)
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    page = ConversationsPage(store, "ann", today=FRIDAY, instrument=tmp_path / "mine.toml")
    assert page.plan.look_ahead_days == 3
    kim = page.add_person("Kim")
    page.record_step("sent", FRIDAY, person_id=kim)
    # no place, so no one else to write to; the nudge, Tue 8 Dec, is past the 3 days
    assert "next three days" in page.due_heading.value
    assert page.due_box.value == "<p>Nothing is due in the next three days.</p>"
    assert "next seven days" in page_for(store).due_heading.value  # the kit's own: 7


def test_the_cards_flags_for_the_coach_start_closed(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    page.record_step("held", dt.date(2026, 11, 26), person_id=ana)  # no note sent
    flags = page.card_flags.value
    assert flags.startswith("<details class='wb-coach-box'><summary><b>For the coach")
    assert " open" not in flags.split(">", 1)[0]  # a click opens it


def _on_screen(widget) -> str:
    """The text a widget shows (parts hidden with display 'none' left out)."""
    if getattr(getattr(widget, "layout", None), "display", None) == "none":
        return ""
    own = str(getattr(widget, "value", "")) if hasattr(widget, "value") and isinstance(
        getattr(widget, "value", None), str) else ""
    return own + "\n" + "\n".join(_on_screen(c) for c in getattr(widget, "children", ()) or ())


def _advance_to(page, step):
    while on_disk(page.store).people and next(iter(on_disk(page.store).people.values())
                                              ).stage != step:
        page.advance_button.click()


def test_a_card_offers_the_note_starter_only_before_the_note_is_sent(store):
    page = page_for(store)
    add_by_hand(page, "Ana Ruiz", org="City Library")
    starter = "I came across your work [where: at a talk, in an article]."
    assert starter in _on_screen(page.card)
    assert WORDS.get("starter_heading") in _on_screen(page.card)
    _advance_to(page, "sent")  # sent today: the nudge is open, due in 7 working days
    assert WORDS.get("nudge_heading") not in _on_screen(page.card)  # not yet (coach21)
    nudge_day = page_for(store, today=dt.date(2026, 12, 8))  # Fri 27 Nov + 7 working days
    nudge_day.choose(next(iter(on_disk(store).people)))
    said = _on_screen(nudge_day.card)
    assert WORDS.get("nudge_heading") in said
    assert "A short follow-up to my earlier note" in said and "Hello Ana," in said
    _advance_to(page, "arranged")  # written to, a time agreed: no note to start from
    said = _on_screen(page.card)
    assert starter not in said and WORDS.get("starter_heading") not in said
    assert WORDS.get("nudge_heading") not in said  # they answered: no nudge
    assert WORDS.get("questions_heading") in said  # the questions still help before the talk
    page.learned.value = "Volunteering is the usual way in.\nAsk about the spring fair."
    _advance_to(page, "held")  # held: the thank-you framing, nothing of outreach
    said = _on_screen(page.card)
    assert starter not in said and WORDS.get("questions_heading") not in said
    assert WORDS.get("thanks_hint") in said
    # the thank-you starter names one thing learned: the first line of "What you learned"
    assert "One thing I took away: Volunteering is the usual way in. " in said
    assert WORDS.get("told_heading") not in said
    _advance_to(page, "thanked")
    said = _on_screen(page.card)
    assert WORDS.get("thanks_hint") not in said
    assert WORDS.get("told_heading") in said  # some weeks on: what came of their advice
    assert "one thing I took away was this: Volunteering is the usual way in." in said
    assert page.advance_button.description == "Mark done: told what came of it"
    _advance_to(page, "told")
    assert WORDS.get("told_heading") not in _on_screen(page.card)
    assert page.advance_button.disabled


def test_a_note_written_before_it_was_sent_is_still_shown_after(store):
    page = page_for(store)
    add_by_hand(page, "Ana Ruiz", org="City Library")
    page.note.value = "Dear Ana, my own words."
    _advance_to(page, "sent")
    said = _on_screen(page.card)
    assert "Dear Ana, my own words." in said and WORDS.get("starter_heading") not in said


def test_hiding_the_note_hides_no_other_text_box(store):
    from workbook.session.widgets.base import WIDE

    page = page_for(store)
    add_by_hand(page, "Ana Ruiz", org="City Library")
    _advance_to(page, "sent")  # no note written: the note box is hidden
    assert page.note.layout.display == "none"
    assert WIDE.display != "none" and page.learned.layout.display != "none"


# -- issue 21: places, the list by place, let go, "How soon" -------------------------------
def test_how_soon_starts_again_after_add(store):
    page = page_for(store)
    add_by_hand(page, "Ana", priority=1)
    assert on_disk(store).people[page.selected].priority == 1
    assert page.priority.value == 2  # the next person starts at "Soon", as the form did
    assert (page.name.value, page.org.value, page.found.value, page.why.value) == ("",) * 4


def test_places_are_added_ranked_changed_and_taken_off(store):
    page = page_for(store)
    assert WORDS.get("places_empty") in page.places_note.value
    kitchen = page.add_place("Open Kitchen", drawn="food and people", knows="yes")
    library = page.add_place("City Library", knows="no")
    parks = page.add_place("Parks")
    assert page.add_place("  ") is None and WORDS.get("place_missing") in page.place_note.value
    assert page.add_place("city  library") is None  # the same place, written another way
    assert "on your list of places already" in page.place_note.value
    assert page.places_list.options == (
        ("1. Open Kitchen (you know someone there; no one on your list yet)", kitchen),
        ("2. City Library (you know no one there yet; no one on your list yet)", library),
        ("3. Parks (not sure whether you know anyone there; no one on your list yet)", parks))
    assert (page.place_name.value, page.place_knows.value) == ("", "unknown")  # reset
    page.choose_place(parks)
    assert page.place_card.layout.display is None and page.place_down.disabled
    page.place_up.click()
    assert [p.id for p in on_disk(store).places.values()] == [kitchen, parks, library]
    page.edit_place_name.value = "City Parks"
    page.edit_place_knows.value = "yes"
    page.place_save.click()
    assert (on_disk(store).places[parks].name, on_disk(store).places[parks].knows) == (
        "City Parks", "yes")
    page.choose_place(kitchen)
    page.place_remove.click()
    assert list(on_disk(store).places) == [parks, library]
    assert page.place_card.layout.display == "none"


def test_people_belong_to_a_place_or_none_and_the_list_shows_them_by_place(store):
    page = page_for(store)
    kitchen = page.add_place("Open Kitchen", knows="yes")
    library = page.add_place("City Library")
    assert page.org.options == ("Open Kitchen", "City Library")  # offered when adding
    ines = page.add_person("Ines Duarte", org="Open Kitchen")
    tom = page.add_person("Tom Berg", org="open kitchen")  # the same place
    lu = page.add_person("Lu Park")  # no place
    gym = page.add_person("Sam", org="Gym")  # a new place, listed as it is added
    book = on_disk(store)
    assert [book.people[p].place for p in (ines, tom)] == [kitchen, kitchen]
    assert book.people[lu].place == "" and len(book.places) == 3
    assert book.people[gym].place == list(book.places)[-1]
    assert page.places_list.options[0] == (
        "1. Open Kitchen (you know someone there; two people on your list)", kitchen)
    assert page.places_list.options[1][0].endswith("; no one on your list yet)")
    assert page.by_place.layout.display == "none"  # by next step first
    page.show_by("place")
    assert page.view.value == "place" and page.by_place.layout.display is None
    shown = page.by_place.value
    order = ["<b>Open Kitchen</b>", "<li>Ines Duarte: listed</li>",
             "<li>Tom Berg: listed</li>", "<b>City Library</b>",
             WORDS.get("place_people_none"), "<b>Gym</b>", "<li>Sam: listed</li>",
             "<b>No place</b>", "<li>Lu Park: listed</li>"]
    assert [shown.index(w) for w in order] == sorted(shown.index(w) for w in order)
    # the list to open a card follows the places' order too
    assert [v for _label, v in page.chooser.options] == [ines, tom, gym, lu]
    page.view.value = "step"
    assert page.by_place.layout.display == "none"
    assert library in on_disk(store).places


def test_the_same_name_at_two_places_is_two_people(store):
    page = page_for(store)
    mira = page.add_person("Mira Kovac")
    page.suggested.value = "Ana Ruiz at Open Kitchen\nAna Ruiz at City Library"
    new = page.suggest(mira)
    book = on_disk(store)
    assert len(new) == 2
    assert sorted(book.people[p].org for p in new) == ["City Library", "Open Kitchen"]
    assert page.suggest(mira) == [] and WORDS.get("suggest_added") in page.suggest_note.value
    page.choose(new[0])  # a suggestion is a referral: the note names who suggested them
    assert page.note.value.startswith("Hello Ana,\n\nMira Kovac suggested I write to you.")


def test_someone_written_to_is_let_go_not_taken_off(store):
    page = page_for(store)
    ana = page.add_person("Ana", org="Parks")
    page.record_step("sent", dt.date(2026, 11, 2))
    page.remove_button.click()
    said = _on_screen(page.confirm)
    assert WORDS.get("remove_kept") in said
    assert page.remove_yes.layout.display == "none"
    assert page.remove_let_go.layout.display is None  # offered instead
    page.remove_let_go.click()
    person = on_disk(store).people[ana]
    assert person.let_go == "2026-11-27" and ana in on_disk(store).people
    assert page.closed_box.layout.display is None
    assert "Let go on Fri 27 Nov; nothing more is due." in page.closed_text.value
    assert WORDS.get("let_go_words") in _on_screen(page.closed_box)  # silence is not them
    assert page.follow_box.layout.display == "none" and "Ana" not in page.due_box.value
    assert page.chooser.options == (("Ana (Parks): let go", ana),)
    assert page.advance_button.layout.display == "none"  # not "every step is done"
    page.let_go_undo.click()
    assert on_disk(store).people[ana].let_go == ""
    assert page.closed_box.layout.display == "none"
    assert page.advance_button.layout.display is None
    assert page.advance_button.description == "Mark done: reply came"


def test_someone_only_listed_can_still_be_taken_off(store):
    page = page_for(store)
    page.add_person("Ana")
    page.remove_button.click()
    assert page.remove_yes.layout.display is None
    assert page.remove_let_go.layout.display == "none"
    page.remove_yes.click()
    assert on_disk(store).people == {}


def test_after_a_talk_there_is_nothing_to_let_go(store):
    page = page_for(store)
    ana = page.add_person("Ana")
    page.record_step("held", dt.date(2026, 11, 26), person_id=ana)
    page.remove_button.click()
    assert WORDS.get("remove_kept") in _on_screen(page.confirm)
    assert page.remove_let_go.layout.display == "none"  # thanks finish them instead


def test_many_coming_up_are_counted_in_words(store):
    from workbook.session.widgets import conv_list

    page = page_for(store)
    for n in range(14):  # each: another (Thu 5 Nov) and a nudge (Wed 11 Nov); 28 in all
        pid = page.add_person(f"P{n}", org=f"Parks {n}")  # one each: each has "another"
        page.record_step("sent", dt.date(2026, 11, 2), person_id=pid)
    assert conv_list.DUE_SHOWN == 25
    assert "and three more in the next seven days" in page.due_box.value


def test_change_details_moves_a_person_to_another_place_or_none(store):
    page = page_for(store)
    kitchen = page.add_place("Open Kitchen")
    ana = page.add_person("Ana", org="City Library")
    library = on_disk(store).people[ana].place
    assert page.edit_org.options == ("Open Kitchen", "City Library")  # offered here too
    page.details_toggle.value = True
    page.edit_org.value = "open kitchen"
    page.details_save.click()
    person = on_disk(store).people[ana]
    assert (person.place, person.org) == (kitchen, "Open Kitchen")
    page.details_toggle.value = True
    page.edit_org.value = ""
    page.details_save.click()
    assert on_disk(store).people[ana].place == ""
    assert library in on_disk(store).places  # the place stays on the list, with no one


def test_a_place_typed_in_change_details_is_dated_the_pages_day(store):
    # The page works on its own day (FRIDAY, 27 Nov 2026 here): a place listed by typing it in
    # "Change details" is listed and moved to on that day, not on the computer's date.
    page = page_for(store)
    ana = page.add_person("Ana", org="City Library")
    page.details_toggle.value = True
    page.edit_org.value = "Open Kitchen"
    page.details_save.click()
    book = on_disk(store)
    kitchen = book.people[ana].place
    assert book.places[kitchen].added == "2026-11-27"
    assert book.people[ana].places[-1] == ["2026-11-27", kitchen]
