"""attacks5 C3: a step dated years ahead, typed by hand into conversations.jsonl, was
applied without a word. It is still applied (the record is the coach's), and now named
once, with the file and line, as the other hand-edited lines are."""

import datetime as dt
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import now_stamp

D = dt.date


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def test_a_step_dated_ahead_by_hand_is_named_once(tmp_path):
    s = ClientStore(tmp_path / "ws")
    t = Tracker(s, "c1")
    t.change(model.add_op("Cy Lo", org="Open Kitchen", person_id="cy", today=D(2026, 11, 4)))
    journal = s.folder("c1") / "conversations.jsonl"
    at = now_stamp()  # saved after the add, as typed by hand
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write(f'{{"at":"{at}","client_id":"c1","op":"step",'
                 '"id":"cy","step":"held","date":"2030-01-01"}\n')
    book, said = _said(lambda: Tracker(ClientStore(tmp_path / "ws"), "c1").read())
    assert book.people["cy"].steps["held"] == "2030-01-01"  # applied as written
    # before: nothing said
    assert said == [f"line 2 of {journal} (client 'c1', a change (step) of 'cy') dates the step "
                    f"'held' of 'cy' 2030-01-01, after the day it was saved ({at[:10]}): it "
                    "was applied as written (the kit never dates a change ahead); check the "
                    "date and correct the line by hand if it is wrong."]
    assert _said(lambda: Tracker(ClientStore(tmp_path / "ws"), "c1").read())[1] == []


def test_a_step_dated_on_the_day_it_was_saved_says_nothing(tmp_path):
    s = ClientStore(tmp_path / "ws")
    t = Tracker(s, "c1")
    book = t.change(model.add_op("Ana", org="Lib", person_id="ana", today=D(2026, 11, 4)))
    t.change(model.step_op(book, "ana", "sent", D(2026, 11, 5)))
    assert _said(lambda: Tracker(ClientStore(tmp_path / "ws"), "c1").read())[1] == []
