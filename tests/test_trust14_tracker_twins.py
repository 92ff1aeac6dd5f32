"""Issue 20, round 8 F8: one person added on two laptops was listed twice after a sync.

Two copies of a workspace each added "Ana Ruiz" at "City Library"; one laptop's
``conversations.jsonl`` was copied over the other's. The rebuilt list held her twice (two
ids), the notice said only that what the snapshot held "was written back", and the export
counted 3 people for 2. The same name at the same place is one person (the Add form's
rule): the snapshot's copy is folded into the record's, keeping the steps and texts of both.
"""

import datetime as dt
import shutil
import warnings

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

D = dt.date


def two_laptops(tmp_path):
    """Two copies of a workspace with one client 'm' who listed "Existing" on 1 Dec."""
    one = ClientStore(tmp_path / "wm1")
    Tracker(one, "m").change(model.add_op("Existing", person_id="ex", today=D(2026, 12, 1)))
    shutil.copytree(tmp_path / "wm1", tmp_path / "wm2")
    return one, ClientStore(tmp_path / "wm2")


def copy_record(src: ClientStore, dst: ClientStore):
    """What a sync tool does: the last writer's record over the other's."""
    shutil.copy(src.client_folder("m") / JOURNAL, dst.client_folder("m") / JOURNAL)


def read_with_notice(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tracker = Tracker(store, "m")
        book = tracker.read()
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    return book, tracker, said


def test_the_same_person_added_on_two_laptops_is_one_person_after_the_sync(tmp_path):
    one, two = two_laptops(tmp_path)
    mine = Tracker(one, "m")
    book = mine.change(model.add_op("Ana Ruiz", org="City Library", person_id="a1",
                                    today=D(2026, 12, 2), now=D(2026, 12, 7)))
    book = mine.change(model.step_op(book, "a1", "drafted", D(2026, 12, 3),
                                     today=D(2026, 12, 3)))
    mine.change(model.edit_op(book, "a1", note="Dear Ana, ...", learned="Archives hire in May",
                              suggested="Noor Ali"))
    theirs = Tracker(two, "m")
    book = theirs.change(model.add_op("  ana ruiz", org="city  library", person_id="a2",
                                      today=D(2026, 12, 4), now=D(2026, 12, 7)))
    book = theirs.change(model.step_op(book, "a2", "sent", D(2026, 12, 5),
                                       today=D(2026, 12, 5)))
    theirs.change(model.edit_op(book, "a2", learned="Ask about the digitising team",
                                suggested="Paz Gil"))
    copy_record(two, one)

    book, tracker, said = read_with_notice(one)
    anas = [p for p in book.people.values() if model.place_key(p.name) == "ana ruiz"]
    assert len(anas) == 1
    ana = anas[0]
    assert ana.id == "a2"  # the record's copy is kept
    # the steps of both, each at its day; listed on the earlier day
    assert ana.steps == {"noted": "2026-12-02", "drafted": "2026-12-03", "sent": "2026-12-05"}
    assert ana.added == "2026-12-02"
    assert ana.note == "Dear Ana, ..."
    assert ana.learned == "Ask about the digitising team\n\n———\n\nArchives hire in May"
    assert ana.suggested == "Paz Gil\nNoor Ali"
    assert book.counts()["people_listed"] == 2
    assert len(said) == 1 and "ana ruiz (City Library) was on the list twice" in said[0]
    assert "one person again" in said[0] and "(2 people)" in said[0]

    # the record holds it: read again from the record alone, the same list, no word
    (one.client_folder("m") / "conversations.json").unlink()
    again, _, said = read_with_notice(one)
    assert said == [] or all("twice" not in s for s in said)
    assert sorted(again.people) == ["a2", "ex"]
    assert again.people["a2"].steps == ana.steps
    assert again.people["a2"].learned == ana.learned


def test_two_talk_days_keep_the_records_and_name_the_other(tmp_path):
    one, two = two_laptops(tmp_path)
    for store, pid, day in ((one, "a1", "2026-12-10"), (two, "a2", "2026-12-11")):
        tracker = Tracker(store, "m")
        book = tracker.change(model.add_op("Ana Ruiz", org="City Library", person_id=pid,
                                           today=D(2026, 12, 2), now=D(2026, 12, 7)))
        book = tracker.change(model.step_op(book, pid, "arranged", D(2026, 12, 3),
                                            today=D(2026, 12, 3)))
        tracker.change(model.edit_op(book, pid, meeting=day))
    copy_record(two, one)
    book, _, said = read_with_notice(one)
    assert sorted(book.people) == ["a2", "ex"]
    assert book.people["a2"].meeting == "2026-12-11"
    assert "other day of the talk (2026-12-10)" in said[0]


def test_the_same_name_at_another_place_stays_two_people(tmp_path):
    one, two = two_laptops(tmp_path)
    Tracker(one, "m").change(model.add_op("Ana Ruiz", org="City Library", person_id="a1",
                                          today=D(2026, 12, 2), now=D(2026, 12, 7)))
    Tracker(two, "m").change(model.add_op("Ana Ruiz", org="Harbour Trust", person_id="a2",
                                          today=D(2026, 12, 2), now=D(2026, 12, 7)))
    copy_record(two, one)
    book, _, said = read_with_notice(one)
    assert sorted(book.people) == ["a1", "a2", "ex"]
    assert "twice" not in said[0]
    assert "What only conversations.json held of the place City Library, Ana Ruiz" in said[0]
