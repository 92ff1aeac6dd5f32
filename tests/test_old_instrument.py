"""An instrument file of an earlier version still loads (attacks3 A25).

``tests/data/instrument_2_0.toml`` is the kit's own instrument file at 4370ccc (version 2.0),
byte for byte: a coach's ``workbook init`` copy made before the upgrade is this file. It
writes ``[session.profile]`` without the texts added later (``review_heading``,
``review_text``). Such texts are the app's words: the kit's own are used, and one plain
warning names the file, the table and the keys. Keys that carry meaning (verdict and level
names, thresholds, the scale) stay required: see tests/test_instrument_everywhere.py.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.core.session_texts import Texts

OLD = Path(__file__).parent / "data" / "instrument_2_0.toml"
WARNING = (f"{OLD}: [session.profile] has no review_heading, review_text (written for an "
           "earlier version?): the kit's own words are used; the kit does not read "
           "[conversations] note_starter (written for an earlier version?)")


def test_the_2_0_file_loads_with_one_warning_and_the_kits_words_for_what_it_lacks():
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inst = load_instrument(OLD)
    assert [str(w.message) for w in seen] == [WARNING]
    assert inst.version == "2.0"
    texts = Texts(inst)
    assert texts.get("profile", "review_heading") == "Time to look again"
    # what the 2.0 file writes is its own
    assert texts.get("profile", "history_heading") == "How things have moved"
    assert inst.verdict_names["build_first"] == "Tend first"


def test_a_2_0_survey_file_is_scored_with_the_2_0_file(tmp_path, capsys):
    # Before: "session.profile.review_heading: is missing", exit 1.
    # 2.0's keying: hope_3 reverse; time_2, time_5; energy_2, energy_5; self_esteem_3,
    # self_esteem_5; ambition_3 reverse. POMP = 100 * (mean - 1) / 4.
    #   P0, every answer 4: hope 4 4 2 4 4 -> 3.6 -> 65; time 4 2 4 4 2 -> 3.2 -> 55 (and so
    #   energy, self_esteem); ambition as hope -> 65.
    #   P1, hope 5 4 2 4 3 -> 5 4 4 4 3 = 20/5 = 4 -> 75; the rest as P0.
    ids = [f"{ing}_{k}" for ing in ("hope", "time", "energy", "self_esteem", "ambition")
           for k in range(1, 6)]
    rows = [["P0", "pre"] + [4] * 25 + [3],
            ["P1", "pre"] + [5, 4, 2, 4, 3] + [4] * 20 + [3]]
    data = tmp_path / "old.csv"
    pd.DataFrame(rows, columns=["participant_id", "timepoint"] + ids + ["hours_per_week"]
                 ).to_csv(data, index=False)
    out = tmp_path / "scores.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # as a command runs
        assert main(["score", str(data), "--instrument", str(OLD), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"workbook: warning: {WARNING}\n" in err
    assert err.count("review_heading") == 1
    scores = pd.read_csv(out).set_index("participant_id")
    assert scores.loc["P0", ["hope", "time", "energy", "self_esteem", "ambition"]].tolist() \
        == [65.0, 55.0, 55.0, 55.0, 65.0]
    assert scores.loc["P1", "hope"] == 75.0
    assert scores["instrument_version"].astype(str).tolist() == ["2.0", "2.0"]
