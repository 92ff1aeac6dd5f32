"""``workbook coach --notebooks DIR``: a copy whose page fails when run is refused at start.

Round 12a P12: a cell with a syntax error, or one that raises when run, reached the client as
Voila's developer message and the coach's terminal as a traceback. The start names the page
and the cell in one line and serves nothing.
"""

import subprocess
import sys

import nbformat
import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.coach import coach
from workbook.session.workfolder import init_folder


def _edit(page, index, source):
    nb = nbformat.read(page, as_version=4)
    nb.cells[index].source = source
    nbformat.write(nb, page)


@pytest.fixture
def copy(tmp_path):
    init_folder(tmp_path / "kit")
    return tmp_path / "kit" / "notebooks"


def test_a_syntax_error_in_the_app_page_is_refused_naming_the_cell(copy, tmp_path):
    _edit(copy / "session.ipynb", 2, "store = ClientStore(workspace\napp = 1")
    with pytest.raises(WorkbookError) as caught:
        coach(workspace=tmp_path / "ws", port=18_871, run=False, notebooks=copy)
    message = str(caught.value)
    assert "session.ipynb" in message and "cell 3" in message and "SyntaxError" in message
    assert "\n" not in message
    assert not (tmp_path / "ws").exists()  # refused before the workspace is touched


def test_a_syntax_error_in_an_ingredient_page_is_refused(copy, tmp_path):
    _edit(copy / "03-energy.ipynb", 2, "x = (")
    with pytest.raises(WorkbookError, match=r"03-energy\.ipynb, cell 3 .*SyntaxError"):
        coach(workspace=tmp_path / "ws", port=18_872, run=False, notebooks=copy)


def test_a_cell_that_raises_when_run_is_refused_naming_the_cell(copy, tmp_path):
    _edit(copy / "session.ipynb", 2, "store = ClientStore(workspace)\napp = SessionAp(store)")
    with pytest.raises(WorkbookError) as caught:
        coach(workspace=tmp_path / "ws", port=18_873, run=False, notebooks=copy)
    message = str(caught.value)
    assert "session.ipynb, cell 3" in message
    assert "NameError: name 'SessionAp' is not defined" in message
    assert "\n" not in message
    assert not (tmp_path / "ws").exists()


def test_the_command_says_one_line_and_no_traceback(copy, tmp_path):
    _edit(copy / "session.ipynb", 1, 'raise RuntimeError("boom")')
    proc = subprocess.run([sys.executable, "-m", "workbook", "coach", "--notebooks", str(copy),
                           "--workspace", str(tmp_path / "ws"), "--port", "18874"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "session.ipynb, cell 2" in lines[0] and "RuntimeError: boom" in lines[0]


def test_the_copy_as_made_is_served_and_magics_are_python(copy, tmp_path):
    _edit(copy / "session.ipynb", 1, "%matplotlib inline\n" + nbformat.read(
        copy / "session.ipynb", as_version=4).cells[1].source)
    cmd, url, _ = coach(workspace=tmp_path / "ws", port=18_875, run=False, notebooks=copy)
    assert url.endswith("/voila/render/session.ipynb")
