"""The fast personal report (issue 12) says exactly what the slow one said.

What changed for speed: the profile chart is SVG text instead of a matplotlib PNG, each
forked child gets its participant's rows in memory instead of re-reading a file, and the
workers prepare their shell and skip building jsonschema's IRI grammar. The pages in
``tests/report_text/`` were made by the code before these changes (git 822df2d) from the
bundled sample; every report's text and markup must stay the same, all but the image data.
When a report's words change on purpose, remake them with
``.venv/bin/python tests/test_report_fast.py`` and check the diff.
"""

import base64
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from workbook.core.exceptions import ReportError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.profile_chart import WIDTH, profile_svg
from workbook.reports import participant_report, participant_reports
from workbook.reports.batch import _own_rows
from workbook.reports.inputs import HANDED_OVER, hand_over, load_table
from workbook.reports.participant import select_participant
from workbook.responses.datasets import sample_path

BEFORE = Path(__file__).parent / "report_text"
SVG_URI = "data:image/svg+xml;base64,"


def normalise(page: str) -> str:
    """A page's title and body, image data and the day it was made left out."""
    body = page[page.index("<body>"):page.index("</body>") + 7]
    title = re.search(r"<title>.*?</title>", page, re.S).group(0)
    body = re.sub(r'src="data:image/[^"]*"', 'src="IMAGE"', body)
    body = re.sub(r"report made \d{4}-\d\d-\d\d", "report made DATE", body)
    return title + "\n" + body + "\n"


def test_report_text_is_as_before(tmp_path):
    """Two timepoints, an unscored ingredient, one timepoint, no north star."""
    ids = sorted(p.stem for p in BEFORE.glob("*.html"))
    assert len(ids) == 4
    run = participant_reports(out=tmp_path, participant_ids=ids, jobs=2)
    assert not run.failed, run.failed
    for pid in ids:
        page = (tmp_path / "participants" / f"{pid}.html").read_text(encoding="utf-8")
        assert normalise(page) == (BEFORE / f"{pid}.html").read_text(encoding="utf-8"), pid
        assert page.count(SVG_URI) == 1 and "data:image/png" not in page


def svg_of(page_or_html: str):
    data = re.search(re.escape(SVG_URI) + r'([^"]+)"', page_or_html).group(1)
    return ElementTree.fromstring(base64.b64decode(data).decode("utf-8"))


def local(tag):
    return tag.split("}")[-1]


def test_profile_svg_shows_bands_bars_and_levels():
    svg = ElementTree.fromstring(profile_svg(
        {"hope": 55, "time": 30, "energy": 90, "self_esteem": float("nan"), "ambition": 70}))
    rects = [r for r in svg.iter() if local(r.tag) == "rect"]
    bands = [r for r in rects if r.get("fill-opacity") == "0.13"]
    assert len(bands) == 15  # three level bands behind each of five ingredients
    widths = [float(r.get("width")) for r in bands[:3]]
    full = sum(widths)
    # default thresholds 40 and 70: bands of 40, 30 and 30 points
    assert [round(w / full, 3) for w in widths] == [0.4, 0.3, 0.3]
    bars = [r for r in rects if r.get("stroke")]
    assert len(bars) == 4  # self-esteem is not scored: no bar
    assert [round(float(b.get("width")) / full, 3) for b in bars] == [0.55, 0.3, 0.9, 0.7]
    colours = [b.get("fill") for b in bars]  # a little, not yet, plenty, plenty
    assert colours == ["#56B4E9", "#D55E00", "#009E73", "#009E73"]
    texts = [t.text for t in svg.iter() if local(t.tag) == "text"]
    assert "55 a little" in texts and "30 not yet" in texts and "70 plenty" in texts
    assert "not scored yet: too few answers" in texts
    assert texts[:2] == ["Hope", "55 a little"]
    assert {"0", "20", "40", "60", "80", "100", "score (0-100)"} <= set(texts)
    assert {"not yet", "a little", "plenty"} <= set(texts)  # the legend
    assert svg.get("width") == str(WIDTH)


def test_profile_svg_draws_any_name_as_text(tmp_path):
    name = 'Hope $\\cmd$ <b> & "q" \x01 \ud800'
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'name = "Hope"', 'name = "Hope $\\\\cmd$ <b> & \\"q\\" \\u0001 x"', 1)
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    inst = load_instrument(path)
    svg = ElementTree.fromstring(profile_svg({"hope": 10}, inst))  # well-formed XML
    texts = [t.text for t in svg.iter() if local(t.tag) == "text"]
    assert 'Hope $\\cmd$ <b> & "q" ? x' in texts
    from workbook.core.markup import svg_text

    assert svg_text(name) == 'Hope $\\cmd$ &lt;b&gt; &amp; &quot;q&quot; ? ?'


def test_report_page_keeps_alt_text_and_caption():
    report = participant_report(participant_id="SPR-002")
    html = report.profile().html
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="Bar chart of your '
                     r'scores: Hope \d+; Time \d+;', html)
    assert "<figcaption>" in html
    assert len([r for r in svg_of(html).iter() if local(r.tag) == "rect"]) > 15


def test_rows_handed_over_make_the_same_report_as_the_file():
    inst = load_instrument()
    table = load_table(sample_path(), inst)
    rows = _own_rows(select_participant(table, "SPR-002"))
    assert rows.attrs == {} and table.attrs  # nothing about the file travels with the rows
    assert list(rows.index) == [0, 1]
    hand_over(rows)
    handed = participant_report(HANDED_OVER, "SPR-002", reliable_change={"hope": 9.0})
    from_file = participant_report(sample_path(), "SPR-002", reliable_change={"hope": 9.0})
    for section in ("header", "profile", "verdict", "next_steps", "pacing", "motivation",
                    "change"):
        a, b = getattr(handed, section)(), getattr(from_file, section)()
        assert (a and a.html) == (b and b.html), section
    pd.testing.assert_frame_equal(handed.scores.reset_index(drop=True),
                                  from_file.scores.reset_index(drop=True))
    with pytest.raises(ReportError, match="handed over"):  # taken once, then gone
        participant_report(HANDED_OVER, "SPR-002")


