"""Reports: what leaves the room must be finished, correct, escaped, and one person's alone."""

import base64
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pandas as pd
import papermill
import pytest

from workbook import load_responses, score
from workbook.cohort.analysis import summarize
from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import load_instrument
from workbook.reports import (
    cohort_report,
    file_names,
    find_chromium,
    participant_report,
    participant_reports,
)
from workbook.reports.batch import TEMPLATE_DIR
from workbook.responses.datasets import sample_path

INST = load_instrument()
SECRET = {  # participant id -> north star; each is a secret the others must never see
    "P1": "north-star-of-P1 <script>alert(1)</script>",
    "../../etc/passwd": "north-star-of-passwd <img src=x onerror=alert(1)>",
    "<script>alert('id')</script>": "north-star-of-script \" & ' <b>bold</b>",
    "a/b": "north-star-of-a-slash-b",
    "a_b": "north-star-of-a-underscore-b",
    "Zoë": "north-star-of-Zoe",
}
NOTES = "<iframe src=https://evil.example></iframe> note"


def hostile_rows():
    rows = []
    for n, (pid, star) in enumerate(SECRET.items()):
        for t, timepoint in enumerate(("pre", "post") if pid == "P1" else ("pre",)):
            value = 1 + (n + t) % 5
            row = {"participant_id": pid, "cohort": "<b>group</b>", "timepoint": timepoint,
                   "date": f"2026-0{1 + t}-01", **{i: value for i in INST.item_ids},
                   "hours_per_week": 3, "motivators": "meaning;freedom",
                   "north_star": star, "notes": NOTES}
            rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "hostile.csv"
    hostile_rows().to_csv(data, index=False)
    out = root / "out"
    people = participant_reports(data, out, jobs=2)
    group = cohort_report(data, out, min_group=1)
    return root, data, out, people, group


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    p = _Tags()
    p.feed(page)
    return p.tags, "".join(p.text)


def assert_safe_page(page):
    tags, _ = parse(page)
    names = {t for t, _ in tags}
    assert not names & {"script", "iframe", "object", "embed", "link", "base", "form"}, names
    for tag, attrs in tags:
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        if tag == "img":
            src = attrs["src"]
            assert src.startswith(("data:image/png;base64,", SVG_URI)), src[:40]
            if src.startswith(SVG_URI):
                assert_safe_svg(base64.b64decode(src[len(SVG_URI):]).decode("utf-8"))
    # No outside requests: no http(s) anywhere except inside escaped participant text.
    for url in re.findall(r"https?://[^\s\"'<>]+", page):
        assert "evil.example" in url, url  # only the hostile note, shown as text
    for tag, attrs in tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, attrs)
    assert "Content-Security-Policy" in page


SVG_URI = "data:image/svg+xml;base64,"


def assert_safe_svg(svg):
    """Well-formed, and nothing in it that could run or load: only shapes and text."""
    root = ElementTree.fromstring(svg)
    allowed = {"svg", "rect", "line", "text"}
    for element in root.iter():
        assert element.tag.split("}")[-1] in allowed, element.tag
        assert not any(a.split("}")[-1].startswith("on") or a.split("}")[-1] == "href"
                       for a in element.attrib), element.attrib


def reports_of(out):
    return {p.name: p.read_text(encoding="utf-8") for p in (out / "participants").glob("*.html")}


def test_every_report_made_and_nothing_outside_out(hostile):
    root, data, out, people, group = hostile
    assert not people.failed and not group.failed
    assert len(people.made) == len(SECRET)
    written = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    assert all(p == Path(data.name) or p.parts[0] == "out" for p in written), written
    names = {p.name for p in (out / "participants").iterdir()}
    assert "etc_passwd.html" in names
    assert len(names) == len(SECRET)  # a/b and a_b do not overwrite each other
    assert not list(out.glob(".work-*"))  # the per-participant inputs are gone


