"""A client with a conversations list but no saved session is never left out without a word.

Attack finding 22: ``followups`` listed such a client's follow-ups, while ``export-clients``
and ``report participants --workspace`` left them out silently. The export now gives them one
row (the day their list was counted; answers empty, counts filled) that ``workbook cohort``
reads; the personal reports' index names them under "Not made", with why.
"""

import datetime as dt

import pandas as pd
import pytest

from workbook.cli import main
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

TODAY = dt.date.today()


@pytest.fixture
def ws(tmp_path):
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "NoAnswers")
    book = tracker.change(model.add_op("Pat", person_id="pat"))
    tracker.change(model.step_op(book, "pat", "sent", TODAY - dt.timedelta(days=6)))
    store.save("C1", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    return store


def test_export_gives_a_client_with_only_a_list_one_row_with_the_counts(ws, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(ws.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert ("'NoAnswers' has no session saved yet: one row dated "
            f"{TODAY.isoformat()} (the day their conversations list was counted), "
            "answers empty") in err
    assert (f"wrote 1 session(s) of 1 client(s), and 1 row for a client with no session yet, "
            f"to {out}") in err
    data = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert data["participant_id"].tolist() == ["C1", "NoAnswers"]
    row = data.iloc[1]
    assert row["timepoint"] == row["date"] == TODAY.isoformat()
    # hand-counted: Pat listed, a note sent 6 days ago, no conversation held
    assert (row["people_listed"], row["notes_sent"], row["conversations_held"]) == ("1", "1", "0")
    assert row["hope_1"] == row["hours_per_week"] == ""

    # the cohort analysis reads the export as it is: both clients' latest rows counted
    assert main(["cohort", str(out), "--out", str(tmp_path / "coh")]) == 0
    outcome = pd.read_csv(tmp_path / "coh" / "outcome.csv")
    assert outcome["n_responses"].tolist() == [2]


def test_a_client_with_nothing_saved_is_named_as_left_out(ws, tmp_path, capsys):
    ws.create("Empty")
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(ws.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    # a client of the workspace, as followups counts them (round 12b Q3), with no row
    assert "'Empty' has nothing saved yet (no session, no conversations list): no row" in err
    assert "of 3 clients in the workspace, 1 with nothing saved yet (no row)" in err
    ids = pd.read_csv(out, dtype=str)["participant_id"].tolist()
    assert ids == ["C1", "NoAnswers"]


def test_the_reports_index_names_a_client_with_no_session(ws, tmp_path, capsys):
    out = tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1  # a report not made
    assert "Traceback" not in captured.err
    assert ("failed: NoAnswers: client 'NoAnswers' has no session saved yet (only a "
            "conversations list): a personal report is made once a session is saved") \
        in captured.err
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C1.html"]
    index = (out / "index.html").read_text()
    assert ("<li><strong>NoAnswers</strong>: no session saved yet (only a conversations "
            "list): a personal report is made once a session is saved</li>") in index
