"""The session app in a browser: opening it, moving between pages, and the server's memory.

    python benchmarks/bench_session.py [--moves 50] [--opens 5] [--old-moves 50]

Starts ``workbook coach CLIENT`` (the one-page session app, Voila) on a temporary workspace
and, in the same run, the app as it was before issue 13: the per-ingredient notebooks
(``01-hope.ipynb`` ... ``06-readiness-profile.ipynb``) served by plain Voila, each page its
own notebook and kernel (``voila --no-browser --port P --Voila.ip=127.0.0.1
--Voila.root_dir=NOTEBOOKS``; a move is opening the next notebook). Playwright drives Debian's
Chromium (``/usr/bin/chromium``, headless), which resolves no host but 127.0.0.1, so a page
asking the internet for something (the old page's Font Awesome) is refused at once.

Measured for each, on loopback:

- **open**: seconds from asking for the page until the first statement's "Agree" can be
  chosen (visible). The first open of a fresh server is shown apart (cold); the figure with
  the target is the median of ``--opens`` later ones (warm server), each once the server is
  quiet (the last tab's kernel ended, Voila's pool of preheated kernels refilled), and each
  followed by a reopen at once (a reload before the pool is refilled). Target: at most 3 s.
- **move**: seconds from clicking Next until the next ingredient's first statement is on the
  screen (measured inside the page: the click, the kernel's answer, the page drawn), between
  ingredients. Pages shown for the first time (built) and pages seen before are medians of
  their own. Target: at most 0.3 s. For the old app, loading the next notebook.
- **memory**: the resident memory (RSS) of the server and all its processes (its kernels),
  summed (psutil, else ``/proc``), once it stops moving: after the first page (the new app's
  pool refilled beside it), after ``--moves`` page moves (to the profile and back, five pages
  each way), and after closing the tab and waiting for its kernel to end (at most the cull
  time, :data:`workbook.session.coach.CULL_IDLE_S` plus one cull interval, from the close). Target:
  after closing, within 10% of the first page's.

Sums of RSS count pages shared between processes once per process; kernels are counted too.
It takes about ten minutes (most of it the old app's page loads), so it runs alone, not in
``run_all.py``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

from figures import Figure

from workbook.session.coach import CULL_IDLE_S, CULL_INTERVAL_S, POOL_SIZE

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
CLIENT = "bench-client"
OPEN_TARGET_S = 3.0
MOVE_TARGET_S = 0.3
MEMORY_TARGET = 1.10
#: A guard against a hang (not a measurement).
GUARD_S = 300
OLD_PAGES = {"hope": "01-hope.ipynb", "time": "02-time.ipynb", "energy": "03-energy.ipynb",
             "self_esteem": "04-self-esteem.ipynb", "ambition": "05-ambition.ipynb",
             "profile": "06-readiness-profile.ipynb"}

# Inside the page: click, then wait until the wanted element is on the screen and painted.
MOVE_JS = """async ([click, sel, text]) => {
  const shown = () => [...document.querySelectorAll(sel)].some(
    e => e.offsetParent !== null && (!text || e.textContent.includes(text)));
  const t0 = performance.now();
  document.querySelector(click).click();
  await new Promise(done => {
    if (shown()) return done();
    const seen = new MutationObserver(() => { if (shown()) { seen.disconnect(); done(); } });
    seen.observe(document.body, {childList: true, subtree: true, attributes: true});
  });
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return (performance.now() - t0) / 1000;
}"""


# -- processes and memory -------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_children(pid: int) -> list:
    """Every descendant of ``pid``, read from /proc (without psutil)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _proc_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def server_memory(pid: int) -> tuple:
    """(MB of RSS summed over the server and its descendants, kernels among them)."""
    try:
        import psutil
    except ImportError:
        pids = [pid, *_proc_children(pid)]
        return sum(_proc_rss(p) for p in pids) / 1e6, sum(_is_kernel(p) for p in pids[1:])
    root = psutil.Process(pid)
    total, kernels = root.memory_info().rss, 0
    for child in root.children(recursive=True):
        try:
            total += child.memory_info().rss
            kernels += "ipykernel" in " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            continue
    return total / 1e6, kernels


