"""Comparing regions: the compare.csv contract, picking, cells, HTML, charts and the CLI."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.briefs import compare, compare_charts
from analysis.cli import main
from analysis.errors import InputError
from analysis.schema import COMPARE_COLUMNS, compare_frame, indicator_frame, validate_compare
from analysis.tables import compare as tcompare
from analysis.tables.compare import Entry

GDP_TARGET = "主要预期目标是：地区生产总值增长{}，居民消费价格涨幅2%左右。"


def row(sentence: str, text: str, **kw: object) -> dict:
    """An indicator-table row whose ``text`` stands in ``sentence``."""
    start = sentence.index(text)
    base = dict(region="r", report_year=2026, period=2026, section=3, section_title="今年目标",
                sentence=sentence, start=start, end=start + len(text), text=text,
                name="地区生产总值", indicator="gdp", kind="growth", unit="%",
                qualifier="exact", masked=False, is_target=True, multi_year=False)  # fmt: skip
    base.update(kw)
    if "low" not in base:
        base["low"] = base["high"] = base.get("value")
    return base


def table(region: str, target: str | None, *, value=None, low=None, high=None, qualifier="approx",
          actual: float | None = 5.0, year: int = 2026, masked: bool = False) -> pd.DataFrame:  # fmt: skip
    """A region's indicator table: last year's GDP growth and this year's GDP growth target."""
    rows = []
    if actual is not None:
        s = f"全省地区生产总值增长{actual:g}%。"
        rows.append(row(s, f"{actual:g}%", value=actual, is_target=False, period=year - 1,
                        section=1, report_year=year, region=region))  # fmt: skip
    if target is not None:
        s = GDP_TARGET.format(target)
        rows.append(row(s, target, value=value, low=low if low is not None else value,
                        high=high if high is not None else value, qualifier=qualifier,
                        masked=masked, report_year=year, period=year, region=region))  # fmt: skip
    return indicator_frame(rows)


def entry(region: str, *args, name: str | None = None, level: str = "province", year=2026, **kw):
    return Entry(region, name or region, level, year, table(region, *args, year=year, **kw))


@pytest.fixture
def three() -> list[Entry]:
    return [
        entry("anhui", "5%—5.5%", low=5.0, high=5.5, qualifier="range", actual=5.5, name="安徽省"),
        entry("hunan", "5%左右", value=5.0, actual=4.8, name="湖南省"),
        entry("chongqing", "5%以上", value=5.0, qualifier="at_least", actual=5.3, name="重庆市"),
    ]


# --- the contract --------------------------------------------------------------------------


def test_compare_columns_are_the_contract():
    assert COMPARE_COLUMNS == (
        "region", "name", "level", "year", "indicator", "kind", "role", "period", "value",
        "low", "high", "qualifier", "unit", "text", "sentence", "start", "end", "label",
        "label_en", "norm_low", "norm_high", "norm_unit",
    )  # fmt: skip
    df = compare_frame([])
    assert tuple(df.columns) == COMPARE_COLUMNS and str(df["value"].dtype) == "Float64"


def test_figures_copy_the_indicator_rows_and_set_role_and_period(three):
    cmp = tcompare.build(three)
    f = cmp.figures
    validate_compare(f)
    anhui = f[f["region"] == "anhui"].set_index("role")
    assert anhui.loc["target", "period"] == 2026 and anhui.loc["actual", "period"] == 2025
    assert pd.isna(anhui.loc["target", "value"])  # a range has no single value
    assert (anhui.loc["target", "low"], anhui.loc["target", "high"]) == (5.0, 5.5)
    assert anhui.loc["target", "qualifier"] == "range" and anhui.loc["target", "text"] == "5%—5.5%"
    assert anhui.loc["target", "sentence"] == GDP_TARGET.format("5%—5.5%")
    assert anhui.loc["target", "name"] == "安徽省" and anhui.loc["actual", "value"] == 5.5


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"role": "forecast"}, "role"),
        ({"period": 2026, "role": "actual"}, "period"),
        ({"low": 6.0}, "bounds"),
    ],
)
def test_validate_compare_rejects_broken_rows(three, change, problem):
    f = tcompare.build(three).figures.copy()
    for col, v in change.items():
        f.loc[0, col] = v
    with pytest.raises(ValueError, match=problem):
        validate_compare(f)


