"""``followups`` names the level of a waiting client's closed gate as the instrument does.

``[conversations] cli_waiting`` held the level's name "not yet" as fixed text: a coach who
renamed the level in ``[session.levels]`` still read "time or energy at not yet". It is now
a placeholder, ``{level}``, filled with the instrument's name of the ``not_yet`` level.
"""

from __future__ import annotations

import datetime as dt

from workbook.cli import followups as fu
from workbook.core.conversations.words import Words
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

TODAY = dt.date(2026, 12, 7)


def _waiting(instrument):
    found = fu.Followups(items=[], today=TODAY, until=TODAY + dt.timedelta(days=7), clients=2,
                         later=["ann", "bo"], waiting=["bo"],
                         verdicts={"ann": "not_now", "bo": "incomplete"})
    found.words = Words(instrument)
    return fu.lines(found)[-1]


def test_the_kits_words_as_they_were():
    assert ("1 client at not now and 1 client at not enough answers yet, time or energy at "
            "not yet: for them, only what") in _waiting(load_instrument())


def test_a_renamed_level_is_said_as_written(tmp_path):
    # Before: "..., time or energy at not yet" whatever [session.levels] said.
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    old = '[session.levels]\nnot_yet = "not yet"\n'
    assert text.count(old) == 1
    path = tmp_path / "own.toml"
    path.write_text(text.replace(old, '[session.levels]\nnot_yet = "Noch nicht"\n'),
                    encoding="utf-8")
    said = _waiting(load_instrument(path))
    assert "1 client at not enough answers yet, time or energy at Noch nicht: for them" in said
    assert "not yet" not in said


def test_the_gates_are_named_as_the_instrument_writes_them(tmp_path):
    # Before: "time or energy" was fixed text of cli_waiting; now {names}, the ingredients
    # whose gate is not_now, in running text ("time" for the kit's "Time", "Zeit" as written).
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert text.count('name = "Time"\n') == 1
    path = tmp_path / "own.toml"
    path.write_text(text.replace('name = "Time"\n', 'name = "Zeit"\n'), encoding="utf-8")
    said = _waiting(load_instrument(path))
    assert "1 client at not enough answers yet, Zeit or energy at not yet: for them" in said