class Server:
    """A server started in its own process group, stopped (the whole group) afterwards."""

    def __init__(self, cmd, env, log_path, url=None):
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.url = url or self._printed_url()
        self._wait_up()

    def _printed_url(self) -> str:
        deadline = time.monotonic() + GUARD_S
        while time.monotonic() < deadline:
            for line in self.log_path.read_text(errors="replace").splitlines():
                if line.startswith("Open http"):
                    return line.split(" ", 1)[1].strip()
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"no address printed; see {self.log_path}")

    def _wait_up(self) -> None:
        deadline = time.monotonic() + GUARD_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url.split("/voila/")[0] + "/", timeout=5):
                    return
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server never answered; see {self.log_path}")

    def memory(self) -> tuple:
        return server_memory(self.proc.pid)

    def settle(self, kernels=None, timeout=90.0) -> tuple:
        """Wait for ``kernels`` kernels (if given), then for the memory to stop moving.

        Returns (seconds waited, MB, kernels): the memory once two readings 2 s apart are
        within 1% (or ``timeout`` has passed).
        """
        start = time.monotonic()
        while kernels is not None and time.monotonic() - start < timeout:
            if self.memory()[1] == kernels:
                break
            time.sleep(0.5)
        waited = time.monotonic() - start
        before = now = self.memory()
        while time.monotonic() - start < waited + timeout:
            time.sleep(2)
            now = self.memory()
            if abs(now[0] - before[0]) <= 0.01 * before[0]:
                break
            before = now
        return (waited, *now)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group this script started
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()


def jupyter_env(base: Path, workspace: Path) -> dict:
    """The environment of both servers: the workspace, Jupyter's folders kept in ``base``."""
    env = dict(os.environ, WORKBOOK_HOME=str(workspace), MPLBACKEND="Agg")
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR"):
        env[key] = str(base / key.lower())
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    return env


# -- the two apps ---------------------------------------------------------------------------
class App:
    """One way of serving the session: how to open it and how to move between its pages."""

    name = ""
    #: Kernels the server keeps with no page open (Voila's preheated pool).
    kept = 0
    #: Whether a closed tab's kernel ends (the old app's never did: its shutdown was refused).
    ends_kernels = True

    def __init__(self, server, instrument):
        self.server, self.inst = server, instrument
        self.first = {i.id: i.items[0].text for i in instrument.ingredients}

    def choice(self, page, key):
        """The element that says page ``key`` is ready: "Agree" of its first statement."""
        if key == "profile":
            return page.locator(".wb-verdict").first
        return (page.locator(".wb-scale").filter(has_text=self.first[key])
                .locator("[role=radio]").nth(3))

    def open(self, page, key="hope") -> float:
        start = time.perf_counter()
        page.goto(self.url(key), wait_until="commit", timeout=GUARD_S * 1000)
        self.choice(page, key).wait_for(state="visible", timeout=GUARD_S * 1000)
        return time.perf_counter() - start


class NewApp(App):
    name = "one-page app"
    kept = POOL_SIZE

    def url(self, key="hope"):
        return self.server.url  # opens the client named in it, at the first ingredient

    def move(self, page, key, forward) -> float:
        click = "button.wb-next" if forward else "button.wb-back"
        if key == "profile":
            return page.evaluate(MOVE_JS, [click, ".wb-verdict", ""])
        return page.evaluate(MOVE_JS, [click, ".wb-scale-statement", self.first[key]])


class OldApp(App):
    name = "notebook per page"
    ends_kernels = False

    def url(self, key="hope"):
        return f"{self.server.url}/voila/render/{OLD_PAGES[key]}"

    def move(self, page, key, forward) -> float:
        return self.open(page, key)


def moves(count: int, keys: list) -> list:
    """(page key, forward) for ``count`` moves from the first page: to the last and back."""
    there = [(k, True) for k in keys[1:]]
    back = [(k, False) for k in reversed(keys[:-1])]
    cycle = there + back
    return [cycle[n % len(cycle)] for n in range(count)]