def test_validate_compare_rejects_duplicates(three):
    f = tcompare.build(three).figures
    with pytest.raises(ValueError, match="duplicate"):
        validate_compare(pd.concat([f, f.iloc[:1]], ignore_index=True))


# --- which regions ---------------------------------------------------------------------------


def test_a_comparison_of_one_region_is_not_built(three):
    with pytest.raises(InputError, match="two or more"):
        tcompare.build(three[:1])
    # Two regions, one of another level: still one province.
    county = entry("mouxian", "6%左右", value=6.0, level="county")
    with pytest.raises(InputError, match="1 province"):
        tcompare.build([three[0], county], level="province")


def test_like_with_like_a_county_is_not_ranked_among_provinces(three):
    county = entry("mouxian", "9%左右", value=9.0, level="county", name="某县")
    cmp = tcompare.build([*three, county])
    assert cmp.level == "province"
    assert [e.region for e in cmp.regions] == ["anhui", "hunan", "chongqing"]
    assert [e.region for e in cmp.others] == ["mouxian"]
    assert "mouxian" not in set(cmp.figures["region"])
    assert "某县（县）" in compare.header_html(cmp) and "某县" not in compare.headline_html(cmp)


def test_the_national_report_is_a_reference_not_a_row(three):
    national = entry("national", "5%左右", value=5.0, level="national", name="全国")
    cmp = tcompare.build([*three, national])
    assert cmp.reference is not None and cmp.reference.region == "national"
    assert "national" not in [e.region for e in cmp.regions]
    page = compare.headline_html(cmp)
    body, foot = page.split("<tfoot>")
    assert "全国" not in body and "参照：全国" in foot
    assert "全国目标为5%左右" in compare.lede(cmp)
    assert "全国目标 5%左右" in compare_charts.svg(compare_charts.target_chart(cmp))


def test_level_defaults_to_the_most_common_one(three):
    cities = [entry(f"c{i}", "6%左右", value=6.0, level="city") for i in range(4)]
    assert tcompare.build([*three, *cities]).level == "city"
    assert tcompare.build([*three, *cities], level="province").level == "province"


# --- cells -------------------------------------------------------------------------------------


def test_not_stated_masked_no_report_and_failed_look_different(three):
    masked = entry("mx", "*%左右", low=0.0, high=9.0, qualifier="approx", masked=True)
    silent = entry("silent", None, actual=4.0)
    failed = Entry("broken", "坏省", "province", 2026, None, "failed", "InputError: empty file")
    cmp = tcompare.build([*three, masked, silent, failed], regions=[
        "anhui", "hunan", "chongqing", "mx", "silent", "broken", "gone"])  # fmt: skip
    target = tcompare.COLUMNS["gdp_target"]
    cells = {e.region: tcompare.cell(cmp, e, target) for e in cmp.regions}
    assert cells["anhui"].state == "stated" and cells["anhui"].text == "5%—5.5%"
    assert cells["mx"].state == "masked" and cells["mx"].text == "*%左右"
    shown = {r: compare.cell_text(c, None) for r, c in cells.items()}
    assert shown["mx"] == "数字被遮盖（*%左右）" and shown["silent"] == "未提及"
    assert shown["gone"] == "无报告" and shown["broken"] == "失败"
    assert cells["silent"].state == "not_stated" and cells["gone"].state == "no_report"
    assert cells["broken"].state == "failed" and cells["broken"].text == "InputError: empty file"
    assert compare.cell_text(cells["mx"], None, "en") == "masked (*%左右)"
    page = compare.headline_html(cmp)
    for cls, text in (("masked", "数字被遮盖"), ("none", "未提及"), ("noreport", "无报告"),
                      ("failed", "失败")):  # fmt: skip
        assert f'<td class="{cls}"' in page and text in page
    assert "坏省</a>" not in page and '坏省<span class="tag">（失败）</span>' in page
    assert "坏省" in compare.header_html(cmp) and "gone" in compare.header_html(cmp)


