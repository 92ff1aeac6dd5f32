"""The client store: atomic saves, journal, history, merges, damaged files, crashes."""

import errno
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import warnings

import pytest

from workbook.core import schema
from workbook.core.exceptions import StoreError
from workbook.core.instrument import load_instrument
from workbook.session.clients_table import responses
from workbook.session.store import (
    ID_FILE,
    JOURNAL_FILE,
    LOCK_FILE,
    STATE_FILE,
    ClientStore,
    StoreWarning,
    answers_row,
    disk,
    resolve_workspace,
)

INST = load_instrument()
HOPE, TIME = INST.ingredient_ids[0], INST.ingredient_ids[1]
HOPE_ITEMS = INST.ingredient(HOPE).item_ids
TIME_ITEMS = INST.ingredient(TIME).item_ids
DAY1, DAY2 = "2026-11-26", "2026-12-03"


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def test_workspace_is_created_and_env_is_used(tmp_path, monkeypatch):
    target = tmp_path / "a" / "b"
    assert ClientStore(target).root == target and target.is_dir()
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "env"))
    assert resolve_workspace() == tmp_path / "env"
    assert resolve_workspace(tmp_path / "x") == tmp_path / "x"
    monkeypatch.delenv("WORKBOOK_HOME")
    assert resolve_workspace() == resolve_workspace("~/readiness-workbook")


def test_workspace_that_is_a_file_or_unwritable(tmp_path, monkeypatch):
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        ClientStore(afile)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(StoreError, match="not writable"):
        ClientStore(tmp_path / "locked")


def test_unsafe_client_ids_stay_inside_the_workspace(store):
    for bad in ("../../etc/passwd", "a b/c.d", ".hidden", "Zoë Smith"):
        store.save(bad, {HOPE: {"items": {HOPE_ITEMS[0]: 3}}}, session=DAY1)
        folder = store.folder(bad)
        assert folder.parent == store.root
        assert (folder / STATE_FILE).is_file()
        assert not folder.name.startswith(".") and "/" not in folder.name
        assert store.load(bad)[HOPE]["items"] == {HOPE_ITEMS[0]: 3}
    assert sorted(p.name.rsplit("-", 1)[0] for p in store.root.iterdir()
                  if not p.name.startswith(".")) == ["Zoe_Smith", "a_b_c_d", "etc_passwd", "hidden"]
    assert store.clients() == ["../../etc/passwd", ".hidden", "Zoë Smith", "a b/c.d"]
    with pytest.raises(StoreError, match="cannot be empty"):
        store.save("  ", {})


def test_save_load_history_and_journal(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    store.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 2}, "tool": {schema.HOURS: 3}}}, session=DAY1)
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}, session=DAY2)
    assert store.sessions("c1") == [DAY1, DAY2]
    history = store.history("c1")
    assert history[DAY1][HOPE]["items"] == {HOPE_ITEMS[0]: 4}
    assert history[DAY2] == {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}
    latest = store.load("c1")
    assert latest[HOPE]["items"][HOPE_ITEMS[0]] == 5  # newest session wins
    assert latest[TIME]["tool"][schema.HOURS] == 3  # carried from the earlier session
    assert store.load("c1", session=DAY1)[HOPE]["items"][HOPE_ITEMS[0]] == 4
    assert store.load("nobody") == {}
    lines = (store.folder("c1") / JOURNAL_FILE).read_text().splitlines()
    assert [json.loads(x)["session"] for x in lines] == [DAY1, DAY1, DAY2]


def test_bad_session_and_unserialisable_answers(store):
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        store.save("c1", {}, session="../x")
    with pytest.raises(StoreError, match="cannot be saved"):
        store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: float("nan")}}})
    assert not (store.folder("c1") / STATE_FILE).exists()


def test_two_writers_merge_their_own_sections(store):
    """Two notebooks of one client: each save re-reads and merges, so nothing is lost."""
    other = ClientStore(store.root)
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 1}}}, session=DAY1)
    other.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 5}}}, session=DAY1)
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 2}}}, session=DAY1)
    assert store.load("c1") == {
        HOPE: {"items": {HOPE_ITEMS[0]: 2}},
        TIME: {"items": {TIME_ITEMS[0]: 5}},
    }


