"""``briefs import FILE [--data data/raw] [--force]``: a dataset of full texts → report files.

See :mod:`analysis.ingest` for the format and the rules.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs import``."""
    p.add_argument("file", type=Path, help="a CSV or JSON Lines file of full report texts")
    p.add_argument(
        "--data", type=Path, default=Path("data/raw"), help="the reports folder (data/raw)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace a report whose text differs from the file's"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``briefs import``: one line per report written or already there."""
    from analysis.ingest import import_file

    for path in import_file(args.file, args.data, force=args.force):
        print(path)
    return 0
