"""Cohort statistics, each checked against an independent computation (scipy, pingouin)."""

import numpy as np
import pandas as pd
import pingouin
import pytest
from scipy import stats

from workbook.cohort.analysis import (
    bottlenecks,
    compare_timepoints,
    reliable_change,
    summarize,
    verdicts,
)
from workbook.cohort.reliability import reliability
from workbook.core import schema
from workbook.core.exceptions import DataError
from workbook.core.instrument import load_instrument
from workbook.core.scoring import score
from workbook.responses.datasets import load_sample

INST = load_instrument()
INGS = INST.ingredient_ids


@pytest.fixture(scope="module")
def data():
    return load_sample()


@pytest.fixture(scope="module")
def scores(data):
    return score(data)


def test_summarize_against_scipy(scores):
    table = summarize(scores, by="timepoint")
    assert list(table["timepoint"].unique()) == ["pre", "post"]  # pre first, not alphabetical
    for _, row in table.iterrows():
        group = scores[scores["timepoint"] == row["timepoint"]]
        x = group[row["ingredient"]].dropna()
        # Scored here but not both times (the paired table's people): shown unless 1 to 4.
        other = scores[(scores["timepoint"] != row["timepoint"])
                       & scores[row["ingredient"]].notna()]["participant_id"]
        paired = group.loc[x.index, "participant_id"].isin(other)
        if 1 <= (~paired).sum() <= 4:
            x = x[paired]
        assert row["n_not_shown"] == len(group[row["ingredient"]].dropna()) - len(x)
        x = x.to_numpy()
        assert row["n"] == len(x)
        assert row["n_unscored"] == group[row["ingredient"]].isna().sum()
        assert row["n_responses"] == row["n"] + row["n_unscored"] + row["n_not_shown"]
        assert row["mean"] == pytest.approx(np.mean(x))
        assert row["sd"] == pytest.approx(np.std(x, ddof=1))
        assert row["median"] == pytest.approx(np.median(x))
        assert row["q1"] == pytest.approx(stats.scoreatpercentile(x, 25))
        assert row["q3"] == pytest.approx(stats.scoreatpercentile(x, 75))
        low, high = stats.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=stats.sem(x))
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(low), pytest.approx(high))
        ing = INST.ingredient(row["ingredient"])
        edges = ing.thresholds
        assert row["share_not_yet"] == pytest.approx(np.mean(x < edges["a_little"]))
        assert row["share_plenty"] == pytest.approx(np.mean(x >= edges["plenty"]))
        total = row[["share_not_yet", "share_a_little", "share_plenty"]].sum()
        assert total == pytest.approx(1)


def _scores(rows):
    """A tiny score table: (participant, timepoint, cohort, hope, time, ...)."""
    table = pd.DataFrame(
        rows, columns=[schema.PARTICIPANT_ID, schema.TIMEPOINT, schema.COHORT, *INGS]
    )
    return table


def test_small_groups_keep_n_but_show_no_statistics(scores):
    table = summarize(scores, by=["timepoint", "cohort"], min_group=40)
    small = table[table["n"].isna()]  # a hidden group shows its responses, no count per ingredient
    shown = table[table["mean"].notna()]
    assert len(small) and len(shown)
    assert small[["mean", "sd", "ci_low", "share_plenty", "n_unscored"]].isna().all().all()
    assert (shown["n"] >= 40).all()
    assert (table["n_responses"] == table.groupby(["timepoint", "cohort"])["n_responses"]
            .transform("first")).all()
    assert shown[["mean", "sd", "ci_low", "share_plenty"]].notna().all().all()
    # In each split, the hidden groups hold 40 or more together: none can be derived.
    groups = table[table["cohort"] != "all"]
    hidden = groups[groups["mean"].isna()]
    assert (hidden.groupby(["timepoint", "ingredient"])["n_responses"].sum() >= 40).all()
    mix = verdicts(scores, by="cohort", min_group=70)
    spring = mix[mix["cohort"] == "2026-spring"]
    # With k = 70, the 17 who answered once (4 in spring) are a small group: left out, counted;
    # since round 14c W13 so is the response of each of the 4 spring people whose ingredient
    # is scored at one timepoint only (left out of that ingredient's figures at the other,
    # so of the verdict mix there too): 4 + 4 responses, counted by hand from the sample.
    assert spring["n_not_shown"].iloc[0] == 8
    assert spring["n"].iloc[0] + 8 == (scores["cohort"] == "2026-spring").sum()
    assert spring["count"].isna().all() and spring["share"].isna().all()


