"""A damaged first line, the snapshot kept: the lines after it are this copy's own.

Found by tests/test_record_fuzz.py (its stored example; it failed at the start of session
10): Ana added, her "What you learned" written twice ("Ana", then "Bo <b>"), the add line
damaged. The list is rebuilt over the snapshot from the damaged line on; the two edit lines,
which the snapshot covered, were read as another copy's and both texts kept
("Bo <b>\\n\\n———\\n\\nAna"). A line the snapshot covered is its own: read again for order,
never merged as another laptop's (round 10b L4 keeps both only for lines it never held).
"""

import datetime as dt
import warnings

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

D = dt.date(2026, 11, 2)


def test_own_lines_read_again_after_a_damaged_one_are_not_merged(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "c")
    book = tracker.change(model.add_op("Ana", person_id="p0", today=D, now=D))
    book = tracker.change(model.edit_op(book, "p0", learned="Ana"))
    tracker.change(model.edit_op(book, "p0", learned="Bo <b>"))
    record = tracker.store.client_folder("c") / JOURNAL
    data = record.read_bytes()
    record.write_bytes(b"\x00" + data[1:])  # the first line damaged
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = Tracker(ClientStore(tmp_path), "c").read()
    assert again.people["p0"].learned == "Bo <b>"
    assert not any("both are kept" in str(w.message) for w in caught
                   if issubclass(w.category, StoreWarning))
