"""attacks4 B6 (rest): a session saved by mistake can be removed for good.

A line deleted by hand from journal.jsonl is written back from answers.json (the snapshot
proves it was saved), so deleting is no way to remove one. ``ClientStore.remove_session``
(and ``workbook remove-session``) appends a removal record: every reading, with the
snapshot or without it, leaves the session out, and the write-back notice says how to
remove one."""

import warnings

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore, StoreWarning


def _three(root):
    s = ClientStore(root)
    for day, v in (("2026-10-01", 1), ("2026-11-02", 2), ("2026-12-01", 3)):
        s.save("c1", {"hope": {"items": {"hope_1": v}}}, session=day)
    return s


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def test_a_removed_session_stays_removed(tmp_path):
    s = _three(tmp_path / "ws")
    assert s.remove_session("c1", "2026-11-02") == {"hope": {"items": {"hope_1": 2}}}
    assert ClientStore(tmp_path / "ws").sessions("c1") == ["2026-10-01", "2026-12-01"]
    journal = s.folder("c1") / "journal.jsonl"
    (s.folder("c1") / "answers.json").unlink()  # the record alone says the same
    assert ClientStore(tmp_path / "ws").sessions("c1") == ["2026-10-01", "2026-12-01"]
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))  # and rebuilt
    assert _said(lambda: ClientStore(tmp_path / "ws").sessions("c1"))[0] == [
        "2026-10-01", "2026-12-01"]
    # saved again on that day later: a new session of that day
    s = ClientStore(tmp_path / "ws")
    s.save("c1", {"time": {"items": {"time_1": 2}}}, session="2026-11-02")
    assert ClientStore(tmp_path / "ws").history("c1")["2026-11-02"] == {
        "time": {"items": {"time_1": 2}}}


def test_removing_a_session_that_is_not_there_is_refused_by_name(tmp_path):
    s = _three(tmp_path / "ws")
    with pytest.raises(StoreError, match="2026-11-03.*2026-10-01, 2026-11-02, 2026-12-01"):
        s.remove_session("c1", "2026-11-03")
    with pytest.raises(StoreError, match="no client"):
        s.remove_session("nobody", "2026-11-02")
    assert ClientStore(tmp_path / "ws").sessions("c1") == [
        "2026-10-01", "2026-11-02", "2026-12-01"]


def test_a_line_deleted_by_hand_is_written_back_and_the_notice_says_how_to_remove_it(
        tmp_path):
    s = _three(tmp_path / "ws")
    journal = s.folder("c1") / "journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    journal.write_text(lines[0] + lines[2])
    days, said = _said(lambda: ClientStore(tmp_path / "ws").sessions("c1"))
    assert days == ["2026-10-01", "2026-11-02", "2026-12-01"]
    assert any("was written back" in w and "workbook remove-session" in w for w in said)


def test_the_command_removes_a_session(tmp_path, capsys):
    _three(tmp_path / "ws")
    assert main(["remove-session", "--workspace", str(tmp_path / "ws"), "--client", "c1",
                 "--session", "2026-11-02"]) == 0
    out = capsys.readouterr()
    assert "removed session 2026-11-02 of client 'c1'" in out.err
    assert ClientStore(tmp_path / "ws").sessions("c1") == ["2026-10-01", "2026-12-01"]
    assert main(["remove-session", "--workspace", str(tmp_path / "ws"), "--client", "c1",
                 "--session", "2026-11-02"]) == 1
    err = capsys.readouterr().err
    assert "2026-11-02" in err and "Traceback" not in err


def test_an_older_copy_of_the_journal_does_not_bring_a_removed_session_back(tmp_path):
    root = tmp_path / "ws"
    s = _three(root)
    journal = s.folder("c1") / "journal.jsonl"
    older = journal.read_bytes()  # a copy made before the removal
    s.remove_session("c1", "2026-11-02")
    (s.folder("c1") / "answers.json").unlink()
    ClientStore(root).save("c1", {"time": {"items": {"time_1": 1}}}, session="2026-12-01")
    journal.write_bytes(older)  # the older copy comes back
    days, said = _said(lambda: ClientStore(root).sessions("c1"))
    assert days == ["2026-10-01", "2026-12-01"]
    assert any("session 2026-11-02 was removed" in w and "2026-11-02 (its removal)" in w
               for w in said)
    (s.folder("c1") / "answers.json").unlink()  # the removal is in the record again
    assert ClientStore(root).sessions("c1") == ["2026-10-01", "2026-12-01"]
    assert ClientStore(root).history("c1")["2026-12-01"]["time"]["items"] == {"time_1": 1}


