"""attacks4 B2: ClientStore.save(..., base=) never merges an answer into a section carried
from a session answered on an earlier version of the statements, making one section that
mixes two versions; it is refused, saying why and what to do, and nothing is saved."""

import copy

import pytest

from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore


def _on_2_0(root):
    s = ClientStore(root)
    full = {ing: {"items": {f"{ing}_{k}": 4 for k in range(1, 6)}}
            for ing in ["hope", "time", "energy", "self_esteem", "ambition"]}
    s.save("Ann", full, session="2026-11-01")  # answered on 2.0 (hope_1..hope_5)
    return s


def test_a_2_1_answer_merged_into_a_section_carried_from_2_0_is_refused(tmp_path):
    s = _on_2_0(tmp_path / "ws")
    base = s.load("Ann")
    new = copy.deepcopy(base["hope"])
    new["items"]["hope_6"] = 1
    with pytest.raises(StoreError, match=r"hope.*2026-11-01.*2\.0.*hope_6.*nothing was saved"):
        s.save("Ann", {"hope": new}, session="2026-12-01", base={"hope": base["hope"]})
    assert ClientStore(tmp_path / "ws").sessions("Ann") == ["2026-11-01"]


def test_a_merge_within_one_version_is_saved(tmp_path):
    s = _on_2_0(tmp_path / "ws")
    base = s.load("Ann")
    new = copy.deepcopy(base["hope"])
    new["items"]["hope_2"] = 1  # a 2.0 answer changed on a 2.0 section
    saved = s.save("Ann", {"hope": new}, session="2026-12-01", base={"hope": base["hope"]})
    assert saved["hope"]["items"] == {"hope_1": 4, "hope_2": 1, "hope_3": 4, "hope_4": 4,
                                      "hope_5": 4}
    # the section saved whole (no base), 2.1's statements only: saved
    s.save("Ann", {"hope": {"items": {"hope_1": 4, "hope_6": 1}}}, session="2026-12-02")
    assert ClientStore(tmp_path / "ws").history("Ann")["2026-12-02"]["hope"]["items"] == {
        "hope_1": 4, "hope_6": 1}
