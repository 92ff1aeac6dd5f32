"""Every word of the cohort report and the index page is the instrument's (issue 22).

``workbook/reports/cohort_view.py`` and ``workbook/reports/index.py`` held their own words
(column headings, counts, the time names, the index page's headings); they are now
``[words.cohort_report]`` and ``[words.index]`` of the instrument in use, beside
``[words.report]``. A coach's copy that words every one of them otherwise shows only its own
words, in the report and on the index page; a table the copy writes without a key is refused,
naming the table and the key; a copy without the tables has the kit's words.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument, words_table
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.reports.index import index_html

ROOT = DEFAULT_PATH.parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"
MODULES = ("workbook/reports/cohort_view.py", "workbook/reports/index.py")
TABLES = ("cohort_report", "index")

#: Strings of the two modules that hold letters and are not words a reader sees, and why.
NOT_WORDS = {
    " class='num'",  # an HTML attribute
    "&lt;sub&gt;", "&lt;/sub&gt;",  # the escaped subscript tag a heading may hold, restored
    "%Y-%m-%d %H:%M",  # the index page's time, in figures
    # the coach's error messages, as every error of the kit is written (Python's)
    "cannot group by {x}: the data have no such column",
    "{x} is not an index page the kit wrote, and the kit writes its index of the reports "
    "there: nothing was made. Move it away, give another --out, or pass --force to replace it",
    # an earlier kit's index page, recognised by its footer so that it may be replaced
    '<footer class="report-footer">Made with the Readiness Workbook.</footer>',
}
#: A code: a column or key name, a format, a file name or an encoding (no capital, no space).
_CODE = re.compile(r"^[a-z0-9_.{}\-]+$")


def _docstrings(tree) -> set:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                          | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def lettered_strings(source: str) -> set:
    """Every string literal of ``source`` with a letter outside tags, entities and values.

    An f-string is joined, each value written ``{x}``; docstrings are left out.
    """
    tree = ast.parse(source)
    docs = _docstrings(tree)
    inner = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
             for v in node.values}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docs and id(node) not in inner):
            text = node.value
        else:
            continue
        bare = re.sub(r"&[a-z]+;", "", re.sub(r"<[^>]*>", " ", text)).replace("{x}", "")
        if re.search(r"[A-Za-z]", bare):
            found.add(text)
    return found


def words_left(relative: str) -> set:
    return {t for t in lettered_strings((ROOT / relative).read_text(encoding="utf-8"))
            if not _CODE.match(t) and t not in NOT_WORDS}


@pytest.mark.parametrize("module", MODULES)
def test_the_module_holds_no_words_of_its_own(module):
    assert words_left(module) == set()


def test_the_check_finds_a_word():
    source = ('"""Doc."""\nA = "Weakest ingredient"\nB = f"<h2>For the group</h2>"\n'
              'C = "n_both"\nD = f"{x} to {y}"\nE = "&ndash;"\n')
    found = {t for t in lettered_strings(source) if not _CODE.match(t)}
    assert found == {"Weakest ingredient", "<h2>For the group</h2>", "{x} to {x}"}


# -- a coach's copy with every word changed ------------------------------------------------

#: Tables whose every text the custom copy replaces by a marker (so that a kit's word left in
#: a page can only come from the code): the two new tables and those the report also reads.
MARKED = ("words.cohort_report", "words.index", "words.report", "words.validity",
          "words.cohort", "words.verdicts")


def _kit_keys(table: str) -> list:
    parent, _, name = table.rpartition(".")
    kit = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    return list((kit[parent] if parent else kit)[name]) if parent else []


def mark(table: str, key: str) -> str:
    """The copy's word for ``[table] key``: a marker of figures only, so no kit word is in it."""
    keys = sorted(_kit_keys(table)) if table != "session.levels" else sorted(
        ("not_yet", "a_little", "plenty"))
    return f"«{sorted((*MARKED, 'session.levels')).index(table)}-{keys.index(key)}»"


def _marker(table: str, key: str, text: str) -> str:
    fields = re.findall(r"\{([a-z_]+)\}", text)
    return mark(table, key) + "".join(f" {{{f}}}" for f in fields)


