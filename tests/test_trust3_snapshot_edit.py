"""Issue 20, session 6 (attacks3 A8): a snapshot edited by hand is not trusted over the record."""
import json

import pytest

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import STATE_FILE
from workbook.session.tracker import SNAPSHOT, Tracker

ONE = {"hope": {"items": {"hope_1": 1}}}


def test_answers_json_edited_by_hand_is_set_aside_and_the_record_read(tmp_path):
    store = ClientStore(tmp_path)
    for day in ("2026-11-01", "2026-11-02"):
        store.save("c1", ONE, session=day)
    path = store.folder("c1") / STATE_FILE
    path.write_text(path.read_text().replace('"hope_1":1', '"hope_1":5'))  # a coach "fixes" it
    with pytest.warns(StoreWarning) as said:
        again = ClientStore(tmp_path, read_only=True)
        history = again.history("c1")
    assert history == {"2026-11-01": ONE, "2026-11-02": ONE}  # what the record says
    [aside] = path.parent.glob("answers.json.corrupt-*")
    assert str(said[0].message) == (
        f"{path} (client 'c1') could not be read (its sessions were changed outside the kit: "
        "they no longer match the SHA-256 they were saved with); it was moved to "
        f"{aside.name} and 2 sessions were rebuilt from journal.jsonl")


def test_an_untouched_answers_json_is_read_quietly(tmp_path):
    import warnings

    store = ClientStore(tmp_path)
    store.save("c1", {"hope": {"items": {"hope_1": 2.5, "note": "Zoë \u2014 \"x\""}}},
               session="2026-11-01")
    assert "sessions_sha256" in json.loads((store.folder("c1") / STATE_FILE).read_text())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ClientStore(tmp_path).history("c1")["2026-11-01"]["hope"]["items"]["hope_1"] \
            == 2.5


def test_conversations_json_edited_by_hand_is_set_aside_and_the_record_read(tmp_path):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ana", person_id="ana", today="2026-11-01"))
    path = store.folder("c1") / SNAPSHOT
    snap = json.loads(path.read_text())
    assert "book_sha256" in snap
    snap["book"]["people"] = []  # ana removed by hand
    path.write_text(json.dumps(snap))
    with pytest.warns(StoreWarning, match="no longer matches the SHA-256"):
        book = Tracker(ClientStore(tmp_path), "c1").read()
    assert list(book.people) == ["ana"]
