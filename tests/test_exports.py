"""Reading survey exports: layouts, column matching, mapping files and bad input."""

import dataclasses
import io

import pandas as pd
import pytest

from workbook.core import schema
from workbook.core.exceptions import DataError, InvalidDataError
from workbook.core.instrument import load_instrument
from workbook.core.scoring import score
from workbook.responses.datasets import load_sample, make_sample, sample_path
from workbook.responses.exports import detect_layout
from workbook.responses.io import load_responses, read_responses
from workbook.responses.mapping import match_columns, normalise_text, read_mapping
from workbook.responses.sample_exports import (
    google_forms_mapping,
    google_forms_table,
    microsoft_forms_table,
    qualtrics_csv,
    sample_exports_dir,
)

INST = load_instrument()
SAMPLES = sample_exports_dir()
EXPORTS = [
    ("qualtrics_export.csv", None, "qualtrics", 4),
    ("google_forms_export.csv", "google_forms_mapping.csv", "google_forms", 2),
    ("microsoft_forms_export.xlsx", None, "microsoft_forms", 2),
]


@pytest.fixture(scope="module")
def sample_scores():
    return score(load_sample()).reset_index(drop=True)


@pytest.mark.parametrize(("name", "mapping", "layout", "first_row"), EXPORTS)
def test_sample_exports_score_like_the_canonical_sample(
    name, mapping, layout, first_row, sample_scores
):
    data = load_responses(SAMPLES / name, mapping=mapping and SAMPLES / mapping)
    assert data.attrs["export"] == layout
    assert data.index[0] == first_row
    assert data.attrs["matches"].missing_items == ()
    pd.testing.assert_frame_equal(
        score(data).reset_index(drop=True), sample_scores, check_dtype=False
    )
    assert data[schema.MOTIVATORS].tolist() == load_sample()[schema.MOTIVATORS].tolist()


def test_committed_exports_match_the_generator():
    data = make_sample()
    assert (SAMPLES / "qualtrics_export.csv").read_text(encoding="utf-8-sig") == qualtrics_csv(
        data
    )
    google = pd.read_csv(SAMPLES / "google_forms_export.csv", dtype=str, keep_default_na=False)
    expected = google_forms_table(data).astype(str)
    pd.testing.assert_frame_equal(google, expected, check_dtype=False)
    mapping = pd.read_csv(SAMPLES / "google_forms_mapping.csv", dtype=str)
    pd.testing.assert_frame_equal(mapping, google_forms_mapping(), check_dtype=False)
    ms = pd.read_excel(SAMPLES / "microsoft_forms_export.xlsx")
    assert list(ms.columns) == list(microsoft_forms_table(data).columns)
    assert len(ms) == len(data)


def test_canonical_sample_unchanged():
    data, problems = read_responses(sample_path())
    assert problems == []
    assert data.attrs["export"] == "canonical"
    assert data.attrs["layout"] == "wide"
    assert data.index[0] == 2


