"""Old names of the same indicator (2010s reports, issue 16 class 4): the catalog id is the
indicator's, the report's own name stays in ``name``. Sentences of our own making, in the
wording of a county report of 2013."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.indicators import extract_report
from analysis.tables import census

REVIEW = "一、2012年工作回顾\n{}\n二、2013年工作安排\n做好各项工作。\n"


def _rows(tmp_path: Path, sentence: str) -> pd.DataFrame:
    p = tmp_path / "mouxian" / "2013.txt"
    p.parent.mkdir(exist_ok=True)
    p.write_text(REVIEW.format(sentence), encoding="utf-8")
    return extract_report(p)[1]


def _pick(rows: pd.DataFrame, unit: str) -> pd.Series:
    hit = rows[rows["unit"] == unit]
    assert len(hit) == 1, rows[["name", "indicator", "unit"]]
    return hit.iloc[0]


@pytest.mark.parametrize(
    "name",
    ["公共财政预算收入", "地方公共财政预算收入", "一般公共财政预算收入", "公共财政收入"],
)
def test_budget_revenue_before_2014(tmp_path: Path, name: str) -> None:
    rows = _rows(tmp_path, f"全县{name}完成8.5亿元，增长10.2%。")
    level, growth = _pick(rows, "亿元"), _pick(rows, "%")
    assert level["indicator"] == growth["indicator"] == "general_budget_revenue"
    assert level["name"] == name and level["value"] == 8.5 and growth["value"] == 10.2


def test_total_fiscal_revenue_is_not_budget_revenue(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "地方财政总收入完成15.2亿元，其中公共财政预算收入8.5亿元。")
    total = rows[rows["value"] == 15.2].iloc[0]
    budget = rows[rows["value"] == 8.5].iloc[0]
    assert total["indicator"] != "general_budget_revenue" and total["name"] == "地方财政总收入"
    assert budget["indicator"] == "general_budget_revenue"


@pytest.mark.parametrize("name", ["农民人均纯收入", "农牧民人均纯收入", "农村居民人均纯收入"])
def test_rural_net_income_is_the_rural_income_measure(tmp_path: Path, name: str) -> None:
    rows = _rows(tmp_path, f"{name}8650元，增长12.5%。")
    level, growth = _pick(rows, "元"), _pick(rows, "%")
    assert level["indicator"] == growth["indicator"] == "rural_disposable_income"
    assert level["name"] == name and growth["value"] == 12.5


@pytest.mark.parametrize("name", ["城镇常住居民人均可支配收入", "城镇居民人均可支配收入"])
def test_urban_income_under_either_name(tmp_path: Path, name: str) -> None:
    rows = _rows(tmp_path, f"{name}21360元，增长9.8%。")
    level = _pick(rows, "元")
    assert level["indicator"] == "urban_disposable_income" and level["name"] == name


def test_urban_and_old_rural_income_side_by_side(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "城镇居民人均可支配收入和农民人均纯收入分别达到21360元和8650元。")
    got = dict(zip(rows["value"], zip(rows["indicator"], rows["name"], strict=True), strict=True))
    assert got[21360.0] == ("urban_disposable_income", "城镇居民人均可支配收入")
    assert got[8650.0] == ("rural_disposable_income", "农民人均纯收入")


@pytest.mark.parametrize("name", ["全社会固定资产投资", "本级固定资产投资", "城镇固定资产投资"])
def test_investment_scopes_are_fixed_asset_investment(tmp_path: Path, name: str) -> None:
    rows = _rows(tmp_path, f"{name}完成156.3亿元，增长18.6%。")
    level, growth = _pick(rows, "亿元"), _pick(rows, "%")
    assert level["indicator"] == growth["indicator"] == "fixed_asset_investment"
    assert level["name"] == name


def test_investment_above_a_threshold_keeps_the_threshold_in_its_name(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "500万元以上固定资产投资完成80.2亿元，增长15.1%。")
    assert list(rows["value"]) == [80.2, 15.1]  # 500万元以上 is the scope, not a figure
    assert set(rows["indicator"]) == {"fixed_asset_investment"}
    assert set(rows["name"]) == {"500万元以上固定资产投资"}
    report, table = extract_report(tmp_path / "mouxian" / "2013.txt")
    reasons = {n.text: n.reason for n in census.number_census(report, table)}
    assert reasons["500"] == "threshold"  # the source view does not count it as missed
