"""Issue 20, round 8a F13: the version-mix refusal of ``ClientStore.save(..., base=)`` named
the two sides the wrong way round when the section on disk is the later version (2.1) and
the answer merged in the earlier one (2.0): it sent the coach looking for a 2.0 answer on
disk that is not there. Each side is now named as it is."""

import pytest

from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore

ON_2_1 = {"hope_1": 2, "hope_6": 5, "hope_7": 5, "hope_8": 4, "hope_9": 2}


def test_a_2_0_answer_merged_into_a_2_1_section_names_each_side(tmp_path):
    store = ClientStore(tmp_path / "w31")
    store.save("cl0", {"hope": {"items": ON_2_1}}, session="2026-09-15")
    with pytest.raises(StoreError) as caught:
        store.save("cl0", {"hope": {"items": {"hope_4": 3}}}, session="2026-09-15",
                   base={"hope": {"items": {}}})
    # before: "were given on version 2.0 (hope_4); merging hope_8 of version 2.1 into them"
    assert str(caught.value) == (
        "hope: the answers on disk for it (this session) were given on version 2.1 "
        "(hope_8); merging hope_4 of version 2.0 into them would mix two versions of the "
        "statements in one session. Save the section whole (without base), with only "
        "version 2.0's statements; nothing was saved")
    assert store.load("cl0", session="2026-09-15") == {"hope": {"items": ON_2_1}}


def test_a_2_1_answer_merged_into_a_2_0_section_still_names_each_side(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {f"hope_{k}": 4 for k in range(1, 6)}}},
               session="2026-11-01")
    with pytest.raises(StoreError) as caught:
        store.save("ann", {"hope": {"items": {"hope_8": 3}}}, session="2026-11-01",
                   base={"hope": {"items": {}}})
    assert str(caught.value) == (
        "hope: the answers on disk for it (this session) were given on version 2.0 "
        "(hope_2, hope_3, hope_4, hope_5); merging hope_8 of version 2.1 into them would "
        "mix two versions of the statements in one session. Save the section whole "
        "(without base), with only version 2.1's statements; nothing was saved")
