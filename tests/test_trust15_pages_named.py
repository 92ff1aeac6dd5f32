"""Issue 20, round 9b J4: a papermill page run for another client closed the app's session.

Cy Dee open in the app; ``papermill 03-energy.ipynb -p client_id "Di Eve"`` in a terminal.
The page made Di Eve the open session: Cy's next click in the app was not saved, and
``?client=Di+Eve`` opened her although nobody pressed Open. A page named with a client now
saves for that client without changing which session is open.
"""

from workbook.session.widgets import IngredientSession, SessionApp


def test_a_page_named_with_another_client_leaves_the_open_session(store):
    app = SessionApp(store, client_id="Cy Dee")
    app.show("energy")
    cy = app.screen("energy")
    page = IngredientSession("energy", "Di Eve", store, session="2026-11-04")  # papermill's
    first = next(iter(page.items))
    page.set_answer(first, 2)
    page.save()
    assert store.current() == "Cy Dee"  # still Cy's session
    assert store.history("Di Eve")["2026-11-04"]["energy"]["items"][first] == 2
    cy.set_answer(first, 4)  # Cy's next answer in the app is saved
    assert store.load("Cy Dee")["energy"]["items"][first] == 4


def test_a_page_named_with_a_new_client_makes_them_without_opening_them(store):
    page = IngredientSession("hope", "Eli New", store)
    assert page.client == "Eli New" and "Eli New" in store.clients()
    assert store.current() is None
