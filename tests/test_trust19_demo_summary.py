"""Round 13c T18: the demo's printed means are the cohort's own (summary.csv, the report).

Before, the demo printed means over every scored response (post Hope 65.3 over 105), while
``summary.csv`` and the cohort report leave out the people who answered an ingredient only
once (65.2 over 104), so the terminal and the page disagreed.
"""
import re

import pandas as pd

from workbook.cli import main
from workbook.cli.basic import summary_text
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import load_sample, sample_path


def test_the_demo_prints_the_means_summary_csv_holds(tmp_path):
    instrument = load_instrument()
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "c")]) == 0
    summary = pd.read_csv(tmp_path / "c" / "summary.csv")
    text = summary_text(load_sample(), instrument)
    names = {ing.name: ing.id for ing in instrument.ingredients}
    blocks = re.split(r"\n(?=\S)", text.strip())
    seen = 0
    for block in blocks:
        head, *rows = block.splitlines()
        timepoint = head.split(" (")[0]
        for line in rows:
            m = re.match(r"\s+(\S+)\s+mean\s+([\d.]+) / 100\s+\((\d+) scored\)", line)
            if not m:
                continue
            want = summary[(summary["timepoint"] == timepoint)
                           & (summary["ingredient"] == names[m.group(1)])].iloc[0]
            assert float(m.group(2)) == round(want["mean"], 1), (timepoint, line)
            assert int(m.group(3)) == want["n"], (timepoint, line)
            seen += 1
    assert seen == 10  # five ingredients at pre and at post


def test_post_hope_is_the_protected_figure():
    text = summary_text(load_sample(), load_instrument())
    post = text.split("post (")[1]
    # by hand from summary.csv: 104 scored, mean 65.228 (one person left out, 65.3 over 105)
    assert "Hope         mean  65.2 / 100  (104 scored)" in post
    assert "left out of its mean and of the verdicts here" in post
