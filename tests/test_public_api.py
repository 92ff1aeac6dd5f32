"""The public API is where users import it, and the notebooks use nothing else.

Public: the names in ``workbook.__all__``; the README's module paths (``workbook.store``,
``workbook.conversations`` and its ``model`` and ``words``: :data:`workbook.PUBLIC_PATHS`);
the cohort's modules the README names (``workbook.cohort.analysis``, ``.plots``...); the
report makers (``workbook.reports``). A notebook or report template that imports a deeper
path would break the next time a file moves.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import workbook

ROOT = Path(__file__).resolve().parents[1]

#: Modules a notebook or template may import from (each name it takes must be public there).
NOTEBOOK_MODULES = {
    "workbook": None,  # names in workbook.__all__
    "workbook.cohort.analysis": None,
    "workbook.cohort.plots": None,
    "workbook.reports.cohort_view": {"cohort_view"},
    "workbook.reports.participant": {"participant_report"},
}


def notebook_imports():
    """(notebook, module, names) for every ``workbook`` import in the committed notebooks."""
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            tree = ast.parse("".join(cell["source"]))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbook"):
                    names = [a.name for a in node.names]
                    yield path.relative_to(ROOT).as_posix(), node.module, names
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.name.startswith("workbook"):
                            yield path.relative_to(ROOT).as_posix(), alias.name, []


def test_every_public_name_resolves():
    for name in workbook.__all__:
        assert getattr(workbook, name) is not None, name
    assert sorted(workbook.__all__) == workbook.__all__
    errors = {"DataError", "InstrumentError", "InvalidDataError", "StoreError", "WorkbookError"}
    assert set(workbook.__all__) == set(workbook._LAZY) | errors  # both ways


def test_notebooks_import_only_the_public_api():
    seen = list(notebook_imports())
    assert len(seen) >= 11  # every notebook imports the kit (the check reads them all)
    wrong = []
    for notebook, module, names in seen:
        if module not in NOTEBOOK_MODULES and module.rpartition(".")[0] not in NOTEBOOK_MODULES:
            wrong.append(f"{notebook}: {module}")
            continue
        allowed = NOTEBOOK_MODULES.get(module)
        if module == "workbook":
            allowed = set(workbook.__all__) | {"cohort"}
        if allowed is not None:
            wrong += [f"{notebook}: {module}.{n}" for n in names if n not in allowed]
    assert wrong == []


@pytest.mark.parametrize("old, new", sorted(workbook.PUBLIC_PATHS.items()))
def test_the_readme_paths_are_the_modules_themselves(old, new):
    """One module under two names: a change made through one is seen through the other."""
    assert importlib.import_module(old) is importlib.import_module(new)


def test_the_readme_import_lines_work_in_a_fresh_interpreter():
    code = (
        "from workbook.conversations import Tracker, due, model\n"
        "from workbook.conversations.words import Words\n"
        "from workbook.store import ClientStore\n"
        "import workbook.store.core as core\n"
        "print(Tracker.__module__, ClientStore.__module__, Words.__module__, core.__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["workbook.session.tracker", "workbook.session.store.core",
                   "workbook.core.conversations.words", "workbook.session.store.core"]


def test_an_unknown_name_is_refused_in_words():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        workbook.nothing_here  # noqa: B018
