"""The split by whether people went on to talk compares what prepost.csv compares (issue 22).

Ten people answer every 2.0 statement before, the ones 2.0 shares with 2.1 keyed 5 and its
own keyed 1, and every 2.1 statement keyed 5 after; five held conversations (1 to 5), five
held none. Time shares time_1, time_2, time_5 (3 of 5): a pair across versions is compared on
those three, 100 before and 100 after, a change of 0 (as answered: 5, 5, 5, 1, 1 -> 3.4 -> 60
before, so +40). Hope shares only hope_1 and Energy energy_1 and energy_2 (fewer than half):
not compared, so no change (as answered Hope: 5, 1, 1, 1, 1 -> 1.8 -> 20, so +80).
"""

import numpy as np
import pandas as pd

from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.outcome import change_by_talk
from workbook.cohort.plots import cohort_figures
from workbook.core.instrument import load_instrument
from workbook.core.versions import statements_at

INST = load_instrument()
AT = {v: statements_at(INST, v) for v in ("2.0", "2.1")}
SHARED = {"time": {"time_1", "time_2", "time_5"}, "hope": {"hope_1"},
          "energy": {"energy_1", "energy_2"},
          "self_esteem": {"self_esteem_1", "self_esteem_3", "self_esteem_5"},
          "ambition": {"ambition_1", "ambition_3", "ambition_4"}}
HELD = [1, 2, 3, 4, 5, 0, 0, 0, 0, 0]


def _answers(version, keyed):
    out = {}
    for ing, items in AT[version].items():
        for item in items:
            k = keyed if keyed != "split" else (5 if item.id in SHARED[ing] else 1)
            out[item.id] = 6 - k if item.reverse else k
    return out


def _data():
    rows = []
    for n, held in enumerate(HELD):
        rows.append({"participant_id": f"e{n}", "timepoint": "pre",
                     "instrument_version": "2.0", **_answers("2.0", "split")})
        rows.append({"participant_id": f"e{n}", "timepoint": "post",
                     "instrument_version": "2.1", "conversations_held": held,
                     **_answers("2.1", 5)})
    return pd.DataFrame(rows)


def test_the_change_by_talk_is_over_the_shared_statements():
    tables = analyse(_data(), instrument=INST)
    change = tables["outcome_change"]
    assert change["went_on_to_talk"].unique().tolist() == ["all", "held_some", "held_none"]
    for side, size in (("all", 10), ("held_some", 5), ("held_none", 5)):
        part = change[change["went_on_to_talk"] == side].set_index("ingredient")
        for ing in ("time", "self_esteem", "ambition"):
            # before the fix: 60 -> 100, +40 (scores as answered)
            assert part.loc[ing, "mean_before"] == 100.0, (side, ing)
            assert part.loc[ing, "mean_change"] == 0.0, (side, ing)
            assert part.loc[ing, "n_pairs"] == size
        for ing in ("hope", "energy"):  # not compared: before the fix +80 (hope) and +60
            assert np.isnan(float(part.loc[ing, "mean_change"])), (side, ing)
        assert part.loc["time", "statements"] == "time_1 time_2 time_5"
        assert part.loc["hope", "statements"] == ""
        assert part.loc["hope", "not_compared"] == "the versions share 1 of its 5 statements"
        assert part.loc["time", "not_compared"] == ""
    # the whole's rows are prepost.csv's
    whole = change[change["went_on_to_talk"] == "all"].set_index("ingredient")
    prepost = tables["prepost"].set_index("ingredient")
    for col in ("n_pairs", "mean_before", "mean_after", "mean_change", "statements",
                "not_compared"):
        pd.testing.assert_series_equal(whole[col], prepost[col], check_dtype=False,
                                       check_names=False)


def test_on_one_version_the_table_is_as_before():
    """No version change: the scores as answered, and no statements column."""
    data = _data()
    data = data[data["timepoint"] == "post"].copy()
    pre = data.assign(timepoint="pre", conversations_held=np.nan)
    data = pd.concat([pre, data], ignore_index=True)
    from workbook import score

    change = change_by_talk(data, score(data, INST), instrument=INST)
    assert "statements" not in change.columns
    assert (change["mean_change"] == 0.0).all() and (change["mean_before"] == 100.0).all()


def test_the_overview_and_the_report_say_so(tmp_path, capsys):
    path = tmp_path / "versions.csv"
    _data().to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    tail = out[out.index("by whether people went on to talk"):]
    assert ("A change between two instrument versions is taken, as in the before/after, "
            "over the statements both share: Hope not compared (the versions share 1 of its 5 "
            "statements); Time on time_1, time_2, time_5; Energy not compared (the versions "
            "share 2 of its 5 statements); Self-esteem on self_esteem_1, self_esteem_3, "
            "self_esteem_5; Ambition on ambition_1, ambition_3, ambition_4.") in tail
    csv = pd.read_csv(tmp_path / "out" / "outcome_change.csv", keep_default_na=False)
    assert csv.loc[csv["ingredient"] == "time", "mean_change"].astype(float).tolist() == \
        [0.0, 0.0, 0.0]
    from workbook.reports.cohort_view import cohort_view

    html = cohort_view(str(path), instrument=INST).outcome().html
    part = html[html.index("by whether people went on to talk"):]
    assert "A change between two instrument versions is taken, as in the before/after, over " \
           "the statements both share: Hope not compared (the versions share 1 of its 5 " \
           "statements); Time on time_1, time_2, time_5;" in part


def test_the_prepost_figure_says_which_pairs_are_on_shared_statements():
    tables = analyse(_data(), instrument=INST)
    fig = cohort_figures(tables.answered, tables["scores"], None, 5, instrument=INST,
                         tables=tables)["prepost"]
    ax = fig.axes[[i.id for i in INST.ingredients].index("time")]
    # before the fix: "Time\n+0.0 (n=10)" with no word of the statements
    assert ax.get_title().endswith("+0.0 (n=10)\n10 on shared statements")