def test_a_carriage_return_in_a_text_cell_shows_escaped(tmp_path):
    """A lone CR inside north_star (quoted in the file) must not split the report's rows."""
    import csv

    table = hostile_rows()
    table = table[table["participant_id"].isin(["P1", "a_b"])].copy()
    star = "first part\rsecond <b>part</b>\r=1+1"
    table.loc[table["participant_id"] == "P1", "north_star"] = star
    table.loc[table["participant_id"] == "a_b", "cohort"] = "spring\rgroup"
    data = tmp_path / "cr.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)  # quotes a field holding a lone CR
        writer.writerow(table.columns)
        writer.writerows(table.astype(str).to_numpy().tolist())
    run = participant_reports(data, tmp_path / "out", jobs=1)
    assert [o.status for o in run.outcomes] == ["made", "made"], run.failed
    page = (tmp_path / "out" / "participants" / "P1.html").read_bytes().decode("utf-8")
    assert "first part\rsecond &lt;b&gt;part&lt;/b&gt;\r=1+1" in page
    assert "north-star-of-a-underscore-b" not in page
    other = (tmp_path / "out" / "participants" / "a_b.html").read_bytes().decode("utf-8")
    assert "spring\rgroup" in other and "first part" not in other


def test_an_ingredient_name_with_dollar_signs_is_drawn_as_plain_text(tmp_path):
    """matplotlib would read '$\\cmd$' as a formula and fail every report (issue 10.10)."""
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'name = "Hope"', 'name = "Hope $\\\\cmd$ <b>"', 1)
    path = tmp_path / "dollar.toml"
    path.write_text(text, encoding="utf-8")
    assert load_instrument(path).ingredient("hope").name == "Hope $\\cmd$ <b>"
    run = participant_reports(out=tmp_path / "out", participant_ids=["SPR-001"],
                              instrument=path, jobs=1)
    assert not run.failed, run.failed[0].reason
    page = (tmp_path / "out" / "participants" / "SPR-001.html").read_text(encoding="utf-8")
    assert "Hope $\\cmd$ &lt;b&gt;" in page
    assert_safe_page(page)


def test_colliding_safe_names_get_distinct_files():
    names = file_names(["a/b", "a_b", "A_B", "c"])
    assert len(set(names.values())) == 4 and names["c"] == "c"
    assert len({v.lower() for v in names.values()}) == 4