def walk(app, context, n_moves) -> dict:
    """Open the app, move ``n_moves`` times, close the tab; times and memory on the way."""
    keys = [i.id for i in app.inst.ingredients] + ["profile"]
    page = context.new_page()
    out = {"cold_open": app.open(page), "first_visit": [], "seen": []}
    out["mem_first"] = app.server.settle(app.kept + 1)[1:]  # the page's kernel, and the pool's
    visited, at = {"hope"}, "hope"
    for key, forward in moves(n_moves, keys):
        seconds = app.move(page, key, forward)
        if forward and at != "profile" and key != "profile":  # Next, ingredient to ingredient
            out["first_visit" if key not in visited else "seen"].append(seconds)
        visited.add(key)
        at = key
    out["mem_moves"] = app.server.settle()[1:]
    page.close(run_before_unload=True)
    out["closed_at"] = time.monotonic()
    return out


def after_close(app, walked, wait_s) -> None:
    """Wait for the closed tab's kernel to end (at most ``wait_s`` from the close), then weigh."""
    left = max(wait_s - (time.monotonic() - walked["closed_at"]), 0)
    waited, *walked["mem_closed"] = app.server.settle(app.kept, timeout=left)
    walked["ended"] = walked["mem_closed"][1] == app.kept
    walked["ended_after"] = time.monotonic() - walked["closed_at"]


def warm_opens(app, context, n, report=None) -> tuple:
    """``n`` opens of the warm server, each in a new tab closed afterwards, and as many
    reopened at once (a reload: Voila's pool is refilled only some seconds after use)."""
    times, again = [], []
    for _ in range(n):
        # the last tab's kernel gone, the pool full
        app.server.settle(app.kept if app.ends_kernels else None, timeout=60)
        for into in (times, again):
            page = context.new_page()
            into.append(app.open(page))
            page.close(run_before_unload=True)
        if report:
            report(f"  {app.name}: open in {times[-1]:.2f} s, at once again in {again[-1]:.2f} s")
    return times, again


# -- the run --------------------------------------------------------------------------------
def versions(browser) -> str:
    names = ["voila", "ipywidgets", "anywidget", "jupyter_server", "ipykernel", "playwright"]
    have = []
    for name in names:
        try:
            have.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return (f"Python {platform.python_version()}, Chromium {browser.version}, "
            + ", ".join(have))


