"""Round 11b N1, in Chromium: Back after End session and the next client named the last one.

Open Bob, go to Conversations, End session, open Ann, then the browser's Back twice: the
address read ``?client=Bob+Ray`` while the page worked with Ann. The address now always
names the client whose session the page has open (README: "While a session is open the
address names the client"). Waits are for states (the hang guard of conftest), never timed.
"""

import re

from playwright.sync_api import expect

from .conftest import HANG_GUARD_S

APP = "voila/render/session.ipynb"
GUARD = HANG_GUARD_S * 1000


def client_in_address(page, client):
    page.wait_for_function(
        "c => new URL(window.location.href).searchParams.get('client') === c", arg=client)


def shown(page, key):
    """Wait until the app's own strip marks the page ``key`` as the one shown."""
    button = page.locator(f".wb-progress-{key} button, button.wb-progress-{key}").first
    expect(button).to_have_class(re.compile(r"mod-info"), timeout=GUARD)


def open_new(page, client):
    box = page.get_by_role("textbox", name="Client")
    box.fill(client)
    page.get_by_role("button", name="Open", exact=True).click()
    page.get_by_role("button", name=f"Start new client \u201c{client}\u201d",
                     exact=True).click()
    page.get_by_text(f"Working with {client}").first.wait_for()
    client_in_address(page, client)
    shown(page, "hope")


def address_now(page):
    return page.evaluate("() => new URL(window.location.href).searchParams.get('client')")


def bob_ended_then_ann(voila, page):
    server, _workspace = voila(None)
    page.goto(server.base_url + APP)
    open_new(page, "Bob Ray")
    page.locator(".wb-progress-conversations button, button.wb-progress-conversations"
                 ).first.click()
    shown(page, "conversations")
    page.get_by_role("button", name="End session").first.click()
    page.get_by_text("Working with Bob Ray").first.wait_for(state="hidden")
    client_in_address(page, None)
    open_new(page, "Ann Lee")


def answered(page, n):
    """Wait until the kernel has answered the n-th return: the app's address gives it back.

    The page's script writes the browser's address on that change (it runs on it)."""
    page.wait_for_function(
        "n => { const a = document.querySelector('.wb-app-address');"
        " if (!a) return false; const s = JSON.parse(a.textContent || 'null');"
        " return !!s && s.returned >= n; }", arg=n)


def check(page, seen):
    said = page.get_by_text("Working with Ann Lee").first.is_visible()
    seen.append((address_now(page), said))
    for where, with_ann in seen:
        assert where != "Bob Ray", seen
        if with_ann:
            assert where == "Ann Lee", seen


def test_back_after_the_next_client_is_opened_never_names_the_last_one(voila, page):
    bob_ended_then_ann(voila, page)
    # what the address says the moment the browser has gone back, before the kernel answers
    # (the attack looked then: the browser shows the entry's own address at once)
    page.evaluate("() => { window.wbSeen = []; window.addEventListener('popstate', () =>"
                  " window.wbSeen.push(new URL(location.href).searchParams.get('client'))); }")
    seen = []
    for n in range(1, 4):  # Back, and Back again, as far as the app's entries go
        page.go_back()
        answered(page, n)
        check(page, seen)
    assert page.evaluate("() => window.wbSeen") == ["Ann Lee"] * 3


def test_back_twice_at_once_never_names_the_last_one(voila, page):
    bob_ended_then_ann(voila, page)
    page.go_back()
    page.go_back()  # before the kernel answered the first
    answered(page, 2)
    check(page, [])
