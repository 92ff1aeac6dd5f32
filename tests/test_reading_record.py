"""Trust the record, reading's second round (issue 20, the tester's findings 23, 25, 26, 31, 32).

Participant ids with invisible characters, ``--keep`` with ``--skip-invalid``, a post dated
before its pre, impossible dates, and what reading says of a file that is not UTF-8 text.
Figures worked by hand.
"""

import subprocess
import sys

from workbook.instrument import load_instrument
from workbook.io import load_responses, read_responses

IDS = list(load_instrument().item_ids)


def cli(*args, **kwargs):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, **kwargs)
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr, proc.stderr
    return proc


def write(tmp_path, header, rows, name="data.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n",
                    encoding="utf-8")
    return path


def answers(value=3):
    return [str(value)] * len(IDS)


# --- 26: ids that differ only by an invisible character -------------------------------------

def _ids(tmp_path, post_ids):
    rows = [["AUT-001", "pre", *answers(3)], ["AUT-002", "pre", *answers(3)],
            ["AUT-003", "pre", *answers(3)]]
    rows += [[pid, "post", *answers(4)] for pid in post_ids]
    return write(tmp_path, ["participant_id", "timepoint", *IDS], rows)


def test_invisible_characters_and_no_break_spaces_leave_ids_with_a_note(tmp_path):
    # rows 5-7: a zero-width space, a trailing no-break space, a word joiner and a BOM around
    path = _ids(tmp_path, ["AUT-001\u200b", "AUT-002\u00a0", "\ufeffAUT-003\u2060"])
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["participant_id"]) == ["AUT-001", "AUT-002", "AUT-003"] * 2
    assert ("participant ids read without the invisible characters or spaces around them: "
            "'AUT-001\\u200b' -> 'AUT-001' (row 5), 'AUT-002\\xa0' -> 'AUT-002' (row 6), "
            "'\\ufeffAUT-003\\u2060' -> 'AUT-003' (row 7)") in data.attrs["matches"].notes
    scored = load_responses(path)
    assert scored["participant_id"].nunique() == 3


def test_cohort_pairs_people_whose_post_id_has_an_invisible_character(tmp_path):
    path = _ids(tmp_path, ["AUT-001\u200b", "AUT-002\u00a0", "AUT-003"])
    proc = cli("cohort", path, "--out", tmp_path / "c", "--min-group", "1")
    assert proc.returncode == 0, proc.stderr
    assert "6 response(s) from 3 participant(s)" in proc.stdout
    assert "0 before only, 0 after only" in proc.stdout


def test_an_id_repeated_with_an_invisible_character_is_a_repeat(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)], ["a\u200b", "pre", *answers(4)]])
    _, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (3, "participant_id")]
    assert "appears more than once at timepoint 'pre' (rows 2, 3)" in problems[0].message


def test_an_id_of_only_invisible_characters_is_empty(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)], ["\u200b\u00a0", "pre", *answers(4)]])
    _, problems = read_responses(path)
    assert [str(p) for p in problems] == ["row 3, column participant_id: participant_id is empty"]


def test_ids_differing_only_in_case_or_dash_are_named_in_a_note(tmp_path):
    path = _ids(tmp_path, ["aut-001", "AUT\u2013002", "AUT-003"])
    data, problems = read_responses(path)
    assert problems == []
    assert data["participant_id"].nunique() == 5  # still people of their own
    assert ("participant ids that differ only in capitals, punctuation or width, counted as "
            "different people: 'AUT-001' and 'aut-001'; 'AUT-002' and 'AUT–002'. If one "
            "person wrote their id two ways, write it one way") in data.attrs["matches"].notes


def test_long_form_ids_are_cleaned_too(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", "item_id", "response"],
                 [["a", "pre", IDS[0], "3"], ["a\u200b", "pre", IDS[1], "4"]])
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["participant_id"]) == ["a"]
    assert list(data[[IDS[0], IDS[1]]].iloc[0]) == ["3", "4"]