def test_concurrent_processes_lose_nothing(store):
    script = textwrap.dedent(f"""
        import sys
        from workbook.session.store import ClientStore
        store, section = ClientStore(sys.argv[1]), sys.argv[2]
        for n in range(40):
            store.save("c1", {{section: {{"n": n}}}}, session="{DAY1}")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(store.root), name])
             for name in ("a", "b", "c")]
    assert [p.wait(timeout=600) for p in procs] == [0, 0, 0]  # a hang guard, not a speed check
    assert store.load("c1") == {"a": {"n": 39}, "b": {"n": 39}, "c": {"n": 39}}
    assert len((store.folder("c1") / JOURNAL_FILE).read_text().splitlines()) == 120


def test_corrupt_state_is_set_aside_and_rebuilt(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    store.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 2}}}, session=DAY1)
    state = store.folder("c1") / STATE_FILE
    damaged = state.read_bytes()[:25]  # cut short, as a crash or a full disk might leave it
    state.write_bytes(damaged)
    with pytest.warns(StoreWarning, match="moved to"):
        answers = store.load("c1")
    assert answers == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}, TIME: {"items": {TIME_ITEMS[0]: 2}}}
    aside = list(store.folder("c1").glob(STATE_FILE + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # kept, never overwritten
    assert json.loads(state.read_text())["sessions"][DAY1] == answers  # rebuilt file is good


def test_journal_line_cut_short_is_skipped_and_mended(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    with open(journal, "ab") as fh:
        fh.write(b'{"session": "2026-11-26", "answ')  # a crash mid-append
    with pytest.warns(StoreWarning, match=r"incomplete \(31 bytes\).*journal.jsonl.torn-"):
        store.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 3}}}, session=DAY1)
    (store.folder("c1") / STATE_FILE).write_text("not json")
    with pytest.warns(StoreWarning):
        answers = store.load("c1")
    assert answers == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}, TIME: {"items": {TIME_ITEMS[0]: 3}}}


def test_leftover_temp_file_from_a_killed_write_is_ignored(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    (store.folder("c1") / f".{STATE_FILE}.abc.tmp").write_text('{"sessions": {"2026')
    assert store.load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}


def test_killed_between_saves_leaves_the_last_complete_state(store):
    printed = _kill_while_saving(store, session=DAY1, pad=20000, announced=25, pause=0.05)
    assert printed >= 25
    n = store.load("c1")[HOPE]["n"]  # no warning: the state file is whole
    # The last save announced is there, or the one after it if it finished unannounced.
    assert n in (printed, printed + 1)


def test_answers_row_and_responses_table(store):
    store.save("ann", {
        HOPE: {"items": dict(zip(HOPE_ITEMS, [4, 4, 2, 4, 4], strict=True)),
               "reflections": ["private"]},
        TIME: {"items": {TIME_ITEMS[0]: 3}, "tool": {schema.HOURS: 2.5, "step_minutes": {}}},
        "ambition": {"tool": {schema.MOTIVATORS: ["money", "meaning"],
                              schema.NORTH_STAR: "=help people"},
                     "share": [schema.MOTIVATORS, schema.NORTH_STAR]},  # exported when ticked
    }, session=DAY1)
    store.save("ann", {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}, session=DAY2)
    store.save("bob", {TIME: {"items": {TIME_ITEMS[1]: 1}}}, session=DAY2)
    table = responses(store, cohort="one-on-one")
    assert list(table.columns) == [*schema.ID_COLUMNS, *INST.item_ids, *schema.EXTRA_COLUMNS,
                                   "people_listed", "notes_sent", "conversations_held",
                                   "places_listed", "places_with_contact", "carried",
                                   *schema.PLAN_COLUMNS]
    assert table[schema.PARTICIPANT_ID].tolist() == ["ann", "ann", "bob"]
    # ann's second session answers hope alone: the rest is carried (round 12a P9)
    assert table["carried"].tolist() == ["", f"time {DAY1}; ambition {DAY1}", ""]
    assert table[schema.TIMEPOINT].tolist() == [DAY1, DAY2, DAY2]
    first = table.iloc[0]
    assert [first[i] for i in HOPE_ITEMS] == [4, 4, 2, 4, 4]
    assert first[schema.HOURS] == 2.5
    assert first[schema.MOTIVATORS] == "money;meaning"
    assert first[schema.NORTH_STAR] == "=help people"
    assert table.iloc[1][HOPE_ITEMS[0]] == 5 and table.iloc[1][HOPE_ITEMS[1]] is not None
    assert table[HOPE_ITEMS[1]].isna().tolist() == [False, True, True]
    assert "private" not in table.to_csv()
    row = answers_row({TIME: {"tool": {schema.HOURS: 0}}})
    assert row[schema.HOURS] == 0 and row[TIME_ITEMS[0]] is None


# -- one folder per client, never shared ---------------------------------------------------
LONG = "x" * 80
PAIRS = [
    ("Иван", "Мария"), ("Мария", "王芳"), ("Zoë", "Zoe"), ("Ann B", "Ann_B"), ("a/b", "a_b"),
    ("anna", "\u0430nna"),  # Cyrillic а, looks like a Latin a
    (LONG + "1", LONG + "2"), ("A", "a"), ("a.b", "a_b"), ("-x", "x"),
    ("unnamed", "王芳"),
]


def test_every_listed_pair_of_ids_gets_its_own_folder(store):
    for one, two in PAIRS:
        assert store.key(one) != store.key(two), (one, two)
    ids = sorted({i for pair in PAIRS for i in pair})
    for n, client in enumerate(ids):  # "A" and "a" deliberately two (a look-alike asks)
        store.save(client, {HOPE: {"items": {HOPE_ITEMS[0]: n}}}, session=DAY1,
                   new_look_alike=True)
    assert store.clients() == ids
    for n, client in enumerate(ids):
        assert store.load(client)[HOPE]["items"] == {HOPE_ITEMS[0]: n}, client
        name = store.folder(client).name
        assert store.folder(client).parent == store.root and not name.startswith(".")
        assert len(name) <= 40 + 1 + 10
        assert json.loads((store.folder(client) / ID_FILE).read_text()) == {
            "format": 1, "client_id": client}


def test_load_of_one_client_never_returns_anothers_answers(store):
    store.save("Иван", {HOPE: {"items": {HOPE_ITEMS[0]: 5}, "reflections": ["Ivan's"]}},
               session=DAY1)
    assert store.load("Мария") == {} and store.history("Мария") == {}
    assert store.key("Иван").startswith("client-") and store.key("Мария").startswith("client-")
    store.save("Мария", {HOPE: {"items": {HOPE_ITEMS[0]: 1}}}, session=DAY1)
    assert store.load("Мария") == {HOPE: {"items": {HOPE_ITEMS[0]: 1}}}
    assert store.load("Иван")[HOPE]["reflections"] == ["Ivan's"]


def test_a_folder_holding_another_id_is_refused(store):
    store.save("Иван", {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}, session=DAY1)
    store.folder("Иван").rename(store.folder("Мария"))  # as if two ids shared a hash
    with pytest.raises(StoreError, match="another client"):
        store.load("Мария")
    with pytest.raises(StoreError, match="another client"):
        store.save("Мария", {TIME: {}}, session=DAY1)
    assert "Мария" not in store.clients() and "Иван" not in store.clients()
    # the id file lost, the state still names Иван: still refused
    (store.folder("Мария") / ID_FILE).unlink()
    with pytest.raises(StoreError, match="another client"):
        ClientStore(store.root).load("Мария")


def _old_folder(root, name, saves):
    """A client folder as earlier versions wrote it: named by safe_name, id not checked."""
    folder = root / name
    folder.mkdir(parents=True)
    lines, state = [], {"format": 1, "sessions": {}}
    for client, day, answers in saves:
        lines.append(json.dumps({"at": "2026-11-26T10:00:00", "session": day,
                                 "client_id": client, "answers": answers}))
        state.setdefault("client_id", client)
        state["sessions"].setdefault(day, {}).update(answers)
    (folder / JOURNAL_FILE).write_text("\n".join(lines) + "\n")
    (folder / STATE_FILE).write_text(json.dumps(state, indent=1))
    return folder


def test_old_folders_are_moved_and_shared_ones_split_on_open(tmp_path):
    root = tmp_path / "ws"
    _old_folder(root, "Zoe_K", [("Zoë K", DAY1, {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}),
                                ("Zoë K", DAY2, {TIME: {"items": {TIME_ITEMS[0]: 2}}})])
    _old_folder(root, "unnamed", [("Иван", DAY1, {HOPE: {"reflections": ["Ivan's"]}}),
                                  ("Мария", DAY1, {HOPE: {"reflections": ["Maria's"]}}),
                                  ("Иван", DAY2, {TIME: {"items": {TIME_ITEMS[0]: 5}}})])
    (root / ".current-client").write_text("Zoe_K\n")  # as earlier versions wrote it
    store = ClientStore(root)
    assert store.clients() == ["Zoë K", "Иван", "Мария"]
    assert store.history("Zoë K") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}},
                                      DAY2: {TIME: {"items": {TIME_ITEMS[0]: 2}}}}
    assert store.load("Zoe K") == {} and store.load("Zoe_K") == {}  # only the exact id
    assert store.current() == "Zoë K"
    assert store.history("Иван") == {DAY1: {HOPE: {"reflections": ["Ivan's"]}},
                                     DAY2: {TIME: {"items": {TIME_ITEMS[0]: 5}}}}
    assert store.history("Мария") == {DAY1: {HOPE: {"reflections": ["Maria's"]}}}
    assert not (root / "Zoe_K").exists() and not (root / "unnamed").exists()
    kept = [p.name for p in root.iterdir() if p.name.startswith(".shared-unnamed-")]
    assert len(kept) == 1  # the shared folder is kept, hidden, never deleted, and private
    assert stat.S_IMODE(os.stat(root / kept[0]).st_mode) == 0o700
    assert set(_modes(root / kept[0]).values()) == {0o600}
    for client in ("Zoë K", "Иван", "Мария"):
        assert stat.S_IMODE(os.stat(store.folder(client)).st_mode) == 0o700
        assert set(_modes(store.folder(client)).values()) == {0o600}
    journal = (store.folder("Мария") / JOURNAL_FILE).read_text()
    assert "Ivan" not in journal and "Maria's" in journal
    split = json.loads((store.folder("Мария") / STATE_FILE).read_text())  # proves its journal
    assert split["journal_bytes"] == len(journal.encode())
    assert split["journal_sha256"] == hashlib.sha256(journal.encode()).hexdigest()
    # opening again changes nothing, and saving goes on in the new folders
    again = ClientStore(root)
    assert again.clients() == ["Zoë K", "Иван", "Мария"]
    again.save("Zoë K", {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}, session=DAY2)
    assert again.load("Zoë K")[HOPE]["items"] == {HOPE_ITEMS[0]: 5}


def test_an_old_folder_that_names_no_client_is_left_alone(tmp_path):
    (tmp_path / "ws" / "bob").mkdir(parents=True)  # created, never saved to
    store = ClientStore(tmp_path / "ws")
    assert (store.root / "bob").is_dir() and store.clients() == []


# -- private files -------------------------------------------------------------------------
def _modes(folder):
    return {p.name: stat.S_IMODE(os.lstat(p).st_mode) for p in folder.iterdir()}


def test_client_folders_are_0700_and_every_file_in_them_0600(tmp_path):
    old = os.umask(0)  # the modes must not depend on the umask
    try:
        store = ClientStore(tmp_path / "ws")
        store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
        (store.folder("c1") / STATE_FILE).write_text("not json")  # to get a set-aside file
        with pytest.warns(StoreWarning):
            store.load("c1")
        store.set_current("c1")
    finally:
        os.umask(old)
    folder = store.folder("c1")
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.root).st_mode) == 0o700  # made by the store
    modes = _modes(folder)
    assert {JOURNAL_FILE, STATE_FILE, ID_FILE, ".lock"} <= set(modes)
    assert any(name.startswith(STATE_FILE + ".corrupt-") for name in modes)
    assert set(modes.values()) == {0o600}, modes
    assert _modes(store.root)[".current-client"] == 0o600


def test_a_temporary_file_of_a_save_is_0600(store, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store.save("c1", {HOPE: {}}, session=DAY1)
    assert seen and set(seen) == {0o600}


def test_an_old_workspace_is_made_private_on_open(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    folder = store.folder("c1")
    os.chmod(folder, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o644)  # as earlier versions left the journal
    assert ClientStore(store.root).load("c1")[HOPE]["items"] == {HOPE_ITEMS[0]: 4}
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert set(_modes(folder).values()) == {0o600}


# -- damaged, misshapen and hostile files --------------------------------------------------
WRONG_SHAPES = [
    "[]", "5", '"text"', "null", '{"sessions": []}', '{"format": 1}',
    '{"sessions": {"2026-11-26": [1, 2]}}', '{"sessions": {"soon": {}}}',
    '{"sessions": {"2026-02-30": {}}}', '{"sessions": {"2026-11-26": {"hope": 5}}}',
    '{"sessions": {"2026-11-26": {"hope": {"items": [4]}}}}',
    '{"sessions": {"2026-11-26": {"hope": {"reflections": "text"}}}}',
    '{"sessions": {"2026-11-26": {"hope": {"tool": ["x"]}}}}',
    '{"client_id": 5, "sessions": {}}',
    "[" * 100_000 + "]" * 100_000,  # nested too deeply for the parser
]


@pytest.mark.parametrize("text", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_a_state_file_of_the_wrong_shape_is_set_aside_and_rebuilt(store, text):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    state = store.folder("c1") / STATE_FILE
    state.write_text(text)
    with pytest.warns(StoreWarning, match="moved to"):
        assert store.load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}
    aside = list(store.folder("c1").glob(STATE_FILE + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == text
    rebuilt = json.loads(state.read_text())["sessions"]
    assert rebuilt == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}


def test_a_deeply_nested_journal_line_is_skipped_and_the_state_rebuilt(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    nested = '{"session": "2026-11-26", "answers": {"time": ' + "[" * 100_000 + "]" * 100_000
    with open(journal, "a") as fh:
        fh.write(nested + "}}\n")
    (store.folder("c1") / STATE_FILE).write_text("{")
    with pytest.warns(StoreWarning):
        assert store.load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}
    assert (store.folder("c1") / STATE_FILE).is_file()  # rebuilt, not left missing
    assert store.load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}  # and no warning now


def test_answers_nested_too_deeply_are_refused_on_save(store):
    deep = {}
    for _ in range(100_000):
        deep = {"x": deep}
    with pytest.raises(StoreError, match="cannot be saved"):
        store.save("c1", {HOPE: {"tool": deep}}, session=DAY1)
    assert store.load("c1") == {}


def test_answers_of_the_wrong_shape_are_refused_on_save(store):
    for bad in ([1], {HOPE: 5}, {HOPE: {"items": [4]}}, {HOPE: {"reflections": "x"}}):
        with pytest.raises(StoreError, match="dict of sections"):
            store.save("c1", bad, session=DAY1)
    assert store.load("c1") == {}


def test_journal_lines_without_a_session_date_are_skipped(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    with open(journal, "a") as fh:
        for session in ("null", '"soon"', "20261126", '"2026-13-01"'):
            fh.write(f'{{"session": {session}, "client_id": "c1", "answers": {{"time": {{}}}}}}\n')
        fh.write('{"session": "2026-12-10", "client_id": "someone else", "answers": {"x": {}}}\n')
    (store.folder("c1") / STATE_FILE).unlink()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert store.history("c1") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}
    said = [str(w.message).split(" of ")[0] for w in caught]
    assert said == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert "names the session None, which is not a date" in str(caught[0].message)
    assert "was saved for another client, 'someone else'" in str(caught[4].message)


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["replace", "fsync", "write"])
def test_a_save_that_fails_for_a_full_disk_leaves_no_trace(store, monkeypatch, where):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    folder = store.folder("c1")
    journal, state = (folder / JOURNAL_FILE).read_bytes(), (folder / STATE_FILE).read_bytes()
    if where == "write":  # the journal append itself fails
        monkeypatch.setattr(os, "write", _no_space)
    elif where == "fsync":  # the journal line is written, its fsync fails (the state file
        monkeypatch.setattr(os, "fsync", _no_space)  # has none of its own: attacks5 C26)
    else:
        monkeypatch.setattr(os, "replace", _no_space)
    with pytest.raises(StoreError, match="No space left on device"):
        store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 1}}, TIME: {}}, session=DAY2)
    monkeypatch.undo()
    assert (folder / JOURNAL_FILE).read_bytes() == journal  # journal and state agree
    assert (folder / STATE_FILE).read_bytes() == state
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    (folder / STATE_FILE).write_text("{")  # rebuild: the failed save does not come back
    with pytest.warns(StoreWarning):
        assert store.history("c1") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}


@pytest.mark.parametrize("name", [STATE_FILE, JOURNAL_FILE, ID_FILE, ".lock"])
def test_a_link_inside_a_client_folder_is_refused(store, tmp_path, name):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    outside = tmp_path / "outside.txt"
    outside.write_text('{"sessions": {}}')
    target = store.folder("c1") / name
    target.unlink()
    target.symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        fresh = ClientStore(store.root)
        fresh.load("c1")
        fresh.save("c1", {TIME: {}}, session=DAY1)
    assert outside.read_text() == '{"sessions": {}}'  # never read into answers, never written


def test_a_client_folder_that_is_a_link_is_refused(store, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    ClientStore(elsewhere).save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    store.folder("c1").symlink_to(elsewhere / store.key("c1"))
    with pytest.raises(StoreError, match="symbolic link"):
        store.load("c1")
    with pytest.raises(StoreError, match="symbolic link"):
        store.save("c1", {TIME: {}}, session=DAY1)
    assert store.clients() == []
    assert ClientStore(elsewhere).history("c1") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}


def test_temporary_files_of_killed_saves_are_removed_on_open(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    folder = store.folder("c1")
    left = [folder / f".{STATE_FILE}.k{n}.tmp" for n in range(5)]
    left += [folder / f".{ID_FILE}.x.tmp", store.root / "..current-client.y.tmp"]
    for path in left:
        path.write_text('{"sessions": {"2026')
    keep = store.root / "notes.tmp"  # not the store's: left alone
    keep.write_text("mine")
    opened = ClientStore(store.root)
    assert [p for p in left if p.exists()] == [] and keep.exists()
    assert opened.load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}


def test_a_client_listed_beside_a_folder_with_a_linked_id_file(store, tmp_path):
    store.save("ann", {HOPE: {}}, session=DAY1)
    store.save("bob", {HOPE: {}}, session=DAY1)
    id_file = store.folder("bob") / ID_FILE
    id_file.unlink()
    id_file.symlink_to(tmp_path / "elsewhere.json")
    assert store.clients() == ["ann"]


# -- a save re-encodes only what changed; what is on disk means the same -------------------
def test_the_state_file_agrees_with_the_journal_after_many_saves(store):
    other = ClientStore(store.root)  # a second page: its saves must be seen, not overwritten
    for n in range(30):
        writer = other if n % 7 == 3 else store
        day = f"2026-11-{1 + n % 10:02d}"
        writer.save("c1", {f"s{n % 4}": {"items": {"i": n}, "reflections": [f"r{n}"]}},
                    session=day)
    state = json.loads((store.folder("c1") / STATE_FILE).read_text())
    raw = (store.folder("c1") / JOURNAL_FILE).read_bytes()
    rebuilt, snapshot = {}, json.loads(json.dumps(state["sessions"]))
    for n, line in enumerate(raw.splitlines(keepends=True)):
        entry = json.loads(line)
        rebuilt.setdefault(entry["session"], {}).update(entry["answers"])
        if sum(map(len, raw.splitlines(keepends=True)[:n])) >= state["journal_bytes"]:
            snapshot.setdefault(entry["session"], {}).update(entry["answers"])  # after it
    # the state file holds the journal's first journal_bytes bytes; the lines after, replayed
    # over it, give the journal's state
    assert 0 < state["journal_bytes"] <= len(raw) and raw[state["journal_bytes"] - 1] == 10
    assert snapshot == rebuilt and state["client_id"] == "c1" and state["format"] == 1
    assert store.history("c1") == other.history("c1") == {d: rebuilt[d] for d in sorted(rebuilt)}
    # n = 10 (day 1, section s2) was the second page's save, and the last to that place
    assert rebuilt["2026-11-01"]["s2"] == {"items": {"i": 10}, "reflections": ["r10"]}


def test_changing_what_save_returns_changes_nothing_stored(store):
    merged = store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    merged[HOPE]["items"][HOPE_ITEMS[0]] = 1
    merged["junk"] = {}
    store.save("c1", {TIME: {}}, session=DAY1)
    assert json.loads((store.folder("c1") / STATE_FILE).read_text())["sessions"][DAY1] == {
        HOPE: {"items": {HOPE_ITEMS[0]: 4}}, TIME: {}}


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_numbers_in_saved_files_are_damage_not_answers(tmp_path, constant):
    """JSON's NaN/Infinity once locked a client out: every later save failed."""
    store = ClientStore(tmp_path)
    store.save("c", {HOPE: {"items": {"hope_1": 3}}}, session="2026-01-02")
    folder = store.folder("c")
    with (folder / JOURNAL_FILE).open("a") as fh:  # a journal line with a non-number
        fh.write(json.dumps({"session": "2026-01-03", "client_id": "c",
                             "answers": {HOPE: {"items": {"hope_6": 1}}}})
                 .replace("1}}}", f"{constant}}}}}}}") + "\n")
    (folder / STATE_FILE).write_text("{damaged")
    with pytest.warns(StoreWarning):
        fresh = ClientStore(tmp_path)
        assert fresh.load("c") == {HOPE: {"items": {"hope_1": 3}}}  # the bad line is skipped
    fresh.save("c", {HOPE: {"items": {"hope_8": 2}}}, session="2026-01-04")  # saving works
    # A well-formed answers.json holding a non-number is set aside too.
    state = json.loads((folder / STATE_FILE).read_text())
    state["sessions"]["2026-01-04"][HOPE]["items"]["hope_8"] = "X"
    (folder / STATE_FILE).write_text(json.dumps(state).replace('"X"', constant))
    with pytest.warns(StoreWarning):
        again = ClientStore(tmp_path)
        assert again.load("c") == {HOPE: {"items": {"hope_8": 2}}}  # rebuilt from the journal
    again.save("c", {HOPE: {"items": {"hope_9": 5}}}, session="2026-01-05")


# -- the journal is the record; answers.json is rewritten when the journal outgrows it -----
BIG = {"big": {"reflections": ["x" * 100_000]}}  # a state file of about 100 KB


def _snapshot(store, client="c1"):
    return json.loads((store.folder(client) / STATE_FILE).read_text())


def test_a_save_appends_to_the_journal_and_rewrites_a_large_state_file_only_now_and_then(store):
    store.save("c1", BIG, session=DAY1)
    state_file = store.folder("c1") / STATE_FILE
    before = state_file.read_bytes()
    other = ClientStore(store.root)  # a second page (or process) of the same client
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY2)
    other.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 2}}}, session=DAY2)
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 5}}}, session=DAY2)
    assert state_file.read_bytes() == before  # three saves, the 100 KB file left as it was
    expected = {DAY1: BIG, DAY2: {HOPE: {"items": {HOPE_ITEMS[0]: 5}},
                                  TIME: {"items": {TIME_ITEMS[0]: 2}}}}
    for reader in (store, other, ClientStore(store.root)):
        assert reader.history("c1") == expected  # the state file, then the journal after it
    journal = store.folder("c1") / JOURNAL_FILE
    assert _snapshot(store)["journal_bytes"] < journal.stat().st_size
    n = 0
    while state_file.read_bytes() == before:  # until the journal outgrows a quarter of it
        n += 1
        store.save("c1", {"pad": {"reflections": ["y" * 1000, str(n)]}}, session=DAY2)
    assert 20 < n < 30
    snapshot = _snapshot(store)
    assert snapshot["journal_bytes"] == journal.stat().st_size  # now it holds every line
    assert snapshot["sessions"] == store.history("c1")
    assert snapshot["sessions"][DAY2]["pad"]["reflections"][1] == str(n)


