"""The project's own files agree with each other."""

import re
import tomllib
from pathlib import Path

import pandas as pd

import workbook
from workbook.responses.datasets import make_sample, sample_path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_names_every_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(d) for d in project["dependencies"]}
    env = (ROOT / "environment.yml").read_text()
    conda = {_name(m.group(1)) for m in re.finditer(r"^\s+- ([A-Za-z0-9_.-]+[^\n]*)$", env, re.M)}
    assert runtime <= conda, f"missing from environment.yml: {sorted(runtime - conda)}"
    assert '-e ".[test]"' in env


def test_readme_has_exactly_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    demo = re.search(r"<!-- demo-command -->\s*```bash\n(.+?)\n```", readme, re.S)
    test = re.search(r"<!-- test-command -->\s*```bash\n(.+?)\n```", readme, re.S)
    assert demo and "workbook demo" in demo.group(1)
    assert test and "pytest" in test.group(1)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci  # .ci/run reads the command from the README


def test_public_api_is_explicit():
    for name in workbook.__all__:
        assert hasattr(workbook, name), name


def test_committed_sample_is_what_the_seeded_script_makes():
    committed = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    made = make_sample().astype("string").fillna("")
    assert committed.shape == made.shape
    assert list(committed.columns) == list(made.columns)
    for col in committed.columns:
        assert committed[col].tolist() == made[col].astype(str).tolist(), col


def test_sample_has_every_verdict_and_both_timepoints():
    scores = workbook.score(workbook.load_responses(sample_path()))
    assert set(scores["verdict"]) == {"ready", "not_now", "build_first", "incomplete"}
    assert set(scores["timepoint"]) == {"pre", "post"}
    assert scores.groupby("cohort")["participant_id"].nunique().between(30, 50).all()


def test_notebooks_are_committed_clean():
    import json

    for path in ROOT.glob("notebooks/**/*.ipynb"):
        nb = json.loads(path.read_text())
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path
        assert "widgets" not in nb["metadata"], path
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, path


# --- The kit's own files ship inside the package -------------------------------------------


def test_every_subpackage_is_listed_for_the_wheel():
    """pyproject lists packages by hand (two are mapped from top-level folders): none forgotten."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "workbook").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"workbook.notebooks", "workbook.data"} <= listed


def test_resources_are_found_through_the_package():
    from workbook.core.resources import (
        REPORT_TEMPLATES,
        SESSION_NOTEBOOKS,
        data_dir,
        notebooks_dir,
        templates_dir,
    )

    assert notebooks_dir() == ROOT / "notebooks"  # an editable install maps the checkout
    assert data_dir() == ROOT / "data"
    for name in SESSION_NOTEBOOKS:
        assert (notebooks_dir() / name).is_file(), name
    for name in REPORT_TEMPLATES:
        assert (templates_dir() / name).is_file(), name
    assert sample_path() == data_dir() / "sample_cohort.csv"
    # Every session notebook in the folder is one the kit knows (and so one init copies).
    on_disk = {p.name for p in (ROOT / "notebooks").glob("0*.ipynb")}
    assert on_disk == set(SESSION_NOTEBOOKS)


def test_every_word_is_the_projects_own():
    """No run of six words is shared with the source idea (`../shared/seed`)."""
    import os
    import subprocess

    import pytest

    tool = ROOT.parent / "shared" / "tools" / "seed-overlap"
    if not tool.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing: CI runs with ../shared beside the checkout")
        pytest.skip(f"{tool} is not beside this checkout")
    proc = subprocess.run([str(tool)], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == "" and proc.returncode == 0, proc.stdout + proc.stderr


def test_one_version_everywhere():
    import subprocess
    import sys

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert workbook.__version__ == version
    proc = subprocess.run([sys.executable, "-m", "workbook", "--version"], capture_output=True,
                          text=True)
    assert proc.stdout.strip() == f"workbook {version}"