def test_participant_text_is_escaped_and_pages_are_safe(hostile):
    _, _, out, _, _ = hostile
    pages = reports_of(out)
    pages["cohort.html"] = (out / "cohort.html").read_text()
    pages["index.html"] = (out / "index.html").read_text()
    for page in pages.values():
        assert_safe_page(page)
    p1 = pages["P1.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in p1
    assert "evil.example" not in p1  # the facilitator's notes are not in personal reports
    _, text = parse(pages["etc_passwd.html"])
    assert "<img src=x onerror=alert(1)>" in text  # shown as text, not as a tag
    _, text = parse(pages[file_names(SECRET)["<script>alert('id')</script>"] + ".html"])
    assert "<script>alert('id')</script>" in text and "<b>bold</b>" in text


def test_each_report_holds_its_participant_alone(hostile):
    _, _, out, _, _ = hostile
    names = file_names(SECRET)
    for pid, star in SECRET.items():
        page = (out / "participants" / f"{names[pid]}.html").read_text()
        _, text = parse(page)
        assert star in text
        for other, other_star in SECRET.items():
            if other != pid:
                marker = other_star.split()[0]
                assert marker not in page, (pid, other)
                assert other not in text, (pid, other)


def test_cohort_report_holds_no_ids_names_or_text(hostile):
    _, _, out, _, _ = hostile
    page = (out / "cohort.html").read_text()
    _, text = parse(page)
    for pid, star in SECRET.items():
        assert star.split()[0] not in page
        assert pid not in text, pid
    assert "evil.example" not in page and "north-star" not in page
    assert "passwd" not in page


def test_facilitator_notes_stay_out_of_personal_reports(tmp_path):
    rows = hostile_rows()
    rows["notes"] = "FACILITATOR-ONLY"
    data = tmp_path / "notes.csv"
    rows.to_csv(data, index=False)
    report = participant_report(data, "P1")
    sections = [report.header(), report.profile(), report.verdict(), report.next_steps(),
                report.pacing(), report.motivation(), report.change(), report.notes()]
    shown = "".join(s.html for s in sections if s is not None)
    assert SECRET["P1"].split()[0] in shown  # the north star stays
    assert "FACILITATOR-ONLY" not in shown and "Notes" not in shown
    assert "notes" not in report.rows.columns
    out = tmp_path / "out"
    run = participant_reports(data, out, participant_ids=["P1"], jobs=1)
    assert not run.failed, run.failed
    page = (out / "participants" / "P1.html").read_text()
    assert "FACILITATOR-ONLY" not in page and "north-star-of-P1" in page


def test_participant_numbers_match_scoring(hostile):
    _, data, out, _, _ = hostile
    rows = load_responses(data)
    expected = score(rows[rows["participant_id"] == "P1"])
    page = (out / "participants" / "P1.html").read_text()
    latest, first = expected.iloc[-1], expected.iloc[0]
    for ing in INST.ingredients:
        assert f"<td class=\"num\">{latest[ing.id]:.0f}</td>" in page.replace("'", '"')
        change = latest[ing.id] - first[ing.id]
        assert f"{change:+.0f}".replace("-", "&minus;") in page


def test_pages_embed_images_and_show_no_code(hostile):
    _, _, out, _, _ = hostile
    page = (out / "participants" / "P1.html").read_text()
    assert page.count(SVG_URI) == 1  # the profile chart, drawn as SVG
    assert "participant_report(" not in page and "In [" not in page and "import " not in page
    assert "<title>Your readiness profile: P1</title>" in page


def test_rerun_skips_unchanged_and_force_remakes(hostile, tmp_path):
    _, data, out, _, _ = hostile
    again = participant_reports(data, out, jobs=2)
    assert len(again.skipped) == len(SECRET) and not again.made
    table = hostile_rows()
    table.loc[table["participant_id"] == "Zoë", "north_star"] = "changed"
    changed = tmp_path / "changed.csv"
    table.to_csv(changed, index=False)
    third = participant_reports(changed, out, jobs=2)
    assert [o.key for o in third.made] == ["Zoë"]
    forced = participant_reports(changed, out, participant_ids=["P1"], force=True, jobs=1)
    assert [o.status for o in forced.outcomes] == ["made"]


def test_changed_reflection_or_exercise_remakes_a_workspace_report(tmp_path):
    """The digest covers the client's whole record, not only the scored rows (issue 10.9)."""
    from workbook.session.store import ClientStore

    store = ClientStore(tmp_path / "ws")
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in INST.ingredients}
    answers["hope"]["reflections"] = ["first thought"]
    answers["hope"]["share"] = ["reflection-1"]  # chosen for the report (private otherwise)
    answers["energy"]["tool"] = {"drains": "long meetings"}
    store.save("Ann", answers, session="2026-01-05")
    out = tmp_path / "out"

    def run():
        return [o.status for o in participant_reports(workspace=tmp_path / "ws", out=out,
                                                      jobs=1).outcomes]

    assert run() == ["made"]
    assert run() == ["skipped"]
    store.save("Ann", {"hope": {**answers["hope"], "reflections": ["second thought"]}},
               session="2026-01-05")
    assert run() == ["made"]
    assert "second thought" in (out / "participants" / "Ann.html").read_text()
    store.save("Ann", {"energy": {**answers["energy"], "tool": {"drains": "noise"}}},
               session="2026-01-05")
    assert run() == ["made"]
    assert run() == ["skipped"]


def test_people_no_longer_in_the_data_leave_the_index(tmp_path):
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    first = tmp_path / "first.csv"
    table[table["participant_id"].isin(["SPR-001", "SPR-002"])].to_csv(first, index=False)
    out = tmp_path / "out"
    assert not participant_reports(first, out, jobs=2).failed
    assert 'href="participants/SPR-002.html"' in (out / "index.html").read_text()
    second = tmp_path / "second.csv"
    table[table["participant_id"] == "SPR-001"].to_csv(second, index=False)
    run = participant_reports(second, out, jobs=1)
    assert [o.status for o in run.outcomes] == ["skipped"] and run.stale == ["SPR-002"]
    index = (out / "index.html").read_text()
    assert "SPR-002" not in index and 'href="participants/SPR-001.html"' in index
    assert "1 personal report." in index
    assert not (out / "participants" / "SPR-002.html").exists()
    assert (out / "stale" / "SPR-002.html").is_file()
    assert "SPR-002" not in (out / ".workbook-reports.json").read_text()


