"""The same new session answered on both laptops, joined by a sync (round 13a R14).

The record's latest hope (2026-11-02) has hope_1 = 5. On each laptop a page saves a new
session (2026-11-30) with ``base`` = what it loaded (the carried answers): A answers
1, 1, 5 and B, later, 5, 5, 1. B's hope_1 = 5 equals the carried value, yet the session B
saved did not hold it before: B gave it. After the sync (A's lines, then B's) every
statement holds the later line's answer (B's) and the notice names each of A's not kept,
hope_1 included; it was A's 1, unnamed.
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

EARLIER, DAY = "2026-11-02", "2026-11-30"
CARRIED = {"items": {"hope_1": 5, "hope_6": 1, "hope_7": 1}, "reflections": ["then"]}


def _union(tmp_path, a_items, b_items, order="AB"):
    base = ClientStore(tmp_path / "base")
    base.save("c1", {"hope": CARRIED}, session=EARLIER)
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    start = len((base.folder("c1") / JOURNAL_FILE).read_bytes())
    laptops = {}
    for copy, items in (("a", a_items), ("b", b_items)):
        store = laptops[copy] = ClientStore(tmp_path / copy)
        loaded = store.load("c1")
        store.save("c1", {"hope": {**loaded["hope"], "items": items}}, session=DAY,
                   base={"hope": loaded["hope"]})
    first, second = (laptops["a"], laptops["b"])[::1 if order == "AB" else -1]
    with open(first.folder("c1") / JOURNAL_FILE, "ab") as out:
        out.write((second.folder("c1") / JOURNAL_FILE).read_bytes()[start:])
    (first.folder("c1") / "answers.json").unlink()  # the journal is read (a union of lines)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(first.root).history("c1")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


A = {"hope_1": 1, "hope_6": 1, "hope_7": 5}
B = {"hope_1": 5, "hope_6": 5, "hope_7": 1}


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_every_answer_of_the_later_line_is_kept_and_the_other_named(tmp_path, order):
    history, said = _union(tmp_path, A, B, order)
    later, other = (B, A) if order == "AB" else (A, B)
    assert history[DAY]["hope"]["items"] == later
    assert history[EARLIER]["hope"]["items"] == CARRIED["items"]
    words = [w for w in said if DAY in w and "hope" in w]
    assert len(words) == 1
    for item in later:
        assert f"{item}: {later[item]} kept (the later line), the other copy's " \
               f"{other[item]} not kept" in words[0]


def test_an_answer_the_same_on_both_laptops_is_not_named(tmp_path):
    history, said = _union(tmp_path, {"hope_1": 5, "hope_6": 2, "hope_7": 1},
                           {"hope_1": 5, "hope_6": 3, "hope_7": 1})
    assert history[DAY]["hope"]["items"] == {"hope_1": 5, "hope_6": 3, "hope_7": 1}
    words = [w for w in said if DAY in w]
    assert len(words) == 1 and "hope_6: 3 kept" in words[0] and "2 not kept" in words[0]
    assert "hope_1" not in words[0] and "hope_7" not in words[0]
