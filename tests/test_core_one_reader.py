"""The plan's words are read as every ``[words.X]`` table is (issue 23, "Written twice").

``pacing.plan_words`` kept its own reader and cache: it handed every caller the one cached
dict, so a caller changing it changed the kit's words for every later plan. It now reads
through ``instrument.words_table``, as the report's, cohort's and dates' words are.
"""

from workbook.core import advice, pacing
from workbook.core.instrument import load_instrument, words_table
from workbook.core.instrument_file import DEFAULT_PATH


def _own(tmp_path, said):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    old = 'schedule_every_weeks = "one conversation every {weeks} weeks"'
    assert text.count(old) == 1
    path = tmp_path / "coach.toml"
    path.write_text(text.replace(old, f'schedule_every_weeks = "{said}"'), encoding="utf-8")
    return path


def test_plan_words_are_the_words_table(tmp_path):
    inst = load_instrument(_own(tmp_path, "a talk each {weeks} weeks"))
    assert pacing.plan_words(inst) == words_table(inst, "plan")
    assert pacing.plan_words(inst)["schedule_every_weeks"] == "a talk each {weeks} weeks"
    assert pacing.plan_words()["schedule_every_weeks"] == "one conversation every {weeks} weeks"


def test_changing_the_words_given_changes_no_later_plan():
    words = pacing.plan_words()
    words["no_hours_note"] = "changed by a caller"
    assert pacing.plan_words()["no_hours_note"] != "changed by a caller"
    assert advice.plan_texts()["NO_HOURS_NOTE"] == pacing.plan_words()["no_hours_note"]
