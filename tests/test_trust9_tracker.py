"""Attacks round 6 on the Conversations page (D4, D7, D8, D10, D6), driven headless.

The page's day is Monday 7 December 2026, as in the tester's log; days hand-computed.
"""

import datetime as dt

import pytest

from workbook.session.conversations import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def page_for(store, today=MONDAY):
    return ConversationsPage(store, "ann", today=today)


def on_disk(store):
    return Tracker(store, "ann").read()


def sent_on_monday_23(page, name="Ana Ruiz", org="City Library"):
    pid = page.add_person(name, org=org)
    page.earlier_step.value = "sent"
    page.earlier_date.value = dt.date(2026, 11, 23)
    page.earlier_button.click()
    return pid


# -- D4: Undo takes back the last change, the nudge, not the note sent under it ------------
def test_undo_right_after_nudge_sent_takes_back_the_nudge_not_the_note(store):
    page = page_for(store)
    pid = sent_on_monday_23(page)
    page.nudge_button.click()
    assert on_disk(store).people[pid].followed == {"nudge": "2026-12-07"}
    page.undo_button.click()
    ana = on_disk(store).people[pid]
    assert ana.followed == {}
    assert ana.steps["sent"] == "2026-11-23" and ana.stage == "sent"
    assert not page.undo_button.disabled  # the note sent can still be taken back next
    page.undo_button.click()
    assert "sent" not in on_disk(store).people[pid].steps


def test_undo_after_wrote_to_someone_else_takes_back_that_follow_up(store):
    page = page_for(store)
    pid = sent_on_monday_23(page)
    page.another_button.click()
    page.nudge_button.click()
    page.undo_button.click()  # the nudge, pressed last on this page
    assert on_disk(store).people[pid].followed == {"another": "2026-12-07"}
    page.undo_button.click()
    ana = on_disk(store).people[pid]
    assert ana.followed == {} and ana.steps["sent"] == "2026-11-23"


def test_undo_on_a_fresh_page_takes_back_a_nudge_before_the_note(store):
    first = page_for(store)
    pid = sent_on_monday_23(first)
    first.nudge_button.click()
    second = page_for(store)  # opened later: nothing pressed on it yet
    second.undo(pid)
    ana = on_disk(store).people[pid]
    assert ana.followed == {} and ana.steps["sent"] == "2026-11-23"


# -- D7: someone with a talk booked is not let go: the card says why ------------------------
def booked_for_thursday_10(page):
    pid = sent_on_monday_23(page, "Cy Lo", "Open Kitchen")
    page.record_step("arranged", dt.date(2026, 12, 3))
    page.edit("meeting", dt.date(2026, 12, 10))
    return pid


def test_a_person_with_a_talk_booked_is_not_offered_let_go_and_the_card_says_why(store):
    page = page_for(store)
    pid = booked_for_thursday_10(page)
    page.remove_button.click()
    assert page.remove_yes.layout.display == "none"
    assert page.remove_let_go.layout.display == "none"  # not offered: a talk agreed is a promise
    assert page.words.get("remove_booked") in page.confirm_text.value
    assert "Let them go instead" not in page.confirm_text.value
    assert page.let_go(pid) is False  # pressed anyway (an old page): refused, nothing saved
    assert on_disk(store).people[pid].let_go == ""
    assert "Thu 10 Dec" in page.confirm_text.value and "time agreed" in page.confirm_text.value
    assert "Cy Lo (Open Kitchen): time agreed" in [o[0] for o in page.chooser.options]
    assert "Thu 10 Dec" in page.due_box.value


def test_taking_back_time_agreed_lets_them_go_again(store):
    page = page_for(store)
    pid = booked_for_thursday_10(page)
    page.undo(pid)  # the talk was called off: "time agreed" taken back
    # the day left in its box books nothing without "time agreed" (round 8 G13)
    assert page.let_go(pid) is True
    assert on_disk(store).people[pid].let_go == "2026-12-07"


