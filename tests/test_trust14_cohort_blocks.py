"""Reliability's blocks, taken once per ingredient, are the blocks np.ix_ gave (issue 23).

Each group's complete answers to an ingredient are now the rows of one matrix per
ingredient where every answer is given; before, the group's rows and the ingredient's
columns were gathered from the whole answer matrix and the incomplete rows dropped. Same
numbers, same order, same memory order (the statistics read them in that order).
"""

import numpy as np
import pandas as pd

from workbook.cohort.reliability import _blocks, keyed_answers, prepared_blocks
from workbook.core.instrument import resolve

INST = resolve(None)


def table(seed=3, n=400):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame({"participant_id": [f"p{i}" for i in range(n)],
                         "cohort": rng.choice(["a", "b", "c"], n)})
    for item in INST.item_ids:
        answers = rng.integers(1, 6, n).astype(float)
        answers[rng.random(n) < 0.05] = np.nan  # some answers missing
        data[item] = answers
    data = data.drop(columns=[INST.ingredients[1].item_ids[0]])  # an item the file lacks
    return data


def old_blocks(frame, cols, keyed):
    """The blocks as _blocks took them before (np.ix_ on the whole matrix)."""
    matrix = keyed.to_numpy(dtype=float)
    where = {item: j for j, item in enumerate(keyed.columns)}
    present = prepared_blocks(keyed, INST)[3]
    out = []
    for labels, rows in frame.groupby(cols, sort=True).indices.items() if cols else [
            ((), np.arange(len(frame)))]:
        for ing in INST.ingredients:
            items = present[ing.id]
            block = matrix[np.ix_(rows, [where[i] for i in items])]
            out.append((labels, ing.id, block[~np.isnan(block).any(axis=1)]))
    return out


def test_blocks_are_the_gathered_ones():
    data = table()
    keyed = keyed_answers(data, INST)
    for cols in ([], ["cohort"]):
        new = [(labels, ing.id, block) for labels, ing, _, block in
               _blocks(data, cols, keyed, INST)]
        old = old_blocks(data, cols, keyed)
        assert len(new) == len(old) == (1 if not cols else 3) * len(INST.ingredients)
        for (_, ing_new, a), (_, ing_old, b) in zip(new, old):
            assert ing_new == ing_old
            assert a.shape == b.shape and a.flags["C_CONTIGUOUS"] and b.flags["C_CONTIGUOUS"]
            assert np.array_equal(a, b)
    # the ingredient whose item the file lacks is over its other items (k one less)
    time = INST.ingredients[1].id
    assert [b.shape[1] for _, i, _, b in _blocks(data, [], keyed, INST) if i.id == time] \
        == [len(INST.ingredients[1].item_ids) - 1]


def test_complete_rows_by_hand():
    data = table(n=6)
    keyed = keyed_answers(data, INST)
    hope = INST.ingredients[0]
    keyed.loc[2, hope.item_ids[0]] = np.nan
    _, complete, _, _ = prepared_blocks(keyed, INST)
    expected = keyed[list(hope.item_ids)].notna().all(axis=1).to_numpy()
    assert not complete[hope.id][2]
    assert complete[hope.id].tolist() == expected.tolist()
