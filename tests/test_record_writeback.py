"""Trust the record (issue 20): a cut-off last line whose save the snapshot held is written
back into the journal (N5); a repeated line re-serialised is not applied (N4)."""

import json
import warnings

from workbook.session.store import ClientStore
from workbook.session.store.records import JOURNAL_FILE, STATE_FILE


def _folder(root, name):
    return next(p for p in root.iterdir() if p.name.startswith(name + "-"))


def test_cut_line_held_by_snapshot_is_written_back(tmp_path):
    ClientStore(tmp_path).save("Solo", {"hope": {"items": {"hope_1": 2, "hope_6": 3}}},
                               session="2026-12-01")
    folder = _folder(tmp_path, "Solo")
    journal = folder / JOURNAL_FILE
    raw = journal.read_bytes()
    journal.write_bytes(raw[:-10])  # a sync tool cuts the tail
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.history("Solo") == {"2026-12-01": {"hope": {"items": {"hope_1": 2,
                                                                        "hope_6": 3}}}}
    assert "recovered from answers.json and written back to the record" in st.notice
    assert "not in the record" not in st.notice
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["answers"] == {"hope": {"items": {"hope_1": 2, "hope_6": 3}}}
    # the record alone now holds the session: losing the snapshot loses nothing
    (folder / STATE_FILE).unlink()
    again = ClientStore(tmp_path, read_only=True)
    assert again.history("Solo") == {"2026-12-01": {"hope": {"items": {"hope_1": 2,
                                                                       "hope_6": 3}}}}
    assert again.notice is None


def test_cut_line_not_held_by_snapshot_is_said_lost(tmp_path):
    st = ClientStore(tmp_path)
    st.save("Solo", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    folder = _folder(tmp_path, "Solo")
    (folder / STATE_FILE).unlink()
    journal = folder / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes()[:-10])
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.history("Solo") == {}
    assert "not in the record" in st.notice
    assert journal.read_bytes() == b""


def _reserialised_repeat(tmp_path):
    st = ClientStore(tmp_path)
    st.save("D", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    st.save("D", {"hope": {"items": {"hope_1": 5}}}, session="2026-12-01")
    journal = _folder(tmp_path, "D") / JOURNAL_FILE
    first = journal.read_bytes().splitlines()[0]
    again = json.dumps(json.loads(first), separators=(",", ":"), sort_keys=True)
    assert again.encode() != first  # the same save, its keys in another order
    with journal.open("a") as out:
        out.write(again + "\n")
    return journal


def test_a_repeat_written_in_another_form_is_not_applied(tmp_path):
    journal = _reserialised_repeat(tmp_path)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.history("D") == {"2026-12-01": {"hope": {"items": {"hope_1": 5}}}}
    assert st.notice == (
        f"line 3 of {journal} (client 'D', a save of session 2026-12-01) repeats line 1 in "
        "another form, with the same time, client, session and answers (a sync or merge tool "
        "may have added it again): it was not applied, so it does not undo what was saved "
        "after line 1.")


def test_a_repeat_in_another_form_before_the_snapshot_is_not_applied(tmp_path):
    journal = _reserialised_repeat(tmp_path)
    folder = journal.parent
    # a snapshot covering lines 1-2 only: line 3 is read after it, line 1 before its start
    state = json.loads((folder / STATE_FILE).read_text())
    assert state["journal_bytes"] == len(b"".join(
        line + b"\n" for line in journal.read_bytes().splitlines()[:2]))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.load("D", session="2026-12-01") == {"hope": {"items": {"hope_1": 5}}}
    assert "repeats line 1 in another form" in st.notice


def test_a_step_back_names_both_times_to_the_microsecond(tmp_path):
    st = ClientStore(tmp_path)
    st.save("D", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    journal = _folder(tmp_path, "D") / JOURNAL_FILE
    one = json.loads(journal.read_bytes())
    with journal.open("a") as out:
        out.write(json.dumps(dict(one, at="2026-12-07T02:06:51.564000+00:00")) + "\n")
        out.write(json.dumps(dict(one, at="2026-12-07T02:06:51.558000+00:00",
                                  answers={"hope": {"items": {"hope_1": 4}}})) + "\n")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        st.history("D")
    assert "saved at 2026-12-07 02:06:51.558000, before line 2 (2026-12-07 02:06:51.564000)" \
        in st.notice
