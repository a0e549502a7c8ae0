"""Scope from structure: roles of sections and paragraphs, and what they make of a figure.

A small report shaped like the provincial reports of a plan's last year (2026 reviews 2025 and
the 14th five-year plan, outlines the 15th and sets the 2026 targets), plus the copy artefacts
of reposting sites.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.indicators import extract_report
from analysis.extract.normalise import normalise
from analysis.extract.structure import read_report
from analysis.schema import SCOPES, validate_indicators

REPORT = """下载
打印
收藏
【字号：
加大
还原
减小
】
2026年某省政府工作报告
来源：某省日报
时间：2026-02-03
省长某某作政府工作报告。本报记者 某某 摄
各位代表：
现在，我代表省人民政府向大会报告工作。
一、2025年和“十四五”时期工作回顾
过去一年，全省地区生产总值增长5.1%，社会消费品零售总额增长4.2%。
（一）稳经济。大湾区经济总量突破15万亿元，海洋生产总值增长6%左右。
各位代表！2025年是“十四五”收官之年。五年来，我们砥砺前行。
——这是经济实力提升的五年。地区生产总值从11.37万亿元提高到14.58万亿元、年均增长5.7%，城镇新增就业超690万人，居民人均可支配收入增长34.3%。
二、“十五五”时期主要目标任务
“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，城镇调查失业率控制在5.5%以内。
三、2026年重点工作
今年经济社会发展的
主要预期目标
是：经济增长4.5%—5%；居民消费价格涨幅2%左右。
（一）稳就业。强化重点群体就业帮扶，城镇新增就业60万人以上。粮食产量稳定在760亿斤以上。
各位代表！蓝图已经绘就。让我们团结奋斗，再创佳绩！
附件
1.“百千万工程”：涉及全省122个县。
相关报道：
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):
    p = tmp_path_factory.mktemp("raw") / "某省" / "2026.txt"
    p.parent.mkdir()
    p.write_text(REPORT, encoding="utf-8")
    return extract_report(p)


def _row(table: pd.DataFrame, text: str) -> pd.Series:
    hit = table[table["text"] == text]
    assert len(hit) == 1, (text, table["text"].tolist())
    return hit.iloc[0]


def test_site_furniture_and_captions_stay_out(extracted) -> None:
    report, table = extracted
    for word in ("下载", "字号", "来源：", "时间：", "本报记者", "相关报道"):
        assert word not in report.text
    assert report.text.startswith("2026年某省政府工作报告")
    validate_indicators(table, report.text)
    assert not any("2026-02" in t for t in table["text"])


def test_sections_get_roles_from_their_titles(extracted) -> None:
    report, _ = extracted
    assert [s.role for s in report.sections] == ["other", "review_year", "next_plan", "tasks"]


def test_paragraph_openings_switch_between_the_year_and_the_five_years(extracted) -> None:
    report, _ = extracted
    text = report.text
    assert report.role_at(text.index("过去一年")) == "review_year"
    assert report.role_at(text.index("五年来")) == "review_plan"
    assert report.role_at(text.index("从11.37")) == "review_plan"
    assert report.role_at(text.index("年均增长5%左右")) == "next_plan"
    assert report.role_at(text.index("经济增长4.5%")) == "targets"
    assert report.role_at(text.index("60万人以上")) == "tasks"
    # The closing and what follows it (notes) are nobody's figures of the year.
    assert report.role_at(text.index("122个县")) == "other"


def test_scope_column_after_the_contract(extracted) -> None:
    _, table = extracted
    assert set(table["scope"]) <= SCOPES
    assert list(table.columns).index("scope") > list(table.columns).index("is_target")


def test_this_years_targets_are_not_multi_year(extracted) -> None:
    _, table = extracted
    gdp = _row(table, "4.5%—5%")
    assert (gdp["indicator"], gdp["kind"], gdp["qualifier"]) == ("gdp", "growth", "range")
    assert (gdp["low"], gdp["high"], gdp["period"]) == (4.5, 5.0, 2026)
    assert gdp["is_target"] and not gdp["multi_year"] and gdp["scope"] == "targets"
    cpi = _row(table, "2%左右")
    assert cpi["indicator"] == "cpi" and cpi["is_target"] and not cpi["multi_year"]


