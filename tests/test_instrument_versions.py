"""Versioned item by item (issue 22): the statements' history, checked at load and read back.

An item's id changes when its content changes; a new statement names the id it ``replaces``
and the version it came in (``since``); ``[history]`` records the ids 2.0 changed in content
but kept. Every output records the instrument version.
"""

import re

import pandas as pd
import pytest

from workbook.core.exceptions import DataError, InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.versions import (
    VERSION_COLUMN,
    infer_version,
    items_at,
    shared_items,
    statement,
    timepoint_versions,
    version_key,
)

INST = load_instrument()

#: 2.0's id -> 2.1's, as the instrument file's ``replaces`` says (written out by hand).
REPLACED_IN_2_1 = {
    "hope_2": "hope_6", "hope_3": "hope_7", "hope_4": "hope_8", "hope_5": "hope_9",
    "time_3": "time_6", "time_4": "time_7",
    "energy_3": "energy_6", "energy_4": "energy_7", "energy_5": "energy_8",
    "self_esteem_2": "self_esteem_7", "self_esteem_4": "self_esteem_6",
    "ambition_2": "ambition_6", "ambition_5": "ambition_7",
}
#: The ids of 2.0, ingredient by ingredient, in order.
IDS_2_0 = [f"{ing}_{n}" for ing in ("hope", "time", "energy", "self_esteem", "ambition")
           for n in range(1, 6)]