def test_a_state_file_of_an_earlier_version_is_read_whole_and_taken_over_on_save(store):
    folder = store.folder(store.create("c1"))
    lines = [{"at": "2026-11-26T10:00:00", "session": DAY1, "client_id": "c1",
              "answers": {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}]
    (folder / JOURNAL_FILE).write_text("".join(json.dumps(x) + "\n" for x in lines))
    (folder / STATE_FILE).write_text(json.dumps(  # no journal_bytes: it holds the journal
        {"format": 1, "client_id": "c1", "sessions": {DAY1: {HOPE: {"items": {}}}},
         "updated": "2026-11-26T10:00:00"}, indent=1))
    assert ClientStore(store.root).load("c1") == {HOPE: {"items": {}}}  # as earlier versions
    store.save("c1", BIG, session=DAY2)
    assert _snapshot(store)["journal_bytes"] == (folder / JOURNAL_FILE).stat().st_size
    store.save("c1", {TIME: {}}, session=DAY2)  # now lazily: the journal after it is read
    assert ClientStore(store.root).history("c1") == {DAY1: {HOPE: {"items": {}}},
                                                     DAY2: {**BIG, TIME: {}}}


def test_a_journal_shorter_than_the_state_file_says_keeps_the_state_files_answers(store):
    store.save("c1", BIG, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    journal.write_bytes(b"")  # lost, or replaced by another
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        assert store.history("c1") == {DAY1: BIG}  # what the state file held is kept
    assert "answers.json.unmatched-" in store.notice
    assert len(list(store.folder("c1").glob(STATE_FILE + ".unmatched-*"))) == 1
    # the session only the state file held is written back to the record (attacks2 N5)
    assert f"The session only answers.json held ({DAY1}) was written back" in store.notice
    [line] = journal.read_bytes().splitlines()
    assert json.loads(line)["answers"] == BIG and json.loads(line)["session"] == DAY1
    assert _snapshot(store)["journal_bytes"] == len(line) + 1  # it covers the record again
    (store.folder("c1") / STATE_FILE).unlink()  # losing the snapshot now loses nothing
    assert ClientStore(store.root).history("c1") == {DAY1: BIG}
    store.save("c1", {TIME: {}}, session=DAY2)
    assert ClientStore(store.root).history("c1") == {DAY1: BIG, DAY2: {TIME: {}}}


def test_a_journal_line_still_being_written_is_not_read(store, caplog):
    store.save("c1", BIG, session=DAY1)
    store.save("c1", {TIME: {}}, session=DAY1)
    folder = store.folder("c1")
    journal = folder / JOURNAL_FILE
    whole = journal.read_bytes()
    with open(journal, "ab") as fh:
        fh.write(b'{"session": "2026-12-10", "answ')
    with disk.locked(folder / LOCK_FILE):  # a save of another process is writing it
        with caplog.at_level("WARNING", logger="workbook"), warnings.catch_warnings():
            warnings.simplefilter("error", StoreWarning)
            assert ClientStore(store.root).history("c1") == {DAY1: {**BIG, TIME: {}}}
    assert caplog.text == ""  # a save may be writing it: no warning, not read
    assert journal.read_bytes() == whole + b'{"session": "2026-12-10", "answ'


def test_a_cut_off_last_journal_line_is_told_and_set_aside(store):
    """Attack 4: a sync tool cut the tail of the last save; nobody holds the lock."""
    store.save("c1", BIG, session=DAY1)
    store.save("c1", {TIME: {}}, session=DAY2)
    folder = store.folder("c1")
    journal = folder / JOURNAL_FILE
    whole = journal.read_bytes()
    cut = whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1]
    (folder / "answers.json.since").unlink()  # held nowhere else (E11)
    journal.write_bytes(whole[:-5])  # the last line lost its last 5 bytes
    torn = len(whole) - 5 - len(cut)
    with pytest.warns(StoreWarning) as said:
        assert ClientStore(store.root).history("c1") == {DAY1: BIG}
    [aside] = [p for p in folder.iterdir() if p.name.startswith("journal.jsonl.torn-")]
    assert str(said[0].message) == (
        f"the last line of {journal} (client 'c1', a save of session {DAY2}) is incomplete "
        f"({torn} bytes) and was not read: it was cut off (by a sync tool, a crash or an "
        f"edit), so the change it held is not in the record; its bytes were kept as "
        f"{aside.name}. answers.json.since, which keeps the saves made since answers.json "
        "was last rewritten, is missing, so any saves made after that line (cut off with "
        "it) may be missing too.")  # (round 13a R2: the side file is gone)
    assert aside.read_bytes() == whole[len(cut):-5] and journal.read_bytes() == cut
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)  # said once: the record is whole again
        store.save("c1", {HOPE: {}}, session=DAY2)
        assert ClientStore(store.root).history("c1") == {DAY1: BIG, DAY2: {HOPE: {}}}


