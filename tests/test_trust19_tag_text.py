"""Round 13c T14: a Qualtrics column whose export tag (row 1) is one item id and whose question
text (row 2) is another statement's was read by the tag without a word (two swapped tags
scored Hope wrong for most responses). It is a problem naming both now."""

import csv

from workbook.core.instrument import resolve
from workbook.responses.io import read_responses

from .reading_helpers import cli

INST = resolve(None)
TEXT = {item.id: item.text for item in INST.items}


def _export(tmp_path, swap):
    ids = list(INST.item_ids)
    tags = list(ids)
    if swap:
        a, b = tags.index("hope_1"), tags.index("hope_7")
        tags[a], tags[b] = tags[b], tags[a]  # the tags swapped, the texts where they were
    head = ["ResponseId", "participant_id", "timepoint", *tags]
    texts = ["Response ID", "participant_id", "timepoint",
             *(f"Hope - {TEXT[i]}" for i in ids)]
    imports = ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}',
               *(f'{{"ImportId":"QID3_{n}"}}' for n in range(len(ids)))]
    rows = [["R_1", "a", "pre", *["3"] * len(ids)], ["R_2", "b", "pre", *["4"] * len(ids)]]
    path = tmp_path / "qualtrics.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([head, texts, imports, *rows])
    return path


def test_a_tag_and_a_question_text_naming_two_statements_are_a_problem(tmp_path):
    _, problems = read_responses(_export(tmp_path, swap=True))
    said = sorted((p.row, p.column) for p in problems)
    assert said == [(2, "hope_1"), (2, "hope_7")]
    hope_1 = next(p for p in problems if p.column == "hope_1")
    assert ("column 'hope_1' is hope_1 by its name (row 1), but the question text under it "
            "(row 2) is hope_7's statement") in hope_1.message
    proc = cli("validate", _export(tmp_path, swap=True))
    assert proc.returncode != 0


def test_tags_agreeing_with_their_texts_read_as_before(tmp_path):
    data, problems = read_responses(_export(tmp_path, swap=False))
    assert problems == []
    assert list(data["participant_id"]) == ["a", "b"]
