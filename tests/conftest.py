"""Shared fixtures: small literal tables and a scratch folder."""

import pandas as pd
import pytest

from workbook.core.instrument import load_instrument


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
