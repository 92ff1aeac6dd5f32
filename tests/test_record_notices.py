"""What the coach is told about a client's records, on every surface (issue 20, attacks 2-4).

A record repaired on reading (rewritten outside the kit), or a last line cut off by a sync
tool, is told once per command as one plain line on standard error (no source file, no line
of the kit's code), naming the file and the client.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.cli import main
from workbook.cli.plain_warnings import plain_warnings
from workbook.session.conversations import model
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

TODAY = dt.date.today()
ANSWERS = {"hope": {"items": {"hope_1": 4, "hope_6": 4, "hope_7": 2, "hope_8": 4,
                              "hope_9": 4}}}


def _workspace(tmp_path):
    """Client C1: two sessions and two people on their list (Bo's talk held)."""
    store = ClientStore(tmp_path / "ws")
    store.save("C1", ANSWERS, session=TODAY - dt.timedelta(days=30))
    store.save("C1", {"energy": {"items": {"energy_1": 5}}},
               session=TODAY - dt.timedelta(days=10))
    tracker = Tracker(store, "C1")
    tracker.change(model.add_op("Ana Ruiz", org="Library", person_id="ana",
                                today=TODAY - dt.timedelta(days=20)))
    book = tracker.change(model.add_op("Bo Chen", org="Parks", person_id="bo",
                                       today=TODAY - dt.timedelta(days=20)))
    tracker.change(model.step_op(book, "bo", "held", TODAY - dt.timedelta(days=1),
                                 today=TODAY))
    return store


def _crlf(path):
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


# -- attack 3: the conversations notice names the client and the folder ---------------------
def test_a_rebuilt_list_and_rebuilt_answers_name_the_client_and_the_file(tmp_path):
    store = _workspace(tmp_path)
    folder = store.folder("C1")
    _crlf(folder / JOURNAL)
    _crlf(folder / JOURNAL_FILE)
    reader = ClientStore(store.root, read_only=True)
    tracker = Tracker(reader, "C1")
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        assert sorted(tracker.read().people) == ["ana", "bo"]
    assert tracker.notice.startswith(f"{folder / JOURNAL} (client 'C1') was changed outside")
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        assert len(reader.history("C1")) == 2
    assert reader.notice.startswith(f"{folder / JOURNAL_FILE} (client 'C1') was changed")


def test_a_damaged_list_snapshot_names_the_client_and_the_file(tmp_path):
    store = _workspace(tmp_path)
    folder = store.folder("C1")
    (folder / "conversations.json").write_text("{not json", encoding="utf-8")
    tracker = Tracker(store, "C1")
    with pytest.warns(StoreWarning, match="could not be read"):
        tracker.read()
    assert tracker.notice.startswith(f"{folder / 'conversations.json'} (client 'C1') could "
                                     "not be read")


# -- attack 2: one plain line, once, on every command ---------------------------------------
def test_a_warning_is_one_plain_line_said_once(capsys):
    show = plain_warnings()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        warnings.warn("a.jsonl (client 'C1') was\nchanged \x1b[2J", StoreWarning, stacklevel=1)
        warnings.warn("a.jsonl (client 'C1') was\nchanged \x1b[2J", StoreWarning, stacklevel=1)
        warnings.warn("b.jsonl was changed", StoreWarning, stacklevel=1)
    assert capsys.readouterr().err == ("workbook: warning: a.jsonl (client 'C1') was changed "
                                       "\\x1b[2J\nworkbook: warning: b.jsonl was changed\n")


def _said_once(err, folder):
    """The two repairs said once each in ``err``, in plain lines, no source path of the kit.

    (``followups`` says a client's repairs in one line of its own: tests/test_followups.py.)
    """
    lines = [line for line in err.splitlines() if "changed outside the kit" in line]
    for record in (JOURNAL, JOURNAL_FILE):
        assert len([line for line in lines if record in line]) == 1, err
    assert all(line.startswith(("workbook: warning: ", "followups: C1: ")) for line in lines)
    assert "workbook/" not in err.replace(str(folder.parent), "")  # no source file of the kit
    assert "StoreWarning" not in err and "self._" not in err, err


@pytest.mark.parametrize("command", ["followups", "export-clients"])
def test_a_command_says_each_repair_once_as_one_plain_line(tmp_path, capsys, command):
    store = _workspace(tmp_path)
    folder = store.folder("C1")
    _crlf(folder / JOURNAL)
    _crlf(folder / JOURNAL_FILE)
    argv = [command, "--workspace", str(store.root)]
    if command == "export-clients":
        argv += ["--out", str(tmp_path / "c.csv")]
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(argv) == 0
    _said_once(capsys.readouterr().err, folder)


def test_a_workspace_report_says_each_repair_once_as_one_plain_line(tmp_path, capfd):
    store = _workspace(tmp_path)
    folder = store.folder("C1")
    _crlf(folder / JOURNAL)
    _crlf(folder / JOURNAL_FILE)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(["report", "participants", "--workspace", str(store.root),
                     "--out", str(tmp_path / "rep"), "--jobs", "1"]) == 0
    _said_once(capfd.readouterr().err, folder)


# -- attack 4: a cut-off last line is told everywhere, and its bytes kept ---------------------
def _cut(folder, name, n):
    """Cut the last ``n`` bytes of a record (a sync tool truncating it); return what was left."""
    path = folder / name
    whole = path.read_bytes()
    path.write_bytes(whole[:-n])
    return whole[whole.rindex(b"\n", 0, len(whole) - 1) + 1:-n]


@pytest.mark.parametrize("command", ["followups", "export-clients", "report"])
def test_every_command_says_a_cut_off_last_line_once(tmp_path, capfd, command):
    store = _workspace(tmp_path)
    store.save("C1", {"ambition": {"items": {"ambition_1": 1}}}, session=TODAY)
    folder = store.folder("C1")
    # no snapshot holds the cut change (one that does has it written back: test_trust3_record)
    (folder / "conversations.json").unlink()
    torn = {JOURNAL_FILE: _cut(folder, JOURNAL_FILE, 5), JOURNAL: _cut(folder, JOURNAL, 10)}
    argv = {"followups": ["followups"],
            "export-clients": ["export-clients", "--out", str(tmp_path / "c.csv")],
            "report": ["report", "participants", "--out", str(tmp_path / "rep"), "--jobs", "1"],
            }[command] + ["--workspace", str(store.root)]
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(argv) == 0
    err = capfd.readouterr().err
    for name, tail in torn.items():
        [aside] = folder.glob(f"{name}.torn-*")
        assert aside.read_bytes() == tail
        said = [line for line in err.splitlines() if f"last line of {folder / name} " in line]
        assert len(said) == 1, err
        if name == JOURNAL_FILE:  # answers.json held that save: it is written back (N5)
            assert "was recovered from answers.json and written back to the record" \
                in said[0]
            assert f"its cut bytes were kept as {aside.name}" in said[0]
            continue
        assert f"is incomplete ({len(tail)} bytes) and was not read" in said[0]
        assert f"its bytes were kept as {aside.name}" in said[0]
    assert f"a save of session {TODAY.isoformat()}" in err
    assert "a change (step) of 'bo'" in err


def test_the_pages_say_a_last_line_was_cut_off(tmp_path):
    from workbook.session.widgets import ConversationsPage, IngredientSession

    store = _workspace(tmp_path)
    folder = store.folder("C1")
    _cut(folder, JOURNAL_FILE, 5)
    # no snapshot holds the cut change (one that does has it written back: test_trust3_record)
    (folder / "conversations.json").unlink()
    _cut(folder, JOURNAL, 10)
    day = (TODAY - dt.timedelta(days=10)).isoformat()
    page = IngredientSession("energy", "C1", ClientStore(store.root), session=day)
    assert any(f"a save of session {day}) was cut off" in m and "written back" in m
               for m in page.errors)  # answers.json held it (N5)
    # The ingredient page reads the list too (for how far the client has got): the first
    # page to read it says the line was cut off; the Conversations page then has no more.
    assert any("a change (step) of 'bo') is incomplete" in m for m in page.errors)
    conversations = ConversationsPage(ClientStore(store.root), "C1", today=TODAY)
    assert not any("is incomplete" in m for m in conversations.errors)
    assert "held" not in conversations.book.people["bo"].steps  # that change was cut off