def _with_a_repeat(tmp_path):
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    repeat = table[table["participant_id"] == "SPR-005"].head(1)
    path = tmp_path / "repeat.csv"
    pd.concat([table, repeat]).to_csv(path, index=False)
    return path


def test_a_repeat_elsewhere_does_not_hold_up_someone_elses_report(tmp_path):
    path = _with_a_repeat(tmp_path)
    run = participant_reports(path, tmp_path / "out", participant_ids=["SPR-002"], jobs=1)
    assert [o.status for o in run.outcomes] == ["made"]
    with pytest.raises(InvalidDataError, match="SPR-005"):  # the person involved: refused
        participant_reports(path, tmp_path / "out2", participant_ids=["SPR-005"], jobs=1)
    run = participant_reports(path, tmp_path / "out3", participant_ids=["SPR-005"], jobs=1,
                              keep="last")
    assert [o.status for o in run.outcomes] == ["made"]


def test_the_cohort_report_reads_the_file_as_told(tmp_path):
    path = _with_a_repeat(tmp_path)
    with pytest.raises(InvalidDataError):
        cohort_report(path, tmp_path / "out")
    run = cohort_report(path, tmp_path / "out", keep="first")
    assert not run.failed and (tmp_path / "out" / "cohort.html").is_file()
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    day, month, year = (table["date"].str.split("-").str[i] for i in (2, 1, 0))
    table["date"] = day + "/" + month + "/" + year  # 04/03/2026: ambiguous without --dates
    dmy = tmp_path / "dmy.csv"
    table.to_csv(dmy, index=False)
    with pytest.raises(InvalidDataError, match="--dates dmy"):
        cohort_report(dmy, tmp_path / "dmy")
    run = cohort_report(dmy, tmp_path / "dmy", dates="dmy")
    assert not run.failed
    assert "2026-03-04" in (tmp_path / "dmy" / "cohort.html").read_text()


def test_an_id_that_never_had_a_report_is_not_said_to_be_moved(tmp_path):
    out = tmp_path / "out"
    run = participant_reports(sample_path(), out, participant_ids=["SPR-999"], jobs=1)
    assert [o.key for o in run.failed] == ["SPR-999"]  # not in the data: no report made
    run = participant_reports(sample_path(), out, participant_ids=["SPR-003"], jobs=1)
    assert run.stale == [] and not (out / "stale").exists()
    assert "SPR-999" not in (out / "index.html").read_text()


def test_one_failure_does_not_stop_the_rest(tmp_path):
    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "if participant_id == 'SPR-002':\n    raise ValueError('broken on purpose')"))
    template = tmp_path / "broken.ipynb"
    nbformat.write(nb, template)
    run = participant_reports(out=tmp_path / "out", participant_ids=["SPR-001", "SPR-002",
                              "SPR-003"], template=template, jobs=2)
    assert [o.status for o in run.outcomes] == ["made", "failed", "made"]
    assert "broken on purpose" in run.failed[0].reason  # the full reason, for the coach
    index = (tmp_path / "out" / "index.html").read_text()
    assert "SPR-002" in index and "could not be made" in index
    assert "broken on purpose" not in index  # an error message may quote someone's answers
    assert "broken on purpose" not in (tmp_path / "out" / ".workbook-reports.json").read_text()


def test_index_never_quotes_participant_text_from_a_failure(tmp_path):
    """The error of a failed report quotes the north star; the index page must not."""
    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "raise ValueError(f'cannot show {report.latest_row[\"north_star\"]!r}')"))
    template = tmp_path / "quoting.ipynb"
    nbformat.write(nb, template)
    table = hostile_rows()
    data = tmp_path / "data.csv"
    table.to_csv(data, index=False)
    run = participant_reports(data, tmp_path / "out", participant_ids=["P1"],
                              template=template, jobs=1)
    assert "north-star-of-P1" in run.failed[0].reason
    index = (tmp_path / "out" / "index.html").read_text()
    assert "north-star-of-P1" not in index and "alert" not in index


