"""A copy that scores a statement of the kit otherwise under the kit's id (attacks5 C5).

Flipping ``reverse`` of ``hope_1`` (same id, text and version "2.1") changed every hope score
(SPR-002 60 -> 70) with no word, and every output still said 2.1. Now such a file is refused
at load, naming the file and the statement, when its version is the kit's (or earlier); a
later version's file is warned once per statement unless its ``[history]`` declares it.
"""

from __future__ import annotations

import re
import warnings

import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_checks import RekeyedWarning
from workbook.core.instrument_file import DEFAULT_PATH

KIT = DEFAULT_PATH.read_text(encoding="utf-8")
HOPE_1 = 'pays me fairly."\nreverse = false'


def _write(tmp_path, text, name="flip.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _flipped(version=None, history=None) -> str:
    assert KIT.count(HOPE_1) == 1
    text = KIT.replace(HOPE_1, 'pays me fairly."\nreverse = true', 1)
    if version:
        text = text.replace('\nversion = "2.1"\n', f'\nversion = "{version}"\n', 1)
    if history:
        text = text.replace('"2.0" = ["hope_1", "energy_3", "energy_4", "ambition_5"]\n',
                            '"2.0" = ["hope_1", "energy_3", "energy_4", "ambition_5"]\n'
                            f'"{version}" = ["hope_1"]\n', 1)
    return text


def test_a_flipped_keying_under_the_kits_id_and_version_is_refused(tmp_path, capsys):
    # Before: loaded without a word; `score` gave SPR-002 hope 70 instead of 60, "2.1".
    from workbook.cli import main

    path = _write(tmp_path, _flipped())
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    assert str(info.value) == (
        f"{path}: statement hope_1 is reverse-keyed here and not in the kit's 2.1: every "
        "score of it would change with nothing in the outputs to tell; give the changed "
        "statement a new id with replaces/since and the file a new version (see the "
        "instrument file's header), or key it as the kit does (this file says version 2.1)")
    out = tmp_path / "fl.csv"
    assert main(["score", str(DEFAULT_PATH.parents[1] / "data" / "sample_cohort.csv"),
                 "--instrument", str(path), "--out", str(out)]) != 0
    assert "statement hope_1 is reverse-keyed here" in capsys.readouterr().err
    assert not out.exists()


def test_a_kit_reverse_statement_keyed_forward_is_refused_too(tmp_path):
    text = KIT.replace('stay much as it is."\nreverse = true',
                       'stay much as it is."\nreverse = false', 1)
    assert text != KIT
    path = _write(tmp_path, text)  # hope_3 is a retired statement: it is scored as asked
    with pytest.raises(InstrumentError, match=re.escape(
            f"{path}: statement hope_3 is not reverse-keyed here but is in the kit's 2.1")):
        load_instrument(path)


def test_a_statement_moved_to_another_ingredient_is_refused(tmp_path):
    # hope_1's table moved under time's items: scored as time, under the kit's id
    start = KIT.index('[[ingredients.items]]\nid = "hope_1"\n')
    end = KIT.index("[[ingredients.items]]", start + 1)
    block = KIT[start:end]
    text = KIT[:start] + KIT[end:]
    at = text.index('[[ingredients.items]]\nid = "time_1"\n')
    text = text[:at] + block + text[at:]
    path = _write(tmp_path, text)
    with pytest.raises(InstrumentError, match=re.escape(
            f"{path}: statement hope_1 counts for 'time' here and for 'hope' in the kit's 2.1")):
        load_instrument(path)


def test_a_later_version_is_warned_once_unless_its_history_declares_it(tmp_path):
    path = _write(tmp_path, _flipped(version="2.2"))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inst = load_instrument(path)
    said = [str(w.message) for w in seen if issubclass(w.category, RekeyedWarning)]
    assert said == [f"{path}: statement hope_1 is reverse-keyed here and not in the kit's 2.1: "
                    "every score of it would change with nothing in the outputs to tell; give "
                    "the changed statement a new id with replaces/since and the file a new "
                    "version (see the instrument file's header)"]
    assert inst.version == "2.2" and inst.item("hope_1").reverse
    declared = _write(tmp_path, _flipped(version="2.2", history=True), "declared.toml")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        load_instrument(declared)
    assert [w for w in seen if issubclass(w.category, RekeyedWarning)] == []


def test_the_kits_file_and_the_2_0_file_are_keyed_as_the_kit_keys_them():
    from pathlib import Path

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        load_instrument()
        load_instrument(Path(__file__).parent / "data" / "instrument_2_0.toml")
    assert [w for w in seen if issubclass(w.category, RekeyedWarning)] == []
