"""Figures draw every piece of user text literally: no mathtext, no crash on odd characters."""

import io

import pandas as pd
import pytest

from workbook import score
from workbook.cli import main
from workbook.cohort.plots import cohort_figures
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.palette import plain
from workbook.responses.datasets import load_sample, sample_path
from workbook.session.plots import history_chart, profile_chart

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


def _many_groups(n_groups, size=5):
    from workbook.core.instrument import load_instrument

    items = load_instrument().item_ids
    rows = [{"participant_id": f"g{g}-{j}", "cohort": f"c{g:03d}", "timepoint": "pre",
             **{item: 1 + (g + j + k) % 5 for k, item in enumerate(items)}}
            for g in range(n_groups) for j in range(size + (g == 7))]
    return pd.DataFrame(rows)


def test_largest_groups_by_hand():
    from workbook.cohort.groups import largest_groups

    data = pd.DataFrame({"cohort": ["a", "b", "b", "c", "c", "c", "d", "d"]})
    assert largest_groups(data, "cohort", 2) == ({("c",), ("b",)}, 2)  # b before d on a tie
    assert largest_groups(data, ["timepoint"], 2) == (None, 0)


@pytest.mark.parametrize("n_groups", [30, 120])
def test_figures_draw_the_largest_groups_and_name_the_rest(n_groups):
    data = _many_groups(n_groups)
    figures = cohort_figures(data, score(data), "cohort")
    sizes = {name: tuple(fig.get_size_inches()) for name, fig in figures.items()}
    labels = [t.get_text() for t in figures["verdicts"].axes[0].get_yticklabels()]
    assert len(labels) == 13  # the whole and the 12 largest
    assert labels[0].startswith("pre / all") and any("c007 (n=6)" in lb for lb in labels)
    for name in ("distributions", "verdicts", "bottlenecks", "items"):
        note = figures[name].get_supxlabel()
        assert f"{n_groups - 12} more groups left out" in note, name
    # The same size whatever the number of groups.
    assert sizes == {name: tuple(fig.get_size_inches()) for name, fig in
                     cohort_figures(*(lambda d: (d, score(d)))(_many_groups(40)),
                                    "cohort").items()}
    assert all(h < 45 and w < 20 for w, h in sizes.values())


def test_the_overview_names_the_groups_left_out(tmp_path, capsys):
    path = tmp_path / "many.csv"
    _many_groups(20).to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    text = capsys.readouterr().out
    assert text.count(": mean score (n)") == 13
    assert "(8 more group(s) left out here: the 12 largest are shown" in text
    summary = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert summary["cohort"].nunique() == 21  # every group is in the tables
