"""Cohort benchmark: ``workbook cohort --by cohort`` on 1,000,000 responses (issues 12, 23).

Simulates three cohorts answering before and after (``workbook.responses.datasets.simulate``, no
attrition; 1,000,000 responses by default) and writes them as the kit's canonical CSV. Then,
each in a fresh process so that no run warms another's caches, in rounds (``--repeat``): one
round runs, back to back,

- ``pandas.read_csv(path)``: the baseline;
- ``workbook cohort PATH --out DIR --by cohort`` run in-process by the child (the imports
  the command makes, read, check, score, every table and figure written; its terminal
  output discarded; pandas imported before the clock starts, as for the baseline), for the
  working tree and for each kit at ``--against REV`` (``git archive`` of ``workbook/`` into
  a temporary folder, first on ``PYTHONPATH``); target: at most 4x the baseline;

and the ratio is taken within each round, so a machine that slows down between rounds moves
both sides. Wall and CPU seconds (``time.process_time``: every thread of the process, so a
read on two cores counts twice) are recorded; the tables give the medians. Each cohort run
also records its steps (reading, analysis, figures drawn, PNGs saved, files written). Once
per kit, the run is repeated under ``tracemalloc``: its peak against the loaded table
(``load_responses(path).memory_usage(deep=True)``); target: at most 1.5x (issue 23).

    .venv/bin/python benchmarks/bench_cohort.py                      # 1M rows, now only
    .venv/bin/python benchmarks/bench_cohort.py --against 9055018    # and the kit before
    .venv/bin/python benchmarks/bench_cohort.py --against 9055018 --at HEAD  # HEAD, not the tree
    .venv/bin/python benchmarks/bench_cohort.py --rows 100000        # a quicker run
    .venv/bin/python benchmarks/bench_cohort.py --folder /tmp/c      # keep the file
    .venv/bin/python benchmarks/bench_cohort.py --profile            # cProfile of one run

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_reports import old_kit  # the package at a past commit (one definition)

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET = 4.0  # x read_csv
MEMORY_TARGET = 1.5  # x the loaded table (issue 23; issue 12 asked for 3x)
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

#: The steps of a cohort run timed on their own: (module, name, step).
STEPS = (("workbook.cli._cohort", "load_responses", "read"),
         ("workbook.cli._cohort", "analyse", "analyse"),
         ("workbook.cohort.plots", "cohort_figures", "draw"),
         ("matplotlib.figure", "Figure.savefig", "save"),
         ("workbook.cli._cohort", "write_set", "write"))


def _time_steps(spent: dict) -> None:
    """Wrap each of :data:`STEPS` as its module is imported, so its seconds add up.

    The modules are not imported here: the command imports them when it would (some in a
    thread while it reads), so the clock still sees every import.
    """
    import importlib.abc
    import importlib.util

    def wrap(module) -> None:
        for owner_name, name, step in STEPS:
            if owner_name != module.__name__:
                continue
            *path, attr = name.split(".")
            owner = module
            for part in path:
                owner = getattr(owner, part, None)
            function = getattr(owner, attr, None) if owner is not None else None
            if function is None:  # an older kit: that step is not counted apart
                continue

            def timed(*args, _function=function, _step=step, **kwargs):
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    return _function(*args, **kwargs)
                finally:
                    done = spent.setdefault(_step, [0.0, 0.0])
                    done[0] += time.perf_counter() - wall
                    done[1] += time.process_time() - cpu

            setattr(owner, attr, timed)

    wanted = {module for module, _, _ in STEPS}

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname not in wanted:
                return None
            sys.meta_path.remove(self)
            try:
                spec = importlib.util.find_spec(fullname)
            finally:
                sys.meta_path.insert(0, self)
            if spec is None or spec.loader is None:
                return None
            run = spec.loader.exec_module

            def exec_module(module):
                run(module)
                wrap(module)

            spec.loader.exec_module = exec_module
            return spec

    for module in list(wanted):
        if module in sys.modules:
            wrap(sys.modules[module])
            wanted.discard(module)
    sys.meta_path.insert(0, Finder())


def _child(kind: str, path: str, out: str) -> dict:
    import contextlib
    import io

    if kind == "read":
        import pandas as pd

        wall, cpu = time.perf_counter(), time.process_time()
        pd.read_csv(path)
        return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
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
    spent = {}
    if kind == "time":
        _time_steps(spent)
    wall, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(args)
    result = {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
              "status": status, "steps": spent}
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


def _load() -> str:
    return "load average " + "/".join(f"{x:.1f}" for x in os.getloadavg())


def run(rows: int = 1_000_000, *, repeat: int = 3, against=(), at=None, folder=None,
        profile: bool = False, memory: bool = True) -> list:
    """Measure and print; return [(what, value, baseline, ratio, target)] (medians)."""
    if isinstance(against, str):
        against = [against]
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
        kits = {f"at {rev}": old_kit(rev, Path(tmp) / f"kit-{k}")
                for k, rev in enumerate(against)}
        kits[f"at {at}" if at else "now"] = old_kit(at, Path(tmp) / "kit-at") if at else None
        rounds = {name: [] for name in kits}
        reads = []
        for k in range(repeat):
            read = child("read", path, out)
            reads.append(read)
            for name, pythonpath in kits.items():
                got = child("time", path, out, pythonpath)
                rounds[name].append(got)
                print(f"round {k + 1}, {name}: {got['seconds']:.1f} s wall, {got['cpu']:.1f} s "
                      f"CPU; read_csv {read['seconds']:.2f} s wall, {read['cpu']:.2f} s CPU "
                      f"({got['seconds'] / read['seconds']:.1f}x, CPU "
                      f"{got['cpu'] / read['cpu']:.1f}x); {_load()}", flush=True)
        table = child("table", path, out)["bytes"] if memory else 0
        results = []
        read = statistics.median(r["seconds"] for r in reads)
        read_cpu = statistics.median(r["cpu"] for r in reads)
        steps = {}
        for name, pythonpath in kits.items():
            runs = rounds[name]
            wall = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            ratio = statistics.median(r["seconds"] / b["seconds"] for r, b in zip(runs, reads))
            ratio_cpu = statistics.median(r["cpu"] / b["cpu"] for r, b in zip(runs, reads))
            results.append((f"cohort --by cohort, {name}, wall", wall, read, ratio,
                            TIME_TARGET))
            results.append((f"cohort --by cohort, {name}, CPU", cpu, read_cpu, ratio_cpu,
                            None))
            steps[name] = {step: [statistics.median(r["steps"].get(step, [0, 0])[j]
                                                    for r in runs) for j in (0, 1)]
                           for step in dict.fromkeys(s for r in runs for s in r["steps"])}
            if memory:
                peak = child("trace", path, out, pythonpath)["peak"]
                print(f"{name}: peak {peak / 1e6:,.0f} MB ({peak / table:.2f}x the table, "
                      f"{table / 1e6:,.0f} MB)", flush=True)
                results.append((f"peak memory, {name}", peak / 1e6, table / 1e6, peak / table,
                                MEMORY_TARGET))
    print(f"\nmedians of {repeat} rounds; ratios taken within each round\n")
    print("| what | value | baseline (read_csv; the table) | ratio | target |\n"
          "|---|---|---|---|---|")
    for what, value, baseline, ratio, target in results:
        unit = "MB" if "memory" in what else "s"
        fmt = ",.0f" if unit == "MB" else ".2f"
        verdict = "" if target is None else \
            f"<= {target:g}x: {'met' if ratio <= target else 'NOT met'}"
        print(f"| {what} | {value:{fmt}} {unit} | {baseline:{fmt}} {unit} | {ratio:.2f}x | "
              f"{verdict} |")
    names = list(steps)
    print("\nsteps of a run, wall / CPU seconds (medians; imports run beside the read)\n")
    print("| step | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for step in dict.fromkeys(s for _, _, s in STEPS):
        cells = [f"{steps[n][step][0]:.2f} / {steps[n][step][1]:.2f}" if step in steps[n]
                 else "-" for n in names]
        print(f"| {step} | " + " | ".join(cells) + " |")
    return results


def figures(rows: int = 1_000_000, repeat: int = 3):
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
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are given)")
    parser.add_argument("--against", nargs="*", default=[],
                        help="also measure the kit at these git revisions, in the same rounds")
    parser.add_argument("--at", help="measure the kit at this revision instead of the tree")
    parser.add_argument("--folder", help="keep the simulated file here between runs")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--profile", action="store_true", help="cProfile of one run")
    options = parser.parse_args()
    run(options.rows, repeat=options.repeat, against=options.against, at=options.at,
        folder=options.folder, profile=options.profile, memory=not options.no_memory)
