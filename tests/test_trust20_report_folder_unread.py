"""Round 14a V11: ``report participants --workspace`` with a client folder it cannot read
(client.json damaged, or a folder at its name) names that folder on the index page under
"Not made", as stderr does, and exits 1, as for any report not made."""

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore


@pytest.fixture
def ws(tmp_path):
    store = ClientStore(tmp_path / "ws")
    for client, v in (("C1", 2), ("C2", 3)):
        store.save(client, {"hope": {"items": {"hope_1": v}}}, session="2026-11-02")
    return store


def test_a_client_folder_not_read_is_named_on_the_index(ws, tmp_path, capsys):
    folder = ws.folder("C1")
    who = (folder / "client.json").read_bytes()
    (folder / "client.json").unlink()
    (folder / "client.json").mkdir(mode=0o700)
    out = tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out)])
    said = capsys.readouterr()
    assert status == 1  # as for a report not made
    assert "Traceback" not in said.err
    assert f"left out {folder}: its client.json cannot be read" in said.err
    assert f"failed: {folder.name}: left out {folder}" in said.err
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C2.html"]
    index = (out / "index.html").read_text()
    assert (f"<li><strong>{folder.name}</strong>: this client folder could not be read (why "
            "was said where the reports were made): a personal report is made once it can "
            "be read</li>") in index

    # the folder mended: its client's report is made, and the index no longer names it
    (folder / "client.json").rmdir()
    (folder / "client.json").write_bytes(who)
    (folder / "client.json").chmod(0o600)
    status = main(["report", "participants", "--workspace", str(ws.root), "--out", str(out)])
    capsys.readouterr()
    assert status == 0
    index = (out / "index.html").read_text()
    assert folder.name not in index
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["C1.html", "C2.html"]
