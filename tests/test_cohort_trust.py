"""The cohort analysis under a black-box tester's attacks (issue 20, findings 7, 8, 11, 12, 14,
18, 19, 20): each test failed before its fix."""

from html import unescape

import pandas as pd
import pytest

from workbook import score
from workbook.cli import main
from workbook.cohort.outcome import HELD_NONE, HELD_SOME, NOT_ANSWERED, TALKED, change_by_talk
from workbook.core import schema
from workbook.reports.cohort_view import cohort_view
from workbook.responses.group_labels import ALL

from .test_outcome import HELD, twelve


# -- finding 8: a whole under --min-group gives nothing of its split away -----------------------
def three():
    """Three people (p01 held 3, p02 held 0, p03 held 1): a whole under min_group 5."""
    return twelve().iloc[:6]


def test_a_small_whole_hides_the_sizes_of_its_split():
    data = three()
    table = change_by_talk(data, score(data))
    first = table.groupby(TALKED, sort=False).first()
    # Every side is listed (a missing one would say it is empty), none with its size: the
    # sizes (2 held some, 1 none) are the whole's figure the outcome table hides.
    assert first.index.tolist() == [ALL, HELD_SOME, HELD_NONE, NOT_ANSWERED]
    assert first.loc[ALL, "n_both"] == 3
    assert first.loc[[HELD_SOME, HELD_NONE, NOT_ANSWERED], "n_both"].isna().all()
    assert table["n_pairs"].iloc[5:].isna().all()


def test_few_who_said_how_many_they_held_hide_the_split_too(tmp_path):
    # Twelve people both times, but only four said how many they held: the split between
    # some and none is four people's answer.
    data = twelve()
    data[HELD] = data[HELD].astype("Float64")
    said = data[schema.PARTICIPANT_ID].isin(["p01", "p02", "p03", "p04"])
    data.loc[~said, HELD] = pd.NA
    table = change_by_talk(data, score(data))
    first = table.groupby(TALKED, sort=False).first()
    assert first.loc[ALL, "n_both"] == 12
    assert first.loc[[HELD_SOME, HELD_NONE, NOT_ANSWERED], "n_both"].isna().all()
    path = tmp_path / "four.csv"
    data.to_csv(path, index=False)
    html = cohort_view(path).outcome().html  # the report is made (it failed on a hidden size)
    assert "Held one or more" in html


def test_the_overview_gives_no_split_of_a_small_whole(tmp_path, capsys):
    path = tmp_path / "three.csv"
    three().to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    split = out[out.index("share ready before"):]
    assert " Held one or more: not shown" in split and " Held none yet: not shown" in split
    assert "2 people" not in split and "1 people" not in split
    written = pd.read_csv(tmp_path / "out" / "outcome_change.csv")
    assert written.loc[written[TALKED] != ALL, "n_both"].isna().all()


def test_one_person_is_a_person(tmp_path, capsys):
    data = twelve()
    path = tmp_path / "twelve.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--min-group", "1"]) == 0
    out = capsys.readouterr().out
    assert " Did not say: 1 person, ready" in out and "1 people" not in out


# -- finding 11: a grouping by an item, a score or an answer is refused up front -------------
@pytest.mark.parametrize("column", ["hope_1", "time_2", "conversations_held", "date",
                                    "hours_per_week"])
@pytest.mark.parametrize("command", ["cohort", "report"])
def test_a_grouping_by_answers_is_refused_in_one_line(tmp_path, capsys, column, command):
    from workbook.responses.datasets import sample_path

    out = tmp_path / "out"
    args = ["cohort", str(sample_path()), "--out", str(out), "--by", column]
    assert main(args if command == "cohort" else ["report", *args]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"workbook: error: cannot group by {column!r}: it holds each person's own "
                   "answers, scores or dates, not groups; group by a column such as cohort")
    assert not out.exists() or not any(out.iterdir())  # nothing written


def test_a_scored_file_cannot_be_grouped_by_its_scores():
    from workbook.cohort.groups import check_grouping
    from workbook.core.exceptions import DataError

    data = twelve()
    scored = score(data)
    for column in ("hope", "hope_level", "verdict", "weakest"):
        with pytest.raises(DataError, match=f"cannot group by '{column}': it holds each"):
            check_grouping(scored, column)


# -- finding 12: a column that changes between a person's answers ----------------------------
def test_a_column_that_changes_between_answers_is_refused(tmp_path, capsys):
    data = twelve()
    data["session"] = data[schema.TIMEPOINT].map({"pre": "s1", "post": "s2"})
    path = tmp_path / "session.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "session"]) == 1
    err = capsys.readouterr().err
    assert ("cannot group by 'session': it changes between a person's answers for 12 of the "
            "12 people who answered more than once") in err
    assert not (tmp_path / "out").exists()


