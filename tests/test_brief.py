"""Brief content blocks: parameters, headline, sections, targets, escaping of report text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.briefs import year as brief
from analysis.errors import InputError
from analysis.schema import indicator_frame

FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli" / "2024.txt"
HOSTILE = ('<script>alert("xss")</script>', "<img src=x onerror=alert(1)>", "javascript:alert(1)")


@pytest.fixture(scope="module")
def fixture_brief() -> brief.Brief:
    return brief.load(FIXTURE, "yangli", 2024)


def all_blocks(b: brief.Brief) -> str:
    return "".join(
        [brief.header_html(b), brief.headline_html(b), *brief.sections_html(b),
         brief.targets_html(b), brief.last_year_html(b), brief.disclosure_html(b),
         brief.keywords_html(b), brief.appendix_html(b)]
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
        brief.validate_params(region, year)


def test_validate_params_accepts_chinese_and_spaces():
    assert brief.validate_params("某 县", "2023") == ("某 县", 2023)


def test_load_writes_csv_beside_the_brief(tmp_path):
    b = brief.load(FIXTURE, "yangli", 2024, out_dir=tmp_path)
    csv = pd.read_csv(tmp_path / "indicators.csv")
    assert len(csv) == len(b.table) > 0
    assert (tmp_path / "indicators.csv").stat().st_mode & 0o044 == 0o044  # readable by others


def test_load_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such report file"):
        brief.load(tmp_path / "2020.txt", "x", 2020)


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
    assert "样例市2024年政府工作报告 · 数据简报" in head
    assert "2023年" in head  # period reviewed
    assert fixture_brief.report.sha256 in head
    assert "<code>2024.txt</code>" in head


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
    heads = brief.headline_rows(indicator_frame(rows))
    assert heads["indicator"].tolist() == ["gdp", "fixed_asset_investment"]
    gdp = heads.iloc[0]
    assert gdp["level"]["low"] == 100.0 and gdp["growth"]["high"] == 9.0  # not the target


def test_headline_block_writes_masked_interval_legibly(sample_path):
    b = brief.load(sample_path, "mouxian", 2023)
    block = brief.headline_html(b)
    if b.table.empty:
        pytest.skip("extractor returns no figures yet")
    assert "100–1000亿元（数字被遮盖）" in block or "100–999亿元（数字被遮盖）" in block
    assert "<svg" in block


def test_sections_have_title_paragraph_and_no_nan(fixture_brief):
    blocks = brief.sections_html(fixture_brief)
    assert len(blocks) == len([s for s in fixture_brief.report.sections if s.end > s.start])
    assert "<h2>一、2023年工作回顾</h2>" in blocks[1]
    assert "<h2>二、推动产业转型升级&lt;script&gt;alert(2)&lt;/script&gt;</h2>" in blocks[2]
    assert "本部分共提及" in blocks[1]
    # Section one's growth figures are the headline chart's: its chart shows the levels.
    assert "增速（%）" not in blocks[1] and "<svg" in blocks[1]
    for block in blocks:
        text = re.sub(r"<svg.*?</svg>", "", block, flags=re.S)
        assert not re.search(r"\bnan\b|None|&lt;NA&gt;|<NA>|\(\d+(?:\.\d+)?, ", text)


def test_targets_block_lists_the_coming_years_targets(fixture_brief):
    block = brief.targets_html(fixture_brief)
    assert "<h2>2024年预期目标</h2>" in block
    assert "增长5.5%" in block and "左右" in block
    assert "<svg" in block


def test_sentence_html_marks_the_figure_and_escapes():
    r = pd.Series({"sentence": "<b>甲</b>" + "很长的句子" * 30 + "增长5%，" + "后文" * 30,
                   "text": "增长5%"})  # fmt: skip
    out = brief.sentence_html(r, limit=40)
    assert "<mark>增长5%</mark>" in out
    assert out.startswith("…") and out.endswith("…")
    assert "<b>" not in out
    plain = re.sub(r"<[^>]+>", "", out)
    assert len(plain) <= 42


def test_disclosure_profile_counts_per_section(fixture_brief):
    prof = brief.disclosure_profile(fixture_brief)
    assert prof["公布"].sum() + prof["遮盖"].sum() == len(fixture_brief.table)
    assert prof["遮盖"].sum() == int(fixture_brief.table["masked"].sum())


def test_region_name_from_region_toml(tmp_path):
    folder = tmp_path / "某 县"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "2024.txt")
    b = brief.load(folder / "2024.txt", "某 县", 2024)
    assert b.region_name == "某 县"
    assert "某 县2024年政府工作报告" in brief.header_html(b)


def test_last_year_status_when_the_previous_report_is_present(fixture_brief):
    pytest.importorskip("analysis.targets")
    block = brief.last_year_html(fixture_brief)
    assert "<h2>2023年目标完成情况</h2>" in block
    row = re.search(r"<tr><td>一般公共预算收入</td>.*?</tr>", block)
    assert row and "未完成" in row.group()
    row = re.search(r"<tr><td>地区生产总值</td>.*?</tr>", block)
    assert row and "完成" in row.group() and "未完成" not in row.group()


def test_last_year_status_absent_without_previous_report(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "2024.txt")
    assert brief.last_year_html(brief.load(tmp_path / "2024.txt", "x", 2024)) == ""


def test_last_year_status_survives_a_broken_previous_report(tmp_path):
    pytest.importorskip("analysis.targets")
    shutil.copy(FIXTURE, tmp_path / "2024.txt")
    (tmp_path / "2023.txt").write_bytes(b"")
    block = brief.last_year_html(brief.load(tmp_path / "2024.txt", "x", 2024))
    assert "无法对照上年目标" in block and "empty file" in block
