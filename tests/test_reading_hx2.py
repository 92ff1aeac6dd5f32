"""Reading under a second black-box tester (issue 20, attacks2 N2 and N3): each test failed
before its fix."""

import pandas as pd
import pytest

from workbook import load_responses
from workbook.core.exceptions import InvalidDataError

SAMPLE = "data/sample_cohort.csv"


def _sample():
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


# -- N2: Latin small capitals are look-alikes of pre and post -----------------------------------
@pytest.mark.parametrize("label, looks", [("\u1d18\u1d0f\ua731\u1d1b", "post"),
                                          ("\u1d18\u0280\u1d07", "pre")])
def test_a_timepoint_in_small_capitals_is_refused_naming_its_letters(tmp_path, label, looks):
    data = _sample()
    first = data.index[data["timepoint"] == looks][0]
    data.loc[first, "timepoint"] = label
    path = tmp_path / "smallcaps.csv"
    data.to_csv(path, index=False)
    with pytest.raises(InvalidDataError) as caught:
        load_responses(path)
    problems = caught.value.problems
    assert len(problems) == 1
    said = str(problems[0])
    assert f"row {first + 2}" in said
    assert f"looks like '{looks}'" in said
    assert "LATIN LETTER SMALL CAPITAL P" in said