def test_verdicts_by_hand():
    table = pd.DataFrame({
        "timepoint": ["pre"] * 6 + ["post"] * 5,
        "verdict": ["ready", "ready", "not_now", "build_first", "incomplete", "ready",
                    "ready", "ready", "ready", "not_now", "ready"],
    })
    mix = verdicts(table, by="timepoint").set_index(["timepoint", "verdict"])
    assert mix.loc[("pre", "ready"), "count"] == 3
    assert mix.loc[("pre", "ready"), "share"] == pytest.approx(3 / 6)
    assert mix.loc[("pre", "incomplete"), "count"] == 1
    assert mix.loc[("post", "build_first"), "count"] == 0
    assert mix.loc[("post", "ready"), "n"] == 5
    assert list(verdicts(table)["verdict"]) == list(schema.VERDICTS)


def test_bottlenecks_count_the_first_and_list_ties():
    table = pd.DataFrame({"weakest": [
        "time", "time;hope", "hope;time", "energy", "ambition;self_esteem;time", None,
    ]})
    result = bottlenecks(table, min_group=1).set_index("ingredient")
    assert (result["n"] == 5).all()  # the row with nothing scored has no weakest
    assert result["count"].to_dict() == {
        "hope": 1, "time": 2, "energy": 1, "self_esteem": 0, "ambition": 1
    }
    assert result["listed"].to_dict() == {
        "hope": 2, "time": 4, "energy": 1, "self_esteem": 1, "ambition": 1
    }
    assert result.loc["time", "share"] == pytest.approx(2 / 5)
    assert result["count"].sum() == 5


def test_compare_timepoints_against_scipy_and_pingouin(scores):
    table = compare_timepoints(scores).set_index("ingredient")
    pre = scores[scores["timepoint"] == "pre"].set_index("participant_id")
    post = scores[scores["timepoint"] == "post"].set_index("participant_id")
    for ing in INGS:
        pairs = pd.concat([pre[ing], post[ing]], axis=1, keys=["x", "y"], join="inner").dropna()
        x, y = pairs["x"].to_numpy(), pairs["y"].to_numpy()
        row = table.loc[ing]
        assert row["n_pairs"] == len(pairs)
        assert row["mean_before"] == pytest.approx(x.mean())
        assert row["mean_after"] == pytest.approx(y.mean())
        ttest = stats.ttest_rel(y, x)
        ci = ttest.confidence_interval(0.95)
        assert row["mean_change"] == pytest.approx((y - x).mean())
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(ci.low), pytest.approx(ci.high))
        assert row["sd_change"] == pytest.approx(np.std(y - x, ddof=1))
        assert row["t"] == pytest.approx(ttest.statistic)
        assert row["p_t"] == pytest.approx(ttest.pvalue)
        assert row["p_wilcoxon"] == pytest.approx(stats.wilcoxon(y, x).pvalue)
        # pingouin's cohen_dz (x - y): the opposite sign of after - before.
        dz = pingouin.compute_effsize(x, y, paired=True, eftype="cohen_dz")
        assert row["cohen_dz"] == pytest.approx(-dz)
        pg = pingouin.ttest(y, x, paired=True)
        assert row["p_t"] == pytest.approx(pg["p_val"].iloc[0])


def test_participants_present_once_are_summarised_and_counted():
    rows = [(f"p{i}", tp, "c", 40.0 + i, 50.0, 50.0, 50.0, 50.0 + i * (tp == "post"))
            for i in range(6) for tp in ("pre", "post")]
    rows += [("only_pre", "pre", "c", 10.0, 50, 50, 50, 50),
             ("only_post_1", "post", "c", 90.0, 50, 50, 50, 50),
             ("only_post_2", "post", "c", 90.0, 50, 50, 50, 50)]
    table = _scores(rows)
    result = compare_timepoints(table).set_index("ingredient")
    assert result.loc["hope", "n_pairs"] == 6
    assert result.loc["hope", "n_before_only"] == 1
    assert result.loc["hope", "n_after_only"] == 2
    assert result.loc["hope", "mean_change"] == 0
    assert result.loc["ambition", "mean_change"] == pytest.approx(np.mean(range(6)))
    # Time never changes: no t, no Wilcoxon, no effect size, but no crash.
    assert np.isnan(result.loc["time", "p_t"]) and np.isnan(result.loc["time", "p_wilcoxon"])
    # Fewer than 5 at one timepoint only: a small group of their own, left out of the summary
    # (the pairs' means would give their scores away) and counted.
    level = {c: "a_little" for c in map(schema.level_column, INGS)}
    summary = summarize(table.assign(**level), by="timepoint").set_index(
        ["timepoint", "ingredient"])
    assert summary.loc[("pre", "hope"), ["n", "n_not_shown", "n_responses"]].tolist() == [6, 1, 7]
    assert summary.loc[("post", "hope"), ["n", "n_not_shown", "n_responses"]].tolist() == [6, 2, 8]
    assert summary.loc[("pre", "hope"), "mean"] == pytest.approx(np.mean(40.0 + np.arange(6)))
    # With min_group 1 no group is small: everyone is summarised.
    summary = summarize(table.assign(**level), by="timepoint", min_group=1).set_index(
        ["timepoint", "ingredient"])
    assert summary.loc[("pre", "hope"), ["n", "n_not_shown"]].tolist() == [7, 0]
    assert summary.loc[("post", "hope"), ["n", "n_not_shown"]].tolist() == [8, 0]


