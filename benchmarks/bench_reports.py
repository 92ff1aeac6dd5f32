"""Benchmark: personal reports from the bundled sample, as a user runs them (issue 12).

Prints three figures, each from the command line a user types, in a fresh output folder:

- the fixed cost of any ``workbook report`` run: a one-report run
  (``workbook report participants SAMPLE --out X --participant ID --jobs 1``), best of three;
- the marginal time of a personal report in a batch of all 124 (``--jobs 2``):
  ``(whole batch - one-report run) / 123``;
- ``workbook demo --out X`` cold (a new folder: every report made).

and the same figures for the kit as it was at ``--against REV`` (default ``822df2d``, before
the reports were made fast; extracted with ``git archive`` and put first on ``PYTHONPATH``,
so both run in this same session on this same machine), with their ratios. ``--plain N``
also makes N reports the plain way, one after another: the papermill CLI (a kernel each)
and ``jupyter nbconvert --to html --no-input``, and compares seconds per report.

Targets: at most 0.2 s a report in the batch, at most 3 s fixed cost, demo within 25 s.

    .venv/bin/python benchmarks/bench_reports.py                 # new and old, about 3 min
    .venv/bin/python benchmarks/bench_reports.py --against none  # the kit as it is, only
    .venv/bin/python benchmarks/bench_reports.py --plain 4       # and the plain way
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"
TARGETS = {"marginal": 0.2, "fixed": 3.0, "demo": 25.0}


def timed(cmd, *, cwd, pythonpath=None) -> float:
    """Wall time of one command; raise if it fails."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    start = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr[-2000:]}")
    return seconds


def kit(work: Path, pythonpath=None, repeat: int = 3) -> dict:
    """The three figures for one version of the kit (``pythonpath`` None: this checkout)."""
    wb = [sys.executable, "-m", "workbook"]
    n = 0

    def fresh() -> Path:
        nonlocal n
        n += 1
        return work / f"out{n}"

    one = min(
        timed(wb + ["report", "participants", SAMPLE, "--out", fresh(), "--participant",
                    "SPR-001", "--jobs", "1"], cwd=work, pythonpath=pythonpath)
        for _ in range(repeat)
    )
    out = fresh()
    batch = timed(wb + ["report", "participants", SAMPLE, "--out", out, "--jobs", "2"],
                  cwd=work, pythonpath=pythonpath)
    count = len(list((out / "participants").glob("*.html")))
    demo = timed(wb + ["demo", "--out", fresh()], cwd=work, pythonpath=pythonpath)
    return {"fixed": one, "batch": batch, "count": count,
            "marginal": (batch - one) / max(count - 1, 1), "demo": demo}


def old_kit(rev: str, into: Path) -> Path:
    """The package as it was at ``rev``, extracted into ``into`` (nothing else is touched)."""
    data = subprocess.run(["git", "archive", rev, "workbook"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def plain(n: int, work: Path) -> float:
    """Seconds per report, the plain way: papermill CLI then nbconvert, one by one."""
    template = ROOT / "notebooks" / "reports" / "participant-report.ipynb"
    ids = [f"SPR-{k:03d}" for k in range(1, n + 1)]
    start = time.perf_counter()
    for pid in ids:
        executed = work / f"{pid}.ipynb"
        timed([sys.executable, "-m", "papermill", template, executed, "-p", "data", SAMPLE,
               "-p", "participant_id", pid, "-k", "python3", "--no-progress-bar"], cwd=work)
        timed([sys.executable, "-m", "nbconvert", "--to", "html", "--no-input", executed],
              cwd=work)
    return (time.perf_counter() - start) / n


def measure(against: str | None = "822df2d", plain_reports: int = 0, repeat: int = 3) -> list:
    """Rows of (what, seconds now, seconds then or None, target or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "new").mkdir()
        now = kit(tmp / "new", repeat=repeat)
        then = None
        if against:
            (tmp / "old").mkdir()
            then = kit(tmp / "old", old_kit(against, tmp / "kit"), repeat=repeat)
        base = None
        if plain_reports:
            (tmp / "plain").mkdir()
            base = plain(plain_reports, tmp / "plain")
    rows = [
        (f"personal report, marginal in a batch of {now['count']} (--jobs 2)",
         now["marginal"], then and then["marginal"], TARGETS["marginal"]),
        ("fixed cost: a one-report run", now["fixed"], then and then["fixed"],
         TARGETS["fixed"]),
        (f"whole batch of {now['count']}", now["batch"], then and then["batch"], None),
        ("workbook demo, cold", now["demo"], then and then["demo"], TARGETS["demo"]),
    ]
    if base is not None:
        rows.append((f"plain papermill + nbconvert, per report ({plain_reports})", base,
                     None, None))
        rows.append(("  ratio plain / marginal", base / now["marginal"], None, None))
    return rows


def figures(against: str | None = None, repeat: int = 2) -> list:
    """The report figures as ``figures.Figure`` rows (for run_all.py).

    Against the kit at ``against`` when given; otherwise each figure against the issue's
    target in seconds (the baseline column then shows the time of one report's own work).
    """
    from figures import Figure

    rows = measure(against=against, repeat=repeat)
    out = []
    for what, now, then, target in rows:
        if then:
            out.append(Figure(what, now, then, f"kit at {against}", None))
        else:
            out.append(Figure(what, now, target or now, "target" if target else "itself",
                              target, target_on="value"))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="822df2d",
                        help="git revision of the old kit to compare with, or 'none'")
    parser.add_argument("--plain", type=int, default=0, metavar="N",
                        help="also make N reports with the papermill CLI and nbconvert")
    parser.add_argument("--repeat", type=int, default=3, help="one-report runs (best of)")
    args = parser.parse_args(argv)
    against = None if args.against.lower() == "none" else args.against
    rows = measure(against, args.plain, args.repeat)
    then_label = f"kit at {against}" if against else ""
    print(f"{'what':<52} {'now':>8} {then_label:>16} {'ratio':>7}  target")
    for what, now, then, target in rows:
        ratio = f"{then / now:6.1f}x" if then else ""
        old = f"{then:7.2f} s" if then else ""
        unit = "x" if what.strip().startswith("ratio") else "s"
        goal = ""
        if target is not None:
            goal = f"<= {target:g} s: {'met' if now <= target else 'NOT met'}"
        print(f"{what:<52} {now:6.2f} {unit} {old:>16} {ratio:>7}  {goal}")


if __name__ == "__main__":
    main()
