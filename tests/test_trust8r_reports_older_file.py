"""attacks4 B9 (rest): the reports of a workspace fed a coach's instrument copy made before
2.1 (version 2.0) dropped every answer to a 2.1 statement, without a word. They refuse it
now as `export-clients` does, naming the file and the clients; nothing is made."""

from pathlib import Path

import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.reports.inputs import client_rows
from workbook.session.store import ClientStore

from .reading_helpers import cli

OLD = Path(__file__).parent / "data" / "instrument_2_0.toml"
REFUSED = (f"{OLD} is instrument version 2.0, and the workspace holds answers to statements "
           "it does not have, so they would be left out: client 'Ann' (1 session(s) answered "
           "on 2.1: 13 statement(s), hope_6, hope_7, hope_8, hope_9, time_6, time_7 ...)")


def _workspace(tmp_path):
    inst = load_instrument()
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in inst.ingredients}
    answers["time"]["tool"] = {"hours_per_week": 4}
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", answers, session="2026-11-01")
    return tmp_path / "ws"


@pytest.mark.parametrize("kind", ["participants", "cohort"])
def test_the_reports_refuse_an_older_file(tmp_path, kind):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    proc = cli("report", kind, "--workspace", ws, "--out", out, "--instrument", OLD)
    # before: exit 0, the report made from the 12 statements 2.0 has
    assert proc.returncode == 1, proc.stderr
    assert REFUSED in proc.stderr
    assert not (out / "index.html").exists()


@pytest.mark.filterwarnings("ignore:.*written for an earlier version")
def test_one_clients_rows_refuse_it_too(tmp_path):
    ws = _workspace(tmp_path)
    with pytest.raises(InstrumentError) as err:
        client_rows(ws, "Ann", load_instrument(OLD))
    assert REFUSED in str(err.value)
    table, _ = client_rows(ws, "Ann", load_instrument())  # the kit's own: read as before
    assert table["hope_6"].tolist() == [4.0]
