"""Every benchmark at a size that fits about ten minutes on 2 cores, and one table of figures.

    python benchmarks/run_all.py

Each figure is set against a baseline measured in the same run (see ``figures.py``); the
table is what ``benchmarks/README.md`` records. The machine, the date and the library
versions are printed first.
"""

import datetime
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import table  # noqa: E402

#: (module, keyword arguments): the benchmarks run, in order, with their sizes.
PLAN = [
    ("bench_startup", {"repeat": 7}),
    ("bench_scoring", {"rows": 1_000_000, "repeat": 3, "scale": 10}),
    ("bench_load", {"canonical_rows": 1_000_000, "qualtrics_rows": 400_000, "repeat": 3}),
    ("bench_store", {"sessions": 1000, "repeat": 30}),
    ("bench_reports", {"against": None, "repeat": 2}),
]


def versions() -> str:
    """Python and the libraries that set the figures."""
    import numpy
    import pandas

    return (f"Python {platform.python_version()}, pandas {pandas.__version__}, "
            f"numpy {numpy.__version__}")


def main():
    print(f"{datetime.date.today()} on {platform.machine()}, {os.cpu_count()} cores; {versions()}")
    rows, started = [], time.perf_counter()
    for name, kwargs in PLAN:
        module = __import__(name)
        print(f"\n== {name} {kwargs}", flush=True)
        begun = time.perf_counter()
        rows += module.figures(**kwargs)
        print(f"   ({time.perf_counter() - begun:.0f} s)", flush=True)
    print(f"\nAll benchmarks in {time.perf_counter() - started:.0f} s:\n")
    print(table(rows))
    missed = [r.what for r in rows if r.met is False]
    print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""))


if __name__ == "__main__":
    main()
