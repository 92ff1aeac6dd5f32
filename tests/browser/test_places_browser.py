"""Places first, in Chromium (issue 21): three places, two people at one, a referral note.

A ready client lists three places (one where they know someone), adds two people at the
first, the second suggested by the first; the note to start from names who suggested them
first; the client edits it and marks it drafted; then the list is shown by place. Every wait
is for a state (a widget's messages may arrive in any order), never an instant check.
"""

import re

from playwright.sync_api import expect

from workbook.session.conversations import Tracker
from workbook.session.store import ClientStore

from .test_conversations_browser import (
    open_conversations,
    ready_answers,
    tall_screenshot,
    wait_for_people,
)

CLIENT = "places-client"
PLACES = ("Open Kitchen", "City Library", "Parks Dept")


def add_place(page, name, knows=None):
    box = page.locator(".wb-conv-places-box")
    box.locator(".wb-conv-place-name input").fill(name)
    if knows:
        box.locator(".wb-conv-place-knows select").select_option(label=knows)
    box.get_by_role("button", name="Add the place", exact=True).click()


def add_person(page, name, place, found=""):
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.locator(".wb-conv-org input").fill(place)
    page.locator(".wb-conv-found input").fill(found)
    page.get_by_role("button", name="Add to the list", exact=True).click()


def test_three_places_two_people_at_one_and_a_referral_note(voila, session_root, page,
                                                             tmp_path):
    _, workspace = session_root
    ClientStore(workspace).save(CLIENT, ready_answers())
    server, _ = voila(CLIENT)
    open_conversations(page, server, CLIENT)

    places = page.locator(".wb-conv-places select")
    add_place(page, PLACES[0], knows="Yes")
    places.locator("option", has_text="1. Open Kitchen (you know someone there").wait_for(
        state="attached")
    add_place(page, PLACES[1])
    places.locator("option", has_text="2. City Library").wait_for(state="attached")
    add_place(page, PLACES[2])
    places.locator("option", has_text="3. Parks Dept").wait_for(state="attached")
    book = Tracker(ClientStore(workspace), CLIENT).read()
    assert [p.name for p in book.places.values()] == list(PLACES)
    assert [p.knows for p in book.places.values()] == ["yes", "unknown", "unknown"]

    add_person(page, "Mira Kovac", "Open Kitchen")
    wait_for_people(workspace, lambda p: len(p) == 1, client=CLIENT)
    page.get_by_role("option", name="Mira Kovac (Open Kitchen): listed").wait_for()
    add_person(page, "Ines Duarte", "open kitchen", found="suggested by Mira Kovac")
    people = wait_for_people(workspace, lambda p: len(p) == 2, client=CLIENT)
    kitchen = next(iter(book.places))
    assert {p.place for p in people.values()} == {kitchen}  # both at the same place
    ines = next(p for p in people.values() if p.name == "Ines Duarte")

    # Ines's card is open: the note to start from names who suggested her, first
    card = page.locator(".wb-conv-card")
    card.get_by_role("heading", name="Ines Duarte").wait_for()
    note = card.locator(".wb-conv-note textarea")
    expect(note).to_have_value(re.compile(
        r"^Hello Ines,\n\nMira Kovac suggested I write to you\. I have been reading about "
        r"your work at Open Kitchen"))
    drafted = note.input_value().replace("[one thing in it that caught your eye]",
                                         "your cooking classes for schools")
    assert "job" not in drafted.lower() and len(drafted.split()) < 100
    note.fill(drafted)
    card.get_by_role("button", name="Mark done: note drafted", exact=True).click()
    people = wait_for_people(workspace, lambda p: p[ines.id].stage == "drafted",
                             client=CLIENT)
    assert people[ines.id].note == drafted
    assert people[ines.id].note.startswith("Hello Ines,\n\nMira Kovac suggested")

    # the list by place: places ranked, each with its people and their step
    page.get_by_role("button", name="By place", exact=True).click()
    by_place = page.locator(".wb-conv-by-place")
    by_place.wait_for(state="visible")
    expect(by_place).to_contain_text("Ines Duarte: note drafted")
    text = by_place.inner_text()
    order = ["Open Kitchen", "Mira Kovac: listed", "Ines Duarte: note drafted",
             "City Library", "Parks Dept"]
    assert [text.index(w) for w in order] == sorted(text.index(w) for w in order)
    assert text.count("no one on your list yet") == 2  # City Library and Parks Dept have no one yet
    tall_screenshot(page, tmp_path / "places-by-place.png")
