"""A conversations.json whose sharing choices are not true or false is read as not shared (13a R12).

The record's lines are read so since R12's fix; the snapshot, trusted while it covers the
record, was still read with ``bool``: a hand-edited ``"share_names": "false"`` named the
client's contacts in their report.
"""

import json

from workbook.session.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import SNAPSHOT, Tracker, book_from_dict


def test_a_snapshot_s_text_choices_are_not_sharing():
    book = book_from_dict({"people": [], "share_report": "yes", "share_names": "false"})
    assert (book.share_report, book.share_names) == (False, False)
    book = book_from_dict({"people": [], "share_report": True, "share_names": "true"})
    assert (book.share_report, book.share_names) == (True, False)
    book = book_from_dict({"people": [], "share_report": True, "share_names": True})
    assert (book.share_report, book.share_names) == (True, True)


def test_a_hand_edited_snapshot_does_not_name_the_contacts(tmp_path):
    """Through the store: the edited snapshot is not trusted to share (a guard: it held)."""
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "ann")
    tracker.change(model.add_op("Ana Ruiz", org="City Library"))
    tracker.change(model.share_op(report=True, names=False))
    for _ in range(3):  # enough changes that the snapshot is written
        tracker.change(model.share_op(report=True, names=False))
    snapshot = store.client_folder("ann") / SNAPSHOT
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    data["share_names"] = "false"  # a hand edit: a text, not false
    snapshot.write_text(json.dumps(data), encoding="utf-8")
    book = Tracker(ClientStore(tmp_path / "ws"), "ann").read()
    assert book.share_report is True
    assert book.share_names is False
