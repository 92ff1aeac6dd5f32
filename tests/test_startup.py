"""Quick commands stay quick: they import no pandas, scipy or matplotlib (issue 12).

A check of what is imported, not of seconds: benchmarks/bench_startup.py measures the time.
"""

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "scipy", "matplotlib", "nbformat", "papermill")


def modules_after(*argv):
    code = (
        "import io, json, sys, contextlib\n"
        "from workbook.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    status = main(sys.argv[1:])\n"
        "result = {'status': status, 'out': out.getvalue(), 'modules': list(sys.modules)}\n"
        "print(json.dumps(result))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["items"], ["--help"], ["cohort", "--help"],
                                  ["report", "cohort", "--help"], ["init", "--help"]])
def test_quick_commands_import_nothing_heavy(argv):
    if argv == ["--help"] or argv[-1] == "--help":
        # argparse exits after printing help: run it through the console entry instead.
        code = ("import sys\nfrom workbook.cli import main\ntry:\n    main(sys.argv[1:])\n"
                "except SystemExit:\n    pass\nprint('\\n'.join(sys.modules))")
        proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        loaded = set(proc.stdout.splitlines())
        assert "usage: workbook" in proc.stdout
    else:
        result = modules_after(*argv)
        assert result["status"] == 0
        loaded = set(result["modules"])
        assert result["out"].startswith("item_id,ingredient,text,reverse\n")
        assert len(result["out"].splitlines()) == 26  # the header and 25 items
    heavy = sorted(m for m in HEAVY if m in loaded)
    assert heavy == [], f"`workbook {' '.join(argv)}` imported {heavy}"
