"""attacks5 C9: a record file of one client that is not a regular file (a pipe, a device)
stopped every workspace command for every client (waiting forever on the pipe, reading
/dev/zero until memory ran out). It is now refused before a byte is read, naming the path,
for that client only; the other clients are served."""

import os
import subprocess
import sys

import pytest

from workbook.session.store import ClientStore

RUN = "import sys; from workbook.cli import main; sys.exit(main(sys.argv[1:]))"


def _workspace(root):
    s = ClientStore(root)
    s.save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    s.save("c2", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-05")
    return s


def _export(root, out):
    return subprocess.run([sys.executable, "-c", RUN, "export-clients", "--workspace",
                           str(root), "--out", str(out)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", ["journal.jsonl", "answers.json", "client.json",
                                  "conversations.jsonl"])
def test_a_pipe_at_a_record_name_leaves_out_that_client_only(tmp_path, name):
    s = _workspace(tmp_path / "ws")
    path = s.folder("c1") / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    done = _export(tmp_path / "ws", tmp_path / "x.csv")  # before: never ended
    assert done.returncode == 0, done.stderr
    assert f"{path} is not a regular file (a pipe (FIFO))" in done.stderr
    assert "Traceback" not in done.stderr
    rows = (tmp_path / "x.csv").read_text().splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["c2"]


def test_a_device_at_the_journal_is_refused_before_reading(tmp_path):
    s = _workspace(tmp_path / "ws")
    path = s.folder("c1") / "journal.jsonl"
    path.unlink()
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("making a device needs root")
    done = _export(tmp_path / "ws", tmp_path / "x.csv")  # before: read until memory ran out
    assert done.returncode == 0, done.stderr
    assert f"{path} is not a regular file (a device)" in done.stderr
    assert [r.split(",")[0] for r in (tmp_path / "x.csv").read_text().splitlines()[1:]] == [
        "c2"]
