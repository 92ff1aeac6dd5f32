import re
import tomllib
from pathlib import Path

import pytest

from workbook.core import schema
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import fill, load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

SEED = (DEFAULT_PATH.parents[2] / "shared" / "seed" / "five-ingredients.txt")


def test_default_instrument_shape(instrument):
    assert instrument.ingredient_ids == ("hope", "time", "energy", "self_esteem", "ambition")
    assert len(instrument.items) == 25
    assert instrument.scale_values == (1, 2, 3, 4, 5)
    assert len(instrument.labels) == 5
    for ing in instrument.ingredients:
        # 2.1: a statement whose content changed has a new id (tests/test_instrument_versions)
        assert all(i.startswith(f"{ing.id}_") for i in ing.item_ids), ing.id
        assert sum(item.reverse for item in ing.items) >= 2, ing.id
        assert ing.thresholds == {"a_little": 40.0, "plenty": 70.0}
        assert set(ing.guidance) == set(schema.LEVELS)
        assert ing.prompts and ing.next_steps and ing.explanation
    assert {i.gate for i in instrument.ingredients if i.id in ("time", "energy")} == {"not_now"}
    assert set(instrument.verdicts) == set(schema.VERDICTS)


def test_labels_and_numbers_map_to_values(instrument):
    assert instrument.to_value("Agree") == 4
    assert instrument.to_value("  strongly   DISAGREE ") == 1
    assert instrument.to_value("3") == 3
    assert instrument.to_value(5.0) == 5
    assert instrument.to_value("6") is None
    assert instrument.to_value("Agreed") is None
    assert instrument.to_value(True) is None


@pytest.mark.skipif(not SEED.exists(), reason="seed text not beside the repository")
def test_no_sentence_copied_from_the_seed(instrument):
    seed = " ".join(SEED.read_text(encoding="utf-8").split()).lower()
    texts = [i.text for i in instrument.items] + list(instrument.verdicts.values())
    for ing in instrument.ingredients:
        texts += [ing.summary, ing.explanation, *ing.guidance.values(), *ing.prompts,
                  *ing.next_steps]
    for text in texts:
        words = re.findall(r"[a-z']+", text.lower())
        # No run of eight consecutive words appears in the seed.
        for k in range(len(words) - 7):
            assert " ".join(words[k : k + 8]) not in seed, text


def _write(tmp_path, text):
    path = tmp_path / "inst.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_instrument_round_trip(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'name = "Five ingredients for informational interviewing"', 'name = "Mine"'
    )
    inst = load_instrument(_write(tmp_path, text))
    assert inst.name == "Mine"
    assert inst.item_ids == load_instrument().item_ids


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("[scale]\nmin = 1\n", "[scale]\n"), r"scale\.min: is missing"),
        (lambda t: t.replace('id = "hope_6"', 'id = "hope_1"'), r"'hope_1' is used twice"),
        (lambda t: t.replace('reverse = true', 'reverse = "yes"', 1),
         r"ingredient 'hope': items\[3\]\.reverse: must be true or false, not 'yes'"),
        (lambda t: t.replace('gate = "not_now"', 'gate = "later"', 1),
         r"ingredient 'time': gate: must be one of not_now, build_first"),
        (lambda t: t.replace("thresholds = { a_little = 40, plenty = 70 }",
                             "thresholds = { a_little = 80, plenty = 70 }", 1),
         r"a_little < plenty"),
        (lambda t: t.replace('labels = ["Strongly disagree", ', 'labels = ['),
         r"scale\.labels: must be 5 non-empty texts"),
        (lambda t: t.replace("[verdicts]\n", "[verdicts]\nx = 1\n").replace("ready = ", "nope = "),
         r"verdicts\.ready: is missing"),
        (lambda t: t + "\n[[[broken", r"not valid TOML"),
    ],
)
def test_malformed_instrument_is_refused_naming_the_field(tmp_path, edit, message):
    text = edit(DEFAULT_PATH.read_text(encoding="utf-8"))
    with pytest.raises(InstrumentError, match=message):
        load_instrument(_write(tmp_path, text))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('heading = "Conversations"', "heading = 42",
         r"inst\.toml: conversations\.heading must be text in quotes, not 42"),
        ('title = "Welcome to the Readiness Workbook"', 'title = ["x"]',
         r"inst\.toml: session\.start\.title must be text in quotes, not \['x'\]"),
        ('heading = "Your week"', "heading = 3.5",
         r"inst\.toml: ingredient 'time': tool\.heading must be text in quotes, not 3\.5"),
        ('ready = "Ready"', "ready = true", r"words\.verdicts\.ready"),
        ('{ id = "drains", label = "What drains me"', '{ id = "drains", label = 42',
         r"inst\.toml: ingredient 'energy': tool\.fields\[1\]\.label must be text in quotes"),
    ],
)
def test_a_text_that_is_not_text_is_refused_at_load_naming_table_and_key(
        tmp_path, old, new, message):
    # `workbook items` loaded these and a page failed later; now the load names the key.
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1
    with pytest.raises(InstrumentError, match=message):
        load_instrument(_write(tmp_path, text.replace(old, new)))


