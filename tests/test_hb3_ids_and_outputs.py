"""Helper H-B3 (issue 20): findings 29, 33, 28 and 25 of the black-box tester.

- 29: ``report participants --participant`` reads an id as the data does: for a workspace as
  the store names a client (composed, no spaces around it), for a file as reading cleans ids;
  an id still not found is shown escaped where it differs from what is in the data.
"""

import unicodedata

from workbook.cli import main
from workbook.session.store import ClientStore, today

DECOMPOSED = unicodedata.normalize("NFD", "Zoë K")  # as typed on a Mac
assert DECOMPOSED != "Zoë K"


def _workspace(tmp_path):
    store = ClientStore(tmp_path / "zo")
    store.save("Zoë K", {"hope": {"items": {"hope_1": 3}}}, session="2026-12-01")
    return store.root


def test_participant_typed_decomposed_or_with_spaces_is_the_stored_client(tmp_path, capsys):
    ws, out = _workspace(tmp_path), tmp_path / "rep"
    for typed in (DECOMPOSED, " Zoë K "):
        status = main(["report", "participants", "--workspace", str(ws), "--out", str(out),
                       "--participant", typed])
        captured = capsys.readouterr()
        assert status == 0, captured.err
        assert "not in the data" not in captured.err
    assert [p.name for p in (out / "participants").iterdir()] == ["Zoe_K.html"]
    index = (out / "index.html").read_text()
    assert "Not made" not in index
    assert index.count("Zoë K") == 1


def test_the_same_client_asked_twice_in_two_spellings_is_one_report(tmp_path, capsys):
    ws, out = _workspace(tmp_path), tmp_path / "rep"
    status = main(["report", "participants", "--workspace", str(ws), "--out", str(out),
                   "--participant", "Zoë K", "--participant", DECOMPOSED])
    assert status == 0, capsys.readouterr().err
    assert "made 1 personal report." in capsys.readouterr().out


