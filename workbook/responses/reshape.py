"""Step 4 of reading: the canonical wide table, from a file's columns as matched.

Columns are renamed to item ids and canonical names (:mod:`workbook.responses.mapping`
decided which), the survey tool's own columns are left out (some hold e-mail or IP
addresses), multi-select answers are rejoined with ``;``, timepoints and participant ids
are written one way each (:func:`tidy_ids`: no invisible characters or spaces around an
id), and the long form (one answer a row) becomes one row per participant and timepoint.
Values are not checked here: :mod:`workbook.core.validation` does that.

Examples
--------
>>> import pandas as pd
>>> long = pd.DataFrame({"participant_id": ["a", "a"], "item_id": ["hope_1", "hope_6"],
...                      "response": ["4", "5"]}, index=pd.Index([2, 3], name="row"))
>>> wide, cell_rows, problems = long_to_wide(long)
>>> wide[["participant_id", "hope_1", "hope_6"]].to_dict("records"), problems
([{'participant_id': 'a', 'hope_1': '4', 'hope_6': '5'}], [])
>>> cell_rows.to_dict("records")    # the spreadsheet row each answer came from
[{'hope_1': 2, 'hope_6': 3}]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbook.core import schema, timepoints
from workbook.core.distinct import distinct
from workbook.core.instrument import resolve
from workbook.core.problems import Problem, quoted
from workbook.responses.exports import (
    QUALTRICS,
    QUALTRICS_FINISHED,
    QUALTRICS_PROGRESS,
    QUALTRICS_STATUS,
)


@dataclass
class Reshaped:
    """The canonical table and what was set aside on the way."""

    table: pd.DataFrame
    #: Long form: the spreadsheet row of each answer (item columns), same index as ``table``.
    cell_rows: pd.DataFrame | None = None
    #: Qualtrics: the ``Finished`` and ``Progress`` columns (metadata, checked by validation).
    finished: pd.Series | None = None
    progress: pd.Series | None = None
    #: Qualtrics: the ``Status`` column (a preview, a test run, spam: checked by validation).
    status: pd.Series | None = None
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    #: The participant ids as :func:`workbook.core.distinct.stripped` gives them (codes,
    #: distinct texts), with the id column's array they were read from, when
    #: :func:`tidy_ids` changed no id: validation takes them instead of hashing a million
    #: ids again while the table's id column is still that array.
    ids: tuple | None = None


def reshape(table: pd.DataFrame, report, layout, instrument=None) -> Reshaped:
    """Turn a file's table (columns as in the file) into the canonical wide table.

    Parameters
    ----------
    table : DataFrame
        From :func:`workbook.responses.raw.read_body`.
    report : MatchReport
        From :func:`workbook.responses.mapping.match_columns`.
    layout : Layout
        From :func:`workbook.responses.exports.detect_layout`.
    """
    inst = resolve(instrument)
    out = Reshaped(table)
    if layout.name == QUALTRICS:
        out.finished = table.get(QUALTRICS_FINISHED)
        out.progress = table.get(QUALTRICS_PROGRESS)
        out.status = table.get(QUALTRICS_STATUS)
    matched = report.matched
    # Columns that clash (two for one item) keep their names: the problem lists them.
    counts = pd.Series(list(matched.values()), dtype=object).value_counts()
    rename = {c: t for c, t in matched.items() if counts[t] == 1}
    targets = set(rename.values())
    # A column named as a target the mapping file gives to another column (said in a note
    # by the mapping step) is left out, so the canonical name is not taken twice.
    shadowed = [c for c in table.columns if c in targets and c not in rename]
    table = table.drop(columns=[*report.metadata, *shadowed]).rename(columns=rename)
    separator = layout.format.list_separator
    if separator and schema.MOTIVATORS in table.columns:
        table[schema.MOTIVATORS] = _rejoin(table[schema.MOTIVATORS], separator)
    if schema.TIMEPOINT in table.columns:  # one spelling per timepoint before any comparison
        table, out.notes = _spell_timepoints(table)
    if schema.PARTICIPANT_ID in table.columns:  # ids as a person reads them, before any count
        table, notes, out.ids = _tidy_ids(table)
        out.notes.extend(notes)
    if schema.COHORT in table.columns:  # an export's guarded '+Spring is +Spring (C13)
        table, notes = unguarded_cohorts(table)
        out.notes.extend(notes)
    if schema.ITEM_ID in table.columns and schema.RESPONSE in table.columns:
        table, out.cell_rows, out.problems = long_to_wide(table, inst)
    out.table = table
    return out


def long_to_wide(table: pd.DataFrame, instrument=None):
    """Turn a long table into the wide one.

    Each wide row's index is the spreadsheet row of its first long row.

    Returns
    -------
    wide : DataFrame
        Answers as found.
    cell_rows : DataFrame
        The spreadsheet row of each answer (item columns; NaN where none was given).
    problems : list of Problem
        Long rows that cannot be placed: an unknown item, no participant id, an item answered
        twice by one participant at one timepoint.
    """
    inst = resolve(instrument)
    problems = []
    rows = np.asarray(table.index)
    needed = (schema.PARTICIPANT_ID, schema.ITEM_ID, schema.RESPONSE)
    missing = [c for c in needed if c not in table]
    if missing:
        problems = [Problem(1, c, "", f"the long form needs a {c} column") for c in missing]
        return table, None, problems
    long = table.copy()
    if schema.TIMEPOINT not in long.columns:
        long[schema.TIMEPOINT] = np.nan
    # pandas cannot look up a NaN key in a MultiIndex: group empty timepoints under "".
    no_time = long[schema.TIMEPOINT].isna()
    long[schema.TIMEPOINT] = long[schema.TIMEPOINT].astype(object).where(~no_time, "")
    long[schema.ITEM_ID] = long[schema.ITEM_ID].astype("string").str.strip()
    known = long[schema.ITEM_ID].isin(inst.item_ids).to_numpy(dtype=bool, na_value=False)
    for pos in np.flatnonzero(~known):
        problems.append(Problem(int(rows[pos]), schema.ITEM_ID, long[schema.ITEM_ID].iloc[pos],
                                "not an item of the instrument (see `workbook items`)"))
    no_id = long[schema.PARTICIPANT_ID].isna().to_numpy()
    for pos in np.flatnonzero(no_id):
        problems.append(
            Problem(int(rows[pos]), schema.PARTICIPANT_ID, "", "participant_id is empty"))
    keys = [schema.PARTICIPANT_ID, schema.TIMEPOINT, schema.ITEM_ID]
    long[_RESPONSE] = _response_dates(long, keys, known & ~no_id)
    keys.append(_RESPONSE)
    dup = long.duplicated(keys, keep=False).to_numpy() & known & ~no_id
    for pos in np.flatnonzero(dup):
        problems.append(Problem(
            int(rows[pos]), schema.ITEM_ID, long[schema.ITEM_ID].iloc[pos],
            "this participant answers this item more than once at this timepoint"))
    ok = known & ~no_id & ~dup
    usable = long[ok].copy()
    usable["_row"] = rows[ok]
    group_keys = [schema.PARTICIPANT_ID, schema.TIMEPOINT, _RESPONSE]
    first_row = usable.groupby(group_keys, sort=False, dropna=False)["_row"].min()
    index = pd.Index(first_row.to_numpy(), name="row")

    def spread(values):
        wide = usable.pivot_table(index=group_keys, columns=schema.ITEM_ID, values=values,
                                  aggfunc="first", dropna=False, sort=False)
        wide = wide.reindex(first_row.index)
        wide.columns = [str(c) for c in wide.columns]
        return wide

    wide = spread(schema.RESPONSE).reset_index().drop(columns=_RESPONSE)
    wide.index = index
    cell_rows = spread("_row").reset_index(drop=True)
    cell_rows.index = index
    extra = [c for c in long.columns if c not in (*keys, schema.RESPONSE)]
    problems.extend(_carried_disagree(usable, group_keys, extra))
    if extra:
        firsts = usable.groupby(group_keys, sort=False, dropna=False)[extra].first()
        firsts = firsts.reindex(first_row.index).reset_index(drop=True)
        firsts.index = index
        wide = pd.concat([wide, firsts], axis=1)
    wide[schema.TIMEPOINT] = wide[schema.TIMEPOINT].where(wide[schema.TIMEPOINT] != "")
    if wide[schema.TIMEPOINT].isna().all():
        wide = wide.drop(columns=schema.TIMEPOINT)
    order = np.argsort(index.to_numpy(), kind="stable")
    return wide.iloc[order], cell_rows.iloc[order], problems


#: The long form's column telling apart two responses of one participant at one timepoint.
_RESPONSE = "\x00response"


def _response_dates(long: pd.DataFrame, keys: list, placed: np.ndarray) -> np.ndarray:
    """Each long row's response within its participant and timepoint ("" for the one).

    A response given twice (round 14c W16: each item answered again, on another ``date``)
    is two responses, told apart by their date, so that ``--keep`` chooses between them
    as in the wide form. Only where every row of that participant and timepoint has a date
    and no item is answered twice on one date; else "" (one response, as before: a date
    written on the first row only does not split a response).
    """
    out = np.full(len(long), "", dtype=object)
    if schema.DATE not in long.columns:
        return out
    again = long.duplicated(keys, keep=False).to_numpy() & placed
    if not again.any():
        return out
    dates = long[schema.DATE].astype("string").str.strip().fillna("")
    who = long[keys[0]].astype("string").fillna("") + "\x00" + \
        long[keys[1]].astype("string").fillna("")
    rows = who.isin(set(who[again])).to_numpy(dtype=bool) & placed
    frame = pd.DataFrame({"w": who[rows].to_numpy(dtype=object),
                          "i": long.loc[rows, keys[2]].astype("string").to_numpy(dtype=object),
                          "d": dates[rows].to_numpy(dtype=object)})
    undated = frame["d"].eq("").groupby(frame["w"]).transform("any")
    twice = frame.duplicated(["w", "i", "d"], keep=False).groupby(frame["w"]).transform("any")
    split = ~(undated | twice).to_numpy(dtype=bool)
    out[np.flatnonzero(rows)[split]] = frame["d"].to_numpy(dtype=object)[split]
    return out


def _carried_disagree(usable: pd.DataFrame, group_keys: list, extra: list) -> list:
    """Rows of one response (participant and timepoint) giving a carried column two values.

    The long form carries a column such as ``hours_per_week`` from the first of a response's
    rows that has one; another value on a later row was dropped without a word (round 12a
    P3). One problem per such row, naming the value kept and its row. Empty cells agree with
    anything; values are compared as text without the spaces around them.
    """
    problems = []
    if not extra or usable.empty:
        return problems
    keys = [usable[k].astype("string").fillna("") for k in group_keys]
    if len(keys) > 2:  # one participant, one timepoint, one response (round 14c W16)
        keys = [keys[0], keys[1].str.cat(keys[2:], sep="\x00")]
    for col in extra:
        text = usable[col].astype("string").str.strip()
        given = text.notna().to_numpy(dtype=bool) & text.ne("").fillna(False).to_numpy(dtype=bool)
        if given.sum() < 2:
            continue
        frame = pd.DataFrame({"a": keys[0].to_numpy(), "b": keys[1].to_numpy(),
                              "v": text.to_numpy(dtype=object), "r": usable["_row"].to_numpy()})
        frame = frame[given]
        grouped = frame.groupby(["a", "b"], sort=False)
        first_value = grouped["v"].transform("first")
        first_row = grouped["r"].transform("first")
        bad = (frame["v"] != first_value).to_numpy(dtype=bool)
        for pos in np.flatnonzero(bad):
            problems.append(Problem(
                int(frame["r"].iloc[pos]), col, frame["v"].iloc[pos],
                f"this response's rows (one participant, one timepoint) give {col} two values: "
                f"{first_value.iloc[pos]!r} on row {int(first_row.iloc[pos])}, "
                f"{frame['v'].iloc[pos]!r} here; write it once, or the same on each row"))
    return problems


def _spell_timepoints(table: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """``Post`` written ``post`` (and any timepoint in its one spelling), and notes saying so."""
    column = table[schema.TIMEPOINT]
    labels = [v for v in distinct(column)[1].tolist() if isinstance(v, str)]
    rename = timepoints.spellings(labels)
    if not rename:
        return table, []
    table = table.copy()
    table[schema.TIMEPOINT] = column.replace(rename)
    return table, timepoints.notes(rename)


def clean_id(value):
    r"""A participant id as a person reads it: no invisible characters, no spaces around it.

    Unicode's composed form (NFC: an ``ë`` typed as ``e`` and a combining mark is ``ë``),
    without format characters (zero-width spaces and joiners, the byte-order mark, soft
    hyphens, direction marks: category Cf), and without spaces around it, no-break ones
    included. Anything that is not text (a number from a spreadsheet) stays as it is.

    >>> clean_id("AUT-001\u200b"), clean_id(" AUT-002\xa0"), clean_id("Zoe\u0308")
    ('AUT-001', 'AUT-002', 'Zoë')
    """
    if not isinstance(value, str):
        return value
    if value.isascii():
        return value.strip()
    text = unicodedata.normalize("NFC", value)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


#: Ids listed in a note before "and N more".
_LISTED = 8


#: The formula guard the kit's CSV writer (:func:`workbook.core.files.neutralise_formulas`) puts
#: before an id such as ``=HYPERLINK(...)`` or ``+1+1``: an apostrophe before a formula start.
#: A text that starts with apostrophes before such a start got one more (``'+1`` is written
#: ``''+1``), so exactly one is dropped on reading.
_GUARDED = re.compile(r"'(?='*[=+\-@\t\r])")


def unguarded_id(value):
    """An id without the apostrophe a CSV writer put before it against formulas, if any.

    ``export-clients`` writes the client ``+1+1`` as ``'+1+1`` so that a spreadsheet does not
    run it; reading the export back gives the client's own id again.

    >>> unguarded_id("'+1+1"), unguarded_id("'quoted"), unguarded_id("+1")
    ('+1+1', "'quoted", '+1')
    >>> unguarded_id("''+1")  # the client '+1, guarded once more
    "'+1"
    """
    if isinstance(value, str) and _GUARDED.match(value):
        return value[1:]
    return value


def _as_written(value) -> str:
    r"""``value`` quoted, with each combining mark as its escape (attacks5 C13 e).

    An id typed with a letter and a combining mark (``e`` + U+0308) looks the same as its
    composed form (``ë``) on screen: the note saying one was read as the other shows the
    mark, so both sides of the arrow differ.

    >>> print(_as_written("Zoe\u0308-1"), _as_written("Zoë-1"))
    'Zoe\u0308-1' 'Zoë-1'
    """
    text = quoted(value)
    if text.isascii():
        return text
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.combining(ch) else ch for ch in text)


def tidy_ids(table: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """Participant ids cleaned by :func:`clean_id`, and notes saying which rows changed.

    An id the kit's CSV writer guarded against formulas (``'+1+1``) is read without that
    apostrophe (:func:`unguarded_id`), in a note of its own. A second note lists ids that
    differ only in capitals, punctuation or width (``AUT-002``, ``aut-002``, ``AUT–002``):
    they stay people of their own, but are likely one.
    """
    return _tidy_ids(table)[:2]


def _tidy_ids(table: pd.DataFrame) -> tuple[pd.DataFrame, list, tuple | None]:
    """:func:`tidy_ids`, and :attr:`Reshaped.ids` (None when an id changed)."""
    column = table[schema.PARTICIPANT_ID]
    codes, uniques = distinct(column)
    texts = uniques.to_numpy(dtype=object)
    found = texts.tolist()  # 10x faster than iterating the array
    # a "str" column holds only str objects (and missing cells, not among the distinct)
    joined = _joined(found, texts=isinstance(column.dtype, pd.StringDtype)
                     and column.dtype.storage == "python")
    if joined is not None and joined.isascii() and "'" not in joined \
            and not _edge_space(joined):  # plain ids (most files): nothing to clean
        # nothing to strip either: these are the codes and texts validation reads
        notes = _look_alike_ids(found, joined) + _zero_padded_ids(found, joined)
        return table, notes, (column.array, codes, texts)
    tidied = [clean_id(v) for v in found]
    cleaned = [unguarded_id(v) for v in tidied]
    # an apostrophe is dropped only when that makes no id the file also holds: ``'+1`` beside
    # ``+1`` stays ``'+1`` (two people, named as look-alikes below), never one silently
    cleaned = _unmerged(tidied, cleaned)
    guarded = [a != b for a, b in zip(tidied, cleaned)]
    rename = {v: c for v, c in zip(found, cleaned) if isinstance(v, str) and v != c}
    notes = []
    if rename:
        table = table.copy()
        table[schema.PARTICIPANT_ID] = column.replace(rename)
        rows = np.asarray(table.index)
        # An id of only spaces becomes empty: a problem of its row, not a note.
        changed = np.array([isinstance(v, str) and bool(rename.get(v)) for v in found],
                           dtype=bool)
        for which, said in ((~np.array(guarded, dtype=bool),
                             "without the invisible characters or spaces around them"),
                            (np.array(guarded, dtype=bool),
                             "without the apostrophe put before them so that a spreadsheet "
                             "does not run them as formulas")):
            listed = []
            codes_changed = np.flatnonzero(changed & which)
            for code in codes_changed[:_LISTED]:
                at = rows[codes == code]
                where = ", ".join(str(r) for r in at[:5]) + (" ..." if len(at) > 5 else "")
                listed.append(f"{_as_written(found[code])} -> {quoted(cleaned[code])} "
                              f"(row{'s' if len(at) > 1 else ''} {where})")
            more = len(codes_changed) - len(listed)
            if listed:
                notes.append(f"participant ids read {said}: {', '.join(listed)}"
                             f"{f' and {more} more' if more > 0 else ''}")
    kept = [c for c in dict.fromkeys(cleaned) if isinstance(c, str)]
    notes.extend(_look_alike_ids(kept))
    notes.extend(_zero_padded_ids(kept))
    return table, notes, None


def unguarded_cohorts(table: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """The cohort column without the formula guard of the kit's CSV writer, and a note.

    ``'+Spring`` is ``+Spring`` (attacks5 C13: `score` kept the apostrophe, and its own
    output then guarded it once more, ``''+Spring``); the note names the labels.

    >>> frame = pd.DataFrame({"cohort": ["'+Spring", "'+Spring", "Autumn", None]},
    ...                      dtype="string")
    >>> out, notes = unguarded_cohorts(frame)
    >>> out["cohort"].tolist(), notes[0].startswith("cohort labels read without the apostrophe")
    (['+Spring', '+Spring', 'Autumn', <NA>], True)
    """
    column = table[schema.COHORT]
    found = [v for v in distinct(column)[1].tolist() if isinstance(v, str)]
    if not any(v.startswith("'") or not v.isascii() for v in found):
        return table, []
    # invisible characters (a zero-width space pasted with a label) make no group of their
    # own (attacks5 C22), as in ids; spaces around a label are the grouping's to settle
    visible = [_visible(v) for v in found]
    cleaned = _unmerged(visible, [unguarded_id(v) for v in visible])
    rename = {v: c for v, c in zip(found, cleaned) if v != c}
    if not rename:
        return table, []
    table = table.copy()
    changed = column.isin(list(rename)).to_numpy(dtype=bool)
    table[schema.COHORT] = column.mask(changed, column.map(rename, na_action="ignore"))
    notes = []
    for which, said in ((lambda v, c: v != _visible(v),
                         "without the invisible (zero-width) characters in them"),
                        (lambda v, c: _visible(v) != c,
                         "without the apostrophe put before them so that a spreadsheet does "
                         "not run them as formulas")):
        listed = [f"{quoted(v)} -> {quoted(c)}" for v, c in rename.items() if which(v, c)]
        if listed:
            more = len(listed) - _LISTED
            notes.append(f"{schema.COHORT} labels read {said}: {', '.join(listed[:_LISTED])}"
                         + (f" and {more} more" if more > 0 else ""))
    return table, notes


#: Characters that show as nothing (zero-width space, non-joiner, joiner, word joiner, byte
#: order mark, soft hyphen): pasted with a label, they would make a group of its own. A
#: direction mark changes how a label shows, so it stays (and is shown escaped).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _visible(text: str) -> str:
    """``text`` in Unicode's composed form without characters that show as nothing."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)


