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
    ceilings = {i for i, e in catalog.entries().items() if e.direction == "ceiling"}
    assert ceilings >= {"cpi", "urban_unemployment_rate", "energy_intensity", "pm25",
                        "deficit_ratio", "carbon_intensity", "poverty_incidence"}  # fmt: skip
    assert not ceilings & {"urbanization_rate", "exports", "life_expectancy", "rd_intensity"}


def test_display_name_is_the_reports_own_alias_unless_they_switch() -> None:
    assert catalog.display_name("gdp", ["国内生产总值"] * 5 + ["经济增长"]) == "国内生产总值"
    assert catalog.display_name("gdp", ["产值"]) == catalog.label("gdp")
    switching = ["城镇登记失业率"] * 3 + ["城镇调查失业率"] * 2
    assert catalog.display_name("urban_unemployment_rate", switching) == "城镇失业率"


def test_every_indicator_has_an_english_label_and_a_norm_unit() -> None:
    for e in catalog.entries().values():
        assert e.label_en and e.label_en != e.id, e.id
        assert e.norm_unit, e.id
    assert catalog.label_en("retail_sales") == "Retail sales of consumer goods"
    assert catalog.norm_unit("gdp") == "亿元" and catalog.norm_unit("urban_new_jobs") == "万人"


def test_magnitudes_in_the_norm_unit() -> None:
    norm = catalog.normalise_magnitude
    assert norm("gdp", 5.3, "万亿元") == 53000.0
    assert norm("gdp", 13697.5, "亿元") == 13697.5
    assert norm("gdp", 2500000, "万元") == 250.0
    assert norm("urban_new_jobs", 12000, "人") == 1.2
    assert norm("grain_output", 1400, "亿斤") == 7000.0  # 万吨
    assert norm("grain_output", 700.5, "万吨") == 700.5
    assert norm("urban_disposable_income", 4.2, "万元") == 42000.0
    assert norm("cpi", 2, "%") == 2.0


def test_what_is_not_a_magnitude_of_the_norm_is_none() -> None:
    norm = catalog.normalise_magnitude
    assert norm("gdp", 5.5, "%") is None  # a growth
    assert norm("foreign_trade", 800, "亿美元") is None  # another currency
    assert norm("urban_unemployment_rate", 0.2, "个百分点") is None  # a change
    assert norm("gdp", None, "亿元") is None and norm("gdp", float("nan"), "亿元") is None
    assert norm("not_an_indicator", 1, "亿元") is None


CONTRACT = REQUIRED | {
    "gdp_per_capita", "gnp", "fiscal_revenue", "good_air_days_ratio", "good_air_days",
    "deficit_ratio", "rural_poor_reduction", "industrial_agricultural_output",
    "urbanization_rate", "rd_intensity", "rd_expenditure", "exports", "imports",
    "high_tech_manufacturing_value_added", "life_expectancy", "tech_contract_turnover",
    "high_tech_enterprises", "general_budget_expenditure", "tax_revenue_share", "population",
    "primary_industry_value_added", "secondary_industry_value_added",
    "tertiary_industry_value_added", "tourists", "tourism_revenue", "highway_mileage",
    "high_standard_farmland", "carbon_intensity",
}  # fmt: skip


def test_eighty_indicators_and_the_contract_ids() -> None:
    assert len(catalog.entries()) >= 80
    assert set(catalog.entries()) >= CONTRACT


def test_a_measure_gathers_its_names_and_no_one_elses() -> None:
    def find(phrase: str) -> str | None:
        m = catalog.find(phrase)
        return m.entry.id if m else None

    assert find("常住人口城镇化率") == find("城镇化率") == "urbanization_rate"
    assert find("户籍人口城镇化率") == "hukou_urbanization_rate"
    assert find("全社会研发经费投入强度") == find("研发投入强度") == "rd_intensity"
    assert find("全社会研发投入") == "rd_expenditure" and find("企业研发投入") is None
    assert find("外贸出口") == find("出口") == "exports" and find("“新三样”出口") is None
    assert find("对东盟进出口") is None and find("货物进出口总额") == "foreign_trade"
    assert find("技术合同成交额") == "tech_contract_turnover"
    assert find("吸纳技术合同成交额") is None  # what a region buys, not what it sells
    assert find("接待入境游客") == "inbound_tourists" and find("接待游客") == "tourists"
    assert find("高速铁路运营里程") == "high_speed_rail_mileage"
    assert find("铁路营业里程") == "railway_mileage"


def test_name_at_reads_a_name_opening_right_there() -> None:
    text = "500万元以上固定资产投资完成80亿元"
    entry = catalog.name_at(text, text.index("固"))
    assert entry is not None and entry.id == "fixed_asset_investment"
    assert catalog.name_at(text, 0) is None
