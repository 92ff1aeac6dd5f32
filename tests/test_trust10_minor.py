"""Issue 20, round 5's minor items left open (docs/attacks/round5.md), each with its case."""

import re

import pandas as pd
import pytest

from workbook.cohort.groups import check_grouping
from workbook.core.exceptions import DataError
from workbook.responses.datasets import load_sample


# -- C13 (a): a blank group cell is no value, nor a group of one ---------------------------
def _thirteen(d_at_pre):
    """13 people, pre and post: groups A 6, B 5, C 1, D 1 (D's pre cell as given)."""
    groups = ["A"] * 6 + ["B"] * 5 + ["C", "D"]
    rows = []
    for n, group in enumerate(groups):
        pid = f"p{n:02d}"
        rows.append({"participant_id": pid, "timepoint": "pre",
                     "cohort": d_at_pre if group == "D" else group})
        rows.append({"participant_id": pid, "timepoint": "post", "cohort": group})
    return pd.DataFrame(rows)


def test_a_group_written_on_post_rows_only_is_grouped_as_when_written_twice():
    check_grouping(_thirteen("D"), "cohort")  # D on both rows: accepted (4 groups, 2 of one)
    check_grouping(_thirteen(None), "cohort")  # D's pre cell empty: the same groups
    # still refused when the groups do tell people apart, blank cells or not
    frame = _thirteen(None)
    frame["cohort"] = [None if t == "pre" else f"G{p}" for p, t in
                       zip(frame["participant_id"], frame["timepoint"], strict=True)]
    with pytest.raises(DataError, match="13 different values for 13 people"):
        check_grouping(frame, "cohort")


# -- C20 (c): the cohort report never names a row ------------------------------------------
@pytest.fixture
def post_only_group(tmp_path):
    data = load_sample()
    first = data["participant_id"].iloc[0]
    pre = (data["participant_id"] == first) & (data["timepoint"] == "pre")
    data["cohort"] = data["cohort"].astype(object)
    data.loc[pre, "cohort"] = None  # written on their post answers only
    other = data["participant_id"].unique()[1]
    data.loc[data["participant_id"] == other, "cohort"] = "NA"  # a label naming no group
    path = tmp_path / "p5d.csv"
    data.to_csv(path, index=False)
    return path


def test_the_cohort_report_says_counts_and_names_no_row(post_only_group):
    from workbook.cohort.groups import moved_note
    from workbook.reports.cohort_view import cohort_view

    report = cohort_view(post_only_group, by="cohort")
    assert report.moved == ("1 person's cohort is written on their post answers only: it is "
                            "taken for their pre answers too")
    assert "'NA'" in report.spelled and "row" not in report.spelled
    # the command's own note (for the analyst, not the sponsor) still names the row
    table = pd.read_csv(post_only_group)
    assert re.search(r"only \(row \d+\): it is taken", moved_note(table, "cohort"))


# -- C13 (e): a decomposed id and its composed form look different in the note -------------
def test_an_id_read_in_its_composed_form_shows_the_combining_mark():
    from workbook.responses.reshape import tidy_ids

    table = pd.DataFrame({"participant_id": ["Zoe\u0308-1", "Zo\u00eb-1"]}, index=[14, 15])
    out, notes = tidy_ids(table)
    assert out["participant_id"].tolist() == ["Zo\u00eb-1", "Zo\u00eb-1"]
    assert "'Zoe\\u0308-1' -> 'Zo\u00eb-1' (row 14)" in notes[0]


# -- C13 (f): an instrument version with a space around it or a leading zero ---------------
@pytest.mark.parametrize(("written", "plain"), [("2.1 ", "2.1"), ("02.1", "2.1"),
                                                (" 2.1", "2.1"), ("2.01", "2.1")])