def test_compare_timepoints_refuses_bad_input():
    table = _scores([("p1", "pre", "c", 1, 1, 1, 1, 1), ("p1", "pre", "c", 2, 2, 2, 2, 2),
                     ("p1", "post", "c", 3, 3, 3, 3, 3)])
    with pytest.raises(DataError, match="more than one 'pre'"):
        compare_timepoints(table)
    with pytest.raises(DataError, match="no responses at timepoint 'after'"):
        compare_timepoints(table.iloc[1:], after="after")
    with pytest.raises(DataError, match="do not group by timepoint"):
        compare_timepoints(table.iloc[1:], by="timepoint")
    with pytest.raises(DataError, match="no such column"):
        summarize(table, by="workshop")


def test_reliable_change_by_hand():
    before = [40.0, 50.0, 60.0, 70.0, 80.0]  # sd = sqrt(250)
    change = [20.0, 0.0, -15.0, 5.0, 10.0]
    rows = []
    for i, (b, c) in enumerate(zip(before, change)):
        rows.append((f"p{i}", "pre", "c", b, b, b, b, b))
        rows.append((f"p{i}", "post", "c", b + c, b, b, b, b))
    table = _scores(rows)
    # SEM = sqrt(250) * sqrt(1 - 0.9) = 5; S_diff = sqrt(2) * 5.
    rc = reliable_change(table, {ing: 0.9 for ing in INGS})
    hope = rc[rc["ingredient"] == "hope"].set_index("participant_id")
    s_diff = np.sqrt(2) * 5
    assert hope["s_diff"].iloc[0] == pytest.approx(s_diff)
    assert hope["rci"].tolist() == pytest.approx([c / s_diff for c in change])
    assert hope["rci"].round(3).tolist() == [2.828, 0.0, -2.121, 0.707, 1.414]
    assert hope["category"].tolist() == [
        "improved", "no_reliable_change", "declined", "no_reliable_change", "no_reliable_change"
    ]
    summary = compare_timepoints(table, alpha={ing: 0.9 for ing in INGS}, min_group=1)
    row = summary.set_index("ingredient").loc["hope"]
    assert (row["improved"], row["no_reliable_change"], row["declined"]) == (1, 3, 1)
    assert row["rci_change"] == pytest.approx(1.96 * s_diff)
    # Time has no change at all: everyone "no reliable change".
    assert summary.set_index("ingredient").loc["time", "no_reliable_change"] == 5


def test_alpha_from_the_reliability_table(data, scores):
    alpha = reliability(data[data["timepoint"] == "pre"])
    table = compare_timepoints(scores, alpha=alpha)
    counts = table[["improved", "no_reliable_change", "declined"]].sum(axis=1)
    assert (counts == table["n_pairs"]).all()
    by_cohort = compare_timepoints(scores, by="cohort", alpha=alpha, min_group=1)
    whole = by_cohort[by_cohort["cohort"] == "all"].drop(columns="cohort")
    pd.testing.assert_frame_equal(whole.reset_index(drop=True), table)
    parts = by_cohort[by_cohort["cohort"] != "all"]
    assert parts.groupby("ingredient")["improved"].sum().to_dict() == (
        table.set_index("ingredient")["improved"].to_dict()
    )
    assert parts.groupby("ingredient")["n_before_only"].sum().to_dict() == (
        table.set_index("ingredient")["n_before_only"].to_dict()
    )


def test_timepoints_come_pre_then_post_then_others_as_they_appear(data):
    from workbook.cohort.plots import bottleneck_chart, item_heatmap

    # Post rows first, and two other labels, so neither sorting nor appearance gives pre first.
    order = {"post": 0, "week 6": 1, "pre": 2, "follow-up": 3}
    shuffled = data.assign(timepoint=[
        ["post", "week 6", "pre", "follow-up"][n % 4] for n in range(len(data))])
    shuffled = shuffled.iloc[np.argsort(shuffled["timepoint"].map(order), kind="stable")]
    expected = ["pre", "post", "week 6", "follow-up"]
    scores = score(shuffled)
    for table in (summarize(scores, by="timepoint"), verdicts(scores, by="timepoint"),
                  bottlenecks(scores, by="timepoint")):
        assert list(dict.fromkeys(table["timepoint"])) == expected
    by_two = summarize(scores, by=["cohort", "timepoint"])
    first = by_two[by_two["cohort"] == by_two["cohort"].iloc[0]]
    assert list(dict.fromkeys(first["timepoint"])) == expected
    legend = bottleneck_chart(scores, by="timepoint").axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == expected
    ticks = item_heatmap(shuffled, by="timepoint").axes[0].get_xticklabels()
    assert [t.get_text().split("\n")[0] for t in ticks] == expected
