"""The starters a client edits (issue 21): the first note, the nudge, thanks, what came of it.

Every combination of filled fields is drafted: a name (whole, first only, none, or only the
place), how the person was found (suggested by someone on the list, "suggested by ..." typed,
where their work was seen, nothing) and a place (or none). The expected lines are written
out by hand below.
"""

import itertools
import re

import pytest

from workbook.core.conversations.model import Book, Person
from workbook.core.conversations.starters import (
    Facts,
    connection,
    first_line,
    first_name,
    referrer_in,
)
from workbook.core.conversations.words import Words
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument

WORDS = Words(load_instrument())
MINUTES = 30

NAMES = {"whole": ("Ana Ruiz", "Ana"), "first": ("Ana", "Ana"), "titled": ("Dr Ana Ruiz", "Ana"),
         "place only": ("City Library", "[their first name]")}
#: how found -> (found typed, suggested by someone on the list, the connection line expected)
FOUND = {
    "suggested on the list": ("suggested by Mira Kovac", "mira",
                              "Mira Kovac suggested I write to you."),
    "suggested, typed": ("Suggested by Jo Kim.", "", "Jo Kim suggested I write to you."),
    "referred, typed": ("referred by Jo Kim", "", "Jo Kim suggested I write to you."),
    "seen at": ("at the book fair", "", "I came across your work at the book fair."),
    "seen, no joining word": ("her article on archives", "",
                              "I came across your work through your article on archives."),
    "nothing": ("", "", "I came across your work [where: at a talk, in an article]."),
}
ORGS = {"place": "City Library", "none": ""}


def note_for(name, found, suggested_by, org, *, minutes=MINUTES):
    book = Book()
    book.people["mira"] = Person(id="mira", name="Mira Kovac", org="Open Kitchen")
    person = Person(id="p1", name=name, org=org, found=found, suggested_by=suggested_by)
    book.people["p1"] = person
    return WORDS.starter("note", WORDS.facts(person, book), minutes=minutes)


def sentences(text):
    return [s for s in re.split(r"(?<=[.?])\s+", " ".join(text.split())) if s]


COMBINATIONS = list(itertools.product(NAMES, FOUND, ORGS))


@pytest.mark.parametrize("name_kind, found_kind, org_kind", COMBINATIONS)
def test_every_first_note_is_short_opens_with_the_connection_and_never_says_job(
        name_kind, found_kind, org_kind):
    name, greeting = NAMES[name_kind]
    found, by, connection_line = FOUND[found_kind]
    org = ORGS[org_kind]
    if name_kind == "place only" and not org:
        name, greeting = "City Library", "City"  # with no place, a name is a name
    note = note_for(name, found, by, org)
    lines = [line for line in note.splitlines() if line.strip()]
    assert lines[0] == f"Hello {greeting},"
    assert sentences(lines[1])[0] == connection_line  # the connection comes first
    assert len(note.split()) < 100
    assert not re.search(r"job", note, re.IGNORECASE)
    assert "advice" in note
    # one easy yes-or-no question, last, about a talk of the plan's length
    assert note.count("?") == 1 and note.rstrip().endswith("?")
    assert lines[-1].startswith("Would you have 30 minutes for a short talk")
    where = org or "[where they work]"
    assert f"work at {where}" in note
    # about the other person: "your"/"you" outnumber "I"/"me"/"my"
    tokens = re.findall(r"[a-z']+", note.lower())
    assert sum(t in ("you", "your") for t in tokens) > sum(t in ("i", "me", "my")
                                                          for t in tokens)


def test_the_referral_note_reads_as_written_by_hand():
    note = note_for("Ana Ruiz", "suggested by Mira Kovac", "mira", "City Library")
    assert note == (
        "Hello Ana,\n\n"
        "Mira Kovac suggested I write to you. I have been reading about your work at City "
        "Library, and [one thing in it that caught your eye] made me curious how it looks "
        "from where you sit. Your advice on where the field is going would mean a lot to "
        "me.\n\n"
        "Would you have 30 minutes for a short talk, by phone or in person, in the next "
        "few weeks?")
    assert len(note.split()) == 71