def test_a_participant_not_in_a_file_is_shown_escaped_where_it_differs(tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("participant_id,timepoint,hope_1\nZoë,pre,3\n", encoding="utf-8")
    out = tmp_path / "rep"
    # read as the file's ids are read: decomposed and spaced is the same person
    assert main(["report", "participants", str(data), "--out", str(out),
                 "--participant", " Zoe\u0308 "]) == 0
    capsys.readouterr()
    # one that is not there: its odd characters are shown, so two lines never look alike
    assert main(["report", "participants", str(data), "--out", str(out),
                 "--participant", "Zoe\u0308 K"]) == 1
    err = capsys.readouterr().err
    assert "not in the data ('Zoe\\u0308 K' as given; ids are matched exactly)" in err
    index = (out / "index.html").read_text()
    assert "not in the data (&#x27;Zoe\\u0308 K&#x27; as given" in index \
        or "not in the data ('Zoe\\u0308 K' as given" in index


# -- 33: `workbook demo` again never wipes answers saved since into the sample clients ------

def _sessions(ws, client="DEMO-01"):
    return ClientStore(ws, read_only=True).sessions(client)


def test_demo_again_refuses_a_workspace_holding_saves_made_since(tmp_path, capsys):
    from workbook.session.sample_workspace import sample_workspace

    ws = sample_workspace(tmp_path / "demo" / "workspace")
    before = _sessions(ws)
    ClientStore(ws).save("DEMO-01", {"hope": {"items": {"hope_1": 1}}})  # today: a new session
    status = main(["demo", "--out", str(tmp_path / "demo")])
    err = capsys.readouterr().err
    assert status == 1
    assert (f"{ws} holds changes made since the demo wrote it (DEMO-01: its answers): "
            "running the demo again would replace the sample clients' folders and lose them; "
            "nothing was written. Move that folder away (or give another --out) to run the "
            "demo again") in err
    assert _sessions(ws) == [*before, today()]
    assert not (tmp_path / "demo" / "scores.csv").exists()  # refused before any work


def test_demo_workspace_written_again_when_untouched_and_a_changed_list_is_kept(tmp_path):
    from workbook.core.exceptions import WorkbookError
    from workbook.session.conversations import Tracker, model
    from workbook.session.sample_workspace import sample_workspace

    ws = sample_workspace(tmp_path / "ws")
    assert sample_workspace(ws) == ws  # nothing changed since: replaced, as before
    store = ClientStore(ws)
    tracker = Tracker(store, "DEMO-03")
    tracker.change(model.add_op("Ada", person_id="mine"))
    try:
        sample_workspace(ws)
    except WorkbookError as exc:
        assert "(DEMO-03: its conversations list)" in str(exc)
    else:
        raise AssertionError("replaced a changed sample workspace")
    assert "mine" in Tracker(ClientStore(ws, read_only=True), "DEMO-03").read().people


def test_demo_workspace_of_an_earlier_version_is_not_replaced_blind(tmp_path):
    from workbook.core.exceptions import WorkbookError
    from workbook.session.sample_workspace import SAMPLE_MARK, sample_workspace

    ws = sample_workspace(tmp_path / "ws")
    (ws / SAMPLE_MARK).write_text("made by workbook.responses.datasets.sample_workspace\n")
    try:
        sample_workspace(ws)
    except WorkbookError as exc:
        assert "an earlier version of the demo" in str(exc)
    else:
        raise AssertionError("replaced a workspace it cannot tell apart")


# -- 28: score's pace column, said as it is ---------------------------------------------------

def test_score_out_keeps_every_number_and_says_how_the_pace_is_counted(tmp_path, capsys):
    data = tmp_path / "d.csv"
    # energy 'a little' (half pace): 2.5 h x 60 x 0.5 / 120 min = 0.625 -> the plan's 0.62
    answers = "4,4,4,4,4,4,4,4,4,4,3,3,3,3,3,4,4,4,4,4,4,4,4,4,4"
    from workbook.core.instrument import load_instrument

    header = ",".join(load_instrument().item_ids)  # energy's five are the 3s
    data.write_text(f"participant_id,timepoint,hours_per_week,{header}\nA,pre,2.5,{answers}\n")
    assert main(["score", str(data), "--out", str(tmp_path / "s.csv")]) == 0
    import pandas as pd
    row = pd.read_csv(tmp_path / "s.csv").iloc[0]
    assert (row["energy_level"], row["pace_per_week"]) == ("a_little", 0.62)
    with __import__("pytest").raises(SystemExit):
        main(["score", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--out keeps every number as computed; printed, they show one decimal." in text
    assert ("pace_per_week is the plan's pace, the most conversations a week hours and energy "
            "allow, in hundredths rounded down as each person's plan counts it (2.5 hours at "
            "half pace: 0.62)") in text


# -- leftovers: refuse()'s last line and --keep's help say what the options do --------------

def _refused(tmp_path, capsys, rows):
    data = tmp_path / "bad.csv"
    data.write_text("participant_id,timepoint,hours_per_week,hope_1\n" + rows)
    assert main(["score", str(data)]) == 1
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_refusal_says_what_skip_invalid_does_with_hours_problems(tmp_path, capsys):
    assert _refused(tmp_path, capsys, "a,pre,lots,3\nb,pre,2,3\n") == (
        "Fix them, or pass --skip-invalid to keep that response with its hours left empty "
        "(row 2).")
    assert _refused(tmp_path, capsys, "a,pre,lots,3\nb,pre,2,9\nc,pre,-1,3\n") == (
        "Fix them, or pass --skip-invalid to leave out row 3 and keep rows 2, 4 with their "
        "hours left empty.")
    assert _refused(tmp_path, capsys, "a,pre,2,9\nb,pre,lots,9\n") == (
        "Fix them, or pass --skip-invalid to leave those rows out.")


def test_keep_help_says_when_file_order_decides(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["score", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert ("keep one row per participant and timepoint: the first or last by date when each "
            "repeated row has one, else in file order; a date that cannot be read (or could be "
            "day or month first) and would decide leaves the repeat a problem; every row left "
            "out is listed") in text
    assert ("--skip-invalid leave out the rows that have problems instead of refusing the file "
            "(a row whose only problem is its hours is kept, its hours left empty)") in text


# -- 25: the index page, the export's formula guard, a template cell without an id ----------

def test_a_users_own_index_html_is_not_replaced_without_force(tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("participant_id,timepoint,hope_1\nA,pre,3\n")
    out = tmp_path / "rep"
    out.mkdir()
    (out / "index.html").write_text("<html>my own page</html>")
    assert main(["report", "participants", str(data), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (f"{out / 'index.html'} is not an index page the kit wrote, and the kit writes its "
            "index of the reports there: nothing was made. Move it away, give another --out, "
            "or pass --force to replace it") in err
    assert (out / "index.html").read_text() == "<html>my own page</html>"
    assert not (out / "participants").exists()
    assert main(["report", "cohort", str(data), "--out", str(out)]) == 1
    assert (out / "index.html").read_text() == "<html>my own page</html>"
    # --force replaces it; the kit's own page is then remade on every run
    assert main(["report", "participants", str(data), "--out", str(out), "--force"]) == 0
    assert main(["report", "participants", str(data), "--out", str(out)]) == 0
    assert "my own page" not in (out / "index.html").read_text()
    capsys.readouterr()
    with __import__("pytest").raises(SystemExit):
        main(["report", "participants", "--help"])
    assert ("--force remake reports whose inputs have not changed, and replace an index.html "
            "in the output folder that the kit did not write") in " ".join(
                capsys.readouterr().out.split())


def test_an_index_page_of_an_earlier_version_is_remade(tmp_path):
    from workbook.reports.index import INDEX_MARK, check_index, index_html

    page = index_html(tmp_path, {})
    (tmp_path / "index.html").write_text(page.replace(INDEX_MARK + "\n", ""))
    check_index(tmp_path)  # no error: the kit's title and footer


def test_an_id_guarded_by_the_export_reads_back_as_the_client(tmp_path, capsys, caplog):
    import csv

    store = ClientStore(tmp_path / "ws")
    for client in ("+1+1", "=HYPERLINK(1)", "plain"):
        store.save(client, {"hope": {"items": {"hope_1": 3}}}, session="2026-12-01")
    export = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(export)]) == 0
    with open(export, newline="", encoding="utf-8") as fh:
        written = sorted(row["participant_id"] for row in csv.DictReader(fh))
    assert written == ["'+1+1", "'=HYPERLINK(1)", "plain"]  # the guard stays in the file
    capsys.readouterr()
    assert main(["score", str(export), "--out", str(tmp_path / "s.csv")]) == 0
    err = " ".join((capsys.readouterr().err + caplog.text).split())
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as fh:
        read = sorted(row["participant_id"] for row in csv.DictReader(fh))
    assert read == written  # written again guarded, as the export was
    assert ("participant ids read without the apostrophe put before them so that a "
            "spreadsheet does not run them as formulas: \"'+1+1\" -> '+1+1' (row 2), "
            "\"'=HYPERLINK(1)\" -> '=HYPERLINK(1)' (row 3)") in err
    from workbook.core.instrument import resolve
    from workbook.responses.io import load_responses

    ids = sorted(load_responses(export, resolve(None))["participant_id"])
    assert ids == ["+1+1", "=HYPERLINK(1)", "plain"]


def test_a_template_cell_without_an_id_gives_no_raw_warning(tmp_path):
    import json
    import shutil
    import subprocess
    import sys

    from workbook.core.resources import templates_dir

    templates = tmp_path / "tpl"
    shutil.copytree(templates_dir(), templates)
    page = templates / "participant-report.ipynb"
    notebook = json.loads(page.read_text(encoding="utf-8"))
    assert notebook["nbformat_minor"] >= 5  # cells carry ids
    notebook["cells"].append({"cell_type": "markdown", "metadata": {},
                              "source": ["A note of my own"]})
    page.write_text(json.dumps(notebook), encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("participant_id,timepoint,hope_1\nA,pre,3\n")
    proc = subprocess.run(
        [sys.executable, "-m", "workbook", "report", "participants", str(data),
         "--out", str(tmp_path / "rep"), "--templates", str(templates)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr and "validator.py" not in proc.stderr
    made = (tmp_path / "rep" / "participants" / "A.html").read_text(encoding="utf-8")
    assert "A note of my own" in made
    assert json.loads(page.read_text(encoding="utf-8")) == notebook  # the template as it was


def test_participant_ids_asked_for_are_read_as_the_data_reads_them():
    from workbook.reports.batch import _as_read

    in_file = ["Zoë K", "+1+1", "AUT-001"]
    asked = [DECOMPOSED, " Zoë K", "'+1+1", "AUT-001\u200b", "nobody"]
    assert _as_read(asked, in_file, None) == ["Zoë K", "+1+1", "AUT-001", "nobody"]
    # a workspace names clients as the store does: composed, no spaces around, no invisible
    # format characters (as the reader), nothing else
    assert _as_read(asked, in_file, "ws") == ["Zoë K", "'+1+1", "AUT-001", "nobody"]
