"""Figures in running text: numbers, masks, units, qualifiers, ranges, ranks, streaks."""

from __future__ import annotations

import pytest

from analysis.extract.figures import find_figures, parse_arabic, parse_chinese


def figs(text: str) -> list[tuple[str, float | None, float, float, str, str, bool]]:
    return [
        (text[f.start : f.end], f.value, f.low, f.high, f.unit, f.qualifier, f.masked)
        for f in find_figures(text)
    ]


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("126", (126.0, 126.0, 126.0)),
        ("1,234.5", (1234.5, 1234.5, 1234.5)),
        ("***", (None, 100.0, 1000.0)),  # decimals may be dropped: up to (not incl.) 1000
        ("*", (None, 0.0, 10.0)),
        ("*.*", (None, 0.0, 9.9)),
        ("2*6", (None, 206.0, 297.0)),
        ("1*.5", (None, 10.5, 19.5)),
    ],
)
def test_parse_arabic(s: str, expected: tuple) -> None:
    assert parse_arabic(s) == expected


def test_masked_counts_hide_no_decimals() -> None:
    assert parse_arabic("***", whole=True) == (None, 100.0, 999.0)


@pytest.mark.parametrize(
    ("s", "v"), [("十九", 19.0), ("六千六百", 6600.0), ("十二点八", 12.8), ("两", 2.0)]
)
def test_parse_chinese(s: str, v: float) -> None:
    assert parse_chinese(s) == v


def test_masked_level_with_at_least_qualifier() -> None:
    assert figs("全年地区生产总值将突破***亿元,同比增长*%;") == [
        ("突破***亿元", None, 100.0, 1000.0, "亿元", "at_least", True),
        ("*%", None, 0.0, 10.0, "%", "exact", True),
    ]


def test_scaled_units_stay_as_written() -> None:
    assert figs("国内生产总值超过126万亿元，粮食产量1.3万亿斤以上，城镇新增就业1200万人以上") == [
        ("超过126万亿元", 126.0, 126.0, 126.0, "万亿元", "at_least", False),
        ("1.3万亿斤以上", 1.3, 1.3, 1.3, "万亿斤", "at_least", False),
        ("1200万人以上", 1200.0, 1200.0, 1200.0, "万人", "at_least", False),
    ]


def test_ranges_and_approximations() -> None:
    assert figs("增长6%-6.5%，增长6.5—7%，涨幅3%左右，失业率4.5%以内") == [
        ("6%-6.5%", None, 6.0, 6.5, "%", "range", False),
        ("6.5—7%", None, 6.5, 7.0, "%", "range", False),
        ("3%左右", 3.0, 3.0, 3.0, "%", "approx", False),
        ("4.5%以内", 4.5, 4.5, 4.5, "%", "at_most", False),
    ]


def test_chinese_numerals_with_units() -> None:
    assert figs("设计产能突破百亿元，新增三千万人，比上年增长百分之十二点八") == [
        ("突破百亿元", 100.0, 100.0, 100.0, "亿元", "at_least", False),
        ("三千万人", 3000.0, 3000.0, 3000.0, "万人", "exact", False),
        ("百分之十二点八", 12.8, 12.8, 12.8, "%", "exact", False),
    ]


def test_more_than_markers_inside_the_figure() -> None:
    assert figs("新增水田****余亩，网友留言*万余件") == [
        ("****余亩", None, 1000.0, 10000.0, "亩", "at_least", True),
        ("*万余件", None, 1.0, 10.0, "万件", "at_least", True),
    ]


def test_ranks_and_streaks() -> None:
    out = figs(
        "增速全市第二。位列全省同类县(市、区)第*名。实现“十九连丰”，全省双拥模范县“七连冠”。"
    )
    assert out == [
        ("全市第二", 2.0, 2.0, 2.0, "全市", "exact", False),
        ("全省同类县(市、区)第*名", None, 1.0, 9.0, "全省", "exact", True),
        ("十九连丰", 19.0, 19.0, 19.0, "连丰", "exact", False),
        ("七连冠", 7.0, 7.0, 7.0, "连冠", "exact", False),
    ]
    assert [f.kind_hint for f in find_figures("全省第一，实现十九连丰")] == ["rank", "streak"]


@pytest.mark.parametrize(
    "text",
    [
        "2022年是本届政府的开局之年",
        "一是稳增长，二是促改革，(一)加快发展",
        "深化“5G+工业互联网”创新应用，PM2.5均值，C919大飞机，S***改扩建",
        "**县、**路、**镇**村，县**届人大一次会议，科学应对“*·**”疫情",
        "两个确立，六个方面，千家万户，亿万人民，第3批，全国第四届",
        "党的十九大和十九届历次全会，“十四五”规划，2022世界制造业大会",
    ],
)
def test_not_figures(text: str) -> None:
    assert figs(text) == []


def test_chinese_numerals_with_a_higher_scale_keep_their_wan() -> None:
    assert figs("总产量达到三亿零四百七十五万吨，一年零三个月") == [
        ("三亿零四百七十五万吨", 304750000.0, 304750000.0, 304750000.0, "吨", "exact", False)
    ]