def test_a_worker_that_dies_fails_its_report_only(tmp_path):
    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "import os, signal\n"
        "if participant_id == 'SPR-002':\n    os.kill(os.getppid(), signal.SIGKILL)"))
    template = tmp_path / "killer.ipynb"
    nbformat.write(nb, template)
    run = participant_reports(out=tmp_path / "out", participant_ids=["SPR-001", "SPR-002",
                              "SPR-003"], template=template, jobs=1)
    assert [o.status for o in run.outcomes] == ["made", "failed", "made"]
    assert run.failed[0].reason.startswith("the worker stopped")


def test_forked_reports_share_no_state_within_a_worker(tmp_path):
    """One worker makes every report in turn; no report sees anything an earlier one left."""
    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import workbook, os\n"
        "from IPython.display import HTML\n"
        "seen = list(getattr(workbook, '_seen_by_this_process', []))\n"
        "workbook._seen_by_this_process = seen + [participant_id]\n"
        "names = sorted(k for k in globals() if not k.startswith('_'))\n"
        "HTML(f'<p id=probe>seen={len(seen)} names={len(names)} pid={os.getpid()}</p>')"))
    template = tmp_path / "probe.ipynb"
    nbformat.write(nb, template)
    ids = ["SPR-001", "SPR-002", "SPR-003", "SPR-004"]
    run = participant_reports(out=tmp_path / "out", participant_ids=ids, template=template,
                              jobs=1)
    assert not run.failed
    probes = [re.search(r"seen=(\d+) names=(\d+) pid=(\d+)",
                        (tmp_path / "out" / "participants" / f"{i}.html").read_text()).groups()
              for i in ids]
    assert {p[0] for p in probes} == {"0"}  # nothing carried over from an earlier report
    assert len({p[1] for p in probes}) == 1  # the same fresh namespace every time
    assert len({p[2] for p in probes}) == len(ids)  # a fresh process for each report


def test_cohort_numbers_match_cohort_module(tmp_path):
    out = tmp_path / "out"
    run = cohort_report(out=out, by="cohort")
    assert not run.failed
    page = (out / "cohort.html").read_text()
    table = summarize(score(load_responses(sample_path())), by="timepoint")
    for _, row in table.iterrows():
        assert f"{row['mean']:.0f}" in page
        assert f"{row['ci_low']:.0f} to {row['ci_high']:.0f}" in page
    assert "SPR-" not in page and "AUT-" not in page and "SUM-" not in page
    assert "Before and after" in page and "Appendix" in page
    assert_safe_page(page)


def test_templates_run_under_plain_papermill_with_defaults(tmp_path):
    for name in ("participant-report.ipynb", "cohort-report.ipynb"):
        nb = papermill.execute_notebook(
            str(TEMPLATE_DIR / name), str(tmp_path / name), kernel_name="python3",
            progress_bar=False,
        )
        html_outputs = [o for c in nb.cells for o in c.get("outputs", [])
                        if "text/html" in o.get("data", {})]
        assert len(html_outputs) >= 5


def test_kernel_isolation_fallback_makes_the_same_report(tmp_path):
    run = participant_reports(out=tmp_path / "k", participant_ids=["SPR-002"],
                              isolation="kernel", jobs=1)
    fast = participant_reports(out=tmp_path / "f", participant_ids=["SPR-002"], jobs=1)
    assert not run.failed and not fast.failed
    strip = lambda p: re.sub(r"report made \d{4}-\d\d-\d\d", "", p.read_text())  # noqa: E731
    assert strip(tmp_path / "k" / "participants" / "SPR-002.html") == strip(
        tmp_path / "f" / "participants" / "SPR-002.html")