def test_a_few_who_moved_group_are_said_and_counted_at_pre(tmp_path, capsys):
    # a: twelve people, b: twelve; p01 and p02 of a are in b after: counted in a both times.
    data = pd.concat([twelve("a", "p"), twelve("b", "q")], ignore_index=True)
    moved = data[schema.PARTICIPANT_ID].isin(["p01", "p02"]) & (data[schema.TIMEPOINT] == "post")
    data.loc[moved, schema.COHORT] = "b"
    path = tmp_path / "moved.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    said = ("2 people's cohort differs between their answers: each person is counted in their "
            "cohort at pre")
    assert f"Groups: {said}." in capsys.readouterr().out
    mix = pd.read_csv(tmp_path / "out" / "verdicts.csv")
    post = mix[(mix["timepoint"] == "post")].drop_duplicates("cohort").set_index("cohort")
    assert post.loc["a", "n"] == 12 and post.loc["b", "n"] == 12
    html = cohort_view(path, by="cohort").groups().html
    assert f"{said}." in unescape(html)


# -- finding 19: no group may be named as the kit names the whole or no group ---------------
@pytest.mark.parametrize("name, said", [
    ("Everyone", "'Everyone', the name the kit gives the whole cohort"),
    (" everyone ", "' everyone ' (read as 'Everyone'), the name the kit gives the whole cohort"),
    ("ALL", "'ALL' (read as 'all'), the name the kit gives the whole cohort"),
    ("(missing)", "'(missing)', the name the kit gives the rows with no group"),
])
@pytest.mark.parametrize("command", ["cohort", "report"])
def test_a_group_named_as_the_whole_or_no_group_is_refused(tmp_path, capsys, name, said,
                                                           command):
    data = pd.concat([twelve("a", "p"), twelve(name, "q")], ignore_index=True)
    path = tmp_path / "named.csv"
    data.to_csv(path, index=False)
    out = tmp_path / "out"
    args = ["cohort", str(path), "--out", str(out), "--by", "cohort"]
    assert main(args if command == "cohort" else ["report", *args]) == 1
    err = capsys.readouterr().err
    assert f"the column 'cohort' has a group called {said} in tables split by cohort" in err
    assert not out.exists() or not any(out.iterdir())


def test_the_reserved_names_are_the_ones_the_report_uses():
    from workbook.reports import wording
    from workbook.responses.group_labels import MISSING_GROUP, RESERVED_GROUPS

    assert {ALL, wording.OUTCOME_SPLITS["all"], MISSING_GROUP} <= set(RESERVED_GROUPS)


# -- finding 14: reliable change is counted, adding up to the pairs, or said not counted -----
def _sample_without(item):
    from workbook.responses.datasets import load_sample

    return load_sample().drop(columns=[item])


def test_alpha_is_over_the_items_the_file_has_as_pingouin_computes_it():
    pingouin = pytest.importorskip("pingouin")
    from workbook.cohort.reliability import keyed_answers, reliability

    data = _sample_without("hope_9")
    pre = data[data[schema.TIMEPOINT] == "pre"]
    row = reliability(pre).set_index("ingredient").loc["hope"]
    keyed = keyed_answers(pre)[["hope_1", "hope_6", "hope_7", "hope_8"]].dropna()
    alpha, ci = pingouin.cronbach_alpha(data=keyed)
    assert row["k"] == 4 and row["n"] == len(keyed)
    assert row["alpha"] == pytest.approx(alpha)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ci), abs=0.001)  # 3 places


def test_reliable_change_counts_add_up_to_the_pairs_without_an_item():
    from workbook.cohort.analysis import analyse
    from workbook.cohort.prepost import RCI_CATEGORIES

    prepost = analyse(_sample_without("hope_9"))["prepost"].set_index("ingredient")
    for ing, r in prepost.iterrows():
        assert sum(int(r[c]) for c in RCI_CATEGORIES) == r["n_pairs"], ing


def test_reliable_change_that_cannot_be_counted_is_missing_and_said(tmp_path, capsys):
    # Everyone answers 3 to everything both times: no spread before, no alpha.
    data = twelve()
    items = [c for c in data.columns if c[-1].isdigit()]
    data[items] = 3
    path = tmp_path / "same.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert ("  Hope: +0.0 [+0.0, +0.0], d_z -, p -; -/-/- (reliable change not counted: "
            "everyone had the same score before (no spread to measure change against))") in out
    assert "0/0/0" not in out
    prepost = pd.read_csv(tmp_path / "out" / "prepost.csv")
    assert prepost[["improved", "no_reliable_change", "declined"]].isna().all().all()
    html = unescape(cohort_view(path).before_after().html)
    assert "Up / same / down not counted for Hope: everyone had the same score before" in html


def test_without_an_alpha_the_reason_is_no_alpha():
    from workbook.cohort.analysis import compare_timepoints
    from workbook.cohort.prepost import rci_not_counted

    data = twelve()
    table = compare_timepoints(score(data), alpha={"hope": float("nan")}, min_group=1)
    hope = table.set_index("ingredient").loc["hope"]
    assert pd.isna(hope["improved"]) and hope["n_pairs"] == 12
    assert rci_not_counted(table, {"hope": float("nan")})["hope"].startswith("no alpha")


