"""Corpus tier: 16 provincial 2026 reports against the hand-checked truth (provinces_truth.py).

Reads ``../shared/corpus/provinces-2026/*.csv`` in place (skipped when absent), imports each
file with :func:`analysis.ingest.import_file` into a temporary data folder and extracts each
report once per session. Every truth field is checked in the indicator table (the row the
targets table would pick: :func:`analysis.targets.pick_actuals` / ``pick_targets``) and, for the
2026 targets, in the targets table (:func:`analysis.targets.region_targets`). A field the report
does not state (``None``) is right when nothing is picked for it. Each failure message lists
every miss with what came out instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import provinces_truth as truth
from analysis.extract.structure import Report
from analysis.tables import targets as tg

pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "provinces-2026"
PERIOD, YEAR = 2025, 2026

#: Truth field → (indicator, kind) in the indicator table.
ACTUAL_FIELDS: dict[str, tuple[str, str]] = {
    "gdp_level_2025": ("gdp", "level"),
    "gdp_growth_2025": ("gdp", "growth"),
    "retail_growth_2025": ("retail_sales", "growth"),
    "investment_growth_2025": ("fixed_asset_investment", "growth"),
}
TARGET_FIELDS: dict[str, tuple[str, str]] = {
    "gdp_target_2026": ("gdp", "growth"),
    "cpi_target_2026": ("cpi", "growth"),
    "jobs_target_2026": ("urban_new_jobs", "level"),
    "unemployment_target_2026": ("urban_unemployment_rate", "level"),
}

#: Accepted misses: (province, field, table) → reason. Empty: every field comes out right.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}

_SCALE = {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "元": 1.0, "万人": 1e4, "人": 1.0}


@dataclass
class Extracted:
    report: Report
    table: pd.DataFrame
    targets: pd.DataFrame


@pytest.fixture(scope="module")
def extracted(provinces: dict) -> dict[str, Extracted]:
    """Each province's report (extracted once per session, see conftest) with its targets."""
    return {
        name: Extracted(report, table, tg.region_targets(table, tg.absent_targets(report)))
        for name, (report, table) in provinces.items()
    }


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _base(value: float | None, unit: object) -> float | None:
    """A value in base units (元, 人, %) for comparing 14.58万亿元 with 145800亿元."""
    if value is None:
        return None
    return value * _SCALE.get(str(unit), 1.0)


def _actual(e: Extracted, indicator: str, kind: str) -> pd.Series | None:
    picked = tg.pick_actuals(e.table)
    hit = picked[
        (picked["indicator"] == indicator) & (picked["kind"] == kind) & (picked["period"] == PERIOD)
    ]
    return None if hit.empty else hit.iloc[0]


def _show(r: pd.Series | None) -> str:
    if r is None:
        return "nothing"
    return (
        f"{r['value'] if not pd.isna(r['value']) else (r['low'], r['high'])} {r['unit']} "
        f"{r['qualifier']} «{r['sentence'][:60]}»"
    )


def check_actual(e: Extracted, field: str, want: dict | None) -> str | None:
    """None when right, else what came out."""
    indicator, kind = ACTUAL_FIELDS[field]
    r = _actual(e, indicator, kind)
    if want is None:
        return None if r is None else f"not stated, but got {_show(r)}"
    if r is None:
        return f"got nothing, want {want['value']} ({want['text']})"
    if kind == "growth":
        ok = _num(r["value"]) == want["value"]
    else:
        ok = (
            _base(_num(r["value"]), r["unit"]) == pytest.approx(_base(want["value"], want["unit"]))
            and r["qualifier"] == want["qualifier"]
        )
    return None if ok else f"got {_show(r)}, want {want['value']} ({want['text']})"


