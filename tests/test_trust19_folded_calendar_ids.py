"""Round 13a R21: after a sync folded two copies of one person, `followups --ics` gave that
person's follow-ups the kept copy's id, so a calendar that had imported the other laptop's
file got each of them twice. README: "the same follow-up keeps its id, so importing again
updates it rather than adding a copy". A folded person's events now keep the id of the copy
that recorded their steps (the copy whose calendar had them)."""

import datetime as dt

from workbook.cli import followups as fu
from workbook.core.conversations import model

from .laptops import Laptops

D = dt.date
TODAY = D(2026, 12, 7)


def uids(store):
    found = fu.followups(store.root, today=TODAY)
    return sorted((f.due.kind, f.due.date, f.uid) for f in found.items if f.due.name == "Dee Fox")


def test_a_folded_persons_follow_ups_keep_their_calendar_ids(tmp_path):
    lap = Laptops(tmp_path, model.add_op("Ann Base", person_id="base", today=D(2026, 11, 20),
                                         now=TODAY))
    # laptop 1 (its lines first after the sync) lists Dee Fox with no step: no event for her
    lap.mine.change(model.add_op("Dee Fox", org="Dock Co", today=D(2026, 12, 1), now=TODAY,
                                 person_id="b47b92c41365"))
    # laptop 2 lists her too and records the note sent: her follow-ups are in its calendar
    book = lap.theirs.change(model.add_op("Dee Fox", org="Dock Co", today=D(2026, 12, 1),
                                          now=TODAY, person_id="c345d8eb3722"))
    lap.theirs.change(model.step_op(book, "c345d8eb3722", "sent", D(2026, 12, 2), today=TODAY))
    before = uids(lap.two)
    assert [kind for kind, _, _ in before] == ["another", "nudge"]
    assert all("-c345d8eb3722-" in uid for _, _, uid in before)
    lap.union()  # laptop 1's record now holds both copies: one is folded into the other
    book = lap.mine.read()
    assert [p.name for p in book.people.values()].count("Dee Fox") == 1
    assert uids(lap.one) == before  # the same events, the same ids: no copy on import
