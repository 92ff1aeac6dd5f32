"""Every ``[words.X]`` table the kit reads is complete or refused (issue 22).

"Every key the kit needs is required at load, and a missing one is refused naming the table
and key." ``[words.report]``, ``[words.plan]``, ``[words.validity]`` and ``[words.cohort]``
used to take the kit's text, without a word, for a key a coach's file wrote no more (only
``[words.cohort_report]``, ``[words.index]`` and ``[words.followups]`` were required whole).
Now a file that writes one of these tables must hold every key of the kit's own; a file that
leaves a whole table out (a copy made before the table existed) has the kit's words for it,
as before, and each text is checked against the placeholders the kit fills in it.
"""

from __future__ import annotations

import re
import tomllib
import warnings

import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument, words_table
from workbook.core.instrument_added import ADDED
from workbook.core.instrument_checks import complete_words
from workbook.core.instrument_file import DEFAULT_PATH

KIT = DEFAULT_PATH.read_text(encoding="utf-8")
WORDS = tomllib.loads(KIT)["words"]


def _section(table: str) -> tuple:
    """(start, end) of ``[table]`` in the kit's file: its header up to the next table."""
    start = KIT.index(f"\n[{table}]\n")
    end = KIT.find("\n[", start + 1)
    return start, (len(KIT) if end == -1 else end)


def _without_key(table: str, key: str) -> str:
    """The kit's file with the line of ``key`` left out of ``[table]`` (a one-line text)."""
    start, end = _section(table)
    section = KIT[start:end]
    lines = [ln for ln in section.splitlines(keepends=True) if ln.startswith(f"{key} = ")]
    assert len(lines) == 1, (table, key)
    return KIT[:start] + section.replace(lines[0], "", 1) + KIT[end:]


def _write(tmp_path, text, name="own.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sample(table: str) -> list:
    """The first, a middle and the last key of a table of the kit's file."""
    keys = list(WORDS[table.removeprefix("words.")])
    return list(dict.fromkeys([keys[0], keys[len(keys) // 2], keys[-1]]))


def test_every_table_of_words_but_the_names_is_required_whole():
    # Before: only words.cohort_report, words.index and words.followups were.
    assert set(complete_words()) == {f"words.{name}" for name in WORDS if name != "verdicts"}
    for table in ("words.report", "words.plan", "words.validity", "words.cohort",
                  "words.cohort_report", "words.index", "words.followups"):
        assert table in complete_words()


# A key the kit added later (workbook/core/instrument_added.py) loads with a warning instead:
# tests/test_words7c_added_keys.py (attacks5 C21).
CASES = [(table, key) for table in sorted(f"words.{n}" for n in WORDS if n != "verdicts")
         for key in _sample(table) if f"{table}.{key}" not in ADDED]


@pytest.mark.parametrize(("table", "key"), CASES)
def test_a_copy_missing_one_key_is_refused_naming_the_table_and_key(tmp_path, table, key):
    path = _write(tmp_path, _without_key(table, key))
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    assert str(info.value).startswith(f"{path}: {table}.{key}: is missing; ")


@pytest.mark.parametrize(("table", "line", "said"), [
    # hand-written: the file, the table and the key, and what to do
    ("words.report", 'participant_title = "Your readiness profile"\n',
     "words.report.participant_title: is missing; a table the file writes must hold every "
     "key of the kit's own (or leave the whole table out to use the kit's words)"),
    ("words.plan", 'pace_full = "full pace"\n',
     "words.plan.pace_full: is missing; a table the file writes must hold every key of the "
     "kit's own (or leave the whole table out to use the kit's words)"),
    ("words.validity", 'heading = "How well the cut-offs predict"\n',
     "words.validity.heading: is missing; a table the file writes must hold every key of the "
     "kit's own (or leave the whole table out to use the kit's words)"),
    ("words.cohort", 'score_axis = "score (0-100)"\n',
     "words.cohort.score_axis: is missing; a table the file writes must hold every key of the "
     "kit's own (or leave the whole table out to use the kit's words)"),
])
def test_the_message_in_full(tmp_path, table, line, said):
    start, end = _section(table)
    assert KIT[start:end].count(line) == 1
    path = _write(tmp_path, KIT[:start] + KIT[start:end].replace(line, "", 1) + KIT[end:])
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    assert str(info.value) == f"{path}: {said}"


def test_a_misspelt_key_is_named_beside_the_missing_one(tmp_path):
    # 'pace_ful' for 'pace_full': the kit would not read it, so the coach's words would be lost
    text = KIT.replace('pace_full = "full pace"\n', 'pace_ful = "at full pace"\n', 1)
    path = _write(tmp_path, text)
    with pytest.raises(InstrumentError, match=re.escape(
            "words.plan.pace_full: is missing ('pace_ful' is not a key the kit reads: a "
            "misspelling?); ")):
        load_instrument(path)


@pytest.mark.parametrize(("table", "line", "new", "field"), [
    ("words.plan", 'pace_full = "full pace"\n', 'pace_full = "full {speed}"\n', "speed"),
    ("words.report", 'participant_title = "Your readiness profile"\n',
     'participant_title = "{client}: your profile"\n', "client"),
])
def test_a_placeholder_the_kit_does_not_fill_is_refused(tmp_path, table, line, new, field):
    # Before: loaded; the report then failed ("nothing fills {client}") or showed the braces.
    start, end = _section(table)
    path = _write(tmp_path, KIT[:start] + KIT[start:end].replace(line, new, 1) + KIT[end:])
    with pytest.raises(InstrumentError, match=re.escape(
            f"{path}: {table}.{line.split(' =')[0]}: the kit fills in no {{{field}}} here")):
        load_instrument(path)


@pytest.mark.parametrize("table", ["words.report", "words.plan", "words.validity",
                                   "words.cohort"])
def test_a_table_left_out_whole_is_the_kits_own_without_a_warning(tmp_path, table):
    start, end = _section(table)
    path = _write(tmp_path, KIT[:start] + KIT[end:])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inst = load_instrument(path)
    assert [str(w.message) for w in seen] == []
    name = table.removeprefix("words.")
    assert words_table(inst, name) == WORDS[name]


def test_a_whole_table_written_with_its_own_words_loads(tmp_path):
    path = _write(tmp_path, KIT.replace('pace_full = "full pace"\n',
                                        'pace_full = "volles Tempo"\n', 1))
    inst = load_instrument(path)
    assert words_table(inst, "plan")["pace_full"] == "volles Tempo"


@pytest.mark.parametrize("key", ["history_line", "change_words"])
def test_the_versions_words_are_complete_or_refused_too(tmp_path, key):
    # Before: a [versions] table without one of its texts took the kit's, without a word.
    path = _write(tmp_path, _without_key("versions", key))
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    assert str(info.value) == (
        f"{path}: versions.{key}: is missing; a table the file writes must hold every key of "
        "the kit's own (or leave the whole table out to use the kit's words)")
    start, end = _section("versions")
    inst = load_instrument(_write(tmp_path, KIT[:start] + KIT[end:], "older.toml"))
    assert inst.version_words == load_instrument().version_words  # left out whole: the kit's
