"""A statement that 2.1 introduced can be changed in a copy (newuser22, step 1).

hope_8 replaced hope_4 in 2.1. A copy at 2.2 changes it the way the README says: a new
statement hope_10 (``replaces = "hope_8"``, ``since = "2.2"``), and hope_8 moved under
``[[retired]]`` (retired in 2.2), keeping the ``replaces``/``since`` it had as an item. The
chain hope_4 -> hope_8 -> hope_10 loads, and every use of replacements follows it.

Hope's keying at 2.1 (the kit's file): hope_1 +, hope_6 +, hope_7 R, hope_8 +, hope_9 R;
at 2.0: hope_1 +, hope_2 +, hope_3 R, hope_4 +, hope_5 +. POMP = 100 * (mean - 1) / 4.
"""

import pandas as pd
import pytest

from workbook.core import versions
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.scoring import score

HOPE_8 = '''id = "hope_8"
text = "I can imagine my working life getting better."
reverse = false
replaces = "hope_4"
since = "2.1"'''
HOPE_10 = '''id = "hope_10"
text = "Within a year I can picture my working life better than it is today."
reverse = false
replaces = "hope_8"
since = "2.2"'''
RETIRED_8 = '''
[[retired]]
id = "hope_8"
ingredient = "hope"
text = "I can imagine my working life getting better."
reverse = false
retired = "2.2"
replaces = "hope_4"
since = "2.1"
'''


def _copy(tmp_path, retired=RETIRED_8):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert text.count(HOPE_8) == 1 and text.count('version = "2.1"') == 1
    text = text.replace(HOPE_8, HOPE_10).replace('version = "2.1"', 'version = "2.2"')
    path = tmp_path / "instrument.toml"
    path.write_text(text + retired, encoding="utf-8")
    return path


@pytest.fixture
def copy22(tmp_path):
    return load_instrument(_copy(tmp_path))


def test_the_chain_loads(copy22):
    assert copy22.version == "2.2"
    assert "hope_10" in copy22.item_ids and "hope_8" not in copy22.item_ids
    kept = {r.id: r for r in copy22.retired_items}
    assert (kept["hope_8"].replaces, kept["hope_8"].since, kept["hope_8"].retired) == \
        ("hope_4", "2.1", "2.2")
    assert versions.retired(copy22)["hope_4"].id == "hope_8"
    assert versions.retired(copy22)["hope_8"].id == "hope_10"


def test_without_its_replaces_the_refusal_says_how(tmp_path):
    bare = RETIRED_8.replace('replaces = "hope_4"\nsince = "2.1"\n', "")
    with pytest.raises(InstrumentError) as err:
        load_instrument(_copy(tmp_path, bare))
    said = str(err.value)
    assert "retired[3] ('hope_4')" in said and "is replaced by no item" in said
    assert "its [[retired]] entry keeps its `replaces` and `since`" in said


def test_a_retired_since_must_come_before_its_retirement(tmp_path):
    late = RETIRED_8.replace('since = "2.1"', 'since = "2.2"')
    with pytest.raises(InstrumentError, match=r"retired\[3\] \('hope_4'\): retired: '2.1', but "
                       r"'hope_8' replaced it in '2.2'"):
        load_instrument(_copy(tmp_path, late))


def test_statements_at_each_version(copy22):
    hope = {v: versions.items_at(copy22, v)["hope"] for v in ("2.0", "2.1", "2.2")}
    assert hope["2.0"] == ("hope_1", "hope_2", "hope_3", "hope_4", "hope_5")
    assert hope["2.1"] == ("hope_1", "hope_6", "hope_7", "hope_8", "hope_9")
    assert hope["2.2"] == ("hope_1", "hope_6", "hope_7", "hope_10", "hope_9")
    assert [i.id for i in versions.statements_at(copy22, "2.1")["hope"]] == list(hope["2.1"])
    assert versions.statement(copy22, "hope_8", "2.1") == ("hope_8", "2.1")
    assert versions.statement(copy22, "hope_8", "2.0") is None
    assert versions.statement(copy22, "hope_8", "2.2") is None


def test_shared_statements_follow_the_chain(copy22):
    assert versions.shared_items(copy22, "2.1", "2.2")["hope"] == \
        ("hope_1", "hope_6", "hope_7", "hope_9")
    assert versions.shared_items(copy22, "2.0", "2.2")["hope"] == ("hope_1",)
    assert versions.shared_items(copy22, "2.0", "2.1")["hope"] == ("hope_1",)
    assert versions.compared_on(copy22, "hope", "2.1", "2.2") == \
        ("hope_1", "hope_6", "hope_7", "hope_9")
    assert versions.compared_on(copy22, "hope", "2.0", "2.2") == ()


def test_versions_are_inferred_along_the_chain(copy22):
    assert versions.infer_version(copy22, ["hope_4", "hope_2"]) == "2.0"
    assert versions.infer_version(copy22, ["hope_8", "hope_6"]) == "2.1"
    assert versions.infer_version(copy22, ["hope_10", "hope_6"]) == "2.2"
    rows = pd.DataFrame({"hope_1": [4, 4, 4], "hope_4": [4, None, None],
                         "hope_8": [None, 4, None], "hope_10": [None, None, 4]})
    assert versions.ingredient_versions(rows, copy22)["hope"].tolist() == ["2.0", "2.1", "2.2"]


def test_answers_are_scored_as_asked_before_and_after(copy22):
    # 2.0: hope_1 5, hope_2 4, hope_3 (R) 2 -> 4, hope_4 3, hope_5 4: mean 4.0 -> 75
    # 2.1: hope_1 5, hope_6 4, hope_7 (R) 2 -> 4, hope_8 3, hope_9 (R) 4 -> 2: 3.6 -> 65
    # 2.2: hope_1 5, hope_6 4, hope_7 (R) 2 -> 4, hope_10 1, hope_9 (R) 4 -> 2: 3.2 -> 55
    rows = pd.DataFrame({
        "hope_1": [5, 5, 5], "hope_2": [4, None, None], "hope_3": [2, None, None],
        "hope_4": [3, None, None], "hope_5": [4, None, None],
        "hope_6": [None, 4, 4], "hope_7": [None, 2, 2], "hope_8": [None, 3, None],
        "hope_9": [None, 4, 4], "hope_10": [None, None, 1]})
    assert score(rows, copy22)["hope"].round(6).tolist() == [75.0, 65.0, 55.0]
