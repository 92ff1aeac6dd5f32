"""What leaves the room is chosen: ticks for the report, the coach's note, shared_answers()."""

import tomllib

import pytest

from workbook.cli import main
from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.clients_table import responses
from workbook.session.sharing import (
    COACH_NOTE,
    SECTION_TYPES,
    SHARE,
    Shared,
    share_entries,
    shared_answers,
)
from workbook.session.store import ClientStore, answers_row
from workbook.session.store.records import _SECTION_TYPES, answers_problem
from workbook.session.widgets import IngredientSession, Texts

INST = load_instrument()
HOPE, TIME, ENERGY, SELF_ESTEEM, AMBITION = INST.ingredient_ids
DAY = "2026-11-26"
# The instrument file read on its own (not through the kit's Texts): the labels a client saw.
RAW = {i["id"]: i for i in tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["ingredients"]}


def label(ingredient, field_id):
    return next(f["label"] for f in RAW[ingredient]["tool"]["fields"] if f["id"] == field_id)


def prompt(ingredient, n):
    return RAW[ingredient]["prompts"][n - 1]


def name(ingredient):
    return RAW[ingredient]["name"]


# -- shared_answers: hand-made answers --------------------------------------------------------
ANSWERS = {
    # listed out of order on purpose: the result follows the instrument's ingredient order
    AMBITION: {"tool": {schema.MOTIVATORS: ["camaraderie", "power"], schema.NORTH_STAR: "books"},
               "reflections": ["more calm", "   "],
               SHARE: ["motivators", "reflection-2"]},  # the second reflection is blank
    HOPE: {"items": {"hope_1": 4}, "reflections": ["Never really", "My old manager"],
           "tool": {"kind_person": "Ms Rivera", "why_them": "she listened"},
           SHARE: ["why_them", "reflection-2"], COACH_NOTE: "talk about the move"},
    ENERGY: {"tool": {"drains": "long calls", "restores": "walks"}, SHARE: []},
    SELF_ESTEEM: {"tool": {"offers": "patience\nspreadsheets"}, SHARE: ["offers"]},
    TIME: {"tool": {schema.HOURS: 3}, "reflections": ["Tuesday evening"],
           SHARE: [schema.HOURS, "reflection-9", "reflection-1", 5, None]},
}


def test_only_ticked_non_blank_answers_come_back_in_ingredient_then_page_order():
    motivators = RAW[AMBITION]["tool"]["motivators"]
    assert shared_answers(ANSWERS, INST) == [
        Shared(name(HOPE), prompt(HOPE, 2), "My old manager"),
        Shared(name(HOPE), label(HOPE, "why_them"), "she listened"),
        Shared(name(TIME), prompt(TIME, 1), "Tuesday evening"),  # not hours: not offered
        Shared(name(SELF_ESTEEM), label(SELF_ESTEEM, "offers"), "patience\nspreadsheets"),
        Shared(name(AMBITION), RAW[AMBITION]["tool"]["motivators_label"],
               f"{motivators['camaraderie']}, {motivators['power']}"),
    ]


def test_motivators_are_shown_by_the_labels_the_client_saw_not_their_codes():
    answers = {AMBITION: {"tool": {schema.MOTIVATORS: ["camaraderie", "power"]},
                          SHARE: ["motivators"]}}
    [entry] = shared_answers(answers)
    assert "camaraderie" not in entry.text and "power" not in entry.text
    assert entry.text == "Good colleagues, Influence"  # as ticked on the ambition page


def test_nothing_is_shared_unticked_and_the_coach_note_never_is():
    untouched = {ing: {k: v for k, v in section.items() if k != SHARE}
                 for ing, section in ANSWERS.items()}
    assert shared_answers(untouched) == []
    texts = " ".join(e.text for e in shared_answers(ANSWERS))
    assert "talk about the move" not in texts and "Never really" not in texts
    assert "long calls" not in texts and "walks" not in texts and "books" not in texts


