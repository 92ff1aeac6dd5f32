"""Round 10b L6: ``[conversations] look_ahead_days`` was not checked at load.

500 or 0 was read as 7 without a word, a misspelt key holding a number
(``look_ahed_days = 30``) loaded silently, and the right key written as text
(``look_ahead_days = "30"``) was warned of as a key the kit does not read. Now every
``[conversations]`` value that is not a text is checked when the file is loaded, as
``[conversations.cadence]`` is: ``look_ahead_days`` is a whole number of days from 1 to 366
(the most ``--days`` takes), and a key the kit does not read that holds anything but a text
is refused with the nearest key it does read, naming the file.
"""

import subprocess
import sys
import warnings

import pytest

from workbook.cli.followups import look_ahead_days
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH


def _file(tmp_path, line, name="mine.toml"):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "[conversations]\n", f"[conversations]\n{line}\n", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["500", "0", "-3", "367", "7.5", "true", '"30"', "[30]"])
def test_a_look_ahead_out_of_range_or_not_a_whole_number_is_refused(tmp_path, value):
    path = _file(tmp_path, f"look_ahead_days = {value}")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    shown = {"true": "True", '"30"': "'30'", "7.5": "7.5"}.get(value, value)
    assert str(caught.value) == (f"{path}: conversations.look_ahead_days must be a whole "
                                 f"number of days from 1 to 366, not {shown}")


@pytest.mark.parametrize("value", [1, 30, 366])
def test_a_look_ahead_in_range_is_read_without_a_word(tmp_path, value):
    path = _file(tmp_path, f"look_ahead_days = {value}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        inst = load_instrument(path)
    assert look_ahead_days(inst) == value
    assert look_ahead_days(load_instrument()) == 7  # the kit's own


@pytest.mark.parametrize("line, key, near", [
    ("look_ahed_days = 30", "look_ahed_days", "look_ahead_days"),
    ("lookahead = 14", "lookahead", "look_ahead_days"),
    ("questons = ['What next?']", "questons", "questions"),
    ("zzz = 3", "zzz", None),
])
def test_a_key_the_kit_does_not_read_holding_a_number_is_refused(tmp_path, line, key, near):
    path = _file(tmp_path, line)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    hint = f" (did you mean {near!r}?)" if near else ""
    assert str(caught.value) == (f"{path}: unknown key {key!r} in [conversations]{hint}; the "
                                 "kit does not read it")


def test_a_text_the_kit_does_not_read_is_still_warned_of_not_refused(tmp_path):
    path = _file(tmp_path, 'note_starter = "Hello {name}"')  # 2.0's, now two texts
    with pytest.warns(Warning) as said:
        load_instrument(path)
    words = [str(w.message) for w in said]
    assert any("the kit does not read [conversations] note_starter" in w for w in words)


def test_the_command_line_says_it_in_one_line(tmp_path):
    path = _file(tmp_path, "look_ahead_days = 500")
    (tmp_path / "ws").mkdir()
    run = subprocess.run([sys.executable, "-m", "workbook", "followups", "--workspace",
                          str(tmp_path / "ws"), "--instrument", str(path)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert (f"{path}: conversations.look_ahead_days must be a whole number of days from 1 "
            "to 366, not 500") in run.stderr
    assert list((tmp_path / "ws").iterdir()) == []
