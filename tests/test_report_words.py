"""The reports' own words come from the instrument's ``[words.report]`` (issue 22).

Every heading, sentence, table header, note and footer of the personal report (and the
cohort report's words kept in :mod:`workbook.reports.wording`) is the instrument's: a coach's
own file may reword them, and a file without the table gets the kit's words.
"""

from __future__ import annotations

import ast
import re
import string
import sys
from pathlib import Path

import pytest

from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.lists import join_names
from workbook.core.profile_chart import profile_alt, profile_svg
from workbook.reports import participant_report, wording
from workbook.reports.participant import footer_line

sys.path.insert(0, str(Path(__file__).parent))
from test_app_words import NOT_YET_MOVED  # noqa: E402

ROOT = DEFAULT_PATH.parents[1]
MODULES = ("workbook/reports/wording.py", "workbook/reports/participant.py",
           "workbook/core/profile_chart.py")

#: Strings of these modules that are not words a reader of a report sees, and why.
NOT_WORDS = {
    # CSS classes and HTML/SVG attributes (markup, not words)
    'class="card', 'class="card verdict', 'class="level', 'class="level none"',
    'x="{x}" text-anchor="end" fill="#ffffff"', 'x="{x}" text-anchor="start"',
    'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="',
    # a Section's repr, for the programmer
    "<report section:",
    # the coach's error messages (ReportError), as every error of the kit is written
    "give a participant_id (a client of the workspace)",
    "give the participant_id of the rows handed over",
    "participant {x} is not in {x}; ids are matched exactly, as text (check spaces and "
    "leading zeros)",
    "{x} has no {x} column", "the bundled sample", "the data", "the rows given", "workspace {x}",
}


def _docstrings(tree) -> set:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def human_strings(relative: str) -> set:
    """A module's string literals with three letters or more and a space (docstrings left out).

    An f-string's values are ``{x}``; placeholders are left out of the letters counted.
    """
    tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
    docs, texts = _docstrings(tree), set()
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            texts.add("".join(p.value if isinstance(p, ast.Constant) else "{x}"
                              for p in node.values))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docs and id(node) not in inner):
            texts.add(node.value)
    out = set()
    for text in texts:
        bare = re.sub(r"\{[^{}]*\}", "", re.sub(r"<[^>]*>", " ", text))
        if " " in text.strip() and len(re.findall(r"[A-Za-z]", bare)) >= 3:
            out.add(re.sub(r"^[\s'\"<>/=]+|[\s'\"<>/=]+$", "", text.strip()).strip()
                    if text.strip().startswith(("'", '"')) else text.strip())
    return out


@pytest.mark.parametrize("module", MODULES)
def test_the_module_holds_no_words_of_its_own(module):
    left = {t for t in human_strings(module)
            if not any(t == n or t.strip('" <>') == n.strip('" <>') for n in NOT_WORDS)}
    assert left == set()


def test_the_check_finds_a_word(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "m.py").write_text('"""Doc string here."""\nX = "Your pace"\n'
                                   'Y = f"<h2>{x} min</h2>"\nZ = "a_b"\n', encoding="utf-8")
    assert human_strings("m.py") == {"Your pace", "<h2>{x} min</h2>"}


def test_the_modules_left_the_not_yet_moved_list():
    assert not set(MODULES) & set(NOT_YET_MOVED)


def _own(tmp_path, changes, drop_table=False) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if drop_table:
        text = re.sub(r"\n\[words\.report\]\n(?:[^\[].*\n|\n)*", "\n", text + "\n")
        assert "\n[words.report]\n" not in text
    own = tmp_path / "own.toml"
    own.write_text(text, encoding="utf-8")
    return own


CHANGES = [('participant_title = "Your readiness profile"',
            'participant_title = "My readiness picture"'),
           ('column_score = "Score"', 'column_score = "Points"'),
           ('when_before = "before the workshop"', 'when_before = "before the day"'),
           ('pace_min = "{minutes} min"', 'pace_min = "{minutes} minutes"'),
           ('footer_participant = "Made with the Readiness Workbook. This report is for {who} '
            "alone; it holds no one else's answers.\"",
            'footer_participant = "For {who} only."'),
           ('chart_axis = "score (0-100)"', 'chart_axis = "points out of 100"'),
           ('profile_alt = "Bar chart of your scores: {scores}"',
            'profile_alt = "Your scores: {scores}"')]


def _page(report) -> str:
    change = report.change()
    return (report.title + report.header().html + report.profile().html
            + (change.html if change else "") + report.pacing().html + report.footer())


def test_an_own_instruments_words_show_in_the_report(tmp_path):
    own = _own(tmp_path, CHANGES)
    page = _page(participant_report(participant_id="SPR-002", instrument=own))
    kit = _page(participant_report(participant_id="SPR-002"))
    for old, new in [("Your readiness profile", "My readiness picture"),
                     ("<th class='num'>Score</th>", "<th class='num'>Points</th>"),
                     ("before the workshop", "before the day"),
                     (" min</td>", " minutes</td>"),
                     ("Made with the Readiness Workbook", "For SPR-002 only.")]:
        assert old in kit and new not in kit, old
        assert new in page and old not in page, new
    inst = load_instrument(own)
    assert "points out of 100" in profile_svg({"hope": 50}, inst)
    assert "score (0-100)" not in profile_svg({"hope": 50}, inst)
    assert profile_alt({i.id: 50 for i in inst.ingredients}, inst).startswith("Your scores: ")
    assert footer_line("Ann", ["2.1"], inst).startswith("For Ann only. Scored with ")


def test_a_file_without_the_table_gets_the_kits_words(tmp_path):
    own = _own(tmp_path, [], drop_table=True)
    inst = load_instrument(own)
    assert wording.words(inst) == wording.words()
    assert footer_line("Ann", ["2.0", "2.0;2.1"], inst).endswith(
        "Answered on Five ingredients for informational interviewing, versions 2.0 and 2.1; "
        "scored as asked, with version 2.1.")


def test_the_kits_words_are_the_names_kept_for_the_cohort_report():
    said = wording.words()
    assert wording.COHORT_TITLE == said["cohort_title"] == "Cohort report"
    assert wording.CHANGE_WORDS == {2: "a clear rise", 1: "a rise, not yet clear",
                                    0: "about the same", -1: "a drop, not yet clear",
                                    -2: "a clear drop"}
    assert wording.OUTCOME_SPLITS["held_none"] == "Held none yet"
    assert wording.VERDICT_MIX_NOTE.startswith(wording.VERDICT_NAMES["ready"] + ": a little")
    assert join_names(["hope", "time", "energy"]) == "hope, time and energy"
    assert set(string.Formatter().parse(said["too_few"])) and "{k}" in said["too_few"]
