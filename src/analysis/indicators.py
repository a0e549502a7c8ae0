"""Report → indicator table (see :mod:`analysis.schema`). PLACEHOLDER returning an empty table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .report import Report, read_report
from .schema import indicator_frame


def extract(report: Report) -> pd.DataFrame:
    """The indicator table of one report."""
    return indicator_frame([])


def extract_report(
    path: str | Path, region: str | None = None, year: int | None = None
) -> tuple[Report, pd.DataFrame]:
    """Read ``path`` and return the report and its indicator table."""
    report = read_report(path, region=region, year=year)
    return report, extract(report)
