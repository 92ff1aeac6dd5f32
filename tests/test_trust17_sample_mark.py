"""The demo workspace's own mark is one of a workspace's own files: never an output.

Round 12a P5: ``export-clients --out WS/.sample-workspace`` wrote the export over the demo
workspace's mark, and ``workbook demo`` then refused for good, blaming "an earlier version".
"""

import subprocess
import sys

import pytest

from workbook.core.exceptions import WorkbookError
from workbook.core.files import WORKSPACE_NAMES, refuse_record_target
from workbook.session.sample_workspace import SAMPLE_MARK, sample_workspace


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_the_mark_is_a_workspace_name():
    assert SAMPLE_MARK in WORKSPACE_NAMES


@pytest.mark.parametrize("name", [".sample-workspace", ".SAMPLE-WORKSPACE"])
def test_the_mark_is_refused_as_an_output(tmp_path, name):
    with pytest.raises(WorkbookError, match=rf"{name} is the name of one of a workspace's own"):
        refuse_record_target(tmp_path / name)


def test_an_export_over_the_demo_mark_is_refused_and_the_demo_still_rebuilds(tmp_path):
    workspace = tmp_path / "demo" / "workspace"
    sample_workspace(workspace)
    mark = (workspace / SAMPLE_MARK).read_bytes()
    proc = run("export-clients", "--workspace", workspace, "--out", workspace / SAMPLE_MARK)
    assert proc.returncode == 1
    assert f"{SAMPLE_MARK} is the name of one of a workspace's own files" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (workspace / SAMPLE_MARK).read_bytes() == mark
    proc = run("demo", "--out", tmp_path / "demo")
    assert proc.returncode == 0, proc.stderr
    assert "earlier version" not in proc.stderr
