"""Targets paired with the actuals a year later in a county's series (issue 16, class 6).

A made-up county's three reports (2017–2019) shaped like a real district's as published: GBK,
CRLF line ends, a letter-spaced title, the dateline in Chinese numerals, 2010s names of the
indicators (公共财政预算收入, 农民人均纯收入, 全社会固定资产投资) in one year and today's names
in the next. Each year's targets must meet the growth reported for that year in the next report.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.tables import targets as tg

HEAD = """政 府 工 作 报 告
——二〇{yy}年一月十{d}日在某县第十七届人民代表大会第{n}次会议上
县长  某某
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员提出意见。
"""

REPORTS = {
    2017: """一、2016年工作回顾
2016年，全县实现地区生产总值101.2亿元，增长7.9%。
二、2017年工作的总体要求和主要目标
2017年全县经济社会发展的主要预期目标是：地区生产总值增长8%，公共财政预算收入增长7%，全社会固定资产投资增长16%，城镇居民人均可支配收入增长8.5%，农民人均纯收入增长9%。
三、扎实做好2017年各项工作
（一）狠抓项目建设。全年实施重点项目100个以上。
""",
    2018: """一、2017年工作回顾
过去的一年，全县生产总值完成112.3亿元，同比增长8.1%；公共财政预算收入完成7.8亿元，增长6.5%；全社会固定资产投资完成140.2亿元，增长16.4%；城镇居民人均可支配收入达到28760元，增长8.3%；农民人均纯收入达到11240元，增长9.2%。
二、2018年工作思路和主要目标
2018年全县经济社会发展的主要预期目标是：地区生产总值增长8.5%左右，一般公共预算收入增长8%，固定资产投资增长15%，城乡居民人均可支配收入分别增长9%和10%左右。
三、2018年重点工作
（一）狠抓项目建设。全年实施重点项目120个以上。
""",
    2019: """一、2018年工作回顾
过去的一年，全县完成地区生产总值123.4亿元，增长8.2%；一般公共预算收入8.5亿元，增长9.1%；固定资产投资156亿元，增长14.2%；城乡常住居民人均可支配收入分别达到31245元、12345元，同比分别增长8.6%、9.8%。
二、2019年主要目标
2019年全县经济社会发展的主要预期目标是：地区生产总值增长8%，一般公共预算收入增长7%。
""",
}

#: (indicator, period) → (target low, actual, status) of the growth rows.
EXPECTED = {
    ("gdp", 2017): (8.0, 8.1, "met"),
    ("general_budget_revenue", 2017): (7.0, 6.5, "missed"),
    ("fixed_asset_investment", 2017): (16.0, 16.4, "met"),
    ("urban_disposable_income", 2017): (8.5, 8.3, "missed"),
    ("rural_disposable_income", 2017): (9.0, 9.2, "met"),
    ("gdp", 2018): (8.5, 8.2, "missed"),
    ("general_budget_revenue", 2018): (8.0, 9.1, "met"),
    ("fixed_asset_investment", 2018): (15.0, 14.2, "missed"),
    ("urban_disposable_income", 2018): (9.0, 8.6, "missed"),
    ("rural_disposable_income", 2018): (10.0, 9.8, "met"),
}


@pytest.fixture(scope="module")
def county_targets(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("raw") / "某县"
    folder.mkdir()
    for n, (year, body) in enumerate(sorted(REPORTS.items())):
        text = HEAD.format(yy="一" + "七八九"[n], d="二三四"[n], n="一二三"[n]) + body
        (folder / f"{year}.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    return tg.targets_dir(folder)


@pytest.mark.parametrize("key", list(EXPECTED), ids=[f"{i}-{p}" for i, p in EXPECTED])
def test_each_target_meets_its_actual(county_targets: pd.DataFrame, key: tuple[str, int]) -> None:
    t = county_targets
    hit = t[(t["indicator"] == key[0]) & (t["kind"] == "growth") & (t["period"] == key[1])]
    assert len(hit) == 1, t[["indicator", "kind", "period", "status"]].to_dict("records")
    r = hit.iloc[0]
    assert (r["target_low"], r["actual"], r["status"]) == EXPECTED[key], r.to_dict()
    assert r["actual_report_year"] == key[1] + 1


YEAR_END = {
    2017: """一、2017年工作回顾
今年以来，全县实现地区生产总值112.3亿元，增长8.1%；城镇新增就业3100人。
二、2018年工作安排
明年全县经济社会发展的主要预期目标是：地区生产总值增长8.5%左右，城镇新增就业3000人以上。
""",
    2018: """一、2018年工作回顾
今年以来，全县实现地区生产总值123.4亿元，增长8.2%；城镇新增就业2900人。
二、2019年工作安排
明年全县经济社会发展的主要预期目标是：地区生产总值增长8%，城镇新增就业3000人以上。
""",
}


def test_reports_delivered_at_the_end_of_the_year_they_review(tmp_path) -> None:
    """Some counties meet in December: the report of 2017 reviews 2017 (今年以来) and sets
    the targets of 2018 (明年); the report of 2018 states the 2018 actuals."""
    folder = tmp_path / "某县"
    folder.mkdir()
    for year, body in YEAR_END.items():
        text = f"某县{year}年政府工作报告\n各位代表：\n" + body
        (folder / f"{year}.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    t = tg.targets_dir(folder)
    got = {
        (r["indicator"], r["kind"], r["period"]): (r["target_low"], r["actual"], r["status"])
        for _, r in t.iterrows()
        if r["period"] == 2018
    }
    assert got == {
        ("gdp", "growth", 2018): (8.5, 8.2, "missed"),
        ("urban_new_jobs", "level", 2018): (3000.0, 2900.0, "missed"),
    }
