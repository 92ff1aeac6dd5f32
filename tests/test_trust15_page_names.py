"""Round 10a K8: fragments became people.

"Who they suggested" made people named ",", "at", ", Tin Works" and "at Tin Works", each
counted in people_listed; the Add form took "," as a name. A name needs a letter or a
digit: the Add form refuses one without beside the name box, and a suggestion line with no
name before its place is said, not added.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def names(store):
    return sorted(p.name for p in Tracker(store, "ann").read().people.values())


def card(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    page.add_person("Eli Moss", org="Quay Museum")
    return page


def test_suggestion_lines_without_a_name_are_said_not_added(store):
    page = card(store)
    page.suggested.value = "at\n,\n at Tin Works\n, Tin Works"
    assert page.suggest() == []
    assert names(store) == ["Eli Moss"]
    said = page.suggest_note.value
    assert "Not added, as no name comes before the place" in said
    assert "at Tin Works" in said and ", Tin Works" in said
    assert "Added to your list" not in said


def test_a_named_line_is_added_beside_a_nameless_one(store):
    page = card(store)
    page.suggested.value = "Yara Pell at Glass House\n, Tin Works\nMo Li at "
    assert len(page.suggest()) == 2
    assert names(store) == ["Eli Moss", "Mo Li", "Yara Pell"]
    people = {p.name: p for p in Tracker(store, "ann").read().people.values()}
    assert people["Mo Li"].org == "" and people["Yara Pell"].org == "Glass House"
    said = page.suggest_note.value
    assert "Added to your list: Yara Pell (Glass House), Mo Li." in said
    assert "no name comes before the place: , Tin Works." in said


def test_the_add_form_refuses_a_name_without_a_letter_or_digit(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    assert page.add_person(",", org="Tin Works") is None
    assert page.add_person(" - ") is None
    assert names(store) == []
    assert page.name_note.value and "letter or number" in page.name_note.value
    assert page.add_person("3000-X") is not None
    assert names(store) == ["3000-X"]


def test_change_details_refuses_a_name_without_a_letter_or_digit(store):
    page = card(store)
    assert page.change_details("?", org="Quay Museum") is False
    assert names(store) == ["Eli Moss"]
    assert "letter or number" in page.edit_name_note.value
