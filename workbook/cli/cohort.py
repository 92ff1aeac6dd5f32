"""``workbook cohort``: where a group stands and what changed, as tables and figures.

Only the parser is here; the work, with pandas and scipy, is in :mod:`workbook.cli._cohort`,
imported when the command runs, so other commands start quickly.
"""

from __future__ import annotations

from workbook.cli.common import reading_options
from workbook.core import schema

MIN_GROUP = schema.MIN_GROUP


def add_parser(sub) -> None:
    """Register ``workbook cohort``."""
    p = sub.add_parser(
        "cohort",
        help="cohort analysis: summary, verdict and bottleneck mix, before/after change, "
        "reliability, figures",
        description="Analyse a cohort's responses: per ingredient the summary and levels, the "
        "verdict and bottleneck mix, the change from pre to post, reliability, and figures, "
        "written as CSV tables and PNG figures into --out. Groups smaller than --min-group "
        "show their count only.",
    )
    p.add_argument("data", metavar="DATA",
                   help="responses: the kit's table, or a Qualtrics, Google Forms or "
                   "Microsoft Forms export")
    p.add_argument("--out", metavar="DIR", required=True, help="folder for tables and figures")
    p.add_argument("--by", metavar="COLUMN", help="also group by this column (e.g. cohort)")
    p.add_argument("--map", metavar="FILE", dest="mapping",
                   help="mapping file: columns 'column,item_id' naming what columns hold")
    p.add_argument("--min-group", metavar="K", type=int, default=MIN_GROUP,
                   help=f"groups smaller than K show their count only (default {MIN_GROUP})")
    p.add_argument("--skip-invalid", action="store_true",
                   help="leave out the rows that have problems instead of refusing the file")
    p.add_argument("--instrument", metavar="FILE",
                   help="an instrument file (default: the kit's own)")
    reading_options(p)
    p.set_defaults(func=cmd_cohort)


def cmd_cohort(args) -> int:
    """Run the cohort analysis and write its tables and figures."""
    from workbook.cli._cohort import cmd_cohort as run

    return run(args)
