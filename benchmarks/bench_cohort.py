"""Cohort benchmark: ``workbook cohort --by cohort`` on 1,000,000 responses (issue 12).

Simulates three cohorts answering before and after (``workbook.responses.datasets.simulate``, no
attrition; 1,000,000 responses by default) and writes them as the kit's canonical CSV. Then,
each in a fresh process so that no run warms another's caches:

- ``pandas.read_csv(path)``: the baseline, best of ``--repeat``;
- ``workbook cohort PATH --out DIR --by cohort`` run in-process by the child (the imports
  the command makes, read, check, score, every table and figure written; its terminal
  output discarded; pandas imported before the clock starts, as for the baseline), best of
  ``--repeat``; target: at most 4x the baseline;
- the same run once more under ``tracemalloc``: its peak memory against the loaded table
  (``load_responses(path).memory_usage(deep=True)``); target: at most 3x.

and the same two cohort figures for the kit as it was at ``--against REV`` (``git archive`` of
``workbook/`` into a temporary folder, first on ``PYTHONPATH``), in the same run.

    .venv/bin/python benchmarks/bench_cohort.py                      # 1M rows, now only
    .venv/bin/python benchmarks/bench_cohort.py --against 2e1b90f    # and the kit before
    .venv/bin/python benchmarks/bench_cohort.py --rows 100000        # a quicker run
    .venv/bin/python benchmarks/bench_cohort.py --folder /tmp/c      # keep the file
    .venv/bin/python benchmarks/bench_cohort.py --profile            # cProfile of one run

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_reports import old_kit  # the package at a past commit (one definition)

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET = 4.0  # x read_csv
MEMORY_TARGET = 3.0  # x the loaded table
COHORTS = ("2026-spring", "2026-summer", "2026-autumn")


def make_file(path: Path, rows: int) -> Path:
    """Three cohorts, everyone before and after: ``rows`` responses, canonical CSV."""
    import pandas as pd

    from workbook.responses.datasets import simulate

    if path.exists():
        return path
    per = rows // (2 * len(COHORTS))
    parts = [simulate(per, seed=k + 1, cohort=c, id_prefix=f"{c[-3:]}-", attrition=0.0)
             for k, c in enumerate(COHORTS)]
    pd.concat(parts, ignore_index=True).to_csv(path, index=False)
    return path


# -- what a child process measures ---------------------------------------------------------

def _child(kind: str, path: str, out: str) -> dict:
    import contextlib
    import io

    if kind == "read":
        import pandas as pd

        start = time.perf_counter()
        pd.read_csv(path)
        return {"seconds": time.perf_counter() - start}
    if kind == "table":
        from workbook.responses.io import load_responses

        return {"bytes": int(load_responses(path).memory_usage(deep=True).sum())}
    import pandas  # noqa: F401  (imported before the clock, as for the baseline)

    from workbook.cli import main

    args = ["cohort", path, "--out", out, "--by", "cohort"]
    if kind == "trace":
        import tracemalloc

        tracemalloc.start()
    if kind == "profile":
        import cProfile
        import pstats

        profile = cProfile.Profile()
        with contextlib.redirect_stdout(io.StringIO()):
            profile.runcall(main, args)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        return {}
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(args)
    seconds = time.perf_counter() - start
    result = {"seconds": seconds, "status": status}
    if kind == "trace":
        import tracemalloc

        result["peak"] = tracemalloc.get_traced_memory()[1]
    return result


def child(kind: str, path: Path, out: Path, pythonpath=None) -> dict:
    """Run one measurement in a new process (``pythonpath``: an older kit first)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(out)],
                          env=env, capture_output=True, text=True, cwd=out.parent)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    if kind == "profile":
        print(proc.stderr)
        return {}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(rows: int = 1_000_000, *, repeat: int = 2, against=None, folder=None,
        profile: bool = False) -> list:
    """Measure and print; return [(what, value, baseline, ratio, target)]."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(folder) if folder else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        path = make_file(base / f"cohorts_{rows}.csv", rows)
        print(f"{rows:,} responses, {len(COHORTS)} cohorts, pre and post: "
              f"{path.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - start:.0f} s)",
              flush=True)
        out = Path(tmp) / "out"
        if profile:
            child("profile", path, out)
            return []
        kits = {"now": None}
        if against:
            kits[f"at {against}"] = old_kit(against, Path(tmp) / "old")
        read = min(child("read", path, out)["seconds"] for _ in range(repeat + 1))
        table = child("table", path, out)["bytes"]
        print(f"read_csv {read:.2f} s; loaded table {table / 1e6:,.0f} MB", flush=True)
        results = []
        for name, pythonpath in kits.items():
            seconds = min(child("time", path, out, pythonpath)["seconds"]
                          for _ in range(repeat))
            peak = child("trace", path, out, pythonpath)["peak"]
            print(f"{name}: cohort --by cohort {seconds:.1f} s ({seconds / read:.1f}x read_csv)"
                  f", peak {peak / 1e6:,.0f} MB ({peak / table:.2f}x the table)", flush=True)
            results.append((f"cohort --by cohort, {name}", seconds, read, seconds / read,
                            TIME_TARGET))
            results.append((f"peak memory, {name}", peak / 1e6, table / 1e6, peak / table,
                            MEMORY_TARGET))
    print("\n| what | value | baseline | ratio | target |\n|---|---|---|---|---|")
    for what, value, baseline, ratio, target in results:
        unit = "MB" if "memory" in what else "s"
        fmt = ",.0f" if unit == "MB" else ".2f"
        print(f"| {what} | {value:{fmt}} {unit} | {baseline:{fmt}} {unit} | {ratio:.2f}x | "
              f"<= {target:g}x: {'met' if ratio <= target else 'NOT met'} |")
    return results


def figures(rows: int = 1_000_000, repeat: int = 2):
    """The cohort figures (for run_all.py)."""
    from figures import Figure

    return [Figure(what, value, baseline, "read_csv" if "memory" not in what else "the table",
                   target, unit="MB" if "memory" in what else "s")
            for what, value, baseline, _, target in run(rows, repeat=repeat)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(*sys.argv[2:5])))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--against", help="also measure the kit at this git revision")
    parser.add_argument("--folder", help="keep the simulated file here between runs")
    parser.add_argument("--profile", action="store_true", help="cProfile of one run")
    options = parser.parse_args()
    run(options.rows, repeat=options.repeat, against=options.against, folder=options.folder,
        profile=options.profile)
