"""Round 12a P2: with 0 hours a week, the personal report's table of how scores moved gives
time as "Where you stand" does: no score ("–") and "no hours now", never 100 -> 100.
"""

import re

import pandas as pd
from bs4 import BeautifulSoup

from workbook.core.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.session.store import ClientStore

INST = load_instrument()
DAY1, DAY2 = "2026-11-02", "2026-11-25"


def keyed(ingredient, value):
    """Answers of one ingredient giving the keyed value (5 -> 100, 4 -> 75)."""
    return {i.id: 6 - value if i.reverse else value for i in INST.ingredient(ingredient).items}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def csv_report(tmp_path, hours_first, hours_last):
    rows = []
    for day, hours in ((DAY1, hours_first), (DAY2, hours_last)):
        row = {"participant_id": "Zoë, K", "timepoint": day, "date": day,
               "hours_per_week": hours}
        for ing in INST.ingredient_ids:
            row.update(keyed(ing, 5 if ing == "time" else 4))
        rows.append(row)
    path = tmp_path / "two.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    report = participant_report(data=path, participant_id="Zoë, K")
    return text(report.profile().html), text(report.change().html)


def test_both_sessions_with_no_hours(tmp_path):
    stand, change = csv_report(tmp_path, 0, 0)
    assert "Time – no hours now" in stand
    assert "Time – – – no hours now" in change
    assert "100" not in change.split("Time", 1)[1].split("Energy", 1)[0]


def test_hours_found_after_none(tmp_path):
    _, change = csv_report(tmp_path, 0, 6)
    # no score to compare with: no change said
    assert re.search(r"Time – 100 – Energy", change), change


def test_hours_gone_after_some(tmp_path):
    _, change = csv_report(tmp_path, 6, 0)
    assert "Time 100 – – no hours now" in change


def test_hours_both_times_unchanged(tmp_path):
    _, change = csv_report(tmp_path, 4, 6)
    assert "Time 100 100 +0 about the same" in change


def test_workspace_client_with_no_hours(tmp_path):
    """P2's case: all pages on DAY1 with 0 hours, hope alone on DAY2."""
    store = ClientStore(tmp_path / "ws")
    sections = {ing: {"items": keyed(ing, 5 if ing == "time" else 4)}
                for ing in INST.ingredient_ids}
    sections["time"]["tool"] = {"hours_per_week": 0}
    store.save("Zoë, K", sections, session=DAY1)
    store.save("Zoë, K", {"hope": {"items": keyed("hope", 5)}}, session=DAY2)
    report = participant_report(workspace=tmp_path / "ws", participant_id="Zoë, K")
    assert "Time – no hours now" in text(report.profile().html)
    change = text(report.change().html)
    assert "Time – – – no hours now" in change
    assert "Time 100" not in change
