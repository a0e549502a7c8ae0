"""The indicator catalog: data file, alias matching, unit compatibility."""

from __future__ import annotations

from analysis.extract import catalog

REQUIRED = {
    "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales",
    "general_budget_revenue", "urban_disposable_income", "rural_disposable_income",
    "disposable_income", "cpi", "urban_new_jobs", "urban_unemployment_rate", "grain_output",
    "energy_intensity", "forest_coverage", "good_air_days_ratio", "pm25", "foreign_trade",
    "foreign_investment",
}  # fmt: skip


def test_catalog_has_the_required_ids() -> None:
    assert set(catalog.entries()) >= REQUIRED


def test_both_gdp_names_are_gdp() -> None:
    assert catalog.find("国内生产总值").entry.id == "gdp"
    assert catalog.find("地区生产总值").entry.id == "gdp"


def test_the_alias_nearest_the_figure_wins() -> None:
    assert catalog.find("单位国内生产总值能耗").entry.id == "energy_intensity"
    assert catalog.find("规模以上工业增加值").entry.id == "industrial_value_added"
    assert catalog.find("城镇调查失业率").entry.id == "urban_unemployment_rate"
    assert catalog.find("今年开展绿化行动") is None


def test_units_keep_counts_out_of_money_indicators() -> None:
    gdp = catalog.entries()["gdp"]
    assert gdp.admits("亿元", "level") and gdp.admits("%", "growth") and gdp.admits("全市", "rank")
    assert not gdp.admits("项", "level")
    assert catalog.label("cpi") == "居民消费价格" and "gdp" in catalog.headline_ids()


def test_directions() -> None:
    assert catalog.direction("gdp") == "floor"
    assert {i for i, e in catalog.entries().items() if e.direction == "ceiling"} == {
        "cpi", "urban_unemployment_rate", "energy_intensity", "pm25", "deficit_ratio"}  # fmt: skip


def test_display_name_is_the_reports_own_alias_unless_they_switch() -> None:
    assert catalog.display_name("gdp", ["国内生产总值"] * 5 + ["经济增长"]) == "国内生产总值"
    assert catalog.display_name("gdp", ["产值"]) == catalog.label("gdp")
    switching = ["城镇登记失业率"] * 3 + ["城镇调查失业率"] * 2
    assert catalog.display_name("urban_unemployment_rate", switching) == "城镇失业率"