def test_a_last_line_cut_in_a_workspace_that_cannot_be_written_is_told(store, monkeypatch):
    store.save("c1", BIG, session=DAY1)
    store.save("c1", {TIME: {}}, session=DAY2)
    folder = store.folder("c1")
    journal = folder / JOURNAL_FILE
    (folder / "answers.json.since").unlink()  # held nowhere else (E11)
    journal.write_bytes(journal.read_bytes()[:-5])
    before = journal.read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False
                        if path == folder and mode & os.W_OK else real(path, mode, *a, **k))
    reader = ClientStore(store.root, read_only=True)
    with pytest.warns(StoreWarning, match=r"is incomplete \(\d+ bytes: no line end\) and was "
                                          "not read; the folder cannot be written"):
        assert reader.history("c1") == {DAY1: BIG}
    assert f"client 'c1', a save of session {DAY2}" in reader.notice
    assert journal.read_bytes() == before and not list(folder.glob("*.torn-*"))


def _synced(monkeypatch):
    """Record what each os.fsync call syncs (its path, from /proc)."""
    synced, real = [], os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")
def test_a_save_that_returns_is_on_disk(store, monkeypatch):
    synced = _synced(monkeypatch)
    store.save("c1", BIG, session=DAY1)
    folder = store.folder("c1")
    # the new journal, its folder and the folder's entry in the workspace are synced
    assert {str(folder / JOURNAL_FILE), str(folder), str(store.root)} <= set(synced)
    synced.clear()
    store.save("c1", {TIME: {}}, session=DAY1)
    assert synced == [str(folder / JOURNAL_FILE)]  # one fsync: the journal line


