"""A report set aside in stale/ is never written over by a later one of the same name."""

import pandas as pd

from workbook.reports import participant_reports
from workbook.responses.datasets import sample_path


def test_a_second_retired_report_never_replaces_the_first_in_stale(tmp_path):
    table = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    both = tmp_path / "both.csv"
    table[table["participant_id"].isin(["SPR-001", "SPR-002"])].to_csv(both, index=False)
    alone = tmp_path / "alone.csv"
    table[table["participant_id"] == "SPR-001"].to_csv(alone, index=False)
    out = tmp_path / "out"
    assert not participant_reports(both, out, jobs=1).failed
    first = (out / "participants" / "SPR-002.html").read_bytes()
    assert participant_reports(alone, out, jobs=1).stale == ["SPR-002"]
    # SPR-002 comes back with another answer, so their report differs, and leaves again
    changed = table[table["participant_id"].isin(["SPR-001", "SPR-002"])].copy()
    row = changed.index[(changed["participant_id"] == "SPR-002")][0]
    changed.loc[row, "hope_1"] = "1" if changed.loc[row, "hope_1"] != "1" else "5"
    changed.to_csv(both, index=False)
    assert not participant_reports(both, out, jobs=1).failed
    second = (out / "participants" / "SPR-002.html").read_bytes()
    assert second != first
    assert participant_reports(alone, out, jobs=1).stale == ["SPR-002"]
    kept = sorted(p.name for p in (out / "stale").iterdir())
    assert kept == ["SPR-002-2.html", "SPR-002.html"]
    assert (out / "stale" / "SPR-002.html").read_bytes() == first
    assert (out / "stale" / "SPR-002-2.html").read_bytes() == second
