"""Write the bundled synthetic sample and its survey exports: ``python data/make_sample.py``.

Everyone in it is invented. The same seed always gives the same files; tests check that the
committed CSV matches what this script makes, and that every export scores like it. The
sample answers the kit's instrument (2.1); its ``conversations_held`` follows a stated,
seeded relation with the ``post`` scores (``workbook.responses.datasets.TALK_*``, data/README.md).

Writes:

- ``sample_cohort.csv``: the canonical table;
- ``samples/qualtrics_export.csv``: the same answers as a Qualtrics CSV export;
- ``samples/google_forms_export.csv`` and ``samples/google_forms_mapping.csv``: as a Google
  Forms export, with the mapping file naming its id, cohort and timepoint questions;
- ``samples/microsoft_forms_export.xlsx``: as a Microsoft Forms export.
"""

import io
from pathlib import Path

from workbook.core.files import atomic_write, write_csv
from workbook.responses.datasets import make_sample
from workbook.responses.sample_exports import (
    google_forms_mapping,
    google_forms_table,
    microsoft_forms_table,
    qualtrics_csv,
)

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"


def main() -> None:
    data = make_sample()
    out = write_csv(data, HERE / "sample_cohort.csv")
    print(f"wrote {len(data)} responses to {out}")
    written = [
        atomic_write(SAMPLES / "qualtrics_export.csv", "\ufeff" + qualtrics_csv(data)),
        write_csv(google_forms_table(data), SAMPLES / "google_forms_export.csv"),
        write_csv(google_forms_mapping(), SAMPLES / "google_forms_mapping.csv"),
    ]
    buffer = io.BytesIO()
    microsoft_forms_table(data).to_excel(buffer, index=False, engine="openpyxl")
    written.append(atomic_write(SAMPLES / "microsoft_forms_export.xlsx", buffer.getvalue()))
    for path in written:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
