"""Sentence rules of issue 16 (classes 1, 2, 3, 5, 7): small texts of our own making, each the
kind of sentence that was misread, never a report's own words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.indicators import extract_report
from analysis.schema import validate_indicators
from analysis.tables import targets as tg


def _extract(tmp_path: Path, text: str, year: int = 2026, region: str = "某县") -> pd.DataFrame:
    folder = tmp_path / region
    folder.mkdir(exist_ok=True)
    p = folder / f"{year}.txt"
    p.write_text(text, encoding="utf-8")
    report, table = extract_report(p)
    validate_indicators(table, report.text)
    return table


def _rows(table: pd.DataFrame, text: str) -> pd.DataFrame:
    return table[table["text"] == text]


def _one(table: pd.DataFrame, text: str) -> pd.Series:
    hit = _rows(table, text)
    assert len(hit) == 1, (text, table[["text", "name", "indicator"]].to_dict("records"))
    return hit.iloc[0]


def _facts(r: pd.Series, *keys: str) -> dict:
    return {k: (None if pd.isna(r[k]) else r[k]) for k in keys}


# --- class 1: the year's targets after a five-year passage ----------------------------------

PLAN_THEN_YEAR = """2026年某县政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全县地区生产总值增长5.2%。
二、“十五五”时期主要目标任务
“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5.5%左右，居民收入增长与经济增长同步。今年全县一般公共预算收入力争增长7%。
{opening}经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业3000人以上，居民消费价格涨幅3%左右。
三、全力做好重点工作
（一）扩大有效投资。固定资产投资增长8%。
"""


@pytest.mark.parametrize(
    "opening",
    ["综合考虑各方面因素，今年", "2026年是“十五五”开局之年。全县", "今年全县", "2026年全县"],
)
def test_year_targets_after_a_plan_paragraph(tmp_path: Path, opening: str) -> None:
    """A 主要预期目标 sentence naming 今年 / the report year (itself or in its paragraph) sets
    this year's targets, though the section around it plans five years."""
    t = _extract(tmp_path, PLAN_THEN_YEAR.format(opening=opening))
    keys = ("indicator", "period", "is_target", "multi_year", "scope")
    assert _facts(_one(t, "6%左右"), *keys) == {
        "indicator": "gdp", "period": 2026, "is_target": True, "multi_year": False,
        "scope": "targets",
    }  # fmt: skip
    assert _facts(_one(t, "3000人以上"), "indicator", "is_target") == {
        "indicator": "urban_new_jobs", "is_target": True,
    }  # fmt: skip
    # A sentence of its own naming 今年 amid the plan's goals sets this year's target too.
    assert _facts(_one(t, "7%"), "indicator", "period", "is_target", "multi_year") == {
        "indicator": "general_budget_revenue", "period": 2026, "is_target": True,
        "multi_year": False,
    }  # fmt: skip
    plan = _one(t, "5.5%左右")
    assert _facts(plan, "is_target", "multi_year", "scope") == {
        "is_target": False, "multi_year": True, "scope": "next_plan",
    }  # fmt: skip


def test_a_paragraph_opening_with_the_year_in_a_plan_section(tmp_path: Path) -> None:
    """No cue at all: a paragraph opening with 2026年 after the plan's goals is the year's."""
    text = PLAN_THEN_YEAR.format(opening="").replace(
        "经济社会发展的主要预期目标是：地区生产总值", "2026年，全县地区生产总值"
    )
    t = _extract(tmp_path, text)
    got = [(r["text"], r["is_target"], r["multi_year"]) for _, r in t.iterrows()]
    assert got[1:6] == [
        ("5.5%左右", False, True),
        ("7%", True, False),
        ("6%左右", True, False),
        ("3000人以上", True, False),
        ("3%左右", True, False),
    ], got


