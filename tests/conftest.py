"""Shared fixtures: small literal tables, a scratch folder, a workspace with one client."""

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


@pytest.fixture
def store(tmp_path):
    """A workspace with one client, "ann", who answered every statement on 2026-11-20.

    Her answers are :func:`tests.test_conversations_page.answers` (ready; 6 hours a week).
    A test module that defines its own ``store`` uses that one instead.
    """
    from tests.test_conversations_page import answers
    from workbook.session.store import ClientStore

    store = ClientStore(tmp_path / "ws")
    store.save("ann", answers(), session="2026-11-20")
    return store