def test_the_cold_note_reads_as_written_by_hand():
    note = note_for("Ana", "at the book fair", "", "City Library", minutes=45)
    assert note == (
        "Hello Ana,\n\n"
        "I came across your work at the book fair. [One thing in it that caught your eye] "
        "made me curious how work at City Library looks from where you sit, and your advice "
        "on where the field is going would mean a lot to me.\n\n"
        "Would you have 45 minutes for a short talk, by phone or in person, in the next "
        "few weeks?")


def test_long_names_and_places_still_make_a_note_under_a_hundred_words():
    note = note_for("Maria-Lucia de la Fuente Hernandez",
                    "suggested by Jean-Baptiste Alexandre Moreau-Lefebvre", "",
                    "The National Archive of Historical Maps and Records")
    assert note.startswith("Hello Maria-Lucia,\n\nJean-Baptiste Alexandre Moreau-Lefebvre "
                           "suggested I write to you.")
    assert len(note.split()) == 78  # 71, with one more word of name and six of place


def test_a_suggestion_whose_suggester_left_the_list_still_names_them():
    book = Book()  # Mira was taken off the list; "How you found them" still says it
    person = Person(id="p1", name="Ana", found="suggested by Mira Kovac", suggested_by="gone")
    facts = WORDS.facts(person, book)
    assert facts.referrer == "Mira Kovac" and facts.found == ""


def test_the_list_names_the_suggester_even_when_found_says_something_else():
    book = Book()
    book.people["mira"] = Person(id="mira", name="Mira Kovac")
    person = Person(id="p1", name="Ana", found="a friend's tip", suggested_by="mira")
    assert WORDS.facts(person, book).referrer == "Mira Kovac"


def test_a_place_given_by_the_list_of_places_is_the_org_of_the_note():
    person = Person(id="p1", name="Ana", org="")
    facts = WORDS.facts(person, Book(), place="Open Kitchen")
    assert facts.org == "Open Kitchen"
    assert "how work at Open Kitchen looks" in WORDS.starter("note", facts, minutes=30)


# -- the other starters -------------------------------------------------------------------
def test_the_nudge_is_short_restates_the_ask_and_is_easy_to_leave():
    nudge = WORDS.starter("nudge", Facts(first_name="Ana", org="City Library"), minutes=30)
    assert nudge == (
        "Hello Ana,\n\n"
        "A short follow-up to my earlier note, in case it slipped by: I would still value 30 "
        "minutes of your advice about your work at City Library. If the timing is wrong, no "
        "reply is needed; I understand.\n\n"
        "Would a short talk in the next few weeks suit you?")
    assert len(nudge.split()) == 51 and "job" not in nudge.lower()


def test_the_thanks_names_one_thing_learned_or_leaves_a_hint():
    person = Person(id="p1", name="Ana Ruiz", learned="\n Archives hire through volunteering."
                                                      "\nAlso: ask about the spring fair.")
    thanks = WORDS.starter("thanks", WORDS.facts(person), minutes=30)
    assert "One thing I took away: Archives hire through volunteering. " in thanks
    assert "ask about the spring fair" not in thanks  # one thing, the first line
    assert thanks.startswith("Hello Ana,\n\nThank you for your time and your advice.")
    assert len(thanks.split()) == 35
    blank = WORDS.starter("thanks", WORDS.facts(Person(id="p2", name="Bo")), minutes=30)
    assert "One thing I took away: [one thing you learned from them]." in blank


def test_the_tell_them_starter_says_what_came_of_their_advice():
    person = Person(id="p1", name="Ana", learned="start with volunteering")
    told = WORDS.starter("told", WORDS.facts(person), minutes=30)
    assert told == (
        "Hello Ana,\n\n"
        "When we talked, one thing I took away was this: start with volunteering. I wanted "
        "you to know what came of it: [what you did with their advice, and where it "
        "led].\n\nThank you again for your time.")


