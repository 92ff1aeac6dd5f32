"""Round 12b Q3, second half: `followups` counted clients opened with nothing saved ("of 3
clients in the workspace") while `export-clients` said "1 client(s) ... 1 folder(s) left
out": two counts of one workspace. The export now says how many clients the workspace
holds, as `followups` counts them, and how many of them have nothing saved yet."""

import datetime as dt

from workbook.cli import main
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

TODAY = dt.date.today()


def make(root):
    store = ClientStore(root)
    tracker = Tracker(store, "ListOnly")
    book = tracker.change(model.add_op("Pat", person_id="pat"))
    tracker.change(model.step_op(book, "pat", "sent", TODAY - dt.timedelta(days=6)))
    store.save("C1", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    store.create("Empty")  # opened in the app, nothing saved
    store.create("Empty Two")
    return store


def test_export_and_followups_count_the_same_clients(tmp_path, capsys):
    store = make(tmp_path / "ws")
    assert main(["followups", "--workspace", str(store.root)]) == 0
    said = capsys.readouterr().out
    assert "of 4 clients in the workspace" in said
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "of 4 clients in the workspace, 2 with nothing saved yet (no row)" in err
    assert "folder(s) left out" not in err  # they are clients, not folders left out
    assert "'Empty' has nothing saved yet (no session, no conversations list): no row" in err
    assert "'Empty Two' has nothing saved yet" in err
