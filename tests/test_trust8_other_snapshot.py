"""attacks5 C12: another client's answers.json or conversations.json copied into a folder,
or a client.json edited by hand, hid the whole client (every command left them out, the
store refused them) though their own record was whole. Now the snapshot is set aside and
rebuilt from the record, and the id file written again, each with one line saying so."""

import datetime as dt
import json
import shutil
import warnings

from workbook.cli import main
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning

D = dt.date


def _two(root):
    s = ClientStore(root)
    s.save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    s.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-20")
    Tracker(s, "c1").change(model.add_op("Ana", org="Lib", person_id="ana",
                                         today=D(2026, 11, 4)))
    s.save("c2", {"hope": {"items": {"hope_1": 1}}}, session="2026-11-05")
    Tracker(s, "c2").change(model.add_op("Zed", org="Zoo", person_id="zed",
                                         today=D(2026, 11, 6)))
    return s


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def test_another_clients_answers_json_is_set_aside_and_rebuilt(tmp_path):
    s = _two(tmp_path / "ws")
    shutil.copy(s.folder("c2") / "answers.json", s.folder("c1") / "answers.json")
    history, said = _said(lambda: ClientStore(tmp_path / "ws").history("c1"))
    # before: StoreError (".../answers.json holds the answers of another client")
    assert sorted(history) == ["2026-11-02", "2026-11-20"]
    assert history["2026-11-20"] == {"hope": {"items": {"hope_1": 3}}}
    assert len(said) == 1 and "answers.json" in said[0] and "'c2'" in said[0]
    assert "another client" in said[0] and "rebuilt from journal.jsonl" in said[0]
    assert list(s.folder("c1").glob("answers.json.corrupt-*"))


def test_another_clients_conversations_json_is_set_aside_and_rebuilt(tmp_path, capsys):
    s = _two(tmp_path / "ws")
    shutil.copy(s.folder("c2") / "conversations.json", s.folder("c1") / "conversations.json")
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out",
                 str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    rows = (tmp_path / "x.csv").read_text().splitlines()
    assert len(rows) == 4  # header, c1's two sessions, c2's one (before: c1 left out)
    assert "conversations.json" in err and "'c2'" in err and "rebuilt" in err
    assert list(Tracker(ClientStore(tmp_path / "ws"), "c1").read().people) == ["ana"]


def test_a_client_json_naming_another_client_is_written_again(tmp_path, capsys):
    s = _two(tmp_path / "ws")
    (s.folder("c1") / "client.json").write_text(json.dumps({"format": 1,
                                                            "client_id": "c9"}))
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out",
                 str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    assert len((tmp_path / "x.csv").read_text().splitlines()) == 4  # before: 2 (c1 left out)
    assert "client.json named 'c9'" in err and "written again for 'c1'" in err
    assert json.loads((s.folder("c1") / "client.json").read_text())["client_id"] == "c1"
    assert ClientStore(tmp_path / "ws").sessions("c1") == ["2026-11-02", "2026-11-20"]


def test_a_copied_folder_is_still_left_out(tmp_path, capsys):
    s = _two(tmp_path / "ws")
    shutil.copy(s.folder("c2") / "client.json", s.folder("c1") / "client.json")
    shutil.copy(s.folder("c2") / "journal.jsonl", s.folder("c1") / "journal.jsonl")
    # the record names two clients now: nothing says whose the folder is
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out",
                 str(tmp_path / "x.csv")]) == 0
    assert "a copied folder?" in capsys.readouterr().err
