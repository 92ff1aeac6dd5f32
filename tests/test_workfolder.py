"""``workbook init``: a coach's own copy, and the commands that take its parts."""

import json
import subprocess
import sys

import pytest

from workbook.core.exceptions import ReportError, WorkbookError
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.resources import REPORT_TEMPLATES, SESSION_NOTEBOOKS, notebooks_dir
from workbook.reports.batch import check_template, template_path
from workbook.responses.datasets import sample_path
from workbook.session.workfolder import init_folder


def run(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_init_writes_the_notebooks_templates_instrument_and_a_readme(tmp_path):
    folder = tmp_path / "kit"
    proc = run("init", folder)
    assert proc.returncode == 0, proc.stderr
    expected = {"README.md", "instrument.toml"}
    expected |= {f"notebooks/{n}" for n in (*SESSION_NOTEBOOKS, "session.ipynb")}
    expected |= {f"templates/{n}" for n in REPORT_TEMPLATES}
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert found == expected
    assert (folder / "instrument.toml").read_bytes() == DEFAULT_PATH.read_bytes()
    assert (folder / "notebooks/01-hope.ipynb").read_bytes() == (
        notebooks_dir() / "01-hope.ipynb").read_bytes()
    readme = (folder / "README.md").read_text()
    assert f"--notebooks {folder}/notebooks" in readme
    assert f"--templates {folder}/templates" in readme
    assert "Wrote 13 files" in proc.stdout  # README, instrument, 8 pages, the app, 2 templates


def test_init_refuses_a_folder_that_is_not_empty_unless_forced(tmp_path):
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "my-notes.txt").write_text("mine")
    proc = run("init", folder)
    assert proc.returncode == 1
    assert "not empty" in proc.stderr and "--force" in proc.stderr
    assert [p.name for p in folder.iterdir()] == ["my-notes.txt"]  # nothing written

    init_folder(folder, force=True)
    (folder / "instrument.toml").write_text("edited")
    (folder / "templates" / "extra.ipynb").write_text("{}")
    init_folder(folder, force=True)
    assert (folder / "my-notes.txt").read_text() == "mine"  # the coach's own files stay
    assert (folder / "templates" / "extra.ipynb").read_text() == "{}"
    assert (folder / "instrument.toml").read_bytes() == DEFAULT_PATH.read_bytes()  # replaced


def test_init_refuses_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(WorkbookError, match="is a file"):
        init_folder(target)


