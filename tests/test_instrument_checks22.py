"""Issue 22 (new22): slips in an instrument file are refused or said at load, never lost.

Misspelt tables and keys, a missing or malformed version, two verdicts (or levels) with one
name are refused, naming the file and the place; a statement of the kit worded otherwise
under its own id is warned of, once.
"""

import re
import warnings

import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

KIT = DEFAULT_PATH.read_text(encoding="utf-8")
OLD_SE1 = 'text = "I have skills or experience that could be useful to someone."'
NEW_SE1 = 'text = "Something I have learned could be of use to another person."'


def write(tmp_path, text, name="mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(old, new, count=1):
    assert KIT.count(old) >= 1, old
    if old.startswith("["):  # a table's heading, not its name in the header comment
        old, new = "\n" + old, "\n" + new
    return KIT.replace(old, new, count)


def refused(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(InstrumentError) as err:
        load_instrument(path)
    message = str(err.value)
    assert message.startswith(f"{path}: "), message
    return message


def said(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        instrument = load_instrument(path)
    return instrument, [str(w.message) for w in caught]


@pytest.mark.parametrize("old, new, count, wrong, meant", [
    ("[words.verdicts]\n", "[words.verdict]\n", 1, "[words.verdict]", "[words.verdicts]"),
    ("[session.levels]\n", "[session.level]\n", 1, "[session.level]", "[session.levels]"),
    ("[session]\n", "[sessions]\n", 1, "[sessions]", "[session]"),
    ("[history]\n", "[histroy]\n", 1, "[histroy]", "[history]"),
    ("[conversations.cadence]\n", "[conversations.cadance]\n", 1, "[conversations.cadance]",
     "[conversations.cadence]"),
    ("[[retired]]\n", "[[retried]]\n", -1, "[[retried]]", "[[retired]]"),
    ("[session.app]\n", "[session.ap]\n", 1, "[session.ap]", "[session.app]"),
    ("[session.start]\n", "[session.strat]\n", 1, "[session.strat]", "[session.start]"),
])
def test_a_misspelt_table_is_refused_with_the_table_it_meant(tmp_path, old, new, count, wrong,
                                                             meant):
    message = refused(tmp_path, edited(old, new, count))
    assert f"unknown table {wrong} (did you mean {meant}?)" in message
    assert "placeholder" not in message and "fills in no" not in message


def test_a_misspelt_table_of_items_is_refused_not_sent_after_retired_entries(tmp_path):
    text = edited('[[ingredients.items]]\nid = "self_esteem_1"',
                  '[[ingredients.item]]\nid = "self_esteem_1"')
    message = refused(tmp_path, text)
    assert "unknown table [[ingredients.item]] (did you mean [[ingredients.items]]?)" in message


def test_an_unknown_top_level_key_is_refused(tmp_path):
    message = refused(tmp_path, edited('version = "2.1"\n', 'version = "2.1"\nnmae = "Mine"\n'))
    assert "unknown key 'nmae' (did you mean 'name'?)" in message


@pytest.mark.parametrize("old, new, table, wrong, meant", [
    ('ready = "Ready"\n', 'ready = "Ready"\nraedy = "Soon"\n', "words.verdicts", "raedy",
     "ready"),
    ('plenty = "plenty"\n', 'plenty = "plenty"\nplentty = "lots"\n', "session.levels",
     "plentty", "plenty"),
])
def test_an_unknown_key_in_a_table_of_names_is_refused(tmp_path, old, new, table, wrong, meant):
    message = refused(tmp_path, edited(old, new))
    assert f"unknown key '{wrong}' in [{table}] (did you mean '{meant}'?)" in message


@pytest.mark.parametrize("new", ['next = "Next"\nnxet = "Go"\n', 'nxet = "Go"\n'])
def test_an_unknown_key_in_a_table_of_the_apps_words_is_refused(tmp_path, new):
    message = refused(tmp_path, edited('next = "Next"\n', new))
    assert "unknown key 'nxet' in [session.app] (did you mean 'next'?)" in message


def test_the_kit_file_and_an_unchanged_copy_load_without_a_word(tmp_path):
    assert load_instrument(DEFAULT_PATH).version == "2.1"
    instrument, words = said(write(tmp_path, KIT))
    assert (instrument.version, words) == ("2.1", [])


def test_level_names_in_words_levels_are_still_read(tmp_path):
    text = KIT + '\n[words.levels]\nnot_yet = "none yet"\na_little = "some"\nplenty = "lots"\n'
    instrument, _ = said(write(tmp_path, text))
    assert instrument.level_name("a_little") == "some"


def test_a_deleted_version_is_refused(tmp_path):
    message = refused(tmp_path, edited('version = "2.1"\n', ""))
    assert "version: is missing" in message


def test_a_deleted_name_is_refused(tmp_path):
    message = refused(tmp_path, edited('name = "Five ingredients for informational '
                                       'interviewing"\n', ""))
    assert "name: is missing" in message


def test_a_version_written_as_a_number_is_refused(tmp_path):
    message = refused(tmp_path, edited('version = "2.1"\n', "version = 2.2\n"))
    assert 'version: must be text in quotes, such as version = "2.1", not 2.2' in message


def test_a_version_in_words_is_refused(tmp_path):
    message = refused(tmp_path, edited('version = "2.1"\n', 'version = "two point two"\n'))
    assert ("version: 'two point two' must be whole numbers joined by dots, such as \"2.1\""
            in message)


def test_two_verdicts_with_one_name_are_refused(tmp_path):
    text = edited('not_now = "Not now"\n', 'not_now = "Later"\n')
    text = text.replace('ready = "Ready"\n', 'ready = "later"\n', 1)
    message = refused(tmp_path, text)
    assert "words.verdicts: not_now and ready are both named 'later'" in message
    assert "different names" in message


def test_two_levels_with_one_name_are_refused(tmp_path):
    message = refused(tmp_path, edited('a_little = "a little"\n', 'a_little = "plenty"\n'))
    assert "session.levels: a_little and plenty are both named 'plenty'" in message


WARNING = ("statement self_esteem_1's words differ from the kit's: if its meaning changed, "
           "give it a new id with replaces/since (see the instrument file's header); answers "
           "to it are compared with earlier answers as the same statement")


def test_a_statement_reworded_under_its_id_is_warned_of_once(tmp_path):
    path = write(tmp_path, edited(OLD_SE1, NEW_SE1))
    instrument, words = said(path)
    assert instrument.item("self_esteem_1").text == NEW_SE1[8:-1]
    assert words == [f"{path}: {WARNING}"]


def test_a_reworded_statement_with_a_later_version_but_no_history_is_warned_of(tmp_path):
    text = edited(OLD_SE1, NEW_SE1).replace('version = "2.1"\n', 'version = "2.2"\n', 1)
    path = write(tmp_path, text)
    _, words = said(path)
    assert words == [f"{path}: {WARNING}"]


def test_a_reworded_statement_listed_in_a_later_history_is_not_warned_of(tmp_path):
    text = edited(OLD_SE1, NEW_SE1).replace('version = "2.1"\n', 'version = "2.2"\n', 1)
    text = text.replace('"2.0" = [', '"2.2" = ["self_esteem_1"]\n"2.0" = [', 1)
    instrument, words = said(write(tmp_path, text))
    assert instrument.history["2.2"] == ("self_esteem_1",)
    assert words == []


def test_an_earlier_wording_of_the_kit_is_not_warned_of(tmp_path):
    match = re.search(r'id = "time_1"\ntext = "([^"]*)"\nprevious = \["([^"]*)"', KIT)
    assert match, "the kit's time_1 has an earlier wording"
    text = KIT.replace(f'text = "{match.group(1)}"', f'text = "{match.group(2)}"', 1)
    _, words = said(write(tmp_path, text))
    assert words == []


def test_a_new_statement_under_a_new_id_is_not_warned_of(tmp_path):
    text = edited(OLD_SE1, NEW_SE1).replace('id = "self_esteem_1"', 'id = "self_esteem_9"', 1)
    _, words = said(write(tmp_path, text))
    assert words == []
