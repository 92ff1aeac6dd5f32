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

``--against REV [REV ...]`` (with ``--at REV`` for a revision in place of the tree) measures
in rounds instead, each measurement in a new process (pandas imported before the clock):
a round reads the file with ``pd.read_csv`` and, back to back, with ``load_responses`` of
the tree (or ``--at``) and of the kit at each ``REV`` (``git archive`` of ``workbook/``,
first on ``PYTHONPATH``); ratios are taken within each round and medians of the rounds
printed (``--repeat`` rounds, default 3), so a machine that slows down between rounds moves
both sides.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import statistics
import subprocess
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


def _child(kind: str, path: str, skip: str) -> dict:
    """One measurement in this (new) process: ``read`` (pd.read_csv) or ``load``."""
    kwargs = {"skiprows": [1, 2]} if skip == "1" else {}
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "read":
        pd.read_csv(path, **kwargs)
    else:
        load_responses(path)
    return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def child(kind: str, path: Path, skip: bool, pythonpath=None) -> dict:
    """Run one measurement in a new process (``pythonpath``: an older kit first)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(path),
                           "1" if skip else "0"], env=env, capture_output=True, text=True,
                          cwd=Path(path).parent)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rounds(canonical_rows: int = 1_000_000, qualtrics_rows: int = 400_000, *, against=(),
           at=None, folder=None, repeat: int = 3) -> list:
    """The kits in the same rounds; return [(file, kit, wall, CPU, wall ratio, CPU ratio)]."""
    from bench_reports import old_kit

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(folder or tmp), canonical_rows, qualtrics_rows)
        kits = {f"at {rev}": old_kit(rev, Path(tmp) / f"kit-{k}")
                for k, rev in enumerate(against)}
        kits[f"at {at}" if at else "now"] = old_kit(at, Path(tmp) / "kit-at") if at else None
        for name, (path, kwargs) in files.items():
            skip = bool(kwargs)
            reads, got = [], {kit: [] for kit in kits}
            for k in range(repeat):
                reads.append(child("read", path, skip))
                line = []
                for kit, pythonpath in kits.items():
                    got[kit].append(child("load", path, skip, pythonpath))
                    mine, base = got[kit][-1], reads[-1]
                    line.append(f"{kit} {mine['seconds']:.2f} s "
                                f"({mine['seconds'] / base['seconds']:.2f}x), CPU "
                                f"{mine['cpu']:.2f} s ({mine['cpu'] / base['cpu']:.2f}x)")
                print(f"{name}, round {k + 1}: read_csv {reads[-1]['seconds']:.2f} s, CPU "
                      f"{reads[-1]['cpu']:.2f} s; " + "; ".join(line) + "; load average "
                      + "/".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
            for kit in kits:
                runs = got[kit]
                results.append((
                    name, kit,
                    statistics.median(r["seconds"] for r in runs),
                    statistics.median(r["cpu"] for r in runs),
                    statistics.median(r["seconds"] / b["seconds"] for r, b in zip(runs, reads)),
                    statistics.median(r["cpu"] / b["cpu"] for r, b in zip(runs, reads))))
            results.append((name, "read_csv", statistics.median(r["seconds"] for r in reads),
                            statistics.median(r["cpu"] for r in reads), 1.0, 1.0))
    print(f"\nmedians of {repeat} rounds; ratios taken within each round\n")
    print("| file | what | wall | CPU | wall ratio | CPU ratio |\n|---|---|---|---|---|---|")
    for name, kit, wall, cpu, ratio, ratio_cpu in results:
        print(f"| {name} | {kit} | {wall:.2f} s | {cpu:.2f} s | {ratio:.2f}x | "
              f"{ratio_cpu:.2f}x |")
    return results


def figures(canonical_rows: int = 1_000_000, qualtrics_rows: int = 400_000, repeat: int = 3):
    """The reading figures (for run_all.py), printing details as it goes."""
    from figures import Figure

    return [Figure(f"load_responses, {name} ({size:.0f} MB)", ours, base, "pandas.read_csv",
                   TARGET)
            for name, size, base, ours, _ in run(canonical_rows, qualtrics_rows, repeat=repeat)]


def _option(argv: list, name: str, many: bool = False):
    """The value(s) after ``name`` in ``argv`` (taken out of it), or None / []."""
    if name not in argv:
        return [] if many else None
    at = argv.index(name)
    end = at + 2
    if many:
        while end < len(argv) and not argv[end].startswith("--"):
            end += 1
    values = argv[at + 1:end]
    del argv[at:end]
    return values if many else values[0]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(*sys.argv[2:5])))
        sys.exit(0)
    argv = sys.argv[1:]
    folder = _option(argv, "--folder")
    against = _option(argv, "--against", many=True)
    at = _option(argv, "--at")
    repeat = int(_option(argv, "--repeat") or 3)
    sizes = [int(a) for a in argv if not a.startswith("--")][:2]
    if against or at:
        rounds(*sizes, against=against, at=at, folder=folder, repeat=repeat)
    else:
        run(*sizes, profile="--profile" in argv, folder=folder, repeat=repeat)