def _write(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _qualtrics(rows, import_style='"{""ImportId"":""{id}""}"', question="Hope - {text}"):
    """A small Qualtrics export: metadata, the five hope items, participant_id."""
    items = INST.ingredient("hope").items
    head = ["StartDate", "Finished", "Progress", "ResponseId"] + [
        f"Q1_{i}" for i in range(1, 6)
    ] + ["participant_id"]
    texts = ["Start Date", "Finished", "Progress", "Response ID"] + [
        '"' + question.format(text=item.text) + '"' for item in items
    ] + ["participant_id"]
    imports = [import_style.replace("{id}", h) for h in head]
    lines = [",".join(head), ",".join(texts), ",".join(imports)] + rows
    return "\n".join(lines) + "\n"


def test_qualtrics_rows_start_at_4_and_unfinished_are_reported(tmp_path):
    path = _write(tmp_path, _qualtrics([
        "2026-03-04 09:00:00,1,100,R_1,4,4,2,4,4,p1",
        "2026-03-04 09:05:00,0,40,R_2,3,,,,,p2",
        "2026-03-04 09:07:00,True,100,R_3,5,5,1,5,5,p3",
    ]))
    data, problems = read_responses(path)
    assert [int(r) for r in data.index] == [4, 5, 6]
    unfinished = [p for p in problems if p.column == "Finished"]
    assert [(p.row, p.value) for p in unfinished] == [(5, "0")]
    assert "not finished (Progress 40%)" in unfinished[0].message
    with pytest.raises(InvalidDataError) as err:
        load_responses(path)
    assert "row 5" in str(err.value)
    kept = load_responses(path, skip_invalid=True)
    assert kept[schema.PARTICIPANT_ID].tolist() == ["p1", "p3"]
    assert kept.attrs["skipped_rows"] == [5]
    assert "StartDate" not in kept.columns and "ResponseId" not in kept.columns


def test_qualtrics_single_quoted_import_ids_and_multiline_question(tmp_path):
    text = _qualtrics(
        ["2026-03-04,1,100,R_1,4,4,2,4,4,p1"],
        import_style="\"{'ImportId': '{id}'}\"",
        question="Hope\n(think of this month) - {text}",
    )
    data, problems = read_responses(_write(tmp_path, text))
    assert problems == []
    assert data.attrs["export"] == "qualtrics"
    assert data.index[0] == 4
    assert data.loc[4, "hope_7"] == 2


def test_legacy_qualtrics_layout_is_refused_with_a_way_out(tmp_path):
    text = (
        "V1,V2,V8,V10,Q1_1\n"
        "ResponseID,ResponseSet,StartDate,Finished,I can picture a kind of work\n"
        "R_1,Default,2026-03-04,1,4\n"
    )
    with pytest.raises(DataError, match="legacy Qualtrics export") as err:
        read_responses(_write(tmp_path, text))
    assert "row 2" in str(err.value)


def test_columns_matching_nothing_are_listed(tmp_path):
    path = _write(tmp_path, "participant_id,hope_1,Favourite colour,Q99\np1,4,blue,x\n")
    data, problems = read_responses(path)
    report = data.attrs["matches"]
    assert report.unmatched == ("Favourite colour", "Q99")
    assert "hope_6" in report.missing_items
    assert any("'Favourite colour', 'Q99'" in line for line in report.lines())
    assert problems == []


def test_no_matching_column_names_the_unmatched(tmp_path):
    path = _write(tmp_path, "participant_id,Question one,Question two\np1,4,5\n")
    _, problems = read_responses(path)
    assert problems[0].row == 1
    assert "'Question one', 'Question two'" in problems[0].message
    assert "--map" in problems[0].message


def test_two_columns_matching_one_item(tmp_path):
    hope_1 = INST.item("hope_1").text
    path = _write(tmp_path, f'participant_id,hope_1,"{hope_1.upper()}"\np1,4,5\n')
    _, problems = read_responses(path)
    (problem,) = problems
    assert problem.row == 1
    assert problem.column == f"hope_1, {hope_1.upper()}"
    assert "all match hope_1" in problem.message and "mapping file" in problem.message
    with pytest.raises(InvalidDataError):
        load_responses(path, skip_invalid=True)
    # A mapping file says which one holds the item; the other is then unmatched.
    data = load_responses(path, mapping={hope_1.upper(): "hope_1"})
    assert data.loc[2, "hope_1"] == 5
    assert data.attrs["matches"].unmatched == ("hope_1",)


def test_mapping_file_with_unknown_item_names_its_row(tmp_path):
    mapping = _write(tmp_path, "column,item_id\nQ1,hope_1\nQ2,hope_99\n", "map.csv")
    with pytest.raises(DataError) as err:
        read_mapping(mapping)
    message = str(err.value)
    assert "map.csv" in message and "row 3" in message and "'hope_99'" in message
    data_path = _write(tmp_path, "participant_id,Q1,Q2\np1,4,5\n")
    with pytest.raises(DataError, match="hope_99"):
        read_responses(data_path, mapping=mapping)


def test_mapping_file_names_ids_and_timepoint(tmp_path):
    mapping = _write(
        tmp_path, "column,item_id\nWho,participant_id\nWhen,timepoint\nQ1,hope_1\n", "map.csv"
    )
    path = _write(tmp_path, "Who,When,Q1\np1,pre,4\np1,post,5\n")
    data = load_responses(path, mapping=mapping)
    assert data[schema.TIMEPOINT].tolist() == ["pre", "post"]
    assert data["hope_1"].tolist() == [4.0, 5.0]
    report = data.attrs["matches"]
    assert report.matched == {"Who": "participant_id", "When": "timepoint", "Q1": "hope_1"}
    with pytest.raises(DataError, match="named twice"):
        read_mapping(_write(tmp_path, "column,item_id\nA,hope_1\nA,hope_6\n", "m2.csv"))
    with pytest.raises(DataError, match="needs two columns"):
        read_mapping(_write(tmp_path, "from,to\nA,hope_1\n", "m3.csv"))


def test_mixed_label_sets_are_listed_and_explained(tmp_path):
    path = _write(
        tmp_path,
        "participant_id,hope_1,hope_6\np1,Agree,Somewhat agree\np2,Somewhat disagree,Disagree\n",
    )
    data, problems = read_responses(path)
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "hope_6", "Somewhat agree"), (3, "hope_1", "Somewhat disagree")
    ]
    (note,) = [n for n in data.attrs["matches"].notes if "labels" in n]
    assert "'Somewhat agree' (1)" in note and "'Strongly disagree'" in note


