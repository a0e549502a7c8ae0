"""One report's tables: its indicator table, key figures, targets and disclosure profile.

What :mod:`analysis.briefs.year` shows for ``notebooks/brief.ipynb``: pandas in, pandas out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.extract import catalog
from analysis.extract.structure import Report
from analysis.extracted import report_table
from analysis.region_names import region_name_problem
from analysis.tables.format import cn_ordinal, text_of
from analysis.tables.quantities import distinct_targets, quantities
from analysis.tables.targets import pick_actuals

HEADLINE_MAX = 10


#: Page one lists at most this many targets (and last year's results); the rest are in the
#: HTML's collapsed details and in indicators.csv. Old plan-era reports set dozens.
GOALS_MAX = 12


@dataclass
class Brief:
    """What a brief is built from: the report, its indicator table and where outputs go."""

    report: Report
    table: pd.DataFrame
    source: Path
    out_dir: Path | None
    data_dir: Path

    @property
    def region_name(self) -> str:
        """The region's display name (:attr:`RegionMeta.display_name`)."""
        return self.report.meta.display_name


def validate_params(region: object, report_year: object) -> tuple[str, int]:
    """Check the notebook parameters: a folder-name region and a plausible year."""
    problem = region_name_problem(region) if isinstance(region, str) else "is not text"
    if problem:  # the one rule import and batch share (analysis.region_names)
        raise InputError(None, f"region {region!r}: not a region folder name ({problem})")
    try:
        year = int(report_year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InputError(None, f"report_year {report_year!r}: not a year") from None
    if isinstance(report_year, bool) or not 1949 <= year <= 2100:
        raise InputError(None, f"report_year {report_year!r}: not a year")
    return region, year


def load(
    source: str | Path,
    region: str,
    report_year: int,
    out_dir: str | Path = "",
    data_dir: str | Path = "",
) -> Brief:
    """The report and its indicator table: read from ``out_dir`` when the batch stored its
    extraction there, else extracted (and stored in ``out_dir`` when given).

    ``data_dir`` is the region's folder of reports (default: the source's folder), used to
    look up last year's targets (stored beside ``out_dir`` in a batch).
    """
    region, year = validate_params(region, report_year)
    src = Path(source)
    if not src.is_file():
        raise InputError(src, "no such report file")
    out = Path(out_dir) if str(out_dir) else None
    report, table = report_table(src, region, year, out)
    table = table.sort_values(["section", "start"], kind="stable").reset_index(drop=True)
    return Brief(report, table, src, out, Path(data_dir) if str(data_dir) else src.parent)


def headline_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per key indicator present: its level and growth figures side by side.

    Columns: indicator, name, level (row or None), growth (row or None), first (offset).
    """
    order = catalog.headline_ids()
    # The reviewed year's figures, picked as the targets table and the comparison pick them (a
    # base year's level or a five-year total is not last year's figure).
    actual = pick_actuals(df) if len(df) else df
    known = actual[actual["indicator"].fillna("").astype(str).isin(order)]
    out = []
    for ind, g in known.groupby("indicator", sort=False):
        g = g.sort_values("start")
        level = g[g["kind"] == "level"]
        growth = g[g["kind"] == "growth"]
        if level.empty and growth.empty:
            continue
        first = g.iloc[0]
        out.append(
            {
                "indicator": str(ind),
                "name": catalog.display_name(str(ind), g["name"].dropna().astype(str)),
                "level": None if level.empty else level.iloc[0],
                "growth": None if growth.empty else growth.iloc[0],
                "order": order.index(str(ind)),
                "first": int(first["start"]),
            }
        )
    res = pd.DataFrame(out, columns=["indicator", "name", "level", "growth", "order", "first"])
    return res.sort_values(["order", "first"], kind="stable").head(HEADLINE_MAX)


def targets_rows(b: Brief) -> pd.DataFrame:
    """This report's targets for the coming year (rows of the indicator table)."""
    return b.table[b.table["is_target"].fillna(False).astype(bool)]


def _first(df: pd.DataFrame, n: int = GOALS_MAX) -> pd.DataFrame:
    """The ``n`` rows page one shows: headline indicators first (in the catalog's order), then
    other catalogued ones, then the rest, each in the report's order."""
    heads = {k: i for i, k in enumerate(catalog.headline_ids())}
    ids = df["indicator"].map(text_of) if "indicator" in df else pd.Series("", index=df.index)
    rank = [heads.get(i, len(heads) + (0 if i else 1)) for i in ids]
    order = sorted(range(len(df)), key=lambda k: (rank[k], k))
    return df.iloc[order[:n]]


def page_targets(b: Brief) -> pd.DataFrame:
    """The targets a reader's page one may show: each (indicator, kind, period) once, the
    main-targets sentence first (:func:`~analysis.tables.quantities.distinct_targets`), and only
    quantities (:func:`~analysis.tables.quantities.quantities`), in the report's order."""
    return distinct_targets(quantities(targets_rows(b)))


def top_targets(b: Brief) -> pd.DataFrame:
    """The targets page one shows: :func:`page_targets`, key indicators first (:func:`_first`)."""
    return _first(page_targets(b))


def disclosure_profile(b: Brief) -> pd.DataFrame:
    """Per section: figures disclosed and masked (columns 部分, 公布, 遮盖)."""
    rows = []
    for sec in b.report.sections:
        sub = b.table[b.table["section"] == sec.number]
        masked = int(sub["masked"].fillna(False).astype(bool).sum())
        rows.append(
            {
                "部分": section_label(sec.number, sec.title),
                "公布": len(sub) - masked,
                "遮盖": masked,
            }
        )
    return pd.DataFrame(rows, columns=["部分", "公布", "遮盖"])


def section_label(number: int, title: str) -> str:
    """``一、防疫情、促发展…`` or ``开篇（总述）`` for the preamble."""
    if number == 0:
        return "开篇（总述）"
    return f"{cn_ordinal(number)}、{title}" if title else f"第{number}部分"
