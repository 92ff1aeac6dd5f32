"""Round 11a M1, the other order: the removal line comes AFTER the other copy's change.

Laptop 1 wrote what was learned for Cy (or recorded steps, or changed what draws the client
to a place); laptop 2, not knowing, took Cy (the place) off the list. A sync keeping both
files' lines puts laptop 2's removal after laptop 1's change: read in the order of the file,
Cy was taken off with laptop 1's text and steps, and no notice named Cy. The removal line now
says what the person (place) was on the copy that took them off (its ``was``); a list that
holds more (another copy recorded something meanwhile) keeps the person, let go on that day,
as M1's fix does, and the coach is told by name. A removal made on one laptop, which saw
everything, and a removal line written before (no ``was``) are applied as before.
"""

import datetime as dt
import json

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def cy():
    return model.add_op("Cy Ruiz", org="Rail Lab", person_id="c", today=D(2026, 12, 1),
                        now=NOW)


def test_a_text_written_before_the_other_laptop_took_them_off_keeps_them_let_go(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.edit_op(mine.read(), "c", learned="A: they run the archive"))
    theirs.change(model.remove_op(theirs.read(), "c", today=D(2026, 12, 5), now=NOW))
    laptops.union()  # laptop 1's text, then laptop 2's removal
    book, _, said = read_with_notices(one)
    assert "c" in book.people and book.former_people == []
    assert book.people["c"].learned == "A: they run the archive"
    assert book.people["c"].let_go == "2026-12-05"
    told = [s for s in said if "Cy Ruiz" in s]
    assert len(told) == 1, said
    assert "takes Cy Ruiz off the list" in told[0], told[0]
    assert "let go on 2026-12-05 rather than taken off" in told[0], told[0]
    assert "what was learned" in told[0], told[0]
    again, _, said = read_with_notices(one)
    assert again.people["c"].learned == "A: they run the archive" and said == []
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(one)  # the record alone gives the same list
    assert alone.people["c"].learned == "A: they run the archive"
    assert alone.people["c"].let_go == "2026-12-05" and alone.former_people == []


def test_steps_recorded_before_the_other_laptop_took_them_off_are_kept(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.step_op(mine.read(), "c", "held", D(2026, 12, 3), today=NOW))
    theirs.change(model.remove_op(theirs.read(), "c", today=D(2026, 12, 5), now=NOW))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert book.people["c"].steps["held"] == "2026-12-03"
    assert book.people["c"].let_go == ""  # a talk held: kept on the list, not let go
    told = [s for s in said if "Cy Ruiz" in s]
    assert len(told) == 1 and "on the list rather than taken off" in told[0], said
    assert book.counts(D(2026, 12, 7))["people_listed"] == 1


def test_a_place_text_written_before_the_other_laptop_took_the_place_off_is_named(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    rail = next(iter(mine.read().places))
    mine.change(model.edit_place_op(mine.read(), rail, drawn="A: their trains draw me"))
    theirs.change(model.remove_place_op(theirs.read(), rail, today=D(2026, 12, 5)))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert rail not in book.places  # taken off, as the line says
    told = [s for s in said if "Rail Lab" in s]
    assert len(told) == 1, said
    assert "A: their trains draw me" in told[0], told[0]
    assert [f.drawn for f in book.former_places] == ["A: their trains draw me"]


def test_a_removal_on_one_laptop_after_its_own_text_takes_them_off_without_a_word(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine = laptops.one, laptops.mine
    mine.change(model.edit_op(mine.read(), "c", learned="A: they run the archive"))
    rail = next(iter(mine.read().places))
    mine.change(model.edit_place_op(mine.read(), rail, drawn="A: their trains draw me"))
    mine.change(model.remove_op(mine.read(), "c", today=D(2026, 12, 5), now=NOW))
    mine.change(model.remove_place_op(mine.read(), rail, today=D(2026, 12, 5)))
    (one.client_folder("m") / SNAPSHOT).unlink()
    book, _, said = read_with_notices(one)
    assert "c" not in book.people and [f.id for f in book.former_people] == ["c"]
    assert rail not in book.places and said == []


def test_a_removal_line_written_before_was_is_applied_as_before(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.edit_op(mine.read(), "c", learned="A: they run the archive"))
    theirs.change(model.remove_op(theirs.read(), "c", today=D(2026, 12, 5), now=NOW))
    record = laptops.record(laptops.two)
    lines = record.read_bytes().splitlines()
    last = json.loads(lines[-1])
    assert "was" in last  # written with what laptop 2 held
    del last["was"]  # as a kit before this change wrote it
    record.write_bytes(b"\n".join([*lines[:-1], json.dumps(last).encode()]) + b"\n")
    laptops.union()
    book, _, said = read_with_notices(one)
    assert "c" not in book.people and [f.id for f in book.former_people] == ["c"]


def test_a_move_before_the_other_laptop_took_them_off_keeps_them_a_renamed_place_not(tmp_path):
    laptops = Laptops(tmp_path, cy())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    rail = next(iter(mine.read().places))
    mine.change(model.edit_place_op(mine.read(), rail, name="Rail Lab North"))  # not Cy's
    theirs.change(model.remove_op(theirs.read(), "c", today=D(2026, 12, 5), now=NOW))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert "c" not in book.people and not [s for s in said if "Cy Ruiz" in s], said

    again = Laptops(tmp_path / "again", cy())
    again.mine.change(model.move_op(again.mine.read(), "c", name="Sun Press",
                                    today=D(2026, 12, 4)))
    again.theirs.change(model.remove_op(again.theirs.read(), "c", today=D(2026, 12, 5),
                                        now=NOW))
    again.union()
    book, _, said = read_with_notices(again.one)
    assert book.people["c"].org == "Sun Press" and book.people["c"].let_go == "2026-12-05"
    told = [s for s in said if "Cy Ruiz" in s]
    assert len(told) == 1 and "recorded a move to another place for them" in told[0], said