def figures(moves_n=50, opens=5, old_moves=50, keep=None, wait=None, report=print):
    """Run both apps and return their figures (new app's value, old app's as baseline)."""
    from playwright.sync_api import sync_playwright

    from workbook.core.instrument import load_instrument
    from workbook.session.store import ClientStore

    inst = load_instrument()
    wait_s = CULL_IDLE_S + CULL_INTERVAL_S + 15 if wait is None else wait
    base = Path(keep or tempfile.mkdtemp(prefix="bench-session-"))
    notebooks = base / "old-notebooks"
    notebooks.mkdir(parents=True, exist_ok=True)
    for name in OLD_PAGES.values():
        shutil.copy(ROOT / "notebooks" / name, notebooks / name)
    new_ws, old_ws = base / "new-workspace", base / "old-workspace"
    ClientStore(old_ws).set_current(CLIENT)  # the old pages open the client last opened

    port = free_port()
    new = Server([str(BIN / "workbook"), "coach", CLIENT, "--workspace", str(new_ws),
                  "--port", str(port)], jupyter_env(base / "jupyter-new", new_ws),
                 base / "new.log")
    port = free_port()
    old = Server([str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                  f"--Voila.root_dir={notebooks}"], jupyter_env(base / "jupyter-old", old_ws),
                 base / "old.log", url=f"http://127.0.0.1:{port}")
    report(f"servers up; logs and workspaces in {base}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_FLAGS)
            report(versions(browser))
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            apps = {"old": OldApp(old, inst), "new": NewApp(new, inst)}
            walked = {}
            for key in ("old", "new"):
                n = old_moves if key == "old" else moves_n
                report(f"{apps[key].name}: open, {n} moves, close ...")
                walked[key] = walk(apps[key], context, n)
            for key in ("new", "old"):
                after_close(apps[key], walked[key], wait_s)
            report(f"warm opens, {opens} each ...")
            opened = {"new": [], "old": []}
            again = {"new": [], "old": []}
            for _ in range(opens):  # alternate, so both see the same machine
                for key in ("new", "old"):
                    first, second = warm_opens(apps[key], context, 1, report)
                    opened[key] += first
                    again[key] += second
            browser.close()
    finally:
        new.stop()
        old.stop()
    for key in ("new", "old"):
        w = walked[key]
        report(f"{apps[key].name}: after closing the tab, {w['mem_closed'][1]} kernel(s) at "
               f"{w['ended_after']:.0f} s (waited at most {wait_s:.0f} s; kept with no page: "
               f"{apps[key].kept}); Next between ingredients: first visits "
               + ", ".join(f"{t:.2f}" for t in w["first_visit"]) + "; seen before "
               + ", ".join(f"{t:.2f}" for t in w["seen"]))
    return rows(walked, opened, again, moves_n, old_moves, opens)


def rows(walked, opened, again, moves_n, old_moves, opens) -> list:
    new, old = walked["new"], walked["old"]

    def med(values):
        return statistics.median(values) if values else float("nan")

    def share(w):
        return w["mem_closed"][0] / w["mem_first"][0]

    moved = f"{moves_n} moves" + ("" if old_moves == moves_n else f" (old: {old_moves})")
    return [
        Figure(f"open until an answer can be chosen, warm (median of {opens})",
               med(opened["new"]), med(opened["old"]), "old", OPEN_TARGET_S, target_on="value"),
        Figure(f"the same, reopened at once (median of {opens})", med(again["new"]),
               med(again["old"]), "old", OPEN_TARGET_S, target_on="value"),
        Figure("first open, cold server", new["cold_open"], old["cold_open"], "old"),
        Figure(f"Next to the next ingredient, page seen before (median of {len(new['seen'])})",
               med(new["seen"]), med(old["seen"]), "old", MOVE_TARGET_S, target_on="value"),
        Figure(f"Next to the next ingredient, first visit (median of {len(new['first_visit'])})",
               med(new["first_visit"]), med(old["first_visit"]), "old", MOVE_TARGET_S,
               target_on="value"),
        Figure("memory after the first page", new["mem_first"][0], old["mem_first"][0], "old",
               unit="MB"),
        Figure(f"memory after {moved}", new["mem_moves"][0], old["mem_moves"][0], "old",
               unit="MB"),
        Figure("memory after closing the tab", new["mem_closed"][0], old["mem_closed"][0],
               "old", unit="MB"),
        Figure("memory after closing / first page's", share(new), share(old), "old",
               MEMORY_TARGET, unit="x", target_on="value"),
        Figure(f"kernels running after {moved}", new["mem_moves"][1], old["mem_moves"][1],
               "old", unit="kernels"),
        Figure("kernels running after closing the tab", new["mem_closed"][1],
               old["mem_closed"][1], "old", unit="kernels"),
    ]


def session_table(rows_) -> str:
    """figure | new | old | ratio | target | met?"""
    def num(value, unit):
        if value != value:  # nan
            return "n/a"
        text = f"{value:,.0f}" if unit in ("MB", "kernels") else f"{value:.3g}"
        return f"{text} {unit}" if unit != "x" else f"{text}x"

    lines = ["| figure | new | old | ratio | target | met? |", "|---|---|---|---|---|---|"]
    for r in rows_:
        target = "" if r.target is None else (
            f"<= {r.target:g}{'x' if r.unit == 'x' else ' ' + r.unit}")
        met = "" if r.met is None else ("met" if r.met else "NOT met")
        ratio = f"{r.ratio:.2f}x" if r.baseline else "n/a"
        lines.append(f"| {r.what} | {num(r.value, r.unit)} | {num(r.baseline, r.unit)} | "
                     f"{ratio} | {target} | {met} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50, help="page moves in the new app")
    parser.add_argument("--old-moves", type=int, default=50, help="page moves in the old app")
    parser.add_argument("--opens", type=int, default=5, help="warm opens of each")
    parser.add_argument("--keep", metavar="DIR", help="keep logs and workspaces in DIR")
    parser.add_argument("--wait", type=float, metavar="S", help="longest wait for a closed "
                        "tab's kernel to end (default: the cull time and one interval, +15 s)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set WORKBOOK_CHROMIUM")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{datetime.date.today()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load:.1f}", flush=True)
    started = time.perf_counter()
    result = figures(args.moves, args.opens, args.old_moves, args.keep, args.wait,
                     report=lambda s: print(s, flush=True))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{time.perf_counter() - started:.0f} s; load average at the end {load:.1f}\n")
    print(session_table(result))


if __name__ == "__main__":
    main()