def test_reports_from_a_plain_script_without_a_main_guard(tmp_path):
    """The workers never import the caller's __main__, so no guard is needed (issue 9)."""
    out = tmp_path / "out"
    script = tmp_path / "make_reports.py"
    script.write_text(
        "from workbook.reports import participant_reports\n"
        f"run = participant_reports(out={str(out)!r}, participant_ids=['SPR-001', 'SPR-002'],"
        " jobs=2)\n"
        "print('statuses', [o.status for o in run.outcomes])\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "BrokenProcessPool" not in proc.stderr and "Traceback" not in proc.stderr
    assert "statuses ['made', 'made']" in proc.stdout
    assert (out / "participants" / "SPR-001.html").is_file()
    assert (out / "participants" / "SPR-002.html").is_file()


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_cli_lists_failures_and_exits_non_zero(tmp_path):
    proc = cli("report", "participants", sample_path(), "--out", tmp_path / "o",
               "--participant", "SPR-001", "--participant", "nobody", "--jobs", "1")
    assert proc.returncode == 1
    assert "failed: nobody: not in the data" in proc.stderr
    assert (tmp_path / "o" / "participants" / "SPR-001.html").is_file()
    assert str((tmp_path / "o" / "index.html").resolve()) in proc.stdout
    assert "made 1 personal report, 1 failed." in proc.stdout
    assert "<p>1 personal report. Each holds" in (tmp_path / "o" / "index.html").read_text()


def test_cli_needs_data_or_workspace(tmp_path):
    proc = cli("report", "cohort", "--out", tmp_path)
    assert proc.returncode == 1 and "--workspace" in proc.stderr


@pytest.mark.parametrize("kind", ["participants", "cohort"])
def test_cli_refuses_a_missing_workspace_and_creates_nothing(tmp_path, kind):
    proc = cli("report", kind, "--workspace", tmp_path / "typo", "--out", tmp_path / "out")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"workbook: error: there is no workspace folder {tmp_path / 'typo'}; check the path"]
    assert not list(tmp_path.iterdir())


def test_pdf_without_chromium_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CHROMIUM", str(tmp_path / "no-such-browser"))
    run = participant_reports(out=tmp_path / "o", participant_ids=["SPR-001"], pdf=True, jobs=1)
    assert run.notes and "no Chromium" in run.notes[0]
    assert (tmp_path / "o" / "participants" / "SPR-001.html").is_file()


@pytest.mark.skipif(find_chromium() is None, reason="no system Chromium installed")
def test_pdf_with_chromium(tmp_path):
    run = cohort_report(out=tmp_path / "o", pdf=True)
    assert not run.failed, run.failed
    pdf = tmp_path / "o" / "cohort.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert 'href="cohort.pdf"' in (tmp_path / "o" / "index.html").read_text()


def test_workspace_reports(tmp_path):
    from workbook.session.store import ClientStore

    store = ClientStore(tmp_path / "ws")
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in INST.ingredients}
    answers["ambition"]["tool"] = {"north_star": "<script>x</script> my star"}
    answers["hope"]["reflections"] = ["a <b>hopeful</b> thought"]
    answers["hope"]["share"] = ["reflection-1"]  # chosen for the report
    answers["ambition"]["share"] = ["north_star"]
    store.save("Ann / 1", answers, session="2026-01-05")
    store.save("Bo", answers, session="2026-01-05")
    out = tmp_path / "out"
    run = participant_reports(workspace=tmp_path / "ws", out=out, jobs=1)
    assert not run.failed, run.failed
    page = (out / "participants" / "Ann_1.html").read_text()
    assert "&lt;script&gt;x&lt;/script&gt; my star" in page
    assert "a &lt;b&gt;hopeful&lt;/b&gt; thought" in page
    assert_safe_page(page)
    group = cohort_report(workspace=tmp_path / "ws", out=out, min_group=1)
    assert not group.failed, group.failed
    assert "Ann" not in parse((out / "cohort.html").read_text())[1]


def test_cohort_report_counts_the_people_who_answered_both_times():
    from workbook.cohort.analysis import compare_timepoints
    from workbook.reports.cohort_view import cohort_view

    data = load_responses(sample_path())
    pre = set(data.loc[data["timepoint"] == "pre", "participant_id"])
    post = set(data.loc[data["timepoint"] == "post", "participant_id"])
    both = len(pre & post)
    assert compare_timepoints(score(data))["n_pairs"].max() < both  # someone skipped an item
    html = cohort_view().before_after().html
    assert f"for the {both} people who answered both times" in html


