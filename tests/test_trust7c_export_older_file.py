"""attacks4 B9: `export-clients --instrument` with a coach's copy made before 2.1 (version
2.0) dropped every answer to a 2.1 statement and labelled the rows 2.0, without a word. It
is refused now, naming the clients and the version they answered on; nothing is written."""

from pathlib import Path

import pandas as pd

from workbook.session.store import ClientStore

from .reading_helpers import cli

OLD = Path(__file__).parent / "data" / "instrument_2_0.toml"


def _full(value=4):
    ings = ["hope", "time", "energy", "self_esteem", "ambition"]
    from workbook.core.instrument import load_instrument

    inst = load_instrument()
    out = {ing: {"items": {i: value for i in inst.ingredient(ing).item_ids}} for ing in ings}
    out["time"]["tool"] = {"hours_per_week": 4}
    return out


def test_an_older_instrument_file_is_refused_when_clients_answered_newer_statements(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full(), session="2026-11-01")
    store.save("Ben", _full(3), session="2026-11-02")
    out = tmp_path / "out.csv"
    proc = cli("export-clients", "--workspace", tmp_path / "ws", "--out", out,
               "--instrument", OLD)
    # before: exit 0, 12 of 25 answers per row, instrument_version 2.0
    assert proc.returncode == 1, proc.stderr
    assert not out.exists()
    err = proc.stderr
    assert f"{OLD} is instrument version 2.0, and the workspace holds answers to statements " \
        "it does not have, so they would be left out" in err
    assert "client 'Ann' (1 session(s) answered on 2.1: 13 statement(s), hope_6, hope_7, " \
        "hope_8, hope_9, time_6, time_7 ...)" in err
    assert "client 'Ben' (1 session(s)" in err
    assert "leave out --instrument to use the kit's own (version 2.1)" in err


def test_the_same_workspace_exports_with_the_kit_and_an_older_file_without_newer_answers(
        tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full(), session="2026-11-01")
    out = tmp_path / "out.csv"
    proc = cli("export-clients", "--workspace", tmp_path / "ws", "--out", out)
    assert proc.returncode == 0, proc.stderr
    row = pd.read_csv(out).iloc[0]
    assert row["hope_6"] == 4 and row["instrument_version"] == 2.1
    # answers only to statements 2.0 and 2.1 share: the 2.0 file loses nothing
    shared = ClientStore(tmp_path / "ws2")
    shared.save("Cy", {"hope": {"items": {"hope_1": 5}},
                       "time": {"items": {"time_1": 2, "time_2": 3}}}, session="2026-11-01")
    proc = cli("export-clients", "--workspace", tmp_path / "ws2", "--out", out,
               "--instrument", OLD)
    assert proc.returncode == 0, proc.stderr
    row = pd.read_csv(out).iloc[0]
    assert (row["hope_1"], row["time_1"], row["time_2"]) == (5, 2, 3)


def test_a_file_with_newer_statements_read_with_an_older_instrument_says_so(tmp_path):
    # before: 13 problems "matches no item ...; did you mean hope_2? Rename it" (a column
    # near no 2.0 name would have been left out without a word)
    from workbook.core.instrument import load_instrument
    from workbook.responses.io import read_responses

    from .reading_helpers import IDS, answers, write

    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)]])
    _, problems = read_responses(path, load_instrument(OLD))
    assert [(p.row, p.column) for p in problems] == [(1, None)]
    assert problems[0].message == (
        "columns hope_6, hope_7, hope_8, hope_9, time_6, time_7, energy_6, energy_7 and 5 "
        "more are statements of instrument version 2.1 (the kit's own), which this instrument "
        "file (version 2.0) does not have, so their answers would be left out: give an "
        "instrument file of version 2.1, or leave out --instrument to use the kit's own")