def _without_parameters(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        cell["metadata"].pop("tags", None)
    path.write_text(json.dumps(nb))


def test_a_template_without_its_parameters_cell_is_refused_by_name(tmp_path):
    init_folder(tmp_path / "kit")
    broken = tmp_path / "kit" / "templates" / "participant-report.ipynb"
    _without_parameters(broken)
    with pytest.raises(ReportError, match="no code cell tagged 'parameters'") as info:
        template_path("participant-report.ipynb", tmp_path / "kit" / "templates")
    assert str(broken) in str(info.value)
    (tmp_path / "junk.ipynb").write_text("not json")
    with pytest.raises(ReportError, match="not a Jupyter notebook"):
        check_template(tmp_path / "junk.ipynb")

    proc = run("report", "participants", sample_path(), "--participant", "SPR-002",
               "--templates", tmp_path / "kit" / "templates", "--out", tmp_path / "out")
    assert proc.returncode == 1
    assert f"{broken}" in proc.stderr and "parameters" in proc.stderr


def test_templates_folder_without_templates_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run("report", "cohort", sample_path(), "--templates", tmp_path / "empty",
               "--out", tmp_path / "out")
    assert proc.returncode == 1
    assert "has no cohort-report.ipynb" in proc.stderr
    proc = run("report", "cohort", sample_path(), "--templates", tmp_path / "nowhere",
               "--out", tmp_path / "out")
    assert proc.returncode == 1 and "not found" in proc.stderr


def test_a_copied_template_makes_the_report(tmp_path):
    init_folder(tmp_path / "kit")
    proc = run("report", "cohort", sample_path(), "--templates", tmp_path / "kit" / "templates",
               "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "cohort.html").stat().st_size > 10_000


def test_coach_notebooks_folder_is_checked(tmp_path):
    from workbook.session.coach import notebooks_folder

    init_folder(tmp_path / "kit")
    assert notebooks_folder(tmp_path / "kit" / "notebooks") == (tmp_path / "kit" / "notebooks")
    (tmp_path / "kit" / "notebooks" / "03-energy.ipynb").unlink()
    with pytest.raises(WorkbookError, match="lacks 03-energy.ipynb"):
        notebooks_folder(tmp_path / "kit" / "notebooks")
    proc = run("coach", "--notebooks", tmp_path / "nowhere", "--workspace", tmp_path / "ws")
    assert proc.returncode == 1 and "no such folder" in proc.stderr


def test_a_copy_serves_the_session_app(tmp_path):
    from workbook.session.coach import coach

    folder = tmp_path / "mine"
    init_folder(folder)
    cmd, url, _ = coach(workspace=tmp_path / "ws", port=18_867, run=False,
                        notebooks=folder / "notebooks")
    assert url.endswith("/voila/render/session.ipynb")
    assert any(str((folder / "notebooks").resolve()) in part for part in cmd)


@pytest.mark.parametrize("sub", ["notebooks", "templates"])
def test_init_force_refuses_to_write_through_a_link(tmp_path, sub):
    """A link inside the copy would take the kit's files outside it (issue 20)."""
    folder, elsewhere = tmp_path / "kit", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("keep")
    (folder / sub).symlink_to(elsewhere, target_is_directory=True)
    proc = run("init", folder, "--force")
    assert proc.returncode == 1
    assert proc.stderr == (f"workbook: error: {folder / sub} is a link to {elsewhere}; the copy "
                           f"writes only inside {folder}: remove the link (or choose another "
                           "folder) and run again. Nothing was written\n")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["mine.txt"]
    assert sorted(p.name for p in folder.iterdir()) == [sub]


def test_init_force_keeps_edited_kit_files_before_replacing_them(tmp_path):
    """An edited instrument or page is kept as NAME.bak-DATE and named (issue 20, 25l)."""
    folder = tmp_path / "kit"
    init_folder(folder)
    instrument, page = folder / "instrument.toml", folder / "notebooks" / "01-hope.ipynb"
    my_instrument = instrument.read_bytes().replace(b"\n", b"\n# my note\n", 1)
    my_page = b'{"cells": [], "note": "Zo\xc3\xab\'s edit"}\r\n'
    instrument.write_bytes(my_instrument)
    instrument.chmod(0o600)
    page.write_bytes(my_page)
    page.chmod(0o644)
    proc = run("init", folder, "--force")
    assert proc.returncode == 0, proc.stderr
    # the new files are the kit's
    assert instrument.read_bytes() == DEFAULT_PATH.read_bytes()
    assert page.read_bytes() == (notebooks_dir() / "01-hope.ipynb").read_bytes()
    # the edits are kept byte for byte, beside them, with their permissions
    (kept_instrument,) = folder.glob("instrument.toml.bak-*")
    (kept_page,) = (folder / "notebooks").glob("01-hope.ipynb.bak-*")
    assert kept_instrument.read_bytes() == my_instrument
    assert kept_page.read_bytes() == my_page
    assert kept_instrument.stat().st_mode & 0o777 == 0o600
    assert kept_page.stat().st_mode & 0o777 == 0o644
    assert len(kept_instrument.name) == len("instrument.toml.bak-") + 15  # YYYYmmddTHHMMSS
    # the command names both, and nothing else was kept (unchanged files replaced silently)
    assert (f"kept your edited instrument.toml as {kept_instrument.name}; "
            "the kit's version replaced it") in proc.stdout
    assert (f"kept your edited notebooks/01-hope.ipynb as notebooks/{kept_page.name}; "
            "the kit's version replaced it") in proc.stdout
    assert proc.stdout.count("kept your edited") == 2
    assert sorted(p.name for p in folder.rglob("*.bak-*")) == sorted(
        [kept_instrument.name, kept_page.name])
    # a second --force has nothing edited to keep
    again = run("init", folder, "--force")
    assert again.returncode == 0 and "kept" not in again.stdout
    assert len(list(folder.rglob("*.bak-*"))) == 2
