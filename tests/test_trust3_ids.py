"""Issue 20, session 6: ids that an export guards against formulas stay distinct."""
import csv

from workbook.cli import main
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses
from workbook.responses.reshape import tidy_ids, unguarded_id
from workbook.session.store import ClientStore


def test_clients_plus_one_and_quoted_plus_one_stay_two_after_an_export(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    for client in ("+1", "'+1", "''=x"):
        store.save(client, {"hope": {"items": {"hope_1": 3}}}, session="2026-12-01")
    export = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(export)]) == 0
    with open(export, newline="", encoding="utf-8") as fh:
        written = sorted(row["participant_id"] for row in csv.DictReader(fh))
    # each id that a spreadsheet could take for a formula, guarded or already guarded-looking,
    # gets one more apostrophe: reading drops exactly one
    assert written == ["'''=x", "''+1", "'+1"]
    ids = sorted(load_responses(export, resolve(None))["participant_id"])
    assert ids == ["''=x", "'+1", "+1"]


def test_a_guard_is_dropped_only_once():
    assert unguarded_id("''+1") == "'+1"
    assert unguarded_id("'+1") == "+1"
    assert unguarded_id("'quoted") == "'quoted"


def test_a_file_holding_both_plus_one_and_quoted_plus_one_keeps_two_people():
    import pandas as pd

    table = pd.DataFrame({"participant_id": ["+1", "'+1", "'=2"], "x": [1, 2, 3]})
    tidied, notes = tidy_ids(table)
    # '+1 is not read as +1: that would make one person of two rows the file keeps apart
    assert tidied["participant_id"].tolist() == ["+1", "'+1", "=2"]
    text = " ".join(notes)
    assert "\"'=2\" -> '=2' (row 2)" in text
    assert "'+1" in text and "+1" in text  # named as look-alikes