def test_targets_listed_with_dashes_in_a_plan_section(tmp_path: Path) -> None:
    """建议…主要预期目标为： then one target a line, each opening with ——."""
    text = """2026年某省政府工作报告
一、2025年工作回顾
过去一年，全省地区生产总值增长5.2%。
二、“十五五”时期的主要目标和2026年工作安排
“十五五”时期，全省地区生产总值年均增长5%左右。
今年是“十五五”开局之年。综合考虑，建议全省经济社会发展主要预期目标为：
——经济增长5%左右；
——城镇新增就业45万人以上，城镇调查失业率5.5%左右；
——居民消费价格涨幅2%左右。
"""
    t = _extract(tmp_path, text, region="某省")
    targets = t[t["is_target"]]
    assert [(r["name"], r["indicator"], r["period"]) for _, r in targets.iterrows()] == [
        ("经济增长", "gdp", 2026),
        ("城镇新增就业", "urban_new_jobs", 2026),
        ("城镇调查失业率", "urban_unemployment_rate", 2026),
        ("居民消费价格", "cpi", 2026),
    ]


# --- class 2: milestones are not levels -----------------------------------------------------

MILESTONES = """2026年某市政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全市经济总量迈上3000亿元台阶，地区生产总值增长5.3%。
全市生产总值跨越两个千亿元台阶，经济总量达到3125.6亿元。
五年来，地区生产总值连跨两个千亿元台阶，年均增长6%。
二、2026年工作安排
今年主要预期目标是：地区生产总值增长5.5%左右。
"""


def test_a_step_crossed_is_not_a_level(tmp_path: Path) -> None:
    """跨越两个千亿元台阶 / 连跨两个千亿元台阶 count steps: no level of 1000亿元 comes out."""
    t = _extract(tmp_path, MILESTONES, region="某市")
    assert t[t["text"].str.contains("千亿元")].empty, t[["text", "name"]].to_dict("records")


def test_a_milestone_is_a_floor_and_the_precise_level_wins(tmp_path: Path) -> None:
    t = _extract(tmp_path, MILESTONES, region="某市")
    floor = _one(t, "迈上3000亿元")
    assert _facts(floor, "indicator", "kind", "qualifier", "low") == {
        "indicator": "gdp", "kind": "level", "qualifier": "at_least", "low": 3000.0,
    }  # fmt: skip
    picked = tg.pick_actuals(t)
    level = picked[(picked["indicator"] == "gdp") & (picked["kind"] == "level")]
    assert level["text"].tolist() == ["3125.6亿元"]


def test_a_floor_named_as_gdp_loses_to_an_exact_level(tmp_path: Path) -> None:
    """The exact figure wins even when the milestone carries the preferred name."""
    text = MILESTONES.replace("全市经济总量迈上", "全市地区生产总值迈上")
    t = _extract(tmp_path, text, region="某市")
    picked = tg.pick_actuals(t)
    level = picked[(picked["indicator"] == "gdp") & (picked["kind"] == "level")]
    assert level["text"].tolist() == ["3125.6亿元"]


def test_milestones_listed_are_all_floors(tmp_path: Path) -> None:
    """先后跨越4万亿元、5万亿元台阶 / 突破4万亿元、5万亿元 / 迈上5万亿元新台阶: every figure of the
    list is a floor of GDP, none the year's exact level."""
    text = """2026年某省政府工作报告
过去一年，全省地区生产总值增长5.4%，经济总量先后跨越4万亿元、5万亿元台阶。
全省生产总值突破4万亿元、5万亿元，迈上5万亿元新台阶。
"""
    t = _extract(tmp_path, text, region="某省")
    levels = t[t["kind"] == "level"]
    assert [(r["indicator"], r["value"], r["qualifier"]) for _, r in levels.iterrows()] == [
        ("gdp", 4.0, "at_least"), ("gdp", 5.0, "at_least"), ("gdp", 4.0, "at_least"),
        ("gdp", 5.0, "at_least"), ("gdp", 5.0, "at_least"),
    ]  # fmt: skip


