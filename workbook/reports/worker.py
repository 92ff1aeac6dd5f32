"""Report worker processes: their entry point, and the pool that hands them jobs.

Each worker is a fresh Python started with :data:`sys.executable` that imports this module
by name and nothing of the caller: not its ``__main__`` (so a plain script without an
``if __name__ == "__main__":`` guard works, unlike with :mod:`multiprocessing`'s ``spawn``),
not its variables, not its data. This module knows nothing of reports: the pool is given
the two functions a worker runs, its warm-up and its work on one job (those of
:mod:`workbook.reports.runner`), and sends them to each worker first, by reference (a
pickled function names its module and is imported there). The worker pays the imports
once (the warm-up), then makes one report per job it is sent (the work: each in a forked
child of its own).

Jobs and outcomes travel over the worker's stdin and stdout as length-prefixed pickles; the
worker points its own file descriptor 1 at stderr, so nothing a report prints can garble
the channel. A worker that dies fails the job it held and is replaced for the next.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading

_HEADER = struct.Struct(">Q")
#: Started by :class:`Pool`: take the caller's ``sys.path``, then run :func:`main`.
_BOOT = "import sys; sys.path[:] = sys.argv[1:]; from workbook.reports.worker import main; main()"


def send(stream, obj) -> None:
    """Write one object to a binary stream as a length-prefixed pickle."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream):
    """Read one object written by :func:`send`; raise :class:`EOFError` at the end."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the channel closed")
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the channel closed mid-message")
    return pickle.loads(data)


def defer_iri_grammar() -> None:
    """Build jsonschema's IRI grammar only if an IRI is ever checked (never, for a report).

    ``import nbformat`` imports :mod:`jsonschema`, whose format checkers import
    ``rfc3987_syntax`` at once; that module compiles a Lark grammar on import, 1-2 s of a
    worker's start. nbformat validates notebooks with fastjsonschema and checks no IRI. This
    puts a stand-in module in its place whose ``is_valid_syntax`` imports the real one on
    first use, so jsonschema behaves exactly as before, minus the wait. Nothing is changed if
    the package is not installed or is already imported.
    """
    import importlib
    import importlib.util
    import types

    name = "rfc3987_syntax"
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = types.ModuleType(name)

    def is_valid_syntax(*args, **kwargs):
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name).is_valid_syntax(*args, **kwargs)

    stand_in.is_valid_syntax = is_valid_syntax
    stand_in.__deferred__ = True
    sys.modules[name] = stand_in


def main() -> None:
    """A worker's life: warm up, then ``(job, timeout)`` in, its outcome out, until EOF.

    The first message is ``(warm_up, work, isolation, kinds)``: ``warm_up(isolation,
    kinds)`` runs once, then ``work(job, isolation, timeout)`` once per job.
    """
    defer_iri_grammar()
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints (ours, a report's, a library's) go to stderr
    requests = sys.stdin.buffer
    try:
        warm_up, work, isolation, kinds = receive(requests)
        warm_up(isolation, kinds)
        while True:
            try:
                job, timeout = receive(requests)
            except EOFError:  # the run is over: leave at once, nothing is left to save
                sys.stderr.flush()
                os._exit(0)
            send(channel, work(job, isolation, timeout))
            del job  # nothing of this report stays in the worker for the next child
    except (KeyboardInterrupt, BrokenPipeError):  # the run was stopped: leave quietly
        os._exit(1)


class _Process:
    """One worker process and its two pipes."""

    def __init__(self, isolation: str, kinds, warm_up, work):
        executable = sys.executable or "python3"
        self.proc = subprocess.Popen(
            [executable, "-c", _BOOT, *[p for p in sys.path if isinstance(p, str)]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        send(self.proc.stdin, (warm_up, work, isolation, tuple(kinds)))

    def run(self, job, timeout: float):
        send(self.proc.stdin, (job, timeout))
        return receive(self.proc.stdout)

    def close(self, *, kill: bool = False) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if kill:
            self.proc.kill()
        self.proc.wait()


class Pool:
    """``workers`` worker processes, fed from one queue by a thread each.

    Parameters
    ----------
    workers : int
    isolation : {"fork", "kernel"}
    failed : callable
        ``failed(job, reason)`` -> the outcome of a job whose worker stopped.
    kinds : tuple of str
        The kinds of report the jobs make (what a worker prepares for).
    warm_up, work : callable
        What each worker runs: ``warm_up(isolation, kinds)`` once, then ``work(job,
        isolation, timeout)`` -> the job's outcome, once per job. Both are sent to the
        worker pickled, so they must be functions of a module (or a
        :func:`functools.partial` of one).
    """

    def __init__(self, workers: int, isolation: str, failed, kinds=("participant", "cohort"),
                 *, warm_up, work):
        self.workers, self.isolation, self.failed = workers, isolation, failed
        self.kinds = tuple(kinds)
        self.warm_up, self.work = warm_up, work
        self._idle: list = []  # started by prestart, not yet serving
        self._processes: list = []
        self._lock = threading.Lock()
        self._stopping = False

    def prestart(self, count: int = 1) -> Pool:
        """Start ``count`` workers now: they warm up while the caller still prepares the jobs.

        :meth:`run` uses them first; :meth:`close` stops any that were never used.
        """
        with self._lock:
            while len(self._idle) < count and not self._stopping:
                self._idle.append(self._new())
        return self

    def close(self) -> None:
        """Stop the workers started ahead that no run used (safe to call more than once)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for process in idle:
            process.close(kill=True)

    def run(self, jobs, timeout: float):
        """Yield ``(index, outcome)`` for each job as it completes."""
        todo, done = queue.Queue(), queue.Queue()
        for item in enumerate(jobs):
            todo.put(item)
        threads = [threading.Thread(target=self._serve, args=(todo, done, timeout), daemon=True)
                   for _ in range(self.workers)]
        finished = False
        try:
            for thread in threads:
                thread.start()
            for _ in range(len(jobs)):
                yield done.get()
            finished = True
        finally:
            if finished:  # every worker closes its own process once the queue is empty
                for thread in threads:
                    thread.join()
            with self._lock:  # interrupted: stop the workers at once and start no more
                self._stopping = True
                processes, self._processes = self._processes, []
            for process in processes:
                process.close(kill=True)
            for thread in threads:
                thread.join()
            self.close()

    def _new(self) -> _Process:
        return _Process(self.isolation, self.kinds, self.warm_up, self.work)

    def _start(self):
        with self._lock:
            if self._stopping:
                raise RuntimeError("the run was stopped")
            process = self._idle.pop() if self._idle else self._new()
            self._processes.append(process)
        return process

    def _serve(self, todo, done, timeout: float) -> None:
        process = None
        while not self._stopping:
            try:
                index, job = todo.get_nowait()
            except queue.Empty:
                break
            try:
                process = process or self._start()
                outcome = process.run(job, timeout)
            except Exception as exc:  # noqa: BLE001 - a dead worker fails its job, not the run
                outcome = self.failed(job, f"{type(exc).__name__}: {exc}")
                if process is not None:
                    process.close(kill=True)
                process = None
            done.put((index, outcome))
        if process is not None:
            with self._lock:
                if process in self._processes:
                    self._processes.remove(process)
            process.close()