def test_unexpected_timepoints(tmp_path):
    path = _write(
        tmp_path, "participant_id,timepoint,hope_1\np1,Pre,4\np1,after,5\np2,,3\np3,followup,3\n"
    )
    data, problems = read_responses(path)
    assert [(p.row, p.column, p.value) for p in problems] == [
        (3, "timepoint", "after"), (4, "timepoint", "")
    ]
    assert "pairs 'pre' with 'post'" in problems[0].message
    assert data[schema.TIMEPOINT].tolist()[0] == "pre"
    assert any("'Pre' -> pre" in n for n in data.attrs["matches"].notes)


def test_google_checkboxes_and_grid_headers(tmp_path):
    hope_1 = INST.item("hope_1").text
    path = _write(
        tmp_path,
        f'Timestamp,Participant ID,"Hope grid [{hope_1}]",What do you want?\n'
        '2026/03/04 9:00:00 AM GMT,p1,Strongly agree,"Money, Meaning"\n',
    )
    data = load_responses(path, mapping={"What do you want?": schema.MOTIVATORS})
    assert data.attrs["export"] == "google_forms"
    assert data.loc[2, "hope_1"] == 5
    assert data.loc[2, schema.MOTIVATORS] == "money;meaning"
    assert "Timestamp" not in data.columns


def test_microsoft_forms_multiselect(tmp_path):
    table = pd.DataFrame({
        "ID": [1], "Start time": ["2026-03-04"], "Completion time": ["2026-03-04"],
        "Email": ["anonymous"], "Name": [None], "Participant ID": [7],
        INST.item("time_1").text: ["Agree"], "Motivators": ["Money;Freedom;"],
    })
    path = tmp_path / "ms.xlsx"
    table.to_excel(path, index=False)
    data = load_responses(path)
    assert data.attrs["export"] == "microsoft_forms"
    assert data.loc[2, schema.PARTICIPANT_ID] == "7"
    assert data.loc[2, "time_1"] == 4
    assert data.loc[2, schema.MOTIVATORS] == "money;freedom"
    assert "Email" not in data.columns


def test_match_precedence_and_normalisation():
    assert normalise_text(" Hope_1 ") == "hope1"
    report, problems = match_columns(
        ["HOPE 1", "Participant-ID", "q"], texts={"q": "Energy - " + INST.item("energy_2").text}
    )
    assert report.matched == {"HOPE 1": "hope_1", "Participant-ID": "participant_id",
                              "q": "energy_2"}
    assert problems == []


