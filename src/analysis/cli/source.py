"""``briefs source PATH [-o OUT.html] [--region R] [--year Y]``: the source view of one report.

The report's normalised text with every figure of its indicator table marked and the numbers
the table did not take underlined (:mod:`analysis.briefs.source`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import InputError, OutputError
from analysis.years import year_argument


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs source``."""
    p.add_argument("path", type=Path, help="a report file (.txt, .html, .docx, .pdf)")
    p.add_argument("--region", help="region slug (default: the file's folder name)")
    p.add_argument("--year", type=year_argument,
                   help="report year (default: from file name or title)")  # fmt: skip
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        help="output .html (default: <file stem>.source.html in the current folder)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the source view; print where, and how many numbers were not extracted."""
    from analysis.briefs.source import write_source
    from analysis.extract.files import data_folder, refusal
    from analysis.extract.indicators import extract_report

    path: Path = args.path
    out: Path = args.out or Path(f"{path.stem}.source.html")
    if out.suffix.lower() not in (".html", ".htm"):
        raise OutputError(out, "output must end in .html")
    if not path.exists() and not path.is_symlink():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "a folder; give one report file")
    why = refusal(path, data_folder(path))  # a pipe, a device, a link leaving the data folder
    if why:
        raise InputError(path, why)
    report, table = extract_report(path, region=args.region, year=args.year)
    missed = write_source(report, table, out)
    print(f"{out}: {len(table)} figures marked, {missed} numbers not extracted", file=sys.stderr)
    return 0
