"""Round 14a V21 (privacy): once every session of a client is removed with remove-session,
their earlier personal report (made from the removed sessions) leaves ``participants/`` for
``stale/``, as a report of someone no longer in the data does, and the index says so."""

import pytest

from workbook.cli import main
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore


@pytest.fixture
def ws(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"hope": {"items": {"hope_1": 2}}}, session="2026-10-05")
    store.save("C1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    tracker = Tracker(store, "C1")
    tracker.change(model.add_op("Pat", person_id="pat"))
    store.save("C2", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-02")
    return store


def _run(ws, out, capsys):
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out)])
    said = capsys.readouterr()
    return status, said.out + said.err


def test_a_report_whose_sessions_were_all_removed_moves_to_stale(ws, tmp_path, capsys):
    out = tmp_path / "rep"
    assert _run(ws, out, capsys)[0] == 0
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C1.html", "C2.html"]
    for day in ("2026-10-05", "2026-11-02"):
        assert main(["remove-session", "--workspace", str(ws.root), "--client", "C1",
                     "--session", day]) == 0
    status, err = _run(ws, out, capsys)
    assert status == 1  # a report not made
    assert "Traceback" not in err
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C2.html"]
    assert sorted(p.name for p in (out / "stale").iterdir()) == ["C1.html"]
    assert (f"moved the earlier report of C1 to {out / 'stale'}: nothing of theirs is left "
            "to report (no longer on the index page).") in err
    index = (out / "index.html").read_text()
    assert "C1.html" not in index
    assert ("<li><strong>C1</strong>: no session saved yet (only a conversations list): a "
            "personal report is made once a session is saved; its earlier report was moved "
            "to stale/</li>") in index
    # a run again: nothing more to move, the index still names C1 with why
    status, err = _run(ws, out, capsys)
    assert status == 1 and "moved the earlier report" not in err
    assert sorted(p.name for p in (out / "stale").iterdir()) == ["C1.html"]
    assert "<li><strong>C1</strong>: no session saved yet" in (out / "index.html").read_text()
