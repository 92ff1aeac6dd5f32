"""Scoring against hand-computed values, a slow reference, and properties."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook import score
from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

INST = load_instrument()
IDS = INST.ingredient_ids


def keyed_row(participant_id="p1", **keyed):
    """A raw response from *keyed* answers per ingredient (reverse items are flipped back).

    ``keyed`` maps ingredient -> list of five keyed answers (None = unanswered);
    unnamed ingredients answer 3 everywhere.
    """
    row = {"participant_id": participant_id}
    for ing in INST.ingredients:
        values = keyed.get(ing.id, [3] * 5)
        for item, value in zip(ing.items, values):
            if value is None:
                row[item.id] = np.nan
            else:
                row[item.id] = 6 - value if item.reverse else value
    return row


def one(**keyed):
    return score(pd.DataFrame([keyed_row(**keyed)])).iloc[0]


def test_all_middle_answers_give_50_and_ready():
    s = one()
    for ing in IDS:
        assert s[ing] == 50.0
        assert s[f"{ing}_level"] == "a_little"
        assert s[f"{ing}_answered"] == 5
    assert s["verdict"] == "ready"
    assert s["focus"] == ""
    # Five-way tie: the first in instrument order leads, then the rest.
    assert s["weakest"] == "hope;time;energy;self_esteem;ambition"


def test_reverse_keyed_item_is_flipped():
    # Raw answers 5,5,5,5,5 for hope: hope_7 and hope_9 are reverse-keyed, so they count as 1.
    row = keyed_row()
    for item in INST.ingredient("hope").items:
        row[item.id] = 5
    s = score(pd.DataFrame([row])).iloc[0]
    assert s["hope"] == pytest.approx(100 * ((5 + 5 + 1 + 5 + 1) / 5 - 1) / 4)  # 60.0
    assert s["hope_level"] == "a_little"


def test_half_answered_rule():
    two = one(hope=[4, 5, None, None, None])
    assert math.isnan(two["hope"])
    assert pd.isna(two["hope_level"])
    assert two["hope_answered"] == 2
    assert two["verdict"] == "incomplete"
    assert two["focus"] == "hope"
    three = one(hope=[4, 5, 4, None, None])
    assert three["hope"] == pytest.approx(100 * (13 / 3 - 1) / 4)  # 83.33
    assert three["hope_answered"] == 3


def test_threshold_edges():
    # keyed sums 13, 14, 19 over five items: means 2.6, 2.8, 3.8 -> POMP 40, 45, 70 exactly.
    s = one(hope=[3, 3, 3, 2, 2], time=[3, 3, 3, 3, 2], energy=[4, 4, 4, 4, 3])
    assert (s["hope"], s["hope_level"]) == (pytest.approx(40), "a_little")
    assert (s["time"], s["time_level"]) == (pytest.approx(45), "a_little")
    assert (s["energy"], s["energy_level"]) == (pytest.approx(70), "plenty")
    low = one(hope=[3, 3, 2, 2, 2])  # mean 2.4 -> 35
    assert (low["hope"], low["hope_level"]) == (pytest.approx(35), "not_yet")


@pytest.mark.parametrize(
    ("keyed", "verdict", "focus"),
    [
        ({}, "ready", ""),
        ({"time": [1] * 5}, "not_now", "time"),
        ({"time": [1] * 5, "energy": [2] * 5}, "not_now", "time;energy"),
        ({"self_esteem": [2] * 5}, "build_first", "self_esteem"),
        ({"hope": [1] * 5, "ambition": [2] * 5}, "build_first", "hope;ambition"),
        # not_now wins over build_first, and only names the time/energy ingredients
        ({"hope": [1] * 5, "energy": [1] * 5}, "not_now", "energy"),
        # incomplete wins over everything
        ({"energy": [1, 1, None, None, None], "time": [1] * 5}, "incomplete", "energy"),
    ],
)
def test_verdict_order(keyed, verdict, focus):
    s = one(**keyed)
    assert s["verdict"] == verdict
    assert s["focus"] == focus


def test_weakest_lists_ties_within_five_points_lowest_first():
    # self_esteem 45, hope 50 (exactly 5 away: included), time 50, energy 60, ambition 80.
    s = one(
        hope=[3, 3, 3, 3, 3], time=[3, 3, 3, 3, 3], energy=[3, 3, 4, 4, 3],
        self_esteem=[3, 3, 3, 3, 2], ambition=[4, 4, 4, 5, 4],
    )
    assert [s[i] for i in IDS] == pytest.approx([50, 50, 60, 45, 80])
    assert s["weakest"] == "self_esteem;hope;time"


def test_weakest_ignores_unscored_ingredients():
    s = one(hope=[None] * 5, time=[4] * 5, energy=[2] * 5)
    assert s["weakest"] == "energy"
    empty = one(**{i: [None] * 5 for i in IDS})
    assert pd.isna(empty["weakest"])
    assert empty["verdict"] == "incomplete"
    assert empty["focus"] == "hope;time;energy;self_esteem;ambition"


def test_labels_score_like_numbers():
    numeric = pd.DataFrame([keyed_row("a", hope=[5, 4, 2, 1, 3]), keyed_row("b")])
    labels = numeric.copy()
    for item_id in INST.item_ids:
        labels[item_id] = labels[item_id].map(lambda v: INST.labels[int(v) - 1])
    labels.loc[0, "time_1"] = "  agree "
    numeric.loc[0, "time_1"] = 4
    pd.testing.assert_frame_equal(score(labels), score(numeric))


def test_missing_item_columns_count_as_unanswered():
    data = pd.DataFrame([keyed_row()]).drop(columns=["hope_8", "hope_9", "hope_7"])
    s = score(data).iloc[0]
    assert s["hope_answered"] == 2 and s["verdict"] == "incomplete"


def test_out_of_scale_answer_is_refused_with_its_place():
    data = pd.DataFrame([keyed_row("a"), keyed_row("b")])
    data.loc[1, "energy_2"] = 7
    with pytest.raises(InvalidDataError, match=r"row 3, column energy_2, value 7"):
        score(data)


def test_custom_scale_and_thresholds(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace("min = 1\nmax = 5", "min = 0\nmax = 6").replace(
        'labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", '
        '"Strongly agree"]',
        'labels = ["0", "1", "2", "3", "4", "5", "6"]',
    ).replace("thresholds = { a_little = 40, plenty = 70 }",
              "thresholds = { a_little = 20, plenty = 90 }", 1)
    path = tmp_path / "seven.toml"
    path.write_text(text, encoding="utf-8")
    inst = load_instrument(path)
    row = {"participant_id": "x"}
    for item in inst.items:
        row[item.id] = 6 - 1 if item.reverse else 1  # keyed 1 everywhere
    s = score(pd.DataFrame([row]), inst).iloc[0]
    assert s["hope"] == pytest.approx(100 / 6)  # 16.7: not_yet under a_little=20
    assert s["hope_level"] == "not_yet"
    assert s["time"] == pytest.approx(100 / 6)
    assert s["time_level"] == "not_yet"  # default thresholds for time: 16.7 < 40


def test_keeps_index_and_id_columns():
    data = pd.DataFrame([keyed_row("a"), keyed_row("b")], index=pd.Index([7, 9], name="row"))
    data["cohort"] = ["c1", "c2"]
    s = score(data)
    assert list(s.index) == [7, 9]
    assert list(s["cohort"]) == ["c1", "c2"]
    assert s["timepoint"].isna().all()


# ---- an independent, slow reference, one row at a time ---------------------------------


def reference(row):
    out = {}
    for ing in INST.ingredients:
        keyed = []
        for item in ing.items:
            v = row.get(item.id)
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                keyed.append(6 - v if item.reverse else v)
        if len(keyed) >= math.ceil(len(ing.items) / 2):
            out[ing.id] = 100 * (sum(keyed) / len(keyed) - 1) / 4
        else:
            out[ing.id] = None
    levels = {
        k: None if v is None else ("plenty" if v >= 70 - 1e-9 else "a_little" if v >= 40 - 1e-9
                                    else "not_yet")
        for k, v in out.items()
    }
    if any(v is None for v in out.values()):
        verdict = "incomplete"
    elif "not_yet" in (levels["time"], levels["energy"]):
        verdict = "not_now"
    elif "not_yet" in (levels["hope"], levels["self_esteem"], levels["ambition"]):
        verdict = "build_first"
    else:
        verdict = "ready"
    return out, levels, verdict


answer = st.one_of(st.none(), st.integers(1, 5))
rows = st.lists(st.lists(answer, min_size=25, max_size=25), min_size=1, max_size=30)


def frame(matrix):
    data = pd.DataFrame(
        [[np.nan if v is None else float(v) for v in r] for r in matrix], columns=INST.item_ids
    )
    data.insert(0, "participant_id", [f"p{n}" for n in range(len(matrix))])
    return data


@settings(max_examples=150, deadline=None)
@given(rows)
def test_matches_reference_and_stays_in_range(matrix):
    data = frame(matrix)
    scores = score(data)
    for n, raw in enumerate(matrix):
        expected, levels, verdict = reference(dict(zip(INST.item_ids, raw)))
        for ing in IDS:
            got = scores[ing].iloc[n]
            if expected[ing] is None:
                assert math.isnan(got)
            else:
                assert 0 <= got <= 100
                assert got == pytest.approx(expected[ing])
                assert scores[f"{ing}_level"].iloc[n] == levels[ing]
        assert scores["verdict"].iloc[n] == verdict


@settings(max_examples=150, deadline=None)
@given(st.lists(answer, min_size=25, max_size=25), st.integers(0, 24))
def test_raising_a_keyed_answer_raises_the_score(raw, k):
    item = INST.items[k]
    keyed = None if raw[k] is None else (6 - raw[k] if item.reverse else raw[k])
    if keyed is None or keyed == 5:
        return
    better = list(raw)
    better[k] = raw[k] - 1 if item.reverse else raw[k] + 1
    before, after = score(frame([raw, better]))[item.ingredient]
    if math.isnan(before):
        assert math.isnan(after)
    else:
        assert after > before


@settings(max_examples=60, deadline=None)
@given(rows)
def test_blocks_and_the_verdict_lookup_do_not_change_any_result(matrix):
    """Rows scored in blocks, and verdicts decided per used key instead of from the full table,
    give exactly what one block and the table give (and the table matches the reference above)."""
    import workbook.core.scoring as scoring

    data = frame(matrix)
    whole = score(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scoring, "_BLOCK", 4)  # several blocks, the last one short
        mp.setattr(scoring, "_TABLE_LIMIT", 0)  # decide only the keys that occur
        pieces = score(data)
    pd.testing.assert_frame_equal(whole, pieces)


def test_focus_names_the_ingredients_behind_each_verdict():
    rows = pd.DataFrame([
        keyed_row("ready"),
        keyed_row("tired", energy=[1] * 5, hope=[1] * 5),  # not_now wins over build_first
        keyed_row("doubt", self_esteem=[1] * 5, ambition=[2] * 5),  # build_first, both named
        keyed_row("gap", time=[1] * 5, hope=[None, None, None, 3, 3]),  # 2 of 5: unscored
    ])
    s = score(rows)
    assert s["verdict"].tolist() == ["ready", "not_now", "build_first", "incomplete"]
    assert s["focus"].tolist() == ["", "energy", "self_esteem;ambition", "hope"]
