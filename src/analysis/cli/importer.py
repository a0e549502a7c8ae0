"""``briefs import FILE|FOLDER [--region NAME] [--level L] [--data data/raw] [--force]``.

A CSV or JSON Lines file of full report texts, or a folder of ``<year>.txt|html|docx|pdf``
report files with an optional ``manifest.csv``. See :mod:`analysis.ingest` for the formats and
the rules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.errors import InputError

LEVELS = ("national", "province", "city", "prefecture", "district", "county", "town")


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs import``."""
    p.add_argument(
        "file",
        type=Path,
        metavar="FILE|FOLDER",
        help="a CSV or JSON Lines file of full report texts, or a folder of <year>.txt|html|"
        "docx|pdf reports (with an optional manifest.csv: year, title, source_url, publish_date)",
    )
    p.add_argument("--region", help="a folder import's region (default: the folder's name)")
    p.add_argument(
        "--level", choices=LEVELS, help="a folder import's level (default: from the region name)"
    )
    p.add_argument(
        "--data", type=Path, default=Path("data/raw"), help="the reports folder (data/raw)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace a report whose text differs from the file's"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``briefs import``: one line per report written or already there."""
    from analysis.ingest import import_file, import_folder

    if args.file.is_dir():
        paths = import_folder(
            args.file, args.data, region=args.region, level=args.level, force=args.force
        )
    elif args.region or args.level:
        raise InputError(args.file, "--region and --level apply to a folder; a file names its own")
    else:
        paths = import_file(args.file, args.data, force=args.force)
    for path in paths:
        print(path)
    return 0
