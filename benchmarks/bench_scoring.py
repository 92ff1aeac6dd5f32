"""Scoring speed and memory against reading the same data with pandas, in one run.

    python benchmarks/bench_scoring.py [--rows 1000000]

Builds N synthetic responses (``workbook.datasets.simulate``) and writes them twice as CSV: the
whole canonical table, and the leanest file a user can load (``participant_id``, ``timepoint``
and the 25 items; free-text columns make a read slower and so flatter the ratio). For each it
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

from workbook import score
from workbook.datasets import simulate
from workbook.instrument import load_instrument


def best_of(n, func):
    """Best wall time of ``n`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(n):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10,
                        help="also score the lean table repeated this many times (0: skip)")
    args = parser.parse_args()

    print(f"pandas {pd.__version__}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        whole, lean = Path(tmp) / "responses.csv", Path(tmp) / "lean.csv"
        t0 = time.perf_counter()
        data = simulate(args.rows // 2, seed=1, attrition=0.0)
        data.to_csv(whole, index=False)
        data[["participant_id", "timepoint", *load_instrument().item_ids]].to_csv(lean, index=False)
        print(f"built {len(data):,} responses in {time.perf_counter() - t0:.1f} s")
        del data
        for name, path in (("whole table", whole), ("lean file", lean)):
            measure(name, path, args.repeat)
        if args.scale > 1:
            linearity(pd.read_csv(lean), args.scale, args.repeat)


def linearity(table, k, repeat):
    """Score ``table`` and ``table`` repeated ``k`` times; print the time and memory ratios."""
    big = pd.concat([table] * k, ignore_index=True)
    one_s, _ = best_of(repeat, lambda: score(table))
    big_s, _ = best_of(max(1, repeat - 1), lambda: score(big))
    big_mb = big.memory_usage(deep=True).sum() / 1e6
    gc.collect()
    tracemalloc.start()
    score(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nlinear in rows: {len(table):,} rows {one_s:.2f} s, {len(big):,} rows {big_s:.2f} s")
    print(f"  ratio           : {big_s / one_s:7.1f}x for {k}x the rows (target <= {1.2 * k:.0f}x)")
    print(f"  scoring peak    : {peak / 1e6:7.0f} MB = {peak / 1e6 / big_mb:.2f}x the table "
          "(target < 3x)")


def measure(name, path, repeat):
    """Time reading ``path`` and scoring what was read; print the figures and ratios."""
    read_s, table = best_of(repeat, lambda: pd.read_csv(path))
    score_s, scores = best_of(repeat, lambda: score(table))
    table_mb = table.memory_usage(deep=True).sum() / 1e6
    gc.collect()
    tracemalloc.start()
    score(table)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1e6
    print(f"\n{name}: {path.stat().st_size / 1e6:.0f} MB CSV, {len(table.columns)} columns")
    print(f"  pandas.read_csv : {read_s:7.2f} s")
    print(f"  workbook.score  : {score_s:7.2f} s")
    print(f"  ratio score/read: {score_s / read_s:7.3f}  (target <= 0.25, goal 0.10)")
    print(f"  loaded table    : {table_mb:7.0f} MB")
    print(f"  scoring peak    : {peak_mb:7.0f} MB = {peak_mb / table_mb:.2f}x the table "
          "(target < 3x)")
    print(f"  verdicts        : {scores['verdict'].value_counts().to_dict()}")


if __name__ == "__main__":
    main()
