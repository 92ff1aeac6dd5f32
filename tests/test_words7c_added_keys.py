"""A key the kit added to a table of words after a coach's copy was made (attacks5 C21).

A ``workbook init`` copy made before an upgrade that adds a key to a ``[words.X]`` or
``[session...]`` table still loads: the kit's own words are used for it and one warning names
the file, the table and the key. A key the kit has had since the table came out (so the
coach deleted it) is refused, naming the table and key (issue 22). The keys added later are
listed in ``workbook/core/instrument_added.py``; ``tests/data/words_keys_baseline.json`` holds each
table's keys on 2026-12-07, so a key added to the kit's file without being listed fails here.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument, words_table
from workbook.core.instrument_added import ADDED
from workbook.core.instrument_checks import complete_words
from workbook.core.instrument_file import DEFAULT_PATH, default_raw

KIT = DEFAULT_PATH.read_text(encoding="utf-8")
BASELINE = json.loads((Path(__file__).parent / "data" / "words_keys_baseline.json")
                      .read_text(encoding="utf-8"))


def _kit_tables() -> dict:
    """Table label -> keys, for every table of words of the kit's file (as the baseline)."""
    raw = default_raw()
    out = {label: set(raw["words"][label.split(".", 1)[1]]) for label in complete_words()}

    def walk(table, label):
        keys = {k for k, v in table.items() if isinstance(v, str)}
        if keys:
            out[label] = keys
        for key, inner in table.items():
            if isinstance(inner, dict):
                walk(inner, f"{label}.{key}")
    walk(raw["session"], "session")
    return out


def test_every_key_the_kit_added_since_the_baseline_is_registered():
    # The rule enforces itself: add a key to a table of the kit's file without listing it in
    # workbook/core/instrument_added.py and this fails (every coach's copy would be refused).
    tables = _kit_tables()
    unlisted = [f"{label}.{key}" for label, keys in tables.items() if label in BASELINE
                for key in sorted(keys - set(BASELINE[label])) if f"{label}.{key}" not in ADDED]
    assert unlisted == []
    # and every listed key is one of the kit's (none left behind when a key goes)
    known = {f"{label}.{key}" for label, keys in tables.items() for key in keys}
    assert sorted(set(ADDED) - known) == []
    # names that carry meaning are never filled in
    assert not [k for k in ADDED if k.startswith(("session.levels.", "words.verdicts.",
                                                  "words.levels."))]


def _write(tmp_path, text, name="copy.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _drop(line: str) -> str:
    assert KIT.count(line) == 1, line
    return KIT.replace(line, "", 1)


def _load_warned(path) -> tuple:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inst = load_instrument(path)
    return [str(w.message) for w in seen], inst


def test_a_copy_without_a_key_the_kit_added_later_loads_with_one_warning(tmp_path):
    # Before: "words.report.lang: is missing ...", refused by every command (C21: the copy
    # made at ebcb0bb, before [words.report] lang came in 0feae77).
    path = _write(tmp_path, _drop('lang = "en"\n'))
    said, inst = _load_warned(path)
    assert said == [f"{path}: [words.report] has no lang (written for an earlier version?): "
                    "the kit's own words are used"]
    assert words_table(inst, "report")["lang"] == "en"


def test_a_session_key_the_kit_added_later_is_the_kits_own_with_the_same_warning(tmp_path):
    from workbook.core.session_texts import Texts

    path = _write(tmp_path, _drop('kit_file = "the kit\'s own file"\n'))
    said, inst = _load_warned(path)
    assert said == [f"{path}: [session.app] has no kit_file (written for an earlier "
                    "version?): the kit's own words are used"]
    assert Texts(inst).get("app", "kit_file") == "the kit's own file"


@pytest.mark.parametrize(("line", "where"), [
    ('odds_same = "everyone has the same value: no odds ratio"\n', "words.validity.odds_same"),
    ('back = "Back"\n', "session.app.back"),
])
def test_a_key_the_kit_always_had_is_refused_naming_table_and_key(tmp_path, line, where):
    # Before (session.app.back): taken from the kit's words with a warning, though a copy of
    # any release has it: the coach deleted it (issue 22: refused naming table and key).
    path = _write(tmp_path, _drop(line))
    with pytest.raises(InstrumentError, match=re.escape(f"{path}: {where}: is missing")):
        load_instrument(path)


def test_a_misspelt_added_key_is_refused_not_filled(tmp_path):
    path = _write(tmp_path, KIT.replace('lang = "en"\n', 'lnag = "de"\n', 1))
    with pytest.raises(InstrumentError, match=r"words\.report\.lang: is missing \('lnag'"):
        load_instrument(path)


def test_the_command_runs_with_the_older_copy(tmp_path, capsys):
    # C21's reproduction: `workbook score DATA --instrument copy` (before: exit 1).
    copy = _write(tmp_path, _drop('lang = "en"\n'))
    data = Path(__file__).parents[1] / "data" / "sample_cohort.csv"
    out = tmp_path / "x.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(["score", str(data), "--instrument", str(copy), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("[words.report] has no lang") == 1
    assert len(pd.read_csv(out)) == len(pd.read_csv(Path(__file__).parents[1] / "data" /
                                                    "sample_cohort.csv"))
