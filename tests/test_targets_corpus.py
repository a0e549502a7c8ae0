"""Corpus tier: the national targets table against figures verified by reading the reports.

Reads ../shared/corpus/national in place (skipped when absent). The truth lives in
tests/corpus_truth.py; these tests depend on the extractor (analysis.extract.indicators) and list
every year that comes out wrong in their failure message.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import corpus_truth as truth
from analysis.tables import targets as tg

pytestmark = pytest.mark.corpus

FIRST_YEAR = 2003  # the 2003 report holds the 2003 targets the 2004 report answers


@pytest.fixture(scope="module")
def national_targets(national: dict) -> pd.DataFrame:
    """The national targets table from the reports of 2003 on."""
    return tg.targets_of(pair for year, pair in sorted(national.items()) if year >= FIRST_YEAR)


def _row(table: pd.DataFrame, indicator: str, kind: str, period: int) -> pd.Series | None:
    hit = table[
        (table["indicator"] == indicator) & (table["kind"] == kind) & (table["period"] == period)
    ]
    return None if hit.empty else hit.iloc[0]


def _num(v: object) -> float | None:
    return None if pd.isna(v) else float(v)


def _target_problems(table: pd.DataFrame, indicator: str, kind: str, expected: dict) -> list[str]:
    """One line per report year whose target differs from the verified one."""
    out = []
    for year, e in sorted(expected.items()):
        r = _row(table, indicator, kind, year)
        got = (
            None
            if r is None
            else (_num(r["target_low"]), _num(r["target_high"]), r["target_qualifier"])
        )
        # The targets table leaves the open side empty: 6%以上 → (6, —), 控制在4% → (—, 4);
        # a cut of at least 3% bounds the signed value from above: (—, −3).
        low = None if e["qualifier"] == "at_most" else float(e["low"])
        high = None if e["high"] is None else float(e["high"])
        if e["qualifier"] == "at_least" and e["low"] < 0:
            low, high = None, float(e["low"])
        want = (low, high, e["qualifier"])
        if got != want:
            out.append(f"{year}: got {got} want {want} ({e['text']})")
    return out


def _actual_problems(table: pd.DataFrame, indicator: str, kind: str, expected: dict) -> list[str]:
    """One line per report year whose actual for the previous year differs from the verified one."""
    out = []
    for year, e in sorted(expected.items()):
        r = _row(table, indicator, kind, e["period"])
        got = None if r is None else (_num(r["actual"]), r["actual_text"])
        if got is None or got[0] != float(e["value"]):
            out.append(f"{year} (period {e['period']}): got {got} want {e['value']} ({e['text']})")
    return out


@pytest.mark.parametrize(
    "name",
    [
        "GDP_TARGETS",
        "GDP_ACTUALS",
        "GDP_ACTUAL_ABSENT",
        "OLDER_GDP_ACTUALS",
        "OLDER_GDP_TARGETS",
        "CPI_TARGETS",
        "CPI_ACTUALS",
        "JOBS_TARGETS",
        "JOBS_ACTUALS",
        "ABSENT_TARGETS",
        "ENERGY_TARGETS",
        "ENERGY_ACTUALS",
    ],
)
def test_truth_quotes_are_in_the_reports(corpus_dir: Path, name: str) -> None:
    missing = []
    for year, e in getattr(truth, name).items():
        text = truth.squash((corpus_dir / f"{year}.txt").read_text(encoding="utf-8"))
        if e["text"] not in text:
            missing.append(f"{year}: {e['text']}")
    assert not missing, missing


def test_gdp_growth_targets(national_targets: pd.DataFrame) -> None:
    problems = _target_problems(national_targets, "gdp", "growth", truth.GDP_TARGETS)
    assert len(truth.GDP_TARGETS) - len(problems) >= 12, "\n".join(problems)


def test_gdp_growth_actuals(national_targets: pd.DataFrame) -> None:
    problems = _actual_problems(national_targets, "gdp", "growth", truth.GDP_ACTUALS)
    assert len(truth.GDP_ACTUALS) - len(problems) >= 12, "\n".join(problems)


def test_gdp_growth_all_years_exact(national_targets: pd.DataFrame) -> None:
    """The full bar: every verified GDP target and actual, not just twelve."""
    problems = _target_problems(national_targets, "gdp", "growth", truth.GDP_TARGETS)
    problems += _actual_problems(national_targets, "gdp", "growth", truth.GDP_ACTUALS)
    assert not problems, "\n".join(problems)


def test_cpi_targets_and_actuals(national_targets: pd.DataFrame) -> None:
    targets = _target_problems(national_targets, "cpi", "growth", truth.CPI_TARGETS)
    actuals = _actual_problems(national_targets, "cpi", "growth", truth.CPI_ACTUALS)
    assert len(truth.CPI_TARGETS) - len(targets) >= 5, "\n".join(targets)
    assert len(truth.CPI_ACTUALS) - len(actuals) >= 5, "\n".join(actuals)


def test_urban_new_jobs_targets_and_actuals(national_targets: pd.DataFrame) -> None:
    targets = _target_problems(national_targets, "urban_new_jobs", "level", truth.JOBS_TARGETS)
    actuals = _actual_problems(national_targets, "urban_new_jobs", "level", truth.JOBS_ACTUALS)
    assert len(truth.JOBS_TARGETS) - len(targets) >= 5, "\n".join(targets)
    assert len(truth.JOBS_ACTUALS) - len(actuals) >= 5, "\n".join(actuals)


def test_energy_intensity_targets_and_actuals(national_targets: pd.DataFrame) -> None:
    targets = _target_problems(national_targets, "energy_intensity", "growth", truth.ENERGY_TARGETS)
    actuals = _actual_problems(national_targets, "energy_intensity", "growth", truth.ENERGY_ACTUALS)
    assert len(truth.ENERGY_TARGETS) - len(targets) >= 5, "\n".join(targets)
    assert len(truth.ENERGY_ACTUALS) - len(actuals) >= 5, "\n".join(actuals)


def test_energy_intensity_status_by_year(national_targets: pd.DataFrame) -> None:
    """2006: a 4% cut was set and 1.2% achieved (the 2007 report says the target was missed)."""
    expected = {2006: "missed", 2014: "met", 2015: "met", 2016: "met", 2018: "met", 2024: "met"}
    got = {y: _row(national_targets, "energy_intensity", "growth", y) for y in expected}
    got = {y: (None if r is None else r["status"]) for y, r in got.items()}
    assert got == expected


def test_multi_year_figures_are_never_actuals(national_targets: pd.DataFrame) -> None:
    """The 2008 report gives 2007 growth only as 比2002年增长65.5%, 年均增长10.6%."""
    r = _row(national_targets, "gdp", "growth", 2007)
    assert r is not None, "the 2007 target (8% 左右) is missing"
    assert pd.isna(r["actual"]) and r["status"] == "no_actual", r.to_dict()


def test_period_without_a_report_has_no_target(national_targets: pd.DataFrame) -> None:
    """No 2020 report in the corpus: 2020 growth (2.3%) stands without a target."""
    r = _row(national_targets, "gdp", "growth", 2020)
    assert r is not None and r["actual"] == 2.3 and r["status"] == "no_target"


def test_gdp_status_by_year(national_targets: pd.DataFrame) -> None:
    """Status of the GDP growth targets under the documented rule, from the verified figures."""
    expected = {
        2004: "met",
        2005: "met",
        2012: "met",
        2015: "met",
        2016: "met",
        2022: "missed",
        2023: "met",
        2024: "met",
        2025: "no_actual",
    }
    got = {y: _row(national_targets, "gdp", "growth", y) for y in expected}
    got = {y: (None if r is None else r["status"]) for y, r in got.items()}
    assert got == expected


def test_energy_intensity_target_stated_absent(national_targets: pd.DataFrame) -> None:
    r = _row(national_targets, "energy_intensity", "growth", 2022)
    assert r is not None and pd.isna(r["target_low"]) and pd.isna(r["target_high"])
    assert "统筹考核" in r["target_text"] and r["status"] == "no_target"


# --- Extraction defects that make targets or actuals wrong (for the extractor's owner) -------
# Each case: report year, a fragment of the sentence, the figure's text, and what the row
# should say. The targets table is only as right as these rows.

_EXTRACTION_CASES = [
    # Target part starts after "主要预期目标是：\n": the figures on the next line are targets.
    (
        2010,
        "国内生产总值增长8%左右",
        "8%左右",
        {"indicator": "gdp", "is_target": True, "period": 2010},
    ),
    (
        2011,
        "国内生产总值增长8%左右",
        "8%左右",
        {"indicator": "gdp", "is_target": True, "period": 2011},
    ),
    (
        2012,
        "国内生产总值增长7.5%",
        "7.5%",
        {"indicator": "gdp", "is_target": True, "period": 2012},
    ),
    (
        2012,
        "城镇新增就业900万人以上",
        "900万人以上",
        {"indicator": "urban_new_jobs", "is_target": True},
    ),
    (2012, "居民消费价格涨幅控制在4%左右", "4%左右", {"indicator": "cpi", "is_target": True}),
    # "过去一年，…" in part three of the 2011 report (2011年的工作) reviews 2010.
    (
        2011,
        "国内生产总值增长10.3%，居民消费价格",
        "10.3%",
        {"indicator": "gdp", "is_target": False, "period": 2010},
    ),
    (
        2011,
        "国内生产总值增长10.3%，居民消费价格",
        "3.3%",
        {"indicator": "cpi", "kind": "growth", "is_target": False, "period": 2010},
    ),
    # 居民消费价格总水平 is CPI (2005–2011 wording); 涨幅…X% is a growth figure, not a level.
    (2006, "居民消费价格总水平上涨1.8%", "1.8%", {"indicator": "cpi", "period": 2005}),
    (
        2005,
        "居民消费价格总水平涨幅控制在4%",
        "4%",
        {"indicator": "cpi", "is_target": True, "qualifier": "at_most"},
    ),
    (
        2013,
        "居民消费价格涨幅回落到2.6%",
        "2.6%",
        {"indicator": "cpi", "kind": "growth", "period": 2012},
    ),
    (
        2007,
        "居民消费价格总水平涨幅在3%以内",
        "3%以内",
        {"indicator": "cpi", "kind": "growth", "is_target": True},
    ),
    # 城镇新增就业人口 is urban new jobs.
    (2006, "城镇新增就业人口970万人", "970万人", {"indicator": "urban_new_jobs", "period": 2005}),
    # "今年增加赤字后，赤字率在2%左右" plans 2013; it is no 2012 actual.
    (
        2013,
        "今年增加赤字后，赤字率在2%左右",
        "2%左右",
        {"indicator": "deficit_ratio", "period": 2013},
    ),
    # 能源消耗强度 is energy intensity; "今年…要降低3.9%以上" is the 2014 target.
    (2014, "能源消耗强度下降3.7%", "3.7%", {"indicator": "energy_intensity", "period": 2013}),
    (
        2014,
        "今年能源消耗强度要降低3.9%以上",
        "3.9%以上",
        {"indicator": "energy_intensity", "is_target": True, "period": 2014},
    ),
    # "单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%": the 2006 change.
    (2007, "转为下降1.2%", "1.2%", {"indicator": "energy_intensity", "period": 2006}),
    # Five-year and per-year-average figures (the paragraph says 五年/十一五) are not annual.
    (2006, "城镇新增就业4200万人", "4200万人", {"indicator": "urban_new_jobs", "multi_year": True}),
    (2011, "城镇新增就业5771万人", "5771万人", {"indicator": "urban_new_jobs", "multi_year": True}),
    (2008, "平均每年城镇新增就业", "1000多万人", {"multi_year": True}),
    (2013, "单位国内生产总值能耗下降17.2%", "17.2%", {"multi_year": True}),
    (2023, "单位国内生产总值能耗下降8.1%", "8.1%", {"multi_year": True}),
    # The 十四五 outline inside the 2021 report is not this year's target.
    (2021, "各年度视情提出经济增长预期目标", "5.5%以内", {"is_target": False}),
    # Not GDP: education spending as a share of GDP; a 2015 plan figure is not period 2010.
    (2012, "财政性教育经费", "4%", {"indicator": None}),
    (2011, "2015年国内生产总值将超过55万亿元", "55万亿元", {"period": 2015}),
]


@pytest.fixture(scope="module")
def tables(national: dict) -> dict[int, pd.DataFrame]:
    """Indicator tables of the reports the cases name."""
    return {y: national[y][1] for y in sorted({c[0] for c in _EXTRACTION_CASES})}


@pytest.mark.parametrize(
    ("year", "sentence", "figure", "want"),
    _EXTRACTION_CASES,
    ids=[f"{c[0]}-{c[2]}-{next(iter(c[3]))}" for c in _EXTRACTION_CASES],
)
def test_extraction_row(
    tables: dict[int, pd.DataFrame], year: int, sentence: str, figure: str, want: dict
) -> None:
    t = tables[year]
    hit = t[t["sentence"].str.replace(r"\s", "", regex=True).str.contains(sentence, regex=False)]
    hit = hit[hit["text"].str.contains(figure, regex=False)]
    if want.get("indicator", "") is None:
        assert not (hit["indicator"].fillna("") == "gdp").any(), hit[["text", "name", "indicator"]]
        return
    assert len(hit), f"no row for {figure!r} in the sentence with {sentence!r}"
    r = hit.iloc[0]
    got = {k: (None if pd.isna(r[k]) else r[k]) for k in want}
    assert got == want, r[
        ["text", "name", "indicator", "period", "is_target", "multi_year"]
    ].to_dict()