def test_handed_over_rows_must_be_the_participants():
    inst = load_instrument()
    rows = _own_rows(select_participant(load_table(sample_path(), inst), "SPR-002"))
    hand_over(rows)
    with pytest.raises(ReportError, match="SPR-003"):
        participant_report(HANDED_OVER, "SPR-003")


def test_workers_skip_the_iri_grammar_and_iri_checks_still_work():
    code = (
        "import sys\n"
        "from workbook.reports.worker import defer_iri_grammar\n"
        "defer_iri_grammar()\n"
        "import nbformat, jsonschema\n"
        "assert sys.modules['rfc3987_syntax'].__deferred__\n"
        "assert 'lark' not in sys.modules\n"
        "check = jsonschema.FormatChecker()\n"
        "print(check.conforms('http://example.org/a', 'iri'), check.conforms('no iri', 'iri'))\n"
        "print(hasattr(sys.modules['rfc3987_syntax'], '__deferred__'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "False", "False"]  # the real module, on first use


def test_a_personal_report_run_imports_no_matplotlib_in_the_parent(tmp_path):
    code = (
        "import sys\n"
        "from workbook.reports import participant_reports\n"
        f"run = participant_reports(out={str(tmp_path)!r}, participant_ids=['SPR-001'],"
        " jobs=1)\n"
        "assert not run.failed\n"
        "print(sorted(m for m in ('matplotlib', 'nbformat') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_inline_figures_turn_on_when_a_cell_first_imports_matplotlib():
    """Like `%matplotlib inline` before the first cell, but paid only where it is used."""
    code = (
        "import nbformat, papermill\n"
        "from workbook.reports.engine import ENGINE_NAME, register\n"
        "register()\n"
        "v4 = nbformat.v4\n"
        "nb = v4.new_notebook(cells=[\n"
        "    v4.new_code_cell(\"import sys; 'matplotlib' in sys.modules\"),\n"
        "    v4.new_code_cell('from workbook.session.plots import profile_chart\\n'\n"
        "                     \"profile_chart({'hope': 50})\"),\n"
        "    v4.new_code_cell('import matplotlib.pyplot as plt\\nfig, ax = plt.subplots()\\n'\n"
        "                     'display(fig)'),\n"
        "])\n"
        "nb.metadata['kernelspec'] = {'name': 'python3', 'language': 'python',"
        " 'display_name': 'P'}\n"
        "out = papermill.execute_notebook(nb, None, engine_name=ENGINE_NAME,"
        " progress_bar=False)\n"
        "for cell in out.cells:\n"
        "    print([(o.output_type, sorted(o.get('data', {}))) for o in cell.outputs])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "[('execute_result', ['text/plain'])]"  # not imported before
    assert "image/png" in lines[1] and "image/png" in lines[2], lines


def test_personal_report_children_never_import_matplotlib(tmp_path):
    import nbformat

    from workbook.reports.batch import TEMPLATE_DIR

    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys\nfrom IPython.display import HTML\n"
        "HTML(f\"<p id=probe>mpl={'matplotlib' in sys.modules}</p>\")"))
    template = tmp_path / "probe.ipynb"
    nbformat.write(nb, template)
    run = participant_reports(out=tmp_path / "out", participant_ids=["SPR-001"],
                              template=template, jobs=1)
    assert not run.failed, run.failed
    page = (tmp_path / "out" / "participants" / "SPR-001.html").read_text(encoding="utf-8")
    assert "mpl=False" in page


def test_a_report_child_holds_no_one_elses_rows(tmp_path):
    """Every DataFrame alive in a report's process holds its participant's rows alone."""
    import nbformat

    from workbook.reports.batch import TEMPLATE_DIR

    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import gc\nimport pandas as pd\nfrom IPython.display import HTML\n"
        "seen = set()\n"
        "for o in gc.get_objects():\n"
        "    if isinstance(o, pd.DataFrame) and 'participant_id' in o.columns:\n"
        "        seen |= set(o['participant_id'].astype(str))\n"
        "    elif isinstance(o, pd.Series) and o.name == 'participant_id':\n"
        "        seen |= set(o.astype(str))\n"
        "HTML('<p id=probe>' + '|'.join(sorted(seen)).replace('<', '&lt;') + '</p>')"))
    template = tmp_path / "probe.ipynb"
    nbformat.write(nb, template)
    ids = ["SPR-001", "SPR-002", "AUT-007"]
    run = participant_reports(out=tmp_path / "out", participant_ids=ids, template=template,
                              jobs=1)
    assert not run.failed, run.failed
    for pid in ids:
        page = (tmp_path / "out" / "participants" / f"{pid}.html").read_text(encoding="utf-8")
        assert re.search(r"<p id=\"?probe\"?>([^<]*)</p>", page).group(1) == pid, pid


if __name__ == "__main__":  # remake tests/report_text from the code as it is (words changed)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        ids = sorted(p.stem for p in BEFORE.glob("*.html"))
        participant_reports(out=tmp, participant_ids=ids, jobs=2)
        for pid in ids:
            page = (Path(tmp) / "participants" / f"{pid}.html").read_text(encoding="utf-8")
            (BEFORE / f"{pid}.html").write_text(normalise(page), encoding="utf-8")
