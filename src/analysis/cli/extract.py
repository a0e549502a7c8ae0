"""``briefs extract PATH [--region R] [--year Y] [-o OUT] [--scheduler ADDRESS]``.

The indicator table of a report file or of every report in a folder, as CSV, JSON or Parquet (a
partitioned Parquet dataset for a folder, see :mod:`analysis.run.dataset`); see :data:`EPILOG`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import InputError, OutputError
from analysis.years import year_argument

# The library is imported where it is used: ``briefs`` builds only the chosen subcommand's
# parser, but importing the extractor (regexes, cn2an, pyarrow) for ``--help`` cost ~1 s.


def report_files(path: Path) -> list[Path]:
    """The report files under ``path`` (:mod:`analysis.extract.files`); an error when none."""
    from analysis.extract.files import REPORT_SUFFIXES
    from analysis.extract.files import report_files as find

    files = find(path)
    if not files:
        raise InputError(path, f"no report files ({', '.join(REPORT_SUFFIXES)}) in this folder")
    return files


EPILOG = """\
output, by OUT's extension:
  none        CSV on stdout
  .csv .json  one table of every report, written atomically
  .parquet    PATH a file: one Parquet file
              PATH a folder: a Parquet dataset, a directory partitioned
              region=<slug>/report_year=<year>/ (hive layout), built beside
              OUT and renamed into place; an existing OUT is replaced whole

a folder with unreadable reports: each failing file is reported on stderr as
"path: problem", the others are extracted and written, and the exit status
is 1 (no output at all when every file fails).

--scheduler ADDRESS runs the per-file extraction on a Dask cluster: a
scheduler address (tcp://host:8786), or local / local:N to start N worker
processes on this machine (one per core by default).
"""


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs extract``."""
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("path", type=Path, help="a report file or a folder of reports")
    p.add_argument("--region", help="region slug (default: the file's folder name)")
    p.add_argument("--year", type=year_argument,
                   help="report year (default: from file name or title)")  # fmt: skip
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        help="output .csv, .parquet or .json (default: CSV on stdout); see below",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on a Dask cluster: tcp://host:port, local or local:N",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``briefs extract``; 1 when some report in a folder could not be read."""
    from analysis.run.dataset import extract_files, write_dataset
    from analysis.store import write_table

    out: Path | None = args.out
    if out is not None and out.suffix.lower() not in (".csv", ".parquet", ".json"):
        raise OutputError(out, "output must end in .csv, .parquet or .json")
    from analysis.extract.files import data_folder, refusal

    files = report_files(args.path)
    folder = args.path.is_dir()
    root = data_folder(args.path)
    # Never opened: a pipe, a device, a link leaving the data folder.
    refused = [InputError(f, why) for f in files if (why := refusal(f, root))]
    files = [f for f in files if not refusal(f, root)]
    result = extract_files(
        files, region=args.region, year=args.year, scheduler=getattr(args, "scheduler", None)
    )
    result.failures[:0] = refused
    if result.failures and not folder:
        raise result.failures[0]
    for error in result.failures:
        print(f"briefs extract: error: {error}", file=sys.stderr)
    if not result.tables:
        return 1
    table = result.table()
    if out is None:
        write_table(table, sys.stdout)
    elif folder and out.suffix.lower() == ".parquet":
        write_dataset(table, out)
    else:
        write_table(table, out)
    return 1 if result.failures else 0