def test_a_quarter_is_no_years_actual(tmp_path: Path) -> None:
    text = """2026年某省政府工作报告
过去一年，一季度全省地区生产总值增长6.1%，上半年增长5.8%，全年增长5.4%。
"""
    picked = tg.pick_actuals(_extract(tmp_path, text, region="某省"))
    assert picked[picked["indicator"] == "gdp"]["value"].tolist() == [5.4]


# --- class 3: levels in other forms ---------------------------------------------------------

LEVEL_FORMS = """2026年某市政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全市完成地区生产总值3125.6亿元、增长5.3%，完成一般公共预算收入210.4亿元。
二、“十四五”发展成就
五年来，全市地区生产总值连跨两个千亿元台阶，达到3125.6亿元，年均增长6%。
这五年，经济实力持续增强，全市生产总值达到3125.6亿元。
五年来，全市地区生产总值增加到3125.6亿元。
三、2026年工作安排
今年主要预期目标是：地区生产总值增长5.5%左右。
"""


def test_completed_level_and_growth(tmp_path: Path) -> None:
    """完成地区生产总值N亿元、增长M%: the level and the growth of GDP."""
    t = _extract(tmp_path, LEVEL_FORMS, region="某市")
    keys = ("name", "indicator", "kind", "period", "multi_year")
    rows = t[t["sentence"].str.startswith("过去一年")]
    got = [_facts(r, *keys) for _, r in rows.iterrows()]
    assert got[:2] == [
        {"name": "地区生产总值", "indicator": "gdp", "kind": "level", "period": 2025,
         "multi_year": False},
        {"name": "地区生产总值", "indicator": "gdp", "kind": "growth", "period": 2025,
         "multi_year": False},
    ]  # fmt: skip
    assert _facts(rows.iloc[2], "name", "indicator") == {
        "name": "一般公共预算收入", "indicator": "general_budget_revenue",
    }  # fmt: skip


def test_a_five_year_review_ends_at_the_last_years_level(tmp_path: Path) -> None:
    """五年来…达到N亿元: the level reached in 2025 (not a five-year figure); 年均 stays one."""
    t = _extract(tmp_path, LEVEL_FORMS, region="某市")
    plan = t[t["scope"] == "review_plan"]
    levels = plan[plan["kind"] == "level"]
    assert [_facts(r, "indicator", "period", "multi_year") for _, r in levels.iterrows()] == [
        {"indicator": "gdp", "period": 2025, "multi_year": False}
    ] * 3
    assert _facts(_one(t, "6%"), "multi_year") == {"multi_year": True}


# --- class 5: paired and joint figures ------------------------------------------------------

PAIRED = """2026年某县政府工作报告
各位代表：
一、2025年工作回顾
过去一年，城乡常住居民人均可支配收入分别完成42315元、21560元，同比分别增长5.1%、6.8%。
城镇和农村居民人均可支配收入分别同比增长5.5%。
二、2026年工作安排
今年主要预期目标是：城镇和农村居民人均可支配收入分别增长5%和7%左右，城乡居民收入增长6.5%。
"""


def _by_indicator(t: pd.DataFrame, sentence_start: str) -> list[tuple]:
    rows = t[t["sentence"].str.startswith(sentence_start)]
    return [(r["indicator"], r["kind"], r["value"], r["qualifier"]) for _, r in rows.iterrows()]


def test_two_indicators_two_levels_two_growths(tmp_path: Path) -> None:
    t = _extract(tmp_path, PAIRED)
    assert _by_indicator(t, "过去一年") == [
        ("urban_disposable_income", "level", 42315.0, "exact"),
        ("rural_disposable_income", "level", 21560.0, "exact"),
        ("urban_disposable_income", "growth", 5.1, "exact"),
        ("rural_disposable_income", "growth", 6.8, "exact"),
    ]