def test_each_cell_carries_its_sentence_and_each_region_links_its_brief(three):
    cmp = tcompare.build(three)
    page = compare.headline_html(cmp)
    assert f'title="{GDP_TARGET.format("5%以上")}"' in page
    assert 'href="../../anhui/2026/brief.html">安徽省</a>' in page
    assert compare.headline_html(cmp, link_prefix="").count('href="anhui/2026/brief.html"') == 1


def test_rows_are_ordered_by_target_then_last_years_growth(three):
    cmp = tcompare.build(three)
    # 5.25 (range midpoint) first; 5% targets by last year's growth: 重庆 5.3 before 湖南 4.8.
    assert [e.region for e in tcompare.ordered(cmp)] == ["anhui", "chongqing", "hunan"]


@pytest.mark.parametrize(
    ("kw", "label"),
    [
        (dict(target="5%左右", value=5.0, qualifier="approx"), "5%左右"),
        (dict(target="5%—5.5%", low=5.0, high=5.5, qualifier="range"), "5%—5.5%"),
        (dict(target="5%-5.5%", low=5.0, high=5.5, qualifier="range"), "5%—5.5%"),
        (dict(target="5%以上", value=5.0, qualifier="at_least"), "5%以上"),
        (dict(target="4.5%", value=4.5, qualifier="exact"), "4.5%"),
    ],
)
def test_target_label_puts_alike_targets_together(kw, label):
    target = kw.pop("target")
    e = entry("x", target, **kw)
    cmp = tcompare.build([e, entry("y", "5%左右", value=5.0)])
    assert (
        tcompare.target_label(tcompare.figure_row(cmp, "x", tcompare.COLUMNS["gdp_target"]))
        == label
    )


def test_counts_and_regions_that_state_no_target(three):
    silent = entry("silent", None, actual=4.0, name="无目标省")
    cmp = tcompare.build([*three, silent])
    counts = tcompare.counts(cmp).set_index("key")
    assert counts.loc["gdp_target", "stated"] == 3 and counts.loc["gdp_target", "not_stated"] == 1
    assert [e.name for e in counts.loc["gdp_target", "missing"]] == ["无目标省"]
    # No CPI figure in these reports: not stated anywhere.
    assert (counts.loc["cpi", "stated"], counts.loc["cpi", "not_stated"]) == (0, 4)
    assert [e.name for e in tcompare.silent_regions(cmp)] == ["无目标省"]
    assert "没有提出其中任何一项数字目标的地区：无目标省" in compare.counts_html(cmp)
    assert tcompare.silent_regions(tcompare.build(three)) == []


def test_lede_names_the_highest_and_lowest_targets(three):
    text = compare.lede(tcompare.build(three))
    assert text.startswith(
        "2026年，3个省份的政府工作报告纳入对比，其中3个提出了地区生产总值增速目标"
    )
    assert "最高为安徽省（5%—5.5%）" in text and "与上年实际增速相比，1个目标更高，2个更低" in text


# --- hostile text ---------------------------------------------------------------------------


def test_names_and_sentences_with_markup_stay_text(three):
    bad = "<script>alert(1)</script>"
    evil = Entry("evil", f"<b>恶</b>省{bad}", "province", 2026,
                 table("evil", "5%左右", value=5.0))  # fmt: skip
    evil.table.loc[:, "sentence"] = [f'{bad}<img src=x onerror=alert(1)>"增长5%。',
                                     f'主要预期目标是：地区生产总值增长5%左右{bad}']  # fmt: skip
    cmp = tcompare.build([*three, evil])
    page = "".join([compare.header_html(cmp), compare.headline_html(cmp), compare.counts_html(cmp),
                    compare.sources_html(cmp)])  # fmt: skip
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;b&gt;恶&lt;/b&gt;省&lt;script&gt;" in page and "&lt;img src=x" in page
    for chart, narrow, _ in compare_charts.chart_list(cmp):
        assert "<script" not in compare_charts.svg(chart) + compare_charts.svg(narrow)