# -- finding 18: each person's latest answers, without a date column --------------------------
def _sessions(labels):
    """Eight people at two sessions (0 conversations at the first, 5 at the second), the rows
    of the second session first in the file (as a spreadsheet sorted newest first leaves them),
    with an empty date column."""
    data = twelve().iloc[:16].copy()
    first = data[schema.TIMEPOINT] == "pre"
    data[schema.TIMEPOINT] = [labels[0] if f else labels[1] for f in first]
    data[HELD] = [0 if f else 5 for f in first]
    data[schema.DATE] = ""
    return data.iloc[::-1].reset_index(drop=True)


def test_timepoints_that_are_dates_order_the_latest_answers(tmp_path, capsys):
    from workbook.cohort.outcome import conversations, latest_by_file_order

    data = _sessions(["2026-11-01", "2026-12-01"])
    row = conversations(data).iloc[0]
    assert (row["n"], row["n_held_some"], row["total_held"]) == (8, 8, 40)
    assert not latest_by_file_order(data)
    path = tmp_path / "dated.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert " all: 8 of 8 (100%), median -, total 40" in out
    assert "last row in the file" not in out


def test_latest_by_file_order_is_said(tmp_path, capsys):
    data = _sessions(["s1", "s2"])  # no day to go by: the last row in the file is the latest
    path = tmp_path / "sessions.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert ("went on to talk to someone so far (each person's latest answers: latest = the "
            "last row in the file, as some rows have no date)") in out
    assert " all: 0 of 8 (0%), median -, total 0" in out
    html = unescape(cohort_view(path).outcome().html)
    assert ("Each person's latest answers are their last row in the file, as some rows have "
            "no date.") in html


# -- finding 7: a group's name from the file reaches neither the terminal nor a figure raw ----
def test_group_names_with_escape_sequences_are_escaped_in_the_overview(tmp_path, capsys):
    data = twelve("A\x1b]0;TITLE\x07\x1b[2J", "p")
    path = tmp_path / "esc.csv"
    data.to_csv(path, index=False)
    with _no_warning():
        assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out and "\x07" not in captured.out
    assert "pre / A\\x1b]0;TITLE\\x07\\x1b[2J: mean score (n)" in captured.out
    assert "\x1b" not in captured.err and "Glyph" not in captured.err


class _no_warning:
    """No warning escapes (matplotlib's 'Glyph 27 missing from font' with a source line)."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings(record=True)
        self.seen = self._catch.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        self._catch.__exit__(*exc)
        assert not [str(w.message) for w in self.seen if "Glyph" in str(w.message)]


def test_figure_labels_lose_control_characters():
    from workbook.core.palette import plain

    assert plain("A\x1b]0;T\x07\u202e") == "A?]0;T??"
    assert plain("Groupe\u00a0A") == "Groupe A"


def test_a_font_without_a_glyph_is_said_in_one_line(tmp_path, capsys):
    data = twelve("\u4e2d\u6587", "p")  # no glyph in the figures' font for these
    path = tmp_path / "cjk.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    err = capsys.readouterr().err
    assert "UserWarning" not in err and "savefig" not in err
    assert err.count("the figures' font has no glyph for some characters of a label") == 1


# -- finding 20: folders whose file names are participant ids are private ---------------------
def test_the_personal_reports_folder_is_private(tmp_path):
    import stat

    from workbook.reports import participant_reports

    data = twelve().iloc[:4]
    path = tmp_path / "two.csv"
    data.to_csv(path, index=False)
    out = tmp_path / "reports"
    participant_reports(path, out, jobs=1)
    assert stat.S_IMODE((out / "participants").stat().st_mode) == 0o700
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["p01.html", "p02.html"]
    # A folder of an earlier run, made with the umask's 0755, is tightened; so is stale/.
    (out / "participants").chmod(0o755)
    (out / "stale").mkdir(mode=0o755)
    (out / "stale").chmod(0o755)
    participant_reports(path, out, jobs=1)
    assert stat.S_IMODE((out / "participants").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "stale").stat().st_mode) == 0o700


def test_a_group_written_before_only_is_not_a_change(tmp_path, capsys):
    # A post survey without the cohort question: each person's group is their pre one.
    data = pd.concat([twelve("a", "p"), twelve("b", "q")], ignore_index=True)
    data[schema.COHORT] = data[schema.COHORT].astype(object)
    data.loc[data[schema.TIMEPOINT] == "post", schema.COHORT] = None
    path = tmp_path / "pre_only.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    assert "differs between their answers" not in capsys.readouterr().out
    mix = pd.read_csv(tmp_path / "out" / "verdicts.csv")
    post = mix[(mix["timepoint"] == "post")].drop_duplicates("cohort").set_index("cohort")
    assert post.loc["a", "n"] == 12 and post.loc["b", "n"] == 12