def test_one_figure_for_both(tmp_path: Path) -> None:
    """分别同比增长5.5%: one figure, a row for each item."""
    t = _extract(tmp_path, PAIRED)
    assert _by_indicator(t, "城镇和农村") == [
        ("urban_disposable_income", "growth", 5.5, "exact"),
        ("rural_disposable_income", "growth", 5.5, "exact"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "生猪、家禽年出栏量分别稳定在3900万头、13.5亿只以上。",  # 只: no unit read
        "水土流失、荒漠化面积分别减少10.6万、3.3万平方公里。",  # the first has no unit
    ],
)
def test_one_figure_read_of_a_longer_list_is_not_for_all(tmp_path: Path, sentence: str) -> None:
    t = _extract(tmp_path, "2026年某县政府工作报告\n过去一年，" + sentence + "\n")
    assert len(t) == 1, t[["text", "name"]].to_dict("records")


def test_a_joint_scheme_is_one_row(tmp_path: Path) -> None:
    """城乡居民医保 is one scheme: without 分别 only an income is split into its parts."""
    text = "2026年某县政府工作报告\n过去一年，城乡居民医保人均财政补助标准提高到700元。\n"
    t = _extract(tmp_path, text)
    assert t["name"].tolist() == ["城乡居民医保人均财政补助标准"]


def test_a_qualifier_after_the_last_figure_covers_both(tmp_path: Path) -> None:
    """分别增长5%和7%左右: 左右 is both targets' qualifier."""
    t = _extract(tmp_path, PAIRED)
    rows = t[t["sentence"].str.startswith("今年") & t["text"].isin(["5%", "7%左右"])]
    assert [(r["indicator"], r["value"], r["qualifier"]) for _, r in rows.iterrows()] == [
        ("urban_disposable_income", 5.0, "approx"),
        ("rural_disposable_income", 7.0, "approx"),
    ]


def test_a_joint_target_makes_a_row_for_each_part(tmp_path: Path) -> None:
    """城乡居民收入增长6.5%: the urban and the rural income target (docs/tables.md)."""
    t = _extract(tmp_path, PAIRED)
    rows = _rows(t, "6.5%")
    assert [
        (r["name"], r["indicator"], r["value"], r["is_target"]) for _, r in rows.iterrows()
    ] == [
        ("城镇居民收入", "urban_disposable_income", 6.5, True),
        ("农村居民收入", "rural_disposable_income", 6.5, True),
    ]


# --- class 7: texts that are not whole reports ----------------------------------------------

EXCERPT = """某市2026年政府工作报告（摘要）
图片
过去一年，全市地区生产总值增长5.2%，社会消费品零售总额增长4.6%。
图为市民在新建的体育公园健身。记者 某某 摄
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业1.2万人，居民消费价格涨幅2%左右。
2025年，全市固定资产投资增长3.1%。
"""


def test_an_excerpt_without_headings(tmp_path: Path) -> None:
    """No heading at all: the sentences' own time words decide period and target."""
    t = _extract(tmp_path, EXCERPT, region="某市")
    keys = ("indicator", "period", "is_target")
    assert _facts(_one(t, "5.2%"), *keys) == {
        "indicator": "gdp",
        "period": 2025,
        "is_target": False,
    }
    assert _facts(_one(t, "5.5%左右"), *keys) == {
        "indicator": "gdp", "period": 2026, "is_target": True,
    }  # fmt: skip
    assert _facts(_one(t, "1.2万人"), *keys) == {
        "indicator": "urban_new_jobs", "period": 2026, "is_target": True,
    }  # fmt: skip
    assert _facts(_one(t, "3.1%"), *keys) == {
        "indicator": "fixed_asset_investment", "period": 2025, "is_target": False,
    }  # fmt: skip


LISTED_TARGETS = """某市2026年政府工作报告（摘要）
过去一年，全市地区生产总值增长5.2%。
今年经济社会发展的主要预期目标是：
地区生产总值增长5.5%左右；
城镇新增就业1.2万人；
居民消费价格涨幅2%左右。
一年来，我们坚持稳中求进，城镇新增就业1.3万人。
"""