def custom_copy(folder: Path) -> Path:
    """The kit's file with every text of :data:`MARKED` (and the level names) a marker."""
    table, out = "", []
    for line in DEFAULT_PATH.read_text(encoding="utf-8").splitlines():
        head = re.match(r"^\[([a-z_.]+)\]\s*$", line)
        if head:
            table = head.group(1)
        pair = re.match(r'^([a-z_]+) = (".*")$', line)
        if pair and pair.group(1) == "lang":
            pass  # [words.report] lang: a language tag marking the page, no word a reader sees
        elif pair and (table in MARKED or (table == "session.levels"
                                         and pair.group(1) in ("not_yet", "a_little",
                                                               "plenty"))):
            text = tomllib.loads(f"x = {pair.group(2)}")["x"]
            line = f"{pair.group(1)} = {json.dumps(_marker(table, pair.group(1), text), ensure_ascii=False)}"  # noqa: E501
        out.append(line)
    path = folder / "own.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


class _Visible(HTMLParser):
    """The text a reader sees (and a screen reader reads: alt texts, the title)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in ("alt", "title", "aria-label") and v]

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.parts)


def kit_pieces(table: str) -> dict:
    """Each kit text of ``[words.<table>]`` -> its literal pieces of three letters or more."""
    out = {}
    for key, text in words_table(None, table).items():
        bare = re.sub(r"<[^>]*>", " ", text)
        pieces = [p.strip(" .,:;()") for p in re.split(r"\{[a-z_]+\}", bare)]
        out[key] = [p for p in pieces if len(re.findall(r"[A-Za-z]", p)) >= 3]
    return out


def kit_words_seen(text: str) -> list:
    """The kit's words of the two tables found in ``text`` (whole words, case kept)."""
    seen = []
    for table in TABLES:
        for key, pieces in kit_pieces(table).items():
            seen += [(table, key, p) for p in pieces
                     if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", text)]
    return seen


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("words7")
    own = custom_copy(folder)
    load_instrument(own)  # the copy is a valid instrument
    out = folder / "reports"
    assert main(["report", "cohort", str(SAMPLE), "--by", "cohort", "--instrument", str(own),
                 "--out", str(out)]) == 0
    assert main(["report", "participants", str(SAMPLE), "--participant", "SPR-002",
                 "--instrument", str(own), "--out", str(out)]) == 0
    return own, out


def test_the_cohort_report_shows_only_the_copys_words(made):
    _, out = made
    page = visible((out / "cohort.html").read_text(encoding="utf-8"))
    assert kit_words_seen(page) == []
    shown = {k for k in _kit_keys("words.cohort_report") if mark("words.cohort_report", k) in page}
    # the headings, counts and notes this data set calls for, each in the copy's words
    assert {"eyebrow", "from_people", "responses_many", "people_many", "timepoints",
            "timepoints_join", "groups_many", "answered", "time_before", "time_after",
            "heading_when", "range", "column_ingredient", "column_n", "column_mean",
            "column_ci", "column_median", "column_verdict", "column_weakest", "column_pairs",
            "column_before_after", "column_change", "column_dz", "column_p",
            "column_up_same_down", "column_people", "column_answered", "column_held_some",
            "column_total_held", "column_ready_before_after", "column_complete",
            "column_alpha", "verdict_mix_alt", "distributions_alt", "bottlenecks_alt",
            "before_after_alt"} <= shown, shown
    # the verdict's own name inside a heading of the copy
    assert (f"{mark('words.cohort_report', 'column_ready_before_after')} "
            f"{mark('words.verdicts', 'ready')}") in page


def test_the_index_shows_only_the_copys_words(made):
    _, out = made
    page = visible((out / "index.html").read_text(encoding="utf-8"))
    assert kit_words_seen(page) == []
    for key in ("heading", "updated", "for_group", "for_each", "personal_one",
                "personal_note", "footer"):
        assert mark("words.index", key) in page, key


def test_the_index_pages_other_words(made, tmp_path):
    own, _ = made
    inst = load_instrument(own)
    (tmp_path / "cohort.html").write_text("x", encoding="utf-8")
    (tmp_path / "cohort.pdf").write_text("x", encoding="utf-8")
    manifest = {"cohort": {"cohort": {"file": "cohort.html", "pdf": "cohort.pdf"}},
                "participants": {"A-1": {"failed": "damaged (row 3)"}}}
    page = visible(index_html(tmp_path, manifest, inst))
    assert mark("words.index", "pdf") in page and mark("words.index", "not_made") in page
    assert kit_words_seen(page) == []
    empty = visible(index_html(tmp_path, {}, inst))
    assert mark("words.index", "no_reports") in empty and kit_words_seen(empty) == []
    # the kit's own words, as they were
    kit = index_html(tmp_path, manifest)
    assert '<span class="small">(<a href="cohort.pdf">PDF</a>)</span>' in kit
    assert '<h2 class="failed">Not made</h2>' in kit
    assert "<p>No reports yet.</p>" in index_html(tmp_path, {})


def test_the_kits_words_are_as_they_were(tmp_path):
    out = tmp_path / "reports"
    assert main(["report", "cohort", str(SAMPLE), "--by", "cohort", "--out", str(out)]) == 0
    page = (out / "cohort.html").read_text(encoding="utf-8")
    for said in ('<p class="eyebrow">Readiness Workbook</p>',
                 "231 responses from 124 people · timepoints: pre, post · 3 groups · "
                 "answered 2026-03-04 to 2026-10-28 · report made ",
                 '<th>Ingredient</th><th class="num">n</th><th class="num">Mean</th>'
                 '<th class="num">95% CI</th><th class="num">Median</th>',
                 '<th class="num">Before → after</th><th class="num">Change (95% CI)</th>'
                 '<th class="num">d<sub>z</sub></th><th class="num">p (t, Wilcoxon)</th>'
                 '<th class="num">Up / same / down</th>',
                 "<h3>before (pre)</h3>", "<th>Weakest ingredient</th>",
                 '<th class="num">Ready before → after</th>',
                 '<th class="num">Complete answers</th><th class="num">Alpha</th>'
                 '<th class="num">95% CI</th>', '<td class="num">0.77 to 0.88</td>'):
        assert said in page, said
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Reports</h1>" in index and "<h2>For the group</h2>" in index
    assert '<footer class="report-footer">Made with the Readiness Workbook.</footer>' in index


# -- the load: a table written must be whole ----------------------------------------------

@pytest.mark.parametrize("table,key", [("cohort_report", "column_weakest"),
                                       ("index", "not_made")])
def test_a_table_written_without_a_key_is_refused(tmp_path, table, key):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    line = re.search(rf"(?m)^{key} = .*\n", text[text.index(f"[words.{table}]"):]).group(0)
    assert text.count(line) == 1
    path = tmp_path / "own.toml"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    with pytest.raises(InstrumentError, match=rf"own\.toml: words\.{table}\.{key}: is missing"):
        load_instrument(path)


def test_an_unknown_placeholder_is_refused(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    old = 'column_weakest = "Weakest ingredient"'
    assert text.count(old) == 1
    path = tmp_path / "own.toml"
    path.write_text(text.replace(old, 'column_weakest = "Weakest {thing}"'), encoding="utf-8")
    with pytest.raises(InstrumentError,
                       match=r"words\.cohort_report\.column_weakest: the kit fills in no "
                             r"\{thing\}"):
        load_instrument(path)


def test_a_copy_without_the_tables_has_the_kits_words(tmp_path):
    """An instrument copied before the tables existed loads, with the kit's words."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for table in TABLES:
        start = text.index(f"\n[words.{table}]")
        end = text.index("\n[", start + 2)
        comment = text.rindex("\n\n", 0, start)
        text = text[:comment + 1] + text[end:]
        assert f"[words.{table}]" not in text
    path = tmp_path / "older.toml"
    path.write_text(text, encoding="utf-8")
    inst = load_instrument(path)
    assert words_table(inst, "cohort_report") == words_table(None, "cohort_report")
    assert words_table(inst, "index")["heading"] == "Reports"