@pytest.mark.parametrize("where", ["/dev/zero", "folder", "fifo"])
def test_an_instrument_that_is_no_regular_file_is_refused_unread(tmp_path, where):
    import os

    path = {"/dev/zero": Path("/dev/zero"), "folder": tmp_path}.get(where, tmp_path / "f.toml")
    if where == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer
    kind = "is a folder" if where == "folder" else "is not a regular file"
    with pytest.raises(InstrumentError, match=f"instrument file {re.escape(str(path))} {kind}"):
        load_instrument(path)


def test_an_instrument_file_over_a_megabyte_is_refused(tmp_path):
    path = _write(tmp_path, "# " + "x" * 1_000_000 + "\n")
    with pytest.raises(InstrumentError, match=r"inst\.toml is larger than 1 MB"):
        load_instrument(path)


def test_missing_instrument_file(tmp_path):
    with pytest.raises(InstrumentError, match="does not exist"):
        load_instrument(tmp_path / "nope.toml")


SESSION_EDITS = [
    ('saved = "Saved at {time}."', 'saved = "Saved at {tiem}."',
     r"session\.saved: the kit fills in no \{tiem\} here; it may use \{time\}"),
    ('opened = "Working with {client}.', 'opened = "Working with {folder.exists.__globals__[os]'
     '.environ[HOME]}.', r"session\.start\.opened: \{folder\.exists\.__globals__\[os\]\.environ"
     r"\[HOME\]\} is not a plain placeholder"),
    ('title = "Readiness profile: {client}"', 'title = "Readiness profile: {client!r}"',
     r"session\.profile\.title: \{client!r\} is not a plain placeholder"),
    ('title = "Readiness profile: {client}"', 'title = "Readiness profile: {client:>99}"',
     r"session\.profile\.title: \{client:>99\} is not a plain placeholder"),
    ('title = "Welcome to the Readiness Workbook"', 'title = "Welcome {client}"',
     r"session\.start\.title: the kit fills in no \{client\} here; this text takes no "
     "placeholders"),
    ('no_client = "Type a name', 'no_client = "{0} Type a name',
     r"session\.start\.no_client: \{0\} is not a plain placeholder"),
    ('not_saved = "Nothing to save yet."', 'not_saved = "Nothing {to save yet."',
     r"session\.not_saved: .*write \{\{ and \}\} for a brace"),
    ('could use some tending first', 'could use some {nmes} first',
     r"verdicts\.build_first: the kit fills in no \{nmes\} here; it may use \{names\}"),
    ('hours_invalid = "Hours a week need to be a number from {low}',
     'hours_invalid = "Hours a week need to be a number from {lo}',
     r"ingredient 'time': tool\.hours_invalid: the kit fills in no \{lo\} here; it may use "
     r"\{low\}, \{high\}"),
]


@pytest.mark.parametrize(("old", "new", "message"), SESSION_EDITS)
def test_session_texts_are_checked_when_the_file_is_loaded(tmp_path, old, new, message):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text
    path = _write(tmp_path, text.replace(old, new, 1))
    with pytest.raises(InstrumentError, match=message) as info:
        load_instrument(path)
    assert str(path) in str(info.value)


