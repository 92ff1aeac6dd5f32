"""The cohort figures' and printed overview's words come from the instrument (issue 22).

``[words.cohort]`` of workbook/instrument.toml holds them; a coach's file may change them.
"""

import ast
import re
from pathlib import Path

from workbook.cli import main
from workbook.cohort.plots import cohort_figures
from workbook.cohort.words import cohort_words
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.scoring import score
from workbook.responses.datasets import load_sample, sample_path

ROOT = DEFAULT_PATH.parents[1]
MOVED = ("workbook/session/plots.py", "workbook/cohort/plots.py", "workbook/cli/_cohort.py",
         "workbook/cohort/words.py")
#: Strings these modules keep on purpose, with why.
NOT_WORDS = {
    "upper center", "upper left", "outside lower center",  # matplotlib legend positions
    "module {x} has no attribute {x}",  # Python's own AttributeError, for a programmer
    r"Glyph \d+ .*missing from font", "missing from font",  # matplotlib's warning, matched
    "workbook: warning: {x}",  # the program's prefix of every warning it prints
    "--min-group must be 1 or more, not {x}",  # an option's error (the task: the overview)
}


def _human_strings(relative: str) -> set:
    """Strings of >= 3 letters and a space (an f-string joined, its values as {x}),
    docstrings left out."""
    tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}
    inner = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
             for part in node.values}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value if isinstance(part, ast.Constant) else "{x}"
                           for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docs and id(node) not in inner:
            text = node.value
        else:
            continue
        bare = text.replace("{x}", "")
        if len(re.findall(r"[A-Za-z]", bare)) >= 3 and " " in bare.strip():
            found.add(text)
    return found


def test_the_modules_hold_no_words_of_their_own():
    for relative in MOVED:
        assert _human_strings(relative) - NOT_WORDS == set(), relative


def test_the_checker_finds_a_sentence():
    source = ROOT / "workbook" / "cohort" / "words.py"
    assert "share of responses" not in source.read_text(encoding="utf-8")
    assert _human_strings("workbook/cohort/plots.py") <= NOT_WORDS
    assert "upper left" in _human_strings("workbook/cohort/plots.py")  # the checker sees strings


def test_the_kits_words_are_todays():
    words = cohort_words()
    assert words["verdict_axis"] == "share of responses (%)"
    assert words["cli_no_responses"] == "No responses to score: no mean score or verdict to show."
    assert words["figure_left_out"].format(groups="2 more groups", largest=6) == \
        "2 more groups left out: the 6 largest are drawn; every group is in the tables"


def _custom(tmp_path: Path) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in [('verdict_axis = "share of responses (%)"',
                      'verdict_axis = "Anteil der Antworten (%)"'),
                     ('cli_mean_heading = "{group}: mean score (n)"',
                      'cli_mean_heading = "{group}: Mittelwert (n)"'),
                     ('cli_too_few_pairs = "too few pairs"',
                      'cli_too_few_pairs = "zu wenige Paare"'),
                     ('cli_check = "check: {flag}"', 'cli_check = "siehe: {flag}"'),
                     ('cli_prepost_heading = "before -> after (paired): mean change [95% CI], d_z, '
                      'p (t); improved/no reliable change/declined"',
                      'cli_prepost_heading = "vorher -> nachher (gepaart)"')]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_coachs_words_reach_the_figures(tmp_path):
    inst = load_instrument(_custom(tmp_path))
    data = load_sample()
    figures = cohort_figures(data, score(data, inst), "cohort", instrument=inst)
    labels = [ax.get_xlabel() for ax in figures["verdicts"].axes]
    assert "Anteil der Antworten (%)" in labels
    kit = cohort_figures(data, score(data), "cohort")
    assert "share of responses (%)" in [ax.get_xlabel() for ax in kit["verdicts"].axes]


def test_a_coachs_words_reach_the_printed_overview(tmp_path, capsys):
    path = _custom(tmp_path)
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "out"), "--by", "cohort",
                 "--instrument", str(path)]) == 0
    out = capsys.readouterr().out
    assert ": Mittelwert (n)" in out and "mean score (n)" not in out
    assert "\nvorher -> nachher (gepaart)\n" in out and "(paired)" not in out


def test_a_file_without_the_table_gets_the_kits_words(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("\n[words.cohort]")
    end = text.find("\n[", start + 2)
    path = tmp_path / "old.toml"
    path.write_text(text[:start] + ("" if end < 0 else text[end:]), encoding="utf-8")
    inst = load_instrument(path)
    assert cohort_words(inst)["score_axis"] == "score (0-100)"
