"""Targets against actuals on hand-built indicator tables (no extractor needed)."""

from __future__ import annotations

import argparse
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import targets as targets_cli
from analysis.schema import TARGET_COLUMNS, indicator_frame
from analysis.tables import targets as tg
from analysis.tables import trends as ttrends

FIXTURES = Path(__file__).parent / "fixtures" / "targets"


def row(
    report_year: int,
    indicator: str,
    text: str,
    sentence: str,
    *,
    name: str,
    kind: str = "growth",
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str = "%",
    qualifier: str = "exact",
    is_target: bool = False,
    masked: bool = False,
    multi_year: bool = False,
    start: int = 0,
    period: int | None = None,
) -> dict:
    """One indicator-table row; bounds default to the value, period to the usual year."""
    low = value if low is None else low
    high = value if high is None else high
    if period is None:
        period = report_year if is_target else report_year - 1
    return {
        "region": "testland",
        "report_year": report_year,
        "period": period,
        "section": 1,
        "section_title": "",
        "sentence": sentence,
        "start": start,
        "end": start + len(text),
        "text": text,
        "name": name,
        "indicator": indicator,
        "kind": kind,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "qualifier": qualifier,
        "masked": masked,
        "is_target": is_target,
        "multi_year": multi_year,
    }


TARGET_SENTENCE = "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅3%左右；单位国内生产总值能耗降低2.5%左右。"


def year_2024_targets() -> list[dict]:
    s = TARGET_SENTENCE
    return [
        row(
            2024,
            "gdp",
            "增长5%左右",
            s,
            name="国内生产总值",
            value=5,
            qualifier="approx",
            is_target=True,
            start=500,
        ),
        row(
            2024,
            "urban_new_jobs",
            "1200万人以上",
            s,
            name="城镇新增就业",
            kind="level",
            value=1200,
            unit="万人",
            qualifier="at_least",
            is_target=True,
            start=520,
        ),
        row(
            2024,
            "cpi",
            "涨幅3%左右",
            s,
            name="居民消费价格",
            value=3,
            qualifier="approx",
            is_target=True,
            start=540,
        ),
        row(
            2024,
            "energy_intensity",
            "降低2.5%左右",
            s,
            name="单位国内生产总值能耗",
            value=-2.5,
            qualifier="approx",
            is_target=True,
            start=560,
        ),
    ]


def year_2025_actuals() -> list[dict]:
    review = "国内生产总值达到134.9万亿元、增长5%，增速居世界主要经济体前列。"
    return [
        # Five-year figure first in reading order: never an actual.
        row(
            2025,
            "gdp",
            "年均增长5.5%",
            "五年来国内生产总值年均增长5.5%。",
            name="国内生产总值",
            value=5.5,
            multi_year=True,
            start=10,
        ),
        # A sector figure tagged gdp earlier in the text loses to 国内生产总值.
        row(2025, "gdp", "增长5.8%", "第三产业增长5.8%。", name="第三产业", value=5.8, start=20),
        row(2025, "gdp", "增长5%", review, name="国内生产总值", value=5, start=40),
        row(
            2025,
            "urban_new_jobs",
            "1256万人",
            "城镇新增就业1256万人。",
            name="城镇新增就业",
            kind="level",
            value=1256,
            unit="万人",
            start=60,
        ),
        # A unit of another base cannot be compared with a target in 万人.
        row(
            2025,
            "urban_new_jobs",
            "300万户",
            "城镇新增就业300万户。",
            name="城镇新增就业",
            kind="level",
            value=300,
            unit="万户",
            start=30,
        ),
        row(
            2025,
            "cpi",
            "上涨0.2%",
            "居民消费价格上涨0.2%。",
            name="居民消费价格",
            value=0.2,
            start=80,
        ),
        row(
            2025,
            "energy_intensity",
            "下降3.1%",
            "单位国内生产总值能耗下降3.1%。",
            name="单位国内生产总值能耗",
            value=-3.1,
            start=100,
        ),
    ]


def by_key(df: pd.DataFrame, indicator: str, period: int) -> pd.Series:
    hit = df[(df["indicator"] == indicator) & (df["period"] == period)]
    assert len(hit) == 1, f"{indicator} {period}: {len(hit)} rows"
    return hit.iloc[0]


