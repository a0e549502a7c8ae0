"""``briefs compare YEAR [--data D] [--regions R ...] [--level L] [-o OUT.csv|.parquet]``.

The comparison table of one year's reports (contract ``compare.csv`` in
:mod:`analysis.schema`): every region of one level, last year's figures and this year's
targets, one row per (region, indicator, kind, role). CSV on stdout without ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import OutputError
from analysis.years import year_argument


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs compare``."""
    p.add_argument("year", type=year_argument, help="report year to compare, e.g. 2026")
    p.add_argument("--data", type=Path, default=Path("data/raw"),
                   help="folder of region folders (default data/raw)")  # fmt: skip
    p.add_argument("--regions", nargs="+", metavar="R",
                   help="only these regions (folder names); default: every region with a report")  # fmt: skip
    p.add_argument("--level", default="",
                   help="administrative level to compare (province, city, county …); default: "
                   "the level most regions of the year share")  # fmt: skip
    p.add_argument("-o", "--out", type=Path,
                   help="output .csv or .parquet (default: CSV on stdout)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run ``briefs compare``."""
    from analysis.store import write_table
    from analysis.tables.compare import load

    if args.out is not None and args.out.suffix.lower() not in (".csv", ".parquet"):
        raise OutputError(args.out, "output must end in .csv or .parquet")
    cmp = load(args.year, args.data, args.regions, args.level)
    write_table(cmp.figures, sys.stdout if args.out is None else args.out)
    return 0
