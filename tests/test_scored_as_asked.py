"""Answers are scored as they were asked (attacks3 A10, A11, A13e).

Instrument 2.1 gave eleven statements new ids; the instrument keeps each retired statement
whole (``[[retired]]``: id, ingredient, words, keying, the version that retired it), so a
session or a survey row answered with 2.0's ids is scored on 2.0's statements, with 2.0's
keying, never with 2.1's and never mixed with them. Every expected score is worked by hand
from 2.0's keying (the kit's instrument before 09bd047):

    hope_1 +, hope_2 +, hope_3 R, hope_4 +, hope_5 +
    time_1 +, time_2 R, time_3 +, time_4 +, time_5 R
    energy_1 +, energy_2 R, energy_3 +, energy_4 +, energy_5 R
    self_esteem_1 +, self_esteem_2 +, self_esteem_3 R, self_esteem_4 +, self_esteem_5 R
    ambition_1 +, ambition_2 +, ambition_3 R, ambition_4 +, ambition_5 +

A reverse answer x counts 6 - x; POMP = 100 * (mean - 1) / 4.
"""

import re
import subprocess
import sys

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from workbook.cli.basic import score_table
from workbook.cli.clients import export_clients
from workbook.cohort.across_versions import compare_across_versions
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.scoring import score
from workbook.reports.participant import participant_report
from workbook.responses.io import load_responses
from workbook.session.store import ClientStore
from workbook.session.widgets import ReadinessProfile
from workbook.session.widgets.ingredient import IngredientSession

INST = load_instrument()
INGREDIENTS = ("hope", "time", "energy", "self_esteem", "ambition")
IDS_2_0 = [f"{ing}_{k}" for ing in INGREDIENTS for k in range(1, 6)]


def full_2_0(value=4, hours=4):
    """Every 2.0 statement answered ``value``, as a kit before 2.1 saved a session."""
    record = {ing: {"items": {f"{ing}_{k}": value for k in range(1, 6)}} for ing in INGREDIENTS}
    record["time"]["tool"] = {"hours_per_week": hours}
    return record


# Every answer 4 under 2.0: each reverse statement counts 2.
#   hope: 4 4 2 4 4 -> 18/5 = 3.6 -> 65; ambition: 4 4 2 4 4 -> 65
#   time, energy, self_esteem: two reverse each: 4 2 4 4 2 -> 16/5 = 3.2 -> 55
#   every score >= 40 (a little) and below 70: the verdict is ready.
EXPECTED_2_0 = {"hope": 65.0, "time": 55.0, "energy": 55.0, "self_esteem": 55.0,
                "ambition": 65.0}


