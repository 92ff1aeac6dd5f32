"""A coach's own instrument 2.2 (new22): one statement replaced by a new id.

The coach copies the kit (2.1) and replaces self_esteem_1 by self_esteem_8
(``replaces = "self_esteem_1"``, ``since = "2.2"``), version 2.2, with or without a
``[[retired]]`` entry giving self_esteem_1's words. Answers given on the kit's 2.1 hold
self_esteem_1; they were answered on 2.1 (the latest version before 2.2 the file knows),
never on 2.2. A row's own ``instrument_version`` is kept as written.
"""

import re

import pandas as pd
import pytest

from workbook.cli.basic import score_table
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.responses.io import load_responses

KIT = load_instrument()
IDS_2_1 = list(KIT.item_ids)  # self_esteem_1 among them

RETIRED_SE1 = '''
[[retired]]
id = "self_esteem_1"
ingredient = "self_esteem"
text = "I have skills or experience that could be useful to someone."
reverse = false
retired = "2.2"
'''


def own_2_2(tmp_path, keep_words: bool):
    """The kit's file made 2.2 as new22 did: self_esteem_8 in place of self_esteem_1."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version = "2\.1"$', 'version = "2.2"', text, count=1)
    old = ('id = "self_esteem_1"\n'
           'text = "I have skills or experience that could be useful to someone."\n'
           'reverse = false\n')
    assert text.count(old) == 1
    text = text.replace(old, 'id = "self_esteem_8"\n'
                        'text = "Something I have learned could be of use to another person."\n'
                        'reverse = false\nreplaces = "self_esteem_1"\nsince = "2.2"\n')
    if keep_words:
        text += RETIRED_SE1
    path = tmp_path / f"own_{keep_words}.toml"
    path.write_text(text, encoding="utf-8")
    return load_instrument(path)


def write_rows(tmp_path, rows, columns):
    path = tmp_path / "rows.csv"
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("keep_words", [False, True])
def test_score_says_2_1_for_rows_answering_the_replaced_statement(tmp_path, keep_words):
    inst = own_2_2(tmp_path, keep_words)
    ids_2_2 = [("self_esteem_8" if i == "self_esteem_1" else i) for i in IDS_2_1]
    columns = ["participant_id", "cohort", "timepoint", *IDS_2_1, "self_esteem_8"]
    # row A: every 2.1 statement (self_esteem_1 among them) -> answered on 2.1
    a = ["A", "c", "pre", *[4] * len(IDS_2_1), None]
    # row B: every 2.2 statement (self_esteem_8, not self_esteem_1) -> 2.2
    b = ["B", "c", "post", *[4 if i in ids_2_2 else None for i in IDS_2_1], 4]
    # row C: only hope_1 and self_esteem_1 -> 2.1 (self_esteem_1 was asked before 2.2)
    c = ["C", "c", "pre", *[4 if i in ("hope_1", "self_esteem_1") else None
                            for i in IDS_2_1], None]
    data = load_responses(write_rows(tmp_path, [a, b, c], columns), inst)
    assert score_table(data, inst)["instrument_version"].tolist() == ["2.1", "2.2", "2.1"]


def test_score_keeps_the_rows_own_instrument_version(tmp_path):
    inst = own_2_2(tmp_path, keep_words=True)
    columns = ["participant_id", "cohort", "timepoint", "instrument_version", *IDS_2_1,
               "self_esteem_8"]
    a = ["A", "c", "pre", "2.1", *[4] * len(IDS_2_1), None]
    b = ["B", "c", "pre", "", *[4] * len(IDS_2_1), None]
    data = load_responses(write_rows(tmp_path, [a, b], columns), inst)
    # A says 2.1 (kept); B says nothing and answers self_esteem_1 -> 2.1 inferred
    assert score_table(data, inst)["instrument_version"].tolist() == ["2.1", "2.1"]


def test_a_replaced_statement_with_no_earlier_version_known_is_before_its_since(tmp_path):
    # a file whose only version is 2.2 (no [history], no other since): "before 2.2"
    inst = own_2_2(tmp_path, keep_words=False)
    import dataclasses

    from workbook.core.versions import row_versions
    alone = dataclasses.replace(inst, history={}, ingredients=tuple(
        dataclasses.replace(ing, items=tuple(dataclasses.replace(
            it, since="2.2" if it.since else "", replaces=it.replaces
            if it.id == "self_esteem_8" else "") for it in ing.items))
        for ing in inst.ingredients))
    rows = pd.DataFrame({"self_esteem_1": [4, None], "self_esteem_8": [None, 4],
                         "hope_1": [4, 4]})
    assert row_versions(rows, alone) == ["before 2.2", "2.2"]


# The personal report's change across the replacement (new22 #2). Self-esteem, keyed
# (self_esteem_3 and _5 reverse: 5 - x; others x - 1), POMP = 100 * mean keyed / 4:
#   before (2.1): se_1=1 -> 0, se_7=3 -> 2, se_3=3 -> 2, se_6=3 -> 2, se_5=3 -> 2
#   after (2.2):  se_8=5 -> 4, se_7=4 -> 3, se_3=2 -> 3, se_6=4 -> 3, se_5=2 -> 3
# All five each time: 8/5 -> 40, then 16/5 -> 80 (+40, over different statements).
# The four both versions share (7, 3, 6, 5): 8/4 -> 50, then 12/4 -> 75: +25.
def cross_rows(tmp_path, inst):
    ids = [*IDS_2_1, "self_esteem_8"]
    before = {i: 3 for i in IDS_2_1} | {"self_esteem_1": 1, "self_esteem_8": None}
    after = {i: 3 for i in IDS_2_1} | {"self_esteem_1": None, "self_esteem_8": 5,
                                         "self_esteem_7": 4, "self_esteem_3": 2,
                                         "self_esteem_6": 4, "self_esteem_5": 2}
    rows = [["P1", "c", "pre", "2026-03-02", *[before[i] for i in ids]],
            ["P1", "c", "post", "2026-06-01", *[after[i] for i in ids]]]
    return write_rows(tmp_path, rows, ["participant_id", "cohort", "timepoint", "date", *ids])


def change_cells(report):
    from bs4 import BeautifulSoup

    table = BeautifulSoup(report.change().html, "html.parser").find("table")
    return {tr.find_all("td")[0].get_text(): [td.get_text() for td in tr.find_all("td")[1:]]
            for tr in table.find("tbody").find_all("tr")}


def test_the_personal_report_compares_a_replaced_statement_on_shared_ones(tmp_path):
    from workbook.reports.participant import participant_report

    inst = own_2_2(tmp_path, keep_words=True)
    report = participant_report(cross_rows(tmp_path, inst), "P1", instrument=inst)
    cells = change_cells(report)
    name = inst.ingredient("self_esteem").name
    assert cells[name][:3] == ["50", "75", "+25"]
    assert "4 of its 5 statements" in cells[name][3]
    words = report.change().html
    # in words, no statement ids (trust9: a client-facing page shows no ids)
    assert "on the 4 statements asked both times only" in words
    assert "self_esteem_7" not in words
    # Hope: the same statements both times, 3 each -> no change
    assert cells[inst.ingredient("hope").name][2] in ("+0", "0", "±0")


# Reliability over the statements the scores use (new22 #3). Self-esteem keyed answers of
# four people (self_esteem_3 and _5 reverse: raw = 6 - keyed):
#   self_esteem_7, _3, _6, _5 keyed x = 1, 2, 3, 4 (each); self_esteem_1 keyed y = 2, 1, 4, 3
#   var(x) = var(y) = 5/3; total 4x + y = 6, 9, 16, 19: var = 109/3
#   k = 5: alpha = 5/4 * (1 - (25/3) / (109/3)) = 5/4 * 84/109 = 105/109 = 0.96330
#   (over the four without self_esteem_1 it would be 1.0, k = 4)
def se_rows():
    x = [1, 2, 3, 4]
    rows = {"participant_id": list("ABCD"), "timepoint": ["pre"] * 4,
            "self_esteem_1": [2, 1, 4, 3], "self_esteem_7": x, "self_esteem_6": x,
            "self_esteem_3": [6 - v for v in x], "self_esteem_5": [6 - v for v in x]}
    return pd.DataFrame(rows)


def test_alpha_is_over_the_statements_the_scores_use(tmp_path):
    from workbook.cohort.reliability import item_total, reliability

    data = se_rows()
    for inst in (own_2_2(tmp_path, keep_words=True), KIT):  # same answers, same alpha
        row = reliability(data, inst, min_group=1).set_index("ingredient").loc["self_esteem"]
        assert int(row["k"]) == 5 and int(row["n"]) == 4
        assert row["alpha"] == pytest.approx(105 / 109)
        items = item_total(data, inst, min_group=1)
        ids = items[items["ingredient"] == "self_esteem"]["item_id"].tolist()
        assert ids == ["self_esteem_1", "self_esteem_7", "self_esteem_3", "self_esteem_6",
                       "self_esteem_5"]


@pytest.mark.parametrize("keep_words", [False, True])
def test_export_clients_says_2_1_for_a_session_answering_the_replaced_statement(tmp_path,
                                                                                keep_words):
    from workbook.cli.clients import export_clients
    from workbook.session.store import ClientStore

    own_2_2(tmp_path, keep_words)
    path = tmp_path / f"own_{keep_words}.toml"
    store = ClientStore(tmp_path / "ws")
    # Ann answered the kit's 2.1 (self_esteem_1); Bo answered 2.2 (self_esteem_8)
    store.save("Ann", {"self_esteem": {"items": {i: 3 for i in KIT.ingredient(
        "self_esteem").item_ids}}}, session="2026-11-01")
    store.save("Bo", {"self_esteem": {"items": {"self_esteem_8": 3, "self_esteem_7": 3}}},
               session="2026-11-02")
    table = export_clients(store.root, tmp_path / "out.csv", instrument=path)
    said = dict(zip(table["participant_id"], table["instrument_version"]))
    assert said == {"Ann": "2.1", "Bo": "2.2"}
