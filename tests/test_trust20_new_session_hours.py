"""The same new session answered on both laptops: the time tool's numbers (round 14a V9).

The record's latest time (2026-11-02) has hours a week 4.0. On each laptop a page saves a
new session (2026-11-30) with ``base`` = what it loaded (the carried answers): A gives
8.0 hours and B, later, 4.0 (the client confirms the same as before). B's 4.0 equals the
carried value, yet the session B saved did not hold it before: B gave it, as R14's fix
says of the statements. After the sync (A's lines, then B's) the session holds the later
line's hours (B's 4.0) and the notice names A's 8.0; it was A's 8.0, unnamed. The minutes
per step are numbers too, and follow the same rule.
"""

from __future__ import annotations

import shutil
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

EARLIER, DAY = "2026-11-02", "2026-11-30"
ITEMS = {"time_1": 4, "time_2": 2, "time_5": 2}
CARRIED = {"items": ITEMS, "tool": {"hours_per_week": 4.0, "step_minutes": {"talk": 30}}}


def _union(tmp_path, a_tool, b_tool, order="AB"):
    base = ClientStore(tmp_path / "base")
    base.save("c1", {"time": CARRIED}, session=EARLIER)
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    start = len((base.folder("c1") / JOURNAL_FILE).read_bytes())
    laptops = {}
    for copy, (items, tool) in (("a", ({"time_1": 1, "time_2": 5, "time_5": 5}, a_tool)),
                                ("b", (ITEMS, b_tool))):
        store = laptops[copy] = ClientStore(tmp_path / copy)
        loaded = store.load("c1")
        store.save("c1", {"time": {**loaded["time"], "items": items, "tool": tool}},
                   session=DAY, base={"time": loaded["time"]})
    first, second = (laptops["a"], laptops["b"])[::1 if order == "AB" else -1]
    with open(first.folder("c1") / JOURNAL_FILE, "ab") as out:
        out.write((second.folder("c1") / JOURNAL_FILE).read_bytes()[start:])
    (first.folder("c1") / "answers.json").unlink()  # the journal is read (a union of lines)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(first.root).history("c1")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


A_TOOL = {"hours_per_week": 8.0, "step_minutes": {"talk": 45}}
B_TOOL = {"hours_per_week": 4.0, "step_minutes": {"talk": 30}}


def test_the_later_lines_hours_are_kept_and_the_other_named(tmp_path):
    history, said = _union(tmp_path, A_TOOL, B_TOOL)
    assert history[DAY]["time"]["tool"] == B_TOOL
    assert history[DAY]["time"]["items"] == ITEMS
    assert history[EARLIER]["time"]["tool"] == CARRIED["tool"]
    words = [w for w in said if DAY in w and "time" in w]
    assert len(words) == 1
    assert "hours_per_week: 4.0 kept (the later line), the other copy's 8.0 not kept" \
        in words[0]
    assert "step_minutes talk: 30 kept (the later line), the other copy's 45 not kept" \
        in words[0]


def test_the_other_order_is_named(tmp_path):
    # B's lines first: A's line, later in the file but saved before B's, is applied in the
    # order of the file and named (the section it is read over is the carried one as is)
    history, said = _union(tmp_path, A_TOOL, B_TOOL, "BA")
    assert history[DAY]["time"]["tool"] == A_TOOL
    assert any("a save of session 2026-11-30" in w and "It was applied in the order of "
               "the file" in w for w in said)


def test_no_hours_on_the_earlier_line_do_not_win_over_the_later_four(tmp_path):
    # round 14a V9's variant: A's earlier 0 hours would read the client as having none
    history, said = _union(tmp_path, {"hours_per_week": 0.0}, {"hours_per_week": 4.0})
    assert history[DAY]["time"]["tool"]["hours_per_week"] == 4.0
    words = [w for w in said if DAY in w and "time" in w]
    assert len(words) == 1 and "hours_per_week: 4.0 kept (the later line), the other " \
                               "copy's 0.0 not kept" in words[0]


def test_hours_the_same_on_both_laptops_are_not_named(tmp_path):
    history, said = _union(tmp_path, {"hours_per_week": 4.0}, {"hours_per_week": 4.0})
    assert history[DAY]["time"]["tool"]["hours_per_week"] == 4.0
    assert not any("hours_per_week" in w for w in said)
