"""workbook.cohort.validity and `workbook validity`: readiness checked against conversations held.

References: the AUC against the Mann-Whitney U statistic (scipy: AUC = U / (n1 * n0)) and
DeLong's variance against its definition computed pair by pair; the odds ratio against a
hand fit of a 2x2 table (OR = ad / bc, Woolf's interval); sensitivity and specificity
hand-counted on a small table, with Wilson's formula written out; the best cut-off's interval
against the true Youden cut-off of a known logistic relation, over 20 fixed seeds.
"""

import json
import math
import re
import stat
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy.stats import mannwhitneyu

from workbook.cli import main
from workbook.cohort.validity import (
    FIRST,
    PRE,
    SAME_TIME,
    VERDICT_ROW,
    auc_delong,
    odds_ratio,
    validity,
    wilson,
    youden,
)
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.reports.cohort_view import cohort_view

Z = 1.959963984540054  # the normal quantile of a 95% interval


def answers(**levels) -> dict:
    """Every statement answered so that each ingredient's score is set: ``hope=2`` gives
    hope 25 (a statement's answer 2, a reverse one 4). Ingredients not named are 4 (75);
    ``None`` leaves an ingredient unanswered."""
    row = {}
    for item in resolve(None).items:
        a = levels.get(item.ingredient, 4)
        if a is not None:
            row[item.id] = 6 - a if item.reverse else a
    return row


def person(pid, held, hours=3, **levels):
    """A pre row with these answers and a post row holding only conversations_held."""
    return [{"participant_id": pid, "timepoint": "pre", "hours_per_week": hours,
             **answers(**levels)},
            {"participant_id": pid, "timepoint": "post", schema.CONVERSATIONS_HELD: held}]


