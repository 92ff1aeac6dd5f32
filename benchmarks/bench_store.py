"""Cost of one ``ClientStore.save`` with many sessions on file, against one session.

    python benchmarks/bench_store.py [--sessions 1000] [--repeat 30]

Makes two clients in a temporary workspace: one with a single session, one with N session
dates (each holding all five ingredients: items, two reflections, a tool), then times a save
of one section into a new session for each (median of the repeats; every save re-reads the
state under the lock, appends to the journal and rewrites ``answers.json``, both fsynced).
Target: the save with 1,000 sessions within 5 ms; the ratio shows what the size costs.
The same saves are timed again with ``os.fsync`` skipped, to part the program's own work
from the disk's (two fsyncs a save: the journal line and the new state file).
"""

import argparse
import contextlib
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from workbook.instrument import load_instrument
from workbook.store import STATE_FILE, ClientStore


def session(inst, n):
    """One session's answers: every ingredient's items, two reflections, a note."""
    return {ing.id: {"items": {item.id: 1 + (n + k) % 5 for k, item in enumerate(ing.items)},
                     "reflections": [f"a thought of about this length, number {n}"] * 2,
                     "tool": {"note": "a short note written during the session"}}
            for ing in inst.ingredients}


def fill(store, client, count, inst):
    start = dt.date(2020, 1, 1)
    for n in range(count):
        store.save(client, session(inst, n), session=start + dt.timedelta(days=n))


def time_saves(store, client, repeat, inst):
    times = []
    for n in range(repeat):
        answers = {"hope": session(inst, n)["hope"]}
        t0 = time.perf_counter()
        store.save(client, answers, session="2030-01-01")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


@contextlib.contextmanager
def no_fsync():
    """Skip ``os.fsync`` (for timing only: the store always syncs)."""
    real = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = real


def measure(sessions=1000, repeat=30):
    """Median save times (seconds): 1 and ``sessions`` on file, with and without fsync."""
    inst = load_instrument()
    with tempfile.TemporaryDirectory() as tmp:
        store = ClientStore(Path(tmp) / "ws")
        fill(store, "one", 1, inst)
        fill(store, "many", sessions, inst)
        size = (store.folder("many") / STATE_FILE).stat().st_size
        one = time_saves(store, "one", repeat, inst)
        many = time_saves(store, "many", repeat, inst)
        with no_fsync():
            one_cpu = time_saves(store, "one", repeat, inst)
            many_cpu = time_saves(store, "many", repeat, inst)
    return size, one, many, one_cpu, many_cpu


def figures(sessions=1000, repeat=30):
    """The store figures (for run_all.py): a save with ``sessions`` on file, against one."""
    from figures import Figure

    _, one, many, one_cpu, many_cpu = measure(sessions, repeat)
    return [
        Figure(f"ClientStore.save, {sessions} sessions on file", many, one,
               "1 session on file", 0.005, target_on="value"),
        Figure("the same, fsync skipped (the store's own work)", many_cpu, one_cpu,
               "1 session, fsync skipped", 0.005, target_on="value"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    size, one, many, one_cpu, many_cpu = measure(args.sessions, args.repeat)
    n = args.sessions
    print(f"answers.json with {n} sessions: {size / 1e6:.2f} MB; median of {args.repeat} saves")
    print(f"{'':28}{'with fsync':>12}{'fsync skipped':>15}")
    print(f"{'1 session on file':28}{one * 1000:9.2f} ms{one_cpu * 1000:12.2f} ms")
    print(f"{f'{n} sessions on file':28}{many * 1000:9.2f} ms{many_cpu * 1000:12.2f} ms")
    print(f"{f'ratio {n} / 1':28}{many / one:12.2f}{many_cpu / one_cpu:15.2f}")
    print(f"target: a save within 5 ms with {n} sessions: "
          f"{'met' if many <= 0.005 else 'missed'} with fsync, "
          f"{'met' if many_cpu <= 0.005 else 'missed'} without")


if __name__ == "__main__":
    main()