def test_the_other_laptops_journal_does_not_bring_a_removed_session_back(tmp_path):
    """attacks5 C23: A removes a session; B, not knowing, saves once more on that date; B's
    journal is put over A's. The lines of the removed session stay left out; B's later
    save is a new session of that date."""
    import shutil

    a = tmp_path / "a"
    s = ClientStore(a)
    s.save("c1", {"hope": {"items": {"hope_1": 3}}, "time": {"items": {"time_1": 3}}},
           session="2026-11-20")
    s.save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    shutil.copytree(a, tmp_path / "b")
    s.remove_session("c1", "2026-11-20")
    (s.folder("c1") / "answers.json").unlink()
    ClientStore(a).save("c1", {"energy": {"items": {"energy_1": 2}}}, session="2026-12-01")
    b = ClientStore(tmp_path / "b")
    b.save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-11-20")
    journal = s.folder("c1") / "journal.jsonl"
    shutil.copy(b.folder("c1") / "journal.jsonl", journal)  # the sync keeps B's
    history, said = _said(lambda: ClientStore(a).history("c1"))
    assert history["2026-11-20"] == {"hope": {"items": {"hope_1": 1}}}
    assert history["2026-12-01"]["energy"] == {"items": {"energy_1": 2}}
    assert any("session 2026-11-20 was removed" in w and "1 later save" in w for w in said)
    (s.folder("c1") / "answers.json").unlink()  # the record alone says the same
    history = ClientStore(a).history("c1")
    assert history["2026-11-20"] == {"hope": {"items": {"hope_1": 1}}}


def test_a_session_saved_again_after_its_removal_keeps_out_the_removed_answers(tmp_path):
    """Removed, saved again here on that date; the other laptop's journal (holding the
    removed session's lines) put over this one: the removed answers stay out."""
    import shutil

    a = tmp_path / "a"
    s = ClientStore(a)
    s.save("c1", {"hope": {"items": {"hope_1": 3}}, "time": {"items": {"time_1": 3}}},
           session="2026-11-20")
    shutil.copytree(a, tmp_path / "b")
    s.remove_session("c1", "2026-11-20")
    s.save("c1", {"energy": {"items": {"energy_1": 2}}}, session="2026-11-20")
    (s.folder("c1") / "answers.json").unlink()
    s = ClientStore(a)
    s.save("c1", {"hope": {"items": {"hope_1": 5}}}, session="2026-12-01")
    b = ClientStore(tmp_path / "b")
    b.save("c1", {"ambition": {"items": {"ambition_1": 1}}}, session="2026-12-02")
    shutil.copy(b.folder("c1") / "journal.jsonl", s.folder("c1") / "journal.jsonl")
    history, said = _said(lambda: ClientStore(a).history("c1"))
    assert history["2026-11-20"] == {"energy": {"items": {"energy_1": 2}}}
    assert sorted(history) == ["2026-11-20", "2026-12-01", "2026-12-02"]
    (s.folder("c1") / "answers.json").unlink()
    assert ClientStore(a).history("c1")["2026-11-20"] == {"energy": {"items": {"energy_1": 2}}}


def test_a_removal_is_kept_in_answers_json_at_once(tmp_path):
    """attacks5 C23 as the tester ran it: nothing saved on A after the removal."""
    import shutil

    a = tmp_path / "a"
    s = ClientStore(a)
    s.save("c1", {"hope": {"items": {"hope_1": 4}}, "time": {"items": {"time_1": 4}}},
           session="2026-11-02")
    s.save("c1", {"hope": {"items": {"hope_1": 3}}, "time": {"items": {"time_1": 3}}},
           session="2026-11-20")
    shutil.copytree(a, tmp_path / "b")
    s.remove_session("c1", "2026-11-20")
    b = ClientStore(tmp_path / "b")
    b.save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-11-20")
    shutil.copy(b.folder("c1") / "journal.jsonl", s.folder("c1") / "journal.jsonl")
    history, said = _said(lambda: ClientStore(a).history("c1"))
    assert history["2026-11-20"] == {"hope": {"items": {"hope_1": 1}}}
    assert not any("deleted from the record by hand" in w for w in said)
