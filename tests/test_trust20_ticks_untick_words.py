"""An untick on one laptop and a tick on the other, joined: the notice says so (round 14a V15).

The session's motivators are ["money", "meaning"]. Laptop A unticks "money"; laptop B,
later, ticks "freedom". A sync keeps both journals' lines: the list is rightly
["meaning", "freedom"] (each copy's change kept), but the notice said the later line's
list was kept and the other copy's ["meaning"] "not kept", though A's change is exactly
what was kept. Now it names them as joined (R24's words), never "not kept".
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

DAY = "2026-11-30"
START = {"tool": {"motivators": ["money", "meaning"]}}


def _union(tmp_path, a_section, b_section, order):
    base = ClientStore(tmp_path / "base")
    base.save("c1", {"ambition": START}, session=DAY)
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    a, b = ClientStore(tmp_path / "a"), ClientStore(tmp_path / "b")
    start_size = len((base.folder("c1") / JOURNAL_FILE).read_bytes())
    a.save("c1", {"ambition": a_section}, session=DAY, base={"ambition": START})
    b.save("c1", {"ambition": b_section}, session=DAY, base={"ambition": START})
    first, second = (a, b) if order == "AB" else (b, a)
    shutil.copytree(first.root, tmp_path / "m")
    merged = ClientStore(tmp_path / "m")
    (merged.folder("c1") / "answers.json").unlink()
    with open(merged.folder("c1") / JOURNAL_FILE, "ab") as out:
        out.write((second.folder("c1") / JOURNAL_FILE).read_bytes()[start_size:])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        answers = ClientStore(tmp_path / "m").load("c1")
    return answers, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_an_untick_and_a_tick_are_named_as_joined(tmp_path, order):
    answers, said = _union(tmp_path, {"tool": {"motivators": ["meaning"]}},
                           {"tool": {"motivators": ["money", "meaning", "freedom"]}}, order)
    assert answers["ambition"]["tool"]["motivators"] == ["meaning", "freedom"]
    words = [w for w in said if "motivators" in w]
    assert len(words) == 1
    assert "not kept" not in words[0]
    assert "both copies' are kept, joined: [\"meaning\", \"freedom\"]" in words[0]
