"""Indicator mentions: names, catalog ids, kinds, signs, distributions, periods, targets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.indicators import extract, extract_report
from analysis.extract.structure import read_report
from analysis.schema import INDICATOR_COLUMNS, validate_indicators

REVIEW = """2023年某县人民政府工作报告
2022年是本届政府的开局之年。全年地区生产总值将突破***亿元,同比增长*%;
城镇和农村常住居民人均可支配收入分别达到*****元、*****元,同比增长*%、*%。
一、防疫情、促发展,综合实力跃上新台阶。前三季度,地区生产总值完成***亿元,同比增长*%,增速全市第二。设立*亿元产业引导基金。PM2.5均值同比下降*%;空气优良天数***天、优良率**%,同比提高*个百分点。
二、重衔接、育产业。粮食总产稳定在***亿斤以上,实现“十九连丰”。过去五年,地区生产总值年均增长6.5%。
三、2023年工作安排
今年主要预期目标是：地区生产总值增长6%左右，城镇调查失业率5.5%以内，居民消费价格涨幅3%左右，单位地区生产总值能耗降低2.5%左右。
"""


@pytest.fixture()
def table(tmp_path: Path) -> tuple[str, pd.DataFrame]:
    p = tmp_path / "county" / "2023.txt"
    p.parent.mkdir()
    p.write_text(REVIEW, encoding="utf-8")
    report, df = extract_report(p)
    return report.text, df


def rows(df: pd.DataFrame, **kw: object) -> pd.DataFrame:
    m = pd.Series(True, index=df.index)
    for k, v in kw.items():
        m &= df[k] == v
    return df[m]


def test_contract_columns_and_validity(table: tuple[str, pd.DataFrame]) -> None:
    text, df = table
    assert tuple(df.columns[: len(INDICATOR_COLUMNS)]) == INDICATOR_COLUMNS
    validate_indicators(df, text)
    assert (df["region"] == "county").all() and (df["report_year"] == 2023).all()


def test_headline_gdp_masked_with_growth(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    first = df.iloc[0]
    assert (first.text, first["name"], first.indicator, first.kind) == (
        "突破***亿元", "地区生产总值", "gdp", "level")  # fmt: skip
    assert (first.low, first.high, first.qualifier, bool(first.masked)) == (
        100.0, 1000.0, "at_least", True)  # fmt: skip
    assert pd.isna(first.value) and first.period == 2022 and not first.is_target
    growth = df.iloc[1]
    assert (growth.indicator, growth.kind, growth.low, growth.high) == ("gdp", "growth", 0, 10)


def test_distribution_gives_each_item_its_full_name(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    inc = df[df.indicator.isin(["urban_disposable_income", "rural_disposable_income"])]
    assert inc[["name", "kind", "unit"]].values.tolist() == [
        ["城镇常住居民人均可支配收入", "level", "元"],
        ["农村常住居民人均可支配收入", "level", "元"],
        ["城镇常住居民人均可支配收入", "growth", "%"],
        ["农村常住居民人均可支配收入", "growth", "%"],
    ]
    assert inc.low.tolist() == [10000, 10000, 0, 0]


def test_decline_is_negative_and_pp_change(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    pm = rows(df, indicator="pm25").iloc[0]
    assert (pm.kind, pm.low, pm.high) == ("growth", -10.0, 0.0)
    pp = rows(df, kind="pp_change").iloc[0]
    assert (pp.indicator, pp.unit, pp.low, pp.high) == ("good_air_days_ratio", "个百分点", 0, 10)


def test_rank_streak_and_name_after_number(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    rank = rows(df, kind="rank").iloc[0]
    assert (rank.text, rank["name"], rank.indicator, rank.value, rank.unit) == (
        "全市第二", "地区生产总值增速", "gdp", 2.0, "全市")  # fmt: skip
    streak = rows(df, unit="连丰").iloc[0]
    assert (streak.value, streak.indicator, streak.kind) == (19.0, "grain_output", "level")
    fund = rows(df, text="*亿元").iloc[0]
    assert fund["name"] == "设立产业引导基金"


def test_multi_year_kept_apart(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    avg = rows(df, text="6.5%").iloc[0]
    assert bool(avg.multi_year) and avg.indicator == "gdp"
    assert not df[df.text == "突破***亿元"].multi_year.iloc[0]


def test_targets_flagged_with_report_year_period(table: tuple[str, pd.DataFrame]) -> None:
    _, df = table
    t = df[df.is_target]
    assert t[["indicator", "kind", "value", "qualifier"]].values.tolist() == [
        ["gdp", "growth", 6.0, "approx"],
        ["urban_unemployment_rate", "level", 5.5, "at_most"],
        ["cpi", "growth", 3.0, "approx"],
        ["energy_intensity", "growth", -2.5, "approx"],
    ]
    assert (t.period == 2023).all()


def test_ratio_to_gdp_is_not_gdp(tmp_path: Path) -> None:
    p = tmp_path / "2015.txt"
    p.write_text("研究与试验发展经费支出与国内生产总值之比超过2%。国内生产总值增长7.4%。", "utf-8")
    _, df = extract_report(p)
    assert df.indicator.isna().tolist()[0] and df.indicator.tolist()[1] == "gdp"


def test_sample_report(sample_path: Path) -> None:
    report = read_report(sample_path)
    df = extract(report)
    validate_indicators(df, report.text)
    assert len(df) > 100
    assert df.masked.mean() > 0.8  # the sample masks most digits
    present = set(df.indicator.dropna())
    assert {"gdp", "fixed_asset_investment", "retail_sales", "general_budget_revenue",
            "urban_disposable_income", "rural_disposable_income", "urban_new_jobs",
            "forest_coverage", "grain_output", "pm25"} <= present  # fmt: skip
    assert (df.section.unique() == [0, 1, 2, 3, 4, 5, 6]).all()


def test_older_wording_base_to_level_and_increase(tmp_path: Path) -> None:
    p = tmp_path / "1979.txt"
    p.write_text("钢产量由二千零四十六万吨增加到三千一百七十八万吨，增长百分之五十五点三。"
                 "比上一年增产二千二百万吨，即百分之七点八。", "utf-8")  # fmt: skip
    _, df = extract_report(p)
    assert df[["name", "kind", "value", "unit"]].values.tolist() == [
        ["钢产量", "level", 2046.0, "万吨"],
        ["钢产量", "level", 3178.0, "万吨"],
        ["钢产量", "growth", 55.3, "%"],
        ["", "growth", 2200.0, "万吨"],
        ["", "growth", 7.8, "%"],
    ]
