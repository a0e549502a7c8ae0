"""Brief content blocks: parameters, headline, sections, targets, escaping of report text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.briefs import blocks, charts
from analysis.briefs import year as brief
from analysis.errors import InputError
from analysis.schema import indicator_frame
from analysis.tables import year as tyear

FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli" / "2024.txt"
HOSTILE = ('<script>alert("xss")</script>', "<img src=x onerror=alert(1)>", "javascript:alert(1)")


@pytest.fixture(scope="module")
def fixture_brief() -> tyear.Brief:
    return tyear.load(FIXTURE, "yangli", 2024)


def all_blocks(b: tyear.Brief) -> str:
    return "".join(
        [brief.header_html(b), brief.headline_html(b), brief.goals_html(b), brief.notes_html(b),
         brief.profile_html(b), brief.details_html(b)]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("region", "year"),
    [
        ("mou\nxian", 2023),
        ('x"; import os; "', 2023),
        ("../etc", 2023),
        ("", 2023),
        ("mouxian", "2023; 1"),
        ("mouxian", 1800),
        ("mouxian", True),
    ],  # fmt: skip
)
def test_validate_params_rejects(region, year):
    with pytest.raises(InputError):
        tyear.validate_params(region, year)


def test_validate_params_accepts_chinese_and_spaces():
    assert tyear.validate_params("某 县", "2023") == ("某 县", 2023)


def test_load_writes_csv_beside_the_brief(tmp_path):
    b = tyear.load(FIXTURE, "yangli", 2024, out_dir=tmp_path)
    csv = pd.read_csv(tmp_path / "indicators.csv")
    assert len(csv) == len(b.table) > 0
    assert (tmp_path / "indicators.csv").stat().st_mode & 0o044 == 0o044  # readable by others


def test_load_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such report file"):
        tyear.load(tmp_path / "2020.txt", "x", 2020)


def test_hostile_text_is_escaped_everywhere(fixture_brief):
    page = all_blocks(fixture_brief)
    assert "<script" not in page and "<img" not in page
    # The markup reaches the brief, as text: a section title and a figure's sentence.
    assert "推动产业转型升级&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "[点此](javascript:alert(1))" in page
    assert not re.search(r'href="\s*javascript:', page)


def test_header_names_source_hash_and_period(fixture_brief):
    head = brief.header_html(fixture_brief)
    assert "<h1>样例市2024年政府工作报告 · 数据简报</h1>" in head
    assert "回顾时期：2023年" in head  # period reviewed
    assert fixture_brief.report.sha256 in head
    assert "<code>2024.txt</code>" in head
    assert 'class="brief-source"' not in head  # a plain .txt report has no source_info


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.gd.gov.cn/gkmlpt/content/4/4851/post_4851130.html", True),
        ("http://example.org/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/r.txt", False),
        ('" onmouseover="alert(1)', False),
        ("本地档案室", False),
    ],
)
def test_header_shows_source_info_and_links_only_http(fixture_brief, url, linked):
    from types import SimpleNamespace

    b = tyear.Brief(**{**fixture_brief.__dict__})
    b.report = SimpleNamespace(
        **{**fixture_brief.report.__dict__},
        source_info={"title": "2026年<b>某省</b>政府工作报告", "source_url": url,
                     "publish_date": "2026-01-31"},
    )  # fmt: skip
    head = brief.header_html(b)
    assert "《2026年&lt;b&gt;某省&lt;/b&gt;政府工作报告》" in head
    assert "发布于2026-01-31" in head
    hrefs = re.findall(r'href="([^"]*)"', head)
    if linked:
        assert hrefs == [url.replace("&", "&amp;")]
    else:
        assert hrefs == []
        assert "来源：" in head and 'onmouseover="' not in head and "<a " not in head


def test_header_without_source_url_shows_title_and_date(fixture_brief):
    from types import SimpleNamespace

    b = tyear.Brief(**{**fixture_brief.__dict__})
    b.report = SimpleNamespace(
        **{**fixture_brief.report.__dict__},
        source_info=SimpleNamespace(title="某报告", source_url=None, publish_date=None),
    )
    head = brief.header_html(b)
    assert "《某报告》" in head and "来源" not in head and "发布于" not in head


def test_headline_pairs_level_and_growth_in_catalog_order():
    rows = [
        dict(region="r", report_year=2023, period=2022, section=0, section_title="",
             sentence="s", start=i, end=i + 1, text="x", name=n, indicator=ind, kind=k,
             value=v, low=lo, high=hi, unit=u, qualifier=q, masked=m, is_target=t)
        for i, (n, ind, k, v, lo, hi, u, q, m, t) in enumerate([
            ("固定资产投资", "fixed_asset_investment", "growth", 12.0, 12.0, 12.0, "%", "exact", False, False),
            ("地区生产总值", "gdp", "level", None, 100.0, 999.0, "亿元", "at_least", True, False),
            ("地区生产总值", "gdp", "growth", None, 0.0, 9.0, "%", "exact", True, False),
            ("地区生产总值", "gdp", "growth", 5.0, 5.0, 5.0, "%", "approx", False, True),
            ("设立基金", None, "level", 3.0, 3.0, 3.0, "亿元", "exact", False, False),
        ])
    ]  # fmt: skip
    heads = tyear.headline_rows(indicator_frame(rows))
    assert heads["indicator"].tolist() == ["gdp", "fixed_asset_investment"]
    gdp = heads.iloc[0]
    assert gdp["level"]["low"] == 100.0 and gdp["growth"]["high"] == 9.0  # not the target


def test_headline_block_writes_masked_interval_legibly(sample_path):
    b = tyear.load(sample_path, "mouxian", 2023)
    block = brief.headline_html(b)
    assert "100–1000亿元（数字被遮盖）" in block or "100–999亿元（数字被遮盖）" in block
    table = brief.headline_table(b)
    assert table.columns.tolist() == ["指标", "数值", "增速", "限定", "出处"]
    assert table["指标"].iloc[0] == "地区生产总值"
    # Page one's chart: the key growth figures beside the disclosure profile (no targets).
    svg = charts.to_svg(brief.page_one_chart(b))
    assert "核心指标增速" in svg and "各部分数字公布与遮盖情况" in svg


def test_notes_say_what_each_part_holds_and_no_nan(fixture_brief):
    page = brief.notes_html(fixture_brief)
    parts = re.findall(r'<div class="brief-part"><h3>(.*?)</h3><p>(.*?)</p></div>', page, re.S)
    assert len(parts) == len([s for s in fixture_brief.report.sections if s.end > s.start])
    labels = [label for label, _ in parts]
    assert "一、2023年工作回顾" in labels
    assert "二、推动产业转型升级&lt;script&gt;alert(2)&lt;/script&gt;" in labels
    first = dict(parts)["一、2023年工作回顾"]
    n = int((fixture_brief.table["section"] == 1).sum())
    assert first.startswith(f"共{n}项数字") and "地区生产总值" in first and "关键词：" in first
    assert not re.search(r"\bnan\b|None|&lt;NA&gt;|<NA>|\(\d+(?:\.\d+)?, ", page)


def test_goals_show_this_years_targets_beside_last_years_status(fixture_brief):
    block = brief.goals_html(fixture_brief)
    assert '<div class="brief-pair">' in block
    assert "<h3>2024年预期目标</h3>" in block and "<h3>2023年目标完成情况</h3>" in block
    assert "增长5.5%" in block and "左右" in block
    svg = charts.to_svg(brief.page_one_chart(fixture_brief))
    assert "核心指标增速" in svg and "2024年预期目标" in svg


def test_details_hold_every_figure_with_its_sentence(fixture_brief):
    page = brief.details_html(fixture_brief)
    assert page.startswith('<section class="brief-block brief-full">')
    assert page.count("<details>") == 1 + len(
        {int(s) for s in fixture_brief.table["section"]}
    )  # each section with figures, and the targets
    assert page.count("<mark>") == len(fixture_brief.table) + int(
        fixture_brief.table["is_target"].sum()
    )


def test_sentence_parts_mark_the_figure_and_cut_around_it():
    r = pd.Series({"sentence": "<b>甲</b>" + "很长的句子" * 30 + "增长5%，" + "后文" * 30,
                   "text": "增长5%"})  # fmt: skip
    parts = brief.sentence_parts(r, limit=40)
    assert parts["mark"] == "增长5%"
    assert parts["before"].startswith("…") and parts["after"].endswith("…")
    assert len(parts["before"] + parts["mark"] + parts["after"]) <= 42
    html = blocks.render("section.html.j2", s=blocks.section(tables=[
        blocks.table(["原句"], [[parts]])]))  # fmt: skip
    assert "<mark>增长5%</mark>" in html and "<b>" not in html
    assert brief.sentence_parts(pd.Series({"sentence": "<i>x</i>", "text": "y"})) == "<i>x</i>"


def test_disclosure_profile_counts_per_section(fixture_brief):
    prof = tyear.disclosure_profile(fixture_brief)
    assert prof["公布"].sum() + prof["遮盖"].sum() == len(fixture_brief.table)
    assert prof["遮盖"].sum() == int(fixture_brief.table["masked"].sum())


def test_region_name_from_region_toml(tmp_path):
    folder = tmp_path / "某 县"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "2024.txt")
    b = tyear.load(folder / "2024.txt", "某 县", 2024)
    assert b.region_name == "某 县"
    assert "某 县2024年政府工作报告" in brief.header_html(b)
    # The folder name is the name: written once, not 某 县（某 县）.
    assert "地区：某 县</span>" in brief.header_html(b)


def test_last_year_status_when_the_previous_report_is_present(fixture_brief):
    status = brief.last_year_status(fixture_brief)
    assert status.set_index("指标").loc["一般公共预算收入", "结果"] == "未完成"
    assert status.set_index("指标").loc["地区生产总值", "结果"] == "完成"
    block = brief.goals_html(fixture_brief).split("2023年目标完成情况")[1]
    row = re.search(r"<tr><td>一般公共预算收入</td>.*?</tr>", block)
    assert row and "未完成" in row.group()


def test_last_year_status_absent_without_previous_report(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "2024.txt")
    b = tyear.load(tmp_path / "2024.txt", "x", 2024)
    assert brief.last_year_status(b).empty
    assert "没有上一年的报告" in brief.goals_html(b)


def test_last_year_status_survives_a_broken_previous_report(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "2024.txt")
    (tmp_path / "2023.txt").write_bytes(b"")
    block = brief.goals_html(tyear.load(tmp_path / "2024.txt", "x", 2024))
    assert "无法对照上年目标" in block and "empty file" in block


def test_the_evidence_marks_each_figure_at_its_own_place(tmp_path):
    """Two figures written alike in one sentence: each row marks its own, not the first."""
    src = tmp_path / "r" / "2026.txt"
    src.parent.mkdir()
    src.write_text(
        "一、2025年工作回顾\n全年外贸进出口总额增长10%左右，一般公共预算收入增长10%左右。\n",
        encoding="utf-8",
    )
    html = brief.details_html(tyear.load(src, "r", 2026))
    assert "外贸进出口总额增长<mark>10%左右</mark>" in html
    assert "一般公共预算收入增长<mark>10%左右</mark>" in html
