"""The personal report's footer says the version(s) the answers were given on (attacks3 A27).

A client whose answers were given on 2.0 is scored as asked (2.0's statements and keying,
tests/test_scored_as_asked.py); the footer said "Scored with ..., version 2.1" only. It now
says what the export's ``instrument_version`` says: the versions the report's sessions were
answered on, and the instrument that scored them.
"""

from workbook.core.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.session.store import ClientStore

INST = load_instrument()
NAME = "Five ingredients for informational interviewing"
INGREDIENTS = ("hope", "time", "energy", "self_esteem", "ambition")


def _full_2_0():
    record = {ing: {"items": {f"{ing}_{k}": 4 for k in range(1, 6)}} for ing in INGREDIENTS}
    record["time"]["tool"] = {"hours_per_week": 4}
    return record


def _full_2_1():
    record = {ing.id: {"items": {i: 3 for i in ing.item_ids}} for ing in INST.ingredients}
    record["time"]["tool"] = {"hours_per_week": 4}
    return record


def _footer(store) -> str:
    return participant_report(workspace=store.root, participant_id="Ann").footer()


def test_a_client_answered_on_2_0_is_said_to_be_answered_on_2_0(tmp_path):
    # Before: "... Scored with Five ingredients for informational interviewing, version 2.1."
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full_2_0(), session="2026-11-01")
    footer = _footer(store)
    assert footer.endswith(f" Answered on {NAME}, version 2.0; scored as asked, with version "
                           "2.1.")


def test_sessions_on_two_versions_name_both(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full_2_0(), session="2026-11-01")
    store.save("Ann", _full_2_1(), session="2026-11-20")
    assert _footer(store).endswith(f" Answered on {NAME}, versions 2.0 and 2.1; scored as "
                                   "asked, with version 2.1.")


def test_a_client_answered_on_2_1_keeps_the_footer(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full_2_1(), session="2026-11-20")
    assert _footer(store).endswith(f" Scored with {NAME}, version 2.1.")


def test_the_report_command_writes_the_versions_in_the_pages_footer(tmp_path):
    # The page's footer is the batch's (reports.batch); it said "version 2.1" too.
    from bs4 import BeautifulSoup

    from workbook.cli import main

    store = ClientStore(tmp_path / "ws")
    store.save("Ann", _full_2_0(), session="2026-11-01")
    out = tmp_path / "reports"
    assert main(["report", "participants", "--workspace", str(store.root), "--out",
                 str(out)]) == 0
    page = BeautifulSoup((out / "participants" / "Ann.html").read_text(encoding="utf-8"),
                         "html.parser")
    footer = " ".join(page.find("footer").get_text(" ").split())
    assert footer.endswith(f" Answered on {NAME}, version 2.0; scored as asked, with version "
                           "2.1.")
