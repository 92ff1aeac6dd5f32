"""Round 14a V22 (R21 variant, copy-over): Dee Fox added on both laptops, her note sent on
laptop A. A sync tool puts laptop B's conversations.jsonl over A's folder; the list is
rebuilt from A's snapshot and B's record, and her follow-ups must keep the ids A's calendar
holds (those of the copy that recorded her steps), as after a union, so importing
`followups --ics` again updates them rather than adding copies."""

import datetime as dt
import shutil
import warnings

from workbook.cli import followups as fu
from workbook.core.conversations import model

from .laptops import Laptops

D = dt.date
TODAY = D(2026, 12, 7)


def uids(store):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = fu.followups(store.root, today=TODAY)
    return sorted((f.due.kind, f.due.date, f.uid) for f in found.items if f.due.name == "Dee Fox")


def test_a_copy_over_keeps_the_calendar_ids_of_the_copy_that_sent_the_note(tmp_path):
    lap = Laptops(tmp_path, model.add_op("Ann Base", person_id="base", today=D(2026, 11, 20),
                                         now=TODAY))
    # laptop B (one) lists Dee Fox with no step
    lap.mine.change(model.add_op("Dee Fox", org="Dock Co", today=D(2026, 12, 1), now=TODAY,
                                 person_id="b47b92c41365"))
    # laptop A (two) lists her too and records the note sent: its calendar has her events
    book = lap.theirs.change(model.add_op("Dee Fox", org="Dock Co", today=D(2026, 12, 1),
                                          now=TODAY, person_id="c345d8eb3722"))
    lap.theirs.change(model.step_op(book, "c345d8eb3722", "sent", D(2026, 12, 2), today=TODAY))
    before = uids(lap.two)
    assert [kind for kind, _, _ in before] == ["another", "nudge"]
    assert all("-c345d8eb3722-" in uid for _, _, uid in before)
    # the sync puts B's record over A's folder (A's snapshot stays)
    shutil.copyfile(lap.record(lap.one), lap.record(lap.two))
    after = uids(lap.two)
    assert [(kind, day) for kind, day, _ in after] == [(k, d) for k, d, _ in before]
    assert after == before  # the same events, the same ids: no copy on import
    assert uids(lap.two) == before  # and on the next reading too
