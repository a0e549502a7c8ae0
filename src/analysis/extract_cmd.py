"""``briefs extract PATH [--region R] [--year Y] [-o OUT]``: the indicator table of a file or folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .errors import InputError, OutputError
from .indicators import extract_report
from .io import write_table

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def report_files(path: Path) -> list[Path]:
    """The report files under ``path`` (itself when it is a file), sorted."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(path, "no such file or folder")
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )
    if not files:
        raise InputError(path, f"no report files ({', '.join(REPORT_SUFFIXES)}) in this folder")
    return files


def extract_paths(path: Path, region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The concatenated indicator table of every report under ``path``."""
    tables = [extract_report(f, region=region, year=year)[1] for f in report_files(path)]
    return pd.concat(tables, ignore_index=True)


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs extract``."""
    p.add_argument("path", type=Path, help="a report file or a folder of reports")
    p.add_argument("--region", help="region slug (default: the file's folder name)")
    p.add_argument("--year", type=int, help="report year (default: from file name or title)")
    p.add_argument("-o", "--out", type=Path, help="output .csv, .parquet or .json (default: CSV on stdout)")


def run(args: argparse.Namespace) -> int:
    """Run ``briefs extract``."""
    if args.out is not None and args.out.suffix.lower() not in (".csv", ".parquet", ".json"):
        raise OutputError(args.out, "output must end in .csv, .parquet or .json")
    table = extract_paths(args.path, region=args.region, year=args.year)
    if args.out is None:
        write_table(table, sys.stdout)
    else:
        write_table(table, args.out)
    return 0
