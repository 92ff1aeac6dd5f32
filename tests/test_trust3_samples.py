"""Issue 20, session 6: the sample survey exports carry the sample's conversations_held."""
import pandas as pd
import pytest

from workbook.core import schema
from workbook.responses.datasets import load_sample
from workbook.responses.io import load_responses
from workbook.responses.sample_exports import sample_exports_dir

SAMPLES = sample_exports_dir()


@pytest.mark.parametrize(("name", "mapping"), [
    ("qualtrics_export.csv", None),
    ("google_forms_export.csv", "google_forms_mapping.csv"),
    ("microsoft_forms_export.xlsx", None),
])
def test_each_sample_export_holds_the_sample_conversations_held(name, mapping):
    data = load_responses(SAMPLES / name, mapping=mapping and SAMPLES / mapping)
    expected = load_sample()[schema.CONVERSATIONS_HELD]
    assert expected.notna().sum() == 98  # hand count: 231 rows, 133 empty (124 pre, 9 post)
    got = pd.array(data[schema.CONVERSATIONS_HELD].tolist(), dtype="Int64")
    assert got.tolist() == pd.array(expected.tolist(), dtype="Int64").tolist()
