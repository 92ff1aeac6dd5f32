"""Scoring speed and memory against reading the same data with pandas, in one run.

    python benchmarks/bench_scoring.py [--rows 1000000]

Builds N synthetic responses (``workbook.datasets.simulate``), writes them as CSV, then times
``pandas.read_csv`` of that file (the baseline) and ``workbook.score`` of the loaded table, and
measures the peak memory allocated while scoring (tracemalloc) against the size of the loaded
table. Targets: score time <= 1/4 of read time; scoring peak < 3x the table.
"""

import argparse
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

from workbook import score
from workbook.datasets import simulate


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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "responses.csv"
        t0 = time.perf_counter()
        data = simulate(args.rows // 2, seed=1, attrition=0.0)
        data.to_csv(path, index=False)
        size_mb = path.stat().st_size / 1e6
        print(f"built {len(data):,} responses, {size_mb:.0f} MB CSV "
              f"in {time.perf_counter() - t0:.1f} s")
        del data

        read_s, table = best_of(args.repeat, lambda: pd.read_csv(path))
        score_s, scores = best_of(args.repeat, lambda: score(table))
        table_mb = table.memory_usage(deep=True).sum() / 1e6

        gc.collect()
        tracemalloc.start()
        score(table)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mb = peak / 1e6

    print(f"pandas.read_csv : {read_s:7.2f} s")
    print(f"workbook.score  : {score_s:7.2f} s")
    print(f"ratio score/read: {score_s / read_s:7.3f}  (target <= 0.25)")
    print(f"loaded table    : {table_mb:7.0f} MB")
    print(f"scoring peak    : {peak_mb:7.0f} MB = {peak_mb / table_mb:.2f}x the table "
          "(target < 3x)")
    print(f"verdicts        : {scores['verdict'].value_counts().to_dict()}")


if __name__ == "__main__":
    main()
