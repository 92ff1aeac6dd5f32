"""attacks4 B22 (the tester's correction): a line naming a place the list never had, saved
at an earlier time than the line before it, is told once as not applied; it is not also
said to have been "applied in the order of the file"."""
import datetime as dt
import json
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL

WED = dt.date(2026, 11, 25)


def test_a_line_naming_an_unknown_place_is_told_once_as_not_applied(tmp_path):
    t = Tracker(ClientStore(tmp_path), "ann")
    t.change(model.add_op("Ana", org="Kitchen", person_id="p1", today=WED, now=WED))
    record = t.store.folder("ann") / JOURNAL
    with open(record, "a", encoding="utf-8") as fh:  # saved at 05:13, before line 1
        fh.write(json.dumps({"at": "2026-11-25T05:13:00+00:00", "client_id": "ann",
                             "op": "move", "id": "p1", "place": "ZZ",
                             "date": "2026-11-25"}) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(tmp_path), "ann").read()
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert book.people["p1"].place and book.people["p1"].org == "Kitchen"
    assert said == [f"line 2 of {record} (client 'ann', a change (move) of 'p1') moves 'p1' "
                    "to a place 'ZZ' that is not on the list: the change it holds was not "
                    "applied. Nothing was changed."]
