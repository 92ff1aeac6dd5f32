"""Reading benchmark: ``load_responses`` against plain ``pandas.read_csv`` of the same file.

Two files, both simulated (``workbook.responses.datasets.simulate``, no attrition):

1. the kit's own canonical wide CSV, 1,000,000 responses (500,000 people, pre and post),
   baseline ``pd.read_csv(path)``;
2. a Qualtrics-layout export (three header rows), 400,000 responses, baseline
   ``pd.read_csv(path, skiprows=[1, 2])``.

Each is timed best of three, the baseline and ``load_responses`` alternating within one run so
the ratio holds on a shared machine. Target (issue 12): at most 1.5x the baseline. The CPU
seconds of each (every thread of the process) are printed too: they move less than the wall
time when other jobs share the cores.

Run: ``python benchmarks/bench_load.py [CANONICAL_ROWS [QUALTRICS_ROWS]]``. Not a test: it
prints times. ``--profile`` prints the top of a cProfile of one ``load_responses`` per file;
``--folder DIR`` writes the files there (and reuses them when they are there already).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from workbook.responses.datasets import simulate
from workbook.responses.io import load_responses
from workbook.responses.sample_exports import qualtrics_csv

TARGET = 1.5


def paired_best(baseline, ours, repeat: int = 3, cpu: list | None = None) -> tuple[float, float]:
    """Best of ``repeat`` for each, run alternately (baseline, ours, baseline, ...).

    With ``cpu`` (a list), the best CPU seconds of each (all threads of the process) are
    appended to it: a figure that moves less than the wall time when other jobs share the
    cores.
    """
    a, b, ca, cb = [], [], [], []
    for _ in range(repeat):
        for fn, into, used in ((baseline, a, ca), (ours, b, cb)):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            into.append(time.perf_counter() - start)
            used.append(time.process_time() - start_cpu)
    if cpu is not None:
        cpu.extend([min(ca), min(cb)])
    return min(a), min(b)


def make_files(folder: Path, canonical_rows: int, qualtrics_rows: int) -> dict:
    """The two files: name -> (path, keyword arguments of the baseline read_csv)."""
    canonical = folder / f"canonical_{canonical_rows}.csv"
    if not canonical.exists():
        simulate(canonical_rows // 2, seed=1, attrition=0.0).to_csv(canonical, index=False)
    qualtrics = folder / f"qualtrics_{qualtrics_rows}.csv"
    if not qualtrics.exists():
        data = simulate(qualtrics_rows // 2, seed=1, attrition=0.0)
        qualtrics.write_text(qualtrics_csv(data), encoding="utf-8")
    return {
        f"canonical {canonical_rows:,}": (canonical, {}),
        f"Qualtrics {qualtrics_rows:,}": (qualtrics, {"skiprows": [1, 2]}),
    }


def run(canonical_rows: int = 1_000_000, qualtrics_rows: int = 400_000,
        profile: bool = False, folder=None, repeat: int = 3) -> list:
    """Time both files; return rows of (file, MB, read_csv s, load_responses s, ratio)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        files = make_files(Path(folder or tmp), canonical_rows, qualtrics_rows)
        print(f"files written in {time.perf_counter() - start:.1f}s")
        for name, (path, kwargs) in files.items():
            size = path.stat().st_size / 1e6
            if profile:
                prof = cProfile.Profile()
                prof.runcall(load_responses, path)
                print(f"--- profile of load_responses, {name}")
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
                continue
            cpu = []
            base, ours = paired_best(lambda p=path, k=kwargs: pd.read_csv(p, **k),
                                     lambda p=path: load_responses(p), repeat, cpu)
            ratio = ours / base
            rows.append((name, size, base, ours, ratio))
            print(f"{name:18} {size:5.0f} MB  read_csv {base:5.2f}s  load_responses "
                  f"{ours:5.2f}s  ratio {ratio:4.2f}x (target <= {TARGET}x: "
                  f"{'met' if ratio <= TARGET else 'NOT met'}); CPU {cpu[0]:5.2f}s against "
                  f"{cpu[1]:5.2f}s, {cpu[1] / cpu[0]:4.2f}x", flush=True)
    return rows


def figures(canonical_rows: int = 1_000_000, qualtrics_rows: int = 400_000, repeat: int = 3):
    """The reading figures (for run_all.py), printing details as it goes."""
    from figures import Figure

    return [Figure(f"load_responses, {name} ({size:.0f} MB)", ours, base, "pandas.read_csv",
                   TARGET)
            for name, size, base, ours, _ in run(canonical_rows, qualtrics_rows, repeat=repeat)]


if __name__ == "__main__":
    argv = sys.argv[1:]
    folder = None
    if "--folder" in argv:
        at = argv.index("--folder")
        folder = argv[at + 1]
        del argv[at:at + 2]
    sizes = [int(a) for a in argv if not a.startswith("--")][:2]
    run(*sizes, profile="--profile" in argv, folder=folder)
