"""Round 13a R16: `followups` said nothing of statements the instrument lacks (energy_9 saved
through ClientStore.save, hope_77 written into journal.jsonl by hand), while export-clients and
the report refuse the same workspace. README: such a statement "is named and not read by
`followups`". It now goes on and names them in one warning line."""

import json

from workbook.cli import main
from workbook.session.store import ClientStore


def make(root):
    store = ClientStore(root)
    store.save("C1", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    store.save("C2", {"energy": {"items": {"energy_1": 3, "energy_9": 1}}}, session="2026-12-01")
    store.save("C3", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    journal = store.client_folder("C3") / "journal.jsonl"
    with open(journal, "a", encoding="utf-8") as out:
        out.write(json.dumps({"at": "2026-12-07T16:50:00+00:00", "session": "2026-12-01",
                              "client_id": "C3",
                              "answers": {"hope": {"items": {"hope_77": 2}}}}) + "\n")
    return store


def test_followups_names_the_statements_it_does_not_read(tmp_path, capsys):
    store = make(tmp_path / "ws")
    assert main(["followups", "--workspace", str(store.root)]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "energy_9" in line]
    assert len(lines) == 1
    assert "client 'C2': energy_9" in lines[0] and "client 'C3': hope_77" in lines[0]
    assert "not read here" in lines[0]
    # the export refuses the same workspace, naming the same statements
    code = main(["export-clients", "--workspace", str(store.root),
                 "--out", str(tmp_path / "x.csv")])
    assert code != 0
    assert "client 'C2': energy_9" in capsys.readouterr().err


def test_followups_says_nothing_when_every_statement_is_read(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    assert main(["followups", "--workspace", str(store.root)]) == 0
    assert "not read here" not in capsys.readouterr().err
