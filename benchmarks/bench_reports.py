"""Benchmark: 24 personal reports from the bundled sample, the plain way versus `workbook report`.

(a) the plain way, one report after another: the papermill CLI (a fresh kernel per report),
    then `jupyter nbconvert --to html --no-input`;
(b) `workbook report participants --jobs 2`: a warm worker pool that forks a fresh child per
    report and runs the notebook in-process.

Prints both wall times, their ratio and seconds per report. Target: (b) at least 4x faster.

    .venv/bin/python benchmarks/bench_reports.py        # 24 reports
    .venv/bin/python benchmarks/bench_reports.py 8      # a quicker run
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from workbook.datasets import sample_path
from workbook.reports.batch import PARTICIPANT_TEMPLATE, TEMPLATE_DIR


def run(cmd):
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True)


def plain(ids, work: Path) -> float:
    start = time.perf_counter()
    for pid in ids:
        executed = work / f"{pid}.ipynb"
        run([sys.executable, "-m", "papermill", TEMPLATE_DIR / PARTICIPANT_TEMPLATE, executed,
             "-p", "data", sample_path(), "-p", "participant_id", pid, "-k", "python3",
             "--no-progress-bar"])
        run([sys.executable, "-m", "nbconvert", "--to", "html", "--no-input", executed])
    return time.perf_counter() - start


def workbook(ids, out: Path, jobs: int) -> float:
    cmd = [sys.executable, "-m", "workbook", "report", "participants", sample_path(),
           "--out", out, "--jobs", str(jobs), "--force"]
    for pid in ids:
        cmd += ["--participant", pid]
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def main(n: int = 24, jobs: int = 2) -> None:
    ids = list(pd.read_csv(sample_path(), dtype=str)["participant_id"].unique()[:n])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "plain").mkdir()
        b = workbook(ids, tmp / "workbook", jobs)
        a = plain(ids, tmp / "plain")
        made = len(list((tmp / "workbook" / "participants").glob("*.html")))
        assert made == n and len(list((tmp / "plain").glob("*.html"))) == n
    print(f"{n} participant reports from the bundled sample")
    print(f"(a) papermill CLI + nbconvert --no-input, one by one: {a:7.1f} s "
          f"({a / n:.2f} s/report)")
    print(f"(b) workbook report participants --jobs {jobs}:      {b:7.1f} s "
          f"({b / n:.2f} s/report)")
    print(f"ratio (a)/(b): {a / b:.1f}x (target >= 4x: {'met' if a / b >= 4 else 'NOT met'})")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:]))
