"""One region's reports over the years: their indicator tables, the targets table, series.

What :mod:`analysis.briefs.trends` shows for ``notebooks/trends.ipynb``: pandas in, pandas out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import labels
from analysis.errors import InputError
from analysis.extract import catalog
from analysis.extract.structure import Report
from analysis.extracted import region_extractions
from analysis.tables import keywords
from analysis.tables.format import text_of, truncate
from analysis.tables.targets import (
    absent_targets,
    pick_actuals,
    pick_targets,
    region_targets,
    unit_scale,
)

#: Indicator series drawn in the headline part, in this order (when a region has the data).
HEADLINE_SERIES: tuple[tuple[str, str], ...] = tuple(
    (str(i), str(k)) for i, k in labels.headlines("trends")
)


@dataclass
class Trends:
    """A region's reports, their concatenated indicator table and its targets table."""

    region: str
    region_name: str
    reports: list[Report]
    table: pd.DataFrame
    targets: pd.DataFrame
    _words: dict[int, Counter[str]] | None = field(default=None, repr=False)
    #: Reports left out because they cannot be read: ``2019.txt: empty file``.
    skipped: list[str] = field(default_factory=list)
    _series: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def years(self) -> list[int]:
        """Report years, ascending."""
        return [r.report_year for r in self.reports]


def load(data_dir: str | Path, region: str = "", out_dir: str | Path = "") -> Trends:
    """Every report in ``data_dir`` (one region) with its indicator table, and its targets:
    tables are read from ``out_dir/<year>`` when the batch stored them there, else extracted
    (see :func:`build` for reports already in hand)."""
    folder = Path(data_dir)
    if not folder.is_dir():
        raise InputError(folder, "no such folder of reports")
    # One unreadable report must not cost the region its trends: leave it out, and say so.
    pairs, skipped = region_extractions(folder, region or None, out_dir or None)
    if not pairs:
        raise InputError(folder, f"no readable report ({'; '.join(skipped)})")
    return build(pairs, skipped)


def build(pairs: list[tuple[Report, pd.DataFrame]], skipped: list[str] | None = None) -> Trends:
    """The trends of one region from its reports and their indicator tables (one per year,
    at least one): the targets table is lined up here."""
    pairs = list(pairs)
    pairs.sort(key=lambda p: p[0].report_year)
    reports = [p[0] for p in pairs]
    table = pd.concat([p[1] for p in pairs], ignore_index=True)
    absent = pd.concat([absent_targets(r) for r in reports], ignore_index=True)
    targets = region_targets(table, absent)
    meta = reports[0].meta
    slug = reports[0].region
    name = meta.display_name
    return Trends(slug, name, reports, table, targets, skipped=list(skipped or []))


def series(t: Trends, indicator: str, kind: str) -> pd.DataFrame:
    """The annual actuals of one indicator over the years, in the most common unit.

    Columns period, value, low, high, masked, unit, text, report_year. Figures in another
    scale of the same base unit are converted (95933亿元 → 9.5933万亿元); figures in an
    incompatible unit are left out.
    """
    if (indicator, kind) not in t._series:  # the headline table and charts both ask
        t._series[indicator, kind] = _series(t, indicator, kind)
    return t._series[indicator, kind].copy()


def _series(t: Trends, indicator: str, kind: str) -> pd.DataFrame:
    cols = ["period", "value", "low", "high", "masked", "unit", "text", "report_year"]
    rows = t.table[(t.table["indicator"] == indicator) & (t.table["kind"] == kind)]
    # Streaks (十九连丰) are counts of years, not amounts of the indicator.
    rows = rows[~rows["unit"].fillna("").astype(str).str.contains("连")]
    picked = pick_actuals(rows)
    if picked.empty:
        return pd.DataFrame(columns=cols)
    units = picked["unit"].fillna("").astype(str)
    unit = units.mode().iloc[0]
    factor, base = unit_scale(unit)
    out = []
    for _, r in picked.iterrows():
        f, b = unit_scale(r["unit"])
        if b != base:
            continue
        k = f / factor
        out.append(
            {
                "period": int(r["period"]),
                "value": None if pd.isna(r["value"]) else float(r["value"]) * k,
                "low": float(r["low"]) * k,
                "high": float(r["high"]) * k,
                "masked": bool(r["masked"]) if not pd.isna(r["masked"]) else False,
                "unit": unit,
                "text": text_of(r["text"]),
                "report_year": int(r["report_year"]),
            }
        )
    return pd.DataFrame(out, columns=cols).sort_values("period").reset_index(drop=True)


def display_name(t: Trends, indicator: str) -> str:
    """The name the region's reports use for an indicator (see :func:`catalog.display_name`)."""
    names = t.table.loc[t.table["indicator"] == indicator, "name"].dropna().astype(str)
    return catalog.display_name(indicator, names)


#: Indicators whose catalog id merges different measures, and the words that tell them apart.
MEASURE_VARIANTS: dict[str, tuple[str, ...]] = {"urban_unemployment_rate": ("登记", "调查")}


