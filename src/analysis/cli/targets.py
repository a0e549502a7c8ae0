"""``briefs targets DIR [-o OUT]``: one region's targets lined up with the actuals a year later
(:mod:`analysis.targets`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import OutputError
from analysis.store import write_table
from analysis.tables.targets import targets_dir


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs targets``."""
    p.add_argument("path", type=Path, help="a folder holding one region's reports")
    p.add_argument(
        "-o", "--out", type=Path, help="output .csv, .parquet or .json (default: CSV on stdout)"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``briefs targets``."""
    if args.out is not None and args.out.suffix.lower() not in (".csv", ".parquet", ".json"):
        raise OutputError(args.out, "output must end in .csv, .parquet or .json")
    write_table(targets_dir(args.path), sys.stdout if args.out is None else args.out)
    return 0
