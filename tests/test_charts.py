"""Charts: data shaping, choice of figures, and offline SVG with Chinese text and a CJK font."""

from __future__ import annotations

import re

from analysis.briefs import charts
from analysis.schema import indicator_frame


def fig(name, kind, unit, value=None, low=None, high=None, masked=False, start=0):
    return dict(region="r", report_year=2023, period=2022, section=1, section_title="t",
                sentence="s", start=start, end=start + 1, text="x", name=name, indicator=None,
                kind=kind, value=value, low=low if low is not None else value,
                high=high if high is not None else value, unit=unit, qualifier="exact",
                masked=masked, is_target=False)  # fmt: skip


TABLE = indicator_frame(
    [
        fig("地区生产总值", "growth", "%", low=0.0, high=9.0, masked=True, start=1),
        fig("固定资产投资", "growth", "%", 12.0, start=2),
        fig("社会消费品零售总额", "growth", "%", -2.7, start=3),
        fig("一般公共预算收入", "level", "亿元", 98.7, start=4),
        fig("营商环境", "rank", "全省", 1.0, start=5),
    ]
)


def test_figure_data_bars_and_boxes():
    data = charts.figure_data(TABLE[TABLE["kind"] == "growth"])
    assert data["label"].tolist() == ["地区生产总值", "固定资产投资", "社会消费品零售总额"]
    assert data[["x0", "x1"]].values.tolist() == [[0.0, 9.0], [0.0, 12.0], [-2.7, 0.0]]
    assert data["figure"].tolist() == ["增长0–9%（遮盖）", "增长12%", "下降2.7%"]
    assert data["kind"].tolist() == ["被遮盖，框为可能区间", "公布值", "公布值"]


def test_repeated_labels_stay_two_bars_and_read_without_a_number():
    rows = indicator_frame([fig("企业", "level", "家", 3.0), fig("企业", "level", "家", 5.0)])
    data = charts.figure_data(rows)
    assert data["label"].tolist() == ["企业", "企业"] and data["key"].nunique() == 2
    svg = charts.to_svg(charts.figure_chart(rows, "甲", "家"))
    texts = re.findall(r"<text[^>]*>([^<]*)<", svg)
    assert texts.count("企业") == 2 and not [t for t in texts if "（2）" in t or "¦" in t]


def test_charts_carry_tooltips_with_the_sentence():
    spec = charts.spec(charts.figure_chart(TABLE[TABLE["kind"] == "growth"], "甲", "%"))
    tips = [
        t["field"] for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])
    ]
    assert {"label", "figure", "unit", "sentence"} <= set(tips)


def test_pick_group_prefers_the_largest_same_unit_group():
    assert charts.pick_group(TABLE)["name"].tolist() == [
        "地区生产总值", "固定资产投资", "社会消费品零售总额"
    ]  # fmt: skip
    levels = indicator_frame(
        [fig(f"项目{i}", "level", "亿元", float(i), start=i) for i in range(1, 5)]
        + [fig("增速", "growth", "%", 5.0, start=9)]
    )
    assert charts.pick_group(levels)["unit"].unique().tolist() == ["亿元"]
    only_rank = TABLE[TABLE["kind"] == "rank"]
    assert charts.section_chart(only_rank, "排名") is None


def test_svg_is_offline_chinese_and_names_a_cjk_font_first():
    svg = charts.to_svg(
        charts.figure_chart(TABLE[TABLE["kind"] == "growth"], "主要指标增速", "增速（%）")
    )
    assert svg.startswith("<svg")
    assert "主要指标增速" in svg and "固定资产投资" in svg and "增长12%" in svg
    assert "<script" not in svg
    assert not re.search(r'(?:src|href)="https?://', svg)
    fonts = re.findall(r'font-family="([^"]+)"', svg)
    assert fonts and all(f.replace("&quot;", '"').startswith('"Noto Sans CJK SC"') for f in fonts)


def test_svg_escapes_markup_in_titles():
    svg = charts.to_svg(charts.figure_chart(TABLE.head(2), "<script>alert(1)</script>", "增速"))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_disclosure_and_keyword_charts():
    import pandas as pd

    prof = pd.DataFrame({"部分": ["开篇（总述）", "一、回顾"], "公布": [3, 0], "遮盖": [2, 4]})
    svg = charts.to_svg(charts.disclosure_chart(prof))
    assert "各部分数字公布与遮盖情况" in svg and "一、回顾" in svg
    assert charts.disclosure_chart(prof.assign(公布=0, 遮盖=0)) is None
    svg = charts.to_svg(charts.keyword_chart([("轴承", 9), ("企业", 7)], "全文高频词"))
    assert "轴承" in svg and "9次" in svg
    assert charts.keyword_chart([], "空") is None


def test_bundle_carries_the_spec_jupyterlab_renders_and_the_svg():
    chart = charts.figure_chart(TABLE[TABLE["kind"] == "growth"], "主要指标增速", "增速（%）")
    out = charts.bundle(chart)
    assert set(out) == {charts.VEGALITE_MIME, "image/svg+xml", "text/plain"}
    spec = out[charts.VEGALITE_MIME]
    assert spec["$schema"].endswith("/vega-lite/v5.json")
    assert spec["config"]["font"] == charts.FONT  # the house theme travels with the spec
    assert out["image/svg+xml"].startswith("<svg") and "固定资产投资" in out["image/svg+xml"]
    assert out["text/plain"] == "<图表：主要指标增速>"


def test_the_installed_jupyterlab_renders_our_vegalite_mime_type():
    """JupyterLab's vega extension lists the mime types it draws: ours must be one of them."""
    import sys
    from pathlib import Path

    static = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
    bundles = list(static.glob("jlab_core*.js"))
    if not bundles:
        import pytest

        pytest.skip("JupyterLab is not installed in this environment")
    assert any(charts.VEGALITE_MIME.encode() in b.read_bytes() for b in bundles)


def test_side_by_side_keeps_the_charts_that_exist():
    a = charts.keyword_chart([("轴承", 9)], "甲")
    assert charts.side_by_side(None, None) is None
    assert charts.side_by_side(a, None) is a
    svg = charts.to_svg(charts.side_by_side(a, charts.keyword_chart([("企业", 7)], "乙")))
    assert "甲" in svg and "乙" in svg
