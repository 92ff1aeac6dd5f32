"""attacks5 C8: a workspace put back from a backup with ordinary permissions (folders 0755,
files 0644) stayed readable under the read-only commands, and the workspace folder stayed
0755 even after a save. Opening the workspace (any command) now makes it private again,
in one line, and never loosens anything."""

import os
import stat

from workbook.cli import main
from workbook.session.store import ClientStore


def _modes(root):
    return {p.relative_to(root).as_posix() or ".": stat.S_IMODE(os.lstat(p).st_mode)
            for p in [root, *root.rglob("*")]}


def test_a_read_only_command_makes_a_restored_workspace_private(tmp_path, capsys):
    root = tmp_path / "ws"
    s = ClientStore(root)
    s.save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    folder = s.folder("c1")
    os.chmod(root, 0o755)
    os.chmod(folder, 0o755)
    for f in folder.iterdir():
        os.chmod(f, 0o644)
    readonly = folder / "client.json"
    os.chmod(readonly, 0o444)  # the owner's own choice: stays read-only
    assert main(["export-clients", "--workspace", str(root), "--out",
                 str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    modes = _modes(root)
    # before: every mode as restored (0755 / 0644)
    assert modes["."] == 0o700 and modes[folder.name] == 0o700
    assert modes[f"{folder.name}/journal.jsonl"] == 0o600
    assert modes[f"{folder.name}/answers.json"] == 0o600
    assert modes[f"{folder.name}/client.json"] == 0o400  # tightened, never loosened
    assert err.count("were made private") == 1
    assert "the workspace folder and 4 folder(s) and file(s) of 1 client(s)" in err
    assert main(["export-clients", "--workspace", str(root), "--out",
                 str(tmp_path / "y.csv")]) == 0
    assert "private" not in capsys.readouterr().err  # said once: nothing more to do