def _unmerged(tidied: list, cleaned: list) -> list:
    """``cleaned`` with a dropped apostrophe put back where it would join two ids into one.

    The kit's writer guards ``'+1`` as ``''+1``, so its files never meet this; a file of
    other origin holding ``+1`` and ``'+1`` keeps two people.
    """
    cleaned = list(cleaned)
    while True:
        owners = {}
        for t, c in zip(tidied, cleaned):
            owners.setdefault(c, set()).add(t)
        back = [i for i, (t, c) in enumerate(zip(tidied, cleaned))
                if c != t and len(owners[c]) > 1]
        if not back:
            return cleaned
        for i in back:
            cleaned[i] = tidied[i]


#: Spaces at the start or end of an id, in ids joined one a line.
_EDGE_SPACE = re.compile(r"^\s|\s$", re.MULTILINE)


#: ASCII characters ``\s`` matches, but the line feed that joins ids.
_ASCII_SPACES = "".join(chr(c) for c in range(128) if chr(c).isspace() and chr(c) != "\n")


def _edge_space(joined: str) -> bool:
    r"""Whether an id of ``joined`` (ASCII, one a line) starts or ends with a space.

    ``_EDGE_SPACE.search(joined)``, without the regular expression (50 ms for 500,000 ids)
    when no space but the line feeds is there and no line is empty: then none can match.

    >>> _edge_space("a\nb c\nd"), _edge_space("a\nb \nd"), _edge_space("a\n\nd")
    (False, True, True)
    """
    if any(space in joined for space in _ASCII_SPACES) or "\n\n" in joined \
            or joined[:1] == "\n" or joined[-1:] == "\n":
        return _EDGE_SPACE.search(joined) is not None
    return False


