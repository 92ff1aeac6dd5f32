"""Round 7 E10: every client at "not now" is counted, with or without a conversations list.

``workbook followups`` said "1 client at not now" for two such clients: the one who had
never listed anyone was left out of the count, though their look-again date was listed.
"""

import datetime as dt

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

INST = load_instrument()
TODAY = dt.date(2026, 11, 28)


def answers(low=()):
    """Agree (4) with every statement (2 on reversed ones); disagree where ``low``."""
    out = {}
    for ing in INST.ingredients:
        keyed = 2 if ing.id in low else 4
        out[ing.id] = {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}}
    out["time"]["tool"] = {"hours_per_week": 4}
    return out


def test_a_not_now_client_without_a_list_is_counted(tmp_path, capsys, monkeypatch):
    store = ClientStore(tmp_path)
    store.save("cara", answers(low=("energy",)), session="2026-11-20")
    Tracker(store, "cara").change(model.add_op("Ana", today=dt.date(2026, 11, 18),
                                               person_id="p1"))
    dan = answers(low=("energy",))
    dan["profile"] = {"tool": {"look_again": "2026-12-01"}}
    store.save("Dan Quiet", dan, session="2026-11-20")  # no conversations at all
    found = fu.followups(tmp_path, today=TODAY)
    assert sorted(found.later) == ["Dan Quiet", "cara"]
    assert found.waiting == []
    summary = fu.lines(found)[-1]
    assert "2 clients at not now" in summary and "1 client at not now" not in summary
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    assert main(["followups", "--workspace", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "1 look-again date" in out[-1] and "2 clients at not now" in out[-1]


def test_a_lone_not_now_client_without_a_list_is_said(tmp_path):
    store = ClientStore(tmp_path)
    store.save("ready", answers(), session="2026-11-20")
    store.save("Dan Quiet", answers(low=("energy",)), session="2026-11-20")
    found = fu.followups(tmp_path, today=TODAY)
    assert found.later == ["Dan Quiet"]
    assert "1 client at not now" in fu.lines(found)[-1]
