"""``workbook cohort`` and ``workbook validate`` on samples and bad input."""

import pandas as pd
import pytest

from workbook.cli import main
from workbook.responses.datasets import sample_path
from workbook.responses.sample_exports import sample_exports_dir

SAMPLES = sample_exports_dir()
TABLES = ["summary", "verdicts", "bottlenecks", "prepost", "reliability", "reliability_items"]
FIGURES = ["distributions", "verdicts", "bottlenecks", "items", "prepost"]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cohort")
    return out, main(["cohort", str(sample_path()), "--out", str(out), "--by", "cohort"])


def test_cohort_on_the_sample_writes_every_table_and_figure(sample_run, capsys):
    out, status = sample_run
    assert status == 0
    for name in TABLES:
        assert (out / f"{name}.csv").stat().st_size > 0
    for name in FIGURES:
        assert (out / f"{name}.png").read_bytes()[:4] == b"\x89PNG"
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary.columns[:3]) == ["timepoint", "cohort", "ingredient"]
    prepost = pd.read_csv(out / "prepost.csv")
    assert list(prepost["cohort"].unique()) == ["all", "2026-autumn", "2026-spring", "2026-summer"]
    assert {"improved", "no_reliable_change", "declined"} <= set(prepost.columns)


def test_cohort_overview_and_exports_give_the_same_tables(tmp_path, capsys, sample_run):
    out, _ = sample_run
    status = main(["cohort", str(SAMPLES / "google_forms_export.csv"), "--out",
                   str(tmp_path), "--by", "cohort", "--map",
                   str(SAMPLES / "google_forms_mapping.csv")])
    text = capsys.readouterr().out
    assert status == 0
    assert "231 response(s) from 124 participant(s) (google forms)" in text
    assert "before -> after" in text and "reliability (Cronbach's alpha)" in text
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / f"{name}.csv"),
                                      pd.read_csv(out / f"{name}.csv"))


def test_cohort_overview_lists_pre_before_post_and_the_unpaired_once(tmp_path, capsys):
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path), "--by", "cohort"]) == 0
    lines = capsys.readouterr().out.splitlines()
    means = [line.split(" / ")[0] for line in lines if line.endswith(": mean score (n)")]
    verdict_lines = [line.split(" / ")[0] for line in lines if line.startswith("verdicts ")]
    assert means == ["pre"] * 4 + ["post"] * 4
    assert verdict_lines == ["verdicts pre"] * 4 + ["verdicts post"] * 4
    data = pd.read_csv(sample_path(), dtype=str)
    pre = set(data.loc[data["timepoint"] == "pre", "participant_id"])
    post = set(data.loc[data["timepoint"] == "post", "participant_id"])
    left_out = [line for line in lines if "before only" in line]
    assert left_out == [f"left out of the before -> after pairs, all groups together: "
                        f"{len(pre - post)} before only, {len(post - pre)} after only"]


def test_cohort_without_both_timepoints_skips_prepost(tmp_path, capsys):
    data = pd.read_csv(sample_path(), dtype=str)
    path = tmp_path / "pre.csv"
    data[data["timepoint"] == "pre"].to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    assert not (tmp_path / "out" / "prepost.csv").exists()
    assert (tmp_path / "out" / "summary.csv").exists()


def test_cohort_bad_input_is_one_message(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("participant_id,timepoint,hope_1\np1,pre,4\np1,after,9\n")
    assert main(["cohort", str(path), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "row 3, column hope_1, value 9" in err
    assert "row 3, column timepoint, value after: unexpected timepoint" in err
    assert "Traceback" not in err
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "o"), "--by", "x"]) == 1
    assert "cannot group by 'x'" in capsys.readouterr().err
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "o"),
                 "--min-group", "0"]) == 1