def test_an_excerpt_listing_its_targets_line_by_line(tmp_path: Path) -> None:
    t = _extract(tmp_path, LISTED_TARGETS, region="某市")
    got = [(r["text"], r["period"], r["is_target"]) for _, r in t.iterrows()]
    assert got == [
        ("5.2%", 2025, False),
        ("5.5%左右", 2026, True),
        ("1.2万人", 2026, True),
        ("2%左右", 2026, True),
        ("1.3万人", 2025, False),
    ]


ITEMS_ONLY = """某市2026年政府工作报告（摘要）
过去一年，全市地区生产总值增长5.2%。
（一）稳产业。全市规模以上工业增加值增长6.1%。
（二）惠民生。城镇新增就业1.3万人。
“十五五”时期，全市地区生产总值年均增长5%左右。
今年主要预期目标是：地区生产总值增长5.5%左右。
（一）稳就业。城镇新增就业1.2万人。
（二）扩投资。固定资产投资增长6%左右。
"""


def test_an_excerpt_whose_only_headings_are_list_items(tmp_path: Path) -> None:
    """（一）（二） items are its only headings: they take the role the text gave them."""
    t = _extract(tmp_path, ITEMS_ONLY, region="某市")
    got = [(r["text"], r["period"], r["is_target"], r["multi_year"]) for _, r in t.iterrows()]
    assert got == [
        ("5.2%", 2025, False, False),
        ("6.1%", 2025, False, False),
        ("1.3万人", 2025, False, False),
        ("5%左右", 2026, False, True),
        ("5.5%左右", 2026, True, False),
        ("1.2万人", 2026, True, False),
        ("6%左右", 2026, True, False),
    ]


def test_an_excerpt_opening_with_the_year_and_its_targets(tmp_path: Path) -> None:
    """2026年是…第一年。今年…主要预期目标是: the year's targets, not a report of 2026 that
    reviews 2026 (whose targets would be 2027's)."""
    text = "政府工作报告\n2026年是“十五五”第一年。今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
    t = _extract(tmp_path, text, region="某省")
    assert _facts(_one(t, "5%左右"), "period", "is_target") == {"period": 2026, "is_target": True}


YEAR_END = """某县2025年政府工作报告
一、2025年工作回顾
今年以来，全县地区生产总值增长5.1%。
二、2026年工作安排
明年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
"""


def test_a_report_delivered_at_the_end_of_the_year_it_reviews(tmp_path: Path) -> None:
    """今年 is the reviewed year and 明年 the targets' year."""
    t = _extract(tmp_path, YEAR_END, year=2025)
    keys = ("period", "is_target")
    assert _facts(_one(t, "5.1%"), *keys) == {"period": 2025, "is_target": False}
    assert _facts(_one(t, "5.5%左右"), *keys) == {"period": 2026, "is_target": True}


def test_the_first_year_of_a_term_is_one_year(tmp_path: Path) -> None:
    """2022年是本届政府的开局之年: the year reviewed, not the government's term."""
    text = "2023年某县政府工作总结\n2022年是本届政府的开局之年，全县地区生产总值增长5%。\n"
    t = _extract(tmp_path, text, year=2023)
    assert _facts(_one(t, "5%"), "period", "multi_year", "scope") == {
        "period": 2022, "multi_year": False, "scope": "review_year",
    }  # fmt: skip


WITH_TOC = """2026年某市政府工作报告
一、2025年工作回顾
二、“十五五”时期主要目标
三、2026年主要任务
各位代表：
现在，我代表市人民政府向大会报告工作。
一、2025年工作回顾
全市地区生产总值增长5.2%，城镇新增就业1.3万人。
二、“十五五”时期主要目标
“十五五”时期的主要目标是：地区生产总值年均增长5%以上。
三、2026年主要任务
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业1.2万人。
2025年，全市固定资产投资增长3.1%。今年要扩大有效投资，固定资产投资增长6%。
"""


