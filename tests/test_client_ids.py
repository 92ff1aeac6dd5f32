"""One client, one name: the normal form of a client's id (issue 20).

A name typed with a composed or a decomposed letter, or with spaces around it, is one client
with one folder; a folder saved by an earlier kit under the id as typed is found and moved;
a new name that differs from a saved one only by capitals or width is asked about (the start
page, tests/test_app.py) or refused (``workbook coach``).
"""

import json

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError, WorkbookError
from workbook.session.coach import coach
from workbook.session.store import ClientStore
from workbook.session.store.records import check_id, exact_folder_name, folder_name, look_alike

COMPOSED, DECOMPOSED, WIDE = "Zo\u00eb", "Zoe\u0308", "\uff41\uff4e\uff4e"


def test_check_id_gives_one_normal_form():
    assert check_id(DECOMPOSED) == COMPOSED and check_id(f"  {COMPOSED}\t") == COMPOSED
    assert folder_name(DECOMPOSED) == folder_name(COMPOSED) == folder_name(f" {COMPOSED} ")
    assert folder_name("ann") != folder_name("Ann") != folder_name(WIDE)  # asked, not merged
    for bad in ("\u200b", "a\x00b", "a\rb", "\u200b \u2060"):
        with pytest.raises(StoreError):
            check_id(bad)


#: Format characters (Unicode category Cf) no one sees in a name: zero-width space, zero-width
#: non-joiner and joiner, word joiner, byte-order mark, soft hyphen, left-to-right and
#: right-to-left marks, the right-to-left override and an isolate.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
             "\u202e", "\u2067"]


def test_format_characters_are_dropped_from_a_client_name_as_the_reader_drops_them():
    from workbook.responses.reshape import clean_id

    for mark in INVISIBLE:
        assert check_id(f"ann{mark}") == "ann" and check_id(f"{mark}ann") == "ann"
        assert check_id(f"an{mark}n") == "ann" == clean_id(f"an{mark}n")
    assert check_id("bob\u202eevil") == "bobevil" == clean_id("bob\u202eevil")
    assert check_id("Zoe\u200b\u0308 ") == COMPOSED  # dropped, then composed
    assert folder_name("ann\u200b") == folder_name("ann")
    for name in ("ann\u200b", "\ufeff Zoe\u0308 K\u00ad", "bob\u202eevil", "Ива\u200dн"):
        assert clean_id(check_id(name)) == check_id(name)  # exported, read back as it is
    with pytest.raises(StoreError, match=r"the client name '\\u200b\\u202e' has no visible"):
        check_id("\u200b\u202e")


def test_names_differing_by_an_invisible_character_are_one_client(tmp_path):
    store = ClientStore(tmp_path)
    store.save("ann", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-01")
    store.save("ann\u200b", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-20")
    store.save("bob\u202eevil", {"time": {"items": {"time_1": 3}}}, session="2026-11-20")
    assert store.clients() == ["ann", "bobevil"]
    assert store.history("ann\ufeff") == {"2026-11-01": {"hope": {"items": {"hope_1": 4}}},
                                           "2026-11-20": {"hope": {"items": {"hope_1": 2}}}}
    assert len([p for p in tmp_path.iterdir() if not p.name.startswith(".")]) == 2


def test_export_of_names_differing_by_an_invisible_character_is_one_participant(tmp_path):
    import pandas as pd

    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-01")
    store.save("ann\u200b", {"hope": {"items": {"hope_1": 2}}}, session="2026-11-20")
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"),
                 "--out", str(tmp_path / "x.csv")]) == 0
    ids = pd.read_csv(tmp_path / "x.csv", dtype=str, keep_default_na=False)["participant_id"]
    assert list(ids) == ["ann", "ann"]


def test_an_old_folder_of_a_name_with_an_invisible_character_is_moved(tmp_path):
    old = _old_folder(tmp_path, "ann\u200b", {"hope_1": 2})
    moved_aside = _old_folder(tmp_path, "bob\ufeff", {"hope_1": 5})
    assert old.name != folder_name("ann")
    from workbook.session.store.scan import scan

    read_only = ClientStore(tmp_path, read_only=True)  # a read-only command moves nothing
    assert [(p.folder.name, p.reason) for p in scan(read_only).problems][0] == (old.name, (
        "it was made for 'ann\\u200b' spelled another way (a decomposed letter, an invisible "
        "character or spaces around it); open the workspace with `workbook coach` once to "
        f"move it to {folder_name('ann')}"))
    store = ClientStore(tmp_path)  # opening the workspace moves them
    assert store.clients() == ["ann", "bob"]
    assert store.load("ann")["hope"]["items"] == {"hope_1": 2}
    assert not old.exists() and not moved_aside.exists()
    store.save("ann", {"time": {"items": {"time_2": 3}}}, session="2026-11-01")
    assert ClientStore(tmp_path).load("ann\u200b") == {"hope": {"items": {"hope_1": 2}},
                                                        "time": {"items": {"time_2": 3}}}


