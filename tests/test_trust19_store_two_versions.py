"""Round 13a R22, the store's half: `ClientStore.save` accepted one section answering a
statement beside the statement that replaced it (hope_4 of 2.0 beside hope_8 of 2.1), which
no version asked together; the kit's own `validate` then refused the export's row. Such a
save is refused now, naming the statements and the versions, and the record is left as it
was; a record already holding such a section (an older kit, a hand edit) is read as it is
and the export names it."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError
from workbook.session.store import JOURNAL_FILE, ClientStore

MIXED = {"hope_1": 3, "hope_4": 2, "hope_6": 3, "hope_8": 4}


def _record(store, client="C1"):
    folder = store.folder(client)
    return {name: (folder / name).read_bytes() for name in (JOURNAL_FILE, "answers.json")
            if (folder / name).exists()}


def test_a_section_with_a_statement_beside_its_replacement_is_refused(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"time": {"items": {"time_1": 4}}}, session="2026-11-30")
    before = _record(store)
    with pytest.raises(StoreError) as said:
        store.save("C1", {"hope": {"items": MIXED}}, session="2026-12-01")
    assert str(said.value) == (
        "hope: this save answers hope_4 of version 2.0 beside hope_6, hope_8 of version 2.1 "
        "(hope_8 replaced hope_4), which no version asked together: validate, score and "
        "cohort would call the session a problem. Save the section with one version's "
        "statements only; nothing was saved")
    assert _record(store) == before
    assert ClientStore(tmp_path / "ws").sessions("C1") == ["2026-11-30"]


def test_a_statement_beside_a_later_version_s_new_one_is_refused(tmp_path):
    store = ClientStore(tmp_path / "ws")
    with pytest.raises(StoreError, match=r"^energy: this save answers energy_3 of version 2\.0 "
                       r"beside energy_7 of version 2\.1, which no version"):
        store.save("C1", {"energy": {"items": {"energy_1": 2, "energy_3": 2, "energy_7": 4}}},
                   session="2026-12-01")
    assert not store.folder("C1").exists() or not _record(store)


def test_one_version_s_statements_are_saved(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"hope": {"items": {"hope_1": 3, "hope_4": 2}}}, session="2026-11-01")
    store.save("C1", {"hope": {"items": {"hope_1": 3, "hope_8": 4}}}, session="2026-12-01")
    assert ClientStore(tmp_path / "ws").history("C1")["2026-12-01"]["hope"]["items"] == {
        "hope_1": 3, "hope_8": 4}


def test_a_merge_adding_a_replacement_to_a_mixed_section_is_refused(tmp_path):
    # the round's reproduction: hope_4 beside hope_6 written by an older kit, then a page
    # adds hope_8 (which replaced hope_4) with base=
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"time": {"items": {"time_1": 4}}}, session="2026-11-30")
    _hand_line(store, "2026-12-01", {"hope_1": 3, "hope_4": 2, "hope_6": 3})
    base = ClientStore(tmp_path / "ws").load("C1", session="2026-12-01")
    new = copy.deepcopy(base["hope"])
    new["items"]["hope_8"] = 4
    before = _record(store)
    with pytest.raises(StoreError, match=r"hope_8 replaced hope_4.*nothing was saved"):
        ClientStore(tmp_path / "ws").save("C1", {"hope": new}, session="2026-12-01",
                                          base={"hope": base["hope"]})
    assert _record(store) == before


def _hand_line(store, session, items):
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)  # after the saves
    line = {"at": at.isoformat(), "session": session,
            "client_id": "C1", "answers": {"hope": {"items": items}}}
    with open(store.folder("C1") / JOURNAL_FILE, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def test_a_record_already_mixed_is_read_as_it_is_and_named(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("C1", {"time": {"items": {"time_1": 4}}}, session="2026-11-30")
    _hand_line(store, "2026-12-01", MIXED)
    assert ClientStore(tmp_path / "ws").history("C1")["2026-12-01"]["hope"]["items"] == MIXED
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "two versions" in line]
    assert len(said) == 1 and "client 'C1', session 2026-12-01" in said[0]
