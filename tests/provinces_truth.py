"""Figures verified by reading 16 provincial 2026 government work reports.

Source: ``/work/shared/corpus/provinces-2026/<FILES[province]>`` (one-row CSV, UTF-8 with BOM,
column ``full_text``). Each report was delivered in January–February 2026: it reviews 2025 and
the 14th five-year plan (2021–2025), outlines the 15th and sets the 2026 targets. Every entry
was read in the text by hand. Keys are the CSV ``province`` value.

Fields (``None`` when the report does not state the figure; a comment says why):

- ``gdp_level_2025``: the province's own 2025 GDP level, ``value`` in ``unit`` as written
  (万亿元 or 亿元, not converted). A level stated only at the end of the five-year review
  (江苏 "…达14.2万亿元", 甘肃 "达到13697.5亿元") is the 2025 level; the base year of a
  "从A提高到B" pair is not. Other totals (大湾区/川渝 经济总量, a city's or county's GDP,
  海洋生产总值, five-year increments) are never taken.
- ``gdp_growth_2025``, ``retail_growth_2025`` (社会消费品零售总额), ``investment_growth_2025``
  (固定资产投资, the headline figure only: 工业投资, 技改投资, 民间投资 or investment excluding
  real estate are not it): ``value`` in %, signed.
- ``gdp_target_2026``, ``cpi_target_2026``, ``jobs_target_2026`` (城镇新增就业, 万人),
  ``unemployment_target_2026`` (城镇调查失业率, %): ``low``/``high``. A jobs target stated in
  the 2026 task sections rather than the 主要预期目标 sentence is still the 2026 target.
- ``budget_revenue_2025``: 2025 一般公共预算收入 (地方一般公共预算收入 counts; 财政总收入 and
  five-year 累计 totals do not). ``value``/``unit``/``qualifier`` are None when only the growth
  is stated; ``growth`` is None when only the level is. ``text`` quotes the level (or the
  growth when there is no level); ``growth_text`` quotes the growth when it is stated in a
  different place from the level, else None.

Qualifiers follow the indicator-table vocabulary (exact | approx | at_least | at_most | range):
达/达到/bare = exact; 左右/约/近 = approx; 以上/超过/突破/迈上…台阶 = at_least (``high`` None
for an open floor); 以内 = at_most (``low`` = ``high`` = the ceiling, as in corpus_truth);
"5%—5.5%" = range. A target written bare (天津 "增长4.5%", 江苏 "按增长5%安排") is exact.

``text`` is an exact quote of the report after :func:`corpus_truth.squash` (whitespace and
zero-width characters removed, full-width digits, ％ and ． made half-width); tests find it
with ``text in squash(full_text)``. Range dashes are kept as written (— U+2014 or -).
"""

from __future__ import annotations

from corpus_truth import squash

__all__ = ["FILES", "PROVINCES", "squash"]

#: CSV file name (in /work/shared/corpus/provinces-2026/) of each province's report.
FILES: dict[str, str] = {
    p: f"2026_{p}_政府工作报告.csv"
    for p in (
        "天津市",
        "安徽省",
        "山东省",
        "山西省",
        "广东省",
        "广西壮族自治区",
        "新疆维吾尔自治区",
        "江苏省",
        "江西省",
        "河北省",
        "河南省",
        "湖南省",
        "甘肃省",
        "辽宁省",
        "重庆市",
        "青海省",
    )
}


def _lv(value: float, unit: str, qualifier: str, text: str) -> dict:
    return {"value": value, "unit": unit, "qualifier": qualifier, "text": text}


def _g(value: float, text: str, qualifier: str = "exact") -> dict:
    return {"value": value, "qualifier": qualifier, "text": text}


def _t(low: float, high: float | None, qualifier: str, text: str) -> dict:
    return {"low": low, "high": high, "qualifier": qualifier, "text": text}


def _b(
    value: float | None,
    unit: str | None,
    qualifier: str | None,
    growth: float | None,
    text: str,
    growth_text: str | None = None,
) -> dict:
    return {
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "growth": growth,
        "text": text,
        "growth_text": growth_text,
    }


