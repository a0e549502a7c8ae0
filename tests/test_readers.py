"""What readers meet (issue 17, briefs half): page one's targets, CSV for Excel, one dataset,
a folder import, the front page, readable notebook parameters, no lock files in reports/."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.ingest import import_folder
from analysis.run.index import index_html
from analysis.run.jobs import Result
from analysis.run.parameters import ReadablePythonTranslator
from analysis.schema import indicator_frame
from analysis.store import write_table
from analysis.tables.quantities import distinct_targets, is_quantity, quantities


def _row(name, indicator, kind, text, value, unit, scope, start):
    return dict(region="r", report_year=2025, period=2025, section=2, section_title="", sentence=name + text,
                start=start, end=start + len(text), text=text, name=name, indicator=indicator,
                kind=kind, value=value, low=value, high=value, unit=unit, qualifier="approx",
                masked=False, is_target=True, scope=scope)  # fmt: skip


def test_each_target_once_the_main_targets_sentence_winning():
    rows = indicator_frame([
        _row("国内生产总值", "gdp", "growth", "5%左右", 5.0, "%", "targets", 10),
        _row("经济增长预期目标", "gdp", "growth", "5%左右", 5.0, "%", "tasks", 90),
        _row("赤字率拟", None, "level", "4%左右", 4.0, "%", "tasks", 120),
        _row("赤字率拟", None, "pp_change", "1个百分点", 1.0, "个百分点", "tasks", 130),
        _row("城镇调查失业率", "urban_unemployment_rate", "level", "5.5%左右", 5.5, "%", "tasks", 5),
        _row("城镇调查失业率", "urban_unemployment_rate", "level", "5.5%左右", 5.5, "%", "targets", 20),
    ])  # fmt: skip
    page = distinct_targets(quantities(rows))
    assert page["name"].tolist() == ["国内生产总值", "赤字率", "赤字率", "城镇调查失业率"]
    assert page["start"].tolist() == [10, 120, 130, 20]  # the main-targets sentence, not 90 or 5
    assert page["kind"].tolist()[1:3] == ["level", "pp_change"]


@pytest.mark.parametrize(
    ("name", "text", "unit", "kept"),
    [
        ("重点抓好", "14个", "个", False),  # 重点抓好以下14个方面的工作
        ("锻造更多", "千亿元", "亿元", False),  # 千亿元级产业集群: no figure
        ("我们要重点把握好", "5个", "个", False),
        ("绿美点和", "6条", "条", False),
        ("新增普通高中学位", "20万个以上", "万个", True),
        ("赤字规模", "5.66万亿元", "万亿元", True),
    ],
)
def test_only_quantities_reach_page_one(name, text, unit, kept):
    row = pd.Series(_row(name, None, "level", text, 1.0, unit, "tasks", 0))
    assert is_quantity(row) is kept


def test_page_one_of_national_2025_holds_each_target_once(corpus_dir):
    from analysis.briefs import year as brief
    from analysis.tables import year as tables

    b = tables.load(corpus_dir / "2025.txt", "national", 2025)
    shown = tables.top_targets(b)
    keys = list(
        zip(shown["indicator"].fillna(shown["name"]), shown["kind"], shown["period"], strict=True)
    )
    assert len(keys) == len(set(keys)) and len(keys) >= 6
    assert {"gdp", "cpi", "urban_unemployment_rate"} <= set(shown["indicator"].dropna())
    assert "赤字率拟" not in shown["name"].tolist() and "赤字率" in shown["name"].tolist()
    this_year = brief.goals_html(b).split('<div class="brief-pair-item">')[1]
    assert this_year.count("<td>国内生产总值</td>") == 1
    assert this_year.count("<td>居民消费价格</td>") == 1
    assert "经济增长预期目标" not in this_year
    assert "（2）" not in brief.charts.to_svg(brief.page_one_chart(b))


def test_page_one_of_guangdong_2026_has_no_task_phrases(province_data):
    from analysis.briefs import year as brief
    from analysis.tables import year as tables

    b = tables.load(province_data / "广东省" / "2026.txt", "广东省", 2026)
    page = brief.goals_html(b) + brief.notes_html(b)
    for junk in ("重点抓好", "锻造更多", "把握好", "高质量建好"):
        assert junk not in page, junk
    assert "地区生产总值" in brief.goals_html(b)


def test_csv_files_start_with_a_bom_and_read_back(tmp_path):
    df = pd.DataFrame({"地区": ["广东省"], "值": [1.5]})
    write_table(df, tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "广东省".encode() in raw
    assert pd.read_csv(tmp_path / "t.csv").columns.tolist() == ["地区", "值"]


def test_one_dataset_holds_every_reports_rows_and_no_lock_is_left(corpus_batch):
    out = corpus_batch
    per_report = list(out.glob("*/[0-9][0-9][0-9][0-9]/indicators.parquet"))
    assert len(per_report) >= 5
    combined = pd.read_parquet(out / "indicators.parquet")
    assert len(combined) == sum(len(pd.read_parquet(p)) for p in per_report)
    assert list(combined.columns[:3]) == ["region", "region_name", "level"]
    assert set(combined.loc[combined["region"] == "national", "region_name"]) == {"全国"}
    assert set(combined.loc[combined["region"] == "广东省", "level"]) == {"province"}
    targets = pd.read_parquet(out / "targets.parquet")
    per_region = list(out.glob("*/targets.parquet"))
    assert len(targets) == sum(len(pd.read_parquet(p)) for p in per_region) > 0
    assert not list(out.rglob("*.lock"))
    assert (out / "national" / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def _folder(tmp_path: Path, manifest: str | None) -> Path:
    folder = tmp_path / "甲县"
    folder.mkdir()
    (folder / "2023.txt").write_text("2023年政府工作报告\n地区生产总值增长5%。\n", encoding="utf-8")
    (folder / "2024.txt").write_bytes(
        "2024年政府工作报告\n地区生产总值增长6%。\n".encode("gb18030")
    )
    (folder / "README.md").write_text("not a report", encoding="utf-8")
    if manifest is not None:
        (folder / "manifest.csv").write_text(manifest, encoding="utf-8-sig")
    return folder


def test_import_a_folder_with_a_manifest(tmp_path):
    folder = _folder(
        tmp_path, "report_year,title,source_url\n2024,甲县2024年报告,https://x.cn/2024\n"
    )
    data = tmp_path / "raw"
    paths = import_folder(folder, data, level="county")
    assert [p.name for p in paths] == ["2023.txt", "2024.txt"]
    assert (data / "甲县" / "2024.txt").read_bytes() == (folder / "2024.txt").read_bytes()
    toml = (data / "甲县" / "region.toml").read_text(encoding="utf-8")
    assert 'level = "county"' in toml and 'title = "甲县2024年报告"' in toml
    assert "[reports.2023]" not in toml  # the manifest says nothing about 2023
    assert import_folder(folder, data) == paths  # again: nothing changes
    named = import_folder(folder, data, region="national")
    assert named[0].parent.name == "national"


def test_a_bad_folder_import_writes_nothing(tmp_path):
    data = tmp_path / "raw"
    folder = _folder(tmp_path, "year,title\n2025,no such report\n")
    with pytest.raises(InputError, match=r"manifest.csv:2: no report file for 2025"):
        import_folder(folder, data)
    (folder / "manifest.csv").unlink()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes.txt: a report file must be named <year>"):
        import_folder(folder, data)
    (folder / "notes.txt").unlink()
    (folder / "2022.txt").write_bytes(b"")
    with pytest.raises(InputError, match="2022.txt: empty file"):
        import_folder(folder, data)
    assert not data.exists()


def test_briefs_import_folder_on_the_command_line(tmp_path, capsys):
    from analysis.cli import main

    folder = _folder(tmp_path, None)
    assert main(["import", str(folder), "--region", "jia", "--data", str(tmp_path / "raw")]) == 0
    assert (tmp_path / "raw" / "jia" / "2023.txt").is_file()
    assert main(["import", str(folder / "2023.txt"), "--region", "x"]) == 1
    assert "--region and --level apply to a folder" in capsys.readouterr().err


def test_front_page_links_comparison_and_trends_first_without_build_status(tmp_path):
    out = tmp_path / "out"
    results = []
    for region, year, status in (("national", 2025, "skipped"), ("national", 1995, "earlier"),
                                 ("jia", 2026, "ok")):  # fmt: skip
        d = out / region / str(year)
        d.mkdir(parents=True)
        (d / "brief.html").write_text("x")
        results.append(Result("brief", region, year, status, str(d)))
    (out / "national" / "trends.html").write_text("x")
    results.append(Result("trends", "national", None, "skipped", str(out / "national")))
    folder = out / "compare" / "2026"
    folder.mkdir(parents=True)
    (folder / "compare.failed.ipynb").write_text("{}")
    results.append(Result("compare", "compare", 2026, "failed", str(folder), "boom"))
    page = index_html(out, results)
    for status in ("未变", "沿用", "本次未运行", "完成"):
        assert status not in page, status
    nav = page[page.index('<nav class="top">') : page.index("</nav>")]
    assert nav.index("#compare") < nav.index("#trends") < nav.index("#regions")
    assert page.index('href="compare/2026/') < page.index('href="national/trends.html"')
    assert page.index('href="national/trends.html"') < page.index('href="national/2025/brief.html"')
    assert "<summary>1990年代（1份）</summary>" in page and "<details open>" in page
    assert "未能生成（失败1项）" in page and "boom" in page


def test_injected_parameters_read_as_written():
    for value in ("广东省", '/tmp/raw/某 县/"x".txt', "a\\b\nc"):
        literal = ReadablePythonTranslator.translate_str(value)
        assert ast.literal_eval(literal) == value
    assert ReadablePythonTranslator.translate_str("广东省") == '"广东省"'


def test_batch_notebooks_carry_readable_parameters(corpus_batch):
    import json

    nb = json.loads((corpus_batch / "广东省" / "2026" / "brief.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    assert 'region = "广东省"' in source and "\\u" not in source


def test_year_ticks_never_run_together():
    from analysis.briefs.trends import _ticks

    ticks = _ticks(1954, 2025, most=170 // 42)
    assert len(ticks) <= 4 and all(b - a >= 20 for a, b in zip(ticks, ticks[1:], strict=False))
    assert _ticks(2023, 2025) == [2023, 2024, 2025]


def test_wrapped_labels_are_never_cut_at_the_limit():
    from analysis.briefs.charts import wrap

    assert wrap("地方一般公共预算收入", 9) == "地方一般公\n共预算收入"
    assert wrap("国内生产总值", 9) == "国内生产总值"
    assert wrap("一二三四五六七八九十一二三四五六七八九十一", 10).endswith("…")