def test_a_version_spelled_two_ways_is_refused_naming_the_one_spelling(tmp_path, written,
                                                                       plain):
    from workbook.core.exceptions import InstrumentError
    from workbook.core.instrument import load_instrument
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert text.count('version = "2.1"\n') == 1
    path = tmp_path / "instrument.toml"
    path.write_text(text.replace('version = "2.1"\n', f'version = "{written}"\n'),
                    encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert f'write version = "{plain}"' in str(caught.value)
    assert str(path) in str(caught.value)


# -- C22 (e): a file with every statement blank is not "hidden so no one can be singled out"
def test_an_all_blank_file_says_no_one_answered_not_that_it_is_hidden(tmp_path, capsys):
    from workbook.cli import main
    from workbook.core.instrument import load_instrument

    data = load_sample()
    items = [i.id for ing in load_instrument().ingredients for i in ing.items]
    data[items] = None
    path = tmp_path / "blank.csv"
    data.to_csv(path, index=False)
    main(["cohort", str(path), "--out", str(tmp_path / "out")])
    out = " ".join(capsys.readouterr().out.split())
    assert ("pre: mean score (n) 124 response(s), none with an answer to a statement: no "
            "score to show") in out
    assert ("post: mean score (n) 107 response(s), none with an answer to a statement: no "
            "score to show") in out
    assert "all: 107 pair(s), none with an answer to a statement: no change to show" in out
    assert "singled out" not in out


def test_a_small_group_keeps_the_hiding_reason(tmp_path, capsys):
    from workbook.cli import main

    data = load_sample()
    data["cohort"] = data["cohort"].astype(object)
    tiny = data["participant_id"].unique()[:3]
    data.loc[data["participant_id"].isin(tiny), "cohort"] = "tiny"
    path = tmp_path / "tiny.csv"
    data.to_csv(path, index=False)
    main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"])
    out = " ".join(capsys.readouterr().out.split())
    assert "pre / tiny: mean score (n) 3 response(s): not shown, so that no one can be " \
           "singled out" in out


# -- C4 (a): a place's bad name is said to be the place's, not the person's ----------------
def test_a_line_whose_place_has_a_control_character_names_the_place(tmp_path, caplog):
    import datetime as dt
    import json
    import logging

    from workbook.core.conversations import model
    from workbook.session.store import ClientStore
    from workbook.session.tracker import Tracker

    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ana", org="Parks", today=dt.date(2026, 12, 1),
                                book=tracker.read()))
    folder = store.client_folder("c1")
    line = {"at": "2026-12-07T10:00:00.000000+00:00", "client_id": "c1", "op": "add",
            "id": "eve1", "fields": {"name": "Eve", "org": "Bad\u0007Org"},
            "place": {"id": "pl-eve", "name": "Bad\u0007Org"}}
    with open(folder / "conversations.jsonl", "a", encoding="utf-8") as record:
        record.write(json.dumps(line) + "\n")
    (folder / "conversations.json").unlink()  # read from the record
    with caplog.at_level(logging.WARNING):
        book = Tracker(store, "c1").read()
    assert "eve1" not in book.people
    assert "skipped line 2 of" in caplog.text
    assert "the place's name is 'Bad\\x07Org', not one line of text" in caplog.text


# -- C24 (f): `workbook init` never writes into a client's folder ---------------------------
@pytest.mark.parametrize("where", ["kit", ".", "notes/deeper"])
def test_init_refuses_a_client_folder_and_anything_inside_it(tmp_path, capsys, where):
    from workbook.cli import main
    from workbook.session.store import ClientStore

    store = ClientStore(tmp_path / "ws")
    store.save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-20")
    client = store.client_folder("c1")
    before = sorted(p.name for p in client.iterdir())
    target = client / where
    assert main(["init", str(target), "--force"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"is the client's folder {client}" in err or \
        f"is inside the client's folder {client}" in err
    assert "nothing is written there" in err and "Traceback" not in err
    assert sorted(p.name for p in client.iterdir()) == before  # nothing written
    # beside the workspace, as before
    assert main(["init", str(tmp_path / "kit")]) == 0
