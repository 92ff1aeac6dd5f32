"""Round 11a M4, what its fix left: on ONE laptop, a namesake added where someone was moved from.

Since M4's fix, one person added on two laptops the same day at the same place, one copy
moved elsewhere that day, is one person (the day cannot tell which came first). On one
laptop, the coach who moves Hana Ito from City Library to Rail Lab and then adds "Hana Ito"
at City Library the same day made a second person that the next reading silently folded
into the first. Now such an add (Add form, add_op, a suggestion) or a rename that would make
the pair is refused in the instrument's words, naming where Hana is now (her card opened).
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.core.instrument_file import default_raw
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

D = dt.date
DAY = D(2026, 11, 17)
WORDS = default_raw()["conversations"]["moved_on_list"]
SAID = WORDS.replace("{name}", "Hana Ito").replace("{place}", "Rail Lab")


def moved_away(tmp_path):
    tracker = Tracker(ClientStore(tmp_path / "w"), "m")
    book = tracker.change(model.add_op("Mira Sol", person_id="ms", today=DAY, now=DAY))
    book = tracker.change(model.add_op("Hana Ito", org="City Library", person_id="h1",
                                       today=DAY, now=DAY))
    book = tracker.change(model.move_op(book, "h1", name="Rail Lab", today=DAY))
    return tracker, book


def _people(tracker):
    return {pid: (p.name, p.org) for pid, p in tracker.read().people.items()}


def test_adding_a_namesake_where_she_was_moved_from_that_day_is_refused(tmp_path):
    tracker, book = moved_away(tmp_path)
    before = _people(tracker)
    assert before == {"ms": ("Mira Sol", ""), "h1": ("Hana Ito", "Rail Lab")}
    # the op made from the list (the Add form): refused, naming where she is now
    with pytest.raises(model.OnListError) as caught:
        model.add_op("hana  ito", org="city library", today=DAY, now=DAY, book=book)
    assert caught.value.key == "moved_on_list"
    assert caught.value.person.id == "h1"
    assert caught.value.fill == {"name": "Hana Ito", "place": "Rail Lab"}
    assert str(caught.value) == SAID
    assert "Rail Lab" in str(caught.value)
    # an op made without the list is refused by the tracker, against the list on disk
    with pytest.raises(model.OnListError) as caught:
        tracker.change(model.add_op("Hana Ito", org="City Library", person_id="h2",
                                    today=DAY, now=DAY))
    assert caught.value.key == "moved_on_list"
    # a suggestion from Mira's talk: the same
    with pytest.raises(model.OnListError) as caught:
        model.suggest_op(book, "ms", "Hana Ito", org="City Library", today=DAY)
    assert caught.value.key == "moved_on_list"
    assert _people(tracker) == before  # nothing saved
    assert model.twins(tracker.read()) == []


def test_a_rename_into_the_pair_is_refused_too(tmp_path):
    tracker, book = moved_away(tmp_path)
    book = tracker.change(model.add_op("Hanna Ito", org="City Library", person_id="h3",
                                       today=DAY, now=DAY))
    before = _people(tracker)
    with pytest.raises(model.OnListError) as caught:
        model.edit_op(book, "h3", name="Hana Ito", today=DAY)
    assert caught.value.key == "moved_on_list" and str(caught.value) == SAID
    with pytest.raises(model.OnListError):
        tracker.change({"op": "edit", "id": "h3", "fields": {"name": "Hana Ito"}})
    assert _people(tracker) == before
    # other details of a namesake, and the add of someone else there, still go through
    tracker.change(model.edit_op(book, "h3", why="runs the archive", today=DAY))
    book = tracker.change(model.add_op("Ana Ito", org="City Library", person_id="a1",
                                       today=DAY, now=DAY))
    assert sorted(book.people) == ["a1", "h1", "h3", "ms"]


def test_the_day_after_or_at_another_place_a_namesake_is_added(tmp_path):
    tracker, book = moved_away(tmp_path)
    book = tracker.change(model.add_op("Hana Ito", org="Sun Press", person_id="h4",
                                       today=DAY, now=DAY))
    later = D(2026, 11, 18)
    book = tracker.change(model.add_op("Hana Ito", org="City Library", person_id="h5",
                                       today=later, now=later, book=book))
    assert sorted(book.people) == ["h1", "h4", "h5", "ms"]
    assert model.twins(tracker.read()) == []


def test_the_same_name_at_her_place_now_keeps_the_on_list_words(tmp_path):
    tracker, book = moved_away(tmp_path)
    with pytest.raises(model.OnListError) as caught:
        tracker.change(model.add_op("Hana Ito", org="Rail Lab", today=DAY, now=DAY))
    assert caught.value.key == "add_on_list"


def test_the_add_form_says_it_beside_the_name_and_opens_her_card(store):
    from workbook.session.widgets import ConversationsPage

    monday = D(2026, 12, 7)
    page = ConversationsPage(store, "ann", today=monday)
    hana = page.add_person("Hana Ito", org="City Library")
    page.tracker.change(model.move_op(page.tracker.read(), hana, name="Rail Lab",
                                      today=monday))
    assert page.add_person("Hana Ito", org="City Library") is None
    assert page.selected == hana
    assert page.words.get("moved_on_list", name="Hana Ito", place="Rail Lab") \
        in page.name_note.value
    assert not page.errors
    assert sorted(Tracker(store, "ann").read().people) == [hana]
