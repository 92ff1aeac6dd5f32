"""Every count in the cohort report comes from one definition, and each note is true as written.

Issue 20: on a file with pre/post and some people answering once, the overview said post n 22
while "by cohort" said 23 (with means over 22), and the note "Fewer than 5 people answered
only once" was printed where 17 had. The file below is small and literal, so every count is
worked out by hand in the comments.
"""

import re
from html import unescape

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.reports.cohort_view import cohort_view

INST = load_instrument()

#: (id, cohort, timepoints answered). min_group is 5.
PEOPLE = (
    [(f"A{i:02d}", "A", ("pre", "post")) for i in range(1, 9)]     # A: 8 both times,
    + [("A09", "A", ("pre",)), ("A10", "A", ("pre",))]              # 2 before only,
    + [("A11", "A", ("post",))]                                     # 1 after only
    + [(f"B{i:02d}", "B", ("pre", "post")) for i in range(1, 7)]    # B: 6 both times
    + [(f"C{i:02d}", "C", ("pre", "post")) for i in range(1, 4)]    # C: 3 both times,
    + [("C04", "C", ("post",))]                                     # 1 after only
    + [(f"D{i:02d}", "D", ("pre",)) for i in range(1, 7)]           # D: 6 before only,
    + [(f"D{i:02d}", "D", ("pre", "post")) for i in range(7, 12)]   # 5 both times
)
# Before: 30 answers. 8 people answered only before (A09, A10, D01-D06): 5 or more, so the
# whole keeps them. In the groups, A's 2 are left out; so are D's 6, or the whole minus the
# groups would give A's 2 away. After: 24 answers, 2 of them (A11, C04) only after: fewer
# than 5, so the whole leaves them out (22 shown), and so do A and C.
# By cohort, after: A 8, B 6, C 3 (fewer than 5: hidden), D 5 (hidden too: the whole minus
# A and B would give C away); the whole 22 = 8 + 6 + 3 + 5.
BEFORE_SHOWN, AFTER_SHOWN = 30, 22
GROUPS_AFTER = [("Everyone", 22), ("A", 8), ("B", 6), ("C", 3), ("D", 5)]


def rows():
    out = []
    for n, (pid, cohort, timepoints) in enumerate(PEOPLE):
        for tp in timepoints:
            value = 2 + n % 3 + (tp == "post")
            out.append({"participant_id": pid, "cohort": cohort, "timepoint": tp,
                        **{i: value for i in INST.item_ids}, "hours_per_week": 4,
                        "conversations_held": n % 3 if tp == "post" else None})
    return pd.DataFrame(out)


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "counts.csv"
    rows().to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def view(path):
    return cohort_view(path, by="cohort", min_group=5)


def tables(html: str) -> list:
    """Each table of ``html`` as rows of cell texts (tags dropped)."""
    out = []
    for table in re.findall(r"<table>(.*?)</table>", html, flags=re.S):
        out.append([[unescape(re.sub(r"<[^>]+>", " ", c)).split() and
                     " ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) or ""
                     for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)]
                    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)])
    return out


def notes(html: str) -> list:
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", p)).split())
            for p in re.findall(r'<p class="note">(.*?)</p>', html, flags=re.S)]


def test_the_file_is_as_the_comments_say():
    data = rows()
    assert (data["timepoint"] == "pre").sum() == 30 and (data["timepoint"] == "post").sum() == 24


def test_overview_counts_and_its_note(view):
    html = view.overview().html
    before, after = tables(html)
    assert {r[1] for r in before[1:]} == {str(BEFORE_SHOWN)}
    assert {r[1] for r in after[1:]} == {str(AFTER_SHOWN)}
    assert notes(html) == [
        "Left out of these figures: 2 answers after (post), of people who answered only once "
        "(before or after), so that, set beside the figures for the people who answered both "
        "times, no one's answers can be singled out."]


def test_verdict_mix_counts_the_same_people(view):
    (table,) = tables(view.verdict_mix().html)
    counts = [[int(c.split()[0]) for c in r[1:]] for r in table[1:]]
    assert [sum(c[0] for c in counts), sum(c[1] for c in counts)] == [BEFORE_SHOWN, AFTER_SHOWN]


def test_groups_table_counts_whom_its_means_describe(view):
    html = view.groups().html
    (table,) = tables(html)
    assert [(r[0], int(r[1])) for r in table[1:]] == GROUPS_AFTER
    assert table[0][:2] == ["cohort", "n"]
    assert table[2][2].isdigit() and table[3][2].isdigit()  # A and B: means shown
    assert table[4][2] == "fewer than 5: not shown"
    assert table[5][2] == "not shown, so that a smaller group cannot be worked out"
    assert notes(html) == [
        "The n column counts the people each row describes. Left out of the "
        "groups' figures: 2 answers after (post), of people who answered only once (before "
        "or after), so that, set beside the figures for the people who answered both times, "
        "no one's answers can be singled out."]


def test_before_after_and_outcome_count_the_same_people(view):
    html = view.before_after().html
    assert "for the 22 people who answered both times" in html
    (table,) = tables(html)
    assert {r[1] for r in table[1:]} == {"22"}
    html = view.outcome().html
    outcome, change = tables(html)
    assert outcome[0][:3] == ["cohort", "People", "Answered"]
    assert [(r[0], int(r[1])) for r in outcome[1:]] == GROUPS_AFTER
    assert [r[2] for r in outcome[1:3]] == ["22", "8"]  # everyone after said how many
    assert change[1][:2] == ["Everyone", "22"]


def test_cli_overview_says_the_same(path, tmp_path, capsys):
    assert main(["cohort", str(path), "--out", str(tmp_path), "--by", "cohort"]) == 0
    text = capsys.readouterr().out
    summary = pd.read_csv(tmp_path / "summary.csv")
    whole = summary[summary["cohort"] == "all"].groupby("timepoint")["n"].max()
    assert whole.to_dict() == {"pre": BEFORE_SHOWN, "post": AFTER_SHOWN}
    assert "Fewer than 5 people answered only once" not in text
    assert ("Left out of the figures of all groups together: 2 answers after (post), of "
            "people who answered only once (before or after)") in text


def test_a_workspace_of_one_on_one_clients_is_not_called_a_workshop(tmp_path, view):
    """A coach's workspace has sessions, not a workshop: no section says 'workshop'; the
    outcome says what it reads (each person's latest answers). A survey keeps its words."""
    from workbook.session.sample_workspace import sample_workspace

    sample_workspace(tmp_path / "ws")
    clients = cohort_view(workspace=tmp_path / "ws", min_group=1)
    sections = ("header", "overview", "verdict_mix", "bottlenecks", "before_after", "outcome",
                "groups", "reliability")
    pages = {name: getattr(clients, name)() for name in sections}
    assert pages["outcome"] is not None
    for name, section in pages.items():
        assert section is None or "workshop" not in section.html, name
    assert "as each person&#x27;s latest answers show" in pages["outcome"].html
    assert "held after the workshop" in view.outcome().html
