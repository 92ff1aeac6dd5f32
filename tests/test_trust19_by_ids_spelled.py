"""Round 13c T16: a --by column of the file's participant ids written without their hyphen,
with a space, in other capitals or full width is refused by its content, as the ids as
written are."""

import pytest

from workbook.cohort.analysis import analyse
from workbook.cohort.groups import check_grouping
from workbook.core.exceptions import DataError
from workbook.responses.datasets import load_sample


def _mentors(spell):
    data = load_sample()
    ids = list(dict.fromkeys(data["participant_id"]))[:10]
    people = list(dict.fromkeys(data["participant_id"]))
    mentor = {p: spell(ids[i % 10]) for i, p in enumerate(people)}
    data["cohort"] = data["participant_id"].map(mentor)
    return data, ids


@pytest.mark.parametrize("spell", [
    lambda v: v.replace("-", ""),                         # AUT001
    lambda v: v.replace("-", " "),                        # AUT 001
    lambda v: v.replace("-", "").lower(),                 # aut001
    lambda v: v.replace("-", "_"),                        # AUT_001
    lambda v: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in v),  # width
])
def test_ids_spelled_otherwise_are_refused(spell):
    data, ids = _mentors(spell)
    assert "-" in ids[0]  # the sample's ids carry a hyphen
    with pytest.raises(DataError, match=r"10 of its 10 values are participant ids of this file"):
        check_grouping(data, "cohort")
    with pytest.raises(DataError, match="participant ids of this file"):
        analyse(data, by="cohort")


def test_group_names_are_still_taken():
    check_grouping(load_sample(), "cohort")