def test_cohort_report_lists_pre_before_post(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    table = pd.read_csv(sample_path(), dtype=str)
    table = pd.concat([table[table["timepoint"] == "post"], table[table["timepoint"] == "pre"]])
    data = tmp_path / "post-first.csv"
    table.to_csv(data, index=False)
    view = cohort_view(data)
    assert view.timepoints == ["pre", "post"]
    html = view.overview().html
    assert html.index("<h3>before (pre)") < html.index("<h3>after (post)")  # (the note names times)


def test_report_reads_a_survey_export_with_map_like_the_other_commands(tmp_path):
    from workbook.responses.sample_exports import sample_exports_dir

    for kind in ("participants", "cohort"):
        usage = cli("report", kind, "--help").stdout
        assert "--map FILE" in usage and "--mapping" not in usage
    samples = sample_exports_dir()
    proc = cli("report", "cohort", samples / "google_forms_export.csv", "--out", tmp_path / "o",
               "--map", samples / "google_forms_mapping.csv")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "cohort.html").is_file()


# -- issue 20: a report never embeds an exception's text ---------------------------------
def _twice_after(tmp_path):
    """The sample with SPR-001's post row written again as 'Post' (one timepoint, two rows)."""
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    again = table[(table["participant_id"] == "SPR-001") & (table["timepoint"] == "post")]
    path = tmp_path / "twice.csv"
    pd.concat([table, again.assign(timepoint="Post")]).to_csv(path, index=False)
    return path


def test_a_cohort_report_section_never_shows_an_error_message(monkeypatch):
    """A section that cannot be made fails the report; its message is not printed in it."""
    from workbook.core.exceptions import DataError
    from workbook.reports import cohort_view as view_module

    def refuse(*args, **kwargs):
        raise DataError("participant 'SPR-001' cannot be paired")

    view = view_module.cohort_view()
    monkeypatch.setattr(view_module, "compare_across_versions", refuse)
    with pytest.raises(DataError):
        view.before_after()
    monkeypatch.setattr(view_module, "change_by_talk", refuse)
    with pytest.raises(DataError):
        view.outcome()


def test_a_cohort_that_cannot_be_paired_fails_in_words_and_writes_no_id(tmp_path):
    """`report cohort` on a file with two 'post' answers of one person: exit 1, a clear
    message, and nothing it writes names anyone (it used to exit 0 with the error inside)."""
    out = tmp_path / "out"
    proc = cli("report", "cohort", _twice_after(tmp_path), "--out", out, "--by", "cohort")
    assert proc.returncode == 1, proc.stdout
    assert "SPR-001" in proc.stderr and "post" in proc.stderr  # the coach learns who and what
    assert "made 1 cohort report" not in proc.stdout
    for path in out.rglob("*") if out.exists() else []:
        if path.is_file():
            assert "SPR-001" not in path.read_text(encoding="utf-8", errors="replace"), path
    assert not (out / "cohort.html").exists()


def test_a_report_that_fails_is_not_linked_and_its_error_is_in_no_page(tmp_path):
    """A remake that fails: the index says only that it failed (no link to the earlier page,
    made from other answers), and the error's words are in no page, only on the terminal."""
    out = tmp_path / "out"
    ids = ["SPR-001", "SPR-002"]
    assert not participant_reports(out=out, participant_ids=ids, jobs=1).failed
    nb = nbformat.read(TEMPLATE_DIR / "participant-report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "from workbook.core.exceptions import DataError\n"
        "if participant_id == 'SPR-002':\n    raise DataError('broken on purpose')"))
    template = tmp_path / "broken.ipynb"
    nbformat.write(nb, template)
    run = participant_reports(out=out, participant_ids=ids, template=template, jobs=1)
    assert [o.status for o in run.outcomes] == ["made", "failed"]
    assert "broken on purpose" in run.failed[0].reason
    index = (out / "index.html").read_text()
    assert 'href="participants/SPR-001.html"' in index
    assert 'href="participants/SPR-002.html"' not in index
    assert "<li><strong>SPR-002</strong>: could not be made" in index
    for page in out.rglob("*.html"):
        assert "broken on purpose" not in page.read_text(), page


# -- issue 20: a participant renamed in the data leaves no report behind ------------------
def _two(tmp_path, name, ids):
    """Two sample participants' rows under the ids given."""
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    rows = table[table["participant_id"].isin(["SPR-001", "SPR-002"])]
    rows = rows.replace({"participant_id": dict(zip(["SPR-001", "SPR-002"], ids))})
    path = tmp_path / name
    rows.to_csv(path, index=False)
    return path