def _write(tmp_path, text, name="inst.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _default_text():
    return DEFAULT_PATH.read_text(encoding="utf-8")


def test_the_default_instrument_is_2_1_with_its_history():
    assert INST.version == "2.1"
    assert {i.replaces: i.id for i in INST.items if i.replaces} == REPLACED_IN_2_1
    assert {i.since for i in INST.items if i.replaces} == {"2.1"}
    assert INST.history == {"2.0": ("hope_1", "energy_3", "energy_4", "ambition_5")}
    # a replaced id is never an id of the file again
    assert not set(REPLACED_IN_2_1) & set(INST.item_ids)


def test_2_1_has_two_reverse_statements_per_ingredient_and_no_negation():
    for ing in INST.ingredients:
        assert sum(item.reverse for item in ing.items) >= 2, ing.id
    negation = re.compile(r"\b(not|no|never|cannot|nothing|doubt|without)\b|n't\b")
    for item in INST.items:
        assert not negation.search(item.text.lower()), item.id
        assert len(item.text.split()) <= 16, item.id  # short enough to read at a glance
        assert item.text.count(",") <= 1, item.id  # no list (of causes or anything else)


def test_the_repaired_statements_avoid_what_the_review_found():
    texts = " ".join(i.text.lower() for i in INST.items)
    for phrase in ("career conversations", "indifferent", "spark", "wake up", "money worries",
                   "as much right", "eager", "someone like me"):
        assert phrase not in texts, phrase


def test_a_statement_at_each_version():
    # hope_1's content changed in 2.0 (its id was kept): 1.0's hope_1 is another statement
    assert statement(INST, "hope_1", "1.0") == ("hope_1", "")
    assert statement(INST, "hope_1", "2.0") == statement(INST, "hope_1", "2.1") \
        == ("hope_1", "2.0")
    assert statement(INST, "hope_2", "2.0") == ("hope_2", "")
    assert statement(INST, "hope_2", "2.1") is None
    assert statement(INST, "hope_6", "2.0") is None
    assert statement(INST, "hope_6", "2.1") == ("hope_6", "2.1")


def test_items_at_a_version_put_each_old_id_where_its_replacement_stands():
    assert list(items_at(INST, "2.0")["hope"]) == ["hope_1", "hope_2", "hope_3", "hope_4",
                                                   "hope_5"]
    assert [i for ids in items_at(INST, "2.0").values() for i in ids] == IDS_2_0
    assert [i for ids in items_at(INST, "2.1").values() for i in ids] == list(INST.item_ids)


def test_shared_statements_between_versions_by_hand():
    both = shared_items(INST, "2.0", "2.1")
    assert both == {
        "hope": ("hope_1",),
        "time": ("time_1", "time_2", "time_5"),
        "energy": ("energy_1", "energy_2"),
        "self_esteem": ("self_esteem_1", "self_esteem_3", "self_esteem_5"),
        "ambition": ("ambition_1", "ambition_3", "ambition_4"),
    }
    # 1.x and 2.0 share every statement but the four 2.0 changed under the same ids
    old = shared_items(INST, "1.0", "2.0")
    assert [i for ids in old.values() for i in ids] == [
        i for i in IDS_2_0 if i not in ("hope_1", "energy_3", "energy_4", "ambition_5")]
    # 1.3 is a 1.x version like 1.0
    assert shared_items(INST, "1.3", "2.1") == shared_items(INST, "1.0", "2.1")


def test_a_version_is_inferred_from_the_ids_a_file_answers():
    assert infer_version(INST, IDS_2_0) == "2.0"
    assert infer_version(INST, INST.item_ids) == "2.1"
    assert infer_version(INST, ["hope_1", "time_2", "other"]) == "2.1"  # kept ids: the latest
    assert infer_version(INST, ["hope_2", "hope_6"]) is None  # a statement and its replacement


def test_versions_compare_as_numbers():
    assert version_key("2.10") > version_key("2.9")
    assert version_key("v2.0") == version_key("2") == (2,)
    with pytest.raises(DataError, match="'two' is not an instrument version"):
        version_key("two")


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('replaces = "hope_2"', 'replaces = "hope_1"'),
     r"item 'hope_6': replaces: 'hope_1' is still an item of this file"),
    (lambda t: t.replace('replaces = "hope_3"', 'replaces = "hope_2"'),
     r"item 'hope_7': replaces: 'hope_2' is replaced by 'hope_6' too"),
    (lambda t: t.replace('replaces = "hope_2"\nsince = "2.1"', 'replaces = "hope_2"'),
     r"ingredient 'hope': items\[2\]\.since: is missing"),
    (lambda t: t.replace('replaces = "hope_2"\nsince = "2.1"',
                         'replaces = "hope_2"\nsince = "soon"'),
     r"items\[2\]\.since: 'soon' must be a version"),
    (lambda t: t.replace('replaces = "hope_2"\nsince = "2.1"',
                         'replaces = "hope_2"\nsince = "3.0"'),
     r"item 'hope_6': since: '3.0' is after this file's version \(2.1\)"),
    (lambda t: t.replace('replaces = "hope_2"', 'replaces = "Hope 2"'),
     r"items\[2\]\.replaces: 'Hope 2' must be an item id"),
    (lambda t: t.replace('"2.0" = ["hope_1",', '"two" = ["hope_1",'),
     r"history\.two: must be a version"),
    (lambda t: t.replace('"2.0" = ["hope_1", "energy_3", "energy_4", "ambition_5"]',
                         '"2.0" = "hope_1"'),
     r"history\.2\.0: must be a list of item ids"),
])
def test_a_wrong_history_is_refused_naming_the_place(tmp_path, edit, message):
    text = edit(_default_text())
    assert text != _default_text()
    with pytest.raises(InstrumentError, match=message):
        load_instrument(_write(tmp_path, text))


def test_an_instrument_without_history_still_loads(tmp_path):
    text = _default_text()
    text = re.sub(r'\nreplaces = "[a-z_0-9]+"\nsince = "2.1"', "", text)
    text = text.replace('[history]\n"2.0" = ["hope_1", "energy_3", "energy_4", "ambition_5"]\n',
                        "")
    text = re.sub(r"\[\[retired\]\]\n(?:[a-z]+ = .*\n)+", "", text)  # nor retired statements
    inst = load_instrument(_write(tmp_path, text))
    assert inst.history == {} and not any(i.replaces for i in inst.items)
    assert shared_items(inst, "2.0", "2.1")["hope"] == inst.ingredient("hope").item_ids


def test_a_version_cell_that_is_no_version_names_its_row_and_column():
    frame = pd.DataFrame({"timepoint": ["pre", "post"], "time_1": [3, 4],
                          VERSION_COLUMN: ["2.0", "new"]}, index=[2, 3])
    with pytest.raises(DataError, match=r"row 3, column instrument_version: 'new' is not an "
                                        "instrument version"):
        timepoint_versions(frame, INST, ("pre", "post"))


