"""What a click on the conversations page costs with 1,000 people, against 5.

    python benchmarks/bench_conversations.py [--people 1000] [--repeat 20] [--browser]

Makes two clients in a temporary workspace, each with a ready plan: one with 5 people, one
with ``--people`` (a mix of stages: a third with a note sent, some held, some thanked, so
"Coming up" and the chart have work to do), saved through the tracker as the page saves
them. Then, headless, for each client: opening the page, and the median of ``--repeat``
clicks of each kind (add a person, the card's "Mark done", choosing another person on the
list, a step on an earlier day). The click is the whole Python side of it: the saved change
(append and fsync), the list redrawn (one ``Select``'s options replaced) and the card.
Target: every click within a second with 1,000 people; the ratio to 5 shows what the size
costs. The size of the list's state (what the browser is sent when the options change) is
printed too.

With ``--browser`` the same two clients are also served as ``workbook coach CLIENT`` serves
them and driven in the system Chromium: from a click on Add, or on "Mark done", until the
page shows the result (the new card, the button naming the next step), median and slowest
of 6 of each, Playwright's polling included.
"""

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore
from workbook.session.widgets import ConversationsPage

TODAY = dt.date(2026, 11, 27)


def ready(inst):
    out = {ing.id: {"items": {i.id: 4 for i in ing.items}} for ing in inst.ingredients}
    out["time"]["tool"] = {"hours_per_week": 6}
    return out


def fill(store, client, count):
    """``count`` people, a third with a note sent; every 7th held, every 11th thanked."""
    tracker = Tracker(store, client)
    book = tracker.read()
    for n in range(count):
        pid = f"p{n:05d}"
        book = tracker.change(model.add_op(f"Person {n}", org=f"Place {n % 40}",
                                           priority=1 + n % 3, person_id=pid,
                                           today=TODAY - dt.timedelta(days=30)))
        if n % 3 == 0:
            book = tracker.change(model.step_op(book, pid, "sent", TODAY - dt.timedelta(
                days=n % 20), today=TODAY))
        if n % 7 == 0:
            book = tracker.change(model.step_op(book, pid, "held", TODAY - dt.timedelta(
                days=n % 40), today=TODAY))
        if n % 11 == 0:
            book = tracker.change(model.step_op(book, pid, "thanked", TODAY, today=TODAY))


def timed(func, repeat):
    times = []
    for n in range(repeat):
        t0 = time.perf_counter()
        func(n)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(store, client, repeat):
    t0 = time.perf_counter()
    page = ConversationsPage(store, client, today=TODAY)
    opened = time.perf_counter() - t0
    ids = [p.id for p in model.ranked(page.book)]

    def add(n):
        page.name.value = f"New person {n}"
        page.add_button.click()

    def advance(n):
        page.chooser.value = ids[n % len(ids)]
        if page.advance_button.disabled:
            page.undo_button.click()
        page.advance_button.click()

    def choose(n):
        page.chooser.value = ids[(n * 7 + 1) % len(ids)]

    def earlier(n):
        page.chooser.value = ids[(n * 3 + 2) % len(ids)]
        page.earlier_step.value = "reply"
        page.earlier_date.value = TODAY - dt.timedelta(days=1)
        page.earlier_button.click()

    out = {"open": opened, "add": timed(add, repeat), "advance": timed(advance, repeat),
           "choose": timed(choose, repeat), "earlier": timed(earlier, repeat)}
    assert not page.errors, page.errors
    state = page.chooser.get_state()
    out["list_kb"] = len(json.dumps(state["_options_labels"])) / 1000
    return out


def in_browser(folder, client, clicks=6):
    """Seconds from a click to the page showing its result, in Chromium (see the docstring)."""
    from playwright.sync_api import sync_playwright

    from workbook.session.coach import coach

    port = free_port()
    cmd, url, env = coach(client, workspace=folder, port=port, run=False)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=flags)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(url)
            page.get_by_text(f"Working with {client}").first.wait_for()
            page.get_by_role("button", name="Conversations", exact=True).click()
            page.locator(".wb-conv-list select").wait_for()
            adds, marks = [], []
            for k in range(clicks):
                page.get_by_role("textbox", name="Name", exact=True).fill(f"New person {k}")
                t0 = time.perf_counter()
                page.get_by_role("button", name="Add to the list", exact=True).click()
                page.locator(".wb-conv-card h3", has_text=f"New person {k}").wait_for()
                adds.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                page.get_by_role("button", name="Mark done: note drafted", exact=True).click()
                page.get_by_role("button", name="Mark done: note sent", exact=True).wait_for()
                marks.append(time.perf_counter() - t0)
            browser.close()
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(30)
    return adds, marks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--browser", action="store_true",
                        help="also time clicks in Chromium, served as `workbook coach` serves")
    args = parser.parse_args()
    inst = load_instrument()
    with tempfile.TemporaryDirectory() as folder:
        store = ClientStore(folder)
        for client, count in (("small", 5), ("large", args.people)):
            store.save(client, ready(inst), session="2026-11-20")
            t0 = time.perf_counter()
            fill(store, client, count)
            print(f"{client}: {count} people saved in {time.perf_counter() - t0:.1f} s")
        small = measure(store, "small", args.repeat)
        large = measure(store, "large", args.repeat)
        shown = {c: in_browser(folder, c) for c in ("small", "large")} if args.browser else {}
    print(f"{'':10} {'5 people':>12} {f'{args.people:,} people':>14} {'ratio':>7}")
    for key in ("open", "add", "advance", "choose", "earlier"):
        print(f"{key:10} {small[key] * 1000:10.1f} ms {large[key] * 1000:12.1f} ms "
              f"{large[key] / small[key]:6.1f}x")
    print(f"{'list':10} {small['list_kb']:9.1f} kB {large['list_kb']:11.1f} kB "
          "(the Select's labels, sent to the browser when they change)")
    worst = max(large[k] for k in ("add", "advance", "choose", "earlier"))
    print(f"slowest click with {args.people:,} people: {worst * 1000:.0f} ms "
          f"({'met' if worst < 1 else 'NOT met'}: within a second)")
    for client, (adds, marks) in shown.items():
        print(f"in Chromium, {client}: Add {statistics.median(adds) * 1000:.0f} ms "
              f"(slowest {max(adds) * 1000:.0f}), Mark done {statistics.median(marks) * 1000:.0f}"
              f" ms (slowest {max(marks) * 1000:.0f})")


if __name__ == "__main__":
    main()
