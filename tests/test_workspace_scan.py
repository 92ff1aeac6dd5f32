"""Commands that walk a workspace serve every client and name each folder left out (issue 20).

A copied folder (its client.json names another client), a damaged client.json, or a client
whose answers cannot be read is listed on stderr with the reason; every other client is
served and the command exits 0. Stored values the kit's own ``validate`` would refuse (hours
of -3, 200, inf, True; an answer off the scale) are left empty with a warning naming the
client and the session, in the export and in a workspace report. A read-only workspace can
be read.
"""

import json
import logging
import os
import shutil

import pytest

from workbook.cli import main
from workbook.core import schema
from workbook.core.exceptions import StoreError
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.store.scan import scan

INST = load_instrument()
HOPE = {"hope": {"items": {"hope_1": 4, "hope_6": 4, "hope_8": 4}}}


def export(ws, out, capsys):
    status = main(["export-clients", "--workspace", str(ws), "--out", str(out)])
    return status, capsys.readouterr().err


def test_a_copied_or_damaged_folder_is_named_and_the_others_exported(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    for client in ("ann", "bob", "cy"):
        store.save(client, HOPE, session="2026-11-26")
    copy = shutil.copytree(store.folder("ann"), store.root / "ann-copy-0123456789")
    (store.folder("bob") / "client.json").write_text("{not json")
    state = store.folder("cy") / "answers.json"  # names another client: set aside (C12)
    state.write_text(json.dumps({**json.loads(state.read_text()), "client_id": "dee"}))
    out = tmp_path / "clients.csv"
    status, err = export(store.root, out, capsys)
    assert status == 0
    lines = err.splitlines()
    assert (f"workbook: warning: left out {copy}: its client.json names 'ann', whose folder "
            f"is {store.key('ann')} (a copied folder?)") in lines
    assert any(line.startswith(f"workbook: warning: left out {store.folder('bob')}: its "
                               "client.json cannot be read") for line in lines)
    assert any(line.startswith(f"workbook: warning: {state} (client 'cy') could not be "
                               "read (it holds the answers of another client, 'dee'")
               and "rebuilt from journal.jsonl" in line for line in lines)
    assert lines[-1] == (f"wrote 2 session(s) of 2 client(s) to {out}; 2 folder(s) left out "
                         "(listed above)")
    assert out.read_text().splitlines()[1].startswith("ann,")
    assert out.read_text().splitlines()[2].startswith("cy,")


def test_scan_lists_clients_and_problems(tmp_path):
    store = ClientStore(tmp_path)
    store.create("ann")
    (tmp_path / "notes").mkdir()  # not named like a client's folder: not a client, no word
    (tmp_path / "x-0123456789").write_text("")
    found = scan(store)
    assert found.clients == ["ann"]
    assert [(p.folder.name, p.reason) for p in found.problems] == [
        ("x-0123456789", "it is a file, not a folder")]


def _hours_line(client, day, hours):
    return json.dumps({"at": f"{day}T10:00:00", "session": day, "client_id": client,
                       "answers": {"time": {"items": {"time_1": 3},
                                            "tool": {schema.HOURS: hours}}}}) + "\n"


def test_stored_hours_that_are_not_hours_are_left_empty_with_a_warning(tmp_path, capsys,
                                                                        caplog):
    store = ClientStore(tmp_path / "ws")
    store.create("ann")
    journal = store.folder("ann") / "journal.jsonl"
    bad = {"2026-11-01": -3, "2026-11-02": 200, "2026-11-03": True, "2026-11-05": "1e999"}
    text = "".join(_hours_line("ann", day, hours) for day, hours in bad.items())
    text = text.replace('"1e999"', "1e999")  # JSON's way to an infinite number
    journal.write_text(text + _hours_line("ann", "2026-11-04", 2.5))
    out = tmp_path / "clients.csv"
    with caplog.at_level(logging.WARNING, logger="workbook"):
        status, _ = export(store.root, out, capsys)
    assert status == 0
    assert ("4 saved hours a week are not a number from 0 to 80 and are left empty in the "
            "export (correct them on the time page): 'ann' 2026-11-01 hours_per_week=-3; "
            "'ann' 2026-11-02 hours_per_week=200; 'ann' 2026-11-03 hours_per_week=True; "
            "'ann' 2026-11-05 hours_per_week=inf") in caplog.text
    rows = [line.split(",") for line in out.read_text().splitlines()]
    hours = rows[0].index(schema.HOURS)
    assert [r[hours] for r in rows[1:]] == ["", "", "", "2.5", ""]
    assert main(["validate", str(out)]) == 0  # the kit's own check takes its export


def test_a_workspace_report_blanks_an_answer_off_the_scale(tmp_path, caplog):
    from workbook.reports.inputs import client_rows

    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 7, "hope_6": 4, "hope_8": 4}},
                       "time": {"items": {"time_1": 3}, "tool": {schema.HOURS: -3}}},
               session="2026-11-26")
    with caplog.at_level(logging.WARNING, logger="workbook"):
        table, _ = client_rows(store.root, "ann", INST)
    assert table["hope_1"].isna().all() and table["hope_6"].tolist() == [4.0]
    assert table[schema.HOURS].isna().all()
    assert "'ann' 2026-11-26 hope_1=7" in caplog.text
    assert "left empty in the report" in caplog.text


