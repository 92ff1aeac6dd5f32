"""Issue 20, session 6 (attacks3 A6): values saved through the API reach the export as the
kit reads them in a file, or are left empty with a warning; never silently lost."""
import csv

from workbook.cli import main
from workbook.core.instrument import resolve
from workbook.session.store import ClientStore

ONE, TWO, THREE = (item.id for item in resolve(None).ingredient("hope").items[:3])


def _export(tmp_path, capsys, caplog):
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = {row["participant_id"]: row for row in csv.DictReader(fh)}
    return rows, " ".join((capsys.readouterr().err + caplog.text).split())


def test_answers_saved_as_scale_labels_are_exported_as_their_numbers(tmp_path, capsys, caplog):
    store = ClientStore(tmp_path / "ws")
    store.save("lab", {"hope": {"items": {ONE: "Agree", TWO: " strongly disagree ", THREE: "4"}}},
               session="2026-11-01")
    rows, err = _export(tmp_path, capsys, caplog)
    assert (rows["lab"][ONE], rows["lab"][TWO], rows["lab"][THREE]) == ("4", "1", "4")
    assert "not on the scale" not in err


def test_hours_saved_as_a_list_are_left_empty_with_a_warning(tmp_path, capsys, caplog):
    store = ClientStore(tmp_path / "ws")
    store.save("lst", {"time": {"tool": {"hours_per_week": [4]}}},
               session="2026-11-01")
    rows, err = _export(tmp_path, capsys, caplog)
    assert rows["lst"]["hours_per_week"] == ""
    assert "'lst' 2026-11-01 hours_per_week=[4]" in err
