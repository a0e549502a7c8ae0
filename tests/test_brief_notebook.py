"""The year notebook under papermill: sample and fixture reports, offline HTML, PDF, bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis.briefs import render

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "brief.ipynb"
FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli" / "2024.txt"


def body(page: str) -> str:
    """The page without its stylesheets (whose selectors name classes like jp-InputArea)."""
    return re.sub(r"<style.*?</style>", "", page, flags=re.S)


URL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def run(tmp: Path, **params) -> tuple[str, object]:
    """Execute the notebook with ``params``; return its HTML and the executed notebook."""
    import papermill as pm

    nb = pm.execute_notebook(
        str(NOTEBOOK), str(tmp / "brief.ipynb"), parameters=params, cwd=str(NOTEBOOK.parent),
        progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    return render.to_html(nb, render.notebook_title(nb)), nb


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("fixture")
    page, nb = run(out, region="yangli", report_year=2024, source=str(FIXTURE), out_dir=str(out))
    (out / "brief.html").write_text(page, encoding="utf-8")
    return out, page


def test_notebook_runs_as_it_is_on_the_sample(tmp_path):
    """The defaults (JupyterLab's cwd notebooks/) run on data/raw/mouxian and write nothing."""
    page, nb = run(tmp_path)
    assert "某县2023年政府工作报告" in page
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    assert not (NOTEBOOK.parent / "indicators.csv").exists()
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags[0] == ["parameters"]
    # The explore section ran in the kernel (a DataFrame, a query, a chart) …
    explore = [c for c in nb.cells if render.EXPLORE in c.metadata.get("tags", [])]
    assert len(explore) >= 3 and all(c.cell_type == "markdown" or c.outputs for c in explore)
    table_out = next(c for c in explore if c.cell_type == "code").outputs[0]
    assert "text/html" in table_out["data"] and "sentence" in table_out["data"]["text/html"]
    # … and is not in the exported brief.
    assert "探索" not in page and "b.table" not in page


def chart_outputs(nb) -> list[dict]:
    return [
        o for c in nb.cells for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {})
    ]


def test_charts_are_spec_and_svg_outputs_never_inside_html(fixture_run):
    """Opened untrusted in JupyterLab, an SVG inside HTML is stripped: charts are outputs of
    their own, the Vega-Lite spec (drawn live even untrusted) beside the SVG (for nbconvert)."""
    from analysis.briefs import charts

    nb = nbformat.read(fixture_run[0] / "brief.ipynb", as_version=4)
    outs = chart_outputs(nb)
    assert len(outs) >= 2
    for o in outs:
        assert set(o["data"]) == {charts.VEGALITE_MIME, "image/svg+xml", "text/plain"}
        assert o["data"][charts.VEGALITE_MIME]["$schema"].endswith("v5.json")
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert "<svg" not in str(o.get("data", {}).get("text/html", ""))


def test_markdown_headings_give_the_table_of_contents(fixture_run):
    nb = nbformat.read(fixture_run[0] / "brief.ipynb", as_version=4)
    headings = [
        line for c in nb.cells if c.cell_type == "markdown"
        for line in c.source.splitlines() if line.startswith("## ")
    ]  # fmt: skip
    assert headings[:4] == [
        "## 核心指标",
        "## 预期目标与完成情况",
        "## 各部分要点",
        "## 披露与高频词",
    ]


def test_html_offline_chinese_charts_no_code(fixture_run):
    out, page = fixture_run
    assert not URL_ATTR.search(page), URL_ATTR.search(page)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert len(re.findall(r"<svg\b", page)) >= 2
    assert "样例市2024年政府工作报告" in page and "核心指标" in page and "2024年预期目标" in page
    assert "brief.load" not in page and "jp-InputArea-editor" not in body(page)
    assert "report_year = " not in body(page) and "import " not in body(page)
    assert (out / "indicators.csv").exists()
    assert '<a href="indicators.csv">' in page
    assert page.count("<details>") >= 3  # the evidence, collapsed


def test_hostile_report_text_shows_as_text(fixture_run):
    _, page = fixture_run
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "<img" not in body(page)
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", page, re.I)


def test_no_raw_values_leak(fixture_run):
    _, page = fixture_run
    text = re.sub(r"<svg.*?</svg>|<style.*?</style>", "", page, flags=re.S)
    assert not re.search(r"\bnan\b|\bNone\b|&lt;NA&gt;|\(\d+(?:\.\d+)?, \d", text)


def test_same_inputs_give_same_html_bytes(fixture_run, tmp_path):
    _, first = fixture_run
    again, _ = run(
        tmp_path, region="yangli", report_year=2024, source=str(FIXTURE), out_dir=str(tmp_path)
    )
    assert again == first


def test_parameters_cannot_inject_code(tmp_path):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as err:
        run(tmp_path, region='x"\nimport os\nos.system("touch pwned")\n"', report_year=2024,
            source=str(FIXTURE))  # fmt: skip
    assert err.value.ename == "InputError"
    assert not (NOTEBOOK.parent / "pwned").exists() and not (tmp_path / "pwned").exists()
    assert pm  # papermill wrote the region as a repr(): the newline stayed inside the string


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils absent")
def test_pdf_embeds_cjk_font_and_text_extracts(fixture_run):
    out, page = fixture_run
    pdf = out / "brief.pdf"
    render.html_to_pdf(page, pdf, base_url=out)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Noto-?Sans-?CJK-?SC", fonts)
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "样例市2024年政府工作报告" in text and "核心指标" in text
    assert "地区生产总值" in text  # chart labels stay text (vector), not pixels
    pages = text.split("\f")[:-1]
    assert len(pages) <= 4
    # Page one stands alone: key figures, this year's targets, last year's met or missed.
    for words in ("核心指标", "核心指标增速", "2024年预期目标", "2023年目标完成情况", "未完成"):
        assert words in pages[0], words
    assert "原句" not in text  # the evidence is not printed
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
