"""Whatever bytes a response file holds, reading it raises nothing but a WorkbookError.

Also the "not answered" markers of the data dictionary, one class at a time, in CSV and xlsx.
"""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import load_instrument

INST = load_instrument()
HEADER = ["participant_id", "timepoint", *INST.item_ids]

#: Every way the data dictionary says a cell may be "not answered".
MARKERS = ["", "NA", "N/A", "-", "skipped", "na", " n/a ", "   ", "\u00a0", " \u00a0 "]


def _rows(marker):
    first = ["a", "pre", *(["3"] * 25)]
    first[2] = marker  # hope_1
    first[8] = marker  # time_2
    return [first, ["b", "pre", *(["4"] * 25)]]


@pytest.mark.parametrize("marker", MARKERS)
def test_missing_markers_in_csv_read_as_unanswered(tmp_path, marker):
    path = tmp_path / "markers.csv"
    rows = _rows(marker)
    path.write_text("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    data, problems = workbook.read_responses(path)
    assert problems == []
    loaded = workbook.load_responses(path)
    assert pd.isna(loaded.loc[2, "hope_1"]) and pd.isna(loaded.loc[2, "time_2"])
    assert loaded.loc[2, "hope_6"] == 3.0
    scores = workbook.score(loaded)
    # hope: 4 of 5 answered, all 3 (hope_7 reverse-keyed: 3 stays 3) -> POMP 50.
    assert scores.loc[2, "hope"] == 50.0
    assert scores.loc[2, "hope_answered"] == 4
    assert workbook.validate(data) == []


@pytest.mark.parametrize("marker", ["NA", "N/A", "-", "skipped", "   ", "\u00a0"])
def test_missing_markers_in_xlsx_read_as_unanswered(tmp_path, marker):
    path = tmp_path / "markers.xlsx"
    rows = _rows(marker)
    frame = pd.DataFrame(rows, columns=HEADER)
    for item in INST.item_ids:  # answers as numbers, the markers as the text cells they are
        frame[item] = frame[item].map(lambda v: int(v) if v in ("3", "4") else v)
    frame.to_excel(path, index=False)
    loaded = workbook.load_responses(path)
    assert pd.isna(loaded.loc[2, "hope_1"]) and pd.isna(loaded.loc[2, "time_2"])
    assert workbook.score(loaded).loc[2, "hope_answered"] == 4


_CELLS = st.sampled_from(
    ["", "3", "5", "0", "6", "3.5", "2,5", "Agree", "agree ", "NA", "N/A", "-", "skipped", " ",
     "\u00a0", "TRUE", "x", "pre", "post", "Pre", "before", "2026-03-04", "04/03/2026",
     "25/03/2026", "=1+1", '"', '"a,b"', "\r", "\n", "\x00", "1e400", "-0", "inf", "nan",
     "money;meaning", "fame", "a" * 300, "é", "\ufeff"]
)
_HEADS = st.sampled_from(
    [*HEADER, "cohort", "date", "hours_per_week", "motivators", "north_star", "notes",
     "item_id", "response", "Timestamp", "ID", "Start time", "Completion time", "ResponseId",
     "Finished", "Progress", "StartDate", "hpoe_6", "Hope 1", "", "participant_id"]
)


@st.composite
def _csv_text(draw):
    sep = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(_HEADS, min_size=1, max_size=12))
    n = draw(st.integers(0, 5))
    lines = [sep.join(header)]
    for _ in range(n):
        width = draw(st.integers(0, len(header) + 2))
        lines.append(sep.join(draw(st.lists(_CELLS, min_size=width, max_size=width))))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return end.join(lines).encode("utf-8")


_BYTES = st.one_of(_csv_text(), st.binary(max_size=400))


def _read_all(path):
    try:
        data, _ = workbook.read_responses(path)
        workbook.validate(data)
    except WorkbookError:
        pass
    try:
        loaded = workbook.load_responses(path, skip_invalid=True)
    except WorkbookError:
        return
    try:
        workbook.score(loaded)
    except WorkbookError:
        pass


_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@pytest.mark.filterwarnings("error")  # a warning would reach the user's terminal
@settings(max_examples=150, deadline=None, suppress_health_check=_SLOW)
@given(content=_BYTES)
def test_random_csv_bytes_raise_only_workbook_errors(tmp_path, content):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    _read_all(path)


_XLSX_CELLS = st.one_of(
    _CELLS.filter(lambda v: not any(ch in v for ch in "\x00\r\ufeff")),
    st.none(), st.booleans(), st.integers(-3, 9), st.floats(allow_nan=False, width=32),
    st.datetimes(min_value=__import__("datetime").datetime(1990, 1, 1)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW)
@given(header=st.lists(_HEADS, min_size=1, max_size=10),
       cells=st.lists(st.lists(_XLSX_CELLS, max_size=12), max_size=4))
def test_random_xlsx_raise_only_workbook_errors(tmp_path, header, cells):
    import openpyxl

    book = openpyxl.Workbook()
    for row in [header, *cells]:
        book.active.append(row)
    path = tmp_path / "fuzz.xlsx"
    book.save(path)
    _read_all(path)


# --- what reaches the terminal (issue 20) --------------------------------------------------

_NASTY = st.sampled_from(["\x1b[2J", "\x1b]0;t\x07", "\r", "\x9b", "\u202e", "\u200b", "\x00",
                          "\x7f", "\t", "Post", " POST ", "pre", "post", "x"])


@st.composite
def _nasty_csv(draw):
    header = draw(st.lists(st.sampled_from([*HEADER[:3], "hours_per_week", "date", "notes"])
                           | st.lists(_NASTY, min_size=1, max_size=3).map("".join),
                           min_size=1, max_size=6))
    lines = [",".join(header)]
    for _ in range(draw(st.integers(1, 4))):
        cells = draw(st.lists(st.lists(_NASTY, min_size=1, max_size=3).map("".join),
                              min_size=len(header), max_size=len(header)))
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=80, deadline=None, suppress_health_check=_SLOW)
@given(content=_nasty_csv())
def test_no_problem_or_note_quotes_a_control_character_raw(tmp_path, content):
    path = tmp_path / "nasty.csv"
    path.write_bytes(content)
    try:
        data, problems = workbook.read_responses(path)
    except WorkbookError as exc:
        said = [str(exc)]
    else:
        said = [str(p) for p in problems] + data.attrs["matches"].lines()
    for line in said:
        assert line.replace(str(path), "").isprintable(), repr(line)