@pytest.mark.parametrize("answers", [
    None, [], {HOPE: None}, {HOPE: {SHARE: "reflection-1", "reflections": ["x"]}},
    {HOPE: {SHARE: ["reflection-1"], "reflections": "x"}},
    {HOPE: {SHARE: ["kind_person"], "tool": ["Ms Rivera"]}},
    {AMBITION: {SHARE: ["motivators"], "tool": {schema.MOTIVATORS: 7}}},
    {HOPE: {SHARE: ["reflection-1"]}},
])
def test_misshapen_answers_share_nothing_and_do_not_fail(answers):
    assert shared_answers(answers) == []


def test_a_non_text_answer_is_shared_as_the_page_showed_it():
    answers = {HOPE: {"reflections": [5], "tool": {"kind_person": ["Ms", "Rivera"]},
                      SHARE: ["reflection-1", "kind_person"]}}
    assert [e.text for e in shared_answers(answers)] == ["5", '["Ms", "Rivera"]']


# -- the store keeps the new keys, and checks their type ----------------------------------------
def test_the_store_checks_the_share_list_and_the_coach_note():
    assert {k: _SECTION_TYPES[k] for k in SECTION_TYPES} == SECTION_TYPES
    assert answers_problem({HOPE: {SHARE: ["reflection-1"], COACH_NOTE: "x"}}) is None
    assert answers_problem({HOPE: {SHARE: "reflection-1"}}) == (
        "section 'hope': 'share' is a str, not a list")
    assert answers_problem({HOPE: {COACH_NOTE: 5}}) == (
        "section 'hope': 'coach_note' is a int, not a str")


def test_the_coach_note_never_fills_the_notes_column():
    section = {"tool": {"kind_person": "Ms Rivera"}, COACH_NOTE: "coach only", SHARE: []}
    row = answers_row({HOPE: section})
    assert row[schema.NOTES] is None and "coach only" not in map(str, row.values())
    # a tool field named "notes" is the canonical column; the coach's note is not that field
    assert answers_row({HOPE: {**section, "tool": {schema.NOTES: "a tool note"}}})[
        schema.NOTES] == "a tool note"


# -- the page: ticks and the coach's note, saved and restored ----------------------------------
@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def page(store, ingredient):
    return IngredientSession(ingredient, "ann", store, session=DAY)


def test_every_answer_has_an_unticked_labelled_tick_matching_what_can_be_shared(store):
    texts = Texts(INST)
    for ing in INST.ingredients:
        screen = page(store, ing.id)
        offered = share_entries(ing, texts.tool(ing.id))
        assert list(screen.share) == [entry for entry, _ in offered]
        for entry, box in screen.share.items():
            assert box.value is False and box.description == texts.get("share_label")
            assert f"wb-share-{ing.id}-{entry}" in box._dom_classes
        assert screen.coach_note.description == texts.get("coach_note_label")
        assert "never in any report or export" in screen.coach_note.description
    assert list(page(store, HOPE).share) == ["reflection-1", "reflection-2", "kind_person",
                                             "why_them"]
    assert list(page(store, AMBITION).share) == ["reflection-1", "reflection-2", "motivators",
                                                 "north_star"]
    assert list(page(store, TIME).share) == ["reflection-1", "reflection-2"]  # no hours


def test_ticks_and_the_coach_note_are_saved_in_the_section_and_come_back(store):
    hope = page(store, HOPE)
    hope.set_reflection(0, "Never really")
    saved = store.load("ann")[HOPE]
    assert saved[SHARE] == [] and saved[COACH_NOTE] == ""  # private by default
    hope.share["reflection-2"].value = True
    hope.share["kind_person"].value = True
    hope.coach_note.value = "ask about the move"
    saved = store.load("ann")[HOPE]
    assert saved[SHARE] == ["reflection-2", "kind_person"]
    assert saved[COACH_NOTE] == "ask about the move"
    assert "ask about the move" not in saved["tool"].values()
    again = page(store, HOPE)
    assert [e for e, box in again.share.items() if box.value] == ["reflection-2", "kind_person"]
    assert again.coach_note.value == "ask about the move"
    again.share["kind_person"].value = False
    assert store.load("ann")[HOPE][SHARE] == ["reflection-2"]


