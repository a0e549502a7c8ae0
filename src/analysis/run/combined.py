"""One dataset for the whole output folder: ``<out>/indicators.parquet`` and
``<out>/targets.parquet``.

Every report's stored table (``<out>/<region>/<year>/indicators.parquet``) in one file, and every
region's targets table in another, each with the region's display name and level beside its
folder name, so one ``pd.read_parquet`` answers a question across regions and years. Rewritten
by each batch, atomically (a reader sees the old file or the new one), from what is on disk:
regions and years an earlier batch built are included.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError
from analysis.extracted import TABLE, read_extraction
from analysis.store import output_lock, write_table

INDICATORS = "indicators.parquet"
TARGETS = "targets.parquet"
#: Region columns added after ``region``.
REGION_COLUMNS = ("region_name", "level")


def _with_region(df: pd.DataFrame, name: str, level: str) -> pd.DataFrame:
    at = list(df.columns).index("region") + 1 if "region" in df else 0
    df = df.copy()
    df.insert(at, "level", level)
    df.insert(at, "region_name", name)
    return df


def collect(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every report's table and every region's targets under ``out``, region name and level
    included (empty frames when there are none)."""
    indicators, targets = [], []
    for region_dir in sorted(p for p in out.iterdir() if p.is_dir()):
        meta = None
        for year_dir in sorted(p for p in region_dir.iterdir() if p.name.isdigit()):
            if not (year_dir / TABLE).is_file():
                continue
            report, table = read_extraction(year_dir)
            meta = report.meta
            indicators.append(_with_region(table, meta.display_name, meta.level))
        region_targets = region_dir / TARGETS
        if meta is not None and region_targets.is_file():
            targets.append(
                _with_region(pd.read_parquet(region_targets), meta.display_name, meta.level)
            )
    return _concat(indicators), _concat(targets)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def write_combined(out: Path) -> str:
    """Rewrite ``<out>/indicators.parquet`` and ``<out>/targets.parquet`` (see the module).
    Returns an error message ('' when fine): the batch reports it and goes on."""
    try:
        with output_lock(out / "dataset"):
            indicators, targets = collect(out)
            if len(indicators.columns):
                write_table(indicators, out / INDICATORS)
            if len(targets.columns):
                write_table(targets, out / TARGETS)
    except AnalysisError as e:
        return str(e)
    return ""
