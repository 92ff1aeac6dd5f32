"""A session's section changed on two laptops, joined by a sync keeping both files' lines (M8).

Each laptop's page saved the same session's hope (with ``base``, as a page does): laptop A
wrote one reflection, laptop B another. A sync tool keeps both files' lines (A's, then
B's). Both texts are kept (the other's first, then "———") and the notice names the
session and the section, as for the conversations and for a copy put over this one; a
number changed on both keeps the later line's and names the other.
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.store.records import TEXT_SEPARATOR

DAY = "2026-11-02"
START = {"items": {"hope_1": 3, "hope_2": 4}, "reflections": ["first words"]}


def _laptops(tmp_path, a_hope, b_hope):
    a = ClientStore(tmp_path / "a")
    a.save("c5", {"hope": START}, session=DAY)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    b = ClientStore(tmp_path / "b")
    start = len((a.folder("c5") / JOURNAL_FILE).read_bytes())
    a.save("c5", {"hope": a_hope}, session=DAY, base={"hope": START})
    b.save("c5", {"hope": b_hope}, session=DAY, base={"hope": START})
    with open(a.folder("c5") / JOURNAL_FILE, "ab") as out:  # the union: A's lines, then B's
        out.write((b.folder("c5") / JOURNAL_FILE).read_bytes()[start:])
    return tmp_path / "a"


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        hope = ClientStore(root).load("c5")["hope"]
    return hope, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("snapshot", [True, False])
def test_a_reflection_written_on_both_laptops_is_kept_twice(tmp_path, snapshot):
    root = _laptops(tmp_path,
                    {**START, "reflections": ["A laptop reflection"]},
                    {**START, "reflections": ["B laptop reflection"]})
    if not snapshot:
        (ClientStore(root).folder("c5") / "answers.json").unlink()
    hope, said = _read(root)
    assert hope["reflections"] == [f"A laptop reflection{TEXT_SEPARATOR}B laptop reflection"]
    assert hope["items"] == {"hope_1": 3, "hope_2": 4}
    words = [w for w in said if DAY in w]
    assert len(words) == 1 and "hope" in words[0] and "both texts are kept" in words[0]
    assert _read(root) == (hope, [])  # said once


def test_a_number_changed_on_both_keeps_the_later_and_names_the_other(tmp_path):
    root = _laptops(tmp_path,
                    {**START, "items": {"hope_1": 1, "hope_2": 4}},
                    {**START, "items": {"hope_1": 5, "hope_2": 2}})
    hope, said = _read(root)
    # hope_1 changed on both: B's (the later line) kept; hope_2 changed on B alone
    assert hope["items"] == {"hope_1": 5, "hope_2": 2}
    words = [w for w in said if DAY in w]
    assert len(words) == 1 and "hope_1" in words[0] and "hope_2" not in words[0]
    assert "5 kept" in words[0] and "1 not kept" in words[0]


def test_changes_to_different_fields_join_quietly(tmp_path):
    root = _laptops(tmp_path,
                    {**START, "items": {"hope_1": 1, "hope_2": 4}},
                    {**START, "reflections": ["B laptop reflection"]})
    hope, said = _read(root)
    assert hope == {"items": {"hope_1": 1, "hope_2": 4}, "reflections": ["B laptop reflection"]}
    assert said == []


def test_an_answer_given_as_it_was_carried_is_still_the_later_lines(tmp_path):
    """Laptop B answers energy_1 = 1 on 11-02, as carried from its 10-05 (the line holds
    what the disk held); laptop A answered 2 there. B's later line keeps 1, named."""
    a = ClientStore(tmp_path / "a")
    a.save("c5", {"hope": START}, session="2026-10-05")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    b = ClientStore(tmp_path / "b")
    start = len((a.folder("c5") / JOURNAL_FILE).read_bytes())
    a.save("c5", {"energy": {"items": {"energy_1": 2}}}, session=DAY, base={"energy": {}})
    b.save("c5", {"energy": {"items": {"energy_1": 1}}}, session="2026-10-05")
    b.save("c5", {"energy": {"items": {"energy_1": 1}}}, session=DAY, base={"energy": {}})
    with open(a.folder("c5") / JOURNAL_FILE, "ab") as out:
        out.write((b.folder("c5") / JOURNAL_FILE).read_bytes()[start:])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path / "a").history("c5")
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert history[DAY]["energy"]["items"] == {"energy_1": 1}
    assert len([w for w in said if DAY in w and "energy_1: 1 kept" in w
                and "2 not kept" in w]) == 1