# -- D8: a step marked on someone another page took off the list: said, the list redrawn -----
def test_a_step_on_someone_taken_off_on_another_page_is_said_and_the_list_redrawn(store):
    first, second = page_for(store), page_for(store)
    ben = first.add_person("Ben", org="Open Kitchen")
    jo = first.add_person("Jo Bell", org="Open Kitchen")
    second.refresh()
    second.choose(jo)
    first.choose(jo)
    first.remove_button.click()
    first.remove_yes.click()
    assert jo not in on_disk(store).people
    second.advance_button.click()  # "Mark done: note drafted", on the second page
    said = "Jo Bell was taken off the list on another page: nothing was recorded."
    assert said in second.messages.value and said in second.list_note.value
    assert [o[1] for o in second.chooser.options] == [ben]  # the list redrawn
    assert second.selected is None and second.card.layout.display == "none"
    assert list(on_disk(store).people) == [ben]


# -- D10: a talk agreed with no day set is listed: card, Coming up, followups, not now -------
def test_a_talk_agreed_with_no_day_is_listed_everywhere(store, monkeypatch, capsys):
    from tests.test_conversations_page import low_energy
    from workbook.cli import followups as fu
    from workbook.cli import main

    said = "talk agreed, no day set yet"
    page = page_for(store)
    nia = page.add_person("Nia Nodate", org="Parks")
    page.record_step("arranged", dt.date(2026, 12, 4))  # a Friday; no day in the box
    assert said in page.due_box.value and "Nia Nodate" in page.due_box.value
    assert said in page.followups.value  # on the card
    (item,) = [d for d in on_disk(store).people.values() if d.id == nia]
    assert item.meeting == "" and item.stage == "arranged"
    # a not-now client: a talk agreed is a promise kept whatever the date
    store.save("cat", low_energy(), session="2026-11-20")
    quiet = ConversationsPage(store, "cat", today=MONDAY)
    kim = quiet.add_person("Kim Key")
    quiet.record_step("arranged", dt.date(2026, 12, 4), person_id=kim)
    assert quiet.later and said in quiet.due_box.value
    monkeypatch.setattr(fu, "_today", lambda: MONDAY)
    assert main(["followups", "--workspace", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Nia Nodate, Parks: " + said in out and "Kim Key" in out and said in out
    page.edit("meeting", dt.date(2026, 12, 10))  # the day set: the day of the conversation
    assert said not in page.due_box.value and "Thu 10 Dec" in page.due_box.value


# -- D6: renaming a place to a name on the list already: plain words ------------------------
def test_renaming_a_place_to_a_name_on_the_list_says_so_in_plain_words():
    from workbook.session.conversations import model

    book = model.Book()
    model.apply(book, model.add_op("Ana", org="Town Library", person_id="a", today=MONDAY))
    model.apply(book, model.add_op("Bo", org="City Library", person_id="b", today=MONDAY))
    city = book.people["b"].place
    with pytest.raises(model.ConversationError, match="name: 'Town Library' is on the list"):
        model.check_new(book, model.edit_place_op(book, city, name="town  library"))


def test_the_places_page_says_a_name_taken_in_plain_words(store):
    page = page_for(store)
    page.add_place("Town Library")
    city = page.add_place("City Library")
    assert page.edit_place(city, name="town  library") is False
    assert "\u201cTown Library\u201d is on your list of places already: choose another " \
        "name." in page.place_card_note.value
    assert "name:" not in page.place_card_note.value
    assert page.add_place("TOWN LIBRARY") is None
    assert "\u201cTown Library\u201d is on your list" in page.place_note.value


def test_a_suggested_name_on_the_list_already_is_not_added_twice(store):
    page = page_for(store)
    ana = page.add_person("Ana Ruiz", org="City Library")
    ben = page.add_person("Ben", org="Parks")
    page.edit("suggested", "ana  ruiz\nJo Bell", person_id=ben)
    page.choose(ben)
    (jo,) = page.suggest(ben)
    people = on_disk(store).people
    assert sorted(p.name for p in people.values()) == ["Ana Ruiz", "Ben", "Jo Bell"]
    assert people[ana].org == "City Library" and people[jo].name == "Jo Bell"
    assert "On your list already, so not added again: Ana Ruiz (City Library)." in \
        page.suggest_note.value