def test_motivators_and_field_ticks_save_from_the_tool(store):
    ambition = page(store, AMBITION)
    ambition.fill({schema.MOTIVATORS: ["meaning"], schema.NORTH_STAR: "books",
                   SHARE: ["north_star", "motivators"], COACH_NOTE: "vague, fine"})
    saved = store.load("ann")[AMBITION]
    assert saved[SHARE] == ["motivators", "north_star"]  # page order
    assert saved[COACH_NOTE] == "vague, fine"
    with pytest.raises(Exception, match="nothing called 'hours_per_week'"):
        ambition.set_shared(["hours_per_week"])


def test_a_saved_tick_the_page_does_not_offer_is_dropped_at_the_next_save(store):
    store.save("ann", {HOPE: {"reflections": ["a", "b"], SHARE: ["reflection-9", "reflection-1"]}},
               session=DAY)
    hope = page(store, HOPE)
    assert [e for e, box in hope.share.items() if box.value] == ["reflection-1"]
    hope.set_reflection(1, "c")
    assert store.load("ann")[HOPE][SHARE] == ["reflection-1"]


def test_the_coach_note_is_not_in_the_clients_export(store):
    page(store, HOPE).fill({"hope_1": 4, COACH_NOTE: "coach-only-words", "kind_person": "x"})
    table = responses(store)
    assert "coach-only-words" not in table.astype(str).to_csv()


# -- end to end: what is not ticked never leaves the workspace ---------------------------------
SECRETS = ("unticked-reflection-zx81", "unticked-drains-zx81", "coach-note-zx81")
CHOSEN = ("ticked-reflection-zx81", "ticked-restores-zx81")
STAR = "unticked-north-star-zx81"


def _workspace(tmp_path):
    store = ClientStore(tmp_path / "ws")
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in INST.ingredients}
    answers[HOPE].update({"reflections": [SECRETS[0], CHOSEN[0]], SHARE: ["reflection-2"],
                          COACH_NOTE: SECRETS[2]})
    answers[ENERGY].update({"tool": {"drains": SECRETS[1], "restores": CHOSEN[1]},
                            SHARE: ["restores"]})
    answers[AMBITION]["tool"] = {schema.NORTH_STAR: STAR, schema.MOTIVATORS: ["camaraderie"]}
    store.save("Ann", answers, session=DAY)
    return store


def _every_output(*roots):
    for root in roots:
        for path in ([root] if root.is_file() else sorted(p for p in root.rglob("*")
                                                            if p.is_file())):
            yield path, path.read_bytes().decode("utf-8", "replace")


def test_unticked_never_in_any_report_or_export(tmp_path):
    store = _workspace(tmp_path)
    out, export = tmp_path / "out", tmp_path / "export" / "clients.csv"
    ws = str(store.root)
    assert main(["report", "participants", "--workspace", ws, "--out", str(out),
                 "--jobs", "1"]) == 0
    assert main(["report", "cohort", "--workspace", ws, "--out", str(out),
                 "--min-group", "1"]) == 0
    assert main(["export-clients", "--workspace", ws, "--out", str(export)]) == 0
    files = dict(_every_output(out, export))
    assert out / "participants" / "Ann.html" in files and export in files
    for path, text in files.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} is in {path}"
    for chosen in CHOSEN:
        assert chosen in files[out / "participants" / "Ann.html"]


def test_an_unticked_north_star_stays_out_of_the_personal_report(tmp_path):
    """The north star is an exercise too: private unless ticked, in the report and in
    ``export-clients`` alike (tests/test_clients_cli.py)."""
    store = _workspace(tmp_path)
    out = tmp_path / "out"
    assert main(["report", "participants", "--workspace", str(store.root), "--out", str(out),
                 "--jobs", "1"]) == 0
    page = (out / "participants" / "Ann.html").read_text(encoding="utf-8")
    assert CHOSEN[0] in page and STAR not in page