def test_an_unknown_starter_is_refused_in_words():
    with pytest.raises(InstrumentError, match="no starter 'letter'"):
        WORDS.starter("letter", Facts())


# -- the questions --------------------------------------------------------------------------
#: The questions, listed by hand with the area of good practice each one covers.
QUESTIONS = [
    ("how the field is moving", "What is changing in your field at the moment?"),
    ("what they have seen", "What have you seen for yourself in this work that is easy to "
                            "miss from outside?"),
    ("what they would advise", "If you were in my place, what would you try first?"),
    ("what they read or follow", "Which writers, newsletters or people do you follow to keep "
                                 "up with the field?"),
    ("a small task to test the fit", "What small task could I try to find out whether this "
                                     "work suits me?"),
    ("whom else to talk to", "Who else would you suggest I talk with?"),
    ("help back, to close", "Is there anything I could help you with in return?"),
]


def test_the_questions_are_one_per_area_and_each_asks_one_thing():
    assert WORDS.questions == tuple(q for _area, q in QUESTIONS)
    for _area, question in QUESTIONS:
        assert question.count("?") == 1 and question.endswith("?")
        assert " and " not in question  # no two questions joined into one


def test_the_old_words_about_the_sender_are_gone():
    said = " ".join(str(v) for v in WORDS.table.values())
    assert "What matters most to me in work" not in said
    assert "note_starter" not in WORDS.table


# -- the pieces ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("Ana Ruiz", "Ana"), ("  Ana  ", "Ana"), ("", ""), ("Dr. Ana Ruiz", "Ana"),
    ("prof Ana", "Ana"), ("Ms", ""), ("A. Ruiz", "A. Ruiz"), ("J Kim", "J Kim"),
    ("City Library", ""),
])
def test_first_name(name, expected):
    assert first_name(name, titles=WORDS.words_list("name_titles"),
                      place="City  library") == expected


@pytest.mark.parametrize("found, expected", [
    ("suggested by Mira Kovac", "Mira Kovac"), ("SUGGESTED BY Mira", "Mira"),
    ("introduced by  Jo  Kim.", "Jo Kim"), ("suggested by", ""), ("suggestedby Mira", ""),
    ("a friend suggested her", ""), ("", ""),
])
def test_referrer_in(found, expected):
    assert referrer_in(found, WORDS.words_list("referral_markers")) == expected


@pytest.mark.parametrize("found, expected", [
    ("at the book fair", "at the book fair"), ("In a podcast.", "In a podcast"),
    ("LinkedIn", "through LinkedIn"), ("  ", ""),
])
def test_connection(found, expected):
    assert connection(found, joins=WORDS.words_list("found_joins"),
                      through=WORDS.text("found_through")) == expected


def test_first_line():
    assert first_line("") == "" and first_line(" \n two  words. \n") == "two words"


# -- a coach's own words ------------------------------------------------------------------
def test_a_coachs_own_note_may_use_every_starter_value(tmp_path):
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace('note_cold = """Hello {first_name},',
                        'note_cold = """Hi {first_name} at {org}, {found}: {minutes}? '
                        '{learned} {referrer}\n\nHello {first_name},', 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    words = Words(load_instrument(path))
    said = words.starter("note", Facts(first_name="Bo", org="Parks"), minutes=20)
    assert said.startswith("Hi Bo at Parks, [where: at a talk, in an article]: 20?")


def test_a_coachs_note_with_the_old_placeholders_is_refused_at_load(tmp_path):
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace('note_cold = """Hello {first_name},',
                        'note_cold = """Hi {name}, {north_star}', 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"conversations.note_cold: the kit fills in "
                                              r"no \{name\}"):
        load_instrument(path)


def test_a_list_of_words_that_is_not_a_list_of_texts_is_named(tmp_path):
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^name_titles = .*$", "name_titles = [1]", text, count=1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    words = Words(load_instrument(path))
    with pytest.raises(InstrumentError, match="conversations.name_titles must be a list "
                                              "of texts"):
        words.words_list("name_titles")
