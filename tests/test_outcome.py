"""The cohort outcome (issue 14): who went on to talk to someone, against hand counts."""

import numpy as np
import pandas as pd
import pytest

from workbook import score
from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.outcome import (
    HELD_NONE,
    HELD_SOME,
    NOT_ANSWERED,
    TALKED,
    change_by_talk,
    conversations,
    outcome_rows,
)
from workbook.core import schema
from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import load_instrument
from workbook.reports.cohort_view import cohort_view
from workbook.responses.datasets import load_sample, sample_path, simulate
from workbook.responses.group_labels import ALL
from workbook.responses.io import load_responses

INST = load_instrument()
HELD = schema.CONVERSATIONS_HELD

# Twelve people. Held after the workshop: six held some (16 in all), five none, one did not say.
TWELVE = [3, 0, 1, 0, 5, None, 2, 0, 0, 4, 1, 0]


def _answers(level: int) -> dict:
    """Every item of every ingredient answered so that each ingredient scores ``level``."""
    lo, hi = INST.scale_min, INST.scale_max
    return {item.id: (lo + hi - level if item.reverse else level)
            for ing in INST.ingredients for item in ing.items}


def _row(pid, timepoint, hope, cohort="a", held=None):
    """A response: hope at ``hope`` (1-5), every other ingredient at 4 (75 points)."""
    row = {schema.PARTICIPANT_ID: pid, schema.COHORT: cohort, schema.TIMEPOINT: timepoint,
           **_answers(4)}
    for item in INST.ingredient("hope").items:
        row[item.id] = INST.scale_min + INST.scale_max - hope if item.reverse else hope
    row[HELD] = held
    return row


def twelve(cohort="a", prefix="p") -> pd.DataFrame:
    """Hope 2 -> 4 for those who held some (25 -> 75: build first -> ready); 3 -> 3 for those
    who held none (50, ready both times); 3 -> 4 for the one who did not say."""
    rows = []
    for j, held in enumerate(TWELVE):
        pid = f"{prefix}{j + 1:02d}"
        some = held is not None and held >= 1
        before, after = (2, 4) if some else (3, 3) if held == 0 else (3, 4)
        rows.append(_row(pid, "pre", before, cohort))
        rows.append(_row(pid, "post", after, cohort, held))
    table = pd.DataFrame(rows)
    table[HELD] = table[HELD].astype("Int64")
    return table


def test_conversations_counts_by_hand():
    table = conversations(twelve())
    row = table.iloc[0]
    assert list(table.columns) == ["n_responses", "n_not_shown", "n", "n_held_some",
                                   "share_held_some", "median_held", "total_held"]
    assert (row["n_responses"], row["n"], row["n_held_some"]) == (12, 11, 6)
    assert row["share_held_some"] == pytest.approx(6 / 11)
    assert row["median_held"] == 1.0  # 0 0 0 0 0 [1] 1 2 3 4 5
    assert row["total_held"] == 16


def test_split_by_talk_by_hand():
    data = twelve()
    table = change_by_talk(data, score(data), min_group=1)
    hope = table[table["ingredient"] == "hope"].set_index(TALKED)
    assert hope.index.tolist() == [ALL, HELD_SOME, HELD_NONE, NOT_ANSWERED]
    assert hope["n_both"].tolist() == [12, 6, 5, 1]
    assert hope.loc[HELD_SOME, "mean_change"] == pytest.approx(50.0)
    assert hope.loc[HELD_NONE, "mean_change"] == pytest.approx(0.0)
    assert hope.loc[NOT_ANSWERED, "mean_change"] == pytest.approx(25.0)
    assert hope.loc[ALL, "mean_change"] == pytest.approx((6 * 50 + 25) / 12)
    assert hope["share_ready_before"].tolist() == pytest.approx([6 / 12, 0, 1, 1])
    assert hope["share_ready_after"].tolist() == pytest.approx([1, 1, 1, 1])
    time = table[table["ingredient"] == "time"].set_index(TALKED)
    assert time["mean_change"].tolist() == pytest.approx([0, 0, 0, 0])


def test_a_small_split_and_its_complement_are_hidden():
    data = twelve()
    table = change_by_talk(data, score(data))  # min_group 5: sides of 6, 5 and 1
    first = table.groupby(TALKED, sort=False).first()
    # The one who did not say is hidden; the whole minus the others would give them away,
    # so the smallest side shown (held none, 5) goes too: hidden together, 6 people.
    assert first.loc[HELD_SOME, "share_ready_before"] == 0
    assert first.loc[ALL, "share_ready_after"] == 1
    for split in (HELD_NONE, NOT_ANSWERED):
        assert np.isnan(first.loc[split, "share_ready_before"])
        assert table.loc[table[TALKED] == split, "mean_change"].isna().all()
    assert first.loc[HELD_NONE, "n_both"] == 5  # sizes stay


