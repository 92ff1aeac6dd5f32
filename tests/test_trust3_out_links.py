"""Issue 20, session 6 (attacks3 A16): an --out that is a symbolic link is refused, never
replaced by a regular file."""
import os

from workbook.cli import main
from workbook.responses.datasets import sample_path
from workbook.session.store import ClientStore


def test_export_and_score_refuse_an_out_that_is_a_link(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-01")
    target = tmp_path / "target.csv"
    target.write_text("keep\n")
    for n, argv in enumerate((["export-clients", "--workspace", str(store.root)],
                              ["score", str(sample_path())])):
        link = tmp_path / f"link{n}.csv"
        os.symlink(target, link)
        assert main([*argv, "--out", str(link)]) == 1
        assert link.is_symlink() and target.read_text() == "keep\n"
        assert f"cannot write to {link}: it is a symbolic link" in capsys.readouterr().err
