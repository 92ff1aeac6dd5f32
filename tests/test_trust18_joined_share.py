"""A text kept twice by a sync is shared only if both copies ticked it (round 13a R23).

Laptop A rewrote a reflection (or the north star) and did not tick it for the report; laptop
B rewrote it too and ticked "Put this in my report". A sync keeping both journals' lines
keeps both texts (the other's first, then "———"); the joined text holds A's words, which the
client kept out of the report: it is not shared, and the notice says so. Ticked on both
laptops, the joined text stays shared.
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from workbook.session.sharing import shared_answers
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.records import TEXT_SEPARATOR

DAY = "2026-11-30"
HOPE = {"items": {"hope_1": 3}, "reflections": ["r base"]}
AMBITION = {"tool": {"north_star": "star base"}}


def _union(tmp_path, name, start, a_section, b_section, order="AB"):
    base = ClientStore(tmp_path / "base")
    base.save("c1", {name: start}, session=DAY)
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    a, b = ClientStore(tmp_path / "a"), ClientStore(tmp_path / "b")
    start_size = len((base.folder("c1") / JOURNAL_FILE).read_bytes())
    a.save("c1", {name: a_section}, session=DAY, base={name: start})
    b.save("c1", {name: b_section}, session=DAY, base={name: start})
    first, second = (a, b) if order == "AB" else (b, a)
    shutil.rmtree(tmp_path / "m", ignore_errors=True)
    shutil.copytree(first.root, tmp_path / "m")
    merged = ClientStore(tmp_path / "m")
    (merged.folder("c1") / "answers.json").unlink()  # the journal is read (a union of lines)
    with open(merged.folder("c1") / JOURNAL_FILE, "ab") as out:
        out.write((second.folder("c1") / JOURNAL_FILE).read_bytes()[start_size:])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        answers = ClientStore(tmp_path / "m").load("c1")
    return answers, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_a_reflection_ticked_on_one_laptop_only_is_not_shared_once_joined(tmp_path, order):
    answers, said = _union(tmp_path, "hope", HOPE,
                           {**HOPE, "reflections": ["ZZPRIVATE from A"]},
                           {**HOPE, "reflections": ["ZZSHARED from B"],
                            "share": ["reflection-1"]}, order)
    first, then = ("ZZPRIVATE from A", "ZZSHARED from B")[::1 if order == "AB" else -1]
    assert answers["hope"]["reflections"] == [f"{first}{TEXT_SEPARATOR}{then}"]
    assert "reflection-1" not in answers["hope"].get("share", [])
    assert [s.text for s in shared_answers(answers)] == []
    words = [w for w in said if DAY in w and "hope" in w]
    assert len(words) == 1 and "reflection 1: both texts are kept" in words[0]
    assert "not shared" in words[0] and "ticked on one copy only" in words[0]


def test_a_north_star_ticked_on_one_laptop_only_is_not_shared_once_joined(tmp_path):
    answers, said = _union(tmp_path, "ambition", AMBITION,
                           {"tool": {"north_star": "ZZPRIVATE star from A"}},
                           {"tool": {"north_star": "ZZSHARED star from B"},
                            "share": ["north_star"]})
    assert answers["ambition"]["tool"]["north_star"] == \
        f"ZZPRIVATE star from A{TEXT_SEPARATOR}ZZSHARED star from B"
    assert answers["ambition"].get("share", []) == []
    assert shared_answers(answers) == []
    words = [w for w in said if DAY in w and "ambition" in w]
    assert len(words) == 1 and "north_star: both texts are kept" in words[0]
    assert "not shared" in words[0]


def test_a_text_ticked_on_both_laptops_stays_shared_once_joined(tmp_path):
    answers, said = _union(tmp_path, "hope", HOPE,
                           {**HOPE, "reflections": ["A words"], "share": ["reflection-1"]},
                           {**HOPE, "reflections": ["B words"], "share": ["reflection-1"]})
    assert answers["hope"]["share"] == ["reflection-1"]
    assert [s.text for s in shared_answers(answers)] == [f"A words{TEXT_SEPARATOR}B words"]
    words = [w for w in said if DAY in w]
    assert len(words) == 1 and "not shared" not in words[0]


def test_a_text_changed_on_one_laptop_keeps_its_tick(tmp_path):
    answers, said = _union(tmp_path, "hope", HOPE,
                           {**HOPE, "items": {"hope_1": 4}},
                           {**HOPE, "reflections": ["B words"], "share": ["reflection-1"]})
    assert answers["hope"] == {"items": {"hope_1": 4}, "reflections": ["B words"],
                               "share": ["reflection-1"]}
    assert said == []