def _files(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                  if p.name != "index.html")


def test_a_renamed_participant_whose_file_name_changes_leaves_no_old_report(tmp_path):
    """'a/b' and 'a_b' share a safe name, so each file has a hash; 'a/b' renamed to 'c' gives
    'a_b' a plain file name: its old file goes to stale/ with a/b's, and the index links
    the two current reports only."""
    out = tmp_path / "out"
    assert not participant_reports(_two(tmp_path, "1.csv", ["a/b", "a_b"]), out, jobs=1).failed
    old = _files(out)
    assert len(old) == 2 and all(f.startswith("participants/a_b-") for f in old)
    run = participant_reports(_two(tmp_path, "2.csv", ["c", "a_b"]), out, jobs=1)
    assert not run.failed
    assert [f for f in _files(out) if f.startswith("participants/")] == [
        "participants/a_b.html", "participants/c.html"]
    assert sorted(f for f in _files(out) if f.startswith("stale/")) == sorted(
        "stale/" + f.split("/")[1] for f in old)
    index = (out / "index.html").read_text()
    assert index.count('href="participants/') == 2 and "a_b-" not in index
    assert "a/b" not in (out / ".workbook-reports.json").read_text()


def test_a_rename_to_the_same_file_name_keeps_the_new_report(tmp_path):
    """'a/b' renamed to 'a_b' (the same safe name): the new report stays, linked."""
    out = tmp_path / "out"
    assert not participant_reports(_two(tmp_path, "1.csv", ["a/b", "d"]), out, jobs=1).failed
    run = participant_reports(_two(tmp_path, "2.csv", ["a_b", "d"]), out, jobs=1)
    assert [o.status for o in run.outcomes] == ["made", "skipped"]
    page = out / "participants" / "a_b.html"
    assert page.is_file() and f"{wording_title()}: a_b" in page.read_text()
    assert 'href="participants/a_b.html"' in (out / "index.html").read_text()
    assert "a/b" not in (out / ".workbook-reports.json").read_text()


def wording_title():
    from workbook.reports import wording

    return wording.PARTICIPANT_TITLE


@pytest.mark.parametrize("jobs, said", [
    ("0", "must be 1 or more (the reports made at once), not 0"),
    ("-1", "must be 1 or more (the reports made at once), not -1"),
    ("two", "must be a whole number of reports made at once"),
])
def test_report_jobs_below_one_is_refused_by_name(tmp_path, capsys, jobs, said):
    """attacks.md 25k: --jobs 0 and -1 were accepted without a word."""
    from workbook.cli import main

    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stopped:
        main(["report", "participants", "--out", str(out), "--jobs", jobs])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --jobs/-j: {said}" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_the_index_says_what_skip_invalid_left_out_of_the_personal_reports(tmp_path):
    """attacks.md 27, the personal reports' side: the index page said nothing of the rows
    --skip-invalid left out (counts only, no id of a person left out)."""
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    rows = table[table["participant_id"].isin(["SPR-001", "SPR-002", "SPR-003"])].copy()
    rows.loc[rows["participant_id"] == "SPR-003", "hope_1"] = "9"  # both rows: off the scale
    second = rows.index[rows["participant_id"] == "SPR-002"][0]
    rows.loc[second, "hours_per_week"] = "lots"
    path = tmp_path / "three.csv"
    rows.to_csv(path, index=False)
    out = tmp_path / "out"
    run = participant_reports(path, out, skip_invalid=True, jobs=1)
    assert sorted(o.key for o in run.outcomes) == ["SPR-001", "SPR-002"]
    index = unescape((out / "index.html").read_text())
    assert ("2 rows of three.csv had problems and were left out (--skip-invalid); "
            "1 row was kept with its hours left empty.") in index
    assert "SPR-003" not in index
    # the next run reads a file with nothing left out: the index no longer says it
    assert not participant_reports(_two(tmp_path, "two.csv", ["SPR-001", "SPR-002"]), out,
                                   jobs=1).failed
    assert "left out (--skip-invalid)" not in (out / "index.html").read_text()
