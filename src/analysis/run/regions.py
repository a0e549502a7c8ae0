"""A region's tables across its years: ``<out>/<region>/indicators.csv`` and ``targets.csv``.

Made from the extractions the batch stored in the year folders (no report is read again),
under the region's lock, and skipped when made from the same extractions as last time.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import keys
from analysis.errors import AnalysisError
from analysis.extracted import TABLE, read_extraction, stored_key
from analysis.store import output_lock, remove_temporaries, write_table
from analysis.tables.targets import absent_targets, region_targets

#: targets.parquet keeps the dtypes for the combined dataset (:mod:`analysis.run.combined`).
OUTPUTS = ("indicators.csv", "targets.csv", "targets.parquet")


def region_key(out: Path, region: str, years: list[int]) -> str:
    """What a region's tables are made of: the key of every year's stored extraction; ''
    when a year has none (then the tables are always rebuilt)."""
    made_from = []
    for y in sorted(years):
        key = stored_key(out / region / str(y))
        if not key:
            return ""
        made_from.append(f"{y}:{key}")
    return keys.job_key("", "", {"region": region, "extractions": made_from})


def region_tables(
    out: Path, region: str, years: list[int]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The region's indicator table (every year's rows) and its targets table; ``None`` when
    no year has a stored extraction."""
    tables, absent = [], []
    for y in sorted(years):
        folder = out / region / str(y)
        if not (folder / TABLE).exists():
            continue  # its extraction failed: the brief says why
        report, table = read_extraction(folder)
        tables.append(table)
        absent.append(absent_targets(report))
    if not tables:
        return None
    table = pd.concat(tables, ignore_index=True)
    return table, region_targets(table, pd.concat(absent, ignore_index=True))


def write_region_outputs(out: Path, region: str, years: list[int], force: bool = False) -> str:
    """Write the region's tables, holding the lock of ``<out>/<region>/region`` (two batches
    take turns). Returns an error message ('' when fine): the batch reports it and
    fails, but goes on."""
    folder = out / region
    try:
        with output_lock(folder / "region"):
            remove_temporaries(folder, OUTPUTS)
            stamp = folder / "tables.provenance.json"
            key = region_key(out, region, years)
            old = keys.read(stamp) or {}
            made = old.get("outputs") or []
            same = key and old.get("key") == key and made
            if same and not force and all((folder / n).exists() for n in made):
                return ""
            stamp.unlink(missing_ok=True)
            tables = region_tables(out, region, years)
            if tables is None:
                return ""
            table, targets = tables
            write_table(table, folder / "indicators.csv")
            write_table(targets, folder / "targets.csv")
            write_table(targets, folder / "targets.parquet")
            if key:
                keys.write(stamp, {"key": key, "years": sorted(years), "outputs": list(OUTPUTS)})
            return ""
    except AnalysisError as e:
        return str(e)
    except Exception as e:  # report and keep going, like a failed notebook
        return f"{region} tables: {type(e).__name__}: {e}"