def table(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    items = [i for i in resolve(None).item_ids if i in frame.columns]
    for col in [*items, schema.CONVERSATIONS_HELD]:
        if col in frame.columns:
            frame[col] = frame[col].astype("Int64")
    return frame


def small_cohort(unscored: int = 1) -> pd.DataFrame:
    """17 people, hand-counted (held: conversations after; everyone else's scores are 75).

    A: 6 ready, talked.  B: 2 ready, held none.  C: 2 hope 25 (tend first), talked.
    D: 3 hope 25 and 3 time 25 (not now), held none.  E: 1 who answered hope only (75,
    no verdict), talked: not counted, as every figure is of the same people
    (``unscored``: how many such E; fewer than min_group are a small group the check's
    figures, set beside the cohort's, would give away: round 9a H4).
    """
    rows = []
    for k in range(6):
        rows += person(f"A{k}", 2)
    for k in range(2):
        rows += person(f"B{k}", 0)
    for k in range(2):
        rows += person(f"C{k}", 1, hope=2)
    for k in range(3):
        rows += person(f"D{k}", 0, hope=2)
    for k in range(3):
        rows += person(f"T{k}", 0, time=2)
    only_hope = {i: None for i in resolve(None).ingredient_ids if i != "hope"}
    for k in range(unscored):
        rows += person(f"E{k}", 3, **only_hope)
    return table(rows)


def simulated(n=80, seed=3, slope=1.6) -> pd.DataFrame:
    """People whose chance of talking rises with a latent readiness their answers show."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        latent = rng.normal()
        row = {"participant_id": f"S{k:03d}", "timepoint": "pre", "hours_per_week": 3}
        for item in resolve(None).items:
            a = int(np.clip(np.round(3 + latent + rng.normal(0, 0.8)), 1, 5))
            row[item.id] = 6 - a if item.reverse else a
        talked = rng.random() < 1 / (1 + np.exp(-slope * latent))
        rows += [row, {"participant_id": row["participant_id"], "timepoint": "post",
                       schema.CONVERSATIONS_HELD: int(rng.integers(1, 4)) if talked else 0}]
    return table(rows)


def write(frame, path):
    frame.to_csv(path, index=False)
    return str(path)


# --- the statistics against references ----------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_auc_is_mann_whitney_u_over_n1_n0(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 11, size=40).astype(float) * 10  # many ties, as scores have
    y = rng.random(40) < 0.5
    u = mannwhitneyu(x[y], x[~y], alternative="two-sided").statistic
    auc, low, high = auc_delong(x, y)
    assert auc == pytest.approx(u / (y.sum() * (~y).sum()), abs=1e-12)
    assert low <= auc <= high


def test_delong_interval_against_its_definition_pair_by_pair():
    x = np.array([10, 20, 20, 35, 40, 40, 55, 60, 75, 80, 20, 55, 90, 40], dtype=float)
    y = np.array([0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0], dtype=bool)
    x1, x0 = x[y], x[~y]
    psi = (x1[:, None] > x0[None, :]) + 0.5 * (x1[:, None] == x0[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    se = math.sqrt(v10.var(ddof=1) / len(x1) + v01.var(ddof=1) / len(x0))
    auc, low, high = auc_delong(x, y)
    assert auc == pytest.approx(psi.mean())
    assert (low, high) == pytest.approx((psi.mean() - Z * se, min(1.0, psi.mean() + Z * se)))


def test_odds_ratio_of_a_two_by_two_table_is_ad_over_bc_with_woolfs_interval():
    # ready & talked a=12, ready & none b=4, not ready & talked c=5, not ready & none d=9
    a, b, c, d = 12, 4, 5, 9
    x = np.r_[np.ones(a + b), np.zeros(c + d)]
    y = np.r_[np.ones(a), np.zeros(b), np.ones(c), np.zeros(d)]
    ratio, low, high, note = odds_ratio(x, y)
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    assert note == ""
    assert ratio == pytest.approx(a * d / (b * c), rel=1e-6)  # 5.4
    assert low == pytest.approx(math.exp(math.log(5.4) - Z * se), rel=1e-5)
    assert high == pytest.approx(math.exp(math.log(5.4) + Z * se), rel=1e-5)


def test_odds_ratio_per_ten_points_is_the_tenth_power_of_per_point():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 21, 200) * 5.0
    y = rng.random(200) < 1 / (1 + np.exp(-(x - 50) / 15))
    per_point = odds_ratio(x, y)[0]
    assert odds_ratio(x, y, per=10)[0] == pytest.approx(per_point ** 10, rel=1e-6)


def test_no_odds_ratio_when_the_two_sides_do_not_overlap():
    ratio, low, high, note = odds_ratio([10, 20, 30, 60, 70], [0, 0, 0, 1, 1])
    assert math.isnan(ratio) and "at or above every score on the other" in note
    assert math.isnan(odds_ratio([10, 20, 50, 50, 70], [0, 0, 0, 1, 1])[0])  # touching at 50


def test_wilson_interval_by_its_formula():
    k, n = 6, 8
    p = k / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    assert wilson(k, n) == pytest.approx((0.75, centre - half, centre + half))


def test_youden_cutoff_of_a_clean_split_and_its_tie_rule():
    assert youden([10, 20, 30, 40, 50, 60], [0, 0, 0, 1, 1, 1], 45)[0] == 40
    # today's 35 separates as 40 does (no one between): today's line is the best (B11)
    assert youden([10, 20, 30, 40, 50, 60], [0, 0, 0, 1, 1, 1], 35)[0] == 35
    # 25, 50 and 75 separate equally well (J = 0.5): today's 40 (as 50) and 30 tie with
    # them, so today's line is taken; today's 100 (J = 0) does not: the nearest, 75
    x, y = [0, 25, 50, 75, 0, 25, 50, 75], [0, 1, 1, 1, 0, 0, 0, 1]
    assert youden(x, y, 40)[0] == 40
    assert youden(x, y, 30)[0] == 30
    assert youden(x, y, 100)[0] == 75


def test_the_resampled_interval_covers_the_true_best_cutoff_in_most_seeds():
    """A known logistic relation on the scores' grid; the true Youden cut-off from the
    population (sensitivity + specificity - 1 at each value, exactly); 20 fixed seeds."""
    grid = np.arange(0, 101, 5.0)
    weight = np.exp(-0.5 * ((grid - 55) / 18) ** 2)
    weight /= weight.sum()

    def chance(x):
        return 1 / (1 + np.exp(-(x - 60) / 8))

    f1, f0 = weight * chance(grid), weight * (1 - chance(grid))
    at_or_above1 = np.cumsum((f1 / f1.sum())[::-1])[::-1]
    at_or_above0 = np.cumsum((f0 / f0.sum())[::-1])[::-1]
    truth = grid[np.argmax(at_or_above1 - at_or_above0)]
    assert truth == 60
    covered = 0
    for seed in range(20):
        rng = np.random.default_rng(1000 + seed)
        x = rng.choice(grid, size=300, p=weight)
        y = rng.random(300) < chance(x)
        _, low, high, _ = youden(x, y, 40, resamples=1000, seed=seed)
        covered += low <= truth <= high
    assert covered >= 16, covered


# --- the table, hand-counted ----------------------------------------------------------------

def test_sensitivity_and_specificity_hand_counted():
    assert "singled out" in validity(small_cohort()).withheld  # one E: round 9a H4
    result = validity(small_cohort(unscored=5))
    assert result.reading == PRE
    assert (result.n, result.n_held_some, result.n_held_none) == (16, 8, 8)
    assert result.n_unscored == 5 and result.unscored_note.startswith("5 more people who")
    rows = result.table.set_index("predictor")
    verdict = rows.loc[VERDICT_ROW]
    assert (verdict["n"], verdict["n_held_some"], verdict["n_held_none"]) == (16, 8, 8)
    assert verdict["sensitivity"] == 6 / 8  # A of A + C were ready
    assert verdict["specificity"] == 6 / 8  # D and T of B + D + T were not
    assert (verdict["sensitivity_low"], verdict["sensitivity_high"]) == \
        pytest.approx(wilson(6, 8)[1:])
    assert verdict["odds_ratio"] == pytest.approx(6 * 6 / (2 * 2), rel=1e-6)
    assert verdict["auc"] == pytest.approx((0.75 + 0.75) / 2)
    hope = rows.loc["hope"]  # talked: A 75 x6, C 25 x2; none: B, T 75 x5, D 25 x3 (E not read)
    assert (hope["n"], hope["n_held_some"], hope["n_held_none"]) == (16, 8, 8)
    assert hope["current_cutoff"] == 40
    assert hope["sensitivity"] == 6 / 8 and hope["specificity"] == 3 / 8
    assert hope["auc"] == pytest.approx((6 * 3 + 0.5 * (6 * 5 + 2 * 3)) / (8 * 8))
    # fewer than twice min_group on a side: no best cut-off, no curve, and it says so
    assert math.isnan(hope["best_cutoff"]) and "at least 10 on each side" in hope["note"]
    assert set(result.roc["predictor"]) == {VERDICT_ROW}


def test_the_best_cutoff_is_provisional_with_its_interval_when_enough_people():
    result = validity(simulated(n=120))
    rows = result.table.set_index("predictor")
    for ing in resolve(None).ingredient_ids:
        row = rows.loc[ing]
        assert row["best_cutoff_status"] == "provisional"
        assert row["best_cutoff_low"] <= row["best_cutoff"] <= row["best_cutoff_high"]
        assert row["auc"] > 0.5
    assert validity(simulated(n=120)).table.equals(result.table)  # the same seed, the same


# --- small groups ---------------------------------------------------------------------------

def test_too_few_on_one_side_shows_nothing():
    rows = []
    for k in range(10):
        rows += person(f"A{k}", 2)
    for k in range(4):
        rows += person(f"B{k}", 0, hope=2)
    result = validity(table(rows))
    assert result.table is None and "Too few people" in result.withheld
    assert validity(table(rows), min_group=4).table is not None


def test_verdict_hidden_when_too_few_are_ready_or_not():
    rows = []
    for k in range(8):
        rows += person(f"A{k}", 2)
    for k in range(8):
        rows += person(f"B{k}", 0, hope=3)  # hope 50: still ready
    rows += person("C0", 0, hope=1)
    verdict = validity(table(rows)).table.set_index("predictor").loc[VERDICT_ROW]
    assert math.isnan(verdict["auc"]) and math.isnan(verdict["sensitivity"])
    assert "not shown" in verdict["note"]


def test_only_pre_answers_and_post_only_and_an_export():
    pre_only = small_cohort()
    pre_only = pre_only[pre_only["timepoint"] == "pre"].assign(conversations_held=pd.NA)
    assert "only 'pre' answers" in validity(pre_only).withheld
    # post only: readiness and conversations at the same time (said as such)
    same = small_cohort(unscored=5)
    post = same[same["timepoint"] == "pre"].assign(timepoint="post")
    post[schema.CONVERSATIONS_HELD] = same.loc[same["timepoint"] == "post",
                                               schema.CONVERSATIONS_HELD].to_numpy()
    assert validity(post).reading == SAME_TIME
    # an export: dated sessions; the first session's scores, the latest row's count
    first = post.assign(timepoint="2026-01-05", conversations_held=pd.NA)
    later = post.assign(timepoint="2026-02-05", **answers(hope=1))  # everyone hope 0 later
    result = validity(pd.concat([later, first], ignore_index=True))
    assert result.reading == FIRST
    hope = result.table.set_index("predictor").loc["hope"]
    assert hope["sensitivity"] == 6 / 8  # as at pre above, not the later hope of 0
    # one undated row a person, no timepoints: a survey asking both at once
    assert validity(post.drop(columns="timepoint")).reading == SAME_TIME


def test_a_missing_column_is_named():
    data = small_cohort().drop(columns=schema.CONVERSATIONS_HELD)
    with pytest.raises(Exception, match="survey.csv has no column 'conversations_held'"):
        validity(data, source="survey.csv")


# --- the command ----------------------------------------------------------------------------

def test_cli_end_to_end(tmp_path, capsys):
    data = simulated(n=60)
    path = write(data, tmp_path / "after.csv")
    out = tmp_path / "out"
    assert main(["validity", path, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Does readiness predict going on to talk to someone?" in printed
    assert "provisional" in printed and "A cut-off changes only with a coach's judgement" \
        in printed
    # (and the hidden record of what it wrote, round 8a F7)
    names = sorted(p.name for p in out.iterdir() if p.name != ".workbook-validity.json")
    assert names == ["instrument.txt", "validity.csv", "validity_roc.csv", "validity_roc.png",
                     "validity_roc.svg"]
    for p in out.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    written = pd.read_csv(out / "validity.csv")
    assert list(written["predictor"]) == [*resolve(None).ingredient_ids, VERDICT_ROW]
    # the verdict's sensitivity, counted here from the scores of the pre rows
    from workbook import score

    pre = data[data["timepoint"] == "pre"].reset_index(drop=True)
    held = data[data["timepoint"] == "post"][schema.CONVERSATIONS_HELD].to_numpy() >= 1
    ready = (score(pre)["verdict"] == "ready").to_numpy()
    verdict = written.set_index("predictor").loc[VERDICT_ROW]
    assert verdict["sensitivity"] == pytest.approx((ready & held).sum() / held.sum())
    assert verdict["specificity"] == pytest.approx((~ready & ~held).sum() / (~held).sum())


def test_cli_missing_column_names_file_and_column(tmp_path, capsys):
    path = write(small_cohort().drop(columns=schema.CONVERSATIONS_HELD), tmp_path / "s.csv")
    assert main(["validity", path, "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "s.csv has no column 'conversations_held'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_too_few_exits_1_and_writes_nothing(tmp_path, capsys):
    path = write(small_cohort().head(12), tmp_path / "few.csv")
    assert main(["validity", path, "--out", str(tmp_path / "out")]) == 1
    assert "Too few people" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_file_with_problems_as_cohort_does(tmp_path, capsys):
    data = small_cohort()
    data[resolve(None).item_ids[0]] = data[resolve(None).item_ids[0]].astype(object)
    data.loc[0, resolve(None).item_ids[0]] = "seven"
    path = write(data, tmp_path / "bad.csv")
    assert main(["validity", path, "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "bad.csv has 1 problem; nothing was checked" in err and "Traceback" not in err


def test_validity_help_imports_nothing_heavy():
    code = ("import sys\nfrom workbook.cli import main\ntry:\n    main(['validity', '--help'])\n"
            "except SystemExit:\n    pass\nimport json\nprint(json.dumps(list(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    heavy = {"pandas", "numpy", "scipy", "matplotlib", "statsmodels"} & loaded
    assert heavy == set()


# --- the cohort report's section ------------------------------------------------------------

def test_cohort_report_section_present_with_the_column_and_absent_without(tmp_path):
    data = simulated(n=60)
    report = cohort_view(write(data, tmp_path / "with.csv"))
    section = report.validity()
    assert section is not None
    assert "<h2>How well the cut-offs predict</h2>" in section.html
    assert 'alt="ROC curves' in section.html and "provisional" in section.html
    without = cohort_view(write(data.drop(columns=schema.CONVERSATIONS_HELD),
                                tmp_path / "without.csv"))
    assert without.validity() is None


def test_cohort_report_section_says_too_few(tmp_path):
    report = cohort_view(write(small_cohort().head(16), tmp_path / "few.csv"))
    html = report.validity().html
    assert "Too few people" in html and "<img" not in html


def test_on_the_bundled_sample_each_auc_is_mann_whitney_of_the_scores_read():
    """The sample's seeded relation (data/README.md) is with the post scores: --same-time reads
    those; the default reads the pre scores. Each AUC against scipy on the rows read (people
    with every ingredient scored; since round 12a P8, per ingredient those who answered it
    both times)."""
    from workbook import score
    from workbook.responses.datasets import load_sample

    data = load_sample()
    for same_time, at in ((False, "pre"), (True, "post")):
        result = validity(data, same_time=same_time)
        assert result.reading == (SAME_TIME if same_time else PRE)
        rows = data[data["timepoint"] == at]
        scores = score(rows).set_index(rows["participant_id"].to_numpy())
        scores = scores[scores["verdict"] != "incomplete"]  # every ingredient scored
        left = pd.Index([])
        if same_time:
            # the few whose post scores the cohort's post figures leave out (no pre row,
            # or an ingredient scored only after) are left out here too (round 9a H4)
            pre = data[data["timepoint"] == "pre"]
            pre = score(pre).set_index(pre["participant_id"].to_numpy())
            complete = pre[pre["verdict"] != "incomplete"].index
            left = scores.index.difference(complete)
            scores = scores.loc[scores.index.intersection(complete)]
        post = data[data["timepoint"] == "post"].set_index("participant_id")
        held = pd.to_numeric(post[schema.CONVERSATIONS_HELD], errors="coerce")
        table_ = result.table.set_index("predictor")
        # each ingredient's row: those who answered it before and after, as the cohort's
        # split by whether people went on to talk compares them (round 12a P8)
        at_pre = data[data["timepoint"] == "pre"]
        at_pre = score(at_pre).set_index(at_pre["participant_id"].to_numpy())
        at_post = data[data["timepoint"] == "post"]
        at_post = score(at_post).set_index(at_post["participant_id"].to_numpy())
        read = at_post if same_time else at_pre
        for ing in resolve(None).ingredient_ids:
            paired = pd.concat([at_pre[ing].rename("a"), at_post[ing].rename("b")], axis=1,
                               join="inner").dropna().index
            both = pd.concat([read[ing].reindex(paired), held], axis=1,
                             join="inner").dropna()
            talked = both[schema.CONVERSATIONS_HELD].to_numpy() >= 1
            x = both[ing].to_numpy(dtype=float)
            u = mannwhitneyu(x[talked], x[~talked]).statistic
            assert table_.loc[ing, "auc"] == pytest.approx(u / (talked.sum() * (~talked).sum()))
            assert table_.loc[ing, "n"] == len(both)
        assert result.n_left_out == held.reindex(left).notna().sum() == (5 if same_time else 0)


def test_cli_same_time_says_it_is_not_a_prediction(tmp_path, capsys):
    data = simulated(n=60)
    pre, post = data["timepoint"] == "pre", data["timepoint"] == "post"
    answered = [*resolve(None).item_ids, "hours_per_week"]
    data.loc[post.to_numpy(), answered] = data.loc[pre.to_numpy(), answered].to_numpy()
    path = write(data, tmp_path / "after.csv")
    assert main(["validity", path, "--out", str(tmp_path / "o"), "--same-time"]) == 0
    assert "not whether one predicts the other" in capsys.readouterr().out


def test_custom_verdict_words_in_the_summary_and_the_section(tmp_path, capsys):
    import re

    from workbook.core.instrument_file import DEFAULT_PATH

    kit = DEFAULT_PATH.read_text(encoding="utf-8")
    assert kit.count('ready = "Ready"') == 1
    own = tmp_path / "own.toml"
    own.write_text(kit.replace('ready = "Ready"', 'ready = "Ready to talk"'), encoding="utf-8")
    path = write(simulated(n=60), tmp_path / "after.csv")
    assert main(["validity", path, "--out", str(tmp_path / "o"), "--instrument", str(own)]) == 0
    said = capsys.readouterr().out
    html = cohort_view(path, instrument=own).validity().html
    text = re.sub(r"<[^>]+>", " ", html)
    for shown in (said, text):
        assert "Ready to talk" in shown
        assert not re.search(r"\b[Rr]eady\b(?! to talk)", shown)


# --- today's line outside the best line's interval, the words, the version -----------------

def outside_cohort() -> pd.DataFrame:
    """24 people, 12 who talked and 12 who held none (enough for a best line: 10 a side).

    Hope: everyone who talked 75, of those who held none half 25 and half 50, so the best
    line is 75 (today's 40 counts the 50s in) in every resample but one in 4,096 on average,
    [75, 75]: today's 40 is below it. Time the other way round (talked 25, held
    none 75): no line at or above 75 helps, so the best is the lowest, 25, in every resample:
    today's 40 is above it. Energy, self-esteem and ambition: half of each side 25, half 50,
    so resamples pick 25 or today's 40 (as 50) about equally: [25, 40] holds 40.
    """
    rows = []
    for k in range(24):
        talked = k < 12
        mixed = 2 if k % 2 else 3
        rows += person(f"P{k:02d}", 1 if talked else 0, hope=4 if talked else mixed,
                       time=2 if talked else 4, energy=mixed, self_esteem=mixed,
                       ambition=mixed)
    return table(rows)


BELOW_HOPE = ("The current cut-off is below the best line's interval for Hope. That is not a "
              "reason to raise it: the current cut-off is meant to be generous (a little is "
              "enough to "
              "begin), because turning away someone who could have talked costs more than "
              "encouraging someone a little early, while the best line weighs the two as equal.")
ABOVE_TIME = ("The current cut-off is above the best line's interval for Time: in this group a "
              "lower "
              "line would have picked out more of those who went on to talk. That is worth "
              "watching at the next workshops, not yet a reason to lower it.")
NARROW_24 = ("These are 24 people and one outcome (a conversation held or not, "
             "in the weeks that followed). A cut-off changes only with a coach's judgement, "
             "more people and more workshops.")


def test_todays_line_outside_the_interval_is_explained_not_read_as_move_it(tmp_path, capsys):
    data = outside_cohort()
    result = validity(data)
    best = result.table.set_index("predictor")
    assert best.loc["hope", ["best_cutoff", "best_cutoff_low", "best_cutoff_high"]].tolist() \
        == [75, 75, 75]
    assert best.loc["time", ["best_cutoff", "best_cutoff_low", "best_cutoff_high"]].tolist() \
        == [25, 25, 25]
    for ing in ("energy", "self_esteem", "ambition"):  # today's 40 separates as 50 does
        assert best.loc[ing, "best_cutoff_low"] == 25 and best.loc[ing, "best_cutoff_high"] == 40
    assert result.outside() == (["hope"], ["time"])
    words = f"{BELOW_HOPE} {ABOVE_TIME} {NARROW_24}"
    assert result.line_guidance(lambda i: resolve(None).ingredient(i).name) == words
    # the same words in the command's summary and in the cohort report's section
    path = write(data, tmp_path / "outside.csv")
    assert main(["validity", path, "--out", str(tmp_path / "o")]) == 0
    assert words in capsys.readouterr().out
    assert f"<p>{words}</p>".replace("'", "&#x27;") in cohort_view(path).validity().html


def test_no_outside_words_when_todays_line_is_inside_every_interval():
    data = outside_cohort()
    ids = data["participant_id"].str[1:].astype(int)
    pre = (data["timepoint"] == "pre").to_numpy()
    for ing in ("hope", "time"):  # mixed as energy is: [25, 40] holds 40
        cols = [i.id for i in resolve(None).items if i.ingredient == ing]
        for item in cols:
            rev = next(i.reverse for i in resolve(None).items if i.id == item)
            a = np.where(ids % 2 == 1, 2, 3)
            data.loc[pre, item] = (6 - a if rev else a)[pre]
    result = validity(data)
    assert result.outside() == ([], [])
    assert result.line_guidance() == ""


def test_on_the_bundled_sample_the_three_outside_lines_are_named(capsys, tmp_path):
    from workbook.responses.datasets import load_sample

    result = validity(load_sample())
    names = lambda i: resolve(None).ingredient(i).name  # noqa: E731
    # each ingredient over those who answered it before and after (round 12a P8): Time's
    # interval [35, 81.2] now takes in 40 (before, over the 93: [50, 81.2])
    assert result.outside() == (["energy", "ambition"], [])
    assert result.line_guidance(names).startswith(
        "The current cut-off is below the best line's interval for Energy and Ambition. "
        "That is not a reason to raise it")
    assert "These are 93 people and one outcome" in result.line_guidance(names)


def test_the_words_of_the_section_figures_not_people_and_below_the_line(tmp_path):
    html = cohort_view(write(simulated(n=60), tmp_path / "after.csv")).validity().html
    assert "Held none: below the current cut-off" in html and "left out by it" not in html
    assert "these figures cannot tell" in html and "these people cannot tell" not in html
    assert "counting a person missed who went on to talk and a person picked out who did " \
           "not as equally bad" in html
    # two tables, the second with today's line and the best line
    heads = [re.findall(r"<th[^>]*>([^<]*)</th>", t) for t in
             re.findall(r"<table>.*?</table>", html)]
    assert heads == [["", "People", "AUC (95% CI)", "Odds ratio (95% CI)"],
                     ["", "Current cut-off", "Talked: at or above the current cut-off",
                      "Held none: below the current cut-off",
                      "Best line, provisional (95% interval)"]]


def test_the_instrument_version_is_recorded(tmp_path, capsys):
    inst = resolve(None)
    said = f"Scored with {inst.name}, version {inst.version}."
    assert said == "Scored with Five ingredients for informational interviewing, version 2.1."
    out = tmp_path / "o"
    assert main(["validity", write(simulated(n=60), tmp_path / "a.csv"), "--out",
                 str(out)]) == 0
    assert said in capsys.readouterr().out.splitlines()
    assert (out / "instrument.txt").read_text(encoding="utf-8") == said + "\n"
    assert stat.S_IMODE((out / "instrument.txt").stat().st_mode) == 0o600


def test_the_cohort_summary_says_the_split_in_words_and_the_csv_keeps_codes(tmp_path, capsys):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "sample_cohort.csv"
    out = tmp_path / "c"
    assert main(["cohort", str(sample), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for words in (" Everyone: 107 people, ready 40% -> 43%",
                  " Held one or more: 55 people, ready 47% -> 53%",
                  " Held none yet: 43 people, ready 30% -> 30%",
                  " Did not say: 9 people, ready 44% -> 44%"):
        assert words in printed.splitlines()
    assert not re.search(r"held_some|held_none|not_answered", printed)
    codes = pd.read_csv(out / "outcome_change.csv")["went_on_to_talk"].unique().tolist()
    assert codes == ["all", "held_some", "held_none", "not_answered"]
