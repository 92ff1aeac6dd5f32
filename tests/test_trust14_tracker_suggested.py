"""Issue 20, round 8 G3: "Who they suggested" added someone on the list at that place again.

"Lena Ortiz" at "City Library" listed; on another card "Who they suggested" held
``Lena Ortiz, City Library`` (with Noor Ali and Paz Gil), and "Add them to the list" added a
second Lena at City Library, though the Add form refuses her as the same person. The same
name at the same place is that person (the Add form's rule): not added again, and said.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)
BOX = ("Lena Ortiz, City Library\nNoor Ali at City Library\nnoor ali, city library\n"
       "Paz Gil, Harbour Trust\nPaz Gil, Harbour Trust")


def book_with_lena():
    book = model.Book()
    for pid, name, org in (("lena", "Lena Ortiz", "City Library"), ("omar", "Omar", "")):
        model.apply(book, model.add_op(name, org=org, person_id=pid, book=book,
                                       today=MONDAY, now=MONDAY))
    return book


def test_someone_listed_at_that_place_is_not_a_new_suggestion():
    book = book_with_lena()
    pairs = [("Lena Ortiz", "City Library"), ("Noor Ali", "City Library"),
             ("Paz Gil", "Harbour Trust"), ("LENA  ortiz", "ｃｉｔｙ library"),
             ("Lena Ortiz", "Parks")]
    assert model.fresh_suggestions(book, "omar", pairs) == [
        ("Noor Ali", "City Library"), ("Paz Gil", "Harbour Trust"), ("Lena Ortiz", "Parks")]
    new, listed = model.sort_suggestions(book, "omar", pairs + [("Lena Ortiz", "")])
    assert new == [("Noor Ali", "City Library"), ("Paz Gil", "Harbour Trust"),
                   ("Lena Ortiz", "Parks")]
    assert [p.id for p in listed] == ["lena"]  # once, whether given with her place or not


def test_the_op_refuses_her_and_says_so():
    book = book_with_lena()
    with pytest.raises(model.OnListError) as caught:
        model.suggest_op(book, "omar", "lena ortiz", org="City Library", today=MONDAY)
    assert str(caught.value) == (
        "On your list already, so not added again: Lena Ortiz (City Library). For another "
        "person of the same name, write “Name, Place”.")
    assert caught.value.person.id == "lena"


def test_add_them_to_the_list_on_the_page_adds_her_once(tmp_path):
    from tests.test_conversations_page import answers

    store = ClientStore(tmp_path / "ws")
    store.save("kim", answers(), session="2026-11-20")
    page = ConversationsPage(store, "kim", today=MONDAY)
    page.add_person("Lena Ortiz", org="City Library")
    omar = page.add_person("Omar Haddad", org="Harbour Trust")
    page.edit("suggested", BOX, person_id=omar)
    page.suggest(person_id=omar)
    people = sorted((p.name, p.org) for p in Tracker(store, "kim").read().people.values())
    assert people == [("Lena Ortiz", "City Library"), ("Noor Ali", "City Library"),
                      ("Omar Haddad", "Harbour Trust"), ("Paz Gil", "Harbour Trust")]
    counts = Tracker(store, "kim").read().counts()
    assert counts["people_listed"] == 4
    # who was added, and who was on the list already
    note = page.suggest_note.value
    assert "Added to your list: Noor Ali (City Library), Paz Gil (Harbour Trust)." in note
    assert "On your list already, so not added again: Lena Ortiz (City Library)." in note
    page.suggest(person_id=omar)  # again: nothing more, and said
    assert len(Tracker(store, "kim").read().people) == 4
    assert "Added to your list" not in page.suggest_note.value
    assert "Lena Ortiz (City Library)" in page.suggest_note.value