def test_cohort_skip_invalid_counts(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("participant_id,timepoint,hope_1\np1,pre,4\np2,pre,9\n")
    assert main(["cohort", str(path), "--out", str(tmp_path / "o"), "--skip-invalid"]) == 0
    assert "skipped 1 row with problems (row 3)" in capsys.readouterr().err


def test_validate_explains_matching(capsys):
    status = main(["validate", str(SAMPLES / "google_forms_export.csv")])
    text = capsys.readouterr().out
    assert status == 1
    assert "layout: google forms" in text
    assert "items matched: 25 of 25 (25 by item text)" in text
    assert "'Your participant code'" in text and "no column holds participant_id" in text
    status = main(["validate", str(SAMPLES / "google_forms_export.csv"), "--map",
                   str(SAMPLES / "google_forms_mapping.csv")])
    text = capsys.readouterr().out
    assert status == 0
    assert "'Your participant code' -> participant_id (by mapping file)" in text
    assert "no problems in 231 response(s)" in text


def test_validate_counts_problems_in_plain_words(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("participant_id,timepoint,hope_1\n")
    assert main(["validate", str(empty)]) == 1
    assert f"{empty}: 1 problem with the file\n" in capsys.readouterr().out
    one = tmp_path / "one.csv"
    one.write_text("participant_id,timepoint,hope_1\np1,pre,4\np2,pre,9\n")
    assert main(["validate", str(one)]) == 1
    assert f"{one}: 1 problem on 1 row\n" in capsys.readouterr().out


def test_validate_legacy_qualtrics(tmp_path, capsys):
    path = tmp_path / "legacy.csv"
    path.write_text("V1,V2,Q1\nResponseID,ResponseSet,Hope\nR_1,Default,4\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "legacy Qualtrics export" in err and "Traceback" not in err


def test_cohort_tables_keep_full_precision(tmp_path, capsys):
    from workbook.cohort.analysis import analyse
    from workbook.core.instrument import load_instrument
    from workbook.responses.io import load_responses

    items = load_instrument().item_ids
    rows = []
    for i in range(40):
        low, high = 1 + (i % 2), 5 - (i % 3 == 0)
        rows.append({"participant_id": f"p{i}", "timepoint": "pre", **dict.fromkeys(items, low)})
        rows.append({"participant_id": f"p{i}", "timepoint": "post",
                     **dict.fromkeys(items, high)})
    path = tmp_path / "big-change.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    expected = analyse(load_responses(path))["prepost"]
    written = pd.read_csv(tmp_path / "out" / "prepost.csv")
    assert (expected["p_t"] < 1e-9).all() and (written["p_t"] > 0).all()
    pd.testing.assert_series_equal(written["p_t"], expected["p_t"])
    pd.testing.assert_series_equal(written["mean_change"], expected["mean_change"])


def test_cohort_by_a_column_writes_the_whole_first(sample_run):
    out, _ = sample_run
    for name in TABLES:
        table = pd.read_csv(out / f"{name}.csv")
        assert table["cohort"].iloc[0] == "all", name
        if "timepoint" in table.columns:
            firsts = table.drop_duplicates("timepoint")["cohort"]
            assert (firsts == "all").all(), name


@pytest.fixture(scope="module")
def with_contacts(tmp_path_factory):
    """The sample with columns that identify people, and one that only looks like a group."""
    data = pd.read_csv(sample_path(), dtype=str)
    ids = data["participant_id"]
    data["email"] = ids.str.lower() + "@example.org"  # repeated at pre and post
    data["Full Name"] = "Person " + ids
    data["badge"] = ids.str.replace("-", "")  # one value per person, under another name
    data["site"] = ids.str[-2:]  # groups of about 3 people: a grouping, if a small one
    path = tmp_path_factory.mktemp("contacts") / "contacts.csv"
    data.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("column", ["participant_id", "north_star", "email", "Full Name",
                                    "badge"])
def test_cohort_refuses_a_column_that_identifies_people(tmp_path, capsys, with_contacts, column):
    out = tmp_path / "o"
    assert main(["cohort", str(with_contacts), "--out", str(out), "--by", column]) == 1
    err = capsys.readouterr().err
    # the ids without their hyphen are the file's ids by content (round 13c T16)
    why = "are participant ids of this file" if column == "badge" else "it identifies people"
    assert f"cannot group by {column!r}: " in err and why in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())  # nothing written


def test_report_cohort_refuses_a_column_that_identifies_people(tmp_path, capsys, with_contacts):
    out = tmp_path / "r"
    assert main(["report", "cohort", str(with_contacts), "--out", str(out),
                 "--by", "email"]) == 1
    err = capsys.readouterr().err
    assert "cannot group by 'email': it identifies people" in err
    assert not (out / "cohort.html").exists()


def test_cohort_by_a_column_of_the_file_that_is_not_the_kits_own(tmp_path, capsys,
                                                                  with_contacts):
    assert main(["cohort", str(with_contacts), "--out", str(tmp_path), "--by", "site"]) == 0
    summary = pd.read_csv(tmp_path / "summary.csv", dtype={"site": str})
    assert summary["site"].iloc[0] == "all" and summary["site"].nunique() > 40
    assert summary.loc[summary["site"] != "all", "mean"].isna().all()  # all groups of ~3


def test_a_group_column_with_a_few_single_people_is_fine(tmp_path, capsys):
    from workbook.cohort.groups import check_grouping

    data = pd.DataFrame({"participant_id": [f"p{i}" for i in range(12)],
                         "site": ["a"] * 5 + ["b"] * 5 + ["c", "d"]})
    check_grouping(data, "site")  # 2 of 4 groups hold one person: not most
    data.loc[10:, "site"] = ["c", "d"]
    data.loc[9, "site"] = "e"
    with pytest.raises(Exception, match="it identifies people"):
        check_grouping(data, "site")  # 3 of 5 groups hold one person


def test_a_file_with_no_pairs_for_some_ingredients_is_analysed(tmp_path):
    """Found by fuzzing: a pre and a post row that never pair crashed the reliable-change step."""
    path = tmp_path / "few.csv"
    # (f answers one statement: a row answering none is not a response, and leaves no post)
    path.write_text("participant_id,timepoint,energy_8,energy_2\ne,Pre,4, \nf,post,3,-\n")
    out = tmp_path / "out"
    code = main(["cohort", str(path), "--out", str(out)])
    assert code == 0
    prepost = pd.read_csv(out / "prepost.csv")
    assert prepost["n_pairs"].fillna(0).eq(0).all()  # nobody answered both times


# -- issue 20: one timepoint written two ways, through every command -----------------------
def _post_and_Post(tmp_path):
    """The sample with SPR-001's post answers written again under 'Post' (last row)."""
    data = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    again = data[(data["participant_id"] == "SPR-001") & (data["timepoint"] == "post")]
    path = tmp_path / "post_and_Post.csv"
    pd.concat([data, again.assign(timepoint="Post")]).to_csv(path, index=False)
    return path, len(data)


def test_post_and_Post_of_one_person_are_refused_by_every_command(tmp_path, capsys):
    """score, cohort and report cohort refuse in words naming both rows, exit 1, write
    nothing (`cohort` stopped with a raw message validate did not back; `report cohort`
    exited 0 with the wrong N and the message, with the id, inside the report)."""
    path, n = _post_and_Post(tmp_path)
    data = pd.read_csv(sample_path(), dtype=str)
    data_row = 2 + int(data.index[(data["participant_id"] == "SPR-001")
                                  & (data["timepoint"] == "post")][0])
    rows = f"(rows {data_row}, {n + 2})"
    for args in (["score", str(path), "--out", str(tmp_path / "scores.csv")],
                 ["cohort", str(path), "--out", str(tmp_path / "cohort"), "--by", "cohort"],
                 ["report", "cohort", str(path), "--out", str(tmp_path / "reports"), "--by",
                  "cohort"]):
        assert main(args) == 1, args
        err = capsys.readouterr().err
        assert f"row {data_row}, column participant_id, value SPR-001: participant 'SPR-001' " \
               f"appears more than once at timepoint 'post' {rows}" in err, (args, err)
        assert "--keep" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post_and_Post.csv"]


def test_post_and_Post_with_keep_last_count_one_post_answer(tmp_path, capsys):
    """With --keep last, each command counts SPR-001 once after: the sample's own numbers."""
    path, n = _post_and_Post(tmp_path)
    assert main(["score", str(path), "--out", str(tmp_path / "scores.csv"), "--keep",
                 "last"]) == 0
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert len(scores) == n
    assert scores["timepoint"].value_counts().to_dict() == {"pre": 124, "post": 107}
    assert main(["cohort", str(path), "--out", str(tmp_path / "kept"), "--keep", "last"]) == 0
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "sample")]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "kept" / "summary.csv"),
                                  pd.read_csv(tmp_path / "sample" / "summary.csv"))
    capsys.readouterr()
    out = tmp_path / "reports"
    assert main(["report", "cohort", str(path), "--out", str(out), "--keep", "last"]) == 0
    page = (out / "cohort.html").read_text()
    assert "231 responses from 124 people" in page
    summary = pd.read_csv(tmp_path / "sample" / "summary.csv").set_index(
        ["timepoint", "ingredient"])
    after = page[page.index("<h3>after (post)</h3>"):]
    for ing in ("hope", "time"):  # the sample's own n after: SPR-001 counted once
        name = ing.capitalize()
        assert f'<td>{name}</td><td class="num">{summary.loc[("post", ing), "n"]}</td>' \
            in after
    assert "SPR-" not in page
