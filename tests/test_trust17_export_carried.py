"""Round 12a P9: the personal report made from `export-clients`' CSV says what the report made
from the workspace says: an ingredient carried from an earlier session shows no change ("not
answered again since"), never "+0, about the same" for a change never measured.

The export marks each row's carried ingredients in its ``carried`` column (ingredient and the
date its answers come from), and a report read from such a file takes them as carried.
"""

import re

import pandas as pd
from bs4 import BeautifulSoup

from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.session.store import ClientStore

INST = load_instrument()
DAY1, DAY2 = "2026-11-02", "2026-11-25"


def section(ingredient, keyed, **tool):
    """A saved section whose items give the keyed value (4 -> 75, 2 -> 25)."""
    ing = INST.ingredient(ingredient)
    return {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}, "tool": tool}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def make_workspace(root):
    store = ClientStore(root)
    store.save("Zoë, K", {"hope": section("hope", 4), "time": section("time", 4, hours_per_week=6),
                          "energy": section("energy", 4), "self_esteem": section("self_esteem", 2),
                          "ambition": section("ambition", 4)}, session=DAY1)
    store.save("Zoë, K", {"hope": section("hope", 2)}, session=DAY2)  # hope only
    return store


def test_export_marks_carried_and_report_from_it_says_the_same(tmp_path, capsys):
    make_workspace(tmp_path / "ws")
    out = tmp_path / "exp.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["carried"]) == [
        "", f"time {DAY1}; energy {DAY1}; self_esteem {DAY1}; ambition {DAY1}"]
    # the carried answers are still the picture after the session
    assert list(table["energy_1"]) == ["4", "4"]

    from_ws = participant_report(workspace=tmp_path / "ws", participant_id="Zoë, K")
    from_csv = participant_report(data=out, participant_id="Zoë, K")
    assert from_csv.carried == from_ws.carried == {
        "time": DAY1, "energy": DAY1, "self_esteem": DAY1, "ambition": DAY1}
    ws_change, csv_change = text(from_ws.change().html), text(from_csv.change().html)
    assert "Energy 75 75 – not answered again since 2026-11-02" in csv_change
    assert "Self-esteem 25 25 – not answered again since 2026-11-02" in csv_change
    assert "Hope 75 25 −50 a clear drop" in csv_change
    assert "about the same" not in csv_change
    assert "Carried from an earlier session" in text(from_csv.header().html)
    # the table of changes is the same on both paths
    assert csv_change == ws_change


def test_report_command_on_the_export_says_not_answered_again(tmp_path):
    make_workspace(tmp_path / "ws")
    out = tmp_path / "exp.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    assert main(["report", "participants", str(out), "--out", str(tmp_path / "rp")]) == 0
    page = text((tmp_path / "rp" / "participants" / "Zoe_K.html").read_text(encoding="utf-8"))
    assert "Energy 75 75 – not answered again since 2026-11-02" in page
    assert "+0 about the same" not in page
    assert "Carried from an earlier session, not answered again since:" in page


def test_a_file_without_the_column_is_read_as_before(tmp_path):
    make_workspace(tmp_path / "ws")
    out = tmp_path / "exp.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False).drop(columns=["carried"])
    plain = tmp_path / "plain.csv"
    table.to_csv(plain, index=False)
    report = participant_report(data=plain, participant_id="Zoë, K")
    assert report.carried == {}
    assert "Energy 75 75 +0 about the same" in text(report.change().html)


def test_a_cell_that_is_no_ingredient_and_date_is_named(tmp_path, caplog):
    make_workspace(tmp_path / "ws")
    out = tmp_path / "exp.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    table.loc[1, "carried"] = f"energy {DAY1}; zzz {DAY1}; time 2026-13-01"
    odd = tmp_path / "odd.csv"
    table.to_csv(odd, index=False)
    report = participant_report(data=odd, participant_id="Zoë, K")
    assert report.carried == {"energy": DAY1}
    assert f"'zzz {DAY1}; time 2026-13-01' in column 'carried' is not an ingredient and a " \
        "date" in caplog.text