def test_columns_are_the_contract() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets() + year_2025_actuals()))
    assert tuple(out.columns) == TARGET_COLUMNS
    assert not out.duplicated(["indicator", "kind", "period"]).any()


def test_gdp_target_and_actual_line_up() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets() + year_2025_actuals()))
    r = by_key(out, "gdp", 2024)
    assert (r["target_low"], r["target_high"], r["target_qualifier"]) == (5, 5, "approx")
    assert r["direction"] == "floor"
    assert r["target_text"] == "国内生产总值增长5%左右"
    assert r["actual"] == 5 and r["actual_report_year"] == 2025
    assert r["actual_text"] == "国内生产总值达到134.9万亿元、增长5%"
    assert r["status"] == "met"
    assert r["region"] == "testland"


def test_floor_target_keeps_open_side_empty() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets() + year_2025_actuals()))
    r = by_key(out, "urban_new_jobs", 2024)
    assert r["target_low"] == 1200 and pd.isna(r["target_high"])
    assert r["actual"] == 1256 and r["status"] == "met" and r["direction"] == "floor"


def test_cpi_is_a_ceiling_and_undershoot_is_met() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets() + year_2025_actuals()))
    r = by_key(out, "cpi", 2024)
    assert r["direction"] == "ceiling" and r["actual"] == 0.2 and r["status"] == "met"


def test_energy_cut_is_a_ceiling_on_the_signed_value() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets() + year_2025_actuals()))
    r = by_key(out, "energy_intensity", 2024)
    assert (r["target_low"], r["target_high"]) == (-2.5, -2.5)
    assert r["direction"] == "ceiling" and r["actual"] == -3.1 and r["status"] == "met"


def test_energy_cut_too_small_or_a_rise_is_missed() -> None:
    target = year_2024_targets()[3]
    for value in (-2.0, 0.2):
        actual = row(2025, "energy_intensity", "x", "x", name="能耗", value=value)
        out = tg.region_targets(indicator_frame([target, actual]))
        assert by_key(out, "energy_intensity", 2024)["status"] == "missed", value


def test_cut_of_at_least_bounds_the_signed_value_from_above() -> None:
    target = row(
        2018,
        "energy_intensity",
        "下降3%以上",
        "单位国内生产总值能耗下降3%以上。",
        name="单位国内生产总值能耗",
        value=-3,
        qualifier="at_least",
        is_target=True,
    )
    out = tg.region_targets(indicator_frame([target]))
    r = by_key(out, "energy_intensity", 2018)
    assert pd.isna(r["target_low"]) and r["target_high"] == -3
    assert r["direction"] == "ceiling" and r["status"] == "no_actual"


@pytest.mark.parametrize(
    ("actual", "status"), [(5.5, "met"), (5.3, "met"), (5.29, "missed"), (3.0, "missed")]
)
def test_approx_floor_tolerance_is_two_tenths_of_a_point(actual: float, status: str) -> None:
    t = row(
        2022,
        "gdp",
        "增长5.5%左右",
        "国内生产总值增长5.5%左右。",
        name="国内生产总值",
        value=5.5,
        qualifier="approx",
        is_target=True,
    )
    a = row(
        2023, "gdp", f"增长{actual}%", "全年国内生产总值增长。", name="国内生产总值", value=actual
    )
    out = tg.region_targets(indicator_frame([t, a]))
    assert by_key(out, "gdp", 2022)["status"] == status


def test_exact_target_has_no_tolerance() -> None:
    t = row(
        2012,
        "gdp",
        "增长7.5%",
        "国内生产总值增长7.5%。",
        name="国内生产总值",
        value=7.5,
        is_target=True,
    )
    a = row(2013, "gdp", "增长7.4%", "国内生产总值增长7.4%。", name="国内生产总值", value=7.4)
    assert by_key(tg.region_targets(indicator_frame([t, a])), "gdp", 2012)["status"] == "missed"


def test_range_target_floor_uses_lower_end() -> None:
    s = "国内生产总值增长6.5%－7%。"
    t = row(
        2016,
        "gdp",
        "增长6.5%－7%",
        s,
        name="国内生产总值",
        low=6.5,
        high=7,
        qualifier="range",
        is_target=True,
    )
    a = row(2017, "gdp", "增长6.7%", "国内生产总值增长6.7%。", name="国内生产总值", value=6.7)
    r = by_key(tg.region_targets(indicator_frame([t, a])), "gdp", 2016)
    assert (r["target_low"], r["target_high"], r["status"]) == (6.5, 7, "met")