def check_budget(e: Extracted, want: dict | None) -> list[tuple[str, str | None]]:
    """Level and growth of 一般公共预算收入, each its own field."""
    out = []
    for kind, key in (("level", "value"), ("growth", "growth")):
        r = _actual(e, "general_budget_revenue", kind)
        expected = None if want is None else want[key]
        field = f"budget_revenue_2025.{kind}"
        if expected is None:
            out.append((field, None if r is None else f"not stated, but got {_show(r)}"))
            continue
        text = want["growth_text"] or want["text"] if kind == "growth" else want["text"]
        if r is None:
            out.append((field, f"got nothing, want {expected} ({text})"))
            continue
        if kind == "growth":
            ok = _num(r["value"]) == expected
        else:
            ok = (
                _base(_num(r["value"]), r["unit"]) == pytest.approx(_base(expected, want["unit"]))
                and r["qualifier"] == want["qualifier"]
            )
        out.append((field, None if ok else f"got {_show(r)}, want {expected} ({text})"))
    return out


def _want_bounds(want: dict) -> tuple[float | None, float | None, str]:
    """The targets table's bounds for a truth entry: the open side of 以上/以内 empty."""
    low, high = float(want["low"]), _num(want["high"])
    if want["qualifier"] == "at_most":
        low = None
    return low, high, want["qualifier"]


def check_target(e: Extracted, field: str, want: dict | None) -> dict[str, str | None]:
    """The 2026 target in the indicator table (the picked target row) and the targets table."""
    indicator, kind = TARGET_FIELDS[field]
    picked = tg.pick_targets(e.table)
    hit = picked[
        (picked["indicator"] == indicator) & (picked["kind"] == kind) & (picked["period"] == YEAR)
    ]
    row = None if hit.empty else hit.iloc[0]
    t = e.targets
    thit = t[(t["indicator"] == indicator) & (t["kind"] == kind) & (t["period"] == YEAR)]
    trow = None if thit.empty or pd.isna(thit.iloc[0]["target_qualifier"]) else thit.iloc[0]
    if want is None:
        return {
            "indicators": None if row is None else f"not stated, but got {_show(row)}",
            "targets": None if trow is None else f"not stated, but got {trow['target_text']}",
        }
    scale = 1.0
    if row is not None and indicator == "urban_new_jobs":
        scale = _SCALE.get(str(row["unit"]), 1.0) / 1e4  # truth in 万人
    got = None if row is None else (_num(row["low"]), _num(row["high"]), row["qualifier"])
    if got is not None:
        got = (
            None if got[0] is None else round(got[0] * scale, 6),
            None if got[1] is None else round(got[1] * scale, 6),
            got[2],
        )
    # The indicator table keeps both bounds of the written number: 5%以上 → (5, 5).
    want_row = (float(want["low"]), float(want["low"] if want["high"] is None else want["high"]))
    ind = (
        None
        if got == (*want_row, want["qualifier"])
        else f"got {got if row is None else _show(row)}, want {want_row} {want['qualifier']} "
        f"({want['text']})"
    )
    tgot = (
        None
        if trow is None
        else (_num(trow["target_low"]), _num(trow["target_high"]), trow["target_qualifier"])
    )
    if tgot is not None and indicator == "urban_new_jobs":
        tgot = tuple(v if isinstance(v, str) or v is None else round(v * scale, 6) for v in tgot)
    twant = _want_bounds(want)
    tab = None if tgot == twant else f"got {tgot}, want {twant} ({want['text']})"
    return {"indicators": ind, "targets": tab}


def evaluate(provinces: dict[str, Extracted]) -> tuple[dict[str, list[bool]], list[str]]:
    """Per field (and table) the list of right/wrong, and one line per miss."""
    counts: dict[str, list[bool]] = {}
    misses: list[str] = []

    def note(province: str, field: str, table: str, problem: str | None) -> None:
        accepted = (province, field, table) in EXCEPTIONS
        counts.setdefault(f"{field} [{table}]", []).append(problem is None or accepted)
        if problem is not None and not accepted:
            misses.append(f"{province} {field} [{table}]: {problem}")

    for province, e in provinces.items():
        fields = truth.PROVINCES[province]
        for field in ACTUAL_FIELDS:
            note(province, field, "indicators", check_actual(e, field, fields[field]))
        for field, problem in check_budget(e, fields["budget_revenue_2025"]):
            note(province, field, "indicators", problem)
        for field in TARGET_FIELDS:
            for table, problem in check_target(e, field, fields[field]).items():
                note(province, field, table, problem)
    return counts, misses


