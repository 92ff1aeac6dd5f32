"""Scoring speed and memory against reading the same data with pandas, in one run.

    python benchmarks/bench_scoring.py [--rows 1000000]

Builds N synthetic responses (``workbook.responses.datasets.simulate``) and writes them twice
as CSV: the whole canonical table, and the leanest file a user can load (``participant_id``,
``timepoint`` and the 25 items; free-text columns make a read slower and so flatter the
ratio). For each it
times ``pandas.read_csv`` of the file (the baseline) and ``workbook.score`` of the loaded table,
and measures the peak memory allocated while scoring (tracemalloc) against the size of the
loaded table. Targets: score time <= 1/4 of read time (goal 1/10); scoring peak < 3x the table.

With ``--scale K`` it also scores the lean table repeated K times (default 10: 10,000,000 rows)
and compares with scoring the single table: linear means K times the time (target: within
12x for K = 10) and a peak still under 3x the (K times larger) table.
"""

import argparse
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from figures import Figure, table

from workbook import score
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import simulate


def best_of(n, func):
    """Best wall time of ``n`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(n):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_of(func):
    """Peak memory (MB) that tracemalloc sees while ``func`` runs."""
    gc.collect()
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def figures(rows=1_000_000, repeat=3, scale=10):
    """The scoring figures (for run_all.py), printing details as it goes."""
    print(f"pandas {pd.__version__}, numpy {np.__version__}")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        whole, lean = Path(tmp) / "responses.csv", Path(tmp) / "lean.csv"
        t0 = time.perf_counter()
        data = simulate(rows // 2, seed=1, attrition=0.0)
        data.to_csv(whole, index=False)
        data[["participant_id", "timepoint", *load_instrument().item_ids]].to_csv(lean, index=False)
        print(f"built {len(data):,} responses in {time.perf_counter() - t0:.1f} s")
        del data
        for name, path in (("whole table", whole), ("lean file", lean)):
            out += measure(name, path, repeat)
        if scale > 1:
            out += linearity(pd.read_csv(lean), scale, repeat)
    return out


def measure(name, path, repeat):
    """Time reading ``path`` and scoring what was read, and scoring's peak memory."""
    read_s, data = best_of(repeat, lambda: pd.read_csv(path))
    score_s, scores = best_of(repeat, lambda: score(data))
    data_mb = data.memory_usage(deep=True).sum() / 1e6
    peak_mb = peak_of(lambda: score(data))
    print(f"{name}: {path.stat().st_size / 1e6:.0f} MB CSV, {len(data.columns)} columns; "
          f"verdicts {scores['verdict'].value_counts().to_dict()}")
    return [
        Figure(f"score, {name} ({len(data):,} rows)", score_s, read_s, "pandas.read_csv", 0.25),
        Figure(f"score peak memory, {name}", peak_mb, data_mb, "the table", 3, unit="MB"),
    ]


def linearity(data, k, repeat):
    """Score ``data`` and ``data`` repeated ``k`` times: linear means about ``k`` times."""
    big = pd.concat([data] * k, ignore_index=True)
    one_s, _ = best_of(repeat, lambda: score(data))
    big_s, _ = best_of(repeat, lambda: score(big))
    big_mb = big.memory_usage(deep=True).sum() / 1e6
    peak_mb = peak_of(lambda: score(big))
    return [
        Figure(f"score, {len(big):,} rows", big_s, one_s, f"score, {len(data):,} rows", 1.2 * k),
        Figure(f"score peak memory, {len(big):,} rows", peak_mb, big_mb, "the table", 3,
               unit="MB"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10,
                        help="also score the lean table repeated this many times (0: skip)")
    args = parser.parse_args()
    print(table(figures(args.rows, args.repeat, args.scale)))


if __name__ == "__main__":
    main()
