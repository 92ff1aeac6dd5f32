"""The check against what people then do says its words from the instrument (issue 22).

Every word of :mod:`workbook.cohort.validity`, :mod:`workbook.cohort.validity_plots` and ``workbook
validity``'s summary is a text of ``[words.validity]``: a coach's file that words them
otherwise is what the report, the figure and the summary say; a file without the table says
the kit's words.
"""

from __future__ import annotations

import ast
import html
import re
import sys
from pathlib import Path

import pandas as pd

from workbook.cli import main
from workbook.cohort.validity import KIT_WORDS, validity, words
from workbook.cohort.validity_plots import roc_alt, roc_chart
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.reports.cohort_view import cohort_view

sys.path.insert(0, str(Path(__file__).parent))
from test_app_words import _module_texts  # noqa: E402
from test_validity import simulated, write  # noqa: E402

MODULES = ("workbook/cohort/validity.py", "workbook/cohort/validity_plots.py",
           "workbook/cli/validity.py")
#: Strings of words these modules keep, and why: none of them is a text of the check's output.
KEPT = {
    # the instrument file itself cannot be read: its words cannot come from it
    "instrument file {x} cannot be read: {x}",
    # a matplotlib legend place, not a word anyone reads
    "lower right",
    # the command line's own help and its refusals before anything is read: shown by
    # `workbook --help` (which must not read the instrument, tests/test_startup.py)
    "--min-group must be 1 or more, not {x}",
    "cannot write to {x}: {x}",
    "check readiness against what people then do: does it predict holding a conversation?",
    "folder for tables and figure",
    "leave out the rows that have problems instead of refusing the file",
    "an instrument file (default: the kit's own)",
    "at least K people on each side of the outcome (default {x})",
    "mapping file: columns 'column,item_id' naming what columns hold",
    "responses with conversations_held: the kit's table, a workspace export, or a "
    "Qualtrics, Google Forms or Microsoft Forms export",
    "with pre and post answers, read the post readiness against the post conversations: "
    "whether the two go together, not a prediction (default: the pre readiness)",
    "For a file with a conversations_held column (a workshop's after-survey, or `workbook "
    "export-clients`), ask whether readiness predicts going on to talk to anyone (one or more "
    "conversations held): per ingredient and for the verdict, the area under the ROC curve, "
    "the sensitivity and specificity at today's cut-offs, odds ratios, and the cut-off that "
    "would have separated best (provisional). Writes CSV tables and the ROC figure into "
    "--out. Nothing is shown unless at least --min-group people held a conversation and as "
    "many held none.",
}


def _docstrings(relative: str) -> set:
    tree = ast.parse((DEFAULT_PATH.parents[1] / relative).read_text(encoding="utf-8"))
    docs = {ast.get_docstring(node, clean=False) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))}
    return {" ".join(html.unescape(re.sub(r"<[^>]*>", " ", d)).split()) for d in docs if d}


def test_the_modules_hold_no_words_of_their_own():
    for module in MODULES:
        left = {t for t in _module_texts(module) - _docstrings(module) if " " in t}
        # an f-string split by a value is also read in its pieces: take those of KEPT out too
        pieces = {p.strip() for k in KEPT for p in k.split("{x}")}
        assert left - KEPT - pieces == set(), module


def _own(tmp_path) -> Path:
    kit = DEFAULT_PATH.read_text(encoding="utf-8")
    changes = {
        'heading = "How well the cut-offs predict"': 'heading = "Does the line foretell?"',
        'figure_title = "How well each score tells apart who went on to talk"':
            'figure_title = "Curves of foretelling"',
        'summary_title = "Does readiness predict going on to talk to someone?"':
            'summary_title = "Foretold or not?"',
        'alt_intro = "ROC curves:': 'alt_intro = "Foretelling curves:',
        'names_and = "{names} and {name}"': 'names_and = "{names} plus {name}"',
    }
    for old, new in changes.items():
        assert kit.count(old) == 1, old
        kit = kit.replace(old, new)
    own = tmp_path / "own.toml"
    own.write_text(kit, encoding="utf-8")
    return own


def test_a_coachs_words_are_said_in_the_report_the_figure_and_the_summary(tmp_path, capsys):
    own = _own(tmp_path)
    data = simulated(n=120)
    path = write(data, tmp_path / "after.csv")
    assert main(["validity", path, "--out", str(tmp_path / "o"), "--instrument", str(own)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Foretold or not?\n")
    assert "Does readiness predict" not in said

    section = cohort_view(path, instrument=own).validity().html
    assert "<h2>Does the line foretell?</h2>" in section
    assert KIT_WORDS["heading"] not in section
    assert 'alt="Foretelling curves:' in section

    result = validity(data, instrument=load_instrument(own))
    assert roc_chart(result, own).axes[0].get_title() == "Curves of foretelling"
    assert roc_alt(result, own).startswith("Foretelling curves: for each score")
    # the last two names of a list joined with the coach's word
    assert result.words["names_and"] == "{names} plus {name}"
    from workbook.cohort.validity import _listed

    assert _listed(["Time", "Energy", "Ambition"], result.words["names_and"]) == \
        "Time, Energy plus Ambition"


def test_a_file_without_the_table_says_the_kits_words(tmp_path):
    kit = DEFAULT_PATH.read_text(encoding="utf-8")
    start = kit.index("[words.validity]")
    end = kit.find("\n[", start + 1)
    older = tmp_path / "older.toml"
    older.write_text(kit[:start] + (kit[end + 1:] if end != -1 else ""), encoding="utf-8")
    inst = load_instrument(older)
    assert words(inst) == KIT_WORDS
    result = validity(simulated(n=60), instrument=inst)
    assert result.methods.startswith("AUC: area under the ROC curve, 95% CI by DeLong's")
    assert isinstance(result.table, pd.DataFrame)
