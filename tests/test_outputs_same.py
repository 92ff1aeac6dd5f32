"""The commands give exactly what they gave before the cohort was made fast (issue 12).

Each case runs a command in this process (:func:`workbook.cli.main`) on the bundled sample
and on a generated file of about 100,000 responses (three cohorts of thousands, a group of 3
and one of 7 so that small-group protection has work to do, some people with no cohort, a
few who changed cohort between ``pre`` and ``post``, rows in no particular order), and
reduces what it wrote to sha256 fingerprints: every CSV ``workbook score`` and
``workbook cohort`` (with and without ``--by cohort``) write, the overview ``workbook cohort``
prints, every figure it saves (PNG bytes), and the visible text of one personal report
(``workbook report participants --participant X``; title and body, image data and the day
left out, as ``tests/test_report_fast.py`` compares pages). ``tests/outputs_fingerprints.json``
holds the fingerprints recorded with the code before the speed work.

Regenerate (only when a change of output is intended, e.g. new wording):
``.venv/bin/python tests/test_outputs_same.py``, then check ``git diff`` of the JSON names
only the outputs you meant to change.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbook.cli import main

try:  # the report page's text, as tests/test_report_fast.py keeps it (one definition)
    from tests.test_report_fast import normalise
except ImportError:  # run as a script from tests/ (to regenerate the fingerprints)
    from test_report_fast import normalise
from workbook.responses.datasets import sample_path, simulate

pytestmark = pytest.mark.slow  # about 15 s: cohort runs and a report on 100,000 rows

FIXTURE = Path(__file__).with_name("outputs_fingerprints.json")
REGENERATE = (f"if this change of output is intended, regenerate the fingerprints with "
              f"`.venv/bin/python tests/{Path(__file__).name}` and check `git diff "
              f"tests/{FIXTURE.name}` names only what you meant to change")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def generated(folder: Path) -> tuple[Path, str]:
    """Write the generated file of about 100,000 responses; (path, a participant to report on)."""
    parts = [simulate(22_000, seed=11, cohort="2026-spring", id_prefix="A", attrition=0.15),
             simulate(19_000, seed=12, cohort="2026-summer", id_prefix="B", attrition=0.10),
             simulate(12_900, seed=13, cohort="2026-autumn", id_prefix="C", attrition=0.20),
             simulate(3, seed=14, cohort="tiny", id_prefix="D", attrition=0.0),
             simulate(7, seed=15, cohort="small", id_prefix="E", attrition=0.3)]
    data = pd.concat(parts, ignore_index=True)
    ids = data["participant_id"].astype(str)
    post = (data["timepoint"] == "post").to_numpy()
    # Six people of 2026-autumn moved to 2026-summer after; twenty people have no cohort.
    data.loc[post & ids.isin([f"C{i:05d}" for i in range(1, 7)]).to_numpy(), "cohort"] = \
        "2026-summer"
    data.loc[ids.isin([f"A{i:05d}" for i in range(100, 120)]).to_numpy(), "cohort"] = np.nan
    order = np.random.default_rng(5).permutation(len(data))
    data = data.iloc[order].reset_index(drop=True)
    path = folder / "generated_100k.csv"
    data.to_csv(path, index=False)
    return path, "B00042"


def _run(args: list) -> str:
    """``workbook ARGS`` in this process; what it printed (standard output)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main([str(a) for a in args])
    assert status == 0, (args, printed.getvalue())
    return printed.getvalue()


def outputs(path: Path, participant: str, folder: Path) -> dict:
    """Fingerprints of everything the commands write for ``path``, by case and file."""
    out = {}
    target = folder / "scores.csv"
    _run(["score", path, "--out", target])
    out["score"] = {"scores.csv": _sha(target.read_bytes())}
    for case, extra in (("cohort", []), ("cohort --by cohort", ["--by", "cohort"])):
        written = folder / case.replace(" ", "_").replace("-", "")
        said = _run(["cohort", path, "--out", written, *extra])
        said = said.replace(str(written.resolve()), "<out>")
        found = {p.name: _sha(p.read_bytes()) for p in sorted(written.glob("*.csv"))}
        found["overview"] = _sha(said.encode("utf-8"))
        out[case] = found
        out[case + " figures"] = {p.name: _sha(p.read_bytes())
                                  for p in sorted(written.glob("*.png"))}
    reports = folder / "reports"
    with contextlib.redirect_stderr(io.StringIO()):
        _run(["report", "participants", path, "--out", reports, "--participant", participant,
              "--jobs", "1"])
    pages = sorted((reports / "participants").glob("*.html"))
    assert len(pages) == 1, pages
    out["report"] = {pages[0].name: _sha(normalise(pages[0].read_text(encoding="utf-8"))
                                         .encode("utf-8"))}
    return out


def _fingerprints(folder: Path) -> dict:
    big, someone = generated(folder)
    result = {}
    for name, (path, participant) in {"sample": (sample_path(), "SPR-002"),
                                      "generated 100k": (big, someone)}.items():
        work = folder / name.replace(" ", "_")
        work.mkdir()
        for case, files in outputs(path, participant, work).items():
            result[f"{name}: {case}"] = files
    return result


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("outputs")


@pytest.fixture(scope="module")
def now(work):
    return _fingerprints(work)


@pytest.fixture(scope="module")
def before():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


_RECORDED = (sorted(json.loads(FIXTURE.read_text(encoding="utf-8"))) if FIXTURE.exists()
             else ["(no fixture)"])


def test_the_cases_are_the_recorded_ones(now, before):
    assert sorted(now) == sorted(before), REGENERATE


@pytest.mark.parametrize("case", _RECORDED)
def test_outputs_are_what_they_were(now, before, case):
    # The CSVs, the overview, the figures and the report text, byte for byte.
    changed = sorted(name for name in {*now[case], *before[case]}
                     if now[case].get(name) != before[case].get(name))
    assert not changed, f"{case}: {', '.join(changed)} changed; {REGENERATE}"


def test_the_generated_file_gives_small_groups_work(now, work):
    # Not a trivial case: a tiny group is hidden, people are left out, some have no cohort.
    summary = pd.read_csv(work / "generated_100k" / "cohort_by_cohort" / "summary.csv",
                          keep_default_na=False, na_values=[""])
    assert summary.loc[summary["cohort"] == "tiny", "mean"].isna().all()
    assert (summary["cohort"] == "tiny").any() and (summary["cohort"] == "(missing)").any()
    assert summary["n_not_shown"].sum() > 0
    assert len(pd.read_csv(work / "generated_100k.csv", usecols=[0])) > 99_000


if __name__ == "__main__":  # regenerate the fixture
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = _fingerprints(Path(tmp))
    FIXTURE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(result)} cases)", file=sys.stderr)