def test_killed_while_saving_to_a_large_state_loses_nothing_announced(store):
    store.save("c1", {"big": {"reflections": ["x" * 2_000_000]}}, session=DAY1)
    printed = _kill_while_saving(store, session=DAY2, pad=2000, announced=100)
    assert printed >= 100
    assert _snapshot(store)["journal_bytes"] < (store.folder("c1") / JOURNAL_FILE).stat().st_size
    n = ClientStore(store.root).load("c1")[HOPE]["n"]  # read from the journal's tail
    assert n in (printed, printed + 1)


def _kill_while_saving(store, *, session, pad, announced, pause=0.0) -> int:
    """Save again and again in another process, kill it (SIGKILL) once it has announced
    ``announced`` saves (then after ``pause`` s); return the last save it announced."""
    script = textwrap.dedent(f"""
        import sys
        from workbook.session.store import ClientStore
        store = ClientStore(sys.argv[1])
        n = 0
        while True:
            n += 1
            store.save("c1", {{"{HOPE}": {{"n": n, "pad": "x" * {pad}}}}}, session="{session}")
            print(n, flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script, str(store.root)],
                            stdout=subprocess.PIPE, text=True)
    seen = 0
    deadline = time.monotonic() + 30
    while seen < announced and time.monotonic() < deadline:
        seen = int(proc.stdout.readline())
    time.sleep(pause)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    printed = [seen, *(int(x) for x in proc.stdout.read().split())][-1]
    proc.stdout.close()
    return printed


def test_a_save_refused_before_writing_leaves_nothing_for_the_next_save(store, monkeypatch):
    """A journal that cannot be opened (no line written): the next save must not carry it."""
    from workbook.session.store import disk

    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    real = disk.append_line

    def refused(path, line):
        raise StoreError(f"cannot write the session log {path}: Permission denied")

    monkeypatch.setattr(disk, "append_line", refused)
    with pytest.raises(StoreError, match="Permission denied"):
        store.save("c1", {TIME: {"items": {TIME_ITEMS[0]: 1}}}, session=DAY1)
    monkeypatch.setattr(disk, "append_line", real)
    store.save("c1", {"pace": {}}, session=DAY1)
    expected = {HOPE: {"items": {HOPE_ITEMS[0]: 4}}, "pace": {}}
    assert ClientStore(store.root).load("c1") == expected  # the refused answers are not there
    assert _snapshot(store)["sessions"][DAY1] == expected


def test_journal_lines_ended_by_a_carriage_return_alone_are_told_not_set_aside(store):
    """Old Mac line endings: the bytes after the last LF are many lines, not one cut line."""
    store.save("c1", BIG, session=DAY1)
    store.save("c1", {TIME: {}}, session=DAY2)
    journal = store.folder("c1") / JOURNAL_FILE
    first, second = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(first + second.replace(b"\n", b"\r") + second.replace(b"\n", b"\r"))
    before = journal.read_bytes()
    with pytest.warns(StoreWarning, match=r"holds \d+ bytes of lines ended by a carriage "
                                          r"return alone, which were not read") as said:
        ClientStore(store.root).history("c1")
    assert f"the end of {journal} (client 'c1')" in str(said[0].message)
    assert journal.read_bytes() == before and not list(journal.parent.glob("*.torn-*"))


def test_a_session_date_after_today_or_before_2000_is_refused_in_words(store, monkeypatch):
    import datetime as dt

    from workbook.session.store import records

    monkeypatch.setattr(records, "today", lambda: "2026-12-07")
    for day, words in [
        ("2030-01-01", "the session date 2030-01-01 is after today (2026-12-07)"),
        ("2026-12-08", "the session date 2026-12-08 is after today (2026-12-07)"),
        (dt.date(2030, 1, 1), "the session date 2030-01-01 is after today (2026-12-07)"),
        ("1900-01-01", "the session date 1900-01-01 is before 2000-01-01"),
        ("1999-12-31", "the session date 1999-12-31 is before 2000-01-01"),
    ]:
        with pytest.raises(StoreError) as caught:
            store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=day)
        assert str(caught.value) == (f"{words}; a session is saved on its day or later for a "
                                     "day gone by: check the date")
    assert store.clients() == []  # refused before anything was written
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session="2026-12-07")
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 2}}}, session="2000-01-01")
    assert sorted(store.history("c1")) == ["2000-01-01", "2026-12-07"]


def test_a_journal_already_holding_a_far_date_is_still_read(store, monkeypatch):
    from workbook.session.store import records

    monkeypatch.setattr(records, "today", lambda: "2026-12-07")
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    with open(journal, "a") as fh:  # saved by an earlier kit, which took any date
        for day in ("1900-01-01", "2030-01-01"):
            fh.write(json.dumps({"at": "2026-12-01T10:00:00", "session": day, "client_id": "c1",
                                 "answers": {TIME: {"items": {TIME_ITEMS[0]: 3}}}}) + "\n")
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[1]: 5}}}, session=DAY2)
    history = ClientStore(store.root).history("c1")
    assert sorted(history) == ["1900-01-01", DAY1, DAY2, "2030-01-01"]
    assert history["2030-01-01"] == {TIME: {"items": {TIME_ITEMS[0]: 3}}}


def test_a_lock_that_is_a_folder_is_named_with_what_to_do(store):
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    folder = store.folder("c1")
    journal = (folder / JOURNAL_FILE).read_bytes()
    (folder / LOCK_FILE).unlink()
    (folder / LOCK_FILE).mkdir()  # a sync tool or a hand made a folder of it
    words = (f"{folder / LOCK_FILE} is a folder, where the store keeps the small file that "
             "stops two saves writing at once, so no session page or notebook can open or "
             "save this client (commands that only read, such as export-clients and "
             f"followups, still read the records): move that folder out of {folder} (the kit "
             "never makes it) and try again")
    with pytest.raises(StoreError) as caught:
        store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 2}}}, session=DAY1)
    assert str(caught.value) == words
    with pytest.raises(StoreError) as caught:
        ClientStore(store.root).history("c1")
    assert str(caught.value) == words
    assert (folder / JOURNAL_FILE).read_bytes() == journal
    (folder / LOCK_FILE).rmdir()  # moved away: read and saved again
    assert ClientStore(store.root).load("c1") == {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}


def _lines_to_skip(store):
    """A saved client whose journal then gets a line of another client and one without a date."""
    store.save("c1", {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}, session=DAY1)
    journal = store.folder("c1") / JOURNAL_FILE
    with open(journal, "a") as fh:
        for client, session in (("someone else", DAY2), ("c1", None)):
            fh.write(json.dumps({"at": "2099-01-01T10:00:00.000001+00:00", "session": session,
                                 "client_id": client, "answers": {TIME: {}}}) + "\n")
    return journal


@pytest.mark.parametrize("snapshot", ["kept", "removed"])
def test_lines_skipped_for_another_client_or_no_date_are_told_once_by_line_number(
        store, snapshot):
    journal = _lines_to_skip(store)
    if snapshot == "removed":  # the whole journal is read, not only the lines after it
        (store.folder("c1") / STATE_FILE).unlink()
    reader = ClientStore(store.root)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert reader.history("c1") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert said == [
        f"line 2 of {journal} (client 'c1', a save of session {DAY2}) was saved for another "
        "client, 'someone else': the answers it holds were not read (a line copied from that "
        "client's record?). Nothing was changed.",
        f"line 3 of {journal} (client 'c1') names the session None, which is not a date "
        "(YYYY-MM-DD): the answers it holds were not read. Correct its session date to have "
        "them read."]
    assert reader.notice == said[-1]
    again = ClientStore(store.root)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert again.history("c1") == {DAY1: {HOPE: {"items": {HOPE_ITEMS[0]: 4}}}}
    assert [w for w in caught if issubclass(w.category, StoreWarning)] == []  # said once
    assert again.notice is None


def test_export_clients_says_a_skipped_line_once_by_line_number(store, tmp_path, capsys):
    from workbook.cli import main

    journal = _lines_to_skip(store)
    assert main(["export-clients", "--workspace", str(store.root),
                 "--out", str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    assert err.count("saved for another client") == 1 and err.count("not a date") == 1
    assert f"workbook: warning: line 2 of {journal} (client 'c1'" in err
    assert "at byte" not in err
    assert main(["export-clients", "--workspace", str(store.root),
                 "--out", str(tmp_path / "y.csv")]) == 0
    assert "line 2" not in capsys.readouterr().err  # told once, not on every command
