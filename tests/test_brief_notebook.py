"""The year notebook under papermill: sample and fixture reports, offline HTML, PDF, bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

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
    page, _ = run(out, region="yangli", report_year=2024, source=str(FIXTURE), out_dir=str(out))
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


def test_html_offline_chinese_charts_no_code(fixture_run):
    out, page = fixture_run
    assert not URL_ATTR.search(page), URL_ATTR.search(page)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert len(re.findall(r"<svg\b", page)) >= 3
    assert "样例市2024年政府工作报告" in page and "核心指标" in page and "2024年预期目标" in page
    assert "brief.load" not in page and "jp-InputArea" not in body(page)
    assert "report_year = " not in body(page) and "import " not in body(page)
    assert (out / "indicators.csv").exists()
    assert '<a href="indicators.csv">' in page


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
    # Sections flow across pages: no page but the last is left mostly empty.
    assert len(pages) >= 3 and all(len(p.strip()) > 300 for p in pages[:-1]), [
        len(p) for p in pages
    ]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
