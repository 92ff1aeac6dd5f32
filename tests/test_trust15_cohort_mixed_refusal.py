"""Round 9a H9: a workshop's pre/post joined with session-dated rows, refused by every command.

`validity` said "there are only 'pre' answers" of such a file (cohort and report cohort
refused it); `report cohort` showed the Python class name ("DataError: the file mixes ...").
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbook.cli import main
from workbook.cli.report import plain_reason
from workbook.cohort.validity import validity
from workbook.core import schema
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve

MIXED = "the file mixes a workshop's pre/post answers (6 people) with rows dated by session"


def mixed() -> pd.DataFrame:
    """6 people: pre rows, and their later rows dated 2026-05-01 instead of post."""
    rows = []
    for k in range(6):
        answers = {item.id: 1 + (k + j) % 5 for j, item in enumerate(resolve(None).items)}
        rows.append({"participant_id": f"p{k}", "timepoint": "pre", **answers})
        rows.append({"participant_id": f"p{k}", "timepoint": "2026-05-01", **answers,
                     schema.CONVERSATIONS_HELD: k % 3})
    return pd.DataFrame(rows)


def test_validity_refuses_the_mixed_file_as_cohort_does():
    with pytest.raises(DataError, match="the file mixes a workshop's pre/post answers"):
        validity(mixed())


def test_cli_validity_and_report_cohort_say_the_refusal_without_a_class_name(tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    mixed().to_csv(path, index=False)
    assert main(["validity", str(path), "--out", str(tmp_path / "v")]) == 1
    err = capsys.readouterr().err
    assert MIXED in err and "only 'pre' answers" not in err and "Traceback" not in err
    assert not (tmp_path / "v").exists()
    assert main(["cohort", str(path), "--out", str(tmp_path / "c")]) == 1
    assert MIXED in capsys.readouterr().err
    assert main(["report", "cohort", str(path), "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert f"failed: cohort: {MIXED}" in err and "DataError" not in err


def test_only_the_kits_error_names_are_dropped():
    assert plain_reason("InstrumentError: the file is gone") == "the file is gone"
    assert plain_reason("DataError: a: b") == "a: b"
    assert plain_reason("KeyError: 'hope'") == "KeyError: 'hope'"  # a fault: kept
    assert plain_reason("no class here") == "no class here"