# --- charts ----------------------------------------------------------------------------------


def test_four_charts_and_a_fifth_with_last_years_targets(three):
    cmp = tcompare.build(three)
    charts = compare_charts.chart_list(cmp)
    assert len(charts) == 4
    svg = compare_charts.svg(compare_charts.target_chart(cmp))
    assert all(t in svg for t in ("5%—5.5%", "5%左右", "5%以上", "安徽", "重庆"))
    previous = [
        entry("anhui", "5.5%左右", value=5.5, year=2025, actual=None),
        entry("hunan", "5%左右", value=5.0, year=2025, actual=None),
        entry("chongqing", "4.5%以上", value=4.5, qualifier="at_least", year=2025, actual=None),
    ]
    cmp = tcompare.build(three, previous=previous)
    changes = tcompare.target_changes(cmp).set_index("short")
    assert changes["change"].to_dict() == {"重庆": "raised", "湖南": "kept", "安徽": "cut"}
    assert changes.loc["安徽", "delta"] == -0.25
    charts = compare_charts.chart_list(cmp)
    assert len(charts) == 5
    assert "上调1个、持平1个、下调1个" in compare_charts.svg(charts[-1][0])


def test_gap_is_target_minus_last_years_actual(three):
    gaps = tcompare.gap_data(tcompare.build(three)).set_index("region")["gap"].to_dict()
    assert gaps == {"anhui": -0.25, "chongqing": -0.3, "hunan": 0.2}


def test_short_names():
    assert [tcompare.short_name(n) for n in ("广西壮族自治区", "新疆维吾尔自治区", "重庆市",
                                            "内蒙古自治区", "某县")] == [
        "广西", "新疆", "重庆", "内蒙古", "某县"]  # fmt: skip


# --- loading and the command -----------------------------------------------------------------

REPORT = """2026年某省政府工作报告

一、2025年工作回顾

全省地区生产总值增长{actual}%。

二、2026年工作安排

今年经济社会发展的主要预期目标是：地区生产总值增长{target}，城镇新增就业50万人。
"""


def write_region(data, slug, name, target, actual="5.1", year=2026, level="province"):
    folder = data / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{year}.txt").write_text(REPORT.format(target=target, actual=actual),
                                        encoding="utf-8")  # fmt: skip
    (folder / "region.toml").write_text(f'name = "{name}"\nlevel = "{level}"\n', encoding="utf-8")


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "data"
    write_region(d, "jia", "甲省", "5%左右")
    write_region(d, "yi", "乙省", "4.5%—5%", actual="4.2")
    write_region(d, "bing", "丙县", "7%以上", level="county")
    (d / "empty").mkdir()
    (d / "empty" / "2026.txt").write_bytes(b"")
    (d / "empty" / "region.toml").write_text(
        'name = "空省"\nlevel = "province"\n', encoding="utf-8"
    )
    write_region(d, "old", "旧省", "6%左右", year=2025)
    return d


def test_load_reads_reports_marks_failures_and_leaves_out_years_without_a_report(data):
    cmp = tcompare.load(2026, data)
    assert [(e.region, e.status) for e in cmp.regions] == [
        ("empty", "failed"), ("jia", "ok"), ("yi", "ok")]  # fmt: skip
    assert "empty file" in cmp.regions[0].error
    assert [e.region for e in cmp.others] == ["bing"]  # the county
    assert "old" not in {e.region for e in cmp.regions}  # no report for 2026: absent
    f = cmp.figures.set_index(["region", "role", "indicator"])
    assert f.loc[("jia", "target", "gdp"), "text"] == "5%左右"
    assert f.loc[("yi", "actual", "gdp"), "value"] == 4.2
    # Named explicitly, a region without a report for the year is shown as such.
    cmp = tcompare.load(2026, data, regions=["jia", "yi", "old"])
    assert [e.status for e in cmp.regions] == ["ok", "ok", "no_report"]