def test_detect_layout():
    assert detect_layout(["ID", "Start time", "Completion time", "Email"]).name == (
        "microsoft_forms"
    )
    assert detect_layout(["participant_id", "hope_1"]).name == "canonical"
    # Qualtrics metadata but a single header row: read as it is.
    layout = detect_layout(["ResponseId", "Finished", "hope_1"], [["R_1", "1", "4"]])
    assert (layout.name, layout.first_row) == ("qualtrics", 2)


def test_long_form_still_reads(tmp_path):
    text = io.StringIO()
    pd.DataFrame({
        "participant_id": ["p1", "p1"], "timepoint": ["pre", "pre"],
        "item_id": ["hope_1", "hope_6"], "response": ["4", "Agree"],
    }).to_csv(text, index=False)
    data = load_responses(_write(tmp_path, text.getvalue()))
    assert data.attrs["layout"] == "long"
    assert data[["hope_1", "hope_6"]].iloc[0].tolist() == [4.0, 4.0]


#: Time statements as earlier versions worded them: time_1 and time_5 as in 2.0 and time_2 as
#: in 1.0 (the same content, so the same ids), and time_3 as 2.0 worded it: 2.1 replaced that
#: statement (time_6), so its text matches the retired time_3, scored as 2.0 asked it.
TIME_EARLIER = [
    "In a typical week I could set aside an hour or two for career conversations.",
    "My days are so full that I cannot see where anything new would fit.",
    "For the next few months, work, care or other duties will take every hour I have.",
    "I could find the time to look people up, write to them and follow up.",
]


def test_a_qualtrics_export_worded_as_before_still_reads_the_same_statements(tmp_path):
    head = ["StartDate", "Finished", "Progress", "ResponseId",
            *(f"Q2_{i}" for i in range(1, 5)), "participant_id"]
    texts = ["Start Date", "Finished", "Progress", "Response ID",
             *(f'"Time - {t}"' for t in TIME_EARLIER), "participant_id"]
    imports = [f'"{{""ImportId"":""{h}""}}"' for h in head]
    rows = ["2026-03-04,1,100,R_1,5,2,1,3,p1"]
    path = _write(tmp_path, "\n".join(map(",".join, [head, texts, imports])) + "\n"
                  + "\n".join(rows) + "\n")
    data = load_responses(path)
    assert data.attrs["matches"].matched == {
        "Q2_1": "time_1", "Q2_2": "time_2", "Q2_3": "time_5", "Q2_4": "time_3",
        "participant_id": "participant_id"}
    # On 2.0's statements: 5, 6-2=4, 6-1=5 and time_3 3: mean 17/4, POMP
    # 100 * (17/4 - 1) / 4 = 81.25 (4 of 5 answered; never time_6's).
    assert score(data).loc[4, "time"] == pytest.approx(100 * (17 / 4 - 1) / 4)


def test_the_sample_exported_with_earlier_wordings_scores_the_same(tmp_path, sample_scores):
    old = dataclasses.replace(INST, ingredients=tuple(
        dataclasses.replace(ing, items=tuple(
            dataclasses.replace(item, text=(item.previous or (item.text,))[0])
            for item in ing.items))
        for ing in INST.ingredients))
    assert sum(a.text != b.text for a, b in zip(old.items, INST.items)) == 6
    data = load_sample(raw=True)
    exports = {
        "qualtrics.csv": qualtrics_csv(data, old),
        "google.csv": google_forms_table(data, old).to_csv(index=False),
    }
    for name, text in exports.items():
        path = _write(tmp_path, text, name)
        mapping = SAMPLES / "google_forms_mapping.csv" if name.startswith("google") else None
        loaded = load_responses(path, mapping=mapping)
        assert loaded.attrs["matches"].missing_items == ()
        pd.testing.assert_frame_equal(
            score(loaded).reset_index(drop=True), sample_scores, check_dtype=False
        )
    ms = tmp_path / "ms.xlsx"
    microsoft_forms_table(data, old).to_excel(ms, index=False)
    pd.testing.assert_frame_equal(
        score(load_responses(ms)).reset_index(drop=True), sample_scores, check_dtype=False
    )