def name_history(t: Trends, indicator: str, kind: str) -> list[tuple[str, int, int]]:
    """(name, first year, last year) runs of the measures the targets were set in, when the
    reports changed measure over the years (城镇登记失业率 → 城镇调查失业率); else empty.

    Only indicators of :data:`MEASURE_VARIANTS`: a change of wording (新增城镇就业 →
    城镇新增就业) is no change of measure.
    """
    words = MEASURE_VARIANTS.get(indicator)
    if not words:
        return []
    rows = t.targets[
        (t.targets["indicator"] == indicator)
        & (t.targets["kind"] == kind)
        & t.targets["target_text"].notna()
        & t.targets["name"].notna()
    ].sort_values("period")
    runs: list[tuple[str, int, int]] = []
    for name, period in zip(rows["name"].astype(str), rows["period"].astype(int), strict=True):
        if not any(w in name for w in words):
            continue
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1], period)
        else:
            runs.append((name, period, period))
    return runs if len({r[0] for r in runs}) > 1 else []


def headline_series(t: Trends) -> list[tuple[str, str, pd.DataFrame]]:
    """(indicator, kind, series) of :data:`HEADLINE_SERIES` the region has, any length."""
    out = []
    for indicator, kind in HEADLINE_SERIES:
        s = series(t, indicator, kind)
        if len(s):
            out.append((indicator, kind, s))
    return out


def _targeted(t: Trends) -> list[tuple[str, str]]:
    """(indicator, kind) pairs with a numeric target in some year, catalog headline first."""
    tg = t.targets[t.targets["target_low"].notna() | t.targets["target_high"].notna()]
    pairs = list(dict.fromkeys(zip(tg["indicator"], tg["kind"], strict=True)))
    order = {p: i for i, p in enumerate(HEADLINE_SERIES)}
    return sorted(pairs, key=lambda p: (order.get(p, len(order)), p))


def _unit_of(t: Trends, indicator: str, kind: str) -> str:
    """The unit of an indicator's rows in the targets table: its latest target's."""
    targets = pick_targets(t.table)
    rows = targets[(targets["indicator"] == indicator) & (targets["kind"] == kind)]
    units = rows.sort_values("period")["unit"].dropna().astype(str)
    return units.iloc[-1] if len(units) else ""


def structure(t: Trends) -> pd.DataFrame:
    """Per report: length, sections, figures disclosed and masked, targets, catalogued figures."""
    rows = []
    for r in t.reports:
        sub = t.table[t.table["report_year"] == r.report_year]
        masked = int(sub["masked"].fillna(False).astype(bool).sum())
        rows.append(
            {
                "年份": r.report_year,
                "字数": len(re.sub(r"\s", "", r.text)),
                "部分": max(len(r.sections) - 1, 0),
                "数字": len(sub),
                "遮盖": masked,
                "目标": int(sub["is_target"].fillna(False).astype(bool).sum()),
                "目录指标": int(sub["indicator"].notna().sum()),
                "标题": "；".join(truncate(s.title, 16) for s in r.sections[1:]),
            }
        )
    return pd.DataFrame(
        rows, columns=["年份", "字数", "部分", "数字", "遮盖", "目标", "目录指标", "标题"]
    )


def word_counts(t: Trends) -> dict[int, Counter[str]]:
    """Word frequencies of each report by year (jieba runs once per report and is cached)."""
    if t._words is None:
        t._words = {r.report_year: keywords.word_counts(r.text) for r in t.reports}
    return t._words


def keyword_table(t: Trends, n: int = 8) -> pd.DataFrame:
    """Each report's top words (columns 年份, 高频词 as a list of (word, count)); ties by word."""
    rows = [
        {"年份": y, "高频词": sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]}
        for y, c in word_counts(t).items()
    ]
    return pd.DataFrame(rows, columns=["年份", "高频词"])


def word_shift(t: Trends, n: int = 10) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Words whose share rose and fell most from the earlier half of the reports to the later
    half, as (word, change per 10,000 words); empty with fewer than two reports."""
    counts = word_counts(t)
    years = sorted(counts)
    if len(years) < 2:
        return [], []
    half = len(years) // 2

    def shares(ys: list[int]) -> dict[str, float]:
        total: Counter[str] = Counter()
        for y in ys:
            total.update(counts[y])
        n_words = sum(total.values()) or 1
        return {w: c / n_words for w, c in total.items()}

    a, b = shares(years[:half]), shares(years[half:])
    change = {w: (b.get(w, 0.0) - a.get(w, 0.0)) * 10000 for w in set(a) | set(b)}
    ranked = sorted(change.items(), key=lambda kv: (-kv[1], kv[0]))
    rising = [(w, c) for w, c in ranked[:n] if c > 0]
    falling = [(w, c) for w, c in reversed(ranked[-n:]) if c < 0]
    return rising, falling
