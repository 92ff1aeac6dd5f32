"""A journal line with a section no ingredient has ("hopee", a hand-edit slip) (round 11a M12).

Its statements were read into the export, the report and the profile over the real
section's answers (hope_1 = 1 over the saved 3), without a word, while a page (``load``)
kept the real value. Now a statement is read only from its own ingredient's section, and
the section that is no ingredient is named.
"""

from __future__ import annotations

import json
import logging

from workbook.session.clients_table import responses
from workbook.session.store import JOURNAL_FILE, ClientStore
from workbook.session.store.table import score_history

HOPE = {"hope_1": 3, "hope_6": 4, "hope_7": 4, "hope_8": 4, "hope_9": 4}


def _workspace(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c03", {"hope": {"items": HOPE}}, session="2026-10-05")
    store.save("c03", {"energy": {"items": {"energy_1": 2}}}, session="2026-11-02")
    line = {"at": "2026-12-07T14:20:00+00:00", "session": "2026-11-02", "client_id": "c03",
            "answers": {"hopee": {"items": {"hope_1": 1}}}}
    with open(store.folder("c03") / JOURNAL_FILE, "a") as out:
        out.write(json.dumps(line) + "\n")
    return ClientStore(tmp_path, read_only=True)


def test_an_unknown_sections_answers_are_not_mixed_into_an_ingredient(tmp_path, caplog):
    store = _workspace(tmp_path)
    with caplog.at_level(logging.WARNING):
        table = responses(store)
    row = table[table["date"] == "2026-11-02"].iloc[0]
    assert row["hope_1"] == 3  # the hope section's, as the page shows
    assert store.load("c03")["hope"]["items"]["hope_1"] == 3
    said = [r.getMessage() for r in caplog.records if "hopee" in r.getMessage()]
    assert len(said) == 1  # once for the client, not once per row
    assert "c03" in said[0] and "2026-11-02" in said[0] and "hope_1" in said[0]


def test_the_profile_scores_the_real_section(tmp_path, caplog):
    store = _workspace(tmp_path)
    with caplog.at_level(logging.WARNING):
        scores = score_history(store.history("c03"))
    # hope 3,4,4,4,4 (hope_1's 3 kept): as scored from the hope section alone
    alone = score_history({"2026-10-05": {"hope": {"items": HOPE}}})
    assert scores["hope"].tolist() == [alone["hope"].iloc[0]] * 2
    assert any("hopee" in r.getMessage() for r in caplog.records)


def test_a_statement_the_instrument_lacks_is_named(tmp_path, caplog):
    """Round 9a H2 (rest): ``zz_1`` was dropped from the export without a word."""
    store = ClientStore(tmp_path)
    store.save("c03", {"hope": {"items": {**HOPE, "zz_1": 3}}}, session="2026-10-05")
    with caplog.at_level(logging.WARNING):
        table = responses(ClientStore(tmp_path, read_only=True))
    assert "zz_1" not in table.columns and table["hope_1"].tolist() == [3]
    said = [r.getMessage() for r in caplog.records if "zz_1" in r.getMessage()]
    assert len(said) == 1 and "c03" in said[0] and "2026-10-05" in said[0] \
        and "no statement" in said[0]


def test_minutes_per_step_out_of_range_are_named(tmp_path, caplog):
    store = ClientStore(tmp_path)
    store.save("c03", {"time": {"items": {"time_1": 4}, "tool": {
        "hours_per_week": 4, "step_minutes": {"talk": 0, "research": -5, "note": 20}}}},
        session="2026-11-02")
    with caplog.at_level(logging.WARNING):
        responses(ClientStore(tmp_path, read_only=True))
    said = [r.getMessage() for r in caplog.records if "minutes per step" in r.getMessage()]
    assert len(said) == 1 and "talk=0" in said[0] and "research=-5" in said[0] \
        and "note" not in said[0] and "2026-11-02" in said[0]
