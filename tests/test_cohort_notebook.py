"""The cohort notebook runs under papermill, with its defaults and with parameters."""

import json
from pathlib import Path

import papermill
import pytest

from workbook.responses.sample_exports import sample_exports_dir

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "10-cohort-analysis.ipynb"


def _outputs(nb) -> str:
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts.append(json.dumps(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"]
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1


@pytest.mark.notebook
@pytest.mark.slow
def test_runs_on_a_survey_export_with_grouping(tmp_path):
    nb = papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "out.ipynb"), kernel_name="python3",
        cwd=str(tmp_path), progress_bar=False,
        parameters={"data_path": str(sample_exports_dir() / "qualtrics_export.csv"),
                    "by": "cohort", "min_group": 5},
    )
    text = _outputs(nb)
    assert "layout: qualtrics (first response on row 4)" in text
    assert "231 responses from 124 participants" in text
    assert "checks passed" in text
    assert "2026-spring" in text and "improved" in text
