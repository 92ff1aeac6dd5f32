"""Round 13b S2: `export-clients` dropped the client's own minutes per step (and chosen
pace), so `score` on the export and a personal report made from it gave another pace than
the page and the workspace report. The export carries them (``minutes_<step>`` columns and
``chosen_per_week``), and `score` and the report read them back."""

import re

import pandas as pd
from bs4 import BeautifulSoup

from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.session.store import ClientStore

INST = load_instrument()
DAY = "2026-12-07"
WHO = "Ann Lee"


def section(ingredient, keyed, **tool):
    ing = INST.ingredient(ingredient)
    return {"items": {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}, "tool": tool}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def make_workspace(root, chosen=None):
    store = ClientStore(root)
    answers = {"hope": section("hope", 4),
               "time": section("time", 4, hours_per_week=9,
                               step_minutes={"research": 35, "talk": 50}),
               "energy": section("energy", 3),  # 50: a little, half pace
               "self_esteem": section("self_esteem", 4), "ambition": section("ambition", 4)}
    if chosen is not None:
        answers["pace"] = {"tool": {"chosen_per_week": chosen}}
    store.save(WHO, answers, session=DAY)
    return store


def export(tmp_path, capsys):
    out = tmp_path / "exp.csv"
    assert main(["export-clients", "--workspace", str(tmp_path / "ws"), "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def test_the_export_carries_the_minutes_and_score_reads_them(tmp_path, capsys):
    make_workspace(tmp_path / "ws")
    out = export(tmp_path, capsys)
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["minutes_research"]) == ["35"]
    assert list(table["minutes_talk"]) == ["50"]
    assert list(table["minutes_write"]) == [""]  # the usual minutes apply
    assert list(table["chosen_per_week"]) == [""]
    scored = tmp_path / "s.csv"
    assert main(["score", str(out), "--out", str(scored)]) == 0
    # 9 h at half pace over 35+20+10+50+30 = 145 minutes: 270 / 145 = 1.862 -> 1.86
    # (with the usual 120 minutes it would be 2.25)
    assert pd.read_csv(scored)["pace_per_week"].tolist() == [1.86]


def test_a_report_from_the_export_says_what_the_workspace_report_says(tmp_path, capsys):
    make_workspace(tmp_path / "ws", chosen=0.5)
    out = export(tmp_path, capsys)
    assert pd.read_csv(out, dtype=str, keep_default_na=False)["chosen_per_week"].tolist() == [
        "0.5"]
    from_ws = participant_report(workspace=tmp_path / "ws", participant_id=WHO)
    from_csv = participant_report(data=out, participant_id=WHO)
    assert from_csv.step_minutes == from_ws.step_minutes == {"research": 35, "talk": 50}
    assert from_csv.chosen_per_week == from_ws.chosen_per_week == 0.5
    assert from_csv.plan.pace == from_ws.plan.pace
    said = text(from_csv.pacing().html)
    assert said == text(from_ws.pacing().html)
    assert "145 minutes" in said and "120 minutes" not in said