def test_a_quantity_to_reach_in_the_tasks_is_a_target(extracted) -> None:
    _, table = extracted
    jobs = _row(table, "60万人以上")
    assert jobs["indicator"] == "urban_new_jobs" and jobs["is_target"]
    assert (jobs["period"], jobs["qualifier"], jobs["scope"]) == (2026, "at_least", "tasks")
    grain = _row(table, "760亿斤以上")
    assert grain["indicator"] == "grain_output" and grain["is_target"]


def test_the_next_plans_goals_are_not_this_years_targets(extracted) -> None:
    _, table = extracted
    plan = _row(table, "5%左右")
    assert plan["scope"] == "next_plan" and plan["multi_year"] and not plan["is_target"]
    assert not _row(table, "控制在5.5%以内")["is_target"]


def test_five_year_review_levels_are_the_final_years(extracted) -> None:
    _, table = extracted
    end = _row(table, "14.58万亿元")
    assert (end["indicator"], end["period"], end["multi_year"]) == ("gdp", 2025, False)
    base = _row(table, "11.37万亿元")  # the base of 从A提高到B: the year before the plan
    assert (base["period"], base["multi_year"]) == (2020, False)
    assert _row(table, "5.7%")["multi_year"]  # 年均
    assert _row(table, "34.3%")["multi_year"]  # a change over the five years
    assert _row(table, "超690万人")["multi_year"]  # a five-year total (新增)


def test_someone_elses_total_is_not_the_regions_gdp(extracted) -> None:
    _, table = extracted
    assert pd.isna(_row(table, "突破15万亿元")["indicator"])  # 大湾区经济总量
    assert _row(table, "6%左右")["indicator"] == "marine_gdp"  # 海洋生产总值: its own, not gdp
    review = _row(table, "5.1%")
    assert (review["indicator"], review["period"], review["scope"]) == ("gdp", 2025, "review_year")


def test_pinyin_annotations_are_dropped_and_the_report_reads_as_simplified(tmp_path: Path) -> None:
    raw = "各位代表：\n一、2025年工作回顾\n全省地區(qū)生產(chǎn)總值達(dá)到1.2萬億元，同比增長(zhǎng)6.2%（初步核算）。\n"
    assert normalise(raw).endswith("全省地区生产总值达到1.2万亿元，同比增长6.2%（初步核算）。")
    p = tmp_path / "x" / "2026.txt"
    p.parent.mkdir()
    p.write_text(raw, encoding="utf-8")
    report, table = extract_report(p)
    assert [(r.indicator, r.kind, r.value) for r in table.itertuples()] == [
        ("gdp", "level", 1.2),
        ("gdp", "growth", 6.2),
    ]
    assert all(report.text[r.start : r.end] == r.text for r in table.itertuples())


def test_footnote_markers_are_not_figures() -> None:
    text = normalise("城镇新增就业50万人［1］，完成3个［2］项目。")
    assert text == "城镇新增就业50万人，完成3个项目。"


def test_unnumbered_headings_open_sections(tmp_path: Path) -> None:
    raw = (
        "各位代表：\n“十四五”时期工作回顾\n“十四五”时期是不平凡的五年。地区生产总值达到13697.5亿元。\n"
        "2026年重点工作\n今年是“十五五”开局之年，做好政府工作意义重大。城镇新增就业30万人。\n"
    )
    p = tmp_path / "y" / "2026.txt"
    p.parent.mkdir()
    p.write_text(raw, encoding="utf-8")
    report = read_report(p)
    assert [(s.title, s.role) for s in report.sections] == [
        ("", "other"),
        ("“十四五”时期工作回顾", "review_plan"),
        ("2026年重点工作", "tasks"),
    ]
    _, table = extract_report(p)
    level = _row(table, "13697.5亿元")
    assert (level["period"], level["multi_year"]) == (2025, False)
    assert _row(table, "30万人")["is_target"]


def test_a_numbered_list_after_the_sections_is_not_more_sections(tmp_path: Path) -> None:
    raw = (
        "各位代表：\n一、2025年工作回顾\n增长5%。\n二、2026年工作安排\n增长6%左右。\n"
        "三、加强政府自身建设\n依法行政。\n十件民生实事：\n一、提高低保标准。\n二、建设养老服务。\n"
        "三、改善学校条件。\n四、提升医疗服务水平。\n五、治理农村污水。\n"
    )
    p = tmp_path / "z" / "2026.txt"
    p.parent.mkdir()
    p.write_text(raw, encoding="utf-8")
    assert [s.title for s in read_report(p).sections] == [
        "",
        "2025年工作回顾",
        "2026年工作安排",
        "加强政府自身建设",
    ]
