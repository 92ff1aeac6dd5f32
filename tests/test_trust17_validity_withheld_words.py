"""Round 12a P4: validity's (and the cohort report's) refusal said "fewer than 5 of the people
who answered did not say how many conversations they held" beside a table showing "Did not
say 5": what was short was one ingredient's group (those of them who answered Ambition both
times: 4). The words now name the ingredient and say what is true of it."""

from __future__ import annotations

import pandas as pd

from workbook.cohort.outcome import change_by_talk
from workbook.cohort.validity import validity
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.scoring import score
from workbook.reports.cohort_view import cohort_view

INST = resolve(None)


def _person(pid, held, level, *, post_none=()):
    rows = []
    for when, none in (("pre", ()), ("post", post_none)):
        row = {"participant_id": pid, "timepoint": when, "hours_per_week": 3}
        for item in INST.items:
            if item.ingredient not in none:
                row[item.id] = 6 - level if item.reverse else level
        if when == "post":
            row[schema.CONVERSATIONS_HELD] = held
        rows.append(row)
    return rows


def _data() -> pd.DataFrame:
    """12 who talked, 12 who held none, 5 who did not say; D4 left Ambition blank after."""
    rows = []
    for k in range(12):
        rows += _person(f"T{k:02d}", 2, 2 + k % 4)
        rows += _person(f"N{k:02d}", 0, 1 + k % 4)
    for k in range(4):
        rows += _person(f"D{k}", None, 3)
    rows += _person("D4", None, 3, post_none=("ambition",))
    frame = pd.DataFrame(rows)
    for col in [*INST.item_ids, schema.CONVERSATIONS_HELD]:
        frame[col] = frame[col].astype("Int64")
    return frame


def test_the_refusal_names_the_ingredient_and_is_true_beside_did_not_say_5(tmp_path):
    data = _data()
    change = change_by_talk(data, score(data, INST), instrument=INST).set_index(
        ["went_on_to_talk", "ingredient"])
    # what the cohort's table shows: 5 did not say; their Ambition pairs (4) are hidden, and
    # the next smallest side with them; every other ingredient is shown
    assert change.loc[("not_answered", "hope"), "n_both"] == 5
    assert change.loc[("not_answered", "hope"), "n_pairs"] == 5
    assert pd.isna(change.loc[("not_answered", "ambition"), "mean_before"])
    result = validity(data)
    # before: "... fewer than 5 of the people who answered did not say how many
    # conversations they held (or have an ingredient without a score) ..."
    assert result.withheld.startswith(
        "Not shown, so that no one can be singled out: for Ambition, the cohort's tables "
        "count a group of fewer than 5 people that these figures leave out")
    assert "fewer than 5 of the people who answered did not say" not in result.withheld
    path = tmp_path / "answers.csv"
    data.to_csv(path, index=False)
    html = cohort_view(str(path)).validity().html
    assert "for Ambition, the cohort&#x27;s tables count a group of fewer than 5" in html \
        or "for Ambition, the cohort's tables count a group of fewer than 5" in html
