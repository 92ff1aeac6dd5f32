"""Cost of one ``ClientStore.save`` with many sessions on file, against one session.

    python benchmarks/bench_store.py [--sessions 1000] [--repeat 30] [--long 1500]
    PYTHONPATH=/tmp/old python benchmarks/bench_store.py   # the store of another checkout

Makes two clients in a temporary workspace: one with a single session, one with N session
dates (each holding all five ingredients: items, two reflections, a tool), then times a save
of one section into a new session for each (median of ``--repeat`` saves). Target: the save
with 1,000 sessions within 5 ms; the ratio shows what the size costs.

The same saves are timed again with ``os.fsync`` skipped, to part the program's own work from
the disk's, and the disk's part is measured on its own: the fsync of one appended line (what
every save pays) and of a file the size of ``answers.json``. A save rewrites ``answers.json``
only when the journal has outgrown it, so ``--long`` saves in a row (enough to include such a
rewrite at 1,000 sessions) give the mean, the 99th percentile and the slowest. Every save
that does not rewrite it adds its line to ``answers.json.since`` (no fsync: issue 20, E11),
so the times include that write; its size is printed. Finally, one ``history()`` of the
client with N sessions, the read a page makes (median of 5).
"""

import argparse
import contextlib
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from workbook.core.instrument import load_instrument
from workbook.session.store import STATE_FILE, ClientStore


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
    """Seconds of each of ``repeat`` saves of one section into one new session."""
    times = []
    for n in range(repeat):
        answers = {"hope": session(inst, n)["hope"]}
        t0 = time.perf_counter()
        store.save(client, answers, session=dt.date.today().isoformat())  # after every filled one
        times.append(time.perf_counter() - t0)
    return times


def time_fsync(folder, size, repeat=100):
    """Median seconds of an fsync after appending a line, and after writing ``size`` bytes."""
    path = Path(folder) / "fsync-probe"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    line, big = [], []
    try:
        for _ in range(repeat):
            os.write(fd, b"x" * 300 + b"\n")
            t0 = time.perf_counter()
            os.fsync(fd)
            line.append(time.perf_counter() - t0)
        for _ in range(max(repeat // 10, 3)):
            os.ftruncate(fd, 0)
            os.write(fd, b"y" * size)
            t0 = time.perf_counter()
            os.fsync(fd)
            big.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        path.unlink()
    return statistics.median(line), statistics.median(big)


@contextlib.contextmanager
def no_fsync():
    """Skip ``os.fsync`` (for timing only: the store always syncs)."""
    real = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = real


def measure(sessions=1000, repeat=30, long=1500):
    """Every figure of the benchmark, in seconds, as a dict."""
    inst = load_instrument()
    with tempfile.TemporaryDirectory() as tmp:
        store = ClientStore(Path(tmp) / "ws")
        fill(store, "one", 1, inst)
        fill(store, "many", sessions, inst)
        out = {"size": (store.folder("many") / STATE_FILE).stat().st_size}
        out["fsync_line"], out["fsync_state"] = time_fsync(tmp, out["size"])
        out["one"] = statistics.median(time_saves(store, "one", repeat, inst))
        out["many"] = statistics.median(time_saves(store, "many", repeat, inst))
        with no_fsync():
            out["one_cpu"] = statistics.median(time_saves(store, "one", repeat, inst))
            out["many_cpu"] = statistics.median(time_saves(store, "many", repeat, inst))
        if long:
            runs = sorted(time_saves(store, "many", long, inst))
            out["long_mean"], out["long_max"] = statistics.mean(runs), runs[-1]
            out["long_p99"] = runs[int(0.99 * (len(runs) - 1))]
        side = store.folder("many") / (STATE_FILE + ".since")
        out["since"] = side.stat().st_size if side.exists() else 0
        reads = []
        for _ in range(5):
            t0 = time.perf_counter()
            store.history("many")
            reads.append(time.perf_counter() - t0)
        out["history"] = statistics.median(reads)
    return out


def figures(sessions=1000, repeat=30, long=0):
    """The store figures (for run_all.py): a save with ``sessions`` on file, against one."""
    from figures import Figure

    m = measure(sessions, repeat, long)
    return [
        Figure(f"ClientStore.save, {sessions} sessions on file", m["many"], m["one"],
               "1 session on file", 0.005, target_on="value"),
        Figure("the same, fsync skipped (the store's own work)", m["many_cpu"], m["one_cpu"],
               "1 session, fsync skipped", 0.005, target_on="value"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--long", type=int, default=1500,
                        help="saves in a row for the mean and the slowest (0: skip)")
    args = parser.parse_args()
    m = measure(args.sessions, args.repeat, args.long)
    n, ms = args.sessions, 1000
    print(f"answers.json with {n} sessions: {m['size'] / 1e6:.2f} MB; "
          f"median of {args.repeat} saves")
    print(f"fsync on this disk: {m['fsync_line'] * ms:.2f} ms after appending a line, "
          f"{m['fsync_state'] * ms:.2f} ms after writing {m['size'] / 1e6:.2f} MB")
    print(f"{'':28}{'with fsync':>12}{'fsync skipped':>15}")
    print(f"{'1 session on file':28}{m['one'] * ms:9.2f} ms{m['one_cpu'] * ms:12.2f} ms")
    print(f"{f'{n} sessions on file':28}{m['many'] * ms:9.2f} ms{m['many_cpu'] * ms:12.2f} ms")
    print(f"{f'ratio {n} / 1':28}{m['many'] / m['one']:12.2f}{m['many_cpu'] / m['one_cpu']:15.2f}")
    if args.long:
        print(f"{args.long} saves in a row, {n} sessions: mean {m['long_mean'] * ms:.2f} ms, "
              f"99th percentile {m['long_p99'] * ms:.2f} ms, slowest {m['long_max'] * ms:.2f} ms")
    print(f"history() of the client with {n} sessions: {m['history'] * ms:.1f} ms "
          f"(answers.json.since at the end: {m['since'] / 1e3:.1f} KB)")
    print(f"target: a save within 5 ms with {n} sessions: "
          f"{'met' if m['many'] <= 0.005 else 'missed'} with fsync, "
          f"{'met' if m['many_cpu'] <= 0.005 else 'missed'} without")


if __name__ == "__main__":
    main()