@pytest.fixture
def a10(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", full_2_0(), session="2026-11-01")
    return store


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def test_a10_a_full_2_0_record_is_scored_as_2_0_in_export_and_score(a10, tmp_path):
    out = tmp_path / "export.csv"
    table = export_clients(a10.root, out)
    row = table.iloc[0]
    # the retired statements' columns are written, with the answers given
    assert [int(row[i]) for i in IDS_2_0] == [4] * 25
    assert row["instrument_version"] == "2.0"
    assert pd.isna(row["hope_6"])
    data = load_responses(out)
    scored = score_table(data, INST).iloc[0]
    assert {ing: float(scored[ing]) for ing in INGREDIENTS} == EXPECTED_2_0
    assert scored["verdict"] == "ready" and scored["instrument_version"] == "2.0"
    assert [int(scored[f"{ing}_answered"]) for ing in INGREDIENTS] == [5] * 5
    # the same answer to all 25 statements asked: the pattern the 2.0 kit flagged
    assert scored["patterns"] == "one_answer"


def test_a10_the_profile_plan_and_the_personal_report_score_it_as_2_0(a10):
    screen = ReadinessProfile("Ann", a10)
    assert {ing: float(screen.scores[ing]) for ing in INGREDIENTS} == EXPECTED_2_0
    assert screen.plan.verdict == "ready"
    assert [p.code for p in screen.plan.patterns] == ["one_answer"] and screen.plan.hedged
    report = participant_report(workspace=a10.root, participant_id="Ann")
    assert {ing: float(report.scores.iloc[0][ing]) for ing in INGREDIENTS} == EXPECTED_2_0
    words = text(report.profile().html + report.verdict().html)
    assert "not scored" not in words and "Too few answers" not in words
    assert INST.verdict_name("ready") in words
    assert INST.verdict_name("incomplete") not in words
    for ing, value in EXPECTED_2_0.items():  # each score as the report shows it
        assert f"{INST.ingredient(ing).name} {value:.0f}" in words


def test_a11_a_2_0_survey_file_is_validated_and_scored_as_asked(tmp_path):
    # P1 answers each 2.0 statement differently, so the keying shows:
    #   hope_1..5 = 4 5 2 3 1 -> keyed 4 5 (6-2=)4 3 1 = 17/5 = 3.4 -> POMP 60
    #   (scored as hope_9, reverse in 2.1, hope_5's 1 would count 5: 21/5 -> 80)
    #   ambition_1..5 = 4 1 2 4 4 -> 4 1 (6-2=)4 4 4 = 17/5 -> 60
    #   (as ambition_6, reverse in 2.1, ambition_2's 1 would count 5 -> 80)
    #   time_1..5 = 4 2 4 4 2 -> 4 4 4 4 4 -> 75; energy the same -> 75
    #   self_esteem_1..5 = 3 3 3 3 3 -> 50
    answers = {"hope": [4, 5, 2, 3, 1], "time": [4, 2, 4, 4, 2], "energy": [4, 2, 4, 4, 2],
               "self_esteem": [3, 3, 3, 3, 3], "ambition": [4, 1, 2, 4, 4]}
    header = ["participant_id", "timepoint", *IDS_2_0, "hours_per_week"]
    cells = [str(v) for ing in INGREDIENTS for v in answers[ing]]
    path = tmp_path / "survey_2_0.csv"
    path.write_text(",".join(header) + "\n" + ",".join(["P1", "pre", *cells, "3"]) + "\n",
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "workbook", "validate", str(path)],
                          capture_output=True, text=True)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 0, said
    assert "did you mean" not in said
    assert "hope_2 (replaced by hope_6 in 2.1)" in said
    assert "statements of an earlier instrument version (2.0)" in said
    assert "scored as it was asked" in said
    assert "counted as unanswered" not in said  # hope_6 is not missing: hope_2 holds 2.0's
    assert "no problems in 1 response(s)" in said
    proc = subprocess.run([sys.executable, "-m", "workbook", "score", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "did you mean" not in proc.stderr
    scored = pd.read_csv(pd.io.common.StringIO(proc.stdout)).iloc[0]
    assert [float(scored[i]) for i in INGREDIENTS] == [60.0, 75.0, 75.0, 50.0, 60.0]
    assert scored["verdict"] == "ready" and str(scored["instrument_version"]) == "2.0"


def test_each_export_row_says_its_own_instrument_version(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("old", full_2_0(), session="2026-11-01")
    new = {ing.id: {"items": {i: 3 for i in ing.item_ids}} for ing in INST.ingredients}
    store.save("new", new, session="2026-11-01")
    store.save("both", full_2_0(), session="2026-11-01")
    # A later session answers hope on 2.1; the other four are carried from 2.0.
    store.save("both", {"hope": new["hope"]}, session="2026-11-20")
    table = export_clients(store.root, tmp_path / "out.csv")
    versions = dict(zip(table["participant_id"] + " " + table["date"],
                        table["instrument_version"]))
    assert versions == {"both 2026-11-01": "2.0", "both 2026-11-20": "2.0;2.1",
                        "new 2026-11-01": "2.1", "old 2026-11-01": "2.0"}
    written = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert sorted(written["instrument_version"]) == ["2.0", "2.0", "2.0;2.1", "2.1"]
    # The row of "both" on 2026-11-20: hope on 2.1 (all 3: keyed 3 -> 50), the rest on 2.0
    # (all 4, as EXPECTED_2_0); every ingredient scored, none mixed.
    scored = score_table(load_responses(tmp_path / "out.csv"), INST)
    mine = scored[(scored["participant_id"] == "both")
                  & (scored["timepoint"] == "2026-11-20")].iloc[0]
    assert [float(mine[i]) for i in INGREDIENTS] == [50.0, 55.0, 55.0, 55.0, 65.0]
    # validate names the export's version column as read, never as matching nothing (A13e)
    proc = subprocess.run([sys.executable, "-m", "workbook", "validate",
                           str(tmp_path / "out.csv")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "'instrument_version' -> instrument_version (by column name)" in proc.stdout
    assert "matching no item" not in proc.stdout


def test_a_before_after_across_versions_still_compares_shared_statements_only():
    # pre on 2.0: time_1=2, time_2=4 (R: 2), time_5=4 (R: 2), time_3=5, time_4=5
    #   all five (as asked): 2 2 2 5 5 = 16/5 -> 55; shared three only: 2 2 2 -> 25
    # post on 2.1: time_1=4, time_2=2 (R: 4), time_5=2 (R: 4), time_6=1, time_7=1
    #   all five: 4 4 4 1 1 = 14/5 -> 45; shared three: 4 4 4 -> 75
    # compared on the shared statements: 25 -> 75, +50 for each of three people (not -10).
    rows = []
    for pid in ("a", "b", "c"):
        rows.append({"participant_id": pid, "timepoint": "pre", "time_1": 2, "time_2": 4,
                     "time_5": 4, "time_3": 5, "time_4": 5, "instrument_version": "2.0"})
        rows.append({"participant_id": pid, "timepoint": "post", "time_1": 4, "time_2": 2,
                     "time_5": 2, "time_6": 1, "time_7": 1, "instrument_version": "2.1"})
    data = pd.DataFrame(rows)
    scores = score(data, INST)
    assert scores["time"].tolist() == [55.0, 45.0] * 3  # each row scored as it was asked
    table, note, _ = compare_across_versions(data, scores, min_group=1, instrument=INST)
    time = table.set_index("ingredient").loc["time"]
    assert (time["mean_before"], time["mean_after"], time["mean_change"]) == (25.0, 75.0, 50.0)
    assert int(time["n_pairs"]) == 3 and time["statements"] == "time_1 time_2 time_5"
    assert "Time on time_1, time_2, time_5" in note


def test_a_later_session_page_never_mixes_two_versions_in_one_section(a10):
    # On a new date the hope page shows 2.1's statements; hope_1 (shared) is carried. The
    # coach answers hope_6: the new session's section holds 2.1 statements only (before,
    # the merge over the carried section kept hope_2..5 beside hope_6).
    page = IngredientSession("hope", "Ann", a10, session="2026-11-20")
    page.set_answer("hope_6", 5)
    history = a10.history("Ann")
    assert history["2026-11-20"]["hope"]["items"] == {"hope_1": 4, "hope_6": 5}
    assert history["2026-11-01"]["hope"]["items"] == {f"hope_{k}": 4 for k in range(1, 6)}
    # The page on the 2.0 session's own date keeps its answers and scores them as asked:
    # hope_1 changed to 5 -> 5 4 (6-4=)2 4 4 = 19/5 = 3.8 -> 70.
    page = IngredientSession("hope", "Ann", a10, session="2026-11-01")
    page.set_answer("hope_1", 5)
    saved = a10.history("Ann")["2026-11-01"]["hope"]["items"]
    assert saved == {"hope_1": 5, "hope_2": 4, "hope_3": 4, "hope_4": 4, "hope_5": 4}
    assert page.result()["score"] == 70.0


def _retired_edit(tmp_path, old, new):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    block = '[[retired]]\nid = "hope_3"\ningredient = "hope"\n'
    assert text.count(block) == 1
    start = text.index(block)
    end = text.index("[[retired]]", start + 1)
    changed = text[start:end].replace(old, new)
    assert changed != text[start:end]
    path = tmp_path / "inst.toml"
    path.write_text(text[:start] + changed + text[end:], encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("reverse = true", 'reverse = "yes"',
     r"inst\.toml: retired\[2\] \('hope_3'\): reverse: must be true or false, not 'yes'"),
    ('ingredient = "hope"', 'ingredient = "hopes"',
     r"retired\[2\] \('hope_3'\): ingredient: 'hopes' is no ingredient of this file"),
    ('ingredient = "hope"', 'ingredient = "time"',
     r"retired\[2\] \('hope_3'\): ingredient: 'time', but 'hope_7', which replaced it, is "
     r"an item of 'hope'"),
    ('retired = "2.1"', 'retired = "2.0"',
     r"retired\[2\] \('hope_3'\): retired: '2\.0', but 'hope_7' replaced it in '2\.1'"),
    ('id = "hope_3"', 'id = "hope_33"',
     r"retired\[2\] \('hope_33'\): id: 'hope_33' is replaced by no item of this file"),
])
def test_a_bad_retired_entry_is_refused_at_load_naming_the_place(tmp_path, old, new, message):
    with pytest.raises(InstrumentError, match=message):
        load_instrument(_retired_edit(tmp_path, old, new))


def test_the_kit_keeps_every_statement_2_1_replaced_with_2_0s_keying():
    kept = {r.id: (r.ingredient, r.reverse, r.retired) for r in INST.retired_items}
    assert kept == {
        "hope_2": ("hope", False, "2.1"), "hope_3": ("hope", True, "2.1"),
        "hope_4": ("hope", False, "2.1"), "hope_5": ("hope", False, "2.1"),
        "time_3": ("time", False, "2.1"), "time_4": ("time", False, "2.1"),
        "energy_3": ("energy", False, "2.1"), "energy_4": ("energy", False, "2.1"),
        "energy_5": ("energy", True, "2.1"),
        "self_esteem_2": ("self_esteem", False, "2.1"),
        "self_esteem_4": ("self_esteem", False, "2.1"),
        "ambition_2": ("ambition", False, "2.1"), "ambition_5": ("ambition", False, "2.1")}


def test_history_across_a_version_change_says_the_scores_are_not_compared(a10):
    # 2026-11-20: hope and time answered on 2.1 (every statement 3: keyed 3 -> 50).
    new = {ing.id: {"items": {i: 3 for i in ing.item_ids}} for ing in INST.ingredients
           if ing.id in ("hope", "time")}
    new["time"]["tool"] = {"hours_per_week": 4}
    a10.save("Ann", new, session="2026-11-20")
    screen = ReadinessProfile("Ann", a10)
    moved = text(screen.changed.value)
    line = INST.version_words["history_line"]
    # Hope: 2.0 and 2.1 share only hope_1 (1 of 5): 65 -> 50 is over other statements
    assert line.format(name="Hope", first_date="2026-11-01", first_version="2.0",
                       last_date="2026-11-20", last_version="2.1") in moved
    assert "(-15)" not in moved and "(-5)" not in moved
    # Time: 2.0 and 2.1 share time_1 (+), time_2 (R), time_5 (R), 3 of 5, so the change is
    # taken over those (the cohort's rule, versions.compared_on): 2.0's 4s keyed 3, 1, 1 ->
    # 5/12 -> 42; 2.1's 3s keyed 2, 2, 2 -> 50; +8 (not 55 -> 50 over other statements)
    assert ("Time: 42 on 2026-11-01, 50 on 2026-11-20 (+8), over the 3 of its 5 statements "
            "asked both times (instrument 2.0, then 2.1)") in moved
    assert "time_1" not in moved  # the client may see this screen: no statement ids
    report = participant_report(workspace=a10.root, participant_id="Ann")
    table = text(report.change().html)
    words = INST.version_words["change_words"].format(first_version="2.0", last_version="2.1")
    assert f"Hope 65 50 – {words}" in table
    assert "Time 42 50 +8 about the same, over the 3 of its 5 statements asked both times" \
        in table
    # in words, no statement ids (trust9: a client-facing page shows no ids)
    assert "so this table scores it on the 3 statements asked both times only" in table
    assert "time_1" not in table


def test_a_bad_versions_text_is_refused_naming_the_key(tmp_path):
    text_ = DEFAULT_PATH.read_text(encoding="utf-8")
    path = tmp_path / "inst.toml"
    path.write_text(text_.replace("not compared\"\n", "not compared {score}\"\n", 1),
                    encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"versions\.change_words: \{score\} is no field "
                       r"of this text; it may use \{first_version\}, \{last_version\}"):
        load_instrument(path)


def test_a_row_saying_a_later_version_than_the_instrument_is_named(tmp_path):
    # A13(e): nothing compared a file's instrument_version with the instrument scoring it.
    path = tmp_path / "later.csv"
    path.write_text("participant_id,timepoint,hope_1,instrument_version\n"
                    "a,pre,4,2.1\nb,pre,4,3.0\n", encoding="utf-8")
    notes = load_responses(path).attrs["matches"].notes
    assert ("column instrument_version: row 3 says it was answered on instrument 3.0, later "
            "than this one (2.1); statements this instrument does not know are not scored: "
            "give that version's instrument file with --instrument") in notes


def test_rows_labelled_2_1_that_answer_2_0_statements_are_compared_on_shared_ones():
    # The pre rows say 2.1 but hold 2.0's time_3/time_4 (scored as 2.0 asked them): the
    # before/after must not set them against 2.1's time_6/time_7 as one version. As in the
    # test above: shared time_1, time_2, time_5: 25 -> 75.
    rows = []
    for pid in ("a", "b", "c"):
        rows.append({"participant_id": pid, "timepoint": "pre", "time_1": 2, "time_2": 4,
                     "time_5": 4, "time_3": 5, "time_4": 5, "instrument_version": "2.1"})
        rows.append({"participant_id": pid, "timepoint": "post", "time_1": 4, "time_2": 2,
                     "time_5": 2, "time_6": 1, "time_7": 1, "instrument_version": "2.1"})
    data = pd.DataFrame(rows)
    table, note, _ = compare_across_versions(data, score(data, INST), min_group=1,
                                             instrument=INST)
    time = table.set_index("ingredient").loc["time"]
    assert (time["mean_before"], time["mean_after"], time["mean_change"]) == (25.0, 75.0, 50.0)
    assert "pre: 2.0, 2.1; post: 2.1" in note
