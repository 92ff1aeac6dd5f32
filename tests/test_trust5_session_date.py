"""attacks4 B6: a session's date corrected by hand in journal.jsonl is not doubled.

The session saved under 2026-11-02 was held on 2026-11-03; the coach edits the date in its
line. answers.json still holds 2026-11-02 with the same answers: that is the same session
moved, not a session only answers.json held, so it is not written back.
"""

import warnings

from workbook.session.store import ClientStore, StoreWarning

A = {"hope": {"items": {"hope_1": 3, "hope_2": 3}}}
B = {"hope": {"items": {"hope_1": 4, "hope_2": 5}}}


def test_a_corrected_session_date_moves_the_session(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c1", A, session="2026-10-01")
    store.save("c1", B, session="2026-11-02")
    journal = store.folder("c1") / "journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace('"session":"2026-11-02"', '"session":"2026-11-03"')
    journal.write_text("".join(lines))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sessions = ClientStore(tmp_path).history("c1")
    # before: three sessions, 2026-11-02 written back from answers.json
    assert sorted(sessions) == ["2026-10-01", "2026-11-03"]
    assert sessions["2026-11-03"] == B
    assert journal.read_text().count("\n") == 2  # nothing written back
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, StoreWarning))
    assert "session 2026-11-02 is no longer in journal.jsonl" in said
    assert "under 2026-11-03" in said
    assert "written back to the record" not in said
    assert sorted(ClientStore(tmp_path).history("c1")) == ["2026-10-01", "2026-11-03"]


def test_a_session_only_the_snapshot_holds_with_other_answers_is_still_written_back(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c1", A, session="2026-10-01")
    store.save("c1", B, session="2026-11-02")
    journal = store.folder("c1") / "journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    journal.write_text(lines[0].replace('"hope_1":3', '"hope_1":2'))  # line 2 removed
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        sessions = ClientStore(tmp_path).history("c1")
    assert sorted(sessions) == ["2026-10-01", "2026-11-02"]
    assert sessions["2026-11-02"] == B