def _hidden_hold_none_or_enough(table, n, stat, min_group=5):
    """Whatever is hidden holds no one or min_group or more together (no subtraction)."""
    parts = table[table.iloc[:, 0] != ALL]
    hidden = parts[parts[stat].isna()]
    together = int(pd.to_numeric(hidden[n]).fillna(0).sum())
    assert together == 0 or together >= min_group


def test_small_groups_are_hidden_and_cannot_be_worked_out():
    data = pd.concat([twelve("a", "a"), twelve("b", "b").iloc[:6], twelve("c", "c").iloc[:12]],
                     ignore_index=True)
    # a: 11 answered (6 held some); b: 3 people, 3 answered; c: 6 people, 5 answered.
    table = conversations(data, "cohort").set_index("cohort")
    assert table.loc["b", "n_responses"] == 3 and pd.isna(table.loc["b", "n"])
    assert pd.isna(table.loc["c", "n_held_some"])  # hidden too: all - a = b + c
    assert table.loc["a", "n_held_some"] == 6 and table.loc[ALL, "n"] == 19
    _hidden_hold_none_or_enough(table.reset_index(), "n_responses", "n_held_some")


def test_a_total_over_few_who_talked_is_hidden_and_so_is_the_next():
    c = twelve("c", "c")
    c = c[c[schema.PARTICIPANT_ID].isin(["c01", "c02", "c03", "c04", "c08", "c09"])]
    d = twelve("d", "d")
    d = d[d[schema.PARTICIPANT_ID].isin(["d01", "d03", "d05", "d07", "d10", "d12", "d04"])]
    data = pd.concat([twelve("a", "a"), c, d], ignore_index=True)
    # Talked: a 6 (16 held), c 2 (4 held), d 5 (15 held); c's total is two people's.
    table = conversations(data, "cohort").set_index("cohort")
    assert table["n_held_some"].tolist() == [13, 6, 2, 5]
    assert table.loc[ALL, "total_held"] == 35 and table.loc["a", "total_held"] == 16
    assert pd.isna(table.loc["c", "total_held"]) and pd.isna(table.loc["d", "total_held"])
    # Medians need 2 x 5 answers: a (11) and the whole (24) only.
    assert table["median_held"].notna().tolist() == [True, True, False, False]


def test_the_sample_has_the_column_at_post_only():
    data = load_sample()
    at_pre = data[schema.TIMEPOINT] == schema.BEFORE
    assert data.loc[at_pre, HELD].isna().all()
    post = data.loc[~at_pre, HELD]
    assert post.notna().mean() > 0.85 and (post == 0).sum() > 20 and (post >= 1).sum() > 20
    assert str(data[HELD].dtype) == "Int64"


def test_conversations_come_from_their_own_stream():
    with_it = simulate(30, seed=4, conversations=99)
    assert with_it.columns[-1] == HELD
    pd.testing.assert_frame_equal(with_it.drop(columns=HELD), simulate(30, seed=4))


def _csv(tmp_path, values, name="held.csv"):
    data = twelve().iloc[: len(values)].copy()
    data[HELD] = pd.Series(values, dtype=object, index=data.index)
    path = tmp_path / name
    data.to_csv(path, index=False)
    return path


def test_bad_conversation_counts_are_refused_with_row_and_column(tmp_path):
    path = _csv(tmp_path, ["2.5", "-1", "many", "NA", "", "n/a", "3", "501"])
    with pytest.raises(InvalidDataError) as caught:
        load_responses(path)
    found = [(p.row, p.column, str(p.value)) for p in caught.value.problems]
    assert found == [(2, HELD, "2.5"), (3, HELD, "-1"), (4, HELD, "many"), (9, HELD, "501")]
    assert "whole number from 0 to 500" in caught.value.problems[0].message
    kept = load_responses(path, skip_invalid=True)
    assert kept[HELD].tolist()[:3] == [pd.NA, pd.NA, pd.NA]  # NA, empty and n/a: not answered
    assert kept[HELD].tolist()[3] == 3


def test_bad_counts_in_an_xlsx_file_too(tmp_path):
    data = twelve().iloc[:4].copy()
    data[HELD] = pd.Series([2.5, True, 4, None], dtype=object, index=data.index)
    path = tmp_path / "held.xlsx"
    data.to_excel(path, index=False)
    with pytest.raises(InvalidDataError) as caught:
        load_responses(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, HELD), (3, HELD)]


