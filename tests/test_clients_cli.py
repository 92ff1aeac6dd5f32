"""``workbook export-clients``: coaching sessions flow into the canonical response table."""

import warnings

import pandas as pd

from workbook import load_responses, score
from workbook.cli import main
from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

INST = load_instrument()
HOPE, TIME, ENERGY, SELF_ESTEEM, AMBITION = INST.ingredient_ids


def items(ingredient, values):
    return dict(zip(INST.ingredient(ingredient).item_ids, values, strict=True))


def test_export_clients_writes_one_row_per_client_per_session(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    day1 = {
        HOPE: {"items": items(HOPE, [4, 4, 2, 4, 2]), "reflections": ["secret thought"]},
        TIME: {"items": items(TIME, [4, 2, 4, 4, 2]), "tool": {schema.HOURS: 3}},
        ENERGY: {"items": items(ENERGY, [3, 3, 3, 3, 3])},
        SELF_ESTEEM: {"items": items(SELF_ESTEEM, [5, 5, 5, 5, 5])},
        AMBITION: {"items": items(AMBITION, [2, 4, 4, 2, 2]),
                   "tool": {schema.MOTIVATORS: ["money", "freedom"],
                            schema.NORTH_STAR: "=SUM(A1)"},
                   "share": [schema.MOTIVATORS, schema.NORTH_STAR]},  # ticked: exported
    }
    store.save("Zoë/../1", day1, session="2026-11-26")
    store.save("Zoë/../1", {HOPE: {"items": items(HOPE, [5, 5, 1, 5, 1])}}, session="2026-12-04")
    store.save("bob", {TIME: {"items": items(TIME, [1, 5, 1, 1, 5])}}, session="2026-12-01")
    out = tmp_path / "export" / "clients.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out),
                 "--cohort", "one-on-one"]) == 0
    assert "wrote 3 session(s) of 2 client(s)" in capsys.readouterr().err
    text = out.read_text()
    assert "secret thought" not in text and "'=SUM(A1)" in text  # private; formula defused
    data = load_responses(out)
    # the id exactly as typed, not its folder name (which was written as Zoe_1)
    assert data[schema.PARTICIPANT_ID].tolist() == ["Zoë/../1", "Zoë/../1", "bob"]
    assert data[schema.TIMEPOINT].tolist() == ["2026-11-26", "2026-12-04", "2026-12-01"]
    assert data[schema.COHORT].tolist() == ["one-on-one"] * 3
    assert data[schema.MOTIVATORS].iloc[0] == "money;freedom"
    assert data[schema.HOURS].iloc[0] == 3
    scores = score(data)
    # hand-computed: 75, 75, 50, 60, 25 -> build_first (ambition); the reverse-keyed answers
    # are hope's 3rd and 5th, time's 2nd and 5th, self-esteem's 3rd and 5th, ambition's 2nd
    # and 3rd (instrument 2.1)
    first = scores.iloc[0]
    assert [first[i] for i in INST.ingredient_ids] == [75.0, 75.0, 50.0, 60.0, 25.0]
    assert first[schema.VERDICT] == schema.BUILD_FIRST
    # the later date's row is the picture after it: hope redone, the rest carried (session
    # rule), so it scores as the screen and the report show it
    assert scores.iloc[1][HOPE] == 100.0 and scores.iloc[1][TIME] == 75.0
    assert scores.iloc[2][TIME] == 0.0  # every answer at the floor once keyed


def test_export_clients_refuses_a_missing_workspace(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["export-clients", "--workspace", str(missing),
                 "--out", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "no workspace folder" in err and "Traceback" not in err
    assert not missing.exists() and not (tmp_path / "x.csv").exists()


def test_export_of_an_empty_workspace_has_the_header_only(tmp_path):
    (tmp_path / "ws").mkdir()
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    header = out.read_text().splitlines()
    assert header == [",".join([*schema.ID_COLUMNS, *INST.item_ids, *schema.EXTRA_COLUMNS,
                                "people_listed", "notes_sent", "conversations_held",
                                "places_listed", "places_with_contact", "carried",
                                *schema.PLAN_COLUMNS, "instrument_version"])]


def test_export_writes_each_exact_id_even_where_old_folder_names_collided(tmp_path):
    store = ClientStore(tmp_path / "ws")
    ids = ["Zoe K", "Zoë K", "Иван", "Мария", "Ann B", "Ann_B"]
    for n, client in enumerate(ids, start=1):
        store.save(client, {HOPE: {"items": items(HOPE, [n % 5 + 1] * 5)}}, session="2026-11-26")
    out = tmp_path / "clients.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    data = load_responses(out)
    assert data[schema.PARTICIPANT_ID].tolist() == sorted(ids)
    by_id = data.set_index(schema.PARTICIPANT_ID)
    for n, client in enumerate(ids, start=1):
        assert by_id.loc[client, INST.ingredient(HOPE).item_ids[0]] == n % 5 + 1


def test_export_of_a_misshapen_state_file_sets_it_aside_and_goes_on(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {HOPE: {"items": items(HOPE, [4, 4, 2, 4, 4])}}, session="2026-11-26")
    state = store.folder("ann") / "answers.json"
    state.write_text('{"sessions": {"2026-11-26": {"hope": {"items": [4, 4]}}}}')  # valid JSON
    out = tmp_path / "x.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "unexpected error" not in err
    said = [line for line in err.splitlines() if "moved to answers.json.corrupt-" in line]
    assert len(said) == 1 and said[0].startswith("workbook: warning: ")  # once, one line
    data = load_responses(out)
    assert data[list(INST.ingredient(HOPE).item_ids)].iloc[0].tolist() == [4, 4, 2, 4, 4]


def test_export_names_saved_answers_it_cannot_hold_instead_of_dropping_them(tmp_path, caplog):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", {"hope": {"items": {"hope_1": True, "hope_6": "abc", "hope_7": 7,
                                          "hope_8": "4", "hope_9": 5}}}, session="2026-02-01")
    out = tmp_path / "clients.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert row[["hope_8", "hope_9"]].tolist() == [4, 5]
    assert row[["hope_1", "hope_6", "hope_7"]].isna().all()  # True is not 1, 'abc' not 0
    assert "3 saved answer(s) are not on the scale" in caplog.text
    for shown in ("hope_1=True", "hope_6='abc'", "hope_7=7", "'Ann' 2026-02-01"):
        assert shown in caplog.text


def test_a_client_id_must_be_text(tmp_path):
    import pytest

    from workbook.core.exceptions import StoreError

    store = ClientStore(tmp_path)
    store.save("1", {"hope": {"items": {"hope_1": 3}}}, session="2026-02-01")
    for not_text in (1, True, 1.0):
        with pytest.raises(StoreError, match="must be text"):
            store.save(not_text, {"hope": {"items": {"hope_1": 5}}}, session="2026-02-01")
    assert store.load("1") == {"hope": {"items": {"hope_1": 3}}}


def test_export_clients_leaves_out_exercise_answers_not_ticked(tmp_path, capsys):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {AMBITION: {"items": items(AMBITION, [4, 4, 2, 4, 4]),
                                  "tool": {schema.MOTIVATORS: ["money"],
                                           schema.NORTH_STAR: "a private star"},
                                  "reflections": ["a private thought"],
                                  "coach_note": "a coach's word"}}, session="2026-11-26")
    out = tmp_path / "clients.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    text = out.read_text()
    for private in ("a private star", "money", "a private thought", "a coach's word"):
        assert private not in text
    assert load_responses(out)["ambition_1"].tolist() == [4]
