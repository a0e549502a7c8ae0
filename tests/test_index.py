"""The front page: the comparisons first (the newest with its table), then trends, then each
region's briefs by decade; failures last."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis import keys
from analysis.run.index import index_html
from analysis.run.jobs import Result
from analysis.schema import compare_frame
from analysis.store import write_table


def _brief(out, region, year, status="ok", **kw):
    d = out / region / str(year)
    d.mkdir(parents=True, exist_ok=True)
    if status == "ok":
        (d / "brief.html").write_text("x")
        (d / "brief.pdf").write_text("x")
    else:
        (d / "brief.failed.ipynb").write_text("{}")
    return Result("brief", region, year, status, str(d), **kw)


def _comparison(out, year=2026):
    folder = out / "compare" / str(year)
    folder.mkdir(parents=True)
    regions = [
        {"region": "jia", "name": "<b>甲</b>省", "level": "province", "status": "ok"},
        {"region": "yi", "name": "乙省", "level": "province", "status": "ok"},
        {"region": "bing", "name": "丙省", "level": "province", "status": "failed"},
    ]
    (folder / "regions.json").write_text(
        json.dumps({"year": year, "level": "province", "regions": regions}, ensure_ascii=False),
        encoding="utf-8",
    )
    rows = []
    for region, name, text, low, high, q in (
        ("jia", "<b>甲</b>省", "5%左右", 5.0, 5.0, "approx"),
        ("yi", "乙省", "4.5%—5%", 4.5, 5.0, "range"),
    ):
        rows.append(dict(region=region, name=name, level="province", year=year, indicator="gdp",
                         kind="growth", role="target", period=year, value=None if q == "range"
                         else low, low=low, high=high, qualifier=q, unit="%", text=text,
                         sentence=f"<script>x</script>地区生产总值增长{text}"))  # fmt: skip
    write_table(compare_frame(rows), folder / "compare.csv")
    for name in ("compare.html", "compare.pdf"):
        (folder / name).write_text("x")
    return Result("compare", "compare", year, "ok", str(folder))


def test_index_opens_on_the_comparison_then_lists_the_briefs(tmp_path):
    out = tmp_path / "out"
    results = [
        _brief(out, "jia", 2026),
        _brief(out, "yi", 2026),
        _brief(out, "bing", 2026, "failed", error="InputError: <img src=x>", cell="cell 1 (x)"),
        _brief(out, "jia", 2025),
        _comparison(out),
    ]
    page = index_html(out, results)
    # The comparison (title, links, table) comes before the briefs.
    assert page.index("2026年各省份主要目标对比") < page.index('class="compare-table"')
    assert page.index('class="compare-table"') < page.index('<section id="regions">')
    assert '<a href="compare/2026/compare.html">HTML</a>' in page
    assert '<a href="compare/2026/compare.csv">CSV</a>' in page
    # The table: each region linked to its brief, the sentence as the cell's title, the failed
    # region marked, headers sortable; all text escaped.
    assert '<a href="jia/2026/brief.html">&lt;b&gt;甲&lt;/b&gt;省</a>' in page
    assert 'title="&lt;script&gt;x&lt;/script&gt;地区生产总值增长5%左右"' in page
    assert re.search(r'<tr class="failed"><th scope="row">丙省<span class="tag">（失败）', page)
    assert 'data-col="3"' in page and 'data-sort="4.75"' in page
    # The briefs: links per year; the failure listed last with its cell and error, escaped.
    regions = page[page.index('<section id="regions">') :]
    assert '<a href="yi/2026/brief.pdf">PDF</a>' in regions
    assert regions.index('<th scope="row">2026年</th>') < regions.index(
        '<th scope="row">2025年</th>'
    )
    failed = page[page.index('<section id="failed">') :]
    assert "cell 1 (x)：InputError: &lt;img src=x&gt;" in failed and "<img" not in page
    assert '<a href="bing/2026/brief.failed.ipynb">失败的notebook</a>' in failed
    # Offline and self-contained: an inline script, nothing from the network.
    assert "http" not in page and page.count("<script") == 1
    assert "src=" not in page.replace("&lt;img src=x&gt;", "")


def test_index_without_comparison_and_other_failures(tmp_path):
    out = tmp_path / "out"
    results = [
        _brief(out, "mouxian", 2023),
        Result("region", "mouxian", None, "failed", str(out / "mouxian"), "targets.csv: boom"),
        Result("trends", "mouxian", None, "failed", str(out / "mouxian"), "KeyError: x"),
    ]
    page = index_html(out, results)
    assert 'class="compare-table"' not in page and "<script" not in page
    assert 'href="#compare"' not in page and '<th scope="row">2023年</th>' in page
    failed = page[page.index('<section id="failed">') :]
    assert (
        "未能生成（失败2项）" in failed
        and "KeyError: x" in failed
        and "targets.csv: boom" in failed
    )


def test_a_failed_comparison_is_listed_as_failed(tmp_path):
    out = tmp_path / "out"
    folder = out / "compare" / "2026"
    folder.mkdir(parents=True)
    (folder / "compare.failed.ipynb").write_text("{}")
    results = [
        _brief(out, "jia", 2026),
        Result("compare", "compare", 2026, "failed", str(folder), "ValueError: bad", "cell 1 (y)"),
    ]
    page = index_html(out, results)
    failed = page[page.index('<section id="failed">') :]
    assert "cell 1 (y)：ValueError: bad" in failed
    assert '<a href="compare/2026/compare.failed.ipynb">失败的notebook</a>' in failed


def test_index_reads_the_comparison_written_by_an_earlier_run(tmp_path):
    out = tmp_path / "out"
    _comparison(out)
    page = index_html(out, [_brief(out, "jia", 2026)])
    assert page.count('<tr class="ok"><th scope="row"><a href=') == 2 and "乙省" in page
    df = pd.read_csv(out / "compare" / "2026" / "compare.csv")
    assert len(df) == 2


def _card(page: str, title: str) -> str:
    """The region card of ``title`` on the page."""
    start = page.index(f"<h4>{title}</h4>")
    return page[start : page.index("</div>", start)]


def test_each_brief_links_its_source_view_with_the_count_not_extracted(tmp_path):
    out = tmp_path / "out"
    counted = _brief(out, "jia", 2026)
    (Path(counted.out_dir) / "source.html").write_text("x")
    keys.write(Path(counted.out_dir) / "provenance.json", {"key": "k", "not_extracted": 12})
    uncounted = _brief(out, "yi", 2026)  # a source view from before the count was recorded
    (Path(uncounted.out_dir) / "source.html").write_text("x")
    without = _brief(out, "bing", 2026)  # no source view written (yet): no link
    page = index_html(out, [counted, uncounted, without])
    assert '<a href="jia/2026/source.html">原文对照（未提取12）</a>' in _card(page, "jia")
    assert '<a href="yi/2026/source.html">原文对照</a>' in _card(page, "yi")
    bing = _card(page, "bing")
    assert "source.html" not in bing and '<a href="bing/2026/brief.html">' in bing


def test_regions_are_shown_by_the_name_a_reader_knows_grouped_by_level(tmp_path):
    out, data = tmp_path / "out", tmp_path / "raw"
    (data / "广东省").mkdir(parents=True)
    gd = _brief(out, "广东省", 2026)
    keys.write(Path(gd.out_dir) / "provenance.json",
                     {"key": "k", "parameters": {"data_dir": str(data / "广东省")}})  # fmt: skip
    page = index_html(out, [gd, _brief(out, "national", 2025)])
    assert "<h4>全国（national）</h4>" in page  # no region.toml: still in Chinese
    assert "<h4>广东省</h4>" in page  # the folder name is the name: once
    assert page.index("<h3>全国</h3>") < page.index("<h3>省份</h3>") < page.index("<h4>广东省</h4>")
