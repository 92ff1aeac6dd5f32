"""The cohort report and the index page speak the instrument's ``[words.report]`` (issue 22).

A coach's own instrument file that rewords a heading the cohort report uses, the sentence
saying who is left out, or the index page's title sees those words in the report made with
it (they used to be the kit's words, bound at import in :mod:`workbook.reports.wording`).
"""

from __future__ import annotations

import ast
import re

from workbook.cli import main
from workbook.core.instrument_file import DEFAULT_PATH

ROOT = DEFAULT_PATH.parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"
MODULES = ("workbook/reports/cohort_view.py", "workbook/reports/index.py",
           "workbook/cli/_cohort.py")

#: [words.report] texts changed in the custom file: (old line, new line, new words seen).
CHANGED = [
    ('cohort_title = "Cohort report"', 'cohort_title = "Group picture"', "Group picture"),
    ('overview = "Overview"', 'overview = "At a glance"', "At a glance"),
    ('index_title = "Readiness Workbook reports"', 'index_title = "Our reports"', "Our reports"),
]


def test_no_kit_words_bound_at_import_are_used():
    """No ``wording.UPPER_NAME`` (the kit's words) is read by the cohort report's modules."""
    for relative in MODULES:
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        used = {node.attr for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id == "wording" and node.attr.isupper()}
        # VERDICT_NAMES: the kit's names, replaced by the instrument's (verdict_mix_note)
        assert used <= {"VERDICT_NAMES", "VERDICT_MIX_NOTE"}, (relative, used)
        assert not re.search(r"import (OUTCOME_SPLITS|NOT_SHOWN|INDEX_TITLE)",
                             (ROOT / relative).read_text(encoding="utf-8")), relative


def test_custom_words_reach_the_cohort_report_and_index(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new, _ in CHANGED:
        assert text.count(f"\n{old}\n") == 1, old
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    own = tmp_path / "own.toml"
    own.write_text(text, encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", "cohort", str(SAMPLE), "--instrument", str(own),
                 "--out", str(out)]) == 0
    pages = [p for p in out.rglob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "<h1>Group picture</h1>" in page and "Cohort report" not in page
    assert "<h2>At a glance</h2>" in page and "<h2>Overview</h2>" not in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Our reports</title>" in index
    assert '<p class="eyebrow">Our reports</p>' in index
    assert "Readiness Workbook reports" not in index
    assert ">Group picture<" in index  # the link to the cohort report bears its title


def test_kit_words_without_a_table(tmp_path):
    """The kit's own file: the words as they were."""
    out = tmp_path / "reports"
    assert main(["report", "cohort", str(SAMPLE), "--out", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Readiness Workbook reports</title>" in index
    assert ">Cohort report<" in index
