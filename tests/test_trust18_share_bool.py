"""Round 13a R12: a sharing choice that is not a real true or false.

``model.share_op(report='yes', names='no')`` was accepted and recorded ``"names": true`` (any
non-empty text is true), and a record line edited to ``"names": "false"`` was read as names
shared: the client's report named the people they talk to. The API now refuses anything but
``True``/``False``, naming the field; a record line whose report or names is not a boolean is
read as not shared (the more private choice) and named.
"""

import datetime as dt
import json

import pytest

from workbook.core.conversations import model
from workbook.core.exceptions import ConversationError
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date


@pytest.mark.parametrize("report, names, field, shown", [
    ("yes", "no", "report", "'yes'"),
    (True, "no", "names", "'no'"),
    (True, "false", "names", "'false'"),
    (True, 0, "names", "0"),
    (1, True, "report", "1"),
    (None, False, "report", "None"),
])
def test_share_op_takes_only_true_or_false(report, names, field, shown):
    with pytest.raises(ConversationError) as caught:
        model.share_op(report=report, names=names)
    assert str(caught.value) == f"{field} must be true or false, not {shown}"


def test_share_op_with_booleans_is_as_before():
    assert model.share_op(report=True, names=True) == {"op": "share", "report": True,
                                                       "names": True}
    assert model.share_op(report=False, names=True) == {"op": "share", "report": False,
                                                        "names": False}


@pytest.mark.parametrize("names", ["false", "no", "0", 1, "true"])
def test_a_record_line_with_names_not_a_boolean_is_read_as_not_shared_and_named(tmp_path,
                                                                                 names):
    laptops = Laptops(tmp_path, model.add_op("Di Eng", person_id="di", today=D(2026, 11, 1),
                                             now=D(2026, 12, 7)))
    one = laptops.one
    laptops.mine.change(model.share_op(report=True, names=True))
    line = {"at": "2099-01-01T10:00:00+00:00", "client_id": "m", "op": "share",
            "report": True, "names": names}
    with open(laptops.record(one), "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
    book, _, said = read_with_notices(one)
    assert (book.share_report, book.share_names) == (True, False)
    told = [s for s in said if "not true or false" in s]
    assert len(told) == 1, said
    assert "line 3 " in told[0] and f"names {names!r}" in told[0], told[0]
    assert "read as not shared" in told[0]
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(one)  # from the record alone: the same
    assert (alone.share_report, alone.share_names) == (True, False)
    assert any("line 3 " in s and "not true or false" in s for s in said), said


def test_a_record_line_with_report_not_a_boolean_shares_nothing(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Di Eng", person_id="di", today=D(2026, 11, 1),
                                             now=D(2026, 12, 7)))
    one = laptops.one
    laptops.mine.change(model.share_op(report=True, names=True))
    line = {"at": "2099-01-01T10:00:00+00:00", "client_id": "m", "op": "share",
            "report": "yes", "names": True}
    with open(laptops.record(one), "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
    book, _, said = read_with_notices(one)
    assert (book.share_report, book.share_names) == (False, False)
    assert any("report 'yes'" in s and "not true or false" in s for s in said), said
