"""Round 13c T1: validity read first sessions that the cohort's tables hide as a timepoint
of fewer than --min-group responses.

Before: on a workspace export, a client whose first session was on a day of its own
(2026-11-10, one response: "not shown" by `cohort`) was read by `validity` ("each person's
first session", n=23): validity_roc.csv's rebuilt sums less summary.csv's 2026-11-02
``n x mean`` (22 people) gave back that client's five scores exactly. In a workshop's own
file without `pre` (week1, week2, week3), a person seen only at week3 was given back the same
way. Now the rows read at a timepoint (and ingredient) the cohort's summary hides are left out,
and the people the cohort describes at the timepoints read, less those read here, are checked
as at one timepoint (none, or at least --min-group).
"""

from __future__ import annotations

from tests.validity_leaks import answers, leaks, write
from workbook.cli import main

# levels (1-5) of the 23 clients' first sessions, and whether they went on to talk
LEVELS = [2, 3, 4, 3, 5, 2, 3, 4, 1, 3, 4, 2, 3, 5, 2, 4, 3, 1, 4, 2, 3, 5]


def _export(path, odd_day=("2026-11-10",), second=True):
    """K00-K15: 2026-11-02 and 2026-11-23; L00-L05: 2026-11-02 only; one client M0x on each
    day of ``odd_day`` (alone there). Conversations held on each row (the latest is read)."""
    rows = []
    for k in range(22):
        pid = f"K{k:02d}"
        held = k % 2
        rows.append({"participant_id": pid, "timepoint": "2026-11-02",
                     **answers(LEVELS[k]), "conversations_held": held})
        if k < 16 and second:
            rows.append({"participant_id": pid, "timepoint": "2026-11-23",
                         **answers(min(5, LEVELS[k] + 1)), "conversations_held": held})
    for j, day in enumerate(odd_day):
        rows.append({"participant_id": f"M0{j}", "timepoint": day, **answers(1),
                     "conversations_held": 0})
    return write(path, rows)


def _run(tmp_path, data, *extra):
    c, v = tmp_path / "c", tmp_path / "v"
    assert main(["cohort", str(data), "--out", str(c), *extra]) == 0
    code = main(["validity", str(data), "--out", str(v), *extra])
    return c, v, code


def test_a_client_alone_on_a_day_is_not_read(tmp_path, capsys):
    c, v, code = _run(tmp_path, _export(tmp_path / "ws.csv"))
    out = capsys.readouterr().out
    assert "2026-11-10: mean score (n)\n  1 response(s): not shown" in out
    assert code == 0
    # before: 23 read, the 23rd (M00, every answer 1: every score 0) given back by each row
    assert "22 people said how many conversations they held: 11 held one or more, " \
        "11 held none." in out
    assert leaks(c, v) == []


def test_two_clients_alone_on_their_days_are_not_read(tmp_path, capsys):
    data = _export(tmp_path / "ws.csv", odd_day=("2026-11-10", "2026-11-16"))
    c, v, code = _run(tmp_path, data)
    out = capsys.readouterr().out
    assert code == 0 and "22 people said how many" in out
    assert leaks(c, v) == []


def test_a_later_session_on_a_day_others_start_is_not_left_over(tmp_path, capsys):
    # 6 people start on 2026-11-10 (shown), and K00, K01 come back that day: the cohort's
    # 2026-11-10 figures hold 8, validity reads 6 of them: 2 people's later scores would be
    # the difference; withheld, naming why
    rows = []
    for k in range(22):
        rows.append({"participant_id": f"K{k:02d}", "timepoint": "2026-11-02",
                     **answers(LEVELS[k]), "conversations_held": k % 2})
    for j in range(6):
        rows.append({"participant_id": f"N{j}", "timepoint": "2026-11-10",
                     **answers(2 + j % 3), "conversations_held": j % 2})
    for k in range(2):
        rows.append({"participant_id": f"K{k:02d}", "timepoint": "2026-11-10",
                     **answers(5), "conversations_held": k % 2})
    c, v, code = _run(tmp_path, write(tmp_path / "ws.csv", rows))
    err = " ".join(capsys.readouterr().err.split())
    assert code == 1
    assert "Not shown, so that no one can be singled out" in err
    assert not (v / "validity.csv").exists()


def test_a_workshop_file_without_pre_and_one_person_at_week3(tmp_path, capsys):
    rows = []
    for k in range(30):
        for when in ("week1", "week2"):
            rows.append({"participant_id": f"W{k:02d}", "timepoint": when,
                         **answers(1 + k % 5),
                         "conversations_held": (k % 3 and 1) if when == "week2" else None})
    rows.append({"participant_id": "X00", "timepoint": "week3", **answers(5),
                 "conversations_held": 2})
    c, v, code = _run(tmp_path, write(tmp_path / "g5.csv", rows))
    out = capsys.readouterr().out
    assert "week3: mean score (n)\n  1 response(s): not shown" in out
    assert code == 0
    assert "30 people said how many conversations they held" in out
    assert leaks(c, v) == []
