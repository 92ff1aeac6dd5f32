"""A page or a save for a past session carries only what was saved on or before that date.

Issue 20, finding N14: an ingredient page run for an earlier ``session_date`` loaded the latest
saved section (from a LATER session) as its starting values and its base, and
``ClientStore.save(..., base=)`` merged over that later section, so the past session gained
answers first given weeks after it. The session rule (workbook/session/store/picture.py): a session
carries each section from the most recent session on or before its date, never a later one.
"""

from pathlib import Path

import papermill
import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore
from workbook.session.store.picture import as_of, section_as_of
from workbook.session.widgets.ingredient import IngredientSession, SessionDateError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

EARLY, PAST, LATER = "2026-11-01", "2026-11-20", "2026-12-01"
ONES = {"hope_1": 1, "hope_6": 1, "hope_7": 1}
FIVES = {"hope_1": 5, "hope_6": 5, "hope_7": 5}
ENERGY = {"energy_1": 3, "energy_2": 3, "energy_6": 3}


@pytest.fixture
def store(tmp_path):
    """The reproduction's client: hope on 11-01, energy on 11-20, hope again on 12-01."""
    st = ClientStore(tmp_path / "ws")
    st.save("k", {"hope": {"items": dict(ONES)}}, session=EARLY)
    st.save("k", {"energy": {"items": dict(ENERGY)}}, session=PAST)
    st.save("k", {"hope": {"items": dict(FIVES)}}, session=LATER)
    return st


# -- the rule ------------------------------------------------------------------------------
def test_as_of_keeps_the_sessions_on_or_before_the_date():
    history = {EARLY: {"hope": 1}, PAST: {"energy": 2}, LATER: {"hope": 3}}
    assert list(as_of(history, PAST)) == [EARLY, PAST]
    assert section_as_of(history, PAST, "hope") == 1
    assert section_as_of(history, LATER, "hope") == 3
    assert section_as_of(history, "2026-10-01", "hope") is None


# -- the store -----------------------------------------------------------------------------
def test_a_save_for_a_past_session_merges_over_the_section_carried_then(store):
    # the page showed hope as carried from 11-01 (1,1,1) and answered statement 4
    got = store.save("k", {"hope": {"items": {**ONES, "hope_8": 2}}}, session=PAST,
                     base={"hope": {"items": dict(ONES)}})
    assert got["hope"]["items"] == {"hope_1": 1, "hope_6": 1, "hope_7": 1, "hope_8": 2}
    history = store.history("k")
    assert history[PAST]["hope"]["items"] == {"hope_1": 1, "hope_6": 1, "hope_7": 1,
                                              "hope_8": 2}
    assert history[PAST]["energy"]["items"] == ENERGY
    assert history[LATER]["hope"]["items"] == FIVES  # the later session is untouched
    # a store that replays the journal agrees
    assert ClientStore(store.root).history("k")[PAST]["hope"]["items"] == {
        "hope_1": 1, "hope_6": 1, "hope_7": 1, "hope_8": 2}


def test_a_save_for_a_session_before_any_section_takes_only_the_pages_answers(store):
    got = store.save("k", {"hope": {"items": {"hope_8": 2}}}, session="2026-10-15",
                     base={"hope": {}})
    assert got == {"hope": {"items": {"hope_8": 2}}}


def test_a_save_for_today_still_merges_over_the_latest_section(store):
    got = store.save("k", {"hope": {"items": {**FIVES, "hope_8": 2}}}, session="2026-12-05",
                     base={"hope": {"items": dict(FIVES)}})
    assert got["hope"]["items"] == {**FIVES, "hope_8": 2}


# -- the page ------------------------------------------------------------------------------
def test_a_page_for_a_past_session_starts_from_the_section_carried_then(store):
    page = IngredientSession("hope", "k", store, session=PAST)
    assert page.answers()["items"] == ONES


def test_a_page_for_a_past_session_saves_no_later_answers(store):
    page = IngredientSession("hope", "k", store, session=PAST)
    page.fill({"hope_8": 2})
    history = store.history("k")
    assert history[PAST]["hope"]["items"] == {"hope_1": 1, "hope_6": 1, "hope_7": 1,
                                              "hope_8": 2}
    assert history[LATER]["hope"]["items"] == FIVES
    assert page.answers()["items"] == {"hope_1": 1, "hope_6": 1, "hope_7": 1, "hope_8": 2}


def test_a_page_for_a_date_before_any_hope_starts_empty(store):
    page = IngredientSession("hope", "k", store, session="2026-10-15")
    assert page.answers()["items"] == {}
    page.fill({"hope_8": 2})
    assert store.history("k")["2026-10-15"]["hope"]["items"] == {"hope_8": 2}


def test_a_page_for_the_latest_date_still_starts_from_the_latest_section(store):
    page = IngredientSession("hope", "k", store, session="2026-12-05")
    assert page.answers()["items"] == FIVES


# -- a bad session date (finding N11): one plain line, no traceback -------------------------
@pytest.mark.parametrize(("given", "words"), [
    ("2026-02-30", "session_date: a session is named by its date, as YYYY-MM-DD (such as "
                   "2026-11-26), not '2026-02-30'"),
    ("yesterday", "session_date: a session is named by its date, as YYYY-MM-DD (such as "
                  "2026-11-26), not 'yesterday'"),
])
def test_a_page_with_a_bad_session_date_is_refused_in_one_line(store, given, words):
    with pytest.raises(SessionDateError) as caught:
        IngredientSession("hope", "k", store, session=given)
    assert str(caught.value) == words
    assert caught.value._render_traceback_() == [words]  # what IPython shows
    assert isinstance(caught.value, WorkbookError)
    assert sorted(store.history("k")) == [EARLY, PAST, LATER]  # nothing saved


def test_a_page_with_a_session_date_after_today_is_refused(store):
    with pytest.raises(SessionDateError, match=r"^session_date: the session date 2030-01-01 is "
                                               r"after today"):
        IngredientSession("hope", "k", store, session="2030-01-01")


def test_a_papermill_run_with_a_bad_session_date_shows_one_line(tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(NOTEBOOKS / "01-hope.ipynb"), str(out), kernel_name="python3",
            parameters={"client_id": "k", "workspace": str(tmp_path / "ws"),
                        "session_date": "2026-02-30", "answers": {"hope_8": 2}},
            cwd=str(tmp_path), progress_bar=False)
    words = ("session_date: a session is named by its date, as YYYY-MM-DD (such as "
             "2026-11-26), not '2026-02-30'")
    assert caught.value.ename == "SessionDateError"
    assert caught.value.traceback == [words]
    assert not (tmp_path / "ws").exists() or ClientStore(tmp_path / "ws").clients() == []