def _joined(ids: list, texts: bool = False) -> str | None:
    """Ids joined one a line, to look at all of them in one step (C speed).

    None when one is not text or holds a line break itself. ``texts``: every id is known to
    be a ``str`` (the distinct values of a pandas ``str`` column), so none is looked at.
    """
    if not texts and not all(type(v) is str for v in ids):
        return None
    joined = "\n".join(ids)
    return joined if joined.count("\n") == len(ids) - 1 else None


#: Bytes (ASCII) that are a letter or a digit.
_ALNUM = np.array([chr(c).isalnum() and c < 128 for c in range(256)], dtype=bool)


def _same_marks(joined: str, n: int) -> bool:
    r"""Whether ``n`` ASCII ids (joined one a line) share one length and marks at one place.

    Marks: characters that are neither letters nor digits, the same ones at the same places.

    >>> _same_marks("ing-001\ning-002", 2), _same_marks("a-b1\nab-1", 2)
    (True, False)
    >>> _same_marks("a-1\nab-1", 2), _same_marks("a-1\na_1", 2)
    (False, False)
    """
    data = np.frombuffer((joined + "\n").encode("ascii"), dtype=np.uint8)
    if len(data) % n:
        return False
    grid = data.reshape(n, len(data) // n)
    if not (grid[:, -1] == 10).all():
        return False  # ids of different lengths
    grid = grid[:, :-1]
    marks = ~_ALNUM[grid]
    if (grid == 10).any() or not (marks == marks[0]).all():
        return False
    return bool((grid[:, marks[0]] == grid[0, marks[0]]).all())


#: Every ASCII character that is neither a letter nor a digit, but the line feed.
_ASCII_PUNCTUATION = "".join(chr(c) for c in range(128)
                             if not chr(c).isalnum() and chr(c) != "\n")


def _look_alike_ids(ids, joined=None) -> list:
    """A note naming ids that differ only in capitals, punctuation or width, if any.

    Each id's key (compatibility form, case folded, letters and digits only) is made for all
    ids at once; only ids sharing a key are looked at one by one. ``ids`` are distinct.

    >>> _look_alike_ids(["P001", "P002"]), "'ab1' and 'AB1'" in _look_alike_ids(["ab1", "AB1"])[0]
    ([], True)
    """
    ids = list(ids)
    if len(ids) < 2:
        return []
    if joined is None:  # (given when the caller has joined them)
        joined = _joined(ids)
    if joined is not None and joined.isascii():  # the usual case, in C: no two share a key?
        plain = joined.lower().translate(str.maketrans("", "", _ASCII_PUNCTUATION))
        if joined in (joined.upper(), joined.lower()) and "\n\n" not in joined \
                and joined[:1] != "\n" and joined[-1:] != "\n" \
                and (len(plain) == len(joined) or _same_marks(joined, len(ids))):
            # Letters of one case only, no empty id, and no punctuation, or the same marks
            # at the same places of ids of one length (ing-000001): a key is its id
            # lower-cased less those places, one each (distinct ids, as given). No set needed.
            return []
        found = [key for key in plain.split("\n") if key]
        if len(set(found)) == len(found):
            return []
    ids = pd.Series(ids, dtype="str")
    keys = ids.copy()
    wide = ~keys.str.isascii()
    if wide.any():
        keys[wide] = [unicodedata.normalize("NFKC", v) for v in keys[wide]]
    keys = keys.str.casefold().str.replace(r"[\W_]+", "", regex=True)
    shared = keys.duplicated(keep=False) & (keys != "")
    if not shared.any():
        return []
    groups = ids[shared].groupby(keys[shared], sort=False).agg(list)
    listed = "; ".join(" and ".join(quoted(p) for p in g) for g in groups.iloc[:_LISTED])
    more = len(groups) - _LISTED
    return ["participant ids that differ only in capitals, punctuation or width, counted as "
            f"different people: {listed}{f'; and {more} more' if more > 0 else ''}. If one "
            "person wrote their id two ways, write it one way"]


#: An id of digits only starting with a zero (found in ids joined one a line).
_PADDED = re.compile(r"^0[0-9]*$", re.MULTILINE)


def _zero_padded_ids(ids, joined=None) -> list:
    """A note naming ids of digits that differ only in leading zeros (round 14c W19).

    A spreadsheet stores ``001`` typed into a number cell as 1: the same person's rows then
    hold ``001`` and ``1``. They stay different people (as look-alikes do), named.

    >>> "'001' and '1'" in _zero_padded_ids(["001", "002", "1"])[0]
    True
    >>> _zero_padded_ids(["001", "010", "100"])
    []
    """
    ids = [v for v in ids if isinstance(v, str)]
    if len(ids) < 2:
        return []
    if joined is None:
        joined = _joined(ids)
    if joined is not None and not _PADDED.search(joined):  # no id 0..., in C: the usual case
        return []
    groups = {}
    for v in ids:
        if v.isascii() and v.isdigit():
            groups.setdefault(v.lstrip("0") or "0", []).append(v)
    shared = [g for g in groups.values() if len(g) > 1]
    if not shared:
        return []
    listed = "; ".join(" and ".join(quoted(p) for p in g) for g in shared[:_LISTED])
    more = len(shared) - _LISTED
    return ["participant ids that differ only in leading zeros (a spreadsheet drops them from "
            f"an id stored as a number), counted as different people: {listed}"
            f"{f'; and {more} more' if more > 0 else ''}. If one person's id was written two "
            "ways, write it one way (as text, to keep the zeros)"]


def _rejoin(column: pd.Series, separator: str) -> pd.Series:
    """Multi-select answers joined by the tool's separator, rejoined by ``;``, lower case."""
    def fix(value):
        parts = [p.strip().lower() for p in str(value).split(separator)]
        return schema.MOTIVATOR_SEPARATOR.join(p for p in parts if p)

    uniques = column.dropna().unique()
    return column.map({u: fix(u) for u in uniques})
