"""Figures draw every piece of user text literally: no mathtext, no crash on odd characters."""

import io

import pandas as pd
import pytest

from workbook import score
from workbook.cli import main
from workbook.cohort_plots import cohort_figures
from workbook.datasets import load_sample, sample_path
from workbook.instrument import DEFAULT_PATH, load_instrument
from workbook.palette import plain
from workbook.plots import history_chart, profile_chart

HOSTILE = [r"$\cmd$", "$x$", "a $5 and $6 b", "\ud800 lone", "😀", "x" * 300]


def _draw(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def _texts(fig) -> list:
    found = []
    for ax in fig.axes:
        found += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        found.append(ax.get_title(loc="left"))
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return found


def test_plain_escapes_dollars_and_cuts_long_text():
    assert plain(r"$\cmd$") == r"\$\cmd\$"
    assert plain("\ud800") == "?"
    assert len(plain("x" * 300)) == 60


@pytest.mark.parametrize("label", HOSTILE)
def test_cohort_figures_draw_any_group_label(label):
    data = load_sample()
    data["cohort"] = data["cohort"].replace({"2026-spring": label})
    figures = cohort_figures(data, score(data), "cohort")
    for name, fig in figures.items():
        assert _draw(fig)[:4] == b"\x89PNG", name
    shown = " ".join(" ".join(_texts(fig)) for fig in figures.values())
    assert plain(label)[:20] in shown


def test_cohort_cli_with_a_mathtext_label_writes_every_figure(tmp_path, capsys):
    data = pd.read_csv(sample_path(), dtype=str)
    data["cohort"] = data["cohort"].replace({"2026-spring": r"$\cmd$"})
    path = tmp_path / "math.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    assert len(list((tmp_path / "out").glob("*.png"))) == 5


@pytest.fixture
def odd_instrument(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace('name = "Hope"', 'name = "$\\\\frac{Hope$"', 1)
    text = text.replace('name = "Time"', 'name = "Time \\U0001F600 $"', 1)
    path = tmp_path / "instrument.toml"
    path.write_text(text, encoding="utf-8")
    return load_instrument(path)


def test_an_ingredient_name_matplotlib_cannot_parse_still_draws(odd_instrument):
    assert odd_instrument.ingredient("hope").name == "$\\frac{Hope$"
    data = load_sample()
    scores = score(data, odd_instrument)
    fig = profile_chart(scores.iloc[0], odd_instrument, title="$\\cmd$ report")
    assert _draw(fig)[:4] == b"\x89PNG"
    assert plain("$\\frac{Hope$") in _texts(fig)
    history = pd.DataFrame({"hope": [40.0, 60.0]}, index=["$a$", "$b$"])
    assert _draw(history_chart(history, odd_instrument))[:4] == b"\x89PNG"
    for fig in cohort_figures(data, scores, "cohort", instrument=odd_instrument).values():
        assert _draw(fig)[:4] == b"\x89PNG"
