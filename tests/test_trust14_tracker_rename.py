"""Issue 20, round 8 G1: "Change details" renamed a person onto someone listed at that place.

"Lena Ortiz" and "Omar Haddad" at "City Library"; Omar's card, Change details, name
"lena  ortiz": saved without a word, the list held Lena twice and the place counted two
people. The Add form refuses exactly that ("On your list already at that place"); so does
an edit now, in the model (and so on any page, and against the list on disk).
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)
SAID = "On your list already at that place, so not changed"


def listed(book):
    return sorted((p.name, p.org) for p in book.people.values())


@pytest.fixture
def book():
    book = model.Book()
    for pid, name, org in (("lena", "Lena Ortiz", "City Library"),
                           ("omar", "Omar Haddad", "City Library"),
                           ("ines", "Lena Ortiz", "Harbour Trust")):
        model.apply(book, model.add_op(name, org=org, person_id=pid, book=book,
                                       today=MONDAY, now=MONDAY))
    return book


@pytest.mark.parametrize("name", ["lena  ortiz", "LENA ORTIZ", "Lena\u00a0Ortiz",
                                  "Lena Or\u200btiz", "ＬＥＮＡ ORTIZ"])
def test_a_rename_onto_someone_at_that_place_is_refused(book, name):
    with pytest.raises(model.OnListError) as caught:
        model.edit_op(book, "omar", name=name, today=MONDAY)
    assert str(caught.value).startswith(SAID)
    assert caught.value.person.id == "lena"


def test_a_move_onto_someone_of_that_name_there_is_refused(book):
    # Lena of Harbour Trust moved to City Library, where a Lena Ortiz is listed
    with pytest.raises(model.OnListError):
        model.edit_op(book, "ines", org="city library", today=MONDAY)
    with pytest.raises(model.OnListError):
        model.edit_op(book, "omar", name="Lena Ortiz", org="Harbour Trust", today=MONDAY)


def test_what_is_still_allowed(book):
    # their own name in another case, another place or name, their other details
    model.apply(book, model.edit_op(book, "lena", name="LENA ORTIZ", today=MONDAY))
    model.apply(book, model.edit_op(book, "omar", name="Omar Hadad", org="Parks",
                                    today=MONDAY))
    model.apply(book, model.edit_op(book, "ines", why="runs the archive", today=MONDAY))
    assert listed(book) == [("LENA ORTIZ", "City Library"), ("Lena Ortiz", "Harbour Trust"),
                            ("Omar Hadad", "Parks")]
    # not Omar, added at City Library with Lena, renamed Lena Ortiz and moved to Parks: the
    # next reading would fold him into her (round 11 M4; tests/test_trust16_add_moved_namesake)
    with pytest.raises(model.OnListError) as caught:
        model.edit_op(book, "omar", name="Lena Ortiz", today=MONDAY)
    assert caught.value.key == "moved_on_list" and caught.value.person.id == "lena"


def test_a_stale_edit_is_refused_against_the_list_on_disk(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "kim")
    book = tracker.change(model.add_op("Omar Haddad", org="City Library", person_id="omar",
                                       today=MONDAY, now=MONDAY))
    stale = tracker.change(model.add_op("Lena Ortiz", org="Parks", person_id="lena",
                                        today=MONDAY, now=MONDAY))
    op = model.edit_op(book, "omar", name="Lena Ortiz", today=MONDAY)  # made before
    tracker.change(model.edit_op(stale, "lena", org="City Library", today=MONDAY))
    with pytest.raises(model.OnListError):
        tracker.change(op)
    assert listed(tracker.read()) == [("Lena Ortiz", "City Library"),
                                      ("Omar Haddad", "City Library")]


def test_the_page_says_it_beside_the_name_and_saves_nothing(tmp_path):
    from tests.test_conversations_page import answers

    store = ClientStore(tmp_path / "ws")
    store.save("kim", answers(), session="2026-11-20")
    page = ConversationsPage(store, "kim", today=MONDAY)
    page.add_person("Lena Ortiz", org="City Library")
    omar = page.add_person("Omar Haddad", org="City Library")
    page.choose(omar)
    page.details_toggle.value = True
    page.edit_name.value = "lena  ortiz"
    page.details_save.click()
    assert SAID in page.edit_name_note.value
    assert listed(Tracker(store, "kim").read()) == [("Lena Ortiz", "City Library"),
                                                    ("Omar Haddad", "City Library")]


def test_a_move_to_a_place_where_someone_of_that_name_is_is_refused(book):
    # "Move" (the places part): Lena of Harbour Trust to City Library, where Lena is listed
    city = model.find_place(book, "City Library").id
    with pytest.raises(model.OnListError):
        model.move_op(book, "ines", city, today=MONDAY)
    with pytest.raises(model.OnListError):
        model.move_op(book, "ines", name="city library", today=MONDAY)
    model.apply(book, model.move_op(book, "ines", name="Parks", today=MONDAY))
    model.apply(book, model.move_op(book, "omar", city, today=MONDAY))  # there already
    assert listed(book) == [("Lena Ortiz", "City Library"), ("Lena Ortiz", "Parks"),
                            ("Omar Haddad", "City Library")]
