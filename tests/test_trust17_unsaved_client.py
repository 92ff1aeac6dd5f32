"""A client opened in the app with nothing saved yet is named under "Not made" (round 12b Q3).

The README: "A client with no session saved yet has no personal report: the index lists them
under "Not made" with why, and the command exits 1." A client whose folder holds only
``client.json`` (opened on the start page, session ended without an answer) was left out of
``report participants --workspace`` (exit 0, no "Not made" entry), and ``--participant`` said
they were "not in the data (ids are matched exactly)", as if the name were mistyped.
"""

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore

WHY = ("nothing saved yet (opened, with no session and no conversations list): a personal "
       "report is made once a session is saved")


@pytest.fixture
def ws(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    store.create("Ann Lee")  # opened in the app, nothing answered
    return store


def test_the_index_names_a_client_with_nothing_saved_and_the_command_exits_1(ws, tmp_path,
                                                                               capsys):
    out = tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.err
    assert f"failed: Ann Lee: client 'Ann Lee' has {WHY}" in captured.err
    assert "made 1 personal report, 1 failed." in captured.out
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C1.html"]
    index = (out / "index.html").read_text()
    assert f"<li><strong>Ann Lee</strong>: {WHY}</li>" in index


def test_asking_for_that_client_by_name_says_nothing_is_saved_not_a_mistyped_id(ws, tmp_path,
                                                                                 capsys):
    out = tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out),
                   "--participant", "Ann Lee"])
    captured = capsys.readouterr()
    assert status == 1
    assert f"failed: Ann Lee: client 'Ann Lee' has {WHY}" in captured.err
    assert "matched exactly" not in captured.err
    assert "made 0 personal reports, 1 failed." in captured.out
    # the name typed with spaces around is read as the store reads it, as for a saved client
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out),
                   "--participant", " Ann Lee "])
    captured = capsys.readouterr()
    assert status == 1
    assert f"failed: Ann Lee: client 'Ann Lee' has {WHY}" in captured.err


def test_a_mistyped_name_is_still_not_in_the_data(ws, tmp_path, capsys):
    out = tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out),
                   "--participant", "Ann Leee"])
    captured = capsys.readouterr()
    assert status == 1
    assert "failed: Ann Leee: not in the data (ids are matched exactly)" in captured.err
