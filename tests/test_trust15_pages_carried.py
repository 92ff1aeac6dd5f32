"""Issue 20, round 9b J7 and J3: a text alone on a later day, and the statements' date.

J7: every statement answered on 2026-11-02; today the client types only a text (a reflection,
an exercise text). The page saved the earlier answers again under today's date: the profile
dropped the "Carried from" label and showed "+0" that was never measured. Now the text is
saved alone and the statements stay carried, with their date.

J3, the mirror: today's session holds only an exercise text; the statements were answered
on an earlier day added afterwards (papermill with session_date). The text blanked the
statements ("Not enough answers yet"). Now an ingredient whose statements were not answered
that day is carried from an earlier one, per statement answers, not per section.
"""

import datetime as dt
import json

from workbook.core.instrument import resolve
from workbook.session.clients_table import responses
from workbook.session.store import JOURNAL_FILE
from workbook.session.store.picture import carried, picture
from workbook.session.widgets import IngredientSession, ReadinessProfile

EARLIER = "2026-11-02"
INST = resolve(None)


def all_answers():
    given = {ing.id: {"items": {item.id: 4 for item in ing.items}} for ing in INST.ingredients}
    given["time"]["tool"] = {"hours_per_week": 5}
    return given


def journal(store, client):
    return [json.loads(line) for line in
            (store.folder(client) / JOURNAL_FILE).read_text().splitlines()]


def test_a_reflection_typed_today_does_not_stamp_the_earlier_answers(store):
    store.save("Cy Dee", all_answers(), session=EARLIER)
    today = dt.date.today().isoformat()
    page = IngredientSession("hope", "Cy Dee", store)
    page.reflections[0].value = "Patience"  # no statement touched
    page.typed_now()
    saved_today = [r["answers"] for r in journal(store, "Cy Dee") if r["session"] == today]
    assert saved_today and all(not s["hope"].get("items") for s in saved_today)
    assert store.load("Cy Dee")["hope"]["reflections"][0] == "Patience"
    # the page still shows, and scores, the earlier answers
    assert all(box.value == 4 for box in page.items.values())
    profile = ReadinessProfile("Cy Dee", store)
    assert profile.carried["hope"] == EARLIER  # still labelled as carried
    assert "hope" not in set(profile.changes.get("ingredient", []))  # no "+0" never measured
    store.save("Ref", all_answers(), session=EARLIER)  # the same answers, that day only
    assert profile.scores["hope"] == ReadinessProfile("Ref", store).scores["hope"]


def test_a_statement_answered_today_is_answered_again(store):
    store.save("Cy Dee", all_answers(), session=EARLIER)
    page = IngredientSession("hope", "Cy Dee", store)
    first = INST.ingredient("hope").item_ids[0]
    page.items[first].value = 5
    page.reflections[0].value = "Patience"
    page.typed_now()
    hope = store.load("Cy Dee")["hope"]["items"]
    assert hope[first] == 5 and len(hope) == len(INST.ingredient("hope").items)
    profile = ReadinessProfile("Cy Dee", store)
    assert "hope" not in profile.carried


def test_an_exercise_text_today_then_an_earlier_day_gives_its_statements(store):
    today = dt.date.today().isoformat()
    store.save("Di Eve", {"energy": {"tool": {"drains": "noise"}}})  # today, text only
    energy = {i.id: 4 for i in INST.ingredient("energy").items}
    store.save("Di Eve", {"energy": {"items": energy}}, session=EARLIER)  # added afterwards
    answers, sources = picture(store.history("Di Eve"))
    assert answers["energy"]["items"] == energy and answers["energy"]["tool"] == {
        "drains": "noise"}
    assert carried(sources, today) == {"energy": EARLIER}
    table = responses(store).set_index("date")
    assert all(table.loc[today, i] == 4 for i in energy)  # the export's today row too
    profile = ReadinessProfile("Di Eve", store)
    assert profile.carried == {"energy": EARLIER}
    store.save("Ref", {"energy": {"items": energy}}, session=EARLIER)
    assert profile.scores["energy"] == ReadinessProfile("Ref", store).scores["energy"]