def test_a_read_only_workspace_can_be_exported(tmp_path, capsys, monkeypatch):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
        False if mode & os.W_OK and str(path).startswith(str(store.root)) else real(path, mode)))
    with pytest.raises(StoreError, match="not writable"):
        ClientStore(store.root)  # to write, it still must be writable
    out = tmp_path / "clients.csv"
    status, err = export(store.root, out, capsys)
    assert status == 0 and "wrote 1 session(s) of 1 client(s)" in err
    reader = ClientStore(store.root, read_only=True)
    assert reader.load("ann") == HOPE
    with pytest.raises(StoreError, match="read only"):
        reader.save("bob", HOPE)
    assert not reader.folder("bob").exists()


def test_a_workspace_with_no_write_permission_is_exported(tmp_path, capsys):
    """The same, for real where the user is not root (root can write anywhere)."""
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    folders = [store.root, store.folder("ann")]
    for folder in folders:
        folder.chmod(0o500)
    try:
        if os.access(store.root, os.W_OK):
            pytest.skip("this user can write to a read-only folder (root)")
        status, err = export(store.root, tmp_path / "clients.csv", capsys)
        assert status == 0 and "wrote 1 session(s) of 1 client(s)" in err
    finally:
        for folder in folders:
            folder.chmod(0o700)


def _odd(store, state):
    """Put the client 'odd' in one odd state; return its folder."""
    folder = store.folder("odd")
    idf, journal = folder / "client.json", folder / "journal.jsonl"
    if state == "client.json a list":
        idf.write_text("[1, 2]")
    elif state == "client.json null":
        idf.write_text("null")
    elif state == "client.json empty":
        idf.write_text("")
    elif state == "client.json binary":
        idf.write_bytes(b"\xff\xfe\x00garbage")
    elif state == "client.json a folder":
        idf.unlink()
        idf.mkdir()
    elif state == "client.json names a number":
        idf.write_text('{"format": 1, "client_id": 7}')
    elif state == "answers.json damaged":
        (folder / "answers.json").write_text("{")
    elif state == "journal garbage":
        journal.write_bytes(journal.read_bytes() + b"\x00\xff{not json\n[]\n")
    elif state == "a link to another client":
        shutil.rmtree(folder)
        folder.symlink_to(store.folder("ann"), target_is_directory=True)
    elif state == "conversations damaged":
        (folder / "conversations.json").write_text("{")
        (folder / "conversations.jsonl").write_text("{\n")
    return folder


ODD = ["client.json a list", "client.json null", "client.json empty", "client.json binary",
       "client.json a folder", "client.json names a number", "answers.json damaged",
       "journal garbage", "a link to another client", "conversations damaged"]


@pytest.mark.parametrize("state", ODD)
def test_a_client_folder_in_an_odd_state_never_stops_the_export(tmp_path, capsys, state):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    store.save("odd", HOPE, session="2026-11-26")
    folder = _odd(store, state)
    out = tmp_path / "clients.csv"
    status, err = export(store.root, out, capsys)
    assert status == 0 and "Traceback" not in err and "unexpected" not in err
    ids = [line.split(",")[0] for line in out.read_text().splitlines()[1:]]
    assert "ann" in ids  # every other client is served
    # the odd client is read (nothing readable lost) or named with the reason
    assert "odd" in ids or f"left out {folder}: " in err


# -- attack 5: a sync tool's conflicted copy of a client's folder is named -------------------
def _conflicted_copy(store, client="ann"):
    """A copy of the client's folder as a sync tool makes one, with a change of its own."""
    copy = shutil.copytree(store.folder(client),
                           store.root / f"{store.key(client)} (conflicted copy 2026-12-07)")
    with open(copy / "journal.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"at": "2026-12-07T01:00:00", "session": "2026-12-06",
                             "client_id": client, "answers": HOPE}) + "\n")
    return copy


def test_a_conflicted_copy_of_a_client_folder_is_named(tmp_path):
    store = ClientStore(tmp_path / "ws")
    for client in ("ann", "bob"):
        store.save(client, HOPE, session="2026-11-26")
    copy = _conflicted_copy(store)
    found = scan(ClientStore(store.root, read_only=True))
    assert found.clients == ["ann", "bob"]
    assert [(p.folder, p.reason) for p in found.problems] == [
        (copy, f"it holds the records of client 'ann' but is not that client's folder "
               f"({store.key('ann')}): a copy (a sync tool's conflicted copy?); nothing in it "
               "was read. Merge what you need by hand")]


def test_a_copy_whose_client_has_no_folder_is_named_with_what_to_do(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    folder = store.folder("ann")
    moved = folder.rename(store.root / "ann (restored)")
    [problem] = scan(ClientStore(store.root, read_only=True)).problems
    assert (problem.folder, problem.reason) == (
        moved, f"it holds the records of client 'ann' but is not that client's folder, and "
               f"there is no folder {folder.name}: rename it {folder.name} to have it read")


@pytest.mark.parametrize("command", ["followups", "export-clients"])
def test_every_command_names_a_conflicted_copy(tmp_path, capsys, command):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    copy = _conflicted_copy(store)
    argv = [command, "--workspace", str(store.root)]
    if command == "export-clients":
        argv += ["--out", str(tmp_path / "c.csv")]
    assert main(argv) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if f"left out {copy}: " in line]
    assert len(said) == 1 and "records of client 'ann'" in said[0]
    assert "Merge what you need by hand" in said[0]


def test_a_workspace_report_names_a_conflicted_copy(tmp_path, caplog):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", HOPE, session="2026-11-26")
    copy = _conflicted_copy(store)
    with caplog.at_level(logging.WARNING, logger="workbook"):  # the report logs each folder
        assert main(["report", "participants", "--workspace", str(store.root),
                     "--out", str(tmp_path / "rep"), "--jobs", "1"]) == 0
    assert f"left out {copy}: it holds the records of client 'ann'" in caplog.text
