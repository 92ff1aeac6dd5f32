"""Shared fixtures: small literal tables and a scratch folder."""

import os

import pandas as pd
import pytest
from hypothesis import settings

from workbook.instrument import load_instrument

# CI runs the same examples every time (a failure there reproduces by running the suite with
# HYPOTHESIS_PROFILE=ci); a developer's run draws new ones and keeps any failure it finds in
# .hypothesis/ to replay first.
settings.register_profile("ci", derandomize=True, print_blob=True)
_PROFILE = "ci" if os.environ.get("CI") else "default"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _PROFILE))


@pytest.fixture(scope="session")
def instrument():
    return load_instrument()


def full_row(value=3, participant_id="p1", **overrides):
    """One response answering every item with ``value`` (raw, before reverse keying)."""
    inst = load_instrument()
    row = {"participant_id": participant_id, **{i: value for i in inst.item_ids}}
    row.update(overrides)
    return row


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temporary folder and return its path."""

    def write(text, name="data.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def table(*rows):
    return pd.DataFrame(list(rows))
