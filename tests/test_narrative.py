"""Wording of figures and section paragraphs: legible, never nan/None/tuples."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.briefs import narrative
from analysis.schema import indicator_frame
from analysis.tables import format as fmt


def row(**kw) -> pd.Series:
    base = dict(region="r", report_year=2023, period=2022, section=1, section_title="t",
                sentence="s", start=0, end=1, text="x", name="地区生产总值", indicator="gdp",
                kind="level", value=None, low=None, high=None, unit="亿元", qualifier="exact",
                masked=False, is_target=False)  # fmt: skip
    base.update(kw)
    return indicator_frame([base]).iloc[0]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        (dict(value=512.0, low=512.0, high=512.0), "512亿元"),
        (
            dict(low=100.0, high=999.0, masked=True, qualifier="at_least"),
            "100–999亿元（数字被遮盖）",
        ),
        (dict(kind="growth", unit="%", value=5.0, low=5.0, high=5.0), "增长5%"),
        (dict(kind="growth", unit="%", value=-2.7, low=-2.7, high=-2.7), "下降2.7%"),
        (dict(kind="growth", unit="%", value=0.4, low=0.4, high=0.4, indicator="cpi"), "上涨0.4%"),
        (dict(kind="growth", unit="%", low=0.0, high=9.0, masked=True), "增长0–9%（数字被遮盖）"),
        (dict(kind="growth", unit="%", low=6.0, high=6.5, qualifier="range"), "增长6–6.5%"),
        (dict(kind="pp_change", unit="个百分点", value=1.8, low=1.8, high=1.8), "提高1.8个百分点"),
        (dict(kind="rank", unit="全省", value=1.0, low=1.0, high=1.0), "全省第一"),
        (
            dict(kind="rank", unit="全市", low=1.0, high=9.0, masked=True),
            "全市第1–9名（数字被遮盖）",
        ),
        (dict(kind="level", unit="连丰", value=19.0, low=19.0, high=19.0), "十九连丰"),
    ],
)
def test_figure_text(kw, expected):
    assert narrative.figure_text(row(**kw)) == expected


def test_number_drops_trailing_zero_and_keeps_large_integers():
    assert fmt.number(1234.50) == "1234.5"
    assert fmt.number(52340.0) == "52340"
    assert fmt.number(12600000000.0) == "12600000000"
    assert fmt.number(pd.NA) == ""
    assert fmt.number(float("nan")) == ""


def test_qualifier_and_label():
    r = row(low=100.0, high=999.0, masked=True, qualifier="at_least")
    assert narrative.qualifier_text(r) == "以上（下限）"
    assert narrative.figure_label(r) == "地区生产总值超过100–999亿元（数字被遮盖）"
    assert narrative.qualifier_text(row(value=1.0, low=1.0, high=1.0)) == ""


def test_cn_ordinal():
    assert [fmt.cn_ordinal(n) for n in (1, 10, 12, 20, 21, 99)] == [
        "一", "十", "十二", "二十", "二十一", "九十九"
    ]  # fmt: skip


def test_section_paragraph_counts_main_figures_ranks_and_masks():
    rows = indicator_frame(
        [
            dict(row(low=100.0, high=999.0, masked=True, qualifier="at_least")),
            dict(row(kind="growth", unit="%", value=6.1, low=6.1, high=6.1, start=5)),
            dict(
                row(
                    kind="rank",
                    unit="全省",
                    value=1.0,
                    low=1.0,
                    high=1.0,
                    name="营商环境",
                    indicator=None,
                    start=9,
                )
            ),  # fmt: skip
        ]
    )
    text = narrative.section_paragraph(rows)
    assert text.startswith("本部分共提及3项数字指标，其中总量1项、增速1项、排名1项。")
    assert "地区生产总值超过100–999亿元（数字被遮盖）" in text
    assert "地区生产总值增长6.1%" in text
    assert "排名与荣誉：营商环境全省第一" in text
    assert "其中1项数字被遮盖（如地区生产总值）" in text
    for bad in ("nan", "None", "<NA>", "(", "'"):
        assert bad not in text


def test_section_paragraph_without_figures():
    assert (
        narrative.section_paragraph(indicator_frame([]))
        == "本部分没有可提取的量化指标，以文字叙述为主。"
    )


def test_truncate():
    assert fmt.truncate("一二三四五", 5) == "一二三四五"
    assert fmt.truncate("一二三四五六", 5) == "一二三四…"
