"""The kit's own files that ship inside the package: session notebooks, report templates, sample.

They live in the repository's top-level ``notebooks/`` and ``data/`` folders and are installed
as the packages ``workbook.notebooks`` and ``workbook.data`` (see ``pyproject.toml``), so a
wheel installed anywhere finds them exactly as a checkout does, through
:mod:`importlib.resources`.

Examples
--------
>>> from workbook.core.resources import APP_NOTEBOOK, notebooks_dir, templates_dir, data_dir
>>> from workbook.core.resources import voila_templates_root
>>> (notebooks_dir() / "00-start-here.ipynb").is_file()
True
>>> (notebooks_dir() / APP_NOTEBOOK).is_file()
True
>>> (voila_templates_root() / "voila" / "templates" / "workbook" / "index.html.j2").is_file()
True
>>> sorted(p.name for p in templates_dir().glob("*.ipynb"))
['cohort-report.ipynb', 'participant-report.ipynb']
>>> (data_dir() / "sample_cohort.csv").is_file()
True
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from workbook.core.exceptions import WorkbookError

#: The session notebooks, in the order a session walks through them.
SESSION_NOTEBOOKS = (
    "00-start-here.ipynb", "01-hope.ipynb", "02-time.ipynb", "03-energy.ipynb",
    "04-self-esteem.ipynb", "05-ambition.ipynb", "06-readiness-profile.ipynb",
    "07-conversations.ipynb",
)
#: The session app: every session page in one notebook (one kernel), served by Voila.
APP_NOTEBOOK = "session.ipynb"
#: The report templates (papermill notebooks with a ``parameters`` cell).
REPORT_TEMPLATES = ("participant-report.ipynb", "cohort-report.ipynb")
TEMPLATES_FOLDER = "reports"


def _folder(package: str) -> Path:
    try:
        found = importlib.resources.files(package)
    except ModuleNotFoundError:
        found = None
    path = Path(str(found)) if found is not None else None
    if path is None or not path.is_dir():
        raise WorkbookError(
            f"the kit's files ({package}) are missing from this installation; "
            "reinstall it with `pip install workbook` or `pip install -e .` from a checkout"
        )
    return path


def notebooks_dir() -> Path:
    """Folder of the session notebooks (``notebooks/`` of the repository)."""
    return _folder("workbook.notebooks")


def templates_dir() -> Path:
    """Folder of the report templates (``notebooks/reports/`` of the repository)."""
    return notebooks_dir() / TEMPLATES_FOLDER


def voila_templates_root() -> Path:
    """A Jupyter data folder holding the kit's Voila template (``voila/templates/workbook``).

    Put it on ``JUPYTER_PATH`` and serve with ``--template=workbook``: Voila's lab template
    without the Font Awesome stylesheets it would fetch from a CDN.
    """
    return Path(str(importlib.resources.files("workbook"))) / "share"


def data_dir() -> Path:
    """Folder of the bundled synthetic sample and sample exports (``data/``)."""
    return _folder("workbook.data")
