"""Cohort benchmark: 200,000 participants x 2 timepoints.

1. ``load_responses`` of a Qualtrics-layout export (three header rows) against plain
   ``pandas.read_csv`` of the same file (``skiprows=[1, 2]``), best of three; target: at most 1.5x
   (``bench_load.py`` also times a canonical 1,000,000-row file).
2. The full ``workbook cohort`` command on that export (read, check, score, every table and
   figure written).

Run: ``python benchmarks/bench_cohort.py [N_PARTICIPANTS]``. Not a test: it prints times.
"""

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from workbook.cli import main
from workbook.datasets import simulate
from workbook.io import load_responses
from workbook.sample_exports import qualtrics_csv

TARGET = 1.5  # issue 12 (was 2x)


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(n_participants: int = 200_000) -> None:
    start = time.perf_counter()
    data = simulate(n_participants, seed=1, attrition=0.0)
    print(f"simulated {len(data):,} responses ({n_participants:,} participants x 2) "
          f"in {time.perf_counter() - start:.1f}s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "qualtrics_export.csv"
        path.write_text(qualtrics_csv(data), encoding="utf-8")
        size = path.stat().st_size / 1e6
        print(f"Qualtrics-layout export: {size:.0f} MB")
        baseline = best_of(lambda: pd.read_csv(path, skiprows=[1, 2]))
        ours = best_of(lambda: load_responses(path))
        ratio = ours / baseline
        print(f"pandas.read_csv          {baseline:6.2f}s")
        print(f"workbook.load_responses  {ours:6.2f}s   ratio {ratio:.2f}x "
              f"(target <= {TARGET:g}x: {'met' if ratio <= TARGET else 'NOT met'})")
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            status = main(["cohort", str(path), "--out", str(Path(tmp) / "out")])
        total = time.perf_counter() - start
        print(f"workbook cohort (full)   {total:6.2f}s   exit status {status}")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
