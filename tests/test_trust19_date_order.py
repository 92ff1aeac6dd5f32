"""Round 13c T3: timepoints written as dates were taken in file order (a workspace export
lists client by client, so a one-person date could come "last" and be the date whose group
table the cohort report shows). Dated timepoints come in date order now."""

from workbook.cohort.analysis import analyse
from workbook.cohort.stats import timepoint_order
from workbook.core import timepoints
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import cli, write

IDS = resolve(None).item_ids


def _file(tmp_path):
    rows = [[f"c{p}", tp, *[3 + p % 2] * len(IDS), 4] for p in range(6)
            for tp in ("2026-11-02", "2026-11-23")]
    rows.append(["m0", "2026-11-10", *[2] * len(IDS), 4])  # one person, on a day of their own
    return write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week"], rows)


def test_in_order_puts_dates_in_date_order_in_their_places():
    assert timepoints.in_order(["2026-11-02", "2026-11-23", "2026-11-10"]) == [
        "2026-11-02", "2026-11-10", "2026-11-23"]
    assert timepoints.in_order(["post", "2026-12-01", "pre", "followup", "2026-11-30"]) == [
        "pre", "post", "2026-11-30", "followup", "2026-12-01"]
    assert timepoint_order(["week 2", "week 1", "post", "pre"]) == [
        "pre", "post", "week 2", "week 1"]  # labels that are not dates: as they appear


def test_the_cohort_tables_list_dated_timepoints_in_date_order(tmp_path):
    data = load_responses(_file(tmp_path))
    summary = analyse(data)["summary"]
    assert list(dict.fromkeys(summary["timepoint"])) == ["2026-11-02", "2026-11-10", "2026-11-23"]


def test_the_cohort_command_prints_them_in_date_order(tmp_path):
    proc = cli("cohort", _file(tmp_path), "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    heads = [line.split(":")[0] for line in proc.stdout.splitlines()
             if line.startswith("verdicts 2026-")]
    assert heads == ["verdicts 2026-11-02", "verdicts 2026-11-10", "verdicts 2026-11-23"]
