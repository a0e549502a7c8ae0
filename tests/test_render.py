"""Rendering: volatile metadata removed, offline HTML without code, A4 PDF with CJK font."""

from __future__ import annotations

import re
import shutil
import subprocess

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from analysis.briefs import render

EXTERNAL = re.compile(
    r"""<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I
)
ANY_URL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def executed(count: int, stamp: str, cell_id: str) -> nbformat.NotebookNode:
    cell = new_code_cell("x = 1  # 代码", execution_count=count)
    cell["id"] = cell_id
    cell.metadata["papermill"] = {"start_time": stamp, "duration": 0.5}
    cell.metadata["execution"] = {"iopub.execute_input": stamp}
    cell.outputs = [
        new_output(
            "display_data",
            data={"text/html": "<h1>某县简报</h1><p>正文</p>", "text/plain": "<HTML>"},
        ),  # fmt: skip
        new_output("stream", name="stderr", text=f"Loading model cost {count} seconds"),
        new_output("execute_result", data={"text/plain": "1"}, execution_count=count),
    ]
    nb = new_notebook(cells=[cell])
    nb.metadata["papermill"] = {"start_time": stamp, "end_time": stamp, "duration": 1.0}
    return nb


def test_clean_notebook_removes_volatile_parts():
    nb = render.clean_notebook(executed(7, "2026-01-01T00:00:00", "abc123"), title="标题")
    cell = nb.cells[0]
    assert cell.execution_count is None
    assert cell["id"] == "cell-0"
    assert "papermill" not in cell.metadata and "execution" not in cell.metadata
    assert "papermill" not in nb.metadata
    assert nb.metadata["title"] == "标题"
    assert [o["output_type"] for o in cell.outputs] == ["display_data", "execute_result"]
    assert cell.outputs[1]["execution_count"] is None


def test_same_content_gives_same_html_bytes():
    a = render.to_html(executed(1, "2026-01-01T00:00:00", "aaa"), "某县简报")
    b = render.to_html(executed(9, "2027-06-01T12:00:00", "zzz"), "某县简报")
    assert a == b


def test_html_is_offline_without_code_and_chinese():
    page = render.to_html(executed(1, "t", "i"), "某县简报")
    assert not EXTERNAL.search(page)
    assert not ANY_URL_ATTR.search(page)
    assert "<script" not in page.lower()
    assert "x = 1" not in page and "代码" not in page  # code hidden
    assert "某县简报" in page and '<html lang="zh">' in page
    assert "Noto Sans CJK SC" in page
    assert "Loading model" not in page


def test_notebook_title_reads_the_first_h1():
    assert render.notebook_title(executed(1, "t", "i")) == "某县简报"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils absent")
def test_pdf_is_a4_embeds_a_cjk_font_and_extracts(tmp_path):
    page = render.to_html(executed(1, "t", "i"), "某县简报")
    out = tmp_path / "b.pdf"
    render.html_to_pdf(page, out)
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"NotoSansCJK|Noto-Sans-CJK", fonts)
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "某县简报" in text and "正文" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)


def test_print_html_keeps_only_the_brief_stylesheet():
    page = render.to_html(executed(1, "t", "i"), "某县简报")
    printed = render.print_html(page)
    assert printed.count("<style") == 1 and 'id="brief-css"' in printed
    assert "某县简报" in printed and len(printed) < len(page) / 2


def test_print_html_leaves_out_what_print_hides():
    # The evidence block (details.html.j2) and the comparison's extra source rows are hidden by
    # the print stylesheet; the PDF path drops them before WeasyPrint styles them.
    from analysis.briefs import blocks

    details = blocks.render(
        "details.html.j2", intro="每个数字", csv="", items=[
            {"summary": "一、回顾", "paragraphs": ["</section><b>原文</b>"],
             "table": {"header": ["数字"], "rows": [["增长5%"]], "cls": "brief-table",
                       "widths": None}},
        ],
    )  # fmt: skip
    assert 'class="brief-block brief-full"' in details and "增长5%" in details
    rows = '<table><tr class="key"><td>目标5%左右</td></tr><tr class="more"><td>CPI 2%</td></tr>'
    cell = {"text/html": f"<h1>简报</h1><p>要点</p>{details}{rows}</table><p>结尾</p>"}
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data=cell)])])
    page = render.to_html(nb, "简报")
    printed = render.print_html(page)
    assert "增长5%" in page and "CPI 2%" in page  # the screen keeps both
    assert "增长5%" not in printed and "每个数字" not in printed and "CPI 2%" not in printed
    assert "要点" in printed and "目标5%左右" in printed and "结尾" in printed


def chart_notebook() -> nbformat.NotebookNode:
    """A brief-like notebook: an HTML block, a chart output (spec + SVG), an explore cell."""
    import pandas as pd

    from analysis.briefs import charts

    chart = charts.keyword_chart([("轴承", 9), ("企业", 7)], "全文高频词")
    cells = [
        new_code_cell("html", outputs=[new_output("display_data", data={"text/html": "<h1>简报</h1>"})]),
        new_code_cell("chart", outputs=[new_output("display_data", data=charts.bundle(chart))]),
        new_code_cell("b.table", outputs=[new_output("display_data", data={
            "text/html": "<p>探索用的表</p>"})]),
    ]  # fmt: skip
    cells[2].metadata["tags"] = [render.EXPLORE]
    assert pd  # the table a real explore cell shows is a DataFrame's HTML
    return new_notebook(cells=cells)


def test_charts_export_as_inline_svg_and_explore_cells_are_dropped():
    page = render.to_html(chart_notebook(), "简报")
    body = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    assert body.count("<svg") == 1 and "全文高频词" in body and "9次" in body
    assert "vega-lite" not in body and '"mark"' not in body  # the SVG, not the spec
    assert "<img" not in body and "data:image" not in body
    assert "探索用的表" not in page


def test_printed_page_leaves_out_the_evidence():
    from analysis.briefs import blocks

    details = blocks.render("details.html.j2", intro="", csv="", items=[
        {"summary": "一、回顾（2项数字）", "paragraphs": ["段落"], "table": None}])  # fmt: skip
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={
        "text/html": "<h1>简报</h1>" + details})])])  # fmt: skip
    page = render.to_html(nb, "简报")
    assert "<details>" in page and "一、回顾（2项数字）" in page  # on screen …
    css = re.search(r'<style[^>]*id="brief-css"[^>]*>(.*?)</style>', page, re.S).group(1)
    print_rules = css[css.index("@media print") :]
    assert ".brief-full" in print_rules and "display: none" in print_rules  # … not printed


def test_the_blocks_our_template_overrides_exist_in_nbconvert_s_base_template():
    # An override of a block nbconvert renamed or removed would be ignored without a word.
    assert render.unknown_blocks() == set()
    assert {"html_head_css", "data_svg", "html_head_js_mathjax"} <= render.template_blocks(
        render.BASE_TEMPLATE
    )
    renamed = (
        '{%- extends "lab/index.html.j2" -%}'
        "{% block html_head_css_renamed %}{% endblock %}{% block html_head_css %}{% endblock %}"
    )
    assert render.unknown_blocks(renamed) == {"html_head_css_renamed"}
