"""Issue 20, session 6: group labels that are no group, groups written at post only, and
``validate`` naming group spellings as the analysis reads them."""
import numpy as np
import pandas as pd

from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.groups import moved_note
from workbook.responses.datasets import load_sample, sample_path
from workbook.responses.group_labels import group_spellings


def _is_missing(values):
    return [v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA for v in values]


def test_invisible_and_na_group_labels_are_missing_with_a_note():
    frame = pd.DataFrame({"cohort": ["a", "\u200b", "NA", " n/a ", "  ", "a", None, "\u200b"]})
    spelled, note = group_spellings(frame, "cohort")
    assert _is_missing(spelled["cohort"]) == [False, True, True, True, True, False, True, True]
    assert spelled["cohort"].tolist()[0] == "a"
    assert note == ("groups of cohort that name no group (empty, invisible characters only, or "
                    "a \"not answered\" marker such as NA), read as missing, (missing) in the "
                    "tables: '\\u200b' (rows 3, 9), 'NA' (row 4), ' n/a ' (row 5), '  ' (row 6)")


def _sample_with(labels):
    data = load_sample().copy()
    data["cohort"] = data["cohort"].astype(object)
    ids = list(dict.fromkeys(data["participant_id"]))
    for i, label in enumerate(labels):
        data.loc[data["participant_id"].isin(ids[10 * i:10 * i + 10]), "cohort"] = label
    return data, ids


def test_no_table_has_a_group_named_na_or_invisible():
    data, ids = _sample_with(["\u200b", "NA"])
    tables = analyse(data, "cohort")
    groups = set(tables["verdicts"]["cohort"])
    assert groups == {"all", "(missing)", "2026-autumn", "2026-spring", "2026-summer"}
    # the first 20 people of the file are all in (missing) at pre (each has a pre row)
    one = tables["verdicts"].drop_duplicates(["timepoint", "cohort"])
    missing = one[(one["timepoint"] == "pre") & (one["cohort"] == "(missing)")]
    assert int(missing["n"].iloc[0] + missing["n_not_shown"].iloc[0]) == 20
    assert "read as missing" in tables.spelled


def test_a_group_written_on_post_rows_only_is_said():
    frame = pd.DataFrame({"participant_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4"],
                          "timepoint": ["pre", "post", "pre", "post", "pre", "post", "post"],
                          "cohort": [None, "b", "a", "a", None, "c", "d"]})
    # p1 and p3 have a group on their post rows only; p4 has no pre row (nothing taken)
    assert moved_note(frame, "cohort") == (
        "2 people's cohort is written on their post answers only (rows 3, 7): it is taken "
        "for their pre answers too")


def test_validate_names_group_spellings_as_the_analysis_reads_them(tmp_path, capsys):
    text = sample_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    col = header.index("cohort")
    cells = lines[1].split(",")
    first = cells[col]
    cells[col] = first.upper() + " "
    lines[1] = ",".join(cells)
    path = tmp_path / "d.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    spelled = group_spellings(pd.read_csv(path, dtype=str), "cohort")[1]
    assert spelled and spelled in out
    assert f"'{first.upper()} ' -> " in out


def test_refusing_cohort_never_suggests_cohort():
    import pytest

    from workbook.cohort.groups import check_grouping
    from workbook.core.exceptions import DataError

    people = [f"p{n}" for n in range(10) for _ in range(2)]
    frame = pd.DataFrame({"participant_id": people, "timepoint": ["pre", "post"] * 10,
                          "cohort": [f"{'x' if n < 5 else 'y'}-{t}" for n in range(10)
                                     for t in ("pre", "post")]})
    with pytest.raises(DataError) as caught:
        check_grouping(frame, "cohort")
    assert str(caught.value) == (
        "cannot group by 'cohort': it changes between a person's answers for 10 of the 10 "
        "people who answered more than once, so it is not a group a person belongs to; "
        "write each person's cohort the same on all their rows")


def test_a_group_label_guarded_against_formulas_is_read_as_written():
    frame = pd.DataFrame({"cohort": ["'+Spring", "'+Spring", "Fall"]})
    spelled, note = group_spellings(frame, "cohort")
    assert spelled["cohort"].tolist() == ["+Spring", "+Spring", "Fall"]
    assert note == ("groups of cohort read without the apostrophe put before them so that a "
                    "spreadsheet does not run them as formulas: ''+Spring' -> '+Spring'")


def test_grouping_by_timepoint_alone_is_refused_not_ignored():
    import pytest

    from workbook.cohort.groups import check_grouping
    from workbook.core.exceptions import DataError

    with pytest.raises(DataError) as caught:
        check_grouping(load_sample(), "timepoint")
    assert str(caught.value) == ("cannot group by 'timepoint': every table is split by "
                                 "timepoint already; group by a column such as cohort")
    check_grouping(load_sample(), ["timepoint", "cohort"])  # cohort: grouped as asked
