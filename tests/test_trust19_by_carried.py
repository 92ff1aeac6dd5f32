"""Round 13c T12: `--by carried` (an export's per-session column of carried ingredients and
dates) is refused as the export's other per-session columns are."""

import pandas as pd
import pytest

from workbook.cohort.groups import check_grouping
from workbook.core.exceptions import DataError
from workbook.responses.datasets import load_sample


def test_carried_is_no_grouping():
    data = load_sample()
    later = (data["timepoint"] == "post").to_numpy()
    data["carried"] = pd.Series("", index=data.index).mask(later, "time 2026-11-02")
    with pytest.raises(DataError, match=r"cannot group by 'carried': it holds each person's "
                                        r"own answers, scores or dates"):
        check_grouping(data, "carried")