def test_fill_takes_plain_names_only():
    assert fill("{name}: {score} of 100 {{kept}}", name="Hope", score=70) == \
        "Hope: 70 of 100 {kept}"
    folder = Path("/tmp")
    for text in ("{folder.exists.__globals__[os].environ[HOME]}", "{folder[0]}",
                 "{folder!r}", "{folder:>40}", "{}", "{0}"):
        with pytest.raises(InstrumentError, match="not a plain placeholder"):
            fill(text, folder=folder)
    with pytest.raises(InstrumentError, match=r"nothing fills \{tiem\}"):
        fill("{tiem}", time="10:00")


def test_session_words_of_an_own_file_fill_safely(tmp_path):
    from workbook.session.widgets.texts import Texts

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'saved = "Saved at {time}."', 'saved = "Saved {{at}} {time}."')
    inst = load_instrument(_write(tmp_path, text))
    assert Texts(inst).get("saved", time="10:05") == "Saved {at} 10:05."


@pytest.mark.parametrize(
    ("old", "field"),
    [('name = "Hope"\n', r"ingredient 'hope': name: is missing"),
     ('[scale]\nmin = 1\nmax = 5\n',
      r"unknown table \[not_scale\] \(did you mean \[scale\]\?\)"),
     ('ready = "You have a little', r"verdicts\.ready: is missing")],
)
def test_an_edited_file_missing_a_key_is_refused_naming_file_and_key(tmp_path, old, field):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text
    if old.startswith("ready"):
        text = text.replace(old, 'unready = "You have a little', 1)
    elif old.startswith("[scale]"):
        text = text.replace(old, "[not_scale]\nmin = 1\nmax = 5\n", 1)
    else:
        text = text.replace(old, "", 1)
    path = _write(tmp_path, text)
    with pytest.raises(InstrumentError, match=field) as info:
        load_instrument(path)
    assert str(info.value).startswith(f"{path}: ")


#: Instrument 2.1: two reverse-keyed statements per ingredient.
REVERSED_2_1 = {"hope_7", "hope_9", "time_2", "time_5", "energy_2", "energy_8", "self_esteem_3",
                "self_esteem_5", "ambition_6", "ambition_3"}


def test_2_1_keying_and_earlier_wordings(instrument):
    assert instrument.version == "2.1"
    assert {i.id for i in instrument.items if i.reverse} == REVERSED_2_1
    # earlier wordings of the same content (same id); a changed content has a new id instead
    reworded = {i.id for i in instrument.items if i.previous}
    assert reworded == {"time_1", "time_2", "time_5", "self_esteem_5", "ambition_1",
                        "ambition_3"}
    for item in instrument.items:
        assert item.text not in item.previous, item.id


def test_no_statement_is_a_double_negative_or_assumes_a_job(instrument):
    negation = re.compile(r"\b(not|no|never|cannot|can't|don't|doesn't|doubt|nothing)\b|n't\b")
    for item in instrument.items:
        assert not negation.search(item.text.lower()), item.id
        assert not re.search(r"\b(my|current|present) (job|employer)\b|at work\b|what i have now",
                             item.text.lower()), item.id


def test_the_stem_matches_the_agreement_scale():
    session = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["session"]
    assert "agree" in session["items_heading"].lower()
    assert "how true" not in session["items_heading"].lower()


def test_previous_wordings_are_read_and_checked(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    old = 'id = "hope_6"\ntext = "'
    assert text.count(old) == 1
    inst = load_instrument(_write(tmp_path, text.replace(
        old, 'id = "hope_6"\nprevious = ["Kind people exist.", " Helpers abound. "]\ntext = "')))
    assert inst.item("hope_6").previous == ("Kind people exist.", "Helpers abound.")
    assert load_instrument().item("hope_6").previous == ()
    path = _write(tmp_path, text.replace(old, 'id = "hope_6"\nprevious = "Kind people."\ntext = "'))
    with pytest.raises(InstrumentError, match=r"ingredient 'hope': items\[2\]\.previous: must "
                                              r"be a list"):
        load_instrument(path)
    path = _write(tmp_path, text.replace(old, 'id = "hope_6"\nprevious = [""]\ntext = "'))
    with pytest.raises(InstrumentError, match=r"items\[2\]\.previous: must be a list of "
                                              r"non-empty texts"):
        load_instrument(path)
