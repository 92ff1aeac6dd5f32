"""Round 13a R9, followups' half: a misspelt key inside a journal section and a section that
is no ingredient, named by export-clients since 362418a, are named by `followups` too, one
line per client, in the export's words (README: followups "names what it cannot read in a
client's record, as export-clients does")."""

from __future__ import annotations

import datetime as dt
import json

from workbook.cli import main
from workbook.session.store import JOURNAL_FILE, ClientStore

ENERGY = {"energy_1": 4, "energy_2": 2, "energy_6": 4, "energy_7": 4, "energy_8": 2}
SAID = ("workbook: warning: client 'C3': session 2026-11-30's energy holds itmes, which is no "
        "part of a section the kit reads (items, reflections, tool, share, coach_note): not "
        "read; session 2026-11-30 holds a section 'hopee', which is no ingredient of the "
        "instrument: it was not read (its statements hope_1 were not read into their "
        "ingredient) (a hand edit of journal.jsonl? correct its line to have it read)")


def _workspace(root):
    store = ClientStore(root)
    store.save("C3", {"energy": {"items": ENERGY}}, session=dt.date(2026, 11, 2))
    store.save("C3", {"hope": {"items": {"hope_1": 3}}}, session=dt.date(2026, 11, 30))
    store.save("C4", {"hope": {"items": {"hope_1": 3}}}, session=dt.date(2026, 11, 30))
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)  # after the saves
    line = {"at": at.isoformat(), "session": "2026-11-30", "client_id": "C3",
            "answers": {"energy": {"itmes": {"energy_1": 1}}, "hopee": {"items": {"hope_1": 2}}}}
    with open(store.folder("C3") / JOURNAL_FILE, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
    return store.root


def _said(capsys, caplog) -> list:
    """What the command said beside its answer: standard error's lines and the log's."""
    lines = capsys.readouterr().err.splitlines() + caplog.messages
    caplog.clear()
    return lines


def test_followups_names_a_misspelt_key_and_an_unknown_section(tmp_path, capsys, caplog):
    root = _workspace(tmp_path / "ws")
    assert main(["followups", "--workspace", str(root)]) == 0
    err = _said(capsys, caplog)
    assert [line for line in err if "C3" in line] == [SAID]
    assert not [line for line in err if "C4" in line]


def test_followups_says_it_as_export_clients_does(tmp_path, capsys, caplog):
    root = _workspace(tmp_path / "ws")
    assert main(["export-clients", "--workspace", str(root), "--out",
                 str(tmp_path / "x.csv")]) == 0
    exported = [line for line in _said(capsys, caplog) if "itmes" in line]
    assert main(["followups", "--workspace", str(root)]) == 0
    listed = [line for line in _said(capsys, caplog) if "itmes" in line]
    assert exported == listed == [SAID]


def test_a_statement_the_instrument_lacks_is_named_once(tmp_path, capsys, caplog):
    store = ClientStore(tmp_path / "ws")
    store.save("C2", {"energy": {"items": {"energy_1": 3, "energy_9": 1}}},
               session="2026-12-01")
    assert main(["followups", "--workspace", str(store.root)]) == 0
    err = _said(capsys, caplog)
    assert len([line for line in err if "energy_9" in line]) == 1  # the lacking line (R16)