def test_timepoint_versions_from_the_column_else_from_the_statements():
    frame = pd.DataFrame({"timepoint": ["pre", "post", "post"],
                          "hope_2": [3, None, None], "hope_6": [None, 4, 4],
                          VERSION_COLUMN: [None, "2.1", ""]})
    assert timepoint_versions(frame, INST, ("pre", "post")) == {"pre": ("2.0",),
                                                                "post": ("2.1",)}
    both = pd.DataFrame({"timepoint": ["pre"], "hope_2": [3], "hope_6": [4]})
    with pytest.raises(DataError, match="hope_2 and hope_6"):
        timepoint_versions(both, INST, ("pre",))


def test_a_2_0_file_reads_without_a_typo_problem_and_says_its_old_columns(tmp_path):
    from workbook.responses.io import load_responses

    header = ["participant_id", "timepoint", *IDS_2_0]
    rows = [["a", "pre", *["3"] * 25], ["a", "post", *["4"] * 25]]
    path = tmp_path / "old.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    data = load_responses(path)  # before: 13 problems "did you mean hope_6?"
    notes = " ".join(data.attrs["matches"].notes)
    assert "hope_2 (replaced by hope_6 in 2.1)" in notes
    assert "ambition_5 (replaced by ambition_7 in 2.1)" in notes
    assert "hold statements of an earlier instrument version" in notes
    assert "scored as it was asked" in notes  # and read as an answer (tests/test_scored_as_asked)
    assert float(data.loc[2, "hope_2"]) == 3.0


def test_every_score_row_records_the_instrument_version():
    from workbook.cli.basic import score_table
    from workbook.responses.datasets import load_sample

    table = score_table(load_sample(), INST)
    assert set(table[VERSION_COLUMN]) == {"2.1"}


def test_export_clients_records_the_instrument_version(tmp_path):
    from workbook.cli.clients import export_clients
    from workbook.session.sample_workspace import sample_workspace

    sample_workspace(tmp_path / "ws")
    table = export_clients(tmp_path / "ws", tmp_path / "out.csv")
    assert list(table.columns)[-1] == VERSION_COLUMN
    assert set(table[VERSION_COLUMN]) == {"2.1"}
    written = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert set(written[VERSION_COLUMN]) == {"2.1"}


def test_the_cohort_folder_records_the_instrument_version(tmp_path):
    import subprocess
    import sys

    from workbook.responses.datasets import sample_path

    out = tmp_path / "cohort"
    proc = subprocess.run([sys.executable, "-m", "workbook", "cohort", str(sample_path()),
                           "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (out / "instrument.txt").read_text(encoding="utf-8") == (
        "Scored with Five ingredients for informational interviewing, version 2.1.\n")
    assert "Before/after:" not in proc.stdout  # one version: nothing to say


def test_both_report_footers_name_the_version():
    from workbook.reports import wording

    assert wording.SCORED_WITH.format(name=INST.name, version=INST.version).endswith(
        "version 2.1.")


def test_a_coach_s_own_version_that_is_no_number_compares_as_one_version():
    # A coach's copy named "my-kit" without any history: a before/after is made as always.
    import dataclasses

    from workbook.cohort.across_versions import compare_across_versions
    from workbook.core.scoring import score

    mine = dataclasses.replace(INST, version="my-kit", history={}, ingredients=tuple(
        dataclasses.replace(ing, items=tuple(dataclasses.replace(i, replaces="", since="")
                                             for i in ing.items))
        for ing in INST.ingredients))
    rows = [{"participant_id": p, "timepoint": t, **dict.fromkeys(INST.item_ids, v)}
            for p in ("a", "b") for t, v in (("pre", 3), ("post", 4))]
    for version in (None, "my-kit"):
        data = pd.DataFrame(rows)
        if version:
            data[VERSION_COLUMN] = version
        assert timepoint_versions(data, mine, ("pre", "post")) == {"pre": ("my-kit",),
                                                                   "post": ("my-kit",)}
        table, note, _ = compare_across_versions(data, score(data, mine), min_group=1,
                                                 instrument=mine)
        assert note == "" and table["n_pairs"].tolist() == [2] * 5