def test_unknown_indicator_is_a_band() -> None:
    t = row(
        2016,
        "widgets",
        "增长6.5%－7%",
        "增长6.5%－7%。",
        name="小工具",
        low=6.5,
        high=7,
        qualifier="range",
        is_target=True,
    )
    a = row(2017, "widgets", "增长7.5%", "增长7.5%。", name="小工具", value=7.5)
    r = by_key(tg.region_targets(indicator_frame([t, a])), "widgets", 2016)
    assert r["direction"] == "band" and r["status"] == "missed"


def test_masked_actual_straddling_the_target_is_undecided() -> None:
    t = row(
        2023,
        "gdp",
        "增长5%以上",
        "地区生产总值增长5%以上。",
        name="地区生产总值",
        value=5,
        qualifier="at_least",
        is_target=True,
    )
    straddle = row(
        2024,
        "gdp",
        "增长*%",
        "地区生产总值增长*%。",
        name="地区生产总值",
        low=1,
        high=9,
        masked=True,
    )
    out = by_key(tg.region_targets(indicator_frame([t, straddle])), "gdp", 2023)
    assert pd.isna(out["actual"]) and (out["actual_low"], out["actual_high"]) == (1, 9)
    assert out["status"] == "no_actual"
    above = dict(straddle, low=10, high=99, text="增长**%")
    assert by_key(tg.region_targets(indicator_frame([t, above])), "gdp", 2023)["status"] == "met"


def test_actual_without_target_is_no_target_only_for_targeted_indicators() -> None:
    rows = (
        year_2024_targets()
        + year_2025_actuals()
        + [
            row(2024, "gdp", "增长5.2%", "国内生产总值增长5.2%。", name="国内生产总值", value=5.2),
            row(
                2024,
                "grain_output",
                "13908亿斤",
                "粮食产量13908亿斤。",
                name="粮食产量",
                kind="level",
                value=13908,
                unit="亿斤",
            ),
        ]
    )
    out = tg.region_targets(indicator_frame(rows))
    r = by_key(out, "gdp", 2023)
    assert r["status"] == "no_target" and r["actual"] == 5.2 and pd.isna(r["target_low"])
    assert "grain_output" not in set(out["indicator"])


def test_target_without_next_report_has_no_actual() -> None:
    out = tg.region_targets(indicator_frame(year_2024_targets()))
    assert set(out["status"]) == {"no_actual"}
    assert out["actual"].isna().all()


def test_first_target_in_reading_order_wins() -> None:
    rows = year_2024_targets() + [
        row(
            2024,
            "gdp",
            "增长5.5%左右",
            "再次说明国内生产总值增长5.5%左右。",
            name="国内生产总值",
            value=5.5,
            qualifier="approx",
            is_target=True,
            start=900,
        ),
    ]
    assert by_key(tg.region_targets(indicator_frame(rows)), "gdp", 2024)["target_low"] == 5


def test_absent_target_is_recorded() -> None:
    absent = pd.DataFrame(
        [
            {
                "indicator": "gdp",
                "kind": "growth",
                "period": 2020,
                "name": "",
                "target_text": "我们没有提出全年经济增速具体目标",
            }
        ]
    )
    actual = row(
        2021, "gdp", "增长2.3%", "全年国内生产总值增长2.3%。", name="国内生产总值", value=2.3
    )
    out = tg.region_targets(indicator_frame(year_2024_targets() + [actual]), absent)
    r = by_key(out, "gdp", 2020)
    assert r["target_text"] == "我们没有提出全年经济增速具体目标"
    assert r["actual"] == 2.3 and r["status"] == "no_target"


def test_clause_is_cut_at_commas_and_semicolons() -> None:
    assert tg.clause(TARGET_SENTENCE, "涨幅3%左右") == "居民消费价格涨幅3%左右"
    assert tg.clause("无关的句子。", "增长5%") == "增长5%"


