"""Write the bundled synthetic sample: ``python data/make_sample.py``.

Everyone in it is invented. The same seed always gives the same file; a test checks that the
committed CSV matches what this script makes.
"""

from pathlib import Path

from workbook.datasets import make_sample
from workbook.files import write_csv

HERE = Path(__file__).resolve().parent


def main() -> None:
    data = make_sample()
    out = write_csv(data, HERE / "sample_cohort.csv")
    print(f"wrote {len(data)} responses to {out}")


if __name__ == "__main__":
    main()
