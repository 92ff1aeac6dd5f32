"""Small helpers the reading tests share: a command run, a CSV written, a row of answers."""

import subprocess
import sys

from workbook.core.instrument import load_instrument

IDS = list(load_instrument().item_ids)


def cli(*args, **kwargs):
    """Run ``workbook ARGS``; no traceback and no "unexpected error" may reach stderr."""
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, **kwargs)
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr, proc.stderr
    return proc


def write(tmp_path, header, rows, name="data.csv"):
    """Write ``header`` and ``rows`` as a comma-separated UTF-8 file; return its path."""
    path = tmp_path / name
    path.write_text("\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n",
                    encoding="utf-8")
    return path


def answers(value=3):
    """Every statement answered ``value``, as text cells in item order."""
    return [str(value)] * len(IDS)
