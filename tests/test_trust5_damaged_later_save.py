"""attacks4 B3: a damaged line holding a later save of a session is not undone.

hope_1 saved 1, then corrected to 5 in the same session; the line of the correction is
damaged (one byte added). answers.json covered the whole journal and holds 5: that later
save is kept over line 1's 1, written back to the record, and the notice says so.
"""

import warnings

from workbook.session.store import ClientStore, StoreWarning


def _hope(v):
    return {"hope": {"items": {"hope_1": v, "hope_6": 3, "hope_7": 3}}}


def test_a_damaged_later_save_is_kept_from_the_snapshot(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c1", _hope(1), session="2026-11-01")
    store.save("c1", {"time": {"items": {"time_1": 2, "time_2": 2}}}, session="2026-11-01")
    store.save("c1", _hope(5), session="2026-11-01")  # the coach corrects hope_1 to 5
    store.save("c1", {"energy": {"items": {"energy_1": 2}}}, session="2026-11-02")
    journal = store.folder("c1") / "journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace('"hope_1":5', '"hope_1":5x')
    journal.write_text("".join(lines))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path).history("c1")
    # before: hope_1 went back to 1
    assert history["2026-11-01"]["hope"]["items"]["hope_1"] == 5
    assert history["2026-11-01"]["time"]["items"] == {"time_1": 2, "time_2": 2}
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, StoreWarning))
    assert "line 3 of the journal cannot be read" in said and "session 2026-11-01 (hope)" in said
    # written back: with answers.json gone, the record alone still gives 5
    (store.folder("c1") / "answers.json").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        history = ClientStore(tmp_path).history("c1")
    assert history["2026-11-01"]["hope"]["items"]["hope_1"] == 5
    assert history["2026-11-02"] == {"energy": {"items": {"energy_1": 2}}}


def test_an_edited_line_is_still_read_when_no_line_is_damaged(tmp_path):
    store = ClientStore(tmp_path)
    store.save("c1", _hope(1), session="2026-11-01")
    store.save("c1", _hope(5), session="2026-11-01")
    journal = store.folder("c1") / "journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace('"hope_1":5', '"hope_1":4')  # an edit (A24): read
    journal.write_text("".join(lines))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        history = ClientStore(tmp_path).history("c1")
    assert history["2026-11-01"]["hope"]["items"]["hope_1"] == 4