PROVINCES: dict[str, dict] = {
    "河北省": {
        # Level from the five-year review: 3.68 is 2020's, 4.93 is 2025's.
        "gdp_level_2025": _lv(
            4.93, "万亿元", "exact", "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元"
        ),
        "gdp_growth_2025": _g(5.6, "全省生产总值增长5.6%，一般公共预算收入增长2%"),
        "gdp_target_2026": _t(5, None, "at_least", "主要预期目标是：地区生产总值增长5%以上"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        # Stated in task section (六), not in the 主要预期目标 sentence.
        "jobs_target_2026": _t(
            86, 86, "exact", "稳定高校毕业生、农民工等重点群体就业，城镇新增就业86万人"
        ),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率控制在5.5%左右"),
        # Level from the five-year review (3826.5 is 2020's); growth from the 2025 paragraph.
        "budget_revenue_2025": _b(
            4398.6,
            "亿元",
            "exact",
            2,
            "一般公共预算收入从3826.5亿元增长到4398.6亿元",
            "一般公共预算收入增长2%，规上工业增加值增长7.9%",
        ),
        "retail_growth_2025": _g(5.6, "社会消费品零售总额增长5.6%"),
        "investment_growth_2025": _g(6.1, "固定资产投资增长6.1%"),
    },
    "天津市": {
        # not stated: the report gives only growth (4.8%) and the five-year GDP年均增长4.4%.
        "gdp_level_2025": None,
        "gdp_growth_2025": _g(4.8, "全市地区生产总值增长4.8%，一般公共预算收入增长4.1%"),
        # Written bare ("增长4.5%，在实际工作中努力争取更好结果"): exact.
        "gdp_target_2026": _t(
            4.5, 4.5, "exact", "主要预期目标是：地区生产总值增长4.5%，在实际工作中努力争取更好结果"
        ),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右；居民收入增长"),
        "jobs_target_2026": _t(28, 28, "exact", "城镇新增就业28万人；居民消费价格"),
        "unemployment_target_2026": _t(
            5.5, 5.5, "approx", "固定资产投资提质增效；城镇调查失业率5.5%左右"
        ),
        # Level not stated (five-year review: "一般公共预算收入稳步提高"); growth only.
        "budget_revenue_2025": _b(None, None, None, 4.1, "一般公共预算收入增长4.1%"),
        # not stated.
        "retail_growth_2025": None,
        # not stated: "利用外资、投资分别增长45%、20%" is in the 国家级经开区 reform passage,
        # not the province-wide 固定资产投资 (the 2026 target is only "固定资产投资提质增效").
        "investment_growth_2025": None,
    },
    "安徽省": {
        "gdp_level_2025": _lv(5.3, "万亿元", "exact", "全省地区生产总值5.3万亿元、增长5.5%"),
        "gdp_growth_2025": _g(5.5, "全省地区生产总值5.3万亿元、增长5.5%"),
        # Range; the 15th-plan 年均增长5%—5.5% is a separate sentence.
        "gdp_target_2026": _t(5, 5.5, "range", "主要预期目标是：全省地区生产总值增长5%—5.5%"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格指数上涨2%左右"),
        "jobs_target_2026": _t(68, 68, "approx", "城镇新增就业68万人左右"),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率5.5%左右"),
        # Level not stated; growth only.
        "budget_revenue_2025": _b(None, None, None, 2.9, "一般公共预算收入增长2.9%"),
        "retail_growth_2025": _g(4.2, "社会消费品零售总额增长4.2%"),
        # not stated: only 高技术服务业投资增长16.4% and five-year 制造业投资年均增长12.2%.
        "investment_growth_2025": None,
    },
    "山东省": {
        # "成为…过10万亿元省份" is a threshold remark; the level is 10.3.
        "gdp_level_2025": _lv(10.3, "万亿元", "exact", "地区生产总值增长5.5%、达到10.3万亿元"),
        "gdp_growth_2025": _g(5.5, "地区生产总值增长5.5%、达到10.3万亿元"),
        "gdp_target_2026": _t(5, None, "at_least", "主要预期目标为：地区生产总值增长5%以上"),
        # not stated: "居民消费价格保持合理水平" has no number.
        "cpi_target_2026": None,
        "jobs_target_2026": _t(110, None, "at_least", "城镇新增就业110万人以上；居民消费价格"),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率控制在5.5%左右"),
        # not stated: only the five-year "一般公共预算收入累计完成3.7万亿元，5年增长18.7%".
        "budget_revenue_2025": None,
        "retail_growth_2025": _g(5.1, "社会消费品零售总额增长5.1%，高于全国1.4个百分点"),
        # not stated: only 工业技改投资增长5.3% and 重点项目完成投资2.8万亿元.
        "investment_growth_2025": None,
    },
    "山西省": {
        # Only in the five-year review ("经济运行稳中有进。地区生产总值超过2.5万亿元"): a floor.
        "gdp_level_2025": _lv(2.5, "万亿元", "at_least", "地区生产总值超过2.5万亿元、年均增长5%"),
        "gdp_growth_2025": _g(4, "全年GDP增长4%，快于2024年1.8个百分点"),
        "gdp_target_2026": _t(4.5, 5, "range", "主要目标是：地区生产总值增长4.5%—5%"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格总水平上涨幅度控制在2%左右"),
        "jobs_target_2026": _t(45, 45, "exact", "城镇新增就业人数45万人"),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率控制在5.5%左右"),
        # not stated: the report never gives 一般公共预算收入 for 2025.
        "budget_revenue_2025": None,
        # not stated: "投资、消费增速分别快于全国3.4个、1个百分点" gives no figure.
        "retail_growth_2025": None,
        # not stated (same sentence); 民间投资增长2.8% is not 固定资产投资.
        "investment_growth_2025": None,
    },
    "广东省": {
        # Five-year review: 11.37 is 2020's, 14.58 is 2025's. Not 大湾区经济总量突破15万亿元.
        "gdp_level_2025": _lv(
            14.58, "万亿元", "exact", "地区生产总值从11.37万亿元提高到14.58万亿元"
        ),
        "gdp_growth_2025": _g(3.9, "地区生产总值增长3.9%、总量连续37年居全国首位"),
        "gdp_target_2026": _t(4.5, 5, "range", "主要预期目标是：地区生产总值增长4.5%—5%"),
        # not stated: no CPI target anywhere in the report.
        "cpi_target_2026": None,
        # Stated in task section (十二), not in the 主要预期目标 sentence.
        "jobs_target_2026": _t(
            110, None, "at_least", "把稳就业放在优先位置来抓，城镇新增就业110万人以上"
        ),
        # not stated: only the 2025 actual (城镇调查失业率平均值为5.0%).
        "unemployment_target_2026": None,
        "budget_revenue_2025": _b(
            1.39,
            "万亿元",
            "exact",
            3,
            "地方一般公共预算收入从1.29万亿元提高到1.39万亿元",
            "地方一般公共预算收入增长3%。货物进出口",
        ),
        "retail_growth_2025": _g(2.8, "社会消费品零售总额实现4.6万亿元、增长2.8%"),
        # not stated for 2025 (全年投资增长5%左右 is the 2026 plan).
        "investment_growth_2025": None,
    },
    "广西壮族自治区": {
        # not stated: only the increment "2025年总量比2020年增加超7400亿元".
        "gdp_level_2025": None,
        "gdp_growth_2025": _g(5.1, "全区地区生产总值增长5.1%，增速高于预期目标"),
        # Written "经济增长5%左右" (no 地区生产总值).
        "gdp_target_2026": _t(5, 5, "approx", "主要预期目标是：经济增长5%左右"),
        "cpi_target_2026": _t(2, 2, "at_most", "居民消费价格指数涨幅2%以内"),
        # not stated: neither the targets nor the 2026 task sections give a number.
        "jobs_target_2026": None,
        "unemployment_target_2026": _t(
            5.5, 5.5, "approx", "城镇调查失业率5.5%左右，居民消费价格指数"
        ),
        "budget_revenue_2025": _b(
            1900, "亿元", "at_least", 4.6, "一般公共预算收入增长4.6%，总量首次突破1900亿元"
        ),
        # not stated.
        "retail_growth_2025": None,
        # not stated: only sub-totals (招商引资落地项目投资完成额增长11.7%, 园区工业投资…).
        "investment_growth_2025": None,
    },
    "新疆维吾尔自治区": {
        "gdp_level_2025": _lv(2.15, "万亿元", "exact", "全年地区生产总值2.15万亿元、增长5.5%"),
        "gdp_growth_2025": _g(5.5, "全年地区生产总值2.15万亿元、增长5.5%"),
        # The 15th-plan 年均增长5.5%—6% is a separate sentence.
        "gdp_target_2026": _t(5.5, 6, "range", "主要预期目标是：地区生产总值增长5.5%—6%"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格指数涨幅2%左右"),
        "jobs_target_2026": _t(47, None, "at_least", "城镇新增就业47万人以上"),
        "unemployment_target_2026": _t(5.5, 5.5, "at_most", "城镇调查失业率控制在5.5%以内"),
        # Level not stated; growth only (five-year 年均增长12.5% is a different figure).
        "budget_revenue_2025": _b(None, None, None, 10.5, "一般公共预算收入增长10.5%"),
        "retail_growth_2025": _g(3.6, "社会消费品零售总额增长3.6%"),
        "investment_growth_2025": _g(7.2, "固定资产投资增长7.2%"),
    },
    "江苏省": {
        # Only in the five-year review, which ends in 2025.
        "gdp_level_2025": _lv(
            14.2, "万亿元", "exact", "地区生产总值连续迈上4个万亿元台阶、达14.2万亿元"
        ),
        "gdp_growth_2025": _g(5.3, "地区生产总值增长5.3%、增量保持全国第一"),
        # "按增长5%安排": bare, exact.
        "gdp_target_2026": _t(5, 5, "exact", "地区生产总值按增长5%安排"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        "jobs_target_2026": _t(120, 120, "exact", "城镇新增就业120万人"),
        "unemployment_target_2026": _t(5, 5, "approx", "城镇调查失业率5%左右"),
        # Level only "达万亿级规模" (no figure); growth only.
        "budget_revenue_2025": _b(None, None, None, 2.1, "一般公共预算收入增长2.1%，税占比达77.4%"),
        # not stated: only the level (社会消费品零售总额达4.64万亿元).
        "retail_growth_2025": None,
        # not stated.
        "investment_growth_2025": None,
    },
    "江西省": {
        # Five-year review; "突破3万亿元" is a threshold, 3.6 the level.
        "gdp_level_2025": _lv(3.6, "万亿元", "exact", "地区生产总值突破3万亿元、达3.6万亿元"),
        "gdp_growth_2025": _g(5.2, "地区生产总值增长5.2%，规模以上工业增加值增长7.5%"),
        "gdp_target_2026": _t(5, 5.5, "range", "主要预期目标是：地区生产总值增长5%-5.5%"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        # Stated in task section (六), not in the 主要预期目标 sentence.
        "jobs_target_2026": _t(41, 41, "exact", "加强劳务品牌建设，城镇新增就业41万人"),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率控制在5.5%左右"),
        # not stated: the report never gives 一般公共预算收入.
        "budget_revenue_2025": None,
        "retail_growth_2025": _g(4.7, "社会消费品零售总额增长4.7%"),
        "investment_growth_2025": _g(1.6, "固定资产投资增长1.6%"),
    },
    "河南省": {
        # Five-year review ("综合实力稳步提升。生产总值6.66万亿元"): the 2025 level.
        "gdp_level_2025": _lv(6.66, "万亿元", "exact", "综合实力稳步提升。生产总值6.66万亿元"),
        "gdp_growth_2025": _g(5.6, "顶压前行、真抓实干，生产总值增长5.6%"),
        "gdp_target_2026": _t(5, 5, "approx", "主要预期目标是：经济增长5%左右"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        "jobs_target_2026": _t(110, None, "at_least", "城镇新增就业110万人以上"),
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率5.5%左右"),
        # not stated: "财政总收入7019亿元" is NOT 一般公共预算收入.
        "budget_revenue_2025": None,
        "retail_growth_2025": _g(5.6, "社会消费品零售总额增长5.6%"),
        # not stated: only 工业投资增长13.3%.
        "investment_growth_2025": None,
    },
    "湖南省": {
        "gdp_level_2025": _lv(5.53, "万亿元", "exact", "全省地区生产总值达到5.53万亿元"),
        "gdp_growth_2025": _g(4.8, "达到5.53万亿元、稳居全国前十强、增长4.8%"),
        "gdp_target_2026": _t(5, 5, "approx", "今年主要预期目标是：地区生产总值增长5%左右"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        "jobs_target_2026": _t(70, 70, "exact", "城镇新增就业70万人"),
        # not stated: only the 15th-plan "确保城镇调查失业率总体稳定" (no number).
        "unemployment_target_2026": None,
        # Headline growth 1.7 (the parenthesis adds 同口径增长2.5%以上).
        "budget_revenue_2025": _b(
            3507.6, "亿元", "exact", 1.7, "地方一般公共预算收入达3507.6亿元、增长1.7%"
        ),
        # not stated.
        "retail_growth_2025": None,
        # not stated.
        "investment_growth_2025": None,
    },
    "甘肃省": {
        # Five-year review: 13697.5 is 2025's, 9323.1 (十三五末) is 2020's.
        "gdp_level_2025": _lv(13697.5, "亿元", "exact", "全省地区生产总值达到13697.5亿元"),
        "gdp_growth_2025": _g(5.8, "地区生产总值增长5.8%，增速居全国第2位"),
        "gdp_target_2026": _t(5.5, 5.5, "approx", "主要预期目标是：地区生产总值增长5.5%左右"),
        # Written bare, without 左右 or 控制在: exact.
        "cpi_target_2026": _t(2, 2, "exact", "居民消费价格涨幅2%；粮食产量"),
        # Stated in the 2026 为民实事 list ("三是…"), not in the 主要预期目标 sentence.
        "jobs_target_2026": _t(30, 30, "exact", "城镇新增就业30万人"),
        # The 15th-plan "城镇调查失业率控制在5.5%左右" is a separate sentence.
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率5.5%左右；城乡居民"),
        "budget_revenue_2025": _b(
            1112.4,
            "亿元",
            "exact",
            5.7,
            "一般公共预算收入从874.6亿元增加到1112.4亿元",
            "一般公共预算收入增长5.7%，增速居全国第5位",
        ),
        "retail_growth_2025": _g(2.5, "社会消费品零售总额增长2.5%"),
        # not stated as headline: "扣除房地产开发投资后，固定资产投资增长2.7%" excludes real
        # estate, so it is not the 固定资产投资 indicator.
        "investment_growth_2025": None,
    },
    "辽宁省": {
        # not stated ("大连迈入万亿级城市" is a city).
        "gdp_level_2025": None,
        "gdp_growth_2025": _g(3.7, "地区生产总值增长3.7%，一般公共预算收入增长0.4%"),
        "gdp_target_2026": _t(4.5, 4.5, "approx", "主要预期目标是：地区生产总值增长4.5%左右"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        "jobs_target_2026": _t(45, None, "at_least", "城镇新增就业45万人以上，城镇调查失业率"),
        # The 15th-plan "城镇调查失业率5.5%左右。四是…" is a separate sentence.
        "unemployment_target_2026": _t(
            5.5, 5.5, "approx", "城镇调查失业率5.5%左右，居民消费价格涨幅"
        ),
        # Level not stated; growth only.
        "budget_revenue_2025": _b(None, None, None, 0.4, "一般公共预算收入增长0.4%"),
        "retail_growth_2025": _g(1.4, "社会消费品零售总额增长1.4%"),
        # not stated: only sub-sector investment (航空航天器及设备投资增长61.2% …).
        "investment_growth_2025": None,
    },
    "重庆市": {
        # Not "川渝…地区生产总值…突破10万亿元" (Sichuan + Chongqing).
        "gdp_level_2025": _lv(
            33757.93, "亿元", "exact", "全市地区生产总值达到33757.93亿元、增长5.3%"
        ),
        "gdp_growth_2025": _g(5.3, "全市地区生产总值达到33757.93亿元、增长5.3%"),
        "gdp_target_2026": _t(5, None, "at_least", "主要预期目标是：地区生产总值增长5%以上"),
        # not stated: no CPI target anywhere in the report.
        "cpi_target_2026": None,
        "jobs_target_2026": _t(65, None, "at_least", "城镇新增就业65万人以上"),
        # not stated: the report never mentions 城镇调查失业率.
        "unemployment_target_2026": None,
        # not stated for 2025 (only the 2026 target 增长3%).
        "budget_revenue_2025": None,
        "retail_growth_2025": _g(3.1, "社会消费品零售总额增长3.1%"),
        # not stated: only "基础设施投资、工业投资分别增长3.2%、8.5%".
        "investment_growth_2025": None,
    },
    "青海省": {
        # Only in the five-year review: "历史性迈上4000亿元台阶", a floor.
        "gdp_level_2025": _lv(4000, "亿元", "at_least", "全省地区生产总值历史性迈上4000亿元台阶"),
        "gdp_growth_2025": _g(4.1, "地区生产总值增长4.1%，全体居民人均可支配收入增长5.1%"),
        "gdp_target_2026": _t(4.5, 4.5, "approx", "全省地区生产总值增长4.5%左右、力争更好结果"),
        "cpi_target_2026": _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
        "jobs_target_2026": _t(6, None, "at_least", "城镇新增就业6万人以上"),
        # The 2025 actual is "城镇调查失业率5.4%".
        "unemployment_target_2026": _t(5.5, 5.5, "approx", "城镇调查失业率5.5%左右"),
        # not stated: only 一般公共预算支出2164.2亿元.
        "budget_revenue_2025": None,
        "retail_growth_2025": _g(2, "社会消费品零售总额增长2%。投资攻坚行动"),
        # not stated.
        "investment_growth_2025": None,
    },
}


def _f(province: str, indicator: str, kind: str, value: float, unit: str, text: str) -> dict:
    return {"province": province, "indicator": indicator, "kind": kind, "value": value,
            "unit": unit, "text": text}  # fmt: skip


#: Figures of indicators beyond the headline ones, read by hand (issue 16's breadth key):
#: ``text`` quotes the report (normalised text) and holds the figure; the figure's row must
#: carry ``indicator`` and ``kind``, with ``value`` in ``unit`` as written (signed, bounds of a
#: floor: 突破2300亿元 → 2300). Half A of the provinces (天津 … 江苏) is where the catalog's
#: aliases were written from; half B (江西 … 青海) was not read for that.
# fmt: off
BREADTH: list[dict] = [
    # urbanisation (常住人口城镇化率)
    _f("山东省", "urbanization_rate", "level", 67.5, "%", "常住人口城镇化率达到67.5%"),
    _f("广东省", "urbanization_rate", "level", 76.58, "%", "全省常住人口城镇化率提高到76.58%"),
    _f("新疆维吾尔自治区", "urbanization_rate", "level", 61.61, "%", "全疆常住人口城镇化率61.61%"),
    _f("江西省", "urbanization_rate", "level", 64.8, "%", "常住人口城镇化率提高至64.8%"),
    _f("湖南省", "urbanization_rate", "pp_change", 0.9, "个百分点",
       "力争全省城镇化率提高0.9个百分点以上"),
    # R&D intensity
    _f("广东省", "rd_intensity", "level", 3.6, "%", "研发投入强度达3.6%"),
    _f("江苏省", "rd_intensity", "level", 3.38, "%", "全社会研发投入强度达3.38%左右"),
    _f("湖南省", "rd_intensity", "level", 2.62, "%", "全社会研发投入强度提升至2.62%"),
    _f("江西省", "rd_intensity", "level", 2.09, "%", "力争全社会研发投入强度达2.09%左右"),
    # exports
    _f("天津市", "exports", "growth", 10.1, "%", "出口增长10.1%，跨境电商交易额增长28.1%"),
    _f("安徽省", "exports", "growth", 17.8, "%", "出口逆势增长17.8%"),
    # grain (亿斤 as written)
    _f("安徽省", "grain_output", "level", 838.6, "亿斤", "粮食产量838.6亿斤、再创历史新高"),
    _f("广西壮族自治区", "grain_output", "level", 280.9, "亿斤", "粮食产量280.9亿斤"),
    _f("新疆维吾尔自治区", "grain_output", "level", 486.5, "亿斤", "粮食总产486.5亿斤"),
    _f("江西省", "grain_output", "level", 446.1, "亿斤", "粮食总产达446.1亿斤"),
    # incomes
    _f("安徽省", "urban_disposable_income", "growth", 4.4, "%",
       "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%"),
    _f("安徽省", "rural_disposable_income", "growth", 5.9, "%",
       "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%"),
    _f("广东省", "disposable_income", "level", 5.4, "万元", "居民人均可支配收入提高到5.4万元"),
    # high-tech manufacturing
    _f("安徽省", "high_tech_manufacturing_value_added", "growth", 30.4, "%",
       "高技术制造业增加值增长30.4%"),
    _f("江苏省", "high_tech_manufacturing_value_added", "growth", 11.9, "%",
       "规上高技术制造业增加值、规上高技术服务业营收分别增长11.9%、6.8%"),
    _f("江西省", "high_tech_manufacturing_value_added", "growth", 11.8, "%",
       "高技术制造业增加值增长11.8%"),
    # foreign investment
    _f("天津市", "foreign_investment", "level", 263, "亿美元", "实际使用外资263亿美元"),
    _f("广东省", "foreign_investment", "level", 1126.6, "亿元", "实际使用外资1126.6亿元、增长11.3%"),
    _f("辽宁省", "foreign_investment", "level", 33.8, "亿美元", "实际使用外资33.8亿美元，增长10%"),
    # life expectancy
    _f("天津市", "life_expectancy", "level", 82.58, "岁", "人均预期寿命达到82.58岁"),
    _f("山东省", "life_expectancy", "level", 80.5, "岁", "人均预期寿命增至80.5岁"),
    _f("青海省", "life_expectancy", "level", 75.3, "岁", "人均预期寿命提高到75.3岁"),
    # technology contracts
    _f("天津市", "tech_contract_turnover", "level", 2300, "亿元", "全市技术合同成交额突破2300亿元"),
    _f("江西省", "tech_contract_turnover", "growth", 19.5, "%", "登记技术合同成交额增长19.5%"),
    _f("辽宁省", "tech_contract_turnover", "level", 1700, "亿元", "技术合同成交额突破1700亿元，增长13.1%"),
    _f("湖南省", "tech_contract_turnover", "level", 5000, "亿元", "技术合同成交额突破5000亿元"),
    # high-tech firms
    _f("山西省", "high_tech_enterprises", "level", 4500, "家", "高新技术企业突破4500家"),
    _f("江苏省", "high_tech_enterprises", "level", 6.1, "万家", "高新技术企业超6.1万家"),
    _f("广东省", "high_tech_enterprises", "level", 7.4, "万家", "预计高新技术企业达7.4万家"),
    # spending
    _f("青海省", "general_budget_expenditure", "level", 2164.2, "亿元", "一般公共预算支出2164.2亿元"),
    # expressways, farmland
    _f("山东省", "highway_mileage", "level", 9500, "公里", "高速公路里程突破9500公里"),
    _f("青海省", "highway_mileage", "level", 5465, "公里", "高速公路通车里程达5465公里"),
    _f("山西省", "high_standard_farmland", "level", 80, "万亩", "新建改造高标准农田80万亩"),
    _f("江西省", "high_standard_farmland", "level", 81, "万亩", "新建和改造高标准农田81万亩"),
]
# fmt: on
