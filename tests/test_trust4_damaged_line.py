"""Issue 20, session 6 (attacks3 A13 a): a line that is not JSON is told as one warning
naming the file, the line and the client, and whether the save it held is lost; once."""
from workbook.cli import main
from workbook.session.store import JOURNAL_FILE, STATE_FILE, ClientStore


def _with_a_damaged_last_save(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-01")
    journal = store.folder("c1") / JOURNAL_FILE
    with journal.open("a") as out:  # a save whose line an editor damaged (a quote removed)
        out.write('{"at":"2026-11-03T10:00:00+00:00","session":"2026-11-03","client_id":"c1",'
                  '"answers":{"hope":{"items":{"hope_1:4}}}}\n')
    return store, journal


def test_a_line_that_is_not_json_is_one_warning_naming_the_client_and_the_loss(tmp_path,
                                                                               capsys):
    store, journal = _with_a_damaged_last_save(tmp_path)
    out_csv = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out_csv)]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "line 2 of" in line]
    assert len(said) == 1
    assert said[0].startswith(
        f"workbook: warning: skipped damaged line 2 of {journal} (client 'c1', a save of "
        "session 2026-11-03): it is not a record the kit can read (")
    assert said[0].endswith(
        f"); {STATE_FILE} does not hold it either, so the change it held is lost; correct the "
        "line by hand to have it read")
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out_csv)]) == 0
    assert "line 2 of" not in capsys.readouterr().err  # told once


def test_a_damaged_line_with_no_snapshot_is_said_to_be_lost(tmp_path, capsys):
    store, journal = _with_a_damaged_last_save(tmp_path)
    (journal.parent / STATE_FILE).unlink()
    out_csv = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out_csv)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "line 2 of" in line]
    assert len(said) == 1 and said[0].startswith("workbook: warning: skipped damaged line 2 ")
    assert said[0].endswith("so the change it held is lost; correct the line by hand to have "
                            "it read")


def test_a_damaged_earlier_line_whose_session_the_snapshot_holds_says_so(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    for n in (1, 2, 3):
        store.save("c1", {"hope": {"items": {"hope_1": n}}}, session=f"2026-11-0{n}")
    journal = store.folder("c1") / JOURNAL_FILE
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"hope_1":2', b'"hope_1:2')  # line 2 damaged by an editor
    journal.write_bytes(b"\n".join(lines))
    out_csv = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out_csv)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "damaged line 2" in line]
    assert len(said) == 1
    assert said[0].startswith(
        f"workbook: warning: skipped damaged line 2 of {journal} (client 'c1', a save of "
        "session 2026-11-02): it is not a record the kit can read (")
    assert said[0].endswith(
        f"); {STATE_FILE} holds a save of session 2026-11-02 (this one or an earlier one), "
        "which was kept; correct the line by hand to have it read")
    assert out_csv.read_text().count("2026-11-02") >= 1