def test_truth_quotes_are_in_the_texts(extracted: dict[str, Extracted]) -> None:
    """Every quoted truth text is in its report (guards the truth file itself)."""
    missing = []
    for province, e in extracted.items():
        text = truth.squash(e.report.path.read_text(encoding="utf-8"))
        for field, want in truth.PROVINCES[province].items():
            for key in ("text", "growth_text"):
                quote = (want or {}).get(key)
                if quote and truth.squash(quote) not in text:
                    missing.append(f"{province} {field}: {quote}")
    assert not missing, "\n".join(missing)


def test_truth_fields(extracted: dict[str, Extracted]) -> None:
    """At least 98% of the truth fields right, each miss listed; no unlisted miss at all."""
    counts, misses = evaluate(extracted)
    total = sum(len(v) for v in counts.values())
    right = sum(sum(v) for v in counts.values())
    summary = "\n".join(f"{k}: {sum(v)}/{len(v)}" for k, v in sorted(counts.items()))
    assert not misses, f"{right}/{total} right\n{summary}\n" + "\n".join(misses)


def test_no_gdp_row_contradicts_the_truth(extracted: dict[str, Extracted]) -> None:
    """Every annual gdp row of 2025 (level and growth) agrees with the truth.

    An exact or approximate level equals the truth; a floor (突破, 超过, 迈上…台阶) is at or
    under it; a ceiling at or above it. A province whose level is not stated has no 2025 level
    row at all (another area's total, an increment or a base year would be one).
    """
    problems = []
    for province, e in extracted.items():
        fields = truth.PROVINCES[province]
        t = e.table
        rows = t[
            (t["indicator"] == "gdp")
            & (t["period"] == PERIOD)
            & ~t["multi_year"].fillna(False).astype(bool)
            & ~t["is_target"].fillna(False).astype(bool)
        ]
        for _, r in rows.iterrows():
            if r["kind"] == "level":
                want = fields["gdp_level_2025"]
                if want is None:
                    problems.append(f"{province}: level not stated, got {_show(r)}")
                    continue
                truth_value = _base(want["value"], want["unit"])
                low = _base(_num(r["low"]), r["unit"])
                high = _base(_num(r["high"]), r["unit"])
                q = r["qualifier"]
                if want["qualifier"] == "at_least":  # the truth itself is a floor
                    ok = q == "at_least" and low <= truth_value
                elif q == "at_least":
                    ok = low <= truth_value
                elif q == "at_most":
                    ok = high >= truth_value
                elif q == "approx":
                    ok = abs(low - truth_value) <= 0.05 * truth_value
                else:
                    ok = low == pytest.approx(truth_value)
                if not ok:
                    problems.append(f"{province}: level {_show(r)} vs {want['value']}")
            elif r["kind"] == "growth":
                want = fields["gdp_growth_2025"]
                if want is None or _num(r["value"]) != want["value"]:
                    problems.append(f"{province}: growth {_show(r)} vs {want and want['value']}")
    assert not problems, "\n".join(problems)


def _breadth_row(e: Extracted, want: dict) -> pd.Series | None:
    """The row of the figure a breadth quote holds: inside the quote, with its value and unit."""
    at = e.report.text.find(want["text"])
    t = e.table
    hit = t[
        (t["start"] >= at)
        & (t["start"] < at + len(want["text"]))
        & (t["unit"] == want["unit"])
        & ((t["value"] == want["value"]) | (t["low"] == want["value"]))
    ]
    return None if at < 0 or hit.empty else hit.iloc[0]


def test_indicators_beyond_the_headline_ones(extracted: dict[str, Extracted]) -> None:
    """Every figure of the breadth key (urbanisation, R&D intensity, exports, grain, incomes,
    high-tech manufacturing, foreign investment, life expectancy, technology contracts,
    high-tech firms, spending …) comes out with its indicator and kind, in both halves."""
    wrong = []
    for want in truth.BREADTH:
        r = _breadth_row(extracted[want["province"]], want)
        got = None if r is None else (r["indicator"], r["kind"])
        if got != (want["indicator"], want["kind"]):
            wrong.append(f"{want['province']} «{want['text']}»: {got}")
    assert not wrong, f"{len(wrong)}/{len(truth.BREADTH)} wrong\n" + "\n".join(wrong)