def test_the_cli_says_it_in_one_line(tmp_path, capsys):
    path = _csv(tmp_path, ["2.5", "1"])
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and HELD in err and "Traceback" not in err


def test_without_the_column_nothing_changes(tmp_path, capsys):
    data = twelve().drop(columns=HELD)
    assert not {"outcome", "outcome_change"} & set(analyse(data))
    path = tmp_path / "plain.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    assert not list((tmp_path / "out").glob("outcome*"))
    assert "went on to talk" not in capsys.readouterr().out
    assert cohort_view(path).outcome() is None


def test_cohort_writes_the_outcome_tables(tmp_path, capsys):
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path), "--by",
                 "cohort"]) == 0
    outcome = pd.read_csv(tmp_path / "outcome.csv")
    assert outcome["cohort"].tolist()[0] == ALL
    assert outcome.loc[0, "n"] == outcome["n"].iloc[1:].sum()
    change = pd.read_csv(tmp_path / "outcome_change.csv")
    assert change[TALKED].iloc[0] == ALL
    assert "went on to talk to someone" in capsys.readouterr().out


def test_the_report_section_on_the_sample():
    html = cohort_view(by="cohort").outcome().html
    assert "Who went on to talk to someone" in html and "Held one or more" in html
    assert "SPR-001" not in html


def test_group_names_are_escaped(tmp_path):
    data = pd.concat([twelve("<b>x</b>", "a"), twelve("y&z", "b")], ignore_index=True)
    path = tmp_path / "odd.csv"
    data.to_csv(path, index=False)
    html = cohort_view(path, by="cohort").outcome().html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "y&amp;z" in html


def test_a_workspace_like_table_reads_each_persons_latest_row():
    frame = pd.DataFrame({schema.PARTICIPANT_ID: ["a", "b", "a", "b"],
                          schema.TIMEPOINT: ["2026-01-05", "2026-01-06", "2026-02-01",
                                             "2026-01-02"],
                          schema.DATE: ["2026-01-05", "2026-01-06", "2026-02-01",
                                        "2026-01-02"],
                          HELD: [1, 4, 3, 0]})
    assert outcome_rows(frame).tolist() == [False, True, True, False]
    pre_only = frame.assign(**{schema.TIMEPOINT: "pre"})
    assert conversations(pre_only) is None  # a value at pre is not the outcome


def test_no_one_talked_is_a_total_of_zero():
    data = twelve().assign(**{HELD: pd.array([0] * 24, dtype="Int64")})
    row = conversations(data).iloc[0]
    assert (row["n"], row["n_held_some"], row["total_held"]) == (12, 0, 0)


def test_a_few_who_answered_only_after_are_left_out():
    # Two people answered after only: beside the split (pairs only), the whole's count of
    # those who held some would tell whether they talked. They are left out and counted.
    late = twelve(prefix="q").iloc[:4]
    late = late[late[schema.TIMEPOINT] == "post"]  # q01 held 3, q02 held 0
    data = pd.concat([twelve(), late], ignore_index=True)
    row = conversations(data).iloc[0]
    assert (row["n_responses"], row["n_not_shown"], row["n"], row["n_held_some"]) == (14, 2, 11, 6)
    six = pd.concat([twelve(), twelve(prefix="q").query("timepoint == 'post'").iloc[:6]],
                    ignore_index=True)  # six after only: a group of their own, shown
    assert conversations(six).iloc[0]["n_not_shown"] == 0


def test_a_qualtrics_embedded_field_is_read_and_checked(tmp_path):
    import csv
    import io

    from workbook.responses.sample_exports import sample_exports_dir

    rows = list(csv.reader(io.StringIO((sample_exports_dir() / "qualtrics_export.csv").read_text(
        encoding="utf-8-sig"))))
    at = rows[0].index(HELD)  # the sample export carries the sample's counts (issue 20)
    values = ["2", "NA", "x"] + [""] * (len(rows) - 6)
    for row, cell in zip(rows[3:], values):
        row[at] = cell
    path = tmp_path / "qualtrics.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_responses(path)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(6, HELD, "x")]
    data = load_responses(path, skip_invalid=True)
    assert data[HELD].tolist()[:2] == [2, pd.NA]


def test_a_column_no_one_answered_makes_no_outcome(tmp_path):
    data = twelve().assign(**{HELD: pd.array([pd.NA] * 24, dtype="Int64")})
    assert conversations(data) is None and change_by_talk(data, score(data)) is None
    assert not {"outcome", "outcome_change"} & set(analyse(data))
    path = tmp_path / "empty.csv"
    data.to_csv(path, index=False)
    assert cohort_view(path).outcome() is None
