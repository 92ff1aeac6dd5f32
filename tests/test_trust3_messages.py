"""Issue 20, session 6: small messages (N11) that must say what happened."""
import pytest

from workbook.responses.io import load_responses

from .reading_helpers import IDS, answers, write


def _dated(tmp_path, dates):
    """Participant 'a' answers pre once per date (answers 1, 2, ...); 'b' once, dated."""
    rows = [["a", "pre", d, *answers(i + 1)] for i, d in enumerate(dates)]
    rows.insert(1, ["b", "pre", "2026-03-01", *answers(5)])
    return write(tmp_path, ["participant_id", "timepoint", "date", *IDS], rows)


@pytest.mark.parametrize(("keep", "kept", "gone"), [("first", 2, 4), ("last", 4, 2)])
def test_keep_with_two_rows_of_one_date_says_the_dates_tie(tmp_path, keep, kept, gone):
    data = load_responses(_dated(tmp_path, ["2026-03-20", "2026-03-20"]), keep=keep)
    assert data.attrs["left_out"] == [(gone, "a", "pre", kept)]
    assert data.attrs["matches"].notes[-1] == (
        f"--keep {keep}: left out 1 repeated response: row {gone} ('a', pre; kept row {kept}; "
        "by file order, as rows 2 and 4 have the same date, 2026-03-20)")


def test_keep_with_a_latest_date_says_nothing_of_file_order(tmp_path):
    data = load_responses(_dated(tmp_path, ["2026-03-20", "2026-03-20", "2026-03-25"]),
                          keep="last")
    assert data.attrs["matches"].notes[-1] == (
        "--keep last: left out 2 repeated responses: row 2 ('a', pre; kept row 5); "
        "row 4 ('a', pre; kept row 5)")


def test_a_save_waiting_for_another_process_lock_says_so_once(tmp_path, monkeypatch):
    import threading
    import warnings

    from workbook.session.store import LOCK_FILE, ClientStore, disk

    store = ClientStore(tmp_path)
    store.save("ann", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    lock = store.folder("ann") / LOCK_FILE
    monkeypatch.setattr(disk, "WAIT_SAID_AFTER", 0.05)
    held, done = threading.Event(), threading.Event()

    def hold():
        with disk.locked(lock):
            held.set()
            done.wait(30)  # until the save has said that it waits (or 30 s at most)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(30)
    shown = []

    def said(message, *args, **kwargs):
        shown.append(str(message))
        done.set()

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        monkeypatch.setattr(warnings, "showwarning", said)
        store.save("ann", {"hope": {"items": {"hope_1": 3}}}, session="2026-12-01")
    holder.join()
    assert len(shown) == 1 and shown[0].startswith(
        f"waiting for {store.folder('ann')}: another page, notebook or command is saving there "
        "and holds .lock")
    assert store.load("ann")["hope"]["items"] == {"hope_1": 3}


def test_a_contact_name_keeps_no_zero_width_space():
    from workbook.session.conversations import model

    op = model.add_op("Zoe\u200b Lee\ufeff", person_id="p1", today="2026-12-01")
    assert op["fields"]["name"] == "Zoe Lee"


def test_a_line_of_the_wrong_shape_is_told_once_with_the_client_and_no_clock_warning(
        tmp_path, capsys):
    from workbook.cli import main
    from workbook.session.store import JOURNAL_FILE, ClientStore

    store = ClientStore(tmp_path / "ws")
    store.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-01")
    journal = store.folder("c1") / JOURNAL_FILE
    with journal.open("a") as out:  # an earlier time than line 1, answers as a list
        out.write('{"at":"2020-12-07T03:40:00+00:00","session":"2026-11-03","client_id":"c1",'
                  '"answers":[1,2]}\n')
    out_csv = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out_csv)]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "line 2 of" in line]
    assert said == [
        f"workbook: warning: line 2 of {journal} (client 'c1', a save of session 2026-11-03) "
        "cannot be read (the answers are a list, not a dict of sections): the save it holds "
        "was not read."]
