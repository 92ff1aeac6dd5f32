"""Round 13a R22: a session whose hope section holds a 2.0 statement beside 2.1 ones (hope_4
beside hope_6 and hope_8, saved through ClientStore.save) was exported without a word and
stamped 2.1, and the kit's own `validate` then called the row a problem. The export now
names the client, the session and the statements of the two versions."""

import datetime as dt
import json

from workbook.cli import main
from workbook.session.store import JOURNAL_FILE, ClientStore


def test_the_export_names_a_section_answered_on_two_versions(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"time": {"items": {"time_1": 4}}}, session="2026-11-30")
    # the store refuses such a save now (tests/test_trust19_store_two_versions.py): a record
    # written by an older kit or by hand
    line = {"at": (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)).isoformat(),
            "session": "2026-12-01", "client_id": "C1",
            "answers": {"hope": {"items": {"hope_1": 3, "hope_4": 2, "hope_6": 3, "hope_8": 4}}}}
    with open(store.folder("C1") / JOURNAL_FILE, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(line) + "\n")
    store.save("C2", {"hope": {"items": {"hope_1": 3, "hope_6": 3}}}, session="2026-12-01")
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "two versions" in line]
    assert len(said) == 1, err
    assert "client 'C1', session 2026-12-01" in said[0]
    assert "hope_4" in said[0] and "hope_8" in said[0]
    assert "'C2'" not in said[0]
