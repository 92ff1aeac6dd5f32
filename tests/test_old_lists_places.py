"""A conversations list saved before places existed counts its places (attacks3 A20).

Before places (the kit of 4370ccc), an add line held ``fields.org`` and no ``place``, and the
snapshot held no ``places``. Read now, such a list counted 0 places listed and 0 with a
contact although its people have a place typed. An old person's ``org`` lists its place as
today's add does: dated their listed day, one place per name (``model.find_place``).

The record, written here line by line as that kit wrote it (mk_t.py of attacks3):
    2026-11-02 Ana Ruiz at "Lib"; 2026-11-03 P0..P5 at "Org" (P3 types "org ", the same
    place); Ana: sent 11-04, reply 11-06, arranged 11-08, held 11-10; P1: sent 11-12.
Counted by hand:
    by 2026-11-01: nothing; by 2026-11-02: 1 person, 1 place (Lib), 1 with a contact;
    now: 7 people, 2 notes sent (Ana, P1), 1 held, 2 places (Lib, Org), 2 with a contact.
"""

import datetime as dt
import hashlib
import json

from workbook.cli.clients import export_clients
from workbook.session.conversations import Tracker
from workbook.session.store import ClientStore

D = dt.date
AT = "2026-11-20T10:00:00+00:00"


def _add(pid, name, org, day):
    return {"at": AT, "client_id": "t1", "op": "add", "id": pid, "date": day,
            "fields": {"name": name, "org": org, "found": "", "why": "", "priority": 2,
                       "suggested_by": ""}}


def _step(pid, step, day):
    return {"at": AT, "client_id": "t1", "op": "step", "id": pid, "step": step, "date": day}


OPS = ([_add("ana", "Ana Ruiz", "Lib", "2026-11-02")]
       + [_add(f"p{i}", f"P{i}", "org " if i == 3 else "Org", "2026-11-03") for i in range(6)]
       + [_step("ana", s, d) for s, d in (("sent", "2026-11-04"), ("reply", "2026-11-06"),
                                           ("arranged", "2026-11-08"), ("held", "2026-11-10"))]
       + [_step("p1", "sent", "2026-11-12")])


def _person(pid, name, org, day, steps):
    return {"id": pid, "name": name, "org": org, "found": "", "why": "", "priority": 2,
            "added": day, "steps": {"noted": day, **steps}, "note": "", "learned": "",
            "suggested": "", "suggested_by": "", "meeting": "", "followed": {}}


#: The snapshot that kit wrote of the same list: people only, no places.
OLD_BOOK = {"people": [_person("ana", "Ana Ruiz", "Lib", "2026-11-02",
                               {"sent": "2026-11-04", "reply": "2026-11-06",
                                "arranged": "2026-11-08", "held": "2026-11-10"})]
            + [_person(f"p{i}", f"P{i}", "org " if i == 3 else "Org", "2026-11-03",
                       {"sent": "2026-11-12"} if i == 1 else {}) for i in range(6)],
            "share_report": False, "share_names": False}


def _old_list(tmp_path, *, snapshot: bool):
    store = ClientStore(tmp_path / "ws")
    full = {ing: {"items": {f"{ing}_{k}": 4 for k in range(1, 6)}}
            for ing in ("hope", "time", "energy", "self_esteem", "ambition")}
    store.save("t1", full, session="2026-11-01")
    folder = store.folder("t1")
    data = "".join(json.dumps(op, separators=(",", ":")) + "\n" for op in OPS).encode()
    (folder / "conversations.jsonl").write_bytes(data)
    if snapshot:
        (folder / "conversations.json").write_text(json.dumps(
            {"format": 1, "client_id": "t1", "journal_bytes": len(data),
             "journal_sha256": hashlib.sha256(data).hexdigest(), "book": OLD_BOOK}))
    return store


def _counts(book):
    return [tuple(book.counts(on=day).values()) for day in (D(2026, 11, 1), D(2026, 11, 2),
                                                             None)]


EXPECTED = [(0, 0, 0, 0, 0), (1, 0, 0, 1, 1), (7, 2, 1, 2, 2)]


def test_an_old_record_replayed_lists_its_places(tmp_path):
    # Before: places listed 0 and with a contact 0 on every day.
    book = Tracker(_old_list(tmp_path, snapshot=False), "t1").read()
    assert _counts(book) == EXPECTED
    assert [(p.name, p.added) for p in book.places.values()] == [("Lib", "2026-11-02"),
                                                                   ("Org", "2026-11-03")]
    assert book.people["p3"].place == book.people["p0"].place  # "org " is Org


def test_an_old_snapshot_lists_its_places(tmp_path):
    book = Tracker(_old_list(tmp_path, snapshot=True), "t1").read()
    assert _counts(book) == EXPECTED
    assert [(p.name, p.added) for p in book.places.values()] == [("Lib", "2026-11-02"),
                                                                   ("Org", "2026-11-03")]


def test_the_export_counts_an_old_lists_places(tmp_path):
    store = _old_list(tmp_path, snapshot=True)
    row = export_clients(store.root, tmp_path / "out.csv").iloc[0]
    assert [int(row[c]) for c in ("people_listed", "notes_sent", "conversations_held",
                                  "places_listed", "places_with_contact")] == [7, 2, 1, 2, 2]


def test_an_old_edit_of_where_they_work_moves_them_as_an_edit_does_today(tmp_path):
    # An edit of that kit: {"op": "edit", "id", "fields"}, no date and no place; its day is
    # the day of its line (at). Ana's "Lib" becomes "Museum" on 2026-11-21; P0's edit keeps
    # "Org" (spaces and case aside), so P0 stays.
    #   by 2026-11-20: Lib, Org listed, both with a contact (2, 2)
    #   now: Lib (listed 11-02, no one there now), Org, Museum (listed 11-21): 3 listed;
    #   with a contact now: Org, Museum (2).
    store = _old_list(tmp_path, snapshot=False)
    folder = store.folder("t1")
    edits = [{"at": "2026-11-21T09:00:00+00:00", "client_id": "t1", "op": "edit", "id": "ana",
              "fields": {"org": "Museum"}},
             {"at": "2026-11-21T09:01:00+00:00", "client_id": "t1", "op": "edit", "id": "p0",
              "fields": {"name": "P0", "org": " org"}}]
    with (folder / "conversations.jsonl").open("a") as fh:
        fh.write("".join(json.dumps(op, separators=(",", ":")) + "\n" for op in edits))
    book = Tracker(store, "t1").read()
    counts = [tuple(book.counts(on=day).values())[3:] for day in (D(2026, 11, 20), None)]
    assert counts == [(2, 2), (3, 2)]
    ana, p0 = book.people["ana"], book.people["p0"]
    assert book.places[ana.place].name == "Museum" and ana.org == "Museum"
    assert book.places[p0.place].name == "Org" and p0.place == book.people["p1"].place
