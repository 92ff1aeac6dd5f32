"""Issue 22, "honoured everywhere": the instrument a coach edits is the one every surface uses.

- every key the kit needs is required at load (a table the file writes is complete; a table
  it leaves out is the kit's own);
- custom verdict and level words reach every output meant for people (CLI summaries, both
  reports, figures, ``followups``), while CSV files keep the codes;
- ``workbook coach --instrument`` (and ``init``'s copy) reaches the session app, and the
  workspace remembers the instrument it was started with.
"""

from __future__ import annotations

import re
import tomllib
import warnings

import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

KIT = DEFAULT_PATH.read_text(encoding="utf-8")


def _write(tmp_path, text, name="inst.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _drop_line(text: str, line: str) -> str:
    assert text.count(line) == 1, line
    return text.replace(line, "", 1)


# -- 4. every key the kit needs is required at load ------------------------------------------

@pytest.mark.parametrize(("line", "message"), [
    ('build_first = "Tend first"\n', r"words\.verdicts\.build_first: is missing"),
    ('ready = "Ready"\n', r"words\.verdicts\.ready: is missing"),
    ('a_little = "a little"\n', r"session\.levels\.a_little: is missing"),
])
def test_a_missing_key_is_refused_at_load_naming_table_and_key(tmp_path, line, message):
    # Before: deleting build_first from [words.verdicts] was accepted (issue 22).
    path = _write(tmp_path, _drop_line(KIT, line))
    with pytest.raises(InstrumentError, match=message) as info:
        load_instrument(path)
    assert str(info.value).startswith(f"{path}: ")


def _loads_with_one_warning(path) -> tuple:
    """Load ``path``: the one warning it gives (attacks3 A25: a file written earlier), and
    the instrument."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inst = load_instrument(path)
    assert len(seen) == 1, [str(w.message) for w in seen]
    return str(seen[0].message), inst


# Only a text the kit added after its table came out (workbook/core/instrument_added.py; a copy
# made before lacks it); a text every copy had is refused (attacks5 C21,
# tests/test_words7c_added_keys.py).
@pytest.mark.parametrize(("line", "table", "lookup", "text"), [
    ('review_heading = "Time to look again"\n', "[session.profile] has no review_heading",
     ("profile", "review_heading"), "Time to look again"),
    ('share_label = "Put this in my report"\n', "[session] has no share_label",
     ("share_label",), "Put this in my report"),
    ('kit_file = "the kit\'s own file"\n', "[session.app] has no kit_file", ("app", "kit_file"),
     "the kit's own file"),
    # [session.app.steps] is no more: the step names are [words.plan]'s (one source; an
    # earlier file that has the table loads: tests/test_words7_step_names.py)
])
def test_an_app_text_a_written_table_lacks_is_the_kits_own_with_a_warning(
        tmp_path, line, table, lookup, text):
    # Before (A25): refused ("... is missing"), so a file written for 2.0 did not load.
    from workbook.core.session_texts import Texts

    path = _write(tmp_path, _drop_line(KIT, line))
    said, inst = _loads_with_one_warning(path)
    assert said == (
        f"{path}: {table} (written for an earlier version?): the kit's own words are used")
    assert Texts(inst).get(*lookup) == text


@pytest.mark.parametrize(("line", "key", "text"), [
    ('heading = "Your week"\n', "heading", "Your week"),
    ('capacity_heading = "What fits in your week"\n', "capacity_heading",
     "What fits in your week"),
])
def test_a_tool_text_a_written_tool_lacks_is_the_kits_own_with_a_warning(
        tmp_path, line, key, text):
    from workbook.core.session_texts import Texts

    path = _write(tmp_path, _drop_line(KIT, line))
    said, inst = _loads_with_one_warning(path)
    assert said == (
        f"{path}: the tool of ingredient 'time' has no {key} (written for an earlier "
        "version?): the kit's own words are used")
    assert Texts(inst).tool("time")[key] == text


def _without_table(text: str, header: str) -> str:
    """The file with one table (its header and its keys, up to the next table) left out."""
    start = text.index(f"\n{header}\n")
    end = text.index("\n[", start + 1)
    return text[:start] + text[end:]


@pytest.mark.parametrize("header", ["[words.verdicts]", "[session.levels]", "[session.app]",
                                    "[session.start]"])
def test_a_table_left_out_whole_is_the_kits_own(tmp_path, header):
    text = _without_table(KIT, header)
    assert f"\n{header}\n" not in text
    inst = load_instrument(_write(tmp_path, text))
    kit = load_instrument()
    assert inst.verdict_names == kit.verdict_names
    assert inst.level_names == kit.level_names
    from workbook.core.session_texts import Texts

    assert Texts(inst).get("app", "back") == "Back"
    assert Texts(inst).get("start", "open_button") == "Open"


def test_every_session_text_a_written_table_lacks_is_the_kits_own_but_names_are_required(
        tmp_path):
    # The kit's own words only for a text the kit added later (a copy made before lacks it:
    # workbook/core/instrument_added.py, attacks5 C21); any other missing text is refused.
    from workbook.core.instrument_added import ADDED

    raw = tomllib.loads(KIT)

    def texts(table, label):
        for key, value in table.items():
            if isinstance(value, dict):
                yield from texts(value, f"{label}.{key}")
            elif isinstance(value, str):
                yield label, key

    def raw_text(session, label, key):
        table = session
        for part in label.split(".")[1:]:
            table = table[part]
        return table[key]

    found = list(texts(raw["session"], "session")) + [("words.verdicts", k)
                                                         for k in raw["words"]["verdicts"]]
    assert len(found) > 60
    for label, key in found:
        start = KIT.index(f"\n[{label}]\n")
        end = KIT.find("\n[", start + 1)
        section = KIT[start:end]
        line = next(ln for ln in section.splitlines(keepends=True) if ln.startswith(f"{key} = "))
        if line.rstrip().endswith('"""'):
            continue  # a text over several lines (the start page's intro)
        text = KIT[:start] + section.replace(line, "", 1) + KIT[end:]
        path = _write(tmp_path, text)
        if label in ("words.verdicts", "session.levels") or \
                f"{label}.{key}" not in ADDED:  # names that carry meaning; a deleted text
            with pytest.raises(InstrumentError, match=re.escape(f"{label}.{key}: is missing")):
                load_instrument(path)
            continue
        said, inst = _loads_with_one_warning(path)  # the app's words: the kit's own (A25)
        assert said == (
            f"{path}: [{label}] has no {key} (written for an earlier version?): the kit's own "
            "words are used")
        from workbook.core.session_texts import Texts

        assert raw_text(Texts(inst).session, label, key) == \
            raw_text(raw["session"], label, key)


# -- 1. workbook coach --instrument, init's copy, and the workspace's record ----------------

def _own(tmp_path, old='back = "Back"', new='back = "Go back"', version=None):
    text = KIT.replace(old, new, 1)
    if version:
        text = re.sub(r'^version = "[^"]*"', f'version = "{version}"', text, count=1,
                      flags=re.M)
    return _write(tmp_path, text, "own.toml")


def test_coach_gives_every_page_the_instrument(tmp_path, monkeypatch):
    from workbook.session.coach import coach
    from workbook.session.instrument_record import VARIABLE

    own = _own(tmp_path)
    _, _, env = coach(workspace=tmp_path / "ws", port=18_866, run=False, instrument=own)
    assert env[VARIABLE] == str(own.resolve())
    monkeypatch.setenv(VARIABLE, str(own))  # left over in the coach's shell: not passed on
    _, _, env = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert VARIABLE not in env


def test_inits_copy_is_found_by_default(tmp_path, monkeypatch):
    from workbook.session.coach import coach
    from workbook.session.instrument_record import VARIABLE
    from workbook.session.workfolder import init_folder

    kit = tmp_path / "my-kit"
    init_folder(kit)
    _, _, env = coach(workspace=tmp_path / "ws", port=18_866, run=False,
                      notebooks=kit / "notebooks")
    assert env[VARIABLE] == str((kit / "instrument.toml").resolve())
    monkeypatch.chdir(kit)  # run from the copy: its instrument, the kit's notebooks
    _, _, env = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert env[VARIABLE] == str((kit / "instrument.toml").resolve())
    monkeypatch.chdir(tmp_path)
    _, _, env = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert VARIABLE not in env


def test_coach_refuses_a_broken_instrument_before_serving(tmp_path, monkeypatch, capsys):
    import workbook.session.coach
    from workbook.cli import main

    bad = _write(tmp_path, _drop_line(KIT, 'build_first = "Tend first"\n'), "bad.toml")
    monkeypatch.setattr(workbook.session.coach, "serve", lambda cmd, env: 0)
    assert main(["coach", "--workspace", str(tmp_path / "ws"), "--port", "18866",
                 "--instrument", str(bad)]) != 0
    err = capsys.readouterr().err
    assert f"{bad}: words.verdicts.build_first: is missing" in err
    assert "Traceback" not in err


def test_a_workspace_records_its_instrument_and_says_when_another_is_used(
        tmp_path, monkeypatch, capsys):
    import stat

    import workbook.session.coach
    from workbook.cli import main
    from workbook.session.instrument_record import RECORD_FILE, recorded
    from workbook.session.store import ClientStore
    from workbook.session.widgets import SessionApp

    ws = tmp_path / "ws"
    monkeypatch.setattr(workbook.session.coach, "serve", lambda cmd, env: 0)
    assert main(["coach", "--workspace", str(ws), "--port", "18866"]) == 0
    out = capsys.readouterr().out
    kit = load_instrument()
    assert f"Instrument: the kit's own (version {kit.version})" in out
    record = ws / RECORD_FILE
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert recorded(ws) == {"name": kit.name, "version": kit.version, "path": ""}
    own = _own(tmp_path, version="9.9")
    assert main(["coach", "--workspace", str(ws), "--port", "18866", "--instrument",
                 str(own)]) == 0
    line = (f"This workspace was started with {kit.name} (version {kit.version}, the kit's "
            f"own file); this session uses {kit.name} (version 9.9, {own.resolve()}).")
    assert line in capsys.readouterr().out.splitlines()
    assert recorded(ws)["version"] == kit.version  # the first one stays the record
    app = SessionApp(ClientStore(ws), instrument=own)  # the app says the same line
    assert app.errors == [line]
    assert SessionApp(ClientStore(ws)).errors == []  # the one it was started with
    assert ClientStore(ws).clients() == []  # the record is not a client


def _run_cells(notebook: str, **parameters) -> dict:
    """Run a session notebook's code cells here (as Voila or papermill would), with parameters."""
    import json

    cells = [c for c in json.loads((DEFAULT_PATH.parents[1] / "notebooks" / notebook)
                                   .read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    space: dict = {}
    exec("".join(cells[0]["source"]), space)
    space.update(parameters)
    for cell in cells[1:]:
        exec("".join(cell["source"]), space)
    return space


def test_the_session_notebooks_use_the_coachs_instrument(tmp_path, monkeypatch):
    from workbook.session.instrument_record import VARIABLE

    own = _own(tmp_path)
    monkeypatch.setenv(VARIABLE, str(own))  # as `workbook coach --instrument` sets it
    app = _run_cells("session.ipynb", workspace=str(tmp_path / "ws"))["app"]
    assert app.instrument.source == str(own) and app.back_button.description == "Go back"
    page = _run_cells("01-hope.ipynb", workspace=str(tmp_path / "ws"))["page"]
    assert page.instrument.source == str(own)
    other = _own(tmp_path, new='back = "Return"')
    other = other.rename(tmp_path / "other.toml")
    app = _run_cells("session.ipynb", workspace=str(tmp_path / "ws2"),
                     instrument=str(other))["app"]  # the parameter wins
    assert app.back_button.description == "Return"


# -- 3. custom verdict and level words reach every output meant for people ------------------

#: Two verdicts and a level renamed; the default words that then must not appear.
RENAMED = [('ready = "Ready"', 'ready = "Ready to talk"'),
           ('not_now = "Not now"', 'not_now = "Later"'),
           ('plenty = "plenty"', 'plenty = "lots"')]
DEFAULT_WORDS = (r"\bReady\b(?! to talk)", r"\bNot now\b", r"\bnot now\b", r"\bplenty\b",
                 r"\bPlenty\b")


@pytest.fixture(scope="module")
def custom(tmp_path_factory):
    text = KIT
    for old, new in RENAMED:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("custom") / "custom.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _text_of(page: str) -> str:
    """What a reader sees of a page: no stylesheet, no image data, no tags."""
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]*"', "", page))


def _defaults_in(text: str) -> list:
    text = re.sub(r"(?i)\bone (loose sentence )?is plenty\b", " ", text)  # plain English
    return [w for w in DEFAULT_WORDS if re.search(w, text)]


def test_custom_words_in_the_cohort_summary_and_csvs_keep_codes(tmp_path, custom, capsys):
    import pandas as pd

    from workbook.cli import main
    from workbook.responses.datasets import sample_path

    assert main(["cohort", str(sample_path()), "--instrument", str(custom), "--out",
                 str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert "Ready to talk" in said and "Later" in said and "share Ready to talk before" in \
        said
    assert not re.search(r"\bready\b(?! to talk)", said)  # "share ready before -> after"
    assert _defaults_in(said) == []
    assert "Self-esteem" in said and "self_esteem" not in said  # names, not ids
    codes = set(pd.read_csv(tmp_path / "out" / "verdicts.csv")["verdict"])
    assert codes == {"incomplete", "not_now", "build_first", "ready"}


def test_custom_words_in_the_cohort_report_and_its_figures(custom):
    from workbook.cohort.plots import distribution_chart, verdict_chart
    from workbook.reports.cohort_view import cohort_view
    from workbook.responses.datasets import sample_path

    report = cohort_view(sample_path(), instrument=custom)
    html = "".join(s.html for s in (report.header(), report.overview(), report.verdict_mix(),
                                    report.distributions(), report.bottlenecks(),
                                    report.before_after(), report.outcome()) if s is not None)
    text = _text_of(html)
    assert "Ready to talk" in text and "Later" in text and "Lots" in text
    assert _defaults_in(text) == []
    inst = load_instrument(custom)
    fig = verdict_chart(report.scores, instrument=inst)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Not enough answers yet", "Later", "Tend first", "Ready to talk"]
    fig = distribution_chart(report.scores, instrument=inst)
    assert fig.axes[-1].get_xlabel() == "score (0-100); shading: not yet / a little / lots"


def test_custom_words_in_the_personal_report_and_its_chart(tmp_path, custom):
    from workbook.reports import participant_reports
    from workbook.session.plots import profile_chart

    run = participant_reports(out=tmp_path / "out", participant_ids=["SPR-001"],
                              instrument=custom, jobs=1)
    assert not run.failed, run.failed[0].reason
    page = (tmp_path / "out" / "participants" / "SPR-001.html").read_text(encoding="utf-8")
    import base64

    svg = base64.b64decode(re.search(r'data:image/svg\+xml;base64,([^"]+)"', page)
                           .group(1)).decode("utf-8")
    assert ">lots</text>" in svg and ">plenty</text>" not in svg
    text = _text_of(page)
    assert _defaults_in(text) == []
    fig = profile_chart({"hope": 80}, custom)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == \
        ["not yet", "a little", "lots"]


def test_custom_words_in_followups(tmp_path, custom, capsys):
    from workbook.cli import main
    from workbook.session.sample_workspace import sample_workspace

    ws = sample_workspace(tmp_path / "ws")
    assert main(["followups", "--workspace", str(ws), "--instrument", str(custom),
                 "--days", "30"]) == 0
    said = capsys.readouterr().out
    assert "later" in said.lower()
    assert _defaults_in(said) == []


def test_no_text_of_the_kit_writes_out_a_verdicts_name():
    # A coach who renames a verdict in [words.verdicts] must not find the old name in the
    # kit's other texts ("Not now is a good answer" under "Later" on the profile): only
    # [words.verdicts] says the names, and every other text uses them through the kit.
    import re
    import tomllib

    from workbook.core.instrument_file import DEFAULT_PATH

    table = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    names = list(table["words"]["verdicts"].values())
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, path + [key])
        elif isinstance(value, list):
            for n, inner in enumerate(value):
                walk(inner, path + [str(n)])
        elif isinstance(value, str) and path[:2] != ["words", "verdicts"]:
            found.extend((".".join(path), name) for name in names
                         if re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", value))

    walk(table, [])
    assert found == []
