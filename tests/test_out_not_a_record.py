"""An output the user names never lands on a client's record (issue 20, attacks2 N10).

``--out`` / ``--ics`` naming a record file (journal.jsonl, client.json, ...) or a place inside a
client's folder of a workspace is refused with the reason, exit 1, and the record is left
byte for byte as it was.
"""

from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core.files import refuse_record_target
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import sample_path
from workbook.session.store import ClientStore

INST = load_instrument()
HOPE = INST.ingredient_ids[0]


@pytest.fixture()
def workspace(tmp_path):
    store = ClientStore(tmp_path / "ws")
    hope = dict(zip(INST.ingredient(HOPE).item_ids, [4, 4, 2, 4, 4], strict=True))
    store.save("c1", {HOPE: {"items": hope}}, session="2026-12-01")
    (client,) = [p.parent for p in store.root.glob("*/client.json")]
    return store.root, client


def tree(root):
    """Every file under root with its bytes (a new file or a changed byte shows)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def cases(ws, client):
    data = str(sample_path())
    return {
        "export over journal": ["export-clients", "--workspace", str(ws),
                                "--out", str(client / "journal.jsonl")],
        "export over client.json": ["export-clients", "--workspace", str(ws),
                                    "--out", str(client / "client.json")],
        "export into client folder": ["export-clients", "--workspace", str(ws),
                                      "--out", str(client / "export.csv")],
        "score over conversations": ["score", data, "--out",
                                     str(client / "conversations.jsonl")],
        "score over answers": ["score", data, "--out", str(client / "answers.json")],
        "score into a folder in the client folder": ["score", data, "--out",
                                                     str(client / "new" / "scores.csv")],
        "cohort into client folder": ["cohort", data, "--out", str(client)],
        "cohort below client folder": ["cohort", data, "--out", str(client / "tables")],
        "followups ics in client folder": ["followups", "--workspace", str(ws),
                                           "--ics", str(client / "followups.ics")],
        "report cohort into client folder": ["report", "cohort", data,
                                             "--out", str(client)],
        "report participants into client folder": ["report", "participants", "--workspace", str(ws),
                                                   "--out", str(client / "reports")],
        "demo into client folder": ["demo", "--out", str(client / "demo")],
    }


NAMES = list(cases(Path("ws"), Path("c")))


@pytest.mark.parametrize("name", NAMES)
def test_output_on_a_client_record_is_refused(workspace, name, capsys):
    ws, client = workspace
    before = tree(ws)
    assert main(cases(ws, client)[name]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workbook: error: --")
    assert str(client) in err
    assert "record" in err and "Traceback" not in err
    assert tree(ws) == before  # byte-identical, nothing new


def test_the_reasons_name_the_path_and_why(tmp_path):
    client = tmp_path / "ws" / "c1"
    client.mkdir(parents=True)
    (client / "client.json").write_text("{}")
    with pytest.raises(Exception) as named:
        refuse_record_target(tmp_path / "else" / "Journal.JSONL")
    assert str(named.value) == (
        f"--out {tmp_path / 'else' / 'Journal.JSONL'}: Journal.JSONL is the name of a client's "
        "record file in a workspace, and writing it would replace that record; name the file "
        "otherwise, in a folder outside the workspace's client folders")
    with pytest.raises(Exception) as inside:
        refuse_record_target(client / "a" / "b" / "x.csv", "--ics")
    assert str(inside.value) == (
        f"--ics {client / 'a' / 'b' / 'x.csv'} is inside the client's folder {client.resolve()} "
        "(it holds client.json), where that client's record is kept; nothing is written there: "
        "choose a place outside the workspace's client folders")


def test_places_beside_the_clients_are_allowed(workspace, tmp_path):
    ws, client = workspace
    for fine in (ws / "export.csv", ws, tmp_path / "out" / "scores.csv", tmp_path):
        assert refuse_record_target(fine) == fine
    # four levels below a client's folder is no longer looked at (kept simple)
    deep = client / "a" / "b" / "c" / "x.csv"
    assert refuse_record_target(deep) == deep
