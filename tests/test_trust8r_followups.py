"""attacks5 C20 (a): a name holding a backslash before a capital N ('Ab\\Nc') came out of
`followups --ics` as the calendar's line break (`Ab\\nc`), the calendar showing two lines;
attacks4 B9 (rest): `followups --instrument` with a 2.0 copy read the clients without their
2.1 answers, without a word. Both fixed in workbook/cli/followups.py."""

import datetime as dt
from pathlib import Path

import icalendar

from workbook.cli import followups as fu
from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

from .reading_helpers import cli

OLD = Path(__file__).parent / "data" / "instrument_2_0.toml"
TODAY = dt.date(2026, 11, 28)


def _answers():
    inst = load_instrument()
    out = {ing.id: {"items": {i.id: (2 if i.reverse else 4) for i in ing.items}}
           for ing in inst.ingredients}
    out["time"]["tool"] = {"hours_per_week": 3}
    return out


def _workspace(root, name):
    store = ClientStore(root)
    store.save("ann", _answers(), session="2026-11-20")
    tracker = Tracker(store, "ann")
    book = tracker.change(model.add_op(name, org="Dept", today=dt.date(2026, 11, 18),
                                       person_id="p1"))
    tracker.change(model.step_op(book, "p1", "sent", dt.date(2026, 11, 20), today=TODAY))
    return root


def test_a_backslash_before_n_stays_a_backslash(tmp_path, monkeypatch):
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    ws = _workspace(tmp_path / "ws", "Ab\\Nc")
    found = fu.followups(ws, days=14)
    assert len(found.items) == 2  # write to someone else there, and a nudge
    data = fu.ics_bytes(found).replace(b"\r\n ", b"")  # unfolded
    lines = [x for x in data.split(b"\r\n") if x.startswith(b"SUMMARY:")]
    assert len(lines) == 2
    assert all(x.startswith(b"SUMMARY:ann: Ab\\\\Nc\\, Dept: ") for x in lines), lines
    summaries = [str(ev["summary"])
                 for ev in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert all(s.startswith("ann: Ab\\Nc, Dept: ") for s in summaries), summaries


def test_followups_refuse_an_older_instrument_file(tmp_path):
    ws = _workspace(tmp_path / "ws", "Ana")
    proc = cli("followups", "--workspace", ws, "--instrument", OLD)
    assert proc.returncode == 1, proc.stderr
    assert (f"{OLD} is instrument version 2.0, and the workspace holds answers to statements "
            "it does not have, so they would be left out: client 'ann'") in proc.stderr
