"""Start-up of the command line: ``workbook --help`` and ``workbook items``.

    python benchmarks/bench_startup.py [--repeat 7]

Each command runs as a user runs it (a new process, the venv's console script), best of
``--repeat``; the baseline, in the same run, is ``python -c "import pandas"``. Targets: both
commands within 0.3 s (they import no pandas, scipy or matplotlib at all).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

from figures import Figure, table

TARGET_S = 0.3
WORKBOOK = Path(sys.executable).with_name("workbook")


def best_of(cmd, repeat):
    """Best wall time of ``repeat`` runs of a command."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def figures(repeat=7):
    """The start-up figures (for run_all.py)."""
    baseline = best_of([sys.executable, "-c", "import pandas"], repeat)
    rows = [Figure("python -c pass", best_of([sys.executable, "-c", "pass"], repeat), baseline,
                   "import pandas")]
    for args in (["--help"], ["items"]):
        seconds = best_of([str(WORKBOOK), *args], repeat)
        rows.append(Figure(f"workbook {' '.join(args)}", seconds, baseline, "import pandas",
                           TARGET_S, target_on="value"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(table(figures(args.repeat)))


if __name__ == "__main__":
    main()