def test_load_reads_the_stored_tables_of_a_batch(data, tmp_path, monkeypatch):
    from analysis.extracted import report_table

    reports = tmp_path / "reports"
    for slug in ("jia", "yi"):
        folder = reports / slug / "2026"
        report_table(data / slug / "2026.txt", slug, 2026, folder)  # what the batch stores
        (folder / "provenance.json").write_text("{}", encoding="utf-8")

    def no_extraction(*a, **k):
        raise AssertionError("a stored table must not be extracted again")

    monkeypatch.setattr("analysis.extracted.extract", no_extraction)
    cmp = tcompare.load(2026, data, regions=["jia", "yi", "empty"], reports_dir=reports)
    assert [e.status for e in cmp.regions] == ["ok", "ok", "failed"]
    assert "brief failed" in cmp.regions[2].error
    assert set(cmp.figures["region"]) == {"jia", "yi"}


def test_cli_writes_the_table_and_refuses_one_region(data, tmp_path, capsys):
    out = tmp_path / "c.csv"
    assert main(["compare", "2026", "--data", str(data), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert tuple(df.columns) == COMPARE_COLUMNS and set(df["region"]) == {"jia", "yi"}
    assert main(["compare", "2026", "--data", str(data), "--regions", "jia"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "two or more" in err[0] and err[0].startswith("briefs compare: error:")
    assert main(["compare", "2026", "--data", str(data), "--regions", "jia", "nowhere"]) == 1
    assert "no region folder nowhere" in capsys.readouterr().err
    assert main(["compare", "2026", "--data", str(data), "-o", str(tmp_path / "c.json")]) == 1
    assert main(["compare", "2026", "--data", str(data), "--level", "county"]) == 1
    assert main(["compare", "2026", "--data", str(data), "--regions", "jia", "yi",
                 "-o", str(tmp_path / "c.parquet")]) == 0  # fmt: skip
    assert len(pd.read_parquet(tmp_path / "c.parquet")) == len(df)


def test_scatter_labels_do_not_overlap_each_other_or_a_point():
    # The 2026 provinces: six regions on the 5% row within 0.5 points of last year's growth.
    pts = pd.DataFrame({
        "actual": [4.8, 5.1, 5.3, 5.5, 5.6, 5.2, 5.5, 3.9, 4.0],
        "ref": [5.0, 5.0, 5.0, 5.0, 5.0, 5.25, 5.25, 4.75, 4.75],
        "short": ["湖南", "广西", "江苏、重庆", "山东", "河北、河南", "江西", "安徽", "广东", "山西"],
    })  # fmt: skip
    lo, hi, width, height = 3.0, 6.5, 360, 270
    placed = compare_charts.place_labels(pts, (lo, hi), width, height)
    assert list(placed["short"].sort_values()) == sorted(pts["short"])
    assert "" not in set(placed["align"])  # room for every label here
    # Too many names for a phone's chart: some are left out, none drawn over another.
    crowd = pd.DataFrame({"actual": [5.0 + i / 50 for i in range(12)], "ref": [5.0] * 12,
                          "short": [f"Province{i}" for i in range(12)]})  # fmt: skip
    crowded = compare_charts.place_labels(crowd, (lo, hi), 270, 200, 11)
    assert 0 < (crowded["align"] == "").sum() < 12
    kx, ky = width / (hi - lo), height / (hi - lo)
    boxes, dots = [], []
    for r in placed.itertuples():
        x, y = (r.lx - lo) * kx, (hi - r.ly) * ky
        w = compare_charts._text_width(r.short)
        x0 = x - {"left": 0, "center": w / 2, "right": w}[r.align]
        boxes.append((x0, y - 6, x0 + w, y + 6))
        dots.append(((r.actual - lo) * kx, (hi - r.ref) * ky))
    for i, (a0, b0, a1, b1) in enumerate(boxes):
        for x0, y0, x1, y1 in boxes[i + 1 :]:
            assert a1 <= x0 or a0 >= x1 or b1 <= y0 or b0 >= y1
        for x, y in dots:
            assert not (a0 < x < a1 and b0 < y < b1)


def test_failed_reports_do_not_choose_the_level_or_make_a_comparison(three):
    # Folders without region.toml whose reports could not be read: their level is a guess ('').
    failed = [Entry(s, s, "", 2026, None, "failed", "InputError: empty file") for s in "abcd"]
    cmp = tcompare.build([*three, *failed])
    assert cmp.level == "province" and [e.region for e in cmp.others] == list("abcd")
    with pytest.raises(InputError, match="no province report could be read"):
        tcompare.build([failed[0]._replace(level="province"), three[0]._replace(
            status="failed", table=None)])  # fmt: skip


# --- one unit per column, English, sources by offsets (issue 17) ------------------------------


def gdp_level(region: str, name: str, figure: str, value: float, unit: str) -> Entry:
    """A province whose report states last year's GDP level as ``figure`` (亿元 or 万亿元)."""
    t = table(region, "5%左右", value=5.0, actual=5.0)
    s = f"全省地区生产总值达到{figure}，增长5%。"
    level = row(s, figure, value=value, unit=unit, kind="level", is_target=False, period=2025,
                section=1, region=region)  # fmt: skip
    t = pd.concat([t, indicator_frame([level])], ignore_index=True)
    return Entry(region, name, "province", 2026, t)


@pytest.fixture
def levels() -> list[Entry]:
    return [gdp_level("guangdong", "广东省", "14.58万亿元", 14.58, "万亿元"),
            gdp_level("gansu", "甘肃省", "13697.5亿元", 13697.5, "亿元"),
            gdp_level("xinjiang", "新疆维吾尔自治区", "2.15万亿元", 2.15, "万亿元")]  # fmt: skip


def test_compare_csv_holds_gdp_levels_in_one_unit_with_the_catalog_labels(levels, tmp_path):
    f = tcompare.build(levels).figures
    validate_compare(f)
    gdp = f[(f["indicator"] == "gdp") & (f["kind"] == "level")].set_index("region")
    assert gdp["norm_low"].to_dict() == {"guangdong": 145800.0, "gansu": 13697.5,
                                         "xinjiang": 21500.0}  # fmt: skip
    assert set(gdp["norm_unit"]) == {"亿元"} and gdp.loc["gansu", "unit"] == "亿元"
    assert (gdp["norm_high"] == gdp["norm_low"]).all()
    assert set(gdp["label"]) == {"地区生产总值"} and set(gdp["label_en"]) == {"GDP"}
    growth = f[(f["indicator"] == "gdp") & (f["role"] == "target")]
    assert set(growth["norm_unit"]) == {"%"} and set(growth["norm_low"]) == {5.0}
    # Written and read back: a pivot on norm_low never mixes 亿元 and 万亿元.
    from analysis.store import write_table

    write_table(f, tmp_path / "compare.csv")
    back = pd.read_csv(tmp_path / "compare.csv")
    assert back.loc[back["text"] == "14.58万亿元", "norm_low"].item() == 145800.0


def test_indicator_table_gains_norm_columns(tmp_path):
    from analysis.extract.indicators import extract_report

    path = tmp_path / "2026.txt"
    path.write_text("一、过去一年\n全省地区生产总值达到1.2万亿元，增长5.5%；粮食产量1400亿斤。\n",
                    encoding="utf-8")  # fmt: skip
    t = extract_report(path, "x", 2026)[1].set_index("text")
    assert (t.loc["1.2万亿元", "norm_low"], t.loc["1.2万亿元", "norm_unit"]) == (12000.0, "亿元")
    assert (t.loc["5.5%", "norm_high"], t.loc["5.5%", "norm_unit"]) == (5.5, "%")
    assert (t.loc["1400亿斤", "norm_low"], t.loc["1400亿斤", "norm_unit"]) == (7000.0, "万吨")


def test_a_column_of_magnitudes_reads_in_one_unit_and_sorts_by_the_norm_value(levels):
    page = compare.headline_html(tcompare.build(levels), sortable=True)
    hover = "13697.5亿元 — 全省地区生产总值达到13697.5亿元，增长5%。"
    assert f'title="{hover}" data-sort="13697.5">1.37万亿元<' in page
    assert 'data-sort="145800"' in page and ">14.58万亿元<" in page and ">2.15万亿元<" in page
    assert ">13697.5亿元<" not in page  # the report's wording stays on hover only
    sources = compare.sources_html(tcompare.build(levels))
    assert "<mark>13697.5亿元</mark>" in sources


def test_the_english_comparison_names_provinces_and_writes_figures_in_english(levels):
    cmp = tcompare.build(levels)
    page = compare.header_html(cmp, "en") + compare.headline_html(cmp, lang="en")
    assert "Guangdong" in page and "Xinjiang" in page and "广东" not in page
    assert ">GDP<" in page and ">GDP growth<" in page
    assert ">14.58 trillion yuan<" in page and ">1.37 trillion yuan<" in page
    assert ">around 5%<" in page and "2026 government work reports" in page
    assert "1 a single figure" not in page and "3 set 'around' a figure." in page.replace(
        "&#39;", "'"
    )
    assert compare.counts_html(cmp, "en").count("Not stated") == 2
    svg = compare_charts.svg(compare_charts.target_chart(cmp, "en", narrow=True))
    assert "Guangdong" in svg and "GDP growth" in svg and "广东" not in svg


def test_sources_bold_the_figure_at_its_offsets_not_the_first_match():
    # 新疆: the trade target and the revenue target are both 10%左右.
    s = "外贸进出口总额增长10%左右，一般公共预算收入增长10%左右。"
    at, n = s.rindex("10%左右"), len("10%左右")
    rows = [row(s, "10%左右", start=100 + s.index("10%左右"), end=100 + s.index("10%左右") + n,
                name="外贸进出口总额", indicator="foreign_trade", value=10.0, qualifier="approx"),
            row(s, "10%左右", start=100 + at, end=100 + at + n, name="一般公共预算收入",
                indicator="general_budget_revenue", value=10.0, qualifier="approx"),
            row("全年一般公共预算收入增长8%。", "8%", start=10, end=12, period=2025,
                is_target=False, name="一般公共预算收入", indicator="general_budget_revenue",
                value=8.0)]  # fmt: skip
    t = pd.concat([table("xj", "5%左右", value=5.0), indicator_frame(rows)], ignore_index=True)
    cmp = tcompare.build(
        [Entry("xj", "新疆", "province", 2026, t), entry("y", "5%左右", value=5.0)]
    )
    revenue = tcompare.figure_row(cmp, "xj", tcompare.COLUMNS["budget"])
    assert (revenue["start"], revenue["end"]) == (at, at + n)
    marked = compare.marked_sentence(revenue, 200)
    assert marked == {"before": s[:at], "mark": "10%左右", "after": "。"}
    html = compare.sources_html(cmp)
    assert "一般公共预算收入增长<mark>10%左右</mark>。" in html
    assert "外贸进出口总额增长<mark>10%左右</mark>" not in html


def test_charts_carry_tooltips_and_a_phone_layout_a_phone_shows_unscaled(three):
    import re

    from analysis.briefs import charts

    previous = [entry("anhui", "5.5%左右", value=5.5, year=2025, actual=None)]
    cmp = tcompare.build(three, previous=previous)
    made = compare_charts.chart_list(cmp) + [
        (compare_charts.counts_chart(cmp), compare_charts.counts_chart(cmp, narrow=True), "")
    ]
    assert len(made) == 6
    target = charts.spec(made[0][0])
    tips = [t["field"] for layer in target["layer"] for t in layer["encoding"].get("tooltip", [])]
    assert {"who", "text", "sentence"} <= set(tips)
    for wide, narrow, _ in made:
        svg = compare_charts.svg(narrow)
        width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
        assert width <= 360, width  # inside a 390 px phone: drawn at its own size
        assert min(sizes) >= 10, (charts.spec(narrow).get("title"), min(sizes))
        assert charts.spec(wide)["width"] > charts.spec(narrow)["width"]