def test_look_alike_names_the_saved_client():
    saved = ["ann", "Bob"]
    assert look_alike("Ann", saved) == "ann" and look_alike(WIDE, saved) == "ann"
    assert look_alike("BOB", saved) == "Bob"
    assert look_alike("ann", saved) is None and look_alike(" ann ", saved) is None
    assert look_alike("anna", saved) is None


def test_a_name_typed_two_ways_shares_one_folder(tmp_path):
    store = ClientStore(tmp_path)
    store.save(COMPOSED, {"hope": {"items": {"hope_1": 4}}}, session="2026-11-26")
    store.save(DECOMPOSED, {"time": {"items": {"time_2": 5}}}, session="2026-11-26")
    store.save(" ann", {"time": {"items": {"time_1": 2}}}, session="2026-11-26")
    assert store.clients() == [COMPOSED, "ann"]
    assert store.load(f" {DECOMPOSED}") == {"hope": {"items": {"hope_1": 4}},
                                            "time": {"items": {"time_2": 5}}}
    assert store.load("ann")["time"]["items"] == {"time_1": 2}
    assert len([p for p in tmp_path.iterdir() if not p.name.startswith(".")]) == 2


def _old_folder(root, client, items):
    """A folder as kits before 2026-12 made it: named from the id as typed."""
    folder = root / exact_folder_name(client)
    folder.mkdir(mode=0o700)
    (folder / "client.json").write_text(json.dumps({"format": 1, "client_id": client}))
    line = {"at": "2026-11-01T10:00:00", "session": "2026-11-01", "client_id": client,
            "answers": {"hope": {"items": items}}}
    (folder / "journal.jsonl").write_text(json.dumps(line) + "\n")
    (folder / "answers.json").write_text(json.dumps({"format": 1, "client_id": client,
                                                     "sessions": {}, "journal_bytes": 0}))
    return folder


def test_old_folders_of_ids_as_typed_are_found_under_the_normal_id(tmp_path):
    old = [_old_folder(tmp_path, DECOMPOSED, {"hope_1": 4}),
           _old_folder(tmp_path, " ann", {"hope_1": 2})]
    assert [o.name for o in old] != [folder_name(COMPOSED), folder_name("ann")]
    store = ClientStore(tmp_path)  # opening the workspace moves them
    assert store.clients() == [COMPOSED, "ann"]
    assert store.load(COMPOSED)["hope"]["items"] == {"hope_1": 4}
    assert store.load("ann")["hope"]["items"] == {"hope_1": 2}
    assert not any(o.exists() for o in old)
    store.save("ann", {"time": {"items": {"time_2": 3}}}, session="2026-11-01")
    assert ClientStore(tmp_path).load(" ann") == {"hope": {"items": {"hope_1": 2}},
                                                  "time": {"items": {"time_2": 3}}}


def test_an_old_folder_whose_normal_id_has_a_folder_is_left_in_place(tmp_path):
    ClientStore(tmp_path).save(COMPOSED, {"hope": {"items": {"hope_1": 5}}}, session="2026-11-02")
    old = _old_folder(tmp_path, DECOMPOSED, {"hope_1": 1})
    store = ClientStore(tmp_path)
    assert old.is_dir() and store.clients() == [COMPOSED]
    assert store.load(COMPOSED)["hope"]["items"] == {"hope_1": 5}  # never merged silently
    from workbook.session.store.scan import scan

    assert [(p.folder, p.reason) for p in scan(store).problems] == [(old, (
        f"it was made for {DECOMPOSED!r} spelled another way (a decomposed letter, an invisible "
        f"character or spaces around it), and that client has the folder "
        f"{folder_name(COMPOSED)} already; move what you need there by hand"))]


def test_coach_refuses_a_look_alike_naming_the_saved_client(tmp_path, capsys):
    ClientStore(tmp_path / "ws").create("ann")
    with pytest.raises(WorkbookError, match="there is no saved client 'Ann', but there is 'ann'"):
        coach("Ann", workspace=tmp_path / "ws", port=18_866, run=False)
    assert main(["coach", "\uff41\uff4e\uff4e", "--workspace", str(tmp_path / "ws"),
                 "--port", "18866"]) == 1
    assert "but there is 'ann'" in capsys.readouterr().err
    assert ClientStore(tmp_path / "ws").clients() == ["ann"]


def test_coach_with_spaces_opens_the_one_client(tmp_path, monkeypatch, capsys):
    import workbook.session.coach

    monkeypatch.setattr(workbook.session.coach, "serve", lambda cmd, env: None)
    ClientStore(tmp_path / "ws").create("ann")
    assert main(["coach", " ann", "--workspace", str(tmp_path / "ws"), "--port", "18866"]) == 0
    out = capsys.readouterr().out
    assert "Client: ann\n" in out and "?client=ann\n" in out
    store = ClientStore(tmp_path / "ws")
    assert store.clients() == ["ann"] and store.current() == "ann"