@pytest.mark.parametrize("joint", ["\n", " ", ""], ids=["lines", "one-line", "run-on"])
def test_a_table_of_contents_is_no_section(tmp_path: Path, joint: str) -> None:
    text = WITH_TOC.replace(
        "工作回顾\n二、“十五五”时期主要目标\n三",
        f"工作回顾{joint}二、“十五五”时期主要目标{joint}三",
        1,
    )
    t = _extract(tmp_path, text, region="某市")
    keys = ("period", "is_target", "scope")
    assert _facts(_one(t, "5.2%"), *keys) == {"period": 2025, "is_target": False,
                                             "scope": "review_year"}  # fmt: skip
    assert _facts(_one(t, "1.3万人"), *keys) == {"period": 2025, "is_target": False,
                                               "scope": "review_year"}  # fmt: skip
    assert _facts(_one(t, "5.5%左右"), *keys) == {"period": 2026, "is_target": True,
                                                "scope": "targets"}  # fmt: skip
    # A sentence opening with the reviewed year reviews it, wherever it stands.
    assert _facts(_one(t, "3.1%"), *keys) == {"period": 2025, "is_target": False,
                                             "scope": "review_year"}  # fmt: skip
    assert _facts(_one(t, "6%"), *keys) == {"period": 2026, "is_target": True,
                                           "scope": "tasks"}  # fmt: skip


PLAN_NAMED_IN_THE_CUE = """某市2026年政府工作报告（摘要）
“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右。
综合考虑各方面因素，按照“十五五”规划纲要的部署，全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅2%左右。
稳就业。强化重点群体就业帮扶，城镇新增就业1.2万人以上。
"""


def test_a_plan_named_beside_the_cue_and_the_tasks_after_it(tmp_path: Path) -> None:
    """The plan named in the sentence (按照“十五五”规划) does not own the targets; the paragraph
    after the targets plans the year (its figure to reach is a target)."""
    t = _extract(tmp_path, PLAN_NAMED_IN_THE_CUE, region="某市")
    keys = ("indicator", "period", "is_target", "multi_year")
    assert _facts(_one(t, "5%左右"), *keys) == {
        "indicator": "gdp", "period": 2026, "is_target": False, "multi_year": True,
    }  # fmt: skip
    assert _facts(_one(t, "5.5%左右"), *keys) == {
        "indicator": "gdp", "period": 2026, "is_target": True, "multi_year": False,
    }  # fmt: skip
    assert _facts(_one(t, "1.2万人以上"), *keys) == {
        "indicator": "urban_new_jobs", "period": 2026, "is_target": True, "multi_year": False,
    }  # fmt: skip


def test_a_table_of_contents_over_an_excerpt_without_headings(tmp_path: Path) -> None:
    """The outline is printed, the text below it has no headings: the last entry of the
    outline (三、2026年主要任务) does not make the review a task."""
    toc = (
        "2026年某市政府工作报告\n一、2025年工作回顾\n二、“十五五”时期主要目标\n三、2026年主要任务\n"
    )
    body = "全市地区生产总值增长5.2%。\n今年主要预期目标是：地区生产总值增长5.5%左右。\n"
    t = _extract(tmp_path, toc + body, region="某市")
    keys = ("period", "is_target")
    assert _facts(_one(t, "5.2%"), *keys) == {"period": 2025, "is_target": False}
    assert _facts(_one(t, "5.5%左右"), *keys) == {"period": 2026, "is_target": True}


def test_a_caption_line_does_not_join_the_paragraph_after_it(tmp_path: Path) -> None:
    folder = tmp_path / "某市"
    folder.mkdir()
    (folder / "2026.txt").write_text(EXCERPT, encoding="utf-8")
    report, _ = extract_report(folder / "2026.txt")
    assert "图片" not in report.text and "摄" not in report.text
