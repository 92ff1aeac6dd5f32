"""Issue 20, session 6 (attacks3 A15): the export's row for a client with no session yet gets
no personal report from the file either: it is named under "Not made", as from the
workspace, and the exit status says a report was not made."""
import datetime as dt

from workbook.cli import main
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore


def test_a_row_answering_nothing_gets_no_personal_report_from_the_file(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    Tracker(store, "nolist").change(model.add_op("Ana", person_id="ana",
                                                 today=dt.date(2026, 11, 2)))
    store.save("ann", {"hope": {"items": {"hope_1": 3, "hope_6": 4, "hope_7": 4}}},
               session="2026-11-01")
    data = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(data)]) == 0
    out = tmp_path / "rep"
    capsys.readouterr()
    status = main(["report", "participants", str(data), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1  # as from the workspace: a report not made
    assert ("failed: nolist: answers no statement and gives no hours in the data (as the "
            "export's row for a client with no session saved yet does)") in err
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["ann.html"]
    index = (out / "index.html").read_text()
    assert ("<li><strong>nolist</strong>: answers no statement and gives no hours (no session "
            "saved yet, say): a personal report is made once there are answers</li>") in index
