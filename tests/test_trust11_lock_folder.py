"""Round 7 E6: a client's ``.lock`` that has become a folder (a sync tool can do this).

A save said "this client's records are not read or saved" while ``export-clients`` and
``followups`` read and listed the client without a word. Now every command that reads the
client says the lock is a folder, and the save's words say what is true: no session page
or notebook can open or save the client, the commands that only read still read it.
"""

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore

HOPE = {"hope": {"items": {"hope_1": 3}}}


@pytest.fixture
def ws(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", HOPE, session="2026-11-01")
    lock = store.folder("Ann") / ".lock"
    lock.unlink()
    lock.mkdir()
    return store, lock


def _words(lock, read):
    start = "this client's records were read, but" if read else "so"
    return (f"{lock} is a folder, where the store keeps the small file that stops two saves "
            f"writing at once, {start} no session page or notebook can open or save this "
            "client (commands that only read, such as export-clients and followups, still "
            f"read the records): move that folder out of {lock.parent} (the kit never makes "
            "it) and try again")


@pytest.mark.parametrize("command", ["export-clients", "followups"])
def test_a_command_that_reads_the_client_says_the_lock_is_a_folder(ws, tmp_path, capsys,
                                                                    command):
    store, lock = ws
    argv = [command, "--workspace", str(store.root)]
    if command == "export-clients":
        argv += ["--out", str(tmp_path / "x.csv")]
    assert main(argv) == 0
    err = capsys.readouterr().err
    # before the fix: nothing was said
    assert _words(lock, read=True) in " ".join(err.split())
    assert "Traceback" not in err


def test_a_save_says_what_the_commands_say(ws):
    store, lock = ws
    with pytest.raises(StoreError) as caught:
        ClientStore(store.root).save("Ann", HOPE, session="2026-11-02")
    assert str(caught.value) == _words(lock, read=False)  # before: "are not read or saved"
    with pytest.warns(UserWarning) as said:
        assert ClientStore(store.root, read_only=True).sessions("Ann") == ["2026-11-01"]
    assert [str(w.message) for w in said] == [_words(lock, read=True)]