def test_absent_patterns_find_the_statements() -> None:
    class FakeReport:
        text = (
            "今年发展主要预期目标是：国内生产总值增长5.5%左右；能耗强度目标在“十四五”规划期内统筹考核，"
            "并留有适当弹性。我们没有提出全年经济增速具体目标。"
        )
        report_year = 2022
        target_spans: list = []

    out = tg.absent_targets(FakeReport())
    assert set(zip(out["indicator"], out["target_text"], strict=True)) == {
        ("energy_intensity", "能耗强度目标在“十四五”规划期内统筹考核"),
        ("gdp", "我们没有提出全年经济增速具体目标"),
    }


def _fake_extract(tables: dict[int, pd.DataFrame]):
    def extract(report):
        return tables[report.report_year]

    return extract


@pytest.fixture()
def region_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two fixture reports with their indicator tables standing in for the extractor."""
    folder = tmp_path / "testland"
    shutil.copytree(FIXTURES / "testland", folder)
    frames = {
        2024: indicator_frame(year_2024_targets()),
        2025: indicator_frame(year_2025_actuals()),
    }
    monkeypatch.setattr("analysis.extracted.extract", _fake_extract(frames))
    return folder


def test_targets_dir_reads_every_report(region_dir: Path) -> None:
    out = tg.targets_dir(region_dir)
    assert dict(zip(out["indicator"], out["status"], strict=True)) == {
        "cpi": "met",
        "energy_intensity": "met",
        "gdp": "met",
        "urban_new_jobs": "met",
    }


def test_status_for_year(region_dir: Path) -> None:
    out = tg.status_for_year(region_dir, 2025)
    assert sorted(out["indicator"]) == ["cpi", "energy_intensity", "gdp", "urban_new_jobs"]
    assert set(out["period"]) == {2024}
    assert tg.status_for_year(region_dir, 2024).empty


def test_cli_writes_csv(region_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "t.csv"
    assert targets_cli.run(argparse.Namespace(path=region_dir, out=out)) == 0
    csv = pd.read_csv(out)
    assert list(csv.columns) == list(TARGET_COLUMNS) and len(csv) == 4
    assert targets_cli.run(argparse.Namespace(path=region_dir, out=None)) == 0
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert printed["status"].tolist() == csv["status"].tolist()


# --- the trends brief ------------------------------------------------------------------------


def _trends(rows: list[dict]):
    from analysis.extract.structure import read_report

    reports = [read_report(f) for f in sorted((FIXTURES / "testland").glob("*.txt"))]
    table = indicator_frame(rows)
    return ttrends.Trends("testland", "测试地区", reports, table, tg.region_targets(table))


def test_unit_scale() -> None:
    from analysis.tables.targets import unit_scale

    assert unit_scale("万亿元") == (1e12, "元")
    assert unit_scale("亿元") == (1e8, "元")
    assert unit_scale("万人") == (1e4, "人")
    assert unit_scale("%") == (1.0, "%")
    assert unit_scale("万") == (1.0, "万")  # a bare prefix is a unit of its own


def test_series_converts_scales_and_drops_other_units() -> None:
    from analysis.tables.trends import series

    rows = [
        row(
            2024,
            "gdp",
            "126万亿元",
            "国内生产总值超过126万亿元。",
            name="国内生产总值",
            kind="level",
            value=126,
            unit="万亿元",
        ),
        row(
            2025,
            "gdp",
            "134.9万亿元",
            "国内生产总值达到134.9万亿元。",
            name="国内生产总值",
            kind="level",
            value=134.9,
            unit="万亿元",
        ),
        row(
            2003,
            "gdp",
            "95933亿元",
            "国内生产总值95933亿元。",
            name="国内生产总值",
            kind="level",
            value=95933,
            unit="亿元",
        ),
        row(
            2002,
            "gdp",
            "9万亿美元",
            "国内生产总值9万亿美元。",
            name="国内生产总值",
            kind="level",
            value=9,
            unit="万亿美元",
        ),
    ]
    s = series(_trends(rows), "gdp", "level")
    assert s["period"].tolist() == [2002, 2023, 2024]
    assert s["unit"].unique().tolist() == ["万亿元"]
    assert s["value"].round(4).tolist() == [9.5933, 126.0, 134.9]


def test_segments_break_at_gaps_and_year_list() -> None:
    from analysis.briefs.trends import _segments, _year_list

    assert _segments(pd.Series([2003, 2004, 2006, 2007, 2010])) == [0, 0, 1, 1, 2]
    assert _year_list([1961, 1962, 1963, 1996, 2020, 2021]) == "1961–1963、1996、2020–2021"


def test_name_history_reports_a_change_of_measure() -> None:
    from analysis.tables.trends import display_name, name_history

    def rate(year: int, name: str) -> dict:
        return row(
            year,
            "urban_unemployment_rate",
            "5%以内",
            f"{name}5%以内。",
            name=name,
            kind="level",
            value=5,
            qualifier="at_most",
            is_target=True,
        )

    t = _trends(
        [rate(2016, "城镇登记失业率"), rate(2017, "城镇登记失业率"), rate(2018, "城镇调查失业率")]
    )
    assert name_history(t, "urban_unemployment_rate", "level") == [
        ("城镇登记失业率", 2016, 2017),
        ("城镇调查失业率", 2018, 2018),
    ]
    assert display_name(t, "urban_unemployment_rate") == "城镇失业率"  # the catalog label
    jobs = [
        row(
            y,
            "urban_new_jobs",
            "900万人",
            f"{n}900万人。",
            name=n,
            kind="level",
            value=900,
            unit="万人",
            is_target=True,
        )
        for y, n in ((2004, "新增城镇就业"), (2005, "城镇新增就业"))
    ]
    assert name_history(_trends(jobs), "urban_new_jobs", "level") == []  # wording, not measure
    one = _trends([rate(2016, "城镇登记失业率"), rate(2017, "城镇登记失业率")])
    assert name_history(one, "urban_unemployment_rate", "level") == []
    assert display_name(one, "urban_unemployment_rate") == "城镇登记失业率"


def test_status_html_escapes_report_text() -> None:
    from analysis.briefs import trends

    evil = '<script>alert("x")</script>国内生产总值增长5%左右'
    t = _trends(
        [
            row(
                2024,
                "gdp",
                "增长5%左右",
                evil,
                name="国内生产总值",
                value=5,
                qualifier="approx",
                is_target=True,
            ),
            row(2025, "gdp", "增长4%", "国内生产总值增长4%。", name="国内生产总值", value=4),
        ]
    )
    out = trends.status_html(t)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "未完成" in out  # 4% against 5% 左右


def test_trends_blocks_render_with_the_fixture_region() -> None:
    from analysis.briefs import trends

    t = _trends(year_2024_targets() + year_2025_actuals())
    assert t.years == [2024, 2025]
    head = trends.header_html(t)
    assert "2024–2025年" in head and "只有一份报告" not in head
    from analysis.briefs import charts

    svg = charts.to_svg(trends.targets_chart(t))  # one chart per targeted indicator
    assert re.findall(r">([^<>]*)：目标与实际<", svg) == [
        "国内生产总值增速", "居民消费价格涨幅", "城镇新增就业", "单位国内生产总值能耗变化"
    ]  # fmt: skip
    assert "4项指标设过量化目标" in trends.targets_html(t)
    words = ttrends.keyword_table(t, 3)
    assert words["年份"].tolist() == [2024, 2025] and len(words["高频词"][0]) == 3
    rising, falling = ttrends.word_shift(t, 3)
    assert rising and falling and all(c > 0 for _, c in rising) and all(c < 0 for _, c in falling)


def test_single_report_says_so() -> None:
    from analysis.briefs import trends

    t = _trends(year_2024_targets())
    t.reports = t.reports[:1]
    assert "只有一份报告" in trends.header_html(t)
    assert ttrends.word_shift(t) == ([], [])


def test_target_restated_in_the_next_report_is_not_the_actual() -> None:
    """2013: 提出…把居民消费价格涨幅控制在3.5%左右 explains that year's target; the 2012
    actual is 回落到2.6%, even when the restatement comes first and carries period 2012."""
    target_2012 = row(
        2012,
        "cpi",
        "控制在4%左右",
        "居民消费价格涨幅控制在4%左右。",
        name="居民消费价格",
        value=4,
        qualifier="approx",
        is_target=True,
    )
    target_2013 = row(
        2013,
        "cpi",
        "3.5%左右",
        "居民消费价格涨幅3.5%左右；",
        name="居民消费价格",
        value=3.5,
        qualifier="approx",
        is_target=True,
        start=500,
    )
    restated = row(
        2013,
        "cpi",
        "控制在3.5%左右",
        "把居民消费价格涨幅控制在3.5%左右，是选择。",
        name="居民消费价格",
        value=3.5,
        qualifier="approx",
        start=100,
    )
    actual = row(
        2013,
        "cpi",
        "2.6%",
        "居民消费价格涨幅回落到2.6%。",
        name="居民消费价格",
        value=2.6,
        start=900,
    )
    out = tg.region_targets(indicator_frame([target_2012, target_2013, restated, actual]))
    r = by_key(out, "cpi", 2012)
    assert r["actual"] == 2.6 and r["status"] == "met"


@pytest.mark.parametrize(
    ("indicator", "qualifier", "value", "direction"),
    [
        ("gdp", "approx", 5, "floor"),
        ("gnp", "exact", 6, "floor"),  # any catalogued indicator not known as a ceiling
        ("cpi", "approx", 3, "ceiling"),
        ("deficit_ratio", "approx", 3, "ceiling"),
        ("urban_unemployment_rate", "at_most", 5.5, "ceiling"),
        ("energy_intensity", "approx", -2.5, "ceiling"),
        ("energy_intensity", "at_least", -3, "ceiling"),  # 下降3%以上
        ("gdp", "at_most", 5, "ceiling"),  # the qualifier names the side
        ("widgets", "range", 5, "band"),
    ],
)
def test_direction_for(indicator: str, qualifier: str, value: float, direction: str) -> None:
    assert tg.direction_for(indicator, qualifier, value) == direction


def test_actual_in_another_scale_is_converted_to_the_target_unit() -> None:
    target = row(
        2024,
        "grain_output",
        "1.3万亿斤以上",
        "粮食产量1.3万亿斤以上。",
        name="粮食产量",
        kind="level",
        value=1.3,
        unit="万亿斤",
        qualifier="at_least",
        is_target=True,
    )
    actual = row(
        2025,
        "grain_output",
        "13908亿斤",
        "粮食产量13908亿斤。",
        name="粮食产量",
        kind="level",
        value=13908,
        unit="亿斤",
    )
    r = by_key(tg.region_targets(indicator_frame([target, actual])), "grain_output", 2024)
    assert r["actual"] == 1.3908 and r["actual_low"] == 1.3908 and r["status"] == "met"
    assert r["actual_text"] == "粮食产量13908亿斤"


def test_unit_scale_and_same_base() -> None:
    assert tg.unit_scale("万亿斤") == (1e12, "斤")
    assert tg.same_base("万人", "人") and not tg.same_base("万亿斤", "亿吨")


def test_rows_without_target_use_the_indicators_target_unit() -> None:
    """The table has no unit column: every row of one indicator is in its targets' unit."""
    target = row(
        2024,
        "grain_output",
        "1.3万亿斤以上",
        "粮食产量1.3万亿斤以上。",
        name="粮食产量",
        kind="level",
        value=1.3,
        unit="万亿斤",
        qualifier="at_least",
        is_target=True,
    )
    old = row(
        1955,
        "grain_output",
        "3000亿斤",
        "粮食产量3000亿斤。",
        name="粮食产量",
        kind="level",
        value=3000,
        unit="亿斤",
    )
    r = by_key(tg.region_targets(indicator_frame([target, old])), "grain_output", 1954)
    assert r["actual"] == 0.3 and r["status"] == "no_target"


def test_targets_in_another_scale_are_converted_to_the_latest_targets_unit() -> None:
    early = row(
        1980,
        "foreign_trade",
        "559亿元",
        "进出口总额559亿元。",
        name="进出口总额",
        kind="level",
        value=559,
        unit="亿元",
        is_target=True,
    )
    late = row(
        2024,
        "foreign_trade",
        "42万亿元",
        "进出口总额42万亿元。",
        name="进出口总额",
        kind="level",
        value=42,
        unit="万亿元",
        is_target=True,
    )
    out = tg.region_targets(indicator_frame([early, late]))
    assert by_key(out, "foreign_trade", 1980)["target_low"] == 0.0559
    assert by_key(out, "foreign_trade", 2024)["target_low"] == 42
